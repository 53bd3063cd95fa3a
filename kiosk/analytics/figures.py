"""The numbers behind the report, aggregated by DuckDB from the view `events` (kiosk.analytics.sources).

A visit is the events that share a visit id on one kiosk; it counts from its `visit_started`
(a visit that began before the period is left out). Local times are each event's own wall clock
plus its utc_offset_s, so that hours are those the gallery lived. A section's panels are those
seen in the data (its highest panel number), so that the report needs no exhibit files.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

import duckdb

from kiosk.analytics.schema import AccessOption, End, Kind, Start
from kiosk.analytics.sources import sql_string

#: Upper ends of the visit-length bins, in seconds; the last bin is open.
LENGTH_BINS_S: Final = (30, 60, 120, 180, 300, 600, 1200)
#: How many panels the most- and least-viewed charts show, and how many exit points.
PANELS_SHOWN: Final = 10
EXITS_SHOWN: Final = 8


@dataclass(frozen=True, slots=True)
class Panel:
    section: str
    number: int
    title: str

    @property
    def key(self) -> str:
        return f"{self.section} {self.number}"


@dataclass(frozen=True, slots=True)
class PanelViews:
    panel: Panel
    views: int
    median_dwell_s: float


@dataclass(frozen=True, slots=True)
class KioskSummary:
    kiosk: str
    visits: int
    active_days: int
    median_length_s: float
    whole_section_share: float
    idle_end_share: float


@dataclass(slots=True)
class Figures:
    """Everything the report shows, for one set of kiosks over one period."""

    kiosks: list[str] = field(default_factory=list)
    events: int = 0
    visits: int = 0
    first_day: date | None = None
    last_day: date | None = None
    visits_per_day: list[tuple[date, int]] = field(default_factory=list)
    #: [weekday 0 = Monday][hour 0-23]: visits started then, local time.
    weekday_hour: list[list[int]] = field(default_factory=lambda: [[0] * 24 for _ in range(7)])
    #: Visits per length bin (LENGTH_BINS_S, then the open bin).
    length_bins: list[int] = field(default_factory=lambda: [0] * (len(LENGTH_BINS_S) + 1))
    median_length_s: float = 0.0
    #: Visits that saw every panel of at least one section.
    whole_section_visits: int = 0
    #: Visits begun at the attract loop; of them, those that saw a panel, three panels, three
    #: panels and a whole section, and all that and every section (each stage within the last).
    funnel: list[int] = field(default_factory=lambda: [0] * 5)
    sections: int = 0
    #: Every panel seen, most viewed first.
    panels: list[PanelViews] = field(default_factory=list)
    #: The panel a visit ended on (None: no panel, the home screen), most frequent first.
    exits: list[tuple[Panel | None, int]] = field(default_factory=list)
    #: How visits ended: End value -> visits.
    end_reasons: dict[str, int] = field(default_factory=dict)
    #: Visits by the language they ended in.
    languages: dict[str, int] = field(default_factory=dict)
    language_switches: int = 0
    #: Visits in which each access option was turned on, and in which any was.
    access_options: dict[str, int] = field(default_factory=dict)
    access_visits: int = 0
    narrations_started: int = 0
    narrations_finished: int = 0
    narrations_stopped: int = 0
    #: Zooms per document panel, most zoomed first, with the ways (Zoom value -> zooms).
    zooms: list[tuple[Panel, dict[str, int]]] = field(default_factory=list)
    per_kiosk: list[KioskSummary] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.visits == 0


def _visits_table(section_sizes: dict[str, int]) -> str:
    """One row per visit. A visit is keyed by a 64-bit hash of its kiosk and id (grouping on an
    integer is much faster than on two strings; two of a year's few million visits share a key
    with odds of about one in a million). Its panels are grouped apart from its other events, with
    integers only: the panels seen as a bit set per section (panel n is bit n - 1; panels past the
    64th count as the 64th), where counting distinct panels per visit is many times slower."""
    sections = list(section_sizes)
    index = (
        "CASE section "
        + " ".join(f"WHEN {sql_string(name)} THEN {number}" for number, name in enumerate(sections))
        + " END"
        if sections
        else "NULL::INTEGER"
    )
    seen = [f"seen_{number}" for number in range(len(sections))]
    seen_columns = "".join(
        f"bit_count(bit_or(1::UBIGINT << (least(panel, 64) - 1)) FILTER (section_index = {number})) AS {column}, "
        for number, column in enumerate(seen)
    )
    panels_seen = " + ".join(f"coalesce({column}, 0)" for column in seen) or "0"
    sections_seen = " + ".join(f"({column} IS NOT NULL)::INTEGER" for column in seen) or "0"
    whole_section = (
        " OR ".join(
            f"coalesce({column} >= {min(size, 64)}, false)"
            for column, size in zip(seen, section_sizes.values(), strict=True)
        )
        or "false"
    )
    names = "(" + "[" + ", ".join(sql_string(name) for name in sections) + "]::VARCHAR[])"
    return f"""
CREATE OR REPLACE TEMP TABLE visits AS
WITH panels AS (
    SELECT visit_key, {seen_columns}
        arg_max(section_index * 65536 + least(panel, 65535), monotonic_us) AS last_shown
    FROM (
        SELECT hash(kiosk, visit) AS visit_key, {index} AS section_index, panel, monotonic_us
        FROM events WHERE kind = '{Kind.PANEL_SHOWN}' AND visit IS NOT NULL
    )
    GROUP BY visit_key
),
moments AS (
    SELECT hash(kiosk, visit) AS visit_key, any_value(kiosk) AS kiosk,
        min(wall_time_us + utc_offset_s::BIGINT * 1000000) FILTER (kind = '{Kind.VISIT_STARTED}') AS start_local_us,
        bool_or(kind = '{Kind.ATTRACT_INTERRUPTED}' OR (kind = '{Kind.VISIT_STARTED}' AND detail = '{Start.ATTRACT}'))
            AS from_attract,
        any_value(detail) FILTER (kind = '{Kind.VISIT_ENDED}') AS end_reason,
        any_value(duration_ms) FILTER (kind = '{Kind.VISIT_ENDED}') AS length_ms,
        -- The language the visit ended in; for a visit whose end is not recorded, its last choice.
        coalesce(any_value(language) FILTER (kind = '{Kind.VISIT_ENDED}'),
                 arg_max(language, monotonic_us) FILTER (language IS NOT NULL)) AS last_language
    FROM events
    WHERE visit IS NOT NULL AND kind IN (
        '{Kind.VISIT_STARTED}', '{Kind.VISIT_ENDED}', '{Kind.ATTRACT_INTERRUPTED}', '{Kind.LANGUAGE_SWITCHED}')
    GROUP BY visit_key
)
SELECT moments.*, make_timestamp(start_local_us) AS started_local,
    {panels_seen} AS panels_seen,
    {sections_seen} AS sections_seen,
    {whole_section} AS whole_section,
    {names}[1 + last_shown // 65536] AS last_section,
    (last_shown % 65536)::INTEGER AS last_panel
FROM moments LEFT JOIN panels USING (visit_key)
WHERE start_local_us IS NOT NULL
"""


def compute(connection: duckdb.DuckDBPyConnection, language: str) -> Figures:
    """The figures over the view `events`; panel titles in `language` where the data has them."""
    figures = Figures()
    sql = connection.execute
    figures.events = _scalar(sql("SELECT count(*) FROM events").fetchone())
    figures.kiosks = [row[0] for row in sql("SELECT DISTINCT kiosk FROM events ORDER BY kiosk").fetchall()]
    titles: dict[tuple[str, int], str] = {}
    section_sizes: dict[str, int] = {}
    for section, number, views, dwell, title in sql(
        "SELECT section, panel, count(*) AS views, median(duration_ms), "
        "coalesce(any_value(panel_title) FILTER (language = ?), any_value(panel_title)) FROM events "
        f"WHERE kind = '{Kind.PANEL_SHOWN}' AND visit IS NOT NULL "
        "GROUP BY section, panel ORDER BY views DESC, section, panel",
        [language],
    ).fetchall():
        titles[(section, number)] = title or ""
        section_sizes[section] = max(section_sizes.get(section, 0), number)
        figures.panels.append(PanelViews(_panel(titles, section, number), views, (dwell or 0) / 1000))
    figures.sections = len(section_sizes)
    sql(_visits_table(dict(sorted(section_sizes.items()))))
    figures.visits = _scalar(sql("SELECT count(*) FROM visits").fetchone())
    if figures.empty:
        return figures

    days = sql(
        "SELECT CAST(started_local AS DATE) AS day, count(*) FROM visits GROUP BY day ORDER BY day"
    ).fetchall()
    figures.first_day, figures.last_day = days[0][0], days[-1][0]
    counted = dict(days)
    figures.visits_per_day = [
        (day, counted.get(day, 0)) for day in _days(figures.first_day, figures.last_day)
    ]
    for weekday, hour, visits in sql(
        "SELECT isodow(started_local) - 1, hour(started_local), count(*) FROM visits GROUP BY ALL"
    ).fetchall():
        figures.weekday_hour[weekday][hour] = visits

    bins = " ".join(
        f"WHEN length_ms < {limit * 1000} THEN {index}" for index, limit in enumerate(LENGTH_BINS_S)
    )
    for index, visits in sql(
        f"SELECT CASE {bins} ELSE {len(LENGTH_BINS_S)} END AS bin, count(*) FROM visits "
        "WHERE length_ms IS NOT NULL GROUP BY bin"
    ).fetchall():
        figures.length_bins[index] = visits
    figures.median_length_s = (_float(sql("SELECT median(length_ms) FROM visits").fetchone())) / 1000

    funnel = sql(
        "SELECT count(*), count(*) FILTER (panels_seen >= 1), count(*) FILTER (panels_seen >= 3), "
        "count(*) FILTER (panels_seen >= 3 AND whole_section), "
        "count(*) FILTER (panels_seen >= 3 AND whole_section AND sections_seen >= ?) FROM visits WHERE from_attract",
        [max(figures.sections, 1)],
    ).fetchone()
    figures.funnel = [int(value) for value in funnel] if funnel else [0] * 5
    figures.whole_section_visits = _scalar(sql("SELECT count(*) FROM visits WHERE whole_section").fetchone())

    figures.exits = [
        (None if section is None else _panel(titles, section, number), visits)
        for section, number, visits in sql(
            "SELECT last_section, last_panel, count(*) AS visits FROM visits GROUP BY ALL "
            "ORDER BY visits DESC, last_section NULLS FIRST, last_panel"
        ).fetchall()
    ]
    figures.end_reasons = dict(
        sql(
            "SELECT coalesce(end_reason, 'unknown'), count(*) FROM visits GROUP BY ALL ORDER BY 2 DESC"
        ).fetchall()
    )
    figures.languages = dict(
        sql(
            "SELECT coalesce(last_language, '?'), count(*) FROM visits GROUP BY ALL ORDER BY 2 DESC, 1"
        ).fetchall()
    )
    # The rarer kinds in one pass over the events, and the visits with each access option in another.
    zooms: dict[tuple[str, int], dict[str, int]] = {}
    kinds: dict[str, int] = {}
    for kind, section, number, detail, count in sql(
        "SELECT kind, section, panel, detail, count(*) FROM events WHERE kind IN "
        f"('{Kind.LANGUAGE_SWITCHED}', '{Kind.NARRATION_STARTED}', '{Kind.NARRATION_FINISHED}', "
        f"'{Kind.NARRATION_STOPPED}', '{Kind.DOCUMENT_ZOOMED}') "
        "GROUP BY ALL ORDER BY kind, section, panel, detail"
    ).fetchall():
        kinds[kind] = kinds.get(kind, 0) + count
        if kind == Kind.DOCUMENT_ZOOMED:
            zooms.setdefault((section, number), {})[detail or "?"] = count
    figures.language_switches = kinds.get(Kind.LANGUAGE_SWITCHED, 0)
    figures.narrations_started = kinds.get(Kind.NARRATION_STARTED, 0)
    figures.narrations_finished = kinds.get(Kind.NARRATION_FINISHED, 0)
    figures.narrations_stopped = kinds.get(Kind.NARRATION_STOPPED, 0)
    figures.access_options = {option.value: 0 for option in AccessOption}
    for option, visits in sql(
        "SELECT detail, count(DISTINCT hash(kiosk, visit)) FROM events "
        f"WHERE kind = '{Kind.ACCESS_OPTION_ON}' GROUP BY GROUPING SETS ((detail), ())"
    ).fetchall():
        if option is None:
            figures.access_visits = visits
        else:
            figures.access_options[option] = visits
    figures.zooms = sorted(
        ((_panel(titles, *key), ways) for key, ways in zooms.items()),
        key=lambda item: (-sum(item[1].values()), item[0].section, item[0].number),
    )

    figures.per_kiosk = [
        KioskSummary(kiosk, visits, active_days, (length or 0) / 1000, whole or 0.0, idle or 0.0)
        for kiosk, visits, active_days, length, whole, idle in sql(
            "SELECT kiosk, count(*), count(DISTINCT CAST(started_local AS DATE)), median(length_ms), "
            "avg(whole_section::INTEGER), "
            f"avg((end_reason IN ('{End.IDLE_TIMEOUT}', '{End.COUNTDOWN}'))::INTEGER) "
            "FROM visits GROUP BY kiosk ORDER BY kiosk"
        ).fetchall()
    ]
    return figures


def idle_end_share(figures: Figures) -> float:
    """Visits that ended because nobody touched the screen any more (idle, or the countdown ran out)."""
    ended = sum(figures.end_reasons.values())
    idle = figures.end_reasons.get(End.IDLE_TIMEOUT, 0) + figures.end_reasons.get(End.COUNTDOWN, 0)
    return idle / ended if ended else 0.0


def _panel(titles: dict[tuple[str, int], str], section: str, number: int) -> Panel:
    return Panel(section, number, titles.get((section, number), ""))


def _scalar(row: tuple[object, ...] | None) -> int:
    return int(row[0]) if row and isinstance(row[0], int) else 0


def _float(row: tuple[object, ...] | None) -> float:
    return float(row[0]) if row and isinstance(row[0], int | float) else 0.0


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
