"""A kiosk asked to stop (SIGTERM from the supervisor or systemd, SIGINT from a terminal) stops cleanly.

Python runs its signal handlers only when the interpreter has control, which the Qt event loop
rarely gives it: the signal's number is written to a socket that the event loop watches, so the
kiosk wakes for it at once, spends nothing while none comes, and leaves its event loop the normal
way (the log says why; caches and temporary folders are tidied).
"""

import contextlib
import logging
import signal
import socket
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QSocketNotifier

logger = logging.getLogger(__name__)

#: The status of a process ended by a signal, as a shell reports it: never 0, which the supervisor
#: takes for staff's Exit, so that a kiosk stopped by someone else is started again.
EXIT_SIGNALLED = 128


@contextlib.contextmanager
def stop_on_signals(
    leave: Callable[[int], None], parent: QObject, signals: tuple[int, ...] = (signal.SIGTERM, signal.SIGINT)
) -> Iterator[None]:
    """While in effect, each of `signals` calls `leave(128 + signal number)` from the event loop."""
    if not hasattr(signal, "set_wakeup_fd"):
        yield
        return
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    try:
        previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    except ValueError:  # not the main thread: signals are not this code's to take
        reader.close()
        writer.close()
        yield
        return
    previous = {number: signal.signal(number, lambda *_: None) for number in signals}
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, parent)

    def arrived() -> None:
        with contextlib.suppress(BlockingIOError, InterruptedError):
            for number in reader.recv(64):
                if number in previous:
                    name = signal.Signals(number).name
                    logger.info("stopping: %s received (the supervisor, systemd or a terminal)", name)
                    leave(EXIT_SIGNALLED + number)
                    return

    notifier.activated.connect(arrived)
    try:
        yield
    finally:
        notifier.setEnabled(False)
        notifier.deleteLater()
        for number, handler in previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(previous_fd)
        reader.close()
        writer.close()
