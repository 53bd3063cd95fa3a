"""The kiosk's working day: opening and closing on time, and restarting before it grows stale.

Opening hours and the daily restart are not polled. Each has a single-shot timer set for the
next moment something happens (the next opening or closing, the next restart time); when it
fires, the service reads the clock again and sets it for the moment after. A wait longer than
`longest_wait_ms` (an hour by default) is taken in steps of at most that: every interval fits a
QTimer, and a clock that is set or corrected while the kiosk runs is noticed within the step.
Waits are worked out in real time (`datetime.timestamp`), so the clock's `now` should give naive
local time (as datetime.now does) or time in a real time zone (zoneinfo); then a wait across a change to or
from daylight saving time is not an hour out. Only the memory is checked at an interval.
"""

import logging
import os
import sys
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.services.clock import SYSTEM_CLOCK, Clock
from kiosk.services.schedule import OpeningHours, next_daily_time

logger = logging.getLogger(__name__)

DAILY_RESTART = "daily restart"
#: A daily restart found more late than this (the machine slept, the clock jumped forward) is not
#: done then, in what may be opening hours, but left for the next day.
RESTART_GRACE = timedelta(minutes=10)
DEFAULT_MEMORY_CHECK_MS = 60_000
DEFAULT_LONGEST_WAIT_MS = 60 * 60 * 1000
_QTIMER_MAX_MS = 2**31 - 1


def resident_memory_mb() -> float:
    """This process's memory in MB (2**20 bytes), as the operating system reports it.

    - Linux: the current resident set size, from /proc/self/statm.
    - Windows: the current working set, from GetProcessMemoryInfo (through ctypes).
    - macOS and other Unix systems: the *peak* resident set size so far, from
      resource.getrusage (bytes on macOS, kilobytes elsewhere). It never falls, so a ceiling
      check there errs towards restarting early, never late.

    Raises OSError where none of these can be read.
    """
    if sys.platform.startswith("linux"):
        return _statm_mb()
    if sys.platform == "win32":
        return _working_set_mb()
    return _peak_rss_mb()


def _statm_mb() -> float:
    fields = Path("/proc/self/statm").read_text(encoding="ascii").split()
    try:
        pages = int(fields[1])
    except (IndexError, ValueError):
        raise OSError("unexpected contents in /proc/self/statm") from None
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_rss_mb() -> float:
    try:
        import resource  # POSIX only
    except ImportError as error:
        raise OSError("no resource module on this system") from error
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def _working_set_mb() -> float:
    if sys.platform != "win32":  # and the type checker reads what follows as Windows' code
        raise OSError("the working set is read on Windows only")
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        # The layout of PROCESS_MEMORY_COUNTERS.
        _fields_ = [
            ("cb", wintypes.DWORD),
            ("PageFaultCount", wintypes.DWORD),
            ("PeakWorkingSetSize", ctypes.c_size_t),
            ("WorkingSetSize", ctypes.c_size_t),
            ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
            ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
            ("PagefileUsage", ctypes.c_size_t),
            ("PeakPagefileUsage", ctypes.c_size_t),
        ]

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.K32GetProcessMemoryInfo.argtypes = [wintypes.HANDLE, ctypes.POINTER(Counters), wintypes.DWORD]
    kernel32.K32GetProcessMemoryInfo.restype = wintypes.BOOL
    counters = Counters()
    counters.cb = ctypes.sizeof(Counters)
    if not kernel32.K32GetProcessMemoryInfo(
        kernel32.GetCurrentProcess(), ctypes.byref(counters), counters.cb
    ):
        raise OSError(ctypes.get_last_error(), "GetProcessMemoryInfo failed")
    return counters.WorkingSetSize / 2**20


class ScheduleService(QObject):
    """Says when the kiosk opens and closes, and when it should restart.

    `openChanged` follows the opening hours (always open without them). `restartDue` asks for a
    restart, with the reason for the log: at the daily restart time, and once when the process's
    resident memory is over the ceiling; the application decides when to act on it. Call `start`
    once the signals are connected; `is_open` is right from construction.
    """

    openChanged = Signal(bool)
    restartDue = Signal(str)

    def __init__(
        self,
        opening_hours: OpeningHours | None = None,
        daily_restart: time | None = None,
        memory_ceiling_mb: int | None = None,
        *,
        clock: Clock = SYSTEM_CLOCK,
        resident_memory_mb: Callable[[], float] = resident_memory_mb,
        memory_check_ms: int = DEFAULT_MEMORY_CHECK_MS,
        longest_wait_ms: int = DEFAULT_LONGEST_WAIT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if not 0 < longest_wait_ms <= _QTIMER_MAX_MS or not 0 < memory_check_ms <= _QTIMER_MAX_MS:
            raise ValueError("timer intervals must be positive and fit a QTimer")
        self._hours = opening_hours
        self._restart_time = daily_restart
        self._ceiling_mb = memory_ceiling_mb
        self._clock = clock
        self._memory = resident_memory_mb
        self._longest_wait_ms = longest_wait_ms
        self._open = opening_hours is None or opening_hours.is_open(clock.now())
        self._restart_at: datetime | None = None

        self._hours_timer = self._timer("openingHours", self._check_open)
        self._restart_timer = self._timer("dailyRestart", self._on_restart)
        self._memory_timer = self._timer("memoryCheck", self._on_memory)
        self._memory_timer.setSingleShot(False)
        self._memory_timer.setInterval(memory_check_ms)

    def _timer(self, name: str, slot: Callable[[], None]) -> QTimer:
        timer = self._clock.timer(name, self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def next_change(self) -> datetime | None:
        """When the kiosk next opens or closes; None when that never happens."""
        return self._hours.next_change(self._clock.now()) if self._hours is not None else None

    @property
    def next_restart(self) -> datetime | None:
        """When the daily restart is next due, once started."""
        return self._restart_at

    def start(self) -> None:
        self._check_open()
        if self._restart_time is not None:
            self._restart_at = next_daily_time(self._restart_time, self._clock.now())
            self._arm(self._restart_timer, self._restart_at)
        if self._ceiling_mb is not None:
            self._memory_timer.start()

    def stop(self) -> None:
        for timer in (self._hours_timer, self._restart_timer, self._memory_timer):
            timer.stop()

    @Slot()
    def _check_open(self) -> None:
        if self._hours is None:
            return
        now = self._clock.now()
        is_open = self._hours.is_open(now)
        if is_open != self._open:
            self._open = is_open
            logger.info("the kiosk %s (opening hours)", "opens" if is_open else "closes")
            self.openChanged.emit(is_open)
        change = self._hours.next_change(now)
        if change is not None:
            self._arm(self._hours_timer, change, now)

    @Slot()
    def _on_restart(self) -> None:
        if self._restart_time is None or self._restart_at is None:
            return
        now = self._clock.now()
        late = now.timestamp() - self._restart_at.timestamp()
        if late >= 0:
            if late <= RESTART_GRACE.total_seconds():
                logger.info("daily restart due at %s", self._restart_at.isoformat(timespec="minutes"))
                self.restartDue.emit(DAILY_RESTART)
            else:
                logger.warning(
                    "daily restart of %s skipped: %.0f minutes late (the clock jumped or the machine slept)",
                    self._restart_at.isoformat(timespec="minutes"),
                    late / 60,
                )
            self._restart_at = next_daily_time(self._restart_time, now)
        elif -late > timedelta(days=1).total_seconds():
            self._restart_at = next_daily_time(self._restart_time, now)  # the clock went back
        self._arm(self._restart_timer, self._restart_at, now)

    @Slot()
    def _on_memory(self) -> None:
        if self._ceiling_mb is None:
            return
        try:
            used = self._memory()
        except OSError as error:
            logger.warning("memory ceiling not checked: cannot read the resident memory (%s)", error)
            self._memory_timer.stop()
            return
        if used > self._ceiling_mb:
            # Asked once: a restart is what it takes, and the application has been told.
            self._memory_timer.stop()
            reason = f"memory ceiling {self._ceiling_mb} MB exceeded: {used:.0f} MB"
            logger.warning("%s", reason)
            self.restartDue.emit(reason)

    def _arm(self, timer: QTimer, at: datetime, now: datetime | None = None) -> None:
        now = self._clock.now() if now is None else now
        # Timestamps are floats: rounded to the microsecond first, a wait of 150 ms is not 151.
        wait_us = round((at.timestamp() - now.timestamp()) * 1_000_000)
        wait_ms = -(-wait_us // 1000)
        # Precise: a coarse timer (Qt's default, kept by the memory check) may fire up to 5 % early,
        # which over an hour is minutes. Asked here rather than when the timer is made: the Qt
        # namespace's enums cost about 18 ms to make, and a kiosk without opening hours or a daily
        # restart need not make them before its first frame.
        from PySide6.QtCore import Qt

        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.start(max(1, min(wait_ms, self._longest_wait_ms)))
