"""Time as the services see it: their timers, the monotonic clock and the wall clock, from one object.

A service that waits takes a `Clock` and makes its timers with `clock.timer(name, parent)`, reads
elapsed time with `clock.monotonic()` and the time of day with `clock.now()`. The kiosk passes
`SYSTEM_CLOCK`; a test passes a clock it moves itself, whose timers fire when the test says time
has passed, so that a test of a sixty-second timeout takes no time and cannot lose a race with a
busy machine (docs/adr/0028-time-the-tests-move.md).
"""

import time
from datetime import datetime

from PySide6.QtCore import QObject, QTimer


class Clock:
    """Qt's timers and the system's clocks."""

    def timer(self, name: str, parent: QObject) -> QTimer:
        """A stopped timer named for whoever reads a dump of the object tree, owned by `parent`."""
        timer = QTimer(parent)
        timer.setObjectName(name)
        return timer

    def monotonic(self) -> float:
        """Seconds that never go back, from an arbitrary start."""
        return time.monotonic()

    def now(self) -> datetime:
        """The local time of day, naive, as `datetime.now()` gives it: it may jump when set."""
        return datetime.now()


SYSTEM_CLOCK = Clock()
