"""`kiosk new`: a new exhibit folder holding a commented example of every panel kind.

The example is copied from the template files in `kiosk/templates/new_exhibit/`. It validates
and runs as it is; its comments teach each key, and every text in it asks to be replaced. The new
folder also gets the JSON Schemas of its files, named on the first line of each, so that an editor
completes keys and underlines mistakes.
"""

import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from kiosk.content import figures
from kiosk.content.glossary import GLOSSARY_FILE
from kiosk.content.placeholders import template_files
from kiosk.content.schema import SCHEMA_KINDS, SchemaKind, render_schema, schema_file_name

TITLE_PLACEHOLDER = "__TITLE__"
SCHEMA_FOLDER = "schema"
# Words a title keeps in lower case unless they come first, as in "The Phases of the Moon".
_SMALL_WORDS = "a an and as at but by for from in into nor of on or the to with"


class ScaffoldError(Exception):
    """The exhibit cannot be created; nothing was left behind."""


@dataclass(frozen=True)
class NewExhibit:
    folder: Path
    title: str
    files: tuple[Path, ...]


def title_from_name(name: str) -> str:
    """The title a folder's name stands for: `the-phases-of-the-moon` is "The Phases of the Moon".

    A name already written with capitals or spaces is kept as it is, but for its dashes.
    """
    words = [word for word in re.split(r"[-_\s]+", name.strip()) if word]
    if any(character.isupper() for character in name) or " " in name.strip():
        return " ".join(words)
    return " ".join(
        word if index and word in _SMALL_WORDS.split() else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )


def create_exhibit(folder: Path, title: str | None = None) -> NewExhibit:
    """Writes the example exhibit into `folder`, which must be new or empty.

    Raises ScaffoldError, with nothing written, when the folder is not empty or a file is in the way.
    """
    title = title_from_name(folder.resolve().name) if title is None else title.strip()
    if not title:
        raise ScaffoldError("the exhibit needs a title: give one with --title")
    if any(character in title for character in "\r\n\t"):
        raise ScaffoldError("a title is one line of text")
    if folder.is_file() or (folder.is_symlink() and not folder.is_dir()):
        raise ScaffoldError(f"{folder} is a file, not a folder; nothing was written")
    existed = folder.is_dir()
    if existed and any(folder.iterdir()):
        raise ScaffoldError(
            f"{folder} already exists and is not empty; nothing was written. "
            "Choose another name, or empty the folder first."
        )
    written: list[Path] = []
    # Beside other exhibits that share one schema folder (as in exhibits/), the new one uses it too.
    shared = all((folder.parent / SCHEMA_FOLDER / schema_file_name(kind)).is_file() for kind in SCHEMA_KINDS)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for relative, content in [*template_files(), *([] if shared else _schema_files())]:
            target = folder.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            if relative.suffix == ".yaml":
                modeline = _modeline(relative, shared=shared)
                content = (modeline + _fill(content.decode("utf-8"), title)).encode("utf-8")
            elif relative.suffix == ".svg":
                content = figures.fill(content.decode("utf-8")).encode("utf-8")
            target.write_bytes(content)
            written.append(target)
    except OSError as error:
        _remove(folder, existed)
        raise ScaffoldError(f"could not write {error.filename or folder}: {error.strerror}") from None
    return NewExhibit(folder, title, tuple(written))


def _schema_files() -> list[tuple[PurePosixPath, bytes]]:
    return [
        (PurePosixPath(SCHEMA_FOLDER, schema_file_name(kind)), render_schema(kind).encode("utf-8"))
        for kind in SCHEMA_KINDS
    ]


def _modeline(relative: PurePosixPath, *, shared: bool) -> str:
    """The first line of a YAML file, naming its schema for the editor's YAML language server."""
    kinds: dict[str, SchemaKind] = {"exhibit.yaml": "exhibit", GLOSSARY_FILE: "glossary"}
    kind = kinds.get(str(relative), "section")
    up = "../" * (len(relative.parts) - 1 + shared)
    return f"# yaml-language-server: $schema={up}{SCHEMA_FOLDER}/{schema_file_name(kind)}\n"


def _fill(text: str, title: str) -> str:
    """The template's text with the title, and the figures the guide gives (kiosk.content.figures)."""
    return figures.fill(text).replace(TITLE_PLACEHOLDER, _yaml_scalar(title))


def _yaml_scalar(text: str) -> str:
    """The text as YAML reads it back unchanged: plain where it can be, quoted where it must be."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...")


def _remove(folder: Path, existed: bool) -> None:
    """Takes away what a failed scaffold wrote: the folder, or only its contents if it was there before."""
    if not existed:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
