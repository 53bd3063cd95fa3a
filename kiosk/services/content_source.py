"""A running kiosk follows a git repository: a check at start, on a schedule, and when staff ask.

Each check (kiosk.services.git_content) runs on a worker thread: git is never waited for on the
UI thread. The outcome of every check is kept as properties with one change signal, for the
staff screen and the health metrics: `result` (ok, offline, refused, invalid, disk_full or
error), a short `reason`, a sentence (`detail`), when it was checked, when the source was last
reached with something showable or nothing new, and the commit on show. A new valid version
comes out of `publishable`, for the publishing pipeline to show at the next unattended moment;
each new refusal (a commit refused for the first time, or a publishing stopped by the disk) comes
out of `refused`, once, with its reason (unsigned, untrusted_signer, older_commit, invalid,
disk_full or error), while `result` stays `refused` or `invalid` for as long as the ref names it.
"""

import logging
import random
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.services.background import BackgroundJob
from kiosk.services.clock import SYSTEM_CLOCK, Clock
from kiosk.services.git_content import DISK_FULL, ERROR, INVALID, OK, REFUSED, CheckOutcome, GitContent

logger = logging.getLogger(__name__)

#: How often the source is checked unless the installation says otherwise (content_check_every).
DEFAULT_CHECK_EVERY_S = 300.0
#: A check stopped by a full disk is tried again this often: the store looks at the free space
#: before it copies anything.
DISK_FULL_RETRY_MS = 10_000
#: Each scheduled check comes up to this share of the interval sooner or later than the interval
#: itself, at random: kiosks switched on together drift apart within a few checks, instead of
#: asking the git server all at once, every interval, for as long as they run.
CHECK_SPREAD = 0.1


class ContentSource(QObject):
    """Checks a git content source off the UI thread; says what each check came to."""

    #: Any of the properties changed (a check came back, or another version went on show).
    changed = Signal()
    #: A check came back: its result and reason.
    checked = Signal(str, str)
    #: A valid version to show (a Publication).
    publishable = Signal(object)
    #: A commit was refused, or could not be published: why (said once per commit).
    refused = Signal(str)

    def __init__(
        self,
        content: GitContent,
        showing: Callable[[], frozenset[str]] = frozenset,
        check_every_s: float = DEFAULT_CHECK_EVERY_S,
        parent: QObject | None = None,
        *,
        clock: Clock = SYSTEM_CLOCK,
        spread: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(parent)
        self._content = content
        self._showing = showing
        self._outcome: CheckOutcome | None = None
        self._last_success = 0.0
        self._commit_on_show = ""
        self._check_every_ms = max(1000, round(check_every_s * 1000))
        self._spread = spread
        self._job = BackgroundJob(lambda: content.check(self._protected), self)
        self._job.finished.connect(self._checked)
        self._job.failed.connect(self._crashed)
        self._timer = clock.timer("contentCheck", self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)
        self._protected: frozenset[str] = frozenset()
        self._last_refusal = ("", "")

    @property
    def content(self) -> GitContent:
        return self._content

    @property
    def outcome(self) -> CheckOutcome | None:
        return self._outcome

    def start(self) -> None:
        """The first check now; the next ones on the schedule."""
        self.check_now()

    def stop(self) -> None:
        """Stops checking; a check in hand is cut short (a fetch stopped mid-way is made again next time)."""
        self._timer.stop()
        self._content.cancel()
        self._job.wait()

    @Slot()
    def check_now(self) -> None:
        """Checks the source (at once, or right after the check in hand)."""
        self._timer.stop()
        # Read here, on the UI thread, for the worker: the version on screen is never removed.
        self._protected = self._showing()
        self._job.request()

    def set_commit_on_show(self, commit: str) -> None:
        if commit != self._commit_on_show:
            self._commit_on_show = commit
            self.changed.emit()

    @Slot(object)
    def _checked(self, outcome: CheckOutcome) -> None:
        self._outcome = outcome
        if outcome.result == OK:
            self._last_success = outcome.checked_at
        self._timer.start(DISK_FULL_RETRY_MS if outcome.result == DISK_FULL else self._next_check_ms())
        self.changed.emit()
        self.checked.emit(outcome.result, outcome.reason)
        refusal = (outcome.commit, outcome.reason)
        if outcome.result in (REFUSED, INVALID, DISK_FULL, ERROR) and outcome.commit:
            if refusal != self._last_refusal:  # the same commit refused again is one refusal
                self._last_refusal = refusal
                self.refused.emit(outcome.reason)
        elif outcome.result == OK:
            self._last_refusal = ("", "")
        if outcome.publication is not None:
            self.publishable.emit(outcome.publication)

    def _next_check_ms(self) -> int:
        """The interval, spread by up to CHECK_SPREAD either way (`spread` gives 0 to 1)."""
        factor = 1 + CHECK_SPREAD * (2 * self._spread() - 1)
        return max(1000, round(self._check_every_ms * factor))

    @Slot(str)
    def _crashed(self, message: str) -> None:
        self._checked(CheckOutcome(ERROR, "check failed", f"the content check failed: {message}"))

    def _result(self) -> str:
        return self._outcome.result if self._outcome else ""

    def _reason(self) -> str:
        return self._outcome.reason if self._outcome else ""

    def _detail(self) -> str:
        return self._outcome.detail if self._outcome else ""

    def _checked_at(self) -> float:
        return self._outcome.checked_at if self._outcome else 0.0

    #: ok, offline, refused, invalid, disk_full or error; "" before the first check.
    result = Property(str, _result, notify=changed)
    #: Why, in a word or two (a refusal's kind: unsigned, untrusted_signer, older_commit, invalid).
    reason = Property(str, _reason, notify=changed)
    #: What happened, in a sentence.
    detail = Property(str, _detail, notify=changed)
    #: When the last check came back, in seconds since the epoch (0: not yet).
    checkedAt = Property(float, _checked_at, notify=changed)
    #: When a check last reached the source and found something showable or nothing new (0: never).
    lastSuccessAt = Property(float, lambda self: self._last_success, notify=changed)
    #: The commit of the version on show ("" when it came from a folder).
    commit = Property(str, lambda self: self._commit_on_show, notify=changed)
