"""The exhibit's glossary: words a visitor may not know, defined once and marked where they are used.

A curator defines each term in `glossary.yaml`, beside exhibit.yaml, under an id of its own:

    kerensky:
      headword: {en: Alexander Kerensky, ru: Александр Керенский}
      definition: {en: "...", ru: "..."}

and marks it in any Markdown text (a body, intro, context or note) as `[[words as shown|term-id]]`:
`[[Kerensky's|kerensky]]`, `[[Керенского|kerensky]]`. The visitor reads the words as shown and
taps them for the definition. Everywhere else (word counts, narration, screen readers) the mark
is its words alone.

This module reads the marks in text and checks them against the glossary; it is pure Python, and
its messages are the curator's.
"""

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.content import bounds
from kiosk.content.localized import ANY_LANGUAGE, Localized

if TYPE_CHECKING:
    from kiosk.content.models import Exhibit

#: The file beside exhibit.yaml that holds the exhibit's glossary.
GLOSSARY_FILE = "glossary.yaml"
#: A definition is read in a small card beside the term, standing: a sentence or two.
MAX_DEFINITION_WORDS = 40
#: The link that a marked term becomes in rendered text: nothing else in text is a link.
TERM_LINK_PREFIX = "term:"

_OPEN = "[["
_CLOSE = "]]"
_SEPARATOR = "|"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: The longest stretch of a mark a message quotes.
_QUOTED = 60
_EXAMPLE = "[[words as shown|term-id]]"


@dataclass(frozen=True, slots=True)
class TermMark:
    """A marked term in text: the words shown, the term's id, and where the mark stands."""

    written: str
    shown: str
    term: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.written)


@dataclass(frozen=True, slots=True)
class MarkProblem:
    """A mark written wrongly: what was written, where it begins in the text, and why."""

    written: str
    start: int
    reason: str


def scan_marks(text: str) -> tuple[list[TermMark], list[MarkProblem]]:
    """The marked terms of a text in reading order, and the marks written wrongly."""
    marks: list[TermMark] = []
    problems: list[MarkProblem] = []
    position = 0
    while (start := text.find(_OPEN, position)) != -1:
        end = text.find(_CLOSE, start + len(_OPEN))
        if end == -1:
            written = text[start:]
            problems.append(
                MarkProblem(
                    written,
                    start,
                    f"'{_quoted(written)}' opens a marked term that is never closed with ']]'; "
                    f"write {_EXAMPLE}",
                )
            )
            break
        written = text[start : end + len(_CLOSE)]
        position = end + len(_CLOSE)
        inner = written[len(_OPEN) : -len(_CLOSE)]
        if reason := _malformed(inner, written):
            problems.append(MarkProblem(written, start, reason))
            continue
        shown, _, term = inner.rpartition(_SEPARATOR)
        marks.append(TermMark(written, shown.strip(), term.strip(), start))
    return marks, problems


def _malformed(inner: str, written: str) -> str | None:
    quoted = _quoted(written)
    if _OPEN in inner:
        return f"'{quoted}' puts a marked term inside another; mark each term on its own: {_EXAMPLE}"
    if _SEPARATOR not in inner:
        return f"'{quoted}' names no term: write the words as shown, '|' and the term's id: {_EXAMPLE}"
    shown, _, term = inner.rpartition(_SEPARATOR)
    if _SEPARATOR in shown:
        return f"'{quoted}' has more than one '|'; write {_EXAMPLE}"
    if not shown.strip():
        return f"'{quoted}' has no words to show before '|'; write {_EXAMPLE}"
    if not term.strip():
        return f"'{quoted}' has no term id after '|'; write {_EXAMPLE}"
    if not bounds.IDENTIFIER.match(term.strip()):
        return (
            f"'{quoted}': '{term.strip()}' is not a term id; ids are lowercase letters, digits and '-' "
            "(such as 'peoples-commissar'), as glossary.yaml names them"
        )
    if _PARAGRAPH_BREAK.search(shown):
        return f"'{quoted}' runs over a blank line: a marked term stays within its paragraph"
    return None


def mark_problem(text: str) -> MarkProblem | None:
    """The first mark written wrongly in the text, if any."""
    problems = scan_marks(text)[1]
    return problems[0] if problems else None


def terms_used(text: str) -> list[TermMark]:
    return scan_marks(text)[0]


def shown_text(text: str) -> str:
    """The text as a visitor reads it: each marked term replaced by its words as shown."""
    parts: list[str] = []
    position = 0
    for mark in terms_used(text):
        parts.append(text[position : mark.start])
        parts.append(mark.shown)
        position = mark.end
    parts.append(text[position:])
    return "".join(parts)


def linked_text(text: str, link: Callable[[str, str], str]) -> str:
    """The text with each marked term replaced by `link(term, shown)`, the rest as it is."""
    parts: list[str] = []
    position = 0
    for mark in terms_used(text):
        parts.append(text[position : mark.start])
        parts.append(link(mark.term, mark.shown))
        position = mark.end
    parts.append(text[position:])
    return "".join(parts)


def _quoted(written: str) -> str:
    written = " ".join(written.split())
    return written if len(written) <= _QUOTED else written[: _QUOTED - 1] + "…"


def unknown_term_message(term: str, defined: Iterable[str]) -> str:
    """Why a marked term's id is refused: no definition has it (and the one it may be misspelt for)."""
    known = sorted(defined)
    close = difflib.get_close_matches(term, known, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    if not known:
        return f"the term '{term}' is marked here, but the exhibit has no {GLOSSARY_FILE}; define it there"
    return f"the term '{term}' is marked here, but {GLOSSARY_FILE} does not define it{hint}"


@dataclass(frozen=True, slots=True)
class GlossaryProblem:
    """A term marked but not defined, defined but not used, or defined without a language.

    `path` is the loader's key path of the value; `fragment`, when given, the words within it
    that the message is about (a mark in a body). Warnings leave the exhibit open.
    """

    path: tuple[str | int, ...]
    message: str
    fragment: str | None = None
    warning: bool = False


def glossary_problems(exhibit: "Exhibit") -> Iterator[GlossaryProblem]:
    """The glossary checked against the text that marks its terms, and against the languages."""
    # Imported here: the models import this module (for the marks), and this looks at them.
    from kiosk.content.translation_check import LETTER, visitor_values

    glossary = exhibit.glossary
    used: set[str] = set()
    for path, value in visitor_values(exhibit):
        if not isinstance(value, Localized):
            continue
        for code, text in value.by_language:
            where = path if code == ANY_LANGUAGE else (*path, code)
            for mark in terms_used(text):
                used.add(mark.term)
                if mark.term not in glossary:
                    yield GlossaryProblem(where, unknown_term_message(mark.term, glossary), mark.written)
    languages = exhibit.languages
    for term_id, term in glossary.items():
        term_path = ("glossary", term_id)
        for key, value in (("headword", term.headword), ("definition", term.definition)):
            table = dict(value.by_language)
            if ANY_LANGUAGE in table and (len(languages) == 1 or not LETTER.search(table[ANY_LANGUAGE])):
                continue
            missing = [code for code in languages if code not in table]
            if missing:
                listed = ", ".join(f"'{code}'" for code in missing)
                to_add = ", ".join(f"{code}: ..." for code in missing)
                yield GlossaryProblem(
                    (*term_path, key),
                    f"the {key} of '{term_id}' has no text in {listed}: a visitor reading it would "
                    f"tap the term and find another language; write it in each of the exhibit's "
                    f"languages ({to_add})",
                )
        for code, text in term.definition.by_language:
            if (count := len(plain_text_words(text))) > MAX_DEFINITION_WORDS:
                yield GlossaryProblem(
                    (*term_path, "definition") if code == ANY_LANGUAGE else (*term_path, "definition", code),
                    f"{count} words; a definition is read in a small card beside the term: keep it "
                    f"to {MAX_DEFINITION_WORDS} words or fewer",
                    warning=True,
                )
        if term_id not in used:
            yield GlossaryProblem(
                term_path,
                f"'{term_id}' is defined but no text marks it; mark it where it is used "
                f"([[words as shown|{term_id}]]), or remove the definition",
                warning=True,
            )


def plain_text_words(text: str) -> list[str]:
    """The words a visitor reads in a definition, without its markup."""
    from kiosk.content.markdown import plain_text

    return plain_text(text).split()
