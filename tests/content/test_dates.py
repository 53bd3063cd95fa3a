"""Dates read as a visitor of each language writes them."""

import pytest

from kiosk.content.dates import format_date, format_span

NBSP = "\N{NO-BREAK SPACE}"


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        # A day declines its month (genitive); a month alone stands in the nominative.
        ("1933-11-16", f"16 ноября 1933{NBSP}г."),
        ("1933-03-04", f"4 марта 1933{NBSP}г."),
        ("1918-08", f"август 1918{NBSP}г."),
        ("1933-05", f"май 1933{NBSP}г."),
        ("1926", f"1926{NBSP}г."),
    ],
)
def test_russian_dates(iso: str, shown: str) -> None:
    assert format_date(iso, "ru") == shown


def test_a_regional_code_reads_as_its_language() -> None:
    assert format_date("1933-11-16", "ru-RU") == f"16 ноября 1933{NBSP}г."


def test_a_language_without_month_names_reads_in_english() -> None:
    assert format_date("1933-11-16", "fr") == "16 November 1933"


@pytest.mark.parametrize(
    ("start", "end", "language", "shown"),
    [
        ("1917", "1933", "en", "1917–1933"),
        ("1917", "1933", "ru", f"1917–1933{NBSP}гг."),
        ("1918-08", "1920-04", "en", "August 1918 – April 1920"),
        ("1918-08", "1920-04", "ru", f"август 1918{NBSP}г. – апрель 1920{NBSP}г."),
        ("1933-11-16", None, "ru", f"16 ноября 1933{NBSP}г."),
    ],
)
def test_spans_take_an_en_dash(start: str, end: str | None, language: str, shown: str) -> None:
    assert format_span(start, end, language) == shown
