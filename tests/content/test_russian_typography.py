"""Russian text set as a Russian book sets it: what the house rule asks for, and what it leaves alone."""

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content.loader import load_exhibit
from kiosk.content.russian_typography import findings, is_russian

Write = Callable[..., Path]


def fragments(text: str) -> list[str]:
    return [finding.fragment for finding in findings(text)]


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("16 ноября 1933 г. М. М. Литвинов обменялся письмами с президентом.", ["1933 г.", "М. М. Литвинов"]),
        ("В 1918–1920 гг. войска США стояли под Архангельском.", ["1920 гг."]),
        ("Письмо напечатано в «Документах внешней политики СССР», т. XVI, с. 812.", ["т. XVI", "с. 812"]),
        ("Американцы требовали 187 млн долл., т. е. долг Временного правительства.", ["187 млн", "т. е."]),
        ("Кредиты, займы и т. д. обсуждались до 1935 г.", ["и т. д.", "1935 г."]),
        ("Посольство получило 1,5 млрд и ещё 20 тыс. долл.", ["1,5 млрд", "20 тыс."]),
        ("Признание - не дружба.", ["Признание - не"]),
        ("Переговоры шли 1933 - 1934.", ["1933 - 1934"]),
        ('Газета "Известия" напечатала оба письма.', ['"Известия"']),
        ("Первым послом стал У. К. Буллит.", ["У. К. Буллит"]),
        ("Источник: Р. Дж. Фортин (1979).", ["Р. Дж. Фортин"]),
    ],
)
def test_what_a_russian_editor_would_mark_is_flagged(sentence: str, flagged: list[str]) -> None:
    assert sorted(fragments(sentence)) == sorted(flagged)


@pytest.mark.parametrize(
    "sentence",
    [
        # Already set with non-breaking spaces.
        "16 ноября 1933\u00a0г. М.\u00a0М.\u00a0Литвинов обменялся письмами, т.\u00a0е. нотами.",
        "См.: т.\u00a0XVI, с.\u00a0812; и\u00a0т.\u00a0д.; 187\u00a0млн\u00a0долл.",
        # Hyphenated words, a dash set right, list items and ranges set with an en dash.
        "Нью-Йорк, Рузвельт-младший, кто-то — и годы 1933–1934.",
        "- первый пункт\n- второй пункт",
        # Russian quotation marks, and words quoted in their own language.
        'Газета «Известия» и журнал “Time” писали об этом; англичане говорили "recognition".',
        # A preposition «с» is no page, an abbreviation inside a word is no initial.
        "Встреча с президентом США. Москва ответила 17 ноября.",
        "Год 1933-й был годом признания.",
    ],
)
def test_what_is_already_right_is_not_flagged(sentence: str) -> None:
    assert fragments(sentence) == []


def test_a_text_in_another_language_is_not_russian() -> None:
    assert is_russian("М. М. Литвинов прибыл в Вашингтон.")
    # A quotation kept in English within the Russian texts.
    assert not is_russian('"My dear Mr. President," wrote M. Litvinov - in 1933.')


def test_the_advice_says_what_to_type() -> None:
    [initials] = findings("Письмо подписал М. М. Литвинов.")
    assert initials.advice == (
        "«М. М. Литвинов»: type a non-breaking space (U+00A0) after each initial instead of the space, "
        "so that the initials stay on the line of the surname"
    )
    [dash] = findings("Признание - не дружба.")
    assert dash.advice == "«Признание - не»: a hyphen between words; type a dash: «Признание — не»"
    [quotes] = findings('Газета "Известия".')
    assert quotes.advice == 'the straight quotes of "Известия": type Russian quotation marks: «Известия»'


EXHIBIT = """\
title: {en: Recognition, ru: Признание}
languages: [en, ru]
sections:
  - id: context
    title: {en: Context, ru: Контекст}
    teaser: {en: Before 1933, ru: До 1933 года}
    panels:
      - kind: text
        title: {en: The envoy, ru: Посланник}
        body:
          en: |
            In November 1933 M. M. Litvinov sailed to New York - and "talked".
          ru: |
            В ноябре 1933 г. нарком
            М. М. Литвинов отплыл в Нью-Йорк. В 1933 г. это было событием.
      - kind: quote
        title: {en: A quotation, ru: Цитата}
        text:
          en: "Dear Mr. President - I have the honour."
          ru: "Dear Mr. President - I have the honour."
        attribution: {en: M. Litvinov, ru: М.\u00a0Литвинов}
        source: {en: A volume, ru: Издание}
"""


def test_a_russian_text_is_warned_of_at_the_fragment(exhibit_dir: Path, write: Write) -> None:
    path = write(EXHIBIT)
    result = load_exhibit(exhibit_dir)
    assert result.exhibit is not None
    lines = path.read_text(encoding="utf-8").splitlines()
    year_line = next(number for number, line in enumerate(lines, 1) if "ноябре 1933 г." in line)
    name_line = year_line + 1
    typography = [warning.format() for warning in result.warnings if "Russian typography" in warning.format()]
    assert typography == [
        f"{path}:{year_line}:22: warning: sections[0].panels[0].body.ru: Russian typography: «1933 г.»: "
        "type a non-breaking space (U+00A0) between the number and «г.» instead of the space",
        f"{path}:{name_line}:13: warning: sections[0].panels[0].body.ru: Russian typography: «М. М. Литвинов»: "
        "type a non-breaking space (U+00A0) after each initial instead of the space, so that the initials "
        "stay on the line of the surname",
        f"{path}:{name_line}:49: warning: sections[0].panels[0].body.ru: Russian typography: «1933 г.»: "
        "type a non-breaking space (U+00A0) between the number and «г.» instead of the space",
    ]
