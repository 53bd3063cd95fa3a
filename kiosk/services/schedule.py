"""Opening hours and daily times: when the kiosk is open, and when that next changes. Pure Python.

Times are wall-clock times: a datetime is read by its weekday, hour and minute, and the datetimes
returned keep the `tzinfo` of the one given (none for naive local time). Opening hours are given
per day as one or more periods, such as "10:00-18:00" or "10:00-13:00, 14:00-18:00". A period
that ends at or before its start runs past midnight into the next day: "18:00-02:00" on a Friday
keeps the kiosk open until 02:00 on Saturday, whatever Saturday's own hours are. "00:00-24:00" is
the whole day. Periods that meet or overlap, on one day or across midnight, are one opening.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CLOSED = "closed"

_MINUTES_PER_DAY = 24 * 60
_SECONDS_PER_WEEK = 7 * _MINUTES_PER_DAY * 60
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_DASHES = ("-", "–", "—")  # hyphen, en dash, em dash: staff type all three


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """One opening on one day, in minutes after that day's midnight.

    `end` is greater than `start`; past 1440 it falls on the next day ("18:00-02:00" is 1080 to 1560).
    A period lasts less than a day, or is the whole day from midnight (0 to 1440).
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not _fits(self.start, self.end):
            raise ValueError(f"not an opening period: {self.start}-{self.end} minutes")

    def __str__(self) -> str:
        end = self.end if self.end == _MINUTES_PER_DAY else self.end % _MINUTES_PER_DAY
        return f"{_clock(self.start)}-{_clock(end)}"


def parse_time(text: str) -> time:
    """'4:30' or '04:30' as a time of day; raises ValueError with a message for staff."""
    minutes = _parse_minutes(text.strip(), allow_midnight_end=False)
    return time(minutes // 60, minutes % 60)


def format_time(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def parse_periods(text: str) -> tuple[Period, ...]:
    """One day's hours: 'closed', or periods like '10:00-18:00' separated by commas.

    Raises ValueError with a message for staff.
    """
    text = text.strip()
    if text.lower() == CLOSED:
        return ()
    if not text:
        raise ValueError(f'no hours given; write them like "10:00-18:00", or {CLOSED}')
    periods = []
    for part in text.split(","):
        part = part.strip()
        for dash in _DASHES:
            part = part.replace(dash, "-")
        start_text, dash, end_text = part.partition("-")
        if not dash or not start_text.strip() or not end_text.strip():
            raise ValueError(
                f'expected hours like "10:00-18:00" (opening-closing), or {CLOSED}; found "{part}"'
            )
        start = _parse_minutes(start_text.strip(), allow_midnight_end=False)
        end = _parse_minutes(end_text.strip(), allow_midnight_end=True)
        if end == start:
            raise ValueError(
                f'"{part}" opens and closes at the same time; for the whole day write "00:00-24:00"'
            )
        if end <= start:
            end += _MINUTES_PER_DAY  # past midnight, into the next day
        periods.append(Period(start, end))
    return _merge(periods)


def _parse_minutes(text: str, *, allow_midnight_end: bool) -> int:
    match = _TIME.fullmatch(text)
    if match is None:
        raise ValueError(f'expected a time like "09:30" (24-hour clock), found "{text}"')
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours > 24 or (hours == 24 and (minutes or not allow_midnight_end)):
        raise ValueError(f'"{text}" is not a time of day (00:00 to 23:59)')
    return hours * 60 + minutes


def _fits(start: int, end: int) -> bool:
    return 0 <= start < _MINUTES_PER_DAY and (
        start < end < start + _MINUTES_PER_DAY or (start, end) == (0, _MINUTES_PER_DAY)
    )


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _merge(periods: list[Period]) -> tuple[Period, ...]:
    merged: list[Period] = []
    for period in sorted(periods):
        # Periods that meet or overlap become one, unless together they would not fit a day; the
        # week's spans join those.
        end = max(merged[-1].end, period.end) if merged else 0
        if merged and period.start <= merged[-1].end and _fits(merged[-1].start, end):
            merged[-1] = Period(merged[-1].start, end)
        else:
            merged.append(period)
    return tuple(merged)


@dataclass(frozen=True)
class OpeningHours:
    """When the kiosk is open, week by week: the periods of each day, Monday first."""

    days: tuple[tuple[Period, ...], ...]
    # Where in the week (seconds after Monday 00:00) the kiosk opens and closes, and the spans it is open.
    _spans: tuple[tuple[int, int], ...] = field(init=False, repr=False, compare=False)
    _changes: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.days) != len(WEEKDAYS):
            raise ValueError(f"opening hours need all {len(WEEKDAYS)} days, Monday first")
        object.__setattr__(self, "days", tuple(_merge(list(periods)) for periods in self.days))
        spans, changes = _week_spans(self.days)
        object.__setattr__(self, "_spans", spans)
        object.__setattr__(self, "_changes", changes)

    @classmethod
    def from_text(cls, hours: Mapping[str, str]) -> "OpeningHours":
        """From day names to hours as written in the settings; 'everyday' is the default for days not named.

        Days neither named nor covered by 'everyday' are closed. Raises ValueError for unknown days
        or hours that cannot be read.
        """
        unknown = set(hours) - {*WEEKDAYS, "everyday"}
        if unknown:
            raise ValueError(f"unknown day names: {', '.join(sorted(unknown))}")
        fallback = hours.get("everyday", CLOSED)
        return cls(tuple(parse_periods(hours.get(day, fallback)) for day in WEEKDAYS))

    def as_text(self) -> dict[str, str]:
        """Day names to hours, as `from_text` reads them; one 'everyday' when all days are the same."""
        texts = [", ".join(str(period) for period in periods) or CLOSED for periods in self.days]
        if len(set(texts)) == 1:
            return {"everyday": texts[0]}
        return dict(zip(WEEKDAYS, texts, strict=True))

    @property
    def never_open(self) -> bool:
        return not self._spans

    @property
    def always_open(self) -> bool:
        return bool(self._spans) and not self._changes

    def is_open(self, at: datetime) -> bool:
        moment = _week_seconds(at)
        return any(start <= moment < end for start, end in self._spans)

    def next_change(self, after: datetime) -> datetime | None:
        """The first moment strictly after `after` at which the kiosk opens or closes; None if it never does."""
        if not self._changes:
            return None
        moment = _week_seconds(after)
        later = [change for change in self._changes if change > moment]
        change = later[0] if later else self._changes[0] + _SECONDS_PER_WEEK
        return _week_start(after) + timedelta(seconds=change)


def next_daily_time(t: time, after: datetime) -> datetime:
    """The first moment strictly after `after` whose wall-clock time is `t`, in `after`'s time zone."""
    candidate = after.replace(hour=t.hour, minute=t.minute, second=t.second, microsecond=t.microsecond)
    if candidate <= after:
        candidate = (after + timedelta(days=1)).replace(
            hour=t.hour, minute=t.minute, second=t.second, microsecond=t.microsecond
        )
    return candidate


def _week_start(at: datetime) -> datetime:
    return at.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=at.weekday())


def _week_seconds(at: datetime) -> float:
    return (
        at.weekday() * _MINUTES_PER_DAY * 60
        + at.hour * 3600
        + at.minute * 60
        + at.second
        + at.microsecond / 1_000_000
    )


def _week_spans(days: tuple[tuple[Period, ...], ...]) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """The open spans of a week in seconds after Monday 00:00, and the moments the state changes."""
    pieces: list[tuple[int, int]] = []
    for day, periods in enumerate(days):
        for period in periods:
            start = (day * _MINUTES_PER_DAY + period.start) * 60
            end = (day * _MINUTES_PER_DAY + period.end) * 60
            if end > _SECONDS_PER_WEEK:  # Sunday night into Monday morning
                pieces.append((start, _SECONDS_PER_WEEK))
                pieces.append((0, end - _SECONDS_PER_WEEK))
            else:
                pieces.append((start, end))
    spans: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    changes = {point for span in spans for point in span}
    # The week wraps: an opening that runs through Sunday midnight changes nothing there.
    if spans and spans[0][0] == 0 and spans[-1][1] == _SECONDS_PER_WEEK:
        changes.discard(0)
        changes.discard(_SECONDS_PER_WEEK)
    changes = {point % _SECONDS_PER_WEEK for point in changes}
    return tuple(spans), tuple(sorted(changes))
