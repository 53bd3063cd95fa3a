"""Checks that a curator's media path names a readable image inside the allowed folders."""

import difflib
import re
import struct
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

IMAGE_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
_SVG_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")


@dataclass(frozen=True, slots=True)
class MediaFile:
    """An image that exists and decodes, with its pixel size when the format states one."""

    source: str
    path: Path
    width: int | None
    height: int | None


@dataclass(frozen=True, slots=True)
class MediaRoots:
    exhibit_dir: Path
    assets_dir: Path


class MediaError(ValueError):
    pass


def resolve_media(source: str, roots: MediaRoots) -> MediaFile:
    if not source.strip():
        raise MediaError("media path is empty")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
        raise MediaError(f"media must be a file in the exhibit folder, not a web address: '{source}'")
    if "\\" in source:
        raise MediaError(f"use '/' between folders, not '\\': '{source}'")
    if PurePosixPath(source).is_absolute() or re.match(r"^[a-zA-Z]:", source):
        raise MediaError(f"media paths must be relative to the exhibit folder: '{source}'")
    path = (roots.exhibit_dir / source).resolve()
    allowed = (roots.exhibit_dir.resolve(), roots.assets_dir.resolve())
    if not any(path.is_relative_to(root) for root in allowed):
        raise MediaError(
            f"path leaves the exhibit folder: '{source}'; keep media in the exhibit folder or assets/"
        )
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        kinds = ", ".join(sorted(IMAGE_SUFFIXES))
        raise MediaError(f"unsupported image format '{path.suffix}' in '{source}'; use one of {kinds}")
    if not path.is_file():
        raise MediaError(f"file not found: '{source}'{_lookalike(source, path)}")
    try:
        width, height = _image_size(path, IMAGE_SUFFIXES[suffix])
    except (OSError, ValueError, struct.error, ElementTree.ParseError) as error:
        detail = f" ({error})" if isinstance(error, ElementTree.ParseError) else ""
        raise MediaError(
            f"'{source}' cannot be read as a {IMAGE_SUFFIXES[suffix]} image{detail}; is the file damaged?"
        ) from None
    return MediaFile(source, path, width, height)


def _lookalike(source: str, path: Path) -> str:
    """A file beside the missing one whose name is close to it: usually the one meant."""
    try:
        names = [entry.name for entry in path.parent.iterdir() if entry.is_file()]
    except OSError:
        return ""
    matches = difflib.get_close_matches(path.name, names, n=1, cutoff=0.75)
    if not matches:
        return ""
    return f" (did you mean '{PurePosixPath(source).with_name(matches[0])}'?)"


def _image_size(path: Path, kind: str) -> tuple[int | None, int | None]:
    if kind == "PNG":
        with path.open("rb") as file:
            header = file.read(24)
        if len(header) < 24 or header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
            raise ValueError("not a PNG")
        width, height = struct.unpack(">II", header[16:24])
        return width, height
    if kind == "JPEG":
        return _jpeg_size(path.read_bytes())
    root = ElementTree.parse(path).getroot()
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise ValueError("not an SVG")
    return _svg_size(root)


def _jpeg_size(data: bytes) -> tuple[int, int]:
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    offset = 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            raise ValueError("bad JPEG marker")
        marker = data[offset + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            offset += 2
            continue
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return width, height
        offset += 2 + length
    raise ValueError("JPEG has no frame header")


def _svg_size(root: ElementTree.Element) -> tuple[int | None, int | None]:
    width, height = root.get("width"), root.get("height")
    if width and height and (w := _SVG_LENGTH.match(width)) and (h := _SVG_LENGTH.match(height)):
        return round(float(w.group(1))), round(float(h.group(1)))
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(view_box) == 4:
        return round(float(view_box[2])), round(float(view_box[3]))
    return None, None
