"""The house rules: what a valid exhibit should still keep to, reported as warnings with file:line:col.

An exhibit that breaks them still opens; `kiosk validate` says where and why, and `--strict`
refuses it. Every size here is the reference screen's, 1920x1080 in landscape, as
kiosk/content/layout/geometry.py lays it out.
"""

import math
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import TypeAdapter, ValidationError

from kiosk.content import russian_typography
from kiosk.content.captions import CaptionTrack
from kiosk.content.contrast import TEXT_CONTRAST, TEXT_PAIRS, theme_shortfalls
from kiosk.content.contrast import contrast_ratio as contrast_ratio  # also known by this name here
from kiosk.content.layout import attract
from kiosk.content.layout.geometry import Block, Column, screen_layout
from kiosk.content.localized import ANY_LANGUAGE, Localized
from kiosk.content.markdown import plain_text
from kiosk.content.media import MediaRoots, Picture
from kiosk.content.models import (
    MAX_PANELS,
    MAX_SECTIONS,
    Attract,
    AttractSlide,
    DocumentPanel,
    Exhibit,
    GalleryPanel,
    ImagePanel,
    Letter,
    Media,
    Narration,
    PairPanel,
    Panel,
    PanelBase,
    PeoplePanel,
    Section,
    Text,
    TextPanel,
    Theme,
    TimelinePanel,
    VideoPanel,
    narrations,
)
from kiosk.content.phrases import EXCERPT_GAP, excerpt_pieces, find_phrase
from kiosk.content.placeholders import is_example_media, stand_in_text
from kiosk.content.problems import Position, Problem, Severity
from kiosk.content.translation_check import translation_problems, visitor_values
from kiosk.content.yaml_source import KeyPath, format_key_path

# --- Reading ---------------------------------------------------------------------------------

#: Words of Markdown text (body, intro, context, note) one panel asks a visitor to read standing.
MAX_PANEL_WORDS = 100
#: A note on a phrase of a letter opens over the letter's foot: a sentence or two.
MAX_NOTE_WORDS = 45
#: Captions shown faster than this (characters a second) are hard to read while listening; the
#: broadcasters' guidelines for adults come to between 15 and 20.
MAX_CAPTION_RATE = 20
#: Words in one sentence of the exhibit's own running text; quotations are verbatim, so exempt.
MAX_SENTENCE_WORDS = 25

# --- The screen, as the views lay it out -------------------------------------------------------
#: The reference screen: every figure below is measured on it (kiosk/content/layout/geometry.py).
SCREEN = screen_layout(1920, 1080)
_TYPE = SCREEN.type

#: The average width of a character as a share of its size. The measure takes 0.5 for a line of
#: body text; measured over the shipped exhibit's words in the bundled fonts it is 0.48 for Noto
#: Serif, 0.51 for Noto Serif Bold and 0.50 for Noto Sans Bold.
MIXED_CASE_EM = 0.5
#: Words set in capitals (kickers, the section's name in its header): Noto Sans Bold measured 0.58.
CAPITALS_EM = 0.58


def characters_per_line(width: float, size: float, em: float = MIXED_CASE_EM, spacing: float = 0) -> int:
    """About how many characters of type `size` px fit on a line `width` px wide."""
    return int(width / (size * em + spacing))


def _line_width(column: Column, content: str) -> float:
    """How wide a line of `content` is in `column`, with the scroll track when it may scroll."""
    return column.text_width(column.block(content))


# --- Lines that should not wrap (or not more than they are drawn to) ------------------------

#: Each panel's heading column, px wide on the reference screen, and its title's size.
_HEADINGS: Mapping[str, Column] = {
    "text": SCREEN.text.heading,
    "timeline": SCREEN.timeline.heading,
    "people": SCREEN.people.lead.column,
    "gallery": SCREEN.gallery.lead.column,
    "image": SCREEN.image.heading,
    "document": SCREEN.document.facts,
    "video": SCREEN.video.heading,
}


def _title(column: Column) -> Block:
    return column.block("title")


#: A panel title may take two lines of its heading: about 42 characters on a text panel, 72 on a
#: timeline, 82 on people and gallery panels, 60 on an image panel and 50 on a letter.
PANEL_TITLE_CHARS: Mapping[str, int] = {
    kind: (_title(column).max_lines or 1)
    * characters_per_line(_line_width(column, "title"), _title(column).style.size)  # type: ignore[union-attr]
    for kind, column in _HEADINGS.items()
} | {
    # QuotePanel sets its title in spaced capitals at caption size, as one line above the
    # quotation: about 70 characters.
    "quote": characters_per_line(
        _line_width(SCREEN.quote.words, "title"),
        _TYPE.caption,
        CAPITALS_EM,
        SCREEN.heading.kicker_letter_spacing,
    ),
}
#: A kicker is one line of spaced capitals at caption size above the title: about 35 characters
#: on a text panel, 60 on a timeline, 68 on people and gallery panels, 37 on an image panel and 31
#: on a letter. A quote panel does not show its kicker.
KICKER_CHARS: Mapping[str, int] = {
    kind: characters_per_line(
        _line_width(column, "kicker"), _TYPE.caption, CAPITALS_EM, SCREEN.heading.kicker_letter_spacing
    )
    for kind, column in _HEADINGS.items()
}


#: TimelineCard.qml: an event's title has two lines of its card, less its padding, in bold at 82%
#: of body size (28 px); words wrap whole, so about 17 characters a line.
TIMELINE_CARD_TITLE_CHARS = SCREEN.timeline.card_title_lines * (
    characters_per_line(SCREEN.timeline.card_text_width, SCREEN.timeline.card_title_size) - 3
)
#: TimelineDetail.qml: the sheet beside the line holds an event's picture, at most 420 px high.
TIMELINE_DETAIL_BOX = (
    round(SCREEN.timeline.detail_picture.width),
    round(SCREEN.timeline.detail_picture.height),
)


def tile_columns(section_count: int) -> int:
    """HomeScreen.qml: four tiles a row, or three when there are five or six."""
    return SCREEN.home.columns(section_count)


def tile_words_width(section_count: int) -> float:
    """The width of a home-screen tile's words: its column, less its padding (SectionTile.qml)."""
    return SCREEN.home.tile_words_width(section_count)


#: SectionScreen.qml repeats the section's title in its header, in spaced capitals at label size,
#: on one line cut off with "…" where the section's number and the panel counter leave it room
#: (about 180 px of the header, measured): about 82 characters.
SECTION_HEADER_CHARS = characters_per_line(
    SCREEN.panel.width - 180, _TYPE.label, CAPITALS_EM, SCREEN.chrome.header_letter_spacing
)
#: A section's title may take two lines of its tile, at heading size: about 32 characters with
#: four sections, 46 with three, five or six, 72 with two (and the header's 82 with one).
TILE_TITLE_LINES = SCREEN.home.tile_title_lines
#: A teaser may take two lines of its tile at caption size: about 54 characters with four
#: sections, 78 with three, five or six, 124 with two.
TEASER_LINES = SCREEN.home.teaser_lines


def tile_title_chars(section_count: int) -> int:
    per_line = characters_per_line(tile_words_width(section_count), _TYPE.heading)
    return min(TILE_TITLE_LINES * per_line, SECTION_HEADER_CHARS)


def teaser_chars(section_count: int) -> int:
    return TEASER_LINES * characters_per_line(tile_words_width(section_count), _TYPE.caption)


#: AttractLoop.qml heads its words' side with the exhibit's title, in spaced capitals at caption
#: size, on one line cut off with "…": about 33 characters.
ATTRACT_HEADER_TITLE_CHARS = characters_per_line(
    SCREEN.attract.header_title_width, _TYPE.caption, CAPITALS_EM, SCREEN.attract.header_letter_spacing
)
#: Without attract slides the title is only on the home screen, at display size, where two lines
#: of its column hold about 58 characters.
HOME_TITLE_CHARS = 2 * characters_per_line(SCREEN.home.title_width, _TYPE.display)
#: AttractLoop.qml sets a headline at 82 px and shrinks it until it fits above the caption.
#: Measured beside a two-line caption, a headline of about 70 characters is still at title size
#: (60 px); longer ones shrink below it, to body size at worst.
ATTRACT_HEADLINE_CHARS = 70
#: A quotation beside an attract slide's picture is set smaller when it is long: about 30 words
#: stay at title size (advice, not a rule that warns).
ATTRACT_QUOTE_WORDS = 30
#: GalleryPanel.qml cuts a thumbnail's caption off after four lines. The enlarged view shows it whole.
GALLERY_CAPTION_LINES = SCREEN.gallery.caption_lines


def gallery_caption_chars(item_count: int) -> int:
    thumbnail = SCREEN.gallery.thumbnail(item_count, SCREEN.panel.width, SCREEN.grid.gutter)
    return GALLERY_CAPTION_LINES * characters_per_line(thumbnail.width, _TYPE.caption)


# --- Pictures --------------------------------------------------------------------------------

#: How far a picture may be enlarged beyond its pixels before it looks soft from a step away.
MAX_ENLARGEMENT = 1.2
#: ImagePanel.qml: the picture is fitted into the left 58% of the panel, its whole height.
IMAGE_PANEL_BOX = (round(SCREEN.image.picture.width), round(SCREEN.image.picture.height))  # 1030 x 720
#: Lightbox.qml: a gallery's picture, enlarged, is fitted into the whole panel less the caption,
#: the credit and a gutter under it. Its thumbnail is always smaller.
#: VideoPanel.qml: the film's 16:9 box beside its words; the poster stands in it until it plays.
VIDEO_FILM_BOX = (round(SCREEN.video.film.width), round(SCREEN.video.film.height))  # 1038 x 584
LIGHTBOX_BOX = (round(SCREEN.gallery.lightbox.width), round(SCREEN.gallery.lightbox.height))  # 1776 x 592
#: A letter's page as a visitor reads it, zoomed in: a US Letter page at 200 dots per inch.
PAGE_READING_BOX = (1700, 2200)
#: AttractLoop.qml fills the right 58% of the screen, its whole height, cropping the picture, and
#: enlarges it by the distance it travels (see `attract_travel`).
ATTRACT_PICTURE = (round(SCREEN.attract.picture.width), round(SCREEN.attract.picture.height))  # 1114 x 1080
#: SectionTile.qml: the picture fills the tile above its words, from border to border, cropped to
#: fill, as high as measured with four sections and a two-line title; the tile's width depends on
#: the number of sections (410 px with four).
TILE_PICTURE_HEIGHT = SCREEN.home.tile_picture_height
#: The same band measured on a screen standing upright (1080 x 1920), with four sections: two
#: columns, and more room above the words.
TILE_PICTURE_UPRIGHT = (444, 335)


def tile_picture_box(section_count: int) -> tuple[float, float]:
    """The band a home-screen tile's picture fills, cropped to it."""
    home = SCREEN.home
    return (home.tile_width(section_count) - 2 * home.tile_border, TILE_PICTURE_HEIGHT)


#: TextPanel.qml: a text panel's picture is fitted into its heading's column under the title:
#: about 440 px high with a two-line title and the credit.
TEXT_PANEL_PICTURE_BOX = (round(SCREEN.text.heading_width), 440)
#: PeoplePanel.qml: a portrait fills a round medallion, cropped.
PORTRAIT_BOX = (SCREEN.people.portrait.width, SCREEN.people.portrait.height)


def attract_travel(seconds_per_slide: float) -> int:
    """How far the attract loop moves each picture on the reference screen, in px."""
    return attract.travel(attract.seconds_on_screen(seconds_per_slide), ATTRACT_PICTURE)


# --- Colour ----------------------------------------------------------------------------------

#: WCAG 2 contrast for text (success criterion 1.4.3, level AA); kiosk/content/contrast.py has the
#: colour pairs the views draw, the high-contrast palette's among them.
MIN_CONTRAST = TEXT_CONTRAST
TEXT_COLOUR_PAIRS: tuple[tuple[str, str, str], ...] = tuple(
    (pair.foreground, pair.background, pair.use) for pair in TEXT_PAIRS
)


# --- Alt text and credits ------------------------------------------------------------------

#: What stands in for an alt text or a credit still to be written, and what names only the medium.
_TO_WRITE = {"todo", "tbd", "tba", "fixme", "xxx", "placeholder", "lorem ipsum"}
_MEDIUM = {"image", "img", "photo", "photograph", "picture", "pic", "illustration", "graphic", "drawing"}
_EMPTY = {"alt", "alt text", "caption", "credit", "n a", "none"}
PLACEHOLDERS = frozenset(_TO_WRITE | _MEDIUM | _EMPTY)
_PLACEHOLDER_PREFIXES = ("todo ", "tbd ", "fixme ", "xxx ")
_ALT_PURPOSE = "describe what the picture shows, for visitors who cannot see it"
_CREDIT_PURPOSE = "say who made the picture or where it comes from"


# --- Checking --------------------------------------------------------------------------------


@dataclass
class SourceMap:
    """Where each key and value of an exhibit was written, as the loader read them."""

    root_file: Path
    values: Mapping[KeyPath, Position]
    keys: Mapping[KeyPath, Position]
    _texts: dict[Path, str] = field(default_factory=dict)
    _starts: dict[Path, list[tuple[int, int]]] = field(default_factory=dict)

    def position(self, path: KeyPath) -> Position | None:
        for length in range(len(path), -1, -1):
            if (position := self.values.get(path[:length])) is not None:
                return position
        return None

    def locate(self, start: Position, fragment: str) -> Position:
        """Where `fragment` begins inside the value written at `start`; `start` when not found.

        Good for literal and folded blocks and plain text over several lines, where the words
        are written as they read; escapes in quoted text may hide them, and `start` is kept.
        """
        words = fragment.split()[:5]
        text = self._text(start.file)
        if not words or text is None:
            return start
        starts = [0] + [match.end() for match in _LINE.finditer(text)]
        if start.line > len(starts):
            return start
        begin = starts[start.line - 1] + start.column - 1
        # The value ends before the next key or value written in the file.
        later = [place for place in self._positions(start.file) if place > (start.line, start.column)]
        end = starts[later[0][0] - 1] + later[0][1] - 1 if later and later[0][0] <= len(starts) else len(text)
        pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
        if (match := pattern.search(text, begin, end)) is None:
            return start
        line = bisect_right(starts, match.start()) - 1
        return Position(start.file, line + 1, match.start() - starts[line] + 1)

    def _text(self, file: Path) -> str | None:
        if file not in self._texts:
            try:
                raw = file.read_bytes().removeprefix(b"\xef\xbb\xbf")
            except OSError:
                return None
            self._texts[file] = raw.decode("utf-8", errors="replace")
        return self._texts[file]

    def _positions(self, file: Path) -> list[tuple[int, int]]:
        if file not in self._starts:
            found = {
                (position.line, position.column)
                for table in (self.values, self.keys)
                for position in table.values()
                if position.file == file
            }
            self._starts[file] = sorted(found)
        return self._starts[file]


# The line breaks YAML counts (PyYAML's marks), no more: not the form feeds str.splitlines takes.
_LINE = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")


def check_exhibit(exhibit: Exhibit, source: SourceMap) -> list[Problem]:
    """Every house rule the validated exhibit breaks, as warnings."""
    rules = _Rules(source)
    rules.exhibit_title(
        exhibit.title, exhibit.short_title, exhibit.subtitle, has_slides=exhibit.attract is not None
    )
    rules.theme(exhibit.theme)
    if exhibit.attract is not None:
        for index, slide in enumerate(exhibit.attract.slides):
            rules.slide(slide, ("attract", "slides", index), exhibit.attract.seconds_per_slide)
    for index, section in enumerate(exhibit.sections):
        rules.section(section, ("sections", index), len(exhibit.sections))
    for path, message in translation_problems(exhibit):
        rules.warn(path, message)
    for path, value in visitor_values(exhibit):
        rules.stand_in(value, path)
        if isinstance(value, Localized):
            rules.russian_typography(value, path)
    return rules.found


def check_data(data: Any, source: SourceMap, roots: MediaRoots) -> list[Problem]:
    """The house rules over the parts of an exhibit with errors that are valid on their own."""
    if not isinstance(data, dict):
        return []
    rules = _Rules(source)
    context = {"media_roots": roots}

    def valid(adapter: TypeAdapter[Any], value: Any) -> Any:
        try:
            return adapter.validate_python(value, context=context)
        except ValidationError:
            return None

    text, media = _adapter(Text), _adapter(Media)
    attract = data.get("attract")
    attract = attract if isinstance(attract, dict) else {}
    slides = attract.get("slides")
    if (title := valid(text, data.get("title"))) is not None:
        subtitle = valid(text, data.get("subtitle")) if "subtitle" in data else None
        short_title = valid(text, data.get("short_title")) if "short_title" in data else None
        rules.exhibit_title(
            title, short_title, subtitle, has_slides=isinstance(slides, list) and bool(slides)
        )
    if (theme := valid(_adapter(Theme), data.get("theme", {}))) is not None:
        rules.theme(theme)
    if isinstance(slides, list):
        seconds = attract.get("seconds_per_slide")
        if not isinstance(seconds, int | float) or isinstance(seconds, bool):
            seconds = Attract.model_fields["seconds_per_slide"].default
        for index, item in enumerate(slides):
            if (slide := valid(_adapter(AttractSlide), item)) is not None:
                rules.slide(slide, ("attract", "slides", index), seconds)
    sections = data.get("sections")
    if not isinstance(sections, list):
        return rules.found
    # Only what could be shown is looked at: lists over their limit are errors already, and an
    # exhibit of thousands of panels must still be refused quickly.
    for index, item in enumerate(sections[: 2 * MAX_SECTIONS]):
        path: KeyPath = ("sections", index)
        listed = item.get("panels") if isinstance(item, dict) else None
        over_full = isinstance(listed, list) and len(listed) > MAX_PANELS
        if not over_full and (section := valid(_adapter(Section), item)) is not None:
            rules.section(section, path, len(sections))
        elif isinstance(item, dict):
            head = {key: valid(text, item.get(key)) for key in ("title", "teaser")}
            image = valid(media, item.get("tile_image")) if "tile_image" in item else None
            rules.section_head(head["title"], head["teaser"], image, path, len(sections))
            panels = item.get("panels")
            for number, panel in enumerate(panels[:MAX_PANELS] if isinstance(panels, list) else []):
                if (valid_panel := valid(_adapter(Panel), panel)) is not None:
                    rules.panel(valid_panel, (*path, "panels", number))
    return rules.found


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def _adapter(kind: Any) -> TypeAdapter[Any]:
    if kind not in _ADAPTERS:
        _ADAPTERS[kind] = TypeAdapter(kind)
    return _ADAPTERS[kind]


class _Rules:
    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.found: list[Problem] = []

    def warn(self, path: KeyPath, message: str, position: Position | None = None) -> None:
        where = position or self.source.position(path)
        key_path = format_key_path(path)
        if where is None:
            self.found.append(Problem(self.source.root_file, None, None, message, key_path, Severity.WARNING))
        else:
            self.found.append(
                Problem(where.file, where.line, where.column, message, key_path, Severity.WARNING)
            )

    # The parts of an exhibit

    def exhibit_title(
        self, title: Localized, short_title: Localized | None, subtitle: Localized | None, *, has_slides: bool
    ) -> None:
        self.line(
            title, ("title",), HOME_TITLE_CHARS, "two lines of the home screen's title hold about {budget}"
        )
        if has_slides:
            attract = "the attract loop's top line holds about {budget} and cuts off the rest"
            if short_title is not None:
                self.line(short_title, ("short_title",), ATTRACT_HEADER_TITLE_CHARS, attract)
            else:
                self.line(
                    title,
                    ("title",),
                    ATTRACT_HEADER_TITLE_CHARS,
                    attract,
                    or_else="or give the attract loop a short_title: of its own",
                )
        self.sentences(subtitle, ("subtitle",))

    def theme(self, theme: Theme) -> None:
        for shortfall in theme_shortfalls(theme.model_dump()):
            written = [
                key
                for key in (("theme", *shortfall.foreground_key), ("theme", *shortfall.background_key))
                if key in self.source.values
            ]
            # Else the nearest part of the theme that is written, such as its high_contrast: block.
            path: KeyPath = written[0] if written else ("theme",)
            in_high_contrast = shortfall.foreground_key[0] == "high_contrast"
            if not written and in_high_contrast and ("theme", "high_contrast") in self.source.values:
                path = ("theme", "high_contrast")
            self.warn(path, shortfall.message)

    def slide(self, slide: AttractSlide, path: KeyPath, seconds_per_slide: float) -> None:
        travel = attract_travel(seconds_per_slide)
        box = (ATTRACT_PICTURE[0] + travel, ATTRACT_PICTURE[1] + travel)
        self.picture(slide.image, (*path, "image"), box, "the attract loop", cover=True)
        self.alt(slide.alt, (*path, "alt"), slide.image, slide.caption)
        self.credit(slide.credit, (*path, "credit"))
        if slide.headline is not None:
            where = "the attract loop sets only about {budget} at title size and shrinks longer headlines"
            self.line(slide.headline, (*path, "headline"), ATTRACT_HEADLINE_CHARS, where)
        if slide.caption is None:
            self.warn(
                (*path, "caption"),
                "a slide without a caption; add a line that says what the picture shows or why it matters",
            )
        else:
            self.sentences(slide.caption, (*path, "caption"))

    def section(self, section: Section, path: KeyPath, section_count: int) -> None:
        self.section_head(section.title, section.teaser, section.tile_image, path, section_count)
        for index, panel in enumerate(section.panels):
            self.panel(panel, (*path, "panels", index))

    def section_head(
        self,
        title: Localized | None,
        teaser: Localized | None,
        tile_image: Picture | None,
        path: KeyPath,
        section_count: int,
    ) -> None:
        # The tile's picture needs no alt text: it stands in a button already named by the title
        # and teaser beside it, which is how a screen reader announces the tile.
        sections = f"{section_count} section{'s' if section_count != 1 else ''}"
        where = f"two lines of a home-screen tile hold about {{budget}} (with {sections})"
        if title is not None:
            self.line(title, (*path, "title"), tile_title_chars(section_count), where)
        if teaser is not None:
            self.line(teaser, (*path, "teaser"), teaser_chars(section_count), where)
        if tile_image is not None:
            box = tile_picture_box(section_count)
            self.picture(tile_image, (*path, "tile_image"), box, "its home-screen tile", cover=True)

    def panel(self, panel: PanelBase, path: KeyPath) -> None:
        kind = str(getattr(panel, "kind", ""))
        if kind in PANEL_TITLE_CHARS:
            where = (
                "one line of a quote panel's heading holds about {budget}"
                if kind == "quote"
                else f"two lines of {_a(kind)} panel's heading hold about {{budget}}"
            )
            self.line(panel.title, (*path, "title"), PANEL_TITLE_CHARS[kind], where)
        if panel.kicker is not None and kind in KICKER_CHARS:
            where = f"one line of {_a(kind)} panel's heading holds about {{budget}}"
            self.line(panel.kicker, (*path, "kicker"), KICKER_CHARS[kind], where)
        for name in ("body", "intro", "context", "note"):
            value = getattr(panel, name, None)
            if isinstance(value, Localized):
                self.words(value, (*path, name))
                self.sentences(value, (*path, name))
        for language, narration in narrations(panel.narration):
            self.captions(narration, (*path, "narration", *([language] if language else [])))
        if isinstance(panel, TextPanel) and panel.image is not None and panel.alt and panel.credit:
            self.picture(panel.image, (*path, "image"), TEXT_PANEL_PICTURE_BOX, "a text panel")
            self.alt(panel.alt, (*path, "alt"), panel.image, None)
            self.credit(panel.credit, (*path, "credit"))
        elif isinstance(panel, ImagePanel):
            self.picture(panel.image, (*path, "image"), IMAGE_PANEL_BOX, "an image panel")
            self.alt(panel.alt, (*path, "alt"), panel.image, panel.caption)
            self.credit(panel.credit, (*path, "credit"))
            self.sentences(panel.caption, (*path, "caption"))
        elif isinstance(panel, VideoPanel):
            self.poster(panel.poster, (*path, "poster"))
            self.alt(panel.alt, (*path, "alt"), panel.poster, panel.caption)
            self.credit(panel.credit, (*path, "credit"))
            self.sentences(panel.caption, (*path, "caption"))
            for language, track in panel.captions.items():
                self.caption_rate(track, (*path, "captions", language))
        elif isinstance(panel, GalleryPanel):
            budget = gallery_caption_chars(len(panel.items))
            cut = f"a thumbnail shows about {{budget}} in {GALLERY_CAPTION_LINES} lines and cuts off the rest"
            for index, item in enumerate(panel.items):
                item_path: KeyPath = (*path, "items", index)
                self.picture(item.image, (*item_path, "image"), LIGHTBOX_BOX, "the gallery's enlarged view")
                self.alt(item.alt, (*item_path, "alt"), item.image, item.caption)
                self.credit(item.credit, (*item_path, "credit"))
                self.sentences(item.caption, (*item_path, "caption"))
                self.line(item.caption, (*item_path, "caption"), budget, cut)
        elif isinstance(panel, PeoplePanel):
            for index, person in enumerate(panel.people):
                person_path: KeyPath = (*path, "people", index)
                self.sentences(person.note, (*person_path, "note"))
                if person.portrait is not None:
                    portrait: KeyPath = (*person_path, "portrait")
                    self.picture(
                        person.portrait.image, (*portrait, "image"), PORTRAIT_BOX, "a portrait", cover=True
                    )
                    self.alt(person.portrait.alt, (*portrait, "alt"), person.portrait.image, None)
                    self.credit(person.portrait.credit, (*portrait, "credit"))
        elif isinstance(panel, TimelinePanel):
            cut = "an event's card shows about {budget} in two lines and cuts off the rest"
            for index, event in enumerate(panel.events):
                event_path: KeyPath = (*path, "events", index)
                self.sentences(event.text, (*event_path, "text"))
                self.line(event.title, (*event_path, "title"), TIMELINE_CARD_TITLE_CHARS, cut)
                if event.image is not None and event.alt is not None and event.credit is not None:
                    self.picture(
                        event.image, (*event_path, "image"), TIMELINE_DETAIL_BOX, "an event's details"
                    )
                    self.alt(event.alt, (*event_path, "alt"), event.image, event.title)
                    self.credit(event.credit, (*event_path, "credit"))
        elif isinstance(panel, DocumentPanel):
            self.letter(panel, path)
        elif isinstance(panel, PairPanel):
            for index, letter in enumerate(panel.letters):
                letter_path: KeyPath = (*path, "letters", index)
                self.letter(letter, letter_path)
                if letter.note is not None:
                    self.words(letter.note, (*letter_path, "note"))
                    self.sentences(letter.note, (*letter_path, "note"))

    def captions(self, narration: Narration, path: KeyPath) -> None:
        """Captions a visitor can read in the time they are shown."""
        timed: list[tuple[float, float, str, str, KeyPath]] = []
        if narration.captions is not None:
            self.caption_rate(narration.captions, (*path, "captions"))
        for number, cue in enumerate(narration.cues or ()):
            for text, where in self.texts(cue.text, (*path, "cues", number, "text")):
                timed.append((cue.start, cue.end, text, "", where))
        self.reading_rate(timed)

    def caption_rate(self, track: CaptionTrack, path: KeyPath) -> None:
        """A caption file's cues, each readable in the time it is shown."""
        self.reading_rate(
            [
                (cue.start, cue.end, cue.text, f"in {track.source}, line {cue.line}: ", path)
                for cue in track.cues
            ]
        )

    def reading_rate(self, timed: list[tuple[float, float, str, str, KeyPath]]) -> None:
        for start, end, text, place, where in timed:
            rate = len(text) / max(end - start, 0.001)
            if rate > MAX_CAPTION_RATE:
                self.warn(
                    where,
                    f"{place}{len(text)} characters shown for {end - start:.1f} s ({rate:.0f} a second); "
                    f"captions faster than {MAX_CAPTION_RATE} characters a second are hard to read "
                    "while listening: split the words over more time",
                )

    def letter(self, letter: Letter, path: KeyPath) -> None:
        self.excerpt(letter, path)
        for index, page in enumerate(letter.pages):
            page_path: KeyPath = (*path, "pages", index)
            self.alt(page.alt, (*page_path, "alt"), page.image, page.caption)
            if page.credit is not None:
                self.credit(page.credit, (*page_path, "credit"))
            self.picture(page.image, (*page_path, "image"), PAGE_READING_BOX, "a page zoomed in for reading")
        for index, annotation in enumerate(letter.annotations):
            note_path: KeyPath = (*path, "annotations", index, "note")
            self.sentences(annotation.note, note_path)
            for text, where in self.texts(annotation.note, note_path):
                if (count := len(_words(text))) > MAX_NOTE_WORDS:
                    self.warn(
                        where,
                        f"{count} words; a note on a phrase is read beside the letter: keep it to "
                        f"{MAX_NOTE_WORDS} words or fewer",
                    )

    def excerpt(self, letter: Letter, path: KeyPath) -> None:
        """What a letter's panel shows keeps to a panel's words: an excerpt of a long transcript."""
        excerpt_languages = dict(letter.excerpt.by_language) if letter.excerpt is not None else {}
        for code, text in excerpt_languages.items():
            where = _language_path((*path, "excerpt"), code)
            if (count := len(_words(text))) > MAX_PANEL_WORDS:
                self.warn(
                    where,
                    f"an excerpt of {count} words; the panel shows it to visitors standing: keep it to "
                    f"{MAX_PANEL_WORDS} words or fewer (the whole letter stays a tap away)",
                )
            self.excerpt_gaps(text, letter.transcript.resolve(code), where)
        for code, text in letter.transcript.by_language:
            if code in excerpt_languages or ANY_LANGUAGE in excerpt_languages:
                continue
            if (count := len(_words(text))) > MAX_PANEL_WORDS:
                self.warn(
                    _language_path((*path, "transcript"), code),
                    f"a transcript of {count} words, shown whole on the panel; give the letter an "
                    f"excerpt: of {MAX_PANEL_WORDS} words or fewer (the passages that matter, word for "
                    f"word, with a line {EXCERPT_GAP} where words are left out), and the whole letter "
                    "is a tap away",
                )

    def excerpt_gaps(self, excerpt: str, transcript: str, where: KeyPath) -> None:
        """An excerpt says where it leaves words out: at its start and end too, and in the letter's order."""
        pieces = excerpt_pieces(excerpt)
        spans = [find_phrase(transcript, piece) if piece else None for piece in pieces]
        if pieces[0] and (first := spans[0]) is not None and transcript[: first[0]].strip():
            self.warn(
                where,
                f"the excerpt begins mid-letter ('{_shorten(pieces[0], 40)}'): begin it with a line "
                f"{EXCERPT_GAP}, so that visitors see that words are left out",
            )
        if (
            len(pieces) > 0
            and pieces[-1]
            and (last := spans[-1]) is not None
            and transcript[last[1] :].strip()
        ):
            self.warn(
                where,
                f"the excerpt stops before the letter ends ('{_shorten(pieces[-1], 40)}'): end it with a "
                f"line {EXCERPT_GAP}, so that visitors see that words are left out",
            )
        words = [span for piece, span in zip(pieces, spans, strict=True) if piece]
        found = [(number, span) for number, span in enumerate(words, start=1) if span is not None]
        for (_, earlier), (number, later) in pairwise(found):
            if later[0] < earlier[1]:
                self.warn(
                    where,
                    f"piece {number} of the excerpt stands before piece {number - 1} in the transcript: "
                    "keep the letter's order",
                )

    # The rules

    def words(self, value: Localized, path: KeyPath) -> None:
        for text, where in self.texts(value, path):
            count = len(_words(plain_text(text)))
            if count > MAX_PANEL_WORDS:
                self.warn(
                    where,
                    f"{count} words of text; keep a panel to {MAX_PANEL_WORDS} words or fewer, "
                    f"which visitors read standing (split it over two panels, or cut)",
                )

    def sentences(self, value: Localized | None, path: KeyPath) -> None:
        if value is None:
            return
        for text, where in self.texts(value, path):
            start = self.source.position(where)
            for sentence in split_sentences(text):
                count = len(_words(plain_text(sentence)))
                if count <= MAX_SENTENCE_WORDS:
                    continue
                opening = " ".join(sentence.split()[:6])
                position = self.source.locate(start, sentence) if start is not None else None
                self.warn(
                    where,
                    f'a sentence of {count} words ("{opening} …"); '
                    f"keep sentences to {MAX_SENTENCE_WORDS} words or fewer",
                    position,
                )

    def line(self, value: Localized, path: KeyPath, budget: int, where: str, or_else: str = "") -> None:
        """Warns of text longer than `budget` characters; `where` says what holds them, with {budget}.

        `or_else` is the other way out, when there is one.
        """
        for text, key in self.texts(value, path):
            length = len(" ".join(text.split()))
            if length > budget:
                self.warn(
                    key,
                    f"{length} characters, but {where.format(budget=budget)}; "
                    f"keep it to {budget} characters or fewer{f', {or_else}' if or_else else ''}",
                )

    def alt(self, value: Localized, path: KeyPath, image: Picture, caption: Localized | None) -> None:
        names = {
            _normalized(part)
            for media in image.files()
            for part in (PurePosixPath(media.source).name, PurePosixPath(media.source).stem)
        }
        for code, text in value.by_language:
            key = _language_path(path, code)
            if self.says_nothing(text, key, "alt text", _ALT_PURPOSE):
                continue
            if _normalized(text) in names:
                self.warn(key, f"alt text is the file name '{text.strip()}'; {_ALT_PURPOSE}")
            elif caption is not None and _normalized(text) in {
                _normalized(words)
                for language, words in caption.by_language
                if language == code or ANY_LANGUAGE in (language, code)
            }:
                self.warn(key, f"alt text repeats the caption; {_ALT_PURPOSE}")

    def credit(self, value: Localized, path: KeyPath) -> None:
        for text, key in self.texts(value, path):
            self.says_nothing(text, key, "credit", _CREDIT_PURPOSE)

    def stand_in(self, value: Any, path: KeyPath) -> None:
        """What is left of the example `kiosk new` wrote: its words to replace, its pictures and sound."""
        if isinstance(value, Localized):
            for text, key in self.texts(value, path):
                if (words := stand_in_text(text)) is None:
                    continue
                start = self.source.position(key)
                self.warn(
                    key,
                    f"'{_shorten(words)}' is a stand-in that kiosk new wrote; "
                    "replace it with the exhibit's own words",
                    self.source.locate(start, words) if start is not None else None,
                )
        elif isinstance(value, Picture):
            for code, media in value.by_language:
                if is_example_media(media.source):
                    self.warn(
                        _language_path(path, code),
                        f"'{media.source}' is an example picture that kiosk new wrote; "
                        "replace it with a picture of your own",
                    )
        elif isinstance(value, Narration | Mapping):
            # One narration for every language, or one per language code.
            pairs: list[tuple[str | None, Any]] = (
                list(narrations(value)) if isinstance(value, Narration) else list(value.items())
            )
            for language, narration in pairs:
                if isinstance(narration, Narration) and is_example_media(narration.audio.source):
                    self.warn(
                        (*path, *([language] if language is not None else []), "audio"),
                        f"'{narration.audio.source}' is the example recording that kiosk new wrote; "
                        "replace it with a recording of your own, or remove the narration",
                    )

    def russian_typography(self, value: Localized, path: KeyPath) -> None:
        """Russian text set as a Russian book sets it (kiosk/content/russian_typography.py)."""
        for code, text in value.by_language:
            if not (code == ANY_LANGUAGE or code.startswith("ru")) or not russian_typography.is_russian(text):
                continue
            key = _language_path(path, code)
            start = self.source.position(key)
            # A fragment written twice is looked for after the place of the first.
            found_at: dict[str, Position] = {}
            for finding in russian_typography.findings(text):
                position = None
                if start is not None:
                    after = found_at.get(finding.fragment)
                    begin = start if after is None else Position(after.file, after.line, after.column + 1)
                    position = self.source.locate(begin, finding.fragment)
                    if position == begin and after is not None:
                        position = after  # escapes in quoted text hide it: the first place will do
                    found_at[finding.fragment] = position
                self.warn(key, f"Russian typography: {finding.advice}", position)

    def says_nothing(self, text: str, path: KeyPath, what: str, purpose: str) -> bool:
        normal = _normalized(text)
        if not normal:
            self.warn(path, f"{what} '{text.strip()}' says nothing; {purpose}")
        elif normal in PLACEHOLDERS or normal.startswith(_PLACEHOLDER_PREFIXES):
            self.warn(path, f"{what} '{text.strip()}' is a placeholder; {purpose}")
        else:
            return False
        return True

    def poster(self, poster: Picture, path: KeyPath) -> None:
        """A film's poster fills the film's box: one smaller is enlarged, and blurred, until it plays."""
        width, height = VIDEO_FILM_BOX
        for code, image in poster.by_language:
            if image.path.suffix.lower() == ".svg" or not image.width or not image.height:
                continue  # a drawing scales to any size
            scale = min(width / image.width, height / image.height)
            if scale <= 1:
                continue
            needed = f"{math.ceil(image.width * scale)}x{math.ceil(image.height * scale)}"
            self.warn(
                _language_path(path, code),
                f"the poster '{image.source}' is {image.width}x{image.height} pixels, smaller than the "
                f"film's box ({width}x{height} on a 1920x1080 screen): give a poster of at least {needed} "
                "pixels, such as a frame of the film at its full size (ffmpeg -ss 5 -i FILM -frames:v 1 "
                "poster.png)",
            )

    def picture(
        self, picture: Picture, path: KeyPath, box: tuple[float, float], use: str, *, cover: bool = False
    ) -> None:
        for code, image in picture.by_language:
            if image.path.suffix.lower() == ".svg" or not image.width or not image.height:
                continue  # a drawing scales to any size
            scales = (box[0] / image.width, box[1] / image.height)
            scale = max(scales) if cover else min(scales)
            if scale <= MAX_ENLARGEMENT:
                continue
            shown = f"{round(image.width * scale)}x{round(image.height * scale)}"
            self.warn(
                _language_path(path, code),
                f"'{image.source}' is {image.width}x{image.height} pixels; {use} shows it at {shown}, "
                f"enlarged {scale:.1f} times, and it will look blurred; use a picture of at least {shown} pixels",
            )

    @staticmethod
    def texts(value: Localized, path: KeyPath) -> Iterator[tuple[str, KeyPath]]:
        """Each language's text, with its own key path: a text written plainly has the field's."""
        for code, text in value.by_language:
            yield text, _language_path(path, code)


def _language_path(path: KeyPath, code: str) -> KeyPath:
    return path if code == ANY_LANGUAGE else (*path, code)


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _words(text: str) -> list[str]:
    return [token for token in text.split() if any(character.isalnum() for character in token)]


def _normalized(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


# A sentence ends at . ! ? or … (and any closing quotes or brackets) before a space and a word that
# starts with a capital or a digit, after any opening quotes, brackets or Markdown emphasis.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]*]*\s+(?=[\"'“‘(\[*]*[A-Z0-9À-ÖØ-ÞА-ЯЁ])")
# Words whose full stop ends no sentence: titles and abbreviations before a name or a number.
_ABBREVIATION = re.compile(
    r"mrs?|ms|dr|st|mt|jr|sr|nos?|vol|pp?|cf|gen|col|lt|capt|sgt|gov|sen|rep|rev|prof|hon|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|ca|c|approx"
)


def split_sentences(text: str) -> list[str]:
    """The sentences of running text: each paragraph and list item apart, then at full stops."""
    sentences: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            units = [line[2:] for line in lines]
        else:
            units = [" ".join(lines)]
        for unit in units:
            sentences.extend(part for part in _split_unit(unit) if part.strip())
    return sentences


def _split_unit(text: str) -> Iterator[str]:
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[begin : match.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        # An initial (Franklin D. Roosevelt, U.S.) or an abbreviation does not end a sentence.
        if match.group().startswith(".") and (
            re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_]", last) or _ABBREVIATION.fullmatch(last)
        ):
            continue
        yield text[begin : match.end()].strip()
        begin = match.end()
    yield text[begin:].strip()
