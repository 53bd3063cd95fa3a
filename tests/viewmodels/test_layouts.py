"""The layout algorithms as the views call them, from JavaScript, with their own values."""

import pytest
from PySide6.QtQml import QJSEngine
from pytestqt.qtbot import QtBot

from kiosk.viewmodels.layouts import KioskLayouts


@pytest.fixture
def engine(qtbot: QtBot) -> QJSEngine:
    engine = QJSEngine()
    engine.globalObject().setProperty("layouts", engine.newQObject(KioskLayouts(engine)))
    return engine


def evaluate(engine: QJSEngine, script: str) -> object:
    result = engine.evaluate(script)
    assert not result.isError(), result.toString()
    return result.toVariant()


def test_a_timeline_panel_gets_its_cards_eras_and_ticks_for_its_width(engine: QJSEngine) -> None:
    plan = evaluate(
        engine,
        "layouts.timeline([{start: 1933.87, end: 1933.87, span: false, title: 'Recognition'}],"
        " [{start: 1933, end: 1939, labelWidth: 60}], 1917, 1991, 1920, 3, 330, 1)",
    )
    assert plan["width"] == pytest.approx(1920 - 330)
    assert [card["lane"] for card in plan["cards"]] == [0]
    assert len(plan["eras"]) == 1
    assert plan["ticks"]["major"][0]["year"] == 1920


def test_the_attract_loop_gets_its_times_travel_and_where_a_picture_stands(engine: QJSEngine) -> None:
    assert evaluate(engine, "[layouts.attractSlideMs(9), layouts.attractFadeMs(9)]") == [9000, 1800]
    assert evaluate(engine, "layouts.attractTravel(10.8, 1114, 1080, 1, layouts.attractPace, false)") == 64
    assert evaluate(engine, "layouts.attractTravel(10.8, 1114, 1080, 1, 6, true)") == 0
    # A quarter of the way into its time on screen, forward: 16 of its 64 pixels.
    where = evaluate(engine, "const p = layouts.attractPlace(64, 0, 16); [p.x, p.y]")
    assert where == [-16, -32]


def test_a_letter_paragraph_gets_its_marked_text_in_the_views_colours(engine: QJSEngine) -> None:
    markup = evaluate(
        engine,
        "layouts.letterMarkup([{text: 'a < b ', note: -1}, {text: 'noted', note: 0}], 0, -1,"
        " '#1e1a17', '#fbf7ef', '#e2e4e5', '#b0b7c0')",
    )
    assert markup == (
        'a &lt; b <span style="background-color:#b0b7c0"><a href="note:0" '
        'style="color:#1e1a17; text-decoration:none">noted</a></span>'
    )
