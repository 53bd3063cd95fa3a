"""A kiosk on a machine without a graphics card draws in software, not through emulated OpenGL.

Fault: `kiosk run` on an X server without a graphics card (Xvfb here) rendered through Mesa's
llvmpipe, which rasterizes every frame of the whole window on the processor: the idle attract loop
took both cores. The kiosk now probes the display before it makes its window and draws with Qt
Quick's software renderer; the installation setting `renderer` can still force either.

Each test starts the real `kiosk run` on a private Xvfb, with nothing in the environment choosing
for it, and reads its log and the libraries it has loaded.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.app.renderer import ProbeProcess
from tests.conftest import MINI_EXHIBIT
from tests.faults.conftest import wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Xvfb and /proc are Linux's"),
    pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb (tools/system-deps.sh installs it)"),
]

#: Libraries of Mesa's rasterizers on the processor: loaded only by a process that draws with them.
MESA_RASTERIZERS = ("swrast_dri", "libLLVM", "libgallium", "kms_swrast")


@pytest.fixture
def display() -> Iterator[str]:
    """A private X server the size of a kiosk's screen, without a graphics card or window manager."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    try:
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def x_environment(display: str, tmp_path: Path) -> dict[str, str]:
    """This process's environment on `display`, with no renderer chosen in it."""
    environment = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    for variable in ("QT_QUICK_BACKEND", "QSG_RHI_BACKEND", "WAYLAND_DISPLAY"):
        environment.pop(variable, None)
    return environment


StartKiosk = Callable[..., tuple[subprocess.Popen[str], Path]]


@pytest.fixture
def kiosk(display: str, tmp_path: Path) -> Iterator[StartKiosk]:
    """Starts `kiosk run` on the display with the given settings and environment variables."""
    started: list[subprocess.Popen[str]] = []

    def start(settings: str, **variables: str) -> tuple[subprocess.Popen[str], Path]:
        settings_file = tmp_path / "settings.yaml"
        settings_file.write_text(f"log_dir: {tmp_path / 'logs'}\n{settings}", encoding="utf-8")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk",
                "run",
                "--windowed",
                "--settings",
                str(settings_file),
                str(MINI_EXHIBIT),
            ],
            env={**x_environment(display, tmp_path), **variables},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        return process, tmp_path / "logs" / "kiosk.log"

    yield start
    for process in started:
        process.terminate()
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def wait_for_line(log_file: Path, text: str, process: subprocess.Popen[str]) -> str:
    """The log once it holds `text`."""

    def log() -> str:
        return log_file.read_text(encoding="utf-8") if log_file.exists() else ""

    wait_for(lambda: text in log(), process)
    return log()


def loaded_rasterizers(process: subprocess.Popen[str]) -> set[str]:
    maps = Path(f"/proc/{process.pid}/maps").read_text(encoding="utf-8")
    return {name for name in MESA_RASTERIZERS if name in maps}


def test_without_a_graphics_card_the_kiosk_draws_in_software(kiosk: StartKiosk) -> None:
    process, log_file = kiosk("")
    log = wait_for_line(log_file, "renderer in use:", process)
    # The choice and its reason, said once, before the window is made; then what it draws with.
    assert log.count("renderer: software (no hardware GPU: ") == 1
    assert "renderer in use: Qt Quick draws with its software renderer" in log
    # Nothing of Mesa's rasterizers was loaded into the kiosk: the probe ran in a process of its own.
    assert loaded_rasterizers(process) == set()


def test_the_installation_setting_can_force_opengl(kiosk: StartKiosk, display: str, tmp_path: Path) -> None:
    found = ProbeProcess.start(x_environment(display, tmp_path)).result()
    if not found.renderer:
        pytest.skip(f"no OpenGL on Xvfb here to force: {found.problem}")
    process, log_file = kiosk("renderer: hardware\n")
    log = wait_for_line(log_file, "renderer in use:", process)
    assert "renderer: hardware (installation setting renderer: hardware)" in log
    assert "renderer in use: Qt Quick draws with OpenGL" in log
    assert loaded_rasterizers(process), "the OpenGL the kiosk was told to use is Mesa's, on the processor"


def test_the_environment_overrides_the_setting(kiosk: StartKiosk) -> None:
    process, log_file = kiosk("renderer: hardware\n", QT_QUICK_BACKEND="software")
    log = wait_for_line(log_file, "renderer in use:", process)
    assert (
        "renderer: software (QT_QUICK_BACKEND=software in the environment, not the setting renderer: hardware)"
        in log
    )
    assert "renderer in use: Qt Quick draws with its software renderer" in log
