"""A long letter's excerpt: the transcript's own words, in its languages, short enough for a panel."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.content.loader import load_exhibit
from kiosk.content.phrases import excerpt_pieces
from kiosk.viewmodels.presentation import Presenter

Write = Callable[..., Path]

EXHIBIT = """\
title: Test Exhibit
languages: [en, ru]
sections:
  - sections/letters.yaml
"""
SECTION = """\
id: letters
title: {{en: Letters, ru: Письма}}
teaser: {{en: A letter, ru: Письмо}}
panels:
  - kind: document
    title: {{en: A letter, ru: Письмо}}
    date: 1933-11-16
    from: {{en: Franklin D. Roosevelt, ru: Франклин Рузвельт}}
    to: {{en: Maxim Litvinov, ru: Максим Литвинов}}
    transcript_status: full
    source: {{en: A printed volume, ru: Печатное издание}}
    transcript:
      en: |
        My Dear Mr. Litvinov: I am glad to inform you that as a result of our
        conversations the Government of the United States has decided to establish
        normal diplomatic relations.

        I trust that the relations now established between our peoples may forever
        remain normal and friendly.
      ru: |
        Дорогой г-н Литвинов! Я рад сообщить Вам, что в результате наших бесед
        правительство Соединённых Штатов решило установить нормальные
        дипломатические отношения.

        Я надеюсь, что отношения, установленные ныне между нашими народами,
        навсегда останутся нормальными и дружественными.
{excerpt}"""

GOOD_EXCERPT = """\
    excerpt:
      en: |
        […]
        the Government of the United States has decided to establish normal
        diplomatic relations.
        […]
        I trust that the relations now established between our peoples may forever
        remain normal and friendly.
      ru: |
        […]
        правительство Соединённых Штатов решило установить нормальные
        дипломатические отношения.
        [...]
        навсегда останутся нормальными и дружественными.
"""


def messages(folder: Path) -> tuple[list[str], list[str]]:
    result = load_exhibit(folder)
    return [problem.format() for problem in result.problems], [
        problem.format() for problem in result.warnings
    ]


def line_and_column(path: Path, text: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(f"{text!r} not in {path}")


def test_an_excerpt_is_cut_at_its_gap_lines() -> None:
    assert excerpt_pieces("One.\n[…]\nTwo,\nthree.\n  [...]  \nFour.") == ["One.", "Two,\nthree.", "Four."]
    # A gap that opens or closes the excerpt leaves an empty piece: the words go on beyond it.
    assert excerpt_pieces("[…]\nThe middle.\n[…]") == ["", "The middle.", ""]
    # Brackets inside a line are the letter's own.
    assert excerpt_pieces("I am [etc.] and […] yours") == ["I am [etc.] and […] yours"]


def test_pieces_of_the_transcript_in_each_language_are_valid(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT)
    write(SECTION.format(excerpt=GOOD_EXCERPT), "sections/letters.yaml")
    errors, warnings = messages(exhibit_dir)
    assert errors == []
    assert not [warning for warning in warnings if "excerpt" in warning]


def test_a_piece_not_in_the_transcript_is_an_error_at_that_piece(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT)
    misquoted = GOOD_EXCERPT.replace("навсегда останутся нормальными", "навеки останутся нормальными")
    section = write(SECTION.format(excerpt=misquoted), "sections/letters.yaml")
    line, column = line_and_column(section, "навеки останутся")
    errors, _ = messages(exhibit_dir)
    assert errors == [
        f"{section}:{line}:{column}: error: sections[0].panels[0].excerpt.ru: piece 2 of 2 "
        "('навеки останутся нормальными и дружественными.') is not in the letter's transcript (ru) "
        "word for word; copy each piece exactly as the transcript has it, with a line […] where "
        "words are left out"
    ]


def test_an_excerpt_in_a_language_the_transcript_lacks_is_an_error(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT.replace("[en, ru]", "[en, ru, de]"))
    extra = GOOD_EXCERPT + "      de: |\n        Die Regierung der Vereinigten Staaten.\n"
    section = write(SECTION.format(excerpt=extra), "sections/letters.yaml")
    line, column = line_and_column(section, "de: |")
    errors, _ = messages(exhibit_dir)
    assert errors == [
        f"{section}:{line}:{column + 4}: error: sections[0].panels[0].excerpt.de: the excerpt is in 'de', "
        "but the transcript is not: an excerpt is cut from the transcript in its own language; add the "
        "transcript in 'de', or remove this excerpt"
    ]


def test_an_excerpt_of_gaps_alone_is_an_error(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT)
    section = write(
        SECTION.format(excerpt="    excerpt:\n      en: '[…]'\n      ru: '[…]'\n"), "sections/letters.yaml"
    )
    line, _ = line_and_column(section, "en: '[…]'")
    errors, _ = messages(exhibit_dir)
    assert errors[0].startswith(f"{section}:{line}:")
    assert errors[0].endswith("excerpt.en: the excerpt holds only […]: give the transcript's words it shows")


LONG_EN = " ".join(["word"] * 130)
LONG_SECTION = """\
id: letters
title: Letters
teaser: A letter
panels:
  - kind: document
    title: A letter
    date: 1933-11-16
    from: A writer
    to: A reader
    transcript_status: full
    source: A printed volume
    transcript: |
      Opening words. {long} Closing words.
{excerpt}"""


def test_a_long_letter_without_an_excerpt_is_told_to_have_one(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT.replace("languages: [en, ru]\n", ""))
    section = write(LONG_SECTION.format(long=LONG_EN, excerpt=""), "sections/letters.yaml")
    # A block's position is its | indicator's.
    line, column = line_and_column(section, "transcript: |")
    errors, warnings = messages(exhibit_dir)
    assert errors == []
    assert (
        f"{section}:{line}:{column + 12}: warning: sections[0].panels[0].transcript: a transcript of 134 words, "
        "shown whole on the panel; give the letter an excerpt: of 100 words or fewer (the passages that "
        "matter, word for word, with a line […] where words are left out), and the whole letter is a "
        "tap away"
    ) in warnings


def test_an_excerpt_keeps_the_letter_within_the_house_rule(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT.replace("languages: [en, ru]\n", ""))
    short = "    excerpt: |\n      Opening words.\n      […]\n      Closing words.\n"
    write(LONG_SECTION.format(long=LONG_EN, excerpt=short), "sections/letters.yaml")
    errors, warnings = messages(exhibit_dir)
    assert errors == []
    assert not [warning for warning in warnings if "excerpt" in warning or "transcript" in warning]


def test_an_excerpt_longer_than_a_panel_holds_is_a_warning(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT.replace("languages: [en, ru]\n", ""))
    long_excerpt = f"    excerpt: |\n      Opening words. {LONG_EN}\n      […]\n"
    section = write(LONG_SECTION.format(long=LONG_EN, excerpt=long_excerpt), "sections/letters.yaml")
    line, _ = line_and_column(section, "excerpt: |")
    errors, warnings = messages(exhibit_dir)
    assert errors == []
    assert [warning for warning in warnings if "excerpt" in warning] == [
        f"{section}:{line}:14: warning: sections[0].panels[0].excerpt: an excerpt of 132 words; the "
        "panel shows it to visitors standing: keep it to 100 words or fewer (the whole letter stays a "
        "tap away)"
    ]


def test_the_letters_of_a_pair_are_checked_too(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT.replace("languages: [en, ru]\n", ""))
    letter = """\
      - date: 1933-11-16
        from: A writer
        to: A reader
        transcript_status: full
        source: A printed volume
        transcript: The first words. The last words.
        excerpt: {excerpt}
"""
    section = write(
        "id: letters\ntitle: Letters\nteaser: A pair\npanels:\n  - kind: pair\n    title: A pair\n"
        "    letters:\n"
        + letter.format(excerpt="The last words.")
        + letter.format(excerpt="The final words."),
        "sections/letters.yaml",
    )
    line, column = line_and_column(section, "The final words.")
    errors, _ = messages(exhibit_dir)
    assert errors == [
        f"{section}:{line}:{column}: error: sections[0].panels[0].letters[1].excerpt: the excerpt "
        "('The final words.') is not in the letter's transcript word for word; copy each piece exactly "
        "as the transcript has it, with a line […] where words are left out"
    ]


def shown(folder: Path, language: str) -> dict[str, Any]:
    result = load_exhibit(folder)
    assert result.exhibit is not None, [problem.format() for problem in result.problems]
    return Presenter(language, ("en",)).panel(result.exhibit.sections[0].panels[0])


def test_the_panel_shows_the_excerpt_in_the_visitors_language_with_its_gaps(
    exhibit_dir: Path, write: Write
) -> None:
    write(EXHIBIT)
    write(SECTION.format(excerpt=GOOD_EXCERPT), "sections/letters.yaml")
    russian = shown(exhibit_dir, "ru")
    assert [paragraph["text"] for paragraph in russian["excerpt"]] == [
        "[…]",
        "правительство Соединённых Штатов решило установить нормальные дипломатические отношения.",
        "[…]",
        "навсегда останутся нормальными и дружественными.",
    ]
    # The whole letter is still there, a tap away.
    assert len(russian["paragraphs"]) == 2
    assert shown(exhibit_dir, "en")["excerpt"][1]["text"].startswith("the Government of the United States")


def test_a_letter_without_an_excerpt_shows_as_ever(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT)
    write(SECTION.format(excerpt=""), "sections/letters.yaml")
    assert shown(exhibit_dir, "ru")["excerpt"] == []


def test_non_breaking_spaces_in_a_transcript_reach_the_screen(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT)
    section = SECTION.format(excerpt="").replace(
        "Дорогой г-н Литвинов!", "Дорогой М.\u00a0М.\u00a0Литвинов! В\u00a01933\u00a0г."
    )
    write(section, "sections/letters.yaml")
    [first, _] = shown(exhibit_dir, "ru")["paragraphs"]
    assert first["text"].startswith("Дорогой М.\u00a0М.\u00a0Литвинов! В\u00a01933\u00a0г. Я рад")


def gap_warnings(folder: Path) -> list[str]:
    errors, warnings = messages(folder)
    assert errors == []
    return [warning.split(": warning: ")[1] for warning in warnings if "excerpt" in warning]


def test_an_excerpt_says_where_it_leaves_words_out(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT.replace("languages: [en, ru]\n", ""))
    middle = "    excerpt: |\n      {long}\n"
    write(
        LONG_SECTION.format(long=LONG_EN, excerpt=middle.format(long="word word word")),
        "sections/letters.yaml",
    )
    assert gap_warnings(exhibit_dir) == [
        "sections[0].panels[0].excerpt: the excerpt begins mid-letter ('word word word'): begin it with a "
        "line […], so that visitors see that words are left out",
        "sections[0].panels[0].excerpt: the excerpt stops before the letter ends ('word word word'): end it "
        "with a line […], so that visitors see that words are left out",
    ]
    marked = "    excerpt: |\n      […]\n      word word word\n      […]\n"
    write(LONG_SECTION.format(long=LONG_EN, excerpt=marked), "sections/letters.yaml")
    assert gap_warnings(exhibit_dir) == []


def test_an_excerpt_keeps_the_letters_order(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT.replace("languages: [en, ru]\n", ""))
    reordered = (
        "    excerpt: |\n      […]\n      Closing words.\n      […]\n      Opening words.\n      […]\n"
    )
    write(LONG_SECTION.format(long=LONG_EN, excerpt=reordered), "sections/letters.yaml")
    assert gap_warnings(exhibit_dir) == [
        "sections[0].panels[0].excerpt: piece 2 of the excerpt stands before piece 1 in the transcript: "
        "keep the letter's order"
    ]
