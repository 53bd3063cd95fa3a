import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from kiosk.services.background import collector_kept_off_this_thread

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # Qt's own threads (picture loading, sound) report here too: Python's collector must not run
    # on them (see collector_kept_off_this_thread).
    if threading.current_thread() is threading.main_thread():
        _log(kind, context, message)
    else:
        with collector_kept_off_this_thread():
            _log(kind, context, message)


def _log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    source = context.file or ""
    if source.endswith(".qml"):
        name = "qml." + source.rsplit("/", 1)[-1].removesuffix(".qml")
        message = f"{source}:{context.line}: {message}" if context.line else message
    else:
        name = "qt." + (context.category or "default")
    logging.getLogger(name).log(_LEVELS.get(kind, logging.WARNING), message)


def route_qt_messages_to_logging() -> Callable[..., Any] | None:
    """Qt and QML warnings go where the kiosk's own log records go. Returns the previous handler."""
    return qInstallMessageHandler(_handle)
