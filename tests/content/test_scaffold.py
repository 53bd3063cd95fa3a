"""`kiosk new`: a scaffolded exhibit is valid as it is, shows every panel kind, and never overwrites."""

import json
import re
from pathlib import Path

import jsonschema
import pytest
from pydantic import BaseModel

from kiosk.cli import main
from kiosk.content.glossary import GLOSSARY_FILE
from kiosk.content.loader import load_exhibit
from kiosk.content.models import (
    PANEL_KINDS,
    PANEL_MODELS,
    Annotation,
    AttractSlide,
    DocumentPage,
    Era,
    Exhibit,
    GalleryItem,
    GlossaryTerm,
    PanelBase,
    Person,
    Portrait,
    Theme,
    TimelineEvent,
)
from kiosk.content.scaffold import ScaffoldError, create_exhibit, title_from_name
from kiosk.content.yaml_source import read_yaml

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def load(folder: Path) -> Exhibit:
    result = load_exhibit(folder)
    assert result.problems == ()
    assert result.exhibit is not None
    return result.exhibit


@pytest.fixture
def scaffolded(tmp_path: Path) -> Path:
    folder = tmp_path / "river-trade"
    create_exhibit(folder)
    return folder


def test_the_scaffold_validates_with_no_problems(scaffolded: Path) -> None:
    exhibit = load(scaffolded)
    assert exhibit.title.resolve("en") == "River Trade"
    assert 2 <= len(exhibit.sections) <= 4
    assert exhibit.attract is not None
    assert len(exhibit.attract.slides) == 2


def test_the_scaffold_shows_every_panel_kind(scaffolded: Path) -> None:
    exhibit = load(scaffolded)
    kinds = [panel.kind for section in exhibit.sections for panel in section.panels]
    assert set(kinds) == set(PANEL_KINDS)


def test_the_scaffold_writes_every_exhibit_key_and_sections_in_files_of_their_own(
    scaffolded: Path,
) -> None:
    data = read_yaml(scaffolded / "exhibit.yaml").data
    # The glossary is a file of its own beside exhibit.yaml, with every key of a term.
    assert keys_of(Exhibit) - {"glossary"} <= set(data)
    terms = read_yaml(scaffolded / GLOSSARY_FILE).data
    assert terms
    assert all(keys_of(GlossaryTerm) == set(term) for term in terms.values())
    assert keys_of(AttractSlide) <= set().union(*data["attract"]["slides"])
    assert all(isinstance(item, str) and item.startswith("sections/") for item in data["sections"])


def keys_of(model: type[BaseModel]) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


def test_every_key_of_every_panel_kind_is_shown(scaffolded: Path) -> None:
    """The example teaches the whole of each panel: no key of its model is left out."""
    panels = [
        panel
        for section in read_yaml(scaffolded / "exhibit.yaml").data["sections"]
        for panel in read_yaml(scaffolded / section).data["panels"]
    ]
    common = keys_of(PanelBase) - {"title"}  # shown once, on the first panel
    assert common <= set(panels[0])
    items = {
        "events": TimelineEvent,
        "eras": Era,
        "people": Person,
        "pages": DocumentPage,
        "annotations": Annotation,
        "items": GalleryItem,
    }
    for kind, model in PANEL_MODELS.items():
        written = [panel for panel in panels if panel["kind"] == kind]
        assert keys_of(model) - common <= set().union(*written), kind
        for key, item_model in items.items():
            if key in keys_of(model):
                shown = set().union(*(item for panel in written for item in panel[key]))
                assert keys_of(item_model) <= shown, f"{kind}.{key}"
    people = [person for panel in panels if panel["kind"] == "people" for person in panel["people"]]
    assert keys_of(Portrait) <= set().union(*(person.get("portrait", {}) for person in people))


def test_the_theme_written_out_is_the_default_theme(scaffolded: Path) -> None:
    assert Theme.model_validate(read_yaml(scaffolded / "exhibit.yaml").data["theme"]) == Theme()
    assert load(scaffolded).timing == Exhibit.model_fields["timing"].default


def test_every_text_is_plainly_a_stand_in(scaffolded: Path) -> None:
    exhibit = load(scaffolded)
    for section in exhibit.sections:
        assert "Replace" in section.teaser.resolve("en")
        for panel in section.panels:
            shown = json.dumps(panel.model_dump(mode="json", by_alias=True), ensure_ascii=False)
            assert "Replace" in shown, panel.title.resolve("en")


def test_every_yaml_file_names_its_schema_in_the_new_folder(scaffolded: Path) -> None:
    yaml_files = sorted(scaffolded.rglob("*.yaml"))
    assert len(yaml_files) >= 3
    for path in yaml_files:
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        match = MODELINE.match(first_line)
        assert match, f"{path.name} starts with {first_line!r}"
        schema_file = (path.parent / match.group(1)).resolve()
        assert schema_file.is_relative_to(scaffolded / "schema")
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        validator = jsonschema.validators.validator_for(schema)(schema)
        assert [error.message for error in validator.iter_errors(read_yaml(path).data)] == []


def test_beside_other_exhibits_the_new_one_uses_their_shared_schema(tmp_path: Path) -> None:
    """Scaffolded into exhibits/, the new exhibit's files point at exhibits/schema/, like the others."""
    collection = tmp_path / "exhibits"
    assert main(["schema", "--output", str(collection / "schema") + "/"]) == 0
    folder = collection / "river-trade"
    create_exhibit(folder)
    assert not (folder / "schema").exists()
    for path in sorted(folder.rglob("*.yaml")):
        match = MODELINE.match(path.read_text(encoding="utf-8").splitlines()[0])
        assert match
        schema_file = (path.parent / match.group(1)).resolve()
        assert schema_file.parent == (collection / "schema").resolve()
        assert schema_file.is_file()


NARRATION_FILES = {".opus", ".vtt"}
NARRATION_CREDIT = (
    "Replace this with who reads; the example is a synthetic voice (eSpeak NG) made for kiosk new"
)
FILM_FILES = {".mp4"}
FILM_CREDIT = "Example film made by kiosk new; synthetic voice (eSpeak NG)"


def test_pictures_are_the_scaffolds_own_svg_drawings(scaffolded: Path) -> None:
    pictures = [
        path
        for path in sorted((scaffolded / "media").iterdir())
        if path.suffix not in NARRATION_FILES | FILM_FILES
    ]
    assert pictures
    assert all(path.suffix == ".svg" for path in pictures)
    for path in scaffolded.rglob("*.yaml"):
        for credit in re.findall(r"credit: (.*)", path.read_text(encoding="utf-8")):
            assert credit in ("Example drawing made by kiosk new", NARRATION_CREDIT, FILM_CREDIT)


def test_the_narration_is_the_scaffolds_own_small_recording_with_its_captions(scaffolded: Path) -> None:
    narration = load(scaffolded).sections[0].panels[0].narration
    assert narration is not None
    assert narration.audio.path.parent == (scaffolded / "media").resolve()
    assert narration.audio.path.stat().st_size < 64 * 1024
    assert narration.captions is not None
    assert narration.captions.path.parent == (scaffolded / "media").resolve()
    assert "synthetic voice" in narration.credit.resolve("en")
    assert narration.audio.duration is not None
    assert narration.captions.cues[-1].end <= narration.audio.duration


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("river-trade", "River Trade"),
        ("the-phases-of-the-moon", "The Phases of the Moon"),
        ("of_mice_and_men", "Of Mice and Men"),
        ("Recognition 1933", "Recognition 1933"),
        ("WWI-posters", "WWI posters"),
    ],
)
def test_the_name_becomes_the_title(name: str, title: str) -> None:
    assert title_from_name(name) == title


def test_a_title_with_punctuation_is_quoted_as_yaml_needs(tmp_path: Path) -> None:
    create_exhibit(tmp_path / "x", title="Trade: a river's story #1")
    assert load(tmp_path / "x").title.resolve("en") == "Trade: a river's story #1"


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    create_exhibit(folder)
    load(folder)


def test_a_folder_that_is_not_empty_is_refused_and_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="not empty"):
        create_exhibit(folder)
    assert [path.name for path in folder.iterdir()] == ["notes.txt"]


def test_a_file_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="is a file"):
        create_exhibit(tmp_path / "file")
    assert (tmp_path / "file").read_text(encoding="utf-8") == "mine"


def test_kiosk_new_creates_an_exhibit_that_kiosk_validate_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "the-great-fire"
    assert main(["new", str(folder)]) == 0
    assert "kiosk validate" in capsys.readouterr().err
    assert load(folder).title.resolve("en") == "The Great Fire"
    capsys.readouterr()
    # Valid as it is; its stand-ins are warnings, which --strict refuses.
    assert main(["validate", str(folder)]) == 0
    shown = capsys.readouterr()
    assert (
        f"{folder / 'exhibit.yaml'}:46:11: warning: subtitle: 'Replace this with one line about the exhibit' is a stand-in that kiosk new wrote; replace it with the exhibit's own words"
        in shown.out.splitlines()
    )
    assert main(["validate", "--strict", str(folder)]) == 1


def test_kiosk_new_takes_a_title(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "fire"), "--title", "London, 1666"]) == 0
    assert load(tmp_path / "fire").title.resolve("en") == "London, 1666"


def test_kiosk_new_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "exhibit.yaml").write_text("title: Mine\n", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 1
    assert "already exists and is not empty; nothing was written" in capsys.readouterr().err
    assert [path.name for path in tmp_path.iterdir()] == ["exhibit.yaml"]
    assert (tmp_path / "exhibit.yaml").read_text(encoding="utf-8") == "title: Mine\n"
