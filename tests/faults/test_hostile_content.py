"""Hostile content: nothing an exhibit's files hold reaches outside the exhibit, or overwhelms it.

A curator's files (or whoever can write to the folder the kiosk follows) may hold HTML in plain
text, links to files elsewhere on the machine, SVGs that load other files, and pictures that
decode to gigabytes. Each is refused with file:line:col by `kiosk validate`, refused again when a
running kiosk publishes the folder, and, for the tile pyramids of document pages, before a single
pixel is decoded. The hostile cases that held already (tests/content/hostile_cases.py) are run
here through the same doors, so that they keep holding.
"""

import base64
import copy
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from kiosk.cli import main
from kiosk.content.loader import LoadResult, load_exhibit
from kiosk.content.markdown import check_markdown, render_blocks
from kiosk.content.models import Exhibit, Markdown, Text
from kiosk.content.pictures import SizeLimits
from kiosk.content.problems import Problem
from kiosk.content.svg import SvgError, svg_external_references, svg_refusal
from kiosk.content.versions import VersionStore
from kiosk.content.yaml_source import format_key_path
from kiosk.services.settings import default_settings_path
from tests.conftest import MINI_EXHIBIT, write_wav
from tests.content.hostile_cases import (
    CASES,
    PWNED,
    jpeg_declaring,
    png_of_zeros,
    sparse,
    tiff_declaring,
    with_tile_image,
)
from tests.content.hostile_cases import build as build_case
from tests.content.test_hostile_input import EXPECTED, POSIX_ONLY
from tests.video_clips import make_clip

# --- An exhibit with every kind of text a visitor reads --------------------------------------

SQUARE = "media/square.svg"
#: A silent film: it needs no captions.
FILM = "media/film.mp4"
SECTION_FILE = "sections/every.yaml"


def every_field_section(section_id: str) -> dict[str, Any]:
    """A section with a panel of every kind, each with every text it may have."""
    picture = {"alt": "A blue circle.", "credit": "Drawing for the tests"}
    letter = {
        "date": "1933-11-16",
        "from": "The sender",
        "to": "The recipient",
        "transcript": "My Dear Sir: the words of the letter.",
        "excerpt": "the words of the letter.",
        "transcript_status": "full",
        "source": "A printed volume, doc. 1",
        "note": "A *note* on the letter.",
        "pages": [{"image": SQUARE, "alt": "The first page.", "caption": "Page one", "credit": "An archive"}],
        "annotations": [{"phrase": "the words", "note": "What the words meant."}],
    }
    section = {
        "id": section_id,
        "title": "Every Kind",
        "teaser": "Every panel",
        "tile_image": SQUARE,
        "panels": [
            {
                "kind": "text",
                "title": "A text panel",
                "body": "Some *words*.",
                "image": SQUARE,
                **picture,
                "narration": {
                    "audio": "media/voice.wav",
                    "credit": "Read for the tests",
                    "cues": [{"start": 0, "end": 1, "text": "Some words."}],
                },
            },
            {
                "kind": "image",
                "title": "An image panel",
                "image": SQUARE,
                "caption": "A circle",
                "body": "A *body*.",
                **picture,
            },
            {
                "kind": "quote",
                "title": "A quote panel",
                "text": "Words someone wrote.",
                "attribution": "Someone",
                "source": "A volume",
                "context": "Some *context*.",
            },
            {
                "kind": "timeline",
                "title": "A timeline panel",
                "intro": "An *intro*.",
                "eras": [{"title": "An era", "from": "1917", "to": "1933"}],
                "events": [
                    {"date": "1917-11-07", "title": "The first event"},
                    {
                        "date": "1933-11",
                        "date_label": "November 1933",
                        "title": "The second event",
                        "text": "What happened then.",
                        "image": SQUARE,
                        "source": "A newspaper",
                        **picture,
                    },
                ],
            },
            {
                "kind": "people",
                "title": "A people panel",
                "intro": "An *intro*.",
                "people": [
                    {
                        "name": "Ada Example",
                        "role": "A role",
                        "dates": "1900–1980",
                        "note": "A note on her.",
                        "portrait": {"image": SQUARE, **picture},
                    }
                ],
            },
            {"kind": "document", "title": "A document panel", **copy.deepcopy(letter)},
            {
                "kind": "pair",
                "title": "A pair panel",
                "intro": "An *intro*.",
                "letters": [copy.deepcopy(letter), copy.deepcopy(letter)],
            },
            {
                "kind": "gallery",
                "title": "A gallery panel",
                "intro": "An *intro*.",
                "items": [
                    {"image": SQUARE, "caption": "The first picture.", **picture},
                    {"image": SQUARE, "caption": "The second picture.", **picture},
                ],
            },
            {
                "kind": "video",
                "title": "A video panel",
                "video": FILM,
                "poster": SQUARE,
                "caption": "A film",
                "body": "A *body*.",
                **picture,
            },
        ],
    }
    for panel in section["panels"]:
        panel.setdefault("kicker", "A kicker")
    return section


def every_field_exhibit() -> dict[str, Any]:
    """exhibit.yaml of an exhibit whose first section is written inline, the second in a file."""
    slide = {"image": SQUARE, "alt": "A blue circle.", "credit": "Drawing for the tests"}
    return {
        "title": {"en": "Every Field"},
        "short_title": "Every",
        "subtitle": "All of them",
        "invitation": "Touch a section",
        "attract": {
            "slides": [
                {**slide, "headline": "A headline", "caption": "A caption."},
                {**slide, "quote": "Words someone wrote.", "attribution": "Someone"},
            ]
        },
        "sections": [every_field_section("inline"), SECTION_FILE],
    }


def write_yaml(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=4096), encoding="utf-8")


def write_every_field_exhibit(folder: Path, exhibit: dict[str, Any], section: dict[str, Any]) -> None:
    (folder / "media").mkdir(parents=True, exist_ok=True)
    shutil.copy(MINI_EXHIBIT / SQUARE, folder / SQUARE)
    write_wav(folder / "media/voice.wav", 2.0)
    make_clip(folder / FILM, seconds=1, tracks=())
    write_yaml(folder / "exhibit.yaml", exhibit)
    write_yaml(folder / SECTION_FILE, section)


def _validator_of(annotated: Any) -> Any:
    return next(meta.func for meta in annotated.__metadata__ if hasattr(meta, "func"))


_TEXT_VALIDATOR = _validator_of(Text)
_MARKDOWN_VALIDATOR = _validator_of(Markdown)


def _is_typed(field: Any, validator: Any) -> bool:
    """Whether the field is of the type this validator makes, optional or not."""

    def holds(annotation: Any) -> bool:
        metadata = getattr(annotation, "__metadata__", ())
        if any(getattr(meta, "func", None) is validator for meta in metadata):
            return True
        return any(holds(argument) for argument in getattr(annotation, "__args__", ()) or ())

    return any(getattr(meta, "func", None) is validator for meta in field.metadata) or holds(field.annotation)


def fields_typed(
    model: BaseModel, validator: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every field of the loaded exhibit of one type (Text, Markdown), with its key path and name."""
    for name, field in type(model).model_fields.items():
        key = field.alias or name
        value = getattr(model, name)
        if value is None:
            continue
        if _is_typed(field, validator):
            yield (*path, key), f"{type(model).__name__}.{key}"
        elif isinstance(value, BaseModel):
            yield from fields_typed(value, validator, (*path, key))
        elif isinstance(value, tuple | dict):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for index, item in items:
                if isinstance(item, BaseModel):
                    yield from fields_typed(item, validator, (*path, key, index))


def model_fields_typed(validator: Any) -> set[str]:
    """Model.field for every field of one type in every model an exhibit is made of."""
    found: set[str] = set()
    seen: set[type] = set()

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, field in model.model_fields.items():
            if _is_typed(field, validator):
                found.add(f"{model.__name__}.{field.alias or name}")
            for inner in _models_in(field.annotation):
                visit(inner)

    visit(Exhibit)
    return found


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for argument in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(argument)
    for meta in getattr(annotation, "__metadata__", ()) or ():
        yield from _models_in(meta)


@pytest.fixture(scope="module")
def every_field(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[tuple[tuple[str | int, ...], str]], LoadResult]:
    folder = tmp_path_factory.mktemp("every-field")
    write_every_field_exhibit(folder, every_field_exhibit(), every_field_section("in-a-file"))
    result = load_exhibit(folder)
    assert result.exhibit is not None, [problem.format() for problem in result.problems]
    return list(fields_typed(result.exhibit, _TEXT_VALIDATOR)), result


def set_at(exhibit: dict[str, Any], section: dict[str, Any], path: tuple[str | int, ...], value: Any) -> str:
    """Puts `value` at the key path (a path into the section file when it leads there); the file's name."""
    if path[:2] == ("sections", 1):
        target, path, file = section, path[2:], SECTION_FILE
    else:
        target, file = exhibit, "exhibit.yaml"
    for key in path[:-1]:
        target = target[key]
    current = target[path[-1]]
    if isinstance(current, dict):  # a map of languages: the English text
        target, path = current, ("en",)
    target[path[-1]] = value
    return file


def position_of(folder: Path, file: str, fragment: str) -> tuple[int, int]:
    """Line and column where `fragment` is written in the file (1-based)."""
    text = (folder / file).read_text(encoding="utf-8")
    at = text.index(fragment)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def problems_at(result: LoadResult, key_path: str) -> list[Problem]:
    return [problem for problem in result.problems if problem.key_path.startswith(key_path)]


def test_the_exhibit_used_has_every_kind_of_plain_text(every_field: Any) -> None:
    fields, _ = every_field
    # A glossary's headwords are in glossary.yaml: tests/content/test_glossary.py writes markup there.
    assert {name for _, name in fields} == model_fields_typed(_TEXT_VALIDATOR) - {"GlossaryTerm.headword"}
    # Both in exhibit.yaml (the inline section, the slides) and in a section file.
    assert {path[:2] for path, _ in fields if path[0] == "sections"} == {("sections", 0), ("sections", 1)}


MARKUP = (
    '<img src="file:///etc/kiosk-secret.png">',
    '<img src="http://example.org/track.png">',
    '<a href="http://example.org/">a link</a>',
    "<b>bold</b>",
    "<!-- a comment -->",
    "&lt;img src=x&gt;",
    "&#60;b&#62;",
)


@pytest.mark.parametrize("file", ["exhibit.yaml", SECTION_FILE])
def test_markup_in_every_plain_text_field_is_an_error_where_it_is_written(
    every_field: Any, tmp_path: Path, file: str
) -> None:
    fields, _ = every_field
    exhibit, section = every_field_exhibit(), every_field_section("in-a-file")
    written: dict[str, tuple[str, str]] = {}
    for number, (path, _) in enumerate(fields):
        lead = f"Words {number} "
        if set_at(exhibit, section, path, lead + MARKUP[number % len(MARKUP)]) == file:
            written[format_key_path(path)] = (file, lead)
        else:
            set_at(exhibit, section, path, f"Words {number}")  # one file at a time: at most 100 problems
    write_every_field_exhibit(tmp_path, exhibit, section)
    result = load_exhibit(tmp_path)
    assert not result.ok
    unreported = []
    for key_path, (file, lead) in written.items():
        found = [problem for problem in problems_at(result, key_path) if "as written" in problem.message]
        if not found:
            unreported.append(key_path)
            continue
        problem = found[0]
        assert problem.file.resolve() == (tmp_path / file).resolve(), problem.format()
        # At the tag or entity itself, not only at the start of the value.
        line, column = position_of(tmp_path, file, lead)
        assert (problem.line, problem.column) == (line, column + len(lead)), problem.format()
        assert "shown exactly as written" in problem.message, problem.format()
    assert unreported == [], f"markup not reported in {unreported}"


TAG_NAMES = st.sampled_from(
    ["img", "a", "b", "i", "br", "font", "span", "p", "script", "IMG", "h1"]
) | st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,8}", fullmatch=True)
ATTRIBUTES = st.sampled_from(
    ["", ' src="file:///etc/passwd"', " href='http://example.org'", ' style="color:red"', " x"]
)
ENTITY_NAMES = sorted(name for name in __import__("html.entities").entities.html5 if name.endswith(";"))
TAGS_AND_ENTITIES = st.one_of(
    st.builds(lambda name, attributes: f"<{name}{attributes}>", TAG_NAMES, ATTRIBUTES),
    st.builds(lambda name: f"</{name}>", TAG_NAMES),
    st.sampled_from(["<!-- a comment -->", "<!DOCTYPE html>", "<?xml version='1.0'?>", "<img src=x"]),
    st.sampled_from(ENTITY_NAMES).map(lambda name: f"&{name}"),
    st.integers(1, 0x10FFFF).map(lambda code: f"&#{code};"),
    st.integers(1, 0x10FFFF).map(lambda code: f"&#x{code:X};"),
)
#: Text with '<' and '&' that is not markup, as curators write it.
NOT_MARKUP = ["5 < 6", "a <- b", "Smith & Sons", "AT&T", "&c.", "R&D", "<3", "1 &lt 2", "x &#; y"]


@given(before=st.text(max_size=20), markup=TAGS_AND_ENTITIES, after=st.text(max_size=20))
def test_any_plain_text_holding_a_tag_or_an_entity_is_refused(before: str, markup: str, after: str) -> None:
    with pytest.raises(ValidationError, match="shown exactly as written"):
        TypeAdapter(Text).validate_python(before + markup + after)


@given(st.text(alphabet=st.characters(blacklist_characters="<&"), min_size=1).filter(str.strip))
def test_plain_text_without_markup_is_kept_exactly_as_written(text: str) -> None:
    assert TypeAdapter(Text).validate_python(text).resolve("en") == text


@pytest.mark.parametrize("text", NOT_MARKUP)
def test_angle_brackets_and_ampersands_that_are_not_markup_are_allowed(text: str) -> None:
    assert TypeAdapter(Text).validate_python(text).resolve("en") == text


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_markup_in_any_one_plain_text_field_is_reported_there(
    every_field: Any, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    fields, _ = every_field
    path, _ = data.draw(st.sampled_from(fields), label="field")
    markup = data.draw(TAGS_AND_ENTITIES, label="markup")
    exhibit, section = every_field_exhibit(), every_field_section("in-a-file")
    file = set_at(exhibit, section, path, f"Some words {markup} and more")
    folder = tmp_path_factory.mktemp("one-field")
    write_every_field_exhibit(folder, exhibit, section)
    result = load_exhibit(folder)
    reported = [problem for problem in result.problems if "as written" in problem.message]
    assert len(reported) == 1, [problem.format() for problem in result.problems]
    assert reported[0].key_path.startswith(format_key_path(path))
    assert reported[0].file.resolve() == (folder / file).resolve()


def test_a_caption_file_may_not_spell_out_markup(tmp_path: Path) -> None:
    build_case("duplicate key", tmp_path)  # any valid exhibit with a section file
    folder = tmp_path / "exhibit"
    (folder / "exhibit.yaml").write_text(
        "title: Hostile\nsections:\n  - sections/only.yaml\n", encoding="utf-8"
    )
    write_wav(folder / "voice.wav", 3.0)
    (folder / "voice.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:01.000\nA first line.\n\n"
        "00:01.000 --> 00:02.000\n&lt;img src=&quot;file:///etc/kiosk-secret.png&quot;&gt;\n",
        encoding="utf-8",
    )
    section = (folder / "sections/only.yaml").read_text(encoding="utf-8")
    (folder / "sections/only.yaml").write_text(
        section
        + "    narration:\n      audio: voice.wav\n      captions: voice.vtt\n      credit: A voice\n",
        encoding="utf-8",
    )
    result = load_exhibit(folder)
    assert [problem.format(relative_to=folder) for problem in result.problems] == [
        "sections/only.yaml:10:17: error: sections[0].panels[0].narration.captions: in voice.vtt, line 7: "
        "'<img src=\"file:///etc/kiosk-secret.png\">' would be shown as written: captions are plain "
        "text; remove it"
    ]


# --- Markdown: only the safe subset, whatever is written -------------------------------------


@given(st.text(alphabet=st.sampled_from("ab <>/&;*-#[]()!\n=\"'imgsrc"), max_size=60))
def test_whatever_the_markdown_subset_accepts_renders_without_tags_of_its_own(text: str) -> None:
    if check_markdown(text) is not None:
        return
    for block in render_blocks(text):
        assert re.sub(r"</?[bi]>", "", block["text"]).count("<") == 0, block


@pytest.mark.parametrize("markup", MARKUP[:5])
def test_markup_in_a_markdown_field_is_refused(markup: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(Markdown).validate_python(f"Some words {markup} and more.")


def test_every_markdown_field_reaches_the_screen_through_the_subset(every_field: Any) -> None:
    from kiosk.viewmodels.presentation import Presenter

    _, result = every_field
    presenter = Presenter("en", ())
    shown: list[str] = []

    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from strings(item)

    for section in result.exhibit.sections:
        for panel in section.panels:
            shown.extend(strings(presenter.panel(panel)))
    # Every Markdown field of the exhibit says "*…*": each is shown in italics, none as typed.
    markdown = list(fields_typed(result.exhibit, _MARKDOWN_VALIDATOR))
    assert {name for _, name in markdown} == model_fields_typed(_MARKDOWN_VALIDATOR)
    assert not [text for text in shown if "*" in text]
    assert len([text for text in shown if "<i>" in text]) == len(markdown)


# --- Links out of the exhibit folder -----------------------------------------------------------

#: Hostile cases of tests/content/hostile_cases.py with a link to outside, and the link's path.
LINKS_OUT = {
    "media symlink to outside": ("media/linked.png", "file"),
    "media folder symlink to outside": ("linked", "folder"),
    "section symlink to outside": ("sections/only.yaml", "file"),
}


def link_message(link: str, kind: str) -> str:
    return (
        f"'{link}' is a link to a {kind} outside the exhibit folder, which the kiosk never shows; "
        f"copy the {kind} itself into the exhibit folder"
    )


def store_for(folder: Path, scratch: Path) -> VersionStore:
    return VersionStore.for_exhibit(scratch / "data", folder)


def published_files(store: VersionStore) -> list[Path]:
    return [path for path in store.root.rglob("*") if path.is_file() or path.is_symlink()]


@pytest.mark.parametrize("name", LINKS_OUT)
def test_kiosk_validate_refuses_a_link_out(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = build_case(name, tmp_path)
    link, kind = LINKS_OUT[name]
    assert main(["validate", str(folder)]) == 1
    printed = capsys.readouterr().out
    assert ":3:5: error: " in printed or ":4:13: error: " in printed, printed
    assert link_message(link, kind).removeprefix(f"'{link}' is ") in printed
    assert f"'{link}'" in printed
    assert len(printed.splitlines()) == 1  # where the exhibit names it, not a second time at the link


@pytest.mark.parametrize("name", LINKS_OUT)
def test_publishing_refuses_a_link_out_at_the_link(tmp_path: Path, name: str) -> None:
    folder = build_case(name, tmp_path)
    link, kind = LINKS_OUT[name]
    store = store_for(folder, tmp_path)
    publication = store.publish()
    assert publication.version is None
    assert [(problem.file, problem.message) for problem in publication.problems] == [
        (folder / link, link_message(link, kind))
    ]
    assert store.current() is None
    # Nothing from outside was copied, even for a moment's validation.
    assert not [path for path in published_files(store) if path.name in ("outside.png", "outside.yaml")]
    assert not [path for path in published_files(store) if path.suffix in (".png", ".yaml")]


@pytest.mark.parametrize("name", LINKS_OUT)
def test_a_link_out_added_later_leaves_the_good_version_on_show(tmp_path: Path, name: str) -> None:
    folder = build_case(name, tmp_path)
    link, _ = LINKS_OUT[name]
    outside = (folder / link).resolve()
    (folder / link).unlink()
    if outside.is_dir():
        shutil.copytree(outside, folder / link)
    else:
        shutil.copy(outside, folder / link)
    store = store_for(folder, tmp_path)
    good = store.publish().version
    assert good is not None
    shutil.rmtree(folder / link) if (folder / link).is_dir() else (folder / link).unlink()
    (folder / link).symlink_to(outside)
    refused = store.publish()
    assert refused.version is None
    assert [problem.file for problem in refused.problems] == [folder / link]
    assert store.current() == good


def stray_link(folder: Path, scratch: Path) -> Path:
    """A link to a file outside that no exhibit file names."""
    secret = scratch / "secret.txt"
    secret.write_text("the kiosk's own secrets", encoding="utf-8")
    (folder / "notes").mkdir()
    (folder / "notes/secret.txt").symlink_to(secret)
    return folder / "notes/secret.txt"


def test_a_link_out_that_no_file_names_is_refused_by_validation_and_publishing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "exhibit"
    shutil.copytree(MINI_EXHIBIT, folder)
    link = stray_link(folder, tmp_path)
    assert main(["validate", str(folder)]) == 1
    assert f"{link}: error: {link_message('notes/secret.txt', 'file')}" in capsys.readouterr().out
    store = store_for(folder, tmp_path)
    publication = store.publish()
    assert [problem.format() for problem in publication.problems] == [
        f"{link}: error: {link_message('notes/secret.txt', 'file')}"
    ]
    assert not [path for path in published_files(store) if path.name == "secret.txt"]


def test_a_dangling_link_out_is_refused_too(tmp_path: Path) -> None:
    folder = tmp_path / "exhibit"
    shutil.copytree(MINI_EXHIBIT, folder)
    (folder / "media/later.png").symlink_to(tmp_path / "not-there-yet.png")
    result = load_exhibit(folder)
    assert [problem.format(relative_to=folder) for problem in result.problems] == [
        f"media/later.png: error: {link_message('media/later.png', 'file')}"
    ]
    assert store_for(folder, tmp_path).publish().version is None


def test_links_inside_the_exhibit_are_published_as_plain_files(tmp_path: Path) -> None:
    folder = tmp_path / "exhibit"
    shutil.copytree(MINI_EXHIBIT, folder)
    (folder / "media/circle.svg").symlink_to("square.svg")
    (folder / "pictures").symlink_to("media", target_is_directory=True)
    exhibit = folder / "exhibit.yaml"
    exhibit.write_text(
        exhibit.read_text(encoding="utf-8")
        .replace("tile_image: media/square.svg", "tile_image: media/circle.svg")
        .replace("image: media/bar.svg", "image: pictures/bar.svg"),
        encoding="utf-8",
    )
    assert load_exhibit(folder).ok
    publication = VersionStore.for_exhibit(tmp_path / "data", folder).publish()
    assert publication.version is not None, [problem.format() for problem in publication.problems]
    copy = publication.version.folder
    assert not [path for path in copy.rglob("*") if path.is_symlink()]
    assert (copy / "media/circle.svg").read_bytes() == (folder / "media/square.svg").read_bytes()
    assert (copy / "pictures/bar.svg").read_bytes() == (folder / "media/bar.svg").read_bytes()


def test_a_link_to_a_folder_that_holds_it_is_refused_not_followed_forever(tmp_path: Path) -> None:
    folder = tmp_path / "exhibit"
    shutil.copytree(MINI_EXHIBIT, folder)
    (folder / "media/again").symlink_to("..", target_is_directory=True)
    message = "'media/again' is a link to a folder that holds it, which would copy the exhibit into itself; remove the link"
    result = load_exhibit(folder)
    assert [problem.format(relative_to=folder) for problem in result.problems] == [
        f"media/again: error: {message}"
    ]
    publication = store_for(folder, tmp_path).publish()
    assert [problem.message for problem in publication.problems] == [message]


# --- SVGs that would load something else ----------------------------------------------------

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="10" height="10">\n{}\n</svg>\n'
)
#: A 1x1 PNG, base64: a picture an SVG may carry inside itself.
TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVQI12NgAAAAAgAB4iG8MwAAAABJRU5ErkJggg=="
INNER_SVG = base64.b64encode(SVG.format('<image href="/etc/kiosk-secret.png"/>').encode()).decode()

#: What each SVG holds, and words the refusal must contain (the reference and why it is refused).
HOSTILE_SVGS = {
    "image by absolute path": (
        '<image href="/etc/kiosk-secret.png" width="10" height="10"/>',
        "/etc/kiosk-secret.png",
    ),
    "image by file URL": (
        '<image xlink:href="file:///etc/kiosk-secret.png"/>',
        "file:///etc/kiosk-secret.png",
    ),
    "image from the web": ('<image href="http://example.org/track.png"/>', "http://example.org/track.png"),
    "image beside the SVG": ('<image href="secret.png"/>', "secret.png"),
    "use of another file": ('<use href="other.svg#shape"/>', "other.svg#shape"),
    "filter image": ('<filter id="f"><feImage href="/etc/kiosk-secret.png"/></filter>', "feImage"),
    "a link": ('<a href="http://example.org/"><text>x</text></a>', "http://example.org/"),
    "pattern from another file": ('<pattern id="p" xlink:href="other.svg#p"/>', "other.svg#p"),
    "url() in a style attribute": (
        '<rect style="fill: url(http://example.org/p.svg#g)" width="5" height="5"/>',
        "url(http://example.org/p.svg#g)",
    ),
    "url() in a presentation attribute": (
        '<rect fill="url(other.svg#g)" width="5" height="5"/>',
        "url(other.svg#g)",
    ),
    "url() in a style element": (
        '<style>rect { fill: url("/etc/kiosk-secret.svg#g") }</style>',
        "kiosk-secret.svg",
    ),
    "url() spelt with CSS escapes": ("<style>rect { fill: \\75 rl(/etc/x.svg#g) }</style>", "/etc/x.svg#g"),
    "@import": ('<style>@import "http://example.org/x.css";</style>', "@import"),
    "a font from a file": (
        "<style>@font-face { font-family: x; src: url(/usr/share/fonts/x.ttf) }</style>",
        "x.ttf",
    ),
    "script": ('<script>fetch("http://example.org")</script>', "script"),
    "foreignObject": (
        '<foreignObject width="5" height="5"><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>',
        "foreignObject",
    ),
    "XInclude": (
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>',
        "include",
    ),
    "an SVG inside": (f'<image href="data:image/svg+xml;base64,{INNER_SVG}"/>', "data:image/svg+xml"),
    "HTML inside": ('<image href="data:text/html,%3Cb%3Ex%3C/b%3E"/>', "data:text/html"),
    "an animation that sets href": (
        '<image href="#i"><set attributeName="xlink:href" to="/etc/kiosk-secret.png"/></image>',
        "/etc/kiosk-secret.png",
    ),
}
#: Whole files, where the reference stands outside the drawing itself.
HOSTILE_SVG_FILES = {
    "style sheet instruction": '<?xml-stylesheet href="http://example.org/x.css"?>\n' + SVG.format(""),
    "external DTD": '<!DOCTYPE svg SYSTEM "http://example.org/x.dtd">\n' + SVG.format(""),
    "external parameter entity": (
        '<!DOCTYPE svg [<!ENTITY % p SYSTEM "http://example.org/x.dtd"> %p;]>\n' + SVG.format("")
    ),
    "external entity": (
        '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + SVG.format("<title>&x;</title>")
    ),
}
SELF_CONTAINED_SVGS = {
    "gradient by id": '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="5" height="5"/>',
    "quoted id": '<rect fill="url(\'#g\')" style=\'fill: url( "#g" )\' width="5" height="5"/>',
    "use by id": '<g id="s"/><use href="#s"/><use xlink:href="#s"/>',
    "a picture inside": f'<image href="data:image/png;base64,{TINY_PNG}" width="1" height="1"/>',
    "style by id": "<style>.a { fill: url(#g) } /* url(http://example.org) in a comment */</style>",
    "text that names a file": "<text>See /etc/passwd or http://example.org</text>",
}
W3C_DTD = (
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
)
ILLUSTRATOR = (
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [\n'
    '  <!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n'
    '<svg xmlns="&ns_svg;" width="10" height="10"><rect width="5" height="5"/></svg>\n'
)


def hostile_svg_text(name: str) -> str:
    if name in HOSTILE_SVG_FILES:
        return HOSTILE_SVG_FILES[name]
    return SVG.format(HOSTILE_SVGS[name][0])


def exhibit_with_svg(folder: Path, svg: str) -> Path:
    """An exhibit whose one section tile is media/drawing.svg (named at sections/only.yaml:4:13)."""
    folder.mkdir(parents=True, exist_ok=True)
    with_tile_image(folder, "media/drawing.svg")
    (folder / "media/drawing.svg").write_text(svg, encoding="utf-8")
    return folder / "media/drawing.svg"


@pytest.mark.parametrize("name", [*HOSTILE_SVGS, *HOSTILE_SVG_FILES])
def test_an_svg_that_would_load_something_else_is_refused_where_it_is_named(
    tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "exhibit"
    exhibit_with_svg(folder, hostile_svg_text(name))
    result = load_exhibit(folder)
    [problem] = result.problems
    assert problem.format(relative_to=folder).startswith(
        "sections/only.yaml:4:13: error: sections[0].tile_image: 'media/drawing.svg' "
    ), problem.format()
    if name in HOSTILE_SVGS:
        assert HOSTILE_SVGS[name][1] in problem.message
        assert "self-contained" in problem.message


@pytest.mark.parametrize("name", HOSTILE_SVGS)
def test_the_check_kiosk_run_makes_before_an_svg_loads_finds_the_same(tmp_path: Path, name: str) -> None:
    path = tmp_path / "drawing.svg"
    path.write_text(hostile_svg_text(name), encoding="utf-8")
    found = svg_external_references(path)
    assert found, name
    assert found[0].line == 2
    assert HOSTILE_SVGS[name][1] in str(found[0])


@pytest.mark.parametrize(
    "svg",
    [*(SVG.format(body) for body in SELF_CONTAINED_SVGS.values()), W3C_DTD + SVG.format(""), ILLUSTRATOR],
    ids=[*SELF_CONTAINED_SVGS, "W3C DTD", "Illustrator's entities"],
)
def test_a_self_contained_svg_is_accepted(tmp_path: Path, svg: str) -> None:
    path = exhibit_with_svg(tmp_path / "exhibit", svg)
    assert svg_external_references(path) == []
    result = load_exhibit(tmp_path / "exhibit")
    assert result.ok, [problem.format() for problem in result.problems]


SVG_ELEMENTS = st.sampled_from(
    [
        "image",
        "use",
        "a",
        "feImage",
        "pattern",
        "linearGradient",
        "radialGradient",
        "filter",
        "textPath",
        "mpath",
        "tref",
        "g",
        "rect",
        "script",
        "cursor",
    ]
) | st.from_regex(r"[a-zA-Z][a-zA-Z0-9]{0,10}", fullmatch=True)
HREFS = st.sampled_from(["href", "xlink:href", "other:href"])
ADDRESSES = st.from_regex(r"[a-zA-Z0-9/:._?=~%-][a-zA-Z0-9/:._?=~%#-]{0,30}", fullmatch=True)


@given(element=SVG_ELEMENTS, attribute=HREFS, address=ADDRESSES)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_element_with_an_href_to_anything_but_an_id_is_found(
    tmp_path: Path, element: str, attribute: str, address: str
) -> None:
    namespace = ' xmlns:other="urn:other"' if attribute.startswith("other:") else ""
    path = tmp_path / "drawing.svg"
    path.write_text(SVG.format(f"<{element}{namespace} {attribute}={quoteattr(address)}/>"), encoding="utf-8")
    found = svg_external_references(path)
    assert any(address in str(reference) for reference in found), found


def test_the_check_reads_a_bounded_amount_of_any_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.svg"
    sparse(path, 200 * 1024 * 1024, b"<svg xmlns='http://www.w3.org/2000/svg'>")
    with pytest.raises(SvgError, match="200 MB"):
        svg_external_references(path)


def test_a_bomb_inside_an_svg_is_refused_as_one_outside_would_be(tmp_path: Path) -> None:
    bomb = base64.b64encode(png_of_zeros(30_000, 30_000)).decode()
    exhibit_with_svg(tmp_path / "exhibit", SVG.format(f'<image href="data:image/png;base64,{bomb}"/>'))
    [problem] = load_exhibit(tmp_path / "exhibit").problems
    assert (
        "'media/drawing.svg': line 2, a picture inside of 30000 x 30000 pixels = 900 megapixels"
        in problem.message
    )
    assert svg_refusal(tmp_path / "exhibit/media/drawing.svg") is not None


# --- Pictures that decode to gigabytes ------------------------------------------------------

BOMBS = {
    "PNG of 30000x30000 zeros": ("media/bomb.png", 30_000, 30_000),
    "JPEG declaring 65000x65000": ("media/bomb.jpg", 65_000, 65_000),
    "progressive JPEG declaring 65000x65000": ("media/bomb.jpg", 65_000, 65_000),
    "TIFF declaring 30000x30000": ("media/bomb.tif", 30_000, 30_000),
}


@pytest.mark.parametrize("name", BOMBS)
def test_kiosk_validate_refuses_a_picture_bomb_where_it_is_named(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = build_case(name, tmp_path)
    source, width, height = BOMBS[name]
    assert main(["validate", str(folder)]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.endswith(
        f"sections/only.yaml:4:13: error: sections[0].tile_image: '{source}' is {width} x {height} pixels"
        f" = {width * height // 1_000_000} megapixels, more than the 24 megapixels a picture may have on "
        f"this kiosk (the installation setting picture_limit_megapixels); scale it down, for instance "
        f"with: vips resize {source} {source.replace('bomb', 'bomb-smaller')} "
        f"{0.16 if width == 30_000 else 0.07:g}"
    ), line


def exhibit_with_page(folder: Path, page: bytes, name: str = "media/page.png") -> None:
    """The mini exhibit, its letter with one page: the file given (named at exhibit.yaml:85:19)."""
    shutil.copytree(MINI_EXHIBIT, folder)
    (folder / name).write_bytes(page)
    exhibit = folder / "exhibit.yaml"
    exhibit.write_text(
        exhibit.read_text(encoding="utf-8").replace(
            "        transcript: |\n",
            f"        pages:\n          - image: {name}\n            alt: The letter's first page.\n"
            "        transcript: |\n",
            1,
        ),
        encoding="utf-8",
    )


def test_a_document_page_may_be_larger_than_a_picture_up_to_its_own_limit(tmp_path: Path) -> None:
    # 40 megapixels: over a picture's limit, within a page's.
    exhibit_with_page(tmp_path / "40", png_of_zeros(8000, 5000))
    assert load_exhibit(tmp_path / "40").ok
    with_tile_image(tmp_path / "tile", "media/page.png")
    (tmp_path / "tile/media/page.png").write_bytes(png_of_zeros(8000, 5000))
    assert "40 megapixels, more than the 24" in load_exhibit(tmp_path / "tile").problems[0].message
    exhibit_with_page(tmp_path / "900", png_of_zeros(30_000, 30_000))
    [problem] = load_exhibit(tmp_path / "900").problems
    assert problem.key_path == "sections[3].panels[0].pages[0].image"
    assert (
        "is 30000 x 30000 pixels: a document page may be at most 20000 pixels on either side, "
        "and 100 megapixels (it has 900)" in problem.message
    )
    exhibit_with_page(tmp_path / "150", png_of_zeros(15_000, 10_000))
    [problem] = load_exhibit(tmp_path / "150").problems
    assert "150 megapixels, more than the 100 megapixels a document page may have" in problem.message


def test_the_limits_are_the_installations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exhibit_with_page(tmp_path / "exhibit", png_of_zeros(15_000, 10_000))
    with_tile_image(tmp_path / "tile", "media/photo.png")
    (tmp_path / "tile/media/photo.png").write_bytes(png_of_zeros(6000, 5000))
    settings_file = tmp_path / "settings.yaml"
    settings_file.write_text("picture_limit_megapixels: 32\npage_limit_megapixels: 160\n", encoding="utf-8")
    assert not load_exhibit(tmp_path / "exhibit").ok
    assert load_exhibit(tmp_path / "exhibit", limits=SizeLimits(page_megapixels=160)).ok
    assert main(["validate", str(tmp_path / "exhibit"), str(tmp_path / "tile")]) == 1
    capsys.readouterr()
    assert (
        main(
            ["validate", "--settings", str(settings_file), str(tmp_path / "exhibit"), str(tmp_path / "tile")]
        )
        == 0
    )
    store = VersionStore.for_exhibit(
        tmp_path / "data", tmp_path / "exhibit", limits=SizeLimits(page_megapixels=160)
    )
    assert store.publish().version is not None


def test_kiosk_validate_reads_the_installation_settings_where_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_tile_image(tmp_path / "tile", "media/photo.png")
    (tmp_path / "tile/media/photo.png").write_bytes(png_of_zeros(6000, 5000))
    assert main(["validate", str(tmp_path / "tile")]) == 1
    default_settings_path().parent.mkdir(parents=True, exist_ok=True)
    default_settings_path().write_text("picture_limit_megapixels: 32\n", encoding="utf-8")
    try:
        assert main(["validate", str(tmp_path / "tile")]) == 0
    finally:
        default_settings_path().unlink()
    capsys.readouterr()
    assert main(["validate", "--settings", str(tmp_path / "missing.yaml"), str(tmp_path / "tile")]) == 2
    assert "no such settings file" in capsys.readouterr().err


PYRAMID_PEAK = (
    "import json, re, sys; from pathlib import Path; "
    "from kiosk.content.pyramids import PyramidError, build_pyramid; "
    "peak = lambda: int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]) / 1024; "
    "import pyvips; before = peak(); "
    "result = 'built'\n"
    "try: build_pyramid(Path(sys.argv[1]), Path(sys.argv[2]))\n"
    "except PyramidError as error: result = str(error)\n"
    "print(json.dumps([result, peak() - before]))"
)


def build_in_a_child(source: Path, cache: Path) -> tuple[str, float]:
    """Builds the page's pyramid in a process of its own: what it said, and the memory it added (MB)."""
    finished = subprocess.run(
        [sys.executable, "-c", PYRAMID_PEAK, str(source), str(cache)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result, added = json.loads(finished.stdout)
    return result, added


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bomb.png", lambda: png_of_zeros(30_000, 30_000)),
        ("bomb.jpg", lambda: jpeg_declaring(65_000, 65_000)),
        ("progressive.jpg", lambda: jpeg_declaring(65_000, 65_000, progressive=True)),
        ("bomb.tif", lambda: tiff_declaring(30_000, 30_000)),
        ("wide.png", lambda: png_of_zeros(30_000, 1000)),
    ],
)
def test_the_pyramid_builder_refuses_a_bomb_before_decoding_it(
    tmp_path: Path, name: str, content: Any
) -> None:
    pytest.importorskip("pyvips")
    source = tmp_path / name
    source.write_bytes(content())
    result, added_mb = build_in_a_child(source, tmp_path / "cache")
    assert "a document page may" in result
    assert added_mb < 20, f"refusing {name} added {added_mb:.0f} MB"
    assert not [path for path in (tmp_path / "cache").rglob("*") if path.is_file()]


def test_kiosk_tiles_holds_pages_to_the_installations_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyvips")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    exhibit_with_page(tmp_path / "bomb", png_of_zeros(15_000, 10_000))
    assert main(["tiles", str(tmp_path / "bomb")]) == 1
    assert "150 megapixels, more than the 100" in capsys.readouterr().err
    exhibit_with_page(tmp_path / "exhibit", png_of_zeros(2000, 1500))
    settings_file = tmp_path / "settings.yaml"
    settings_file.write_text("page_limit_megapixels: 2\n", encoding="utf-8")
    assert main(["tiles", "--settings", str(settings_file), str(tmp_path / "exhibit")]) == 1
    assert "3 megapixels, more than the 2" in capsys.readouterr().err
    settings_file.write_text("page_limit_megapixels: 3\n", encoding="utf-8")
    assert main(["tiles", "--settings", str(settings_file), str(tmp_path / "exhibit")]) == 0
    assert "page.png: cut, 2000x1500 pixels" in capsys.readouterr().out


#: What cutting the largest page allowed may add to a process with libvips loaded: its rows of
#: 20000 pixels, not its 100 megapixels (a full decode would hold 300 MB).
LARGEST_PAGE_MEMORY_MB = 200


@pytest.mark.slow
def test_the_largest_page_allowed_is_cut_in_bounded_memory(tmp_path: Path) -> None:
    pytest.importorskip("pyvips")
    from kiosk.content.pictures import MAX_PAGE_SIDE
    from tests.content.test_pyramids import synthetic_scan

    size = (MAX_PAGE_SIDE, int(SizeLimits().page_megapixels * 1_000_000) // MAX_PAGE_SIDE)
    source = synthetic_scan(tmp_path / "widest.jpg", size)
    result, added_mb = build_in_a_child(source, tmp_path / "cache")
    assert result == "built"
    assert added_mb < LARGEST_PAGE_MEMORY_MB, f"cutting {size[0]}x{size[1]} added {added_mb:.0f} MB"


# --- Every hostile case, through publishing as well ------------------------------------------

#: Cases whose files are tens of megabytes: publishing copies them before refusing, which proves
#: nothing more than validation does, at the cost of writing them out.
_LARGE = {"50 MB exhibit.yaml", "50 MB section file", "200 MB JPEG"}


@pytest.mark.parametrize("name", [name for name in CASES if name not in _LARGE])
def test_every_hostile_case_is_refused_by_publishing_too(tmp_path: Path, name: str) -> None:
    if name in POSIX_ONLY and not Path("/dev/zero").exists():
        pytest.skip("needs POSIX special files")
    folder = build_case(name, tmp_path)
    store = store_for(folder, tmp_path)
    publication = store.publish()
    assert publication.version is None
    assert publication.problems
    # Problems name the files the curator edits, never the copy.
    assert all(problem.file.is_relative_to(folder) for problem in publication.problems)
    assert store.current() is None
    assert not (tmp_path / PWNED).exists()
    if name not in POSIX_ONLY and name not in LINKS_OUT:  # links: at the link, tested above
        expected = EXPECTED[name]
        assert any(expected.words in problem.message for problem in publication.problems), name
