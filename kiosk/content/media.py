"""Checks that a curator's media path names a readable image (or sound) inside the allowed folders."""

import difflib
import os
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from kiosk.content.localized import ANY_LANGUAGE, in_language
from kiosk.content.paths import OutsideExhibitError, resolve_inside
from kiosk.content.pictures import SizeLimits, raster_size
from kiosk.content.svg import SvgError, oversized_pictures, read_svg

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
#: Caption files of other kinds that FFmpeg turns into WebVTT by the output's name alone.
CONVERTIBLE_CAPTION_SUFFIXES = (".srt", ".ass", ".ssa")
#: Files a film may be: the containers Qt Multimedia's FFmpeg backend plays on Linux and Windows
#: (what is inside them is checked by kiosk.content.video).
VIDEO_SUFFIXES = {
    ".mp4": "MP4",
    ".m4v": "MP4",
    ".mov": "QuickTime",
    ".webm": "WebM",
    ".mkv": "Matroska",
}
#: Chunks of a sound file looked through for its length, at most.
_SEGMENTS = 1000
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class MediaFile:
    """An image that exists and decodes, with its pixel size when the format states one."""

    source: str
    path: Path
    width: int | None
    height: int | None


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture for every language, or one per language ({en: map-en.svg, ru: map-ru.svg}).

    Written as one path, the picture serves every language (under `ANY_LANGUAGE`), as plain text does.
    """

    by_language: tuple[tuple[str, MediaFile], ...]

    @classmethod
    def plain(cls, media: MediaFile) -> "Picture":
        return cls(((ANY_LANGUAGE, media),))

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(code for code, _ in self.by_language if code != ANY_LANGUAGE)

    def files(self) -> tuple[MediaFile, ...]:
        return tuple(media for _, media in self.by_language)

    def resolve(self, language: str, fallbacks: tuple[str, ...] = ()) -> MediaFile:
        return in_language(self.by_language, language, fallbacks, self.by_language[0][1])

    def serialized(self) -> str | dict[str, str]:
        """As the curator wrote it: one path, or a map of language codes to paths."""
        table = {code: media.source for code, media in self.by_language}
        return table[ANY_LANGUAGE] if list(table) == [ANY_LANGUAGE] else table


@dataclass(frozen=True, slots=True)
class MediaRoots:
    """What checking a media path needs: the folders it may lead into, and the size limits."""

    exhibit_dir: Path
    assets_dir: Path
    limits: SizeLimits = field(default_factory=SizeLimits)


@dataclass(frozen=True, slots=True)
class AudioFile:
    """A sound file that exists and is of the kind its name says, with its length when known."""

    source: str
    path: Path
    #: Seconds, read from the file's header where the format states it (WAV, Ogg, FLAC).
    duration: float | None


class MediaError(ValueError):
    pass


def resolve_media(source: str, roots: MediaRoots, *, page: bool = False) -> MediaFile:
    """A picture (or, with `page`, a document page, cut into tiles) that may be shown as it is."""
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
    kind = IMAGE_SUFFIXES[suffix]
    if kind == "SVG":
        width, height = _svg_size(source, path, roots.limits)
    else:
        try:
            with path.open("rb") as file:
                width, height = raster_size(file, kind)
        except (OSError, ValueError, struct.error):
            raise MediaError(f"'{source}' cannot be read as a {kind} image; is the file damaged?") from None
    if width is not None and height is not None:
        limits = roots.limits
        problem = (
            limits.page_problem(source, width, height)
            if page
            else limits.picture_problem(source, width, height)
        )
        # A drawing is drawn at the size of its place, except a page, which is cut at its own size.
        if problem and (page or kind != "SVG"):
            raise MediaError(problem)
    return MediaFile(source, path, width, height)


def _svg_size(source: str, path: Path, limits: SizeLimits) -> tuple[int | None, int | None]:
    """The size an SVG states, once it is known to refer to nothing outside itself."""
    try:
        contents = read_svg(path)
    except SvgError as error:
        raise MediaError(
            f"'{source}' cannot be read as a SVG image ({error}); is the file damaged?"
        ) from None
    except OSError:
        raise MediaError(f"'{source}' cannot be read as a SVG image; is the file damaged?") from None
    if contents.references:
        more = len(contents.references) - 1
        raise MediaError(
            f"'{source}' refers to something outside itself, which the kiosk never loads: "
            f"{contents.references[0]}{f' (and {more} more)' if more else ''}; make the drawing "
            "self-contained (pictures inside it as PNG or JPEG data, no links, scripts or style "
            "sheets from other files)"
        )
    if oversized := oversized_pictures(contents, limits):
        raise MediaError(f"'{source}': {oversized[0]}; scale that picture down")
    return contents.width, contents.height


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


def resolve_captions_file(source: str, roots: MediaRoots, *, cues_in_yaml: bool = False) -> Path:
    """A WebVTT caption file inside the exhibit folder or assets/ (its cues are read elsewhere).

    `cues_in_yaml`: the captions may instead be written in the YAML (a narration's may, a film's may
    not), and a file of another kind says so.
    """
    path = _inside_roots(source, roots)
    suffix = path.suffix.lower()
    if suffix not in CAPTION_SUFFIXES:
        if suffix in CONVERTIBLE_CAPTION_SUFFIXES:
            webvtt = str(PurePosixPath(source).with_suffix(".vtt"))
            remedy = f"convert the captions to WebVTT (ffmpeg -i {source} {webvtt})"
        else:
            remedy = "save the captions as WebVTT"
        if cues_in_yaml:
            remedy += ", or write the cues in the YAML under cues:"
        raise MediaError(f"captions are a WebVTT file ending in '.vtt', found '{source}'; {remedy}")
    if not path.is_file():
        raise MediaError(f"file not found: '{source}'{_lookalike(source, path)}")
    return path


def resolve_video_file(source: str, roots: MediaRoots) -> Path:
    """A film's file inside the exhibit folder or assets/ (what it holds is probed elsewhere:
    kiosk.content.video)."""
    path = _inside_roots(source, roots)
    suffix = path.suffix.lower()
    kinds = ", ".join(sorted(VIDEO_SUFFIXES))
    if suffix in IMAGE_SUFFIXES:
        raise MediaError(
            f"'{source}' is a picture; a film is needed here (one of {kinds}); a still picture "
            "shown before the film goes under poster:"
        )
    if suffix in AUDIO_SUFFIXES:
        raise MediaError(f"'{source}' is a sound file; a film is needed here (one of {kinds})")
    if suffix not in VIDEO_SUFFIXES:
        raise MediaError(f"unsupported film format '{path.suffix}' in '{source}'; use one of {kinds}")
    if path.exists() and not path.is_file():
        # A pipe or a device would hold the probe waiting, or reading, for ever.
        raise MediaError(f"'{source}' is not a file (a folder, a pipe or a device); a film is a file")
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
    for _ in range(_SEGMENTS):
        header = file.read(8)
        if len(header) < 8:
            break
        chunk, size = header[:4], int(struct.unpack("<I", header[4:])[0])
        if chunk == b"fmt ":
            byte_rate = int(struct.unpack("<I", file.read(16)[8:12])[0])
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
        rate, pre_skip = int(struct.unpack("<I", head[40:44])[0]), 0
    elif head[28:36] == b"OpusHead":
        rate, pre_skip = 48000, int(struct.unpack("<H", head[38:40])[0])
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
    granule = int(struct.unpack("<q", tail[at + 6 : at + 14])[0])
    return max(0, granule - pre_skip) / rate


def _flac_duration(head: bytes) -> float | None:
    if head[:4] != b"fLaC" or len(head) < 26:
        raise ValueError("not FLAC")
    info = head[8:26]  # STREAMINFO, always the first metadata block
    rate = (info[10] << 12) | (info[11] << 4) | (info[12] >> 4)
    samples = ((info[13] & 0x0F) << 32) | struct.unpack(">I", info[14:18])[0]
    return samples / rate if rate and samples else None
