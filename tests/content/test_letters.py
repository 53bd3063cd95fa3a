"""Notes on a letter's phrases and places, its page pictures, and the stand-in pages shipped for them."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import pyvips
from PySide6.QtGui import QImage

from kiosk.content.loader import load_exhibit
from kiosk.content.models import Letter, letters_with_paths
from tests.conftest import REPOSITORY
from tools import typeset_letters

Write = Callable[..., Path]
RECOGNITION = REPOSITORY / "exhibits" / "recognition-1933"
LETTERS_SECTION = RECOGNITION / "sections" / "letters.yaml"
STAND_INS = "media/letters/"

EXHIBIT = """\
title: Test Exhibit
sections:
  - sections/letters.yaml
"""
LETTER_SECTION = """\
id: letters
title: Letters
teaser: A letter
panels:
  - kind: document
    title: A letter
    date: 1933-11-16
    from: Franklin D. Roosevelt
    to: Maxim Litvinov
    transcript_status: full
    source: A printed volume
    transcript: |
      My Dear Mr. Litvinov: It will be the fixed
      policy of the Executive to adhere reciprocally.
    pages:
      - image: {page}
        alt: A page of the letter, re-typeset.
    annotations:
      - phrase: {phrase}
        note: A note on the phrase.
{region}"""


def letter_section(phrase: str = "fixed policy", page: str = "media/page.png", region: str = "") -> str:
    return LETTER_SECTION.format(phrase=phrase, page=page, region=region)


def region(page: int, x: int, y: int, width: int, height: int) -> str:
    return (
        "        region:\n"
        f"          page: {page}\n          x: {x}\n          y: {y}\n"
        f"          width: {width}\n          height: {height}\n"
    )


@pytest.fixture
def page(exhibit_dir: Path) -> Path:
    """A page picture 400 x 500 pixels, as a scan would be."""
    path = exhibit_dir / "media" / "page.png"
    pyvips.Image.black(400, 500).pngsave(str(path))
    return path


def problems(folder: Path) -> list[str]:
    result = load_exhibit(folder)
    return [problem.format() for problem in result.problems]


def line_and_column(path: Path, text: str) -> tuple[int, int]:
    """Where `text` first stands in a file, 1-based, as validation reports positions."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(f"{text!r} not in {path}")


def test_a_phrase_found_across_a_line_break_is_valid(exhibit_dir: Path, write: Write, page: Path) -> None:
    write(EXHIBIT)
    write(letter_section("fixed policy of the Executive"), "sections/letters.yaml")
    assert problems(exhibit_dir) == []


def test_a_phrase_not_in_the_transcript_is_an_error_at_the_phrase(
    exhibit_dir: Path, write: Write, page: Path
) -> None:
    write(EXHIBIT)
    section = write(letter_section("fixed polciy"), "sections/letters.yaml")
    line, column = line_and_column(section, "fixed polciy")
    assert problems(exhibit_dir) == [
        f"{section}:{line}:{column}: error: sections[0].panels[0].annotations[0].phrase: the phrase "
        "'fixed polciy' is not in the letter's transcript; copy it exactly as the transcript has it"
    ]


def test_a_region_inside_its_page_is_valid(exhibit_dir: Path, write: Write, page: Path) -> None:
    write(EXHIBIT)
    write(letter_section(region=region(1, 300, 400, 100, 100)), "sections/letters.yaml")
    assert problems(exhibit_dir) == []


def test_a_region_reaching_outside_its_page_is_an_error(exhibit_dir: Path, write: Write, page: Path) -> None:
    write(EXHIBIT)
    section = write(letter_section(region=region(1, 300, 400, 101, 50)), "sections/letters.yaml")
    [problem] = problems(exhibit_dir)
    line, _ = line_and_column(section, "region:")
    assert problem.startswith(f"{section}:{line + 1}:")
    assert "sections[0].panels[0].annotations[0].region" in problem
    assert (
        "(300, 400, 101 x 50) reaches outside page 1, which is 400 x 500 pixels (media/page.png)" in problem
    )


def test_a_region_on_a_page_the_letter_does_not_have_is_an_error(
    exhibit_dir: Path, write: Write, page: Path
) -> None:
    write(EXHIBIT)
    section = write(letter_section(region=region(2, 0, 0, 10, 10)), "sections/letters.yaml")
    line, column = line_and_column(section, "page: 2")
    assert problems(exhibit_dir) == [
        f"{section}:{line}:{column + len('page: ')}: error: "
        "sections[0].panels[0].annotations[0].region.page: page 2 does not exist: the letter has 1 page"
    ]


def test_the_letters_of_a_pair_are_checked_too(exhibit_dir: Path, write: Write, page: Path) -> None:
    write(EXHIBIT)
    pair = """\
id: letters
title: Letters
teaser: A pledge and its answer
panels:
  - kind: pair
    title: A pledge, and the answer
    letters:
      - date: 1933-11-16
        from: Maxim Litvinov
        to: Franklin D. Roosevelt
        transcript_status: partial
        source: A printed volume
        transcript: it will be the fixed policy of the Government
      - date: 1933-11-16
        from: Franklin D. Roosevelt
        to: Maxim Litvinov
        transcript_status: partial
        source: A printed volume
        transcript: to adhere reciprocally to the engagements above expressed
        annotations:
          - phrase: the engagements below expressed
            note: A note.
"""
    section = write(pair, "sections/letters.yaml")
    line, column = line_and_column(section, "the engagements below")
    assert problems(exhibit_dir) == [
        f"{section}:{line}:{column}: error: sections[0].panels[0].letters[1].annotations[0].phrase: "
        "the phrase 'the engagements below expressed' is not in the letter's transcript; "
        "copy it exactly as the transcript has it"
    ]


@pytest.mark.parametrize("bigtiff", [False, True], ids=["tiff", "bigtiff"])
def test_a_tiff_page_is_measured_for_its_regions(exhibit_dir: Path, write: Write, bigtiff: bool) -> None:
    pyvips.Image.black(640, 480).tiffsave(str(exhibit_dir / "media" / "scan.tif"), bigtiff=bigtiff)
    write(EXHIBIT)
    write(letter_section(page="media/scan.tif", region=region(1, 600, 440, 40, 40)), "sections/letters.yaml")
    assert problems(exhibit_dir) == []
    write(letter_section(page="media/scan.tif", region=region(1, 600, 440, 41, 40)), "sections/letters.yaml")
    [problem] = problems(exhibit_dir)
    assert "reaches outside page 1, which is 640 x 480 pixels (media/scan.tif)" in problem


# The stand-in pages shipped with "Recognition, 1933"


def shipped_letters() -> list[tuple[str, Letter]]:
    result = load_exhibit(RECOGNITION)
    assert result.exhibit is not None, [problem.format() for problem in result.problems]
    return [(".".join(map(str, path)), letter) for path, letter in letters_with_paths(result.exhibit)]


def test_every_stand_in_page_says_it_is_not_a_photograph() -> None:
    stand_ins = [
        (where, page)
        for where, letter in shipped_letters()
        for page in letter.pages
        if any(media.source.startswith(STAND_INS) for media in page.image.files())
    ]
    assert len(stand_ins) >= 4
    for where, page in stand_ins:
        assert page.caption is not None, where
        assert "not a photograph" in page.caption.resolve("en").lower(), where
        assert "re-typeset" in page.alt.resolve("en").lower(), where
        assert page.credit is not None, where


def test_a_summary_has_no_page_that_could_pass_for_the_letter() -> None:
    for where, letter in shipped_letters():
        if letter.transcript_status == "summary":
            assert letter.pages == (), where


@pytest.fixture(scope="module")
def faces(qapp: object) -> typeset_letters.Faces:
    return typeset_letters.Faces()


def test_the_stand_in_pages_are_those_the_tool_draws_from_the_transcripts(
    faces: typeset_letters.Faces,
) -> None:
    letters = list(typeset_letters.letters_in(LETTERS_SECTION))
    assert letters
    for letter in letters:
        layout = typeset_letters.lay_out(letter, faces)
        paths = typeset_letters.page_paths(letter, len(layout.pages))
        assert list(letter.pages) == paths, letter.label
        for path, drawn in zip(paths, typeset_letters.render(layout, faces), strict=True):
            shipped = QImage(str(RECOGNITION / path))
            assert shipped.size() == drawn.size(), path
            # The picture, not its encoding: the same pixels whatever zlib made of them.
            same = shipped.convertToFormat(QImage.Format.Format_RGB32) == drawn.convertToFormat(
                QImage.Format.Format_RGB32
            )
            assert same, f"{path} differs from what the transcript draws; run tools/typeset_letters.py"


def test_the_tool_writes_the_pages_it_draws(tmp_path: Path, faces: typeset_letters.Faces) -> None:
    copy = tmp_path / "recognition-1933"
    shutil.copytree(RECOGNITION, copy)
    for page in (copy / "media" / "letters").glob("*.png"):
        page.unlink()
    assert typeset_letters.write_pages(copy / "sections" / LETTERS_SECTION.name, faces) == []
    for letter in typeset_letters.letters_in(LETTERS_SECTION):
        for path in letter.pages:
            written, shipped = QImage(str(copy / path)), QImage(str(RECOGNITION / path))
            assert not written.isNull(), path
            assert written.convertToFormat(QImage.Format.Format_RGB32) == shipped.convertToFormat(
                QImage.Format.Format_RGB32
            ), path


def test_every_shipped_region_lies_where_its_phrase_is_drawn(faces: typeset_letters.Faces) -> None:
    regions = 0
    for letter in typeset_letters.letters_in(LETTERS_SECTION):
        layout = typeset_letters.lay_out(letter, faces)
        for note in letter.annotations:
            if "region" not in note:
                continue
            regions += 1
            phrase = typeset_letters.in_page_language(note["phrase"])
            drawn = typeset_letters.phrase_region(layout, phrase, faces)
            assert drawn is not None, phrase
            assert typeset_letters.covers(note["region"], drawn), (phrase, note["region"], drawn)
    assert regions >= 5


def typeset(status: str, faces: typeset_letters.Faces) -> tuple[list[str], list[str]]:
    """The lines of a one-paragraph letter's band, and the words drawn on its pages."""
    letter = typeset_letters.LetterSource(
        label="a letter",
        transcript="Our words about the letter.",
        status=status,
        source="A printed volume",
        date="1933-11-16",
        pages=("media/letters/letter-1.png",),
        annotations=(),
    )
    layout = typeset_letters.lay_out(letter, faces)
    return [line for _, line in layout.band], [run.text for page in layout.pages for run in page]


def test_pages_say_what_kind_of_text_they_carry(faces: typeset_letters.Faces) -> None:
    band, drawn = typeset("full", faces)
    assert "Not a photograph of the original letter." in band
    assert "November 16, 1933" in drawn
    band, _ = typeset("partial", faces)
    assert any(line.startswith("Part of the text") for line in band)
    band, drawn = typeset("summary", faces)
    assert "Summary, not the letter's words." in band
    assert not any("transcript" in line.lower() for line in band)
    # A summary is not the letter, so it is not dated like one.
    assert "November 16, 1933" not in drawn
