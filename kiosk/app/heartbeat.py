"""The kiosk's heartbeat: proof, every few seconds, that its event loop still runs.

The supervisor (kiosk/app/supervisor.py) names a file in the environment variable
`KIOSK_HEARTBEAT`; a timer of the GUI thread rewrites it. A frozen event loop fires no timer, so
the file stops changing, and that is how the supervisor finds a hang.
"""

import logging
import os
import time
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot

from kiosk.app.supervision import HEARTBEAT_ENV
from kiosk.services.clock import SYSTEM_CLOCK, Clock

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 5000


class Heartbeat(QObject):
    """Rewrites `path` from the event loop every `interval_ms`, starting as soon as the loop runs.

    It starts beating on construction (the first beat comes from the event loop, once it runs);
    `stop()` ends it. Writing never raises: a failure is logged once, until a write succeeds again.
    """

    def __init__(
        self,
        path: Path,
        parent: QObject | None = None,
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("heartbeatWriter")
        self._path = Path(path)
        self._beats = 0
        self._failing = False
        self._timer = clock.timer("heartbeat", self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.beat)
        self._first = clock.timer("firstHeartbeat", self)
        self._first.setSingleShot(True)
        self._first.setInterval(0)
        self._first.timeout.connect(self.beat)
        self.start()

    @classmethod
    def from_environment(
        cls,
        parent: QObject | None = None,
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        environ: Mapping[str, str] | None = None,
    ) -> "Heartbeat | None":
        """A running heartbeat into the file named by `KIOSK_HEARTBEAT`, or None when it is unset."""
        value = (os.environ if environ is None else environ).get(HEARTBEAT_ENV, "")
        if not value:
            return None
        logger.info("heartbeat every %d ms into %s", interval_ms, value)
        return cls(Path(value), parent, interval_ms=interval_ms)

    @property
    def path(self) -> Path:
        return self._path

    @property
    def timer(self) -> QTimer:
        return self._timer

    @property
    def beats(self) -> int:
        """How many beats were written."""
        return self._beats

    def start(self) -> None:
        self._first.start()
        self._timer.start()

    def stop(self) -> None:
        self._first.stop()
        self._timer.stop()

    @Slot()
    def beat(self) -> bool:
        """Writes one beat (the wall-clock time); returns whether it was written."""
        try:
            self._path.write_text(f"{time.time():.3f}\n", encoding="ascii")
        except OSError as error:
            if not self._failing:
                logger.warning("cannot write the heartbeat file %s: %s", self._path, error)
                self._failing = True
            return False
        if self._failing:
            logger.info("the heartbeat file %s is written again", self._path)
            self._failing = False
        self._beats += 1
        return True
