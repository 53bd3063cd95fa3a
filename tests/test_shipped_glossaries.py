"""Every term the shipped exhibits (and the example `kiosk new` writes) mark is defined in their
glossary, in every language the exhibit is read in: a visitor who taps it reads its definition in
their own language."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.content.glossary import glossary_problems, terms_used
from kiosk.content.loader import load_exhibit
from kiosk.content.localized import ANY_LANGUAGE, Localized
from kiosk.content.models import Exhibit
from kiosk.content.scaffold import create_exhibit
from kiosk.content.translation_check import visitor_values
from tests.conftest import REPOSITORY, SHIPPED_EXHIBITS

#: The words "Recognition, 1933" explains, whether or not its text marks them yet.
RECOGNITION_TERMS = {
    "kerensky",
    "kolchak",
    "mukden-incident",
    "economic-espionage",
    "comintern",
    "assumptionist",
    "charge-d-affaires",
    "peoples-commissar",
}


def loaded(folder: Path) -> Exhibit:
    result = load_exhibit(folder)
    assert result.exhibit is not None, [problem.format() for problem in result.problems]
    return result.exhibit


def marks_by_language(exhibit: Exhibit) -> Iterator[tuple[str, str]]:
    """(language, term id) for every term marked, in each language the exhibit is read in."""
    for _, value in visitor_values(exhibit):
        if not isinstance(value, Localized):
            continue
        for language in exhibit.languages:
            for mark in terms_used(value.resolve(language)):
                yield language, mark.term


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_exhibit(tmp_path_factory.mktemp("template") / "example").folder


@pytest.mark.parametrize("name", [path.name for path in SHIPPED_EXHIBITS] + ["template"])
def test_every_marked_term_is_defined_in_the_language_it_is_read_in(name: str, template: Path) -> None:
    folder = template if name == "template" else REPOSITORY / "exhibits" / name
    exhibit = loaded(folder)
    for language, term_id in marks_by_language(exhibit):
        assert term_id in exhibit.glossary, f"{name}: '{term_id}' ({language}) is not in its glossary"
        term = exhibit.glossary[term_id]
        for what, value in (("headword", term.headword), ("definition", term.definition)):
            table = dict(value.by_language)
            assert language in table or (ANY_LANGUAGE in table and len(exhibit.languages) == 1), (
                f"{name}: the {what} of '{term_id}' has no text in '{language}'"
            )
    assert [problem for problem in glossary_problems(exhibit) if not problem.warning] == []


@pytest.mark.parametrize("name", ["moon-phases", "template"])
def test_the_examples_mark_terms_a_visitor_can_tap(name: str, template: Path) -> None:
    """So that the test above checks something even before a curator marks a term."""
    folder = template if name == "template" else REPOSITORY / "exhibits" / name
    exhibit = loaded(folder)
    assert exhibit.glossary
    assert {term_id for _, term_id in marks_by_language(exhibit)} == set(exhibit.glossary)


def test_recognition_defines_its_terms_in_english_and_russian() -> None:
    exhibit = loaded(REPOSITORY / "exhibits" / "recognition-1933")
    assert set(exhibit.glossary) >= RECOGNITION_TERMS
    for term_id in RECOGNITION_TERMS:
        term = exhibit.glossary[term_id]
        for value in (term.headword, term.definition):
            assert value.languages == {"en", "ru"}, term_id
