"""The supervisor drives real child processes: small Python scripts that crash, hang, beat or exit.

Each child follows a plan, one step per start ("exit:3,exit:75,exit:0"), and records its pid in a
file, one line per start, so the test knows how many times the supervisor started it.
"""

import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.app import supervisor as supervisor_module
from kiosk.app.supervisor import (
    EXIT_RESTART,
    HEARTBEAT_ENV,
    Supervisor,
    describe_status,
    supervise,
)

CHILD = """
import os, signal, sys, time
from pathlib import Path

starts = Path(sys.argv[1])
with starts.open("a") as file:
    file.write(f"{os.getpid()}\\n")
plan = sys.argv[2].split(",")
step = plan[min(len(starts.read_text().splitlines()), len(plan)) - 1]
action, _, argument = step.partition(":")
heartbeat = Path(os.environ["KIOSK_HEARTBEAT"]) if "KIOSK_HEARTBEAT" in os.environ else None

def beat():
    heartbeat.write_text(str(time.time()))

if action == "exit":
    sys.exit(int(argument))
if action == "hang":  # never beats
    time.sleep(60)
if action == "beat-hang":  # beats once, then freezes
    beat()
    time.sleep(60)
if action == "stubborn":  # beats once, freezes, and ignores SIGTERM
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    beat()
    time.sleep(60)
if action == "beat":  # beats every 20 ms for ARGUMENT seconds (forever without one), then exits 0
    end = time.monotonic() + float(argument or "60")
    while time.monotonic() < end:
        beat()
        time.sleep(0.02)
    sys.exit(0)
sys.exit(99)
"""

FAST = {"poll_interval": 0.02, "kill_after": 1.0}


def child(starts: Path, plan: str) -> list[str]:
    return [sys.executable, "-S", "-c", CHILD, str(starts), plan]


def started_pids(starts: Path) -> list[int]:
    return [int(line) for line in starts.read_text().splitlines()] if starts.exists() else []


class Sleeps:
    """A `sleep` for the supervisor that records the back-off instead of waiting for it."""

    def __init__(self, then: Callable[[], None] | None = None, after: int = 0) -> None:
        self.slices: list[float] = []
        self.waits = 0
        self._then = then
        self._after = after

    def __call__(self, seconds: float) -> None:
        self.slices.append(seconds)
        if self._then is not None and len(self.slices) >= self._after:
            self._then()

    @property
    def total(self) -> float:
        return sum(self.slices)


def stepped_clock(uptimes: list[float]) -> Callable[[], float]:
    """A clock read once at each start and once at each end: the children seem to run `uptimes`."""

    def readings() -> Iterator[float]:
        now = 0.0
        for uptime in uptimes:
            yield now
            now += uptime
            yield now
            now += 1.0

    return readings().__next__


def delays(supervisor: Supervisor) -> list[float | None]:
    return [run.restart_delay for run in supervisor.runs]


def test_exit_zero_stops_the_supervisor(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.supervisor")
    supervisor = Supervisor(child(tmp_path / "starts", "exit:0"), **FAST)
    assert supervisor.run(handle_signals=False) == 0
    assert len(started_pids(tmp_path / "starts")) == 1
    [run] = supervisor.runs
    assert (run.status, run.hung, run.restart_delay) == (0, False, None)
    messages = [record.getMessage() for record in caplog.records if record.name == "kiosk.supervisor"]
    assert any(message.startswith(f"kiosk started (pid {run.pid})") for message in messages)
    assert any("exit status 0 (normal exit)" in message for message in messages)


def test_crashes_restart_with_a_doubling_back_off_up_to_the_cap(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.supervisor")
    sleeps = Sleeps()
    supervisor = Supervisor(
        child(tmp_path / "starts", "exit:3,exit:3,exit:3,exit:139,exit:0"),
        backoff_base=1.0,
        backoff_cap=4.0,
        sleep=sleeps,
        poll_interval=0.02,
    )
    assert supervisor.run(handle_signals=False) == 0
    assert [run.status for run in supervisor.runs] == [3, 3, 3, 139, 0]
    assert delays(supervisor) == [1.0, 2.0, 4.0, 4.0, None]
    assert sleeps.total == pytest.approx(11.0)
    assert max(sleeps.slices) <= 0.02 + 1e-9, "the back-off waits in slices, to notice a stop"
    assert len(started_pids(tmp_path / "starts")) == 5
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "restarting the kiosk in 4 s (failure 3 in a row)" in warnings
    assert any("exit status 139" in message for message in warnings)


def test_a_planned_restart_is_immediate_and_does_not_reset_the_back_off(tmp_path: Path) -> None:
    sleeps = Sleeps()
    supervisor = Supervisor(
        child(tmp_path / "starts", f"exit:1,exit:{EXIT_RESTART},exit:{EXIT_RESTART},exit:1,exit:0"),
        backoff_base=0.5,
        sleep=sleeps,
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    assert [run.status for run in supervisor.runs] == [1, 75, 75, 1, 0]
    assert delays(supervisor) == [0.5, 0.0, 0.0, 1.0, None]
    assert sleeps.total == pytest.approx(1.5)


def test_the_back_off_starts_again_after_a_stable_run(tmp_path: Path) -> None:
    supervisor = Supervisor(
        child(tmp_path / "starts", "exit:1,exit:1,exit:1,exit:1,exit:0"),
        hang_timeout=None,
        backoff_base=1.0,
        stable_after=300.0,
        clock=stepped_clock([2.0, 2.0, 600.0, 2.0, 2.0]),
        sleep=Sleeps(),
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    assert [run.uptime for run in supervisor.runs] == [2.0, 2.0, 600.0, 2.0, 2.0]
    assert delays(supervisor) == [1.0, 2.0, 1.0, 2.0, None]


def test_a_stable_run_ended_by_a_planned_restart_also_resets_the_back_off(tmp_path: Path) -> None:
    supervisor = Supervisor(
        child(tmp_path / "starts", f"exit:1,exit:1,exit:{EXIT_RESTART},exit:1,exit:0"),
        hang_timeout=None,
        backoff_base=1.0,
        stable_after=300.0,
        clock=stepped_clock([2.0, 2.0, 86400.0, 2.0, 2.0]),
        sleep=Sleeps(),
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    assert delays(supervisor) == [1.0, 2.0, 0.0, 1.0, None]


def test_a_child_that_stops_beating_is_terminated_and_restarted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    supervisor = Supervisor(
        child(tmp_path / "starts", "beat-hang,exit:0"),
        hang_timeout=0.2,
        startup_grace=5.0,
        backoff_base=0.25,
        sleep=Sleeps(),
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    hung, final = supervisor.runs
    assert hung.hung
    assert hung.restart_delay == 0.25
    assert 0.2 <= hung.uptime < 3.0, "stopped by the hang timeout, well before the start-up grace"
    if os.name == "posix":
        assert hung.status == -signal.SIGTERM
    assert (final.status, final.hung) == (0, False)
    assert len(started_pids(tmp_path / "starts")) == 2
    assert any(
        "hung: no heartbeat for" in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR
    )


def test_a_child_that_never_beats_is_stopped_after_the_start_up_grace(tmp_path: Path) -> None:
    supervisor = Supervisor(
        child(tmp_path / "starts", "hang,exit:0"),
        hang_timeout=0.05,
        startup_grace=0.3,
        sleep=Sleeps(),
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    first = supervisor.runs[0]
    assert first.hung
    assert first.uptime >= 0.3, "a child gets the whole start-up grace before its first beat"


def test_a_beating_child_runs_past_the_hang_timeout(tmp_path: Path) -> None:
    heartbeat = tmp_path / "heartbeat"
    supervisor = Supervisor(
        child(tmp_path / "starts", "beat:0.45"),
        hang_timeout=0.1,
        startup_grace=0.2,
        heartbeat_path=heartbeat,
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    [run] = supervisor.runs
    assert (run.status, run.hung) == (0, False)
    assert run.uptime >= 0.45
    assert float(heartbeat.read_text()) > 0, "the child wrote the file named in KIOSK_HEARTBEAT"


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM can be ignored on POSIX only")
def test_a_hung_child_that_ignores_sigterm_is_killed(tmp_path: Path) -> None:
    supervisor = Supervisor(
        child(tmp_path / "starts", "stubborn,exit:0"),
        hang_timeout=0.1,
        startup_grace=5.0,
        poll_interval=0.02,
        kill_after=0.2,
        sleep=Sleeps(),
    )
    assert supervisor.run(handle_signals=False) == 0
    assert supervisor.runs[0].hung
    assert supervisor.runs[0].status == -signal.SIGKILL


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_child_and_the_supervisor(tmp_path: Path, signum: int) -> None:
    starts = tmp_path / "starts"
    supervisor = Supervisor(child(starts, "beat"), hang_timeout=5.0, **FAST)

    def signal_once_started() -> None:
        for _ in range(500):
            if started_pids(starts):
                os.kill(os.getpid(), signum)
                return
            threading.Event().wait(0.01)

    previous = signal.getsignal(signum)
    sender = threading.Thread(target=signal_once_started)
    sender.start()
    try:
        assert supervisor.run() == 0
    finally:
        sender.join()
    assert signal.getsignal(signum) == previous, "the supervisor restores the signal handlers"
    [pid] = started_pids(starts)
    [run] = supervisor.runs
    assert run.pid == pid
    assert run.status == -signal.SIGTERM
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_command_that_cannot_start_backs_off_until_stopped(tmp_path: Path) -> None:
    supervisor: Supervisor

    def stop() -> None:
        supervisor.stop()

    sleeps = Sleeps(then=stop, after=3)
    supervisor = Supervisor([str(tmp_path / "no-such-kiosk")], backoff_base=0.01, sleep=sleeps, **FAST)
    assert supervisor.run(handle_signals=False) == 0
    assert [run.status for run in supervisor.runs] == [None, None, None]
    assert delays(supervisor) == [0.01, 0.02, 0.04]


def test_the_child_gets_its_heartbeat_file_in_the_environment(tmp_path: Path) -> None:
    script = f"import os, pathlib; pathlib.Path({str(tmp_path / 'seen')!r}).write_text(os.environ[{HEARTBEAT_ENV!r}])"
    supervisor = Supervisor([sys.executable, "-S", "-c", script], **FAST)
    assert supervisor.run(handle_signals=False) == 0
    heartbeat = Path((tmp_path / "seen").read_text())
    assert heartbeat.name == "heartbeat"
    assert not heartbeat.parent.exists(), "the supervisor's own heartbeat folder is removed at the end"


def test_without_hang_detection_the_child_gets_no_heartbeat_file(tmp_path: Path) -> None:
    script = f"import os, pathlib; pathlib.Path({str(tmp_path / 'seen')!r}).write_text(repr(os.environ.get({HEARTBEAT_ENV!r})))"
    env = {**os.environ, HEARTBEAT_ENV: str(tmp_path / "inherited")}
    supervisor = Supervisor([sys.executable, "-S", "-c", script], hang_timeout=None, env=env, **FAST)
    assert supervisor.run(handle_signals=False) == 0
    assert (tmp_path / "seen").read_text() == "None"


def test_supervise_runs_kiosk_run_with_the_given_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    def run(self: Supervisor, *, handle_signals: bool = True) -> int:
        seen.update(command=self.command, hang_timeout=self.hang_timeout, signals=handle_signals)
        return 0

    monkeypatch.setattr(supervisor_module.Supervisor, "run", run)
    arguments = ["exhibits/recognition-1933", "--idle-timeout", "30"]
    assert supervise(arguments, hang_timeout=12.0, configure_logs=False) == 0
    assert seen == {
        "command": [sys.executable, "-m", "kiosk", "run", *arguments],
        "hang_timeout": 12.0,
        "signals": True,
    }


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (0, "exit status 0 (normal exit)"),
        (75, "exit status 75 (planned restart)"),
        (1, "exit status 1"),
        (-9, "killed by SIGKILL"),
        (0xC0000005, "exit status 0xc0000005"),
        (None, "not started"),
    ],
)
def test_exit_statuses_are_described_for_the_log(status: int | None, text: str) -> None:
    assert describe_status(status) == text
