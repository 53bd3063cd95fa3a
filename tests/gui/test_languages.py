"""A visitor reads the exhibit in English or Russian: switching is instant and keeps their place.

The exhibit is written here, small and in both languages, so that what is checked is the engine
and not the shipped exhibit's words.
"""

from pathlib import Path

import pytest
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi, SessionOptions
from kiosk.content.loader import load_exhibit
from kiosk.content.summary import summarize
from kiosk.viewmodels.exhibit import KioskExhibit
from tests.conftest import MINI_EXHIBIT, write_wav
from tests.gui.conftest import (
    QUIET_WITHOUT_SOUND_HARDWARE,
    Finger,
    OpenKiosk,
    current_panel,
    find_item,
    tap_open_section,
    wait_until_settled,
)

pytestmark = [pytest.mark.gui, QUIET_WITHOUT_SOUND_HARDWARE]

NBSP = "\N{NO-BREAK SPACE}"
EXHIBIT = """\
title: {en: Recognition, ru: Признание}
languages: [en, ru]
attract:
  slides:
    - image: media/square.svg
      alt: {en: A blue circle., ru: Синий круг.}
      credit: {en: Drawing for the tests, ru: Рисунок для тестов}
      headline: {en: Two nations, ru: Две страны}
      caption: {en: A caption., ru: Подпись.}
    - image: media/bar.svg
      alt: {en: A red bar., ru: Красная полоса.}
      credit: {en: Drawing for the tests, ru: Рисунок для тестов}
      quote: {en: Words that someone wrote., ru: Слова, которые кто-то написал.}
      attribution: {en: Someone, ru: Кто-то}
      caption: {en: A caption., ru: Подпись.}
      translated: [ru]
sections:
  - id: letters
    title: {en: The Letters, ru: Письма}
    teaser: {en: Two letters, ru: Два письма}
    tile_image: media/square.svg
    panels:
      - kind: text
        title: {en: Before, ru: Прежде}
        body: {en: The first panel., ru: Первая панель.}
      - kind: quote
        title: {en: The promise, ru: Обещание}
        text: {en: We shall not interfere., ru: Мы не будем вмешиваться.}
        attribution: {en: Maxim Litvinov, ru: Максим Литвинов}
        source: {en: A printed volume, ru: Печатный том}
        date: 1933-11-16
        translated: [ru]
        narration:
          audio: media/reading.wav
          credit: {en: A test tone, ru: Тестовый сигнал}
          cues:
            - {start: 0, end: 4, text: {en: The words in English, ru: Слова по-русски}}
      - kind: document
        title: {en: A letter, ru: Письмо}
        date: 1933-11-16
        from: {en: The President, ru: Президент}
        to: {en: The Commissar, ru: Нарком}
        transcript_status: full
        transcript: {en: My dear Mr. Litvinov., ru: Дорогой г-н Литвинов.}
        translated: [ru]
        source: {en: A volume, ru: Том}
  - id: after
    title: {en: After, ru: После}
    teaser: {en: What followed, ru: Что последовало}
    tile_image: media/bar.svg
    panels:
      - kind: text
        title: {en: Later, ru: Позже}
        body: {en: The last panel., ru: Последняя панель.}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "bilingual"
    (folder / "media").mkdir(parents=True)
    for name in ("square.svg", "bar.svg"):
        (folder / "media" / name).write_bytes((MINI_EXHIBIT / "media" / name).read_bytes())
    write_wav(folder / "media" / "reading.wav", 4.2)
    (folder / "exhibit.yaml").write_text(
        EXHIBIT.replace("ru: Слова, которые кто-то написал.", 'ru: "Слова, которые кто-то написал."'),
        encoding="utf-8",
    )
    return folder


def texts_under(item: QQuickItem) -> list[str]:
    """Every text shown under `item`, as a visitor reads the screen."""
    found = []
    text = item.property("text")
    if isinstance(text, str) and text and item.isVisible():
        found.append(text)
    for child in item.childItems():
        found.extend(texts_under(child))
    return found


def shown(ui: KioskUi, words: str) -> bool:
    return any(words in text for text in texts_under(current_panel(ui)))


def open_on_the_quote(qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path) -> tuple[KioskUi, Finger]:
    ui = open_kiosk(folder, options=SessionOptions(idle_timeout_s=60))
    finger = tap_open_section(qtbot, ui, 0)
    ui.navigation.showPanel(1)
    wait_until_settled(qtbot, ui)
    qtbot.waitUntil(lambda: shown(ui, "We shall not interfere."))
    return ui, finger


def test_switching_language_keeps_the_visitor_on_the_same_panel(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui, _ = open_on_the_quote(qtbot, open_kiosk, folder)
    panel_before = current_panel(ui)
    assert [language["name"] for language in ui.exhibit.property("languages")] == ["English", "Русский"]

    with qtbot.waitSignal(ui.exhibit.languageChanged):
        ui.exhibit.chooseLanguage("ru")

    assert ui.exhibit.property("language") == "ru"
    assert (ui.navigation.property("sectionIndex"), ui.navigation.property("panelIndex")) == (0, 1)
    qtbot.waitUntil(lambda: shown(ui, "Мы не будем вмешиваться."))
    assert not shown(ui, "We shall not interfere.")
    # Changed in place: the panel on screen is the same item, not one built anew.
    assert current_panel(ui) is panel_before
    assert ui.navigation.property("sectionTitle") == "Письма"
    assert ui.exhibit.property("title") == "Признание"
    sections = ui.exhibit.property("sections")
    assert [sections.record(row)["title"] for row in range(sections.rowCount())] == ["Письма", "После"]
    quote = ui.navigation.property("panels").record(1)["content"]
    assert quote["date"] == f"16 ноября 1933{NBSP}г."
    # The exhibit translated Litvinov's words into Russian itself, and says so beside them.
    assert quote["translated"] is True
    assert quote["attribution"].startswith("Максим Литвинов (")
    assert quote["quoteMark"] == "«"
    letter = ui.navigation.property("panels").record(2)["content"]
    assert letter["translationNote"].startswith("П")  # Перевод…, in Russian, on a line of its own

    ui.exhibit.chooseLanguage("en")
    qtbot.waitUntil(lambda: shown(ui, "We shall not interfere."))
    english = ui.navigation.property("panels").record(1)["content"]
    assert (english["attribution"], english["translated"], english["quoteMark"]) == (
        "Maxim Litvinov",
        False,
        "“",
    )
    assert (ui.navigation.property("sectionIndex"), ui.navigation.property("panelIndex")) == (0, 1)


def test_captions_change_language_while_the_narration_plays(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui, finger = open_on_the_quote(qtbot, open_kiosk, folder)
    narration = ui.narration
    assert narration is not None
    finger.tap(find_item(ui, "narrationListen"))
    qtbot.waitUntil(lambda: narration.property("caption") == "The words in English", timeout=5000)

    ui.exhibit.chooseLanguage("ru")

    qtbot.waitUntil(lambda: narration.property("caption") == "Слова по-русски")
    assert narration.property("playing"), "the same recording plays on in the other language"
    assert narration.property("credit") == "Тестовый сигнал"
    qtbot.waitUntil(lambda: find_item(ui, "narrationCaption").property("text") == "Слова по-русски")


def test_the_next_visitor_is_met_in_the_default_language(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui, _ = open_on_the_quote(qtbot, open_kiosk, folder)
    ui.exhibit.chooseLanguage("ru")
    qtbot.waitUntil(lambda: ui.exhibit.property("title") == "Признание")

    ui.idle.end_session()

    qtbot.waitUntil(lambda: ui.exhibit.property("language") == "en")
    assert ui.exhibit.property("title") == "Recognition"
    assert ui.navigation.property("atHome")


def test_a_language_the_exhibit_does_not_have_is_not_chosen(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui = open_kiosk(folder)
    ui.exhibit.chooseLanguage("fr")
    assert ui.exhibit.property("language") == "en"


def test_the_attract_loop_shows_each_slide_in_each_language_in_turn(folder: Path) -> None:
    exhibit = load_exhibit(folder).exhibit
    assert exhibit is not None
    slides = KioskExhibit(summarize(exhibit)).property("attractSlides")
    records = [slides.record(row) for row in range(slides.rowCount())]
    assert [(record["image"].split("/")[-1].split("?")[0], record["language"]) for record in records] == [
        ("square.svg", "en"),
        ("bar.svg", "ru"),
        ("square.svg", "ru"),
        ("bar.svg", "en"),
    ]
    assert [record["headline"] or record["quote"] for record in records] == [
        "Two nations",
        "Слова, которые кто-то написал.",
        "Две страны",
        "Words that someone wrote.",
    ]
    assert records[1]["attribution"].startswith("Кто-то (")
    assert records[3]["attribution"] == "Someone"
    # The loop's title and its quotation marks follow each slide's language.
    assert [record["title"] for record in records] == ["Recognition", "Признание", "Признание", "Recognition"]
    assert (records[1]["quoteMark"], records[3]["quoteMark"]) == ("«", "“")


def test_every_language_is_invited_to_touch(qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path) -> None:
    ui = open_kiosk(folder)
    invitations = ui.exhibit.property("invitations")
    assert invitations[0] == "Touch the screen to begin"
    if ui.exhibit.translations is not None and ui.exhibit.translations.has("ru"):
        assert len(invitations) == 2
        assert all("a" <= letter <= "я" for letter in invitations[1].lower() if letter.isalpha())
