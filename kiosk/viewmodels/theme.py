from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.content.contrast import high_contrast_palette
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskTheme"]


def _color(value: str) -> QColor:
    return QColor(value)


@QmlElement
@QmlUncreatable("Created by the application")
class KioskTheme(QObject):
    """The exhibit's palette and fonts.

    With larger text, chosen by the visitor, the colours are the theme's high-contrast palette
    (the type's sizes, and the rest of the geometry, are KioskLayout's).
    """

    changed = Signal()

    def __init__(self, theme: Mapping[str, Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._large_text = False
        self._palette: Mapping[str, Any] = theme

    def update(self, theme: Mapping[str, Any]) -> None:
        """New content brought a new palette or fonts: every view restyles itself."""
        if theme != self._theme:
            self._theme = theme
            self._choose_palette()
            self.changed.emit()

    def set_large_text(self, on: bool) -> None:
        if on != self._large_text:
            self._large_text = on
            self._choose_palette()
            self.changed.emit()

    def _choose_palette(self) -> None:
        self._palette = high_contrast_palette(self._theme) if self._large_text else self._theme

    def _colour(self, key: str) -> QColor:
        return _color(self._palette[key])

    def _accent(self, place: int) -> str:
        colours = list(self._palette["accents"].values())
        return colours[min(place, len(colours) - 1)]

    def _font(self, role: str) -> str:
        return self._theme["fonts"][role]

    paper = Property(QColor, lambda self: self._colour("paper"), notify=changed)
    paperShade = Property(QColor, lambda self: self._colour("paper_shade"), notify=changed)
    card = Property(QColor, lambda self: self._colour("card"), notify=changed)
    ink = Property(QColor, lambda self: self._colour("ink"), notify=changed)
    inkSoft = Property(QColor, lambda self: self._colour("ink_soft"), notify=changed)
    rule = Property(QColor, lambda self: self._colour("rule"), notify=changed)
    #: Each side's accent by name, as the exhibit names them.
    accents = Property("QVariantMap", lambda self: dict(self._palette["accents"]), notify=changed)
    highContrast = Property(bool, lambda self: self._large_text, notify=changed)
    #: The first accent (focus, the title's first bar) and the second (or the first again).
    accentOne = Property(QColor, lambda self: _color(self._accent(0)), notify=changed)
    accentTwo = Property(QColor, lambda self: _color(self._accent(1)), notify=changed)

    displayFont = Property(str, lambda self: self._font("display"), notify=changed)
    bodyFont = Property(str, lambda self: self._font("body"), notify=changed)
    interfaceFont = Property(str, lambda self: self._font("interface"), notify=changed)
    typewriterFont = Property(str, lambda self: self._font("typewriter"), notify=changed)
