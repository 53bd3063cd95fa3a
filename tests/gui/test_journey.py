"""A visitor's journey by touch alone: home, every section, every panel, and home again."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content.loader import load_exhibit
from kiosk.content.scaffold import create_exhibit
from tests.conftest import MINI_EXHIBIT, SHIPPED_EXHIBITS
from tests.gui.conftest import (
    Finger,
    OpenKiosk,
    centre_of,
    current_panel,
    find_item,
    read_the_panel,
    search_item,
    tap_open_section,
    wait_until_settled,
)

pytestmark = pytest.mark.gui

EXHIBITS = [MINI_EXHIBIT, *SHIPPED_EXHIBITS]


def panel_titles(exhibit_dir: Path) -> list[list[str]]:
    exhibit = load_exhibit(exhibit_dir).exhibit
    assert exhibit is not None
    return [[panel.title.resolve("en") for panel in section.panels] for section in exhibit.sections]


def shown_title(qtbot: QtBot, panel: QQuickItem) -> str:
    title = search_item(panel, "panelTitle")
    if title is not None:
        return title.property("text")
    return panel.property("content")["title"]


@pytest.mark.parametrize("exhibit_dir", EXHIBITS, ids=lambda path: path.name)
def test_touch_journey_through_every_panel(qtbot: QtBot, open_kiosk: OpenKiosk, exhibit_dir: Path) -> None:
    ui = open_kiosk(exhibit_dir)
    finger = Finger(ui.window)
    navigation = ui.navigation
    for section_index, titles in enumerate(panel_titles(exhibit_dir)):
        finger.tap(find_item(ui, f"sectionTile{section_index}"))
        qtbot.waitUntil(lambda: not navigation.property("atHome"))
        wait_until_settled(qtbot, ui)
        assert navigation.property("sectionIndex") == section_index
        for panel_index, title in enumerate(titles):
            assert navigation.property("panelIndex") == panel_index
            assert current_panel(ui).property("content")["title"] == title
            if panel_index == len(titles) - 1:
                break
            if panel_index % 2 == 0:
                panels = find_item(ui, "panelList")
                middle = panels.mapToScene(panels.boundingRect().center()).toPoint()
                # A timeline moves sideways under the finger; across its heading the panels turn.
                if search_item(current_panel(ui), "timeline") is not None:
                    title = search_item(current_panel(ui), "panelTitle")
                    assert title is not None
                    middle.setY(centre_of(title).y())
                width = int(panels.width())
                finger.swipe(middle + QPoint(width // 3, 0), middle - QPoint(width // 3, 0))
            else:
                finger.tap(find_item(ui, "nextButton"))
            qtbot.waitUntil(lambda index=panel_index: navigation.property("panelIndex") == index + 1)
            wait_until_settled(qtbot, ui)
        finger.tap(find_item(ui, "homeButton"))
        qtbot.waitUntil(lambda: navigation.property("atHome"))
        wait_until_settled(qtbot, ui)
        assert not find_item(ui, "sectionScreen").isVisible()


def test_swiping_back_and_the_back_control(qtbot: QtBot, open_kiosk: OpenKiosk) -> None:
    ui = open_kiosk(MINI_EXHIBIT)
    finger = Finger(ui.window)
    navigation = ui.navigation
    finger.tap(find_item(ui, "sectionTile0"))
    wait_until_settled(qtbot, ui)
    finger.tap(find_item(ui, "nextButton"))
    qtbot.waitUntil(lambda: navigation.property("panelIndex") == 1)
    wait_until_settled(qtbot, ui)
    panels = find_item(ui, "panelList")
    middle = panels.mapToScene(panels.boundingRect().center()).toPoint()
    finger.swipe(middle - QPoint(int(panels.width() // 3), 0), middle + QPoint(int(panels.width() // 3), 0))
    qtbot.waitUntil(lambda: navigation.property("panelIndex") == 0)
    wait_until_settled(qtbot, ui)
    finger.tap(find_item(ui, "backButton"))
    qtbot.waitUntil(lambda: navigation.property("atHome"))


def test_one_tap_is_one_step(qtbot: QtBot, open_kiosk: OpenKiosk) -> None:
    ui = open_kiosk(MINI_EXHIBIT)
    finger = tap_open_section(qtbot, ui, 0)
    finger.tap(find_item(ui, "nextButton"))
    wait_until_settled(qtbot, ui)
    assert ui.navigation.property("panelIndex") == 1


def test_progress_dots_jump_to_a_panel(qtbot: QtBot, open_kiosk: OpenKiosk) -> None:
    ui = open_kiosk(MINI_EXHIBIT)
    finger = tap_open_section(qtbot, ui, 0)
    dots = find_item(ui, "progressDots")
    third = next(child for child in dots.childItems() if child.property("index") == 2)
    finger.tap(third)
    qtbot.waitUntil(lambda: ui.navigation.property("panelIndex") == 2)


def test_last_panel_leads_to_the_next_section(qtbot: QtBot, open_kiosk: OpenKiosk) -> None:
    ui = open_kiosk(MINI_EXHIBIT)
    finger = tap_open_section(qtbot, ui, 0)
    ui.navigation.showPanel(2)
    wait_until_settled(qtbot, ui)
    next_button = find_item(ui, "nextButton")
    assert next_button.property("text") == "Next section"
    finger.tap(next_button)
    qtbot.waitUntil(lambda: ui.navigation.property("sectionIndex") == 1)
    assert find_item(ui, "sectionTitle").property("text") == "Second Section"


def test_gallery_image_enlarges_and_closes(qtbot: QtBot, open_kiosk: OpenKiosk) -> None:
    ui = open_kiosk(MINI_EXHIBIT)
    finger = tap_open_section(qtbot, ui, 2)
    lightbox = find_item(ui, "lightbox")
    assert not lightbox.property("open")
    finger.tap(find_item(ui, "galleryItem1"))
    qtbot.waitUntil(lambda: lightbox.property("open"))
    assert lightbox.property("item")["caption"] == "The second picture."
    qtbot.waitUntil(lambda: lightbox.property("opacity") == 1)
    finger.tap(find_item(ui, "lightboxClose"))
    qtbot.waitUntil(lambda: not lightbox.property("open"))


def test_keyboard_alone(qtbot: QtBot, open_kiosk: OpenKiosk) -> None:
    ui = open_kiosk(MINI_EXHIBIT)
    navigation = ui.navigation
    ui.window.requestActivate()
    QTest.keyClick(ui.window, Qt.Key.Key_Tab)
    tile = find_item(ui, "sectionTile0")
    qtbot.waitUntil(lambda: tile.hasActiveFocus())
    QTest.keyClick(ui.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: navigation.property("sectionIndex") == 0)
    wait_until_settled(qtbot, ui)
    QTest.keyClick(ui.window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: navigation.property("panelIndex") == 1)
    QTest.keyClick(ui.window, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: navigation.property("panelIndex") == 0)
    QTest.keyClick(ui.window, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: navigation.property("atHome"))


@pytest.mark.parametrize(("control", "expected_panel"), [("nextButton", 2), ("backButton", 0)])
def test_a_tap_while_the_panels_still_glide_is_kept(
    qtbot: QtBot, open_kiosk: OpenKiosk, control: str, expected_panel: int
) -> None:
    """Swipe, then tap Next or Back before the panels have come to rest: the tap wins."""
    ui = open_kiosk(MINI_EXHIBIT)
    finger = tap_open_section(qtbot, ui, 0)
    panels = find_item(ui, "panelList")
    middle = panels.mapToScene(panels.boundingRect().center()).toPoint()
    third = QPoint(int(panels.width() // 3), 0)
    finger.swipe(middle + third, middle - third)
    qtbot.waitUntil(lambda: ui.navigation.property("panelIndex") == 1)
    assert panels.property("moving"), "the swipe's glide should still be under way"
    finger.tap(find_item(ui, control))
    wait_until_settled(qtbot, ui)
    assert ui.navigation.property("panelIndex") == expected_panel
    assert panels.property("currentIndex") == expected_panel


def test_touch_journey_through_a_newly_scaffolded_exhibit(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path
) -> None:
    """What `kiosk new` writes runs as it is: the same journey, through every panel kind."""
    exhibit_dir = tmp_path / "new-exhibit"
    create_exhibit(exhibit_dir)
    test_touch_journey_through_every_panel(qtbot, open_kiosk, exhibit_dir)


def test_an_enlarged_picture_answers_a_finger_and_nothing_beneath_it_does(
    qtbot: QtBot, open_kiosk: OpenKiosk
) -> None:
    # The second section's second panel is a gallery, between two other panels.
    ui = open_kiosk(next(path for path in SHIPPED_EXHIBITS if path.name == "moon-phases"))
    finger = tap_open_section(qtbot, ui, 1)
    ui.navigation.showPanel(1)
    wait_until_settled(qtbot, ui)
    read_the_panel(qtbot, ui, finger)
    panel = current_panel(ui)
    lightbox = search_item(panel, "lightbox")
    assert lightbox is not None
    finger.tap(search_item(panel, "galleryItem1"))
    qtbot.waitUntil(lambda: lightbox.property("opacity") == 1)
    shown = lightbox.property("item")["caption"]
    # The thumbnail beneath the open picture does not answer, and a swipe across the picture
    # turns no panel.
    finger.tap(search_item(panel, "galleryItem0"))
    middle = centre_of(lightbox)
    finger.swipe(middle, middle + QPoint(500, 0))
    wait_until_settled(qtbot, ui)
    assert ui.navigation.property("panelIndex") == 1
    assert lightbox.property("item")["caption"] == shown
    finger.tap(search_item(panel, "lightboxClose"))
    qtbot.waitUntil(lambda: not lightbox.property("open"))
