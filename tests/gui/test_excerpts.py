"""A long letter shown as its excerpt, the whole letter a tap (or a key) away and back."""

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi
from tests.gui.conftest import (
    Finger,
    OpenKiosk,
    current_panel,
    find_item,
    items_named,
    search_item,
    tap_open_section,
    wait_until_settled,
)
from tests.gui.test_documents import link_point

pytestmark = pytest.mark.gui

EXHIBIT = """\
title: Letters
languages: [en, ru]
sections:
  - id: letters
    title: {en: Letters, ru: Письма}
    teaser: {en: Two letters, ru: Два письма}
    panels:
      - kind: document
        title: {en: A long letter, ru: Длинное письмо}
        date: 1933-11-16
        from: {en: The writer, ru: Автор}
        to: {en: The reader, ru: Адресат}
        transcript_status: full
        source: {en: A printed volume, ru: Печатное издание}
        transcript:
          en: |
            The opening words of the letter.

            A middle paragraph the excerpt leaves out, about the consuls.

            The closing words of the letter.
          ru: |
            Начальные слова письма.

            Средний абзац о консулах, которого в выдержке нет.

            Последние слова письма.
        excerpt:
          en: |
            The opening words of the letter.
            […]
            The closing words of the letter.
          ru: |
            Начальные слова письма.
            […]
            Последние слова письма.
        annotations:
          - phrase: {en: about the consuls, ru: о консулах}
            note: {en: A note on the consuls., ru: Примечание о консулах.}
      - kind: pair
        title: {en: A pledge, ru: Обязательство}
        letters:
          - date: 1933-11-16
            from: {en: The first writer, ru: Первый автор}
            to: {en: The second writer, ru: Второй автор}
            transcript_status: full
            source: {en: A volume, ru: Издание}
            transcript:
              en: |
                A pledge in full.

                A clause the excerpt leaves out.
              ru: |
                Обязательство целиком.

                Пункт, которого в выдержке нет.
            excerpt: {en: A pledge in full., ru: Обязательство целиком.}
            annotations:
              - phrase: {en: leaves out, ru: в выдержке нет}
                note: {en: A note on what is left out., ru: Примечание о пропущенном.}
          - date: 1933-11-16
            from: {en: The second writer, ru: Второй автор}
            to: {en: The first writer, ru: Первый автор}
            transcript_status: full
            source: {en: A volume, ru: Издание}
            transcript: {en: An answer., ru: Ответ.}
"""


@pytest.fixture
def excerpt_exhibit(tmp_path: Path) -> Path:
    folder = tmp_path / "excerpts"
    folder.mkdir()
    (folder / "exhibit.yaml").write_text(EXHIBIT, encoding="utf-8")
    return folder


def shown_words(panel: QQuickItem, name: str = "transcript") -> str:
    """The words of the letter on show, paragraph by paragraph."""
    holder = search_item(panel, name)
    assert holder is not None
    return "\n".join(
        str(item.property("html"))
        for item in _descendants(holder)
        if item.property("html") and item.isVisible()
    )


def _descendants(item: QQuickItem) -> list[QQuickItem]:
    found: list[QQuickItem] = []
    for child in item.childItems():
        found.append(child)
        found.extend(_descendants(child))
    return found


def next_frame(qtbot: QtBot, ui: KioskUi) -> None:
    """Waits for a frame: a column lays out what it shows anew in the frame after a change."""
    with qtbot.waitSignal(ui.window.frameSwapped):
        ui.window.update()


def open_letters(
    qtbot: QtBot, open_kiosk: OpenKiosk, exhibit: Path, size: tuple[int, int] = (1920, 1080)
) -> tuple[KioskUi, QQuickItem, Finger]:
    ui = open_kiosk(exhibit, size)
    finger = tap_open_section(qtbot, ui, 0)
    return ui, current_panel(ui), finger


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_a_tap_opens_the_whole_letter_in_place_and_another_brings_back_the_excerpt(
    qtbot: QtBot, open_kiosk: OpenKiosk, excerpt_exhibit: Path, size: tuple[int, int]
) -> None:
    ui, panel, finger = open_letters(qtbot, open_kiosk, excerpt_exhibit, size)
    words = shown_words(panel)
    assert "opening words" in words
    assert "closing words" in words
    assert "consuls" not in words
    assert "[…]" in words
    read = search_item(panel, "readWholeLetter")
    assert read is not None
    assert read.isVisible()
    assert read.property("text") == "Read the whole letter"

    finger.tap(read)
    qtbot.waitUntil(lambda: "consuls" in shown_words(panel))
    assert "[…]" not in shown_words(panel)
    assert not read.isVisible()

    # Its noted phrase still opens its note, once the sheet has laid the whole letter out.
    next_frame(qtbot, ui)
    noted = next(
        item
        for item in _descendants(search_item(panel, "transcript"))
        if "note:0" in str(item.property("html"))
    )
    point = link_point(noted, "note:0")
    assert point is not None
    finger.tap_at(point)
    card = search_item(panel, "noteCard")
    assert card is not None
    qtbot.waitUntil(card.isVisible)
    card.setProperty("visible", False)
    panel.setProperty("selectedNote", -1)

    back = search_item(panel, "backToExcerpt")
    assert back is not None
    assert back.isVisible()
    finger.tap(back)
    qtbot.waitUntil(lambda: "consuls" not in shown_words(panel))
    assert read.isVisible()


def test_the_keyboard_opens_the_whole_letter_and_escape_closes_it_where_it_began(
    qtbot: QtBot, open_kiosk: OpenKiosk, excerpt_exhibit: Path
) -> None:
    ui, panel, _ = open_letters(qtbot, open_kiosk, excerpt_exhibit)
    read = search_item(panel, "readWholeLetter")
    assert read is not None
    read.forceActiveFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(ui.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "consuls" in shown_words(panel))
    back = search_item(panel, "backToExcerpt")
    assert back is not None
    qtbot.waitUntil(back.hasActiveFocus)

    # Tab goes on into the letter, where Escape brings back the excerpt and the focus to its control.
    QTest.keyClick(ui.window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: "consuls" not in shown_words(panel))
    qtbot.waitUntil(read.hasActiveFocus)


def test_the_whole_letter_closes_with_another_language_and_another_panel(
    qtbot: QtBot, open_kiosk: OpenKiosk, excerpt_exhibit: Path
) -> None:
    ui, panel, finger = open_letters(qtbot, open_kiosk, excerpt_exhibit)
    read = search_item(panel, "readWholeLetter")
    assert read is not None
    finger.tap(read)
    qtbot.waitUntil(lambda: panel.property("wholeLetter"))
    ui.exhibit.chooseLanguage("ru")
    qtbot.waitUntil(lambda: "Начальные слова" in shown_words(panel))
    assert "консулах" not in shown_words(panel)
    assert read.property("text") == "Читать целиком"

    next_frame(qtbot, ui)
    finger.tap(read)
    qtbot.waitUntil(lambda: "консулах" in shown_words(panel))
    ui.navigation.showPanel(1)
    wait_until_settled(qtbot, ui)
    qtbot.waitUntil(lambda: not panel.property("wholeLetter"))


def test_a_pair_opens_a_long_letter_whole_over_the_panel_and_closes_it(
    qtbot: QtBot, open_kiosk: OpenKiosk, excerpt_exhibit: Path
) -> None:
    ui, _, finger = open_letters(qtbot, open_kiosk, excerpt_exhibit)
    ui.navigation.showPanel(1)
    wait_until_settled(qtbot, ui)
    panel = current_panel(ui)
    clauses = shown_words(panel, "clauses")
    assert "A pledge in full." in clauses
    assert "A clause the excerpt" not in clauses
    # Only the long letter offers its whole: the answer is short enough to show whole.
    [read] = [item for item in items_named(panel, "readWholeLetter") if item.isVisible()]
    assert read.objectName() == "readWholeLetter0"
    assert read.property("text") == "Whole letter"
    finger.tap(read)
    overlay = search_item(panel, "readingOverlay")
    assert overlay is not None
    qtbot.waitUntil(overlay.isVisible)
    assert "A clause the excerpt" in shown_words(panel, "wholeLetter")
    # A noted phrase of the whole letter opens its note over the sheet.
    next_frame(qtbot, ui)
    noted = next(
        item
        for item in _descendants(search_item(panel, "wholeLetter"))
        if "note:0" in str(item.property("html"))
    )
    point = link_point(noted, "note:0")
    assert point is not None
    finger.tap_at(point)
    card = search_item(panel, "readingNoteCard")
    assert card is not None
    qtbot.waitUntil(card.isVisible)
    assert "left out" in str(card.property("note"))
    finger.tap(find_item(ui, "closeWholeLetter"))
    qtbot.waitUntil(lambda: not overlay.isVisible())

    # From the keyboard: Enter opens it with the focus on Close, Escape closes it back to the button.
    read.forceActiveFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(ui.window, Qt.Key.Key_Return)
    qtbot.waitUntil(overlay.isVisible)
    qtbot.waitUntil(find_item(ui, "closeWholeLetter").hasActiveFocus)
    QTest.keyClick(ui.window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not overlay.isVisible())
    qtbot.waitUntil(read.hasActiveFocus)


def test_the_next_visitor_finds_the_excerpt_again(
    qtbot: QtBot, open_kiosk: OpenKiosk, excerpt_exhibit: Path
) -> None:
    ui, panel, finger = open_letters(qtbot, open_kiosk, excerpt_exhibit)
    finger.tap(search_item(panel, "readWholeLetter"))
    qtbot.waitUntil(lambda: panel.property("wholeLetter"))

    ui.idle.end_session()
    qtbot.waitUntil(lambda: ui.navigation.property("atHome"))
    # The letter is closed, or gone with the section's screen.
    qtbot.waitUntil(lambda: not shiboken6.isValid(panel) or not panel.property("wholeLetter"))
