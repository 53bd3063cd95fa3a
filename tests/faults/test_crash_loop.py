"""No crash loop, ever: a kiosk that cannot start climbs to safe mode, then to the out-of-order
screen, and comes back by itself; every crash says why, in the logs.

The supervisor here is the real one, running real `kiosk` processes; the out-of-order screen is
always the real one, and under Xvfb the test looks at the pixels on the X screen.
"""

import io
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.app.out_of_order import DEFAULT_PAPER, read_look
from kiosk.app.supervisor import (
    EXIT_NO_CONTENT,
    EXIT_RESTART,
    EXIT_SOFTWARE,
    Mode,
    Supervisor,
    kiosk_supervisor,
)
from kiosk.content.snapshot import snapshot_path
from kiosk.content.versions import VersionStore
from tests.conftest import MINI_EXHIBIT, REPOSITORY

MOON_PHASES = REPOSITORY / "exhibits" / "moon-phases"
DEADLINE_S = 90
SCREEN = (1280, 720)
#: Quick, but still with the supervisor's hang detection and its real rungs.
QUICKLY = {"backoff_base": 0.05, "poll_interval": 0.05, "kill_after": 5.0, "startup_grace": 60.0}

GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
sys.exit(0 if QGuiApplication.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)
"""

# A kiosk whose start-up breaks while the fault file exists, in normal and in safe mode alike:
# it stands for any fault that safe mode does not cure. Without the file it is the real kiosk.
BROKEN_KIOSK = """
import sys
from pathlib import Path
fault = Path(sys.argv[1])
if sys.argv[2] == "run" and fault.exists():
    raise RuntimeError(fault.read_text())
from kiosk.cli import main
sys.exit(main(sys.argv[2:]))
"""


def wait_for(condition: Callable[[], bool], what: str, timeout: float = DEADLINE_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.05)  # polling other processes and files, not a UI of this process


@pytest.fixture
def user_folders(tmp_path: Path) -> dict[str, str]:
    """The kiosk's settings, data, caches, logs and temporary folders, this test's own."""
    return {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "TMPDIR": str(tmp_path),
    }


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private Xvfb screen, for as long as the test lasts."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (tools/system-deps.sh installs it)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            "{}x{}x24".format(*SCREEN),
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as display_pipe:
            display = display_pipe.readline().strip()
        assert display, "Xvfb did not start"
        yield f":{display}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def grab(display: str, path: Path) -> QImage:
    """What the X screen shows now, as the kiosk's visitors would see it."""
    environment = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    subprocess.run([sys.executable, "-c", GRAB, str(path)], env=environment, check=True, timeout=60)
    return QImage(str(path))


def colour_at(image: QImage, x: int, y: int) -> str:
    return image.pixelColor(x, y).name().upper()


def corners(image: QImage) -> set[str]:
    right, bottom = image.width() - 1, image.height() - 1
    return {colour_at(image, x, y) for x, y in ((0, 0), (right, 0), (0, bottom), (right, bottom))}


def colours(image: QImage) -> set[str]:
    return {colour_at(image, x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}


class Running:
    """A supervisor running on a thread of its own, stopped when the test ends."""

    def __init__(self, supervisor: Supervisor) -> None:
        self.supervisor = supervisor
        self.thread = threading.Thread(target=supervisor.run, kwargs={"handle_signals": False})
        self.thread.start()

    def runs(self) -> list[tuple[Mode, int | None]]:
        return [(run.mode, run.status) for run in list(self.supervisor.runs)]

    def stop(self) -> None:
        self.supervisor.stop()
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), "the supervisor did not stop"


@pytest.fixture
def running() -> Iterator[Callable[[Supervisor], Running]]:
    started: list[Running] = []

    def start(supervisor: Supervisor) -> Running:
        started.append(Running(supervisor))
        return started[-1]

    yield start
    for each in started:
        each.stop()


@pytest.mark.slow
def test_a_kiosk_that_cannot_start_climbs_to_the_out_of_order_screen_and_comes_back(
    tmp_path: Path,
    x_display: str,
    user_folders: dict[str, str],
    running: Callable[[Supervisor], Running],
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.supervisor")
    exhibit = tmp_path / "moon-phases"
    shutil.copytree(MOON_PHASES, exhibit)
    look = read_look(exhibit / "exhibit.yaml")
    assert look.paper != DEFAULT_PAPER, "an exhibit of its own colours, to tell them from the defaults"
    fault = tmp_path / "fault"
    fault.write_text("the kiosk cannot start on this machine", encoding="utf-8")
    (tmp_path / "broken_kiosk.py").write_text(BROKEN_KIOSK, encoding="utf-8")
    broken = [sys.executable, str(tmp_path / "broken_kiosk.py"), str(fault)]
    arguments = [str(exhibit), "--log-dir", str(tmp_path / "logs")]
    heartbeat = tmp_path / "heartbeat"
    environment = {**os.environ, **user_folders, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb"}
    kiosk = running(
        Supervisor(
            [*broken, "run", *arguments],
            safe_mode_command=[*broken, "run", "--safe-mode", *arguments],
            out_of_order_command=[
                sys.executable,
                "-m",
                "kiosk",
                "out-of-order",
                "--retry-after",
                "600",
                *arguments,
            ],
            heartbeat_path=heartbeat,
            env=environment,
            stderr=io.StringIO(),
            **QUICKLY,
        )
    )

    wait_for(
        lambda: kiosk.supervisor.mode is Mode.OUT_OF_ORDER and heartbeat.exists(),
        "the out-of-order screen runs",
    )
    assert kiosk.runs() == [(Mode.NORMAL, 1)] * 3 + [(Mode.SAFE, 1)] * 3
    assert all(
        run.cause == "exit status 1, RuntimeError: the kiosk cannot start on this machine"
        for run in list(kiosk.supervisor.runs)
    )
    messages = [record.getMessage() for record in caplog.records]
    assert any(m.endswith("cannot start on this machine); starting it in safe mode") for m in messages)
    assert any(m.endswith("cannot start on this machine); showing the out-of-order screen") for m in messages)

    # Full-screen, in the exhibit's colours, never the desktop.
    screenshot = tmp_path / "out-of-order.png"
    wait_for(lambda: corners(grab(x_display, screenshot)) == {look.paper.upper()}, "the screen shows it")
    shown = colours(grab(x_display, screenshot))
    assert look.ink.upper() in shown, "its words, in the exhibit's ink"
    assert {accent.upper() for accent in look.accents} <= shown, "the exhibit's accents"

    # A fix to the exhibit's folder: the screen gives way, and the kiosk is tried normally again.
    fault.unlink()
    (exhibit / "exhibit.yaml").write_text(
        (exhibit / "exhibit.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    wait_for(
        lambda: (
            (Mode.OUT_OF_ORDER, EXIT_RESTART) in kiosk.runs()
            and kiosk.supervisor.mode is Mode.NORMAL
            and heartbeat.exists()
        ),
        "the kiosk runs normally again",
    )
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "the exhibit folder changed; asking the supervisor to try the kiosk again" in log
    assert f"opening {exhibit}; settings" in log, "a normal start, not safe mode"


@pytest.mark.slow
def test_a_kiosk_started_before_its_share_is_mounted_shows_the_exhibit_once_it_is(
    tmp_path: Path,
    x_display: str,
    user_folders: dict[str, str],
    running: Callable[[Supervisor], Running],
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.supervisor")
    share = tmp_path / "share"
    exhibit = share / "moon-phases"
    heartbeat = tmp_path / "heartbeat"
    environment = {**os.environ, **user_folders, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb"}
    kiosk = running(
        kiosk_supervisor(
            [str(exhibit), "--log-dir", str(tmp_path / "logs")],
            heartbeat_path=heartbeat,
            env=environment,
            stderr=io.StringIO(),
            **QUICKLY,
        )
    )
    wait_for(
        lambda: kiosk.supervisor.mode is Mode.OUT_OF_ORDER and heartbeat.exists(),
        "the out-of-order screen runs",
    )
    assert kiosk.runs() == [(Mode.NORMAL, EXIT_NO_CONTENT)], "straight there: nothing to show is no crash"
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert (
        f"nothing to show: the exhibit folder {exhibit} does not exist (a share not mounted, or a wrong "
        "path?), and nothing was published before"
    ) in log
    assert any(
        record.getMessage().startswith("the kiosk has nothing valid to show (exit status 69")
        for record in caplog.records
    )
    screenshot = tmp_path / "screen.png"
    wait_for(
        lambda: corners(grab(x_display, screenshot)) == {DEFAULT_PAPER}, "the screen, in the default look"
    )

    shutil.copytree(MOON_PHASES, exhibit)  # the share is mounted
    paper = read_look(exhibit / "exhibit.yaml").paper.upper()
    wait_for(
        lambda: (Mode.OUT_OF_ORDER, EXIT_RESTART) in kiosk.runs() and heartbeat.exists(),
        "the kiosk runs again",
    )
    wait_for(lambda: corners(grab(x_display, screenshot)) == {paper}, "the kiosk shows the exhibit")
    assert kiosk.supervisor.mode is Mode.NORMAL
    assert "the exhibit folder appeared; asking the supervisor" in (
        tmp_path / "logs" / "kiosk.log"
    ).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_kiosk_that_aborts_at_every_start_runs_in_safe_mode(
    tmp_path: Path,
    user_folders: dict[str, str],
    running: Callable[[Supervisor], Running],
    qtbot: QtBot,
) -> None:
    # The service's environment names a renderer that does not exist (a typing mistake in the
    # unit file): Qt gives up drawing and aborts at every start. Safe mode draws in software.
    heartbeat = tmp_path / "heartbeat"
    environment = {
        **os.environ,
        **user_folders,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_QUICK_BACKEND": "sofware",
    }
    kiosk = running(
        kiosk_supervisor(
            [str(MINI_EXHIBIT), "--windowed", "--log-dir", str(tmp_path / "logs")],
            heartbeat_path=heartbeat,
            env=environment,
            stderr=io.StringIO(),
            **QUICKLY,
        )
    )
    wait_for(lambda: kiosk.supervisor.mode is Mode.SAFE and heartbeat.exists(), "safe mode runs")
    assert kiosk.runs() == [(Mode.NORMAL, -signal.SIGABRT)] * 3
    assert all(
        run.cause.startswith("killed by SIGABRT, Fatal Python error: Aborted, after qt.")
        for run in list(kiosk.supervisor.runs)
    )
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "opening" in log
    assert "Safe mode, because the kiosk failed 3 times in a row" in log, "said on the staff screen"


@pytest.mark.slow
def test_safe_mode_shows_the_last_good_version_and_trusts_nothing_kept(tmp_path: Path) -> None:
    data_dir, cache_dir = tmp_path / "data", tmp_path / "cache"
    exhibit = tmp_path / "mini"
    shutil.copytree(MINI_EXHIBIT, exhibit)
    store = VersionStore.for_exhibit(data_dir / "kiosk", exhibit)
    shown = store.publish().version
    assert shown is not None
    # A damaged snapshot whose fingerprint still matches, a settings file with a mistake, and a
    # folder changed since it was published: safe mode reads none of it.
    from kiosk.app.publishing import keep_snapshot
    from kiosk.content.loader import load_exhibit

    result = load_exhibit(shown.folder)
    assert result.exhibit is not None
    keep_snapshot(cache_dir / "kiosk", shown, result.exhibit, result.files)
    snapshot = snapshot_path(cache_dir / "kiosk", shown.folder)
    document = json.loads(snapshot.read_text(encoding="utf-8"))
    document["summary"]["languages"] = []
    snapshot.write_text(json.dumps(document), encoding="utf-8")
    damaged = snapshot.read_bytes()
    settings = tmp_path / "settings.yaml"
    settings.write_text("idle_timout: 30\ndaily_restart: '04:30'\n", encoding="utf-8")
    (exhibit / "exhibit.yaml").write_text(
        (exhibit / "exhibit.yaml").read_text(encoding="utf-8").replace("Mini Exhibit", "Changed"),
        encoding="utf-8",
    )
    heartbeat = tmp_path / "heartbeat"
    environment = {
        **os.environ,
        "XDG_DATA_HOME": str(data_dir),
        "XDG_CACHE_HOME": str(cache_dir),
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_HEARTBEAT": str(heartbeat),
        "TMPDIR": str(tmp_path),  # where its temporary cache folder is made
    }
    logs = tmp_path / "logs"
    command = [
        "run",
        "--safe-mode",
        str(exhibit),
        "--windowed",
        "--settings",
        str(settings),
        "--log-dir",
        str(logs),
    ]
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", *command],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: heartbeat.exists() or process.poll() is not None, "the safe-mode kiosk beats")
        assert process.poll() is None, process.communicate()[1]
        first = heartbeat.read_text(encoding="ascii")
        wait_for(lambda: heartbeat.read_text(encoding="ascii") != first, "its event loop runs on")
        [temporary] = tmp_path.glob("kiosk-safe-mode-*")
        assert not list(temporary.glob("snapshots/*")), "no snapshot in its temporary cache either"
    finally:
        process.terminate()
        process.communicate(timeout=30)
    assert not temporary.exists(), "its temporary caches go when it stops"
    log = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert f"opening {exhibit} in safe mode" in log
    assert (
        "safe mode: running on the default settings, but for the exhibit, the log folder and the metrics"
        in log
    )
    assert f"Safe mode, because it was started with --safe-mode. Showing version {shown.name}" in log
    assert snapshot.read_bytes() == damaged, "the snapshot was neither read into the kiosk nor written"
    assert [version.name for version in store.versions()] == [shown.name], "nothing was published at start"


def test_an_unexpected_error_is_logged_with_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    from kiosk.app import run as run_module
    from kiosk.app.run import RunOptions, run_exhibit

    def broken_window(*_arguments: object, **_keywords: object) -> None:
        raise RuntimeError("the window could not be made")

    monkeypatch.setattr(run_module, "create_ui", broken_window)
    # A cache of its own: with another test's snapshot of the exhibit, the window is made from it.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    logs = tmp_path / "logs"
    options = RunOptions(windowed=True, settings_path=tmp_path / "settings.yaml", log_dir=logs)
    assert run_exhibit(MINI_EXHIBIT, options) == EXIT_SOFTWARE
    log = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert (
        "ERROR kiosk.app.run: the kiosk stopped on an unexpected error\nTraceback (most recent call last):"
        in log
    )
    assert "in _run\n    ui = create_ui(" in log
    assert "RuntimeError: the window could not be made" in log


def test_a_crash_of_python_itself_prints_its_stack(tmp_path: Path) -> None:
    code = (
        "from kiosk.app import run; run._report_fatal_errors(); import faulthandler; faulthandler._sigsegv()"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert completed.returncode != 0
    assert "Fatal Python error: Segmentation fault" in completed.stderr
    assert 'File "<string>", line 1 in <module>' in completed.stderr


@pytest.mark.skipif(os.name != "posix", reason="a process's folder is told by its pid on POSIX")
def test_safe_mode_s_caches_left_by_a_killed_kiosk_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.app import run as run_module

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    left_behind = tmp_path / f"{run_module.SAFE_MODE_CACHE_PREFIX}{int(ended.stdout)}-abcd"
    (left_behind / "pyramids").mkdir(parents=True)
    in_use = tmp_path / f"{run_module.SAFE_MODE_CACHE_PREFIX}{os.getppid()}-efgh"
    in_use.mkdir()
    fresh = run_module._fresh_cache_folder()
    assert fresh.parent == tmp_path
    assert fresh.name.startswith(f"{run_module.SAFE_MODE_CACHE_PREFIX}{os.getpid()}-")
    assert not list(fresh.iterdir()), "a new, empty folder"
    assert not left_behind.exists(), "the folder of a kiosk no longer running is removed"
    assert in_use.exists(), "the folder of a running process stays"
