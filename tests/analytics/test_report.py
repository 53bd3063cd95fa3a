"""`kiosk report`: every chart is there, with a reading and alt text, and its numbers are those
of the data, worked out independently with sqlite3 (tests/analytics/expected.py)."""

import statistics
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.analytics.report import build_report
from kiosk.analytics.schema import Kind
from kiosk.analytics.sources import Period
from kiosk.cli import main
from tests.analytics import expected
from tests.analytics.journeys import SECTIONS, Journeys, random_journeys, write_events
from tests.analytics.report_html import ReportSeen

TODAY = date(2026, 12, 7)
CHARTS = (
    "daily",
    "heatmap",
    "length",
    "funnel",
    "panels",
    "exits",
    "languages",
    "access",
    "narration",
    "zooms",
)


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three kiosks' databases, 30 days of varied visits each, one of them in another time zone."""
    folder = tmp_path_factory.mktemp("fleet")
    databases = []
    for number in range(3):
        database = folder / f"kiosk-{number}" / "events.sqlite3"
        events = random_journeys(f"gallery-{number + 1}", days=30, seed=number)
        if number == 2:
            events = [event.__class__(**{**_fields(event), "utc_offset_s": -5 * 3600}) for event in events]
        write_events(database, events)
        databases.append(database)
    return databases


def _fields(event: object) -> dict[str, object]:
    return {name: getattr(event, name) for name in event.__slots__}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def report(fleet: list[Path]) -> ReportSeen:
    return ReportSeen(build_report(fleet, Period(), "en", TODAY))


def test_every_chart_has_a_picture_a_reading_and_alt_text(report: ReportSeen) -> None:
    for key in (*CHARTS, "kiosks"):
        chart = report.charts[key]
        assert chart.svg is not None, key
        assert "<svg" in chart.svg, key
        assert chart.alt is not None, key
        assert len(chart.alt) > 40, key
        assert any(character.isdigit() for character in chart.reading), key


def test_visits_per_day_and_hour_are_those_recorded_in_local_time(
    fleet: list[Path], report: ReportSeen
) -> None:
    starts = [start for database in fleet for start in expected.local_day_and_hour(database)]
    per_day = Counter(moment[:10] for _, _, _, moment in starts)
    shown = {day: int(float(value)) for day, value in report.charts["daily"].numbers.items() if float(value)}
    assert shown == dict(per_day)
    per_cell = Counter(f"{weekday}-{int(moment[11:])}" for _, _, weekday, moment in starts)
    assert {key: int(value) for key, value in report.charts["heatmap"].numbers.items()} == dict(per_cell)
    assert report.glance["visits"] == f"{len(starts):,}"


def test_visit_lengths_and_their_median(fleet: list[Path], report: ReportSeen) -> None:
    lengths = expected.visit_lengths_s(expected.rows(fleet))
    limits = (30, 60, 120, 180, 300, 600, 1200)
    bins = [
        sum(
            1
            for length in lengths
            if (index == 0 or length >= limits[index - 1])
            and (index == len(limits) or length < limits[index])
        )
        for index in range(len(limits) + 1)
    ]
    assert [int(report.number("length", f"bin-{index}")) for index in range(len(bins))] == bins
    assert report.number("length", "median_s") == pytest.approx(statistics.median(lengths), abs=0.05)
    under_two = sum(1 for length in lengths if length < 120) / len(lengths)
    assert f"{under_two:.0%} of visits last under two minutes" in report.charts["length"].reading


def test_the_attention_funnel(fleet: list[Path], report: ReportSeen) -> None:
    stages = expected.funnel(expected.rows(fleet))
    assert [int(report.number("funnel", f"stage-{index}")) for index in range(5)] == stages
    assert stages == sorted(stages, reverse=True)
    assert stages[4] > 0, "the dataset reaches every stage"
    assert f"Of {stages[0]:,} visitors who stopped the attract loop" in report.charts["funnel"].reading


def test_panels_with_views_and_median_dwell(fleet: list[Path], report: ReportSeen) -> None:
    views = expected.panel_views(expected.rows(fleet))
    assert len(views) == sum(SECTIONS.values())
    for key, (count, median_dwell) in views.items():
        assert int(report.number("panels", key)) == count, key
        assert report.number("panels", f"dwell {key}") == pytest.approx(median_dwell, abs=0.05), key
    most = max(views.items(), key=lambda item: item[1][0])
    assert report.charts["panels"].reading.startswith(most[0].replace(" ", " ", 1))


def test_where_visits_end(fleet: list[Path], report: ReportSeen) -> None:
    events = expected.rows(fleet)
    numbers = report.charts["exits"].numbers
    assert {key: int(value) for key, value in numbers.items() if key.startswith("exit ")} == dict(
        expected.exits(events)
    )
    reasons = expected.end_reasons(events)
    assert {
        key.removeprefix("end "): int(value) for key, value in numbers.items() if key.startswith("end ")
    } == dict(reasons)
    idle = (reasons["idle_timeout"] + reasons["countdown"]) / sum(reasons.values())
    assert report.charts["exits"].reading.startswith(f"{idle:.0%} of visits end because nobody touched")


def test_languages_access_narrations_and_zooms(fleet: list[Path], report: ReportSeen) -> None:
    events = expected.rows(fleet)
    languages = expected.last_languages(events)
    assert {
        key.removeprefix("language "): int(value)
        for key, value in report.charts["languages"].numbers.items()
        if key.startswith("language ")
    } == dict(languages)
    assert report.number("languages", "switches") == sum(
        1 for e in events if e["kind"] == "language_switched"
    )

    options: dict[str, set[tuple[str, str]]] = {}
    for event in events:
        if event["kind"] == "access_option_on":
            options.setdefault(event["detail"], set()).add((event["kiosk"], event["visit"]))
    for option, visitors in options.items():
        assert report.number("access", f"option {option}") == len(visitors)
    assert report.number("access", "any") == len(set().union(*options.values()))

    kinds = Counter(event["kind"] for event in events)
    assert report.number("narration", "started") == kinds["narration_started"]
    assert report.number("narration", "finished") == kinds["narration_finished"]
    assert report.number("narration", "stopped") == kinds["narration_stopped"]
    assert (
        f"{kinds['narration_finished'] / kinds['narration_started']:.0%} played to the end"
        in report.charts["narration"].reading
    )

    zooms = Counter(f"zoom {e['section']} {e['panel']}" for e in events if e["kind"] == "document_zoomed")
    ways = Counter(f"way {e['detail']}" for e in events if e["kind"] == "document_zoomed")
    numbers = {key: int(value) for key, value in report.charts["zooms"].numbers.items()}
    assert numbers == dict(zooms) | dict(ways)


def test_many_kiosks_are_reported_together_and_one_by_one(fleet: list[Path], report: ReportSeen) -> None:
    starts = Counter(kiosk for database in fleet for kiosk, _, _, _ in expected.local_day_and_hour(database))
    assert {
        key.removeprefix("kiosk "): int(value)
        for key, value in report.charts["kiosks"].numbers.items()
        if key.startswith("kiosk ")
    } == dict(starts)
    assert sum(starts.values()) == len(expected.visits(expected.rows(fleet)))
    one = ReportSeen(build_report(fleet[:1], Period(), "en", TODAY))
    assert "kiosks" not in one.charts, "one kiosk needs no kiosk-by-kiosk section"
    assert int(one.glance["visits"].replace(",", "")) == starts["gallery-1"]


def test_each_kiosk_s_key_figures(fleet: list[Path], report: ReportSeen) -> None:
    visits = expected.per_visit(expected.rows(fleet))
    numbers = report.charts["kiosks"].numbers
    for kiosk in {visit["kiosk"] for visit in visits}:
        own = [visit for visit in visits if visit["kiosk"] == kiosk]
        assert int(numbers[f"{kiosk} visits"]) == len(own)
        assert int(numbers[f"{kiosk} active_days"]) == len({visit["day"] for visit in own})
        median = statistics.median(visit["length_s"] for visit in own if visit["length_s"] is not None)
        assert float(numbers[f"{kiosk} median_s"]) == pytest.approx(median, abs=0.05)
        whole = sum(visit["whole_section"] for visit in own) / len(own)
        assert float(numbers[f"{kiosk} whole_section"]) == pytest.approx(whole, abs=1e-4)
        idle = sum(visit["idle"] for visit in own) / len(own)
        assert float(numbers[f"{kiosk} idle"]) == pytest.approx(idle, abs=1e-4)
    whole_share = sum(visit["whole_section"] for visit in visits) / len(visits)
    assert report.glance["whole_section"] == f"{whole_share:.0%}"


def test_a_period_counts_the_days_it_names(fleet: list[Path]) -> None:
    since, until = date(2026, 3, 10), date(2026, 3, 16)
    seen = ReportSeen(build_report(fleet, Period(since, until), "en", TODAY))
    starts = [moment for database in fleet for _, _, _, moment in expected.local_day_and_hour(database)]
    inside = Counter(
        moment[:10] for moment in starts if since.isoformat() <= moment[:10] <= until.isoformat()
    )
    assert {day: int(value) for day, value in seen.charts["daily"].numbers.items()} == dict(inside)


def test_an_empty_period_says_so_instead_of_drawing_empty_charts(fleet: list[Path]) -> None:
    document = build_report(fleet, Period(date(2030, 1, 1), None), "en", TODAY)
    seen = ReportSeen(document)
    assert not seen.charts
    assert "No visits were recorded in this period." in document
    assert "<img" not in document


def test_the_report_needs_nothing_from_the_network(report: ReportSeen, fleet: list[Path]) -> None:
    document = build_report(fleet, Period(), "ru", TODAY)
    assert all(url.startswith("data:image/svg+xml;base64,") for url in report.urls)
    assert "http://" not in document
    assert "https://" not in document
    assert "@import" not in document
    assert "@media print" in document
    assert "page-break-inside: avoid" in document


def test_a_visit_on_a_known_day_shows_where_and_when(tmp_path: Path) -> None:
    """A hand-made journey: every figure of the report is known without counting."""
    journeys = Journeys(
        "hall", datetime(2026, 5, 6, 10, 30, tzinfo=UTC), utc_offset_s=3 * 3600
    )  # a Wednesday
    journeys.visit_of(
        [("letters", 1, 20), ("letters", 2, 40), ("letters", 3, 30)], "idle_timeout", language="ru"
    )
    # Begun on the home screen the next day: not in the funnel, but it shows that letters has 5 panels.
    journeys.now = datetime(2026, 5, 7, 14, 0, tzinfo=UTC)
    journeys.visit_of(
        [("letters", 4, 20), ("letters", 5, 40), ("overture", 1, 10)], "home", from_attract=False
    )
    database = tmp_path / "events.sqlite3"
    write_events(database, journeys.events)
    seen = ReportSeen(build_report([database], Period(), "en", TODAY))
    assert seen.charts["daily"].numbers == {"2026-05-06": "1", "2026-05-07": "1"}
    assert seen.charts["heatmap"].numbers == {"2-13": "1", "3-17": "1"}, "local time: UTC + 3 h"
    assert [seen.charts["funnel"].numbers[f"stage-{index}"] for index in range(5)] == [
        "1",
        "1",
        "1",
        "0",
        "0",
    ]
    assert seen.charts["exits"].numbers == {
        "exit letters 3": "1",
        "exit overture 1": "1",
        "end idle_timeout": "1",
        "end home": "1",
    }
    assert "50% of visits end because nobody touched the screen" in seen.charts["exits"].reading
    assert seen.charts["languages"].numbers == {"language en": "1", "language ru": "1", "switches": "0"}


def test_the_command_writes_the_report_in_russian(
    fleet: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out" / "report.html"
    assert main(["report", *map(str, fleet), "--output", str(output), "--language", "ru"]) == 0
    document = output.read_text(encoding="utf-8")
    assert '<html lang="ru">' in document
    assert "Как посетители пользуются экспозицией" in document
    assert f"wrote the report to {output}" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("contents", "message"),
    [
        (b"visits,kiosk\n1,2\n", "neither a Parquet export nor a kiosk database"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "damaged database"),
        (b"PAR1 not really parquet PAR1", "not a readable Parquet file"),
    ],
)
def test_a_bad_source_gets_a_clear_error_naming_it(tmp_path: Path, contents: bytes, message: str) -> None:
    source = tmp_path / "kiosk-7.sqlite3"
    source.write_bytes(contents)
    finished = subprocess.run(
        [sys.executable, "-m", "kiosk", "report", str(source), "-o", str(tmp_path / "r.html")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 1
    assert message in finished.stderr
    assert str(source) in finished.stderr
    assert "Traceback" not in finished.stderr
    assert not (tmp_path / "r.html").exists()


def test_a_missing_source_and_a_database_of_a_newer_schema_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path / "nowhere.parquet"), "-o", str(tmp_path / "r.html")]) == 1
    assert "nowhere.parquet: no such file or folder" in capsys.readouterr().err
    newer = tmp_path / "newer.sqlite3"
    expected_db = newer
    from tests.analytics.journeys import create_database

    create_database(expected_db, version=99)
    assert main(["report", str(newer), "-o", str(tmp_path / "r.html")]) == 1
    assert "schema version 99, newer than this kiosk's 1" in capsys.readouterr().err


def test_visits_that_saw_no_panel_and_one_never_ended(tmp_path: Path) -> None:
    """Glances at the home screen only (no section known to the data), and a visit cut off by a
    power cut: the report still says what it knows."""
    journeys = Journeys("hall", datetime(2026, 5, 6, 10, 30, tzinfo=UTC))
    journeys.visit_of([], "idle_timeout")
    journeys.visit_of([], "home", from_attract=False, language="ru")
    journeys.visit, journeys.language = "cut-short", "en"
    journeys.event(Kind.VISIT_STARTED, 60, detail="attract")
    database = tmp_path / "events.sqlite3"
    write_events(database, journeys.events)
    seen = ReportSeen(build_report([database], Period(), "en", TODAY))
    assert seen.glance["visits"] == "3"
    assert [seen.charts["funnel"].numbers[f"stage-{index}"] for index in range(5)] == [
        "2",
        "0",
        "0",
        "0",
        "0",
    ]
    assert "panels" not in seen.charts
    assert seen.charts["exits"].numbers["exit home"] == "3"
    assert seen.charts["exits"].numbers["end unknown"] == "1"
    assert seen.charts["languages"].numbers == {"language en": "2", "language ru": "1", "switches": "0"}
