from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskTheme"]

#: Type sizes in pixels for a screen whose shorter side is 1080 pixels; views scale them with the
#: screen. Body text at 34 px reads from two metres on a 1080p screen of 40 inches or more.
TYPE_SCALE = {
    "display": 96,
    "title": 60,
    "heading": 44,
    "lead": 38,
    "body": 34,
    "caption": 26,
    "label": 28,
}


def _color(value: str) -> QColor:
    return QColor(value)


@QmlElement
@QmlUncreatable("Created by the application")
class KioskTheme(QObject):
    """The exhibit's palette and fonts, and the engine's type scale and grid."""

    changed = Signal()

    def __init__(self, theme: Mapping[str, Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._theme = theme

    def update(self, theme: Mapping[str, Any]) -> None:
        """New content brought a new palette or fonts: every view restyles itself."""
        if theme != self._theme:
            self._theme = theme
            self.changed.emit()

    def _accent(self, place: int) -> str:
        colours = list(self._theme["accents"].values())
        return colours[min(place, len(colours) - 1)]

    def _font(self, role: str) -> str:
        return self._theme["fonts"][role]

    paper = Property(QColor, lambda self: _color(self._theme["paper"]), notify=changed)
    paperShade = Property(QColor, lambda self: _color(self._theme["paper_shade"]), notify=changed)
    card = Property(QColor, lambda self: _color(self._theme["card"]), notify=changed)
    ink = Property(QColor, lambda self: _color(self._theme["ink"]), notify=changed)
    inkSoft = Property(QColor, lambda self: _color(self._theme["ink_soft"]), notify=changed)
    rule = Property(QColor, lambda self: _color(self._theme["rule"]), notify=changed)
    #: Each side's accent by name, as the exhibit names them.
    accents = Property("QVariantMap", lambda self: dict(self._theme["accents"]), notify=changed)
    #: The first accent (focus, the title's first bar) and the second (or the first again).
    accentOne = Property(QColor, lambda self: _color(self._accent(0)), notify=changed)
    accentTwo = Property(QColor, lambda self: _color(self._accent(1)), notify=changed)

    displayFont = Property(str, lambda self: self._font("display"), notify=changed)
    bodyFont = Property(str, lambda self: self._font("body"), notify=changed)
    interfaceFont = Property(str, lambda self: self._font("interface"), notify=changed)
    typewriterFont = Property(str, lambda self: self._font("typewriter"), notify=changed)

    displaySize = Property(int, lambda self: TYPE_SCALE["display"], constant=True)
    titleSize = Property(int, lambda self: TYPE_SCALE["title"], constant=True)
    headingSize = Property(int, lambda self: TYPE_SCALE["heading"], constant=True)
    leadSize = Property(int, lambda self: TYPE_SCALE["lead"], constant=True)
    bodySize = Property(int, lambda self: TYPE_SCALE["body"], constant=True)
    captionSize = Property(int, lambda self: TYPE_SCALE["caption"], constant=True)
    labelSize = Property(int, lambda self: TYPE_SCALE["label"], constant=True)

    #: Grid in pixels at the 1080-pixel reference: outer margin, gutter, and the smallest control.
    margin = Property(int, lambda self: 72, constant=True)
    gutter = Property(int, lambda self: 40, constant=True)
    touchTarget = Property(int, lambda self: 96, constant=True)
    #: Characters per line that body text is set to: Smithsonian guidance is 45 to 55.
    measure = Property(int, lambda self: 52, constant=True)
