"""A running kiosk follows its exhibit folder: valid new versions go on show when nobody is there.

The folder is watched; when a change has settled, the folder is copied and the copy validated on
a worker thread (kiosk.content.versions). A valid version waits for the next unattended moment
(the attract loop, or the dark screen outside opening hours) and then replaces the exhibit in the
open window in one step. An invalid one is logged with its problems and ignored: visitors keep
seeing the last good version. Staff can publish at once (Reload content) or roll back.

What is not the exhibit's fault is said in its own words, in the log and on the staff screen, and
never as a refusal: the folder gone (moved, deleted, unmounted) or empty, a full disk, a file that
cannot be read. A folder that comes back is published as it is then; publishing stopped by the
disk is tried again every 10 s, after another read or write error every minute, until it succeeds.

Every check of the folder, what it came to, and the version on show are told to the kiosk's
metrics (kiosk.app.metrics) when it has them.
"""

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.app.metrics import KioskMetrics, PendingMetrics
from kiosk.app.notices import notify, withdraw
from kiosk.app.window import KioskUi
from kiosk.content.problems import Problem, Severity
from kiosk.content.snapshot import save_snapshot
from kiosk.content.summary import media_paths, summarize
from kiosk.content.versions import Obstacle, Publication, Stop, Version, VersionStore
from kiosk.services.background import BackgroundJob
from kiosk.services.content_watch import KIOSK_SETTLE_MS, ContentWatcher
from kiosk.viewmodels.staff import KioskStaff

if TYPE_CHECKING:
    from kiosk.content.models import Exhibit

logger = logging.getLogger(__name__)

#: Publishing stopped by a full disk is tried again this often: a try looks at the free space
#: before it copies anything, so it costs next to nothing while the disk stays full.
DISK_FULL_RETRY_MS = 10_000
#: Publishing stopped by another read or write error is tried again this often: a try copies the
#: exhibit as far as the file that fails.
RETRY_MS = 60_000
#: The staff screen's notices about the exhibit folder and about publishing.
FOLDER_NOTICE = "exhibit-folder"
PUBLISHING_NOTICE = "publishing-stopped"


def folder_gone(folder: Path, *, empty: bool) -> str:
    """What to say of an exhibit folder that is not there: never that the exhibit is empty."""
    if empty:
        return f"the exhibit folder {folder} is empty or cannot be read (an unmounted share?)"
    return f"the exhibit folder {folder} has gone (moved, deleted or unmounted)"


def publishing_stopped(stop: Stop) -> str:
    """What to say when publishing stopped for a reason outside the exhibit."""
    return f"publishing stopped: {stop.message}"


def log_refusal(problems: Iterable[Problem], what: str) -> None:
    problems = list(problems)
    logger.error("%s refused: %d problem(s); the exhibit on show stays", what, len(problems))
    for problem in problems:
        logger.error("  %s", problem.format())


def keep_snapshot(cache_dir: Path, version: Version, exhibit: "Exhibit", files: Iterable[Path]) -> None:
    """The next start opens this version at once, from its summary."""
    save_snapshot(cache_dir, version.folder, summarize(exhibit), [*files, *media_paths(exhibit)])


class Publishing(QObject):
    """Watches the exhibit folder of a running kiosk and puts valid versions on show."""

    #: A version went on show: its name.
    shown = Signal(str)

    def __init__(
        self,
        ui: KioskUi,
        store: VersionStore,
        showing: Version,
        cache_dir: Path,
        settle_ms: int = KIOSK_SETTLE_MS,
        parent: QObject | None = None,
        *,
        retry_timer: QTimer | None = None,
        metrics: KioskMetrics | PendingMetrics | None = None,
        follow_folder: bool = True,
    ) -> None:
        super().__init__(parent)
        self._metrics = metrics
        self._ui = ui
        self._store = store
        self._cache_dir = cache_dir
        self._showing = showing
        self._waiting: tuple[Version, Exhibit] | None = None
        # The version on screen is never removed to make room, even if it is an old one rolled back to.
        self._job = BackgroundJob(lambda: self._store.publish(protect=frozenset({self._showing.name})), self)
        self._job.finished.connect(self._published)
        self._job.failed.connect(lambda message: logger.error("publishing failed: %s", message))
        self._retry_timer = retry_timer or QTimer(self)
        self._retry_timer.setObjectName("publishRetry")
        self._retry_timer.setSingleShot(True)
        self._retry_timer.setInterval(RETRY_MS)
        self._retry_timer.timeout.connect(self._job.request)
        self._watcher: ContentWatcher | None = None
        if follow_folder:
            self._watcher = ContentWatcher(store.source, settle_ms, self)
            self._watcher.settled.connect(self._folder_changed)
            self._watcher.disappeared.connect(self._folder_gone)
            self._watcher.appeared.connect(self._folder_back)
            self._watcher.replaced.connect(self._folder_replaced)
            if not self._watcher.present:
                # Started without its folder (an unmounted share): the last good version is on show.
                self._folder_gone(self._watcher.folder.is_dir())
        # The visit is over, or the kiosk has closed for the night: nobody is looking.
        ui.idle.sessionEnded.connect(self._show_waiting)
        ui.session.modeChanged.connect(self._show_waiting_if_unattended)
        self._tell_showing(showing)

    @property
    def showing(self) -> Version:
        return self._showing

    @property
    def waiting(self) -> Version | None:
        return self._waiting[0] if self._waiting else None

    def versions(self) -> list[tuple[str, str, bool]]:
        """(name, description, on show) of every kept version, newest first, for the staff."""
        return [
            (version.name, version.describe(), version.name == self._showing.name)
            for version in self._store.versions()
        ]

    @property
    def store(self) -> VersionStore:
        return self._store

    def serve(self, staff: KioskStaff, *, reload: bool = True) -> None:
        """The staff screen's Reload content (unless another source serves it) and Earlier versions act here."""
        if reload:
            staff.reloadRequested.connect(self.publish_now)
        staff.rollbackRequested.connect(self.roll_back)

    def follow_store(self, store: VersionStore) -> None:
        """Shows the versions of another store from now on (a git source that has its first good
        commit, where a folder was shown until then), and stops following the folder."""
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
            withdraw(FOLDER_NOTICE)
        self._retry_timer.stop()
        self._store = store

    def offer(self, publication: Publication) -> None:
        """A valid version published elsewhere (a git source, which tells the metrics itself): on
        show at the next unattended moment."""
        self._take(publication)

    @Slot()
    def publish_now(self) -> None:
        """Staff asked: publish the folder as it is and show it at once."""
        publication = self._store.publish(protect=frozenset({self._showing.name}))
        self._account(publication)
        if publication.stop is not None:
            self._stopped(publication.stop)
            return
        if publication.version is None:
            log_refusal(publication.problems, "reload")
            return
        self._no_retry()
        self._show(publication.version, publication)

    def started_after(self, publication: Publication) -> None:
        """What publishing at the start came to, before this began: it is told to the metrics, and
        publishing stopped then is tried again as after any stop (a folder that was missing is
        published when it appears)."""
        self._account(publication)
        if publication.stop is not None and publication.stop.obstacle is not Obstacle.SOURCE_MISSING:
            self._stopped(publication.stop)

    @Slot(str)
    def roll_back(self, name: str) -> None:
        """Staff chose an earlier (or later) kept version: it goes on show at once."""
        try:
            version = self._store.make_current(name)
        except KeyError:
            logger.error("rollback refused: no version named %s", name)
            return
        self._show(version, None)

    def stop(self) -> None:
        self._retry_timer.stop()
        self._job.wait()

    @Slot(str)
    def _folder_changed(self, _fingerprint: str) -> None:
        logger.info("the exhibit folder changed; validating the new version")
        self._job.request()

    @Slot(bool)
    def _folder_gone(self, empty: bool) -> None:
        if self._watcher is None:
            return
        gone = folder_gone(self._watcher.folder, empty=empty)
        notify(FOLDER_NOTICE, f"{gone}; the version on show stays")
        if self._metrics is not None:
            self._metrics.content_checked("offline", gone)

    @Slot()
    def _folder_back(self) -> None:
        withdraw(FOLDER_NOTICE)
        logger.info(
            "the exhibit folder %s is there again; it is published once it has settled", self._store.source
        )

    @Slot()
    def _folder_replaced(self) -> None:
        logger.info(
            "another folder stands at %s now (moved into place, or a share mounted); "
            "it is published once it has settled",
            self._store.source,
        )

    def _stopped(self, stop: Stop) -> None:
        if stop.obstacle is Obstacle.SOURCE_MISSING:
            # Nothing to try again: the watcher says the folder is gone, and publishes it when back.
            self._no_retry()
            logger.info("%s", publishing_stopped(stop))
            return
        interval = DISK_FULL_RETRY_MS if stop.obstacle is Obstacle.DISK_FULL else RETRY_MS
        notify(
            PUBLISHING_NOTICE,
            f"{publishing_stopped(stop)}; the version on show stays; trying again every {interval // 1000} s",
        )
        self._retry_timer.start(interval)

    def _no_retry(self) -> None:
        self._retry_timer.stop()
        withdraw(PUBLISHING_NOTICE)

    def _account(self, publication: Publication) -> None:
        """Tells the metrics what a check of the folder came to."""
        metrics = self._metrics
        if metrics is None:
            return
        if publication.stop is not None:
            message = publishing_stopped(publication.stop)
            if publication.stop.obstacle is Obstacle.SOURCE_MISSING:
                metrics.content_checked("offline", message)
                return
            reason = "disk_full" if publication.stop.obstacle is Obstacle.DISK_FULL else "error"
            metrics.content_checked(reason, message)
            metrics.content_refused(reason)
        elif publication.version is None:
            problems = [
                problem for problem in publication.problems if problem.severity is Severity.ERROR
            ] or publication.problems
            # The file as the curator knows it, not the copy's path in the data folder.
            first = problems[0].format(relative_to=problems[0].file.parent) if problems else "not valid"
            metrics.content_checked("invalid", f"{len(problems)} problem(s); first: {first}")
            metrics.content_refused("invalid")
        elif publication.exhibit is None:
            metrics.content_checked("ok", f"nothing new; version {publication.version.name}")
        else:
            metrics.content_checked("ok", f"version {publication.version.name} published")
            metrics.content_published(publication.version.name)

    @Slot(object)
    def _published(self, publication: Publication) -> None:
        if publication.version is not None and publication.version.folder.parent != self._store.root:
            return  # published from a folder no longer followed (a git source took over meanwhile)
        self._account(publication)
        self._take(publication)

    def _take(self, publication: Publication) -> None:
        if publication.stop is not None:
            self._stopped(publication.stop)
            return
        self._no_retry()
        if publication.version is None:
            log_refusal(publication.problems, "new version")
            return
        if publication.exhibit is None:
            return  # published before: nothing new to show
        self._waiting = (publication.version, publication.exhibit)
        keep_snapshot(self._cache_dir, publication.version, publication.exhibit, publication.files)
        if self._ui.session.attracting:
            self._show_waiting()
        else:
            logger.info("version %s is valid; it goes on show when the visit ends", publication.version.name)

    @Slot()
    def _show_waiting_if_unattended(self) -> None:
        if self._ui.session.attracting:
            self._show_waiting()

    @Slot()
    def _show_waiting(self) -> None:
        if self._waiting is not None:
            version, exhibit = self._waiting
            self._waiting = None
            self._replace(version, exhibit)

    def _show(self, version: Version, publication: Publication | None) -> None:
        """Shows a version now, reading it again unless it has just been validated."""
        if publication is not None and publication.exhibit is not None:
            exhibit = publication.exhibit
        else:
            # Imported here: building the models takes longer than the kiosk's whole first frame.
            from kiosk.content.loader import load_exhibit

            result = load_exhibit(version.folder, limits=self._store.limits)
            if result.exhibit is None:
                log_refusal(result.problems, f"version {version.name}")
                return
            exhibit = result.exhibit
            keep_snapshot(self._cache_dir, version, exhibit, result.files)
        self._store.make_current(version.name)
        self._waiting = None
        self._replace(version, exhibit)

    def _replace(self, version: Version, exhibit: "Exhibit") -> None:
        self._ui.replace_exhibit(exhibit)
        self._showing = version
        self._tell_showing(version)
        logger.info("version %s of the exhibit is on show", version.name)
        self.shown.emit(version.name)

    def _tell_showing(self, version: Version) -> None:
        if self._metrics is not None:
            source = "git" if version.commit else "folder"
            self._metrics.content_showing(version.name, version.title, source=source, commit=version.commit)
