"""Two visits by touch, recorded: exactly the events a curator's report is made from, in order."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from kiosk.analytics.schema import database_in
from kiosk.app.window import SessionOptions
from kiosk.services.analytics import AnalyticsRecorder
from tests.clock import ManualClock
from tests.conftest import MINI_EXHIBIT
from tests.gui.conftest import (
    QUIET_WITHOUT_SOUND_HARDWARE,
    Finger,
    OpenKiosk,
    centre_of,
    current_panel,
    find_item,
    items_named,
    search_item,
    tap_open_section,
    wait_until_settled,
)
from tests.gui.test_documents import double_tap, link_point, make_exhibit, pinch, viewer_of, zoom_settled
from tests.gui.test_narration import CUES, SOUND_S, narrated_exhibit, open_narrated
from tests.gui.test_unattended import COUNTDOWN_S, IDLE_S, mode, wait_for_attract_loop, wait_for_mode, wake

pytestmark = pytest.mark.gui


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def recorder(tmp_path: Path, clock: ManualClock) -> Iterator[AnalyticsRecorder]:
    recorder = AnalyticsRecorder(database_in(tmp_path), kiosk="gallery-2", content_version="v1", clock=clock)
    yield recorder
    recorder.close()


def events(recorder: AnalyticsRecorder, database: Path) -> list[tuple[object, ...]]:
    assert recorder.flush()
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT visit, kind, section, panel, detail, duration_ms FROM events ORDER BY id"
        ).fetchall()


def test_a_touch_journey_records_exactly_what_the_visitors_did(
    qtbot: QtBot, open_kiosk: OpenKiosk, clock: ManualClock, recorder: AnalyticsRecorder, tmp_path: Path
) -> None:
    options = SessionOptions(idle_timeout_s=IDLE_S, countdown_s=COUNTDOWN_S, clock=clock, analytics=recorder)
    ui = open_kiosk(MINI_EXHIBIT, options=options)
    finger = Finger(ui.window)
    navigation = ui.navigation
    clock.advance(IDLE_S)  # nobody came: the attract loop, and no visit
    wait_for_attract_loop(qtbot, ui)

    # The first visitor: a section, a swipe, Next, Home, and away from the home screen.
    wake(qtbot, ui, finger)
    finger.tap(find_item(ui, "sectionTile0"))
    qtbot.waitUntil(lambda: navigation.property("sectionIndex") == 0)
    wait_until_settled(qtbot, ui)
    clock.advance(4)
    panels = find_item(ui, "panelList")
    middle = panels.mapToScene(panels.boundingRect().center()).toPoint()
    third = int(panels.width()) // 3
    finger.swipe(middle + QPoint(third, 0), middle - QPoint(third, 0))
    qtbot.waitUntil(lambda: navigation.property("panelIndex") == 1)
    wait_until_settled(qtbot, ui)
    clock.advance(7)
    finger.tap(find_item(ui, "nextButton"))
    qtbot.waitUntil(lambda: navigation.property("panelIndex") == 2)
    wait_until_settled(qtbot, ui)
    clock.advance(3)
    finger.tap(find_item(ui, "homeButton"))
    qtbot.waitUntil(lambda: navigation.property("atHome"))
    wait_until_settled(qtbot, ui)
    clock.advance(IDLE_S)
    wait_for_attract_loop(qtbot, ui)

    # The second: a section, the countdown answered once, then left to run out.
    wake(qtbot, ui, finger)
    finger.tap(find_item(ui, "sectionTile1"))
    qtbot.waitUntil(lambda: navigation.property("sectionIndex") == 1)
    wait_until_settled(qtbot, ui)
    clock.advance(IDLE_S)
    wait_for_mode(qtbot, ui, "countdown")
    clock.advance(5)
    finger.tap_at(QPoint(ui.window.width() // 2, ui.window.height() // 2))
    assert mode(ui) == "visiting"
    clock.advance(IDLE_S + COUNTDOWN_S)
    wait_for_attract_loop(qtbot, ui)

    recorded = events(recorder, database_in(tmp_path))
    first, second = recorded[0][0], recorded[-1][0]
    assert isinstance(first, str)
    assert isinstance(second, str)
    assert first != second
    assert [row[1:] for row in recorded] == [
        ("visit_started", None, None, "attract", None),
        ("attract_interrupted", None, None, "1", None),
        ("section_opened", "first", None, None, None),
        ("panel_shown", "first", 1, "opened", 4000),
        ("panel_shown", "first", 2, "swipe", 7000),
        ("panel_shown", "first", 3, "button", 3000),
        ("visit_ended", None, None, "home", 14000 + round(IDLE_S * 1000)),
        ("visit_started", None, None, "attract", None),
        ("attract_interrupted", None, None, "1", None),
        ("section_opened", "second", None, None, None),
        ("countdown_shown", None, None, None, None),
        ("countdown_answered", None, None, None, 5000),
        ("countdown_shown", None, None, None, None),
        ("panel_shown", "second", 1, "opened", round((2 * IDLE_S + 5 + COUNTDOWN_S) * 1000)),
        ("visit_ended", None, None, "countdown", round((2 * IDLE_S + 5 + COUNTDOWN_S) * 1000)),
    ]
    assert [row[0] for row in recorded] == [first] * 7 + [second] * 8


def test_with_analytics_off_a_journey_records_nothing(
    qtbot: QtBot, open_kiosk: OpenKiosk, clock: ManualClock, tmp_path: Path
) -> None:
    off = AnalyticsRecorder(None, kiosk="k", content_version="v", clock=clock)
    ui = open_kiosk(MINI_EXHIBIT, options=SessionOptions(clock=clock, analytics=off))
    finger = Finger(ui.window)
    finger.tap(find_item(ui, "sectionTile0"))
    qtbot.waitUntil(lambda: ui.navigation.property("sectionIndex") == 0)
    wait_until_settled(qtbot, ui)
    finger.tap(find_item(ui, "homeButton"))
    qtbot.waitUntil(lambda: ui.navigation.property("atHome"))
    off.close()
    assert list(tmp_path.rglob("*")) == []


def test_what_a_visitor_does_with_a_letter_is_recorded_on_its_panel(
    qtbot: QtBot, open_kiosk: OpenKiosk, recorder: AnalyticsRecorder, tmp_path: Path, clock: ManualClock
) -> None:
    ui = open_kiosk(
        make_exhibit(tmp_path / "letters"), options=SessionOptions(clock=clock, analytics=recorder)
    )
    finger = tap_open_section(qtbot, ui, 0)
    panel = current_panel(ui)
    viewer = viewer_of(panel)
    qtbot.waitUntil(lambda: viewer.property("ready") and viewer.property("showing"), timeout=15000)
    fit = viewer.property("zoom")

    double_tap(finger, centre_of(viewer))
    qtbot.waitUntil(lambda: viewer.property("zoomed") and zoom_settled(viewer), timeout=5000)
    double_tap(finger, centre_of(viewer))  # back to the whole page: not a zoom in
    qtbot.waitUntil(
        lambda: viewer.property("zoom") == pytest.approx(fit) and zoom_settled(viewer), timeout=5000
    )
    finger.tap(search_item(viewer, "zoomIn"))
    qtbot.waitUntil(lambda: viewer.property("zoomed") and zoom_settled(viewer), timeout=5000)
    finger.tap(search_item(viewer, "fitPage"))
    qtbot.waitUntil(
        lambda: viewer.property("zoom") == pytest.approx(fit) and zoom_settled(viewer), timeout=5000
    )
    pinch(finger, centre_of(viewer), 200, 700)
    qtbot.waitUntil(lambda: viewer.property("zoomed") and zoom_settled(viewer), timeout=5000)
    finger.tap(search_item(panel, "nextPage"))
    qtbot.waitUntil(lambda: search_item(panel, "pageNumber").property("text") == "2 of 2")
    noted = next(item for item in items_named(panel, "") if "note:0" in (item.property("html") or ""))
    point = link_point(noted, "note:0")
    assert point is not None
    finger.tap_at(point)
    qtbot.waitUntil(lambda: search_item(panel, "noteCard").property("visible"))

    recorded = [row[1:5] for row in events(recorder, database_in(tmp_path))]
    assert recorded == [
        ("visit_started", None, None, "home"),
        ("section_opened", "letters", None, None),
        ("document_zoomed", "letters", 1, "double_tap"),
        ("document_zoomed", "letters", 1, "button"),
        ("document_zoomed", "letters", 1, "pinch"),
        ("document_page_turned", "letters", 1, "2"),
        ("note_opened", "letters", 1, "1"),
    ]


@QUIET_WITHOUT_SOUND_HARDWARE
def test_a_narration_heard_to_its_end_and_one_stopped_are_recorded_with_how_much_was_heard(
    qtbot: QtBot, open_kiosk: OpenKiosk, recorder: AnalyticsRecorder, tmp_path: Path
) -> None:
    folder = narrated_exhibit(tmp_path / "narrated")
    ui = open_narrated(qtbot, open_kiosk, folder, SessionOptions(idle_timeout_s=30, analytics=recorder))
    finger = Finger(ui.window)
    finger.tap(find_item(ui, "narrationListen"))
    qtbot.waitUntil(lambda: ui.narration is not None and ui.narration.property("playing"))
    qtbot.waitUntil(lambda: ui.narration is not None and not ui.narration.property("playing"), timeout=10_000)
    finger.tap(find_item(ui, "narrationListen"))
    qtbot.waitUntil(lambda: find_item(ui, "narrationCaption").property("text") == CUES[0][2], timeout=5000)
    finger.tap(find_item(ui, "nextButton"))
    qtbot.waitUntil(lambda: ui.navigation.property("panelIndex") == 1)

    recorded = [row[1:] for row in events(recorder, database_in(tmp_path)) if row[1].startswith("narration")]
    assert [row[:3] for row in recorded] == [
        ("narration_started", "heard", 1),
        ("narration_finished", "heard", 1),
        ("narration_started", "heard", 1),
        ("narration_stopped", "heard", 1),
    ]
    finished, stopped = recorded[1][-1], recorded[3][-1]
    assert finished == pytest.approx(SOUND_S * 1000, abs=250)
    assert 0 <= stopped < finished


def test_a_timeline_event_and_a_gallery_picture_opened_are_recorded_with_their_numbers(
    qtbot: QtBot, open_kiosk: OpenKiosk, recorder: AnalyticsRecorder, tmp_path: Path, clock: ManualClock
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=SessionOptions(clock=clock, analytics=recorder))
    finger = tap_open_section(qtbot, ui, 1)
    event = search_item(current_panel(ui), "timelineEvent1")
    assert event is not None
    finger.tap(event)
    qtbot.waitUntil(lambda: search_item(current_panel(ui), "timelineDetail").isVisible())
    finger.tap(find_item(ui, "homeButton"))
    qtbot.waitUntil(lambda: ui.navigation.property("atHome"))
    wait_until_settled(qtbot, ui)
    finger = tap_open_section(qtbot, ui, 2)
    finger.tap(search_item(current_panel(ui), "galleryItem1"))
    qtbot.waitUntil(lambda: search_item(current_panel(ui), "lightbox").property("open"))

    recorded = [row[1:5] for row in events(recorder, database_in(tmp_path))]
    assert ("timeline_event_opened", "second", 1, "2") in recorded
    assert ("gallery_picture_opened", "third", 1, "2") in recorded
    assert [row[0] for row in recorded].count("timeline_event_opened") == 1
    assert [row[0] for row in recorded].count("gallery_picture_opened") == 1
