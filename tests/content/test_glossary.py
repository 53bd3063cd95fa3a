"""The glossary: terms defined once in glossary.yaml, marked in text as [[words as shown|term-id]].

A curator's mistake is reported at its file, line and column: at the mark itself for a mark
written wrongly or naming no definition, at the definition for one missing a language.
"""

import html
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content.glossary import MAX_DEFINITION_WORDS, scan_marks, shown_text
from kiosk.content.house_rules import MAX_PANEL_WORDS
from kiosk.content.loader import LoadResult, load_exhibit
from kiosk.content.markdown import plain_text, render_blocks
from kiosk.content.problems import Severity

Write = Callable[..., Path]

EXHIBIT = """\
title: {en: Recognition, ru: Признание}
languages: [en, ru]
sections:
  - id: talks
    title: {en: The Talks, ru: Переговоры}
    teaser: {en: One panel, ru: Одна панель}
    panels:
      - kind: text
        title: {en: The envoy, ru: Посланник}
        body:
          en: |
            Roosevelt wrote to Litvinov,
            the [[People's Commissar|peoples-commissar]] for Foreign Affairs.
          ru: |
            Рузвельт написал Литвинову,
            [[народному комиссару|peoples-commissar]] иностранных дел.
"""

GLOSSARY = """\
peoples-commissar:
  headword: {en: People's Commissar, ru: Народный комиссар}
  definition:
    en: The head of a people's commissariat.
    ru: Глава народного комиссариата.
"""


def load(write: Write, exhibit: str = EXHIBIT, glossary: str | None = GLOSSARY) -> LoadResult:
    path = write(exhibit)
    if glossary is not None:
        write(glossary, "glossary.yaml")
    return load_exhibit(path.parent)


def errors(result: LoadResult) -> list[str]:
    return [problem.format() for problem in result.problems]


def warnings(result: LoadResult) -> list[str]:
    return [problem.format() for problem in result.warnings if "glossary" in problem.key_path]


# --- The marks in text -------------------------------------------------------------------------


def test_a_mark_is_its_words_as_shown_and_its_term() -> None:
    marks, problems = scan_marks(
        "the [[People's Commissar|peoples-commissar]] and [[Kolchak's|kolchak]] army"
    )
    assert problems == []
    assert [(mark.shown, mark.term) for mark in marks] == [
        ("People's Commissar", "peoples-commissar"),
        ("Kolchak's", "kolchak"),
    ]
    assert shown_text("the [[Kolchak's|kolchak]] army") == "the Kolchak's army"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("the [[Kerensky]] debt", "names no term"),
        ("the [[|kerensky]] debt", "no words to show"),
        ("the [[Kerensky|]] debt", "no term id"),
        ("the [[Kerensky|Kerensky]] debt", "'Kerensky' is not a term id"),
        ("the [[a|b|kerensky]] debt", "more than one '|'"),
        ("the [[Kerensky [[debt|debt]]|kerensky]]", "inside another"),
        ("the [[Kerensky|kerensky debt", "never closed"),
        ("the [[Kerensky\n\ndebt|kerensky]]", "blank line"),
    ],
)
def test_a_mark_written_wrongly_says_what_to_write(text: str, reason: str) -> None:
    marks, problems = scan_marks(text)
    assert marks == []
    [problem] = problems
    assert reason in problem.reason
    assert problem.start == text.index("[[")


def test_a_visitor_word_count_and_narration_take_the_words_as_shown() -> None:
    text = "The **[[Kerensky|kerensky]] debt** and [[Kolchak's army|kolchak]].\n- [[Comintern|comintern]]"
    assert plain_text(text) == "The Kerensky debt and Kolchak's army.\nComintern"


def test_a_term_s_words_are_escaped_and_only_the_term_becomes_a_link() -> None:
    [block] = render_blocks('A [[Commissar <b>"&amp;"</b> & co|peoples-commissar]] <a href="x">here</a>.')
    escaped_words = 'Commissar &lt;b&gt;"&amp;amp;"&lt;/b&gt; &amp; co'
    assert block["text"] == f'A {escaped_words} &lt;a href="x"&gt;here&lt;/a&gt;.'
    assert block["links"] == (
        f'A <a href="term:peoples-commissar">{escaped_words}</a> &lt;a href="x"&gt;here&lt;/a&gt;.'
    )
    assert block["links"].count("<a ") == 1
    assert block["terms"] == [{"id": "peoples-commissar", "shown": 'Commissar <b>"&amp;"</b> & co'}]
    assert html.unescape(block["text"]).count("<b>") == 1  # the words' own, shown as written


def test_the_shown_and_the_linked_text_differ_only_by_the_links() -> None:
    [block] = render_blocks("*The [[Kerensky|kerensky]] debt* and **more**")
    assert block["text"] == "<i>The Kerensky debt</i> and <b>more</b>"
    assert block["links"] == '<i>The <a href="term:kerensky">Kerensky</a> debt</i> and <b>more</b>'


def test_text_without_marks_renders_as_before() -> None:
    assert render_blocks("Plain [words] | here.") == [{"kind": "paragraph", "text": "Plain [words] | here."}]


# --- The glossary against the exhibit ----------------------------------------------------------


def test_an_exhibit_with_its_glossary_loads_and_knows_its_terms(write: Write) -> None:
    result = load(write)
    assert result.ok, errors(result)
    assert result.exhibit is not None
    term = result.exhibit.glossary["peoples-commissar"]
    assert term.headword.resolve("ru") == "Народный комиссар"
    assert warnings(result) == []
    assert any(path.name == "glossary.yaml" for path in result.files)


def test_a_term_marked_but_not_defined_is_an_error_at_the_mark(write: Write, exhibit_dir: Path) -> None:
    exhibit = EXHIBIT.replace(
        "[[народному комиссару|peoples-commissar]]", "[[народному комиссару|peoples-comissar]]"
    )
    result = load(write, exhibit)
    assert errors(result) == [
        f"{exhibit_dir / 'exhibit.yaml'}:16:13: error: sections[0].panels[0].body.ru: the term "
        "'peoples-comissar' is marked here, but glossary.yaml does not define it "
        "(did you mean 'peoples-commissar'?)"
    ]


def test_a_term_marked_in_an_exhibit_without_a_glossary_is_an_error(write: Write, exhibit_dir: Path) -> None:
    result = load(write, glossary=None)
    assert [problem.line for problem in result.problems] == [13, 16]
    assert "the exhibit has no glossary.yaml" in errors(result)[0]


def test_a_definition_missing_a_language_is_an_error_at_the_definition(
    write: Write, exhibit_dir: Path
) -> None:
    glossary = GLOSSARY.replace("    ru: Глава народного комиссариата.\n", "")
    result = load(write, glossary=glossary)
    assert errors(result) == [
        f"{exhibit_dir / 'glossary.yaml'}:4:5: error: glossary.peoples-commissar.definition: the "
        "definition of 'peoples-commissar' has no text in 'ru': a visitor reading it would tap the "
        "term and find another language; write it in each of the exhibit's languages (ru: ...)"
    ]


def test_a_definition_written_once_for_every_language_is_missing_the_others(write: Write) -> None:
    glossary = GLOSSARY.replace(
        "headword: {en: People's Commissar, ru: Народный комиссар}", "headword: Commissar"
    )
    [message] = errors(load(write, glossary=glossary))
    assert ":2:13: error: glossary.peoples-commissar.headword: the headword" in message
    assert "no text in 'en', 'ru'" in message


def test_a_definition_no_text_marks_is_a_warning_at_its_id(write: Write, exhibit_dir: Path) -> None:
    glossary = (
        GLOSSARY
        + "kolchak:\n  headword: {en: Kolchak, ru: Колчак}\n  definition: {en: An admiral., ru: Адмирал.}\n"
    )
    result = load(write, glossary=glossary)
    assert result.ok
    [warning] = result.warnings
    assert warning.severity is Severity.WARNING
    assert warning.format() == (
        f"{exhibit_dir / 'glossary.yaml'}:6:1: warning: glossary.kolchak: 'kolchak' is defined but "
        "no text marks it; mark it where it is used ([[words as shown|kolchak]]), or remove the definition"
    )


def test_a_long_definition_is_a_warning(write: Write, exhibit_dir: Path) -> None:
    long = " ".join(["word"] * (MAX_DEFINITION_WORDS + 1))
    result = load(write, glossary=GLOSSARY.replace("The head of a people's commissariat.", long))
    assert result.ok
    assert warnings(result) == [
        f"{exhibit_dir / 'glossary.yaml'}:4:9: warning: glossary.peoples-commissar.definition.en: "
        f"{MAX_DEFINITION_WORDS + 1} words; a definition is read in a small card beside the term: keep "
        f"it to {MAX_DEFINITION_WORDS} words or fewer"
    ]


def test_a_mark_written_wrongly_is_an_error_at_the_mark(write: Write, exhibit_dir: Path) -> None:
    exhibit = EXHIBIT.replace("[[People's Commissar|peoples-commissar]]", "[[People's Commissar]]")
    assert errors(load(write, exhibit)) == [
        f"{exhibit_dir / 'exhibit.yaml'}:13:17: error: sections[0].panels[0].body.en: '[[People's "
        "Commissar]]' names no term: write the words as shown, '|' and the term's id: "
        "[[words as shown|term-id]]"
    ]


def test_a_mark_in_plain_text_is_an_error_where_it_is_written(write: Write, exhibit_dir: Path) -> None:
    exhibit = EXHIBIT.replace("title: {en: The envoy,", "title: {en: 'The [[envoy|peoples-commissar]]',")
    [message] = errors(load(write, exhibit))
    assert message.startswith(f"{exhibit_dir / 'exhibit.yaml'}:9:26: error: sections[0].panels[0].title.en:")
    assert "only a body, intro, context or note" in message


def test_markup_in_a_headword_is_an_error_where_it_is_written(write: Write, exhibit_dir: Path) -> None:
    glossary = GLOSSARY.replace("headword: {en: People's Commissar,", "headword: {en: <b>Commissar</b>,")
    [message] = errors(load(write, glossary=glossary))
    assert message.startswith(
        f"{exhibit_dir / 'glossary.yaml'}:2:18: error: glossary.peoples-commissar.headword.en:"
    )


def test_a_definition_that_marks_a_term_is_an_error(write: Write) -> None:
    glossary = GLOSSARY.replace(
        "The head of a people's commissariat.", "The head of a [[commissariat|peoples-commissar]]."
    )
    [message] = errors(load(write, glossary=glossary))
    assert (
        "glossary.peoples-commissar.definition.en: '[[commissariat|peoples-commissar]]' marks a term"
        in message
    )


def test_a_misspelt_key_of_a_term_is_reported_in_glossary_yaml(write: Write, exhibit_dir: Path) -> None:
    [message] = errors(load(write, glossary=GLOSSARY.replace("  definition:", "  definiton:")))
    assert message == (
        f"{exhibit_dir / 'glossary.yaml'}:3:3: error: glossary.peoples-commissar.definiton: unknown key "
        "'definiton' (did you mean 'definition'?)"
    )


def test_a_glossary_that_is_not_terms_by_id_is_an_error_and_nothing_else_breaks(
    write: Write, exhibit_dir: Path
) -> None:
    result = load(write, glossary="- peoples-commissar\n")
    assert any(
        message.startswith(f"{exhibit_dir / 'glossary.yaml'}:1:1: error: expected the glossary's terms by id")
        for message in errors(result)
    )


def test_a_glossary_in_exhibit_yaml_is_sent_to_its_own_file(write: Write, exhibit_dir: Path) -> None:
    exhibit = EXHIBIT + "glossary:\n  peoples-commissar: {headword: x, definition: y}\n"
    messages = errors(load(write, exhibit))
    assert messages[0] == (
        f"{exhibit_dir / 'exhibit.yaml'}:17:1: error: glossary: the glossary is kept in a file of its own, "
        "glossary.yaml beside exhibit.yaml; move the terms there"
    )


def test_the_house_rules_count_the_words_as_shown(write: Write) -> None:
    """A panel at the word limit with a mark in it is within the limit: the id is not a word."""
    words = " ".join(["word"] * (MAX_PANEL_WORDS - 2))
    exhibit = EXHIBIT.replace("Roosevelt wrote to Litvinov,", f"{words} [[the|peoples-commissar]]").replace(
        "            the [[People's Commissar|peoples-commissar]] for Foreign Affairs.\n",
        "            end.\n",
    )
    result = load(write, exhibit)
    assert result.ok, errors(result)
    assert not [warning for warning in result.warnings if "words of text" in warning.message]
