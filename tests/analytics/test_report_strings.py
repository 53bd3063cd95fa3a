"""The report's words: every entry in every language, with the same fields to fill, and a Russian
report with no English left in it."""

import re
import string
from datetime import date
from pathlib import Path

from kiosk.analytics.report import build_report
from kiosk.analytics.schema import AccessOption, End, Zoom
from kiosk.analytics.sources import Period
from kiosk.analytics.strings import CATALOGUE, LANGUAGES, duration
from tests.analytics.journeys import random_journeys, write_events

#: Entries with no words of their own, only fields and signs.
SAME_IN_BOTH = {"subtitle", "under", "over"}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_entry_is_in_every_language_with_the_same_fields() -> None:
    for key, entry in CATALOGUE.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(text.strip() for text in entry.values()), key
        assert entry["en"] != entry["ru"] or key in SAME_IN_BOTH, f"{key}: not translated"
        assert _fields(entry["en"]) == _fields(entry["ru"]), key
        assert entry["en"].count("|") == entry["ru"].count("|"), key
        assert len(entry["en"].split()) == len(entry["ru"].split()) or not key.startswith("weekdays"), key


def test_every_recorded_value_has_words() -> None:
    """A value the recorder may write (an end, an access option, a way of zooming) is named in
    both languages, never shown as the recorder's code."""
    for prefix, values in (("end_", End), ("option_", AccessOption), ("zoom_", Zoom)):
        for value in values:
            assert prefix + value in CATALOGUE, prefix + value


def test_a_russian_report_has_no_english_words(tmp_path: Path) -> None:
    database = tmp_path / "events.sqlite3"
    write_events(database, random_journeys("gallery-1", days=10, seed=3))
    document = build_report([database], Period(), "ru", date(2026, 12, 7))
    visible = re.sub(r"<style>.*?</style>|<[^>]+>", " ", document, flags=re.DOTALL)
    for key, entry in CATALOGUE.items():
        for phrase in re.split(r"\{[^}]*\}|\|", entry["en"]):
            phrase = phrase.strip(" .,;:()·–")
            if len(phrase) > 6 and phrase not in entry["ru"]:
                assert phrase not in visible, (key, phrase)


def test_durations_read_as_people_say_them() -> None:
    assert duration(45, "en") == "45 s"
    assert duration(100, "en") == "1 min 40 s"
    assert duration(100, "ru") == "1 мин 40 с"
    assert duration(120, "en") == "2 min"
    assert duration(754, "en") == "13 min"
