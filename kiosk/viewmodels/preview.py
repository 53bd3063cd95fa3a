from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskPreview"]


@QmlElement
@QmlUncreatable("Created by the application")
class KioskPreview(QObject):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """What the curator's preview window tells them about the files they are editing.

    While the files have problems, `problems` lists them (file:line:col and message, the paths as
    the curator knows them) and the last good version stays on screen beneath; with
    `never_valid`, there has been none yet, and the list has the window to itself.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None, *, never_valid: bool = False) -> None:
        super().__init__(parent)
        self._problems: list[dict[str, str]] = []
        self._reloads = 0
        self._never_valid = never_valid

    @property
    def problem_count(self) -> int:
        return len(self._problems)

    def show_problems(self, problems: list[tuple[str, str]]) -> None:
        """(where, message) of each problem in the files as they are now."""
        self._problems = [{"where": where, "message": message} for where, message in problems]
        self.changed.emit()

    def shown_new_version(self) -> None:
        self._problems = []
        self._reloads += 1
        self._never_valid = False
        self.changed.emit()

    problems = Property(list, lambda self: self._problems, notify=changed)
    #: How many new versions have gone on screen since the preview opened.
    reloads = Property(int, lambda self: self._reloads, notify=changed)
    #: No version of the files has been valid since the preview opened: nothing to show beneath.
    neverValid = Property(bool, lambda self: self._never_valid, notify=changed)
