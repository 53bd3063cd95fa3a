"""Measures the layout check of `kiosk validate`: every text of an exhibit laid out with Qt, in each
language, on each screen, in both text sizes, beside plain validation of the same exhibit.

Run from the repository root as `python -m tools.bench_layout`; docs/performance.md ("Authoring:
the layout check") explains it. One process, as `kiosk validate` is one:

1. Plain validation: `load_exhibit` (reading, the models, the pictures, the house rules), the
   first time and then the best of several.
2. Starting the measure: a QGuiApplication on the offscreen platform and the bundled fonts, once.
3. The layout check (kiosk.app.text_fit.check_fit) over the default screens (1920x1080 and
   1080x1920), the first time (fonts' caches cold) and then the best of several.

The figure that counts is the first check with the measure's start: what a curator waits for.
"""

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_EXHIBIT = REPOSITORY / "exhibits" / "recognition-1933"
#: The goal: the whole layout check, Qt's start included, in under 3 s on the project's machine.
TARGET_S = 3.0
DEFAULT_REPEATS = 5


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("exhibit", nargs="?", type=Path, default=DEFAULT_EXHIBIT)
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS)
    arguments = parser.parse_args(argv)

    from kiosk.content.loader import load_exhibit

    first_validation, result = timed(lambda: load_exhibit(arguments.exhibit))
    if result.exhibit is None or result.source is None:
        print(f"{arguments.exhibit}: not valid; nothing to measure", file=sys.stderr)
        return 1
    validation = min(timed(lambda: load_exhibit(arguments.exhibit))[0] for _ in range(arguments.repeats))

    # Imported only now, as `kiosk validate` imports them: Qt's import is part of the start.
    start, measure = timed(_start_measure)
    from kiosk.app.text_fit import check_fit, variants
    from kiosk.services.settings import DEFAULT_SCREENS

    first_check, problems = timed(lambda: check_fit(result.exhibit, result.source, DEFAULT_SCREENS, measure))
    check = min(
        timed(lambda: check_fit(result.exhibit, result.source, DEFAULT_SCREENS, measure))[0]
        for _ in range(arguments.repeats)
    )
    cold = start + first_check
    count = len(variants(result.exhibit, DEFAULT_SCREENS))
    print(f"exhibit: {arguments.exhibit.name}, {count} variants (screens x languages x text sizes)")
    print(f"plain validation: first {first_validation * 1000:.0f} ms, best {validation * 1000:.0f} ms")
    print(f"starting the measure (Qt, offscreen, fonts): {start * 1000:.0f} ms")
    print(
        f"layout check: first {first_check * 1000:.0f} ms, best {check * 1000:.0f} ms; {len(problems)} warnings"
    )
    print(
        f"layout check with the start, cold: {cold * 1000:.0f} ms "
        f"({cold / first_validation:.1f}x the first plain validation); "
        f"warm: {check / validation:.1f}x plain validation"
    )
    verdict = "PASS" if cold < TARGET_S else "FAIL"
    print(f"target: under {TARGET_S:g} s cold: {verdict}")
    return 0 if verdict == "PASS" else 1


def _start_measure() -> Any:
    from kiosk.app.text_fit import offscreen_measure

    return offscreen_measure()


if __name__ == "__main__":
    sys.exit(main())
