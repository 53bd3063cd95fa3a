"""A letter as the visitor reads it, in both orientations: the zoom and page-turning buttons beside
the page, never on it, and a Russian transcript in one typewriter face, upright throughout.

With KIOSK_SCREENSHOTS set, the screens are saved there for a person to look at.
"""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontInfo, QRawFont
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi
from tests.conftest import REPOSITORY
from tests.gui.conftest import OpenKiosk, current_panel, items_named, search_item, wait_until_settled
from tests.gui.test_screenshots import grab, scene_rect

pytestmark = pytest.mark.gui

RECOGNITION = REPOSITORY / "exhibits" / "recognition-1933"
SCREENS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
#: "The letters", and its letters: a summary without pages, one of two pages, one of one page.
LETTERS_SECTION = 2
SUMMARY_LETTER, TWO_PAGE_LETTER, ONE_PAGE_LETTER = 3, 5, 6


def open_letter(qtbot: QtBot, ui: KioskUi, panel_index: int, language: str) -> QQuickItem:
    ui.exhibit.chooseLanguage(language)
    ui.navigation.openSection(LETTERS_SECTION)
    ui.navigation.showPanel(panel_index)
    wait_until_settled(qtbot, ui)
    return current_panel(ui)


def open_pages(qtbot: QtBot, ui: KioskUi, panel_index: int, language: str) -> QQuickItem:
    panel = open_letter(qtbot, ui, panel_index, language)
    viewer = search_item(panel, "pageViewer")
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.property("showing"), timeout=20_000)
    qtbot.waitUntil(lambda: not viewer.property("zoomAnimating"))
    return panel


def rect_of(panel: QQuickItem, name: str) -> QRectF:
    item = search_item(panel, name)
    assert item is not None, name
    assert item.isVisible(), name
    return scene_rect(item)


@pytest.fixture
def screenshot_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("screen", SCREENS)
def test_the_buttons_stand_beside_the_fitted_page_never_on_it(
    qtbot: QtBot, open_kiosk: OpenKiosk, screenshot_folder: Path, screen: str
) -> None:
    ui = open_kiosk(RECOGNITION, SCREENS[screen])
    for language in ("en", "ru"):
        for panel_index in (TWO_PAGE_LETTER, ONE_PAGE_LETTER):
            panel = open_pages(qtbot, ui, panel_index, language)
            grab(qtbot, ui).save(str(screenshot_folder / f"letter-{screen}-{language}-{panel_index}.png"))
            page = rect_of(panel, "pageCanvas")
            buttons = ["zoomIn", "zoomOut"]
            if panel_index == TWO_PAGE_LETTER:
                buttons += ["previousPage", "nextPage"]
            for name in buttons:
                assert not rect_of(panel, name).intersects(page), (screen, language, panel_index, name)


def test_in_landscape_the_letter_s_sheet_takes_the_panel_s_height_beside_its_page(
    qtbot: QtBot, open_kiosk: OpenKiosk
) -> None:
    """The words the visitor reads get the room: the sheet runs the panel's whole height, and the
    facts in brief stand over the page in the column beside it, neither over the other."""
    ui = open_kiosk(RECOGNITION, SCREENS["landscape"])
    for language in ("en", "ru"):
        panel = open_pages(qtbot, ui, TWO_PAGE_LETTER, language)
        whole = scene_rect(panel)
        sheet = rect_of(panel, "sheetBesidePages")
        assert (sheet.top(), sheet.bottom()) == pytest.approx((whole.top(), whole.bottom()), abs=1)
        assert sheet.right() == pytest.approx(whole.right(), abs=1)
        viewer = rect_of(panel, "pageViewer")
        facts = [
            rect for rect in map(scene_rect, items_named(panel, "transcriptStatus")) if rect.height() > 0
        ]
        assert facts
        for rect in (viewer, *facts):
            assert rect.right() <= sheet.left(), language
        assert all(rect.bottom() <= viewer.top() for rect in facts), language
        assert viewer.bottom() <= whole.bottom() + 1


@pytest.mark.parametrize("screen", SCREENS)
def test_a_russian_transcript_is_set_in_one_upright_typewriter_face(
    qtbot: QtBot, open_kiosk: OpenKiosk, screenshot_folder: Path, screen: str
) -> None:
    """Courier Prime has no Cyrillic: its digits and punctuation, italic in a summary, stood among
    upright PT Mono letters. A Russian transcript is PT Mono throughout, its summary upright."""
    ui = open_kiosk(RECOGNITION, SCREENS[screen])
    for language, family in (("en", "Courier Prime"), ("ru", "PT Mono")):
        panel = open_letter(qtbot, ui, SUMMARY_LETTER, language)
        grab(qtbot, ui).save(str(screenshot_folder / f"transcript-{screen}-{language}.png"))
        paragraphs = [
            item for item in items_named(panel, "") if item.metaObject().className().startswith("LetterText")
        ]
        assert paragraphs, "no transcript"
        for paragraph in paragraphs:
            font = paragraph.property("font")
            assert QFontInfo(font).family() == family
            # Courier Prime has an italic for a summary; PT Mono has none, and is not slanted.
            assert font.italic() == (language == "en")


def test_the_typewriter_face_is_its_upright_file(qtbot: QtBot) -> None:
    """The bundled Courier Prime italic called itself "Courier Prime Regular": Qt took it for the
    upright, and every transcript, and the digits among Russian letters, came out italic."""
    from kiosk.app.fonts import FONTS_DIR, register_bundled_fonts

    register_bundled_fonts()
    font = QFont("Courier Prime")
    font.setPixelSize(24)
    used, upright = QRawFont.fromFont(font), QRawFont(str(FONTS_DIR / "CourierPrime-Regular.otf"), 24)
    for letter in "a1,":
        outline = [raw.pathForGlyph(raw.glyphIndexesForString(letter)[0]) for raw in (used, upright)]
        assert outline[0] == outline[1], letter
