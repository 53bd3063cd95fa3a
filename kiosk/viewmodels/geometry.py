from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton, QmlUncreatable, QQmlEngine

from kiosk.content.layout.geometry import (
    Box,
    Column,
    ScreenLayout,
    TextStyle,
    pixel_size,
    screen_layout,
    stage_band,
)
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME
from kiosk.viewmodels.access import KioskAccess

__all__ = [
    "QML_IMPORT_MAJOR_VERSION",
    "QML_IMPORT_NAME",
    "KioskGeometry",
    "KioskGeometrySource",
    "attach_geometry",
]

#: The engine's own property that holds the geometry its views lay themselves out by.
_ENGINE_GEOMETRY = "kioskGeometry"


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def _parts(record: Any) -> dict[str, Any]:
    """A layout record's fields by name, when `record` is one (the layout's records are NamedTuples)."""
    fields = getattr(type(record), "_fields", None)
    return dict(zip(fields, record, strict=True)) if isinstance(record, tuple) and fields else {}


def _for_qml(value: Any) -> Any:
    """A part of the layout as QML reads it: numbers and flags, boxes as {width, height}, text
    styles with their sizes in whole pixels as font.pixelSize takes them; columns and sequences,
    which the views do not read, are left out."""
    if isinstance(value, Box):
        return {"width": value.width, "height": value.height}
    if isinstance(value, TextStyle):
        return {
            _camel(name): part for name, part in _parts(value._replace(size=pixel_size(value.size))).items()
        }
    if parts := _parts(value):
        return {
            _camel(name): _for_qml(part)
            for name, part in parts.items()
            if not isinstance(part, Column) and (_parts(part) or not isinstance(part, tuple))
        }
    return value


@QmlElement
@QmlUncreatable("Created by the application")
class KioskGeometry(QObject):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """The screen's geometry as the views lay themselves out by it (kiosk/content/layout/geometry.py).

    It follows the window (or, in reach mode, the band of it the screens stand in), the
    visitor's larger text and the size of the smallest control, all from `access`. Style.qml
    reads the type scale and the grid here; every view reads its panel's boxes from the groups
    (`text`, `image`, ...), whose names are geometry.py's in camelCase, in the screen's pixels.
    """

    changed = Signal()

    def __init__(self, access: KioskAccess, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self._band = (0.0, 0.0)
        self._layout = self._compute()
        self._groups: dict[str, Any] = {}
        self._publish()
        for signal in (
            access.geometryChanged,
            access.largeTextChanged,
            access.reachModeChanged,
        ):
            signal.connect(self._follow)

    @property
    def layout(self) -> ScreenLayout:
        return self._layout

    def _compute(self) -> ScreenLayout:
        access = self._access
        width, height = access.window_size
        self._band = stage_band(height, access.reach_mode, access.reach_top(), access.reach_bottom())
        top, bottom = self._band
        return screen_layout(width, bottom - top, access.large_text, touch_target=access.target_size())

    def _publish(self) -> None:
        self._groups = {
            _camel(name): _for_qml(part) for name, part in _parts(self._layout).items() if _parts(part)
        }

    @Slot()
    def _follow(self) -> None:
        band = self._band
        layout = self._compute()
        if layout != self._layout or band != self._band:
            self._layout = layout
            self._publish()
            self.changed.emit()

    def _group(self, name: str) -> dict[str, Any]:
        group: dict[str, Any] = self._groups[name]
        return group

    unit = Property(float, lambda self: self._layout.unit, notify=changed)
    portrait = Property(bool, lambda self: self._layout.portrait, notify=changed)
    #: Where the screens stand in the window, from its top: all of it, or the band within reach.
    stageTop = Property(float, lambda self: float(self._band[0]), notify=changed)
    stageBottom = Property(float, lambda self: float(self._band[1]), notify=changed)

    displaySize = Property(int, lambda self: self._layout.type.display, notify=changed)
    titleSize = Property(int, lambda self: self._layout.type.title, notify=changed)
    headingSize = Property(int, lambda self: self._layout.type.heading, notify=changed)
    leadSize = Property(int, lambda self: self._layout.type.lead, notify=changed)
    bodySize = Property(int, lambda self: self._layout.type.body, notify=changed)
    captionSize = Property(int, lambda self: self._layout.type.caption, notify=changed)
    labelSize = Property(int, lambda self: self._layout.type.label, notify=changed)

    margin = Property(int, lambda self: self._layout.grid.margin, notify=changed)
    gutter = Property(int, lambda self: self._layout.grid.gutter, notify=changed)
    touchTarget = Property(int, lambda self: self._layout.grid.touch_target, notify=changed)
    measureWidth = Property(float, lambda self: self._layout.grid.measure_width, notify=changed)

    grid = Property(dict, lambda self: self._group("grid"), notify=changed)
    heading = Property(dict, lambda self: self._group("heading"), notify=changed)
    chrome = Property(dict, lambda self: self._group("chrome"), notify=changed)
    narration = Property(dict, lambda self: self._group("narration"), notify=changed)
    panel = Property(dict, lambda self: self._group("panel"), notify=changed)
    text = Property(dict, lambda self: self._group("text"), notify=changed)
    image = Property(dict, lambda self: self._group("image"), notify=changed)
    quote = Property(dict, lambda self: self._group("quote"), notify=changed)
    people = Property(dict, lambda self: self._group("people"), notify=changed)
    gallery = Property(dict, lambda self: self._group("gallery"), notify=changed)
    document = Property(dict, lambda self: self._group("document"), notify=changed)
    pair = Property(dict, lambda self: self._group("pair"), notify=changed)
    timeline = Property(dict, lambda self: self._group("timeline"), notify=changed)
    home = Property(dict, lambda self: self._group("home"), notify=changed)
    attract = Property(dict, lambda self: self._group("attract"), notify=changed)
    video = Property(dict, lambda self: self._group("video"), notify=changed)


@QmlElement
@QmlSingleton
class KioskGeometrySource(QObject):
    """The geometry of the engine that asks, as Style.qml finds it when the engine makes it.

    Style.qml takes its geometry from here rather than being handed it from Python: reaching a
    QML-made object from Python makes PySide wrap it, which creates the Python enums of some
    seventy Qt classes on the way (about 10 ms of the start-up's processor time), and this way no
    view can see Style without its geometry.
    """

    def __init__(self, geometry: KioskGeometry | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._geometry = geometry

    @Property(KioskGeometry, constant=True, final=True)
    def geometry(self) -> KioskGeometry | None:
        return self._geometry

    @staticmethod
    def create(engine: QQmlEngine) -> "KioskGeometrySource":
        geometry = engine.property(_ENGINE_GEOMETRY)
        return KioskGeometrySource(geometry if isinstance(geometry, KioskGeometry) else None, parent=engine)


def attach_geometry(engine: QQmlEngine, geometry: KioskGeometry) -> None:
    """Gives the engine's views their geometry: call it before the engine loads any of them."""
    engine.setProperty(_ENGINE_GEOMETRY, geometry)
