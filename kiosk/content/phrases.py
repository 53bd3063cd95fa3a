"""Finding a curator's phrase in a transcript, however its lines were broken."""

import re


def find_phrase(text: str, phrase: str) -> tuple[int, int] | None:
    """Where the phrase first stands in the text, as (start, end), allowing for line breaks."""
    pattern = r"\s+".join(re.escape(word) for word in phrase.split())
    match = re.search(pattern, text) if pattern else None
    return None if match is None else match.span()
