"""`kiosk preview`: the exhibit in a window that follows the curator's saves.

Every save shows on screen within a moment, in the same section and panel. While the files have
problems, a panel lists them over the last good version; a fixed and saved file removes it. Files
that have never been valid open the window all the same, on their problems alone, and the exhibit
takes their place as soon as a save makes it valid.
"""

import logging
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication

from kiosk.app.display import DEFAULT_WINDOW_SIZE, show_window
from kiosk.app.fonts import register_bundled_fonts
from kiosk.app.window import KioskUi, SessionOptions, create_ui
from kiosk.content.loader import LoadResult, load_exhibit
from kiosk.content.localized import Localized
from kiosk.content.models import Theme
from kiosk.content.problems import Problem
from kiosk.content.summary import ExhibitSummary
from kiosk.services.background import BackgroundJob
from kiosk.services.content_watch import PREVIEW_SETTLE_MS, ContentWatcher
from kiosk.viewmodels.preview import KioskPreview

logger = logging.getLogger(__name__)
#: The preview never goes to its attract loop under a curator who is typing in another window.
PREVIEW_IDLE_S = 24 * 3600


def where(problem: Problem) -> str:
    """file:line:col, the file as the curator's terminal names it."""
    text = problem.format(relative_to=Path.cwd())
    return text[: text.index(f": {problem.severity}: ")]


def describe(problem: Problem) -> str:
    return f"{problem.key_path}: {problem.message}" if problem.key_path else problem.message


class Preview(QObject):
    """Keeps an open window showing the exhibit folder as last saved without errors."""

    #: A new version is on screen.
    shown = Signal()
    #: The files as saved have problems; the last good version stays on screen.
    refused = Signal()

    def __init__(
        self,
        ui: KioskUi,
        folder: Path,
        view_model: KioskPreview,
        settle_ms: int = PREVIEW_SETTLE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ui = ui
        self._view_model = view_model
        self._changed_at = 0.0
        self._watcher = ContentWatcher(folder, settle_ms, self)
        self._job = BackgroundJob(lambda: load_exhibit(folder), self)
        self._watcher.settled.connect(self._changed)
        self._job.finished.connect(self._loaded)
        self._job.failed.connect(lambda message: logger.error("reading the exhibit failed: %s", message))

    def stop(self) -> None:
        self._job.wait()

    @Slot(str)
    def _changed(self, _fingerprint: str) -> None:
        self._changed_at = time.monotonic()
        self._job.request()

    @Slot(object)
    def _loaded(self, result: LoadResult) -> None:
        if result.exhibit is None:
            self._view_model.show_problems(listed(result.problems))
            report(
                result.problems, f"{len(result.problems)} problem(s); the last good version stays on screen"
            )
            self.refused.emit()
            return
        self._ui.replace_exhibit(result.exhibit)
        self._view_model.shown_new_version()
        milliseconds = (time.monotonic() - self._changed_at) * 1000
        report(house_rule_warnings(result), f"shown ({milliseconds:.0f} ms after the folder settled)")
        self.shown.emit()


def house_rule_warnings(result: LoadResult) -> tuple[Problem, ...]:
    """A valid exhibit's warnings as `kiosk validate` gives them: the house rules', and the texts
    that do not fit their places (measured here, on the window's thread, where Qt's fonts are)."""
    assert result.exhibit is not None
    assert result.source is not None
    # Imported here: only a valid exhibit is measured.
    from kiosk.app.text_fit import check_fit

    return (*result.warnings, *check_fit(result.exhibit, result.source))


def report(problems: tuple[Problem, ...], summary: str) -> None:
    """Problems, or the house rules' warnings, in the curator's terminal, where editors link them."""
    for problem in problems:
        print(problem.format(relative_to=Path.cwd()), file=sys.stderr)
    print(f"kiosk preview: {time.strftime('%H:%M:%S')} {summary}", file=sys.stderr, flush=True)


def listed(problems: tuple[Problem, ...]) -> list[tuple[str, str]]:
    return [(where(problem), describe(problem)) for problem in problems]


def never_valid(folder: Path) -> ExhibitSummary:
    """What stands beneath the problems of files that have never been valid: an exhibit named
    after its folder, in the default theme, with no sections."""
    return ExhibitSummary(
        title=Localized.plain(folder.absolute().name),
        subtitle=None,
        invitation=None,
        languages=("en",),
        theme=Theme().model_dump(),
        sections=(),
    )


def open_preview(folder: Path, settle_ms: int = PREVIEW_SETTLE_MS) -> tuple[KioskUi, Preview, KioskPreview]:
    """The preview's window, not yet shown: the exhibit, or the problems that keep it from showing."""
    result = load_exhibit(folder)
    view_model = KioskPreview(never_valid=result.exhibit is None)
    if result.exhibit is None:
        report(result.problems, "fix these and save; the exhibit shows as soon as it is valid")
        view_model.show_problems(listed(result.problems))
    else:
        report(house_rule_warnings(result), f"showing {folder}; save a file to see the change")
    options = SessionOptions(
        idle_timeout_s=PREVIEW_IDLE_S, countdown_s=PREVIEW_IDLE_S, content_folders=(folder,)
    )
    ui = create_ui(result.exhibit or never_valid(folder), options, preview=view_model)
    preview = Preview(ui, folder, view_model, settle_ms=settle_ms, parent=ui.window)
    return ui, preview, view_model


def run_preview(folder: Path, size: tuple[int, int] | None = None) -> int:
    # Ctrl+C in the curator's terminal closes the preview.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    existing = QGuiApplication.instance()
    app = existing if isinstance(existing, QGuiApplication) else QGuiApplication(sys.argv)
    app.setApplicationName("kiosk preview")
    register_bundled_fonts()
    ui, preview, _ = open_preview(folder)
    show_window(ui.window, windowed=True, size=size or DEFAULT_WINDOW_SIZE)
    try:
        return app.exec()
    finally:
        preview.stop()
        ui.dispose()
