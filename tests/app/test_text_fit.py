"""The fit check as a curator meets it in `kiosk validate`, and its measure against Qt Quick's own."""

import html
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtQml import QQmlComponent, QQmlEngine, QQmlProperty

from kiosk.app.text_fit import offscreen_measure
from kiosk.cli import main
from kiosk.content.layout.geometry import pixel_size
from kiosk.content.loader import load_exhibit
from kiosk.content.markdown import render_blocks
from kiosk.viewmodels.presentation import paragraphs
from kiosk.viewmodels.text_measure import TextStyle
from tests.conftest import MINI_EXHIBIT, REPOSITORY

RECOGNITION = REPOSITORY / "exhibits" / "recognition-1933"

ONE_PANEL = """\
title:
  en: A Small Exhibit
  ru: Маленькая выставка
languages: [en, ru]
sections:
  - id: only
    title:
      en: Only
      ru: Один
    teaser:
      en: One panel
      ru: Одна панель
    panels:
      - kind: text
        title:
          en: A text panel
          ru: Текстовая панель
        body:
          en: {english}
          ru: {russian}
"""


def write_exhibit(folder: Path, english: str = "Some words.", russian: str = "Несколько слов.") -> Path:
    path = folder / "exhibit.yaml"
    path.write_text(ONE_PANEL.format(english=english, russian=russian), encoding="utf-8")
    return path


def body_texts() -> list[str]:
    exhibit = load_exhibit(RECOGNITION).exhibit
    assert exhibit is not None
    texts = []
    for section in exhibit.sections:
        for panel in section.panels:
            body = getattr(panel, "body", None)
            if body is not None:
                for language in exhibit.languages:
                    texts.extend(block["text"] for block in render_blocks(body.resolve(language, ())))
    return texts


@pytest.mark.parametrize(
    ("family", "size", "bold", "italic", "line_height", "styled"),
    [
        ("Noto Serif", 34, False, False, 1.32, True),
        ("Noto Serif", 43, False, True, 1.22, False),
        ("Noto Sans", 26, True, False, 1.0, False),
    ],
)
def test_the_measure_agrees_with_a_qt_quick_text_item(
    qapp: object, family: str, size: int, bold: bool, italic: bool, line_height: float, styled: bool
) -> None:
    """Every paragraph of the shipped exhibit, in both languages, at several widths: the same lines
    and the same height, to the pixel, as a Text item set the way the views set theirs."""
    measure = offscreen_measure()
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(b"import QtQuick\nText { wrapMode: Text.Wrap }", "file:///measure.qml")
    style = TextStyle(family, size, bold, italic, line_height=line_height)
    for index, text in enumerate(body_texts()):
        width = (320, 611, 884, 1101)[index % 4]
        item = component.create()
        item.setProperty("textFormat", 4 if styled else 0)  # Text.StyledText, Text.PlainText
        font = item.property("font")
        font.setFamily(family)
        font.setPixelSize(size)
        font.setBold(bold)
        font.setItalic(italic)
        item.setProperty("font", font)
        item.setProperty("lineHeight", line_height)
        item.setProperty("width", width)
        item.setProperty("text", text)
        measured = measure.styled(text, style, width) if styled else measure.plain(text, style, width)
        assert (measured.lines, measured.height) == pytest.approx(
            (item.property("lineCount"), item.property("implicitHeight"))
        ), text[:60]
        item.deleteLater()


def letter_texts() -> list[str]:
    exhibit = load_exhibit(RECOGNITION).exhibit
    assert exhibit is not None
    return [
        paragraph
        for section in exhibit.sections
        for panel in section.panels
        if panel.kind == "document"
        for language in exhibit.languages
        for paragraph in paragraphs(panel.transcript.resolve(language, ()))
    ]


@pytest.mark.parametrize(("size", "line_height"), [(31, 44), (39, 51)], ids=["normal", "larger"])
def test_a_letter_s_lines_measure_as_qt_quick_sets_them_at_a_fixed_height(
    qapp: object, size: int, line_height: int
) -> None:
    """LetterText.qml's paragraphs (rich text, every line a fixed height for a finger): every
    paragraph of the shipped letters, in both languages, at several widths, to the pixel."""
    measure = offscreen_measure()
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(
        b"import QtQuick\nText { wrapMode: Text.Wrap; textFormat: Text.RichText; "
        b"lineHeightMode: Text.FixedHeight }",
        "file:///letter.qml",
    )
    style = TextStyle("Courier Prime", size)
    texts = letter_texts()
    assert texts
    for index, text in enumerate(texts):
        width = (480, 760, 959.4)[index % 3]
        item = component.create()
        font = item.property("font")
        font.setFamily("Courier Prime")
        font.setPixelSize(size)
        item.setProperty("font", font)
        item.setProperty("lineHeight", line_height)
        item.setProperty("width", width)
        item.setProperty("text", html.escape(text))
        measured = measure.fixed_lines(text, style, width, line_height)
        assert measured.height == pytest.approx(item.property("implicitHeight")), text[:60]
        item.deleteLater()


def test_a_fractional_type_size_is_rounded_as_qml_rounds_a_font_s_pixel_size(qapp: object) -> None:
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(
        b"import QtQuick\nText { property real size; font.pixelSize: size }", "file:///size.qml"
    )
    item = component.create()
    for size in (31.28, 38.5, 38.64, 37.5, 28.4, 29.9):
        item.setProperty("size", size)
        assert pixel_size(size) == QQmlProperty.read(item, "font.pixelSize"), size
    item.deleteLater()


def test_text_that_fits_everywhere_draws_no_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_exhibit(tmp_path)
    assert main(["validate", "--strict", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


def test_text_too_long_for_its_panel_is_refused_with_strict_and_says_where_and_how_much(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = "Words that run on. " * 90
    path = write_exhibit(tmp_path, english=english)
    assert main(["validate", "--strict", str(tmp_path)]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if "does not fit" in line]
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith(f"{path}:19:15: warning: sections[0].panels[0].body.en: does not fit its place")
    for variant in ("1920x1080, en, normal text", "1920x1080, en, larger text", "1080x1920, en, larger text"):
        assert variant in line
    assert "ru," not in line
    words = int(line.split("cut about ")[1].split()[0])
    assert 200 < words < 360


def test_the_installation_s_screens_are_the_ones_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exhibit = tmp_path / "exhibit"
    exhibit.mkdir()
    write_exhibit(exhibit, russian="Слова, которые всё тянутся и тянутся. " * 40)
    settings = tmp_path / "settings.yaml"
    settings.write_text('screens: ["1280x800"]\n', encoding="utf-8")
    assert main(["validate", "--settings", str(settings), str(exhibit)]) == 0
    output = capsys.readouterr().out
    assert "1280x800, ru, normal text" in output
    assert "1920x1080" not in output
    assert "1080x1920" not in output


def test_a_screen_size_that_cannot_be_read_is_reported_at_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_exhibit(tmp_path)
    settings = tmp_path / "settings.yaml"
    settings.write_text('screens: ["1920x1080", "wide"]\n', encoding="utf-8")
    assert main(["validate", "--settings", str(settings), str(tmp_path)]) == 0
    assert (
        f"{settings}:1:10: error: screens: expected a screen size such as 1920x1080"
        in capsys.readouterr().err
    )


@pytest.mark.slow
def test_validate_measures_without_a_display(tmp_path: Path) -> None:
    """Qt is started on its offscreen platform, whatever the environment asks for."""
    write_exhibit(tmp_path, english="Words that run on. " * 90)
    environment = {
        key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    environment["QT_QPA_PLATFORM"] = "xcb"
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", "--strict", str(tmp_path)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert "does not fit its place" in run.stdout
    assert "Traceback" not in run.stderr


QUOTE = """\
title: A Small Exhibit
sections:
  - id: only
    title: Only
    teaser: One panel
    panels:
      - kind: quote
        title: A quote panel
        text: {quotation}
        attribution: Someone, a letter
        date: 1933-10-10
        source: A printed volume, doc. 1
        context: {context}
"""


def fit_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "does not fit" in line or "is cut off" in line]


def test_a_long_context_is_cut_before_a_quotation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "exhibit.yaml").write_text(
        QUOTE.format(quotation="Words that someone wrote.", context="Some words of context. " * 80),
        encoding="utf-8",
    )
    main(["validate", str(tmp_path)])
    [line] = fit_lines(capsys.readouterr().out)
    assert ":13:18: warning: sections[0].panels[0].context: " in line
    assert "cut about" in line


def test_a_quotation_too_long_for_its_panel_is_reported_as_a_layout_matter_never_to_be_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "exhibit.yaml").write_text(
        QUOTE.format(quotation="Words that someone wrote at length. " * 60, context="A little context."),
        encoding="utf-8",
    )
    main(["validate", str(tmp_path)])
    [line] = fit_lines(capsys.readouterr().out)
    assert ":9:15: warning: sections[0].panels[0].text: " in line
    assert "a quotation is verbatim and is not cut" in line
    assert "cut about" not in line


def test_a_title_taller_than_its_panel_says_how_many_characters_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "A title that goes on and on " * 12
    (tmp_path / "exhibit.yaml").write_text(CLEAN_TITLE_EXHIBIT.format(title=title.strip()), encoding="utf-8")
    main(["validate", str(tmp_path)])
    [line] = [line for line in fit_lines(capsys.readouterr().out) if ".title:" in line]
    assert "1920x1080, en, normal text" in line
    characters = int(line.split("shorten it to about ")[1].split()[0])
    assert 40 < characters < len(title) / 2


CLEAN_TITLE_EXHIBIT = """\
title: A Small Exhibit
sections:
  - id: only
    title: Only
    teaser: One panel
    panels:
      - kind: text
        title: {title}
        body: Some words.
"""


def test_controls_sized_for_a_small_screen_as_mounted_leave_the_text_less_room(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """20 mm controls on a 15-inch screen are larger in pixels: the footer takes more of it."""
    exhibit = tmp_path / "exhibit"
    exhibit.mkdir()
    write_exhibit(exhibit, english="Words that run on. " * 90)
    small = tmp_path / "small.yaml"
    small.write_text("screen_width_mm: 332\nscreen_height_mm: 187\n", encoding="utf-8")

    def room(*settings: str) -> int:
        main(["validate", *settings, str(exhibit)])
        [line] = fit_lines(capsys.readouterr().out)
        return int(line.split("1920x1080, en, normal text: ")[1].split(" px high in ")[1].split(";")[0])

    default = tmp_path / "default.yaml"
    default.write_text("screens: [1920x1080]\n", encoding="utf-8")
    assert room("--settings", str(small)) < room("--settings", str(default))


def test_without_qt_validation_still_reports_everything_else_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_qt(*_: object, **__: object) -> None:
        raise ImportError("libEGL.so.1: cannot open shared object file")

    monkeypatch.setattr("kiosk.app.text_fit.check_fit", no_qt)
    write_exhibit(tmp_path)
    assert main(["validate", "--strict", str(tmp_path)]) == 0
    output = capsys.readouterr()
    assert "the layout check could not run (libEGL.so.1" in output.err
    assert "Traceback" not in output.err


def test_an_image_s_caption_too_long_even_alone_is_what_to_shorten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(MINI_EXHIBIT / "media", tmp_path / "media")
    (tmp_path / "exhibit.yaml").write_text(
        IMAGE.format(caption="A caption that says a great deal. " * 30, body="A body of a few words."),
        encoding="utf-8",
    )
    main(["validate", str(tmp_path)])
    [line] = fit_lines(capsys.readouterr().out)
    assert ":11:18: warning: sections[0].panels[0].caption: " in line
    assert "cut about" in line
    assert line.endswith("and leave out the body, which has no room left beside it")


IMAGE = """\
title: A Small Exhibit
sections:
  - id: only
    title: Only
    teaser: One panel
    panels:
      - kind: image
        title: An image panel
        image: media/bar.svg
        alt: A red bar on paper.
        caption: {caption}
        credit: Drawing for the tests
        body: {body}
"""


def test_a_text_panel_s_picture_leaves_its_words_less_room_on_an_upright_screen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = "Words that run on. " * 56
    path = write_exhibit(tmp_path, english=english, russian="Несколько слов.")
    assert main(["validate", str(tmp_path)]) == 0
    upright = [line for line in capsys.readouterr().out.splitlines() if "1080x1920, en, normal text" in line]
    assert upright == []
    shutil.copytree(MINI_EXHIBIT / "media", tmp_path / "media")
    with path.open("a", encoding="utf-8") as file:
        file.write(
            "        image: media/square.svg\n        alt: {en: A blue circle., ru: Синий круг.}\n"
            "        credit: {en: Drawing for the tests, ru: Рисунок для проверки}\n"
        )
    assert main(["validate", str(tmp_path)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "does not fit" in line]
    assert len(lines) == 1, lines
    assert "1080x1920, en, normal text" in lines[0]


PEOPLE = """\
title: A Small Exhibit
sections:
  - id: only
    title: Only
    teaser: One panel
    panels:
      - kind: people
        title: Who was there
        intro: {intro}
        people:
          - name: Ada Example
            role: {role}
            dates: 1900–1980
          - name: Boris Example
            role: A role
            dates: 1900–1980
"""


def test_a_people_panel_s_introduction_must_leave_the_first_row_of_cards_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exhibit = tmp_path / "exhibit.yaml"
    exhibit.write_text(PEOPLE.format(intro="A few words of introduction.", role="A role"), encoding="utf-8")
    assert main(["validate", "--strict", str(tmp_path)]) == 0
    capsys.readouterr()

    exhibit.write_text(PEOPLE.format(intro="Words that run on. " * 60, role="A role"), encoding="utf-8")
    main(["validate", str(tmp_path)])
    [line] = fit_lines(capsys.readouterr().out)
    assert ":9:16: warning: sections[0].panels[0].intro: does not fit its place" in line
    assert "cut about" in line

    # Cards too tall for the room under the heading: cutting the introduction cannot help.
    exhibit.write_text(PEOPLE.format(intro="A few words.", role="A long role. " * 80), encoding="utf-8")
    main(["validate", str(tmp_path)])
    [line] = fit_lines(capsys.readouterr().out)
    assert "the first row of cards does not fit under the heading even without the introduction" in line


TIMELINE = """\
title: A Small Exhibit
sections:
  - id: only
    title: Only
    teaser: One panel
    panels:
      - kind: timeline
        title: What happened
        events:
          - date: 1918-08
            end: 1918-09
            {label}
            title: {title}
            text: Troops are sent.
          - date: 1933-11-16
            title: Letters
            text: The letters are exchanged.
"""


def test_a_timeline_card_s_title_and_date_cut_off_on_the_card_are_warned_of_at_their_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exhibit = tmp_path / "exhibit.yaml"
    exhibit.write_text(
        TIMELINE.format(label="date_label: Aug.–Sept. 1918", title="Troops in Russia"), encoding="utf-8"
    )
    assert main(["validate", "--strict", str(tmp_path)]) == 0
    capsys.readouterr()

    # The card shows two lines of the title and one of the date, and cuts off the rest.
    title = "American and Allied troops land at Archangel and Vladivostok"
    exhibit.write_text(
        TIMELINE.format(label="date_label: August–September 1918, in the north and in Siberia", title=title),
        encoding="utf-8",
    )
    assert main(["validate", "--strict", str(tmp_path)]) == 1
    label, heading = fit_lines(capsys.readouterr().out)
    assert ":12:25: warning: sections[0].panels[0].events[0].date_label: is cut off in its place" in label
    assert "a card shows the date on one line" in label
    assert ":13:20: warning: sections[0].panels[0].events[0].title: is cut off in its place" in heading
    assert "a card shows 2 lines of an event's title and cuts off the rest" in heading
    keep = int(heading.split("shorten it to about ")[1].split(" characters")[0])
    assert 10 < keep < len(title)

    # Without a label the card shows the date itself, which the curator shortens with a label.
    exhibit.write_text(TIMELINE.format(label="", title="Troops in Russia"), encoding="utf-8")
    main(["validate", str(tmp_path)])
    [line] = fit_lines(capsys.readouterr().out)
    assert ":10:19: warning: sections[0].panels[0].events[0].date: is cut off in its place" in line
    assert "give the event a shorter date_label" in line


SLIDE = """\
title: A Small Exhibit
languages: [en, ru]
attract:
  slides:
    - image: media/square.svg
      alt: A blue circle.
      credit: Drawing for the tests
{words}
      caption:
        en: A short caption.
        ru: {caption}
sections:
  - id: only
    title: Only
    teaser: One panel
    panels:
      - kind: text
        title: A text panel
        body: Some words.
"""


def write_slide(folder: Path, words: str, caption: str) -> None:
    shutil.copytree(MINI_EXHIBIT / "media", folder / "media")
    (folder / "exhibit.yaml").write_text(SLIDE.format(words=words, caption=caption), encoding="utf-8")


def test_an_attract_slide_s_caption_that_runs_down_to_the_invitation_is_what_to_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_slide(
        tmp_path, "      headline: Ten minutes to midnight", "Слова, которые идут одно за другим. " * 30
    )
    assert main(["validate", "--strict", str(tmp_path)]) == 1
    [line] = fit_lines(capsys.readouterr().out)
    assert (
        ":11:13: warning: attract.slides[0].caption.ru: does not fit the words' side of the attract loop"
        in line
    )
    assert "1920x1080, ru, normal text" in line
    assert "1080x1920, ru, normal text" in line
    # The loop plays between visits, when the visitor's larger text is off again.
    assert "larger text" not in line
    assert "en," not in line
    assert 30 < int(line.split("cut about ")[1].split()[0]) < 180


def test_an_attract_slide_s_quotation_too_long_even_alone_is_never_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quote = "Words that someone wrote at length in a letter. " * 14
    words = f"      quote: {quote}\n      attribution: Someone, a letter, 10 October 1933"
    write_slide(tmp_path, words, "Короткая подпись.")
    main(["validate", str(tmp_path)])
    [line] = fit_lines(capsys.readouterr().out)
    assert ":8:14: warning: attract.slides[0].quote: does not fit the words' side" in line
    assert "a quotation is verbatim and is not cut: choose a shorter passage" in line
    assert "cut about" not in line


def test_an_attract_slide_s_long_headline_without_a_caption_is_what_to_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_slide(tmp_path, "      headline: " + "A headline that goes on and on. " * 12, "Подпись.")
    main(["validate", str(tmp_path)])
    [line] = fit_lines(capsys.readouterr().out)
    assert ":8:17: warning: attract.slides[0].headline: does not fit the words' side" in line
    assert "cut about" in line
