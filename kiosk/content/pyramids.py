"""Tile pyramids of page images, so that a scan of any size opens at once and zooms sharply.

A pyramid is the image cut into square tiles at full size, then at half, a quarter and so on down
to a single pixel (the Deep Zoom layout): a viewer shows the few tiles of the level that matches
its zoom, and never decodes the whole scan. Building one streams through the scan once with
libvips, whose memory stays bounded whatever the scan's size.

Pyramids live in the platform's cache folder, one per scan, named by the file's size,
modification time and the bytes at its two ends (not its path, so that the published copies of an
exhibit share them): a scan replaced under the same name gets a new pyramid, and pyramids no page
has used for a while are removed (`remove_stale_pyramids`). `kiosk tiles` builds them ahead of
time; the viewer builds a missing one on first use, off the UI thread.

Whatever asks for one, a scan is held to the installation's page limit (kiosk.content.pictures)
from its header before a pixel of it is decoded: a PNG of a hundred kilobytes may state 30000 x
30000 pixels. Only PNG, JPEG, TIFF and SVG are read (no other of libvips's decoders), an SVG only
if it refers to nothing outside itself, and libvips keeps its own limits against damaged files.

    <cache>/pyramids/<key>/
      pyramid.json           the scan's size, the tile size and the number of levels (written last)
      preview.jpg            the whole page, at most 2048 pixels on its longer side
      tiles_files/<level>/<column>_<row>.jpg
"""

import contextlib
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.pictures import DEFAULT_LIMITS, SizeLimits

if TYPE_CHECKING:
    import pyvips

logger = logging.getLogger(__name__)

TILE_SIZE = 256
#: The whole page, shown at once while the tiles of a closer view load: sharp on a 4K screen's
#: shorter side, small enough to decode in a moment.
PREVIEW_SIZE = 2048
PREVIEW = "preview.jpg"
#: Tiles are JPEG whatever the scan: small on disk and quick to decode.
TILE_SUFFIX = ".jpg"
TILE_QUALITY = 88
MANIFEST = "pyramid.json"
#: How PNG, JPEG and TIFF files (classic and BigTIFF) begin: libvips reads many more kinds.
_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")


class PyramidError(Exception):
    """The scan cannot be read as an image (missing, damaged, or not an image at all)."""


@dataclass(frozen=True)
class Pyramid:
    """A scan's tiles: level `levels - 1` is full size, each level below it half the one above."""

    folder: Path
    width: int
    height: int
    tile_size: int
    levels: int

    def level_size(self, level: int) -> tuple[int, int]:
        """The image's size in pixels at a level (rounding up, as Deep Zoom does)."""
        shrink = 2 ** (self.levels - 1 - level)
        return -(-self.width // shrink), -(-self.height // shrink)

    def tile_counts(self, level: int) -> tuple[int, int]:
        width, height = self.level_size(level)
        return -(-width // self.tile_size), -(-height // self.tile_size)

    @property
    def preview_path(self) -> Path:
        return self.folder / PREVIEW

    def tile_path(self, level: int, column: int, row: int) -> Path:
        return self.folder / "tiles_files" / str(level) / f"{column}_{row}{TILE_SUFFIX}"

    def level_for(self, scale: float) -> int:
        """The lowest level sharp at this scale (screen pixels per scan pixel)."""
        for level in range(self.levels):
            width, _ = self.level_size(level)
            if width >= self.width * scale:
                return level
        return self.levels - 1


@dataclass(frozen=True, slots=True)
class Tile:
    """One tile to draw: which file, and where it lies in the scan's own pixels."""

    level: int
    column: int
    row: int
    x: float
    y: float
    width: float
    height: float


def visible_tiles(
    pyramid: Pyramid, scale: float, viewport: tuple[float, float, float, float], margin_tiles: int = 1
) -> list[Tile]:
    """The tiles a view needs: those of the level sharp at `scale` that meet the viewport.

    `viewport` is (x, y, width, height) in the scan's own pixels; `scale` is screen pixels per scan
    pixel. A margin of tiles around it is included, so that a pan shows tiles already loading.
    """
    level = pyramid.level_for(scale)
    shrink = 2 ** (pyramid.levels - 1 - level)
    columns, rows = pyramid.tile_counts(level)
    span = pyramid.tile_size * shrink  # a tile's side in the scan's pixels
    x, y, width, height = viewport
    first_column = max(0, int(x // span) - margin_tiles)
    first_row = max(0, int(y // span) - margin_tiles)
    last_column = min(columns - 1, int((x + width) // span) + margin_tiles)
    last_row = min(rows - 1, int((y + height) // span) + margin_tiles)
    tiles = []
    for row in range(first_row, last_row + 1):
        for column in range(first_column, last_column + 1):
            left, top = column * span, row * span
            tiles.append(
                Tile(
                    level,
                    column,
                    row,
                    left,
                    top,
                    min(span, pyramid.width - left),
                    min(span, pyramid.height - top),
                )
            )
    return tiles


#: How much of each end of a scan names it, with its size and modification time.
_KEY_SAMPLE = 64 * 1024


def pyramid_key(source: Path) -> str:
    """A name for the scan as it is now, wherever it lies.

    Not its path: every published version of an exhibit is a copy of the folder in a place of its
    own (see `kiosk.content.versions`), whose unchanged files keep their size and modification
    time, and should keep their tiles too. A file replaced by another differs in one of these.
    """
    with source.open("rb") as file:
        status = os.fstat(file.fileno())
        digest = hashlib.sha256(f"{status.st_size}\0{status.st_mtime_ns}\0".encode())
        digest.update(file.read(_KEY_SAMPLE))
        if status.st_size > _KEY_SAMPLE:
            file.seek(max(_KEY_SAMPLE, status.st_size - _KEY_SAMPLE))
            digest.update(file.read(_KEY_SAMPLE))
    return digest.hexdigest()[:24]


def pyramids_dir(cache_dir: Path) -> Path:
    return cache_dir / "pyramids"


def cached_pyramid(source: Path, cache_dir: Path) -> Pyramid | None:
    """The pyramid of the source as it is now, if it has been built (and marks it as used)."""
    try:
        folder = pyramids_dir(cache_dir) / pyramid_key(source)
    except OSError:
        return None
    pyramid = _read_manifest(folder)
    if pyramid is not None:
        with contextlib.suppress(OSError):
            os.utime(folder)
    return pyramid


def build_pyramid(source: Path, cache_dir: Path, *, limits: SizeLimits = DEFAULT_LIMITS) -> Pyramid:
    """The source's pyramid, built now unless it exists; raises PyramidError for a bad source.

    A source over the page limit of `limits` (the installation's) is refused from its header,
    before any of it is decoded.
    """
    try:
        key = pyramid_key(source)
    except OSError as error:
        raise PyramidError(f"cannot read '{source}': {error.strerror}") from None
    folder = pyramids_dir(cache_dir) / key
    if (found := _read_manifest(folder)) is not None:
        return found
    _refuse_other_kinds(source)
    import pyvips  # loaded only when a pyramid is built: the kiosk starts without it

    try:
        # Reads the header only: the pixels are decoded as dzsave asks for them, row by row.
        image = pyvips.Image.new_from_file(str(source), access="sequential", fail=True)
    except pyvips.Error as error:
        raise PyramidError(f"'{source.name}' cannot be read as an image: {_first_line(error)}") from None
    if problem := limits.page_problem(source.name, image.width, image.height):
        raise PyramidError(problem)
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=folder.parent))
    try:
        if image.hasalpha():
            image = image.flatten(background=[255, 255, 255])
        if image.interpretation not in ("srgb", "b-w"):
            image = image.colourspace("srgb")
        image.dzsave(
            str(building / "tiles"),
            tile_size=TILE_SIZE,
            overlap=0,
            suffix=f"{TILE_SUFFIX}[Q={TILE_QUALITY},strip]",
            depth="onepixel",
            layout="dz",
        )
        levels = len([entry for entry in (building / "tiles_files").iterdir() if entry.name.isdigit()])
        built = Pyramid(building, image.width, image.height, TILE_SIZE, levels)
        _preview(built).jpegsave(str(building / PREVIEW), Q=TILE_QUALITY, strip=True)
        manifest = {"width": image.width, "height": image.height, "tile_size": TILE_SIZE, "levels": levels}
        (building / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        (building / "tiles.dzi").unlink(missing_ok=True)
        try:
            building.replace(folder)
        except OSError:
            # Another process built it meanwhile: theirs will do.
            shutil.rmtree(building, ignore_errors=True)
    except pyvips.Error as error:
        shutil.rmtree(building, ignore_errors=True)
        raise PyramidError(f"'{source.name}' cannot be read as an image: {_first_line(error)}") from None
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    pyramid = _read_manifest(folder)
    if pyramid is None:
        raise PyramidError(f"the tiles of '{source.name}' could not be kept in {folder.parent}")
    logger.info(
        "built the tile pyramid of %s (%dx%d, %d levels)", source, pyramid.width, pyramid.height, levels
    )
    return pyramid


def _preview(pyramid: Pyramid) -> "pyvips.Image":
    """The whole page at PREVIEW_SIZE, made from the tiles of the smallest level at least as large.

    Not by reading the scan again: a PNG cannot shrink as it decodes, and decoding it a second
    time would cost as much time and memory as cutting the tiles.
    """
    import pyvips

    width, height = pyramid.width, pyramid.height
    scale = min(1.0, PREVIEW_SIZE / max(width, height))
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    level = next(level for level in range(pyramid.levels) if pyramid.level_size(level)[0] >= target[0])
    columns, rows = pyramid.tile_counts(level)
    tiles = [
        pyvips.Image.new_from_file(str(pyramid.tile_path(level, column, row)))
        for row in range(rows)
        for column in range(columns)
    ]
    canvas = pyvips.Image.black(*pyramid.level_size(level), bands=tiles[0].bands)
    for index, tile in enumerate(tiles):
        row, column = divmod(index, columns)
        canvas = canvas.insert(tile, column * pyramid.tile_size, row * pyramid.tile_size)
    level_width, level_height = pyramid.level_size(level)
    return canvas.resize(target[0] / level_width, vscale=target[1] / level_height).cast("uchar")


def _refuse_other_kinds(source: Path) -> None:
    """Refuses what is not a PNG, JPEG, TIFF or SVG (by how the file begins), and a hostile SVG."""
    try:
        with source.open("rb") as file:
            head = file.read(512)
    except OSError as error:
        raise PyramidError(f"cannot read '{source}': {error.strerror}") from None
    if head.startswith(_SIGNATURES):
        return
    if b"<svg" in head or head.lstrip().startswith(b"<?xml"):
        # Imported here, with the XML parser under it: a kiosk's first frame cuts no page's tiles.
        from kiosk.content.svg import svg_refusal

        if (refusal := svg_refusal(source)) is not None:
            raise PyramidError(f"'{source.name}' is not drawn: {refusal}")
        return
    raise PyramidError(f"'{source.name}' cannot be read as an image: not a PNG, JPEG, TIFF or SVG")


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else "unreadable"


def remove_stale_pyramids(cache_dir: Path, keep: set[str], unused_for_s: float = 0.0) -> int:
    """Removes the pyramids not in `keep` (keys of the sources in use) and not used for
    `unused_for_s` seconds (another exhibit on the same machine may still want its own); how many
    went. A pyramid counts as used when it is looked up (`cached_pyramid`)."""
    removed = 0
    root = pyramids_dir(cache_dir)
    if not root.is_dir():
        return 0
    cutoff = time.time() - unused_for_s
    for folder in root.iterdir():
        if folder.name in keep or folder.name.startswith(".") or not folder.is_dir():
            continue
        try:
            if folder.stat().st_mtime > cutoff:
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed


def _read_manifest(folder: Path) -> Pyramid | None:
    """The pyramid kept in `folder`, if it is whole: a damaged one counts as none, to be built anew."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        width, height, tile_size, levels = (
            manifest["width"],
            manifest["height"],
            manifest["tile_size"],
            manifest["levels"],
        )
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        # Pyramids are made whole in a folder of their own and then renamed into place: a folder
        # there without a readable manifest has been damaged since.
        if folder.exists():
            _damaged(folder, "its manifest cannot be read")
        return None
    if not all(type(value) is int for value in (width, height, tile_size, levels)):
        _damaged(folder, "its manifest holds other than whole numbers")
        return None
    if not (0 < width <= _MAX_SIDE and 0 < height <= _MAX_SIDE and tile_size == TILE_SIZE):
        _damaged(folder, "its manifest gives a size no scan has")
        return None
    if levels != deep_zoom_levels(width, height):
        _damaged(folder, f"its manifest gives {levels} levels for {width}x{height}")
        return None
    pyramid = Pyramid(folder, width, height, tile_size, levels)
    missing = [level for level in range(levels) if not (folder / "tiles_files" / str(level)).is_dir()]
    if missing or not pyramid.preview_path.is_file():
        _damaged(folder, "tiles or its preview are missing")
        return None
    return pyramid


def deep_zoom_levels(width: int, height: int) -> int:
    """How many levels a Deep Zoom pyramid of this size has: halving down to a single pixel."""
    return (max(width, height) - 1).bit_length() + 1


#: Larger than any scan a kiosk could show (Deep Zoom's own limit is far beyond): a side greater
#: than this in a manifest is damage.
_MAX_SIDE = 1 << 20


def _damaged(folder: Path, reason: str) -> None:
    logger.warning("the tile pyramid %s is damaged (%s); it will be cut again", folder, reason)
    shutil.rmtree(folder, ignore_errors=True)
