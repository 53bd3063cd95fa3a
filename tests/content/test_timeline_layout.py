"""The timeline's layout: cards on lanes that never collide, a scale, and ticks in order."""

from collections import defaultdict
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content.layout.timeline import (
    GAP,
    INSET,
    LABEL_SPACING,
    MARK_SPACING,
    PAD,
    Era,
    Event,
    Plan,
    arrange,
    layout_record,
    place_cards,
    px,
    ticks,
)

CARD = 330
FIRST, LAST = 1917.0, 1991.0


@st.composite
def events(draw: st.DrawFn, first: float = FIRST, last: float = LAST) -> list[Event]:
    """Events of a timeline, in order of date as a curator writes them: moments, and spans."""
    found = []
    for _ in range(draw(st.integers(1, 14))):
        start = draw(st.floats(first, last))
        length = draw(st.sampled_from([0, 1 / 365, 1 / 12, 0.5, 1, 3, 12]))
        end = min(last, start + length)
        found.append(Event(start, end, span=draw(st.booleans()) and end > start))
    return sorted(found, key=lambda event: event.start)


LANES = st.integers(1, 6)
WIDTHS = st.floats(400, 3840)
UNITS = st.sampled_from([0.5, 1.0, 1.5, 2.0])


def by_lane(plan: Plan) -> dict[int, list]:
    lanes = defaultdict(list)
    for card in plan.cards:
        lanes[card.lane].append(card)
    return lanes


@settings(deadline=None)
@given(events=events(), lanes=LANES, width=WIDTHS, unit=UNITS)
def test_cards_on_a_lane_never_overlap_each_other_or_the_bars_before_them(
    events: list[Event], lanes: int, width: float, unit: float
) -> None:
    plan = arrange(events, FIRST, LAST, width, lanes, CARD * unit, unit=unit)
    assert len(plan.cards) == len(events)
    for cards in by_lane(plan).values():
        for card, following in pairwise(cards):
            assert max(card.left + CARD * unit, card.bar_end) + px(GAP, unit) <= following.left + 1e-6


@settings(deadline=None)
@given(events=events(), lanes=LANES, width=WIDTHS, unit=UNITS)
def test_every_card_and_bar_lies_on_the_line_inside_its_padding(
    events: list[Event], lanes: int, width: float, unit: float
) -> None:
    plan = arrange(events, FIRST, LAST, width, lanes, CARD * unit, unit=unit)
    pad = px(PAD, unit)
    for card in plan.cards:
        assert 0 <= card.lane < lanes
        assert card.left >= pad - 1e-6
        assert max(card.left + CARD * unit, card.bar_end) <= plan.width - pad + 1e-6
    # The whole span of years is on the line too.
    assert plan.x_of(FIRST, FIRST) >= pad - 1e-6
    assert plan.x_of(LAST, FIRST) <= plan.width - pad + 1e-6


@settings(deadline=None)
@given(events=events(), lanes=LANES, width=WIDTHS)
def test_marks_stand_in_the_order_of_their_dates_on_one_scale(
    events: list[Event], lanes: int, width: float
) -> None:
    plan = arrange(events, FIRST, LAST, width, lanes, CARD)
    for event, card in zip(events, plan.cards, strict=True):
        assert card.anchor == pytest.approx(plan.x_of(event.mark, FIRST))
        if event.span:
            assert card.bar_end == pytest.approx(plan.x_of(event.end, FIRST))


@settings(deadline=None)
@given(events=events(), lanes=LANES, scale=st.floats(1, 400), unit=UNITS)
def test_a_card_that_finds_a_lane_has_its_mark_under_it_near_its_left_edge(
    events: list[Event], lanes: int, scale: float, unit: float
) -> None:
    cards = place_cards(events, FIRST, scale, lanes, CARD * unit, unit)
    if cards is None:
        return
    inset = px(INSET, unit)
    for card in cards:
        assert card.left + inset - 1e-6 <= card.anchor <= card.left + CARD * unit - inset + 1e-6


def test_a_crowded_month_widens_the_line_until_every_card_has_a_lane() -> None:
    # Six events in one month on two lanes cannot stand at the scale that fits a year on screen.
    crowded = [Event(1933 + day / 365, 1933 + day / 365) for day in range(0, 30, 5)]
    roomy = arrange(crowded[:1], 1933, 1934, 1920, 2, CARD)
    plan = arrange(crowded, 1933, 1934, 1920, 2, CARD)
    assert roomy.scale == pytest.approx(1920 - CARD - 2 * PAD)
    assert plan.scale > roomy.scale
    assert place_cards(crowded, 1933, plan.scale, 2, CARD) is not None
    assert place_cards(crowded, 1933, plan.scale / 1.1, 2, CARD) is None


def test_an_era_is_drawn_wide_enough_for_its_name() -> None:
    era = Era(1941.5, 1941.6, label_width=500)
    plan = arrange([Event(1941.5, 1941.5)], FIRST, LAST, 1920, 3, CARD, [era])
    assert (era.end - era.start) * plan.scale == pytest.approx(500 + 48)


def test_no_events_leave_an_empty_line_the_width_of_the_stage() -> None:
    assert arrange([], FIRST, LAST, 1920, 3, CARD) == Plan(scale=1, shift=0, width=1920, cards=())


@settings(deadline=None)
# From a millennium on 300 px (the widest interval between labels, on a screen twice the
# reference) to a year on 5000 px.
@given(scale=st.floats(0.3, 5000), shift=st.floats(0, 500), width=st.floats(100, 100_000), unit=UNITS)
def test_ticks_are_in_order_inside_the_line_and_labels_leave_room_to_read(
    scale: float, shift: float, width: float, unit: float
) -> None:
    plan = Plan(scale=scale, shift=shift, width=width, cards=())
    marks = ticks(plan, FIRST, unit)
    for times in (marks.major, marks.minor):
        assert list(times) == sorted(set(times))
        for time in times:
            assert -1e-6 <= plan.x_of(time, FIRST) <= width + 1e-6
    assert all(year == int(year) for year in marks.major)
    for earlier, later in pairwise(marks.major):
        assert (later - earlier) * scale >= px(LABEL_SPACING, unit) - 1e-6
    # A finer mark never falls on a labelled year, and marks stand far enough apart to tell apart.
    assert not {round(time, 6) for time in marks.minor} & {round(year, 6) for year in marks.major}
    every = sorted((*marks.major, *marks.minor))
    for earlier, later in pairwise(every):
        assert (later - earlier) * scale >= px(MARK_SPACING, unit) - 1e-6


def test_a_wide_year_is_labelled_every_year_and_marked_every_month() -> None:
    plan = Plan(scale=400, shift=24, width=400 * 3 + 48, cards=())
    marks = ticks(plan, 1933, 1.0)
    assert marks.major == (1933, 1934, 1935, 1936)
    assert len(marks.minor) == 3 * 11
    assert marks.minor[0] == pytest.approx(1933 + 1 / 12)


def test_a_century_on_screen_is_labelled_every_ten_years_and_marked_every_year() -> None:
    plan = Plan(scale=16, shift=0, width=1600, cards=())
    marks = ticks(plan, 1900, 1.0)
    assert marks.major == tuple(range(1900, 2001, 10))
    assert marks.minor == tuple(year for year in range(1901, 2000) if year % 10)


def test_marks_closer_than_a_finger_can_tell_apart_are_left_out() -> None:
    plan = Plan(scale=8, shift=0, width=3200, cards=())
    marks = ticks(plan, 1600, 1.0)
    assert marks.major == tuple(range(1600, 2001, 20))
    assert marks.minor == tuple(year for year in range(1605, 2000, 5) if year % 20)


def test_the_record_for_the_view_places_eras_and_ticks_on_the_line() -> None:
    record = layout_record(
        [{"start": 1933.87, "end": 1933.87, "span": False, "title": "Recognition"}],
        [{"start": 1933, "end": 1939, "labelWidth": 60}],
        FIRST,
        LAST,
        1920,
        3,
        CARD,
        1.0,
    )
    scale = (1920 - CARD - 48) / (LAST - FIRST)
    assert record["eras"] == [
        {"left": pytest.approx(24 + 16 * scale), "right": pytest.approx(24 + 22 * scale)}
    ]
    assert [tick["year"] for tick in record["ticks"]["major"]][:2] == [1920, 1930]
    assert record["cards"][0]["anchor"] == pytest.approx(24 + 16.87 * scale)


def test_a_line_too_short_for_centuries_has_no_finer_marks() -> None:
    # 10,000 years on 500 px: labels every millennium, 50 px apart, and nothing between them.
    plan = Plan(scale=0.05, shift=0, width=500, cards=())
    marks = ticks(plan, 0, 1.0)
    assert marks.major == tuple(range(0, 10_001, 1000))
    assert marks.minor == ()
