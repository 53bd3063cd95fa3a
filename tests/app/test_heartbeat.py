"""The heartbeat: a named GUI-thread timer rewrites the file the supervisor named, and stops with the loop."""

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer
from pytestqt.qtbot import QtBot

from kiosk.app.heartbeat import DEFAULT_INTERVAL_MS, Heartbeat
from kiosk.app.supervisor import HEARTBEAT_ENV, Supervisor
from tests.clock import ManualClock

# A Qt child that beats through Heartbeat.from_environment, then freezes its event loop; started
# again, it exits 0 at once.
FREEZING_CHILD = """
import sys, time
from pathlib import Path
starts = Path(sys.argv[1])
with starts.open("a") as file:
    file.write("start\\n")
if len(starts.read_text().splitlines()) > 1:
    sys.exit(0)
from PySide6.QtCore import QCoreApplication, QTimer
from kiosk.app.heartbeat import DEFAULT_INTERVAL_MS, Heartbeat
app = QCoreApplication([])
heartbeat = Heartbeat.from_environment(app, interval_ms=20)
QTimer.singleShot(200, lambda: time.sleep(60))
sys.exit(app.exec())
"""


def test_the_timer_rewrites_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "heartbeat"
    owner = QObject()
    clock = ManualClock()
    heartbeat = Heartbeat(path, owner, clock=clock)
    assert not path.exists(), "the first beat comes from the running event loop, not the constructor"
    clock.advance(0)
    assert heartbeat.beats == 1
    first = path.read_text(encoding="ascii")
    assert float(first) > 0
    path.unlink()
    clock.advance(2 * DEFAULT_INTERVAL_MS / 1000, ms=-1)
    assert heartbeat.beats == 2
    clock.advance(ms=1)
    assert heartbeat.beats == 3
    assert path.exists()
    timer = owner.findChild(QTimer, "heartbeat")
    assert timer is heartbeat.timer
    assert timer.isActive()


def test_the_default_interval_is_five_seconds(qtbot: QtBot, tmp_path: Path) -> None:
    heartbeat = Heartbeat(tmp_path / "heartbeat")
    assert heartbeat.timer.interval() == 5000
    heartbeat.stop()


def test_a_stopped_heartbeat_writes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "heartbeat"
    clock = ManualClock()
    heartbeat = Heartbeat(path, clock=clock)
    clock.advance(0)
    heartbeat.stop()
    beats = heartbeat.beats
    path.unlink()
    clock.advance(3600)
    assert heartbeat.beats == beats
    assert not path.exists()


def test_from_environment(qtbot: QtBot, tmp_path: Path) -> None:
    owner = QObject()
    assert Heartbeat.from_environment(owner, environ={}) is None
    assert Heartbeat.from_environment(owner, environ={HEARTBEAT_ENV: ""}) is None
    heartbeat = Heartbeat.from_environment(owner, environ={HEARTBEAT_ENV: str(tmp_path / "beat")})
    assert heartbeat is not None
    assert heartbeat.path == tmp_path / "beat"
    assert heartbeat.parent() is owner
    assert heartbeat.timer.isActive()


def test_from_the_process_environment(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(HEARTBEAT_ENV, raising=False)
    assert Heartbeat.from_environment() is None
    monkeypatch.setenv(HEARTBEAT_ENV, str(tmp_path / "beat"))
    heartbeat = Heartbeat.from_environment()
    assert heartbeat is not None
    assert heartbeat.path == tmp_path / "beat"
    heartbeat.stop()


def test_write_errors_are_logged_once_and_never_raised(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "missing-folder" / "heartbeat"
    heartbeat = Heartbeat(path, interval_ms=5)
    qtbot.waitUntil(lambda: len(caplog.records) >= 1, timeout=2000)
    assert [heartbeat.beat() for _ in range(3)] == [False, False, False]
    failures = [r for r in caplog.records if r.name == "kiosk.app.heartbeat" and r.levelno == logging.WARNING]
    assert len(failures) == 1
    assert str(path) in failures[0].getMessage()
    assert heartbeat.beats == 0

    path.parent.mkdir()
    qtbot.waitUntil(lambda: heartbeat.beats >= 1, timeout=2000)
    assert path.exists()
    heartbeat.stop()


def test_a_frozen_event_loop_is_found_by_the_supervisor(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    supervisor = Supervisor(
        [sys.executable, "-c", FREEZING_CHILD, str(tmp_path / "starts")],
        hang_timeout=0.25,
        startup_grace=20.0,
        poll_interval=0.02,
        kill_after=1.0,
        backoff_base=0.01,
    )
    assert supervisor.run(handle_signals=False) == 0
    frozen, final = supervisor.runs
    assert frozen.hung
    assert frozen.uptime < 10.0, "found by the hang timeout after beats, not by the start-up grace"
    hangs = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(hangs) == 1
    assert "hung: no heartbeat for" in hangs[0]
    assert (final.status, final.hung) == (0, False)
