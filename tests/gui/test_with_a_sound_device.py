"""Films played to a sound device: a PulseAudio server with a null sink is started for the run, and
tests/gui/sound_device_cases.py runs against it in a pytest of its own (Qt Multimedia looks for a
sound server once per process, and the rest of the suite runs without one)."""

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gui.conftest import run_tests_apart

CASES = Path(__file__).with_name("sound_device_cases.py")

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.fixture
def sound_server(tmp_path: Path) -> Iterator[str]:
    """A private PulseAudio server whose one output is a null sink; its address, for PULSE_SERVER."""
    pulseaudio = shutil.which("pulseaudio")
    assert pulseaudio, "pulseaudio is missing: tools/system-deps.sh --test installs it"
    runtime, home = tmp_path / "runtime", tmp_path / "home"
    runtime.mkdir(mode=0o700)
    home.mkdir()
    socket = runtime / "native"
    server = subprocess.Popen(
        [
            pulseaudio,
            "--daemonize=no",
            "--use-pid-file=no",
            "--exit-idle-time=-1",
            "-n",  # no default configuration: only the modules below
            "--load=module-null-sink sink_name=kiosk_test",
            f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
        ],
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while not socket.exists() and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # polling another process
        if not socket.exists():
            server.kill()
            pytest.fail(f"pulseaudio did not start: {server.communicate()[1]}")
        yield f"unix:{socket}"
    finally:
        server.terminate()
        server.communicate(timeout=20)


def test_films_with_a_sound_device(sound_server: str, tmp_path: Path) -> None:
    environment = {**os.environ, "PULSE_SERVER": sound_server, "QT_QPA_PLATFORM": "offscreen"}
    run_tests_apart(CASES, environment, tmp_path / "cases")
