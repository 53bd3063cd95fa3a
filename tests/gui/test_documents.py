"""Reading a letter up close: its pages zoomed by pinch, double-tap and buttons, turned, and noted."""

import logging
from pathlib import Path

import pytest
import pyvips
from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, QPoint, QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi
from tests.gui.conftest import (
    SWIPE_STEP_MS,
    Finger,
    OpenKiosk,
    centre_of,
    current_panel,
    items_named,
    read_the_panel,
    search_item,
    tap_open_section,
)

pytestmark = pytest.mark.gui

#: A scan large enough for a pyramid of several levels, small enough to cut in a moment.
SCAN_SIZE = (3600, 4800)

TRANSCRIPT = """\
My Dear Mr. Litvinov: I thank you for your letter of this date.

We shall expect that the nearest officer shall be notified immediately of any arrest.

I am [etc.]"""

EXHIBIT = """\
title: Letters
sections:
  - id: letters
    title: Letters
    teaser: Two letters
    panels:
      - kind: document
        title: A letter with pages
        side: first
        date: 1933-11-16
        from: The writer
        to: The reader
        transcript_status: full
        transcript: |
{transcript}
        source: A printed volume, p. 1
        pages:
          - image: media/scan-1.jpg
            alt: The first page of the letter.
            caption: Stand-in page; not a photograph
            credit: Made for the tests
          - image: {second_page}
            alt: The second page of the letter.
            caption: The second page
        annotations:
          - phrase: notified immediately
            note: The right of a consul to hear of an arrest at once.
            region: {{page: 1, x: 2400, y: 3600, width: 800, height: 400}}
          - phrase: I thank you
            note: The usual opening of a reply.
      - kind: text
        title: After the letter
        body: A short text.
"""


def write_scan(path: Path, width: int, height: int, shade: int = 240) -> None:
    """A page-like picture: paper with dark bands for lines, so that tiles differ from one another."""
    page = pyvips.Image.black(width, height) + shade
    for line in range(12):
        top = 400 + line * 300
        page = page.draw_rect(40, 300, top, width - 600, 60, fill=True)
    page.cast("uchar").jpegsave(str(path), Q=80)


def make_exhibit(folder: Path, *, second_page: str = "media/scan-2.jpg") -> Path:
    (folder / "media").mkdir(parents=True)
    write_scan(folder / "media" / "scan-1.jpg", *SCAN_SIZE)
    write_scan(folder / "media" / "scan-2.jpg", 2400, 3200, shade=220)
    transcript = "\n".join("          " + line if line else "" for line in TRANSCRIPT.splitlines())
    (folder / "exhibit.yaml").write_text(
        EXHIBIT.format(transcript=transcript, second_page=second_page), encoding="utf-8"
    )
    return folder


@pytest.fixture
def letters_exhibit(tmp_path: Path) -> Path:
    return make_exhibit(tmp_path / "letters")


def open_letter(
    qtbot: QtBot, open_kiosk: OpenKiosk, exhibit: Path, size: tuple[int, int] = (1920, 1080)
) -> tuple[KioskUi, QQuickItem, Finger]:
    ui = open_kiosk(exhibit, size)
    finger = tap_open_section(qtbot, ui, 0)
    panel = current_panel(ui)
    viewer = search_item(panel, "pageViewer")
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.property("ready"), timeout=15000)
    qtbot.waitUntil(lambda: viewer.property("showing"), timeout=5000)
    return ui, panel, finger


def viewer_of(panel: QQuickItem) -> QQuickItem:
    viewer = search_item(panel, "pageViewer")
    assert viewer is not None
    return viewer


def loaded_tiles(viewer: QQuickItem) -> list[QQuickItem]:
    return [tile for tile in items_named(viewer, "pageTile") if tile.property("loaded")]


def page_rect_in_viewer(viewer: QQuickItem) -> tuple[float, float, float, float]:
    canvas = search_item(viewer, "pageCanvas")
    assert canvas is not None
    corner = canvas.mapToItem(viewer, QPointF(0, 0))
    return corner.x(), corner.y(), canvas.width(), canvas.height()


def zoom_settled(viewer: QQuickItem) -> bool:
    flick = search_item(viewer, "pageFlickable")
    assert flick is not None
    return not flick.property("moving") and not viewer.property("zoomAnimating")


def double_tap(finger: Finger, point: QPoint) -> None:
    finger.tap_at(point)
    QTest.qWait(60)  # a finger's pause between the taps, well inside the double-tap interval
    finger.tap_at(point)


def pinch(finger: Finger, centre: QPoint, start_gap: int, end_gap: int, steps: int = 10) -> None:
    touch = QTest.touchEvent(finger.window, finger.device)
    touch.press(0, centre - QPoint(start_gap // 2, 0), finger.window)
    touch.press(1, centre + QPoint(start_gap // 2, 0), finger.window).commit()
    for step in range(1, steps + 1):
        QTest.qWait(SWIPE_STEP_MS)
        gap = start_gap + (end_gap - start_gap) * step / steps
        touch = QTest.touchEvent(finger.window, finger.device)
        touch.move(0, centre - QPoint(int(gap // 2), 0), finger.window)
        touch.move(1, centre + QPoint(int(gap // 2), 0), finger.window).commit()
    touch = QTest.touchEvent(finger.window, finger.device)
    touch.release(0, centre - QPoint(end_gap // 2, 0), finger.window)
    touch.release(1, centre + QPoint(end_gap // 2, 0), finger.window).commit()


def test_the_whole_page_shows_at_once_from_its_preview(
    qtbot: QtBot, open_kiosk: OpenKiosk, letters_exhibit: Path
) -> None:
    _, panel, _ = open_letter(qtbot, open_kiosk, letters_exhibit)
    viewer = viewer_of(panel)
    x, y, width, height = page_rect_in_viewer(viewer)
    # The whole page, as large as the view allows, in the middle of it.
    assert x >= -0.5
    assert y >= -0.5
    assert x + width <= viewer.width() + 0.5
    assert y + height <= viewer.height() + 0.5
    assert width == pytest.approx(viewer.width(), abs=1) or height == pytest.approx(viewer.height(), abs=1)
    assert width / height == pytest.approx(SCAN_SIZE[0] / SCAN_SIZE[1], rel=0.01)
    assert search_item(viewer, "pagePlaceholder").property("visible") is False


def test_double_tap_zooms_in_about_the_finger_and_again_shows_the_whole_page(
    qtbot: QtBot, open_kiosk: OpenKiosk, letters_exhibit: Path
) -> None:
    _, panel, finger = open_letter(qtbot, open_kiosk, letters_exhibit)
    viewer = viewer_of(panel)
    fit = viewer.property("zoom")
    target = viewer.mapToScene(QPointF(viewer.width() * 0.5, viewer.height() * 0.3)).toPoint()
    double_tap(finger, target)
    qtbot.waitUntil(lambda: viewer.property("zoom") > fit * 2 and zoom_settled(viewer), timeout=5000)
    # The part of the page under the finger is still under it.
    x, y, width, height = page_rect_in_viewer(viewer)
    local = viewer.mapFromScene(QPointF(target))
    assert x <= local.x() <= x + width
    assert y <= local.y() <= y + height
    double_tap(finger, target)
    qtbot.waitUntil(
        lambda: viewer.property("zoom") == pytest.approx(fit) and zoom_settled(viewer), timeout=5000
    )


def test_pinching_zooms_and_only_the_tiles_in_view_are_loaded(
    qtbot: QtBot, open_kiosk: OpenKiosk, letters_exhibit: Path
) -> None:
    _, panel, finger = open_letter(qtbot, open_kiosk, letters_exhibit)
    viewer = viewer_of(panel)
    fit = viewer.property("zoom")
    pinch(finger, centre_of(viewer), 200, 700)
    qtbot.waitUntil(lambda: viewer.property("zoom") > fit * 2.5 and zoom_settled(viewer), timeout=5000)
    qtbot.waitUntil(lambda: len(loaded_tiles(viewer)) > 0, timeout=5000)
    tiles = items_named(viewer, "pageTile")
    # Sharp: the tiles are of a level with at least as many pixels as the screen shows.
    for tile in loaded_tiles(viewer):
        on_screen = tile.mapToScene(QPointF(tile.width(), 0)).x() - tile.mapToScene(QPointF(0, 0)).x()
        assert tile.property("sourceSize").width() + 2 >= on_screen
    # Frugal: no more tiles than cover the view and a margin of one tile each way. A tile of the
    # sharp level shows between 128 and 256 screen pixels wide.
    across = -(-viewer.width() // 128) + 3
    down = -(-viewer.height() // 128) + 3
    assert len(tiles) <= across * down
    # Of one level only (those of the zoom before are let go), and not all of that level's: its
    # tiles span `seam` scan pixels per pixel of theirs.
    seams = {tile.property("seam") for tile in tiles}
    assert len(seams) == 1
    span = 256 * seams.pop()
    every_tile_of_the_level = -(-SCAN_SIZE[0] // span) * -(-SCAN_SIZE[1] // span)
    assert len(tiles) < every_tile_of_the_level


def test_a_drag_glides_on_after_the_finger_lifts(
    qtbot: QtBot, open_kiosk: OpenKiosk, letters_exhibit: Path
) -> None:
    _, panel, finger = open_letter(qtbot, open_kiosk, letters_exhibit)
    viewer = viewer_of(panel)
    search_item(viewer, "zoomIn")
    finger.tap(search_item(viewer, "zoomIn"))
    qtbot.waitUntil(lambda: viewer.property("zoomed") and zoom_settled(viewer), timeout=5000)
    flick = search_item(viewer, "pageFlickable")
    start_y = flick.property("contentY")
    centre = centre_of(viewer)
    finger.swipe(centre + QPoint(0, 150), centre - QPoint(0, 150), steps=6)
    released_at = flick.property("contentY")
    assert released_at > start_y
    qtbot.waitUntil(lambda: not flick.property("moving"), timeout=5000)
    assert flick.property("contentY") > released_at + 20


def test_whole_page_and_zoom_buttons_serve_visitors_who_do_not_pinch(
    qtbot: QtBot, open_kiosk: OpenKiosk, letters_exhibit: Path
) -> None:
    _, panel, finger = open_letter(qtbot, open_kiosk, letters_exhibit)
    viewer = viewer_of(panel)
    fit = viewer.property("zoom")
    whole_page = search_item(viewer, "fitPage")
    assert not whole_page.property("visible")
    finger.tap(search_item(viewer, "zoomIn"))
    qtbot.waitUntil(lambda: viewer.property("zoom") == pytest.approx(fit * 2) and zoom_settled(viewer))
    assert whole_page.property("visible")
    finger.tap(whole_page)
    qtbot.waitUntil(lambda: viewer.property("zoom") == pytest.approx(fit) and zoom_settled(viewer))
    assert not whole_page.property("visible")


def test_pages_turn_and_each_shows_its_own_caption(
    qtbot: QtBot, open_kiosk: OpenKiosk, letters_exhibit: Path
) -> None:
    _, panel, finger = open_letter(qtbot, open_kiosk, letters_exhibit)
    number = search_item(panel, "pageNumber")
    caption = search_item(panel, "pageCaption")
    assert number.property("text") == "1 of 2"
    assert "not a photograph" in caption.property("text")
    assert not search_item(panel, "previousPage").property("enabled")
    finger.tap(search_item(panel, "nextPage"))
    qtbot.waitUntil(lambda: number.property("text") == "2 of 2")
    viewer = viewer_of(panel)
    qtbot.waitUntil(lambda: viewer.property("ready") and viewer.property("imageWidth") == 2400, timeout=15000)
    assert caption.property("text") == "The second page"
    assert not search_item(panel, "nextPage").property("enabled")


def link_point(text_item: QQuickItem, link: str) -> QPoint | None:
    """Where on screen a link of a rich-text item can be touched."""
    for y in range(2, int(text_item.height()), 6):
        for x in range(2, int(text_item.width()), 6):
            found = QMetaObject.invokeMethod(
                text_item,
                "linkAt",
                Qt.ConnectionType.DirectConnection,
                Q_RETURN_ARG(str),
                Q_ARG(float, x),
                Q_ARG(float, y),
            )
            if found == link:
                return text_item.mapToScene(QPointF(x, y)).toPoint()
    return None


def test_a_touch_on_a_noted_phrase_shows_its_note_and_where_it_stands_on_the_page(
    qtbot: QtBot, open_kiosk: OpenKiosk, letters_exhibit: Path
) -> None:
    _, panel, finger = open_letter(qtbot, open_kiosk, letters_exhibit)
    paragraphs = [item for item in items_named(panel, "") if item.property("html")]
    noted = next(item for item in paragraphs if "note:0" in item.property("html"))
    point = link_point(noted, "note:0")
    assert point is not None
    card = search_item(panel, "noteCard")
    assert not card.property("visible")
    finger.tap_at(point)
    qtbot.waitUntil(lambda: card.property("visible"))
    assert (
        search_item(card, "noteText").property("text")
        == "The right of a consul to hear of an arrest at once."
    )
    assert "notified immediately" in search_item(card, "notePhrase").property("text")
    # The page zooms to the place the note marks, and shows it whole.
    viewer = viewer_of(panel)
    region = search_item(viewer, "pageRegion_0")
    qtbot.waitUntil(lambda: viewer.property("zoomed") and zoom_settled(viewer), timeout=5000)
    corner = region.mapToItem(viewer, QPointF(0, 0))
    assert corner.x() >= 0
    assert corner.y() >= 0
    assert corner.x() + region.width() <= viewer.width()
    assert corner.y() + region.height() <= viewer.height()
    finger.tap(search_item(card, "closeNote"))
    qtbot.waitUntil(lambda: not card.property("visible"))


def test_a_damaged_scan_shows_a_plain_sheet_with_its_caption_and_the_kiosk_goes_on(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    exhibit = make_exhibit(tmp_path / "letters")
    scan = exhibit / "media" / "scan-1.jpg"
    # The header (which validation reads) is intact; the picture data is cut short.
    scan.write_bytes(scan.read_bytes()[:4000])
    ui = open_kiosk(exhibit)
    with caplog.at_level(logging.ERROR):
        tap_open_section(qtbot, ui, 0)
        viewer = viewer_of(current_panel(ui))
        qtbot.waitUntil(lambda: viewer.property("failed"), timeout=15000)
    placeholder = search_item(viewer, "pagePlaceholder")
    assert placeholder.property("visible")
    shown = [item.property("text") for item in items_named(placeholder, "") if item.property("text")]
    assert "This page cannot be shown just now." in shown
    assert "Stand-in page; not a photograph" in shown
    assert any("scan-1.jpg" in record.getMessage() for record in caplog.records)
    # The rest of the letter, and the kiosk, carry on.
    assert ui.navigation.property("panelIndex") == 0
    Finger(ui.window).tap(search_item(ui.window.contentItem(), "nextButton"))
    qtbot.waitUntil(lambda: ui.navigation.property("panelIndex") == 1)


def test_in_portrait_the_transcript_slides_over_the_page_and_back(
    qtbot: QtBot, open_kiosk: OpenKiosk, letters_exhibit: Path
) -> None:
    _, panel, finger = open_letter(qtbot, open_kiosk, letters_exhibit, size=(1080, 1920))
    sheet = search_item(panel, "transcriptOverPage")
    assert sheet is not None
    assert not sheet.property("visible")
    finger.tap(search_item(panel, "showTranscript"))
    qtbot.waitUntil(lambda: sheet.property("visible") and sheet.y() == 0)
    finger.tap(search_item(panel, "showPage"))
    qtbot.waitUntil(lambda: not sheet.property("visible"))


def test_the_zoom_buttons_answer_a_finger_after_the_visitor_has_moved_the_page(
    qtbot: QtBot, open_kiosk: OpenKiosk, letters_exhibit: Path
) -> None:
    ui, panel, finger = open_letter(qtbot, open_kiosk, letters_exhibit)
    read_the_panel(qtbot, ui, finger)
    viewer = viewer_of(panel)
    qtbot.waitUntil(lambda: zoom_settled(viewer))
    fit = viewer.property("zoom")
    finger.tap(search_item(viewer, "zoomIn"))
    qtbot.waitUntil(lambda: viewer.property("zoom") == pytest.approx(fit * 2) and zoom_settled(viewer))
    finger.tap(search_item(viewer, "fitPage"))
    qtbot.waitUntil(lambda: viewer.property("zoom") == pytest.approx(fit) and zoom_settled(viewer))
