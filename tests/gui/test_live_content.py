"""New content shown in a window that is already open: in place, and where the visitor was."""

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi
from kiosk.content.loader import load_exhibit
from tests.conftest import MINI_EXHIBIT
from tests.gui.conftest import (
    OpenKiosk,
    current_panel,
    find_item,
    search_item,
    tap_open_section,
    wait_until_settled,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def exhibit_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI_EXHIBIT, folder)
    return folder


def rewrite(folder: Path, old: str, new: str) -> None:
    path = folder / "exhibit.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def replace_from(ui: KioskUi, folder: Path) -> None:
    result = load_exhibit(folder)
    assert result.exhibit is not None, [problem.format() for problem in result.problems]
    ui.replace_exhibit(result.exhibit)


def shown_panel_title(ui: KioskUi) -> str:
    title = search_item(current_panel(ui), "panelTitle")
    assert title is not None
    return title.property("text")


def test_a_changed_panel_shows_at_once_and_the_visitor_stays_on_it(
    qtbot: QtBot, open_kiosk: OpenKiosk, exhibit_copy: Path
) -> None:
    ui = open_kiosk(exhibit_copy)
    tap_open_section(qtbot, ui, 0)
    ui.navigation.showPanel(1)
    wait_until_settled(qtbot, ui)
    assert shown_panel_title(ui) == "An image panel"
    rewrite(exhibit_copy, "title: An image panel", "title: A picture, retitled")
    replace_from(ui, exhibit_copy)
    qtbot.waitUntil(lambda: shown_panel_title(ui) == "A picture, retitled")
    wait_until_settled(qtbot, ui)
    assert (ui.navigation.property("sectionIndex"), ui.navigation.property("panelIndex")) == (0, 1)
    assert find_item(ui, "panelList").property("currentIndex") == 1


def test_the_visitor_moves_with_their_section_when_one_is_added_before_it(
    qtbot: QtBot, open_kiosk: OpenKiosk, exhibit_copy: Path
) -> None:
    ui = open_kiosk(exhibit_copy)
    tap_open_section(qtbot, ui, 2)  # "Third Section"
    new_section = "sections:\n  - id: new\n    title: A New Section\n    teaser: Added\n    panels:\n      - kind: text\n        title: New\n        body: Words.\n"
    rewrite(exhibit_copy, "sections:\n", new_section)
    replace_from(ui, exhibit_copy)
    wait_until_settled(qtbot, ui)
    assert ui.navigation.property("sectionIndex") == 3
    assert find_item(ui, "sectionTitle").property("text") == "Third Section"
    # The home screen has the new tile, in its place.
    qtbot.waitUntil(lambda: search_item(ui.window.contentItem(), "sectionTile4") is not None)


def test_a_section_that_is_gone_sends_the_visitor_home(
    qtbot: QtBot, open_kiosk: OpenKiosk, exhibit_copy: Path
) -> None:
    ui = open_kiosk(exhibit_copy)
    tap_open_section(qtbot, ui, 3)  # "Fourth Section", the last
    text = (exhibit_copy / "exhibit.yaml").read_text(encoding="utf-8")
    (exhibit_copy / "exhibit.yaml").write_text(text[: text.index("  - id: fourth")], encoding="utf-8")
    replace_from(ui, exhibit_copy)
    qtbot.waitUntil(lambda: ui.navigation.property("atHome"))
    wait_until_settled(qtbot, ui)
    assert search_item(ui.window.contentItem(), "sectionTile3") is None


def test_a_new_theme_colours_the_screen(qtbot: QtBot, open_kiosk: OpenKiosk, exhibit_copy: Path) -> None:
    ui = open_kiosk(exhibit_copy)
    rewrite(exhibit_copy, "theme:\n", "theme:\n  paper: '#D8E4F0'\n")
    replace_from(ui, exhibit_copy)

    def corner_colour() -> QColor:
        return ui.window.grabWindow().pixelColor(4, ui.window.height() // 2)

    qtbot.waitUntil(lambda: corner_colour().name() == "#d8e4f0")
