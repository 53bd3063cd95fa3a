"""What a report over kiosk databases must show, worked out straight from the databases with
sqlite3 and plain Python: an account independent of the report's DuckDB queries."""

import sqlite3
import statistics
from collections import Counter, defaultdict
from contextlib import closing
from pathlib import Path
from typing import Any

from kiosk.analytics.schema import COLUMNS


def rows(databases: list[Path]) -> list[dict[str, Any]]:
    names = [name for name, _, _ in COLUMNS]
    found: list[dict[str, Any]] = []
    for database in databases:
        with closing(sqlite3.connect(database)) as connection:
            found += [
                dict(zip(names, row, strict=True))
                for row in connection.execute(f"SELECT {', '.join(names)} FROM events")
            ]
    return found


def local_day_and_hour(database: Path) -> list[tuple[str, str, int, str]]:
    """(kiosk, visit, weekday 0 = Monday, 'YYYY-MM-DD HH') of each visit start, by SQLite's clock."""
    with closing(sqlite3.connect(database)) as connection:
        return [
            (kiosk, visit, (int(weekday) + 6) % 7, moment)
            for kiosk, visit, weekday, moment in connection.execute(
                "SELECT kiosk, visit, strftime('%w', wall_time_us / 1000000 + utc_offset_s, 'unixepoch'), "
                "strftime('%Y-%m-%d %H', wall_time_us / 1000000 + utc_offset_s, 'unixepoch') "
                "FROM events WHERE kind = 'visit_started'"
            )
        ]


def visits(events: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        if event["visit"] is not None:
            grouped[(event["kiosk"], event["visit"])].append(event)
    for journey in grouped.values():
        journey.sort(key=lambda event: event["monotonic_us"])
    return {
        key: journey for key, journey in grouped.items() if any(e["kind"] == "visit_started" for e in journey)
    }


def funnel(events: list[dict[str, Any]]) -> list[int]:
    sizes: dict[str, int] = {}
    for event in events:
        if event["kind"] == "panel_shown":
            sizes[event["section"]] = max(sizes.get(event["section"], 0), event["panel"])
    stages = [0] * 5
    for journey in visits(events).values():
        if not any(
            e["kind"] == "attract_interrupted" or (e["kind"] == "visit_started" and e["detail"] == "attract")
            for e in journey
        ):
            continue
        panels = {(e["section"], e["panel"]) for e in journey if e["kind"] == "panel_shown"}
        sections = {e["section"] for e in journey if e["kind"] == "panel_shown"}
        whole = any(sum(1 for s, _ in panels if s == section) >= size for section, size in sizes.items())
        reached = [True, len(panels) >= 1, len(panels) >= 3, len(panels) >= 3 and whole]
        reached.append(reached[3] and len(sections) >= len(sizes))
        for index, hit in enumerate(reached):
            stages[index] += hit
    return stages


def panel_views(events: list[dict[str, Any]]) -> dict[str, tuple[int, float]]:
    dwells: dict[str, list[int]] = defaultdict(list)
    for event in events:
        if event["kind"] == "panel_shown":
            dwells[f"{event['section']} {event['panel']}"].append(event["duration_ms"])
    return {key: (len(values), statistics.median(values) / 1000) for key, values in dwells.items()}


def exits(events: list[dict[str, Any]]) -> Counter[str]:
    found: Counter[str] = Counter()
    for journey in visits(events).values():
        shown = [e for e in journey if e["kind"] == "panel_shown"]
        found["exit " + (f"{shown[-1]['section']} {shown[-1]['panel']}" if shown else "home")] += 1
    return found


def end_reasons(events: list[dict[str, Any]]) -> Counter[str]:
    return Counter(
        next((e["detail"] for e in journey if e["kind"] == "visit_ended"), "unknown")
        for journey in visits(events).values()
    )


def last_languages(events: list[dict[str, Any]]) -> Counter[str]:
    """The language each visit ended in: its end's, or, without one, its last choice."""
    found: Counter[str] = Counter()
    for journey in visits(events).values():
        ended = [e["language"] for e in journey if e["kind"] == "visit_ended"]
        chosen = [e["language"] for e in journey if e["kind"] in {"visit_started", "language_switched"}]
        found[(ended or chosen)[-1]] += 1
    return found


def visit_lengths_s(events: list[dict[str, Any]]) -> list[float]:
    return [
        e["duration_ms"] / 1000
        for journey in visits(events).values()
        for e in journey
        if e["kind"] == "visit_ended"
    ]


def per_visit(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each started visit: its kiosk, local start day, length, whether it saw a whole section, how it ended."""
    sizes: dict[str, int] = {}
    for event in events:
        if event["kind"] == "panel_shown":
            sizes[event["section"]] = max(sizes.get(event["section"], 0), event["panel"])
    found = []
    for (kiosk, _), journey in visits(events).items():
        start = next(e for e in journey if e["kind"] == "visit_started")
        ended = [e for e in journey if e["kind"] == "visit_ended"]
        panels = {(e["section"], e["panel"]) for e in journey if e["kind"] == "panel_shown"}
        found.append(
            {
                "kiosk": kiosk,
                "day": (start["wall_time_us"] // 1_000_000 + start["utc_offset_s"]) // 86_400,
                "length_s": ended[0]["duration_ms"] / 1000 if ended else None,
                "whole_section": any(
                    sum(1 for s, _ in panels if s == section) >= size for section, size in sizes.items()
                ),
                "idle": bool(ended) and ended[0]["detail"] in {"idle_timeout", "countdown"},
            }
        )
    return found
