"""Visitor-facing text that may exist in several languages."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")

#: The key under which text written without a language map is kept: it serves every language.
ANY_LANGUAGE = "*"


@dataclass(frozen=True, slots=True)
class Localized:
    """Text by language code; plain text in the YAML serves every language."""

    by_language: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str) -> "Localized":
        return cls(((ANY_LANGUAGE, text),))

    @classmethod
    def of(cls, mapping: Mapping[str, str]) -> "Localized":
        return cls(tuple(mapping.items()))

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(code for code, _ in self.by_language if code != ANY_LANGUAGE)

    def values(self) -> Iterable[str]:
        return (text for _, text in self.by_language)

    def resolve(self, language: str, fallbacks: Iterable[str] = ()) -> str:
        return in_language(self.by_language, language, fallbacks, "")


def in_language(
    by_language: Iterable[tuple[str, T]], language: str, fallbacks: Iterable[str], default: T
) -> T:
    """The value for `language`, else the one for every language, else the first of `fallbacks`.

    Else the first value given, or `default` when there is none: a visitor always sees something.
    """
    table = dict(by_language)
    for code in (language, ANY_LANGUAGE, *fallbacks):
        if code in table:
            return table[code]
    return next(iter(table.values()), default)


def parse_localized(value: Any) -> Localized:
    """Accepts plain text or a map of language codes to text; raises ValueError with a curator-facing reason."""
    if isinstance(value, Localized):
        return value
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("text is empty")
        return Localized.plain(value)
    if isinstance(value, Mapping):
        if not value:
            raise ValueError("expected text or a map of languages to text, found an empty map")
        for code, text in value.items():
            if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
                raise ValueError(f"'{code}' is not a language code; use codes such as 'en' or 'ru'")
            if not isinstance(text, str):
                raise ValueError(f"the '{code}' text must be text, found {describe_value(text)}")
            if not text.strip():
                raise ValueError(f"the '{code}' text is empty")
        return Localized.of(value)
    raise ValueError(f"expected text, found {describe_value(value)}")


def describe_value(value: Any) -> str:
    """Names a YAML value as a curator would think of it."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false ({'true' if value else 'false'}); put it in quotes if it is text"
    if isinstance(value, int | float):
        return f"a number ({value}); put it in quotes if it is text"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "a mapping (keys and values)"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__
