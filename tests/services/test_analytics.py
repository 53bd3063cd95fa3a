"""The recorder: rows as the schema says, retention and the size cap, visits counted, off means off."""

import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.analytics.schema import COLUMNS, SCHEMA_VERSION, End, Kind, Start, database_in
from kiosk.services.analytics import AnalyticsRecorder
from tests.clock import ManualClock

MONDAY_NOON = datetime(2026, 12, 7, 12, 0)


def rows(database: Path) -> list[dict[str, object]]:
    with sqlite3.connect(database) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute("SELECT * FROM events ORDER BY id")]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(MONDAY_NOON)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return database_in(tmp_path / "data")


@pytest.fixture
def recorder(database: Path, clock: ManualClock) -> Iterator[AnalyticsRecorder]:
    recorder = AnalyticsRecorder(database, kiosk="gallery-2", content_version="v7", clock=clock)
    yield recorder
    recorder.close()


def test_a_row_holds_the_kiosk_the_version_the_times_and_the_visit(
    recorder: AnalyticsRecorder, database: Path, clock: ManualClock
) -> None:
    recorder.start_visit(Start.ATTRACT)
    clock.advance(2.5)
    recorder.record(Kind.SECTION_OPENED, section="the-note")
    clock.advance(10)
    recorder.end_visit(End.COUNTDOWN)
    assert recorder.flush()

    started, opened, ended = rows(database)
    assert [started["kind"], opened["kind"], ended["kind"]] == [
        "visit_started",
        "section_opened",
        "visit_ended",
    ]
    assert {row["kiosk"] for row in (started, opened, ended)} == {"gallery-2"}
    assert {row["content_version"] for row in (started, opened, ended)} == {"v7"}
    visit = started["visit"]
    assert isinstance(visit, str)
    assert len(visit) == 32
    assert opened["visit"] == ended["visit"] == visit
    assert started["detail"] == "attract"
    assert ended["detail"] == "countdown"
    assert ended["duration_ms"] == 12_500
    assert opened["monotonic_us"] - started["monotonic_us"] == 2_500_000  # type: ignore[operator]
    local = MONDAY_NOON.astimezone()
    assert started["wall_time_us"] == int(local.timestamp() * 1_000_000)
    assert started["utc_offset_s"] == local.utcoffset().total_seconds()  # type: ignore[union-attr]
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        names = [row[1] for row in connection.execute("PRAGMA table_info(events)")]
    assert names == ["id", *(name for name, _, _ in COLUMNS)]


def test_each_visit_draws_a_new_id_and_events_between_visits_have_none(
    recorder: AnalyticsRecorder, database: Path
) -> None:
    for _ in range(3):
        recorder.start_visit(Start.HOME)
        recorder.end_visit(End.IDLE_TIMEOUT)
    recorder.record(Kind.COUNTDOWN_SHOWN)
    assert recorder.flush()
    visits = [row["visit"] for row in rows(database)]
    assert len(set(visits[:6])) == 3
    assert visits[-1] is None


def test_rows_are_written_in_batches_not_one_by_one(database: Path, clock: ManualClock) -> None:
    recorder = AnalyticsRecorder(database, kiosk="k", content_version="v", clock=clock, batch_interval_s=60)
    try:
        assert recorder.flush()
        recorder.record(Kind.COUNTDOWN_SHOWN)
        with sqlite3.connect(database) as connection:
            assert connection.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
        assert recorder.flush()
        assert len(rows(database)) == 1
    finally:
        recorder.close()


def test_retention_deletes_what_is_older_at_start_and_every_day(database: Path, clock: ManualClock) -> None:
    recorder = AnalyticsRecorder(database, kiosk="k", content_version="v", clock=clock, retention_days=10)
    try:
        recorder.record(Kind.COUNTDOWN_SHOWN)  # day 0
        clock.advance(5 * 86400)
        recorder.record(Kind.COUNTDOWN_ANSWERED)  # day 5
        clock.advance(6 * 86400)  # day 11: the daily housekeeping ran on each day
        assert recorder.flush()
        assert [row["kind"] for row in rows(database)] == ["countdown_answered"]
    finally:
        recorder.close()
    clock.advance(5 * 86400)  # day 16: at start, the event of day 5 is 11 days old
    again = AnalyticsRecorder(database, kiosk="k", content_version="v", clock=clock, retention_days=10)
    try:
        assert again.flush()
        assert rows(database) == []
    finally:
        again.close()


def test_the_size_cap_deletes_the_oldest_first(database: Path, clock: ManualClock) -> None:
    recorder = AnalyticsRecorder(database, kiosk="k", content_version="v", clock=clock, max_mb=0.25)
    try:
        for number in range(6000):
            clock.advance(1)
            recorder.record(Kind.DOCUMENT_PAGE_TURNED, section="letters", panel=1, detail=str(number))
        assert recorder.flush()
        recorder.keep_house()
        assert recorder.flush()
    finally:
        recorder.close()
    kept = [int(row["detail"]) for row in rows(database)]  # type: ignore[call-overload]
    assert 0 < len(kept) < 6000
    assert kept == list(range(6000 - len(kept), 6000))  # the newest, every one of them
    with sqlite3.connect(database) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        free = connection.execute("PRAGMA freelist_count").fetchone()[0]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    assert (pages - free) * size <= 0.25 * 1024 * 1024


def test_visits_are_counted_for_today_and_this_week(database: Path, clock: ManualClock, qtbot: QtBot) -> None:
    clock.set(datetime(2026, 12, 9, 11, 0))  # a Wednesday
    recorder = AnalyticsRecorder(database, kiosk="k", content_version="v", clock=clock)
    try:
        for _ in range(2):
            recorder.start_visit(Start.HOME)
            recorder.end_visit(End.HOME)
        clock.set(datetime(2026, 12, 10, 9, 0))  # Thursday
        recorder.start_visit(Start.ATTRACT)
        recorder.end_visit(End.COUNTDOWN)
        assert recorder.flush()
        recorder.keep_house()
        assert recorder.flush()
        qtbot.waitUntil(lambda: recorder.visits == (1, 3))
    finally:
        recorder.close()


def test_analytics_off_writes_nothing_and_makes_no_file(tmp_path: Path, clock: ManualClock) -> None:
    recorder = AnalyticsRecorder(None, kiosk="k", content_version="v", clock=clock)
    recorder.start_visit(Start.HOME)
    recorder.record(Kind.SECTION_OPENED, section="s")
    recorder.end_visit(End.HOME)
    assert recorder.flush()
    recorder.close()
    assert list(tmp_path.rglob("*")) == []


def test_the_events_between_two_visits_and_a_closed_recorder_are_kept(
    database: Path, clock: ManualClock
) -> None:
    recorder = AnalyticsRecorder(database, kiosk="k", content_version="v", clock=clock)
    recorder.start_visit(Start.HOME)
    recorder.close()  # the kiosk stops with a visitor there
    kinds = [(row["kind"], row["detail"]) for row in rows(database)]
    assert kinds == [("visit_started", "home"), ("visit_ended", "restart")]
    recorder.record(Kind.COUNTDOWN_SHOWN)  # after closing: nothing, and no crash
    assert len(rows(database)) == 2


def test_the_staff_menu_shows_the_visits_counted(database: Path, clock: ManualClock, qtbot: QtBot) -> None:
    from kiosk.app.run import show_visits
    from kiosk.viewmodels.staff import KioskStaff

    staff = KioskStaff()
    assert not staff.property("visitsCounted")
    recorder = AnalyticsRecorder(database, kiosk="k", content_version="v", clock=clock)
    show_visits(recorder, staff)
    try:
        qtbot.waitUntil(lambda: staff.property("visitsCounted"))
        assert (staff.property("visitsToday"), staff.property("visitsThisWeek")) == (0, 0)
        recorder.start_visit(Start.ATTRACT)
        recorder.end_visit(End.COUNTDOWN)
        qtbot.waitUntil(lambda: staff.property("visitsToday") == 1)
        assert staff.property("visitsThisWeek") == 1
    finally:
        recorder.close()


def test_the_analytics_settings_default_to_on_400_days_and_200_mb_and_refuse_what_is_wrong(
    tmp_path: Path,
) -> None:
    from kiosk.services.settings import load_settings

    settings_file = tmp_path / "settings.yaml"
    settings_file.write_text("exhibit: /srv/exhibit\n", encoding="utf-8")
    settings, problems = load_settings(settings_file)
    assert problems == []
    assert (settings.analytics, settings.analytics_retention_days, settings.analytics_max_mb) == (
        True,
        400,
        200,
    )

    settings_file.write_text(
        "analytics: false\nanalytics_retention_days: 30\nanalytics_max_mb: 50\n", encoding="utf-8"
    )
    settings, problems = load_settings(settings_file)
    assert problems == []
    assert (settings.analytics, settings.analytics_retention_days, settings.analytics_max_mb) == (
        False,
        30,
        50,
    )

    # YAML 1.2: `no` is a word, not false; a wrong value keeps the default and says where.
    settings_file.write_text(
        "analytics: no\nanalytics_retention_days: 0\nanalytics_max_mb: 1.5\n", encoding="utf-8"
    )
    settings, problems = load_settings(settings_file)
    assert (settings.analytics, settings.analytics_retention_days, settings.analytics_max_mb) == (
        True,
        400,
        200,
    )
    messages = [problem.format() for problem in problems]
    assert len(messages) == 3
    assert "settings.yaml:1:12" in messages[0]
    assert "expected true or false" in messages[0]
    assert "must be 1 to 3660 days, found 0" in messages[1]
    assert "expected a whole number of megabytes" in messages[2]


def test_a_recorder_held_back_opens_nothing_and_keeps_the_first_touch_until_it_starts(
    database: Path, clock: ManualClock
) -> None:
    # `kiosk run` starts the recorder after the window's first frame: opening and checking a large
    # database must not slow the start, and the visitor who touches at once is still counted.
    recorder = AnalyticsRecorder(database, kiosk="gallery-2", content_version="v7", clock=clock, start=False)
    recorder.start_visit(Start.ATTRACT)
    recorder.record(Kind.SECTION_OPENED, section="the-note")
    assert not database.exists()

    recorder.start()
    assert recorder.flush()
    assert [row["kind"] for row in rows(database)] == ["visit_started", "section_opened"]
    recorder.close()


def test_a_recorder_closed_before_it_started_writes_what_it_was_given(
    database: Path, clock: ManualClock
) -> None:
    recorder = AnalyticsRecorder(database, kiosk="gallery-2", content_version="v7", clock=clock, start=False)
    recorder.start_visit(Start.ATTRACT)
    recorder.close()
    assert [row["kind"] for row in rows(database)] == ["visit_started", "visit_ended"]
