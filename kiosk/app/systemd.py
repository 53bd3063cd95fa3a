"""systemd's readiness and watchdog protocol, for a kiosk run as a `Type=notify` service.

systemd names a datagram socket in `NOTIFY_SOCKET` (a path, or an abstract name written with a
leading @) and, with `WatchdogSec=`, the interval in `WATCHDOG_USEC`. The kiosk says READY=1
when the window has drawn its first frame, and WATCHDOG=1 from a timer of the GUI thread at half
the interval: a GUI thread that hangs stops the messages, and systemd restarts the kiosk. Without
`NOTIFY_SOCKET` (run by hand, by the supervisor, on Windows) nothing is sent.

The protocol is a few lines (sd_notify(3)), so it is written here rather than taken from a
library (docs/adr/0021-metrics-and-systemd-s-watchdog.md).
"""

import contextlib
import logging
import os
import socket
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtQuick import QQuickWindow

logger = logging.getLogger(__name__)


class SystemdNotifier:
    """Sends sd_notify(3) messages to the socket named in `NOTIFY_SOCKET`; never raises."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        environ = os.environ if environ is None else environ
        address = environ.get("NOTIFY_SOCKET", "")
        self._address = "\0" + address[1:] if address.startswith("@") else address
        self._socket: socket.socket | None = None
        self._failing = False
        self.watchdog_usec = _watchdog_usec(environ)
        if self._address and hasattr(socket, "AF_UNIX"):
            self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)

    @property
    def enabled(self) -> bool:
        return self._socket is not None

    def notify(self, message: str) -> bool:
        """Sends `message` ("READY=1", "WATCHDOG=1", ...); returns whether it was sent."""
        if self._socket is None:
            return False
        try:
            self._socket.sendto(message.encode(), self._address)
        except OSError as error:
            if not self._failing:
                logger.warning("cannot tell systemd %s: %s", message, error)
                self._failing = True
            return False
        self._failing = False
        return True

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _watchdog_usec(environ: Mapping[str, str]) -> int | None:
    """The watchdog interval systemd set for this process, in microseconds, or None."""
    pid = environ.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):
        return None  # set for another process, and inherited
    with contextlib.suppress(ValueError):
        usec = int(environ.get("WATCHDOG_USEC", ""))
        return usec if usec > 0 else None
    return None


class SystemdWatchdog(QObject):
    """Tells systemd the kiosk is ready at the window's first frame, and alive from the GUI thread.

    `timer` (objectName "systemdWatchdog") sends WATCHDOG=1 at half systemd's interval; it runs
    on the GUI thread, so a hung interface is restarted by systemd.
    """

    def __init__(
        self,
        window: QQuickWindow,
        notifier: SystemdNotifier,
        *,
        timer: QTimer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or window)
        self.setObjectName("systemdWatchdog")
        self._notifier = notifier
        self.timer = timer or QTimer(self)
        self.timer.setObjectName("systemdWatchdog")
        if timer is None and notifier.watchdog_usec is not None:
            self.timer.setInterval(max(1, notifier.watchdog_usec // 2000))
        self.timer.timeout.connect(self._feed)
        if notifier.enabled:
            from kiosk.app.window import after_first_frame

            after_first_frame(window, "systemdReady", self._ready)

    def start(self) -> None:
        if self._notifier.enabled and self._notifier.watchdog_usec is not None:
            logger.info("feeding systemd's watchdog every %d ms", self.timer.interval())
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._notifier.notify("STOPPING=1")

    @Slot()
    def _ready(self) -> None:
        if self._notifier.notify("READY=1"):
            logger.info("told systemd the kiosk is ready")

    @Slot()
    def _feed(self) -> None:
        self._notifier.notify("WATCHDOG=1")
