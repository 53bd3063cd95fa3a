import os
import wave
from pathlib import Path

# Set before Qt is imported anywhere: tests render offscreen, in software, the same on every machine.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"
# A Python method connected as a slot without @Slot gets a slot of its own on each object, and with
# it a metaobject of the object's own, which dies with it; a later object's metaobject at the same
# address then meets the QML engine's cache of the dead one, and reads every property as
# undefined. PySide says so under this logging category: the tests fail on it.
os.environ["QT_LOGGING_RULES"] = "qt.pyside.libpyside.warning=true"

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
MINI_EXHIBIT = REPOSITORY / "tests" / "data" / "mini"
SHIPPED_EXHIBITS = sorted(path.parent for path in (REPOSITORY / "exhibits").glob("*/exhibit.yaml"))


@pytest.fixture
def mini_exhibit_dir() -> Path:
    return MINI_EXHIBIT


@pytest.fixture(autouse=True, scope="session")
def _own_user_folders(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Settings, caches and logs of the kiosk under test go to a folder of the test run's own."""
    home = tmp_path_factory.mktemp("user")
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_DATA_HOME", "data"),
    ):
        os.environ[variable] = str(home / folder)


def write_wav(path: Path, seconds: float, rate: int = 8000) -> Path:
    """A silent mono WAV of the given length: sound for narrations in tests."""
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(bytes(2 * round(rate * seconds)))
    return path
