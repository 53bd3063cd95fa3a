"""The screen's geometry, as the views lay themselves out by it and the house rules measure by it."""

import pytest

from kiosk.content.layout.geometry import (
    LONG_QUOTATION_CHARACTERS,
    TYPE_SCALE,
    fitted_size,
    is_long_quotation,
    screen_layout,
    stage_band,
    type_size,
    unit_for,
)
from tests.conftest import REPOSITORY


def test_the_reference_screen_is_the_design_itself() -> None:
    layout = screen_layout(1920, 1080)

    assert layout.unit == 1
    assert not layout.portrait
    assert layout.type.title == 60
    assert layout.type.body == 34
    assert (layout.grid.margin, layout.grid.gutter, layout.grid.touch_target) == (72, 40, 96)
    # 52 characters of body text at half an em each.
    assert layout.grid.measure_width == 884
    # The screen less its margins, header (128), footer (96 + 64) and the panel's own margins.
    assert (layout.panel.width, layout.panel.height) == (1776, 720)


def test_panel_columns_on_the_reference_screen() -> None:
    layout = screen_layout(1920, 1080)

    assert layout.text.heading_width == 640  # 38% of 1776 is more than 640
    assert layout.text.title_size == 60
    assert round(layout.image.picture.width) == 820  # what a measure of words and 72 px leave
    assert layout.image.picture.height == 720
    assert round(layout.columns("image")[0].width) == 884  # the measure
    assert round(layout.timeline.heading_width) == 1101  # 62% of 1776
    assert round(layout.people.lead.heading_width) == 1238  # the measure x 1.4
    assert layout.document.facts_width == 620
    assert layout.timeline.card.width == 330
    assert (layout.gallery.lightbox.width, layout.gallery.lightbox.height) == (1776, 592)
    assert (layout.attract.picture.width, layout.attract.picture.height) == (1114, 1080)
    assert layout.attract.header_title_width == 634


def test_a_larger_screen_scales_everything_by_its_shorter_side() -> None:
    small, large = screen_layout(1920, 1080), screen_layout(3840, 2160)

    assert large.unit == 2
    assert large.type.body == 2 * small.type.body
    assert large.grid.margin == 2 * small.grid.margin
    assert large.panel.width == 2 * small.panel.width
    assert large.text.heading_width == 2 * small.text.heading_width


def test_a_tiny_window_keeps_half_the_design() -> None:
    assert unit_for(320, 200) == 0.5
    assert screen_layout(320, 200).type.body == 17


def test_portrait_stacks_the_heading_above_the_text() -> None:
    layout = screen_layout(1080, 1920)

    assert layout.portrait
    assert layout.panel.width == 936
    # Two rows in the footer: 2 x (96 + 16) + 40.
    assert layout.chrome.footer_height == 264
    assert layout.panel.height == 1920 - 128 - 264 - 48 - 24
    heading, body = layout.columns("text")
    assert heading.width == 936
    assert heading.height is None
    assert body.width == 936
    assert body.scrolls
    assert layout.gallery.columns(6) == 2
    assert layout.people.columns(3) == 1
    assert not layout.home.wide
    assert layout.home.columns(4) == 2


def test_larger_text_is_a_step_larger_and_so_is_the_measure() -> None:
    normal, larger = screen_layout(1920, 1080), screen_layout(1920, 1080, large_text=True)

    assert {role: type_size(role, True) for role in TYPE_SCALE} == {
        "display": 120,
        "title": 75,
        "heading": 55,
        "lead": 48,
        "body": 42,
        "caption": 32,
        "label": 35,
    }
    assert larger.type.body == 42
    assert larger.grid.measure_width > normal.grid.measure_width
    assert larger.text.heading_width == normal.text.heading_width


def test_the_text_panels_title_shrinks_on_a_short_panel() -> None:
    # Larger text above a narration's bar: the title stays whole beside the text.
    layout = screen_layout(1920, 1080, large_text=True, narration_credit_line=40)

    assert layout.text.title_size == layout.panel.height // 7
    assert layout.text.title_size < layout.type.title
    title = layout.text.heading.block("title")
    assert title.style is not None
    assert title.style.size == layout.text.title_size


def test_a_narration_takes_its_bar_from_the_panels() -> None:
    without = screen_layout(1920, 1080)
    with_bar = screen_layout(1920, 1080, narration_credit_line=30)

    # The bar: 2 x 20 padding, 6 progress, and two caption lines of 48 + 6 + the credit's line.
    assert without.panel.height - with_bar.panel.height == 40 + 6 + (2 * 48 + 6 + 30) + 20


def test_a_text_wraps_in_its_column_less_the_track_while_the_column_scrolls() -> None:
    layout = screen_layout(1920, 1080)
    words = layout.image.words
    caption = words.block("caption")

    assert words.text_width(caption, scrolling=False) == pytest.approx(884, abs=1)
    assert words.text_width(caption) == pytest.approx(884 - 57.6, abs=1)
    body = layout.text.body
    assert body.text_width(body.block("body")) == 884  # the measure, whatever the track


def test_every_panel_kind_describes_its_columns() -> None:
    for width, height in ((1920, 1080), (1080, 1920)):
        for large_text in (False, True):
            layout = screen_layout(width, height, large_text)
            for kind in ("text", "image", "quote", "people", "gallery", "document", "pair", "timeline"):
                for column in layout.columns(kind):
                    assert column.width > 0
                    for block in column.blocks:
                        if block.style is not None:
                            assert 0 < column.text_width(block) <= column.width
    with pytest.raises(KeyError):
        screen_layout(1920, 1080).columns("poster")


def test_cards_thumbnails_and_tiles_share_their_row() -> None:
    layout = screen_layout(1920, 1080)

    assert layout.home.columns(4) == 4
    assert layout.home.columns(5) == 3
    assert layout.home.tile_words_width(4) == (1776 - 3 * 40) / 4 - 56
    assert layout.gallery.thumbnail(4, 1776, 40).width == (1776 - 3 * 40) / 4 - 40
    assert layout.people.card(3, 1776, 40).width == (1776 - 2 * 40) / 3 - 3 * 28 - 110


def test_reach_mode_keeps_the_screens_in_the_band_within_reach() -> None:
    assert stage_band(1080, False, 0.3, 0.9) == (0, 1080)
    assert stage_band(1000, True, 0.3, 0.9) == (300, 900)
    # However high the screen hangs, the screens keep 40% of its height.
    assert stage_band(1000, True, 0.8, 0.9) == (600, 1000)
    assert stage_band(1000, True, 0.5, 0.6) == (500, 900)


def test_the_guide_states_when_a_quotation_is_set_smaller() -> None:
    guide = (REPOSITORY / "exhibits" / "README.md").read_text(encoding="utf-8")
    assert f"quotation longer than {LONG_QUOTATION_CHARACTERS} characters" in guide.replace("\n", " ")


def test_a_long_quotation_is_set_a_step_smaller_and_beside_its_context_in_landscape() -> None:
    landscape, portrait = screen_layout(1920, 1080), screen_layout(1080, 1920)
    short, long = "Words." * 10, "Words." * 30
    assert not is_long_quotation(short)
    assert is_long_quotation(long)

    quotation, context = landscape.quote.columns(long, has_context=True)
    assert quotation.block("text").style.size == landscape.type.lead  # type: ignore[union-attr]
    # Side by side, each the panel's height, the two within the panel's width.
    assert quotation.width + landscape.quote.context_gap + context.width <= landscape.panel.width
    assert quotation.height == context.height == landscape.panel.height
    assert context.width >= 0.7 * landscape.grid.measure_width
    (alone,) = landscape.quote.columns(short, has_context=False)
    assert alone.block("text").style.size == landscape.type.heading  # type: ignore[union-attr]
    (upright,) = portrait.quote.columns(long, has_context=True)
    assert [block.content for block in upright.blocks][-2:] == ["rule", "context"]


def test_the_words_beside_an_image_are_a_measure_wide_and_sources_are_set_at_caption_size() -> None:
    for large_text in (False, True):
        layout = screen_layout(1920, 1080, large_text)
        assert layout.image.words.width >= min(layout.grid.measure_width, layout.panel.width / 2)
        sources = layout.text.sources.block("body").style
        assert sources is not None
        assert sources.size == layout.type.caption


def test_words_are_set_at_the_largest_size_that_fits_and_never_below_the_smallest() -> None:
    def forty_words_at(size: int) -> float:
        # Words six characters wide at size px each, as many to a line as 600 px hold.
        per_line = max(1, 600 // (size * 6))
        return -(-40 // per_line) * size * 1.2

    sizes = range(20, 61)
    fitting = [size for size in sizes if forty_words_at(size) <= 400]
    assert fitted_size(forty_words_at, 20, 60, 400) == max(fitting)
    assert fitted_size(forty_words_at, 20, 60, 10_000) == 60
    assert fitted_size(forty_words_at, 20, 60, 5) == 20
