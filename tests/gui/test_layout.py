"""At every supported screen size: nothing overlaps, nothing is cut off, and type stays readable."""

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from tests.conftest import MINI_EXHIBIT, REPOSITORY, SHIPPED_EXHIBITS
from tests.gui.conftest import OpenKiosk, current_panel, find_item, items_named, wait_until_settled

pytestmark = pytest.mark.gui

RECOGNITION = REPOSITORY / "exhibits" / "recognition-1933"
SCREENS = {"landscape": (1920, 1080), "portrait": (1080, 1920), "uhd": (3840, 2160)}
# The smallest text allowed, as a share of the screen's shorter side: 22 px on a 1080p screen.
MIN_TEXT_SHARE = 22 / 1080
MANY_LINES = 1000
#: Titles: set large, they break only between words.
WHOLE_WORD_TEXTS = {"panelTitle", "exhibitTitle", "tileTitle"}


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def is_text(item: QQuickItem) -> bool:
    """Text items, including types that QML files derive from Text."""
    meta = item.metaObject()
    while meta is not None:
        if meta.className() == "QQuickText":
            return True
        meta = meta.superClass()
    return False


def visible_texts(root: QQuickItem, inside_scroll: bool = False) -> list[tuple[QQuickItem, bool]]:
    """Every visible Text item under root, and whether it lies in a scrolling area."""
    found = []
    for child in root.childItems():
        if not child.isVisible() or child.opacity() == 0:
            continue
        scrolling = inside_scroll or child.objectName() == "scrollFlickable"
        if is_text(child) and child.property("text"):
            found.append((child, scrolling))
        found.extend(visible_texts(child, scrolling))
    return found


def text_problems(root: QQuickItem, screen: QRectF, area: QRectF | None = None) -> list[str]:
    """Texts under root that are too small, cut off, off the screen, or (given an area, such as a
    panel's) outside that area while not in a scrolling part of it."""
    problems = []
    minimum = MIN_TEXT_SHARE * min(screen.width(), screen.height())
    for text, scrolling in visible_texts(root):
        label = repr(text.property("text")[:40])
        rect = scene_rect(text)
        if not screen.intersects(rect) and area is None:
            continue  # a neighbouring panel, waiting off screen
        if text.property("font").pixelSize() < minimum - 0.5:
            problems.append(f"{label} is too small: {text.property('font').pixelSize()} px")
        shortened_on_purpose = text.property("maximumLineCount") < MANY_LINES
        if text.property("truncated") and not shortened_on_purpose:
            problems.append(f"{label} is cut off")
        if text.objectName() in WHOLE_WORD_TEXTS and broken_word(text):
            problems.append(f"{label} breaks inside the word {broken_word(text)!r}")
        if rect.left() < -0.5 or rect.right() > screen.right() + 0.5:
            problems.append(f"{label} runs off the screen sideways")
        if area is not None and not scrolling and not area.adjusted(-1, -1, 1, 1).contains(rect):
            problems.append(f"{label} spills out of its panel")
    return problems


def broken_word(text: QQuickItem) -> str:
    """A word of the text wider than its item, which a line break must split; else ''."""
    metrics = QFontMetricsF(text.property("font"))
    words = str(text.property("text")).split()
    return next((word for word in words if metrics.horizontalAdvance(word) > text.width() + 0.5), "")


def overlapping(items: list[QQuickItem]) -> list[str]:
    rects = [(item.objectName(), scene_rect(item)) for item in items if item.isVisible()]
    return [
        f"{first} overlaps {second}"
        for index, (first, a) in enumerate(rects)
        for second, b in rects[index + 1 :]
        if a.intersects(b)
    ]


#: Every exhibit in its first language, and the bilingual one in its second: Russian runs longer.
EXHIBITS_IN_LANGUAGES = [
    *((path, "") for path in (MINI_EXHIBIT, *SHIPPED_EXHIBITS)),
    (RECOGNITION, "ru"),
]


@pytest.mark.parametrize("screen", SCREENS, ids=str)
@pytest.mark.parametrize(
    ("exhibit_dir", "language"),
    EXHIBITS_IN_LANGUAGES,
    ids=[f"{path.name}-{language}" if language else path.name for path, language in EXHIBITS_IN_LANGUAGES],
)
def test_every_screen_fits(
    qtbot: QtBot, open_kiosk: OpenKiosk, exhibit_dir: Path, language: str, screen: str
) -> None:
    size = SCREENS[screen]
    ui = open_kiosk(exhibit_dir, size)
    if language:
        ui.exhibit.chooseLanguage(language)
        assert ui.exhibit.property("language") == language
    window = QRectF(0, 0, *size)
    tiles = sorted(
        items_named(find_item(ui, "homeScreen"), "sectionTile"), key=lambda tile: tile.objectName()
    )
    problems = overlapping([find_item(ui, "exhibitTitle"), *tiles])
    problems += [
        f"{tile.objectName()} leaves the screen" for tile in tiles if not window.contains(scene_rect(tile))
    ]
    problems += [f"home: {problem}" for problem in text_problems(find_item(ui, "homeScreen"), window, window)]
    navigation = ui.navigation
    for section in range(len(tiles)):
        navigation.openSection(section)
        wait_until_settled(qtbot, ui)
        controls = [
            find_item(ui, name) for name in ("homeButton", "backButton", "progressDots", "nextButton")
        ]
        problems += [f"section {section}: {problem}" for problem in overlapping(controls)]
        for panel in range(navigation.property("panelCount")):
            navigation.showPanel(panel)
            wait_until_settled(qtbot, ui)
            where = f"section {section} panel {panel}"
            shown = current_panel(ui)
            problems += [f"{where}: {problem}" for problem in text_problems(shown, window, scene_rect(shown))]
            problems += [
                f"{where}: {problem}" for problem in text_problems(find_item(ui, "sectionScreen"), window)
            ]
        navigation.goHome()
        wait_until_settled(qtbot, ui)
    assert not problems, "\n".join(problems)


def dark_share(image: QImage, rect: QRectF) -> float:
    """The share of pixels in rect dark enough to be ink."""
    area = rect.toAlignedRect().intersected(image.rect())
    step = 2
    dark = total = 0
    for y in range(area.top(), area.bottom(), step):
        for x in range(area.left(), area.right(), step):
            total += 1
            if QColor(image.pixel(x, y)).lightness() < 100:
                dark += 1
    return dark / max(1, total)


@pytest.mark.parametrize("screen", ["landscape", "portrait"])
def test_home_screen_shows_real_text(
    qtbot: QtBot, open_kiosk: OpenKiosk, screen: str, tmp_path: Path
) -> None:
    ui = open_kiosk(RECOGNITION, SCREENS[screen])
    title = find_item(ui, "exhibitTitle")
    tiles = sorted(
        items_named(find_item(ui, "homeScreen"), "sectionTile"), key=lambda tile: tile.objectName()
    )
    tile_titles = [items_named(tile, "tileTitle")[0] for tile in tiles]
    assert title.property("text") == "Recognition, 1933"
    assert [item.property("text") for item in tile_titles] == [
        "Context",
        "Negotiations",
        "The Exchange of Letters",
        "Legacy",
    ]
    image = ui.window.grabWindow()
    image.save(str(tmp_path / f"home-{screen}.png"))
    assert (image.width(), image.height()) == SCREENS[screen]
    # Glyphs, not empty boxes or blank paper: ink covers part of each text's box, never all of it.
    for item in [title, *tile_titles]:
        text_box = QRectF(scene_rect(item).topLeft(), scene_rect(item).topLeft())
        text_box.setWidth(item.property("contentWidth"))
        text_box.setHeight(item.property("contentHeight"))
        share = dark_share(image, text_box)
        assert 0.05 < share < 0.8, f"{item.property('text')!r}: {share:.2f} of its box is ink"
    paper = QColor(ui.exhibit.property("theme").property("paper"))
    assert QColor(image.pixel(5, 5)) == paper


@pytest.mark.parametrize("screen", ["landscape", "portrait"])
def test_a_crowded_gallery_keeps_its_pictures_large_and_scrolls(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path, screen: str
) -> None:
    """Twelve pictures under a long intro: each stays big enough to see, and the grid scrolls."""
    folder = tmp_path / "crowded"
    shutil.copytree(MINI_EXHIBIT, folder)
    exhibit = folder / "exhibit.yaml"
    items = "".join(
        f"          - image: media/square.svg\n            alt: A blue circle.\n"
        f"            caption: Picture {number}.\n            credit: Drawing for the tests\n"
        for number in range(12)
    )
    intro = "        intro: " + "A sentence of about ten words to make the intro long. " * 9 + "\n"
    text = exhibit.read_text(encoding="utf-8")
    start = text.index("      - kind: gallery")
    end = text.index("  - id: fourth")
    exhibit.write_text(
        text[:start]
        + "      - kind: gallery\n        title: A crowded gallery\n"
        + intro
        + "        items:\n"
        + items
        + text[end:],
        encoding="utf-8",
    )
    size = SCREENS[screen]
    ui = open_kiosk(folder, size)
    ui.navigation.openSection(2)
    wait_until_settled(qtbot, ui)
    unit = min(size) / 1080
    thumbnails = items_named(current_panel(ui), "galleryItem")
    assert len(thumbnails) == 12
    assert all(thumbnail.height() >= 300 * unit for thumbnail in thumbnails)
    flickables = [
        item for item in items_named(current_panel(ui), "scrollFlickable") if item.property("interactive")
    ]
    assert flickables, "the crowded grid should scroll"
