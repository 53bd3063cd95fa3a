import math

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.content.layout.geometry import design_touch_target
from kiosk.services.screen import ScreenPlacement
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME
from kiosk.viewmodels.theme import KioskTheme

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskAccess"]

#: Colle and Hiszem (2004): at a standing touch-screen kiosk, 20 mm keys were as quick and as sure
#: as larger ones, and smaller keys were not.
TARGET_MM = 20.0
#: WCAG 2.5.5 (Target Size, Enhanced): 44 by 44 pixels, whatever the screen.
TARGET_MINIMUM_PX = 44
#: ADA 2010 308.2.1: an unobstructed forward reach is from 15 to 48 inches above the floor.
REACH_HIGH_MM = 48 * 25.4
REACH_LOW_MM = 15 * 25.4
#: Below this share of the window's height, the reachable band is too little to matter.
REACH_SLACK = 0.02


@QmlElement
@QmlUncreatable("Created by the application")
class KioskAccess(QObject):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """The visitor's options, and the sizes that the screen as mounted asks of every control.

    Four switches a visitor may turn on: larger text with the high-contrast palette, reduced
    motion, the reach mode that brings every control into the lower part of the screen, and audio
    description for films that have one. They are the visitor's own: `reset` turns them off when
    the visit ends.

    `targetSize` is the side of the smallest control in the window's pixels: 20 mm on the screen
    as mounted, never less than 44 pixels nor than the theme's design. `reachTop` and
    `reachBottom` are the fractions of the window's height, from its top, between which the
    picture is within 15 to 48 inches of the floor.
    """

    largeTextChanged = Signal()
    reducedMotionChanged = Signal()
    reachModeChanged = Signal()
    audioDescriptionChanged = Signal()
    audioDescriptionOfferedChanged = Signal()
    geometryChanged = Signal()

    def __init__(
        self,
        placement: ScreenPlacement | None = None,
        theme: KioskTheme | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._placement = placement or ScreenPlacement()
        self._theme = theme
        self._large_text = False
        self._reduced_motion = False
        self._reach_mode = False
        self._audio_description = False
        self._audio_description_offered = False
        self._window = (1920, 1080)

    # The switches

    @property
    def large_text(self) -> bool:
        return self._large_text

    @Slot(bool)
    def setLargeText(self, on: bool) -> None:
        if on == self._large_text:
            return
        self._large_text = on
        if self._theme is not None:
            self._theme.set_large_text(on)
        self.largeTextChanged.emit()

    @property
    def reach_mode(self) -> bool:
        return self._reach_mode

    @Slot(bool)
    def setReducedMotion(self, on: bool) -> None:
        if on != self._reduced_motion:
            self._reduced_motion = on
            self.reducedMotionChanged.emit()

    @Slot(bool)
    def setReachMode(self, on: bool) -> None:
        if on != self._reach_mode:
            self._reach_mode = on
            self.reachModeChanged.emit()

    @Slot(bool)
    def setAudioDescription(self, on: bool) -> None:
        """Films with a described sound play it instead of their own (kiosk/viewmodels/video.py)."""
        if on != self._audio_description:
            self._audio_description = on
            self.audioDescriptionChanged.emit()

    def offer_audio_description(self, offered: bool) -> None:
        """Whether any film of the exhibit has a described sound: the switch shows only then."""
        if offered != self._audio_description_offered:
            self._audio_description_offered = offered
            self.audioDescriptionOfferedChanged.emit()

    @Slot()
    def toggleAudioDescription(self) -> None:
        self.setAudioDescription(not self._audio_description)

    @Slot()
    def toggleLargeText(self) -> None:
        self.setLargeText(not self._large_text)

    @Slot()
    def toggleReducedMotion(self) -> None:
        self.setReducedMotion(not self._reduced_motion)

    @Slot()
    def toggleReachMode(self) -> None:
        self.setReachMode(not self._reach_mode)

    @Slot()
    def reset(self) -> None:
        """The visit is over: the next visitor finds the kiosk as it was."""
        self.setLargeText(False)
        self.setReducedMotion(False)
        self.setReachMode(False)
        self.setAudioDescription(False)

    # The screen

    def set_window_size(self, width: int, height: int) -> None:
        if (width, height) != self._window and width > 0 and height > 0:
            self._window = (width, height)
            self.geometryChanged.emit()

    @property
    def window_size(self) -> tuple[int, int]:
        return self._window

    @property
    def placement(self) -> ScreenPlacement:
        return self._placement

    def target_size(self) -> int:
        width, height = self._window
        picture_width, _ = self._placement.picture_mm(portrait=height > width)
        pixels_per_mm = width / picture_width
        design = design_touch_target(width, height)
        return math.ceil(max(TARGET_MM * pixels_per_mm, TARGET_MINIMUM_PX, design))

    def _height_at(self, floor_mm: float) -> float:
        """The fraction of the window's height, from its top, that is `floor_mm` above the floor."""
        width, height = self._window
        _, picture_height = self._placement.picture_mm(portrait=height > width)
        fraction = 1 - (floor_mm - self._placement.bottom_mm) / picture_height
        return min(1.0, max(0.0, fraction))

    def reach_top(self) -> float:
        return self._height_at(REACH_HIGH_MM)

    def reach_bottom(self) -> float:
        return self._height_at(REACH_LOW_MM)

    def reach_needed(self) -> bool:
        return self.reach_top() > REACH_SLACK or self.reach_bottom() < 1 - REACH_SLACK

    largeText = Property(bool, lambda self: self._large_text, notify=largeTextChanged)
    reducedMotion = Property(bool, lambda self: self._reduced_motion, notify=reducedMotionChanged)
    reachMode = Property(bool, lambda self: self._reach_mode, notify=reachModeChanged)
    audioDescription = Property(bool, lambda self: self._audio_description, notify=audioDescriptionChanged)
    audioDescriptionOffered = Property(
        bool, lambda self: self._audio_description_offered, notify=audioDescriptionOfferedChanged
    )
    targetSize = Property(int, target_size, notify=geometryChanged)
    reachTop = Property(float, reach_top, notify=geometryChanged)
    reachBottom = Property(float, reach_bottom, notify=geometryChanged)
    #: False where the whole picture is within reach, and the reach mode would change nothing.
    reachNeeded = Property(bool, reach_needed, notify=geometryChanged)
