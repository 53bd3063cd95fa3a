"""A video panel's geometry: the film at 16:9 with its controls, the words beside or under it."""

import pytest

from kiosk.content.layout.geometry import screen_layout

SCREENS = [(1920, 1080), (1080, 1920), (1280, 800), (3840, 2160), (1366, 768), (800, 1280)]


@pytest.mark.parametrize(("width", "height"), SCREENS)
@pytest.mark.parametrize("large_text", [False, True])
def test_the_film_is_16_9_and_it_and_its_controls_fit_the_panel(
    width: int, height: int, large_text: bool
) -> None:
    layout = screen_layout(width, height, large_text)
    video, panel = layout.video, layout.panel
    assert video.film.width / video.film.height == pytest.approx(16 / 9)
    assert video.film.width <= video.area.width <= panel.width
    assert video.area.height == pytest.approx(video.film.height + video.controls_gap + video.controls_height)
    assert video.area.height <= panel.height + 0.5
    # The controls are a finger's size, and the film's own room is not smaller than them.
    assert video.controls_height >= layout.grid.touch_target
    assert video.film.height > 2 * video.controls_height
    assert 0 <= video.film_x <= video.area.width - video.film.width


def test_in_landscape_the_words_stand_beside_the_film_with_a_third_of_the_panel_at_least() -> None:
    layout = screen_layout(1920, 1080)
    video = layout.video
    assert video.words_x == pytest.approx(video.film.width + video.words_gap)
    words = layout.panel.width - video.words_x
    assert words >= min(layout.grid.measure_width, layout.panel.width * 0.34) - 0.5
    assert video.words_width <= words
    # A film is what a visitor came for: it has more room than an image panel's picture.
    assert video.film.width > layout.image.picture.width * 0.98
    assert (round(video.film.width), round(video.film.height)) == (1038, 584)


def test_in_portrait_the_film_takes_the_panels_width_and_the_words_go_under_it() -> None:
    layout = screen_layout(1080, 1920)
    video = layout.video
    assert video.words_x == 0
    assert video.film.width == pytest.approx(layout.panel.width)
    assert video.area.height <= layout.panel.height * 0.5


def test_captions_over_the_film_are_set_large_for_reading_across_a_room() -> None:
    normal, larger = screen_layout(1920, 1080).video, screen_layout(1920, 1080, large_text=True).video
    assert normal.captions_size >= screen_layout(1920, 1080).type.body
    assert larger.captions_size > normal.captions_size
    assert normal.captions_width <= normal.film.width
    assert normal.captions_lines == 2


def test_the_video_panel_describes_its_columns_for_the_fit_check() -> None:
    layout = screen_layout(1920, 1080)
    heading, words, captions = layout.columns("video")
    assert [block.content for block in heading.blocks] == ["kicker", "title", "rule"]
    assert [block.content for block in words.blocks] == ["caption", "credit", "body"]
    assert words.scrolls
    assert captions.block("cue").max_lines == 2
