"""Times the loader on hostile exhibit folders: each should be refused within a second.

Run from the repository root as `python -m tools.bench_hostile`. Every case of
tests/content/hostile_cases.py is loaded with `load_exhibit`, as the kiosk loads an exhibit: the
time is the best of five loads without tracing, the memory the peak traced by tracemalloc in one
more load. The tests assert the problems and the memory bound; only this measures time.
"""

import argparse
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk.content.loader import LoadResult, load_exhibit
from kiosk.content.yaml_source import MAX_VALUES
from tests.conftest import REPOSITORY
from tests.content.hostile_cases import CASES, SECTION, build

RUNS = 5
LIMIT_SECONDS = 1.0


def sections_at_the_value_limit(folder: Path) -> None:
    """Not hostile, only large: six section files, each just under the limit of values."""
    panels = "  - {kind: text, title: A, body: B}\n" * ((MAX_VALUES - 100) // 4)
    for number in range(6):
        path = folder / f"sections/s{number}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SECTION.split("panels:")[0].replace("only", f"s{number}") + "panels:\n" + panels)
    listed = "".join(f"  - sections/s{number}.yaml\n" for number in range(6))
    (folder / "exhibit.yaml").write_text("title: Large\nsections:\n" + listed, encoding="utf-8")


#: Rows for comparison, that the tests do not hold to their memory bound.
REFERENCE: dict[str, Callable[[Path], Path]] = {
    "(valid) the shipped recognition-1933": lambda _: REPOSITORY / "exhibits" / "recognition-1933",
    "(limits) 6 sections at the value limit": lambda scratch: _built(sections_at_the_value_limit, scratch),
}


def _built(fill: Callable[[Path], None], scratch: Path) -> Path:
    folder = scratch / "exhibit"
    folder.mkdir()
    fill(folder)
    return folder


def measure(folder: Path, runs: int) -> tuple[float, int, LoadResult]:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = load_exhibit(folder)
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    try:
        load_exhibit(folder)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return best, peak, result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_hostile", description=__doc__)
    parser.add_argument("--runs", type=int, default=RUNS, help=f"loads timed per case (default {RUNS})")
    parser.add_argument("cases", nargs="*", metavar="CASE", help="only the cases whose names contain this")
    arguments = parser.parse_args(argv)

    builders: dict[str, Callable[[Path], Path]] = {name: _case(name) for name in CASES} | REFERENCE
    chosen = [
        name for name in builders if not arguments.cases or any(part in name for part in arguments.cases)
    ]
    width = max(len(name) for name in chosen)
    print(f"{'case':<{width}}  {'seconds':>8}  {'peak MB':>8}  problems  first problem")
    slow = 0
    for name in chosen:
        with tempfile.TemporaryDirectory() as scratch:
            folder = builders[name](Path(scratch))
            seconds, peak, result = measure(folder, arguments.runs)
            first = result.problems[0].message if result.problems else "(none: valid)"
        hostile = not name.startswith("(")
        mark = " !" if hostile and seconds > LIMIT_SECONDS else ""
        slow += bool(mark)
        print(
            f"{name:<{width}}  {seconds:>8.4f}  {peak / 1e6:>8.1f}  {len(result.problems):>8}  "
            f"{first[:70]}{mark}"
        )
    print(f"\nbest of {arguments.runs} loads; '!' marks a hostile case over {LIMIT_SECONDS:g} s")
    return 1 if slow else 0


def _case(name: str) -> Callable[[Path], Path]:
    return lambda scratch: build(name, scratch)


if __name__ == "__main__":
    sys.exit(main())
