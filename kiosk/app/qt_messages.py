import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
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
