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
from tests.gui.conftest import Finger, OpenKiosk, find_item, wait_until_settled
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
        ("attract_interrupted", None, None, None, None),
        ("section_opened", "first", None, None, None),
        ("panel_shown", "first", 1, "opened", 4000),
        ("panel_shown", "first", 2, "swipe", 7000),
        ("panel_shown", "first", 3, "button", 3000),
        ("visit_ended", None, None, "idle_timeout", 14000 + round(IDLE_S * 1000)),
        ("visit_started", None, None, "attract", None),
        ("attract_interrupted", None, None, None, None),
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
