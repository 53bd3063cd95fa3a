"""Keeps the kiosk running for months: restarts it after a crash, a hang or a planned restart.

The supervisor is plain Python (no Qt): it starts `kiosk run` as a child process and watches two
things, the child's exit status and its heartbeat file. The child names no file of its own: the
supervisor gives it one in the environment variable `KIOSK_HEARTBEAT`, and the kiosk's event loop
rewrites that file every few seconds (kiosk/app/heartbeat.py). A frozen event loop stops the beats.

What the supervisor does when the child ends:

| child                                   | supervisor                                         |
| --------------------------------------- | -------------------------------------------------- |
| exits 0 (staff chose Exit)              | stops, returns 0                                   |
| exits 75, `EXIT_RESTART` (planned)      | starts it again at once                            |
| exits with anything else, or is killed  | starts it again after a back-off delay             |
| stops beating (a hang)                  | terminates it (kills it if it does not end), then  |
|                                         | starts it again after a back-off delay             |

The back-off doubles with every failure in a row (1 s, 2 s, 4 s ... up to 60 s by default), so a
broken installation does not spin, and starts again from the first delay once a child has run for
a stable period (5 minutes by default) before it failed. SIGTERM or SIGINT to the supervisor
terminates the child and the supervisor returns 0, so `systemctl stop` and Ctrl+C work.
"""

import contextlib
import logging
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger("kiosk.supervisor")

HEARTBEAT_ENV = "KIOSK_HEARTBEAT"
#: Why the supervisor started the child as it did ("kiosk failed 3 times ..."), for its log and
#: the staff screen; set only for safe mode and the out-of-order screen.
REASON_ENV = "KIOSK_SUPERVISOR_REASON"
EXIT_OK = 0
EXIT_NO_CONTENT = 69  # EX_UNAVAILABLE: no published version, and the folder missing or invalid
EXIT_SOFTWARE = 70  # EX_SOFTWARE: an error the kiosk did not expect; its traceback is in kiosk.log
EXIT_RESTART = 75  # EX_TEMPFAIL: a planned restart (daily restart, memory ceiling)

DEFAULT_HANG_TIMEOUT = 30.0
DEFAULT_STARTUP_GRACE = 60.0
DEFAULT_BACKOFF_BASE = 1.0
DEFAULT_BACKOFF_CAP = 60.0
DEFAULT_STABLE_AFTER = 300.0
DEFAULT_POLL_INTERVAL = 1.0
DEFAULT_KILL_AFTER = 5.0
HISTORY_LENGTH = 100


@dataclass(frozen=True)
class ChildRun:
    """One run of the child, as the supervisor saw it end."""

    pid: int | None  # None when the child could not be started at all
    status: int | None  # exit status; negative: killed by that signal (POSIX); None: never started
    uptime: float  # seconds from start to exit
    hung: bool  # the supervisor stopped it because its heartbeat stopped
    restart_delay: float | None  # seconds waited before the next start; None when not restarted


class Supervisor:
    """Runs `command` as a child process and restarts it until it exits 0 or the supervisor is stopped.

    Every duration is in seconds. `hang_timeout=None` turns hang detection off. `clock` and `sleep`
    default to `time.monotonic` and `time.sleep`; the back-off waits in slices of `poll_interval`
    so that a stop request is seen promptly.
    """

    def __init__(
        self,
        command: Sequence[str],
        *,
        hang_timeout: float | None = DEFAULT_HANG_TIMEOUT,
        startup_grace: float = DEFAULT_STARTUP_GRACE,
        backoff_base: float = DEFAULT_BACKOFF_BASE,
        backoff_cap: float = DEFAULT_BACKOFF_CAP,
        stable_after: float = DEFAULT_STABLE_AFTER,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        kill_after: float = DEFAULT_KILL_AFTER,
        heartbeat_path: Path | None = None,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not command:
            raise ValueError("the command to supervise is empty")
        if poll_interval <= 0:
            raise ValueError("poll_interval must be positive")
        self.command = list(command)
        self.hang_timeout = hang_timeout
        self.startup_grace = startup_grace
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.stable_after = stable_after
        self.poll_interval = poll_interval
        self.kill_after = kill_after
        self.heartbeat_path = heartbeat_path
        self.env = dict(os.environ if env is None else env)
        self.cwd = cwd
        self.runs: deque[ChildRun] = deque(maxlen=HISTORY_LENGTH)
        self._clock = clock
        self._sleep = sleep
        self._stop_requested = False
        self._stop_signal: int | None = None
        self._failures = 0

    # -- public ------------------------------------------------------------------------------------

    def run(self, *, handle_signals: bool = True) -> int:
        """Supervises until the child exits 0 or `stop()` is called (or SIGTERM/SIGINT arrives).

        Returns 0 in both cases. Signal handlers are installed only from the main thread and are
        restored on return.
        """
        with self._signal_handlers(handle_signals), self._heartbeat_file() as heartbeat:
            while not self._stop_requested:
                run = self._run_child(heartbeat)
                if run.uptime >= self.stable_after and self._failures:
                    logger.info("kiosk had run stably for %.0f s; the back-off starts again", run.uptime)
                    self._failures = 0
                if self._stop_requested:
                    self.runs.append(run)
                    break
                if run.status == EXIT_OK and not run.hung:
                    self.runs.append(run)
                    logger.info("kiosk exited normally (staff chose Exit); supervisor stops")
                    return EXIT_OK
                if run.status == EXIT_RESTART and not run.hung:
                    self.runs.append(_with_delay(run, 0.0))
                    logger.info("kiosk asked for a planned restart; starting it again now")
                    continue
                delay = self.backoff_delay(self._failures)
                self._failures += 1
                self.runs.append(_with_delay(run, delay))
                logger.warning("restarting the kiosk in %.3g s (failure %d in a row)", delay, self._failures)
                self._wait(delay)
        if self._stop_signal is not None:
            logger.info("supervisor stopped by %s", _signal_name(self._stop_signal))
        else:
            logger.info("supervisor stopped")
        return EXIT_OK

    def stop(self, signum: int | None = None) -> None:
        """Asks the supervisor to terminate the child and return. Safe from a signal handler or thread."""
        self._stop_signal = signum
        self._stop_requested = True

    def backoff_delay(self, failures: int) -> float:
        """The delay before a restart that follows `failures` earlier failures in a row.

        `backoff_base` after a first failure (`failures == 0`), doubling with each one, at most
        `backoff_cap`.
        """
        return min(self.backoff_cap, self.backoff_base * 2 ** min(failures, 64))

    # -- one child ---------------------------------------------------------------------------------

    def _run_child(self, heartbeat: Path | None) -> ChildRun:
        if heartbeat is not None:
            with contextlib.suppress(FileNotFoundError):
                heartbeat.unlink()
        env = dict(self.env)
        env.pop(HEARTBEAT_ENV, None)  # never a heartbeat file inherited from elsewhere
        if heartbeat is not None:
            env[HEARTBEAT_ENV] = str(heartbeat)
        started = self._clock()
        try:
            process = subprocess.Popen(self.command, env=env, cwd=self.cwd)
        except OSError as error:
            logger.error("cannot start the kiosk (%s): %s", _quote(self.command), error)
            return ChildRun(pid=None, status=None, uptime=0.0, hung=False, restart_delay=None)
        logger.info("kiosk started (pid %d): %s", process.pid, _quote(self.command))
        try:
            hung = self._watch(process, heartbeat, started)
            if hung or self._stop_requested:
                self._end(process)
            status = process.returncode
        finally:
            if process.returncode is None:  # an exception on the way: leave no child behind
                self._end(process)
        uptime = self._clock() - started
        expected = status in (EXIT_OK, EXIT_RESTART) or self._stop_requested
        (logger.info if expected and not hung else logger.warning)(
            "kiosk (pid %d) ended after %.1f s: %s", process.pid, uptime, describe_status(status)
        )
        return ChildRun(pid=process.pid, status=status, uptime=uptime, hung=hung, restart_delay=None)

    def _watch(self, process: "subprocess.Popen[bytes]", heartbeat: Path | None, started: float) -> bool:
        """Waits for the child to exit; returns True when it hung (and is still running)."""
        last_seen = _signature(heartbeat) if heartbeat is not None else None
        last_beat: float | None = None
        while not self._stop_requested:
            try:
                process.wait(timeout=self.poll_interval)
            except subprocess.TimeoutExpired:
                pass
            else:
                return False
            if heartbeat is None or self.hang_timeout is None:
                continue
            now = self._clock()
            seen = _signature(heartbeat)
            if seen != last_seen:
                last_seen, last_beat = seen, now
                continue
            if last_beat is None and now - started > self.startup_grace:
                logger.error(
                    "kiosk (pid %d) hung: no heartbeat within %.3g s of its start; stopping it",
                    process.pid,
                    self.startup_grace,
                )
                return True
            if last_beat is not None and now - last_beat > self.hang_timeout:
                logger.error(
                    "kiosk (pid %d) hung: no heartbeat for %.3g s; stopping it",
                    process.pid,
                    now - last_beat,
                )
                return True
        return False

    def _end(self, process: "subprocess.Popen[bytes]") -> None:
        """Terminates the child, and kills it if it has not ended after `kill_after` seconds."""
        if process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=self.kill_after)
        except subprocess.TimeoutExpired:
            logger.error(
                "kiosk (pid %d) did not end %.3g s after SIGTERM; killing it", process.pid, self.kill_after
            )
            process.kill()
            process.wait()

    def _wait(self, seconds: float) -> None:
        remaining = seconds
        while remaining > 0 and not self._stop_requested:
            step = min(self.poll_interval, remaining)
            self._sleep(step)
            remaining -= step

    # -- resources ---------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _heartbeat_file(self) -> Iterator[Path | None]:
        if self.hang_timeout is None:
            yield None
        elif self.heartbeat_path is not None:
            yield self.heartbeat_path
        else:
            with tempfile.TemporaryDirectory(prefix="kiosk-heartbeat-") as folder:
                yield Path(folder) / "heartbeat"

    @contextlib.contextmanager
    def _signal_handlers(self, wanted: bool) -> Iterator[None]:
        if not wanted or threading.current_thread() is not threading.main_thread():
            yield
            return
        names = ("SIGTERM", "SIGINT", "SIGBREAK", "SIGHUP")
        signums = [getattr(signal, name) for name in names if hasattr(signal, name)]
        previous = {signum: signal.signal(signum, self._on_signal) for signum in signums}
        try:
            yield
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _on_signal(self, signum: int, _frame: object) -> None:
        # Only flags: logging from a signal handler could deadlock on the logging locks.
        self.stop(signum)


def supervise(
    run_arguments: Sequence[str],
    *,
    hang_timeout: float | None = DEFAULT_HANG_TIMEOUT,
    startup_grace: float = DEFAULT_STARTUP_GRACE,
    backoff_base: float = DEFAULT_BACKOFF_BASE,
    backoff_cap: float = DEFAULT_BACKOFF_CAP,
    stable_after: float = DEFAULT_STABLE_AFTER,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    kill_after: float = DEFAULT_KILL_AFTER,
    log_dir: Path | None = None,
    configure_logs: bool = True,
) -> int:
    """`kiosk supervise [run options]`: runs `kiosk run` under a `Supervisor` until staff choose Exit.

    `run_arguments` are the arguments of `kiosk run`, passed through unchanged, for example
    `["exhibits/recognition-1933", "--idle-timeout", "30"]`; the child is
    `[sys.executable, "-m", "kiosk", "run", *run_arguments]`, started in the current folder.
    The keyword arguments are the supervisor's durations, in seconds (see `Supervisor`).

    With `configure_logs` (the default) the supervisor's own log goes to standard error and to
    `supervisor.log` in `log_dir`, or in the user's log folder when `log_dir` is None; the kiosk
    writes `kiosk.log` beside it. Returns 0: after the kiosk exited 0, or after SIGTERM/SIGINT.
    """
    log_file = None
    if configure_logs:
        from kiosk.app.logs import configure_logging

        log_file = configure_logging(log_dir, filename="supervisor.log")
    command = [sys.executable, "-m", "kiosk", "run", *run_arguments]
    logger.info("supervisor started (pid %d)%s", os.getpid(), f"; log: {log_file}" if log_file else "")
    supervisor = Supervisor(
        command,
        hang_timeout=hang_timeout,
        startup_grace=startup_grace,
        backoff_base=backoff_base,
        backoff_cap=backoff_cap,
        stable_after=stable_after,
        poll_interval=poll_interval,
        kill_after=kill_after,
    )
    return supervisor.run()


def describe_status(status: int | None) -> str:
    """An exit status in words, for the log."""
    if status is None:
        return "not started"
    if status == EXIT_OK:
        return "exit status 0 (normal exit)"
    if status == EXIT_RESTART:
        return f"exit status {EXIT_RESTART} (planned restart)"
    if status < 0:
        return f"killed by {_signal_name(-status)}"
    if status > 0xFFFF:  # Windows reports crashes as NTSTATUS codes, such as 0xC0000005
        return f"exit status {status:#x}"
    return f"exit status {status}"


def _with_delay(run: ChildRun, delay: float) -> ChildRun:
    return ChildRun(run.pid, run.status, run.uptime, run.hung, delay)


def _signature(path: Path) -> tuple[int, int, bytes] | None:
    """What the heartbeat file looks like now; any change is a beat."""
    try:
        with path.open("rb") as file:
            stat = os.fstat(file.fileno())
            return stat.st_mtime_ns, stat.st_ino, file.read(64)
    except OSError:
        return None


def _signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _quote(command: Sequence[str]) -> str:
    return subprocess.list2cmdline(command) if os.name == "nt" else shlex.join(command)
