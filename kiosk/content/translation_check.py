"""Finds the visitor-facing words an exhibit lacks in one of the languages it declares.

Every text is looked at wherever it stands in the exhibit, so that a new kind of panel is checked
without being named here. A text written plainly, without a language map, serves every language
and so is missing in all but one of them, unless it has no letters to translate ("1917–1933").
"""

import re
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from kiosk.content.localized import ANY_LANGUAGE, Localized
from kiosk.content.media import Picture
from kiosk.content.models import Exhibit, Narration
from kiosk.content.yaml_source import KeyPath

#: A letter of any alphabet: text without one (dates, numbers, dashes) reads the same in every language.
LETTER = re.compile(r"[^\W\d_]")


def translation_problems(exhibit: Exhibit) -> Iterator[tuple[KeyPath, str]]:
    """Each missing translation, and each language named that the exhibit does not declare.

    In an exhibit of one language a text written once is read in it, and so is a narration given
    once: only maps naming another language, or lacking its one language, are looked at.
    """
    languages = exhibit.languages
    for path, value in visitor_values(exhibit):
        if isinstance(value, Localized):
            yield from _text_problems(value, path, languages)
        elif isinstance(value, Picture):
            yield from _picture_problems(value, path, languages)
        elif isinstance(value, Narration):
            yield from _narration_problems(value, path, languages)
        elif isinstance(value, Mapping):
            yield from _narrations_problems(value, path, languages)
        else:
            yield from _translated_problems(value, path, languages)


def visitor_values(exhibit: Exhibit) -> Iterator[tuple[KeyPath, Any]]:
    """Every text, picture, narration and `translated:` list of the exhibit, with its key path."""
    return _values(exhibit, ())


def _values(node: Any, path: KeyPath) -> Iterator[tuple[KeyPath, Any]]:
    """The texts, pictures, narrations and `translated:` lists under `node`, with their key paths."""
    if isinstance(node, Localized | Picture):
        yield path, node
        return
    if isinstance(node, BaseModel):
        if isinstance(node, Narration) and path[-1:] == ("narration",):
            yield path, node  # one narration for every language, not one of a language map
        for name, field in type(node).model_fields.items():
            key = field.alias or name
            value = getattr(node, name)
            if name == "translated":
                yield (*path, key), tuple(value)
            else:
                yield from _values(value, (*path, key))
    elif isinstance(node, tuple):
        for index, item in enumerate(node):
            yield from _values(item, (*path, index))
    elif isinstance(node, Mapping) and node and all(isinstance(item, Narration) for item in node.values()):
        # A narration per language.
        yield path, node
        for code, item in node.items():
            yield from _values(item, (*path, code))


def _field(path: KeyPath) -> str:
    """The key a curator knows the value by: 'title', 'attribution', 'narration'."""
    return next((str(part) for part in reversed(path) if isinstance(part, str)), "text")


def _listed(codes: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"'{code}'" for code in codes)


def _to_add(codes: list[str]) -> str:
    return ", ".join(f"{code}: ..." for code in codes)


def _text_problems(
    value: Localized, path: KeyPath, languages: tuple[str, ...]
) -> Iterator[tuple[KeyPath, str]]:
    table = dict(value.by_language)
    field = _field(path)
    for code in table:
        if code != ANY_LANGUAGE and code not in languages:
            yield (
                (*path, code),
                f"the {field} has text in '{code}', which is not one of the exhibit's languages "
                f"({_listed(languages)}): no visitor will read it; declare the language under "
                "languages:, or remove the text",
            )
    if ANY_LANGUAGE in table:
        if len(languages) > 1 and LETTER.search(table[ANY_LANGUAGE]):
            yield (
                path,
                f"the {field} is written once, for every language: write it in each of "
                f"{_listed(languages)}, as a map ({_to_add(list(languages))})",
            )
        return
    missing = [code for code in languages if code not in table]
    if missing:
        yield path, f"the {field} has no text in {_listed(missing)}: add {_to_add(missing)}"


def _picture_problems(
    picture: Picture, path: KeyPath, languages: tuple[str, ...]
) -> Iterator[tuple[KeyPath, str]]:
    """A picture given once serves every language; one given per language needs each of them."""
    table = dict(picture.by_language)
    if ANY_LANGUAGE in table:
        return
    field = _field(path)
    for code in table:
        if code not in languages:
            yield (
                (*path, code),
                f"the {field} has a picture in '{code}', which is not one of the exhibit's languages "
                f"({_listed(languages)}): no visitor will see it; declare the language under "
                "languages:, or remove the picture",
            )
    missing = [code for code in languages if code not in table]
    if missing:
        yield path, f"the {field} has no picture in {_listed(missing)}: add {_to_add(missing)}"


def _narration_problems(
    narration: Narration, path: KeyPath, languages: tuple[str, ...]
) -> Iterator[tuple[KeyPath, str]]:
    """One narration for every language is missing in the others when its captions are a .vtt file.

    (Cues written in the YAML are texts, and are looked at as such.)
    """
    if narration.captions is None or len(languages) < 2:
        return
    yield (
        path,
        f"the narration, one recording captioned by {narration.captions.source}, serves every "
        f"language: give each of {_listed(languages)} its own (narration: {_to_add(list(languages))})",
    )


def _narrations_problems(
    narrations: Mapping[str, Narration], path: KeyPath, languages: tuple[str, ...]
) -> Iterator[tuple[KeyPath, str]]:
    for code in narrations:
        if code not in languages:
            yield (
                (*path, code),
                f"the narration in '{code}' is in none of the exhibit's languages ({_listed(languages)}): "
                "no visitor will hear it",
            )
    missing = [code for code in languages if code not in narrations]
    if missing:
        yield path, f"the narration has no recording in {_listed(missing)}: add {_to_add(missing)}"


def _translated_problems(
    codes: tuple[str, ...], path: KeyPath, languages: tuple[str, ...]
) -> Iterator[tuple[KeyPath, str]]:
    for index, code in enumerate(codes):
        if code not in languages:
            yield (
                (*path, index),
                f"translated names '{code}', which is not one of the exhibit's languages ({_listed(languages)})",
            )
