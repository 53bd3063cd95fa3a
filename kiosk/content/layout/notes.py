"""A letter's noted phrases, marked in its transcript as a highlighter would mark them.

Each paragraph is held as pieces of plain text, some of them a noted phrase; the views show it as
rich text in which a noted phrase is a link "note:N" (N the note's number) on a tinted ground.
The letter's own words are always escaped: a "<" in a letter is a "<" on the screen.
"""

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.content.phrases import find_phrase

#: A piece of a paragraph that is no noted phrase.
NOT_NOTED = -1


@dataclass(frozen=True)
class Piece:
    text: str
    note: int = NOT_NOTED


@dataclass(frozen=True)
class Marking:
    """The colours of the marks, as the views name them ("#rrggbb").

    `pointed` is the phrase the keyboard is on, drawn in reverse (ink ground, card letters) so that
    it shows at once; `selected` is the phrase whose note is open, on a stronger tint.
    """

    ink: str
    card: str
    tint: str
    strong: str
    selected: int = NOT_NOTED
    pointed: int = NOT_NOTED


@dataclass(frozen=True)
class Paragraph:
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def notes(self) -> list[tuple[int, str]]:
        """The noted phrases in reading order, as (number, phrase as the letter has it)."""
        return [(piece.note, piece.text) for piece in self.pieces if piece.note != NOT_NOTED]

    def record(self) -> dict[str, Any]:
        """The paragraph as the views take it: its pieces, its text, its notes and its link markup."""
        return {
            "pieces": [{"text": piece.text, "note": piece.note} for piece in self.pieces],
            "text": self.text,
            "notes": [{"number": number, "phrase": phrase} for number, phrase in self.notes],
            "html": markup(self),
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any] | Iterable[Mapping[str, Any]]) -> "Paragraph":
        """A paragraph back from its record, or from the record's list of pieces."""
        pieces = record.get("pieces", []) if isinstance(record, Mapping) else record
        return cls(tuple(Piece(str(piece["text"]), int(piece["note"])) for piece in pieces))


def plain(text: str) -> Paragraph:
    return Paragraph((Piece(text),) if text else ())


def annotate(texts: list[str], phrases: list[str]) -> list[Paragraph]:
    """The paragraphs with each note's phrase marked where it first stands in the letter.

    A phrase overlapping one already marked is left unmarked rather than tangling the two, and a
    phrase the letter does not have is marked nowhere (the curator is told so on loading).
    """
    spans: list[list[tuple[int, int, int]]] = [[] for _ in texts]
    for number, phrase in enumerate(phrases):
        for paragraph, text in enumerate(texts):
            span = find_phrase(text, phrase)
            if span is None:
                continue
            if all(span[1] <= start or span[0] >= end for start, end, _ in spans[paragraph]):
                spans[paragraph].append((*span, number))
            break
    paragraphs = []
    for text, marks in zip(texts, spans, strict=True):
        pieces, at = [], 0
        for start, end, number in sorted(marks):
            if start > at:
                pieces.append(Piece(text[at:start]))
            pieces.append(Piece(text[start:end], number))
            at = end
        if at < len(text):
            pieces.append(Piece(text[at:]))
        paragraphs.append(Paragraph(tuple(pieces)))
    return paragraphs


def markup(paragraph: Paragraph, marking: Marking | None = None) -> str:
    """The paragraph as rich text: each noted phrase a link "note:N", tinted when `marking` is given."""
    shown = []
    for piece in paragraph.pieces:
        words = html.escape(piece.text, quote=False)
        if piece.note == NOT_NOTED:
            shown.append(words)
        elif marking is None:
            shown.append(f'<a href="note:{piece.note}">{words}</a>')
        else:
            shown.append(_marked_link(piece.note, words, marking))
    return "".join(shown)


def _marked_link(number: int, words: str, marking: Marking) -> str:
    if number == marking.pointed:
        ground, letters, line = marking.ink, marking.card, "underline"
    else:
        ground = marking.strong if number == marking.selected else marking.tint
        letters, line = marking.ink, "none"
    return (
        f'<span style="background-color:{ground}"><a href="note:{number}" '
        f'style="color:{letters}; text-decoration:{line}">{words}</a></span>'
    )
