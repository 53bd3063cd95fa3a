"""Tile pyramids: a 50-megapixel scan cut into tiles once, with bounded memory, and kept."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pyvips = pytest.importorskip("pyvips")

from kiosk.content.pyramids import (  # noqa: E402
    TILE_SIZE,
    PyramidError,
    build_pyramid,
    cached_pyramid,
    pyramid_key,
    remove_stale_pyramids,
)

SCAN_SIZE = (8660, 5774)  # 50 megapixels, the size of an archival scan of a letter page
#: What building may add to a process with libvips loaded; a full decode of the scan alone would
#: add 150 MB (8660 x 5774 pixels x 3 bytes).
MEMORY_LIMIT_MB = 100


def synthetic_scan(path: Path, size: tuple[int, int] = SCAN_SIZE) -> Path:
    """A scan whose every pixel says where it is: red grows to the right, green downwards."""
    width, height = size
    xyz = pyvips.Image.xyz(width, height)
    red = (xyz[0] * 255 / width).cast("uchar")
    green = (xyz[1] * 255 / height).cast("uchar")
    blue = ((xyz[0] // 64 + xyz[1] // 64) % 2 * 255).cast("uchar")
    red.bandjoin([green, blue]).copy(interpretation="srgb").jpegsave(str(path), Q=90)
    return path


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_scan(tmp_path_factory.mktemp("scans") / "page-1.jpg")


def test_a_50_megapixel_scan_becomes_a_pyramid(scan: Path, tmp_path: Path) -> None:
    pyramid = build_pyramid(scan, tmp_path)
    assert (pyramid.width, pyramid.height) == SCAN_SIZE
    # Full size at the top, halving down to a single pixel: 8660 needs 14 halvings.
    assert pyramid.levels == 15
    assert pyramid.level_size(pyramid.levels - 1) == SCAN_SIZE
    assert pyramid.level_size(0) == (1, 1)
    columns, rows = pyramid.tile_counts(pyramid.levels - 1)
    assert (columns, rows) == (34, 23)
    assert pyramid.tile_path(pyramid.levels - 1, columns - 1, rows - 1).is_file()
    preview = pyvips.Image.new_from_file(str(pyramid.preview_path))
    assert (preview.width, preview.height) == (2048, round(2048 * SCAN_SIZE[1] / SCAN_SIZE[0]))
    assert not pyramid.tile_path(pyramid.levels - 1, columns, 0).exists()


def test_a_tile_shows_its_own_part_of_the_scan(scan: Path, tmp_path: Path) -> None:
    pyramid = build_pyramid(scan, tmp_path)
    column, row = 20, 11
    tile = pyvips.Image.new_from_file(str(pyramid.tile_path(pyramid.levels - 1, column, row)))
    assert (tile.width, tile.height) == (TILE_SIZE, TILE_SIZE)
    # In the middle of a square of the checks, where JPEG keeps the colours as they were.
    inside = 160
    red, green, _ = tile(inside, inside)
    x, y = column * TILE_SIZE + inside, row * TILE_SIZE + inside
    assert red == pytest.approx(x * 255 / SCAN_SIZE[0], abs=4)
    assert green == pytest.approx(y * 255 / SCAN_SIZE[1], abs=4)


def test_a_pyramid_is_built_once_and_found_again(scan: Path, tmp_path: Path) -> None:
    assert cached_pyramid(scan, tmp_path) is None
    first = build_pyramid(scan, tmp_path)
    marker = first.tile_path(first.levels - 1, 0, 0).stat().st_mtime_ns
    again = build_pyramid(scan, tmp_path)
    assert again == first
    assert again.tile_path(again.levels - 1, 0, 0).stat().st_mtime_ns == marker
    assert cached_pyramid(scan, tmp_path) == first


def test_a_replaced_scan_gets_a_new_pyramid_and_the_old_one_goes(tmp_path: Path) -> None:
    source = synthetic_scan(tmp_path / "page.jpg", (1200, 900))
    old = build_pyramid(source, tmp_path / "cache")
    synthetic_scan(source, (900, 1200))
    status = source.stat()
    os.utime(source, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    new = build_pyramid(source, tmp_path / "cache")
    assert (new.width, new.height) == (900, 1200)
    assert new.folder != old.folder
    assert remove_stale_pyramids(tmp_path / "cache", keep={pyramid_key(source)}) == 1
    assert not old.folder.exists()
    assert new.folder.exists()


def test_a_published_copy_of_a_scan_shares_its_pyramid(tmp_path: Path) -> None:
    # Publishing copies the exhibit folder (shutil.copy2, or a hard link when unchanged).
    (tmp_path / "draft").mkdir()
    source = synthetic_scan(tmp_path / "draft" / "page.jpg", (1200, 900))
    built = build_pyramid(source, tmp_path / "cache")
    copied = tmp_path / "versions" / "3" / "page.jpg"
    copied.parent.mkdir(parents=True)
    shutil.copy2(source, copied)
    linked = tmp_path / "versions" / "4" / "page.jpg"
    linked.parent.mkdir(parents=True)
    os.link(source, linked)
    assert cached_pyramid(copied, tmp_path / "cache") == built
    assert cached_pyramid(linked, tmp_path / "cache") == built


def test_pyramids_another_exhibit_used_lately_are_kept(tmp_path: Path) -> None:
    ours = synthetic_scan(tmp_path / "ours.jpg", (600, 400))
    theirs = synthetic_scan(tmp_path / "theirs.jpg", (400, 600))
    forgotten = synthetic_scan(tmp_path / "forgotten.jpg", (500, 500))
    for source in (ours, theirs, forgotten):
        build_pyramid(source, tmp_path / "cache")
    month_ago = time.time() - 31 * 24 * 3600
    forgotten_folder = build_pyramid(forgotten, tmp_path / "cache").folder
    os.utime(forgotten_folder, (month_ago, month_ago))
    removed = remove_stale_pyramids(tmp_path / "cache", keep={pyramid_key(ours)}, unused_for_s=30 * 24 * 3600)
    assert removed == 1
    assert not forgotten_folder.exists()
    assert cached_pyramid(theirs, tmp_path / "cache") is not None
    assert cached_pyramid(ours, tmp_path / "cache") is not None


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"not an image at all", "cannot be read as an image"), (None, "cannot read")],
    ids=["damaged", "missing"],
)
def test_a_bad_scan_is_a_clear_error_and_leaves_nothing_behind(
    tmp_path: Path, content: bytes | None, expected: str
) -> None:
    source = tmp_path / "page.jpg"
    if content is not None:
        source.write_bytes(content)
    with pytest.raises(PyramidError, match=expected):
        build_pyramid(source, tmp_path / "cache")
    leftovers = list((tmp_path / "cache" / "pyramids").glob("*")) if (tmp_path / "cache").exists() else []
    assert leftovers == []


def test_the_level_for_a_zoom_is_the_smallest_that_is_sharp(scan: Path, tmp_path: Path) -> None:
    pyramid = build_pyramid(scan, tmp_path)
    top = pyramid.levels - 1
    assert pyramid.level_for(1.0) == top
    assert pyramid.level_for(0.5) == top - 1
    assert pyramid.level_for(0.3) == top - 1
    assert pyramid.level_for(0.2) == top - 2
    assert pyramid.level_for(4.0) == top


def test_building_a_50_megapixel_pyramid_uses_bounded_memory(scan: Path, tmp_path: Path) -> None:
    # VmHWM, the peak of this process's own memory: ru_maxrss would carry pytest's over exec.
    script = (
        "import json, re, sys; from pathlib import Path; import pyvips; "
        "from kiosk.content.pyramids import build_pyramid; "
        "peak = lambda: int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]) / 1024; "
        "before = peak(); "
        "build_pyramid(Path(sys.argv[1]), Path(sys.argv[2])); "
        "print(json.dumps([before, peak()]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(scan), str(tmp_path)], capture_output=True, text=True, check=True
    )
    before_mb, peak_mb = json.loads(result.stdout)
    added = peak_mb - before_mb
    assert added < MEMORY_LIMIT_MB, f"building the pyramid added {added:.0f} MB at its peak"


def test_kiosk_tiles_cuts_every_document_page_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.cli import main
    from tests.conftest import MINI_EXHIBIT

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "mini"
    shutil.copytree(MINI_EXHIBIT, folder)
    synthetic_scan(folder / "media" / "page-1.jpg", (1200, 900))
    exhibit = folder / "exhibit.yaml"
    text = exhibit.read_text(encoding="utf-8")
    exhibit.write_text(
        text.replace(
            "        transcript: |\n",
            "        pages:\n          - image: media/page-1.jpg\n            alt: The letter's first page.\n"
            "        transcript: |\n",
            1,
        ),
        encoding="utf-8",
    )
    assert main(["tiles", str(folder)]) == 0
    assert "page-1.jpg: cut, 1200x900 pixels in 12 levels" in capsys.readouterr().out
    assert main(["tiles", str(folder)]) == 0
    assert "page-1.jpg: ready, 1200x900 pixels in 12 levels" in capsys.readouterr().out


def test_a_view_needs_only_the_tiles_it_shows(scan: Path, tmp_path: Path) -> None:
    from kiosk.content.pyramids import visible_tiles

    pyramid = build_pyramid(scan, tmp_path)
    # The whole page fitted to a 1080-pixel-high view: a level at most twice the screen's size, so
    # as many tiles as the screen holds, not as the scan does (a full-size level has 782).
    fitted = 1080 / SCAN_SIZE[1]
    whole = visible_tiles(pyramid, fitted, (0, 0, *SCAN_SIZE))
    shown_width, shown_height = SCAN_SIZE[0] * fitted, 1080
    assert len(whole) <= (2 * shown_width / TILE_SIZE + 1) * (2 * shown_height / TILE_SIZE + 1)
    assert {tile.level for tile in whole} == {pyramid.level_for(fitted)} != {pyramid.levels - 1}
    assert all(pyramid.tile_path(tile.level, tile.column, tile.row).is_file() for tile in whole)
    covered = sum(tile.width * tile.height for tile in whole)
    assert covered == SCAN_SIZE[0] * SCAN_SIZE[1]
    # Zoomed to full size on the signature, bottom right: full-size tiles, and only around it.
    view = (SCAN_SIZE[0] - 1920, SCAN_SIZE[1] - 1080, 1920, 1080)
    close = visible_tiles(pyramid, 1.0, view, margin_tiles=0)
    assert {tile.level for tile in close} == {pyramid.levels - 1}
    assert len(close) <= (1920 // TILE_SIZE + 2) * (1080 // TILE_SIZE + 2)
    assert all(tile.x + tile.width > view[0] and tile.y + tile.height > view[1] for tile in close)
    assert all(pyramid.tile_path(tile.level, tile.column, tile.row).is_file() for tile in close)
