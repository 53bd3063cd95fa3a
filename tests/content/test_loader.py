"""The loader turns an exhibit folder into a typed model, or into every problem with file:line:col."""

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content.loader import load_exhibit
from kiosk.content.localized import Localized
from kiosk.content.models import DocumentPanel, TextPanel
from tests.content.conftest import VALID_SECTION

Write = Callable[..., Path]

HEADER = """\
title: Test Exhibit
sections:
"""


def messages(folder: Path) -> list[str]:
    result = load_exhibit(folder)
    assert not result.ok
    return [problem.format() for problem in result.problems]


def indented(text: str, spaces: int = 4) -> str:
    return "".join(" " * spaces + line if line.strip() else line for line in text.splitlines(keepends=True))


def test_a_valid_exhibit_loads_into_immutable_models(exhibit_dir: Path, write: Write) -> None:
    write(HEADER + "  - " + indented(VALID_SECTION).lstrip())
    result = load_exhibit(exhibit_dir)
    assert result.ok, result.problems
    assert result.exhibit is not None
    [section] = result.exhibit.sections
    [panel] = section.panels
    assert isinstance(panel, TextPanel)
    assert panel.title.resolve("en") == "A panel"
    with pytest.raises(Exception, match="frozen"):
        panel.title = Localized.plain("changed")  # type: ignore[misc]


def test_the_mini_exhibit_is_valid(mini_exhibit_dir: Path) -> None:
    result = load_exhibit(mini_exhibit_dir)
    assert result.ok, [problem.format() for problem in result.problems]
    assert len(result.files) == 2


def test_misspelt_key_has_exact_position_and_suggestion(exhibit_dir: Path, write: Write) -> None:
    path = write(
        HEADER
        + "  - "
        + indented(VALID_SECTION).lstrip().replace("    title: A panel", "    tittle: A panel")
    )
    # One slip, one line: the missing 'title' is the misspelt one, so it is not reported again.
    assert messages(exhibit_dir) == [
        f"{path}:8:9: error: sections[0].panels[0].tittle: unknown key 'tittle' (did you mean 'title'?)",
    ]


def test_every_problem_is_reported_at_once(exhibit_dir: Path, write: Write) -> None:
    path = write(
        """\
        title: Test Exhibit
        langauges: [en]
        theme:
          paper: red
        sections:
          - id: Bad Id
            title: 1933
            teaser: A teaser
            panels:
              - kind: txt
                title: Typo in kind
              - kind: image
                title: Missing picture
                image: media/letter.jpg
                alt: Alt text
                caption: A caption
                credit: A credit
              - kind: document
                title: A letter
                date: 1933-13-16
                from: Someone
                to: Someone else
                transcript: Text
                transcript_status: complete
                source: A volume
        """
    )
    assert messages(exhibit_dir) == [
        f"{path}:2:1: error: langauges: unknown key 'langauges' (did you mean 'languages'?)",
        f"{path}:4:10: error: theme.paper: expected a colour written #RRGGBB (such as #1F3A66), found 'red'",
        f"{path}:6:9: error: sections[0].id: expected an id of lowercase letters, digits and '-' "
        "(such as 'the-letters'), found 'Bad Id'",
        f"{path}:7:12: error: sections[0].title: expected text, found a number (1933); put it in quotes if it is text",
        f"{path}:10:15: error: sections[0].panels[0]: unknown panel kind 'txt' (did you mean 'text'?); "
        "panel kinds are: text, image, quote, timeline, people, document, pair, gallery, video",
        f"{path}:14:16: error: sections[0].panels[1].image: file not found: 'media/letter.jpg'",
        f"{path}:20:15: error: sections[0].panels[2].date: month 13 does not exist in '1933-13-16'",
        f"{path}:24:28: error: sections[0].panels[2].transcript_status: expected one of 'full', 'partial' "
        "or 'summary', found 'complete'",
    ]


def test_a_missing_key_with_no_lookalike_is_still_reported(exhibit_dir: Path, write: Write) -> None:
    path = write(
        HEADER
        + "  - "
        + indented(VALID_SECTION).lstrip().replace("    title: A panel", "    heading: A panel")
    )
    assert messages(exhibit_dir) == [
        f"{path}:7:9: error: sections[0].panels[0].title: missing required key 'title'",
        f"{path}:8:9: error: sections[0].panels[0].heading: unknown key 'heading'; expected one of: "
        "title, kicker, side, narration, kind, body, image, alt, credit, style",
    ]


def test_a_mistyped_image_name_suggests_the_file_that_exists(exhibit_dir: Path, write: Write) -> None:
    write(HEADER + "  - " + indented(VALID_SECTION).lstrip() + "    tile_image: media/sqaure.svg\n")
    [problem] = messages(exhibit_dir)
    assert problem.endswith("file not found: 'media/sqaure.svg' (did you mean 'media/square.svg'?)")


def test_section_files_report_their_own_positions(exhibit_dir: Path, write: Write) -> None:
    write(HEADER + "  - sections/only.yaml\n")
    section = write(VALID_SECTION.replace("body: Some words.", "body: 12"), "sections/only.yaml")
    assert messages(exhibit_dir) == [
        f"{section}:7:11: error: sections[0].panels[0].body: expected text, found a number (12); "
        "put it in quotes if it is text"
    ]


def test_missing_section_file(exhibit_dir: Path, write: Write) -> None:
    path = write(HEADER + "  - sections/nowhere.yaml\n")
    assert messages(exhibit_dir) == [
        f"{path}:3:5: error: sections[0]: section file not found: 'sections/nowhere.yaml'"
    ]


def test_section_file_outside_the_exhibit(exhibit_dir: Path, write: Write) -> None:
    path = write(HEADER + "  - ../elsewhere.yaml\n")
    (exhibit_dir.parent / "elsewhere.yaml").write_text(VALID_SECTION, encoding="utf-8")
    assert messages(exhibit_dir) == [
        f"{path}:3:5: error: sections[0]: section file '../elsewhere.yaml' is outside the exhibit folder"
    ]


def test_section_file_path_holding_a_nul_character(exhibit_dir: Path, write: Write) -> None:
    path = write(HEADER + '  - "sections/only\\0.yaml"\n')
    assert messages(exhibit_dir) == [
        f"{path}:3:5: error: sections[0]: section file 'sections/only\\0.yaml' holds a NUL character "
        "(\\0), which no file name can hold; write the file's name as it is"
    ]


def test_broken_section_file_is_reported_once(exhibit_dir: Path, write: Write) -> None:
    write(HEADER + "  - sections/only.yaml\n")
    section = write("id: only\n\ttitle: x\n", "sections/only.yaml")
    assert messages(exhibit_dir) == [
        f"{section}:2:1: error: YAML syntax error: a tab character is used for indentation "
        "(YAML needs spaces, not tabs)"
    ]


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("../../secret.png", "path leaves the exhibit folder: '../../secret.png'"),
        ("/etc/passwd", "media paths must be relative to the exhibit folder: '/etc/passwd'"),
        ("https://example.org/a.png", "media must be a file in the exhibit folder, not a web address"),
        ("media/notes.txt", "unsupported image format '.txt'"),
        ("media/broken.png", "'media/broken.png' cannot be read as a PNG image"),
        ("media/broken.svg", "'media/broken.svg' cannot be read as a SVG image"),
    ],
)
def test_media_problems(exhibit_dir: Path, write: Write, image: str, message: str) -> None:
    (exhibit_dir / "media" / "notes.txt").write_text("notes", encoding="utf-8")
    (exhibit_dir / "media" / "broken.png").write_bytes(b"not really a png at all")
    (exhibit_dir / "media" / "broken.svg").write_text("<svg", encoding="utf-8")
    panel = f"""\
      - kind: image
        title: A picture
        image: {image}
        alt: Alt
        caption: Caption
        credit: Credit
"""
    path = write(HEADER + "  - id: one\n    title: One\n    teaser: T\n    panels:\n" + indented(panel, 2))
    [problem] = messages(exhibit_dir)
    assert problem.startswith(f"{path}:9:18: error: sections[0].panels[0].image: {message}")


@pytest.mark.parametrize(
    "panel",
    [
        "kind: image\nimage: media/square.svg\nalt: Alt\ncaption: Caption\ncredit: Credit",
        "kind: people\npeople:\n  - {name: Ada, role: A role, dates: '1900'}",
    ],
    ids=["image", "people"],
)
def test_a_panel_whose_kind_is_also_one_of_its_keys_has_its_problems_where_they_are(
    exhibit_dir: Path, write: Write, panel: str
) -> None:
    # Pydantic names the panel's kind in an error's location, and these panels have a key of that name.
    write(f"{HEADER}  - id: one\n    title: One\n    teaser: T\n    panels:\n      - title: 1933\n")
    (exhibit_dir / "exhibit.yaml").write_text(
        (exhibit_dir / "exhibit.yaml").read_text(encoding="utf-8") + indented(panel, 8) + "\n",
        encoding="utf-8",
    )
    [problem] = messages(exhibit_dir)
    assert ":7:16: error: sections[0].panels[0].title: expected text, found a number (1933)" in problem


def test_media_may_come_from_the_shared_assets_folder(
    exhibit_dir: Path, write: Write, tmp_path: Path
) -> None:
    assets = tmp_path / "assets"
    (assets / "images").mkdir(parents=True)
    (assets / "images" / "seal.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>', encoding="utf-8"
    )
    write(HEADER + "  - " + indented(VALID_SECTION).lstrip() + "    tile_image: ../assets/images/seal.svg\n")
    result = load_exhibit(exhibit_dir, assets_dir=assets)
    assert result.ok, [problem.format() for problem in result.problems]


def test_text_in_several_languages(exhibit_dir: Path, write: Write) -> None:
    write(
        "title:\n  en: Recognition, 1933\n  ru: Признание, 1933\nlanguages: [en, ru]\nsections:\n  - "
        + indented(VALID_SECTION).lstrip()
    )
    result = load_exhibit(exhibit_dir)
    assert result.exhibit is not None
    assert result.exhibit.title.resolve("ru") == "Признание, 1933"
    assert result.exhibit.title.resolve("en") == "Recognition, 1933"


def test_bad_language_map(exhibit_dir: Path, write: Write) -> None:
    path = write("title:\n  english: Hello\nsections:\n  - " + indented(VALID_SECTION).lstrip())
    assert messages(exhibit_dir) == [
        f"{path}:1:1: error: title: 'english' is not a language code; use codes such as 'en' or 'ru'"
    ]


def test_links_in_text_are_refused(exhibit_dir: Path, write: Write) -> None:
    path = write(
        HEADER + "  - " + indented(VALID_SECTION).lstrip().replace("Some words.", "'[x](http://a.b)'")
    )
    assert messages(exhibit_dir) == [
        f"{path}:9:15: error: sections[0].panels[0].body: links and images are not allowed in text; "
        "use an image panel"
    ]


def test_document_keys_from_and_to(exhibit_dir: Path, write: Write) -> None:
    panel = """\
      - kind: document
        title: A letter
        date: 1933-11-16
        from: Franklin D. Roosevelt
        to: Maxim Litvinov
        transcript: My Dear Mr. Litvinov
        transcript_status: full
        source: FRUS
"""
    write(HEADER + "  - id: one\n    title: One\n    teaser: T\n    panels:\n" + indented(panel, 2))
    result = load_exhibit(exhibit_dir)
    assert result.exhibit is not None
    document = result.exhibit.sections[0].panels[0]
    assert isinstance(document, DocumentPanel)
    assert document.sender.resolve("en") == "Franklin D. Roosevelt"


def test_timeline_out_of_order(exhibit_dir: Path, write: Write) -> None:
    panel = """\
      - kind: timeline
        title: Events
        events:
          - date: 1933
            title: Later
          - date: 1917
            title: Earlier
"""
    path = write(HEADER + "  - id: one\n    title: One\n    teaser: T\n    panels:\n" + indented(panel, 2))
    assert messages(exhibit_dir) == [
        f"{path}:9:11: error: sections[0].panels[0].events: events must be in date order: 1917 comes after 1933"
    ]


def test_duplicate_section_ids(exhibit_dir: Path, write: Write) -> None:
    section = "  - " + indented(VALID_SECTION).lstrip()
    path = write(HEADER + section + section)
    assert messages(exhibit_dir) == [
        f"{path}:2:1: error: sections: two sections have the id 'only'; each needs its own"
    ]


def test_too_many_sections_says_why(exhibit_dir: Path, write: Write) -> None:
    sections = "".join(
        "  - " + indented(VALID_SECTION.replace("id: only", f"id: s{number}")).lstrip() for number in range(7)
    )
    path = write(HEADER + sections)
    assert messages(exhibit_dir) == [
        f"{path}:2:1: error: sections: allows at most 6 items, found 7: the home screen has room for at most "
        "6 section tiles"
    ]


def test_a_mistake_inside_one_section_too_many_is_still_found(exhibit_dir: Path, write: Write) -> None:
    """The count is checked after the sections themselves, so their own problems are not hidden."""
    sections = "".join(
        "  - " + indented(VALID_SECTION.replace("id: only", f"id: s{number}")).lstrip() for number in range(7)
    )
    path = write(HEADER + sections)
    text = path.read_text(encoding="utf-8")
    last = text.rindex("    title: A panel")
    path.write_text(
        text[:last] + "    titel: A panel" + text[last + len("    title: A panel") :], encoding="utf-8"
    )
    found = messages(exhibit_dir)
    assert any("panels[0].titel: unknown key 'titel' (did you mean 'title'?)" in line for line in found), (
        found
    )
    assert any(line.startswith(f"{path}:") and "sections[6]" in line for line in found), found


def test_top_level_list(exhibit_dir: Path, write: Write) -> None:
    path = write("- title: x\n")
    assert messages(exhibit_dir) == [
        f"{path}:1:1: error: expected the exhibit's settings as keys and values (title:, sections: …), found a list"
    ]


def test_missing_exhibit(tmp_path: Path) -> None:
    assert messages(tmp_path) == [f"{tmp_path / 'exhibit.yaml'}: error: no exhibit.yaml in this folder"]


ATTRACT_HEADER = """\
title: Test Exhibit
timing:
  idle_timeout: 45
  countdown: 30
attract:
  seconds_per_slide: 8
  slides:
"""


def test_attract_loop_and_timing_load(exhibit_dir: Path, write: Write) -> None:
    slides = """\
    - image: media/bar.svg
      alt: A bar.
      credit: Drawing
      headline: Two countries, one exchange of letters
    - image: media/square.svg
      alt: A circle.
      credit: Drawing
      quote: Words that someone wrote.
      attribution: Someone, a letter
      caption: From a letter.
"""
    write(ATTRACT_HEADER + slides + "sections:\n  - " + indented(VALID_SECTION).lstrip())
    result = load_exhibit(exhibit_dir)
    assert result.ok, [problem.format() for problem in result.problems]
    assert result.exhibit is not None
    assert (result.exhibit.timing.idle_timeout, result.exhibit.timing.countdown) == (45, 30)
    assert result.exhibit.attract is not None
    headline, quote = result.exhibit.attract.slides
    assert headline.headline is not None
    assert headline.quote is None
    assert quote.attribution is not None
    assert quote.attribution.resolve("en") == "Someone, a letter"


@pytest.mark.parametrize(
    ("slide", "message"),
    [
        (
            "quote: Words.\n",
            "8:7: error: attract.slides[0]: a quote needs its attribution: who wrote or said it",
        ),
        (
            "headline: A headline\n      quote: Words.\n      attribution: Someone\n",
            "8:7: error: attract.slides[0]: a slide needs either a headline or a quote, not both",
        ),
        (
            "caption: Only a caption\n",
            "8:7: error: attract.slides[0]: a slide needs either a headline or a quote",
        ),
    ],
)
def test_attract_slide_needs_its_words(exhibit_dir: Path, write: Write, slide: str, message: str) -> None:
    slides = f"""\
    - image: media/bar.svg
      alt: A bar.
      credit: Drawing
      {slide}"""
    path = write(ATTRACT_HEADER + slides + "sections:\n  - " + indented(VALID_SECTION).lstrip())
    [problem] = messages(exhibit_dir)
    assert problem.startswith(f"{path}:{message}")


def test_a_countdown_shorter_than_twenty_seconds_is_refused(exhibit_dir: Path, write: Write) -> None:
    path = write("title: T\ntiming:\n  countdown: 10\nsections:\n  - " + indented(VALID_SECTION).lstrip())
    [problem] = messages(exhibit_dir)
    assert problem.startswith(f"{path}:3:14: error: timing.countdown: ")
    assert "20" in problem


def test_sides_are_the_exhibits_own_accents(exhibit_dir: Path, write: Write) -> None:
    section = indented(VALID_SECTION.replace("teaser: One panel", "teaser: One panel\nside: sunlit")).lstrip()
    path = write(
        "title: T\ntheme:\n  accents:\n    sunlit: '#C9A03E'\n    shadow: '#2F4C7C'\nsections:\n  - "
        + section
    )
    assert load_exhibit(exhibit_dir).ok
    path.write_text(path.read_text(encoding="utf-8").replace("side: sunlit", "side: sunlt"), encoding="utf-8")
    assert messages(exhibit_dir) == [
        f"{path}:10:11: error: sections[0].side: side 'sunlt' is not one of this exhibit's sides (did you "
        "mean 'sunlit'?); the sides are the names of the theme's accents (sunlit, shadow), and both and none"
    ]
