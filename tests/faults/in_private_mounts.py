"""Faults on real mounts: a disk that fills up, a read-only file system, a share mounted late.

Run only by tests/faults/private_mounts.py, in a private mount namespace: every mount made here
is seen by this process alone and goes with it. The file is not named test_*.py so that the
ordinary test run never collects it, and it refuses to run outside a namespace.
"""

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.app.logs import close_logging, configure_logging
from kiosk.app.notices import clear_notices, current_notices
from kiosk.app.publishing import Publishing
from kiosk.app.storage import CACHE_FOLDER, DATA_FOLDER, usable_folder
from kiosk.content.versions import CURRENT_FILE, VersionStore
from tests.conftest import MINI_EXHIBIT
from tests.faults.exhibit_changes import copy_with_title, open_window, retitle, tile_title
from tests.faults.private_mounts import PRIVATE_MOUNTS

if os.environ.get(PRIVATE_MOUNTS) != "1":
    pytest.skip("mounts file systems: run through tests/faults/private_mounts.py", allow_module_level=True)

pytestmark = pytest.mark.gui
SETTLE_MS = 30
#: The watcher's own slow poll finds a mount, which makes no file-system event.
MOUNT_FOUND_WITHIN_MS = 15_000


def mount(*arguments: str) -> None:
    subprocess.run(["mount", *arguments], check=True)


def small_disk(where: Path, size: str, *options: str) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    mount("-t", "tmpfs", "-o", ",".join([f"size={size}", *options]), "kiosk-test", str(where))
    return where


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
    monkeypatch.setenv("TMPDIR", str(folder))


def fill(disk: Path) -> Path:
    """Writes until the disk is full; the file that holds the space."""
    ballast = disk / "ballast"
    with ballast.open("wb") as writing:
        try:
            while True:
                writing.write(b"\0" * 65536)
                writing.flush()
        except OSError:
            pass
    return ballast


def test_a_full_disk_stops_publishing_and_space_returning_resumes_it(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    disk = small_disk(tmp_path / "disk", "2m")
    exhibit = tmp_path / "exhibit"
    shutil.copytree(MINI_EXHIBIT, exhibit)
    store = VersionStore.for_exhibit(disk, exhibit)
    first = store.publish().version
    assert first is not None
    ui = open_window(qtbot, first)
    publishing = Publishing(ui, store, first, tmp_path / "cache", settle_ms=SETTLE_MS, parent=ui.window)
    try:
        retry = publishing.findChild(QTimer, "publishRetry")
        assert retry is not None
        caplog.set_level(logging.INFO)
        ballast = fill(disk)
        (exhibit / "media" / "scan.bin").write_bytes(os.urandom(256 * 1024))
        retitle(exhibit, "First Section", "Published Once There Was Room")
        qtbot.waitUntil(retry.isActive, timeout=10_000)
        [notice] = current_notices()
        assert notice.startswith(f"publishing stopped: the disk holding {store.root} is full (needs about 0.")
        assert notice.endswith("MB free); the version on show stays; trying again every 10 s")
        assert "not valid" not in caplog.text
        assert "refused" not in caplog.text
        assert sorted(entry.name for entry in store.root.iterdir()) == sorted([first.name, CURRENT_FILE])
        assert tile_title(ui) == "First Section"
        ballast.unlink()
        with qtbot.waitSignal(publishing.shown, timeout=10_000):
            retry.timeout.emit()
        assert tile_title(ui) == "Published Once There Was Room"
        assert current_notices() == []
    finally:
        publishing.stop()
        ui.dispose()


def test_a_copy_that_the_disk_cuts_short_is_removed(tmp_path: Path) -> None:
    disk = small_disk(tmp_path / "disk", "1m")
    exhibit = tmp_path / "exhibit"
    shutil.copytree(MINI_EXHIBIT, exhibit)
    # The system's answer about free space is wrong (a share whose server fills it meanwhile).
    store = VersionStore.for_exhibit(disk, exhibit, free_space=lambda _: 1 << 40)
    (exhibit / "media" / "scan.bin").write_bytes(os.urandom(2 * 1024 * 1024))
    publication = store.publish()
    assert publication.stop is not None
    assert publication.stop.message.startswith(f"the disk holding {store.root} is full (needs about 2.")
    assert publication.problems == ()
    assert [entry.name for entry in store.root.iterdir()] == []


def test_folders_on_a_read_only_file_system_are_replaced(tmp_path: Path) -> None:
    read_only = small_disk(tmp_path / "read-only", "1m", "ro")
    data = usable_folder(read_only / "data", DATA_FOLDER)
    cache = usable_folder(read_only / "cache", CACHE_FOLDER)
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        assert configure_logging(read_only / "logs") is None
    finally:
        close_logging()
        root.handlers[:] = handlers
    assert not data.is_relative_to(read_only)
    assert not cache.is_relative_to(read_only)
    notices = current_notices()
    for name in ("data folder", "cache folder", "log folder"):
        assert any(
            notice.startswith(f"the {name} {read_only}/") and "(Read-only file system)" in notice
            for notice in notices
        ), notices
    # And the kiosk itself starts on that machine.
    heartbeat = tmp_path / "heartbeat"
    settings = tmp_path / "settings.yaml"
    settings.write_text(f"exhibit: {MINI_EXHIBIT}\nlog_dir: {read_only / 'logs'}\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--windowed", "--settings", str(settings)],
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_HEARTBEAT": str(heartbeat),
            "XDG_DATA_HOME": str(read_only),
            "XDG_CACHE_HOME": str(read_only),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    try:
        while not heartbeat.exists():
            assert process.poll() is None, process.communicate()[1]
            assert time.monotonic() < deadline, "the kiosk did not start in time"
            time.sleep(0.05)  # polling another process
    finally:
        process.terminate()
        said = process.communicate(timeout=30)[1]
    assert "Read-only file system" in said
    assert "Traceback" not in said


def test_a_share_mounted_after_the_start_goes_on_show(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    mount_point = tmp_path / "share" / "exhibit"
    mount_point.mkdir(parents=True)
    on_the_server = copy_with_title(MINI_EXHIBIT, tmp_path / "server" / "exhibit", "On The Share")
    # An earlier start, with the share mounted: a version was published.
    mount("--bind", str(MINI_EXHIBIT), str(mount_point))
    store = VersionStore.for_exhibit(tmp_path / "data", mount_point)
    assert store.publish().version is not None
    subprocess.run(["umount", str(mount_point)], check=True)
    # This start: the share is not mounted; its mount point stands empty.
    last_good = store.current()
    assert last_good is not None
    ui = open_window(qtbot, last_good)
    caplog.set_level(logging.INFO)
    publishing = Publishing(ui, store, last_good, tmp_path / "cache", settle_ms=SETTLE_MS, parent=ui.window)
    try:
        assert current_notices() == [
            f"the exhibit folder {mount_point} is empty or cannot be read (an unmounted share?); "
            "the version on show stays"
        ]
        with qtbot.waitSignal(publishing.shown, timeout=MOUNT_FOUND_WITHIN_MS):
            mount("--bind", str(on_the_server), str(mount_point))
        assert tile_title(ui) == "On The Share"
        assert current_notices() == []
    finally:
        publishing.stop()
        ui.dispose()


def test_visitor_events_on_a_read_only_file_system(tmp_path: Path, qtbot: QtBot) -> None:
    from kiosk.analytics.schema import End, Start
    from kiosk.services.analytics import AnalyticsRecorder
    from tests.clock import ManualClock

    disk = small_disk(tmp_path / "data", "1m", "ro")
    notices: list[str] = []
    recorder = AnalyticsRecorder(
        disk / "analytics" / "events.sqlite3", kiosk="k", content_version="v", clock=ManualClock()
    )
    recorder.noticeChanged.connect(lambda _key, text: notices.append(text))
    try:
        recorder.start_visit(Start.HOME)
        recorder.end_visit(End.HOME)
        assert recorder.flush()
        qtbot.waitUntil(lambda: len(notices) == 1)
        assert "cannot be written" in notices[0]
    finally:
        recorder.close()
    assert notices == [notices[0]]


def test_visitor_events_on_a_full_disk(tmp_path: Path, qtbot: QtBot) -> None:
    import sqlite3

    from kiosk.analytics.schema import Kind
    from kiosk.services.analytics import AnalyticsRecorder
    from tests.clock import ManualClock

    disk = small_disk(tmp_path / "data", "2m")
    database = disk / "analytics" / "events.sqlite3"
    notices: list[str] = []
    recorder = AnalyticsRecorder(database, kiosk="k", content_version="v", clock=ManualClock())
    recorder.noticeChanged.connect(lambda _key, text: notices.append(text))
    try:
        recorder.record(Kind.COUNTDOWN_SHOWN)
        assert recorder.flush()
        ballast = fill(disk)
        for number in range(20_000):
            recorder.record(Kind.DOCUMENT_PAGE_TURNED, detail=f"{number:06d}" * 10)
        assert recorder.flush()
        qtbot.waitUntil(lambda: len(notices) == 1)
        assert "full" in notices[0]
        ballast.unlink()
        recorder.record(Kind.COUNTDOWN_ANSWERED)
        assert recorder.flush()
        qtbot.waitUntil(lambda: len(notices) == 2)
        assert notices[1] == ""
    finally:
        recorder.close()
    with sqlite3.connect(database) as connection:
        kinds = [row[0] for row in connection.execute("SELECT DISTINCT kind FROM events")]
    assert "countdown_answered" in kinds
