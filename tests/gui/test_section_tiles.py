"""Section tiles show their pictures at a size worth looking at, in both orientations."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.content.house_rules import TILE_PICTURE_UPRIGHT, tile_picture_box
from tests.conftest import REPOSITORY
from tests.gui.conftest import OpenKiosk, find_item, search_item

pytestmark = pytest.mark.gui

RECOGNITION = REPOSITORY / "exhibits" / "recognition-1933"
SCREENS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def image_of(figure: QQuickItem) -> QQuickItem:
    return next(
        child for child in figure.childItems() if child.metaObject().className().startswith("QQuickImage")
    )


@pytest.mark.parametrize("screen", SCREENS)
def test_a_tile_s_picture_fills_the_tile_above_its_words(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path, screen: str
) -> None:
    ui = open_kiosk(RECOGNITION, SCREENS[screen])
    for index in range(4):
        tile = find_item(ui, f"sectionTile{index}")
        picture = search_item(tile, "tilePicture")
        title = search_item(tile, "tileTitle")
        assert picture is not None
        assert title is not None
        image = image_of(picture)
        qtbot.waitUntil(lambda image=image: image.property("progress") == 1, timeout=10_000)
        shown, whole = scene_rect(picture), scene_rect(tile)
        # From border to border, above the title, and a good share of the tile.
        assert shown.width() == pytest.approx(whole.width() - 4, abs=1)
        assert shown.bottom() <= scene_rect(title).top()
        assert shown.height() >= 0.45 * whole.height()
        # Cropped to fill the band, never shrunk into it with empty bars beside it.
        assert image.property("paintedWidth") >= shown.width() - 1
        assert image.property("paintedHeight") >= shown.height() - 1
        # The house rules (and the guide, through them) judge a tile's picture by the band it fills.
        band = tile_picture_box(4) if screen == "landscape" else TILE_PICTURE_UPRIGHT
        assert (round(shown.width()), round(shown.height())) == tuple(round(side) for side in band)
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    ui.window.grabWindow().save(str(folder / f"{screen}-home-tiles.png"))
