"""The fit check lays out a video panel's words as VideoPanel.qml does: beside the film, or under it
and its controls on an upright screen."""

import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.conftest import MINI_EXHIBIT
from tests.video_clips import make_clip

VIDEO = """\
title: A Small Exhibit
sections:
  - id: only
    title: Only
    teaser: One panel
    panels:
      - kind: video
        title: A film
        video: media/film.mp4
        poster: media/square.svg
        alt: A grey square that darkens.
        caption: {caption}
        credit: Made for the tests
        body: {body}
"""


def fit_lines(folder: Path, capsys: pytest.CaptureFixture[str], caption: str, body: str) -> list[str]:
    (folder / "exhibit.yaml").write_text(VIDEO.format(caption=caption, body=body), encoding="utf-8")
    assert main(["validate", str(folder)]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if "does not fit" in line]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(MINI_EXHIBIT / "media", tmp_path / "media")
    make_clip(tmp_path / "media" / "film.mp4", tracks=())
    return tmp_path


def test_a_short_caption_and_body_fit_beside_the_film_and_under_it(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert fit_lines(folder, capsys, "What the film shows.", "A few words about it.") == []


def test_a_body_too_long_for_the_words_column_is_what_to_cut(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = fit_lines(folder, capsys, "What the film shows.", "Words that run on and on. " * 40)
    assert lines
    assert all(
        ":14:15: warning: sections[0].panels[0].body: does not fit its place" in line for line in lines
    ), lines
    assert all("cut about" in line for line in lines)


def test_on_an_upright_screen_the_film_and_its_controls_leave_the_words_less_room(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = fit_lines(folder, capsys, "What the film shows.", "Words that run on and on. " * 14)
    assert lines
    assert all("1080x1920" in line for line in lines), lines
