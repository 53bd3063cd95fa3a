"""What operations staff rely on while the kiosk runs: the staff screens' facts, and failing safe."""

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from kiosk import __version__
from kiosk.app.logs import recent_problems
from kiosk.app.notices import current_notices
from kiosk.content.snapshot import fingerprint
from kiosk.services.schedule_service import resident_memory_mb
from kiosk.services.staff_access import AttemptResult, Outcome, PinLock
from kiosk.viewmodels.interface_language import QT_TRANSLATE_NOOP
from kiosk.viewmodels.staff import PinVerdict

logger = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def pin_checker(lock: PinLock) -> Callable[[str], PinVerdict]:
    """The staff PIN pad's check, in the words the pad shows."""

    def check(pin: str) -> PinVerdict:
        return verdict(lock.attempt(pin))

    return check


def verdict(result: AttemptResult) -> PinVerdict:
    if result.outcome is Outcome.ACCEPTED:
        return PinVerdict(True)
    if result.outcome is Outcome.NO_PIN:
        return PinVerdict(False, "No staff PIN is set for this installation: run 'kiosk set-pin'.")
    if result.outcome is Outcome.LOCKED:
        seconds = max(1, round(result.seconds_remaining))
        return PinVerdict(
            False,
            f"Too many wrong PINs. The pad is locked for {seconds} s.",
            locked_for_s=result.seconds_remaining,
        )
    tries = "1 more try" if result.attempts_left == 1 else f"{result.attempts_left} more tries"
    # The pad words the tries left itself, in the visitor's language; the message is the log's.
    return PinVerdict(
        False, f"That PIN is not right. {tries} before the pad locks.", attempts_left=result.attempts_left
    )


def content_version(exhibit_dir: Path) -> str:
    """A short fingerprint of the exhibit's files and the date of the newest, to tell versions apart."""
    files = [path for path in exhibit_dir.rglob("*") if path.is_file()]
    if not files:
        return "no files"
    newest = max(path.stat().st_mtime for path in files)
    changed = time.strftime("%Y-%m-%d %H:%M", time.localtime(newest))
    return f"{fingerprint(files)[:12]} (last changed {changed})"


def diagnostics_source(
    exhibit_dir: Path,
    log_file: Path | None,
    shown_version: Callable[[], str] | None = None,
    renderer: Callable[[], str] | None = None,
    content_source: Callable[[], str] | None = None,
) -> Callable[[], list[tuple[str, str]]]:
    started = time.monotonic()

    def diagnostics() -> list[tuple[str, str]]:
        problems = recent_problems()[-5:]
        notices = current_notices()
        return [
            *([(QT_TRANSLATE_NOOP("Diagnostics", "Needs attention"), "\n".join(notices))] if notices else []),
            (
                QT_TRANSLATE_NOOP("Diagnostics", "Version"),
                f"kiosk {__version__}, Python {sys.version.split()[0]}",
            ),
            (QT_TRANSLATE_NOOP("Diagnostics", "Running for"), format_duration(time.monotonic() - started)),
            (QT_TRANSLATE_NOOP("Diagnostics", "Memory"), f"{resident_memory_mb():.0f} MB resident"),
            (QT_TRANSLATE_NOOP("Diagnostics", "Exhibit"), str(exhibit_dir.resolve())),
            (
                QT_TRANSLATE_NOOP("Diagnostics", "Content version"),
                shown_version() if shown_version else content_version(exhibit_dir),
            ),
            *(
                [(QT_TRANSLATE_NOOP("Diagnostics", "Content source"), content_source())]
                if content_source
                else []
            ),
            *([(QT_TRANSLATE_NOOP("Diagnostics", "Renderer"), renderer())] if renderer else []),
            (QT_TRANSLATE_NOOP("Diagnostics", "Logs"), str(log_file) if log_file else "standard error only"),
            (
                QT_TRANSLATE_NOOP("Diagnostics", "Last problems"),
                "\n".join(problems) if problems else "none since start",
            ),
        ]

    return diagnostics


def format_duration(seconds: float) -> str:
    minutes, _ = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h {minutes} min" if days else f"{hours} h {minutes} min"


def install_exception_handler(recover: Callable[[], None]) -> ExceptHook:
    """Logs any uncaught exception with its traceback and recovers; returns the previous hook.

    Python code called from Qt (slots, timers, bindings) reports its exceptions here and the
    event loop goes on. The visitor sees no dialog: the kiosk returns to its attract loop.
    """
    previous = sys.excepthook

    def handle(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        logger.error("uncaught exception; returning to the attract loop", exc_info=(kind, error, trace))
        try:
            recover()
        except Exception:
            logger.exception("recovering from the exception failed too")

    sys.excepthook = handle
    return previous
