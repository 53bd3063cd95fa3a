"""The interface's Russian words fit where the English ones do: longer labels push nothing off screen."""

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from tests.conftest import REPOSITORY
from tests.gui.conftest import OpenKiosk, find_item, tap_open_section

EXHIBIT = REPOSITORY / "exhibits" / "recognition-1933"


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_russian_navigation_buttons_stay_on_screen_and_clear_of_each_other(
    qtbot: QtBot, open_kiosk: OpenKiosk, size: tuple[int, int]
) -> None:
    ui = open_kiosk(EXHIBIT, size)
    ui.exhibit.chooseLanguage("ru")
    tap_open_section(qtbot, ui, 1)
    home, back, next_ = (find_item(ui, name) for name in ("homeButton", "backButton", "nextButton"))
    qtbot.waitUntil(lambda: back.property("text") == "Назад")

    window = QRectF(0, 0, *size)
    controls = [home, back, next_, find_item(ui, "progressDots")]
    rects = [scene_rect(item) for item in controls]
    for item, rect in zip(controls, rects, strict=True):
        assert window.contains(rect), f"{item.objectName()} leaves the screen: {rect}"
    for first in range(len(controls)):
        for second in range(first + 1, len(controls)):
            assert not rects[first].intersects(rects[second]), (
                f"{controls[first].objectName()} overlaps {controls[second].objectName()}"
            )
    assert (home.property("text"), next_.property("text")) == ("Главная", "Далее")


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_with_larger_text_a_long_next_leaves_home_and_back_their_symbols_and_their_names(
    qtbot: QtBot, open_kiosk: OpenKiosk, size: tuple[int, int]
) -> None:
    """On a section's last panel Next reads "Следующий раздел": with larger text the footer's row
    has no room for Home's and Back's words, so they show only their symbols (a screen reader still
    says their names); in landscape the footer keeps one row, the panels the height of a second."""
    ui = open_kiosk(EXHIBIT, size)
    ui.exhibit.chooseLanguage("ru")
    ui.access.setLargeText(True)
    tap_open_section(qtbot, ui, 1)
    ui.navigation.showPanel(ui.navigation.property("panelCount") - 1)
    home, back, next_ = (find_item(ui, name) for name in ("homeButton", "backButton", "nextButton"))
    qtbot.waitUntil(lambda: next_.property("text") == "Следующий раздел")
    target = ui.access.property("targetSize")
    qtbot.waitUntil(lambda: home.width() == target and back.width() == target)

    window = QRectF(0, 0, *size)
    controls = [home, back, next_, find_item(ui, "progressDots")]
    qtbot.waitUntil(lambda: not any(scene_rect(a).intersects(scene_rect(b)) for a, b in pairs(controls)))
    for item in controls:
        assert window.contains(scene_rect(item)), f"{item.objectName()} leaves the screen"
    assert (home.property("text"), back.property("text")) == ("Главная", "Назад")
    if size[0] > size[1]:
        assert {round(scene_rect(item).center().y()) for item in controls} == {
            round(scene_rect(home).center().y())
        }


def pairs(items: list[QQuickItem]) -> list[tuple[QQuickItem, QQuickItem]]:
    return [(items[i], items[j]) for i in range(len(items)) for j in range(i + 1, len(items))]
