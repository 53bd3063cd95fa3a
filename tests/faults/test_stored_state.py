"""Every cache and stored state is checked when it is read, and a damaged one never stops the kiosk.

The kiosk keeps a snapshot of the home screen and of the installation settings, tile pyramids of document pages and published
versions of its exhibit. Each may be damaged by a power cut, a full disk, a faulty card or a
person: whatever a stored file holds, reading it gives either something sound or nothing (and the
state is built again), never an exception, and the kiosk starts.
"""

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kiosk.app.out_of_order import exhibit_state
from kiosk.app.publishing import keep_snapshot
from kiosk.content.loader import load_exhibit
from kiosk.content.pyramids import MANIFEST, build_pyramid, cached_pyramid, pyramids_dir
from kiosk.content.snapshot import load_snapshot, snapshot_path
from kiosk.content.versions import CURRENT_FILE, VERSION_FILE, Version, VersionStore
from kiosk.services.settings import KEYS as SETTINGS_KEYS
from kiosk.services.settings import load_settings
from kiosk.services.settings_snapshot import StartSettings
from kiosk.services.settings_snapshot import snapshot_path as settings_snapshot_path
from tests.conftest import MINI_EXHIBIT
from tests.faults.conftest import KioskInstallation, wait_for_beats

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def publish(source: Path, data_dir: Path, cache_dir: Path) -> Version:
    """What `kiosk run` does at its first start: a published version, and its snapshot."""
    publication = VersionStore.for_exhibit(data_dir, source).publish()
    assert publication.version is not None
    assert publication.exhibit is not None
    keep_snapshot(cache_dir, publication.version, publication.exhibit, publication.files)
    return publication.version


def edit_snapshot(cache_dir: Path, version: Version, change: Any) -> None:
    """Changes the summary in the snapshot and leaves its fingerprint as it was: it still matches."""
    path = snapshot_path(cache_dir, version.folder)
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document["summary"])
    path.write_text(json.dumps(document), encoding="utf-8")


# -- the outage the review found: a damaged snapshot, every start exits ----------------------------

DAMAGE = {
    "no languages": lambda summary: summary.update(languages=[]),
    "a negative idle timeout": lambda summary: summary.update(idle_timeout=-5),
    "a theme of the wrong type": lambda summary: summary.update(theme="ink on paper"),
    "a tile picture from outside the exhibit": lambda summary: summary["sections"][0].update(
        tile_image="/etc/hostname"
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_snapshot_costs_a_validation_never_the_kiosk(
    installation: KioskInstallation, tmp_path: Path, damage: str
) -> None:
    source = Path(shutil.copytree(MINI_EXHIBIT, tmp_path / "exhibit"))
    version = publish(source, installation.data_dir, installation.cache_dir)
    edit_snapshot(installation.cache_dir, version, DAMAGE[damage])

    process = installation.start(str(source), "--windowed")
    wait_for_beats(installation, process)

    assert "the exhibit's snapshot" in installation.log()
    assert "was damaged" in installation.log()
    # Validated instead, and the snapshot written anew: the next start is quick again.
    summary = load_snapshot(installation.cache_dir, version.folder)
    assert summary is not None
    assert summary.languages == ("en",)


# -- whatever the snapshot holds -----------------------------------------------------------------


@pytest.fixture(scope="module")
def kept_snapshot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Version, bytes]:
    root = tmp_path_factory.mktemp("snapshot")
    source = Path(shutil.copytree(MINI_EXHIBIT, root / "exhibit"))
    version = publish(source, root / "data", root / "cache")
    return root / "cache", version, snapshot_path(root / "cache", version.folder).read_bytes()


def paths_in(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document, as the keys and indexes that lead there."""
    places = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            places += paths_in(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            places += paths_in(value, (*prefix, index))
    return places


def replaced(document: Any, place: tuple[Any, ...], value: Any) -> Any:
    if not place:
        return value
    parent = document
    for step in place[:-1]:
        parent = parent[step]
    parent[place[-1]] = value
    return document


def assert_opens(summary: Any, qapp: Any) -> None:
    """The home screen's view models take the summary: what crashed the kiosk's start before."""
    from kiosk.services.idle import IdleService
    from kiosk.viewmodels.exhibit import KioskExhibit

    exhibit = KioskExhibit(summary)
    try:
        theme = exhibit.property("theme")
        for name in ("paper", "ink", "accentOne", "accentTwo", "displayFont", "bodyFont"):
            assert theme.property(name) is not None
        assert exhibit.property("title")
        IdleService(summary.idle_timeout, summary.countdown).deleteLater()
    finally:
        exhibit.deleteLater()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), value=JSON)
def test_any_value_anywhere_in_the_snapshot_is_caught_or_harmless(
    kept_snapshot: tuple[Path, Version, bytes], qapp: Any, data: st.DataObject, value: Any
) -> None:
    cache_dir, version, good = kept_snapshot
    document = json.loads(good)
    place = data.draw(st.sampled_from(paths_in(document)), label="place")
    path = snapshot_path(cache_dir, version.folder)
    path.write_text(json.dumps(replaced(document, place, value)), encoding="utf-8")

    summary = load_snapshot(cache_dir, version.folder)

    if summary is not None:
        assert_opens(summary, qapp)
    path.write_bytes(good)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_damage_to_the_snapshot_bytes_is_caught_or_harmless(
    kept_snapshot: tuple[Path, Version, bytes], qapp: Any, data: st.DataObject
) -> None:
    cache_dir, version, good = kept_snapshot
    damaged = bytearray(good)
    for _ in range(data.draw(st.integers(1, 8), label="flips")):
        at = data.draw(st.integers(0, len(damaged) - 1), label="at")
        damaged[at] = data.draw(st.integers(0, 255), label="byte")
    cut = data.draw(st.integers(0, len(damaged)), label="length")
    path = snapshot_path(cache_dir, version.folder)
    path.write_bytes(bytes(damaged[:cut]))

    summary = load_snapshot(cache_dir, version.folder)

    if summary is not None:
        assert_opens(summary, qapp)
    path.write_bytes(good)


def test_a_damaged_snapshot_is_removed_so_that_a_good_one_takes_its_place(
    kept_snapshot: tuple[Path, Version, bytes],
) -> None:
    cache_dir, version, good = kept_snapshot
    path = snapshot_path(cache_dir, version.folder)
    path.write_text(json.dumps({**json.loads(good), "summary": {"languages": []}}), encoding="utf-8")
    assert load_snapshot(cache_dir, version.folder) is None
    assert not path.exists()
    path.write_bytes(good)


def test_a_snapshot_naming_files_outside_the_exhibit_is_not_believed(
    kept_snapshot: tuple[Path, Version, bytes], tmp_path: Path
) -> None:
    from kiosk.content.snapshot import fingerprint

    cache_dir, version, good = kept_snapshot
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    document = json.loads(good)
    document["files"].append(str(outside))
    document["summary"]["sections"][0]["tile_image"] = str(outside)
    document["fingerprint"] = fingerprint(Path(name) for name in document["files"])
    path = snapshot_path(cache_dir, version.folder)
    path.write_text(json.dumps(document), encoding="utf-8")

    assert load_snapshot(cache_dir, version.folder) is None
    path.write_bytes(good)


def test_a_huge_snapshot_is_not_read_into_memory(kept_snapshot: tuple[Path, Version, bytes]) -> None:
    cache_dir, version, good = kept_snapshot
    path = snapshot_path(cache_dir, version.folder)
    with path.open("wb") as file:
        file.write(good[:-1] + b" " * 50_000_000 + good[-1:])
    assert load_snapshot(cache_dir, version.folder) is None
    path.write_bytes(good)


# -- the installation settings' snapshot ----------------------------------------------------------

SETTINGS = """\
exhibit: exhibit
opening_hours:
  everyday: "10:00-18:00"
  sunday: closed
daily_restart: "04:30"
memory_ceiling_mb: 900
countdown: 30
renderer: software
metrics_address: none
screens: ["1920x1080", "800x600"]
"""


@pytest.fixture(scope="module")
def kept_settings(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, bytes]:
    root = tmp_path_factory.mktemp("settings")
    path = root / "settings.yaml"
    path.write_text(SETTINGS, encoding="utf-8")
    StartSettings(path, root / "cache").keep(root / "cache")
    return root / "cache", path, settings_snapshot_path(root / "cache", path).read_bytes()


def assert_kept_or_validated(cache_dir: Path, path: Path) -> None:
    """The start gets the settings the file validates to: from a sound snapshot, or validated."""
    start = StartSettings(path, cache_dir)
    validated, problems = load_settings(path)
    assert start.problems == problems == []
    for key in SETTINGS_KEYS:
        assert getattr(start.settings, key) == getattr(validated, key), key


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), value=JSON)
def test_any_value_anywhere_in_the_settings_snapshot_is_caught(
    kept_settings: tuple[Path, Path, bytes], data: st.DataObject, value: Any
) -> None:
    cache_dir, path, good = kept_settings
    document = json.loads(good)
    place = data.draw(st.sampled_from(paths_in(document)), label="place")
    snapshot = settings_snapshot_path(cache_dir, path)
    snapshot.write_text(json.dumps(replaced(document, place, value)), encoding="utf-8")

    assert_kept_or_validated(cache_dir, path)
    snapshot.write_bytes(good)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_damage_to_the_settings_snapshot_bytes_is_caught(
    kept_settings: tuple[Path, Path, bytes], data: st.DataObject
) -> None:
    cache_dir, path, good = kept_settings
    damaged = bytearray(good)
    for _ in range(data.draw(st.integers(1, 8), label="flips")):
        at = data.draw(st.integers(0, len(damaged) - 1), label="at")
        damaged[at] = data.draw(st.integers(0, 255), label="byte")
    cut = data.draw(st.integers(0, len(damaged)), label="length")
    snapshot = settings_snapshot_path(cache_dir, path)
    snapshot.write_bytes(bytes(damaged[:cut]))

    assert_kept_or_validated(cache_dir, path)
    snapshot.write_bytes(good)


def test_a_damaged_settings_snapshot_is_removed_and_said(kept_settings: tuple[Path, Path, bytes]) -> None:
    cache_dir, path, good = kept_settings
    snapshot = settings_snapshot_path(cache_dir, path)
    document = json.loads(good)
    document["values"]["memory_ceiling_mb"] = 1
    snapshot.write_text(json.dumps(document), encoding="utf-8")

    start = StartSettings(path, cache_dir)

    assert start.validated
    assert start.settings.memory_ceiling_mb == 900
    assert start.damage is not None
    assert "was damaged" in start.damage
    assert not snapshot.exists()
    snapshot.write_bytes(good)


def test_a_huge_settings_snapshot_is_not_read_into_memory(kept_settings: tuple[Path, Path, bytes]) -> None:
    cache_dir, path, good = kept_settings
    snapshot = settings_snapshot_path(cache_dir, path)
    snapshot.write_bytes(good[:-1] + b" " * 50_000_000 + good[-1:])
    assert StartSettings(path, cache_dir).validated
    snapshot.write_bytes(good)


@pytest.mark.slow
def test_a_damaged_settings_snapshot_costs_a_validation_never_the_kiosk(
    installation: KioskInstallation, tmp_path: Path
) -> None:
    shutil.copytree(MINI_EXHIBIT, installation.settings.parent / "exhibit")
    installation.settings.write_text(SETTINGS, encoding="utf-8")
    StartSettings(installation.settings, installation.cache_dir).keep(installation.cache_dir)
    snapshot = settings_snapshot_path(installation.cache_dir, installation.settings)
    snapshot.write_bytes(snapshot.read_bytes()[:40])

    process = installation.start("--windowed")
    wait_for_beats(installation, process)

    assert "the installation settings' snapshot" in installation.log()
    assert "was damaged" in installation.log()
    # Validated instead, and kept anew: the next start is quick again.
    assert not StartSettings(installation.settings, installation.cache_dir).validated


# -- published versions ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kept_versions(tmp_path_factory: pytest.TempPathFactory) -> VersionStore:
    root = tmp_path_factory.mktemp("versions")
    source = Path(shutil.copytree(MINI_EXHIBIT, root / "exhibit"))
    store = VersionStore.for_exhibit(root / "data", source)
    assert store.publish().version is not None
    section = next((source / "sections").glob("*.yaml"))
    section.write_text(section.read_text(encoding="utf-8").replace("Section", "Part"), encoding="utf-8")
    assert store.publish().version is not None
    assert len(store.versions()) == 2
    return store


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), value=JSON)
def test_any_damage_to_a_version_record_leaves_the_others_to_show(
    kept_versions: VersionStore, data: st.DataObject, value: Any
) -> None:
    newest, older = kept_versions.versions()
    record = newest.folder / VERSION_FILE
    good = record.read_bytes()
    document = json.loads(good)
    place = data.draw(st.sampled_from(paths_in(document)), label="place")
    record.write_text(json.dumps(replaced(document, place, value)), encoding="utf-8")
    try:
        versions = kept_versions.versions()
        assert older in versions
        current = kept_versions.current()
        assert current is not None
        assert current.folder.is_dir()
    finally:
        record.write_bytes(good)


def test_a_version_record_without_a_time_zone_does_not_stop_the_others_being_sorted(
    kept_versions: VersionStore,
) -> None:
    newest, older = kept_versions.versions()
    record = newest.folder / VERSION_FILE
    good = record.read_bytes()
    record.write_text(json.dumps({**json.loads(good), "published": "2030-01-01T00:00:00"}), encoding="utf-8")
    try:
        assert kept_versions.versions() == [older]
    finally:
        record.write_bytes(good)


@given(name=st.text(max_size=60))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_whatever_names_the_current_version_one_that_is_kept_is_shown(
    kept_versions: VersionStore, name: str
) -> None:
    current_file = kept_versions.root / CURRENT_FILE
    good = current_file.read_bytes()
    current_file.write_text(name, encoding="utf-8", errors="surrogatepass")
    try:
        assert kept_versions.current() in kept_versions.versions()
    finally:
        current_file.write_bytes(good)


@given(name=st.binary(max_size=60))
@example(name=b"\xc1\x8e\x00")  # what a chaos soak found: a kiosk that never started again
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_whatever_bytes_name_the_current_version_the_kiosk_and_its_out_of_order_screen_read_them(
    kept_versions: VersionStore, name: bytes
) -> None:
    current_file = kept_versions.root / CURRENT_FILE
    good = current_file.read_bytes()
    current_file.write_bytes(name)
    try:
        assert kept_versions.current() in kept_versions.versions()
        # The out-of-order screen reads the name too: a rollback that mends it is a change it sees.
        damaged = exhibit_state(kept_versions)
    finally:
        current_file.write_bytes(good)
    assert exhibit_state(kept_versions) != damaged or name.strip() == good.strip()


# -- tile pyramids ---------------------------------------------------------------------------------


@pytest.fixture
def page_scan(tmp_path: Path) -> Path:
    from tests.content.test_pyramids import synthetic_scan

    return synthetic_scan(tmp_path / "page.jpg", (1300, 700))


PYRAMID_DAMAGE = {
    "manifest not JSON": lambda folder: (folder / MANIFEST).write_text("{", encoding="utf-8"),
    "manifest gone": lambda folder: (folder / MANIFEST).unlink(),
    "size of another scan": lambda folder: (folder / MANIFEST).write_text(
        json.dumps({**json.loads((folder / MANIFEST).read_text()), "width": 90000}), encoding="utf-8"
    ),
    "no tile size": lambda folder: (folder / MANIFEST).write_text(
        json.dumps({**json.loads((folder / MANIFEST).read_text()), "tile_size": 0}), encoding="utf-8"
    ),
    "a level lost": lambda folder: shutil.rmtree(folder / "tiles_files" / "3"),
    "preview lost": lambda folder: (folder / "preview.jpg").unlink(),
}


@pytest.mark.parametrize("damage", PYRAMID_DAMAGE, ids=list(PYRAMID_DAMAGE))
def test_a_damaged_pyramid_is_cut_again(page_scan: Path, tmp_path: Path, damage: str) -> None:
    cache_dir = tmp_path / "cache"
    built = build_pyramid(page_scan, cache_dir)
    PYRAMID_DAMAGE[damage](built.folder)

    assert cached_pyramid(page_scan, cache_dir) is None
    again = build_pyramid(page_scan, cache_dir)

    assert (again.width, again.height, again.levels) == (1300, 700, built.levels)
    assert again.preview_path.is_file()
    assert cached_pyramid(page_scan, cache_dir) == again
    assert [entry.name for entry in pyramids_dir(cache_dir).iterdir()] == [again.folder.name]


def test_the_mini_exhibit_still_validates() -> None:
    # The fixtures above copy it: make sure a failure there is not a failure of the exhibit.
    assert load_exhibit(MINI_EXHIBIT).ok
