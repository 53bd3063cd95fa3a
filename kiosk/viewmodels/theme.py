from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Property, QLocale, QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.content.contrast import high_contrast_palette
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskTheme"]


#: Bundled families without Cyrillic, and the bundled family that sets a Cyrillic language instead.
#: Courier Prime, the transcripts' typewriter face, has no Cyrillic letters: a Russian transcript
#: is set wholly in PT Mono, a monospace of the same measure, its digits and punctuation too (a
#: substitute for the missing letters alone would mix the two faces in one line).
CYRILLIC_STAND_INS = {"Courier Prime": "PT Mono"}
#: Bundled families with no italic of their own. Qt would slant the upright for italic, which is
#: not what italic says, and their text is set upright instead.
UPRIGHT_ONLY = frozenset({"PT Mono"})


def _color(value: str) -> QColor:
    return QColor(value)


@QmlElement
@QmlUncreatable("Created by the application")
class KioskTheme(QObject):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """The exhibit's palette and fonts.

    With larger text, chosen by the visitor, the colours are the theme's high-contrast palette
    (the type's sizes, and the rest of the geometry, are KioskGeometry's).
    """

    changed = Signal()

    def __init__(self, theme: Mapping[str, Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._large_text = False
        self._palette: Mapping[str, Any] = theme
        self._cyrillic = False

    def update(self, theme: Mapping[str, Any]) -> None:
        """New content brought a new palette or fonts: every view restyles itself."""
        if theme != self._theme:
            self._theme = theme
            self._choose_palette()
            self.changed.emit()

    def set_language(self, language: str) -> None:
        """The visitor's language: a face that cannot write its script gives way to its stand-in."""
        cyrillic = QLocale(language).script() == QLocale.Script.CyrillicScript
        if cyrillic != self._cyrillic:
            self._cyrillic = cyrillic
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
        colours: list[str] = list(self._palette["accents"].values())
        return colours[min(place, len(colours) - 1)]

    def _font(self, role: str) -> str:
        family: str = self._theme["fonts"][role]
        return CYRILLIC_STAND_INS.get(family, family) if self._cyrillic else family

    def _has_italic(self, role: str) -> bool:
        return self._font(role) not in UPRIGHT_ONLY

    paper = Property(QColor, lambda self: self._colour("paper"), notify=changed)
    paperShade = Property(QColor, lambda self: self._colour("paper_shade"), notify=changed)
    card = Property(QColor, lambda self: self._colour("card"), notify=changed)
    ink = Property(QColor, lambda self: self._colour("ink"), notify=changed)
    inkSoft = Property(QColor, lambda self: self._colour("ink_soft"), notify=changed)
    rule = Property(QColor, lambda self: self._colour("rule"), notify=changed)
    #: Each side's accent by name, as the exhibit names them.
    accents = Property(dict, lambda self: dict(self._palette["accents"]), notify=changed)
    highContrast = Property(bool, lambda self: self._large_text, notify=changed)
    #: The first accent (focus, the title's first bar) and the second (or the first again).
    accentOne = Property(QColor, lambda self: _color(self._accent(0)), notify=changed)
    accentTwo = Property(QColor, lambda self: _color(self._accent(1)), notify=changed)

    displayFont = Property(str, lambda self: self._font("display"), notify=changed)
    bodyFont = Property(str, lambda self: self._font("body"), notify=changed)
    interfaceFont = Property(str, lambda self: self._font("interface"), notify=changed)
    typewriterFont = Property(str, lambda self: self._font("typewriter"), notify=changed)
    #: Whether the typewriter face has an italic of its own (see UPRIGHT_ONLY).
    typewriterItalic = Property(bool, lambda self: self._has_italic("typewriter"), notify=changed)
