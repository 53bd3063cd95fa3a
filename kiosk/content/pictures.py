"""How many pixels a picture decodes to, read from its header without decoding it, and the limits.

A PNG of a hundred kilobytes may state 30000 x 30000 pixels: decoded, 3.6 GB. The size a file
states is what a decoder allocates, so it is read from the header alone (PNG's IHDR, JPEG's frame
header, TIFF's first image directory) and held to the installation's limits before anything
decodes the picture:

- a *picture* (section tiles, image panels, galleries, portraits, attract slides, timeline
  pictures) is decoded whole by Qt and scaled to its place: at most `picture_megapixels`;
- a *document page* is cut into tiles streaming (kiosk.content.pyramids), so it may be larger:
  at most `page_megapixels`, and at most MAX_PAGE_SIDE pixels on either side, since the tiles
  are cut a row at a time in memory that grows with the width.
"""

import math
import os
import struct
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

MEGAPIXEL = 1_000_000
#: Three times a 4K screen (8.3 megapixels), and a 24-megapixel camera's whole frame: no place on
#: the screen needs more, and decoding one holds 96 MB (4 bytes a pixel) for a moment.
DEFAULT_PICTURE_MEGAPIXELS = 24.0
#: A page scanned at 600 dpi up to A3 (70 megapixels), with room: 100 megapixels make about 45 MB
#: of tiles, cut in a few seconds.
DEFAULT_PAGE_MEGAPIXELS = 100.0
#: Qt refuses to decode a picture of more than 256 MB (its allocation limit): 4 bytes a pixel.
PICTURE_MEGAPIXELS_RANGE = (1.0, 64.0)
#: 20000 x 20000 pixels: what MAX_PAGE_SIDE allows at most.
PAGE_MEGAPIXELS_RANGE = (1.0, 400.0)
#: Longest side of a page: 600 dpi over 33 inches. Cutting tiles holds rows of this width in
#: memory (about 150 MB at 20000 pixels, see docs/performance.md).
MAX_PAGE_SIDE = 20_000
#: A JPEG states its size within its first few segments; a file that does not, soon, is not one.
_SEGMENTS = 1000
#: Padding a JPEG may put before a marker (0xFF bytes), at most.
_FILL_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class SizeLimits:
    """How large a picture, and a document page, may be on this installation, in megapixels."""

    picture_megapixels: float = DEFAULT_PICTURE_MEGAPIXELS
    page_megapixels: float = DEFAULT_PAGE_MEGAPIXELS

    def allows_picture(self, width: int, height: int) -> bool:
        return width * height <= self.picture_megapixels * MEGAPIXEL

    def picture_problem(self, source: str, width: int, height: int) -> str | None:
        """Why the picture is too large to show, or None."""
        return _over(source, width, height, self.picture_megapixels, "a picture", "picture_limit_megapixels")

    def page_problem(self, source: str, width: int, height: int) -> str | None:
        """Why the document page is too large to cut into tiles, or None."""
        longest = max(width, height)
        if longest <= MAX_PAGE_SIDE:
            return _over(
                source, width, height, self.page_megapixels, "a document page", "page_limit_megapixels"
            )
        pixels, limit = width * height, self.page_megapixels * MEGAPIXEL
        scale = _scale_down(min(MAX_PAGE_SIDE / longest, math.sqrt(limit / pixels)))
        too_many = (
            f", and {megapixels(limit)} megapixels (it has {megapixels(pixels)})" if pixels > limit else ""
        )
        return (
            f"'{source}' is {width} x {height} pixels: a document page may be at most {MAX_PAGE_SIDE} "
            f"pixels on either side{too_many}, since its tiles are cut a row at a time in memory that "
            f"grows with the width; {_how_to_scale(source, scale)}"
        )


#: The limits of an installation that sets none.
DEFAULT_LIMITS = SizeLimits()


def _over(source: str, width: int, height: int, limit: float, what: str, setting: str) -> str | None:
    pixels = width * height
    if pixels <= limit * MEGAPIXEL:
        return None
    scale = _scale_down(math.sqrt(limit * MEGAPIXEL / pixels))
    return (
        f"'{source}' is {width} x {height} pixels = {megapixels(pixels)} megapixels, more than the "
        f"{megapixels(limit * MEGAPIXEL)} megapixels {what} may have on this kiosk (the installation "
        f"setting {setting}); {_how_to_scale(source, scale)}"
    )


def megapixels(pixels: float) -> str:
    """A number of pixels in megapixels, as a person says it: 900, 24, 50.3."""
    value = pixels / MEGAPIXEL
    return f"{value:.0f}" if value >= 100 or value == int(value) else f"{value:.1f}"


def _scale_down(factor: float) -> float:
    """A factor to give vips resize, rounded down so that the result is within the limit."""
    return max(0.01, math.floor(factor * 100) / 100)


def _how_to_scale(source: str, scale: float) -> str:
    written = PurePosixPath(source)
    smaller = written.with_name(f"{written.stem}-smaller{written.suffix}")
    return f"scale it down, for instance with: vips resize {source} {smaller} {scale:g}"


def raster_size(file: BinaryIO, kind: str) -> tuple[int, int]:
    """The width and height a PNG, JPEG or TIFF states, read from its header alone.

    Raises ValueError (or struct.error, OSError) when the file is not one, or states no size.
    """
    if kind == "PNG":
        width, height = _png_size(file)
    elif kind == "JPEG":
        width, height = _jpeg_size(file)
    elif kind == "TIFF":
        width, height = _tiff_size(file)
    else:
        raise ValueError(f"no header reader for {kind}")
    if width <= 0 or height <= 0:
        raise ValueError(f"{kind} of {width} x {height} pixels")
    return width, height


def _png_size(file: BinaryIO) -> tuple[int, int]:
    header = file.read(24)
    if len(header) < 24 or header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", header[16:24])
    return width, height


#: JPEG markers that stand alone, with no length after them: TEM, and RST0 to RST7.
_STANDALONE = {0x01, *range(0xD0, 0xD8)}
#: Start-of-frame markers (baseline, progressive, lossless, arithmetic…): not DHT, JPG or DAC.
_FRAMES = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_size(file: BinaryIO) -> tuple[int, int]:
    """Reads the segment headers only, up to the frame header that gives the size."""
    if file.read(2) != b"\xff\xd8":
        raise ValueError("not a JPEG")
    for _ in range(_SEGMENTS):
        if file.read(1) != b"\xff":
            raise ValueError("bad JPEG marker")
        marker = file.read(1)
        for _ in range(_FILL_BYTES):
            if marker != b"\xff":
                break
            marker = file.read(1)
        if not marker:
            break
        if marker[0] in _STANDALONE:
            continue
        if marker[0] in (0xD9, 0xDA):  # the end, or the image data, before any frame header
            break
        (length,) = struct.unpack(">H", file.read(2))
        if marker[0] in _FRAMES:
            _precision, height, width = struct.unpack(">BHH", file.read(5))
            return width, height
        if length < 2:
            raise ValueError("bad JPEG segment length")
        file.seek(length - 2, os.SEEK_CUR)
    raise ValueError("JPEG has no frame header")


#: TIFF header byte orders, and the tags giving the first image's width and height.
_TIFF_ORDERS = {b"II": "<", b"MM": ">"}
_TIFF_WIDTH, _TIFF_HEIGHT = 256, 257
_TIFF_VALUE_FORMATS = {3: "H", 4: "I", 16: "Q"}


def _tiff_size(file: BinaryIO) -> tuple[int, int]:
    """Reads the first image directory only (classic TIFF or BigTIFF), not the pixels.

    The first image is the one decoders show: later ones (pages, thumbnails) are not read.
    """
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
    for _ in range(min(count, _SEGMENTS)):
        tag, value_type, _count, value = struct.unpack(order + entry_format, file.read(entry_size))
        if tag in (_TIFF_WIDTH, _TIFF_HEIGHT) and value_type in _TIFF_VALUE_FORMATS:
            value_format = order + _TIFF_VALUE_FORMATS[value_type]
            size[tag] = struct.unpack(value_format, value[: struct.calcsize(value_format)])[0]
    if _TIFF_WIDTH not in size or _TIFF_HEIGHT not in size:
        raise ValueError("TIFF states no size")
    return size[_TIFF_WIDTH], size[_TIFF_HEIGHT]
