"""How the attract loop moves a slide's picture (docs/adr/0006-attract-loop-in-software-rendering.md).

The picture is decoded at the size of its area plus the distance it travels, and slides across
that area by whole pixels, so that a frame that moves it copies it rather than rescales it. The
distance is even, so that the picture's middle also falls on a whole pixel.
"""

import math
from dataclasses import dataclass

#: How fast a picture travels, in pixels a second on the 1080-pixel reference screen: about as
#: fast as the edges of a picture growing by 8% over nine seconds. Slower means fewer frames that
#: move it, and steadier frame pacing.
PACE = 6
#: A picture never travels more than this share of its area's shorter side.
MAX_TRAVEL = 0.12
#: The longest crossfade, and its share of a slide's time when that is shorter.
MAX_FADE_MS = 1800
FADE_SHARE = 0.3
#: The shortest time a slide stays.
MIN_SLIDE_MS = 100
#: Each slide has its own way across, in turn: left; down and right; right; up and left.
ROUTES = ((-1, 0), (1, 1), (1, 0), (-1, -1))


def js_round(value: float) -> int:
    """Rounds as JavaScript's Math.round does (halves up), so that both sides agree to the pixel."""
    return math.floor(value + 0.5)


def slide_ms(seconds_per_slide: float) -> int:
    """How long each slide stays, its crossfade included."""
    return max(MIN_SLIDE_MS, js_round(seconds_per_slide * 1000))


def fade_ms(seconds_per_slide: float) -> int:
    """How long the crossfade into a slide lasts."""
    return min(MAX_FADE_MS, js_round(slide_ms(seconds_per_slide) * FADE_SHARE))


def travel(
    seconds_on_screen: float,
    area: tuple[float, float],
    unit: float = 1.0,
    pace: float = PACE,
    still: bool = False,
) -> int:
    """How far a picture travels in its time on screen (its crossfade included), in pixels.

    Even, and 0 when `still` (the visitor's wish for reduced motion). `area` is the picture's area
    on screen, `unit` the screen's pixels per reference pixel, `pace` in reference pixels a second.
    """
    if still:
        return 0
    pixels = min(pace * unit * seconds_on_screen, min(area) * MAX_TRAVEL)
    return 2 * js_round(pixels / 2)


def seconds_on_screen(seconds_per_slide: float) -> float:
    """How long a slide is seen, from the start of its crossfade in to the end of the one out."""
    return (slide_ms(seconds_per_slide) + fade_ms(seconds_per_slide)) / 1000


@dataclass(frozen=True)
class Place:
    """Where the picture's top left corner stands in its area (never right of or below it)."""

    x: int
    y: int


def step(distance: int, life: float, forward: bool) -> int:
    """How many whole pixels of its `distance` a slide's picture has travelled `life` (0 to 1) into
    its time on screen: forward, or back the other way."""
    life = min(1.0, max(0.0, life))
    return js_round(distance * (life if forward else 1 - life))


def place_at(distance: int, slide: int, travelled: int) -> Place:
    """Where a slide's picture stands when it has `travelled` whole pixels of its `distance`.

    The picture, `distance` larger than its area each way, always covers the area.
    """
    across, down = ROUTES[slide % len(ROUTES)]
    half = distance / 2
    return Place(int(-half + across * (travelled - half)), int(-half + down * (travelled - half)))


def place(distance: int, slide: int, life: float, forward: bool) -> Place:
    """Where a slide's picture stands `life` (0 to 1) into its time on screen.

    Slides take turns to travel one way and back (`forward`), so that a slide alone never jumps.
    """
    return place_at(distance, slide, step(distance, life, forward))
