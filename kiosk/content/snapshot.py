"""The summary of the last version of an exhibit that validated, kept so that it opens at once.

A snapshot is used only while every file it was made from is unchanged: the YAML files by content,
the images by size and modification time, and the engine by version. Anything else means the
exhibit must be validated again before a visitor sees it.
"""

import hashlib
import json
import logging
from collections.abc import Iterable
from pathlib import Path

from kiosk import __version__
from kiosk.content.summary import ExhibitSummary, from_plain, to_plain

logger = logging.getLogger(__name__)
FORMAT = 3


def snapshot_path(cache_dir: Path, exhibit_dir: Path) -> Path:
    key = hashlib.sha256(str(exhibit_dir.resolve()).encode()).hexdigest()[:20]
    return cache_dir / "snapshots" / f"{key}.json"


def fingerprint(files: Iterable[Path]) -> str:
    digest = hashlib.sha256(f"{FORMAT} {__version__}".encode())
    for path in sorted(set(files)):
        digest.update(str(path).encode() + b"\0")
        if path.suffix in (".yaml", ".yml"):
            digest.update(path.read_bytes())
        else:
            status = path.stat()
            digest.update(f"{status.st_size} {status.st_mtime_ns}".encode())
    return digest.hexdigest()


def save_snapshot(cache_dir: Path, exhibit_dir: Path, summary: ExhibitSummary, files: Iterable[Path]) -> None:
    files = sorted(set(files))
    document = {
        "format": FORMAT,
        "files": [str(path) for path in files],
        "fingerprint": fingerprint(files),
        "summary": to_plain(summary),
    }
    path = snapshot_path(cache_dir, exhibit_dir)
    if _stored_fingerprint(path) == document["fingerprint"]:
        return  # kept already: a kiosk that opened from it need not write it again at every start
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(document), encoding="utf-8")
        temporary.replace(path)
    except OSError as error:
        logger.warning("could not keep the exhibit's snapshot in %s: %s", path, error)


def _stored_fingerprint(path: Path) -> str | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def load_snapshot(cache_dir: Path, exhibit_dir: Path) -> ExhibitSummary | None:
    """The summary, if the exhibit is exactly as it was when it last validated; otherwise None."""
    path = snapshot_path(cache_dir, exhibit_dir)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document["format"] != FORMAT:
            return None
        if fingerprint(Path(name) for name in document["files"]) != document["fingerprint"]:
            return None
        return from_plain(document["summary"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        logger.info("ignoring the exhibit's snapshot %s: %s", path, error)
        return None
