"""tools/narrate.py: what the synthetic voice says, and that the shipped recordings read their panels.

eSpeak NG reads digits in the nominative whatever surrounds them («1933 года» came out as «одна
тысяча девятьсот тридцать три года»), so the Russian voice is given numbers in words, in the case
the sentence needs; the captions keep the digits as the panel writes them.
"""

from pathlib import Path

import pytest

from kiosk.content.captions import read_webvtt
from kiosk.content.yaml_source import read_yaml
from tools.narrate import panel_text, pieces_of, russian_numbers_in_words, spoken

REPOSITORY = Path(__file__).resolve().parents[1]
EXHIBIT = REPOSITORY / "exhibits" / "recognition-1933"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        # A date: the day and the year as ordinals in the genitive.
        ("16 ноября 1933 г.", "шестнадцатого ноября тысяча девятьсот тридцать третьего года"),
        ("16\u00a0ноября 1933\u00a0г.", "шестнадцатого ноября тысяча девятьсот тридцать третьего года"),
        ("к 16 ноября", "к шестнадцатому ноября"),
        # A year takes the case its preposition asks for.
        ("в 1933 г.", "в тысяча девятьсот тридцать третьем году"),
        ("в 1933 году", "в тысяча девятьсот тридцать третьем году"),
        ("к 1935 г.", "к тысяча девятьсот тридцать пятому году"),
        ("обязательства 1933 г.", "обязательства тысяча девятьсот тридцать третьего года"),
        (
            "с 1934 по 1999 г.",
            "с тысяча девятьсот тридцать четвёртого по тысяча девятьсот девяносто девятый год",
        ),
        (
            "в 1934 и 1935 гг.",
            "в тысяча девятьсот тридцать четвёртом и тысяча девятьсот тридцать пятом годах",
        ),
        (
            "интервенцию 1918–1920 гг.",
            "интервенцию тысяча девятьсот восемнадцатого–тысяча девятьсот двадцатого годов",
        ),
        ("в 1934–1935 гг.", "в тысяча девятьсот тридцать четвёртом–тысяча девятьсот тридцать пятом годах"),
        # Sums.
        ("150 млн долл.", "сто пятьдесят миллионов долларов"),
        ("на 30 млн долл.", "на тридцать миллионов долларов"),
        ("от 75 до 150 млн долл.", "от семидесяти пяти до ста пятидесяти миллионов долларов"),
        ("около 3 млн долл.", "около трёх миллионов долларов"),
        ("1 млрд долл.", "один миллиард долларов"),
        ("75\u00a0000\u00a0000 долларов", "семьдесят пять миллионов долларов"),
        # Ordinals by their written ending, counts and times.
        ("на 27-е место", "на двадцать седьмое место"),
        ("пункты 3 и 4", "пункты три и четыре"),
        ("в 16:14", "в шестнадцать четырнадцать"),
    ],
)
def test_the_russian_voice_is_given_numbers_in_words_in_their_case(written: str, said: str) -> None:
    assert russian_numbers_in_words(written) == said


def test_the_russian_voice_says_abbreviations_and_numbers_in_full() -> None:
    assert spoken("Объявлено 17 ноября 1933 г., т. е. на следующий день; США.", "ru") == (
        "Объявлено семнадцатого ноября тысяча девятьсот тридцать третьего года, то есть на следующий день; "
        "Соединённые Штаты."
    )


def test_the_english_voice_keeps_its_digits() -> None:
    assert spoken("On 16 November 1933 Henry Morgenthau Jr. paid $75 million.", "en") == (
        "On 16 November 1933 Henry Morgenthau Junior paid $75 million."
    )


def test_captions_keep_the_digits_and_show_a_glossary_mark_as_its_words() -> None:
    pieces = pieces_of("В 1917 г. правительство [[Керенского|kerensky]] заняло 75 млн долл.")
    assert [piece.text for piece in pieces] == ["В 1917 г. правительство Керенского заняло 75 млн долл."]


def narrated_panels() -> list[tuple[Path, int, str, str]]:
    """Each narration the exhibit ships: its section file, panel, language and caption file."""
    found = []
    for section in sorted((EXHIBIT / "sections").glob("*.yaml")):
        for index, panel in enumerate(read_yaml(section).data["panels"]):
            for language, narration in (panel.get("narration") or {}).items():
                found.append((section, index, language, narration["captions"]))
    return found


@pytest.mark.parametrize(
    ("section", "index", "language", "captions"),
    narrated_panels(),
    ids=lambda value: value.name if isinstance(value, Path) else str(value),
)
def test_each_shipped_recording_reads_its_panel_as_it_now_stands(
    section: Path, index: int, language: str, captions: str
) -> None:
    # A panel's text edited without making its recording again: the visitor would hear one text
    # and read another. Make it again with tools/narrate.py (see its docstring).
    expected = [piece.text for piece in pieces_of(panel_text(section, index, language))]
    assert [cue.text for cue in read_webvtt(EXHIBIT / captions)] == expected
