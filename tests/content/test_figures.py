"""The curator's guide and the example exhibit `kiosk new` writes tell a curator the same figures,
and those are the models' bounds and the house rules' sizes (kiosk.content.figures)."""

import re
from pathlib import Path

import pytest

from kiosk.content import figures
from kiosk.content.figures import FIGURES
from kiosk.content.models import Theme
from kiosk.content.scaffold import create_exhibit
from kiosk.content.yaml_source import read_yaml
from tests.conftest import REPOSITORY

GUIDE = REPOSITORY / "exhibits" / "README.md"
SCREEN_SIZES = {"1920 x 1080", "1080 x 1920"}

#: Where each figure is stated, in either document: every match must be the figure.
SIGHTINGS = {
    "sections": [r"(\d+ to \d+) sections"],
    "panels": [r"(\d+ to \d+) panels"],
    "slides": [r"(\d+ to \d+) slides"],
    "timeline_events": [r"(\d+ to \d+) events", r"The events, earliest first: (\d+ to \d+)"],
    "people": [r"(\d+ to \d+) cards"],
    "gallery_items": [r"(\d+ to \d+) pictures"],
    "seconds_per_slide": [r"(\d+ to \d+) seconds"],
    "idle_timeout": [r"`idle_timeout` \| \d+ \| (\d+ to \d+)", r"still exploring: (\d+ to \d+)"],
    "countdown": [r"`countdown` \| \d+ \| (\d+ to \d+)", r"starts again: (\d+ to \d+)"],
    "panel_words": [
        r"panel(?: text)? to (?:about )?(\d+) words",
        r"about (\d+) words at most",
        r"\) over (\d+) words",
    ],
    "sentence_words": [r"sentences? (?:under|over) (\d+) words"],
    "note_words": [r"a letter over (\d+) words"],
    "definition_words": [r"(\d+) words at most\. \(required\)", r"a definition of at most (\d+) words"],
    "headline_words": [r"headlines under about (\d+) words", r"statement, under about (\d+) words"],
    "quote_words": [r"quotations under about (\d+)", r"its source, under about (\d+) words"],
    "attract_picture": [
        r"attract loop \([^|\n]*\| (\d+ x \d+)",
        r"attract loop +(\d+ x \d+)",
        r"side of the screen, (\d+ x \d+)",
    ],
    "image_panel_picture": [r"image panel[^\n\d]*?(\d+ x \d+)", r"The picture: it fills (\d+ x \d+)"],
    "text_panel_picture": [r"text panel[^\n\d]*?(\d+ x \d+)", r"beside the text, filling (\d+ x \d+)"],
    "gallery_picture": [r"gallery[^\n\d]*?(\d+ x \d+)", r"to the whole panel,\n  # (\d+ x \d+)"],
    "timeline_picture": [r"timeline event[^\n\d]*?(\d+ x \d+)", r"event's details \((\d+ x \d+)"],
    "tile_picture": [r"section tile,? with four sections[^\n\d]*?(\d+ x \d+)", r"section tile +(\d+ x \d+)"],
    "tile_picture_upright": [
        r"section tile, upright screen[^\n\d]*?(\d+ x \d+)",
        r"four sections, (\d+ x \d+) upright",
    ],
    "tile_picture_advice": [r"3:2 picture of (\d+ x \d+)", r"on the tile: (\d+ x \d+)"],
    "portrait_picture": [
        r"portrait on a people panel[^\n\d]*?(\d+ x \d+)",
        r"portrait +(\d+ x \d+)",
        r"circle (\d+ x \d+) px across",
    ],
    "page_picture": [r"document page[^\n\d]*?(\d+ x \d+)", r"below (\d+ x \d+) pixels"],
    "video_panel_film": [r"video panel[^\n\d]*?(\d+ x \d+)", r"poster: (\d+ x \d+)"],
}

#: What both documents print, and so must print alike.
IN_BOTH = {
    "sections",
    "panels",
    "slides",
    "timeline_events",
    "people",
    "gallery_items",
    "seconds_per_slide",
    "idle_timeout",
    "countdown",
    "panel_words",
    "sentence_words",
    "definition_words",
    "headline_words",
    "quote_words",
    "attract_picture",
    "image_panel_picture",
    "text_panel_picture",
    "gallery_picture",
    "timeline_picture",
    "tile_picture",
    "tile_picture_upright",
    "tile_picture_advice",
    "portrait_picture",
    "page_picture",
    "video_panel_film",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Every file of the example as `kiosk new` writes it, the figures filled in."""
    folder = tmp_path_factory.mktemp("new") / "river-trade"
    create_exhibit(folder)
    return "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.suffix in (".yaml", ".svg")
    )


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def stated(text: str, name: str) -> list[str]:
    return [
        next(group for group in match.groups() if group is not None)
        for pattern in SIGHTINGS[name]
        for match in re.finditer(pattern, text)
    ]


def test_every_figure_has_its_sightings() -> None:
    assert set(SIGHTINGS) == set(FIGURES)
    assert set(IN_BOTH) <= set(FIGURES)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_the_guide_and_the_template_state_the_figure_alike(template: str, name: str) -> None:
    in_guide, in_template = stated(guide(), name), stated(template, name)
    assert set(in_guide) <= {FIGURES[name]}, f"the guide says {name} is {in_guide}, not {FIGURES[name]}"
    assert set(in_template) <= {FIGURES[name]}, f"the template says {name} is {in_template}"
    if name in IN_BOTH:
        assert in_guide, f"the guide does not state {name}"
        assert in_template, f"the template does not state {name}"


def test_every_size_the_template_names_is_a_figure(template: str) -> None:
    sizes = set(re.findall(r"\d+ [x×] \d+", template))
    assert sizes <= {*FIGURES.values(), *SCREEN_SIZES}


def test_every_size_in_the_guide_s_table_of_pictures_is_a_figure() -> None:
    table = guide().split("| where | the picture fills about (pixels) |")[1].split("\n\n")[0]
    sizes = re.findall(r"\| (\d+ x \d+) \|", table)
    assert len(sizes) >= 9
    assert set(sizes) <= set(FIGURES.values())


def test_the_template_fills_every_figure_and_nothing_else(template: str) -> None:
    assert "{{" not in template
    with pytest.raises(KeyError):
        figures.fill("a {{no_such_figure}}")


def test_every_key_of_the_theme_is_in_the_guide_and_the_template(tmp_path: Path) -> None:
    keys = {field.alias or name for name, field in Theme.model_fields.items()}
    theme_table = guide().split("| key | used for |")[1].split("\n\n")[0]
    in_guide = set(re.findall(r"`(\w+)`", theme_table))
    assert keys <= in_guide, f"the guide's theme table lacks {keys - in_guide}"
    create_exhibit(tmp_path / "new")
    assert set(read_yaml(tmp_path / "new" / "exhibit.yaml").data["theme"]) == keys


def test_the_template_names_no_schema_folder_inside_the_exhibit(tmp_path: Path) -> None:
    create_exhibit(tmp_path / "new")
    for path in (tmp_path / "new").rglob("*.yaml"):
        comments = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()[1:]
            if line.lstrip().startswith("#")
        ]
        assert not [line for line in comments if "schema/" in line], path.name
