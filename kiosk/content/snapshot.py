"""The summary of the last version of an exhibit that validated, kept so that it opens at once.

A snapshot is used only while every file it was made from is unchanged: the YAML files by content,
the images by size and modification time, and the engine by version. Anything else means the
exhibit must be validated again before a visitor sees it.
"""

import contextlib
import hashlib
import json
import logging
from collections.abc import Iterable
from pathlib import Path

from kiosk import __version__
from kiosk.content.paths import DEFAULT_ASSETS_DIR
from kiosk.content.stored import StaleDocumentError, parse_document, write_whole
from kiosk.content.summary import ExhibitSummary, from_plain, to_plain

logger = logging.getLogger(__name__)
FORMAT = 4
#: A snapshot is a few kilobytes; one far larger is damage, and is not read into memory.
MAX_SNAPSHOT_BYTES = 4_000_000


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
    # Absolute, as the reader requires: a folder named from where the kiosk was started gives
    # relative paths, which would make every later start take the snapshot for damaged.
    files = sorted({path.absolute() for path in files})
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
        write_whole(path, document)
    except OSError as error:
        logger.warning("could not keep the exhibit's snapshot in %s: %s", path, error)


def _stored_fingerprint(path: Path) -> str | None:
    try:
        fingerprint = json.loads(path.read_text(encoding="utf-8"))["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return fingerprint if isinstance(fingerprint, str) else None


def load_snapshot(
    cache_dir: Path, exhibit_dir: Path, assets_dir: Path = DEFAULT_ASSETS_DIR
) -> ExhibitSummary | None:
    """The summary, if the exhibit is exactly as it was when it last validated; otherwise None.

    The snapshot is a cache: whatever it holds is checked before it is believed. One that cannot
    be read, names files outside the exhibit, or holds a summary no valid exhibit gives, is
    damaged: it is removed (the next validation writes a good one) and None comes back.
    """
    path = snapshot_path(cache_dir, exhibit_dir)
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_SNAPSHOT_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        logger.warning(
            "cannot read the exhibit's snapshot %s (%s); validating the exhibit instead", path, error
        )
        return None
    try:
        return _read(raw, exhibit_dir, assets_dir)
    except StaleDocumentError:
        return None
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        logger.warning(
            "the exhibit's snapshot %s was damaged (%s); removed it, and validating the exhibit instead",
            path,
            str(error)[:300],
        )
        discard_snapshot(cache_dir, exhibit_dir)
        return None


def discard_snapshot(cache_dir: Path, exhibit_dir: Path) -> None:
    """Removes the exhibit's snapshot, which could not be trusted; the next validation writes it anew."""
    with contextlib.suppress(OSError):
        snapshot_path(cache_dir, exhibit_dir).unlink()


def _read(raw: bytes, exhibit_dir: Path, assets_dir: Path) -> ExhibitSummary:
    document = parse_document(raw, MAX_SNAPSHOT_BYTES, FORMAT)
    names = document.get("files")
    if not isinstance(names, list) or not all(isinstance(name, str) and "\0" not in name for name in names):
        raise ValueError("its list of files is not one")
    roots = (exhibit_dir.resolve(), assets_dir.resolve())
    files = {Path(name) for name in names}
    for file in files:
        if not file.is_absolute() or not any(file.resolve().is_relative_to(root) for root in roots):
            raise ValueError(f"it names a file outside the exhibit: {str(file)[:200]}")
    if not isinstance(document.get("fingerprint"), str):
        raise ValueError("it has no fingerprint")
    try:
        if fingerprint(files) != document["fingerprint"]:
            raise StaleDocumentError
    except OSError:
        raise StaleDocumentError from None  # a file has gone since
    return from_plain(document.get("summary"), allowed=lambda picture: picture in files)
