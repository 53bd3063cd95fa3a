"""A running kiosk that follows a git repository: each check's outcome said, each good commit shown.

The checks themselves are kiosk.services.content_source's. Here their outcomes reach the log and
the staff screen (a refusal, an unreachable repository, a full disk stay under "Needs attention"
until a check goes well), and a valid version reaches the publishing pipeline, which shows it at
the next unattended moment. While the repository has given no good commit the exhibit folder, if
the installation names one, is shown and followed; the first good commit takes over from it.
"""

import logging
import time

from PySide6.QtCore import QObject, Slot

from kiosk.app.metrics import REFUSAL_REASONS, KioskMetrics, PendingMetrics
from kiosk.app.notices import notify, withdraw
from kiosk.app.publishing import Publishing
from kiosk.content.versions import Publication, VersionStore
from kiosk.services.content_source import ContentSource
from kiosk.services.git_content import OFFLINE, OK
from kiosk.viewmodels.staff import KioskStaff

logger = logging.getLogger(__name__)

#: The staff screen's notice about the content repository.
SOURCE_NOTICE = "content-source"


class FollowingRepository(QObject):
    """Joins a content source to the publishing pipeline, the log and the staff screen."""

    def __init__(
        self,
        source: ContentSource,
        publishing: Publishing,
        store: VersionStore,
        parent: QObject | None = None,
        *,
        metrics: KioskMetrics | PendingMetrics | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._publishing = publishing
        self._store = store
        self._metrics = metrics
        self._said = ""
        source.checked.connect(self._checked)
        source.refused.connect(self._refused)
        source.publishable.connect(self._publishable)
        publishing.shown.connect(self._shown)
        self._shown("")

    def serve(self, staff: KioskStaff) -> None:
        """Check for updates, and Reload content too: the repository is the content to reload."""
        staff.checkForUpdatesRequested.connect(self._source.check_now)
        staff.reloadRequested.connect(self._source.check_now)

    def describe(self) -> str:
        """The repository, and what its last check found, for the staff screen's diagnostics."""
        content = self._source.content
        ref = content.source.ref or "its default branch"
        outcome = self._source.outcome
        if outcome is None:
            found = "not checked yet"
        else:
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(outcome.checked_at))
            found = f"{outcome.result} at {when}: {outcome.detail}"
        return f"{content.source.url} ({ref}); {found}"

    @Slot(str, str)
    def _checked(self, result: str, reason: str) -> None:
        outcome = self._source.outcome
        assert outcome is not None
        if self._metrics is not None:
            self._metrics.content_checked(result, f"{reason}: {outcome.detail}" if reason else outcome.detail)
        if result == OK:
            if self._said:
                withdraw(SOURCE_NOTICE)
                self._said = ""
            logger.info("content check: %s", outcome.detail)
            return
        showing = self._publishing.showing.name
        text = f"content {result}: {outcome.detail}; version {showing} stays on show"
        if text == self._said:
            return  # said already, and still so
        if self._said:
            withdraw(SOURCE_NOTICE)
        self._said = text
        if result != OFFLINE:
            logger.error("%s", text)
        notify(SOURCE_NOTICE, text)

    @Slot(str)
    def _refused(self, reason: str) -> None:
        if self._metrics is not None:
            self._metrics.content_refused(reason if reason in REFUSAL_REASONS else "error")

    @Slot(object)
    def _publishable(self, publication: Publication) -> None:
        if self._metrics is not None and publication.version is not None:
            self._metrics.content_published(publication.version.name)
        if self._publishing.store is not self._store:
            logger.info(
                "the repository %s has a good commit: it is shown from now on, instead of the folder %s",
                self._source.content.source.url,
                self._publishing.store.source,
            )
            self._publishing.follow_store(self._store)
        self._publishing.offer(publication)

    @Slot(str)
    def _shown(self, _name: str) -> None:
        self._source.set_commit_on_show(self._publishing.showing.commit)
