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
