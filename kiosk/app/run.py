import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QWindow

from kiosk import __version__
from kiosk.app.qt_messages import route_qt_messages_to_logging
from kiosk.app.window import create_ui
from kiosk.content.loader import LoadResult

logger = logging.getLogger(__name__)
DEFAULT_WINDOW_SIZE = (1920, 1080)


def show_window(window: QWindow, *, windowed: bool, size: tuple[int, int] | None = None) -> None:
    if windowed:
        window.resize(*(size or DEFAULT_WINDOW_SIZE))
        window.show()
        return
    # Sized to the screen by hand as well, since a bare X server has no window manager to honour
    # the full-screen request.
    screen = window.screen() or QGuiApplication.primaryScreen()
    window.setFlags(window.flags() | Qt.WindowType.FramelessWindowHint)
    window.setGeometry(screen.geometry())
    window.showFullScreen()


def run_exhibit(result: LoadResult, *, windowed: bool = False, size: tuple[int, int] | None = None) -> int:
    assert result.exhibit is not None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    route_qt_messages_to_logging()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    app.setApplicationName("kiosk")
    app.setApplicationVersion(__version__)
    logger.info("kiosk %s opening %s", __version__, result.exhibit_dir)
    ui = create_ui(result.exhibit)
    show_window(ui.window, windowed=windowed, size=size)
    status = app.exec()
    ui.dispose()
    return status
