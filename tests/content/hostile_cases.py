"""Exhibit folders built to break the loader, shared by tests/content/test_hostile_input.py and
tools/bench_hostile.py. Each builder fills an empty exhibit folder; its parent is scratch space
outside the exhibit, for what a file may try to reach."""

import base64
import os
import shutil
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.conftest import MINI_EXHIBIT

Build = Callable[[Path], None]

SECTION = """\
id: only
title: Only Section
teaser: One panel
panels:
  - kind: text
    title: A panel
    body: Some words.
"""
#: An exhibit.yaml whose one section is the file sections/only.yaml.
EXHIBIT = "title: Hostile\nsections:\n  - sections/only.yaml\n"
BIG_BYTES = 50 * 1024 * 1024
DEEP = 10_000
#: A file the harmful tags would create, were they ever obeyed.
PWNED = "pwned"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def with_section(folder: Path, section: str | bytes = SECTION, exhibit: str = EXHIBIT) -> None:
    write(folder, "exhibit.yaml", exhibit)
    write(folder, "sections/only.yaml", section)


def with_tile_image(folder: Path, image: str) -> None:
    shutil.copytree(MINI_EXHIBIT / "media", folder / "media", dirs_exist_ok=True)
    write(folder, "exhibit.yaml", EXHIBIT)
    write(folder, "sections/only.yaml", SECTION.replace("panels:", f"tile_image: {image}\npanels:"))


def sparse(path: Path, size: int, head: bytes = b"") -> None:
    """A file of `size` bytes that takes no room on disk and no time to write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        file.write(head)
        file.truncate(size)


def alias_bomb(folder: Path) -> None:
    """Billion laughs: nine levels of nine aliases, 9**9 'lol's when expanded."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    write(folder, "exhibit.yaml", "title: Hostile\n" + "\n".join(lines) + "\n")


def big_exhibit(folder: Path) -> None:
    sparse(folder / "exhibit.yaml", BIG_BYTES, b"title: Hostile\n")


def big_section(folder: Path) -> None:
    write(folder, "exhibit.yaml", EXHIBIT)
    sparse(folder / "sections/only.yaml", BIG_BYTES, SECTION.encode())


def deep_sequences(folder: Path) -> None:
    write(folder, "exhibit.yaml", "title: " + "[" * DEEP + "]" * DEEP + "\n")


def deep_flow_mappings(folder: Path) -> None:
    write(folder, "exhibit.yaml", "title: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n")


def deep_block_mappings(folder: Path) -> None:
    # Block style needs a space more for every level: 10 000 levels would be 50 MB, so 1 000.
    write(
        folder, "exhibit.yaml", "".join(" " * level + "a:\n" for level in range(1000)) + " " * 1000 + "a: 1\n"
    )


def unclosed_sequences(folder: Path) -> None:
    write(folder, "exhibit.yaml", "title: " + "[" * 100_000 + "\n")


def latin1_exhibit(folder: Path) -> None:
    write(folder, "exhibit.yaml", "title: Caf\xe9 culture\nsections: []\n".encode("latin-1"))


def latin1_section(folder: Path) -> None:
    with_section(folder, SECTION.replace("Some words.", "Caf\xe9.").encode("latin-1"))


def tab_indented_exhibit(folder: Path) -> None:
    write(folder, "exhibit.yaml", "title: Hostile\nsections:\n\t- sections/only.yaml\n")


def tab_indented_section(folder: Path) -> None:
    with_section(folder, SECTION.replace("    title: A panel", "\ttitle: A panel"))


def duplicate_keys(folder: Path) -> None:
    with_section(folder, exhibit="subtitle: One\n" + EXHIBIT + "subtitle: Two\n")


def python_apply_tag(folder: Path) -> None:
    command = f"touch {folder.parent / PWNED}"
    with_section(folder, exhibit=EXHIBIT + f"subtitle: !!python/object/apply:os.system ['{command}']\n")


def python_name_tag(folder: Path) -> None:
    with_section(folder, exhibit=EXHIBIT + "subtitle: !!python/name:os.system\n")


def python_object_tag_on_mapping(folder: Path) -> None:
    with_section(folder, exhibit=EXHIBIT + "theme: !!python/object:os.PathLike {paper: '#FFFFFF'}\n")


def local_tag(folder: Path) -> None:
    with_section(folder, exhibit=EXHIBIT + "subtitle: !include /etc/passwd\n")


def section_parent_path(folder: Path) -> None:
    write(folder, "exhibit.yaml", "title: Hostile\nsections:\n  - ../../etc/passwd\n")


def section_absolute_path(folder: Path) -> None:
    write(folder, "exhibit.yaml", "title: Hostile\nsections:\n  - /etc/passwd\n")


def section_yaml_outside(folder: Path) -> None:
    write(folder.parent, "outside.yaml", SECTION)
    write(folder, "exhibit.yaml", "title: Hostile\nsections:\n  - ../outside.yaml\n")


def section_symlink_outside(folder: Path) -> None:
    write(folder.parent, "outside.yaml", SECTION)
    write(folder, "exhibit.yaml", EXHIBIT)
    (folder / "sections").mkdir()
    (folder / "sections/only.yaml").symlink_to(folder.parent / "outside.yaml")


def media_parent_path(folder: Path) -> None:
    with_tile_image(folder, "../../etc/hostile.png")


def media_absolute_path(folder: Path) -> None:
    with_tile_image(folder, "/etc/hostile.png")


def media_symlink_outside(folder: Path) -> None:
    shutil.copy(MINI_EXHIBIT / "media/paper.png", folder.parent / "outside.png")
    with_tile_image(folder, "media/linked.png")
    (folder / "media/linked.png").symlink_to(folder.parent / "outside.png")


def media_folder_symlink_outside(folder: Path) -> None:
    shutil.copytree(MINI_EXHIBIT / "media", folder.parent / "elsewhere")
    with_tile_image(folder, "linked/paper.png")
    (folder / "linked").symlink_to(folder.parent / "elsewhere")


def exhibit_is_dev_zero(folder: Path) -> None:
    """A file with no end: it reports its size as 0."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "exhibit.yaml").symlink_to("/dev/zero")


def exhibit_is_a_fifo(folder: Path) -> None:
    """Opening a named pipe waits for a writer that never comes."""
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "exhibit.yaml")


def dense_section(folder: Path) -> None:
    """A section file under 2 MB that holds 160 000 values: 40 000 panels."""
    panels = "  - {kind: text, title: A, body: B}\n" * 40_000
    write(folder, "exhibit.yaml", EXHIBIT)
    write(folder, "sections/only.yaml", SECTION.split("panels:")[0] + "panels:\n" + panels)


def section_listed_again_and_again(folder: Path) -> None:
    with_section(folder, exhibit="title: Hostile\nsections:\n" + "  - sections/only.yaml\n" * 10_000)


def many_unknown_keys(folder: Path) -> None:
    """15 000 misspelt keys: every one a problem, and a suggestion to look for."""
    keys = "".join(f"key{number}: 1\n" for number in range(15_000))
    with_section(folder, exhibit=EXHIBIT + keys)


def many_duplicate_keys(folder: Path) -> None:
    with_section(folder, exhibit=EXHIBIT + "subtitle: One\n" * 15_000)


def with_film(folder: Path, film: str) -> None:
    """A section whose one panel is a film, `film` (a path under media/, written by the case)."""
    shutil.copytree(MINI_EXHIBIT / "media", folder / "media", dirs_exist_ok=True)
    write(folder, "exhibit.yaml", EXHIBIT)
    panel = (
        f"  - kind: video\n    title: A film\n    video: {film}\n    poster: media/square.svg\n"
        "    alt: A square\n    caption: A film.\n    credit: Tests\n"
    )
    write(folder, "sections/only.yaml", SECTION.split("  - kind:")[0] + panel)


MP4_HEAD = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"


def huge_mp4_of_zeros(folder: Path) -> None:
    """A 200 MB MP4 that is its header and nothing after it."""
    with_film(folder, "media/huge.mp4")
    sparse(folder / "media/huge.mp4", 200 * 1024 * 1024, MP4_HEAD)


def mp4_declaring_a_terabyte(folder: Path) -> None:
    """An MP4 whose data box says it is a terabyte long."""
    with_film(folder, "media/tera.mp4")
    sparse(
        folder / "media/tera.mp4",
        1024 * 1024,
        MP4_HEAD + b"\x00\x00\x00\x01mdat" + (2**40).to_bytes(8, "big"),
    )


def huge_mkv_of_zeros(folder: Path) -> None:
    """A 200 MB Matroska file that is its magic number and nothing after it."""
    with_film(folder, "media/huge.mkv")
    sparse(folder / "media/huge.mkv", 200 * 1024 * 1024, b"\x1aE\xdf\xa3")


def film_is_a_fifo(folder: Path) -> None:
    """Opening a named pipe waits for a writer that never comes."""
    with_film(folder, "media/pipe.mp4")
    os.mkfifo(folder / "media/pipe.mp4")


def huge_jpeg(folder: Path) -> None:
    """A 200 MB JPEG with no frame header: nothing to find, however far it is read."""
    with_tile_image(folder, "media/huge.jpg")
    sparse(folder / "media/huge.jpg", 200 * 1024 * 1024, b"\xff\xd8")


def svg_entity_bomb(folder: Path) -> None:
    entities = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">\n' for n in range(1, 10))
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY e0 "lollollollollollollollollollol">\n'
        + entities
        + ']>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>&e9;</title></svg>\n'
    )
    with_tile_image(folder, "media/bomb.svg")
    write(folder, "media/bomb.svg", svg)


def svg_external_entity(folder: Path) -> None:
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><title>&x;</title></svg>\n'
    )
    with_tile_image(folder, "media/external.svg")
    write(folder, "media/external.svg", svg)


def png_of_zeros(width: int, height: int) -> bytes:
    """A black-and-white PNG of zeros: a few hundred kilobytes that decode to width x height pixels."""
    row = bytes(1 + -(-width // 8))  # the filter byte, then a bit a pixel
    compressor = zlib.compressobj(9)
    rows = 4096 // len(row) + 1
    pixels = b"".join(compressor.compress(row * min(rows, height - done)) for done in range(0, height, rows))
    pixels += compressor.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


#: An 8x8 grey JPEG, baseline and progressive: 141 and 262 bytes.
_BASELINE_JPEG = base64.b64decode(
    "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/"
    "wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AP//Z"
)
_PROGRESSIVE_JPEG = base64.b64decode(
    "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/"
    "wgALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAAAAF//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgB"
    "AQABBQJ//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAGPwJ//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPyF/"
    "/9oACAEBAAAAEH//xAAUEAEAAAAAAAAAAAAAAAAAAAAA/9oACAEBAAE/EH//2Q=="
)


def jpeg_declaring(width: int, height: int, *, progressive: bool = False) -> bytes:
    """A tiny JPEG whose frame header (SOF0, or SOF2 when progressive) states this size."""
    data = bytearray(_PROGRESSIVE_JPEG if progressive else _BASELINE_JPEG)
    marker = b"\xff\xc2" if progressive else b"\xff\xc0"
    at = data.index(marker)
    data[at + 5 : at + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def tiff_declaring(width: int, height: int) -> bytes:
    """A grey TIFF whose one strip is a few bytes of deflated zeros, whatever size it states."""
    strip = zlib.compress(bytes(4096))
    entries = [
        (256, 4, width),  # ImageWidth, a LONG
        (257, 4, height),  # ImageLength
        (258, 3, 8),  # BitsPerSample
        (259, 3, 8),  # Compression: deflate
        (262, 3, 1),  # PhotometricInterpretation: black is zero
        (273, 4, 8 + 2 + 12 * 9 + 4),  # StripOffsets: right after the directory
        (277, 3, 1),  # SamplesPerPixel
        (278, 4, height),  # RowsPerStrip: one strip
        (279, 4, len(strip)),  # StripByteCounts
    ]
    SHORT = 3

    def entry(tag: int, kind: int, value: int) -> bytes:
        packed = struct.pack("<HH", value, 0) if kind == SHORT else struct.pack("<I", value)
        return struct.pack("<HHI", tag, kind, 1) + packed

    directory = struct.pack("<H", len(entries)) + b"".join(entry(*item) for item in entries)
    return b"II*\x00" + struct.pack("<I", 8) + directory + struct.pack("<I", 0) + strip


def png_bomb(folder: Path) -> None:
    with_tile_image(folder, "media/bomb.png")
    write(folder, "media/bomb.png", png_of_zeros(30_000, 30_000))


def jpeg_bomb(folder: Path) -> None:
    with_tile_image(folder, "media/bomb.jpg")
    write(folder, "media/bomb.jpg", jpeg_declaring(65_000, 65_000))


def progressive_jpeg_bomb(folder: Path) -> None:
    with_tile_image(folder, "media/bomb.jpg")
    write(folder, "media/bomb.jpg", jpeg_declaring(65_000, 65_000, progressive=True))


def tiff_bomb(folder: Path) -> None:
    with_tile_image(folder, "media/bomb.tif")
    write(folder, "media/bomb.tif", tiff_declaring(30_000, 30_000))


def svg_image_outside(folder: Path) -> None:
    shutil.copy(MINI_EXHIBIT / "media/paper.png", folder.parent / "secret.png")
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n'
        f'  <image href="{folder.parent / "secret.png"}" width="10" height="10"/>\n</svg>\n'
    )
    with_tile_image(folder, "media/outside.svg")
    write(folder, "media/outside.svg", svg)


CASES: dict[str, Build] = {
    "alias bomb (billion laughs)": alias_bomb,
    "50 MB exhibit.yaml": big_exhibit,
    "50 MB section file": big_section,
    "10 000 levels of [": deep_sequences,
    "10 000 levels of {a:": deep_flow_mappings,
    "1 000 levels of block mappings": deep_block_mappings,
    "100 000 unclosed [": unclosed_sequences,
    "non-UTF-8 exhibit.yaml": latin1_exhibit,
    "non-UTF-8 section file": latin1_section,
    "tab indentation in exhibit.yaml": tab_indented_exhibit,
    "tab indentation in a section file": tab_indented_section,
    "duplicate key": duplicate_keys,
    "!!python/object/apply:os.system": python_apply_tag,
    "!!python/name:os.system": python_name_tag,
    "!!python/object on a mapping": python_object_tag_on_mapping,
    "!include (a local tag)": local_tag,
    "section ../../etc/passwd": section_parent_path,
    "section /etc/passwd": section_absolute_path,
    "section ../outside.yaml": section_yaml_outside,
    "section symlink to outside": section_symlink_outside,
    "media ../../etc/hostile.png": media_parent_path,
    "media /etc/hostile.png": media_absolute_path,
    "media symlink to outside": media_symlink_outside,
    "media folder symlink to outside": media_folder_symlink_outside,
    "exhibit.yaml -> /dev/zero": exhibit_is_dev_zero,
    "exhibit.yaml a named pipe": exhibit_is_a_fifo,
    "40 000 panels in a 2 MB section": dense_section,
    "a section listed 10 000 times": section_listed_again_and_again,
    "15 000 unknown keys": many_unknown_keys,
    "15 000 duplicate keys": many_duplicate_keys,
    "200 MB JPEG": huge_jpeg,
    "SVG entity bomb": svg_entity_bomb,
    "SVG external entity": svg_external_entity,
    "SVG with an image from outside": svg_image_outside,
    "PNG of 30000x30000 zeros": png_bomb,
    "JPEG declaring 65000x65000": jpeg_bomb,
    "progressive JPEG declaring 65000x65000": progressive_jpeg_bomb,
    "TIFF declaring 30000x30000": tiff_bomb,
    "200 MB MP4 of zeros": huge_mp4_of_zeros,
    "MP4 declaring a terabyte of data": mp4_declaring_a_terabyte,
    "200 MB MKV of zeros": huge_mkv_of_zeros,
    "film a named pipe": film_is_a_fifo,
}


def build(name: str, scratch: Path) -> Path:
    """Builds the case in a folder of its own under `scratch`; returns the exhibit folder."""
    folder = scratch / "exhibit"
    folder.mkdir(parents=True)
    CASES[name](folder)
    return folder
