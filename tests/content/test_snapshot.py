"""A snapshot opens an exhibit at once only while nothing it was made from has changed."""

import os
import shutil
from pathlib import Path

import pytest

from kiosk.content.loader import load_exhibit
from kiosk.content.snapshot import load_snapshot, save_snapshot, snapshot_path
from kiosk.content.summary import ExhibitSummary, media_paths, summarize
from tests.conftest import MINI_EXHIBIT


@pytest.fixture
def exhibit_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINI_EXHIBIT, tmp_path / "exhibit"))


def snapshot_of(exhibit_dir: Path, cache_dir: Path) -> ExhibitSummary:
    result = load_exhibit(exhibit_dir)
    assert result.exhibit is not None
    summary = summarize(result.exhibit)
    save_snapshot(cache_dir, exhibit_dir, summary, [*result.files, *media_paths(result.exhibit)])
    return summary


def test_an_unchanged_exhibit_opens_from_its_snapshot(exhibit_copy: Path, tmp_path: Path) -> None:
    summary = snapshot_of(exhibit_copy, tmp_path / "cache")
    assert load_snapshot(tmp_path / "cache", exhibit_copy) == summary
    assert [section.title.resolve("en") for section in summary.sections] == [
        "First Section",
        "Second Section",
        "Third Section",
        "Fourth Section",
    ]
    assert [section.panel_count for section in summary.sections] == [3, 2, 1, 2]


def test_an_exhibit_named_by_a_relative_path_opens_from_its_snapshot(
    exhibit_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `kiosk run exhibits/mine` names its folder from where it was started: the snapshot kept
    # then must open the next start, not be taken for damaged and the exhibit validated again.
    monkeypatch.chdir(exhibit_copy.parent)
    relative = Path(exhibit_copy.name)
    summary = snapshot_of(relative, tmp_path / "cache")
    assert load_snapshot(tmp_path / "cache", relative) == summary
    assert snapshot_path(tmp_path / "cache", relative).exists()


def test_the_snapshot_covers_every_image(exhibit_copy: Path) -> None:
    result = load_exhibit(exhibit_copy)
    assert result.exhibit is not None
    names = {path.name for path in media_paths(result.exhibit)}
    assert names == {"square.svg", "bar.svg", "paper.png"}


def test_an_edited_section_file_needs_validating_again(exhibit_copy: Path, tmp_path: Path) -> None:
    snapshot_of(exhibit_copy, tmp_path / "cache")
    section = exhibit_copy / "sections" / "second.yaml"
    section.write_text(
        section.read_text(encoding="utf-8").replace("Second Section", "Changed"), encoding="utf-8"
    )
    assert load_snapshot(tmp_path / "cache", exhibit_copy) is None


def test_a_replaced_image_needs_validating_again(exhibit_copy: Path, tmp_path: Path) -> None:
    snapshot_of(exhibit_copy, tmp_path / "cache")
    image = exhibit_copy / "media" / "paper.png"
    status = image.stat()
    os.utime(image, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    assert load_snapshot(tmp_path / "cache", exhibit_copy) is None


def test_a_deleted_image_needs_validating_again(exhibit_copy: Path, tmp_path: Path) -> None:
    snapshot_of(exhibit_copy, tmp_path / "cache")
    (exhibit_copy / "media" / "bar.svg").unlink()
    assert load_snapshot(tmp_path / "cache", exhibit_copy) is None


def test_a_damaged_snapshot_is_ignored(exhibit_copy: Path, tmp_path: Path) -> None:
    snapshot_of(exhibit_copy, tmp_path / "cache")
    snapshot_path(tmp_path / "cache", exhibit_copy).write_text("{not json", encoding="utf-8")
    assert load_snapshot(tmp_path / "cache", exhibit_copy) is None


def test_no_snapshot_yet(exhibit_copy: Path, tmp_path: Path) -> None:
    assert load_snapshot(tmp_path / "cache", exhibit_copy) is None


def test_an_unchanged_snapshot_is_not_written_again(exhibit_copy: Path, tmp_path: Path) -> None:
    snapshot_of(exhibit_copy, tmp_path / "cache")
    path = snapshot_path(tmp_path / "cache", exhibit_copy)
    os.utime(path, ns=(0, 0))
    snapshot_of(exhibit_copy, tmp_path / "cache")
    assert path.stat().st_mtime_ns == 0


def test_the_snapshot_reader_knows_the_theme_as_the_model_has_it() -> None:
    # The reader checks a theme read back from disk without pydantic; it must expect every key.
    from kiosk.content import bounds
    from kiosk.content.models import Fonts, HighContrast, Theme

    assert set(Theme.model_fields) == {*bounds.PALETTE_KEYS, "accents", "fonts", "high_contrast"}
    assert tuple(Fonts.model_fields) == bounds.FONT_ROLES
    assert set(HighContrast.model_fields) == {*bounds.PALETTE_KEYS, "accents"}
