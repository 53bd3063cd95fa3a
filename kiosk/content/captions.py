"""Captions for narrations: WebVTT files and cues written in YAML, read into timed cues.

A curator's mistake in a caption file is reported with the line it is on, in words: the cue that
ends before it begins, the time written wrongly, the cue that starts before the one before it ends.

Only what a kiosk shows of WebVTT is kept: each cue's times and its text. NOTE, STYLE and REGION
blocks are skipped, cue settings (position, alignment) are ignored, and the markup inside cue
text (<v Speaker>, <i>, <b>, <c.class>, timestamps) is removed, entities decoded.
"""

import html
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from kiosk.content.markdown import find_markup

#: A caption file is a few kilobytes; a large one is a mistake (a sound file renamed, say).
MAX_CAPTION_BYTES = 512 * 1024
#: Cues in one narration: an hour of speech at a cue every two seconds.
MAX_CUES = 2000
#: Words of one cue: two lines of large type, read while listening.
MAX_CUE_CHARACTERS = 200

_TIME = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:\.(\d{1,3}))?$")
_VTT_TIME = re.compile(r"^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
_TAG = re.compile(r"<[^>]*>")
_BLOCK_KEYWORDS = ("NOTE", "STYLE", "REGION")


@dataclass(frozen=True, slots=True)
class Cue:
    """Words shown from `start` to `end`, in seconds from the start of the audio."""

    start: float
    end: float
    text: str
    #: The line of the caption file the cue's timings are on; None for cues written in YAML.
    line: int | None = None


@dataclass(frozen=True, slots=True)
class CaptionTrack:
    """A caption file that exists and reads as WebVTT: where it is and its cues."""

    source: str
    path: Path
    cues: tuple[Cue, ...]


class CaptionError(ValueError):
    """A caption file that cannot be shown, with the line where the trouble is."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def located(self, source: str) -> str:
        where = f"{source}, line {self.line}" if self.line is not None else source
        return f"in {where}: {self.message}"


def format_time(seconds: float) -> str:
    """A time as a curator writes it: m:ss.mmm, or h:mm:ss.mmm past an hour."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    whole, millis = divmod(rest, 1000)
    if hours:
        return f"{hours}:{minutes:02d}:{whole:02d}.{millis:03d}"
    return f"{minutes}:{whole:02d}.{millis:03d}"


def parse_time(value: Any) -> float:
    """Seconds from a number of seconds, or from text written mm:ss.mmm or hh:mm:ss.mmm.

    YAML already reads unquoted 01:05.5 as 65.5 seconds (its base-60 numbers); quoted, it is
    read here the same way.
    """
    if isinstance(value, bool):
        raise ValueError(f"expected a time in seconds or written mm:ss.mmm, found {value}")
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("expected a time in seconds or written mm:ss.mmm")
        if value < 0:
            raise ValueError(f"a time cannot be negative, found {value}")
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            seconds = float(text)
        except ValueError:
            seconds = None
        if seconds is not None and text.replace(".", "", 1).isdigit():
            return seconds
        if match := _TIME.match(text):
            hours, minutes, whole, fraction = match.groups()
            return (
                int(hours or 0) * 3600
                + int(minutes) * 60
                + int(whole)
                + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0)
            )
        raise ValueError(
            f"expected a time in seconds (such as 4.5) or written mm:ss.mmm (such as 01:04.500), found {value!r}"
        )
    raise ValueError("expected a time in seconds (such as 4.5) or written mm:ss.mmm (such as 01:04.500)")


def cue_text(raw: str) -> str:
    """What a cue's text shows: its markup removed, its entities decoded, its lines kept."""
    lines = [" ".join(html.unescape(_TAG.sub("", line)).split()) for line in raw.splitlines()]
    return "\n".join(line for line in lines if line)


def order_problems(cues: tuple[Cue, ...] | list[Cue], name: str = "cue") -> Iterator[tuple[Cue, str]]:
    """Cues that end before they begin, or begin before the one before them has ended.

    One caption is shown at a time, so cues follow one another; they may leave gaps.
    """
    for cue in cues:
        if cue.end <= cue.start:
            yield (
                cue,
                f"the {name} ends ({format_time(cue.end)}) before it begins ({format_time(cue.start)})",
            )
    for earlier, later in pairwise(cues):
        if later.start < earlier.end:
            yield (
                later,
                f"the {name} begins at {format_time(later.start)}, before the one before it ends "
                f"({format_time(earlier.end)}); cues follow one another in time and do not overlap",
            )


def parse_webvtt(text: str) -> tuple[Cue, ...]:
    """The cues of a WebVTT file's text. Raises CaptionError at the first problem, with its line."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or not (lines[0] == "WEBVTT" or lines[0].startswith(("WEBVTT ", "WEBVTT\t"))):
        raise CaptionError("a WebVTT caption file starts with the line WEBVTT; is this a caption file?", 1)
    cues: list[Cue] = []
    for start_line, block in _blocks(lines):
        if block[0].split(maxsplit=1)[0] in _BLOCK_KEYWORDS and "-->" not in block[0]:
            continue
        timing_at = 0 if "-->" in block[0] else 1
        if timing_at >= len(block):
            raise CaptionError(
                "a line outside any cue: a cue is its timings (such as 00:01.000 --> 00:04.000) "
                "and the lines of its text, with no blank line between them",
                start_line,
            )
        if "-->" not in block[timing_at]:
            raise CaptionError(
                "expected the cue's timings, such as 00:01.000 --> 00:04.000, on the line after its name",
                start_line + timing_at,
            )
        line = start_line + timing_at
        start, end = _timings(block[timing_at], line)
        words = cue_text("\n".join(block[timing_at + 1 :]))
        _refuse_spelt_out_markup(block[timing_at + 1 :], line + 1)
        if not words:
            raise CaptionError("the cue has no text: give the words spoken in that time", line)
        if len(words) > MAX_CUE_CHARACTERS:
            raise CaptionError(
                f"the cue's text is {len(words)} characters long; keep a cue to {MAX_CUE_CHARACTERS} "
                "(two short lines) and split longer speech into several cues",
                line,
            )
        cues.append(Cue(start, end, words, line))
        if len(cues) > MAX_CUES:
            raise CaptionError(f"more than {MAX_CUES} cues; is this the right file?", line)
    if not cues:
        raise CaptionError("the file has no cues: a narration needs its captions", None)
    for cue, message in order_problems(cues):
        raise CaptionError(message, cue.line)
    return tuple(cues)


def _refuse_spelt_out_markup(text_lines: list[str], first_line: int) -> None:
    """Markup written with entities (&lt;img …&gt;) is a tag once decoded: captions show plain text."""
    for number, raw in enumerate(text_lines, start=first_line):
        markup = find_markup(cue_text(raw))
        if markup is not None and not markup.is_entity:
            raise CaptionError(
                f"'{markup.quoted}' would be shown as written: captions are plain text; remove it", number
            )


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Blocks of lines separated by blank lines, after the header, with the line each starts on."""
    index = 0
    while index < len(lines) and lines[index].strip():
        index += 1  # the WEBVTT line and any header lines under it
    block: list[str] = []
    start = 0
    for number, line in enumerate(lines[index:], start=index + 1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _timings(line: str, number: int) -> tuple[float, float]:
    left, _, right = line.partition("-->")
    start_text = left.strip()
    end_text = (right.split() or [""])[0]  # cue settings after the end time are ignored
    times = []
    for written in (start_text, end_text):
        if match := _VTT_TIME.match(written):
            hours, minutes, whole, millis = match.groups()
            times.append(int(hours or 0) * 3600 + int(minutes) * 60 + int(whole) + int(millis) / 1000)
        else:
            shown = f"'{written}'" if written else "nothing"
            raise CaptionError(
                f"expected a time written mm:ss.mmm or hh:mm:ss.mmm (such as 01:04.500), found {shown}",
                number,
            )
    return times[0], times[1]


def read_webvtt(path: Path) -> tuple[Cue, ...]:
    """The cues of a WebVTT file. Raises CaptionError for a file that cannot be read or shown."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise CaptionError("is not a file")
        if status.st_size > MAX_CAPTION_BYTES:
            raise CaptionError(
                f"is {status.st_size // 1024} KB; a caption file is a few KB, at most "
                f"{MAX_CAPTION_BYTES // 1024} KB: is this the right file?"
            )
        raw = path.read_bytes()[: MAX_CAPTION_BYTES + 1]
    except OSError as error:
        raise CaptionError(f"cannot be read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CaptionError("is not UTF-8 text: save the captions as UTF-8", line) from None
    return parse_webvtt(text)
