"""Pages of letters as the deep-zoom viewer shows them: a preview at once, sharper tiles on zoom.

A page never decodes its full-size scan on the UI thread. Its tile pyramid (see
`kiosk.content.pyramids`) is read from the cache, or built there on a worker thread the first
time; the view then asks for the tiles that its visible rectangle needs at its zoom, and only
those stay loaded.
"""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.content.pyramids import (
    Pyramid,
    PyramidError,
    build_pyramid,
    cached_pyramid,
    pyramid_key,
    remove_stale_pyramids,
    visible_tiles,
)
from kiosk.services.background import BackgroundJob
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME
from kiosk.viewmodels.records import KioskRecordListModel

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskDocumentPages", "KioskPageImage"]

logger = logging.getLogger(__name__)

# Roles are not named x, y, width or height: a delegate's own geometry would shadow them.
TILE_ROLES = ["tileKey", "file", "tileX", "tileY", "tileWidth", "tileHeight", "seam", "level"]
#: Tiles loaded around the visible ones, so that a pan shows tiles already there.
MARGIN_TILES = 1

#: Tiles no page of the exhibit on show uses are removed once nothing has used them this long: a
#: version rolled back to, or another exhibit on the same machine, finds its own still there.
UNUSED_PYRAMIDS_KEPT_S = 30 * 24 * 3600

Builder = Callable[[Path, Path], Pyramid]


@QmlElement
@QmlUncreatable("Created by the application")
class KioskPageImage(QObject):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """One page's picture: whether it can be shown, its preview, and the tiles its view needs."""

    #: "waiting" (not asked for yet), "preparing" (its tiles are being cut), "ready" or "failed".
    statusChanged = Signal()

    def __init__(self, source: Path, library: "KioskDocumentPages") -> None:
        super().__init__(library)
        self._source = source
        self._library = library
        self._status = "waiting"
        self._problem = ""
        self._pyramid: Pyramid | None = None
        self._tiles = KioskRecordListModel(TILE_ROLES, self)
        self._span: tuple[int, ...] | None = None

    @property
    def source(self) -> Path:
        return self._source

    @Slot()
    def open(self) -> None:
        """Makes the page ready to show: at once when its tiles exist, else soon."""
        if self._status in ("ready", "preparing"):
            return
        pyramid = cached_pyramid(self._source, self._library.cache_dir)
        if pyramid is not None:
            self._ready(pyramid)
            return
        self._set_status("preparing")
        self._library.prepare_first(self)

    @Slot(float, float, float, float, float)
    def view(self, scale: float, x: float, y: float, width: float, height: float) -> None:
        """The view shows the scan's rectangle (x, y, width, height) at `scale` screen px per scan px."""
        if self._pyramid is None or scale <= 0 or width <= 0 or height <= 0:
            return
        tiles = visible_tiles(self._pyramid, scale, (x, y, width, height), MARGIN_TILES)
        # A pan within the tiles in hand changes nothing: most calls during a drag end here.
        span = (
            (tiles[0].level, tiles[0].column, tiles[0].row, tiles[-1].column, tiles[-1].row)
            if tiles
            else None
        )
        if span == self._span:
            return
        self._span = span
        self._tiles.update_keyed(
            [
                {
                    "tileKey": f"{tile.level}/{tile.column}_{tile.row}",
                    "file": self._pyramid.tile_path(tile.level, tile.column, tile.row).as_uri(),
                    "tileX": tile.x,
                    "tileY": tile.y,
                    "tileWidth": tile.width,
                    "tileHeight": tile.height,
                    # One pixel of the tile's level, in the scan's pixels.
                    "seam": 2 ** (self._pyramid.levels - 1 - tile.level),
                    "level": tile.level,
                }
                for tile in tiles
            ],
            "tileKey",
        )

    @Slot()
    def release(self) -> None:
        """The page is out of sight: its tiles go (the preview stays with the picture cache)."""
        self._span = None
        self._tiles.update_keyed([], "tileKey")

    def prepared(self, pyramid: Pyramid | None, problem: str) -> None:
        if pyramid is None:
            self._problem = problem
            self._set_status("failed")
            return
        self._ready(pyramid)

    def _ready(self, pyramid: Pyramid) -> None:
        self._pyramid = pyramid
        self._problem = ""
        self._set_status("ready")

    def _set_status(self, status: str) -> None:
        if status != self._status:
            self._status = status
            self.statusChanged.emit()

    status = Property(str, lambda self: self._status, notify=statusChanged)
    problem = Property(str, lambda self: self._problem, notify=statusChanged)
    imageWidth = Property(int, lambda self: self._pyramid.width if self._pyramid else 0, notify=statusChanged)
    imageHeight = Property(
        int, lambda self: self._pyramid.height if self._pyramid else 0, notify=statusChanged
    )
    preview = Property(
        str,
        lambda self: self._pyramid.preview_path.as_uri() if self._pyramid else "",
        notify=statusChanged,
    )
    tiles = Property(QObject, lambda self: self._tiles, constant=True)


class KioskDocumentPages(QObject):
    """Every page picture of the exhibit, one object per file, and the worker that cuts tiles.

    Pyramids are cut one at a time, the pages asked for by a visitor before the rest.
    """

    def __init__(
        self, cache_dir: Path, parent: QObject | None = None, *, builder: Builder = build_pyramid
    ) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir
        self._builder = builder
        self._pages: dict[Path, KioskPageImage] = {}
        self._queue: list[KioskPageImage] = []
        self._building: KioskPageImage | None = None
        self._job = BackgroundJob(self._build, self)
        self._job.finished.connect(self._built)
        self._job.failed.connect(lambda message: self._built(message))
        self._in_use: list[Path] = []
        self._tidy_job = BackgroundJob(self._tidy, self)

    def page(self, source: Path) -> KioskPageImage:
        if source not in self._pages:
            self._pages[source] = KioskPageImage(source, self)
        return self._pages[source]

    def with_pages(self, content: dict[str, Any]) -> dict[str, Any]:
        """A document's or pair's record with each page's picture object (key `picture`) added."""
        letters = content.get("letters", [content]) if isinstance(content, dict) else []
        for letter in letters:
            for page in letter.get("pages", ()):
                page["picture"] = self.page(Path(page["path"]))
        return content

    def prepare_first(self, page: KioskPageImage) -> None:
        if page is self._building:
            return
        if page in self._queue:
            self._queue.remove(page)
        self._queue.insert(0, page)
        self._next()

    def prepare(self, pages: list[Path]) -> None:
        """These are the exhibit's pages now: their tiles are cut in the background, after those
        asked for, and tiles no page has used for a month are removed."""
        for source in pages:
            page = self.page(source)
            waiting = page.status == "waiting"  # type: ignore[comparison-overlap]  # PySide6 stubs: a Property read on an instance is its value
            if waiting and cached_pyramid(source, self.cache_dir) is None:
                self._queue.append(page)
        self._next()
        self._in_use = list(pages)
        self._tidy_job.request()

    def stop(self) -> None:
        """Cuts nothing more, and returns once the work in hand is done."""
        self._queue.clear()
        self._in_use = []
        self._job.wait()
        self._tidy_job.wait()

    def _tidy(self) -> int:
        keep = set()
        for source in self._in_use:
            try:
                keep.add(pyramid_key(source))
            except OSError:
                continue
        removed = remove_stale_pyramids(self.cache_dir, keep, UNUSED_PYRAMIDS_KEPT_S)
        if removed:
            logger.info("removed %d tile pyramids no page has used for a month", removed)
        return removed

    def _next(self) -> None:
        if self._building is not None or not self._queue:
            return
        self._building = self._queue.pop(0)
        self._job.request()

    def _build(self) -> Pyramid | str:
        page = self._building
        assert page is not None
        try:
            return self._builder(page.source, self.cache_dir)
        except PyramidError as error:
            return str(error)

    @Slot(object)
    def _built(self, result: Pyramid | str) -> None:
        page, self._building = self._building, None
        if page is not None:
            if isinstance(result, Pyramid):
                page.prepared(result, "")
            else:
                logger.error("page %s cannot be shown: %s", page.source, result)
                page.prepared(None, result)
        self._next()
