"""`kiosk analytics export`: every event of the period out, as recorded, in Parquet with the schema's
version in the file; a damaged or newer database refused in words, without a traceback."""

import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from kiosk.analytics.schema import COLUMNS, SCHEMA_VERSION
from kiosk.analytics.sources import PARQUET_SCHEMA_KEY
from kiosk.cli import main
from tests.analytics.journeys import Journeys, create_database, random_journeys, write_events

NAMES = [name for name, _, _ in COLUMNS]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "analytics" / "events.sqlite3"
    events = random_journeys("gallery-1", days=12, seed=7)
    # Values that a CSV or a type conversion could spoil on the way.
    journeys = Journeys("gallery-1", datetime(2026, 3, 20, 8, 0, tzinfo=UTC), seed=9)
    journeys.visit_of([("letters", 1, 3.5)], "restart", language="ru")
    journeys.events[-2] = journeys.events[-2].__class__(
        **{
            **{n: getattr(journeys.events[-2], n) for n in journeys.events[-2].__slots__},
            "panel_title": 'Письмо, "в кавычках",\nи с новой строкой',
            "detail": "",
        }
    )
    write_events(path, events + journeys.events)
    return path


def _sqlite_rows(path: Path, where: str = "TRUE") -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return sorted(
            connection.execute(f"SELECT {', '.join(NAMES)} FROM events WHERE {where}").fetchall(), key=repr
        )


def test_every_event_comes_out_as_it_went_in(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kiosk.analytics.sources._CHUNK_ROWS", 64)  # many chunks, and a part one
    output = tmp_path / "export" / "gallery-1.parquet"
    assert main(["analytics", "export", "--database", str(database), "--output", str(output)]) == 0
    exported = sorted(
        duckdb.sql(f"SELECT {', '.join(NAMES)} FROM read_parquet('{output}')").fetchall(), key=repr
    )
    recorded = _sqlite_rows(database)
    assert len(recorded) > 500
    assert exported == recorded
    metadata = dict(
        duckdb.sql(f"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{output}')").fetchall()
    )
    assert metadata[PARQUET_SCHEMA_KEY] == str(SCHEMA_VERSION)
    types = dict(
        duckdb.sql(
            f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{output}'))"
        ).fetchall()
    )
    assert types == {name: duck_type for name, _, duck_type in COLUMNS}
    assert not list(output.parent.glob(".*partial"))


def test_since_and_until_are_local_days(database: Path, tmp_path: Path) -> None:
    output = tmp_path / "week.parquet"
    assert (
        main(
            [
                "analytics",
                "export",
                "--database",
                str(database),
                "-o",
                str(output),
                "--since",
                "2026-03-04",
                "--until",
                "2026-03-06",
            ]
        )
        == 0
    )
    local_day = "date(wall_time_us / 1000000 + utc_offset_s, 'unixepoch')"
    recorded = _sqlite_rows(database, f"{local_day} BETWEEN '2026-03-04' AND '2026-03-06'")
    exported = sorted(
        duckdb.sql(f"SELECT {', '.join(NAMES)} FROM read_parquet('{output}')").fetchall(), key=repr
    )
    assert recorded
    assert exported == recorded


def test_an_export_is_a_source_of_the_report(database: Path, tmp_path: Path) -> None:
    exported = tmp_path / "exports" / "gallery-1.parquet"
    assert main(["analytics", "export", "--database", str(database), "-o", str(exported)]) == 0
    from_export, from_database = tmp_path / "a.html", tmp_path / "b.html"
    assert main(["report", str(exported.parent), "-o", str(from_export)]) == 0
    assert main(["report", str(database), "-o", str(from_database)]) == 0
    assert from_export.read_text(encoding="utf-8") == from_database.read_text(encoding="utf-8")


def _export(database: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "analytics",
            "export",
            "--database",
            str(database),
            "-o",
            str(tmp_path / "out.parquet"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_damaged_database_is_refused_in_words(tmp_path: Path) -> None:
    damaged = tmp_path / "events.sqlite3"
    write_events(damaged, random_journeys("gallery-1", days=3, seed=1))
    contents = bytearray(damaged.read_bytes())
    contents[4096:8192] = b"\xff" * 4096  # the table's first page
    damaged.write_bytes(bytes(contents))
    finished = _export(damaged, tmp_path)
    assert finished.returncode == 1
    assert f"kiosk: {damaged}: a damaged database" in finished.stderr
    assert "Traceback" not in finished.stderr
    assert not (tmp_path / "out.parquet").exists()


def test_a_newer_schema_is_refused_naming_the_versions(tmp_path: Path) -> None:
    newer = tmp_path / "events.sqlite3"
    create_database(newer, version=SCHEMA_VERSION + 1)
    finished = _export(newer, tmp_path)
    assert finished.returncode == 1
    assert f"schema version {SCHEMA_VERSION + 1}, newer than this kiosk's {SCHEMA_VERSION}" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_no_database_yet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "analytics",
                "export",
                "--database",
                str(tmp_path / "none.sqlite3"),
                "-o",
                str(tmp_path / "x.parquet"),
            ]
        )
        == 1
    )
    assert "no kiosk database here" in capsys.readouterr().err
