"""Runs slow work (reading and validating an exhibit) off the UI thread, one run at a time."""

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

logger = logging.getLogger(__name__)


class BackgroundJob(QObject):
    """Runs `work` on a thread of its own whenever asked; answers on the UI thread.

    Asked again while it runs, it runs once more afterwards (never twice at once, never more
    than once more), so that the last request is always served with what is there by then.

    Give it (or its owner) a Qt parent. Python's garbage collector may run on the worker thread,
    and a Qt object it collects there is destroyed on the wrong thread: a watcher's socket
    notifier destroyed so corrupts the heap. Objects owned by a parent are never collected.
    """

    #: The work's result, delivered on the thread this object lives in.
    finished = Signal(object)
    #: The work raised: its message (the traceback goes to the log).
    failed = Signal(str)
    _done = Signal(object, str)

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running = False
        self._again = False
        # Emitted from the worker thread: Qt queues it to this object's thread.
        self._done.connect(self._deliver)

    @property
    def running(self) -> bool:
        return self._running

    def request(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        self._pool.start(self._run)

    def wait(self) -> None:
        """Blocks until the work in hand is done (for shutting down)."""
        self._pool.waitForDone()

    def _run(self) -> None:
        try:
            result, error = self._work(), ""
        except Exception as failure:
            logger.exception("background work failed")
            result, error = None, f"{type(failure).__name__}: {failure}"
        try:
            self._done.emit(result, error)
        except RuntimeError:
            # Its owner was destroyed while the work ran (its pool waited for it): nobody is left
            # to tell, and the result goes with them.
            logger.debug("background work finished after its owner was gone")

    def _deliver(self, result: Any, error: str) -> None:
        self._running = False
        if error:
            self.failed.emit(error)
        else:
            self.finished.emit(result)
        if self._again:
            self._again = False
            self.request()
