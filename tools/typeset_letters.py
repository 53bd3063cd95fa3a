"""Re-typesets the letters of an exhibit as page images: honest stand-ins until there are scans.

The repository holds no scans of the 1933 letters, so that the page viewer has something true to
show this tool sets each letter's transcript, as the section file gives it, on US Letter pages
(1700 x 2200 pixels, 200 dpi) in a typewriter face: the date line, the salutation on its own line,
the paragraphs on a typewriter measure, and as many pages as the text needs. Every page says, at
its head and in a band at its foot, that it is a re-typeset transcript made for the exhibit and not
a photograph of the original, and, where the transcript is partial or a summary, says that too.
Nothing is drawn that the transcript does not give: no letterhead, no seal, no signature.
Editorial notes in brackets that fill a whole paragraph ("[The rest of the letter is not shown.]")
are set in a plain sans face, so that they do not pass for typed words of the letter.

Only the pages a section file lists under `media/letters/` are made, named `<name>-<n>.png` after
the first of them. When a letter needs more or fewer pages than are listed, the tool says which
`image:` lines to write. A page is the same bytes for the same transcript on the same Qt; it also
carries a digest of everything drawn (PNG text `typeset-digest`), so that a page left behind by a
changed transcript is found without drawing it again.

Run from the repository root:

    .venv/bin/python tools/typeset_letters.py            # write the pages of the shipped letters
    .venv/bin/python tools/typeset_letters.py --regions  # the region: of every noted phrase, to paste
    .venv/bin/python tools/typeset_letters.py --check    # are the pages and regions up to date?

(Give a section file to work on another exhibit's letters.) A region is where the phrase is drawn,
in the page's pixels, as `kiosk validate` and the page viewer expect; `--check` fails when a page
is stale or a region no longer covers its phrase. To show a real scan instead of a stand-in, change
the page's `image:` to the scan's path: the tool only ever touches pages under `media/letters/`.
"""

import argparse
import glob
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import yaml
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QGuiApplication, QImage, QPainter

from kiosk.content.dates import MONTHS

REPOSITORY = Path(__file__).resolve().parents[1]
FONTS = REPOSITORY / "assets" / "fonts"
DEFAULT_SECTION = REPOSITORY / "exhibits" / "recognition-1933" / "sections" / "letters.yaml"
STAND_IN_FOLDER = "media/letters/"
DIGEST_KEY = "typeset-digest"

#: US Letter at 200 dpi, one-inch side margins: about 63 characters of 10-pitch type to the line.
PAGE_WIDTH, PAGE_HEIGHT = 1700, 2200
MARGIN = 200
TYPE_SIZE = 34  # pixels: 12 point at 200 dpi
LINE_STEP = 42
INDENT = 5  # characters, as a typist's paragraph tab
DATE_TOP = 330
CONTINUED_TOP = 330
BAND_SIZE = 30
HEAD_SIZE = 26
REGION_PADDING = 4

#: Drawn in grey levels, then stored with a palette from paper (white) to ink (black).
PAPER = QColor("#F4EDDF")
INK = QColor("#1F1B18")
BAND_SHADE = 228
NOTE_GREY = 80
HEAD_GREY = 95

STATUS_LINES = {
    "full": "",
    "partial": "Part of the text: what is not shown is marked in square brackets.",
    "summary": "Summary, not the letter's words.",
}
#: What a page is, said at its head: a summary is not a transcript.
HEADS = {
    "summary": "SUMMARY SET FOR THIS EXHIBIT  \u00b7  NOT THE LETTER'S WORDS",
}
HEAD = "RE-TYPESET TRANSCRIPT  \u00b7  NOT A PHOTOGRAPH OF THE ORIGINAL"
_SALUTATION = re.compile(r"^(My Dear [^:\n]{1,60}:)\s+")
_CLOSING = re.compile(r"^(I am|Yours|Sincerely|Very truly)\b")


@dataclass(frozen=True)
class LetterSource:
    """A letter as its section file gives it, with the stand-in pages it lists."""

    label: str
    transcript: str
    status: str
    source: str
    date: str
    pages: tuple[str, ...]
    annotations: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Run:
    """Text drawn at one place on one page; `start` is where it begins in the transcript (-1: not in it)."""

    page: int
    x: float
    baseline: float
    text: str
    face: str
    start: int = -1


@dataclass
class Layout:
    """Everything drawn on a letter's pages: the runs of each page, and the band at their foot."""

    letter: LetterSource
    pages: list[list[Run]] = field(default_factory=list)
    band: list[tuple[str, str]] = field(default_factory=list)

    def digest(self) -> str:
        drawn = [[(r.x, r.baseline, r.text, r.face) for r in page] for page in self.pages]
        payload = json.dumps([PAGE_WIDTH, PAGE_HEIGHT, drawn, self.band], ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


class Faces:
    """The typewriter face and the plain faces of the notes, from the bundled fonts, so that every
    machine sets the same lines."""

    def __init__(self) -> None:
        if QGuiApplication.instance() is None:
            self._app = QGuiApplication([sys.argv[0]])
        families = {}
        for name in ("CourierPrime-Regular.otf", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
            loaded = QFontDatabase.applicationFontFamilies(
                QFontDatabase.addApplicationFont(str(FONTS / name))
            )
            if not loaded:
                raise RuntimeError(f"cannot load the bundled font {name}")
            families[name] = loaded[0]
        self.fonts = {
            "type": self._font(families["CourierPrime-Regular.otf"], TYPE_SIZE),
            "note": self._font(families["NotoSans-Regular.ttf"], BAND_SIZE),
            "head": self._font(families["NotoSans-Regular.ttf"], HEAD_SIZE),
            "band": self._font(families["NotoSans-Regular.ttf"], BAND_SIZE),
            "band-bold": self._font(families["NotoSans-Bold.ttf"], BAND_SIZE, bold=True),
        }
        self.metrics = {name: QFontMetricsF(font) for name, font in self.fonts.items()}

    @staticmethod
    def _font(family: str, pixels: int, *, bold: bool = False) -> QFont:
        font = QFont(family)
        font.setPixelSize(pixels)
        font.setBold(bold)
        font.setKerning(False)
        # Unhinted outlines: the same shapes whatever the platform's hinting default.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def width(self, face: str, text: str) -> float:
        return self.metrics[face].horizontalAdvance(text)


# Reading the section file


#: The language the stand-in pages are typeset in; a text given in several languages is read in it.
PAGE_LANGUAGE = "en"


def in_page_language(value: Any) -> str:
    """A text as the pages print it: its English when the YAML gives it in several languages."""
    if isinstance(value, dict):
        return str(value.get(PAGE_LANGUAGE, next(iter(value.values()), "")))
    return "" if value is None else str(value)


def letters_in(section_file: Path) -> Iterator[LetterSource]:
    """Every letter of the section whose pages include stand-ins under media/letters/."""
    data = yaml.safe_load(section_file.read_text(encoding="utf-8")) or {}
    for number, panel in enumerate(data.get("panels") or [], start=1):
        if panel.get("kind") == "document":
            letters = [(f"panel {number} ({in_page_language(panel.get('title'))})", panel)]
        elif panel.get("kind") == "pair":
            letters = [
                (f"panel {number} ({in_page_language(panel.get('title'))}), letter {place}", letter)
                for place, letter in enumerate(panel.get("letters") or [], start=1)
            ]
        else:
            continue
        for label, letter in letters:
            pages = tuple(str(page.get("image", "")) for page in letter.get("pages") or [])
            if not any(page.startswith(STAND_IN_FOLDER) for page in pages):
                continue
            yield LetterSource(
                label=label,
                transcript=in_page_language(letter.get("transcript")),
                status=str(letter.get("transcript_status", "")),
                source=in_page_language(letter.get("source")),
                date=str(letter.get("date", "")),
                pages=pages,
                annotations=tuple(letter.get("annotations") or ()),
            )


def date_line(value: str) -> str:
    """The letter's date as an American typist of 1933 wrote it: November 16, 1933."""
    # Month names from a table: Qt sets the process's locale, which strftime would follow.
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return f"{MONTHS['en'][parts[1] - 1]} {parts[2]}, {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS['en'][parts[1] - 1]} {parts[0]}"
    return str(parts[0])


# Laying out


@dataclass(frozen=True)
class Block:
    """A paragraph of the transcript (start, end), and how it is set."""

    start: int
    end: int
    kind: str  # "salutation", "body", "note" (editorial, in brackets), "closing"


def blocks_of(transcript: str) -> list[Block]:
    blocks: list[Block] = []
    closing = False
    for match in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", transcript, re.DOTALL):
        start, end, text = match.start(), match.end(), match.group()
        if not blocks and (salutation := _SALUTATION.match(text)):
            blocks.append(Block(start, start + len(salutation.group(1)), "salutation"))
            start += salutation.end()
        text = transcript[start:end]
        # The complimentary close is a short line of its own; a paragraph may begin "I am" too.
        closing = closing or (len(text) < 60 and bool(_CLOSING.match(text)))
        if text.startswith("[") and text.endswith("]") and "]" not in text[:-1]:
            kind = "note"
        else:
            kind = "closing" if closing else "body"
        blocks.append(Block(start, end, kind))
    return blocks


def footer_lines(letter: LetterSource, faces: Faces) -> list[tuple[str, str]]:
    """The band at the foot of every page, as (face, line); the page number is added when drawn."""
    summary = letter.status == "summary"
    lines = [
        (
            "band-bold",
            "Set for this exhibit from our summary of the letter."
            if summary
            else "Re-typeset for this exhibit from a printed transcript.",
        ),
        ("band-bold", "Not a photograph of the original letter."),
    ]
    if status := STATUS_LINES.get(letter.status, ""):
        lines.append(("band", status))
    source = f"{'Source' if summary else 'Text'}: {letter.source}"
    lines += [("band", line) for line in wrap(source, "band", PAGE_WIDTH - 2 * MARGIN, faces)]
    return lines


def band_top(letter: LetterSource, faces: Faces) -> float:
    lines = len(footer_lines(letter, faces)) + 1
    return PAGE_HEIGHT - 90 - lines * BAND_SIZE * 1.35 - 40


def wrap(text: str, face: str, width: float, faces: Faces) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and faces.width(face, trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def lay_out(letter: LetterSource, faces: Faces) -> Layout:
    layout = Layout(letter, [[]], footer_lines(letter, faces))
    measure = PAGE_WIDTH - 2 * MARGIN
    bottom = band_top(letter, faces) - 60
    page, y = 0, float(DATE_TOP)

    def next_line(step: float) -> None:
        """Down one line, onto a new page (numbered as a typist would) when this one is full."""
        nonlocal page, y
        y += step
        if y > bottom:
            page += 1
            number = f"- {page + 1} -"
            layout.pages.append(
                [Run(page, (PAGE_WIDTH - faces.width("type", number)) / 2, CONTINUED_TOP, number, "type")]
            )
            y = CONTINUED_TOP + 2 * LINE_STEP

    # y is the baseline of the line last set; a summary is not the letter, so it has no date line.
    gap: float | None = None
    if letter.status != "summary":
        written = date_line(letter.date)
        layout.pages[page].append(
            Run(page, PAGE_WIDTH - MARGIN - faces.width("type", written), y, written, "type")
        )
        gap = 2 * LINE_STEP
    for block in blocks_of(letter.transcript):
        face = "note" if block.kind == "note" else "type"
        step = round(BAND_SIZE * 1.35) if face == "note" else LINE_STEP
        if gap is not None:
            y += gap  # the blank lines before a paragraph
            next_line(step)
        gap = LINE_STEP
        left = MARGIN + (measure / 2 if block.kind == "closing" else 0)
        x = left + (INDENT * faces.width("type", " ") if block.kind == "body" else 0)
        line: list[tuple[int, str]] = []
        for match in re.finditer(r"\S+", letter.transcript[block.start : block.end]):
            trial = " ".join(word for _, word in [*line, (0, match.group())])
            if line and x + faces.width(face, trial) > PAGE_WIDTH - MARGIN:
                layout.pages[page].append(
                    Run(page, x, y, " ".join(word for _, word in line), face, line[0][0])
                )
                line, x = [], left
                next_line(step)
            line.append((block.start + match.start(), match.group()))
        if line:
            layout.pages[page].append(Run(page, x, y, " ".join(word for _, word in line), face, line[0][0]))
    return layout


# Where a phrase is drawn


def phrase_span(transcript: str, phrase: str) -> tuple[int, int] | None:
    """As kiosk validate finds it: the first place, however the lines are broken."""
    pattern = r"\s+".join(re.escape(word) for word in phrase.split())
    match = re.search(pattern, transcript) if pattern else None
    return None if match is None else match.span()


def phrase_region(layout: Layout, phrase: str, faces: Faces) -> dict[str, int] | None:
    """The rectangle around the phrase on the first page it is drawn on (1-based page)."""
    span = phrase_span(layout.letter.transcript, phrase)
    if span is None:
        return None
    for number, runs in enumerate(layout.pages, start=1):
        box = QRectF()
        for run in runs:
            if run.start < 0:
                continue
            # A run is the transcript's words joined by single spaces, where the transcript may
            # have had a line break or two spaces: map word by word.
            for word_start, word, offset in _words_of(layout.letter.transcript, run):
                word_end = word_start + len(word)
                if word_end <= span[0] or word_start >= span[1]:
                    continue
                first = max(span[0], word_start) - word_start
                last = min(span[1], word_end) - word_start
                size = faces.fonts[run.face].pixelSize()
                left = run.x + faces.width(run.face, run.text[: offset + first])
                right = run.x + faces.width(run.face, run.text[: offset + last])
                # From the tops of capitals to the tails of descenders, not the font's whole line
                # height, so that the boxes of two lines one above the other barely touch.
                box |= QRectF(left, run.baseline - 0.78 * size, right - left, 1.02 * size)
        if not box.isNull():
            box.adjust(-REGION_PADDING, -REGION_PADDING, REGION_PADDING, REGION_PADDING)
            x, y = max(0, int(box.left())), max(0, int(box.top()))
            return {
                "page": number,
                "x": x,
                "y": y,
                "width": min(PAGE_WIDTH, int(box.right() + 0.999)) - x,
                "height": min(PAGE_HEIGHT, int(box.bottom() + 0.999)) - y,
            }
    return None


def _words_of(transcript: str, run: Run) -> Iterator[tuple[int, str, int]]:
    """The words of a run: where each starts in the transcript, the word, and where in the run."""
    at, offset = run.start, 0
    for word in run.text.split(" "):
        at = transcript.index(word, at)
        yield at, word, offset
        at += len(word)
        offset += len(word) + 1


# Drawing


def render(layout: Layout, faces: Faces) -> list[QImage]:
    images = []
    top = band_top(layout.letter, faces)
    for number, runs in enumerate(layout.pages, start=1):
        image = QImage(PAGE_WIDTH, PAGE_HEIGHT, QImage.Format.Format_RGB32)
        image.fill(QColor(255, 255, 255))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _draw_head(painter, faces, HEADS.get(layout.letter.status, HEAD))
        for run in runs:
            grey = NOTE_GREY if run.face == "note" else 0
            painter.setPen(QColor(grey, grey, grey))
            painter.setFont(faces.fonts[run.face])
            painter.drawText(QPointF(run.x, run.baseline), run.text)
        _draw_band(painter, faces, layout.band, top, f"Page {number} of {len(layout.pages)}")
        painter.end()
        images.append(_on_paper(image, layout.digest()))
    return images


def _draw_head(painter: QPainter, faces: Faces, text: str) -> None:
    painter.setPen(QColor(HEAD_GREY, HEAD_GREY, HEAD_GREY))
    painter.setFont(faces.fonts["head"])
    painter.drawText(QPointF((PAGE_WIDTH - faces.width("head", text)) / 2, 110), text)


def _draw_band(painter: QPainter, faces: Faces, lines: list[tuple[str, str]], top: float, page: str) -> None:
    step = BAND_SIZE * 1.35
    height = (len(lines) + 1) * step + 40
    painter.fillRect(
        QRectF(MARGIN - 30, top, PAGE_WIDTH - 2 * MARGIN + 60, height), QColor(*[BAND_SHADE] * 3)
    )
    painter.fillRect(QRectF(MARGIN - 30, top, PAGE_WIDTH - 2 * MARGIN + 60, 4), QColor(60, 60, 60))
    y = top + 20 + faces.metrics["band"].ascent()
    painter.setPen(QColor(0, 0, 0))
    for face, line in [*lines, ("band", page)]:
        painter.setFont(faces.fonts[face])
        painter.drawText(QPointF(MARGIN, y), line)
        y += step


def _on_paper(image: QImage, digest: str) -> QImage:
    """Grey levels to a palette from paper to ink: the paper's tone at a grey image's size."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())
    indexed = QImage(data, grey.width(), grey.height(), grey.bytesPerLine(), QImage.Format.Format_Indexed8)
    table = []
    for level in range(256):
        t = level / 255
        rgb = [
            round(ink + (paper - ink) * t)
            for ink, paper in zip(
                (INK.red(), INK.green(), INK.blue()), (PAPER.red(), PAPER.green(), PAPER.blue()), strict=True
            )
        ]
        table.append(QColor(*rgb).rgb())
    indexed.setColorTable(table)
    result = indexed.copy()
    result.setText(DIGEST_KEY, digest)
    return result


# Files


def page_paths(letter: LetterSource, count: int) -> list[str]:
    stem = PurePosixPath(next(page for page in letter.pages if page.startswith(STAND_IN_FOLDER)))
    base = re.sub(r"-\d+$", "", stem.stem)
    return [str(stem.with_name(f"{base}-{number}.png")) for number in range(1, count + 1)]


def exhibit_folder(section_file: Path) -> Path:
    for folder in section_file.resolve().parents:
        if (folder / "exhibit.yaml").is_file():
            return folder
    raise SystemExit(f"{section_file}: no exhibit.yaml in any folder above it")


def write_pages(section_file: Path, faces: Faces) -> list[str]:
    problems, folder = [], exhibit_folder(section_file)
    for letter in letters_in(section_file):
        layout = lay_out(letter, faces)
        paths = page_paths(letter, len(layout.pages))
        listed = [page for page in letter.pages if page.startswith(STAND_IN_FOLDER)]
        for path, image in zip(paths, render(layout, faces), strict=True):
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not image.save(str(target), "PNG"):
                raise SystemExit(f"cannot write {target}")
            print(f"wrote {target.relative_to(REPOSITORY) if target.is_relative_to(REPOSITORY) else target}")
        # A letter that has grown shorter leaves no page of its old self behind.
        last = folder / paths[-1]
        base = re.sub(r"-\d+$", "", last.stem)
        for stale in sorted(last.parent.glob(f"{glob.escape(base)}-*.png")):
            number = re.fullmatch(rf"{re.escape(base)}-(\d+)", stale.stem)
            if number and int(number.group(1)) > len(paths):
                stale.unlink()
                print(f"removed {stale}")
        if listed != paths:
            problems.append(
                f"{letter.label}: list its pages as " + ", ".join(f"image: {path}" for path in paths)
            )
    return problems


def regions(section_file: Path, faces: Faces) -> str:
    out = []
    for letter in letters_in(section_file):
        layout = lay_out(letter, faces)
        out.append(f"# {letter.label}")
        for note in letter.annotations:
            phrase = in_page_language(note.get("phrase"))
            region = phrase_region(layout, phrase, faces)
            written = yaml.safe_dump(note.get("phrase"), width=10_000, allow_unicode=True).removesuffix(
                "...\n"
            )
            if isinstance(note.get("phrase"), dict):  # one line for each language, under the key
                out.append("- phrase:\n" + "\n".join(f"    {line}" for line in written.strip().splitlines()))
            else:
                out.append(f"- phrase: {written.strip()}")
            if region is None:
                out.append("  # not in the transcript")
                continue
            out.append("  region: {" + ", ".join(f"{key}: {value}" for key, value in region.items()) + "}")
    return "\n".join(out)


def check(section_file: Path, faces: Faces) -> list[str]:
    """Pages that are missing or stale, and regions that do not cover their phrase."""
    problems, folder = [], exhibit_folder(section_file)
    for letter in letters_in(section_file):
        layout = lay_out(letter, faces)
        paths = page_paths(letter, len(layout.pages))
        listed = [page for page in letter.pages if page.startswith(STAND_IN_FOLDER)]
        if listed != paths:
            problems.append(f"{letter.label}: lists {listed}, but the text sets as {paths}")
        for path in paths:
            image = QImage(str(folder / path))
            if image.isNull():
                problems.append(f"{letter.label}: {path} is missing; run tools/typeset_letters.py")
            elif image.text(DIGEST_KEY) != layout.digest():
                problems.append(f"{letter.label}: {path} is out of date; run tools/typeset_letters.py")
        for note in letter.annotations:
            given = note.get("region")
            if not given:
                continue
            drawn = phrase_region(layout, in_page_language(note.get("phrase")), faces)
            if drawn is None or not covers(given, drawn):
                problems.append(
                    f"{letter.label}: the region of '{in_page_language(note.get('phrase'))}' is not where it is drawn: "
                    f"{drawn}"
                )
    return problems


def covers(given: dict[str, int], drawn: dict[str, int], slack: int = 3 * REGION_PADDING) -> bool:
    """The given region holds the drawn phrase, and not much more."""
    if given.get("page") != drawn["page"]:
        return False
    gx, gy, gw, gh = (int(given[key]) for key in ("x", "y", "width", "height"))
    dx, dy, dw, dh = (drawn[key] for key in ("x", "y", "width", "height"))
    inside = gx <= dx + REGION_PADDING and gy <= dy + REGION_PADDING
    inside = inside and gx + gw >= dx + dw - REGION_PADDING and gy + gh >= dy + dh - REGION_PADDING
    snug = gx >= dx - slack and gy >= dy - slack and gx + gw <= dx + dw + slack and gy + gh <= dy + dh + slack
    return inside and snug


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("section", nargs="?", type=Path, default=DEFAULT_SECTION, help="a section file")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--regions", action="store_true", help="print the region of every noted phrase")
    mode.add_argument("--check", action="store_true", help="fail if a page or a region is out of date")
    args = parser.parse_args(argv)
    faces = Faces()
    if args.regions:
        print(regions(args.section, faces))
        return 0
    problems = check(args.section, faces) if args.check else write_pages(args.section, faces)
    for problem in problems:
        print(f"{args.section}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
