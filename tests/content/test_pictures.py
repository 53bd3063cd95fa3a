"""Pictures' sizes read from their headers alone, and the installation's limits on them."""

import io
import struct

import pytest

from kiosk.content.pictures import MAX_PAGE_SIDE, SizeLimits, raster_size
from tests.content.hostile_cases import jpeg_declaring, png_of_zeros, tiff_declaring


@pytest.mark.parametrize(
    ("kind", "content", "size"),
    [
        ("PNG", png_of_zeros(30_000, 20_000), (30_000, 20_000)),
        ("JPEG", jpeg_declaring(65_000, 1_000), (65_000, 1_000)),
        ("JPEG", jpeg_declaring(1_000, 65_000, progressive=True), (1_000, 65_000)),
        ("TIFF", tiff_declaring(30_000, 20_000), (30_000, 20_000)),
    ],
    ids=["PNG", "JPEG", "progressive JPEG", "TIFF"],
)
def test_the_size_a_file_states_is_read_without_decoding_it(
    kind: str, content: bytes, size: tuple[int, int]
) -> None:
    assert raster_size(io.BytesIO(content), kind) == size


def test_padding_before_a_jpeg_marker_is_stepped_over() -> None:
    # 0xFF fill bytes may come before any marker; a reader that took them for a marker would read
    # the wrong segment lengths and miss the frame header (or find another one).
    padded = jpeg_declaring(4000, 3000).replace(b"\xff\xc0", b"\xff\xff\xff\xc0", 1)
    assert raster_size(io.BytesIO(padded), "JPEG") == (4000, 3000)


def test_a_bigtiff_states_its_size_too() -> None:
    entries = [(256, 4, 30_000), (257, 4, 20_000)]
    directory = struct.pack("<Q", len(entries)) + b"".join(
        struct.pack("<HHQ", tag, kind, 1) + struct.pack("<Q", value) for tag, kind, value in entries
    )
    content = b"II+\x00" + struct.pack("<HHQ", 8, 0, 16) + directory
    assert raster_size(io.BytesIO(content), "TIFF") == (30_000, 20_000)


@pytest.mark.parametrize(
    ("kind", "content"),
    [
        ("JPEG", jpeg_declaring(4000, 0)),  # the height left to a later marker, which decoders refuse
        ("PNG", png_of_zeros(1, 1).replace(struct.pack(">II", 1, 1), struct.pack(">II", 0, 1), 1)),
        ("JPEG", b"\xff\xd8" + bytes(4096)),
        ("TIFF", b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 0)),
    ],
    ids=["JPEG without a height", "PNG of no pixels", "JPEG of zeros", "TIFF without a size"],
)
def test_a_header_without_a_size_is_refused(kind: str, content: bytes) -> None:
    with pytest.raises((ValueError, struct.error)):
        raster_size(io.BytesIO(content), kind)


def test_the_limits_say_how_far_to_scale_down() -> None:
    limits = SizeLimits(picture_megapixels=24, page_megapixels=100)
    assert limits.picture_problem("media/a.png", 6000, 4000) is None
    problem = limits.picture_problem("media/a.png", 8000, 6000)
    assert problem is not None
    assert problem.endswith("vips resize media/a.png media/a-smaller.png 0.7")
    assert 8000 * 0.7 * 6000 * 0.7 <= 24_000_000
    assert limits.page_problem("media/p.jpg", 10_000, 10_000) is None
    assert "101 megapixels" in (limits.page_problem("media/p.jpg", 10_100, 10_000) or "")
    side = limits.page_problem("media/p.jpg", 400, MAX_PAGE_SIDE + 1)
    assert side == (
        f"'media/p.jpg' is 400 x {MAX_PAGE_SIDE + 1} pixels: a document page may be at most "
        f"{MAX_PAGE_SIDE} pixels on either side, since its tiles are cut a row at a time in memory "
        "that grows with the width; scale it down, for instance with: "
        "vips resize media/p.jpg media/p-smaller.jpg 0.99"
    )
    both = limits.page_problem("media/p.jpg", 30_000, 30_000)
    assert both is not None
    assert "on either side, and 100 megapixels (it has 900)" in both
    assert both.endswith(" 0.33")  # 9900 x 9900: within both
