"""The JSON Schemas for editors: shipped up to date, true to the loader, and named by every shipped file."""

import copy
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from kiosk.cli import main
from kiosk.content.loader import load_exhibit
from kiosk.content.models import PANEL_KINDS
from kiosk.content.schema import SCHEMA_KINDS, SchemaKind, build_schema, render_schema, schema_file_name
from kiosk.content.yaml_source import read_yaml
from tests.conftest import MINI_EXHIBIT, REPOSITORY

SCHEMA_DIR = REPOSITORY / "exhibits" / "schema"
SHIPPED_YAML = sorted((REPOSITORY / "exhibits").glob("**/*.yaml")) + sorted(MINI_EXHIBIT.glob("**/*.yaml"))
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def kind_of(path: Path) -> SchemaKind:
    return {"exhibit.yaml": "exhibit", "glossary.yaml": "glossary"}.get(path.name, "section")


def validator(kind: SchemaKind) -> jsonschema.protocols.Validator:
    schema = build_schema(kind)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def schema_errors(kind: SchemaKind, data: Any) -> list[str]:
    return [error.message for error in validator(kind).iter_errors(data)]


def shown(path: Path) -> str:
    return str(path.relative_to(REPOSITORY))


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_shipped_schema_is_what_kiosk_schema_writes_now(kind: SchemaKind) -> None:
    shipped = (SCHEMA_DIR / schema_file_name(kind)).read_text(encoding="utf-8")
    assert shipped == render_schema(kind), (
        f"exhibits/schema/{schema_file_name(kind)} is stale: run `kiosk schema --output exhibits/schema/`"
    )


def test_kiosk_schema_writes_to_stdout_a_file_or_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == render_schema("exhibit")
    assert main(["schema", "section"]) == 0
    assert capsys.readouterr().out == render_schema("section")

    assert main(["schema", "section", "--output", str(tmp_path / "one.json")]) == 0
    assert (tmp_path / "one.json").read_text(encoding="utf-8") == render_schema("section")

    assert main(["schema", "--output", f"{tmp_path / 'new'}/"]) == 0
    assert sorted(path.name for path in (tmp_path / "new").iterdir()) == [
        "exhibit.schema.json",
        "glossary.schema.json",
        "section.schema.json",
    ]
    assert "wrote the section schema" in capsys.readouterr().err


def test_kiosk_schema_says_when_it_cannot_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert main(["schema", "--output", str(tmp_path / "file" / "x.json")]) == 1
    assert "kiosk: cannot write" in capsys.readouterr().err


@pytest.mark.parametrize("path", SHIPPED_YAML, ids=shown)
def test_schema_accepts_every_shipped_file(path: Path) -> None:
    assert schema_errors(kind_of(path), read_yaml(path).data) == []


@pytest.mark.parametrize("path", SHIPPED_YAML, ids=shown)
def test_every_shipped_file_names_its_schema_on_its_first_line(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first_line)
    assert match, f"{shown(path)} starts with {first_line!r}, not the yaml-language-server modeline"
    target = (path.parent / match.group(1)).resolve()
    assert target.is_file(), f"{shown(path)} names {match.group(1)}, which does not exist"
    assert target == (SCHEMA_DIR / schema_file_name(kind_of(path))).resolve()


def test_there_are_shipped_files_to_check() -> None:
    names = {shown(path) for path in SHIPPED_YAML}
    assert "exhibits/recognition-1933/exhibit.yaml" in names
    assert "tests/data/mini/sections/second.yaml" in names


def walk(schema: Any) -> Iterator[dict[str, Any]]:
    if isinstance(schema, dict):
        yield schema
        for value in schema.values():
            yield from walk(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from walk(value)


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_key_has_help_for_the_curator(kind: SchemaKind) -> None:
    undescribed = [
        f"{node.get('title')}.{key}"
        for node in walk(build_schema(kind))
        if isinstance(node.get("properties"), dict)
        for key, property_schema in node["properties"].items()
        if not property_schema.get("description")
    ]
    assert undescribed == []


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_object_forbids_unknown_keys(kind: SchemaKind) -> None:
    open_objects = [
        node.get("title")
        for node in walk(build_schema(kind))
        if "properties" in node and "oneOf" not in node and node.get("additionalProperties") is not False
    ]
    assert open_objects == []


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_refs_carry_no_checks_that_draft_7_would_ignore(kind: SchemaKind) -> None:
    # In draft 7, keys beside a $ref are ignored: only notes for the reader may stand there.
    for node in walk(build_schema(kind)):
        if "$ref" in node:
            assert set(node) <= {"$ref", "title", "description", "default"}, node


def test_panel_kind_is_offered_as_a_list_and_picks_the_panel() -> None:
    panels = build_schema("section")["properties"]["panels"]["items"]
    assert panels["properties"]["kind"]["enum"] == list(PANEL_KINDS)
    definitions = build_schema("section")["$defs"]
    branches = [definitions[ref["$ref"].rsplit("/", 1)[-1]] for ref in panels["oneOf"]]
    assert [branch["properties"]["kind"]["const"] for branch in branches] == list(PANEL_KINDS)


VALID_SECTION: dict[str, Any] = {
    "id": "only",
    "title": "Only Section",
    "teaser": "One of each",
    "panels": [
        {"kind": "text", "title": "Words", "body": "Some words."},
        {
            "kind": "quote",
            "title": "A quote",
            "text": "Words someone said.",
            "attribution": "Someone",
            "source": "A book",
            "date": "1933-10-10",
        },
        {
            "kind": "timeline",
            "title": "When",
            "events": [{"date": 1917, "title": "First"}, {"date": "1933-11", "title": "Second"}],
        },
    ],
}
VALID_EXHIBIT: dict[str, Any] = {
    "title": "An exhibit",
    "theme": {"paper": "#F3ECDF"},
    "sections": [VALID_SECTION],
}


def changed(data: dict[str, Any], change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    change(data)
    return data


BAD_EXHIBITS: dict[str, dict[str, Any]] = {
    "unknown key": changed(VALID_EXHIBIT, lambda data: data.update(tittle="x")),
    "unknown key in a panel": changed(
        VALID_EXHIBIT, lambda data: data["sections"][0]["panels"][0].update(caption="x")
    ),
    "misspelt panel kind": changed(
        VALID_EXHIBIT, lambda data: data["sections"][0]["panels"][0].update(kind="txt")
    ),
    "missing required key": changed(VALID_EXHIBIT, lambda data: data["sections"][0].pop("teaser")),
    "missing panel key": changed(VALID_EXHIBIT, lambda data: data["sections"][0]["panels"][1].pop("source")),
    "wrong type: number for text": changed(VALID_EXHIBIT, lambda data: data.update(title=1933)),
    "wrong type: text for a list": changed(VALID_EXHIBIT, lambda data: data.update(sections="all")),
    "bad colour": changed(VALID_EXHIBIT, lambda data: data["theme"].update(paper="#FFF")),
    "colour name": changed(VALID_EXHIBIT, lambda data: data["theme"].update(ink="black")),
    "bad date: month 13": changed(
        VALID_EXHIBIT, lambda data: data["sections"][0]["panels"][1].update(date="1933-13-01")
    ),
    "bad date: words": changed(
        VALID_EXHIBIT, lambda data: data["sections"][0]["panels"][2]["events"][0].update(date="Nov 1933")
    ),
    "bad date: short year": changed(
        VALID_EXHIBIT, lambda data: data["sections"][0]["panels"][2]["events"][0].update(date=33)
    ),
    "bad id": changed(VALID_EXHIBIT, lambda data: data["sections"][0].update(id="Only One")),
    "side that is no name": changed(VALID_EXHIBIT, lambda data: data["sections"][0].update(side="Left Side")),
    "section path that is no YAML file": changed(VALID_EXHIBIT, lambda data: data.update(sections=["x.txt"])),
    "absolute section path": changed(VALID_EXHIBIT, lambda data: data.update(sections=["/etc/a.yaml"])),
}


def write_exhibit(folder: Path, data: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "exhibit.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_valid_exhibit_is_valid_to_the_schema_and_to_the_loader(tmp_path: Path) -> None:
    assert schema_errors("exhibit", VALID_EXHIBIT) == []
    assert schema_errors("section", VALID_SECTION) == []
    result = load_exhibit(write_exhibit(tmp_path, VALID_EXHIBIT))
    assert result.ok, [problem.format() for problem in result.problems]


@pytest.mark.parametrize("name", BAD_EXHIBITS)
def test_schema_rejects_what_the_loader_rejects(tmp_path: Path, name: str) -> None:
    data = BAD_EXHIBITS[name]
    assert schema_errors("exhibit", data), f"the schema accepts: {name}"
    assert not load_exhibit(write_exhibit(tmp_path, data)).ok, f"the loader accepts: {name}"


def test_a_section_file_of_its_own_is_checked_the_same() -> None:
    assert schema_errors("section", BAD_EXHIBITS["misspelt panel kind"]["sections"][0])
    assert schema_errors("section", BAD_EXHIBITS["bad date: month 13"]["sections"][0])


def test_what_json_schema_cannot_see_is_left_to_the_loader(tmp_path: Path) -> None:
    """A missing picture, events out of order and a side the theme does not name pass the schema;
    `kiosk validate` catches them."""
    data = changed(VALID_EXHIBIT, lambda data: data["sections"][0]["panels"][2]["events"].reverse())
    data["sections"][0]["tile_image"] = "media/missing.png"
    assert schema_errors("exhibit", data) == []
    messages = [problem.message for problem in load_exhibit(write_exhibit(tmp_path, data)).problems]
    assert any("file not found" in message for message in messages)
    assert any("date order" in message for message in messages)
    unnamed_side = changed(VALID_EXHIBIT, lambda data: data["sections"][0].update(side="left"))
    assert schema_errors("exhibit", unnamed_side) == []
    messages = [problem.message for problem in load_exhibit(write_exhibit(tmp_path, unnamed_side)).problems]
    assert any("not one of this exhibit's sides" in message for message in messages)
