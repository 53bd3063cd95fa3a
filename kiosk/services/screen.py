"""The screen's picture as mounted, which sizes made for a hand are worked out from.

Apart from the installation settings that give it, so that the window can be built without
reading YAML first.
"""

from dataclasses import dataclass

#: A 43-inch 16:9 picture, the commonest kiosk screen: its sides in millimetres, in landscape.
DEFAULT_SCREEN_MM = (952.0, 535.0)
#: About where a floor stand or a wall bracket puts the bottom of such a screen.
DEFAULT_SCREEN_BOTTOM_MM = 800.0


@dataclass(frozen=True)
class ScreenPlacement:
    """The screen's picture as mounted: its size, and how high its bottom edge is above the floor.

    A side left as None is the default 43-inch screen's, or follows from the other side at 16:9.
    """

    width_mm: float | None = None
    height_mm: float | None = None
    bottom_mm: float = DEFAULT_SCREEN_BOTTOM_MM

    def picture_mm(self, *, portrait: bool) -> tuple[float, float]:
        """Width and height in millimetres of the picture the window fills, turned as the window is.

        A window turned the other way from the screen as configured (a kiosk tried out at a desk)
        takes the screen's sides the other way round.
        """
        if self.width_mm is not None and self.height_mm is not None:
            width, height = self.width_mm, self.height_mm
        elif self.width_mm is not None:
            width, height = self.width_mm, self.width_mm * 9 / 16
        elif self.height_mm is not None:
            width, height = self.height_mm * 16 / 9, self.height_mm
        else:
            width, height = DEFAULT_SCREEN_MM
        if (height > width) != portrait:
            width, height = height, width
        return width, height
