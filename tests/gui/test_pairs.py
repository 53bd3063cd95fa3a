"""A letter and its reply compared clause by clause: level paragraphs, notes on both, their pages."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi
from tests.gui.conftest import Finger, OpenKiosk, current_panel, items_named, search_item, tap_open_section
from tests.gui.test_documents import link_point, write_scan
from tests.gui.test_layout import scene_rect

pytestmark = pytest.mark.gui

EXHIBIT = """\
title: Pairs
theme:
  accents: {us: "#1F3A66", soviet: "#9E2B25"}
sections:
  - id: pair
    title: A pair
    teaser: A pledge and its answer
    panels:
      - kind: pair
        title: A pledge, and the answer
        side: both
        intro: Two letters, paragraph beside paragraph.
        letters:
          - side: soviet
            date: 1933-11-16
            from: The first writer
            to: The second writer
            transcript_status: partial
            source: A printed volume, p. 28
            transcript: |
              It will be the fixed policy of the Government to respect the right of the other to
              order its own life in its own way.

              A second clause.

              A third clause, with no answer beside it.
            annotations:
              - phrase: fixed policy
                note: Both letters use these words.
          - side: us
            date: 1933-11-16
            from: The second writer
            to: The first writer
            transcript_status: partial
            source: A printed volume, doc. 588
            transcript: |
              I am glad to have received the assurance.

              It will be the fixed policy of the Executive within the limits of the powers
              conferred by the Constitution to adhere reciprocally.
            annotations:
              - phrase: within the limits of the powers
                note: The answer binds only the Executive.
            pages:
              - image: media/answer.jpg
                alt: The answer's page.
                caption: Stand-in page; not a photograph
"""


@pytest.fixture
def pair_exhibit(tmp_path: Path) -> Path:
    folder = tmp_path / "pairs"
    (folder / "media").mkdir(parents=True)
    write_scan(folder / "media" / "answer.jpg", 1700, 2200)
    (folder / "exhibit.yaml").write_text(EXHIBIT, encoding="utf-8")
    return folder


def open_pair(
    qtbot: QtBot, open_kiosk: OpenKiosk, exhibit: Path, size: tuple[int, int] = (1920, 1080)
) -> tuple[KioskUi, QQuickItem, Finger]:
    ui = open_kiosk(exhibit, size)
    finger = tap_open_section(qtbot, ui, 0)
    return ui, current_panel(ui), finger


def scene_y(item: QQuickItem) -> float:
    return item.mapToScene(QPointF(0, 0)).y()


def test_each_paragraph_stands_level_with_the_one_it_answers(
    qtbot: QtBot, open_kiosk: OpenKiosk, pair_exhibit: Path
) -> None:
    _, panel, _ = open_pair(qtbot, open_kiosk, pair_exhibit)
    for row in range(3):
        left = search_item(panel, f"clauseLeft{row}")
        right = search_item(panel, f"clauseRight{row}")
        assert left is not None
        assert right is not None
        assert scene_y(left) == pytest.approx(scene_y(right))
        assert left.mapToScene(QPointF(0, 0)).x() < right.mapToScene(QPointF(0, 0)).x()
    # A long clause pushes the next row down on both sides, so that they stay level.
    first_left, second_right = search_item(panel, "clauseLeft0"), search_item(panel, "clauseRight1")
    assert scene_y(second_right) >= scene_y(first_left) + first_left.height()
    # Where the reply has no paragraph, a dash says so.
    assert search_item(panel, "clauseRight2").property("html") == "—"


def test_a_note_on_either_letter_opens_in_that_letters_colour(
    qtbot: QtBot, open_kiosk: OpenKiosk, pair_exhibit: Path
) -> None:
    _, panel, finger = open_pair(qtbot, open_kiosk, pair_exhibit)
    card = search_item(panel, "noteCard")
    assert card is not None
    assert not card.property("visible")
    point = link_point(search_item(panel, "clauseRight1"), "note:0")
    assert point is not None
    finger.tap_at(point)
    qtbot.waitUntil(lambda: card.property("visible"))
    assert search_item(card, "noteText").property("text") == "The answer binds only the Executive."
    assert card.property("mark").name() == "#1f3a66"
    point = link_point(search_item(panel, "clauseLeft0"), "note:0")
    assert point is not None
    finger.tap_at(point)
    qtbot.waitUntil(lambda: search_item(card, "noteText").property("text") == "Both letters use these words.")
    assert card.property("mark").name() == "#9e2b25"


def test_a_letters_pages_open_over_the_pair_and_close_again(
    qtbot: QtBot, open_kiosk: OpenKiosk, pair_exhibit: Path
) -> None:
    _, panel, finger = open_pair(qtbot, open_kiosk, pair_exhibit)
    # Only the letter with pages offers them.
    assert not search_item(panel, "openPages0").property("visible")
    overlay = search_item(panel, "pagesOverlay")
    assert not overlay.property("visible")
    finger.tap(search_item(panel, "openPages1"))
    qtbot.waitUntil(lambda: overlay.property("visible"))
    viewer = search_item(overlay, "pageViewer")
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.property("showing"), timeout=15000)
    assert viewer.property("imageWidth") == 1700
    assert "not a photograph" in search_item(overlay, "pageCaption").property("text")
    finger.tap(search_item(overlay, "closePages"))
    qtbot.waitUntil(lambda: not overlay.property("visible"))


def test_in_portrait_each_clause_is_followed_by_its_answer(
    qtbot: QtBot, open_kiosk: OpenKiosk, pair_exhibit: Path
) -> None:
    _, panel, _ = open_pair(qtbot, open_kiosk, pair_exhibit, size=(1080, 1920))
    clauses = [item for item in items_named(panel, "") if item.property("html") and item.isVisible()]
    texts = [item.property("html") for item in sorted(clauses, key=scene_y)]
    assert texts[0].startswith("It will be the")
    assert texts[1].startswith("I am glad")
    assert texts[2] == "A second clause."
    assert texts[3].startswith("It will be the fixed policy of the Executive")
    widths = {round(item.width()) for item in clauses}
    assert len(widths) == 1  # one measure, the panel's width: no squeezed columns


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_a_letter_s_two_ways_in_stand_side_by_side_in_its_head(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path, size: tuple[int, int]
) -> None:
    """A letter with pages and an excerpt offers both in one row of its head, in English at normal
    text, however narrow the head (a portrait column)."""
    folder = tmp_path / "pairs"
    (folder / "media").mkdir(parents=True)
    write_scan(folder / "media" / "answer.jpg", 1700, 2200)
    with_excerpt = EXHIBIT.replace(
        "            annotations:\n              - phrase: within",
        "            excerpt: |\n              I am glad to have received the assurance.\n              […]\n"
        "            annotations:\n              - phrase: within",
    )
    assert with_excerpt != EXHIBIT
    (folder / "exhibit.yaml").write_text(with_excerpt, encoding="utf-8")
    _, panel, _ = open_pair(qtbot, open_kiosk, folder, size)
    pages = search_item(panel, "openPages1")
    whole = search_item(panel, "readWholeLetter1")
    assert pages is not None
    assert whole is not None
    assert pages.isVisible()
    assert whole.isVisible()
    first, second = sorted((scene_rect(pages), scene_rect(whole)), key=lambda rect: rect.left())
    assert first.top() == pytest.approx(second.top(), abs=1)
    assert first.right() <= second.left()
    head = pages.parentItem().parentItem()  # the buttons' Flow, in the letter's head
    assert scene_rect(head).contains(second)
    assert pages.property("text") == "Page"
