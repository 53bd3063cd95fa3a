"""A clock the test moves: the services' timers fire when the test says that time has passed.

`ManualClock` stands in for `kiosk.services.clock.SYSTEM_CLOCK`. Its timers are real QTimer objects
(named, owned by the service, found with `findChildren`) whose start, stop and activity the clock
keeps itself: Qt's event loop never runs them, and `advance` fires each one that falls due, in
order, at its moment. Time is kept in whole milliseconds, as QTimer counts it, so that sums come out
exact.
"""

from datetime import datetime, timedelta

import shiboken6
from PySide6.QtCore import QObject, QTimer

from kiosk.services.clock import Clock

#: More firings than this in one `advance` means a repeating timer with no interval, not a test.
_MOST_FIRINGS = 100_000


class ManualTimer(QTimer):
    """A QTimer that fires only when its `ManualClock` passes its moment."""

    def __init__(self, clock: "ManualClock", parent: QObject) -> None:
        super().__init__(parent)
        self._clock = clock
        self._due_ms: int | None = None
        self._started = 0

    def start(self, msec: int | None = None) -> None:  # type: ignore[override]
        if msec is not None:
            super().setInterval(msec)
        self._due_ms = self._clock.elapsed_ms + self.interval()
        self._started = self._clock.next_start()

    def stop(self) -> None:
        self._due_ms = None

    def setInterval(self, msec: int) -> None:  # type: ignore[override]
        super().setInterval(msec)
        # As QTimer does: an active timer starts again with its new interval.
        if self._due_ms is not None:
            self.start()

    def isActive(self) -> bool:
        return self._due_ms is not None

    def remainingTime(self) -> int:
        return -1 if self._due_ms is None else max(0, self._due_ms - self._clock.elapsed_ms)

    def due(self) -> tuple[int, int] | None:
        """When it fires next, and in what order among timers due at the same moment."""
        return None if self._due_ms is None else (self._due_ms, self._started)

    def fire(self) -> None:
        self._due_ms = None if self.isSingleShot() else self._clock.elapsed_ms + self.interval()
        self.timeout.emit()


class ManualClock(Clock):
    """Monotonic and wall time that stand still until `advance`; the wall clock can also be `set`."""

    def __init__(self, wall: datetime | None = None) -> None:
        self.elapsed_ms = 0
        self._wall_at_zero = wall or datetime(2024, 1, 1, 12, 0)
        self._timers: list[ManualTimer] = []
        self._starts = 0

    def timer(self, name: str, parent: QObject) -> QTimer:
        timer = ManualTimer(self, parent)
        timer.setObjectName(name)
        self._timers.append(timer)
        return timer

    def monotonic(self) -> float:
        return self.elapsed_ms / 1000

    def now(self) -> datetime:
        return self._wall_at_zero + timedelta(milliseconds=self.elapsed_ms)

    def set(self, wall: datetime) -> None:
        """The wall clock is set, as by an administrator or NTP; monotonic time does not move."""
        self._wall_at_zero = wall - timedelta(milliseconds=self.elapsed_ms)

    def next_start(self) -> int:
        self._starts += 1
        return self._starts

    def advance(self, seconds: float = 0, *, ms: int = 0) -> None:
        """Lets `seconds` (and `ms`) pass, firing every timer that falls due on the way, at its
        moment; a timer started by another's firing fires too if its moment comes in time."""
        until = self.elapsed_ms + round(seconds * 1000) + ms
        for _ in range(_MOST_FIRINGS):
            pending = [(due, timer) for timer in self._live_timers() if (due := timer.due()) is not None]
            if not pending:
                break
            (moment, _order), timer = min(pending, key=lambda entry: entry[0])
            if moment > until:
                break
            self.elapsed_ms = max(self.elapsed_ms, moment)
            timer.fire()
        else:
            raise RuntimeError("a repeating timer fires without time passing")
        self.elapsed_ms = until

    def active_timers(self) -> list[str]:
        return sorted(timer.objectName() for timer in self._live_timers() if timer.isActive())

    def _live_timers(self) -> list[ManualTimer]:
        # A service deleted with its parent takes its timers with it.
        self._timers = [timer for timer in self._timers if shiboken6.isValid(timer)]
        return self._timers
