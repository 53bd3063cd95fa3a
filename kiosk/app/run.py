import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QWindow

from kiosk import __version__
from kiosk.app.heartbeat import Heartbeat
from kiosk.app.logs import close_logging, configure_logging
from kiosk.app.operations import diagnostics_source, install_exception_handler, pin_checker
from kiosk.app.publishing import Publishing, keep_snapshot, log_refusal
from kiosk.app.qt_messages import route_qt_messages_to_logging
from kiosk.app.supervisor import EXIT_RESTART
from kiosk.app.window import KioskUi, SessionOptions, create_ui
from kiosk.content.paths import DEFAULT_EXHIBIT
from kiosk.content.pictures import DEFAULT_LIMITS, SizeLimits
from kiosk.content.snapshot import load_snapshot, save_snapshot
from kiosk.content.versions import Version, VersionStore
from kiosk.services.schedule_service import ScheduleService
from kiosk.services.settings import default_settings_path, load_settings
from kiosk.services.staff_access import PinLock
from kiosk.viewmodels.staff import KioskStaff

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
    window.setFlags(window.flags() | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
    window.setGeometry(screen.geometry())
    window.showFullScreen()


def load_validated(
    exhibit_dir: Path, cache_dir: Path, *, limits: SizeLimits = DEFAULT_LIMITS
) -> "Exhibit | None":
    """Loads and validates the exhibit, printing its problems; keeps a snapshot when it is valid.

    `limits` are the installation's, which its versions were published under.
    """
    # Imported here: a kiosk opening from its snapshot loads pydantic only after its first frame.
    from kiosk.content.loader import load_exhibit
    from kiosk.content.summary import media_paths, summarize

    result = load_exhibit(exhibit_dir, limits=limits)
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
    ui: KioskUi,
    exhibit_dir: Path,
    cache_dir: Path,
    on_invalid: Callable[[], None],
    *,
    limits: SizeLimits = DEFAULT_LIMITS,
) -> None:
    """A window opened from a snapshot gets its exhibit, validated, right after its first frame."""

    def complete() -> None:
        exhibit = load_validated(exhibit_dir, cache_dir, limits=limits)
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


@dataclass(frozen=True)
class RunOptions:
    """`kiosk run`'s options; what is None comes from the installation settings, then the exhibit."""

    windowed: bool = False
    size: tuple[int, int] | None = None
    idle_timeout_s: float | None = None
    countdown_s: float | None = None
    settings_path: Path | None = None
    log_dir: Path | None = None
    cache_dir: Path | None = None
    #: Where the published versions of the exhibit are kept.
    data_dir: Path | None = None


def run_exhibit(exhibit_dir: Path | None, options: RunOptions = RunOptions()) -> int:
    """Runs the kiosk until staff choose Exit, following the exhibit folder as curators change it.

    The kiosk shows a published version of the folder (kiosk.content.versions), never the folder
    itself: a folder that does not validate leaves the last good version on show. A version
    unchanged since it last validated opens at once, from its snapshot.
    """
    settings_path = options.settings_path or default_settings_path()
    settings, problems = load_settings(settings_path)
    for problem in problems:
        print(problem.format(relative_to=Path.cwd()), file=sys.stderr)
    exhibit_dir = exhibit_dir or settings.exhibit or DEFAULT_EXHIBIT
    cache_dir = options.cache_dir or default_cache_dir()
    log_file = configure_logging(options.log_dir or settings.log_dir)
    route_qt_messages_to_logging()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    app.setApplicationName("kiosk")
    app.setApplicationVersion(__version__)
    logger.info("kiosk %s opening %s; settings %s; log %s", __version__, exhibit_dir, settings_path, log_file)
    for problem in problems:
        logger.warning("installation settings: %s", problem.format())

    heartbeat = Heartbeat.from_environment()
    try:
        store = VersionStore.for_exhibit(
            options.data_dir or default_data_dir(), exhibit_dir, limits=settings.size_limits()
        )
        version = version_to_show(store, cache_dir)
        if version is None:
            print(f"kiosk: {exhibit_dir} is not valid; nothing was opened", file=sys.stderr)
            return EXIT_INVALID
        session_options = SessionOptions(
            idle_timeout_s=options.idle_timeout_s or settings.idle_timeout,
            countdown_s=options.countdown_s or settings.countdown,
            lockdown=not options.windowed,
            screen=settings.screen_placement(),
        )
        schedule = ScheduleService(settings.opening_hours, settings.daily_restart, settings.memory_ceiling_mb)
        status = _run(
            app, store, version, cache_dir, options, session_options, settings.pin_hash, log_file, schedule
        )
        logger.info("kiosk stopped with status %d", status)
        return status
    finally:
        if heartbeat is not None:
            heartbeat.stop()
        close_logging()


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("kiosk", appauthor=False))


def version_to_show(store: VersionStore, cache_dir: Path) -> Version | None:
    """Publishes the folder if it changed while the kiosk was off; the version to show, if any."""
    publication = store.publish()
    if publication.version is None:
        for problem in publication.problems:
            print(problem.format(relative_to=Path.cwd()), file=sys.stderr)
        log_refusal(publication.problems, "the exhibit folder")
    elif publication.exhibit is not None:
        keep_snapshot(cache_dir, publication.version, publication.exhibit, publication.files)
    current = store.current()
    if publication.version is None and current is not None:
        print(f"kiosk: showing the last good version, {current.name}", file=sys.stderr)
    return current


def _run(
    app: QGuiApplication,
    store: VersionStore,
    version: Version,
    cache_dir: Path,
    options: RunOptions,
    session_options: SessionOptions,
    pin_hash: str | None,
    log_file: Path | None,
    schedule: ScheduleService,
) -> int:
    summary = load_snapshot(cache_dir, version.folder)
    exhibit = None
    if summary is None:
        exhibit = load_validated(version.folder, cache_dir, limits=store.limits)
        if exhibit is None:
            return EXIT_INVALID
    publishing: list[Publishing] = []
    staff = KioskStaff(
        pin_checker(PinLock(pin_hash)),
        diagnostics_source(store.source, log_file, shown_version=lambda: publishing[0].showing.describe()),
        versions=lambda: publishing[0].versions(),
    )
    ui = create_ui(summary or exhibit, session_options, staff)  # type: ignore[arg-type]
    if summary is not None:
        validate_after_first_frame(
            ui, version.folder, cache_dir, on_invalid=lambda: app.exit(EXIT_INVALID), limits=store.limits
        )
    elif exhibit is not None:
        ui.attach(exhibit)
    publishing.append(Publishing(ui, store, version, cache_dir, parent=ui.window))

    def leave() -> None:
        logger.info("staff chose Exit")
        ui.guard.allow_close()
        app.exit(0)

    staff.exitRequested.connect(leave)
    publishing[0].serve(staff)
    restart = UnattendedRestart(ui, lambda: app.exit(EXIT_RESTART))
    schedule.restartDue.connect(restart.request)
    schedule.openChanged.connect(lambda is_open: ui.session.set_closed(not is_open))
    ui.session.set_closed(not schedule.is_open)
    schedule.start()
    previous_hook = install_exception_handler(ui.idle.end_session)
    show_window(ui.window, windowed=options.windowed, size=options.size)
    try:
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        schedule.stop()
        publishing[0].stop()
        ui.dispose()


class UnattendedRestart:
    """A restart the installation asked for (daily, or over the memory ceiling) waits for nobody.

    It happens at once when no visitor is there, otherwise as soon as the visit ends.
    """

    def __init__(self, ui: KioskUi, restart: Callable[[], None]) -> None:
        self._ui = ui
        self._restart = restart
        self._reason = ""

    def request(self, reason: str) -> None:
        if self._reason:
            return
        self._reason = reason
        if self._ui.session.attracting:
            self._now()
        else:
            logger.info("restart due (%s); waiting for the visit to end", reason)
            self._ui.idle.sessionEnded.connect(self._now)

    def _now(self) -> None:
        logger.info("restarting the kiosk: %s", self._reason)
        self._restart()
