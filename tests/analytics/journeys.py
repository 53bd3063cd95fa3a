"""Synthetic visitor journeys written to kiosk databases with the schema's own DDL, for the export
and report tests. Seeded, so that every run writes the same events."""

import random
import sqlite3
from contextlib import closing
from dataclasses import astuple
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.analytics.schema import (
    COLUMNS,
    SCHEMA_VERSION,
    SQLITE_DDL,
    AccessOption,
    End,
    Event,
    Kind,
    Navigation,
    Start,
    Zoom,
)

#: The exhibit the journeys walk through: its sections and how many panels each has.
SECTIONS = {"overture": 3, "letters": 5, "voices": 4, "aftermath": 2}
TITLES = {
    "en": {
        (section, panel): f"{section.title()} panel {panel}"
        for section, count in SECTIONS.items()
        for panel in range(1, count + 1)
    },
    "ru": {
        (section, panel): f"Панель {panel} раздела {section}"
        for section, count in SECTIONS.items()
        for panel in range(1, count + 1)
    },
}


def create_database(path: Path, version: int = SCHEMA_VERSION) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as connection:
        for statement in SQLITE_DDL:
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {version}")
        connection.commit()


def write_events(path: Path, events: list[Event]) -> None:
    if not path.exists():
        create_database(path)
    names = ", ".join(name for name, _, _ in COLUMNS)
    marks = ", ".join("?" for _ in COLUMNS)
    with closing(sqlite3.connect(path)) as connection:
        connection.executemany(
            f"INSERT INTO events ({names}) VALUES ({marks})", [astuple(event) for event in events]
        )
        connection.commit()


class Journeys:
    """Builds visits on one kiosk, event by event, with a clock that moves forward."""

    def __init__(self, kiosk: str, start: datetime, utc_offset_s: int = 3 * 3600, seed: int = 1) -> None:
        self.kiosk = kiosk
        self.now = start
        self.offset = utc_offset_s
        self.monotonic_us = 1_000_000
        self.random = random.Random(seed)
        self.events: list[Event] = []
        self.visit: str | None = None
        self.language = "en"

    def event(self, kind: Kind, advance_s: float = 0.0, **fields: object) -> None:
        self.now += timedelta(seconds=advance_s)
        self.monotonic_us += int(advance_s * 1_000_000) + 1
        self.events.append(
            Event(
                kiosk=self.kiosk,
                content_version="v1",
                visit=self.visit,
                wall_time_us=int(self.now.timestamp() * 1_000_000),
                utc_offset_s=self.offset,
                monotonic_us=self.monotonic_us,
                kind=kind,
                language=self.language,
                **fields,  # type: ignore[arg-type]
            )
        )

    def visit_of(
        self, panels: list[tuple[str, int, float]], end: End, from_attract: bool = True, **extras: object
    ) -> None:
        """One visit: the panels seen in order with their dwell in seconds, then its end."""
        self.visit = f"{self.random.getrandbits(64):016x}"
        self.language = str(extras.get("language", "en"))
        began = self.now
        if from_attract:
            self.event(Kind.ATTRACT_INTERRUPTED, detail="2")
        self.event(Kind.VISIT_STARTED, detail=Start.ATTRACT if from_attract else Start.HOME)
        if extras.get("switch_to"):
            self.language = str(extras["switch_to"])
            self.event(Kind.LANGUAGE_SWITCHED, 2, detail=self.language)
        for option in extras.get("options", ()):  # type: ignore[attr-defined]
            self.event(Kind.ACCESS_OPTION_ON, 1, detail=option)
        section = None
        for panel_section, panel, dwell in panels:
            if panel_section != section:
                section = panel_section
                self.event(Kind.SECTION_OPENED, 1, section=section)
            for way in extras.get("zoom", {}).get((panel_section, panel), ()):  # type: ignore[attr-defined]
                self.event(Kind.DOCUMENT_ZOOMED, 1, section=section, panel=panel, detail=way)
            narration = extras.get("narration", {}).get((panel_section, panel))  # type: ignore[attr-defined]
            if narration:
                self.event(Kind.NARRATION_STARTED, 0.5, section=section, panel=panel)
                if narration != "cut":
                    self.event(
                        Kind.NARRATION_FINISHED if narration == "finished" else Kind.NARRATION_STOPPED,
                        5,
                        section=section,
                        panel=panel,
                        duration_ms=5000,
                    )
            self.event(
                Kind.PANEL_SHOWN,
                dwell,
                section=section,
                panel=panel,
                panel_title=TITLES[self.language][(panel_section, panel)],
                detail=Navigation.SWIPE,
                duration_ms=int(dwell * 1000),
            )
        self.event(
            Kind.VISIT_ENDED, 1, detail=end, duration_ms=int((self.now - began).total_seconds() * 1000) + 1000
        )
        self.visit = None
        self.now += timedelta(minutes=self.random.randint(3, 40))


def random_journeys(kiosk: str, days: int, seed: int, start: datetime | None = None) -> list[Event]:
    """A few visits a day on one kiosk, of varied shapes: a glance, a section, a long read."""
    journeys = Journeys(kiosk, start or datetime(2026, 3, 2, 7, 0, tzinfo=UTC), seed=seed)
    chooser = random.Random(seed + 1000)
    for day in range(days):
        journeys.now = (start or datetime(2026, 3, 2, 7, 0, tzinfo=UTC)) + timedelta(
            days=day, minutes=chooser.randint(0, 90)
        )
        for _ in range(chooser.randint(3, 9)):
            shape = chooser.random()
            sections = list(SECTIONS)
            if shape < 0.25:
                panels: list[tuple[str, int, float]] = []
            elif shape < 0.6:
                section = chooser.choice(sections)
                panels = [
                    (section, panel, chooser.uniform(4, 40))
                    for panel in range(1, chooser.randint(1, SECTIONS[section]) + 1)
                ]
            elif shape < 0.9:
                section = chooser.choice(sections)
                panels = [
                    (section, panel, chooser.uniform(8, 60)) for panel in range(1, SECTIONS[section] + 1)
                ]
            else:
                panels = [
                    (section, panel, chooser.uniform(5, 50))
                    for section in sections
                    for panel in range(1, SECTIONS[section] + 1)
                ]
            extras: dict[str, object] = {"language": chooser.choice(["en", "en", "ru"])}
            if chooser.random() < 0.2:
                extras["switch_to"] = "ru" if extras["language"] == "en" else "en"
            if chooser.random() < 0.15:
                extras["options"] = [chooser.choice(list(AccessOption))]
            if panels and chooser.random() < 0.4:
                section, panel, _ = chooser.choice(panels)
                extras["zoom"] = {
                    (section, panel): [chooser.choice(list(Zoom)) for _ in range(chooser.randint(1, 3))]
                }
            if panels and chooser.random() < 0.5:
                section, panel, _ = chooser.choice(panels)
                extras["narration"] = {(section, panel): chooser.choice(["finished", "stopped", "cut"])}
            end = chooser.choice(
                [End.IDLE_TIMEOUT, End.IDLE_TIMEOUT, End.COUNTDOWN, End.HOME, End.CLOSING_HOURS]
            )
            journeys.visit_of(panels, end, from_attract=chooser.random() < 0.85, **extras)
    return journeys.events
