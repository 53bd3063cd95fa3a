"""The films' tests again where Qt Quick draws through a graphics API, as on a kiosk with a graphics
card: OpenGL on a private Xvfb (Mesa's llvmpipe here), in a pytest of its own, since the rest of the
suite draws offscreen in software and Qt chooses its renderer once per process. There a film is drawn
by Qt Multimedia's VideoOutput (FilmPicture.qml), not by the kiosk's own surface
(docs/adr/0037-films-in-the-software-renderer.md)."""

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gui.conftest import run_tests_apart

FILMS = Path(__file__).with_name("test_video.py")

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    """A private Xvfb the size of the kiosk's screen; its display name."""
    assert shutil.which("Xvfb"), "Xvfb is missing: tools/system-deps.sh installs it"
    read_end, write_end = os.pipe()
    log = tmp_path / "xvfb.log"
    with log.open("w") as errors:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    try:
        assert number, f"Xvfb did not start: {log.read_text()}"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_films_where_qt_quick_draws_through_opengl(x_display: str, tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "QSG_"))}
    environment |= {"DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "KIOSK_TEST_GRAPHICS_API": "opengl"}
    run_tests_apart(FILMS, environment, tmp_path / "films")
