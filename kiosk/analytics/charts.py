"""The report's charts, drawn by matplotlib as SVG without a display (the Figure API with its own
canvas: no pyplot, no global figure state, no GUI backend), in the exhibit's paper, ink and one
accent. Text is drawn as outlines, so that a chart looks the same wherever it is opened."""

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

PAPER: Final = "#F3ECDF"
CARD: Final = "#FBF7EF"
INK: Final = "#1E1A17"
INK_SOFT: Final = "#4F463E"
RULE: Final = "#8E8270"
ACCENT: Final = "#1F3A66"
#: Shades of the accent, for parts of one bar (ways of zooming, narration outcomes).
ACCENT_SHADES: Final = ("#1F3A66", "#5B7196", "#9AA8C0", "#CBD2DE")
WIDTH_IN: Final = 7.2

_FONTS: Final = Path(__file__).resolve().parents[2] / "assets" / "fonts"


def _font_family() -> list[str]:
    """The exhibit's Noto Sans where the source tree has it, with DejaVu Sans (matplotlib's own,
    with Cyrillic) for the glyphs it lacks and where it is not there."""
    families = []
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        path = _FONTS / name
        if path.is_file():
            font_manager.fontManager.addfont(str(path))
            families = ["Noto Sans"]
    return [*families, "DejaVu Sans"]


_STYLE: Final[dict[str, Any]] = {
    "font.size": 9,
    "text.color": INK,
    "axes.edgecolor": RULE,
    "axes.labelcolor": INK_SOFT,
    "axes.facecolor": CARD,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": INK_SOFT,
    "ytick.color": INK_SOFT,
    "figure.facecolor": CARD,
    "svg.fonttype": "path",
    # Element ids from a fixed salt: the same data draws the same file.
    "svg.hashsalt": "kiosk-report",
}


@contextmanager
def _figure(height_in: float, columns: int = 1) -> Iterator[tuple[Figure, list[Axes]]]:
    settings: Any = {**_STYLE, "font.family": _font_family()}  # matplotlib types its keys as literals
    with mpl.rc_context(settings):
        figure = Figure(figsize=(WIDTH_IN, height_in), layout="constrained")
        axes = list(figure.subplots(1, columns, squeeze=False)[0])
        yield figure, axes


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def bars(labels: Sequence[str], values: Sequence[int], value_label: str, rotate: bool = False) -> str:
    """Vertical bars, one per label."""
    with _figure(2.2) as (figure, (axes,)):
        positions = range(len(values))
        axes.bar(positions, values, color=ACCENT, width=0.7)
        axes.set_xticks(
            list(positions), list(labels), rotation=45 if rotate else 0, ha="right" if rotate else "center"
        )
        axes.set_ylabel(value_label)
        axes.grid(axis="y", color=RULE, alpha=0.3, linewidth=0.5)
        axes.set_axisbelow(True)
        return _svg(figure)


def daily(days: Sequence[str], values: Sequence[int], value_label: str, day_label: str) -> str:
    """Visits per day: thin bars over the period, with a few dates on the axis."""
    with _figure(2.4) as (figure, (axes,)):
        positions = list(range(len(values)))
        axes.bar(positions, values, color=ACCENT, width=1.0 if len(values) > 60 else 0.8)
        step = max(1, len(values) // 8)
        axes.set_xticks(positions[::step], list(days[::step]))
        axes.set_xlabel(day_label)
        axes.set_ylabel(value_label)
        axes.set_xlim(-0.5, len(values) - 0.5)
        axes.grid(axis="y", color=RULE, alpha=0.3, linewidth=0.5)
        axes.set_axisbelow(True)
        return _svg(figure)


def heatmap(cells: Sequence[Sequence[int]], weekdays: Sequence[str], hour_label: str) -> str:
    """Weekday rows by hour columns, paper to accent."""
    colours = LinearSegmentedColormap.from_list("paper_to_accent", [CARD, ACCENT])
    with _figure(2.6) as (figure, (axes,)):
        image = axes.imshow(cells, aspect="auto", cmap=colours, interpolation="nearest")
        axes.set_yticks(range(7), list(weekdays))
        axes.set_xticks(range(0, 24, 2), [str(hour) for hour in range(0, 24, 2)])
        axes.set_xlabel(hour_label)
        for side in ("left", "bottom"):
            axes.spines[side].set_visible(False)
        axes.tick_params(length=0)
        colourbar = figure.colorbar(image, ax=axes, shrink=0.9, pad=0.01)
        colourbar.outline.set_visible(False)
        return _svg(figure)


def funnel(stages: Sequence[str], values: Sequence[int]) -> str:
    """Stages as horizontal bars narrowing down, each with its count and its share of the first."""
    with _figure(2.4) as (figure, (axes,)):
        top = max(values[0], 1)
        positions = list(range(len(values)))[::-1]
        axes.barh(positions, values, color=ACCENT, height=0.65)
        axes.set_yticks(positions, list(stages))
        axes.set_xlim(0, top * 1.25)
        for position, value in zip(positions, values, strict=True):
            axes.text(value + top * 0.01, position, f"{value:,}  ({value / top:.0%})", va="center", color=INK)
        axes.set_xticks([])
        axes.spines["bottom"].set_visible(False)
        axes.tick_params(axis="y", length=0)
        return _svg(figure)


def ranked(
    groups: Sequence[tuple[str, Sequence[str], Sequence[int], Sequence[str]]], value_label: str
) -> str:
    """Side by side horizontal bar charts (a title, labels, values, and a note at each bar's end),
    the first row at the top."""
    rows = max((len(labels) for _, labels, _, _ in groups), default=1)
    with _figure(0.6 + 0.24 * rows, columns=len(groups)) as (figure, axes_list):
        top = max((max(values, default=0) for _, _, values, _ in groups), default=1) or 1
        for axes, (title, labels, values, notes) in zip(axes_list, groups, strict=True):
            positions = list(range(len(values)))[::-1]
            axes.barh(positions, values, color=ACCENT, height=0.65)
            axes.set_yticks(positions, [_shorten(label) for label in labels])
            axes.set_xlim(0, top * 1.45)
            axes.set_title(title, loc="left", fontsize=9, color=INK)
            axes.set_xlabel(value_label)
            axes.tick_params(axis="y", length=0)
            for position, value, note in zip(positions, values, notes, strict=True):
                axes.text(value + top * 0.02, position, note, va="center", fontsize=7.5, color=INK_SOFT)
        return _svg(figure)


def stacked(labels: Sequence[str], parts: Sequence[tuple[str, Sequence[int]]], value_label: str) -> str:
    """Horizontal bars of several parts each, with a legend."""
    with _figure(0.9 + 0.26 * max(len(labels), 1)) as (figure, (axes,)):
        positions = list(range(len(labels)))[::-1]
        lefts = [0] * len(labels)
        for (name, values), colour in zip(parts, ACCENT_SHADES, strict=False):
            axes.barh(positions, values, left=lefts, color=colour, height=0.65, label=name)
            lefts = [left + value for left, value in zip(lefts, values, strict=True)]
        axes.set_yticks(positions, [_shorten(label) for label in labels])
        axes.set_xlabel(value_label)
        axes.tick_params(axis="y", length=0)
        axes.legend(frameon=False, loc="lower right", fontsize=8)
        return _svg(figure)


def _shorten(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
