"""Published versions: what the kiosk shows is a validated copy, never the folder being edited."""

import os
import shutil
from pathlib import Path

import pytest

from kiosk.content import versions
from kiosk.content.versions import VERSION_FILE, Obstacle, VersionStore, folder_fingerprint
from tests.conftest import MINI_EXHIBIT


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "edited"
    shutil.copytree(MINI_EXHIBIT, folder)
    return folder


@pytest.fixture
def store(tmp_path: Path, source: Path) -> VersionStore:
    return VersionStore.for_exhibit(tmp_path / "data", source, keep=3)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # Two edits within the file system's timestamp resolution must still differ.
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))


def test_a_valid_folder_becomes_the_current_version(store: VersionStore, source: Path) -> None:
    publication = store.publish()
    assert publication.is_new
    assert publication.version is not None
    assert store.current() == publication.version
    # What the kiosk will show is the copy, and the copy is what was validated.
    assert publication.version.folder != source
    assert publication.exhibit is not None
    assert all(
        media.path.is_relative_to(publication.version.folder)
        for section in publication.exhibit.sections
        if section.tile_image
        for media in section.tile_image.files()
    )
    assert (publication.version.folder / "exhibit.yaml").read_bytes() == (
        source / "exhibit.yaml"
    ).read_bytes()


def test_an_unchanged_folder_is_not_published_twice(store: VersionStore) -> None:
    first = store.publish()
    again = store.publish()
    assert not again.is_new
    assert again.version == first.version
    assert len(store.versions()) == 1


def test_an_invalid_folder_is_refused_and_the_good_version_stays(store: VersionStore, source: Path) -> None:
    good = store.publish().version
    edit(source / "exhibit.yaml", "title:", "titel:")
    refused = store.publish()
    assert refused.version is None
    # The problems point at the file the curator edits, at the line of the mistake.
    assert refused.problems
    assert all(problem.file.is_relative_to(source) for problem in refused.problems)
    assert any("titel" in problem.message for problem in refused.problems)
    assert store.current() == good
    assert store.versions() == [good]


def test_only_the_last_few_versions_are_kept(store: VersionStore, source: Path) -> None:
    names = []
    for count in range(5):
        edit(source / "exhibit.yaml", "\ntitle:", f"\n# edit {count}\ntitle:")
        version = store.publish().version
        assert version is not None
        names.append(version.name)
    assert [version.name for version in store.versions()] == names[::-1][:3]
    assert store.current().name == names[-1]


def test_a_rollback_survives_publishing_the_same_folder_again(store: VersionStore, source: Path) -> None:
    first = store.publish().version
    edit(source / "exhibit.yaml", "\ntitle:", "\n# second\ntitle:")
    second = store.publish().version
    assert first is not None
    assert second is not None
    store.make_current(first.name)
    assert store.current() == first
    # The kiosk restarts and publishes the folder: it has not changed, so the rollback holds.
    assert store.publish().version == second
    assert store.current() == first
    with pytest.raises(KeyError):
        store.make_current("no-such-version")


def test_editor_leftovers_are_not_part_of_the_exhibit(store: VersionStore, source: Path) -> None:
    before = folder_fingerprint(source)
    (source / ".exhibit.yaml.swp").write_bytes(b"vim swap")
    (source / "exhibit.yaml~").write_text("backup", encoding="utf-8")
    assert folder_fingerprint(source) == before
    version = store.publish().version
    assert version is not None
    assert not (version.folder / ".exhibit.yaml.swp").exists()
    assert not (version.folder / "exhibit.yaml~").exists()


def test_a_copy_that_never_finished_is_not_a_version(store: VersionStore, source: Path) -> None:
    version = store.publish().version
    assert version is not None
    unfinished = store.root / "20260101-000000-deadbeef"
    shutil.copytree(version.folder, unfinished)
    (unfinished / VERSION_FILE).unlink()
    assert store.versions() == [version]
    edit(source / "exhibit.yaml", "\ntitle:", "\n# next\ntitle:")
    store.publish()
    assert not unfinished.exists()


def test_unchanged_media_is_shared_between_versions(store: VersionStore, source: Path) -> None:
    first = store.publish().version
    edit(source / "exhibit.yaml", "\ntitle:", "\n# next\ntitle:")
    second = store.publish().version
    assert first is not None
    assert second is not None
    picture = next(path.relative_to(source) for path in (source / "media").iterdir())
    assert (first.folder / picture).stat().st_ino == (second.folder / picture).stat().st_ino


def test_the_version_on_screen_is_never_removed_to_make_room(store: VersionStore, source: Path) -> None:
    names = []
    for count in range(3):
        edit(source / "exhibit.yaml", "\ntitle:", f"\n# edit {count}\ntitle:")
        version = store.publish().version
        assert version is not None
        names.append(version.name)
    oldest = names[0]
    store.make_current(oldest)  # staff rolled back to the oldest kept; the store keeps three
    edit(source / "exhibit.yaml", "\ntitle:", "\n# newer\ntitle:")
    store.publish(protect=frozenset({oldest}))
    assert oldest in [version.name for version in store.versions()]
    assert (store.root / oldest / "exhibit.yaml").is_file()


def test_a_copy_that_cannot_fit_is_not_begun(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = VersionStore.for_exhibit(tmp_path / "data", source, free_space=lambda _: 10 * 1024)
    copies: list[str] = []
    monkeypatch.setattr(versions.shutil, "copy2", lambda source, _: copies.append(str(source)))
    publication = store.publish()
    assert publication.stop is not None
    assert publication.stop.obstacle is Obstacle.DISK_FULL
    assert copies == []
    assert not store.root.exists()


def test_the_space_a_version_needs_leaves_out_what_it_shares_with_the_last(
    tmp_path: Path, source: Path
) -> None:
    (source / "media" / "scan.bin").write_bytes(bytes(3 * 1024 * 1024))
    assert VersionStore.for_exhibit(tmp_path / "data", source).publish().version is not None
    edit(source / "exhibit.yaml", "title: First Section", "title: Renamed")
    # A megabyte free is room for the changed file; the scan is shared with the version before.
    store = VersionStore.for_exhibit(tmp_path / "data", source, free_space=lambda _: 1024 * 1024)
    publication = store.publish()
    assert publication.stop is None
    assert publication.is_new


@pytest.mark.parametrize("how", ["missing", "empty"])
def test_a_folder_missing_or_empty_is_a_stop_not_a_problem_of_the_exhibit(
    store: VersionStore, source: Path, how: str
) -> None:
    shutil.rmtree(source)
    if how == "empty":
        source.mkdir()
    publication = store.publish()
    assert publication.problems == ()
    assert publication.stop is not None
    assert publication.stop.obstacle is Obstacle.SOURCE_MISSING
    assert (
        publication.stop.message
        == f"the exhibit folder {source} is {'not there' if how == 'missing' else 'empty'}"
    )
