from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.content.models import Exhibit
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME
from kiosk.viewmodels.presentation import Presenter, media_url
from kiosk.viewmodels.records import KioskRecordListModel
from kiosk.viewmodels.theme import KioskTheme

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskExhibit"]

SECTION_ROLES = ["sectionId", "title", "teaser", "side", "tileImage", "panelCount", "number"]


@QmlElement
@QmlUncreatable("Created by the application")
class KioskExhibit(QObject):
    """The exhibit as the home screen shows it: its titles, theme and sections."""

    contentChanged = Signal()

    def __init__(self, exhibit: Exhibit, language: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sections = KioskRecordListModel(SECTION_ROLES, self)
        self._exhibit = exhibit
        self._language = language or exhibit.languages[0]
        self._theme = KioskTheme(exhibit.theme, self)
        self._present()

    @property
    def model(self) -> Exhibit:
        return self._exhibit

    @property
    def presenter(self) -> Presenter:
        return Presenter(self._language, self._exhibit.languages)

    def _present(self) -> None:
        presenter = self.presenter
        self._sections.reset(
            [
                {
                    "sectionId": section.id,
                    "title": presenter.text(section.title),
                    "teaser": presenter.text(section.teaser),
                    "side": section.side,
                    "tileImage": media_url(section.tile_image),
                    "panelCount": len(section.panels),
                    "number": f"{index + 1:02d}",
                }
                for index, section in enumerate(self._exhibit.sections)
            ]
        )
        self.contentChanged.emit()

    def _text(self, value: object) -> str:
        return self.presenter.text(value)  # type: ignore[arg-type]

    title = Property(str, lambda self: self._text(self._exhibit.title), notify=contentChanged)
    subtitle = Property(str, lambda self: self._text(self._exhibit.subtitle), notify=contentChanged)
    invitation = Property(str, lambda self: self._text(self._exhibit.invitation), notify=contentChanged)
    language = Property(str, lambda self: self._language, notify=contentChanged)
    sections = Property(QObject, lambda self: self._sections, constant=True)
    theme = Property(QObject, lambda self: self._theme, constant=True)
