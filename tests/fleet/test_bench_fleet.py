"""The fleet benchmark keeps working: a tiny run of `python -m tools.bench_fleet` prints every figure.

The figures themselves are machine-dependent and recorded in docs/performance.md; what is checked
here is that the command runs to its end against real kiosks and reports each of them.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app.renderer import ENVIRONMENT_VARIABLES

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[2]
#: A commit waits for the fleet's next 30 s check; the other parts take about a minute.
DEADLINE_S = 600

FIGURES = (
    # 1. Commit to screen
    r"push to screen: median \d+\.\d+ s, worst \d+\.\d+ s",
    r"minus the wait for the kiosk's next check \(fetched to screen\): median -?\d+\.\d+ s, worst -?\d+\.\d+ s",
    r"end of the check that found it to screen: median -?\d+\.\d+ s",
    # 2. The cost of a scrape
    r"GET /metrics latency: median \d+\.\d+ ms, p95 \d+\.\d+ ms",
    r"not scraped, all rounds: p50 \d+\.\d+ / p95 \d+\.\d+ / max \d+\.\d+ ms",
    r"scraped, all rounds: +p50 \d+\.\d+ / p95 \d+\.\d+ / max \d+\.\d+ ms",
    r"ratio scraped / not scraped: p50 \d+\.\d+, p95 \d+\.\d+",
    r"p95 difference [+-]\d+\.\d+ ms",
    # 3. Memory over a simulated week
    r"following-repository +\d+\.\d+ MB +\d+\.\d+ MB +\d+\.\d+ MB +[+-] *\d+\.\d+ MB .* \d+/2",
    r"following-folder +\d+\.\d+ MB +\d+\.\d+ MB +\d+\.\d+ MB +[+-] *\d+\.\d+ MB .* \d+/2",
)


def test_a_short_run_of_the_fleet_benchmark_prints_each_figure(tmp_path: Path) -> None:
    environment = {
        **{name: value for name, value in os.environ.items() if name not in ENVIRONMENT_VARIABLES},
        "TMPDIR": str(tmp_path),
    }
    completed = subprocess.run(
        [
            sys.executable, "-m", "tools.bench_fleet", "--commits", "1", "--rounds", "1",
            "--round-seconds", "3", "--changes", "2", "--hour-seconds", "4",
        ],
        cwd=REPOSITORY, env=environment, capture_output=True, text=True, timeout=DEADLINE_S, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-3000:]
    missing = [figure for figure in FIGURES if not re.search(figure, completed.stdout)]
    assert not missing, f"missing {missing} in:\n{completed.stdout}"
    assert list(tmp_path.iterdir()) == [], "the benchmark left files behind"
