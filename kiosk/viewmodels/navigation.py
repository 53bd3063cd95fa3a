from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.analytics.schema import Navigation
from kiosk.services.navigation import NavigationService
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME
from kiosk.viewmodels.exhibit import KioskExhibit
from kiosk.viewmodels.interface_language import QT_TRANSLATE_NOOP
from kiosk.viewmodels.records import KioskRecordListModel

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskNavigation"]

PANEL_ROLES = ["kind", "title", "content"]
ADVANCE_LABELS = {
    "panel": QT_TRANSLATE_NOOP("Navigation", "Next"),
    "section": QT_TRANSLATE_NOOP("Navigation", "Next section"),
    "home": QT_TRANSLATE_NOOP("Navigation", "All sections"),
}


@QmlElement
@QmlUncreatable("Created by the application")
class KioskNavigation(QObject):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """The visitor's place in the exhibit, and the panels of the open section."""

    stateChanged = Signal()
    sectionChanged = Signal()
    #: The open section's title, number or side may have changed: another section, or new content.
    headingChanged = Signal()

    def __init__(
        self, exhibit: KioskExhibit, service: NavigationService, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._exhibit = exhibit
        self._service = service
        self._panels = KioskRecordListModel(PANEL_ROLES, self)
        self._shown_section = NavigationService.HOME
        self._moved_by = Navigation.JUMP
        service.changed.connect(self._on_changed)
        exhibit.attached.connect(self._load_panels)
        exhibit.languageChanged.connect(self._on_language_changed)

    @Slot()
    def _on_changed(self) -> None:
        if self._service.section != self._shown_section:
            self._shown_section = self._service.section
            self._load_panels()
            self.sectionChanged.emit()
            self.headingChanged.emit()
        self.stateChanged.emit()

    def refresh(self) -> None:
        """The exhibit was replaced under the open section: its panels change in place."""
        self._load_panels(update=True)
        self.headingChanged.emit()

    @Slot()
    def _on_language_changed(self) -> None:
        """The same panels, where the visitor is, in the other language: changed in place."""
        self.refresh()
        self.stateChanged.emit()

    def _advance_label(self) -> str:
        return self._exhibit.presenter.label(ADVANCE_LABELS[self._service.advance_kind], "Navigation")

    @Slot()
    def _load_panels(self, update: bool = False) -> None:
        exhibit = self._exhibit.model
        if self._service.at_home or exhibit is None:
            # Without the exhibit yet, the panels follow as soon as it is attached.
            return
        presenter = self._exhibit.presenter
        section = exhibit.sections[self._service.section]
        documents = self._exhibit.documents
        records = [
            {
                "kind": panel.kind,
                "title": presenter.text(panel.title),
                "content": documents.with_pages(presenter.panel(panel)),
            }
            for panel in section.panels
        ]
        if update:
            self._panels.update(records)
        else:
            self._panels.reset(records)

    def _section_title(self) -> str:
        return "" if self._service.at_home else self._exhibit.section_title(self._service.section)

    def _section_number(self) -> str:
        return "" if self._service.at_home else f"{self._service.section + 1:02d}"

    def _section_side(self) -> str:
        return "none" if self._service.at_home else self._exhibit.section_side(self._service.section)

    def take_move(self) -> Navigation:
        """How the visitor made the move just made (for the visitor events); a jump unless told."""
        moved_by, self._moved_by = self._moved_by, Navigation.JUMP
        return moved_by

    @Slot(int)
    def openSection(self, section: int) -> None:
        self._service.open_section(section)

    @Slot()
    def goHome(self) -> None:
        self._service.go_home()

    @Slot()
    def back(self) -> None:
        self._moved_by = Navigation.BUTTON
        self._service.back()

    @Slot()
    def advance(self) -> None:
        self._moved_by = Navigation.BUTTON
        self._service.advance()

    @Slot(int)
    def showPanel(self, panel: int) -> None:
        self._moved_by = Navigation.JUMP
        self._service.show_panel(panel)

    @Slot(int)
    def swipedTo(self, panel: int) -> None:
        """The visitor swiped the panels to `panel`."""
        self._moved_by = Navigation.SWIPE
        self._service.show_panel(panel)

    atHome = Property(bool, lambda self: self._service.at_home, notify=stateChanged)
    sectionIndex = Property(int, lambda self: self._service.section, notify=stateChanged)
    panelIndex = Property(int, lambda self: self._service.panel, notify=stateChanged)
    panelCount = Property(int, lambda self: self._service.panel_count, notify=stateChanged)
    advanceLabel = Property(str, _advance_label, notify=stateChanged)
    sectionTitle = Property(str, _section_title, notify=headingChanged)
    sectionNumber = Property(str, _section_number, notify=headingChanged)
    sectionSide = Property(str, _section_side, notify=headingChanged)
    panels = Property(QObject, lambda self: self._panels, constant=True)
