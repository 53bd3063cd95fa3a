import contextlib
import dataclasses
import faulthandler
import logging
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication

from kiosk import __version__
from kiosk.analytics.schema import database_in
from kiosk.app.display import show_window
from kiosk.app.heartbeat import Heartbeat
from kiosk.app.logs import close_logging, configure_logging
from kiosk.app.metrics import PendingMetrics, UiHealth
from kiosk.app.notices import notify, withdraw
from kiosk.app.operations import diagnostics_source, install_exception_handler, pin_checker
from kiosk.app.publishing import (
    FOLDER_NOTICE,
    Publishing,
    folder_gone,
    keep_snapshot,
    log_refusal,
    publishing_stopped,
)
from kiosk.app.qt_messages import route_qt_messages_to_logging
from kiosk.app.renderer import (
    RendererChoice,
    RendererChooser,
    apply_renderer,
    check_after_first_frame,
    renderer_in_use,
)
from kiosk.app.storage import CACHE_FOLDER, DATA_FOLDER, usable_folder
from kiosk.app.storage import default_cache_dir as default_cache_dir
from kiosk.app.supervision import EXIT_NO_CONTENT, EXIT_RESTART, EXIT_SOFTWARE, REASON_ENV
from kiosk.app.systemd import SystemdNotifier, SystemdWatchdog
from kiosk.app.termination import stop_on_signals
from kiosk.app.window import KioskUi, SessionOptions, after_first_frame, create_ui
from kiosk.content.paths import DEFAULT_EXHIBIT, EXHIBIT_FILE
from kiosk.content.pictures import DEFAULT_LIMITS, SizeLimits
from kiosk.content.snapshot import discard_snapshot, load_snapshot, save_snapshot
from kiosk.content.versions import Obstacle, Publication, Version, VersionStore
from kiosk.services.analytics import AnalyticsRecorder
from kiosk.services.schedule_service import ScheduleService
from kiosk.services.settings_snapshot import KeptSettings, StartSettings, default_settings_path
from kiosk.services.staff_access import LOCKOUT_FILE, PinLock
from kiosk.services.video import VolumeLimits
from kiosk.viewmodels.staff import KioskStaff

if TYPE_CHECKING:
    from kiosk.app.content_source import FollowingRepository
    from kiosk.content.models import Exhibit
    from kiosk.services.content_source import ContentSource
    from kiosk.services.git_content import GitContent
    from kiosk.services.settings import InstallationSettings

logger = logging.getLogger(__name__)
EXIT_INVALID = 1
#: A first fetch at start-up stops in time for the supervisor, which gives a start a minute; a
#: longer one is made again once the kiosk runs (docs/operations.md, "Large media").
FIRST_CHECK_TIMEOUT_S = 40.0
#: The metrics are made, and the visitor events' recorder started, after the first frame, or after
#: this long without one.
METRICS_AT_THE_LATEST_MS = 10_000


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

    after_first_frame(ui.window, "validateAfterFirstFrame", complete)


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
    #: Trust nothing kept between runs (see `run_exhibit`); the supervisor asks for it after
    #: repeated failures.
    safe_mode: bool = False
    #: Log the notes of the libraries the kiosk uses as well (kiosk.app.logs.QUIET_LIBRARIES).
    verbose: bool = False


def run_exhibit(
    exhibit_dir: Path | None,
    options: RunOptions = RunOptions(),
    renderer: RendererChooser | None = None,
    settings: StartSettings | None = None,
) -> int:
    """Runs the kiosk until staff choose Exit, following the exhibit folder as curators change it.

    The kiosk shows a published version of the folder (kiosk.content.versions), never the folder
    itself: a folder that does not validate leaves the last good version on show. A version
    unchanged since it last validated opens at once, from its snapshot. With nothing valid to
    show (nothing published, and the folder missing or invalid) it returns `EXIT_NO_CONTENT`.

    Safe mode (`options.safe_mode`) trusts nothing kept between runs: no snapshot is read or
    written, caches go to a new temporary folder (on Linux every cache, Qt's too), Qt Quick draws
    in software, the installation settings are used only if the file reads without problems, and
    the folder is not published at start: the current version is shown, validated in full (else
    the newest valid version kept, else the folder itself).

    An exception that escapes start-up or the event loop is logged with its traceback and the
    kiosk returns `EXIT_SOFTWARE`; a crash of Python itself prints every thread's stack to
    standard error, which the supervisor keeps in its log.

    The renderer is chosen before the window is made (kiosk.app.renderer): by `renderer`, started
    as early as the caller could, or else as soon as the settings are read. `settings` are the
    installation settings, if the caller read them already (for the renderer, say); otherwise they
    are read from `options.settings_path`: from their snapshot while the file is unchanged
    (kiosk.services.settings_snapshot), never in safe mode.
    """
    _report_fatal_errors()
    with contextlib.ExitStack() as safe_mode:
        if options.safe_mode:
            cache_dir = _fresh_cache_folder()
            safe_mode.callback(shutil.rmtree, cache_dir, ignore_errors=True)
            safe_mode.enter_context(_safe_mode_environment(cache_dir))
            options = dataclasses.replace(options, cache_dir=cache_dir)
        try:
            return _open_and_run(exhibit_dir, options, renderer, settings)
        except Exception:
            logger.exception("the kiosk stopped on an unexpected error")
            return EXIT_SOFTWARE
        finally:
            close_logging()


def _open_and_run(
    exhibit_dir: Path | None,
    options: RunOptions,
    renderer: RendererChooser | None,
    start: StartSettings | None,
) -> int:
    settings_path = options.settings_path or default_settings_path()
    if start is None or options.safe_mode:
        # Safe mode trusts no snapshot: the settings are validated in full.
        start = StartSettings(
            settings_path, None if options.safe_mode else options.cache_dir or default_cache_dir()
        )
    settings, problems = start.settings, start.problems
    for problem in problems:
        print(problem.format(relative_to=Path.cwd()), file=sys.stderr)
    if options.safe_mode and problems:
        from kiosk.services.settings import InstallationSettings

        # Where the kiosk shows, logs and reports stays the installation's; how it runs is the defaults'.
        settings = InstallationSettings(
            exhibit=settings.exhibit,
            log_dir=settings.log_dir,
            kiosk_name=settings.kiosk_name,
            metrics_address=settings.metrics_address,
            metrics_textfile=settings.metrics_textfile,
            content_git=settings.content_git,
            content_ref=settings.content_ref,
            content_path=settings.content_path,
            allowed_signers=settings.allowed_signers,
        )
    # The graphics probe, if the choice needs it, runs while the kiosk loads.
    renderer = renderer or RendererChooser.start(settings.renderer)
    folder_named = exhibit_dir is not None or settings.exhibit is not None
    exhibit_dir = exhibit_dir or settings.exhibit or DEFAULT_EXHIBIT
    log_file = configure_logging(options.log_dir or settings.log_dir, verbose=options.verbose)
    # Checked once the log is there to say so: a folder that cannot be used is replaced, never fatal.
    cache_dir = usable_folder(options.cache_dir or default_cache_dir(), CACHE_FOLDER)
    data_dir = usable_folder(options.data_dir or default_data_dir(), DATA_FOLDER)
    if start.damage is not None:
        logger.warning("the installation settings' snapshot %s; validated the settings instead", start.damage)
    if not options.safe_mode:
        start.keep(cache_dir)
    route_qt_messages_to_logging()
    existing = QGuiApplication.instance()
    app = existing if isinstance(existing, QGuiApplication) else QGuiApplication(sys.argv)
    app.setApplicationName("kiosk")
    app.setApplicationVersion(__version__)
    logger.info(
        "kiosk %s opening %s%s; settings %s; log %s",
        __version__,
        exhibit_dir,
        " in safe mode" if options.safe_mode else "",
        settings_path,
        log_file or "on standard error only",
    )
    # Made just after the first frame; the warnings logged until then are counted.
    metrics = PendingMetrics(
        name=settings.kiosk_name,
        exhibit=Path(exhibit_dir).absolute().name,
        memory_ceiling_mb=settings.memory_ceiling_mb,
        address=settings.metrics_address,
    )
    logging.getLogger().addHandler(metrics.log_handler)
    for problem in problems:
        logger.warning("installation settings: %s", problem.format())
    if options.safe_mode and problems:
        logger.warning(
            "safe mode: running on the default settings, but for the exhibit, the log folder and the metrics"
        )

    heartbeat = Heartbeat.from_environment()
    session_options: SessionOptions | None = None
    try:
        store = VersionStore.for_exhibit(data_dir, exhibit_dir, limits=settings.size_limits())
        git = git_content(settings, data_dir)
        if git is not None and git.store.current() is None and not folder_named and not options.safe_mode:
            first_check(git, cache_dir)
        if git is not None and git.store.current() is not None:
            store = git.store  # the repository wins once it has given a good commit
        exhibit = None
        publication = None
        if options.safe_mode:
            version, exhibit = safe_mode_version(store) or (None, None)
            if version is None:
                logger.error(
                    "nothing to show: %s, and no version of it kept is valid",
                    describe_unusable_folder(exhibit_dir),
                )
        elif git is not None and store is git.store:
            # Only a check, which verifies the commit first, ever publishes from the repository.
            version = store.current()
        else:
            version, publication = version_to_show(store, cache_dir)
        if version is None:
            return EXIT_NO_CONTENT
        if options.safe_mode:
            _announce_safe_mode(version, default_settings=bool(problems))
        session_options = SessionOptions(
            idle_timeout_s=options.idle_timeout_s or settings.idle_timeout,
            countdown_s=options.countdown_s or settings.countdown,
            lockdown=not options.windowed,
            screen=settings.screen_placement(),
            # Every version the kiosk may show (safe mode may show the folder itself), and
            # nothing else of the machine's.
            content_folders=(store.root, version.folder, *((git.store.root,) if git is not None else ())),
            limits=store.limits,
            video_volume=VolumeLimits(*settings.video_volume_limits()),
            video_idle_cap_s=settings.video_idle_cap_s,
        )
        recorder = AnalyticsRecorder(
            database_in(data_dir) if settings.analytics else None,
            kiosk=settings.kiosk_name or socket.gethostname(),
            content_version=version.name,
            retention_days=settings.analytics_retention_days,
            max_mb=settings.analytics_max_mb,
            # Opening and checking its database takes about 5 ms of processor time per megabyte
            # (docs/performance.md), on a thread of its own but on the start-up's cores: it starts
            # after the first frame. The visitor's events until then wait in memory.
            start=False,
        )
        recorder.noticeChanged.connect(_analytics_notice)
        session_options = dataclasses.replace(session_options, analytics=recorder)
        schedule = ScheduleService(settings.opening_hours, settings.daily_restart, settings.memory_ceiling_mb)
        pin_lock = PinLock(settings.pin_hash, state_file=data_dir / LOCKOUT_FILE)
        choice = renderer.choice()
        apply_renderer(choice)
        logger.info("renderer: %s", choice.describe())
        status = _run(
            app,
            store,
            version,
            publication,
            cache_dir,
            options,
            session_options,
            pin_lock,
            log_file,
            schedule,
            choice,
            metrics,
            settings.metrics_textfile,
            exhibit,
            git=git,
            check_every_s=settings.content_check_every,
        )
        logger.info("kiosk stopped with status %d", status)
        return status
    finally:
        if session_options is not None and session_options.analytics is not None:
            session_options.analytics.close()
        metrics.close()
        renderer.close()
        if heartbeat is not None:
            heartbeat.stop()


def _report_fatal_errors() -> None:
    """A crash of Python itself (a fault in Qt's code, say) prints every thread's stack to stderr."""
    if faulthandler.is_enabled() or sys.stderr is None:
        return
    with contextlib.suppress(AttributeError, OSError, ValueError):  # no file behind stderr
        faulthandler.enable()


SAFE_MODE_CACHE_PREFIX = "kiosk-safe-mode-"


def _fresh_cache_folder() -> Path:
    """A new temporary folder for safe mode's caches; those of kiosks no longer running go.

    (A kiosk ended by a signal leaves its folder behind.)
    """
    if os.name == "posix":
        for folder in Path(tempfile.gettempdir()).glob(SAFE_MODE_CACHE_PREFIX + "*"):
            pid = folder.name.removeprefix(SAFE_MODE_CACHE_PREFIX).partition("-")[0]
            with contextlib.suppress(OSError):
                mine = not folder.is_symlink() and folder.stat().st_uid == os.getuid()
                if mine and pid.isdigit() and not _running(int(pid)):
                    shutil.rmtree(folder, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{SAFE_MODE_CACHE_PREFIX}{os.getpid()}-"))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _safe_mode_environment(cache_dir: Path) -> Iterator[None]:
    """Every cache in `cache_dir` (on Linux), no compiled QML kept, and Qt Quick's software renderer."""
    changes = {
        "XDG_CACHE_HOME": str(cache_dir),
        "QML_DISABLE_DISK_CACHE": "1",
        "QT_QUICK_BACKEND": "software",
    }
    saved = {name: os.environ.get(name) for name in changes}
    os.environ.update(changes)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def safe_mode_version(store: VersionStore) -> "tuple[Version, Exhibit] | None":
    """What safe mode shows: the current version, else the newest valid one kept, else the folder.

    Each is validated in full; nothing is published, and no snapshot is read or written.
    """
    from kiosk.content.loader import load_exhibit

    current = store.current()
    kept = [current] if current is not None else []
    kept += [version for version in store.versions() if version != current]
    for version in kept:
        try:
            result = load_exhibit(version.folder, limits=store.limits)
        except Exception:
            logger.exception("safe mode: reading version %s failed", version.name)
            continue
        if result.exhibit is not None:
            return version, result.exhibit
        logger.warning("safe mode: version %s is not valid (%d problems)", version.name, len(result.problems))
    try:
        result = load_exhibit(store.source, limits=store.limits)
    except Exception:
        logger.exception("safe mode: reading the exhibit folder %s failed", store.source)
        return None
    if result.exhibit is None:
        for problem in result.problems:
            logger.error("  %s", problem.format())
        return None
    exhibit = result.exhibit
    title = f"{exhibit.title.resolve(exhibit.languages[0])}, read from the folder itself"
    return Version("exhibit-folder", store.source, datetime.now(UTC), "", title), exhibit


def _announce_safe_mode(version: Version, *, default_settings: bool) -> None:
    reason = os.environ.get(REASON_ENV) or "it was started with --safe-mode"
    settings = (
        "; the installation settings have problems, so the defaults are used" if default_settings else ""
    )
    notify(
        "safe-mode",
        f"Safe mode, because {reason}. Showing version {version.name} ({version.title}) without its "
        f"snapshot, with caches in a temporary folder{settings}. The next restart tries normal mode "
        "again; supervisor.log says why the kiosk failed.",
    )


def describe_unusable_folder(exhibit_dir: Path) -> str:
    """Why an exhibit folder could not be published, in a phrase, for the log."""
    if not exhibit_dir.exists():
        return f"the exhibit folder {exhibit_dir} does not exist (a share not mounted, or a wrong path?)"
    if not exhibit_dir.is_dir():
        return f"the exhibit folder {exhibit_dir} is not a folder"
    if not (exhibit_dir / EXHIBIT_FILE).is_file():
        return f"the exhibit folder {exhibit_dir} has no {EXHIBIT_FILE}"
    return f"the exhibit folder {exhibit_dir} could not be published (its problems are listed above)"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("kiosk", appauthor=False))


def version_to_show(store: VersionStore, cache_dir: Path) -> tuple[Version | None, Publication]:
    """Publishes the folder if it changed while the kiosk was off; the version to show, if any, and
    what publishing came to. When the folder could not be published, says why in the words of what
    happened: "not valid" only ever follows problems found in the exhibit."""
    publication = store.publish()
    current = store.current()
    if publication.version is not None:
        if publication.exhibit is not None:
            keep_snapshot(cache_dir, publication.version, publication.exhibit, publication.files)
        return current, publication
    why = _why_not_published(store, publication)
    missing = publication.stop is not None and publication.stop.obstacle is Obstacle.SOURCE_MISSING
    if current is None:
        what = describe_unusable_folder(store.source) if missing else why
        logger.error("nothing to show: %s, and nothing was published before", what)
        print(f"kiosk: nothing to show: {what}, and nothing was published before", file=sys.stderr)
    elif missing:
        notify(FOLDER_NOTICE, f"{why}; the version on show stays")
        print(
            f"kiosk: {why}; showing the last good version, {current.name}; "
            "the folder is published when it appears",
            file=sys.stderr,
        )
    else:
        print(f"kiosk: {why}; showing the last good version, {current.name}", file=sys.stderr)
    return current, publication


def git_content(settings: "InstallationSettings | KeptSettings", data_dir: Path) -> "GitContent | None":
    """The installation's content repository, if it names one."""
    if settings.content_git is None:
        return None
    # Only a kiosk that follows a repository loads the git client.
    from kiosk.services.git_content import GitContent, GitSource

    source = GitSource(
        settings.content_git, settings.content_ref, settings.content_path or "", settings.allowed_signers
    )
    return GitContent(source, data_dir, GitContent.store_for(source, data_dir, settings.size_limits()))


def first_check(git: "GitContent", cache_dir: Path) -> None:
    """A kiosk that has nothing from its repository yet, and no folder of its own, checks it now,
    in the time the supervisor allows a start; a longer fetch goes on once the kiosk runs, the
    default exhibit on show meanwhile."""
    logger.info("fetching the content from %s for the first time", git.source.url)
    try:
        outcome = git.check(fetch_timeout_s=FIRST_CHECK_TIMEOUT_S)
    except Exception:
        logger.exception("the first check of the repository %s failed", git.source.url)
        return
    publication = outcome.publication
    if publication is not None and publication.version is not None and publication.exhibit is not None:
        keep_snapshot(cache_dir, publication.version, publication.exhibit, publication.files)
        return
    logger.warning(
        "the repository %s gave nothing to show yet (%s: %s); the default exhibit is shown until it does",
        git.source.url,
        outcome.result,
        outcome.detail,
    )


def _why_not_published(store: VersionStore, publication: Publication) -> str:
    if publication.stop is None:
        for problem in publication.problems:
            print(problem.format(relative_to=Path.cwd()), file=sys.stderr)
        log_refusal(publication.problems, "the exhibit folder")
        return f"{store.source} is not valid"
    if publication.stop.obstacle is Obstacle.SOURCE_MISSING:
        return folder_gone(store.source.absolute(), empty=store.source.is_dir())
    return publishing_stopped(publication.stop)


def _run(
    app: QGuiApplication,
    store: VersionStore,
    version: Version,
    publication: Publication | None,
    cache_dir: Path,
    options: RunOptions,
    session_options: SessionOptions,
    pin_lock: PinLock,
    log_file: Path | None,
    schedule: ScheduleService,
    renderer: RendererChoice,
    metrics: PendingMetrics,
    metrics_textfile: Path | None,
    exhibit: "Exhibit | None" = None,
    *,
    git: "GitContent | None" = None,
    check_every_s: float,
) -> int:
    publishing: list[Publishing] = []
    shown: list[KioskUi] = []
    following: list[FollowingRepository] = []
    staff = KioskStaff(
        pin_checker(pin_lock),
        diagnostics_source(
            store.source,
            log_file,
            shown_version=lambda: publishing[0].showing.describe(),
            renderer=lambda: renderer_in_use(shown[0].window, renderer),
            content_source=(lambda: following[0].describe()) if git is not None else None,
        ),
        versions=lambda: publishing[0].versions(),
        follows_repository=git is not None,
    )
    # An exhibit validated already (safe mode) opens as it is: no snapshot is read or written.
    ui = open_from_snapshot(version, cache_dir, session_options, staff) if exhibit is None else None
    from_snapshot = ui is not None
    if ui is None:
        exhibit = exhibit or load_validated(version.folder, cache_dir, limits=store.limits)
        if exhibit is None:
            return EXIT_INVALID
        ui = create_ui(exhibit, session_options, staff, cache_dir=cache_dir)
    # The metrics first, the exhibit's validation (a few hundred milliseconds) after them.
    health = _metrics_after_first_frame(ui, metrics, metrics_textfile)
    if session_options.analytics is not None:
        _soon_after_first_frame(ui, "startAnalytics", session_options.analytics.start)
    if from_snapshot:
        validate_after_first_frame(
            ui, version.folder, cache_dir, on_invalid=lambda: app.exit(EXIT_INVALID), limits=store.limits
        )
    shown.append(ui)
    check_after_first_frame(ui.window, renderer)
    publishing.append(
        Publishing(
            ui,
            store,
            version,
            cache_dir,
            parent=ui.window,
            metrics=metrics,
            follow_folder=git is None or store is not git.store,
        )
    )
    if publication is not None:
        publishing[0].started_after(publication)

    def leave() -> None:
        logger.info("staff chose Exit")
        ui.guard.allow_close()
        app.exit(0)

    staff.exitRequested.connect(leave)
    source: ContentSource | None = None
    if git is not None:
        source, follower = _follow_repository(
            git, publishing[0], staff, metrics, check_every_s, parent=ui.window
        )
        following.append(follower)
    publishing[0].serve(staff, reload=git is None)
    if session_options.analytics is not None:
        publishing[0].shown.connect(session_options.analytics.set_content_version)
        show_visits(session_options.analytics, staff)
    restart = UnattendedRestart(ui, lambda: app.exit(EXIT_RESTART))
    schedule.restartDue.connect(restart.request)
    schedule.openChanged.connect(lambda is_open: ui.session.set_closed(not is_open))
    ui.session.set_closed(not schedule.is_open)
    schedule.start()
    previous_hook = install_exception_handler(ui.idle.end_after_error)
    systemd = SystemdNotifier()
    watchdog = SystemdWatchdog(ui.window, systemd)
    watchdog.start()
    show_window(ui.window, windowed=options.windowed, size=options.size)
    try:
        with stop_on_signals(app.exit, parent=ui.window):
            return app.exec()
    finally:
        watchdog.stop()
        systemd.close()
        if health:
            health[0].stop()
        sys.excepthook = previous_hook
        schedule.stop()
        if source is not None:
            source.stop()
        publishing[0].stop()
        ui.dispose()


def _metrics_after_first_frame(ui: KioskUi, metrics: PendingMetrics, textfile: Path | None) -> list[UiHealth]:
    """Makes the metrics, and starts keeping them, right after the first frame (ADR 30), or in any
    case once the kiosk has run a while: a window that never draws is what they are there to tell.
    The list holds the `UiHealth` once there is one."""
    health: list[UiHealth] = []

    def start() -> None:
        health.append(UiHealth(ui, metrics.make(), textfile=textfile))
        health[0].start()

    _soon_after_first_frame(ui, "startMetrics", start)
    return health


def _soon_after_first_frame(ui: KioskUi, name: str, work: Callable[[], None]) -> None:
    """Does `work` once, right after the window's first frame, or after METRICS_AT_THE_LATEST_MS
    without one; the timers are named `name` and `name` + "WithoutFrame"."""
    at_the_latest = QTimer(ui.window)
    at_the_latest.setObjectName(f"{name}WithoutFrame")
    at_the_latest.setSingleShot(True)
    at_the_latest.setInterval(METRICS_AT_THE_LATEST_MS)
    done = False

    def once() -> None:
        nonlocal done
        at_the_latest.stop()
        if not done:
            done = True
            work()

    at_the_latest.timeout.connect(once)
    at_the_latest.start()
    after_first_frame(ui.window, name, once)


def _follow_repository(
    git: "GitContent",
    publishing: Publishing,
    staff: KioskStaff,
    metrics: PendingMetrics,
    check_every_s: float,
    *,
    parent: QObject,
) -> "tuple[ContentSource, FollowingRepository]":
    """Checks the repository on its schedule and publishes what it gives; started."""
    from kiosk.app.content_source import FollowingRepository
    from kiosk.services.content_source import ContentSource

    source = ContentSource(git, lambda: frozenset({publishing.showing.name}), check_every_s, parent=parent)
    following = FollowingRepository(source, publishing, git.store, parent=parent, metrics=metrics)
    following.serve(staff)
    source.start()
    return source, following


def open_from_snapshot(
    version: Version, cache_dir: Path, session_options: SessionOptions, staff: KioskStaff
) -> KioskUi | None:
    """The window, opened at once from the version's snapshot; None when there is none to trust.

    The snapshot is checked as it is read (kiosk.content.snapshot); should the home screen still
    fail to build from it, it is discarded and the exhibit is opened the slow way, by validating
    it: a damaged cache costs a moment at start-up, never the kiosk.
    """
    summary = load_snapshot(cache_dir, version.folder)
    if summary is None:
        return None
    try:
        return create_ui(summary, session_options, staff, cache_dir=cache_dir)
    except Exception:
        logger.exception("the home screen could not be opened from the exhibit's snapshot; discarded it")
        discard_snapshot(cache_dir, version.folder)
        return None


def show_visits(recorder: AnalyticsRecorder, staff: KioskStaff) -> None:
    """The staff menu shows the visits the recorder counts, from now on."""

    def show() -> None:
        if recorder.visits is not None:
            staff.set_visits(*recorder.visits)

    recorder.visitsChanged.connect(show)
    show()


def _analytics_notice(key: str, text: str) -> None:
    if text:
        notify(key, text)
    else:
        withdraw(key)


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
