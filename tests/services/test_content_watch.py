"""Watching an exhibit folder: one report per finished change, never a half-written file."""

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from kiosk.services.background import BackgroundJob
from kiosk.services.content_watch import ContentWatcher
from tests.clock import ManualClock

SETTLE_MS = 40


@pytest.fixture
def owner() -> Iterator[QObject]:
    """The parent of what a test makes: deleted on this thread at the end, never by the collector on a
    worker thread (kiosk.services.background says why that matters)."""
    parent = QObject()
    yield parent
    Shiboken.delete(parent)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "exhibit"
    (folder / "sections").mkdir(parents=True)
    (folder / "exhibit.yaml").write_text("title: One\n", encoding="utf-8")
    (folder / "sections" / "a.yaml").write_text("id: a\n", encoding="utf-8")
    return folder


def touch_later(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))


def test_a_saved_file_is_reported_once(qtbot: QtBot, folder: Path, owner: QObject) -> None:
    watcher = ContentWatcher(folder, SETTLE_MS, owner)
    reports: list[str] = []
    watcher.settled.connect(reports.append)
    with qtbot.waitSignal(watcher.settled, timeout=3000):
        touch_later(folder / "sections" / "a.yaml", "id: b\n")
    # Nothing more happens on its own: the change was reported, once.
    with qtbot.assertNotEmitted(watcher.settled, wait=SETTLE_MS * 4):
        pass
    assert len(reports) == 1


def test_a_file_saved_by_renaming_over_the_old_one_is_seen_every_time(
    qtbot: QtBot, folder: Path, owner: QObject
) -> None:
    """Editors write a temporary file and rename it over the old one: the watch must survive that."""
    watcher = ContentWatcher(folder, SETTLE_MS, owner)
    for count in range(3):
        temporary = folder / f".exhibit.yaml.{count}.tmp"
        with qtbot.waitSignal(watcher.settled, timeout=3000):
            temporary.write_text(f"title: Version {count}\n", encoding="utf-8")
            temporary.replace(folder / "exhibit.yaml")


def test_a_new_subfolder_and_its_files_are_watched(qtbot: QtBot, folder: Path, owner: QObject) -> None:
    watcher = ContentWatcher(folder, SETTLE_MS, owner)
    with qtbot.waitSignal(watcher.settled, timeout=3000):
        (folder / "media").mkdir()
        (folder / "media" / "one.svg").write_text("<svg/>", encoding="utf-8")
    with qtbot.waitSignal(watcher.settled, timeout=3000):
        touch_later(folder / "media" / "one.svg", "<svg></svg>")


def test_a_file_still_being_written_is_not_reported_until_it_is_done(
    qtbot: QtBot, folder: Path, owner: QObject
) -> None:
    clock = ManualClock()
    watcher = ContentWatcher(folder, SETTLE_MS, owner, clock=clock)
    settle = watcher.findChild(QTimer, "contentSettle")
    reports: list[str] = []
    watcher.settled.connect(reports.append)
    big = folder / "media.bin"
    with big.open("wb") as growing:
        growing.write(b"x" * 4096)
        growing.flush()
        qtbot.waitUntil(settle.isActive)  # the new file is noticed
        # A slow copy: a chunk at a time, each within the settle time of the one before.
        for _ in range(8):
            clock.advance(ms=SETTLE_MS - 1)
            growing.write(b"x" * 4096)
            growing.flush()
            assert reports == []
    QCoreApplication.processEvents()  # what the watch said of the last writes
    # Looked at twice, a settle time apart, and found the same: done.
    clock.advance(ms=2 * SETTLE_MS - 1)
    assert reports == []
    clock.advance(ms=1)
    assert len(reports) == 1


def test_editor_leftovers_alone_are_not_a_change(qtbot: QtBot, folder: Path, owner: QObject) -> None:
    watcher = ContentWatcher(folder, SETTLE_MS, owner)
    with qtbot.assertNotEmitted(watcher.settled, wait=SETTLE_MS * 6):
        (folder / ".exhibit.yaml.swp").write_bytes(b"swap")


def test_background_work_runs_off_the_ui_thread_and_answers_on_it(qtbot: QtBot, owner: QObject) -> None:
    threads: list[object] = []
    job = BackgroundJob(lambda: threads.append(threading.get_ident()) or len(threads), owner)
    answered_on: list[QThread] = []
    job.finished.connect(lambda _: answered_on.append(QThread.currentThread()))
    with qtbot.waitSignal(job.finished, timeout=3000) as blocker:
        job.request()
    assert blocker.args == [1]
    assert threads != [threading.get_ident()]
    assert answered_on == [job.thread()]


def test_requests_while_working_are_served_once_more_afterwards(qtbot: QtBot, owner: QObject) -> None:
    release = threading.Event()
    runs: list[int] = []

    def work() -> int:
        release.wait(5)
        runs.append(len(runs))
        return len(runs)

    job = BackgroundJob(work, owner)
    results: list[int] = []
    job.finished.connect(results.append)
    job.request()
    job.request()
    job.request()
    release.set()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=3000)
    with qtbot.assertNotEmitted(job.finished, wait=100):
        pass
    assert results == [1, 2]


def test_failing_work_is_reported_not_raised(qtbot: QtBot, owner: QObject) -> None:
    job = BackgroundJob(lambda: 1 / 0, owner)
    with qtbot.waitSignal(job.failed, timeout=3000) as blocker:
        job.request()
    assert "ZeroDivisionError" in blocker.args[0]


def test_work_that_outlives_its_owner_ends_quietly(qtbot: QtBot, owner: QObject) -> None:
    """An exhibit view model destroyed while its pages are being cut (a short-lived one, or one
    replaced) must not raise on the worker thread when the work is done."""
    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def work() -> int:
        started.set()
        release.wait(5)
        return 1

    holder = QObject(owner)
    job = BackgroundJob(work, holder)
    job.finished.connect(lambda _: finished.set())
    job.request()
    assert started.wait(5)
    threading.Timer(0.2, release.set).start()
    # Destroying the owner waits for the work in hand (the pool does), as the kiosk's exit does.
    shiboken6.delete(holder)
    assert not finished.is_set()


def test_the_garbage_collector_never_runs_on_a_worker_thread(qtbot: QtBot, owner: QObject) -> None:
    """It would destroy the Qt objects it collects there, on the wrong thread (a segfault in CI)."""
    import gc

    seen: list[bool] = []
    release = threading.Event()

    def work() -> None:
        seen.append(gc.isenabled())
        release.wait(5)
        seen.append(gc.isenabled())

    first, second = BackgroundJob(work, owner), BackgroundJob(work, owner)
    with qtbot.waitSignal(first.finished, timeout=5000), qtbot.waitSignal(second.finished, timeout=5000):
        first.request()
        second.request()
        qtbot.waitUntil(lambda: len(seen) == 2)
        release.set()
    assert seen == [False, False, False, False]
    # And on again once no worker runs Python (a moment after the answers were sent).
    qtbot.waitUntil(gc.isenabled, timeout=2000)


def test_a_folder_that_goes_is_reported_gone_once_and_never_as_a_change(
    qtbot: QtBot, folder: Path, owner: QObject
) -> None:
    watcher = ContentWatcher(folder, SETTLE_MS, owner)
    gone: list[bool] = []
    watcher.disappeared.connect(gone.append)
    with qtbot.assertNotEmitted(watcher.settled, wait=SETTLE_MS * 6):
        folder.rename(folder.with_name("elsewhere"))
        qtbot.waitUntil(lambda: gone == [False], timeout=10_000)
    assert not watcher.present
    with qtbot.waitSignal(watcher.appeared, timeout=10_000):
        folder.with_name("elsewhere").rename(folder)
    assert watcher.present


def test_another_folder_moved_into_place_is_watched_instead(
    qtbot: QtBot, folder: Path, owner: QObject
) -> None:
    watcher = ContentWatcher(folder, SETTLE_MS, owner)
    new = folder.with_name("new")
    (new / "sections").mkdir(parents=True)
    (new / "exhibit.yaml").write_text("title: Two\n", encoding="utf-8")
    with (
        qtbot.waitSignal(watcher.replaced, timeout=10_000),
        qtbot.waitSignal(watcher.settled, timeout=10_000),
    ):
        # Renamed over the old one in one step: the folder is never seen missing.
        folder.rename(folder.with_name("old"))
        new.rename(folder)
    with qtbot.waitSignal(watcher.settled, timeout=10_000):
        touch_later(folder / "exhibit.yaml", "title: Three\n")
    with qtbot.assertNotEmitted(watcher.settled, wait=SETTLE_MS * 6):
        touch_later(folder.with_name("old") / "exhibit.yaml", "title: Not Watched\n")


def test_a_folder_missing_at_the_start_is_reported_when_it_appears(
    qtbot: QtBot, tmp_path: Path, owner: QObject
) -> None:
    folder = tmp_path / "not" / "yet" / "there"
    watcher = ContentWatcher(folder, SETTLE_MS, owner)
    assert not watcher.present
    with (
        qtbot.waitSignal(watcher.appeared, timeout=10_000),
        qtbot.waitSignal(watcher.settled, timeout=10_000),
    ):
        folder.mkdir(parents=True)
        (folder / "exhibit.yaml").write_text("title: One\n", encoding="utf-8")
