"""The report as a curator sees it: opened from a file by Chromium (Debian's), offline, with every
host name resolving to nothing; its screenshot shows the charts, not a blank page."""

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from kiosk.analytics.charts import ACCENT, PAPER
from kiosk.analytics.report import write_report
from kiosk.analytics.sources import Period
from tests.analytics.journeys import random_journeys, write_events

pytestmark = pytest.mark.slow


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _near(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_report_renders_offline_in_chromium(tmp_path: Path, language: str) -> None:
    browser = shutil.which("chromium")
    if browser is None:
        pytest.fail("chromium is not installed: run tools/system-deps.sh --test")
    database = tmp_path / "events.sqlite3"
    write_events(database, random_journeys("gallery-1", days=20, seed=5))
    report = tmp_path / "report.html"
    write_report([database], report, Period(), language, date(2026, 12, 7))
    screenshot = tmp_path / "report.png"
    finished = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            # Any request for a host fails: the page must need none.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--hide-scrollbars",
            "--window-size=1000,2400",
            f"--screenshot={screenshot}",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert "ERR_NAME_NOT_RESOLVED" not in finished.stderr
    with Image.open(screenshot) as image:
        assert image.size == (1000, 2400)
        colours = image.convert("RGB").getcolors(1 << 24) or []
    total = 1000 * 2400
    paper = sum(count for count, pixel in colours if _near(pixel, _rgb(PAPER)))
    accent = sum(count for count, pixel in colours if _near(pixel, _rgb(ACCENT)))
    ink = sum(count for count, pixel in colours if max(pixel) < 80)
    assert paper > total * 0.05, "the page's paper colour is there"
    assert accent > total * 0.01, "the charts' bars are drawn (an image that failed to load is not)"
    assert ink > 2000, "there is text"
