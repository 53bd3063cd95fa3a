"""Runs slow work (reading and validating an exhibit) off the UI thread, one run at a time."""

import gc
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

logger = logging.getLogger(__name__)

_collector_lock = threading.Lock()
_collector_holds = 0


@contextmanager
def collector_kept_off_this_thread() -> Iterator[None]:
    """Python's cyclic garbage collector does not run while Python code runs on a worker thread.

    The collector runs on whichever thread happens to allocate when it is due, and collects every
    unreachable cycle, wherever its objects were made. A Qt object it collects on a worker thread
    is destroyed there, not on its own thread: a timer or socket notifier destroyed so corrupts
    the heap. While any worker runs Python, collection waits; the UI thread does it afterwards.
    """
    global _collector_holds
    with _collector_lock:
        _collector_holds += 1
        if _collector_holds == 1:
            gc.disable()
    try:
        yield
    finally:
        with _collector_lock:
            _collector_holds -= 1
            if _collector_holds == 0:
                gc.enable()


class BackgroundJob(QObject):
    """Runs `work` on a thread of its own whenever asked; answers on the UI thread.

    Asked again while it runs, it runs once more afterwards (never twice at once, never more
    than once more), so that the last request is always served with what is there by then.

    Give it (or its owner) a Qt parent, so that it is destroyed on its own thread, and its pool
    waits there for the work in hand. The work runs with Python's collector held off (see
    `collector_kept_off_this_thread`).
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

    @Slot()
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
        with collector_kept_off_this_thread():
            try:
                result, error = self._work(), ""
            except Exception as failure:
                logger.exception("background work failed")
                result, error = None, f"{type(failure).__name__}: {failure}"
            try:
                self._done.emit(result, error)
            except RuntimeError:
                # Its owner was destroyed while the work ran (its pool waited for it): nobody is
                # left to tell, and the result goes with them.
                logger.debug("background work finished after its owner was gone")

    @Slot(object, str)
    def _deliver(self, result: Any, error: str) -> None:
        self._running = False
        if error:
            self.failed.emit(error)
        else:
            self.finished.emit(result)
        if self._again:
            self._again = False
            self.request()
