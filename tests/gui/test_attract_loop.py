"""The attract loop on its own: slides that follow one another for ever, their words, and rest."""

import shutil
import time
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QObject, QUrl
from PySide6.QtQml import QQmlApplicationEngine, QQmlComponent, QQmlProperty, qmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow
from pytestqt.qtbot import QtBot

from kiosk.app.fonts import register_bundled_fonts
from kiosk.app.text_fit import SLACK, Variant, offscreen_measure, slide_misfits
from kiosk.app.window import QML_DIR, create_ui, follow_window_size
from kiosk.content.loader import load_exhibit
from kiosk.content.models import Theme
from kiosk.viewmodels import register_qml_types
from kiosk.viewmodels.access import KioskAccess
from kiosk.viewmodels.exhibit import SLIDE_ROLES
from kiosk.viewmodels.geometry import KioskGeometry, attach_geometry
from kiosk.viewmodels.layouts import KioskLayouts
from kiosk.viewmodels.records import KioskRecordListModel
from kiosk.viewmodels.theme import KioskTheme
from tests.conftest import MINI_EXHIBIT, SHIPPED_EXHIBITS
from tests.gui.conftest import search_item
from tests.gui.test_text_fit import largest_that_fits

pytestmark = pytest.mark.gui

MEDIA = MINI_EXHIBIT / "media"
SLIDES = [
    {
        "image": (MEDIA / "square.svg").as_uri(),
        "alt": "A blue circle.",
        "credit": "Drawing for the tests",
        "headline": "A headline in the exhibit's own words",
        "quote": "",
        "attribution": "",
        "caption": "The first caption.",
        "video": "",
        "language": "en",
        "title": "Recognition, 1933",
        "quoteMark": "“",
    },
    {
        "image": (MEDIA / "bar.svg").as_uri(),
        "alt": "A red bar on paper.",
        "credit": "Drawing for the tests",
        "headline": "",
        "quote": "Words that someone wrote.",
        "attribution": "Someone, a letter, 10 October 1933",
        "caption": "The second caption.",
        "video": "",
        "language": "en",
        "title": "Recognition, 1933",
        "quoteMark": "“",
    },
    {
        "image": (MEDIA / "paper.png").as_uri(),
        "alt": "A plain paper colour.",
        "credit": "Drawing for the tests",
        "headline": "A third slide",
        "quote": "",
        "attribution": "",
        "caption": "",
        "video": "",
        "language": "en",
        "title": "Recognition, 1933",
        "quoteMark": "“",
    },
]

# The loop in a window that gives it the theme, as Main.qml does.
WINDOW_QML = """
import QtQuick
import Kiosk

Window {
    id: window

    required property var theme
    required property var layouts
    required property var slides
    required property real secondsPerSlide
    required property var invitations

    Binding {
        target: Style
        property: "theme"
        value: window.theme
    }
    Binding {
        target: Style
        property: "layouts"
        value: window.layouts
    }

    AttractLoop {
        objectName: "attractLoop"
        slides: window.slides
        secondsPerSlide: window.secondsPerSlide
        title: "Recognition, 1933"
        invitations: window.invitations
        invitation: "Touch the screen to begin"
    }
}
"""

OpenLoop = Callable[..., tuple[QQuickWindow, QQuickItem]]


@pytest.fixture
def open_loop(qtbot: QtBot) -> Iterator[OpenLoop]:
    """Opens the loop over the given slides; returns its window and the loop."""
    opened: list[tuple[QQmlApplicationEngine, QQuickWindow, list[Any]]] = []

    def open_(
        slides: list[dict[str, str]],
        seconds_per_slide: float = 0.2,
        size: tuple[int, int] = (1920, 1080),
        invitations: list[str] | None = None,
    ) -> tuple[QQuickWindow, QQuickItem]:
        register_bundled_fonts()
        register_qml_types()
        model = KioskRecordListModel(SLIDE_ROLES)
        model.reset(slides)
        theme = KioskTheme(Theme().model_dump())
        engine = QQmlApplicationEngine()
        # Owned by the engine, as the kiosk's are: they go after the views that read them.
        access = KioskAccess(parent=engine)
        geometry = KioskGeometry(access, parent=engine)
        engine.addImportPath(str(QML_DIR))
        attach_geometry(engine, geometry)
        layouts = KioskLayouts()
        engine.setInitialProperties(
            {
                "theme": theme,
                "layouts": layouts,
                "slides": model,
                "secondsPerSlide": seconds_per_slide,
                "invitations": invitations or [],
            }
        )
        engine.loadData(QByteArray(WINDOW_QML.encode()))
        roots = engine.rootObjects()
        assert roots
        assert isinstance(roots[0], QQuickWindow)
        window = roots[0]
        follow_window_size(window, access)
        opened.append((engine, window, [model, theme, layouts]))
        window.resize(*size)
        with qtbot.waitSignal(window.frameSwapped):
            window.show()
        loop = search_item(window.contentItem(), "attractLoop")
        assert loop is not None
        return window, loop

    yield open_
    for engine, window, _kept in opened:
        window.close()
        del engine


def descendants(item: QQuickItem) -> Iterator[QQuickItem]:
    yield item
    for child in item.childItems():
        yield from descendants(child)


def named(root: QQuickItem, name: str) -> QQuickItem:
    found = search_item(root, name)
    assert found is not None, f"no item named {name!r}"
    return found


def current_slide(loop: QQuickItem) -> QQuickItem:
    return named(loop, f"attractSlide{loop.property('currentIndex')}")


ANIMATION_CLASSES = {"QQuickAbstractAnimation", "QQuickFrameAnimation"}


def animations(loop: QQuickItem) -> list[QObject]:
    """Every animation declared anywhere in the loop, its delegates included."""
    found = []
    for item in descendants(loop):
        for child in item.children():
            meta = child.metaObject()
            while meta is not None and meta.className() not in ANIMATION_CLASSES:
                meta = meta.superClass()
            if meta is not None:
                found.append(child)
    return found


def test_advances_to_the_next_slide_and_wraps_around_for_ever(qtbot: QtBot, open_loop: OpenLoop) -> None:
    _window, loop = open_loop(SLIDES)
    seen = [loop.property("currentIndex")]
    loop.currentIndexChanged.connect(lambda: seen.append(loop.property("currentIndex")))
    qtbot.waitUntil(lambda: seen.count(0) >= 3, timeout=10_000)
    # Each slide is followed by the next, and the last by the first, again and again.
    moves = [(before, after) for before, after in pairwise(seen) if before >= 0]
    assert all(after == (before + 1) % len(SLIDES) for before, after in moves), seen
    assert moves.count((len(SLIDES) - 1, 0)) >= 2


def test_shows_the_words_of_the_slide_in_front(qtbot: QtBot, open_loop: OpenLoop) -> None:
    _window, loop = open_loop(SLIDES, seconds_per_slide=0.3)
    qtbot.waitUntil(lambda: loop.property("currentIndex") == 1, timeout=5000)
    slide = current_slide(loop)
    assert named(slide, "attractQuote").property("text") == "Words that someone wrote."
    assert named(slide, "attractAttribution").property("text") == "— Someone, a letter, 10 October 1933"
    assert named(slide, "attractAttribution").isVisible()
    assert named(slide, "attractCaption").property("text") == "The second caption."
    assert named(slide, "attractCredit").property("text") == "Drawing for the tests"
    qtbot.waitUntil(lambda: loop.property("currentIndex") == 2, timeout=5000)
    slide = current_slide(loop)
    assert named(slide, "attractHeadline").property("text") == "A third slide"
    assert not named(slide, "attractAttribution").isVisible()
    assert not named(slide, "attractCaption").isVisible()


def test_the_words_fade_in_once_the_picture_has_come(qtbot: QtBot, open_loop: OpenLoop) -> None:
    _window, loop = open_loop(SLIDES, seconds_per_slide=0.5)
    qtbot.waitUntil(lambda: loop.property("currentIndex") == 1, timeout=5000)
    words = named(current_slide(loop), "attractWords")
    qtbot.waitUntil(lambda: words.property("opacity") == 1, timeout=5000)
    assert named(current_slide(loop), "attractPicture").property("opacity") == 1


def test_a_slide_alone_drifts_back_and_forth_without_a_jump(qtbot: QtBot, open_loop: OpenLoop) -> None:
    window, loop = open_loop(SLIDES[:1], seconds_per_slide=0.4)
    # Fast enough to see the picture travel in a test; the kiosk's pace is a few pixels a second.
    loop.setProperty("pace", 200)
    photo = named(loop, "attractPhoto")
    positions: list[tuple[float, float]] = []
    window.frameSwapped.connect(lambda: positions.append((photo.x(), photo.y())))
    shown = loop.property("slidesShown")
    qtbot.waitUntil(lambda: loop.property("slidesShown") >= shown + 3, timeout=5000)
    travel = loop.property("travel")
    assert travel >= 40
    xs = [x for x, _y in positions]
    assert max(xs) - min(xs) >= travel / 2, "the picture did not travel"
    steps = [abs(later - earlier) for earlier, later in pairwise(xs)]
    assert max(steps) <= travel / 4, f"the picture jumped by {max(steps)} pixels"
    assert loop.property("currentIndex") == 0


def test_running_false_stops_every_animation(qtbot: QtBot, open_loop: OpenLoop) -> None:
    window, loop = open_loop(SLIDES)
    qtbot.waitUntil(lambda: loop.property("slidesShown") >= 2, timeout=5000)
    assert any(animation.property("running") for animation in animations(loop))
    last_frame = [time.monotonic()]
    window.frameSwapped.connect(lambda: last_frame.__setitem__(0, time.monotonic()))
    loop.setProperty("running", False)
    assert animations(loop), "the loop's animations were not found"
    assert [animation for animation in animations(loop) if animation.property("running")] == []
    shown = loop.property("slidesShown")
    # Nothing moves, so the window soon stops drawing: an idle loop costs nothing. (A running loop
    # draws every 16 ms, and never goes quiet for this long.)
    qtbot.waitUntil(lambda: time.monotonic() - last_frame[0] > 0.4, timeout=5000)
    assert loop.property("slidesShown") == shown
    loop.setProperty("running", True)
    qtbot.waitUntil(lambda: loop.property("slidesShown") > shown, timeout=5000)


def test_a_hidden_loop_does_not_run(qtbot: QtBot, open_loop: OpenLoop) -> None:
    _window, loop = open_loop(SLIDES)
    loop.setProperty("visible", False)
    assert not loop.property("running")
    assert [animation for animation in animations(loop) if animation.property("running")] == []


def test_without_slides_the_title_card_invites_a_touch(qtbot: QtBot, open_loop: OpenLoop) -> None:
    _window, loop = open_loop([])
    card = named(loop, "attractTitleCard")
    assert card.isVisible()
    assert named(card, "attractTitle").property("text") == "Recognition, 1933"
    assert named(card, "attractInvitation").property("text") == "Touch the screen to begin"
    assert search_item(loop, "attractSlide0") is None
    # The invitation keeps pulsing, and nothing else runs.
    running = [animation for animation in animations(loop) if animation.property("running")]
    assert len(running) == 1


def test_a_slide_shows_the_title_small_and_the_invitation(qtbot: QtBot, open_loop: OpenLoop) -> None:
    _window, loop = open_loop(SLIDES)
    qtbot.waitUntil(lambda: loop.property("currentIndex") == 0, timeout=5000)
    assert not named(loop, "attractTitleCard").isVisible()
    assert named(loop, "attractSmallTitle").property("text") == "Recognition, 1933"
    invitations = [
        item for item in descendants(loop) if item.objectName() == "attractInvitation" and item.isVisible()
    ]
    assert [item.property("text") for item in invitations] == ["Touch the screen to begin"]


def shipped_slides(exhibit_dir: Path) -> list[dict[str, Any]]:
    """The exhibit's attract slides, each in each of its languages, as the kiosk shows them."""
    return slides_and_invitations(exhibit_dir)[0]


def slides_and_invitations(exhibit_dir: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The exhibit's attract slides as the kiosk shows them, and the lines of its invitation."""
    result = load_exhibit(exhibit_dir)
    assert result.exhibit is not None
    ui = create_ui(result.exhibit)
    try:
        model = ui.exhibit.property("attractSlides")
        invitations = list(ui.exhibit.property("invitations"))
        return [model.record(row) for row in range(model.rowCount())], invitations
    finally:
        ui.dispose()


SCREENS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def overflowing_slides(
    qtbot: QtBot, open_loop: OpenLoop, exhibit_dir: Path, size: tuple[int, int]
) -> set[tuple[int, str]]:
    """The slides (index, language) whose words the loop on screen lets run out of their box, down
    towards the invitation."""
    slides, invitations = slides_and_invitations(exhibit_dir)
    _window, loop = open_loop(slides, seconds_per_slide=0.3, size=size, invitations=invitations)
    box = named(loop, "attractWordsBox")
    count = len(load_exhibit(exhibit_dir).exhibit.attract.slides)
    over = set()
    for index, record in enumerate(slides):
        qtbot.waitUntil(lambda index=index: loop.property("currentIndex") == index, timeout=5000)
        if named(current_slide(loop), "attractBlock").height() > box.height() + SLACK:
            over.add((index % count, record["language"]))
    return over


def flagged_slides(exhibit_dir: Path, size: tuple[int, int]) -> set[tuple[int, str]]:
    exhibit = load_exhibit(exhibit_dir).exhibit
    assert exhibit is not None
    measure = offscreen_measure()
    return {
        (index, language)
        for language in exhibit.languages
        for index, _where, _shortfall in slide_misfits(exhibit, Variant(*size, language, False), measure)
    }


@pytest.mark.parametrize("exhibit_dir", SHIPPED_EXHIBITS, ids=lambda path: path.name)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_check_agrees_with_the_loop_on_the_shipped_slides(
    qtbot: QtBot, open_loop: OpenLoop, exhibit_dir: Path, screen: str
) -> None:
    # The Russian embassy slide's words ran down over "Touch the screen to begin" on both screens,
    # and `kiosk validate` did not look at slides.
    size = SCREENS[screen]
    assert overflowing_slides(qtbot, open_loop, exhibit_dir, size) == flagged_slides(exhibit_dir, size)


# Edge cases: a caption of the most words the check lets through beside a headline or a
# quotation, and one word more.

SLIDE_EXHIBIT = """\
title: Slides at their limits
languages: [en]
attract:
  slides:
{slides}
sections:
  - id: only
    title: Only
    teaser: One panel
    panels:
      - kind: text
        title: A text panel
        body: Some words.
"""
WORDS = {
    "en": "The talks went on for days in the White House, and each side kept its own notes of what was said.",
    "ru": "Переговоры шли несколько дней в Белом доме, и каждая сторона вела свои записи сказанного.",
}


def slide_yaml(kind: str, caption: str) -> str:
    words = (
        "      headline: Ten minutes to midnight on the sixteenth of November\n"
        if kind == "headline"
        else "      quote: Words that someone wrote in a letter, at some length, to someone else far away.\n"
        "      attribution: Someone, a letter to someone else, 10 October 1933\n"
    )
    return (
        "    - image: media/square.svg\n      alt: A blue circle.\n      credit: Drawing for the tests\n"
        f'{words}      caption: "{caption}"\n'
    )


def caption_of(count: int, language: str) -> str:
    vocabulary = WORDS[language].split()
    return " ".join(vocabulary[index % len(vocabulary)] for index in range(count))


def write_slides(folder: Path, slides: list[tuple[str, str]]) -> Path:
    folder.mkdir(exist_ok=True)
    if not (folder / "media").exists():
        shutil.copytree(MEDIA, folder / "media")
    text = SLIDE_EXHIBIT.format(slides="".join(slide_yaml(kind, caption) for kind, caption in slides))
    (folder / "exhibit.yaml").write_text(text, encoding="utf-8")
    return folder


def most_caption_words_that_fit(folder: Path, kind: str, language: str, size: tuple[int, int]) -> int:
    measure = offscreen_measure()

    def fits(count: int) -> bool:
        exhibit = load_exhibit(write_slides(folder, [(kind, caption_of(count, language))])).exhibit
        assert exhibit is not None
        return not slide_misfits(exhibit, Variant(*size, "en", False), measure)

    return largest_that_fits(fits, too_many=200)


@pytest.mark.slow
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("kind", ["headline", "quote"])
def test_the_check_agrees_with_the_loop_at_the_limit(
    qtbot: QtBot, open_loop: OpenLoop, tmp_path: Path, kind: str, language: str, screen: str
) -> None:
    size = SCREENS[screen]
    limit = most_caption_words_that_fit(tmp_path / "trial", kind, language, size)
    folder = write_slides(
        tmp_path / "edge", [(kind, caption_of(limit, language)), (kind, caption_of(limit + 1, language))]
    )
    assert flagged_slides(folder, size) == {(1, "en")}
    assert overflowing_slides(qtbot, open_loop, folder, size) == {(1, "en")}


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_the_words_never_stand_over_the_picture(
    qtbot: QtBot, open_loop: OpenLoop, size: tuple[int, int]
) -> None:
    _window, loop = open_loop(SLIDES, seconds_per_slide=0.3, size=size)
    for index in range(len(SLIDES)):
        qtbot.waitUntil(lambda index=index: loop.property("currentIndex") == index, timeout=5000)
        slide = current_slide(loop)
        picture = named(slide, "attractPicture")
        words = named(slide, "attractWords")
        area = picture.mapRectToScene(picture.boundingRect())
        text = named(words, "attractBlock")
        block = text.mapRectToScene(text.boundingRect())
        assert area.width() > 0.4 * size[0]
        assert not area.intersects(block), (area, block)
        assert loop.mapRectToScene(loop.boundingRect()).contains(block)


def test_the_loop_draws_on_every_second_frame_of_the_animation_timer_at_most(
    qtbot: QtBot, open_loop: OpenLoop
) -> None:
    window, loop = open_loop(SLIDES, seconds_per_slide=1.0)
    qtbot.waitUntil(lambda: loop.property("slidesShown") >= 1, timeout=5000)
    # A counter of the animation timer's frames, beside the loop.
    counter = QQmlComponent(qmlEngine(loop))
    counter.setData(
        b"import QtQuick\nFrameAnimation { property int ticks: 0; running: true; onTriggered: ticks += 1 }",
        QUrl(),
    )
    ticks = counter.create()
    assert ticks is not None, counter.errorString()
    frames = [0]
    window.frameSwapped.connect(lambda: frames.__setitem__(0, frames[0] + 1))
    shown = loop.property("slidesShown")
    # Crossfades, a drifting picture, fading words and the invitation's ring all come and go.
    loop.setProperty("pace", 200)
    qtbot.waitUntil(lambda: loop.property("slidesShown") >= shown + 3, timeout=10_000)
    ticks.setProperty("running", False)
    counted = ticks.property("ticks")
    assert counted > 60
    # Everything that moves changes in the same frames, 30 a second on a 60 Hz timer; a few more
    # come as a slide comes in (its words drawn into their layer, the next picture loaded).
    assert frames[0] <= counted / 2 + 5 * 3 + 2, (frames[0], counted)


def test_words_that_stand_still_are_not_kept_in_a_layer(qtbot: QtBot, open_loop: OpenLoop) -> None:
    _window, loop = open_loop(SLIDES, seconds_per_slide=2.0)
    qtbot.waitUntil(lambda: loop.property("currentIndex") == 1, timeout=5000)
    words = named(current_slide(loop), "attractWords")
    # While they fade they are a layer, a copy each frame; standing still they are plain text,
    # which the software renderer leaves alone, where it repaints a layer in every frame.
    layer = QQmlProperty(words, "layer.enabled")
    assert layer.read()
    qtbot.waitUntil(lambda: words.property("opacity") == 1, timeout=5000)
    assert not layer.read()
