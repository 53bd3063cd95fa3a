"""How far and which way the attract loop moves a slide's picture."""

from hypothesis import given
from hypothesis import strategies as st

from kiosk.content.house_rules import ATTRACT_PICTURE
from kiosk.content.layout.attract import (
    MAX_TRAVEL,
    ROUTES,
    fade_ms,
    place,
    seconds_on_screen,
    slide_ms,
    travel,
)

SECONDS = st.floats(0, 600)
AREAS = st.tuples(st.integers(100, 4000), st.integers(100, 4000))
UNITS = st.sampled_from([0.5, 1.0, 2.0])
PACES = st.floats(0, 500)


def test_a_nine_second_slide_moves_its_picture_64_pixels_and_a_slow_one_is_held_to_12_percent() -> None:
    # As measured in AttractLoop.qml: at 9 s a slide (and a 1.8 s crossfade) the picture is drawn
    # 64 px larger than its 1114 x 1080 area; a minute's slide would go 130 px, 12% of 1080.
    assert travel(seconds_on_screen(9), ATTRACT_PICTURE) == 64
    assert travel(seconds_on_screen(60), ATTRACT_PICTURE) == 130


def test_slides_and_crossfades_last_as_long_as_the_loop_shows_them() -> None:
    assert (slide_ms(9), fade_ms(9)) == (9000, 1800)
    assert (slide_ms(2), fade_ms(2)) == (2000, 600)
    assert (slide_ms(0), fade_ms(0)) == (100, 30)


@given(seconds=SECONDS, area=AREAS, unit=UNITS, pace=PACES)
def test_travel_is_even_and_never_more_than_12_percent_of_the_pictures_side(
    seconds: float, area: tuple[int, int], unit: float, pace: float
) -> None:
    distance = travel(seconds_on_screen(seconds), area, unit, pace)
    assert distance % 2 == 0
    assert 0 <= distance <= min(area) * MAX_TRAVEL + 1


@given(seconds=SECONDS, area=AREAS, unit=UNITS)
def test_with_reduced_motion_the_pictures_stand_still(
    seconds: float, area: tuple[int, int], unit: float
) -> None:
    assert travel(seconds_on_screen(seconds), area, unit, still=True) == 0


@given(
    distance=st.integers(0, 500).map(lambda half: 2 * half),
    slide=st.integers(0, 50),
    life=st.floats(0, 1),
    forward=st.booleans(),
)
def test_the_picture_moves_by_whole_pixels_and_always_covers_its_area(
    distance: int, slide: int, life: float, forward: bool
) -> None:
    where = place(distance, slide, life, forward)
    # The picture is `distance` larger than its area each way: its corner is never inside it.
    assert -distance <= where.x <= 0
    assert -distance <= where.y <= 0
    assert isinstance(where.x, int)
    assert isinstance(where.y, int)


@given(distance=st.integers(0, 500).map(lambda half: 2 * half), slide=st.integers(0, 50))
def test_a_slide_alone_travels_back_the_way_it_came_without_a_jump(distance: int, slide: int) -> None:
    assert place(distance, slide, 1, forward=True) == place(distance, slide, 0, forward=False)
    assert place(distance, slide, 0, forward=True) == place(distance, slide, 1, forward=False)


def test_each_slide_in_turn_takes_its_own_way_across() -> None:
    ways = []
    for slide in range(4):
        start, end = place(64, slide, 0, True), place(64, slide, 1, True)
        ways.append((end.x - start.x, end.y - start.y))
    assert ways == [(-64, 0), (64, 64), (64, 0), (-64, -64)]
    assert len(ROUTES) == 4
    # The fifth slide goes the first one's way.
    assert place(64, 4, 0.5, True) == place(64, 0, 0.5, True)
