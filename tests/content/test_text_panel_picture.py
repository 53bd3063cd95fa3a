"""A text panel may carry a picture, with its alt text and credit as an image panel's."""

from collections.abc import Callable
from pathlib import Path

from kiosk.content.loader import load_exhibit

Write = Callable[..., Path]

EXHIBIT = """\
title: Test Exhibit
sections:
  - id: only
    title: Only
    teaser: One panel
    panels:
      - kind: text
        title: A panel
        body: Some words.
{picture}"""


def test_a_picture_with_its_alt_text_and_credit(exhibit_dir: Path, write: Write) -> None:
    write(
        EXHIBIT.format(
            picture="        image: media/square.svg\n        alt: A blue circle.\n        credit: Drawing for the tests\n"
        )
    )
    result = load_exhibit(exhibit_dir)
    assert result.exhibit is not None, [problem.format() for problem in result.problems]
    assert result.warnings == ()


def test_a_picture_needs_its_alt_text_and_credit(exhibit_dir: Path, write: Write) -> None:
    path = write(EXHIBIT.format(picture="        image: media/square.svg\n"))
    assert [problem.format() for problem in load_exhibit(exhibit_dir).problems] == [
        f"{path}:7:9: error: sections[0].panels[0]: a text panel's image needs alt (what it shows) and "
        "credit (where it is from)"
    ]


def test_alt_text_without_a_picture(exhibit_dir: Path, write: Write) -> None:
    path = write(EXHIBIT.format(picture="        alt: A blue circle.\n"))
    assert [problem.format() for problem in load_exhibit(exhibit_dir).problems] == [
        f"{path}:7:9: error: sections[0].panels[0]: alt and credit describe an image; give the image too"
    ]


def test_the_picture_keeps_to_the_house_rules(exhibit_dir: Path, write: Write) -> None:
    path = write(
        EXHIBIT.format(
            picture="        image: media/paper.png\n        alt: paper.png\n        credit: TODO\n"
        )
    )
    warnings = [warning.format() for warning in load_exhibit(exhibit_dir).warnings]
    assert len(warnings) == 3
    assert warnings[0].startswith(
        f"{path}:10:16: warning: sections[0].panels[0].image: 'media/paper.png' is "
    )
    assert "a text panel shows it at" in warnings[0]
    assert warnings[1].startswith(
        f"{path}:11:14: warning: sections[0].panels[0].alt: alt text is the file name"
    )
    assert warnings[2].startswith(
        f"{path}:12:17: warning: sections[0].panels[0].credit: credit 'TODO' is a placeholder"
    )
