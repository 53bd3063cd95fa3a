"""What is left of the example `kiosk new` wrote is a warning, at its file, line and column."""

import shutil
from collections.abc import Callable
from pathlib import Path

from kiosk.content.loader import load_exhibit
from kiosk.content.placeholders import is_example_media, stand_in_text, template_files

Write = Callable[..., Path]

EXHIBIT = """\
title: Test Exhibit
sections:
  - id: only
    title: Only
    teaser: One panel
    tile_image: {tile}
    panels:
      - kind: text
        title: A panel
        body: |
          The first paragraph is the curator's own.

          The second still says: Replace this with your text.
"""


def warnings(folder: Path) -> list[str]:
    result = load_exhibit(folder)
    assert result.ok, [problem.format() for problem in result.problems]
    return [warning.format() for warning in result.warnings]


def test_stand_in_words_and_pictures_are_named_where_they_stand(exhibit_dir: Path, write: Write) -> None:
    example = next(relative for relative, _ in template_files() if relative.name.startswith("example-tile"))
    shutil.copy(exhibit_dir / "media/square.svg", exhibit_dir / "media" / example.name)
    path = write(EXHIBIT.format(tile=f"media/{example.name}"))
    assert warnings(exhibit_dir) == [
        f"{path}:6:17: warning: sections[0].tile_image: 'media/{example.name}' is an example picture that "
        "kiosk new wrote; replace it with a picture of your own",
        f"{path}:13:34: warning: sections[0].panels[0].body: 'Replace this with your text' is a stand-in "
        "that kiosk new wrote; replace it with the exhibit's own words",
    ]


def test_the_curator_s_own_words_and_pictures_are_not_stand_ins(exhibit_dir: Path, write: Write) -> None:
    write(
        EXHIBIT.format(tile="media/square.svg").replace(
            "Replace this with your text.", "Congress wanted to replace it with a treaty."
        )
    )
    assert warnings(exhibit_dir) == []


def test_every_stand_in_the_template_ships_is_known() -> None:
    assert stand_in_text("Replace this with a caption that says what the picture shows.") == (
        "Replace this with a caption that says what the picture shows"
    )
    assert stand_in_text("Example drawing made by kiosk new") == "Example drawing made by kiosk new"
    assert stand_in_text("An example of a treaty") is None
    assert is_example_media("media/example-picture.svg")
    assert not is_example_media("media/my-picture.svg")
    assert not is_example_media("other/example-picture.svg")
