"""A visitor taps a word they may not know and reads what it means, on the panel they are on.

The exhibit is written here, small and in both languages, so that what is checked is the engine
and not the shipped exhibit's words: a term on the second of two text panels, its words holding
the characters that markup would take for its own.
"""

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.analytics.schema import database_in
from kiosk.app.window import KioskUi, SessionOptions
from kiosk.services.analytics import AnalyticsRecorder
from tests.conftest import MINI_EXHIBIT, REPOSITORY
from tests.gui.conftest import (
    Finger,
    OpenKiosk,
    accessibility_of,
    centre_of,
    current_panel,
    items_named,
    read_the_panel,
    search_item,
    tap_open_section,
    wait_until_settled,
)

pytestmark = [pytest.mark.gui]

EXHIBIT = """\
title: {en: Recognition, ru: Признание}
languages: [en, ru]
sections:
  - id: talks
    title: {en: The Talks, ru: Переговоры}
    teaser: {en: Two panels, ru: Две панели}
    tile_image: media/square.svg
    panels:
      - kind: text
        title: {en: Before, ru: Прежде}
        body: {en: The first panel., ru: Первая панель.}
      - kind: text
        title: {en: The envoy, ru: Посланник}
        body:
          en: |
            Roosevelt wrote to Litvinov, the [[People's Commissar <&> "Foreign"|peoples-commissar]] of the Soviet Union, in November.

            The talks went on for a week.
          ru: |
            Рузвельт написал Литвинову, [[народному комиссару|peoples-commissar]] иностранных дел, в ноябре.

            Переговоры шли неделю.
      - kind: text
        title: {en: After, ru: После}
        body: {en: "The letter [[X|letter-x]] ends it.", ru: "Буква [[X|letter-x]] завершает её."}
"""

GLOSSARY = """\
peoples-commissar:
  headword: {en: People's Commissar, ru: Народный комиссар}
  definition:
    en: The head of a people's commissariat, as the Soviet government then called its ministries.
    ru: Глава народного комиссариата, как тогда назывались министерства советского правительства.
letter-x:
  headword: {en: X, ru: X}
  definition: {en: A letter., ru: Буква.}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    (folder / "media").mkdir(parents=True)
    (folder / "media" / "square.svg").write_bytes((MINI_EXHIBIT / "media" / "square.svg").read_bytes())
    (folder / "exhibit.yaml").write_text(EXHIBIT, encoding="utf-8")
    (folder / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    return folder


def on_the_term_panel(qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path, **options: object) -> KioskUi:
    ui = open_kiosk(folder, options=SessionOptions(idle_timeout_s=600, **options))  # type: ignore[arg-type]
    tap_open_section(qtbot, ui, 0)
    ui.navigation.showPanel(1)
    wait_until_settled(qtbot, ui)
    qtbot.waitUntil(lambda: term_on(ui) is not None)
    return ui


def term_on(ui: KioskUi) -> QQuickItem | None:
    return search_item(current_panel(ui), "glossaryTerm")


def card(ui: KioskUi) -> QQuickItem:
    found = search_item(ui.window.contentItem(), "termCard")
    assert found is not None
    return found


def card_open(ui: KioskUi) -> bool:
    found = search_item(ui.window.contentItem(), "termCard")
    return found is not None and found.isVisible()


def card_box(ui: KioskUi) -> QQuickItem:
    found = search_item(card(ui), "termCardBox")
    assert found is not None
    return found


def scene_rect(item: QQuickItem) -> tuple[float, float, float, float]:
    rect = item.mapRectToScene(item.boundingRect())
    return rect.x(), rect.y(), rect.width(), rect.height()


def the_panel_shown(ui: KioskUi) -> tuple[int, int]:
    return ui.navigation.property("sectionIndex"), ui.navigation.property("panelIndex")


def definition_shown(ui: KioskUi) -> str:
    shown = search_item(card(ui), "termDefinition")
    assert shown is not None
    return str(shown.property("text"))


def assert_beside_the_term(ui: KioskUi, term: QQuickItem) -> None:
    """The card is inside the window and covers no part of the term's words."""
    box = card_box(ui).mapRectToScene(card_box(ui).boundingRect())
    words = search_item(term, "termWords")
    assert words is not None
    words_rect = words.mapRectToScene(words.boundingRect())
    assert QRectF(0, 0, ui.window.width(), ui.window.height()).contains(box)
    assert not box.intersects(words_rect), (box, words_rect)


def test_a_touch_on_a_term_shows_its_definition_beside_it_and_a_touch_outside_closes_it(
    open_kiosk: OpenKiosk, qtbot: QtBot, folder: Path
) -> None:
    ui = on_the_term_panel(qtbot, open_kiosk, folder)
    finger = Finger(ui.window)
    term = term_on(ui)
    assert term is not None
    panel = the_panel_shown(ui)

    finger.tap(term)
    qtbot.waitUntil(lambda: card_open(ui))
    assert search_item(card(ui), "termHeadword").property("text") == "People's Commissar"
    assert "people's commissariat" in definition_shown(ui)
    assert_beside_the_term(ui, term)

    # A touch elsewhere closes the card and does nothing else: the visitor is where they were.
    finger.tap_at(QPoint(40, ui.window.height() // 2))
    qtbot.waitUntil(lambda: not card_open(ui))
    assert the_panel_shown(ui) == panel

    # The same words again open it, and close it.
    finger.tap(term)
    qtbot.waitUntil(lambda: card_open(ui))
    finger.tap(term)
    qtbot.waitUntil(lambda: not card_open(ui))
    assert the_panel_shown(ui) == panel

    # And its Close button closes it.
    finger.tap(term)
    qtbot.waitUntil(lambda: card_open(ui))
    finger.tap(search_item(card(ui), "closeTerm"))
    qtbot.waitUntil(lambda: not card_open(ui))
    assert the_panel_shown(ui) == panel


def test_a_finger_at_the_edge_of_the_term_s_reach_finds_it(
    open_kiosk: OpenKiosk, qtbot: QtBot, folder: Path
) -> None:
    ui = on_the_term_panel(qtbot, open_kiosk, folder)
    term = term_on(ui)
    assert term is not None
    # A finger's reach is 9 mm on the screen as mounted (the touch target is 20 mm), and never
    # under 44 px: the term answers that far around its words, at its edge as at its middle.
    reach = term.property("reach")
    assert reach >= max(44, ui.access.property("targetSize") * 9 / 20)
    assert min(term.width(), term.height()) >= reach
    Finger(ui.window).tap_at(term.mapToScene(QPointF(10, term.height() - 1)).toPoint())
    qtbot.waitUntil(lambda: card_open(ui))


def test_a_word_narrower_than_a_finger_answers_a_finger_s_width_round_it(
    open_kiosk: OpenKiosk, qtbot: QtBot, folder: Path
) -> None:
    ui = on_the_term_panel(qtbot, open_kiosk, folder)
    ui.navigation.showPanel(2)
    wait_until_settled(qtbot, ui)
    qtbot.waitUntil(lambda: term_on(ui) is not None)
    term = term_on(ui)
    words = search_item(term, "termWords")
    assert words is not None
    assert words.width() < term.property("reach") <= term.width()
    # Beside the letter, not on it: where a finger lands that aims at it.
    beside = words.mapToScene(
        QPointF(words.width() + (term.width() - words.width()) / 2 - 2, words.height() / 2)
    )
    Finger(ui.window).tap_at(beside.toPoint())
    qtbot.waitUntil(lambda: card_open(ui))
    assert search_item(card(ui), "termHeadword").property("text") == "X"


def test_by_keyboard_tab_reaches_the_term_enter_opens_it_and_escape_brings_the_focus_back(
    open_kiosk: OpenKiosk, qtbot: QtBot, folder: Path
) -> None:
    ui = on_the_term_panel(qtbot, open_kiosk, folder)
    term = term_on(ui)
    assert term is not None
    panel = the_panel_shown(ui)

    for _ in range(12):
        if ui.window.activeFocusItem() is term:
            break
        QTest.keyClick(ui.window, Qt.Key.Key_Tab)
    assert ui.window.activeFocusItem() is term, "Tab reaches the term"
    assert term.property("visualFocus"), "and shows the focus ring on it"

    QTest.keyClick(ui.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: card_open(ui))
    assert ui.window.activeFocusItem() is card_box(ui), "the focus is on the definition"
    assert_beside_the_term(ui, term)

    # Keys meant for the panels do nothing while the card is open.
    QTest.keyClick(ui.window, Qt.Key.Key_Right)
    assert the_panel_shown(ui) == panel

    QTest.keyClick(ui.window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not card_open(ui))
    assert ui.window.activeFocusItem() is term, "the focus is back on the term"
    assert the_panel_shown(ui) == panel

    QTest.keyClick(ui.window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: card_open(ui))
    QTest.keyClick(ui.window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: ui.window.activeFocusItem() is term)


def test_screen_readers_hear_the_term_and_then_its_definition(
    open_kiosk: OpenKiosk, qtbot: QtBot, folder: Path
) -> None:
    ui = on_the_term_panel(qtbot, open_kiosk, folder)
    term = term_on(ui)
    assert term is not None
    said = accessibility_of(term)
    assert said is not None
    assert said.property("name") == 'People\'s Commissar <&> "Foreign"'
    assert "glossary" in said.property("description")

    Finger(ui.window).tap(term)
    qtbot.waitUntil(lambda: card_open(ui))
    told = accessibility_of(card_box(ui))
    assert told is not None
    assert told.property("name") == "People's Commissar"
    assert told.property("description") == (
        "The head of a people's commissariat, as the Soviet government then called its ministries."
    )
    assert ui.window.activeFocusItem() is card_box(ui)


def test_in_russian_the_term_is_the_russian_words_and_the_definition_russian(
    open_kiosk: OpenKiosk, qtbot: QtBot, folder: Path
) -> None:
    ui = on_the_term_panel(qtbot, open_kiosk, folder)
    ui.exhibit.chooseLanguage("ru")
    qtbot.waitUntil(
        lambda: (
            (term := term_on(ui)) is not None
            and accessibility_of(term).property("name") == "народному комиссару"
        )
    )
    term = term_on(ui)
    Finger(ui.window).tap(term)
    qtbot.waitUntil(lambda: card_open(ui))
    assert search_item(card(ui), "termHeadword").property("text") == "Народный комиссар"
    assert definition_shown(ui).startswith("Глава народного комиссариата")


def test_a_term_opened_is_a_visitor_event_with_the_term_s_id(
    open_kiosk: OpenKiosk, qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    recorder = AnalyticsRecorder(database_in(tmp_path), kiosk="gallery-2", content_version="v1")
    try:
        ui = on_the_term_panel(qtbot, open_kiosk, folder, analytics=recorder)
        Finger(ui.window).tap(term_on(ui))
        qtbot.waitUntil(lambda: card_open(ui))
        assert recorder.flush()
        with sqlite3.connect(database_in(tmp_path)) as connection:
            rows = connection.execute(
                "SELECT kind, section, panel, detail FROM events ORDER BY id"
            ).fetchall()
        assert rows[-1] == ("term_opened", "talks", 2, "peoples-commissar")
    finally:
        recorder.close()


def test_another_language_closes_the_card(open_kiosk: OpenKiosk, qtbot: QtBot, folder: Path) -> None:
    ui = on_the_term_panel(qtbot, open_kiosk, folder)
    Finger(ui.window).tap(term_on(ui))
    qtbot.waitUntil(lambda: card_open(ui))
    ui.exhibit.chooseLanguage("ru")
    qtbot.waitUntil(lambda: not card_open(ui))


def test_another_panel_or_section_closes_the_card(open_kiosk: OpenKiosk, qtbot: QtBot, folder: Path) -> None:
    """However the panel changes (here from Python, as narration or staff might): no card is left
    speaking of a term that is no longer on the screen."""
    ui = on_the_term_panel(qtbot, open_kiosk, folder)
    Finger(ui.window).tap(term_on(ui))
    qtbot.waitUntil(lambda: card_open(ui))
    ui.navigation.showPanel(0)
    qtbot.waitUntil(lambda: not card_open(ui))
    ui.navigation.showPanel(1)
    wait_until_settled(qtbot, ui)
    Finger(ui.window).tap(term_on(ui))
    qtbot.waitUntil(lambda: card_open(ui))
    ui.navigation.goHome()
    qtbot.waitUntil(lambda: not card_open(ui))


def test_the_end_of_a_visit_takes_the_card_away(open_kiosk: OpenKiosk, qtbot: QtBot, folder: Path) -> None:
    ui = on_the_term_panel(qtbot, open_kiosk, folder)
    Finger(ui.window).tap(term_on(ui))
    qtbot.waitUntil(lambda: card_open(ui))
    ui.session.endVisit()
    qtbot.waitUntil(lambda: not card_open(ui))


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_with_larger_text_the_card_stays_on_the_screen_beside_the_term(
    open_kiosk: OpenKiosk, qtbot: QtBot, folder: Path, size: tuple[int, int]
) -> None:
    ui = open_kiosk(folder, size, SessionOptions(idle_timeout_s=600))
    ui.access.setLargeText(True)
    tap_open_section(qtbot, ui, 0)
    ui.navigation.showPanel(1)
    wait_until_settled(qtbot, ui)
    qtbot.waitUntil(lambda: term_on(ui) is not None)
    for language in ("en", "ru"):
        ui.exhibit.chooseLanguage(language)
        qtbot.waitUntil(lambda: term_on(ui) is not None)
        term = term_on(ui)
        Finger(ui.window).tap(term)
        qtbot.waitUntil(lambda: card_open(ui))
        assert_beside_the_term(ui, term)
        Finger(ui.window).tap(term)
        qtbot.waitUntil(lambda: not card_open(ui))


def test_a_term_is_found_where_its_words_are_drawn_and_opens_at_the_first_tap(
    open_kiosk: OpenKiosk, qtbot: QtBot
) -> None:
    """The copy of a text that says where its terms are is laid out line for line as the words
    shown: a term on a paragraph's third line is underlined and answers a finger on that line; and
    tapped as soon as the panel is there, its card stays open (the screen made its neighbour
    panels, and took the focus back from the card)."""
    ui = open_kiosk(REPOSITORY / "exhibits" / "recognition-1933", options=SessionOptions(idle_timeout_s=600))
    ui.navigation.openSection(1)
    ui.navigation.showPanel(4)  # "Three hard questions": Kerensky on the paragraph's third line
    wait_until_settled(qtbot, ui)
    qtbot.waitUntil(lambda: term_on(ui) is not None)
    links = [item for item in items_named(current_panel(ui), "termLinks") if item.property("text")]
    assert links
    for linked in links:
        (shown,) = items_named(linked.parentItem(), "blockWords")
        assert linked.property("lineCount") == shown.property("lineCount") > 2
        assert linked.height() == pytest.approx(shown.height())
    term = term_on(ui)
    assert term is not None
    Finger(ui.window).tap(term)
    qtbot.waitUntil(lambda: card_open(ui))


def test_the_card_answers_a_finger_after_the_visitor_has_swiped_the_text_and_keeps_swipes_to_itself(
    open_kiosk: OpenKiosk, qtbot: QtBot, folder: Path
) -> None:
    ui = on_the_term_panel(qtbot, open_kiosk, folder)
    finger = Finger(ui.window)
    read_the_panel(qtbot, ui, finger)
    panel = the_panel_shown(ui)
    term = term_on(ui)
    assert term is not None
    finger.tap(term)
    qtbot.waitUntil(lambda: card_open(ui))
    # A swipe across the card turns no panel and leaves the card open.
    middle = centre_of(card_box(ui))
    finger.swipe(middle, middle + QPoint(500, 0))
    wait_until_settled(qtbot, ui)
    assert the_panel_shown(ui) == panel
    assert card_open(ui)
    finger.tap(search_item(card(ui), "closeTerm"))
    qtbot.waitUntil(lambda: not card_open(ui))
