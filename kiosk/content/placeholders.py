"""The stand-ins `kiosk new` writes, found where an exhibit still has them.

The example exhibit asks for every text to be replaced ("Replace this with…") and ships its own
drawings and recording; what is left of them in an exhibit is a house-rule warning, so that
`kiosk validate --strict` refuses an exhibit that would open with them. The stand-ins are read
from the template itself, so that a new one is found without being named here.
"""

import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import PurePosixPath
from typing import Any

import yaml

TEMPLATE_PACKAGE = "kiosk"
TEMPLATE_FOLDER = PurePosixPath("templates/new_exhibit")
#: The template asks for its texts to be replaced in these words.
_REPLACE = re.compile(r"\bReplace (?:this|it|with)\b[^\n.;:]*")


def template_files() -> list[tuple[PurePosixPath, bytes]]:
    """The example exhibit's files, relative to the template folder, as `kiosk new` copies them."""
    root = resources.files(TEMPLATE_PACKAGE).joinpath(*TEMPLATE_FOLDER.parts)
    found: list[tuple[PurePosixPath, bytes]] = []
    pending: list[tuple[PurePosixPath, Traversable]] = [(PurePosixPath(), root)]
    while pending:
        relative, entry = pending.pop()
        for child in entry.iterdir():
            if child.name.startswith((".", "__")):
                continue
            if child.is_dir():
                pending.append((relative / child.name, child))
            else:
                found.append((relative / child.name, child.read_bytes()))
    return sorted(found)


@cache
def _stand_ins() -> tuple[frozenset[str], frozenset[str]]:
    """The template's own texts that name it an example, and the names of its media files."""
    texts: set[str] = set()
    media: set[str] = set()
    for relative, content in template_files():
        if relative.suffix == ".yaml":
            texts.update(
                _normal(text)
                for text in _strings(yaml.safe_load(content.decode("utf-8")))
                if re.search(r"\bexample\b", text, re.IGNORECASE)
            )
        elif relative.parts[0] == "media":
            media.add(relative.name)
    return frozenset(texts), frozenset(media)


def stand_in_text(text: str) -> str | None:
    """The stand-in words in `text` ("Replace this with a caption"), or None."""
    if match := _REPLACE.search(text):
        return match.group().strip()
    if _normal(text) in _stand_ins()[0]:
        return " ".join(text.split())
    return None


def is_example_media(source: str) -> bool:
    """Whether the path names one of the drawings or recordings `kiosk new` writes."""
    path = PurePosixPath(source)
    return path.parent == PurePosixPath("media") and path.name in _stand_ins()[1]


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in _strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in _strings(value)]
    return []
