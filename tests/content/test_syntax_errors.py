"""A YAML syntax error is reported, and hides nothing else: the other files, and what its own file
holds before it, are still checked; every message carries the exhibit's whole key path."""

from collections.abc import Callable
from pathlib import Path

from kiosk.content.loader import load_exhibit

Write = Callable[..., Path]

EXHIBIT = """\
title: Test
sections:
  - sections/a.yaml
  - sections/b.yaml
"""
SECTION_B = """\
id: b
title: B
teaser: Fine
panels:
  - kind: text
    title: One
    title: Again
    body: Words.
  - kind: txt
    title: x
"""


def problems(folder: Path) -> list[str]:
    result = load_exhibit(folder)
    assert not result.ok
    return [problem.format(relative_to=folder) for problem in result.problems]


def test_a_duplicate_key_in_a_section_file_has_the_whole_key_path(exhibit_dir: Path, write: Write) -> None:
    write(EXHIBIT.replace("  - sections/b.yaml\n", ""))
    write(SECTION_B.replace("  - kind: txt\n    title: x\n", "").replace("id: b", "id: a"), "sections/a.yaml")
    assert problems(exhibit_dir) == [
        "sections/a.yaml:7:5: error: sections[0].panels[0].title: duplicate key 'title' (first given at "
        "line 6); remove one of them"
    ]


def test_a_syntax_error_hides_neither_the_other_files_nor_what_comes_before_it(
    exhibit_dir: Path, write: Write
) -> None:
    write(EXHIBIT)
    write(
        """\
        id: a
        title: A
        teaser: Fine
        panels:
          - kind: text
            title: One
            body: words
            tittle: x
          - kind: text
            title: Two
            body: [unclosed
        """,
        "sections/a.yaml",
    )
    write(SECTION_B, "sections/b.yaml")
    assert problems(exhibit_dir) == [
        "sections/a.yaml:8:5: error: sections[0].panels[0].tittle: unknown key 'tittle' (did you mean 'title'?)",
        "sections/a.yaml:12:1: error: YAML syntax error: did not find expected ',' or ']'",
        "sections/b.yaml:7:5: error: sections[1].panels[0].title: duplicate key 'title' (first given at "
        "line 6); remove one of them",
        "sections/b.yaml:9:11: error: sections[1].panels[1]: unknown panel kind 'txt' (did you mean 'text'?); "
        "panel kinds are: text, image, quote, timeline, people, document, pair, gallery, video",
    ]


def test_a_syntax_error_in_exhibit_yaml_still_lets_the_sections_listed_before_it_be_checked(
    exhibit_dir: Path, write: Write
) -> None:
    write(EXHIBIT + "subtitle: Broken: here\n")
    write(SECTION_B.replace("id: b", "id: a"), "sections/a.yaml")
    write(SECTION_B, "sections/b.yaml")
    found = problems(exhibit_dir)
    assert found[0].startswith("exhibit.yaml:5:17: error: YAML syntax error: mapping values are not allowed")
    assert found[1:] == [
        f"sections/{name}.yaml:{line}"
        for name in "ab"
        for line in (
            f"7:5: error: sections[{'ab'.index(name)}].panels[0].title: duplicate key 'title' (first given at "
            "line 6); remove one of them",
            f"9:11: error: sections[{'ab'.index(name)}].panels[1]: unknown panel kind 'txt' (did you mean "
            "'text'?); panel kinds are: text, image, quote, timeline, people, document, pair, gallery, video",
        )
    ]
