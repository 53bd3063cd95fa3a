"""A screenshot per language: the home screen and one panel of each section, in both orientations.

The pictures go to the folder KIOSK_SCREENSHOTS names, when it is set, for a person to look at
(`KIOSK_SCREENSHOTS=docs/screenshots make test`); the test asserts what a machine can see in them:
each screen shows the exhibit in the language chosen, drawn, and different from the other
language's.
"""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi
from kiosk.content.loader import load_exhibit
from tests.conftest import REPOSITORY
from tests.gui.conftest import OpenKiosk, current_panel, find_item, wait_until_settled

pytestmark = pytest.mark.gui

RECOGNITION = REPOSITORY / "exhibits" / "recognition-1933"
SCREENS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
CYRILLIC = range(0x0400, 0x0500)


def ink_share(image: QImage, rect: QRectF) -> float:
    """The share of pixels in rect dark enough to be ink."""
    area = rect.toAlignedRect().intersected(image.rect())
    dark = total = 0
    for y in range(area.top(), area.bottom(), 3):
        for x in range(area.left(), area.right(), 3):
            total += 1
            dark += QColor(image.pixel(x, y)).lightness() < 100
    return dark / max(1, total)


def pictures_loading(root: QQuickItem) -> list[QQuickItem]:
    """Pictures under root still being read or faded in: a screenshot now would show empty frames."""
    loading, pending = [], [root]
    while pending:
        item = pending.pop()
        meta = item.metaObject()
        while meta is not None and meta.className() != "QQuickImageBase":
            meta = meta.superClass()
        # Read, then faded in: a picture shows once both are done.
        showing = meta is not None and item.property("source").toString() and item.isVisible()
        if showing and (item.property("progress") < 1 or item.opacity() < 1):
            loading.append(item)
        pending.extend(item.childItems())
    return loading


def grab(qtbot: QtBot, ui: KioskUi) -> QImage:
    qtbot.waitUntil(lambda: not pictures_loading(ui.window.contentItem()), timeout=10_000)
    return ui.window.grabWindow()  # renders the scene as it stands now


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def has_cyrillic(text: str) -> bool:
    return any(ord(character) in CYRILLIC for character in text)


def heading_text(panel: QQuickItem) -> str:
    """The panel's title as drawn: the first Text item whose words are the panel's title."""
    pending = [panel]
    while pending:
        item = pending.pop(0)
        if item.objectName() == "panelTitle":
            return str(item.property("text"))
        pending.extend(item.childItems())
    return ""


@pytest.fixture
def screenshot_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("screen", SCREENS)
def test_each_language_shows_home_and_a_panel_of_every_section(
    qtbot: QtBot, open_kiosk: OpenKiosk, screenshot_folder: Path, screen: str
) -> None:
    exhibit = load_exhibit(RECOGNITION).exhibit
    assert exhibit is not None
    assert exhibit.languages == ("en", "ru")
    ui = open_kiosk(RECOGNITION, SCREENS[screen])
    shots: dict[tuple[str, str], QImage] = {}
    for language in exhibit.languages:
        ui.exhibit.chooseLanguage(language)
        ui.navigation.goHome()
        wait_until_settled(qtbot, ui)
        title = find_item(ui, "exhibitTitle")
        wanted = exhibit.title.resolve(language)
        qtbot.waitUntil(lambda title=title, wanted=wanted: title.property("text") == wanted)
        assert has_cyrillic(title.property("text")) == (language == "ru")
        image = grab(qtbot, ui)
        assert ink_share(image, scene_rect(title)) > 0.05, f"the {language} title is not drawn"
        shots[(language, "home")] = image
        image.save(str(screenshot_folder / f"{screen}-{language}-home.png"))
        for index, section in enumerate(exhibit.sections):
            ui.navigation.openSection(index)
            ui.navigation.showPanel(0)
            wait_until_settled(qtbot, ui)
            panel = current_panel(ui)
            expected = section.panels[0].title.resolve(language)
            qtbot.waitUntil(lambda panel=panel, expected=expected: heading_text(panel) == expected)
            image = grab(qtbot, ui)
            assert ink_share(image, scene_rect(panel)) > 0.01, f"{section.id} in {language} is blank"
            shots[(language, section.id)] = image
            image.save(str(screenshot_folder / f"{screen}-{language}-{index + 1}-{section.id}.png"))
            ui.navigation.goHome()
            wait_until_settled(qtbot, ui)
    for (language, place), image in shots.items():
        if language != exhibit.languages[0]:
            assert image != shots[(exhibit.languages[0], place)], f"{place} looks the same in {language}"
