"""Hostile exhibit folders, loaded as the kiosk loads them: a clear problem, never a traceback,
and memory that stays bounded however large the input claims to be.

How long each takes is measured by `python -m tools.bench_hostile`, not asserted here.
"""

import sys
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.content.loader import MAX_PROBLEMS, LoadResult, load_exhibit
from kiosk.content.yaml_source import MAX_VALUES
from tests.content.hostile_cases import CASES, PWNED, build

MEMORY_LIMIT = 50 * 1024 * 1024


@dataclass(frozen=True)
class Expected:
    """The problem a case must give first: in which file, where, and words it must contain."""

    file: str
    line: int | None
    column: int | None
    words: str


OUTSIDE = "is outside the exhibit folder"
LEAVES = "path leaves the exhibit folder"
TAG = "exhibit files hold only text, numbers, true/false, lists and mappings"
TABS = "a tab character is used for indentation (YAML needs spaces, not tabs)"
TOO_DEEP = "nesting is too deep (more than 40 levels)"

EXPECTED: dict[str, Expected] = {
    "alias bomb (billion laughs)": Expected(
        "exhibit.yaml", 6, 15, f"the file expands to more than {MAX_VALUES} values"
    ),
    "50 MB exhibit.yaml": Expected("exhibit.yaml", None, None, "file is too large (52.4 MB)"),
    "50 MB section file": Expected("sections/only.yaml", None, None, "file is too large (52.4 MB)"),
    "10 000 levels of [": Expected("exhibit.yaml", 1, 1007, TOO_DEEP),
    "10 000 levels of {a:": Expected("exhibit.yaml", 1, 164, TOO_DEEP),
    "1 000 levels of block mappings": Expected("exhibit.yaml", 41, 41, TOO_DEEP),
    "100 000 unclosed [": Expected("exhibit.yaml", 1, 1007, TOO_DEEP),
    "non-UTF-8 exhibit.yaml": Expected("exhibit.yaml", 1, 11, "text is not UTF-8 (byte 0xe9)"),
    "non-UTF-8 section file": Expected("sections/only.yaml", 7, 14, "text is not UTF-8 (byte 0xe9)"),
    "tab indentation in exhibit.yaml": Expected("exhibit.yaml", 3, 1, TABS),
    "tab indentation in a section file": Expected("sections/only.yaml", 6, 1, TABS),
    "duplicate key": Expected("exhibit.yaml", 5, 1, "duplicate key 'subtitle' (first given at line 1)"),
    "!!python/object/apply:os.system": Expected(
        "exhibit.yaml", 4, 11, f"unsupported tag '!!python/object/apply:os.system'; {TAG}"
    ),
    "!!python/name:os.system": Expected("exhibit.yaml", 4, 11, "unsupported tag '!!python/name:os.system'"),
    "!!python/object on a mapping": Expected(
        "exhibit.yaml", 4, 8, "unsupported tag '!!python/object:os.PathLike'"
    ),
    "!include (a local tag)": Expected("exhibit.yaml", 4, 11, "unsupported tag '!include'"),
    "section ../../etc/passwd": Expected("exhibit.yaml", 3, 5, f"section file '../../etc/passwd' {OUTSIDE}"),
    "section /etc/passwd": Expected("exhibit.yaml", 3, 5, f"section file '/etc/passwd' {OUTSIDE}"),
    "section ../outside.yaml": Expected("exhibit.yaml", 3, 5, f"section file '../outside.yaml' {OUTSIDE}"),
    "section symlink to outside": Expected(
        "exhibit.yaml",
        3,
        5,
        "section file 'sections/only.yaml' is a link to a file outside the exhibit folder",
    ),
    "media ../../etc/hostile.png": Expected(
        "sections/only.yaml", 4, 13, f"{LEAVES}: '../../etc/hostile.png'"
    ),
    "media /etc/hostile.png": Expected(
        "sections/only.yaml", 4, 13, "media paths must be relative to the exhibit folder: '/etc/hostile.png'"
    ),
    "media symlink to outside": Expected(
        "sections/only.yaml", 4, 13, "'media/linked.png' is a link to a file outside the exhibit folder"
    ),
    "media folder symlink to outside": Expected(
        "sections/only.yaml",
        4,
        13,
        "'linked/paper.png' is inside 'linked', a link to a folder outside the exhibit folder",
    ),
    "exhibit.yaml -> /dev/zero": Expected("exhibit.yaml", None, None, "expected a YAML file, found a device"),
    "exhibit.yaml a named pipe": Expected(
        "exhibit.yaml", None, None, "expected a YAML file, found a named pipe"
    ),
    "40 000 panels in a 2 MB section": Expected(
        "sections/only.yaml", 5003, 34, f"the file holds more than {MAX_VALUES} values"
    ),
    "a section listed 10 000 times": Expected("exhibit.yaml", 2, 1, "lists 10000 sections"),
    "15 000 unknown keys": Expected("exhibit.yaml", None, None, f"only the first {MAX_PROBLEMS} are listed"),
    "15 000 duplicate keys": Expected(
        "exhibit.yaml", None, None, f"only the first {MAX_PROBLEMS} are listed"
    ),
    "200 MB JPEG": Expected("sections/only.yaml", 4, 13, "'media/huge.jpg' cannot be read as a JPEG image"),
    "SVG entity bomb": Expected(
        "sections/only.yaml", 4, 13, "'media/bomb.svg' cannot be read as a SVG image"
    ),
    "SVG external entity": Expected(
        "sections/only.yaml",
        4,
        13,
        "'media/external.svg' refers to something outside itself, which the kiosk never loads: "
        'line 2, <!ENTITY x SYSTEM "file:///etc/passwd">: an entity read from another file',
    ),
    "SVG with an image from outside": Expected(
        "sections/only.yaml", 4, 13, "'media/outside.svg' refers to something outside itself"
    ),
    "PNG of 30000x30000 zeros": Expected(
        "sections/only.yaml",
        4,
        13,
        "'media/bomb.png' is 30000 x 30000 pixels = 900 megapixels, more than the 24 megapixels a "
        "picture may have on this kiosk",
    ),
    "JPEG declaring 65000x65000": Expected(
        "sections/only.yaml", 4, 13, "'media/bomb.jpg' is 65000 x 65000 pixels = 4225 megapixels"
    ),
    "progressive JPEG declaring 65000x65000": Expected(
        "sections/only.yaml", 4, 13, "'media/bomb.jpg' is 65000 x 65000 pixels = 4225 megapixels"
    ),
    "TIFF declaring 30000x30000": Expected(
        "sections/only.yaml", 4, 13, "'media/bomb.tif' is 30000 x 30000 pixels = 900 megapixels"
    ),
    "200 MB MP4 of zeros": Expected("sections/only.yaml", 7, 12, "'media/huge.mp4' cannot be read as a film"),
    "MP4 declaring a terabyte of data": Expected(
        "sections/only.yaml", 7, 12, "'media/tera.mp4' cannot be read as a film"
    ),
    "200 MB MKV of zeros": Expected("sections/only.yaml", 7, 12, "'media/huge.mkv' cannot be read as a film"),
    "film a named pipe": Expected(
        "sections/only.yaml", 7, 12, "'media/pipe.mp4' is not a file (a folder, a pipe or a device)"
    ),
}

POSIX_ONLY = {"exhibit.yaml -> /dev/zero", "exhibit.yaml a named pipe", "film a named pipe"}


@contextmanager
def peak_memory() -> Iterator[list[int]]:
    """The most memory traced while the block ran, above what was in use when it began."""
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    baseline = tracemalloc.get_traced_memory()[0]
    peak: list[int] = []
    try:
        yield peak
    finally:
        peak.append(tracemalloc.get_traced_memory()[1] - baseline)
        if not tracing:
            tracemalloc.stop()


def load_hostile(name: str, scratch: Path) -> tuple[Path, LoadResult, int]:
    if name in POSIX_ONLY and (sys.platform == "win32" or not Path("/dev/zero").exists()):
        pytest.skip("needs POSIX special files")
    folder = build(name, scratch)
    with peak_memory() as peak:
        result = load_exhibit(folder)
    return folder, result, peak[0]


def test_every_case_has_its_expected_problem() -> None:
    assert set(EXPECTED) == set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_hostile_input_gives_a_clear_problem_in_bounded_memory(tmp_path: Path, name: str) -> None:
    folder, result, peak = load_hostile(name, tmp_path)
    assert not result.ok
    assert peak < MEMORY_LIMIT, f"{name}: {peak / 1e6:.0f} MB traced"
    expected = EXPECTED[name]
    first = result.problems[0]
    assert first.file.resolve() == (folder / expected.file).resolve(), first.format()
    assert (first.line, first.column) == (expected.line, expected.column), first.format()
    assert expected.words in first.message, first.format()
    assert len(result.problems) <= MAX_PROBLEMS + 1
    for problem in result.problems:
        assert problem.message
        assert "Traceback" not in problem.message


@pytest.mark.parametrize("name", [name for name in CASES if "python" in name])
def test_harmful_tags_are_never_obeyed(tmp_path: Path, name: str) -> None:
    load_hostile(name, tmp_path)
    assert not (tmp_path / PWNED).exists()


def test_a_section_file_listed_twice_is_read_once(tmp_path: Path) -> None:
    folder = build("duplicate key", tmp_path)
    (folder / "exhibit.yaml").write_text(
        "title: Twice\nsections:\n  - sections/only.yaml\n  - ./sections/only.yaml\n", encoding="utf-8"
    )
    result = load_exhibit(folder)
    assert [problem.format(relative_to=folder) for problem in result.problems] == [
        "exhibit.yaml:4:5: error: sections[1]: section file './sections/only.yaml' is listed already, "
        "at line 3; list each section once"
    ]
    assert result.files == (folder / "exhibit.yaml", (folder / "sections/only.yaml").resolve())


def test_past_the_limit_problems_are_counted_not_listed(tmp_path: Path) -> None:
    _, result, _ = load_hostile("15 000 unknown keys", tmp_path)
    assert len(result.problems) == MAX_PROBLEMS + 1
    assert sum("unknown key 'key" in problem.message for problem in result.problems) == MAX_PROBLEMS
