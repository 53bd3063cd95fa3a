from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Property, QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME
from kiosk.viewmodels.interface_language import QT_TRANSLATE_NOOP

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskStaff", "PinVerdict"]

MAX_PIN_DIGITS = 8


#: Said when the installation has no PIN. Also the words the application's own checker uses: the pad
#: finds their translation by them.
NO_PIN_SET = QT_TRANSLATE_NOOP(
    "KioskStaff", "No staff PIN is set for this installation: run 'kiosk set-pin'."
)


@dataclass(frozen=True)
class PinVerdict:
    accepted: bool
    #: Why the PIN was refused, in English, when neither a lock nor the tries left say it: the pad shows
    #: its translation when it has one, else these words.
    message: str = ""
    #: Seconds for which the pad refuses every PIN, after too many wrong ones.
    locked_for_s: float = 0.0
    #: After a wrong PIN: how many more may be tried before the pad locks (0 when not told).
    attempts_left: int = 0


def no_staff_access(_pin: str) -> PinVerdict:
    return PinVerdict(False, NO_PIN_SET)


@QmlElement
@QmlUncreatable("Created by the application")
class KioskStaff(QObject):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """The staff screens behind the hidden corner: the PIN pad, then Exit, Reload, Versions, Diagnostics.

    `view` is "" while hidden, then "pin", "menu", "versions" or "diagnostics". The digits typed stay here,
    in Python; the views only learn how many there are.
    """

    changed = Signal()
    exitRequested = Signal()
    reloadRequested = Signal()
    #: Staff chose a kept version of the exhibit to show instead: its name.
    rollbackRequested = Signal(str)
    #: Staff asked the content repository for a new version now.
    checkForUpdatesRequested = Signal()

    def __init__(
        self,
        check_pin: Callable[[str], PinVerdict] = no_staff_access,
        diagnostics: Callable[[], list[tuple[str, str]]] = list,
        versions: Callable[[], list[tuple[str, str, bool]]] = list,
        parent: QObject | None = None,
        *,
        follows_repository: bool = False,
    ) -> None:
        super().__init__(parent)
        self._follows_repository = follows_repository
        self._check_pin = check_pin
        self._diagnostics_source = diagnostics
        self._versions_source = versions
        self._versions: list[dict[str, object]] = []
        self._view = ""
        self._digits = ""
        self._message = ""
        self._locked = False
        self._diagnostics: list[dict[str, str]] = []
        #: Visits begun today and this week, once the visitor events have been counted.
        self._visits: tuple[int, int] | None = None
        self._unlock_timer = QTimer(self)
        self._unlock_timer.setObjectName("pinPadUnlock")
        self._unlock_timer.setSingleShot(True)
        self._unlock_timer.timeout.connect(self._unlock)

    def set_visits(self, today: int, this_week: int) -> None:
        """The visits counted in the visitor events (kiosk.services.analytics)."""
        if self._visits != (today, this_week):
            self._visits = (today, this_week)
            self.changed.emit()

    @property
    def current_view(self) -> str:
        return self._view

    def _show(self, view: str, message: str = "") -> None:
        self._view = view
        self._digits = ""
        self._message = message
        self.changed.emit()

    @Slot()
    def requestAccess(self) -> None:
        if self._view == "":
            self._show("pin", self.tr("The pad is locked after too many wrong PINs.") if self._locked else "")

    @Slot(str)
    def pressDigit(self, digit: str) -> None:
        if (
            self._view == "pin"
            and not self._locked
            and digit.isdigit()
            and len(self._digits) < MAX_PIN_DIGITS
        ):
            self._digits += digit
            self.changed.emit()

    @Slot()
    def erase(self) -> None:
        if self._digits:
            self._digits = self._digits[:-1]
            self.changed.emit()

    @Slot()
    def submitPin(self) -> None:
        if self._view != "pin" or not self._digits:
            return
        verdict = self._check_pin(self._digits)
        if verdict.locked_for_s > 0:
            self._locked = True
            self._unlock_timer.start(max(1, round(verdict.locked_for_s * 1000)))
        if verdict.accepted:
            self._show("menu")
        else:
            self._show("pin", self._refusal(verdict))

    def _refusal(self, verdict: PinVerdict) -> str:
        """Why the pad refused a PIN, in the interface's language at the moment it refused."""
        if verdict.locked_for_s > 0:
            seconds = max(1, round(verdict.locked_for_s))
            return self.tr("Too many wrong PINs. The pad is locked for %n s.", "", seconds)
        if verdict.attempts_left > 0:
            return self.tr(
                "That PIN is not right. %n more tries before the pad locks.", "", verdict.attempts_left
            )
        return QCoreApplication.translate("KioskStaff", verdict.message) if verdict.message else ""

    @Slot()
    def showMenu(self) -> None:
        if self._view in ("menu", "diagnostics", "versions"):
            self._show("menu")

    @Slot()
    def showVersions(self) -> None:
        if self._view == "menu":
            self._versions = [
                {"name": name, "label": label, "shown": shown}
                for name, label, shown in self._versions_source()
            ]
            self._show("versions")

    @Slot(str)
    def rollBack(self, name: str) -> None:
        if self._view == "versions" and any(version["name"] == name for version in self._versions):
            self._show("")
            self.rollbackRequested.emit(name)

    @Slot()
    def showDiagnostics(self) -> None:
        if self._view == "menu":
            # The labels are marked for translation where they are written, in the "Diagnostics" context.
            self._diagnostics = [
                {"label": QCoreApplication.translate("Diagnostics", label), "value": value}
                for label, value in self._diagnostics_source()
            ]
            self._show("diagnostics")

    @Slot()
    def reloadContent(self) -> None:
        if self._view == "menu":
            self._show("")
            self.reloadRequested.emit()

    @Slot()
    def checkForUpdates(self) -> None:
        if self._view == "menu" and self._follows_repository:
            self._show("menu", self.tr("Checking for updates. Diagnostics shows what the check found."))
            self.checkForUpdatesRequested.emit()

    @Slot()
    def exitKiosk(self) -> None:
        if self._view == "menu":
            self._show("")
            self.exitRequested.emit()

    @Slot()
    def close(self) -> None:
        """Leaves the staff screens; the next visitor finds them closed too, as the visit ends."""
        if self._view:
            self._show("")

    @Slot()
    def _unlock(self) -> None:
        self._locked = False
        if self._view == "pin":
            self._show("pin")
        else:
            self.changed.emit()

    view = Property(str, lambda self: self._view, notify=changed)
    message = Property(str, lambda self: self._message, notify=changed)
    locked = Property(bool, lambda self: self._locked, notify=changed)
    pinLength = Property(int, lambda self: len(self._digits), notify=changed)
    diagnostics = Property(list, lambda self: self._diagnostics, notify=changed)
    #: Whether the kiosk follows a content repository (and offers Check for updates).
    followsRepository = Property(bool, lambda self: self._follows_repository, constant=True)
    #: The kept versions of the exhibit, newest first: name, label (when, and the title), shown.
    versions = Property(list, lambda self: self._versions, notify=changed)
    #: Whether visits are counted (analytics on, and counted once), and how many today and this week.
    visitsCounted = Property(bool, lambda self: self._visits is not None, notify=changed)
    visitsToday = Property(int, lambda self: (self._visits or (0, 0))[0], notify=changed)
    visitsThisWeek = Property(int, lambda self: (self._visits or (0, 0))[1], notify=changed)
