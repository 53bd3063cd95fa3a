"""Keeps the kiosk running for months: restarts it after a crash, a hang or a planned restart.

The supervisor is plain Python (no Qt): it starts `kiosk run` as a child process and watches two
things, the child's exit status and its heartbeat file. The child names no file of its own: the
supervisor gives it one in the environment variable `KIOSK_HEARTBEAT`, and the kiosk's event loop
rewrites that file every few seconds (kiosk/app/heartbeat.py). A frozen event loop stops the beats.
It also tells each child how many children it started before it (`KIOSK_SUPERVISOR_RESTARTS`),
which the kiosk reports in its metrics (kiosk/app/metrics.py).

What the supervisor does when the child ends:

| child                                   | supervisor                                         |
| --------------------------------------- | -------------------------------------------------- |
| exits 0 (staff chose Exit)              | stops, returns 0                                   |
| exits 75, `EXIT_RESTART` (planned)      | starts it again at once                            |
| exits 69, `EXIT_NO_CONTENT`             | shows the out-of-order screen (below) at once      |
| exits with anything else, or is killed  | starts it again after a back-off delay, or climbs  |
|                                         | the ladder (below)                                 |
| stops beating (a hang)                  | terminates it (kills it if it does not end), then  |
|                                         | as for a crash                                     |

The ladder. A crash that comes back at every start must not become a loop, nor leave the
screen on the desktop. After `quick_failures` (3) quick failures in a row, each within the
stable period of its start, the kiosk is started in safe mode (`safe_mode_command`: no snapshot,
caches in a temporary folder, the installation settings only if they read cleanly, the last good
version); after as many quick failures in safe mode, the out-of-order screen is shown
(`out_of_order_command`: a still, full-screen notice in the exhibit's colours). That screen ends
itself with `EXIT_RESTART` when the exhibit folder or its published versions change, or after its
retry period (5 minutes), and the supervisor then starts the kiosk normally again. Should the
out-of-order screen itself fail, it is started again after the back-off delays, and the kiosk is
tried normally again once the retry period has passed. A stable run (5 minutes by default)
starts the ladder again from the bottom.

Rungs are climbed at once: the waits inside a rung are the first steps of the back-off (1 s and
2 s with three tries a rung), so with the defaults six quick failures and 6 s of waiting lead to
the out-of-order screen. The back-off doubles with every failure in a row (1 s, 2 s, 4 s ... up
to 60 s by default) only where nothing can be shown: a supervisor given no ladder, or an
out-of-order screen that itself fails (no display).

The child's standard error reaches the supervisor through a pipe: every line is passed on to the
supervisor's own standard error (the journal), and the last ones are kept, so that the log says
why a child ended: its status in words, the exception or fatal error it reported, and the last
frames of its traceback. SIGTERM or SIGINT to the supervisor terminates the child and the
supervisor returns 0, so `systemctl stop` and Ctrl+C work.
"""

import contextlib
import dataclasses
import enum
import logging
import os
import re
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
from typing import IO, Any

from kiosk.app.supervision import (
    EXIT_NO_CONTENT,
    EXIT_OK,
    EXIT_RESTART,
    EXIT_SOFTWARE,
    HEARTBEAT_ENV,
    REASON_ENV,
    RESTARTS_ENV,
)

logger = logging.getLogger("kiosk.supervisor")


DEFAULT_HANG_TIMEOUT = 30.0
DEFAULT_STARTUP_GRACE = 60.0
DEFAULT_BACKOFF_BASE = 1.0
DEFAULT_BACKOFF_CAP = 60.0
DEFAULT_STABLE_AFTER = 300.0
DEFAULT_POLL_INTERVAL = 1.0
DEFAULT_KILL_AFTER = 5.0
#: Quick failures in a row before the next rung of the ladder: safe mode, then the out-of-order screen.
DEFAULT_QUICK_FAILURES = 3
#: The out-of-order screen gives the kiosk another try after this long, changed or not, ...
DEFAULT_RETRY_AFTER = 300.0
#: ... but the first time it shows since the kiosk last ran stably, after only this long, and each
#: further time twice as long: a passing fault (a display server restarting, a share coming back)
#: costs the visitors half a minute, a lasting one a try every few minutes.
DEFAULT_FIRST_RETRY = 30.0
HISTORY_LENGTH = 100
#: The out-of-order screen's option for its retry period, which the supervisor sets at each showing.
RETRY_AFTER_OPTION = "--retry-after"
#: Lines of the child's standard error kept, to say why it ended.
KEPT_LINES = 200
#: Frames of a traceback the supervisor's log repeats: the innermost ones, where it failed.
FRAMES_LOGGED = 3
#: How long the supervisor waits for the rest of a child's standard error after it has ended
#: (a process it started may still hold the pipe).
STDERR_DRAIN_S = 2.0
#: A line longer than this is read in pieces: a child cannot make the supervisor hold more.
LONGEST_LINE = 8192


class Mode(enum.Enum):
    """How the child is started: the rungs of the ladder, from the bottom; the value names it."""

    NORMAL = "kiosk"
    SAFE = "kiosk in safe mode"
    OUT_OF_ORDER = "out-of-order screen"


@dataclass(frozen=True)
class ChildRun:
    """One run of the child, as the supervisor saw it end."""

    pid: int | None  # None when the child could not be started at all
    status: int | None  # exit status; negative: killed by that signal (POSIX); None: never started
    uptime: float  # seconds from start to exit
    hung: bool  # the supervisor stopped it because its heartbeat stopped
    restart_delay: float | None  # seconds waited before the next start; None when not restarted
    mode: Mode = Mode.NORMAL
    #: Why it ended, in words, when it ended abnormally: "exit status 1, ValueError: ...".
    cause: str = ""

    @property
    def ended_well(self) -> bool:
        """Ended as it means to end: the kiosk when staff chose Exit, or for a planned restart; the
        out-of-order screen only for the supervisor to try the kiosk again (it has no Exit)."""
        expected = (EXIT_RESTART,) if self.mode is Mode.OUT_OF_ORDER else (EXIT_OK, EXIT_RESTART)
        return self.status in expected and not self.hung


class Supervisor:
    """Runs `command` as a child process and restarts it until it exits 0 or the supervisor is stopped.

    With `safe_mode_command` and `out_of_order_command` it climbs the ladder described above
    instead of restarting the same command forever; either may be left out, and its rung is then
    skipped. Every duration is in seconds. `hang_timeout=None` turns hang detection off. `clock`
    and `sleep` default to `time.monotonic` and `time.sleep`; the back-off waits in slices of
    `poll_interval` so that a stop request is seen promptly. The clock is read once when a child
    starts and once when it ends (and, with hang detection, at every poll). The child's standard error is passed on to `stderr` (the
    supervisor's own standard error when None).
    """

    def __init__(
        self,
        command: Sequence[str],
        *,
        safe_mode_command: Sequence[str] | None = None,
        out_of_order_command: Sequence[str] | None = None,
        quick_failures: int = DEFAULT_QUICK_FAILURES,
        retry_after: float = DEFAULT_RETRY_AFTER,
        first_retry: float = DEFAULT_FIRST_RETRY,
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
        stderr: IO[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not command:
            raise ValueError("the command to supervise is empty")
        if poll_interval <= 0:
            raise ValueError("poll_interval must be positive")
        if quick_failures < 1:
            raise ValueError("quick_failures must be at least 1")
        self.commands: dict[Mode, list[str]] = {Mode.NORMAL: list(command)}
        if safe_mode_command:
            self.commands[Mode.SAFE] = list(safe_mode_command)
        if out_of_order_command:
            self.commands[Mode.OUT_OF_ORDER] = list(out_of_order_command)
        self.quick_failures = quick_failures
        self.retry_after = retry_after
        self.first_retry = min(first_retry, retry_after)
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
        self._stderr = stderr
        self._clock = clock
        self._sleep = sleep
        self._stop_requested = False
        self._stop_signal: int | None = None
        self._mode = Mode.NORMAL
        self._reason = ""  # why the current mode was chosen, for the child
        self._failures = 0  # failures in a row in this mode, for the back-off
        self._quick = 0  # quick failures in a row in this mode, for the ladder
        self._mode_since: float | None = None  # when the first child in this mode started
        self._last_end = 0.0
        self._showings = 0  # times the out-of-order screen was shown since the last stable run
        self._retry_period = self.first_retry  # how long the out-of-order screen shows this time
        self._starts = 0  # children started (or tried), for RESTARTS_ENV

    @property
    def command(self) -> list[str]:
        """The command of a normal start."""
        return self.commands[Mode.NORMAL]

    @property
    def mode(self) -> Mode:
        """How the next child is started."""
        return self._mode

    # -- public ------------------------------------------------------------------------------------

    def run(self, *, handle_signals: bool = True) -> int:
        """Supervises until the child exits 0 or `stop()` is called (or SIGTERM/SIGINT arrives).

        Returns 0 in both cases. Signal handlers are installed only from the main thread and are
        restored on return.
        """
        with self._signal_handlers(handle_signals), self._heartbeat_file() as heartbeat:
            while not self._stop_requested:
                run = self._run_child(heartbeat, self._mode)
                if self._stop_requested:
                    self.runs.append(run)
                    break
                if run.status == EXIT_OK and run.ended_well:
                    self.runs.append(run)
                    logger.info("kiosk exited normally (staff chose Exit); supervisor stops")
                    return EXIT_OK
                delay = self._after(run)
                self.runs.append(dataclasses.replace(run, restart_delay=delay))
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
        return min(self.backoff_cap, self.backoff_base * 2.0 ** min(failures, 64))

    # -- the ladder --------------------------------------------------------------------------------

    def _after(self, run: ChildRun) -> float:
        """Chooses, and logs, how the next child starts after `run`; returns the wait before it."""
        quick = run.uptime < self.stable_after
        if not quick and (self._failures or self._mode is not Mode.NORMAL or self._showings):
            logger.info(
                "the %s had run stably for %.0f s; the ladder and the back-off start again",
                run.mode.value,
                run.uptime,
            )
            self._showings = 0
            self._enter(Mode.NORMAL)
        if run.ended_well:
            if run.mode is Mode.OUT_OF_ORDER:
                logger.info(
                    "the out-of-order screen has ended (the exhibit changed, or its retry period "
                    "passed); starting the kiosk normally again"
                )
                self._enter(Mode.NORMAL)
            else:
                logger.info("kiosk asked for a planned restart; starting it again now")
            return 0.0
        no_content = run.status == EXIT_NO_CONTENT and not run.hung and run.mode is not Mode.OUT_OF_ORDER
        if no_content and Mode.OUT_OF_ORDER in self.commands:
            reason = f"the kiosk has nothing valid to show ({run.cause})"
            logger.warning("%s; showing the out-of-order screen until the exhibit changes", reason)
            self._enter(Mode.OUT_OF_ORDER, reason)
            return 0.0

        delay = self.backoff_delay(self._failures)
        self._failures += 1
        self._quick = self._quick + 1 if quick else 0
        if self._mode is Mode.OUT_OF_ORDER:
            shown_since = self._last_end - (
                self._mode_since if self._mode_since is not None else self._last_end
            )
            if shown_since >= self._retry_period:
                logger.warning(
                    "the out-of-order screen failed (%s), and the kiosk was last tried %.0f s ago; "
                    "starting the kiosk normally again",
                    run.cause,
                    shown_since,
                )
                self._enter(Mode.NORMAL)
                return 0.0
            logger.warning(
                "showing the out-of-order screen again in %.3g s (failure %d in a row)", delay, self._failures
            )
            return delay
        rung = self._rung_above(self._mode)
        if self._quick >= self.quick_failures and rung is not None:
            times = "" if self._quick == 1 else f" {self._quick} times in a row, each time"
            reason = (
                f"the {run.mode.value} failed{times} within "
                f"{_duration(self.stable_after)} of its start (last: {run.cause})"
            )
            action = "starting it in safe mode" if rung is Mode.SAFE else "showing the out-of-order screen"
            logger.warning("%s; %s", reason, action)
            self._enter(rung, reason)
            return 0.0
        in_mode = " in safe mode" if self._mode is Mode.SAFE else ""
        logger.warning(
            "restarting the kiosk%s in %.3g s (failure %d in a row)", in_mode, delay, self._failures
        )
        return delay

    def _rung_above(self, mode: Mode) -> Mode | None:
        higher = {Mode.NORMAL: (Mode.SAFE, Mode.OUT_OF_ORDER), Mode.SAFE: (Mode.OUT_OF_ORDER,)}
        return next((rung for rung in higher.get(mode, ()) if rung in self.commands), None)

    def _enter(self, mode: Mode, reason: str = "") -> None:
        if mode is Mode.OUT_OF_ORDER:
            self._retry_period = min(self.retry_after, self.first_retry * 2 ** min(self._showings, 32))
            self._showings += 1
        self._mode = mode
        self._reason = reason
        self._failures = 0
        self._quick = 0
        self._mode_since = None

    # -- one child ---------------------------------------------------------------------------------

    def _run_child(self, heartbeat: Path | None, mode: Mode) -> ChildRun:
        if heartbeat is not None:
            with contextlib.suppress(FileNotFoundError):
                heartbeat.unlink()
        command = self.commands[mode]
        if mode is Mode.OUT_OF_ORDER:
            command = _with_option(command, RETRY_AFTER_OPTION, f"{self._retry_period:g}")
        env = dict(self.env)
        env.pop(HEARTBEAT_ENV, None)  # never a heartbeat file inherited from elsewhere
        env.pop(REASON_ENV, None)
        env[RESTARTS_ENV] = str(self._starts)
        self._starts += 1
        if heartbeat is not None:
            env[HEARTBEAT_ENV] = str(heartbeat)
        if self._reason:
            env[REASON_ENV] = self._reason
        started = self._clock()
        if self._mode_since is None:
            self._mode_since = started
        name = mode.value
        try:
            process = subprocess.Popen(command, env=env, cwd=self.cwd, stderr=subprocess.PIPE)
        except OSError as error:
            logger.error("cannot start the %s (%s): %s", name, _quote(command), error)
            self._last_end = started
            cause = f"not started: {error}"
            return ChildRun(None, None, 0.0, hung=False, restart_delay=None, mode=mode, cause=cause)
        logger.info("%s started (pid %d): %s", name, process.pid, _quote(command))
        assert process.stderr is not None
        last_words = LastWords(process.stderr, self._stderr)
        try:
            hung = self._watch(process, heartbeat, started, name)
            if hung or self._stop_requested:
                self._end(process)
            status = process.returncode
        finally:
            if process.returncode is None:  # an exception on the way: leave no child behind
                self._end(process)
            last_words.finish(STDERR_DRAIN_S)
            if heartbeat is not None:  # the beats of a child that has ended say nothing any more
                with contextlib.suppress(FileNotFoundError):
                    heartbeat.unlink()
        self._last_end = self._clock()
        uptime = self._last_end - started
        run = ChildRun(process.pid, status, uptime, hung, restart_delay=None, mode=mode)
        if run.ended_well or self._stop_requested:
            logger.info(
                "%s (pid %d) ended after %.1f s: %s", name, process.pid, uptime, describe_status(status)
            )
            return run
        said, excerpt = last_words.summary()
        cause = "hung (no heartbeat)" if hung else describe_status(status)
        if said:
            cause = f"{cause}, {said}"
        logger.warning("%s (pid %d) ended after %.1f s: %s", name, process.pid, uptime, cause)
        if excerpt:
            logger.warning(
                "the last words of the %s (pid %d) on standard error:\n%s",
                name,
                process.pid,
                "\n".join("    " + line for line in excerpt),
            )
        return dataclasses.replace(run, cause=cause)

    def _watch(
        self, process: "subprocess.Popen[bytes]", heartbeat: Path | None, started: float, name: str
    ) -> bool:
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
                    "%s (pid %d) hung: no heartbeat within %.3g s of its start; stopping it",
                    name,
                    process.pid,
                    self.startup_grace,
                )
                return True
            if last_beat is not None and now - last_beat > self.hang_timeout:
                logger.error(
                    "%s (pid %d) hung: no heartbeat for %.3g s; stopping it",
                    name,
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


class LastWords:
    """Reads a child's standard error on a thread of its own: passes every line on, keeps the last.

    The pipe is always read to its end, even when the lines can no longer be passed on (the
    supervisor's standard error closed), so that a child never blocks on a full pipe.
    """

    def __init__(self, stream: IO[bytes], forward: IO[str] | None = None, keep: int = KEPT_LINES) -> None:
        self._stream = stream
        self._forward = forward
        self._forwarding = True
        self._lines: deque[str] = deque(maxlen=keep)
        self._guard = threading.Lock()
        self._thread = threading.Thread(target=self._read, name="kiosk-stderr", daemon=True)
        self._thread.start()

    def finish(self, timeout: float) -> None:
        """Waits up to `timeout` seconds for the rest of the stream (the child has ended)."""
        self._thread.join(timeout)
        if not self._thread.is_alive():
            self._stream.close()

    def lines(self) -> list[str]:
        with self._guard:
            return list(self._lines)

    def summary(self) -> tuple[str, list[str]]:
        """What the child said last about its end, in a line, and the excerpt worth logging."""
        return summarize_last_words(self.lines())

    def _read(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            for raw in iter(lambda: self._stream.readline(LONGEST_LINE), b""):
                text = raw.decode("utf-8", errors="replace")
                self._pass_on(text)
                with self._guard:
                    self._lines.append(text.rstrip("\r\n"))

    def _pass_on(self, text: str) -> None:
        if not self._forwarding:
            return
        target = self._forward if self._forward is not None else sys.stderr
        try:
            if target is None:  # pythonw on Windows: nowhere to pass it
                raise ValueError("no standard error")
            target.write(text)
            target.flush()
        except (OSError, ValueError):
            self._forwarding = False


_TRACEBACK = "Traceback (most recent call last):"
_FATAL = re.compile(r"^Fatal Python error: ")
_FATAL_STACK = re.compile(r"^(Current thread|Thread) 0x[0-9a-f]+ .*\(most recent call first\):$")
_FRAME = re.compile(r'^\s+File "')
#: A log record as kiosk/app/logs.py writes it: "2025-03-01 09:00:12,345 ERROR name: message".
_LOG_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (?P<level>[A-Z]+) (?P<message>.*)$")
#: When nothing more telling was said: the last lines.
PLAIN_LINES_LOGGED = 5


def summarize_last_words(lines: Sequence[str]) -> tuple[str, list[str]]:
    """The gist of a child's last lines on standard error, and the excerpt worth logging.

    The gist is the exception of the last Python traceback; else a fatal error (a crash that
    `faulthandler` reported), with the error logged just before it if there is one (Qt logs its
    fatal messages before it aborts); else the last log record at ERROR or CRITICAL; else nothing.
    The excerpt is that traceback shortened to its innermost frames and its exception, or the
    fatal error with its innermost frames, or the last few lines.
    """
    lines = [line for line in lines if line.strip()]
    starts = [index for index, line in enumerate(lines) if line.startswith(_TRACEBACK)]
    if starts:
        return _python_traceback(lines[starts[-1] :])
    fatal = [index for index, line in enumerate(lines) if _FATAL.match(line)]
    if fatal:
        gist, excerpt = _fatal_error(lines[fatal[-1] :])
        said = _last_error(lines[max(0, fatal[-1] - PLAIN_LINES_LOGGED) : fatal[-1]])
        if said is None:
            return gist, excerpt
        return f"{gist}, after {said[0]}", [said[1], *excerpt]
    said = _last_error(lines)
    return (said[0] if said else ""), lines[-PLAIN_LINES_LOGGED:]


def _last_error(lines: Sequence[str]) -> tuple[str, str] | None:
    """The message of the last log record at ERROR or CRITICAL in `lines`, and its line."""
    for line in reversed(lines):
        record = _LOG_RECORD.match(line)
        if record and record["level"] in ("ERROR", "CRITICAL"):
            return record["message"], line
    return None


def _python_traceback(lines: list[str]) -> tuple[str, list[str]]:
    body = lines[1:]
    frames: list[list[str]] = []
    index = 0
    while index < len(body) and body[index].startswith((" ", "\t")):
        if _FRAME.match(body[index]):
            frames.append([body[index]])
        elif frames:
            frames[-1].append(body[index])
        index += 1
    exception = body[index:]
    # The exception's own lines end where the child went on to say something else (a log record).
    exception = exception[
        : next((i for i, line in enumerate(exception) if i and _LOG_RECORD.match(line)), None)
    ]
    gist = exception[0] if exception else ""
    shown = [line for frame in frames[-FRAMES_LOGGED:] for line in frame]
    skipped = len(frames) - FRAMES_LOGGED
    marker = [f"  ... {skipped} outer frame{'s' if skipped > 1 else ''} ..."] if skipped > 0 else []
    return gist, [lines[0], *marker, *shown, *exception[:5]]


def _fatal_error(lines: list[str]) -> tuple[str, list[str]]:
    excerpt = [lines[0]]
    stack = next((index for index, line in enumerate(lines) if _FATAL_STACK.match(line)), None)
    if stack is not None:
        frames = [line for line in lines[stack + 1 :] if _FRAME.match(line)]
        excerpt += [lines[stack], *frames[:FRAMES_LOGGED]]  # most recent first
    return lines[0], excerpt


def _with_option(command: Sequence[str], option: str, value: str) -> list[str]:
    """The command with the value after `option` replaced, if it has the option."""
    changed = list(command)
    if option in changed[:-1]:
        changed[changed.index(option) + 1] = value
    return changed


def kiosk_supervisor(
    run_arguments: Sequence[str], *, retry_after: float = DEFAULT_RETRY_AFTER, **settings: Any
) -> Supervisor:
    """A `Supervisor` of `kiosk run` with `run_arguments`, passed through unchanged (such as
    `["exhibits/recognition-1933", "--idle-timeout", "30"]`), with `run --safe-mode` and
    `out-of-order` (which take the same arguments) for the ladder's rungs.

    Each child is `[sys.executable, "-m", "kiosk", ...]`, started in the current folder. `settings`
    are the `Supervisor`'s other keyword arguments.
    """
    kiosk = [sys.executable, "-m", "kiosk"]
    return Supervisor(
        [*kiosk, "run", *run_arguments],
        safe_mode_command=[*kiosk, "run", "--safe-mode", *run_arguments],
        out_of_order_command=[*kiosk, "out-of-order", RETRY_AFTER_OPTION, f"{retry_after:g}", *run_arguments],
        retry_after=retry_after,
        **settings,
    )


def supervise(
    run_arguments: Sequence[str],
    *,
    hang_timeout: float | None = DEFAULT_HANG_TIMEOUT,
    retry_after: float = DEFAULT_RETRY_AFTER,
    log_dir: Path | None = None,
    configure_logs: bool = True,
) -> int:
    """`kiosk supervise [run options]`: runs `kiosk run` under a `kiosk_supervisor` until staff choose Exit.

    With `configure_logs` (the default) the supervisor's own log goes to standard error and to
    `supervisor.log` in `log_dir`, or in the user's log folder when `log_dir` is None; the kiosk
    writes `kiosk.log` beside it. Returns 0: after the kiosk exited 0, or after SIGTERM/SIGINT.
    """
    log_file = None
    if configure_logs:
        from kiosk.app.logs import configure_logging

        log_file = configure_logging(log_dir, filename="supervisor.log")
    logger.info("supervisor started (pid %d)%s", os.getpid(), f"; log: {log_file}" if log_file else "")
    supervisor = kiosk_supervisor(run_arguments, retry_after=retry_after, hang_timeout=hang_timeout)
    return supervisor.run()


def describe_status(status: int | None) -> str:
    """An exit status in words, for the log."""
    if status is None:
        return "not started"
    if status == EXIT_OK:
        return "exit status 0 (normal exit)"
    if status == EXIT_RESTART:
        return f"exit status {EXIT_RESTART} (planned restart)"
    if status == EXIT_NO_CONTENT:
        return f"exit status {EXIT_NO_CONTENT} (nothing valid to show)"
    if status == EXIT_SOFTWARE:
        return f"exit status {EXIT_SOFTWARE} (an unexpected error)"
    if status < 0:
        return f"killed by {_signal_name(-status)}"
    if status > 0xFFFF:  # Windows reports crashes as NTSTATUS codes, such as 0xC0000005
        return f"exit status {status:#x}"
    return f"exit status {status}"


def _duration(seconds: float) -> str:
    return f"{seconds / 60:g} min" if seconds >= 60 else f"{seconds:g} s"


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
