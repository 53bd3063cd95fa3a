"""`kiosk report`: one self-contained HTML file that a curator opens anywhere, prints to PDF, or
sends on. Charts are SVG inside the file (as data: URIs, each with its alt text), the style is
inline, and nothing is fetched. Every chart has a one-line reading computed from its numbers and,
under it, the numbers themselves in a table (`data-chart`, `data-key`, `data-value`), for people
who read tables and for the tests that check the charts against the data."""

import base64
import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from kiosk.analytics import charts
from kiosk.analytics.figures import (
    EXITS_SHOWN,
    LENGTH_BINS_S,
    PANELS_SHOWN,
    Figures,
    Panel,
    compute,
    idle_end_share,
)
from kiosk.analytics.sources import Period, SourceError, connect, load_events
from kiosk.analytics.strings import CATALOGUE, duration, number, percent, text

_STYLE: Final = f"""
:root {{ --paper: {charts.PAPER}; --card: {charts.CARD}; --ink: {charts.INK}; --ink-soft: {charts.INK_SOFT};
  --rule: {charts.RULE}; --accent: {charts.ACCENT}; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.5 "Noto Serif", Georgia, "Times New Roman", serif; }}
main {{ max-width: 52rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }}
h1 {{ font-size: 2rem; line-height: 1.2; margin: 0 0 .25rem; font-weight: 700; }}
h2 {{ font: 700 1.25rem/1.3 "Noto Sans", "DejaVu Sans", sans-serif; margin: 0 0 .5rem; color: var(--accent); }}
.subtitle, .small {{ color: var(--ink-soft); }}
.small {{ font-size: .85rem; }}
header {{ border-bottom: 2px solid var(--ink); padding-bottom: 1rem; margin-bottom: 2rem; }}
section {{ background: var(--card); border: 1px solid var(--rule); border-radius: 4px; padding: 1.25rem 1.5rem;
  margin: 0 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }}
.reading {{ margin: 0 0 .75rem; font-size: 1.05rem; }}
figure {{ margin: 0; }}
figure img {{ width: 100%; height: auto; display: block; }}
.glance {{ display: grid; grid-template-columns: repeat(4, 1fr); gap: 1rem; margin: 0; }}
.glance div {{ border-left: 3px solid var(--accent); padding-left: .75rem; }}
.glance dt {{ font-size: .85rem; color: var(--ink-soft); }}
.glance dd {{ margin: 0; font: 700 1.5rem/1.2 "Noto Sans", "DejaVu Sans", sans-serif; }}
details {{ margin-top: .75rem; font-size: .85rem; }}
summary {{ cursor: pointer; color: var(--ink-soft); }}
table {{ border-collapse: collapse; margin-top: .5rem; }}
th, td {{ text-align: left; padding: .15rem .75rem .15rem 0; border-bottom: 1px solid color-mix(in srgb, var(--rule) 40%, transparent); }}
td[data-value] {{ text-align: right; font-variant-numeric: tabular-nums; }}
.empty {{ font-size: 1.2rem; }}
table.kiosks {{ width: 100%; font-size: .9rem; margin-top: 1rem; }}
table.kiosks td {{ text-align: right; font-variant-numeric: tabular-nums; }}
table.kiosks th[scope="col"] {{ font-weight: 400; color: var(--ink-soft); vertical-align: bottom; }}
table.kiosks th[scope="col"]:not(:first-child) {{ text-align: right; }}
table.kiosks th[scope="row"] {{ white-space: nowrap; }}
@media print {{
  @page {{ size: A4; margin: 15mm; }}
  body {{ background: white; font-size: 11pt; }}
  main {{ max-width: none; padding: 0; }}
  section {{ border: none; padding: 0; margin: 0 0 8mm; background: white; }}
  section.chart {{ page-break-before: auto; }}
  details {{ display: none; }}
}}
"""


@dataclass(frozen=True, slots=True)
class Chart:
    """One section of the report: a chart, its reading, its alt text and its numbers."""

    key: str
    heading: str
    reading: str
    alt: str = ""
    svg: str = ""
    #: (key, label, value): the numbers behind the chart, in the order shown.
    numbers: Sequence[tuple[str, str, int | float | str]] = ()
    #: A table shown under the chart (not folded away), as HTML.
    table: str = ""


def build_report(sources: Sequence[Path], period: Period, language: str, today: date) -> str:
    """The report's HTML over the sources; raises SourceError for a source it cannot read."""
    connection = connect()
    try:
        # DuckDB may use every core and the memory it needs, but spills beyond a bound.
        connection.execute("SET memory_limit = '3GB'")
        connection.execute("SET preserve_insertion_order = false")
        load_events(connection, sources, period)
        figures = compute(connection, language)
    finally:
        connection.close()
    return render(figures, period, language, today)


def render(figures: Figures, period: Period, language: str, today: date) -> str:
    t = _Words(language)
    first = figures.first_day or period.since
    last = figures.last_day or period.until
    kiosks = (
        text("kiosk_one", language, kiosk=figures.kiosks[0])
        if len(figures.kiosks) == 1
        else text("kiosk_count", language, count=len(figures.kiosks))
    )
    subtitle = text(
        "subtitle",
        language,
        kiosks=kiosks,
        first=first.isoformat() if first else "…",
        last=last.isoformat() if last else "…",
    )
    parts = [
        f'<header><h1>{t("title")}</h1><p class="subtitle">{html.escape(subtitle)}</p>'
        f'<p class="small">{html.escape(text("generated", language, day=today.isoformat()))} {t("privacy")}</p></header>'
    ]
    if figures.empty:
        parts.append(f'<section class="empty" data-chart="empty"><p>{t("empty")}</p></section>')
    else:
        parts.append(_glance(figures, language))
        for chart in _charts(figures, language):
            parts.append(_section(chart, language))
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{t('title')} · {html.escape(subtitle)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


class _Words:
    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, key: str) -> str:
        return html.escape(text(key, self.language))


def _glance(figures: Figures, language: str) -> str:
    active_days = sum(1 for _, visits in figures.visits_per_day if visits)
    whole = figures.whole_section_visits / figures.visits if figures.visits else 0.0
    items = [
        ("visits", number(figures.visits, language), text("summary_visits", language)),
        (
            "per_day",
            number(round(figures.visits / max(active_days, 1)), language),
            text("summary_per_day", language),
        ),
        ("median", duration(figures.median_length_s, language), text("summary_median", language)),
        ("whole_section", percent(whole, language), text("summary_whole_section", language)),
    ]
    cells = "".join(
        f'<div><dd data-key="{key}">{html.escape(value)}</dd><dt>{html.escape(label)}</dt></div>'
        for key, value, label in items
    )
    return f'<section data-chart="glance"><h2>{html.escape(text("summary_heading", language))}</h2><dl class="glance">{cells}</dl></section>'


def _section(chart: Chart, language: str) -> str:
    picture = ""
    if chart.svg:
        encoded = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
        picture = (
            f'<figure><img src="data:image/svg+xml;base64,{encoded}" alt="{html.escape(chart.alt)}"></figure>'
        )
    rows = "".join(
        f'<tr><th scope="row">{html.escape(label)}</th>'
        f'<td data-key="{html.escape(key)}" data-value="{html.escape(str(value))}">{html.escape(_shown(value, language))}</td></tr>'
        for key, label, value in chart.numbers
    )
    table = (
        f"<details><summary>{html.escape(text('numbers', language))}</summary>"
        f'<table data-chart="{chart.key}">{rows}</table></details>'
        if rows
        else ""
    )
    return (
        f'<section class="chart" id="{chart.key}"><h2>{html.escape(chart.heading)}</h2>'
        f'<p class="reading" data-reading="{chart.key}">{html.escape(chart.reading)}</p>{picture}{chart.table}{table}</section>'
    )


def _shown(value: int | float | str, language: str) -> str:
    if isinstance(value, int):
        return number(value, language)
    if isinstance(value, float):
        return f"{value:.1f}"
    return value


def _panel_label(panel: Panel | None, language: str) -> str:
    if panel is None:
        return text("home_screen", language)
    return f"{panel.section} {panel.number}" + (f" · {panel.title}" if panel.title else "")


def _share(part: int, whole: int, language: str) -> str:
    return percent(part / whole if whole else 0.0, language)


def _charts(figures: Figures, language: str) -> list[Chart]:
    def words(key: str, **fields: object) -> str:
        return text(key, language, **fields)

    def named(prefix: str, value: str) -> str:
        """A recorded value (an end reason, a language, an option) in words, or as recorded."""
        return words(prefix + value) if prefix + value in CATALOGUE else value

    n = number
    result: list[Chart] = []

    # Visits per day.
    days = figures.visits_per_day
    busiest_day, most = max(days, key=lambda item: item[1])
    active = sum(1 for _, visits in days if visits)
    result.append(
        Chart(
            "daily",
            words("daily_heading"),
            words(
                "daily_reading",
                visits=n(figures.visits, language),
                days=n(len(days), language),
                per_day=n(round(figures.visits / max(active, 1)), language),
                busiest=busiest_day.isoformat(),
                most=n(most, language),
            ),
            words(
                "daily_alt",
                first=days[0][0].isoformat(),
                last=days[-1][0].isoformat(),
                busiest=busiest_day.isoformat(),
                most=most,
            ),
            charts.daily(
                [day.isoformat() for day, _ in days],
                [visits for _, visits in days],
                words("visits"),
                words("day"),
            ),
            [(day.isoformat(), day.isoformat(), visits) for day, visits in days],
        )
    )

    # Weekday by hour.
    weekdays = words("weekdays").split()
    weekdays_long = words("weekdays_long").split()
    peak_visits, peak_day, peak_hour = max(
        (visits, weekday, hour)
        for weekday, row in enumerate(figures.weekday_hour)
        for hour, visits in enumerate(row)
    )
    result.append(
        Chart(
            "heatmap",
            words("heatmap_heading"),
            words(
                "heatmap_reading",
                weekday=weekdays_long[peak_day],
                hour=peak_hour,
                hour_end=peak_hour + 1,
                visits=n(peak_visits, language),
            ),
            words("heatmap_alt", weekday=weekdays_long[peak_day], hour=peak_hour),
            charts.heatmap(figures.weekday_hour, weekdays, words("hour")),
            [
                (f"{weekday}-{hour}", f"{weekdays[weekday]} {hour}:00", visits)
                for weekday, row in enumerate(figures.weekday_hour)
                for hour, visits in enumerate(row)
                if visits
            ],
        )
    )

    # Visit length.
    bin_labels = [words("under", limit=duration(limit, language)) for limit in LENGTH_BINS_S]
    bin_labels.append(words("over", limit=duration(LENGTH_BINS_S[-1], language)))
    measured = sum(figures.length_bins)
    under_two = sum(
        visits for limit, visits in zip(LENGTH_BINS_S, figures.length_bins, strict=False) if limit <= 120
    )
    median = duration(figures.median_length_s, language)
    result.append(
        Chart(
            "length",
            words("length_heading"),
            words("length_reading", share=_share(under_two, measured, language).capitalize(), median=median),
            words("length_alt", median=median),
            charts.bars(bin_labels, figures.length_bins, words("visits")),
            [
                *(
                    (f"bin-{index}", label, visits)
                    for index, (label, visits) in enumerate(zip(bin_labels, figures.length_bins, strict=True))
                ),
                ("median_s", words("summary_median"), round(figures.median_length_s, 1)),
            ],
        )
    )

    # Funnel.
    stages = words("funnel_stages", sections=figures.sections).split("|")
    started = figures.funnel[0]
    result.append(
        Chart(
            "funnel",
            words("funnel_heading"),
            words(
                "funnel_reading",
                visits=n(started, language),
                first=_share(figures.funnel[1], started, language),
                whole=_share(figures.funnel[3], started, language),
                all=_share(figures.funnel[4], started, language),
            ),
            words(
                "funnel_alt",
                stages="; ".join(
                    f"{stage} {value}" for stage, value in zip(stages, figures.funnel, strict=True)
                ),
            ),
            charts.funnel(stages, figures.funnel),
            [
                (f"stage-{index}", stage, value)
                for index, (stage, value) in enumerate(zip(stages, figures.funnel, strict=True))
            ],
        )
    )

    # Panels.
    panels = figures.panels
    shown = min(PANELS_SHOWN, max(1, len(panels) // 2)) if len(panels) > 1 else 1
    most_viewed = panels[:shown]
    least_viewed = panels[::-1][:shown] if len(panels) > 1 else []
    groups = [
        (
            words("panels_most"),
            [_panel_label(view.panel, language) for view in most_viewed],
            [view.views for view in most_viewed],
            [duration(view.median_dwell_s, language) for view in most_viewed],
        )
    ]
    if least_viewed:
        groups.append(
            (
                words("panels_least"),
                [_panel_label(view.panel, language) for view in least_viewed],
                [view.views for view in least_viewed],
                [duration(view.median_dwell_s, language) for view in least_viewed],
            )
        )
    if panels:
        top, bottom = panels[0], panels[-1]
        result.append(
            Chart(
                "panels",
                words("panels_heading"),
                words(
                    "panels_reading",
                    most=_panel_label(top.panel, language),
                    views=n(top.views, language),
                    dwell=duration(top.median_dwell_s, language),
                    least=_panel_label(bottom.panel, language),
                    least_views=n(bottom.views, language),
                ),
                words("panels_alt", count=shown, most=_panel_label(top.panel, language)),
                charts.ranked(groups, words("views")),
                [(f"{view.panel.key}", _panel_label(view.panel, language), view.views) for view in panels]
                + [
                    (
                        f"dwell {view.panel.key}",
                        f"{_panel_label(view.panel, language)}: {words('median_dwell')}, s",
                        round(view.median_dwell_s, 1),
                    )
                    for view in panels
                ],
            )
        )

    # Exits.
    ended = sum(figures.end_reasons.values())
    exits = figures.exits[:EXITS_SHOWN]
    reasons = list(figures.end_reasons.items())
    first_exit, first_exit_visits = exits[0]
    idle = percent(idle_end_share(figures), language)
    result.append(
        Chart(
            "exits",
            words("exits_heading"),
            words(
                "exits_reading",
                idle=idle.capitalize(),
                exit=_panel_label(first_exit, language),
                share=_share(first_exit_visits, figures.visits, language),
            ),
            words("exits_alt", exit=_panel_label(first_exit, language), idle=idle),
            charts.ranked(
                [
                    (
                        words("exits_last_screen"),
                        [_panel_label(panel, language) for panel, _ in exits],
                        [visits for _, visits in exits],
                        [_share(visits, figures.visits, language) for _, visits in exits],
                    ),
                    (
                        words("exits_how"),
                        [named("end_", reason) for reason, _ in reasons],
                        [visits for _, visits in reasons],
                        [_share(visits, ended, language) for _, visits in reasons],
                    ),
                ],
                words("visits"),
            ),
            [
                ("exit " + (panel.key if panel else "home"), _panel_label(panel, language), visits)
                for panel, visits in figures.exits
            ]
            + [(f"end {reason}", named("end_", reason), visits) for reason, visits in reasons],
        )
    )

    # Languages.
    languages = list(figures.languages.items())
    language_names = [named("language_", code) for code, _ in languages]
    _, top_language_visits = languages[0]
    result.append(
        Chart(
            "languages",
            words("languages_heading"),
            words(
                "languages_reading",
                share=_share(top_language_visits, figures.visits, language).capitalize(),
                name=language_names[0],
                switches=n(figures.language_switches, language),
            ),
            words(
                "languages_alt",
                shares=", ".join(
                    f"{name} {_share(visits, figures.visits, language)}"
                    for name, (_, visits) in zip(language_names, languages, strict=True)
                ),
            ),
            charts.bars(language_names, [visits for _, visits in languages], words("visits")),
            [
                (f"language {code}", name, visits)
                for name, (code, visits) in zip(language_names, languages, strict=True)
            ]
            + [("switches", "switches", figures.language_switches)],
        )
    )

    # Access options.
    options = list(figures.access_options.items())
    option_names = [named("option_", option) for option, _ in options]
    if figures.access_visits:
        best = max(range(len(options)), key=lambda index: options[index][1])
        access_reading = words(
            "access_reading",
            share=_share(figures.access_visits, figures.visits, language).capitalize(),
            option=option_names[best],
            visits=n(options[best][1], language),
        )
    else:
        access_reading = words("access_reading_none")
    result.append(
        Chart(
            "access",
            words("access_heading"),
            access_reading,
            words(
                "access_alt",
                shares=", ".join(
                    f"{name} {visits}" for name, (_, visits) in zip(option_names, options, strict=True)
                ),
            ),
            charts.bars(option_names, [visits for _, visits in options], words("visits")),
            [
                (f"option {option}", name, visits)
                for name, (option, visits) in zip(option_names, options, strict=True)
            ]
            + [("any", "any", figures.access_visits)],
        )
    )

    # Narrations.
    other = max(0, figures.narrations_started - figures.narrations_finished - figures.narrations_stopped)
    narration_values = [figures.narrations_finished, figures.narrations_stopped, other]
    narration_labels = [words("narration_finished"), words("narration_stopped"), words("narration_other")]
    result.append(
        Chart(
            "narration",
            words("narration_heading"),
            words(
                "narration_reading",
                started=n(figures.narrations_started, language),
                finished=_share(figures.narrations_finished, figures.narrations_started, language),
                stopped=_share(figures.narrations_stopped, figures.narrations_started, language),
            )
            if figures.narrations_started
            else words("narration_reading_none"),
            words(
                "narration_alt",
                started=figures.narrations_started,
                finished=figures.narrations_finished,
                stopped=figures.narrations_stopped,
                other=other,
            ),
            charts.bars(narration_labels, narration_values, words("narrations"))
            if figures.narrations_started
            else "",
            [
                ("started", "started", figures.narrations_started),
                ("finished", narration_labels[0], figures.narrations_finished),
                ("stopped", narration_labels[1], figures.narrations_stopped),
            ],
        )
    )

    # Documents zoomed.
    if figures.zooms:
        zoomed = figures.zooms[:PANELS_SHOWN]
        ways = sorted({way for _, counts in figures.zooms for way in counts})
        totals = {way: sum(counts.get(way, 0) for _, counts in figures.zooms) for way in ways}
        main_way = max(ways, key=lambda way: totals[way])
        way_names = {way: named("zoom_", way) for way in ways}
        top_panel, top_counts = figures.zooms[0]
        result.append(
            Chart(
                "zooms",
                words("zooms_heading"),
                words(
                    "zooms_reading",
                    zooms=n(sum(totals.values()), language),
                    panel=_panel_label(top_panel, language),
                    panel_zooms=n(sum(top_counts.values()), language),
                    way=way_names[main_way],
                ),
                words("zooms_alt", panel=_panel_label(top_panel, language)),
                charts.stacked(
                    [_panel_label(panel, language) for panel, _ in zoomed],
                    [(way_names[way], [counts.get(way, 0) for _, counts in zoomed]) for way in ways],
                    words("zooms"),
                ),
                [
                    (f"zoom {panel.key}", _panel_label(panel, language), sum(counts.values()))
                    for panel, counts in figures.zooms
                ]
                + [(f"way {way}", way_names[way], totals[way]) for way in ways],
            )
        )
    else:
        result.append(Chart("zooms", words("zooms_heading"), words("zooms_reading_none")))

    # Kiosk by kiosk.
    if len(figures.per_kiosk) > 1:
        ordered = sorted(figures.per_kiosk, key=lambda summary: (-summary.visits, summary.kiosk))
        busiest, quietest = ordered[0], ordered[-1]
        result.append(
            Chart(
                "kiosks",
                words("kiosks_heading"),
                words(
                    "kiosks_reading",
                    busiest=busiest.kiosk,
                    visits=n(busiest.visits, language),
                    quietest=quietest.kiosk,
                    quiet_visits=n(quietest.visits, language),
                ),
                words("kiosks_alt", count=len(ordered), busiest=busiest.kiosk),
                charts.bars(
                    [summary.kiosk for summary in figures.per_kiosk],
                    [summary.visits for summary in figures.per_kiosk],
                    words("visits"),
                    rotate=len(figures.per_kiosk) > 6,
                ),
                [(f"kiosk {summary.kiosk}", summary.kiosk, summary.visits) for summary in figures.per_kiosk],
                _kiosk_table(figures, language),
            )
        )
    return result


def _kiosk_table(figures: Figures, language: str) -> str:
    """Each kiosk's key figures side by side, with machine-readable values for the tests."""
    headings = ("kiosk", "visits", "active_days", "median_visit", "whole_section_share", "idle_share")
    head = "".join(f'<th scope="col">{html.escape(text(key, language))}</th>' for key in headings)
    rows = []
    for summary in figures.per_kiosk:
        cells = [
            ("visits", summary.visits, number(summary.visits, language)),
            ("active_days", summary.active_days, number(summary.active_days, language)),
            ("median_s", round(summary.median_length_s, 1), duration(summary.median_length_s, language)),
            (
                "whole_section",
                round(summary.whole_section_share, 4),
                percent(summary.whole_section_share, language),
            ),
            ("idle", round(summary.idle_end_share, 4), percent(summary.idle_end_share, language)),
        ]
        row = "".join(
            f'<td data-key="{html.escape(f"{summary.kiosk} {key}")}" data-value="{value}">{html.escape(shown)}</td>'
            for key, value, shown in cells
        )
        rows.append(f'<tr><th scope="row">{html.escape(summary.kiosk)}</th>{row}</tr>')
    return f'<table class="kiosks"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def write_report(sources: Sequence[Path], output: Path, period: Period, language: str, today: date) -> None:
    """Writes the report whole or not at all (beside, then renamed)."""
    document = build_report(sources, period, language, today)
    partial = output.with_name(f".{output.name}.partial")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(document, encoding="utf-8")
        partial.replace(output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise SourceError(f"{output}: cannot be written: {error.strerror}") from None
