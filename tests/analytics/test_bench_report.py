"""The report's benchmark at a small size (the full year is `python -m tools.bench_report`): it
generates a fleet's exports that the report reads, and prints its figures."""

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.analytics.report_html import ReportSeen

pytestmark = pytest.mark.slow


def test_a_small_fleet_is_generated_and_reported(tmp_path: Path) -> None:
    exports, report = tmp_path / "exports", tmp_path / "report.html"
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.bench_report",
            "--events",
            "30000",
            "--kiosks",
            "3",
            "--days",
            "21",
            "--keep",
            str(exports),
            "--report",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    generated = re.search(r"generated ([\d,]+) events of 3 kiosks over 21 days", finished.stdout)
    assert generated is not None, finished.stdout
    events = int(generated.group(1).replace(",", ""))
    assert 15_000 < events < 60_000, "about the size asked for"
    assert re.search(
        r"kiosk report: [\d.]+ s wall, [\d.]+ s of processor time, peak memory \d+ MiB", finished.stdout
    )
    visits = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{exports}/*.parquet') WHERE kind = 'visit_started'"
    ).fetchone()
    seen = ReportSeen(report.read_text(encoding="utf-8"))
    assert visits is not None
    assert seen.glance["visits"] == f"{visits[0]:,}"
    assert sum(key.startswith("kiosk ") for key in seen.charts["kiosks"].numbers) == 3
