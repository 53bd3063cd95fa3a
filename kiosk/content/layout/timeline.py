"""The timeline's layout: events placed on lanes, a scale of pixels per year, and its ticks.

Dates are years as numbers (1933.5 is the middle of 1933). Distances are in pixels on the screen,
the algorithm's own spacings given for the 1080-pixel reference screen and scaled by `unit`, the
screen's pixels per reference pixel, rounded as the views round them.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.content.layout.attract import js_round

#: The shortest stretch of time the line spans, so that one day's events still have a scale.
SHORTEST_RANGE = 1 / 365
#: Space kept at both ends of the line.
PAD = 24
#: Room around an era's name inside its band.
ERA_LABEL_ROOM = 48
#: How far a card's left edge stands left of its mark, at most: the date is read near the mark.
INSET = 34
#: The gap between two cards on a lane.
GAP = 20
#: Past this width of line, a crowded timeline stops growing and cards share the emptiest lane.
WIDEST = 60000
#: A crowded timeline grows by this factor until every card finds a lane, at most this often.
GROWTH = 1.1
ATTEMPTS = 60
#: Labelled years stand at least this far apart; finer marks at least this far.
LABEL_SPACING = 150
MARK_SPACING = 12
#: The round intervals of labelled years, each with the finer marks between its labels.
STEPS: dict[int, float] = {
    1: 1 / 12,
    2: 1,
    5: 1,
    10: 1,
    20: 5,
    25: 5,
    50: 10,
    100: 10,
    200: 50,
    500: 100,
    1000: 100,
}


def px(value: float, unit: float) -> int:
    """A reference distance on this screen, rounded as the views' Style.px rounds it."""
    return js_round(value * unit)


@dataclass(frozen=True)
class Event:
    start: float
    end: float
    #: A span is marked by a bar from its start to its end; else by a dot at its middle.
    span: bool = False

    @property
    def mark(self) -> float:
        return self.start if self.span else (self.start + self.end) / 2


@dataclass(frozen=True)
class Era:
    start: float
    end: float
    #: The width of the era's name as drawn.
    label_width: float = 0


@dataclass(frozen=True)
class Card:
    """An event's card: its lane (0 nearest the line), its left edge, and its mark's extent."""

    lane: int
    left: float
    anchor: float
    bar_end: float


@dataclass(frozen=True)
class Ticks:
    """Years labelled, and finer marks between them, in order."""

    major: tuple[float, ...]
    minor: tuple[float, ...]


@dataclass(frozen=True)
class Plan:
    """The line laid out: `scale` pixels per year, the first year at `shift`, `width` in all."""

    scale: float
    shift: float
    width: float
    cards: tuple[Card, ...]

    def x_of(self, time: float, first: float) -> float:
        return self.shift + (time - first) * self.scale


def arrange(
    events: Iterable[Event],
    first: float,
    last: float,
    width: float,
    lanes: int,
    card_width: float,
    eras: Iterable[Era] = (),
    unit: float = 1.0,
) -> Plan:
    """Lays the cards out in lanes on a scale of pixels per year.

    The scale is the smallest at least as wide as `width` at which every card finds a lane with
    its mark under it, so that a crowded month is drawn wide enough to read and a quiet decade
    stays short; and wide enough for every era to show its name.
    """
    events = list(events)
    if not events or width <= 0:
        return Plan(scale=1, shift=0, width=width, cards=())
    lanes = max(1, lanes)
    span = max(last - first, SHORTEST_RANGE)
    pad = px(PAD, unit)
    scale = max(1, (width - card_width - 2 * pad) / span)
    for era in eras:
        room = (era.label_width + px(ERA_LABEL_ROOM, unit)) / max(era.end - era.start, SHORTEST_RANGE)
        scale = max(scale, room)
    attempt = 0
    while True:
        force = attempt >= ATTEMPTS or span * scale > px(WIDEST, unit)
        cards = place_cards(events, first, scale, lanes, card_width, unit, force)
        if cards is not None:
            break
        scale *= GROWTH
        attempt += 1
    left = min(0, *(card.left for card in cards))
    right = max((last - first) * scale, *(max(card.left + card_width, card.bar_end) for card in cards))
    move = pad - left
    return Plan(
        scale=scale,
        shift=move,
        width=right - left + 2 * pad,
        cards=tuple(
            Card(card.lane, card.left + move, card.anchor + move, card.bar_end + move) for card in cards
        ),
    )


def place_cards(
    events: list[Event],
    first: float,
    scale: float,
    lanes: int,
    card_width: float,
    unit: float = 1.0,
    force: bool = False,
) -> list[Card] | None:
    """Each card on the lowest lane where it fits with its mark under it, or None if one finds none.

    A card goes as far left as its mark allows; then each slides right as far as the next card on
    its lane lets it, towards having its mark near its left edge, where a visitor looks for the
    date. Forced, a card that finds no lane shares the emptiest one.
    """
    inset, gap = px(INSET, unit), px(GAP, unit)
    free = [-math.inf] * lanes
    placed: list[tuple[int, float, float, float]] = []
    for event in events:
        anchor = (event.mark - first) * scale
        bar_end = (event.end - first) * scale if event.span else anchor
        lane = next((index for index, edge in enumerate(free) if edge <= anchor - inset), None)
        if lane is None:
            if not force:
                return None
            lane = free.index(min(free))
        left = max(free[lane], anchor - card_width + inset)
        placed.append((lane, left, anchor, bar_end))
        free[lane] = max(left + card_width, bar_end) + gap
    following = [math.inf] * lanes
    cards: list[Card] = []
    for lane, left, anchor, bar_end in reversed(placed):
        room = following[lane] - gap - card_width
        left = max(left, min(anchor - inset, room))
        following[lane] = left
        cards.append(Card(lane, left, anchor, bar_end))
    cards.reverse()
    return cards


def ticks(plan: Plan, first: float, unit: float = 1.0) -> Ticks:
    """Years labelled at a round interval that leaves room between labels, with finer marks
    between them where they can be told apart, over the whole width of the line."""
    if plan.scale <= 0:
        return Ticks((), ())
    step = next((candidate for candidate in STEPS if candidate * plan.scale >= px(LABEL_SPACING, unit)), 1000)
    minor = STEPS[step]
    if minor * plan.scale < px(MARK_SPACING, unit):
        minor = step
    start = first - plan.shift / plan.scale
    end = first + (plan.width - plan.shift) / plan.scale
    major = []
    year = math.ceil(start / step) * step
    while year <= end:
        major.append(year)
        year += step
    finer = []
    parts = js_round(step / minor)
    year = math.floor(start / step) * step
    while year <= end:
        for part in range(1, parts):
            time = year + part * minor
            if start <= time <= end:
                finer.append(time)
        year += step
    return Ticks(tuple(major), tuple(finer))


def layout_record(
    events: Iterable[Mapping[str, Any]],
    eras: Iterable[Mapping[str, Any]],
    first: float,
    last: float,
    width: float,
    lanes: int,
    card_width: float,
    unit: float,
) -> dict[str, Any]:
    """The line laid out as the view takes it, from the panel's own records of events and eras.

    Each era's record has the `labelWidth` of its name as drawn. The record has the line's
    `width`, each card's place (`lane`, `left`, and its mark from `anchor` to `barEnd`), each
    era's band (`left`, `right`), and the ticks: labelled `major` ones ({`year`, `x`}) and the
    `minor` ones' x.
    """
    bands = [Era(float(era["start"]), float(era["end"]), float(era.get("labelWidth", 0))) for era in eras]
    plan = arrange(
        (Event(float(event["start"]), float(event["end"]), bool(event.get("span"))) for event in events),
        first,
        last,
        width,
        lanes,
        card_width,
        bands,
        unit,
    )
    marks = ticks(plan, first, unit)
    return {
        "width": plan.width,
        "cards": [
            {"lane": card.lane, "left": card.left, "anchor": card.anchor, "barEnd": card.bar_end}
            for card in plan.cards
        ],
        "eras": [
            {"left": plan.x_of(band.start, first), "right": plan.x_of(band.end, first)} for band in bands
        ],
        "ticks": {
            "major": [{"year": year, "x": plan.x_of(year, first)} for year in marks.major],
            "minor": [plan.x_of(time, first) for time in marks.minor],
        },
    }
