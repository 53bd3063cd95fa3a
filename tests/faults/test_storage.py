"""A full disk and folders that cannot be written: publishing waits and retries, the kiosk starts.

A full disk is a fact about the machine, not a mistake in the exhibit: it is said in those words,
the partial copy is removed, and publishing tries again until there is room. A log, data or cache
folder that cannot be used is replaced (standard error; a temporary folder) and said once, in the
log and on the staff screen. The real full and read-only disks are small file systems mounted in a
private mount namespace (tests/faults/in_private_mounts.py); the tests here inject the same faults
at the narrowest point: the free space the system reports, and a copy that fails part-way.
"""

import errno
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.app import logs
from kiosk.app.logs import close_logging, configure_logging
from kiosk.app.notices import clear_notices, current_notices
from kiosk.app.publishing import Publishing
from kiosk.app.run import version_to_show
from kiosk.app.storage import CACHE_FOLDER, DATA_FOLDER, usable_folder
from kiosk.content import versions
from kiosk.content.versions import Obstacle, VersionStore
from tests.conftest import MINI_EXHIBIT
from tests.faults.exhibit_changes import open_window, retitle, tile_title
from tests.faults.private_mounts import run_in_private_mounts

SETTLE_MS = 30
STARTUP_DEADLINE_S = 60
KIOSK = (sys.executable, "-m", "kiosk")


@pytest.fixture(autouse=True)
def _no_notices() -> Iterator[None]:
    clear_notices()
    yield
    clear_notices()


@pytest.fixture(autouse=True)
def _own_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand-in folders go under the system's temporary folder: for these tests, one of their own."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


@pytest.fixture
def exhibit(tmp_path: Path) -> Path:
    folder = tmp_path / "exhibit"
    shutil.copytree(MINI_EXHIBIT, folder)
    return folder


class Disk:
    """What the system says is free on the disk of the versions: none, until space is made."""

    def __init__(self) -> None:
        self.full = False

    def free_space(self, path: Path) -> int:
        return 3 * 1024 if self.full else shutil.disk_usage(path).free


def leftovers(store: VersionStore) -> list[str]:
    """What the store holds besides its versions and the name of the current one."""
    kept = {version.name for version in store.versions()} | {versions.CURRENT_FILE}
    return sorted(entry.name for entry in store.root.iterdir() if entry.name not in kept)


@pytest.mark.gui
def test_a_full_disk_stops_publishing_in_those_words_and_the_version_goes_on_show_when_space_returns(
    qtbot: QtBot, exhibit: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    disk = Disk()
    store = VersionStore.for_exhibit(tmp_path / "data", exhibit, free_space=disk.free_space)
    first = store.publish().version
    assert first is not None
    ui = open_window(qtbot, first)
    publishing = Publishing(ui, store, first, tmp_path / "cache", settle_ms=SETTLE_MS, parent=ui.window)
    try:
        retry = publishing.findChild(QTimer, "publishRetry")
        assert retry is not None
        assert not retry.isActive()
        caplog.set_level(logging.INFO)
        disk.full = True
        retitle(exhibit, "First Section", "Published Once There Was Room")
        qtbot.waitUntil(retry.isActive, timeout=10_000)
        assert retry.interval() == 10_000
        [notice] = current_notices()
        assert notice.startswith(f"publishing stopped: the disk holding {store.root} is full (needs about ")
        assert notice.endswith(" MB, 0.0 MB free); the version on show stays; trying again every 10 s")
        assert "refused" not in caplog.text
        assert "not valid" not in caplog.text
        assert publishing.showing == first
        assert tile_title(ui) == "First Section"
        assert leftovers(store) == []
        disk.full = False
        with qtbot.waitSignal(publishing.shown, timeout=10_000):
            retry.timeout.emit()
        assert tile_title(ui) == "Published Once There Was Room"
        assert store.current() == publishing.showing
        assert current_notices() == []
        assert not retry.isActive()
    finally:
        publishing.stop()
        ui.dispose()


def test_a_copy_cut_short_by_the_full_disk_is_removed_and_called_a_full_disk(
    exhibit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = VersionStore.for_exhibit(tmp_path / "data", exhibit)
    first = store.publish().version
    assert first is not None
    retitle(exhibit, "First Section", "Never Stored")
    copied: list[Path] = []

    def copy_until_full(source: os.PathLike[str], destination: os.PathLike[str]) -> object:
        # The system said there was room; the disk fills while the copy runs, half-way into a file.
        content = Path(source).read_bytes()
        Path(destination).write_bytes(content[: len(content) // 2])
        copied.append(Path(destination))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(source), None, str(destination))

    monkeypatch.setattr(versions.shutil, "copy2", copy_until_full)
    publication = store.publish()
    assert publication.version is None
    assert publication.problems == ()
    assert publication.stop is not None
    assert publication.stop.obstacle is Obstacle.DISK_FULL
    assert publication.stop.message.startswith(f"the disk holding {store.root} is full (needs about ")
    assert copied
    assert not copied[0].exists()
    assert leftovers(store) == []
    assert store.current() == first


def test_a_file_the_kiosk_cannot_read_is_named_with_the_reason(
    exhibit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = VersionStore.for_exhibit(tmp_path / "data", exhibit)
    unreadable = exhibit / "media" / "paper.png"

    def copy(source: os.PathLike[str], destination: os.PathLike[str]) -> object:
        if Path(source) == unreadable:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(source))
        return shutil.copyfile(source, destination)

    monkeypatch.setattr(versions.shutil, "copy2", copy)
    publication = store.publish()
    assert publication.stop is not None
    assert publication.stop.obstacle is Obstacle.STORAGE_ERROR
    assert publication.stop.message == f"could not read {unreadable}: Permission denied"
    assert publication.problems == ()
    assert leftovers(store) == []


def test_a_data_folder_that_cannot_hold_versions_is_named_with_the_reason(
    exhibit: Path, tmp_path: Path
) -> None:
    in_the_way = tmp_path / "data"
    in_the_way.write_text("a file where the folder should be", encoding="utf-8")
    store = VersionStore.for_exhibit(in_the_way, exhibit)
    publication = store.publish()
    assert publication.stop is not None
    assert publication.stop.obstacle is Obstacle.STORAGE_ERROR
    assert publication.stop.message.startswith(f"could not write {in_the_way}/versions/")
    assert publication.stop.message.endswith(": Not a directory")
    assert publication.problems == ()


def test_a_full_disk_at_the_start_keeps_the_last_good_version_on_show_and_says_why(
    exhibit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = Disk()
    store = VersionStore.for_exhibit(tmp_path / "data", exhibit, free_space=disk.free_space)
    first = store.publish().version
    assert first is not None
    retitle(exhibit, "First Section", "Changed While The Kiosk Was Off")
    disk.full = True
    version, publication = version_to_show(store, tmp_path / "cache")
    said = capsys.readouterr().err
    assert version == first
    assert publication.stop is not None
    assert publication.stop.obstacle is Obstacle.DISK_FULL
    assert "not valid" not in said
    assert f"the disk holding {store.root} is full" in said
    assert f"showing the last good version, {first.name}" in said


def test_a_full_disk_with_nothing_published_yet_is_not_called_an_invalid_exhibit(
    exhibit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = Disk()
    disk.full = True
    store = VersionStore.for_exhibit(tmp_path / "data", exhibit, free_space=disk.free_space)
    version, _ = version_to_show(store, tmp_path / "cache")
    said = capsys.readouterr().err
    assert version is None
    assert "not valid" not in said
    assert f"publishing stopped: the disk holding {store.root} is full" in said


# Folders that cannot be used.


def file_in_place_of(folder: Path) -> Path:
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("use", "what"),
    [
        (DATA_FOLDER, "the published versions and the staff PIN lockout are kept"),
        (CACHE_FOLDER, "snapshots and page tiles are kept"),
    ],
    ids=["data", "cache"],
)
@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (file_in_place_of, "a file is in its place"),
        (lambda folder: file_in_place_of(folder.parent) / folder.name, "Not a directory"),
    ],
    ids=["a file in its place", "a file in place of its parent"],
)
def test_a_folder_that_cannot_be_used_is_replaced_by_a_temporary_one_and_said_once(
    tmp_path: Path,
    use,
    what: str,
    spoil: Callable[[Path], Path],
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    preferred = spoil(tmp_path / "user" / "kiosk")
    chosen = usable_folder(preferred, use)
    assert chosen != preferred
    probe = chosen / "probe"
    probe.write_text("writable", encoding="utf-8")
    probe.unlink()
    assert usable_folder(preferred, use) == chosen
    [notice] = current_notices()
    assert notice.startswith(f"the {use.name} {preferred} cannot be used ({reason}")
    assert f"{what} in {chosen} instead" in notice
    assert [record.getMessage() for record in caplog.records].count(notice) == 1


def test_a_usable_folder_is_kept_and_made_if_missing(tmp_path: Path) -> None:
    preferred = tmp_path / "fresh" / "machine" / "kiosk"
    assert usable_folder(preferred, DATA_FOLDER) == preferred
    assert preferred.is_dir()
    assert list(preferred.iterdir()) == []  # the probe leaves nothing behind
    assert current_notices() == []


@pytest.fixture
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    close_logging()
    logs._recent.clear()
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.usefixtures("restore_root_logger")
@pytest.mark.parametrize("spoil", ["a file in its place", "a folder in place of the log file"])
def test_a_log_folder_that_cannot_be_used_leaves_the_log_on_standard_error(
    tmp_path: Path, spoil: str
) -> None:
    folder = tmp_path / "logs"
    if spoil == "a file in its place":
        file_in_place_of(folder)
    else:
        (folder / "kiosk.log").mkdir(parents=True)
    assert configure_logging(folder, stderr=False) is None
    stream_handlers = [
        handler
        for handler in logging.getLogger().handlers
        if type(handler) is logging.StreamHandler and handler.stream in (sys.stderr, sys.__stderr__)
    ]
    assert stream_handlers, "with no file, the log must still go somewhere"
    [notice] = current_notices()
    assert notice.startswith(f"the log folder {folder} cannot be used (")
    assert notice.endswith("); the log goes to standard error only (the journal, under systemd)")


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes], errors: Path) -> None:
    deadline = time.monotonic() + STARTUP_DEADLINE_S
    while not condition():
        assert process.poll() is None, errors.read_text(encoding="utf-8", errors="replace")
        assert time.monotonic() < deadline, errors.read_text(encoding="utf-8", errors="replace")
        time.sleep(0.05)  # polling another process, not a UI of this one


@pytest.fixture
def unusable_user_folders(tmp_path: Path) -> dict[str, str]:
    """An account whose data, cache and log folders all have a file in their place."""
    for name in ("data", "cache"):
        file_in_place_of(tmp_path / name / "kiosk")
    file_in_place_of(tmp_path / "logs")
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TMPDIR": str(tmp_path / "tmp"),
    }


@pytest.mark.slow
def test_the_kiosk_starts_with_every_folder_it_writes_unusable(
    tmp_path: Path, unusable_user_folders: dict[str, str]
) -> None:
    settings = tmp_path / "settings.yaml"
    settings.write_text(f"exhibit: {MINI_EXHIBIT}\n", encoding="utf-8")
    heartbeat = tmp_path / "heartbeat"
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as error_stream:
        process = subprocess.Popen(
            [*KIOSK, "run", "--windowed", "--settings", str(settings), "--log-dir", str(tmp_path / "logs")],
            env={**unusable_user_folders, "KIOSK_HEARTBEAT": str(heartbeat)},
            stdout=subprocess.DEVNULL,
            stderr=error_stream,
        )
    try:
        wait_for(heartbeat.exists, process, errors)
    finally:
        process.terminate()
        process.wait(timeout=30)
    said = errors.read_text(encoding="utf-8")
    assert f"the log folder {tmp_path / 'logs'} cannot be used (a file is in its place)" in said
    assert f"the data folder {tmp_path / 'data' / 'kiosk'} cannot be used (a file is in its place)" in said
    assert f"the cache folder {tmp_path / 'cache' / 'kiosk'} cannot be used (a file is in its place)" in said
    assert f"in {tmp_path / 'tmp'}" in said
    assert "Traceback" not in said


@pytest.mark.slow
def test_the_supervisor_starts_with_an_unusable_log_folder(
    tmp_path: Path, unusable_user_folders: dict[str, str]
) -> None:
    settings = tmp_path / "settings.yaml"
    settings.write_text(f"exhibit: {MINI_EXHIBIT}\n", encoding="utf-8")
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as error_stream:
        process = subprocess.Popen(
            [
                *KIOSK,
                "supervise",
                "--windowed",
                "--settings",
                str(settings),
                "--log-dir",
                str(tmp_path / "logs"),
            ],
            env=unusable_user_folders,
            stdout=subprocess.DEVNULL,
            stderr=error_stream,
        )
    try:
        wait_for(lambda: "kiosk started (pid" in errors.read_text(encoding="utf-8"), process, errors)
    finally:
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=30)
    said = errors.read_text(encoding="utf-8")
    assert status == 0, said
    assert f"the log folder {tmp_path / 'logs'} cannot be used (a file is in its place)" in said
    assert "Traceback" not in said


@pytest.mark.slow
def test_a_real_disk_fills_up_and_publishing_resumes_when_space_returns() -> None:
    run_in_private_mounts(
        "test_a_full_disk_stops_publishing_and_space_returning_resumes_it",
        "test_a_copy_that_the_disk_cuts_short_is_removed",
    )


@pytest.mark.slow
def test_folders_on_a_real_read_only_file_system_are_replaced_and_the_kiosk_starts() -> None:
    run_in_private_mounts("test_folders_on_a_read_only_file_system_are_replaced")
