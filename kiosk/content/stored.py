"""Documents the kiosk keeps for itself (snapshots of validated content and settings): written
whole, read as hostile.

A kept document is a cache. One written by another version of the kiosk is stale, not damaged;
one that is too large, not JSON or not an object is damage, which its reader reports and removes.
"""

import json
from pathlib import Path
from typing import Any


class StaleDocumentError(Exception):
    """A sound document that no longer answers: written by another version of the kiosk, or of
    files that have changed since."""


def parse_document(raw: bytes, max_bytes: int, format_: int) -> dict[str, Any]:
    """The JSON object in `raw` (read with at most `max_bytes` + 1 bytes), of format `format_`.

    Raises ValueError for damage and StaleDocumentError for another format."""
    if len(raw) > max_bytes:
        raise ValueError(f"larger than {max_bytes:,} bytes")
    document = json.loads(raw.decode("utf-8"))
    if not isinstance(document, dict):
        raise ValueError("not a snapshot")
    if document.get("format") != format_:
        raise StaleDocumentError  # written by another version of the kiosk: not damage
    return document


def write_whole(path: Path, document: dict[str, Any]) -> None:
    """Writes `document` as JSON in place of `path`, so that a reader finds the old or the new
    one, never half of one. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(document), encoding="utf-8")
    temporary.replace(path)
