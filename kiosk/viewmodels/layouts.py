"""The layout algorithms of kiosk/content/layout, called by the views with their own measures.

The views know their size, the screen's unit and how wide their words are drawn; these slots
turn that into where things go, so that the algorithms stay in Python where tests reach them.
The algorithms only panels call are imported when first called: the home screen's first frame
calls none (docs/adr/0041-the-home-screen-alone-before-the-first-frame.md).
"""

from typing import Any

from PySide6.QtCore import Property, QObject, QPointF, Slot
from PySide6.QtGui import QColor
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.content.layout import attract
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskLayouts"]


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
