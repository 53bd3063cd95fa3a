"""The timeline by touch: events in order on a scale of years, eras behind them, a line that
moves under the finger, and an event told in full on a sheet that closes again."""

from itertools import combinations, pairwise
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRectF
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi
from tests.conftest import REPOSITORY
from tests.gui.conftest import (
    Finger,
    OpenKiosk,
    current_panel,
    items_named,
    search_item,
    wait_until_settled,
)

pytestmark = pytest.mark.gui

RECOGNITION = REPOSITORY / "exhibits" / "recognition-1933"
SCREENS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
# Legacy: "Building the new relationship" (1933-1939) and "The long view" (1939-1991); Context:
# "From revolution to a new president" (1917-1933).
TIMELINES = {"legacy-1933": (3, 0), "legacy-1939": (3, 4), "context": (0, 1)}


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def item(root: QQuickItem, name: str) -> QQuickItem:
    found = search_item(root, name)
    assert found is not None, f"no item named {name!r}"
    return found


class Timeline:
    """The timeline panel on screen, as a visitor sees it."""

    def __init__(self, qtbot: QtBot, ui: KioskUi) -> None:
        self.qtbot = qtbot
        self.ui = ui
        self.finger = Finger(ui.window)
        self.panel = current_panel(ui)
        self.stage = item(self.panel, "timeline")
        self.flick = item(self.stage, "scrollFlickable")
        self.detail = item(self.panel, "timelineDetail")

    @property
    def events(self) -> list[dict[str, Any]]:
        return self.panel.property("content")["events"]

    @property
    def eras(self) -> list[dict[str, Any]]:
        return self.panel.property("content")["eras"]

    def card(self, index: int) -> QQuickItem:
        return item(self.panel, f"timelineEvent{index}")

    def cards(self) -> list[QQuickItem]:
        return [self.card(index) for index in range(len(self.events))]

    def mark(self, index: int) -> QRectF:
        """The event's dot or bar, in the moving line's own coordinates."""
        card = self.card(index)
        name = "timelineBar" if self.events[index]["span"] else "timelineDot"
        mark = item(card, name)
        return mark.mapRectToItem(
            self.flick.property("contentItem"), QRectF(0, 0, mark.width(), mark.height())
        )

    def mark_x(self, index: int) -> float:
        rect = self.mark(index)
        return rect.left() if self.events[index]["span"] else rect.center().x()

    def view(self) -> QRectF:
        return scene_rect(self.flick)

    def settle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.panel.property("moving"), timeout=5000)
        self.qtbot.waitUntil(lambda: self.sheet_still(), timeout=5000)

    def sheet_still(self) -> bool:
        # The sheet rests either wholly off the panel or at its place on it.
        rect = self.detail.mapRectToItem(self.panel, QRectF(0, 0, self.detail.width(), self.detail.height()))
        panel = QRectF(0, 0, self.panel.width(), self.panel.height())
        return not self.detail.isVisible() or panel.contains(rect.adjusted(1, 1, -1, -1))

    def bring_into_view(self, index: int) -> None:
        """Taps Later until the event's card stands wholly on screen."""
        later = item(self.panel, "timelineScrollLater")
        for _ in range(40):
            if self.view().contains(scene_rect(self.card(index))):
                return
            self.finger.tap(later)
            self.settle()
        raise AssertionError(f"event {index} never came into view")

    def open(self, index: int) -> None:
        self.bring_into_view(index)
        self.finger.tap(self.card(index))
        self.qtbot.waitUntil(lambda: self.panel.property("selected") == index)
        self.settle()


def open_timeline(qtbot: QtBot, open_kiosk: OpenKiosk, which: str, screen: str = "landscape") -> Timeline:
    ui = open_kiosk(RECOGNITION, SCREENS[screen])
    section, panel = TIMELINES[which]
    ui.navigation.openSection(section)
    wait_until_settled(qtbot, ui)
    ui.navigation.showPanel(panel)
    wait_until_settled(qtbot, ui)
    assert current_panel(ui).property("content")["events"], "not a timeline panel"
    return Timeline(qtbot, ui)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("which", TIMELINES)
def test_events_stand_at_their_dates_on_one_scale(
    qtbot: QtBot, open_kiosk: OpenKiosk, which: str, screen: str
) -> None:
    timeline = open_timeline(qtbot, open_kiosk, which, screen)
    events = timeline.events
    xs = [timeline.mark_x(index) for index in range(len(events))]
    starts = [event["start"] for event in events]
    for (x1, t1), (x2, t2) in pairwise(zip(xs, starts, strict=True)):
        assert x1 <= x2 + 0.5, "events should run left to right in date order"
        if t2 - t1 > 0.05:
            assert x2 - x1 > 1, "events weeks apart should not share a place"
    # One scale of pixels per year for the whole line: measured between the first and last events.
    first, last = 0, len(events) - 1
    anchor = [event["start"] if event["span"] else (event["start"] + event["end"]) / 2 for event in events]
    scale = (xs[last] - xs[first]) / (anchor[last] - anchor[first])
    for index in range(len(events)):
        expected = xs[first] + (anchor[index] - anchor[first]) * scale
        assert abs(xs[index] - expected) < 2, f"event {index} is off the scale"
    for index, event in enumerate(events):
        width = timeline.mark(index).width()
        if event["span"]:
            assert abs(width - (event["end"] - event["start"]) * scale) < 2, "a span's bar runs start to end"
            assert width > 20 * scale / 365, "a span of months should be drawn far wider than a day"
    # Eras lie behind their stretch of years, and every event in an era's years stands inside it.
    for number, era in enumerate(timeline.eras):
        band = item(timeline.panel, f"timelineEra{number}")
        left = band.x()
        assert abs(left - (xs[first] + (era["start"] - anchor[first]) * scale)) < 2
        assert abs(band.width() - (era["end"] - era["start"]) * scale) < 2
        for index in range(len(events)):
            if era["start"] <= anchor[index] <= era["end"]:
                assert left - 0.5 <= xs[index] <= left + band.width() + 0.5


def test_the_shipped_timelines_use_eras_and_spans(qtbot: QtBot, open_kiosk: OpenKiosk) -> None:
    timeline = open_timeline(qtbot, open_kiosk, "context")
    assert [era["label"] for era in timeline.eras] == ["1917–1920", "1920–1933"]
    spans = [event for event in timeline.events if event["span"]]
    assert spans
    assert all(event["end"] - event["start"] > 1 / 12 for event in spans)
    assert all(event["source"] for event in timeline.events)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("which", TIMELINES)
def test_nothing_on_the_line_overlaps(qtbot: QtBot, open_kiosk: OpenKiosk, which: str, screen: str) -> None:
    timeline = open_timeline(qtbot, open_kiosk, which, screen)
    content = timeline.flick.property("contentItem")

    def box(child: QQuickItem) -> QRectF:
        return child.mapRectToItem(content, QRectF(0, 0, child.width(), child.height()))

    cards = [(card.objectName(), box(card)) for card in timeline.cards()]
    marks = [(f"mark {index}", timeline.mark(index)) for index in range(len(timeline.events))]
    years = [(label.objectName(), box(label)) for label in items_named(timeline.stage, "timelineYear")]
    assert len(years) >= 2, "the line should be labelled with years"
    axis = box(item(timeline.stage, "timelineAxis"))
    problems = [
        f"{first} overlaps {second}"
        for (first, a), (second, b) in combinations(cards + years, 2)
        if a.intersects(b)
    ]
    problems += [f"{name} reaches the axis" for name, rect in cards + marks if rect.bottom() > axis.top()]
    # A mark stands under its own card, never under another's.
    for index, (name, rect) in enumerate(marks):
        for other, card in cards:
            if other != f"timelineEvent{index}" and card.intersects(rect):
                problems.append(f"{name} is covered by {other}")
    for number in range(len(timeline.eras)):
        band = box(item(timeline.panel, f"timelineEra{number}"))
        label = box(item(timeline.panel, f"timelineEraLabel{number}"))
        if not band.contains(label):
            problems.append(f"era {number}'s name leaves its band")
        problems += [
            f"era {number}'s name is hidden by {name}" for name, rect in cards if rect.intersects(label)
        ]
    assert not problems, "\n".join(problems)
    # Every card is a large enough target for a finger.
    assert all(rect.height() >= 44 and rect.width() >= 44 for _, rect in cards)


@pytest.mark.parametrize("screen", SCREENS)
def test_a_swipe_moves_the_line_and_not_the_panels(qtbot: QtBot, open_kiosk: OpenKiosk, screen: str) -> None:
    timeline = open_timeline(qtbot, open_kiosk, "legacy-1933", screen)
    assert timeline.flick.property("contentWidth") > timeline.flick.width(), (
        "this line should be longer than the screen"
    )
    panel_index = timeline.ui.navigation.property("panelIndex")
    first_card = scene_rect(timeline.card(0))
    view = timeline.view()
    middle = view.center().toPoint()
    third = QPoint(int(view.width() // 3), 0)
    assert timeline.flick.property("contentX") == 0
    timeline.finger.swipe(middle + third, middle - third)
    # The line glides on after the finger lifts, and comes to rest further on in time.
    qtbot.waitUntil(lambda: timeline.flick.property("contentX") > view.width() // 3)
    timeline.settle()
    assert scene_rect(timeline.card(0)).left() < first_card.left() - view.width() // 3
    assert timeline.ui.navigation.property("panelIndex") == panel_index
    # Back the other way, to the start.
    later = timeline.flick.property("contentX")
    timeline.finger.swipe(middle - third, middle + third)
    qtbot.waitUntil(lambda: timeline.flick.property("contentX") < later)
    timeline.settle()
    assert timeline.ui.navigation.property("panelIndex") == panel_index


@pytest.mark.parametrize("screen", SCREENS)
def test_a_swipe_that_begins_on_an_event_moves_the_line_and_not_the_panels(
    qtbot: QtBot, open_kiosk: OpenKiosk, screen: str
) -> None:
    """A finger lands where it lands: on an event's card as often as on the bare line."""
    timeline = open_timeline(qtbot, open_kiosk, "legacy-1933", screen)
    panel_index = timeline.ui.navigation.property("panelIndex")
    # Mid-line, so that the line can go either way under the finger.
    timeline.bring_into_view(len(timeline.events) // 2)
    reach = QPoint(int(timeline.view().width() // 4), 0)
    for index in range(len(timeline.events)):
        card = scene_rect(timeline.card(index))
        if not timeline.view().contains(card):
            continue
        for direction in (1, -1):
            before = timeline.flick.property("contentX")
            start = card.center().toPoint()
            timeline.finger.swipe(start, start + reach * direction)
            where = f"a swipe {'back' if direction > 0 else 'on'} from event {index}"
            # The finger has lifted: the line glides on or rests, held by nothing.
            assert not timeline.flick.property("dragging"), f"{where} left the line held as if by a finger"
            timeline.settle()
            assert timeline.ui.navigation.property("panelIndex") == panel_index, f"{where} turned the panels"
            moved = timeline.flick.property("contentX") - before
            assert moved * direction < 0, f"{where} left the line where it was"


@pytest.mark.parametrize("screen", SCREENS)
def test_the_arrows_turn_the_line_a_screen_at_a_time(
    qtbot: QtBot, open_kiosk: OpenKiosk, screen: str
) -> None:
    timeline = open_timeline(qtbot, open_kiosk, "legacy-1939", screen)
    earlier = item(timeline.panel, "timelineScrollEarlier")
    later = item(timeline.panel, "timelineScrollLater")
    assert not earlier.isEnabled()
    assert later.isEnabled()
    last = len(timeline.events) - 1
    timeline.bring_into_view(last)
    assert timeline.view().contains(scene_rect(timeline.card(last)))
    assert earlier.isEnabled()
    for control in (earlier, later):
        assert control.width() >= 44
        assert control.height() >= 44


@pytest.mark.parametrize("screen", SCREENS)
def test_an_event_opens_with_its_picture_and_source_and_closes(
    qtbot: QtBot, open_kiosk: OpenKiosk, screen: str
) -> None:
    timeline = open_timeline(qtbot, open_kiosk, "legacy-1933", screen)
    index = next(number for number, event in enumerate(timeline.events) if event["image"])
    event = timeline.events[index]
    assert not timeline.detail.isVisible()
    timeline.open(index)
    detail = timeline.detail
    assert detail.isVisible()
    assert item(detail, "timelineDetailTitle").property("text") == event["title"]
    assert item(detail, "timelineDetailDate").property("text") == event["date"] == "31 January 1935"
    assert item(detail, "timelineDetailText").property("text") == event["text"]
    assert item(detail, "timelineDetailSource").property("text") == f"Source: {event['source']}"
    picture = item(detail, "timelineDetailImage")
    assert picture.isVisible()
    assert picture.height() > 100
    assert picture.property("alt") == event["alt"]
    assert picture.property("source") == event["image"]
    qtbot.waitUntil(lambda: any(child.property("paintedWidth") > 100 for child in picture.childItems()))
    assert item(detail, "timelineDetailCredit").property("text") == event["credit"]
    # The chosen event is marked, and the line has turned to keep it in sight beside the sheet.
    card = timeline.card(index)
    assert card.property("selected")
    assert not timeline.card(0).property("selected")
    sheet = scene_rect(detail)
    assert timeline.view().contains(scene_rect(card))
    assert not sheet.intersects(scene_rect(card))
    # Close, by the large button.
    close = item(detail, "timelineDetailClose")
    assert close.height() >= 44
    timeline.finger.tap(close)
    qtbot.waitUntil(lambda: not detail.isVisible())
    assert timeline.panel.property("selected") == -1
    assert not card.property("selected")


def test_the_sheet_steps_to_the_next_event_and_a_touch_beside_it_closes_it(
    qtbot: QtBot, open_kiosk: OpenKiosk
) -> None:
    timeline = open_timeline(qtbot, open_kiosk, "context")
    timeline.open(0)
    title = item(timeline.detail, "timelineDetailTitle")
    assert title.property("text") == timeline.events[0]["title"]
    assert not item(timeline.detail, "timelineDetailEarlier").isEnabled()
    timeline.finger.tap(item(timeline.detail, "timelineDetailLater"))
    qtbot.waitUntil(lambda: title.property("text") == timeline.events[1]["title"])
    timeline.settle()
    assert timeline.card(1).property("selected")
    # A touch on the heading, beside the sheet, closes it.
    timeline.finger.tap_at(scene_rect(item(timeline.panel, "panelTitle")).center().toPoint())
    qtbot.waitUntil(lambda: not timeline.detail.isVisible())


def test_a_new_visit_finds_the_line_at_its_start_and_closed(qtbot: QtBot, open_kiosk: OpenKiosk) -> None:
    timeline = open_timeline(qtbot, open_kiosk, "legacy-1933")
    timeline.open(len(timeline.events) - 1)
    assert timeline.flick.property("contentX") > 0
    ui = timeline.ui
    ui.session.endVisit()
    qtbot.waitUntil(lambda: ui.session.property("mode") == "attract")
    Finger(ui.window).tap_at(QPoint(ui.window.width() // 2, ui.window.height() // 2))
    qtbot.waitUntil(lambda: ui.session.property("mode") == "visiting")
    section, panel = TIMELINES["legacy-1933"]
    ui.navigation.openSection(section)
    wait_until_settled(qtbot, ui)
    ui.navigation.showPanel(panel)
    wait_until_settled(qtbot, ui)
    fresh = Timeline(qtbot, ui)
    assert fresh.panel.property("selected") == -1
    assert not fresh.detail.isVisible()
    assert fresh.flick.property("contentX") == 0
