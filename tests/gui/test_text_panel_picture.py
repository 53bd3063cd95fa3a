"""A text panel's picture stands beside the words in landscape and under them in portrait."""

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from tests.conftest import MINI_EXHIBIT, REPOSITORY
from tests.gui.conftest import OpenKiosk, current_panel, search_item, wait_until_settled

pytestmark = pytest.mark.gui

SCREENS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


@pytest.fixture
def exhibit_with_picture(tmp_path: Path) -> Path:
    folder = Path(shutil.copytree(MINI_EXHIBIT, tmp_path / "exhibit"))
    shutil.copy(REPOSITORY / "exhibits/recognition-1933/media/two-letters.svg", folder / "media")
    path = folder / "exhibit.yaml"
    text = path.read_text(encoding="utf-8")
    old = "          - another item\n"
    assert old in text
    picture = (
        "        image: media/two-letters.svg\n"
        "        alt: Two letters side by side.\n"
        "        credit: Drawing for the exhibit\n"
    )
    path.write_text(text.replace(old, old + picture, 1), encoding="utf-8")
    return folder


def scene_rect(item: object) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))  # type: ignore[attr-defined]


@pytest.mark.parametrize("screen", SCREENS)
def test_the_picture_fills_the_room_the_words_leave(
    qtbot: QtBot, open_kiosk: OpenKiosk, exhibit_with_picture: Path, tmp_path: Path, screen: str
) -> None:
    ui = open_kiosk(exhibit_with_picture, SCREENS[screen])
    ui.navigation.openSection(0)
    ui.navigation.showPanel(0)
    wait_until_settled(qtbot, ui)
    panel = current_panel(ui)
    picture, body, credit = (
        search_item(panel, name) for name in ("textPanelPicture", "panelBody", "textPanelCredit")
    )
    assert None not in (picture, body, credit)
    assert picture.isVisible()
    assert credit.property("text") == "Drawing for the exhibit"
    shown, words, whole = scene_rect(picture), scene_rect(body), scene_rect(panel)
    assert not shown.intersects(words), "the picture stands over the words"
    assert whole.contains(shown)
    assert whole.contains(scene_rect(credit))
    # A picture worth looking at: in portrait the width of the panel and most of what the
    # words leave, in landscape the heading's column.
    if screen == "portrait":
        assert shown.width() == whole.width()
        assert shown.top() > words.bottom()
        assert shown.height() > 0.3 * whole.height()
    else:
        assert shown.right() < words.left()
        assert shown.width() >= 600
    # The credit stands under the picture, not under empty room (the drawing is 1200 x 900).
    assert abs(shown.height() / shown.width() - 900 / 1200) < 0.01
    assert 0 < scene_rect(credit).top() - shown.bottom() < 20
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    ui.window.grabWindow().save(str(folder / f"{screen}-text-panel-picture.png"))


def test_a_text_panel_without_a_picture_keeps_its_words_to_the_bottom(
    qtbot: QtBot, open_kiosk: OpenKiosk
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, SCREENS["portrait"])
    ui.navigation.openSection(0)
    ui.navigation.showPanel(0)
    wait_until_settled(qtbot, ui)
    panel = current_panel(ui)
    picture = search_item(panel, "textPanelPicture")
    assert picture is not None
    assert not picture.isVisible()
