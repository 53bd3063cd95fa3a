"""Checks that a curator's media path names a readable image inside the allowed folders."""

import difflib
import os
import re
import struct
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

IMAGE_SUFFIXES = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".svg": "SVG",
}
_SVG_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")
#: A JPEG states its size within its first few segments; a file that does not, soon, is not one.
_JPEG_SEGMENTS = 1000
_SVG_DEPTH = 1000
_CHUNK = 64 * 1024


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
        written = Path(os.path.normpath(allowed[0] / source))
        if any(written.is_relative_to(root) for root in allowed):
            raise MediaError(
                f"'{source}' is a link to a file outside the exhibit folder; "
                "copy the file into the exhibit folder or assets/"
            )
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
    with path.open("rb") as file:
        if kind == "JPEG":
            return _jpeg_size(file)
        if kind == "TIFF":
            return _tiff_size(file)
        return _svg_size(_svg_root(file))


def _jpeg_size(file: BinaryIO) -> tuple[int, int]:
    """Reads the segment headers only, up to the frame header that gives the size."""
    if file.read(2) != b"\xff\xd8":
        raise ValueError("not a JPEG")
    for _ in range(_JPEG_SEGMENTS):
        header = file.read(4)
        if len(header) < 4:
            break
        if header[0] != 0xFF:
            raise ValueError("bad JPEG marker")
        marker = header[1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            file.seek(-2, os.SEEK_CUR)
            continue
        (length,) = struct.unpack(">H", header[2:4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", file.read(5)[1:5])
            return width, height
        file.seek(length - 2, os.SEEK_CUR)
    raise ValueError("JPEG has no frame header")


#: TIFF header byte orders, and the tags giving the first image's width and height.
_TIFF_ORDERS = {b"II": "<", b"MM": ">"}
_TIFF_WIDTH, _TIFF_HEIGHT = 256, 257
_TIFF_VALUE_FORMATS = {3: "H", 4: "I", 16: "Q"}


def _tiff_size(file: BinaryIO) -> tuple[int, int]:
    """Reads the first image directory only (classic TIFF or BigTIFF), not the pixels."""
    header = file.read(16)
    order = _TIFF_ORDERS.get(header[:2])
    if order is None or len(header) < 8:
        raise ValueError("not a TIFF")
    (version,) = struct.unpack(order + "H", header[2:4])
    if version == 42:
        (offset,) = struct.unpack(order + "I", header[4:8])
        count_format, entry_format, entry_size = "H", "HHI4s", 12
    elif version == 43:
        (offset,) = struct.unpack(order + "Q", header[8:16])
        count_format, entry_format, entry_size = "Q", "HHQ8s", 20
    else:
        raise ValueError("not a TIFF")
    file.seek(offset)
    (count,) = struct.unpack(order + count_format, file.read(struct.calcsize(count_format)))
    size: dict[int, int] = {}
    for _ in range(min(count, _JPEG_SEGMENTS)):
        tag, value_type, _count, value = struct.unpack(order + entry_format, file.read(entry_size))
        if tag in (_TIFF_WIDTH, _TIFF_HEIGHT) and value_type in _TIFF_VALUE_FORMATS:
            value_format = order + _TIFF_VALUE_FORMATS[value_type]
            size[tag] = struct.unpack(value_format, value[: struct.calcsize(value_format)])[0]
    if _TIFF_WIDTH not in size or _TIFF_HEIGHT not in size:
        raise ValueError("TIFF states no size")
    return size[_TIFF_WIDTH], size[_TIFF_HEIGHT]


class _SvgRoot:
    """Parser target that keeps the outermost element's name and attributes, and no tree."""

    def __init__(self) -> None:
        self.tag: str | None = None
        self.attrib: dict[str, str] = {}
        self.depth = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.tag is None:
            self.tag, self.attrib = tag, dict(attrib)
        self.depth += 1
        if self.depth > _SVG_DEPTH:
            raise ValueError(f"elements nested more than {_SVG_DEPTH} deep")

    def end(self, tag: str) -> None:
        self.depth -= 1

    def close(self) -> None:
        return None


def _svg_root(file: BinaryIO) -> Mapping[str, str]:
    """Parses the whole file, so that a damaged one is found, in bounded memory."""
    target = _SvgRoot()
    parser = ElementTree.XMLParser(target=target)
    while chunk := file.read(_CHUNK):
        parser.feed(chunk)
    parser.close()
    if target.tag is None or target.tag.rsplit("}", 1)[-1] != "svg":
        raise ValueError("not an SVG")
    return target.attrib


def _svg_size(root: Mapping[str, str]) -> tuple[int | None, int | None]:
    width, height = root.get("width"), root.get("height")
    if width and height and (w := _SVG_LENGTH.match(width)) and (h := _SVG_LENGTH.match(height)):
        return round(float(w.group(1))), round(float(h.group(1)))
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(view_box) == 4:
        return round(float(view_box[2])), round(float(view_box[3]))
    return None, None
