"""The visitor events' database against what goes wrong on a kiosk: a damaged file, another
program's lock, a read-only or full disk, and a power cut. The kiosk carries on through each."""

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.analytics.schema import SCHEMA_VERSION, End, Kind, Start, database_in
from kiosk.services.analytics import BATCH_INTERVAL_S, UNAVAILABLE_NOTICE, AnalyticsRecorder
from tests.clock import ManualClock
from tests.faults.conftest import KioskInstallation, wait_for_beats
from tests.faults.private_mounts import REPOSITORY, run_in_private_mounts


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return database_in(tmp_path)


def kinds(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute("SELECT kind FROM events ORDER BY id")]


def record_a_visit(database: Path) -> list[str]:
    recorder = AnalyticsRecorder(database, kiosk="k", content_version="v", clock=ManualClock())
    try:
        recorder.start_visit(Start.HOME)
        recorder.end_visit(End.HOME)
    finally:
        recorder.close()
    return kinds(database)


def aside(database: Path) -> list[Path]:
    return sorted(
        path
        for path in database.parent.glob(f"{database.name}.damaged-*")
        if path.suffix == "" or not path.name.endswith(("-wal", "-shm"))
    )


def make_real_database(database: Path) -> None:
    recorder = AnalyticsRecorder(database, kiosk="k", content_version="v", clock=ManualClock())
    for number in range(2000):
        recorder.record(Kind.DOCUMENT_PAGE_TURNED, section="letters", panel=1, detail=str(number))
    recorder.close()


@pytest.mark.parametrize(
    "damage",
    ["not a database", "another schema version", "damaged pages"],
)
def test_a_damaged_database_is_moved_aside_once_and_a_new_one_started(
    database: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    database.parent.mkdir(parents=True)
    if damage == "not a database":
        database.write_bytes(b"these are not the events you are looking for\n" * 200)
    elif damage == "another schema version":
        make_real_database(database)
        with sqlite3.connect(database) as connection:
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    else:
        make_real_database(database)
        with database.open("r+b") as file:
            file.seek(4096 * 3)
            file.write(os.urandom(4096 * 4))
    before = database.read_bytes()

    with caplog.at_level(logging.WARNING):
        assert record_a_visit(database) == ["visit_started", "visit_ended"]

    (moved,) = aside(database)
    assert moved.read_bytes() == before  # kept as it was, for whoever wants to look
    warnings = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "moved it aside" in warnings[0]
    assert moved.name in warnings[0]
    # The next start finds the new database sound and moves nothing.
    record_a_visit(database)
    assert len(aside(database)) == 1


def test_a_database_another_program_locks_drops_events_says_so_once_and_recovers(
    database: Path, qtbot: QtBot
) -> None:
    notices: list[tuple[str, str]] = []
    recorder = AnalyticsRecorder(database, kiosk="k", content_version="v", clock=ManualClock())
    recorder.noticeChanged.connect(lambda key, text: notices.append((key, text)))
    try:
        recorder.record(Kind.COUNTDOWN_SHOWN)
        assert recorder.flush()
        locker = sqlite3.connect(database, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")
        for _ in range(3):
            recorder.record(Kind.COUNTDOWN_ANSWERED)
            assert recorder.flush()
        qtbot.waitUntil(lambda: len(notices) == 1)
        key, text = notices[0]
        assert key == UNAVAILABLE_NOTICE
        assert "locked" in text
        locker.execute("ROLLBACK")
        locker.close()
        recorder.record(Kind.LANGUAGE_SWITCHED, detail="ru")
        assert recorder.flush()
        qtbot.waitUntil(lambda: len(notices) == 2)
        assert notices[1] == (UNAVAILABLE_NOTICE, "")
    finally:
        recorder.close()
    assert kinds(database) == ["countdown_shown", "language_switched"]
    assert aside(database) == []  # a lock is not damage


def test_the_kiosk_recording_is_notified_through_the_staff_notices(database: Path, qtbot: QtBot) -> None:
    from kiosk.app.notices import clear_notices, current_notices
    from kiosk.app.run import _analytics_notice

    clear_notices()
    recorder = AnalyticsRecorder(database, kiosk="k", content_version="v", clock=ManualClock())
    recorder.noticeChanged.connect(_analytics_notice)
    try:
        assert recorder.flush()
        locker = sqlite3.connect(database, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")
        recorder.record(Kind.COUNTDOWN_SHOWN)
        assert recorder.flush()
        qtbot.waitUntil(lambda: any("visitor events cannot be written" in n for n in current_notices()))
        locker.execute("ROLLBACK")
        locker.close()
        recorder.record(Kind.COUNTDOWN_SHOWN)
        assert recorder.flush()
        qtbot.waitUntil(lambda: current_notices() == [])
    finally:
        recorder.close()
        clear_notices()


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes to any folder: the real read-only disk is tested below"
)
def test_a_read_only_folder_drops_events_and_the_kiosk_carries_on(tmp_path: Path, qtbot: QtBot) -> None:
    folder = tmp_path / "analytics"
    folder.mkdir(mode=0o500)
    notices: list[str] = []
    recorder = AnalyticsRecorder(
        folder / "events.sqlite3", kiosk="k", content_version="v", clock=ManualClock()
    )
    recorder.noticeChanged.connect(lambda _key, text: notices.append(text))
    try:
        recorder.start_visit(Start.HOME)
        recorder.end_visit(End.HOME)
        assert recorder.flush()
        qtbot.waitUntil(lambda: len(notices) == 1)
    finally:
        recorder.close()
    assert list(folder.iterdir()) == []


@pytest.mark.slow
def test_read_only_and_full_disks_on_real_mounts_drop_events_and_the_kiosk_carries_on() -> None:
    run_in_private_mounts(
        "test_visitor_events_on_a_read_only_file_system", "test_visitor_events_on_a_full_disk"
    )


#: Records a page turn every 20 ms, saying each one it recorded on standard output, until killed.
RECORDING_CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from kiosk.analytics.schema import Kind
    from kiosk.services.analytics import AnalyticsRecorder

    app = QCoreApplication([])
    recorder = AnalyticsRecorder(Path(sys.argv[1]), kiosk="k", content_version="v")
    number = 0
    while True:
        recorder.record(Kind.DOCUMENT_PAGE_TURNED, detail=str(number))
        print(number, time.monotonic(), flush=True)
        number += 1
        time.sleep(0.02)
    """
)


@pytest.mark.slow
def test_a_kiosk_killed_outright_loses_at_most_the_last_batch_interval(database: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", RECORDING_CHILD, str(database)],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    said: list[tuple[int, float]] = []
    while len(said) < 200:  # four seconds of events, several batches written
        number, at = child.stdout.readline().split()
        said.append((int(number), float(at)))
    child.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()
    child.wait()
    said += [
        (int(number), float(at)) for number, at in (line.split() for line in child.stdout if line.strip())
    ]
    child.stdout.close()

    with sqlite3.connect(database) as connection:
        kept = [int(row[0]) for row in connection.execute("SELECT detail FROM events ORDER BY id")]
    assert kept == list(range(len(kept)))  # nothing lost before the last batch, nothing out of order
    lost = [at for number, at in said if number >= len(kept)]
    assert said[0][0] == 0
    # What was lost was recorded within the batch interval before the kill (and a margin for a
    # batch being written at that moment).
    assert all(killed_at - at <= BATCH_INTERVAL_S + 0.5 for at in lost), (len(kept), len(said))
    assert len(kept) >= len(said) - (BATCH_INTERVAL_S + 0.5) / 0.02


@pytest.mark.slow
@pytest.mark.parametrize("analytics", [True, False])
def test_a_real_kiosk_keeps_its_events_in_its_data_folder_unless_analytics_is_off(
    installation: KioskInstallation, mini_exhibit_dir: Path, analytics: bool
) -> None:
    installation.settings.write_text(
        f"kiosk_name: gallery-2\nanalytics: {'true' if analytics else 'false'}\n", encoding="utf-8"
    )
    process = installation.start(str(mini_exhibit_dir), "--windowed")
    wait_for_beats(installation, process)
    installation.stop(process)
    database = database_in(installation.data_dir)
    assert database.exists() == analytics
    assert (installation.data_dir / "analytics").exists() == analytics
    if analytics:
        with sqlite3.connect(database) as connection:
            assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert connection.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0  # nobody came
