"""The layout algorithms of kiosk/content/layout, called by the views with their own measures.

The views know their size, the screen's unit and how wide their words are drawn; these slots
turn that into where things go, so that the algorithms stay in Python where tests reach them.
The algorithms only panels call are imported when first called: the home screen's first frame
calls none (docs/adr/0041-the-home-screen-alone-before-the-first-frame.md).
"""

import functools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QPointF, Slot
from PySide6.QtGui import QColor
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.content.layout import attract
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME

if TYPE_CHECKING:
    from kiosk.viewmodels.text_measure import TextMeasure

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskLayouts"]


@functools.cache
def _text_measure() -> "TextMeasure":
    from kiosk.viewmodels.text_measure import TextMeasure

    return TextMeasure()


@QmlElement
@QmlUncreatable("Created by the application")
class KioskLayouts(QObject):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """Slots the views call from their bindings; each returns plain values and keeps no state."""

    @Slot("QVariantList", "QVariantList", float, float, float, int, float, float, result="QVariantMap")
    def timeline(
        self,
        events: list[dict[str, Any]],
        eras: list[dict[str, Any]],
        first: float,
        last: float,
        width: float,
        lanes: int,
        card_width: float,
        unit: float,
    ) -> dict[str, Any]:
        """The line for a stage `width` wide: {scale, shift, width, cards, ticks} (timeline.py)."""
        from kiosk.content.layout import timeline

        return timeline.layout_record(events, eras, first, last, width, lanes, card_width, unit)

    #: How fast a picture in the attract loop travels, in reference pixels a second.
    attractPace = Property(float, lambda _self: float(attract.PACE), constant=True)

    @Slot(float, result=int)
    def attractSlideMs(self, seconds_per_slide: float) -> int:
        return attract.slide_ms(seconds_per_slide)

    @Slot(float, result=int)
    def attractFadeMs(self, seconds_per_slide: float) -> int:
        return attract.fade_ms(seconds_per_slide)

    @Slot(float, float, float, float, float, bool, result=int)
    def attractTravel(
        self, seconds_on_screen: float, width: float, height: float, unit: float, pace: float, still: bool
    ) -> int:
        return attract.travel(seconds_on_screen, (width, height), unit, pace, still)

    @Slot(str, str, int, int, bool, bool, float, float, float, result=int)
    def fittedSize(
        self,
        words: str,
        family: str,
        size: int,
        smallest: int,
        bold: bool,
        italic: bool,
        line_height: float,
        width: float,
        room: float,
    ) -> int:
        """The size, from `size` down to `smallest`, at which plain wrapped words fit `room`: what
        the views ask instead of Text.Fit, and what the fit check asks (geometry.fitted_size)."""
        from kiosk.viewmodels.text_measure import TextStyle

        style = TextStyle(family, size, bold=bold, italic=italic, line_height=line_height)
        return _text_measure().fitted(words, style, smallest, width, room).pixel_size

    @Slot(int, int, int, result=QPointF)
    def attractPlace(self, distance: int, slide: int, travelled: int) -> QPointF:
        where = attract.place_at(distance, slide, travelled)
        return QPointF(where.x, where.y)

    @Slot("QVariantList", int, int, QColor, QColor, QColor, QColor, result=str)
    def letterMarkup(
        self,
        pieces: list[dict[str, Any]],
        selected: int,
        pointed: int,
        ink: QColor,
        card: QColor,
        tint: QColor,
        strong: QColor,
    ) -> str:
        """A paragraph's rich text with its noted phrases marked (notes.py)."""
        from kiosk.content.layout import notes

        marking = notes.Marking(
            ink=ink.name(),
            card=card.name(),
            tint=tint.name(),
            strong=strong.name(),
            selected=selected,
            pointed=pointed,
        )
        return notes.markup(notes.Paragraph.from_record(pieces), marking)
