"""The page pictures behind the deep-zoom viewer: ready at once when cut, cut off the UI thread when not."""

import logging
import threading
from pathlib import Path

import pytest
import pyvips
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.content.pyramids import Pyramid, build_pyramid
from kiosk.viewmodels.documents import KioskDocumentPages, KioskPageImage
from kiosk.viewmodels.records import KioskRecordListModel


@pytest.fixture
def owner(qtbot: QtBot) -> QObject:
    # Objects with work on a worker thread need a Qt parent (see BackgroundJob).
    return QObject()


def write_scan(path: Path, width: int = 3000, height: int = 2000) -> Path:
    (pyvips.Image.black(width, height) + 200).cast("uchar").jpegsave(str(path))
    return path


def test_one_picture_object_per_file_and_records_carry_it(tmp_path: Path, owner: QObject) -> None:
    library = KioskDocumentPages(tmp_path / "cache", owner)
    scan = write_scan(tmp_path / "page.jpg")
    assert library.page(scan) is library.page(scan)
    document = library.with_pages({"pages": [{"path": str(scan)}]})
    pair = library.with_pages({"letters": [{"pages": [{"path": str(scan)}]}, {"pages": []}]})
    assert document["pages"][0]["picture"] is library.page(scan)
    assert pair["letters"][0]["pages"][0]["picture"] is library.page(scan)
    assert library.with_pages({"body": []}) == {"body": []}


def test_a_page_already_cut_is_ready_at_once(tmp_path: Path, owner: QObject) -> None:
    scan = write_scan(tmp_path / "page.jpg")
    build_pyramid(scan, tmp_path / "cache")
    page = KioskDocumentPages(tmp_path / "cache", owner).page(scan)
    assert page.property("status") == "waiting"
    page.open()
    assert page.property("status") == "ready"
    assert (page.property("imageWidth"), page.property("imageHeight")) == (3000, 2000)
    assert Path(page.property("preview").removeprefix("file://")).is_file()


def test_a_page_not_yet_cut_is_cut_off_the_ui_thread(qtbot: QtBot, tmp_path: Path, owner: QObject) -> None:
    threads: list[threading.Thread] = []

    def builder(source: Path, cache_dir: Path) -> Pyramid:
        threads.append(threading.current_thread())
        return build_pyramid(source, cache_dir)

    scan = write_scan(tmp_path / "page.jpg")
    page = KioskDocumentPages(tmp_path / "cache", owner, builder=builder).page(scan)
    page.open()
    assert page.property("status") == "preparing"
    qtbot.waitUntil(lambda: page.property("status") == "ready", timeout=10000)
    assert threads
    assert threads[0] is not threading.main_thread()


def test_a_damaged_scan_fails_with_its_reason_in_the_log(
    qtbot: QtBot, tmp_path: Path, owner: QObject, caplog: pytest.LogCaptureFixture
) -> None:
    scan = write_scan(tmp_path / "page.jpg")
    scan.write_bytes(scan.read_bytes()[:2000])
    page = KioskDocumentPages(tmp_path / "cache", owner).page(scan)
    with caplog.at_level(logging.ERROR):
        page.open()
        qtbot.waitUntil(lambda: page.property("status") == "failed", timeout=10000)
    assert "page.jpg" in page.property("problem")
    assert any("page.jpg" in record.getMessage() for record in caplog.records)


def test_the_page_a_visitor_opens_is_cut_before_the_others(
    qtbot: QtBot, tmp_path: Path, owner: QObject
) -> None:
    order: list[str] = []
    started = threading.Event()
    release = threading.Event()

    def builder(source: Path, cache_dir: Path) -> Pyramid:
        order.append(source.name)
        started.set()
        release.wait(10)
        return build_pyramid(source, cache_dir)

    library = KioskDocumentPages(tmp_path / "cache", owner, builder=builder)
    sources = [write_scan(tmp_path / f"page-{number}.jpg", 600, 400) for number in range(4)]
    pages = [library.page(source) for source in sources]
    library.prepare(sources)
    assert started.wait(10)
    pages[3].open()  # while page 0 is being cut
    release.set()
    qtbot.waitUntil(lambda: all(page.property("status") == "ready" for page in pages), timeout=20000)
    assert order == ["page-0.jpg", "page-3.jpg", "page-1.jpg", "page-2.jpg"]


def tile_keys(page: KioskPageImage) -> set[str]:
    model = page.property("tiles")
    return {model.record(row)["tileKey"] for row in range(model.rowCount())}


def test_the_view_gets_the_tiles_it_shows_and_a_pan_changes_only_what_it_must(
    qtbot: QtBot, tmp_path: Path, owner: QObject
) -> None:
    scan = write_scan(tmp_path / "page.jpg", 6000, 4000)
    build_pyramid(scan, tmp_path / "cache")
    page = KioskDocumentPages(tmp_path / "cache", owner).page(scan)
    page.open()
    # At full size, a 1000 x 800 view of the scan's top-left corner: 4 x 4 tiles and a margin.
    page.view(1.0, 0, 0, 1000, 800)
    shown = tile_keys(page)
    assert len(shown) == 5 * 5
    assert all(key.startswith(f"{13}/") for key in shown)
    model: KioskRecordListModel = page.property("tiles")
    removed: list[int] = []
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append(last - first + 1))
    page.view(1.0, 20, 20, 1000, 800)  # within the same tiles
    assert tile_keys(page) == shown
    assert removed == []
    page.view(1.0, 512, 0, 1000, 800)  # two columns on
    moved = tile_keys(page)
    assert sum(removed) == len(shown - moved)
    assert shown & moved  # the columns still in view kept their rows
    page.view(0.25, 0, 0, 4000, 3200)  # zoomed out: a coarser level
    assert all(not key.startswith("13/") for key in tile_keys(page))
    page.release()
    assert tile_keys(page) == set()


def test_update_keyed_keeps_the_rows_that_stay() -> None:
    model = KioskRecordListModel(["key", "value"])
    model.update_keyed([{"key": key, "value": key} for key in "abcde"], "key")
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    model.update_keyed([{"key": key, "value": key} for key in "bdxy"], "key")
    assert [model.record(row)["key"] for row in range(model.rowCount())] == ["b", "d", "x", "y"]
    # e, then c, then a went, each in one removal; x and y came in one insertion.
    assert removed == [(4, 4), (2, 2), (0, 0)]
    assert inserted == [(2, 3)]


def test_an_exhibits_pages_are_cut_soon_after_it_is_attached(
    qtbot: QtBot, tmp_path: Path, owner: QObject
) -> None:
    from kiosk.content.loader import load_exhibit
    from kiosk.content.pyramids import cached_pyramid
    from kiosk.content.summary import summarize
    from kiosk.viewmodels.exhibit import KioskExhibit
    from tests.gui.test_documents import make_exhibit

    exhibit = load_exhibit(make_exhibit(tmp_path / "letters")).exhibit
    assert exhibit is not None
    cache = tmp_path / "cache"
    viewmodel = KioskExhibit(summarize(exhibit), parent=owner, cache_dir=cache, prepare_pages_after_ms=50)
    viewmodel.attach(exhibit)
    pages = [tmp_path / "letters" / "media" / name for name in ("scan-1.jpg", "scan-2.jpg")]
    # Not while the window starts: only once the timer has run out.
    assert all(cached_pyramid(page, cache) is None for page in pages)
    qtbot.waitUntil(lambda: all(cached_pyramid(page, cache) is not None for page in pages), timeout=20000)
    # As the window closing does: the work in hand (tidying the cache after the last page) is done.
    viewmodel.stop_background_work()
