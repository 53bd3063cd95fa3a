"""Shows the exhibit's partial ISO dates as a visitor reads them, in the visitor's language."""

#: Month names as they stand alone ("November 1933", "ноябрь 1933 г.").
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
    "ru": (
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ),
}
#: Month names after a day, where a language declines them: Russian writes "16 ноября", in the genitive.
MONTHS_AFTER_DAY = {
    "ru": (
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
}
#: What follows a year, and a span of years, where a language's dates say "year": "1933 г.", "1917–1933 гг.".
YEAR_MARK = {"ru": ("\N{NO-BREAK SPACE}г.", "\N{NO-BREAK SPACE}гг.")}


def _language(language: str) -> str:
    """The table a language's dates are written from: 'ru-RU' as 'ru'; English when it has none."""
    base = language.split("-")[0]
    return base if base in MONTHS else "en"


def format_date(iso: str, language: str = "en") -> str:
    """'1933-11-16' -> '16 November 1933' ('16 ноября 1933 г.'); '1918-08' -> 'August 1918'
    ('август 1918 г.'); '1926' -> '1926' ('1926 г.')."""
    language = _language(language)
    parts = iso.split("-")
    year = parts[0] + YEAR_MARK.get(language, ("", ""))[0]
    if len(parts) == 1:
        return year
    month = int(parts[1]) - 1
    if len(parts) == 2:
        return f"{MONTHS[language][month]} {year}"
    return f"{int(parts[2])} {MONTHS_AFTER_DAY.get(language, MONTHS[language])[month]} {year}"


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
    """'1918-08' to '1920-04' -> 'August 1918 – April 1920'; '1917' to '1933' -> '1917–1933'
    ('1917–1933 гг.' in Russian)."""
    if end is None:
        return format_date(start, language)
    if "-" not in start and "-" not in end:
        return f"{start}–{end}{YEAR_MARK.get(_language(language), ('', ''))[1]}"
    return f"{format_date(start, language)} – {format_date(end, language)}"
