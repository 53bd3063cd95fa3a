import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QWindow

from kiosk import __version__
from kiosk.app.qt_messages import route_qt_messages_to_logging
from kiosk.app.window import KioskUi, create_ui
from kiosk.content.snapshot import load_snapshot, save_snapshot

if TYPE_CHECKING:
    from kiosk.content.models import Exhibit

logger = logging.getLogger(__name__)
DEFAULT_WINDOW_SIZE = (1920, 1080)
EXIT_INVALID = 1


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("kiosk", appauthor=False))


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


def load_validated(exhibit_dir: Path, cache_dir: Path) -> "Exhibit | None":
    """Loads and validates the exhibit, printing its problems; keeps a snapshot when it is valid."""
    # Imported here: a kiosk opening from its snapshot loads pydantic only after its first frame.
    from kiosk.content.loader import load_exhibit
    from kiosk.content.summary import media_paths, summarize

    result = load_exhibit(exhibit_dir)
    if result.exhibit is None:
        for problem in result.problems:
            print(problem.format(relative_to=Path.cwd()), file=sys.stderr)
        print(f"kiosk: {exhibit_dir} is not valid; nothing was opened", file=sys.stderr)
        return None
    save_snapshot(
        cache_dir,
        exhibit_dir,
        summarize(result.exhibit),
        [*result.files, *media_paths(result.exhibit)],
    )
    return result.exhibit


def validate_after_first_frame(
    ui: KioskUi, exhibit_dir: Path, cache_dir: Path, on_invalid: Callable[[], None]
) -> None:
    """A window opened from a snapshot gets its exhibit, validated, right after its first frame."""

    def complete() -> None:
        exhibit = load_validated(exhibit_dir, cache_dir)
        if exhibit is None:
            on_invalid()
        else:
            ui.attach(exhibit)

    # frameSwapped may come from the render thread; a timer of the GUI thread takes the work back
    # there, once, after the first frame.
    validation = QTimer(ui.window)
    validation.setObjectName("validateAfterFirstFrame")
    validation.setSingleShot(True)
    validation.setInterval(0)
    validation.timeout.connect(complete)
    ui.window.frameSwapped.connect(validation.start, Qt.ConnectionType.SingleShotConnection)


def run_exhibit(
    exhibit_dir: Path,
    *,
    windowed: bool = False,
    size: tuple[int, int] | None = None,
    cache_dir: Path | None = None,
) -> int:
    """Opens the exhibit at once when it is unchanged since it last validated, else validates first."""
    cache_dir = cache_dir or default_cache_dir()
    summary = load_snapshot(cache_dir, exhibit_dir)
    exhibit = None
    if summary is None:
        exhibit = load_validated(exhibit_dir, cache_dir)
        if exhibit is None:
            return EXIT_INVALID

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    route_qt_messages_to_logging()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    app.setApplicationName("kiosk")
    app.setApplicationVersion(__version__)
    logger.info("kiosk %s opening %s", __version__, exhibit_dir)
    if summary is not None:
        ui = create_ui(summary)
        validate_after_first_frame(ui, exhibit_dir, cache_dir, on_invalid=lambda: app.exit(EXIT_INVALID))
    else:
        assert exhibit is not None
        ui = create_ui(exhibit)
    show_window(ui.window, windowed=windowed, size=size)
    status = app.exec()
    ui.dispose()
    return status
