"""The fit check agrees with the screen: what it passes neither scrolls nor spills out of its panel
in the real views, and what it flags does, on every shipped exhibit and on edge cases."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app.text_fit import Variant, letter_laid_out, misfits, offscreen_measure
from kiosk.content.loader import load_exhibit
from kiosk.content.models import DocumentPanel, Exhibit
from kiosk.viewmodels.presentation import Presenter
from tests.conftest import MINI_EXHIBIT, SHIPPED_EXHIBITS
from tests.gui.conftest import (
    Finger,
    KioskUi,
    OpenKiosk,
    current_panel,
    items_named,
    search_item,
    wait_until_settled,
)
from tests.gui.test_layout import scene_rect

pytestmark = pytest.mark.gui

SCREENS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
#: The panels whose texts the check lays out; the others have their own rules. Of letters, only
#: those `letter_laid_out` names.
CHECKED_KINDS = ("text", "quote", "image", "people", "gallery", "document", "timeline")
#: Panels whose grid scrolls by design: their heading and introduction must leave its first row whole.
GRID_KINDS = ("people", "gallery")


def scroll_areas(root: QQuickItem) -> list[QQuickItem]:
    """The ScrollArea items under root: the parents of their Flickables."""
    found = []
    for child in root.childItems():
        if child.objectName() == "scrollFlickable":
            found.append(child.parentItem())
        found.extend(scroll_areas(child))
    return found


def spills(root: QQuickItem, panel: QRectF) -> bool:
    """Whether any visible item outside a scrolling area reaches below the panel's bottom edge."""
    for child in root.childItems():
        if not child.isVisible() or child.objectName() == "scrollFlickable":
            continue
        if child.height() > 0 and scene_rect(child).bottom() > panel.bottom() + 1:
            return True
        if spills(child, panel):
            return True
    return False


def first_row_cut_off(area: QQuickItem) -> bool:
    """Whether a grid's first card or picture reaches below its scrolling area, unscrolled."""
    flickable = next(child for child in area.childItems() if child.objectName() == "scrollFlickable")
    content = flickable.childItems()[0]  # the Flickable's contentItem
    grid = next(child for child in content.childItems() if child.childItems())
    first = next(child for child in grid.childItems() if child.height() > 0)
    return scene_rect(first).bottom() > scene_rect(flickable).bottom() + 1


def letter_cut_off(panel: QQuickItem) -> bool:
    """Whether the letter's words on its sheet reach, unscrolled, below what the sheet shows or
    under its foot's "Read the whole letter"."""
    [transcript] = [
        item
        for item in items_named(panel, "transcript")
        if item.objectName() == "transcript" and item.isVisible()
    ]
    flickable = transcript.parentItem()
    while flickable.objectName() != "scrollFlickable":
        flickable = flickable.parentItem()
    assert flickable.property("contentY") == 0
    bottom = scene_rect(transcript).bottom()
    if bottom > scene_rect(flickable).bottom() + 1:
        return True
    foot = search_item(panel, "readWholeLetter")
    return foot is not None and foot.isVisible() and bottom > scene_rect(foot).top() + 1


def card_cut_off(panel: QQuickItem) -> bool:
    """Whether a timeline card shows its date or title cut short, or an era its name (the line
    itself scrolls sideways)."""
    return any(
        item.isVisible() and item.property("truncated")
        for name in ("timelineCardDate", "timelineCardTitle", "timelineEraTitle")
        for item in items_named(panel, name)
    )


def checked_panels(exhibit: Exhibit, variant: Variant) -> set[tuple[int, int]]:
    """The panels whose texts the check lays out in this variant."""
    presenter = Presenter(variant.language, exhibit.languages)
    return {
        (section_index, panel_index)
        for section_index, section in enumerate(exhibit.sections)
        for panel_index, panel in enumerate(section.panels)
        if panel.kind in CHECKED_KINDS
        and (not isinstance(panel, DocumentPanel) or letter_laid_out(panel, variant, presenter))
    }


def overflowing_on_screen(
    qtbot: QtBot, ui: KioskUi, kinds: list[list[str]], checked: set[tuple[int, int]]
) -> set[tuple[int, int]]:
    """The checked panels that scroll or spill, as the window shows them."""
    found = set()
    navigation = ui.navigation
    for section, panel_kinds in enumerate(kinds):
        navigation.openSection(section)
        wait_until_settled(qtbot, ui)
        for index, kind in enumerate(panel_kinds):
            if (section, index) not in checked:
                continue
            navigation.showPanel(index)
            wait_until_settled(qtbot, ui)
            panel = current_panel(ui)
            if kind == "timeline":
                qtbot.waitUntil(lambda panel=panel: bool(items_named(panel, "timelineCardTitle")))
                if card_cut_off(panel):
                    found.add((section, index))
                continue
            areas = scroll_areas(panel)
            assert areas, f"no scrolling area on panel {section}.{index}"
            # Laid out only once the footer has arranged itself for this panel.
            qtbot.waitUntil(lambda panel=panel: panel.height() > 0)
            if kind == "document":
                if letter_cut_off(panel):
                    found.add((section, index))
            elif kind in GRID_KINDS:
                if first_row_cut_off(areas[0]) or spills(panel, scene_rect(panel)):
                    found.add((section, index))
            elif any(area.property("scrollable") for area in areas) or spills(panel, scene_rect(panel)):
                found.add((section, index))
        navigation.goHome()
        wait_until_settled(qtbot, ui)
    return found


def assert_check_agrees(qtbot: QtBot, open_kiosk: OpenKiosk, exhibit_dir: Path, variant: Variant) -> None:
    result = load_exhibit(exhibit_dir)
    assert result.exhibit is not None
    flagged = {
        (misfit.section, misfit.panel) for misfit in misfits(result.exhibit, variant, offscreen_measure())
    }
    kinds = [[panel.kind for panel in section.panels] for section in result.exhibit.sections]
    ui = open_kiosk(exhibit_dir, (variant.width, variant.height))
    ui.exhibit.chooseLanguage(variant.language)
    ui.access.setLargeText(variant.large_text)
    shown = overflowing_on_screen(qtbot, ui, kinds, checked_panels(result.exhibit, variant))
    assert flagged == shown, (
        f"{variant.describe()}: flagged but fits on screen {sorted(flagged - shown)}, "
        f"overflows on screen but passed {sorted(shown - flagged)}"
    )


EXHIBIT_LANGUAGES = [
    (path, language) for path in SHIPPED_EXHIBITS for language in load_exhibit(path).exhibit.languages
]


@pytest.mark.slow
@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize(
    ("exhibit_dir", "language"),
    EXHIBIT_LANGUAGES,
    ids=[f"{path.name}-{language}" for path, language in EXHIBIT_LANGUAGES],
)
def test_the_check_agrees_with_the_views_on_the_shipped_exhibits(
    qtbot: QtBot, open_kiosk: OpenKiosk, exhibit_dir: Path, language: str, screen: str, large_text: bool
) -> None:
    assert_check_agrees(qtbot, open_kiosk, exhibit_dir, Variant(*SCREENS[screen], language, large_text))


# Edge cases: each text set to the most words that fit in one variant, and to one word more.

ENGLISH = [
    "The",
    "talks",
    "went",
    "on",
    "for",
    "days",
    "in",
    "the",
    "White",
    "House,",
    "and",
    "each",
    "side",
    "kept",
    "its",
    "own",
    "notes",
    "of",
    "what",
    "was",
    "said.",
    "Neither",
    "wished",
    "to",
    "be",
    "the",
    "first",
    "to",
    "give",
    "way",
    "on",
    "the",
    "old",
    "debts",
    "or",
    "on",
    "the",
    "question",
    "of",
    "propaganda.",
]
RUSSIAN = [
    "Переговоры",
    "шли",
    "несколько",
    "дней",
    "в",
    "Белом",
    "доме,",
    "и",
    "каждая",
    "сторона",
    "вела",
    "свои",
    "записи",
    "сказанного.",
    "Ни",
    "одна",
    "не",
    "хотела",
    "первой",
    "уступить",
    "в",
    "вопросе",
    "о",
    "старых",
    "долгах",
    "или",
    "о",
    "пропаганде.",
]
#: Words longer than a line of larger text: Text.Wrap breaks them where it must.
LONG_WORDS = ["Weltwirtschaftskonferenzdelegationsmitglieder", "Hochgeschwindigkeitsfernsprechverbindungen"]


def words(count: int, vocabulary: list[str]) -> str:
    return " ".join(vocabulary[index % len(vocabulary)] for index in range(count))


def panel_yaml(kind: str, text: str) -> str:
    quoted = '"' + text.replace('"', '\\"') + '"'
    if kind == "text":
        return f"      - kind: text\n        title: A text panel\n        body: {quoted}\n"
    if kind == "timeline":
        return (
            "      - kind: timeline\n        title: A timeline\n        events:\n"
            f"          - date: 1933-11-16\n            title: {quoted}\n            text: What happened.\n"
            "          - date: 1934-01-01\n            title: Later\n            text: What came next.\n"
        )
    if kind == "quote":
        return (
            "      - kind: quote\n        title: A quote panel\n        text: Words that someone wrote.\n"
            "        attribution: Someone, a letter\n        date: 1933-10-10\n"
            "        source: A printed volume, doc. 1\n"
            f"        context: {quoted}\n"
        )
    return (
        "      - kind: image\n        title: An image panel\n        image: media/bar.svg\n"
        "        alt: A red bar on paper.\n        caption: A drawing of a bar.\n"
        f"        credit: Drawing for the tests\n        body: {quoted}\n"
    )


def write_edge_exhibit(folder: Path, panels: list[tuple[str, str]]) -> Path:
    body = "".join(panel_yaml(kind, text) for kind, text in panels)
    (folder / "exhibit.yaml").write_text(
        "title: Edge cases\nlanguages: [en]\nsections:\n  - id: only\n    title: Only\n"
        f"    teaser: Texts at their limits\n    panels:\n{body}",
        encoding="utf-8",
    )
    return folder


def largest_that_fits(fits: Callable[[int], bool], too_many: int) -> int:
    """The largest count from 1 to `too_many` for which `fits` holds: 1 must, `too_many` must not."""
    low, high = 1, too_many
    assert fits(low)
    assert not fits(high)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return low


def most_words_that_fit(
    folder: Path,
    panels: list[tuple[str, str]],
    index: int,
    vocabulary: list[str],
    variant: Variant,
    too_many: int = 400,
) -> int:
    """The largest count of words that panel `index` takes in `variant` without a misfit."""
    measure = offscreen_measure()

    def fits(count: int) -> bool:
        trial = list(panels)
        trial[index] = (panels[index][0], words(count, vocabulary))
        exhibit = load_exhibit(write_edge_exhibit(folder, trial)).exhibit
        assert exhibit is not None
        return not any(misfit.panel == index for misfit in misfits(exhibit, variant, measure))

    return largest_that_fits(fits, too_many)


@pytest.mark.slow
@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_check_agrees_with_the_views_at_the_limit(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path, screen: str, large_text: bool
) -> None:
    """Texts of the most words that fit, and of one word more, in English, in Russian and in words
    longer than a line, on text, quote and image panels: the first never scroll, the second do."""
    folder = tmp_path / "edge"
    shutil.copytree(MINI_EXHIBIT, folder)
    variant = Variant(*SCREENS[screen], "en", large_text)
    cases = [
        ("text", ENGLISH),
        ("text", RUSSIAN),
        ("text", LONG_WORDS),
        ("quote", ENGLISH),
        ("image", RUSSIAN),
    ]
    assert_agrees_at_the_limit(qtbot, open_kiosk, folder, variant, cases)


@pytest.mark.slow
@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_check_agrees_with_the_views_on_timeline_cards_at_the_limit(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path, screen: str, large_text: bool
) -> None:
    """Event titles of the most words a card shows whole, and of one word more, in English and in
    Russian: the first whole on its card, the second cut short."""
    folder = tmp_path / "edge"
    shutil.copytree(MINI_EXHIBIT, folder)
    variant = Variant(*SCREENS[screen], "en", large_text)
    assert_agrees_at_the_limit(
        qtbot, open_kiosk, folder, variant, [("timeline", ENGLISH), ("timeline", RUSSIAN)], too_many=30
    )


def assert_agrees_at_the_limit(
    qtbot: QtBot,
    open_kiosk: OpenKiosk,
    folder: Path,
    variant: Variant,
    cases: list[tuple[str, list[str]]],
    too_many: int = 400,
) -> None:
    """Each case's panel with the most words that fit, followed by one with a word more: the check
    flags exactly the second of each pair, and the screen agrees."""
    panels = [(kind, "Some words.") for kind, _ in cases for _ in range(2)]
    for number, (kind, vocabulary) in enumerate(cases):
        most = most_words_that_fit(folder, panels, 2 * number, vocabulary, variant, too_many)
        panels[2 * number] = (kind, words(most, vocabulary))
        panels[2 * number + 1] = (kind, words(most + 1, vocabulary))
    write_edge_exhibit(folder, panels)
    result = load_exhibit(folder)
    assert result.exhibit is not None
    flagged = {misfit.panel for misfit in misfits(result.exhibit, variant, offscreen_measure())}
    assert flagged == set(range(1, len(panels), 2))
    assert_check_agrees(qtbot, open_kiosk, folder, variant)


# A letter's excerpt beside its page: the most words that show whole, and one word more.

LETTER = """\
      - kind: document
        title: A letter
        date: 1933-11-16
        from: The writer
        to: The reader
        transcript_status: full
        source: A printed volume, doc. 1
        transcript: "{transcript}"
        excerpt: |
          {excerpt}
          […]
        pages:
          - image: media/paper.png
            alt: A page of the letter.
"""


def write_letters_exhibit(folder: Path, language: str, excerpts: list[str]) -> Path:
    """Letters whose transcripts run on past their excerpts, so that each has its whole a tap away."""
    body = "".join(LETTER.format(excerpt=excerpt, transcript=f"{excerpt} {excerpt}") for excerpt in excerpts)
    (folder / "exhibit.yaml").write_text(
        f"title: Letters\nlanguages: [{language}]\nsections:\n  - id: only\n    title: Only\n"
        f"    teaser: Letters at their limits\n    panels:\n{body}",
        encoding="utf-8",
    )
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_check_agrees_with_the_views_on_a_letters_excerpt_at_the_limit(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path, language: str, large_text: bool
) -> None:
    """Beside its page (landscape), a letter's excerpt of the most words the check passes shows
    whole on the sheet the panel's height, above "Read the whole letter", without scrolling; with
    one word more it is flagged, and on screen its last line is out of sight."""
    folder = tmp_path / "letters"
    shutil.copytree(MINI_EXHIBIT, folder)
    variant = Variant(*SCREENS["landscape"], language, large_text)
    vocabulary = RUSSIAN if language == "ru" else ENGLISH
    measure = offscreen_measure()

    def fits(count: int) -> bool:
        exhibit = load_exhibit(write_letters_exhibit(folder, language, [words(count, vocabulary)])).exhibit
        assert exhibit is not None
        return not misfits(exhibit, variant, measure)

    low, high = 1, 600
    assert fits(low)
    assert not fits(high)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    write_letters_exhibit(folder, language, [words(low, vocabulary), words(low + 1, vocabulary)])
    result = load_exhibit(folder)
    assert result.exhibit is not None
    assert {misfit.panel for misfit in misfits(result.exhibit, variant, measure)} == {1}
    assert checked_panels(result.exhibit, variant) == {(0, 0), (0, 1)}
    assert_check_agrees(qtbot, open_kiosk, folder, variant)


# Panels that scroll by design: a letter's transcript says that there is more, and a finger can act on it.

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def first_document_panel(result_exhibit: object) -> tuple[int, int]:
    for section_index, section in enumerate(result_exhibit.sections):  # type: ignore[attr-defined]
        for panel_index, panel in enumerate(section.panels):
            if panel.kind == "document":
                return section_index, panel_index
    raise AssertionError("no document panel")


@pytest.mark.slow
@pytest.mark.parametrize("screen", SCREENS)
def test_a_transcript_that_scrolls_says_there_is_more_and_a_tap_shows_it(
    qtbot: QtBot, open_kiosk: OpenKiosk, screen: str
) -> None:
    exhibit_dir = SHIPPED_EXHIBITS[[path.name for path in SHIPPED_EXHIBITS].index("recognition-1933")]
    exhibit = load_exhibit(exhibit_dir).exhibit
    section, index = first_document_panel(exhibit)
    ui = open_kiosk(exhibit_dir, SCREENS[screen])
    ui.navigation.openSection(section)
    ui.navigation.showPanel(index)
    wait_until_settled(qtbot, ui)
    panel = current_panel(ui)
    finger = Finger(ui.window)
    # A long letter shows its excerpt first: the transcript that scrolls is the whole letter.
    whole = search_item(panel, "readWholeLetter")
    if whole is not None and whole.isVisible():
        finger.tap(whole)
        qtbot.waitUntil(lambda: panel.property("wholeLetter"))
    toggle = search_item(panel, "showTranscript")
    if toggle is not None and toggle.isVisible():
        finger.tap(toggle)
        qtbot.waitUntil(lambda: search_item(panel, "transcriptOverPage").property("visible"))
    # The transcript's cue: the one over the most text out of sight.
    cues = [item for item in items_named(panel, "moreBelow") if item.isVisible()]
    assert cues, "no cue says there is more"
    cue = max(
        cues, key=lambda item: search_item(item.parentItem(), "scrollFlickable").property("contentHeight")
    )
    area = cue.parentItem()
    flickable = search_item(area, "scrollFlickable")
    assert area.property("scrollable")
    assert scene_rect(area).contains(scene_rect(cue)), "the cue stands inside the text it belongs to"
    assert cue.height() >= ui.access.property("targetSize")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ui.window.grabWindow().save(str(SCREENSHOTS / f"transcript-more-below-{screen}.png"))
    finger.tap(cue)
    qtbot.waitUntil(lambda: flickable.property("contentY") > 0.5 * flickable.height())
    flickable.setProperty("contentY", flickable.property("contentHeight") - flickable.height())
    qtbot.waitUntil(lambda: not cue.isVisible())
    ui.window.grabWindow().save(str(SCREENSHOTS / f"transcript-at-its-end-{screen}.png"))
