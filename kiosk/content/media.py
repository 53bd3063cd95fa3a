"""Checks that a curator's media path names a readable image (or sound) inside the allowed folders."""

import difflib
import os
import re
import struct
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from kiosk.content.paths import OutsideExhibitError, resolve_inside

IMAGE_SUFFIXES = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".svg": "SVG",
}
#: Sound files a narration may use: what Qt Multimedia's FFmpeg backend plays everywhere.
AUDIO_SUFFIXES = {
    ".ogg": "Ogg",
    ".oga": "Ogg",
    ".opus": "Ogg",
    ".mp3": "MP3",
    ".wav": "WAV",
    ".m4a": "MPEG-4 audio",
    ".flac": "FLAC",
}
CAPTION_SUFFIXES = (".vtt",)
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


@dataclass(frozen=True, slots=True)
class AudioFile:
    """A sound file that exists and is of the kind its name says, with its length when known."""

    source: str
    path: Path
    #: Seconds, read from the file's header where the format states it (WAV, Ogg, FLAC).
    duration: float | None


class MediaError(ValueError):
    pass


def resolve_media(source: str, roots: MediaRoots) -> MediaFile:
    path = _inside_roots(source, roots)
    suffix = path.suffix.lower()
    if suffix in AUDIO_SUFFIXES:
        raise MediaError(
            f"'{source}' is a sound file, and a picture is needed here (one of "
            f"{', '.join(sorted(IMAGE_SUFFIXES))}); sound goes under a panel's narration: audio:"
        )
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


def resolve_audio(source: str, roots: MediaRoots) -> AudioFile:
    """A narration's sound file: inside the exhibit folder or assets/, and of a kind Qt plays."""
    path = _inside_roots(source, roots)
    suffix = path.suffix.lower()
    kinds = ", ".join(sorted(AUDIO_SUFFIXES))
    if suffix in IMAGE_SUFFIXES:
        raise MediaError(f"'{source}' is a picture; a narration needs a sound file: one of {kinds}")
    if suffix not in AUDIO_SUFFIXES:
        raise MediaError(f"unsupported sound format '{path.suffix}' in '{source}'; use one of {kinds}")
    if not path.is_file():
        raise MediaError(f"file not found: '{source}'{_lookalike(source, path)}")
    kind = AUDIO_SUFFIXES[suffix]
    try:
        duration = _audio_duration(path, kind)
    except (OSError, ValueError, struct.error):
        raise MediaError(f"'{source}' cannot be read as {kind} sound; is the file damaged?") from None
    return AudioFile(source, path, duration)


def resolve_captions_file(source: str, roots: MediaRoots) -> Path:
    """A WebVTT caption file inside the exhibit folder or assets/ (its cues are read elsewhere)."""
    path = _inside_roots(source, roots)
    if path.suffix.lower() not in CAPTION_SUFFIXES:
        raise MediaError(
            f"captions are a WebVTT file ending in .vtt, found '{source}'; "
            "or write the cues in the YAML under cues:"
        )
    if not path.is_file():
        raise MediaError(f"file not found: '{source}'{_lookalike(source, path)}")
    return path


def _inside_roots(source: str, roots: MediaRoots) -> Path:
    """The file a curator's path names, refused if it is written wrongly or leads outside."""
    if not source.strip():
        raise MediaError("media path is empty")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
        raise MediaError(f"media must be a file in the exhibit folder, not a web address: '{source}'")
    if "\\" in source:
        raise MediaError(f"use '/' between folders, not '\\': '{source}'")
    if PurePosixPath(source).is_absolute() or re.match(r"^[a-zA-Z]:", source):
        raise MediaError(f"media paths must be relative to the exhibit folder: '{source}'")
    try:
        return resolve_inside(roots.exhibit_dir, source, also=(roots.assets_dir,))
    except OutsideExhibitError as outside:
        if outside.link is None and not outside.circular:
            raise MediaError(
                f"path leaves the exhibit folder: '{source}'; keep media in the exhibit folder or assets/"
            ) from None
        raise MediaError(str(outside)) from None


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


def _audio_duration(path: Path, kind: str) -> float | None:
    """Checks the file starts as its kind does, and reads its length where the header gives it."""
    with path.open("rb") as file:
        head = file.read(64)
        if kind == "WAV":
            return _wav_duration(file, head)
        if kind == "Ogg":
            return _ogg_duration(file, head)
        if kind == "FLAC":
            return _flac_duration(head)
        if kind == "MP3":
            if not (
                head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
            ):
                raise ValueError("not an MP3")
            return None
        if head[4:8] != b"ftyp":
            raise ValueError("not an MPEG-4 file")
        return None


def _wav_duration(file: BinaryIO, head: bytes) -> float:
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise ValueError("not a WAV")
    file.seek(12)
    byte_rate = 0
    for _ in range(_JPEG_SEGMENTS):
        header = file.read(8)
        if len(header) < 8:
            break
        chunk, size = header[:4], struct.unpack("<I", header[4:])[0]
        if chunk == b"fmt ":
            byte_rate = struct.unpack("<I", file.read(16)[8:12])[0]
            file.seek(size - 16 + (size & 1), os.SEEK_CUR)
        elif chunk == b"data":
            if not byte_rate:
                raise ValueError("WAV data before its format")
            return size / byte_rate
        else:
            file.seek(size + (size & 1), os.SEEK_CUR)
    raise ValueError("WAV without sound data")


def _ogg_duration(file: BinaryIO, head: bytes) -> float | None:
    """The last page's granule position, in the codec's samples (Vorbis: its rate; Opus: 48 kHz)."""
    if head[:4] != b"OggS":
        raise ValueError("not Ogg")
    if head[28:35] == b"\x01vorbis":
        rate, pre_skip = struct.unpack("<I", head[40:44])[0], 0
    elif head[28:36] == b"OpusHead":
        rate, pre_skip = 48000, struct.unpack("<H", head[38:40])[0]
    else:
        return None  # Ogg of another codec (FLAC, Speex): playable perhaps, length unknown here
    if not rate:
        raise ValueError("Ogg stream without a sample rate")
    size = file.seek(0, os.SEEK_END)
    file.seek(max(0, size - _CHUNK))
    tail = file.read(_CHUNK)
    at = tail.rfind(b"OggS")
    if at < 0 or len(tail) < at + 14:
        raise ValueError("Ogg without a last page")
    (granule,) = struct.unpack("<q", tail[at + 6 : at + 14])
    return max(0, granule - pre_skip) / rate


def _flac_duration(head: bytes) -> float | None:
    if head[:4] != b"fLaC" or len(head) < 26:
        raise ValueError("not FLAC")
    info = head[8:26]  # STREAMINFO, always the first metadata block
    rate = (info[10] << 12) | (info[11] << 4) | (info[12] >> 4)
    samples = ((info[13] & 0x0F) << 32) | struct.unpack(">I", info[14:18])[0]
    return samples / rate if rate and samples else None
