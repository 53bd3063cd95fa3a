"""The supervisor drives real child processes: small Python scripts that crash, hang, beat or exit.

Each child follows a plan, one step per start ("exit:3,exit:75,exit:0"), and records its pid (and
the reason the supervisor gave it) in a file, one line per start, so the test knows how many times
the supervisor started it. A ladder has a child of its own for each rung.
"""

import io
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
    EXIT_NO_CONTENT,
    EXIT_RESTART,
    HEARTBEAT_ENV,
    RESTARTS_ENV,
    Mode,
    Supervisor,
    describe_status,
    summarize_last_words,
    supervise,
)

CHILD = """
import os, signal, sys, time
from pathlib import Path

starts = Path(sys.argv[1])
with starts.open("a") as file:
    file.write(f"{os.getpid()}\\t{os.environ.get('KIOSK_SUPERVISOR_REASON', '')}\\n")
if "--retry-after" in sys.argv:  # the out-of-order screen: how long the supervisor gave it
    with Path(str(starts) + ".retry").open("a") as file:
        file.write(sys.argv[sys.argv.index("--retry-after") + 1] + "\\n")
plan = sys.argv[2].split(",")
step = plan[min(len(starts.read_text().splitlines()), len(plan)) - 1]
action, _, argument = step.partition(":")
heartbeat = Path(os.environ["KIOSK_HEARTBEAT"]) if "KIOSK_HEARTBEAT" in os.environ else None

def beat():
    heartbeat.write_text(str(time.time()))

if action == "exit":
    sys.exit(int(argument))
if action == "no-content":  # says why, as `kiosk run` does, and exits 69
    print("2026-03-01 09:00:12,345 ERROR kiosk.app.run: nothing to show: /srv/x does not exist", file=sys.stderr)
    sys.exit(69)
if action == "raise":  # a traceback two functions deep
    def open_snapshot():
        raise ValueError("the snapshot's languages are empty")
    def start():
        open_snapshot()
    start()
if action == "segfault":  # Python itself crashes; faulthandler reports it, as `kiosk run`'s does
    import faulthandler
    faulthandler.enable()
    faulthandler._sigsegv()
if action == "abort":  # Qt's fatal message, logged, then abort(), as Qt does without OpenGL
    import faulthandler
    faulthandler.enable()
    print("2026-03-01 09:00:12,345 CRITICAL qt.default: Failed to initialize graphics backend for OpenGL.", file=sys.stderr)
    sys.stderr.flush()
    os.abort()
if action == "chatter":  # far more on standard error than a pipe holds, then a normal exit
    for number in range(20000):
        print(f"line {number} of a child that talks a lot", file=sys.stderr)
    sys.exit(0)
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
    return [int(line.split("\t")[0]) for line in starts.read_text().splitlines()] if starts.exists() else []


def given_reasons(starts: Path) -> list[str]:
    return [line.split("\t", 1)[1] for line in starts.read_text().splitlines()]


def ladder(
    tmp_path: Path, normal: str, safe: str | None, out_of_order: str, **settings: object
) -> Supervisor:
    """A supervisor whose every rung is a child of its own, following its own plan."""
    return Supervisor(
        child(tmp_path / "normal", normal),
        safe_mode_command=child(tmp_path / "safe", safe) if safe else None,
        out_of_order_command=child(tmp_path / "out-of-order", out_of_order),
        hang_timeout=None,
        **settings,  # type: ignore[arg-type]
    )


def modes(supervisor: Supervisor) -> list[str]:
    return [run.mode.name for run in supervisor.runs]


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "kiosk.supervisor" and r.levelno >= logging.WARNING
    ]


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
    assert not heartbeat.exists(), "the beats of a child that has ended are not left to look alive"


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


def test_each_child_is_told_how_many_times_the_kiosk_was_restarted_before_it(tmp_path: Path) -> None:
    # Fails twice, then exits 0; each start notes the count it was given.
    script = (
        "import os, pathlib, sys; "
        f"seen = pathlib.Path({str(tmp_path / 'seen')!r}); "
        f"seen.open('a').write(os.environ[{RESTARTS_ENV!r}] + '\\n'); "
        "sys.exit(1 if len(seen.read_text().split()) < 3 else 0)"
    )
    env = {**os.environ, RESTARTS_ENV: "41"}  # one inherited from elsewhere counts for nothing
    supervisor = Supervisor([sys.executable, "-S", "-c", script], hang_timeout=None, env=env, **FAST)
    supervisor.backoff_base = 0.01
    assert supervisor.run(handle_signals=False) == 0
    assert (tmp_path / "seen").read_text().split() == ["0", "1", "2"]


def test_supervise_runs_kiosk_run_with_the_given_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    def run(self: Supervisor, *, handle_signals: bool = True) -> int:
        seen.update(commands=self.commands, hang_timeout=self.hang_timeout, signals=handle_signals)
        return 0

    monkeypatch.setattr(supervisor_module.Supervisor, "run", run)
    arguments = ["exhibits/recognition-1933", "--idle-timeout", "30"]
    assert supervise(arguments, hang_timeout=12.0, retry_after=600.0, configure_logs=False) == 0
    kiosk = [sys.executable, "-m", "kiosk"]
    assert seen == {
        "commands": {
            Mode.NORMAL: [*kiosk, "run", *arguments],
            Mode.SAFE: [*kiosk, "run", "--safe-mode", *arguments],
            Mode.OUT_OF_ORDER: [*kiosk, "out-of-order", "--retry-after", "600", *arguments],
        },
        "hang_timeout": 12.0,
        "signals": True,
    }


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (0, "exit status 0 (normal exit)"),
        (75, "exit status 75 (planned restart)"),
        (69, "exit status 69 (nothing valid to show)"),
        (70, "exit status 70 (an unexpected error)"),
        (1, "exit status 1"),
        (-9, "killed by SIGKILL"),
        (0xC0000005, "exit status 0xc0000005"),
        (None, "not started"),
    ],
)
def test_exit_statuses_are_described_for_the_log(status: int | None, text: str) -> None:
    assert describe_status(status) == text


# -- the ladder ------------------------------------------------------------------------------------


def test_quick_failures_climb_to_safe_mode_then_to_the_out_of_order_screen_and_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.supervisor")
    supervisor = ladder(
        tmp_path,
        normal="exit:1,exit:1,exit:1,exit:0",
        safe="exit:2,exit:2,exit:2",
        out_of_order=f"exit:{EXIT_RESTART}",
        backoff_base=0.5,
        sleep=Sleeps(),
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    assert modes(supervisor) == ["NORMAL"] * 3 + ["SAFE"] * 3 + ["OUT_OF_ORDER", "NORMAL"]
    assert [run.status for run in supervisor.runs] == [1, 1, 1, 2, 2, 2, EXIT_RESTART, 0]
    # Each rung is climbed at once; inside a rung, the back-off's first steps.
    assert delays(supervisor) == [0.5, 1.0, 0.0, 0.5, 1.0, 0.0, 0.0, None]
    warnings = warnings_of(caplog)
    climbed_to_safe = (
        "the kiosk failed 3 times in a row, each time within 5 min of its start (last: exit status 1)"
    )
    assert f"{climbed_to_safe}; starting it in safe mode" in warnings
    climbed_to_the_screen = (
        "the kiosk in safe mode failed 3 times in a row, each time within 5 min of its start "
        "(last: exit status 2)"
    )
    assert f"{climbed_to_the_screen}; showing the out-of-order screen" in warnings
    assert "restarting the kiosk in safe mode in 1 s (failure 2 in a row)" in warnings
    # Each child of a higher rung is told why it was chosen, for its own log and the staff screen.
    assert given_reasons(tmp_path / "normal") == ["", "", "", ""]
    assert given_reasons(tmp_path / "safe") == [climbed_to_safe] * 3
    assert given_reasons(tmp_path / "out-of-order") == [climbed_to_the_screen]


def test_without_safe_mode_quick_failures_climb_straight_to_the_out_of_order_screen(tmp_path: Path) -> None:
    supervisor = ladder(
        tmp_path,
        normal="exit:1,exit:1,exit:0",
        safe=None,
        out_of_order="exit:75",
        quick_failures=2,
        sleep=Sleeps(),
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    assert modes(supervisor) == ["NORMAL", "NORMAL", "OUT_OF_ORDER", "NORMAL"]


def test_nothing_to_show_goes_straight_to_the_out_of_order_screen(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    supervisor = ladder(
        tmp_path,
        normal="no-content,exit:0",
        safe="exit:0",
        out_of_order=f"exit:{EXIT_RESTART}",
        sleep=Sleeps(),
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    assert modes(supervisor) == ["NORMAL", "OUT_OF_ORDER", "NORMAL"]
    assert [run.status for run in supervisor.runs] == [EXIT_NO_CONTENT, EXIT_RESTART, 0]
    assert delays(supervisor) == [0.0, 0.0, None]
    reason = (
        "the kiosk has nothing valid to show (exit status 69 (nothing valid to show), "
        "kiosk.app.run: nothing to show: /srv/x does not exist)"
    )
    assert f"{reason}; showing the out-of-order screen until the exhibit changes" in warnings_of(caplog)
    assert given_reasons(tmp_path / "out-of-order") == [reason]


def test_a_stable_run_starts_the_ladder_again(tmp_path: Path) -> None:
    supervisor = ladder(
        tmp_path,
        normal="exit:1,exit:1,exit:1,exit:1,exit:1,exit:1",
        safe="exit:0",
        out_of_order="exit:75",
        backoff_base=1.0,
        stable_after=300.0,
        clock=stepped_clock([2.0, 2.0, 600.0, 2.0, 2.0, 2.0, 2.0]),
        sleep=Sleeps(),
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    # The third run was stable: only the three quick failures after it lead to safe mode.
    assert modes(supervisor) == ["NORMAL"] * 6 + ["SAFE"]
    assert delays(supervisor) == [1.0, 2.0, 1.0, 2.0, 4.0, 0.0, None]


def test_a_stable_run_in_safe_mode_returns_to_normal_mode(tmp_path: Path) -> None:
    supervisor = ladder(
        tmp_path,
        normal="exit:1,exit:1,exit:0",
        safe=f"exit:{EXIT_RESTART}",
        out_of_order="exit:75",
        quick_failures=2,
        stable_after=300.0,
        clock=stepped_clock([2.0, 2.0, 86400.0, 2.0]),
        sleep=Sleeps(),
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    # A day in safe mode, then the daily restart: normal mode is tried again.
    assert modes(supervisor) == ["NORMAL", "NORMAL", "SAFE", "NORMAL"]


def test_an_out_of_order_screen_that_fails_backs_off_and_the_kiosk_is_tried_after_the_retry_period(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    supervisor = ladder(
        tmp_path,
        normal="exit:1,exit:1,exit:1,exit:0",
        safe=None,
        out_of_order="exit:1",
        retry_after=10.0,
        backoff_base=1.0,
        clock=stepped_clock([2.0] * 8),
        sleep=Sleeps(),
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    assert modes(supervisor) == ["NORMAL"] * 3 + ["OUT_OF_ORDER"] * 4 + ["NORMAL"]
    # Where nothing can be shown, the back-off grows; after the retry period the kiosk is tried.
    assert delays(supervisor) == [1.0, 2.0, 0.0, 1.0, 2.0, 4.0, 0.0, None]
    assert (
        "the out-of-order screen failed (exit status 1), and the kiosk was last tried 11 s ago; "
        "starting the kiosk normally again"
    ) in warnings_of(caplog)


def test_the_out_of_order_screen_ending_by_itself_never_stops_the_supervisor(tmp_path: Path) -> None:
    # Only staff stop the kiosk (exit 0 from the kiosk); the out-of-order screen has no Exit.
    supervisor = ladder(
        tmp_path, normal="no-content,exit:0", safe=None, out_of_order="exit:0,exit:75", sleep=Sleeps(), **FAST
    )
    assert supervisor.run(handle_signals=False) == 0
    assert modes(supervisor) == ["NORMAL", "OUT_OF_ORDER", "OUT_OF_ORDER", "NORMAL"]


# -- why a child ended -----------------------------------------------------------------------------


def test_the_child_s_standard_error_is_passed_on_and_its_exception_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    journal = io.StringIO()
    supervisor = Supervisor(
        child(tmp_path / "starts", "raise,exit:0"), stderr=journal, sleep=Sleeps(), hang_timeout=None, **FAST
    )
    assert supervisor.run(handle_signals=False) == 0
    crashed = supervisor.runs[0]
    assert crashed.cause == "exit status 1, ValueError: the snapshot's languages are empty"
    assert "Traceback (most recent call last):" in journal.getvalue(), "the journal gets every line"
    assert (
        f"kiosk (pid {crashed.pid}) ended after {crashed.uptime:.1f} s: exit status 1, "
        "ValueError: the snapshot's languages are empty"
    ) in warnings_of(caplog)
    [last_words] = [message for message in warnings_of(caplog) if message.startswith("the last words")]
    lines = last_words.splitlines()
    assert lines[1].strip() == "Traceback (most recent call last):"
    assert lines[-1].strip() == "ValueError: the snapshot's languages are empty"
    assert any("in open_snapshot" in line for line in lines), "the innermost frame, where it failed"


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_a_crash_of_python_itself_is_logged_with_faulthandler_s_words(tmp_path: Path) -> None:
    supervisor = Supervisor(
        child(tmp_path / "starts", "segfault,exit:0"),
        stderr=io.StringIO(),
        sleep=Sleeps(),
        hang_timeout=None,
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    assert supervisor.runs[0].cause == "killed by SIGSEGV, Fatal Python error: Segmentation fault"


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_a_fatal_error_logged_before_an_abort_is_the_cause(tmp_path: Path) -> None:
    supervisor = Supervisor(
        child(tmp_path / "starts", "abort,exit:0"),
        stderr=io.StringIO(),
        sleep=Sleeps(),
        hang_timeout=None,
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    assert supervisor.runs[0].cause == (
        "killed by SIGABRT, Fatal Python error: Aborted, "
        "after qt.default: Failed to initialize graphics backend for OpenGL."
    )


def test_a_child_that_writes_more_than_a_pipe_holds_is_never_blocked(tmp_path: Path) -> None:
    closed = io.StringIO()
    closed.close()  # the supervisor's own standard error is gone: lines are still read, and dropped
    supervisor = Supervisor(child(tmp_path / "starts", "chatter"), stderr=closed, hang_timeout=None, **FAST)
    assert supervisor.run(handle_signals=False) == 0
    assert supervisor.runs[0].status == 0


def test_a_hang_is_the_cause_of_the_end(tmp_path: Path) -> None:
    supervisor = Supervisor(
        child(tmp_path / "starts", "hang,exit:0"),
        hang_timeout=0.05,
        startup_grace=0.3,
        sleep=Sleeps(),
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    assert supervisor.runs[0].cause.startswith("hung (no heartbeat)")


TRACEBACK_IN_THE_LOG = """\
2026-03-01 09:00:12,340 INFO kiosk.app.run: kiosk 0.1.0 opening exhibits/x
2026-03-01 09:00:12,345 ERROR kiosk.app.run: the kiosk stopped on an unexpected error
Traceback (most recent call last):
  File "/opt/kiosk/kiosk/app/run.py", line 150, in run_exhibit
    return _open_and_run(exhibit_dir, options)
  File "/opt/kiosk/kiosk/app/run.py", line 220, in _open_and_run
    status = _run(
  File "/opt/kiosk/kiosk/app/run.py", line 352, in _run
    ui = create_ui(summary or exhibit, session_options, staff)
  File "/opt/kiosk/kiosk/viewmodels/exhibit.py", line 84, in __init__
    self._language = summary.languages[0]
                     ~~~~~~~~~~~~~~~~~^^^
IndexError: tuple index out of range
2026-03-01 09:00:12,350 INFO kiosk.app.heartbeat: stopped
"""


def test_last_words_keep_the_exception_and_the_innermost_frames() -> None:
    gist, excerpt = summarize_last_words(TRACEBACK_IN_THE_LOG.splitlines())
    assert gist == "IndexError: tuple index out of range"
    assert excerpt[0] == "Traceback (most recent call last):"
    assert excerpt[1] == "  ... 1 outer frame ..."
    assert excerpt[2].endswith("in _open_and_run")
    assert excerpt[-1] == "IndexError: tuple index out of range", "a later log record is not the exception's"


def test_last_words_of_a_chained_exception_are_the_last_one() -> None:
    lines = [
        "Traceback (most recent call last):",
        '  File "a.py", line 1, in f',
        "KeyError: 'languages'",
        "",
        "During handling of the above exception, another exception occurred:",
        "",
        "Traceback (most recent call last):",
        '  File "a.py", line 3, in g',
        "RuntimeError: no languages",
    ]
    assert summarize_last_words(lines)[0] == "RuntimeError: no languages"


def test_last_words_without_anything_telling_are_the_last_lines() -> None:
    lines = [f"line {number}" for number in range(10)]
    assert summarize_last_words(lines) == ("", lines[-5:])
    assert summarize_last_words([]) == ("", [])


def test_the_out_of_order_screen_gives_a_passing_fault_half_a_minute_and_a_lasting_one_longer(
    tmp_path: Path,
) -> None:
    # The kiosk fails at once, each time it is tried (say, no display): the out-of-order screen ends
    # by itself after the period it was given, sooner the first times, then every retry_after.
    supervisor = Supervisor(
        child(tmp_path / "normal", ",".join(["exit:1"] * 15 + ["exit:0"])),
        out_of_order_command=[
            *child(tmp_path / "out-of-order", f"exit:{EXIT_RESTART}"),
            "--retry-after",
            "300",
        ],
        quick_failures=2,
        hang_timeout=None,
        # Six showings after twelve quick failures; then a run stable for 400 s, and two more.
        clock=stepped_clock([2.0] * 18 + [400.0] + [2.0] * 5),
        sleep=Sleeps(),
        **FAST,
    )
    assert supervisor.run(handle_signals=False) == 0
    given = (tmp_path / "out-of-order.retry").read_text().split()
    assert given == ["30", "60", "120", "240", "300", "300", "30"], "after a stable run, half a minute again"
