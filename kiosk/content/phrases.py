"""Finding a curator's phrase in a transcript, however its lines were broken, and an excerpt's pieces."""

import re


def find_phrase(text: str, phrase: str) -> tuple[int, int] | None:
    """Where the phrase first stands in the text, as (start, end), allowing for line breaks."""
    pattern = r"\s+".join(re.escape(word) for word in phrase.split())
    match = re.search(pattern, text) if pattern else None
    return None if match is None else match.span()


#: The line that stands in an excerpt where the letter's words are left out (`[...]` is read as it).
EXCERPT_GAP = "[…]"
_GAP_LINE = re.compile(r"^[ \t]*\[(?:…|\.\.\.)\][ \t]*$", re.MULTILINE)


def excerpt_pieces(excerpt: str) -> list[str]:
    """The excerpt cut at its `[…]` lines; a piece is empty where a gap opens or closes the excerpt."""
    return [piece.strip() for piece in _GAP_LINE.split(excerpt)]
