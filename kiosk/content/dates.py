"""Shows the exhibit's partial ISO dates as a visitor reads them."""

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def format_date(iso: str, language: str = "en") -> str:
    """'1933-11-16' -> '16 November 1933'; '1918-08' -> 'August 1918'; '1926' -> '1926'."""
    parts = iso.split("-")
    months = MONTHS.get(language, MONTHS["en"])
    year = parts[0]
    if len(parts) == 1:
        return year
    month = months[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {year}"
    return f"{int(parts[2])} {month} {year}"


def year_of(iso: str) -> str:
    return iso.split("-")[0]


def date_bounds(iso: str) -> tuple[float, float]:
    """The stretch of time a partial date covers, in years: '1933' -> (1933.0, 1934.0).

    A month covers its twelfth of the year, a day its 365th (near enough to place it on a line).
    """
    parts = [int(part) for part in iso.split("-")]
    year = float(parts[0])
    if len(parts) == 1:
        return year, year + 1
    month_start = year + (parts[1] - 1) / 12
    if len(parts) == 2:
        return month_start, month_start + 1 / 12
    day_start = month_start + (parts[2] - 1) / 365
    return day_start, day_start + 1 / 365


def format_span(start: str, end: str | None, language: str = "en") -> str:
    """'1918-08' to '1920-04' -> 'August 1918 – April 1920'; '1917' to '1933' -> '1917–1933'."""
    if end is None:
        return format_date(start, language)
    if "-" not in start and "-" not in end:
        return f"{start}–{end}"
    return f"{format_date(start, language)} – {format_date(end, language)}"
