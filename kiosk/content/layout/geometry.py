"""The screen's geometry: grid, margins, type scale and every panel's boxes, for any screen.

The single source of the numbers the views lay themselves out by (kiosk/qml/Kiosk/Style.qml and
every view read them through `KioskGeometry`, kiosk/viewmodels/geometry.py) and that the house rules
and the text-fitting check measure against. Everything is designed for a reference screen whose
shorter side is 1080 pixels and scaled with the screen: a design pixel is `unit` screen pixels.

`screen_layout(width, height, large_text)` gives the whole layout of one screen. Each panel kind
describes where its visitor-facing texts go as `Column`s of `Block`s: a column's width and the
height it has, what stacks in it and the gaps between, the most lines a title or caption may
take, and whether the column scrolls by design. Sizes are in the screen's pixels, as the views
draw them; the fractions the views apply to a height they only know when laid out (a narration's
bar takes some of a panel's height) are given as shares next to the heights they give here.

The records are NamedTuples rather than frozen dataclasses: the kiosk imports this module before
its first frame, and defining some thirty dataclasses took about 18 ms of the start's processor
time (each generates and compiles its methods), NamedTuples about 4 ms. They are compared, and
copied with changes (`_replace`), as the dataclasses were.
"""

import math
from collections.abc import Callable
from typing import Literal, NamedTuple

# --- The reference screen -------------------------------------------------------------------

#: The reference screen's shorter side, in pixels: every design size below is for it.
REFERENCE_SIDE_PX = 1080
#: The scale never falls below half of the design, however small the window.
MIN_UNIT = 0.5

#: Type sizes in pixels on the reference screen. Body text at 34 px reads from two metres on a
#: 1080p screen of 40 inches or more.
TYPE_SCALE = {
    "display": 96,
    "title": 60,
    "heading": 44,
    "lead": 38,
    "body": 34,
    "caption": 26,
    "label": 28,
}
#: With larger text every size grows by a clear step, as from 12 to 15 points.
LARGE_TEXT_SCALE = 1.25
#: The smallest control on the reference screen (kiosk/viewmodels/access.py may make it larger:
#: 20 mm on the screen as mounted).
TOUCH_TARGET_PX = 96
#: Characters per line that body text is set to: Smithsonian guidance is 45 to 55.
MEASURE_CHARACTERS = 52
#: The average width of a character of body text as a share of its size, for the measure.
MEASURE_EM = 0.5

#: Line heights, as multiples of the font's own line (Text.lineHeight): Noto's line is already
#: 1.36 of its size, so running text set at 1.1 has lines 1.5 sizes apart, an exhibit designer's
#: leading for large type read standing; a quotation in the display face at 1.05 (1.43 sizes).
BODY_LINE_HEIGHT = 1.1
QUOTATION_LINE_HEIGHT = 1.05
#: A quotation longer than this many characters (about three lines at heading size beside its
#: context) is set a type step smaller (lead, not heading), so that it stays whole, unscrolled.
LONG_QUOTATION_CHARACTERS = 120

#: The grid on the reference screen: the outer margin and the gutter between columns.
MARGIN_PX = 72
GUTTER_PX = 40

FontRole = Literal["display", "body", "interface", "typewriter"]
TypeRole = Literal["display", "title", "heading", "lead", "body", "caption", "label"]


def js_round(value: float) -> int:
    """Rounds as QML's Math.round does: halves up, not to even."""
    return math.floor(value + 0.5)


def unit_for(width: float, height: float) -> float:
    """Screen pixels per design pixel: the shorter side over the reference's, never below half."""
    return max(MIN_UNIT, min(width, height) / REFERENCE_SIDE_PX)


def pixel_size(size: float) -> int:
    """The whole pixels a view's font.pixelSize (an integer) keeps of a size: QML rounds a
    fractional one to the nearest, halves up."""
    return math.floor(size + 0.5)


def fitted_size(height_at: Callable[[int], float], smallest: int, largest: int, room: float) -> int:
    """The largest whole size from `largest` down to `smallest` at which words `height_at(size)`
    high fit `room`; `smallest` where none does.

    The views ask this rather than set Text.Fit, whose choice depends on the sizes the item had
    before (it lays out again only when its height changes in some ways) and lets the last line's
    line height run past the room: the same words came out at different sizes, and the check
    could not say where they would end.
    """
    low, high = smallest, max(smallest, largest)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if height_at(middle) <= room else (low, middle - 1)
    return low


def type_size(role: TypeRole, large_text: bool = False) -> int:
    """A type size on the reference screen, a step larger with larger text."""
    size = TYPE_SCALE[role] * (LARGE_TEXT_SCALE if large_text else 1)
    return round(size)


def is_long_quotation(text: str) -> bool:
    """Whether a quotation is set a step smaller (QuotePanel.qml and the fit check both ask here)."""
    return len(text) > LONG_QUOTATION_CHARACTERS


def design_touch_target(width: float, height: float) -> int:
    """The smallest control as designed, scaled with the screen (before the screen's millimetres)."""
    return math.ceil(TOUCH_TARGET_PX * unit_for(width, height))


#: In reach mode the screens stand in the band a seated visitor can reach; however high the screen
#: hangs, they keep at least this share of its height.
MIN_REACH_SHARE = 0.4


def stage_band(height: float, reach_mode: bool, reach_top: float, reach_bottom: float) -> tuple[float, float]:
    """Where the screens stand in a window `height` px high: from the top, and to the bottom.

    The whole window; or in reach mode the band between `reach_top` and `reach_bottom` (shares of
    the height from the top, kiosk/viewmodels/access.py), kept at least `MIN_REACH_SHARE` high.
    """
    if not reach_mode:
        return 0, height
    top = min(reach_top, 1 - MIN_REACH_SHARE)
    return js_round(top * height), js_round(max(reach_bottom, MIN_REACH_SHARE + top) * height)


# --- The parts a layout is described with ----------------------------------------------------


class Box(NamedTuple):
    """A box in the screen's pixels."""

    width: float
    height: float


class Margins(NamedTuple):
    """Room kept inside a box's edges, in the screen's pixels."""

    top: float
    left: float
    right: float
    bottom: float


class TextStyle(NamedTuple):
    """How a text is set: the theme's font for `font`, at `size` px.

    `line_height` is Qt's proportional line height (1 is the font's own), or with
    `fixed_line_height` every line is that many px high (Text.FixedHeight); `letter_spacing` is
    added after every character, in px; `capitals` sets it in capitals (as the views do with
    toUpperCase or Font.AllUppercase).
    """

    font: FontRole
    size: float
    bold: bool = False
    italic: bool = False
    capitals: bool = False
    letter_spacing: float = 0
    line_height: float = 1.0
    fixed_line_height: float | None = None


class Block(NamedTuple):
    """One thing in a column, in order from the top: a text, or something of a fixed height.

    `content` names what a text shows: the panel's field ("title", "kicker", "body", ...), or
    for a fixed block what it is ("rule", "picture", "buttons"). `gap` is the room above it,
    from the block before (0 for the first). A text wraps in `width` (the column's, or less
    where it keeps to the measure); `max_lines` is the most lines it may take (the house rules
    warn beyond it); `elided` when the view cuts it off there with "…" instead. A title set
    with `min_size` is set smaller when its longest word is wider than the line (TitleText.qml),
    down to that size. `optional` blocks and their gap are left out when the content is empty.
    """

    content: str
    gap: float = 0
    style: TextStyle | None = None
    height: float = 0
    width: float | None = None
    max_lines: int | None = None
    elided: bool = False
    min_size: float | None = None
    optional: bool = False


class Column(NamedTuple):
    """A column of a panel: its width, the height it has, and what stacks in it.

    `height` is None where the column is as tall as what is in it (a heading above the text
    that scrolls, in portrait). A column that `scrolls` by design (body text, a letter's
    transcript) may be taller than its height: while it does, the view gives `scroll_track` px
    of its width to the track (`text_width`) and `scroll_cue` px of its height to the "More
    below" button under the text.
    """

    name: str
    width: float
    height: float | None
    blocks: tuple[Block, ...]
    scrolls: bool = False
    scroll_track: float = 0
    scroll_cue: float = 0

    def block(self, content: str) -> Block:
        for block in self.blocks:
            if block.content == content:
                return block
        raise KeyError(content)

    def text_width(self, block: Block, scrolling: bool | None = None) -> float:
        """The width `block`'s text wraps in: the column's, less the track while it scrolls.

        A block that keeps to the measure is no wider than its own `width`. `scrolling` is
        whether the column's content is taller than it, which takes the track from its width;
        by default, whenever the column may scroll (the narrower case).
        """
        scrolling = self.scrolls if scrolling is None else scrolling and self.scrolls
        room = self.width - (self.scroll_track if scrolling else 0)
        return room if block.width is None else min(block.width, room)


class Scale(NamedTuple):
    """The design scaled to one screen: `px` turns a design size into the screen's pixels."""

    unit: float

    def px(self, design: float) -> int:
        """As Style.px: a design size in the screen's pixels, rounded as QML rounds."""
        return js_round(design * self.unit)


class TypeSizes(NamedTuple):
    """The type scale on this screen, in px."""

    display: int
    title: int
    heading: int
    lead: int
    body: int
    caption: int
    label: int


class Grid(NamedTuple):
    """The outer margin, the gutter, the smallest control and the measure, in px."""

    margin: int
    gutter: int
    touch_target: int
    #: Characters per line of body text, and the width of such a line.
    measure: int
    measure_width: float
    #: Running text's line height (RichText.qml), a multiple of the font's own line.
    body_line_height: float
    #: The scroll track beside text that scrolls (ScrollArea.qml): wide enough for a finger.
    scroll_track: float
    #: The room kept above and below a control scrolled into view (ScrollArea.qml).
    scroll_reveal: int
    #: The fade at the foot of text that scrolls, saying there is more below.
    scroll_fade: int
    #: Under text that scrolls, the "More below" button: a touch target high, its label padded.
    scroll_cue: int
    scroll_cue_padding: Box


class Heading(NamedTuple):
    """PanelHeading.qml: a kicker, the title and a short rule in the panel's accent, stacked."""

    #: Between the kicker, the title and the rule.
    spacing: int
    title_line_height: float
    rule: Box
    #: The kicker's capitals are spaced by this much.
    kicker_letter_spacing: int


class SectionChrome(NamedTuple):
    """SectionScreen.qml: the header, the panels' room between it and the footer, and the footer."""

    header_height: int
    #: Between the section's number and its name in the header, set in spaced capitals.
    header_number_gap: int
    header_letter_spacing: int
    #: The panel's own margins inside its page, above and below.
    panel_top: int
    panel_bottom: int
    #: The footer on one row (landscape): the touch target and this much room.
    footer_one_row_extra: int
    #: On several rows (portrait): each row the touch target and `footer_row_gap`, and `footer_extra`.
    footer_row_gap: int
    footer_extra: int
    #: Between the footer's controls, and from its foot to the buttons.
    footer_gap: int
    footer_bottom: int
    #: The dots and the options on the upper rows, from the footer's top.
    footer_top: int
    #: The narration's bar stands this far above the footer when there is one.
    narration_gap: int
    #: The footer's rows as laid out on this screen: one in landscape (Home and Back show only
    #: their symbols where their words leave no room), two in portrait (three where the
    #: visitor's options do not fit beside the dots).
    footer_rows: int
    footer_height: int


class NarrationBarLayout(NamedTuple):
    """NarrationBar.qml: Listen, the captions and the credit, on the panel's foot above the footer.

    Its height depends on the credit's line, which only the font knows: `height(credit_line)`.
    """

    padding: int
    progress_height: int
    listen_min_width: int
    caption_line_height: int
    caption_lines: int
    words_spacing: int
    touch_target: int
    portrait: bool

    def height(self, credit_line: float) -> float:
        words = self.caption_line_height * self.caption_lines + self.words_spacing + credit_line
        if self.portrait:
            return 2 * self.padding + self.progress_height + self.touch_target + self.padding + words
        return 2 * self.padding + self.progress_height + max(self.touch_target, words)


class PanelArea(NamedTuple):
    """The room a panel has: the screen less the margins, the header and the footer.

    `height` is without a narration's bar unless `screen_layout` was given the narration's credit
    line: then the bar's height and `SectionChrome.narration_gap` are taken from it.
    """

    width: float
    height: float


class TextPanelLayout(NamedTuple):
    """TextPanel.qml: the title beside (landscape) or above (portrait) a column of body text."""

    heading_width: float
    #: The title's size: on a short panel it is set smaller so that it stays whole beside the text,
    #: at most the panel's height over `title_height_share`.
    title_size: int
    title_height_share: int
    #: Where the body's column starts: right of the heading by `body_gap` (landscape), or below it
    #: by `body_gap` (portrait).
    body_gap: int
    body_width: float
    heading: Column
    body: Column
    #: A panel of sources and credits (`style: sources`) sets its body at caption size, in the
    #: same column: `sources` is the body's column with that block.
    sources_size: int
    sources: Column
    #: A picture stands this far below the title (landscape) or the words (portrait), with its
    #: credit this far under it; upright, the words leave it at least `picture_share` of the room.
    picture_gap: int = 0
    credit_gap: int = 0
    picture_share: float = 0.4


class ImagePanelLayout(NamedTuple):
    """ImagePanel.qml: a picture given most of the room, the words beside it or below it."""

    picture: Box
    #: In landscape the picture has the panel's whole height; in portrait this share of it.
    picture_height_share: float
    #: Portrait: between the heading and the picture.
    picture_gap: int
    #: Landscape: between the picture and the words' column.
    words_gap: int
    words_x: float
    #: Between the heading (landscape) or the picture (portrait) and the words that scroll.
    words_top_gap: int
    words_spacing: int
    body_padding: int
    words_width: float
    heading: Column
    words: Column


class QuotePanelLayout(NamedTuple):
    """QuotePanel.qml: a quotation set like an epigraph, its context below it or, in landscape,
    beside it; what does not fit scrolls.

    A long quotation (`is_long_quotation`) is set at `long_text_size` instead of `text_size`.
    `words` is the one column of a quotation without context, or of one in portrait; in
    landscape a quotation with context stands in `quotation`, `context_gap` left of `context`.
    """

    column_width: float
    spacing: int
    mark_height: int
    attribution_spacing: int
    rule: Box
    context_width: float
    text_size: int
    long_text_size: int
    text_line_height: float
    #: The opening mark hangs left of the quotation (landscape), `mark_height` wide, or stands
    #: above it in a band `mark_height` high (portrait).
    mark_beside: bool
    context_beside: bool
    quotation_width: float
    context_beside_width: float
    context_gap: int
    words: Column
    quotation: Column
    context: Column

    def columns(self, text: str, has_context: bool) -> tuple[Column, ...]:
        """The columns a quotation and its context stand in, its words at the size its length asks."""
        size = self.long_text_size if is_long_quotation(text) else self.text_size
        columns = (self.quotation, self.context) if has_context and self.context_beside else (self.words,)
        return tuple(_with_text_size(column, size) for column in columns)


def _with_text_size(column: Column, size: int) -> Column:
    blocks = tuple(
        block._replace(style=block.style._replace(size=size))
        if block.content == "text" and block.style is not None
        else block
        for block in column.blocks
    )
    return column._replace(blocks=blocks)


class LeadLayout(NamedTuple):
    """The heading and introduction above a people or gallery panel's grid."""

    heading_width: float
    intro_width: float
    spacing: int
    #: Between the introduction and the grid below it.
    grid_gap: int
    #: The heading and the introduction; the grid below has what they leave of the panel.
    column: Column


class PeoplePanelLayout(NamedTuple):
    """PeoplePanel.qml: portrait cards in a grid that scrolls."""

    lead: LeadLayout
    max_columns: int
    card_min_height: int
    card_padding: int
    card_radius: int
    portrait: Box
    details_spacing: int
    note_padding: int

    def columns(self, count: int) -> int:
        return max(1, min(self.max_columns, count))

    def card_width(self, count: int, grid_width: float, gutter: float) -> float:
        columns = self.columns(count)
        return (grid_width - (columns - 1) * gutter) / columns

    details_styles: tuple[tuple[str, TextStyle], ...] = ()

    def details_width(self, card_width: float) -> float:
        """A card's words: right of the portrait, inside the card's padding."""
        return card_width - 3 * self.card_padding - self.portrait.width

    def card(self, count: int, grid_width: float, gutter: float) -> Column:
        """A person's card among `count`, in a grid `grid_width` wide (less the track if it scrolls).

        The cards scroll with the grid; a card is as tall as its words (all of a row as tall as
        the tallest), and at least `card_min_height`.
        """
        width = self.details_width(self.card_width(count, grid_width, gutter))
        blocks = []
        for index, (content, style) in enumerate(self.details_styles):
            gap = 0 if index == 0 else self.details_spacing + (self.note_padding if content == "note" else 0)
            blocks.append(Block(content, gap, style, optional=content == "note"))
        return Column("card", width, None, tuple(blocks), scrolls=True)


class GalleryPanelLayout(NamedTuple):
    """GalleryPanel.qml: thumbnails in a grid; a touch enlarges one over the panel (Lightbox.qml)."""

    lead: LeadLayout
    max_columns: int
    #: A thumbnail keeps at least this height; below it the grid scrolls instead.
    min_cell_height: int
    picture_margin: int
    caption_margin: int
    caption_lines: int
    #: Lightbox.qml: the enlarged picture over the whole panel less the caption and credit below
    #: it and a gutter; `lightbox` allows `lightbox_words` px for them.
    lightbox_words: int
    lightbox: Box
    lightbox_spacing: int

    def columns(self, count: int) -> int:
        return max(1, min(self.max_columns, count))

    def cell_width(self, count: int, grid_width: float, gutter: float) -> float:
        columns = self.columns(count)
        return (grid_width - (columns - 1) * gutter) / columns

    caption_style: TextStyle | None = None
    lightbox_caption_style: TextStyle | None = None
    lightbox_credit_style: TextStyle | None = None

    def caption_width(self, cell_width: float) -> float:
        return cell_width - 2 * self.caption_margin

    def thumbnail(self, count: int, grid_width: float, gutter: float) -> Column:
        """A thumbnail's caption, cut off with "…" after `caption_lines` lines."""
        width = self.caption_width(self.cell_width(count, grid_width, gutter))
        block = Block("caption", 0, self.caption_style, max_lines=self.caption_lines, elided=True)
        return Column("thumbnail", width, None, (block,))

    def lightbox_words_column(self, close_button_width: float, gutter: float) -> Column:
        """The enlarged picture's caption and credit, left of its Close button."""
        width = self.lightbox.width - close_button_width - gutter
        blocks = (
            Block("caption", 0, self.lightbox_caption_style),
            Block("credit", self.lightbox_spacing, self.lightbox_credit_style),
        )
        return Column("lightbox", width, self.lightbox_words, blocks)


class DocumentPanelLayout(NamedTuple):
    """DocumentPanel.qml: a letter's facts beside (or above) its transcript on a sheet that scrolls.

    Without pages, landscape: the facts in a column `facts_width` wide that scrolls, the sheet to
    its right past `sheet_gap`. Portrait: the facts above, the sheet below past `sheet_top_gap`.
    With pages, landscape: the facts in brief above the pages take `pages_share` of the width, and
    the sheet stands to their right past `pages_gap`, the panel's whole height, so that a letter's
    excerpt shows whole beside its page (the page, a tap from close reading, gives up the height);
    portrait: the facts in brief, a row of two buttons and then the page or the transcript over it.
    On the sheet, a long letter's "Read the whole letter" shares the foot's strip with the "More
    below" cue (the button at the left, the cue at the right): `foot_height` high, `note_margin`
    from the sheet's edge.
    """

    facts_width: float
    facts_spacing: int
    #: A fact's label (Date, From, To) above its value: spaced capitals.
    fact_spacing: int
    fact_letter_spacing: int
    brief_spacing: int
    #: The date and the transcript's status side by side in the facts in brief.
    brief_row_spacing: int
    #: Round the transcript's status, either way.
    status_padding: Box
    sheet_gap: int
    sheet_top_gap: int
    pages_share: float
    #: The pages' column beside the sheet (landscape): `pages_share` of the panel's width.
    pages_width: float
    pages_gap: int
    brief_sheet_gap: int
    toggle_gap: int
    toggle_spacing: int
    #: Inside the sheet: its margins around the transcript (the right one leaves room for the
    #: track), the accent bar on its left edge, and the gaps between paragraphs and parts.
    sheet_margin: int
    sheet_right_margin: int
    sheet_bar: int
    paragraph_spacing: int
    sheet_spacing: int
    #: Between the transcript and the facts under it, where the pages take the facts' column.
    sheet_rule: Box
    note_margin: int
    note_left_margin: int
    note_gap: int
    transcript_width: float
    foot_height: int
    facts: Column
    transcript: Column
    #: The transcript on the sheet beside the pages (landscape) or over them (portrait).
    transcript_with_pages: Column
    #: The sheet's height beside the pages (landscape); None in portrait, where it is the stage's.
    sheet_height_with_pages: float | None


class PairPanelLayout(NamedTuple):
    """PairPanel.qml: two letters side by side, clause by clause, on one sheet."""

    lead_width: float
    lead_spacing: int
    sheet_gap: int
    sheet_top_gap: int
    sheet_inset: int
    #: Between the two columns of clauses: room for the rule between them, which stands
    #: `column_rule_offset` past the first column.
    column_gap: int
    column_rule_offset: int
    #: Taken from the sheet's width besides its insets and the gap: room for the scroll track.
    track_allowance: int
    column_width: float
    intro_width: float
    #: A letter's head on the sheet: its bar, date and status, and the button to its pages
    #: beside the words where the head is wider than `head_button_beside_width`, else below them.
    head_top: int
    head_spacing: int
    head_bar: Box
    head_status_spacing: int
    status_padding: Box
    head_button_beside_width: int
    head_button_gap: int
    head_button_spacing: int
    #: Between the heads, the rule under them and the clauses; the clauses' margins on the sheet.
    head_rule_gap: int
    clauses_right_margin: int
    clauses_bottom: int
    row_spacing: int
    #: Portrait: a clause of each letter stacked, past a bar in its letter's colour.
    stacked_indent: int
    stacked_spacing: int
    stacked_text_x: int
    #: The note over the sheet's foot, and the sheet's clauses ending above it.
    note_margin: int
    note_gap: int
    #: The pages of a letter opened over the panel: the head's gap to Close, and the note's box.
    overlay_head_gap: int
    overlay_top_gap: int
    overlay_note_bottom: int
    overlay_note_share: float
    overlay_note_width: int
    #: The title and what to compare: beside the sheet (scrolling) or above it.
    lead: Column
    #: A clause of either letter on the sheet, which scrolls.
    clause: Column


class TimelinePanelLayout(NamedTuple):
    """TimelinePanel.qml's columns (its lanes, scale and ticks are kiosk/content/layout/timeline.py)."""

    heading_width: float
    intro_width: float
    intro_gap: int
    card: Box
    #: TimelineCard.qml: the date on one line (caption size, bold), the title on `card_title_lines`
    #: lines at `card_title_size` px in bold, lines `card_title_line_height` apart; what is longer
    #: is cut off (the event's sheet shows it whole).
    card_title_lines: int
    card_title_size: int
    card_title_line_height: float
    #: TimelineCard.qml: a card's words, inside its padding (on an event of no side, without the
    #: side's bar, from `card_plain_left`), one under the other.
    card_text_width: float
    card_padding: Margins
    card_plain_left: int
    card_spacing: int
    #: The lanes of cards above the line's axis: each card over its marker's row, lanes apart by
    #: `lane_gap`, clear of the axis by `axis_clearance`; the eras' row above, the years below.
    marker_row: int
    lane_gap: int
    era_row: int
    axis_area: int
    axis_clearance: int
    #: A card brought into view keeps this much room under it.
    card_reveal_margin: int
    #: An era's label: inside its band, from its top, title and years apart; the title shows
    #: from `era_title_min_width`, the years only where they fit beside the whole title.
    era_label_inset: int
    era_label_top: int
    era_label_spacing: int
    era_title_min_width: int
    #: A year under its tick; dates and eras' titles in capitals spaced this much.
    year_top: int
    label_letter_spacing: int
    #: The controls that turn the line: under the heading (or beside it), and the line under them.
    turning_gap: int
    turning_spacing: int
    line_gap_below: int
    line_gap: int
    heading: Column
    #: The sheet of an event's details: beside the line (landscape) or over its foot (portrait).
    detail_width: float
    detail_height_share: float
    detail_height: float
    detail_picture: Box
    #: Inside the sheet: its margins (the right one beside the scroll track), the room kept right
    #: of the words, the gaps between date, title, words and picture, and the Close button's room.
    detail_margins: Margins
    detail_inner_right: int
    detail_spacing: int
    detail_date_letter_spacing: int
    detail_body_width: float
    detail_picture_spacing: int
    detail_button_margin: int
    detail_button_bottom: int
    detail: Column


class HomeLayout(NamedTuple):
    """HomeScreen.qml and SectionTile.qml: the exhibit's title and a tile for each section."""

    title_width: float
    tagline_width: float
    header_spacing: int
    #: Portrait screens start the title this many margins down.
    title_top_margins: float
    #: The two bars in the exhibit's accents under the title.
    title_bar: Box
    #: The invitation stands this far above the tiles, in capitals spaced this much.
    invitation_gap: int
    invitation_letter_spacing: int
    #: The visitor's options: this far from the foot of a tall screen; on a wide one they keep
    #: this much room above them on the invitation's line.
    options_bottom: int
    options_top_room: int
    #: SectionTile.qml: the accent bar along its top, the picture under it and a gap to the
    #: words (a picture with less height than `tile_picture_min_height` is left out), the
    #: padding round the words and the gaps between them; the number in spaced capitals.
    tile_bar: int
    tile_picture_gap: int
    tile_picture_min_height: int
    tile_padding: int
    tile_spacing: int
    tile_letter_spacing: int
    #: SectionTile.qml: the picture above the words, at most this high as measured with a
    #: one-line title and teaser (the tile's height depends on the rows of tiles).
    tile_picture_height: int
    #: The picture reaches the tile's border (this wide) and the words stand this far above
    #: its foot.
    tile_border: int
    tile_words_bottom: int
    tile_title_lines: int
    teaser_lines: int
    #: Wide screens: four tiles a row, or three when there are five or six; else two.
    wide: bool
    #: The tiles stand in the screen less its margins.
    grid_width: float
    gutter: float
    title: Column
    tile_title_style: TextStyle
    teaser_style: TextStyle

    def columns(self, section_count: int) -> int:
        if not self.wide:
            return max(1, min(2, section_count))
        return max(1, min(3 if section_count > 4 else 4, section_count))

    def tile_width(self, section_count: int) -> float:
        columns = self.columns(section_count)
        return (self.grid_width - (columns - 1) * self.gutter) / columns

    def tile_words_width(self, section_count: int) -> float:
        return self.tile_width(section_count) - 2 * self.tile_padding

    def tile(self, section_count: int) -> Column:
        """A section's tile: the title and the teaser under the picture, two lines each."""
        width = self.tile_words_width(section_count)
        blocks = (
            Block(
                "title",
                0,
                self.tile_title_style,
                max_lines=self.tile_title_lines,
                min_size=js_round(self.tile_title_style.size * 0.6),
            ),
            Block("teaser", self.tile_spacing, self.teaser_style, max_lines=self.teaser_lines),
        )
        return Column("tile", width, None, blocks)


class AttractLayout(NamedTuple):
    """AttractLoop.qml's boxes: the picture's side of the screen and the words' side.

    The loop fills the whole window; it plays only between visits, when no reach mode is on.
    """

    picture: Box
    words_side: Box
    #: The shares of the loop's own size the boxes are: the words' side of its width (landscape),
    #: the picture's of its height (portrait). The loop takes them of the size it is drawn at.
    words_share: float
    picture_share: float
    inset: int
    header_spacing: int
    header_letter_spacing: int
    header_title_width: float
    #: The rule above the invitation at the foot of the words' side, and its gap to it.
    foot_rule_gap: int
    #: The invitation at the foot: a ring to touch beside its lines in spaced capitals.
    beckon_spacing: int
    invitation_spacing: int
    #: The two bars in the exhibit's accents under the header, and under the title card's title.
    accent_bar: Box
    title_accent_bar_width: int
    #: With no slides, the exhibit's title alone in the middle: its column, the gaps in it and
    #: the room kept under it.
    title_card_width: float
    title_card_spacing: int
    title_card_foot: int
    #: Under a slide's headline or quotation: a short rule, the caption and the credit.
    details_rule_top: int
    details_rule: Box
    caption_gap: int
    caption_width: float
    credit_gap: int
    #: From the header to the words, and from the words to the rule above the invitation.
    words_top_gap: int
    words_bottom_gap: int
    words_spacing: int
    #: The exhibit's title heading the words' side: one line, cut off with "…".
    header: Column
    #: A slide's headline, or its quotation, at the largest of their sizes: each is set as large
    #: as the room the others leave allows, down to `words_min_size` (`fitted_size`).
    headline: TextStyle
    quote: TextStyle
    words_min_size: int
    #: A quotation's attribution under it, and the caption and the credit at the foot.
    attribution: TextStyle
    caption: TextStyle
    credit: TextStyle
    #: The invitation's lines: one in the exhibit's language, or smaller when there are several.
    invitation: TextStyle
    invitation_lines: TextStyle


class VideoPanelLayout(NamedTuple):
    """VideoPanel.qml: the film at 16:9 with its controls under it, the words beside it (landscape)
    or under it (portrait), as an image panel's.

    `area` holds the film and its controls; `film` is the 16:9 box the picture is fitted into
    (a film of another shape is letterboxed in it), at `film_x` in the area. The captions stand
    over the film's foot, `captions_bottom` above it, at most `captions_lines` lines of
    `captions_size` px in `captions_width`, on a dark band padded by `captions_padding`.
    """

    area: Box
    film: Box
    film_aspect: float
    film_x: float
    #: Portrait: between the heading and the film.
    film_gap: int
    #: Under the film: the controls' row (play, scrubber, time, sound, captions), a touch target high.
    controls_gap: int
    controls_height: int
    controls_padding: int
    controls_spacing: int
    #: The scrubber's track (its touch area is the row's height) and its handle.
    scrubber_track: int
    scrubber_handle: int
    #: The play control shown over the poster before the film starts.
    play_button: int
    captions_size: int
    captions_line_height: float
    captions_lines: int
    captions_width: float
    captions_bottom: int
    captions_padding: int
    #: Landscape: between the film and the words' column.
    words_gap: int
    words_x: float
    #: Between the heading (landscape) or the controls (portrait) and the words that scroll.
    words_top_gap: int
    words_spacing: int
    body_padding: int
    words_width: float
    heading: Column
    words: Column
    captions: Column


class ScreenLayout(NamedTuple):
    """The whole layout of one screen, `width` x `height` px, with normal or larger text."""

    width: float
    height: float
    large_text: bool
    portrait: bool
    scale: Scale
    type: TypeSizes
    grid: Grid
    heading: Heading
    chrome: SectionChrome
    narration: NarrationBarLayout
    panel: PanelArea
    text: TextPanelLayout
    image: ImagePanelLayout
    quote: QuotePanelLayout
    people: PeoplePanelLayout
    gallery: GalleryPanelLayout
    document: DocumentPanelLayout
    pair: PairPanelLayout
    timeline: TimelinePanelLayout
    home: HomeLayout
    attract: AttractLayout
    video: VideoPanelLayout
    styles: dict[str, TextStyle] = {}  # noqa: RUF012

    @property
    def unit(self) -> float:
        return self.scale.unit

    def columns(self, kind: str) -> tuple[Column, ...]:
        """The columns of a panel kind that do not depend on how many items it has.

        People and gallery panels add a column per card or thumbnail (`people.card`,
        `gallery.thumbnail`), the home screen one per tile (`home.tile`).
        """
        match kind:
            case "text":
                return (self.text.heading, self.text.body)
            case "image":
                return (self.image.heading, self.image.words)
            case "quote":
                return (self.quote.words, self.quote.quotation, self.quote.context)
            case "people":
                return (self.people.lead.column,)
            case "gallery":
                return (self.gallery.lead.column,)
            case "document":
                return (self.document.facts, self.document.transcript)
            case "pair":
                return (self.pair.lead, self.pair.clause)
            case "timeline":
                return (self.timeline.heading, self.timeline.detail)
            case "home":
                return (self.home.title,)
            case "attract":
                return (self.attract.header,)
            case "video":
                return (self.video.heading, self.video.words, self.video.captions)
        raise KeyError(kind)

    def px(self, design: float) -> int:
        return self.scale.px(design)


# --- Building it -------------------------------------------------------------------------------


def screen_layout(
    width: float,
    height: float,
    large_text: bool = False,
    *,
    touch_target: int | None = None,
    footer_rows: int | None = None,
    narration_credit_line: float | None = None,
) -> ScreenLayout:
    """The layout of a screen `width` x `height` px (the window, or its band in reach mode).

    `touch_target` is the smallest control's side as the screen as mounted asks
    (KioskAccess.targetSize), the design's own when not given. `footer_rows` is how many rows
    the section's footer takes: one in landscape and two in portrait unless given (three where
    the visitor's options do not fit beside the dots). With `narration_credit_line` (the
    height of a line of the narration's credit, as the font sets it) the panels are laid out
    above a narration's bar; without it, with none.
    """
    scale = Scale(unit_for(width, height))
    px = scale.px
    portrait = height > width
    sizes = TypeSizes(**{role: px(type_size(role, large_text)) for role in TYPE_SCALE})  # type: ignore[arg-type]
    target = touch_target if touch_target is not None else design_touch_target(width, height)
    measure_width = MEASURE_CHARACTERS * sizes.body * MEASURE_EM
    grid = Grid(
        margin=px(MARGIN_PX),
        gutter=px(GUTTER_PX),
        touch_target=target,
        measure=MEASURE_CHARACTERS,
        measure_width=measure_width,
        body_line_height=BODY_LINE_HEIGHT,
        scroll_track=max(px(56), target * 0.6),
        scroll_reveal=px(24),
        scroll_fade=px(90),
        scroll_cue=target,
        scroll_cue_padding=Box(px(64), px(20)),
    )
    heading = Heading(
        spacing=px(14), title_line_height=1.08, rule=Box(px(96), px(6)), kicker_letter_spacing=px(3)
    )
    rows = footer_rows if footer_rows is not None else (2 if portrait else 1)
    chrome = SectionChrome(
        header_height=px(128),
        header_number_gap=px(22),
        header_letter_spacing=px(3),
        panel_top=px(48),
        panel_bottom=px(24),
        footer_one_row_extra=px(64),
        footer_row_gap=px(16),
        footer_extra=px(40),
        footer_gap=px(20),
        footer_bottom=px(32),
        footer_top=px(24),
        narration_gap=px(20),
        footer_rows=rows,
        footer_height=target + px(64) if rows == 1 else rows * (target + px(16)) + px(40),
    )
    narration = NarrationBarLayout(
        padding=px(20),
        progress_height=px(6),
        listen_min_width=px(260),
        caption_line_height=math.ceil(sizes.lead * 1.25),
        caption_lines=3 if portrait else 2,
        words_spacing=px(6),
        touch_target=target,
        portrait=portrait,
    )
    bar = (
        0.0
        if narration_credit_line is None
        else narration.height(narration_credit_line) + chrome.narration_gap
    )
    panel = PanelArea(
        width=width - 2 * grid.margin,
        height=height
        - chrome.header_height
        - chrome.footer_height
        - chrome.panel_top
        - chrome.panel_bottom
        - bar,
    )
    parts = _Parts(scale, sizes, grid, heading, panel, portrait)
    return ScreenLayout(
        width=width,
        height=height,
        large_text=large_text,
        portrait=portrait,
        scale=scale,
        type=sizes,
        grid=grid,
        heading=heading,
        chrome=chrome,
        narration=narration,
        panel=panel,
        text=parts.text(),
        image=parts.image(),
        quote=parts.quote(),
        people=parts.people(),
        gallery=parts.gallery(),
        document=parts.document(),
        pair=parts.pair(),
        timeline=parts.timeline(),
        home=parts.home(width, height),
        attract=parts.attract(width, height),
        video=parts.video(),
        styles=parts.styles(),
    )


class _Parts(NamedTuple):
    scale: Scale
    type: TypeSizes
    grid: Grid
    heading_style: Heading
    panel: PanelArea
    portrait: bool

    def px(self, design: float) -> int:
        return self.scale.px(design)

    # Text styles the views set, by what they set.

    def kicker(self) -> TextStyle:
        return TextStyle(
            "interface",
            self.type.caption,
            bold=True,
            capitals=True,
            letter_spacing=self.heading_style.kicker_letter_spacing,
        )

    def title(self, size: float) -> TextStyle:
        return TextStyle("display", size, bold=True, line_height=self.heading_style.title_line_height)

    def body(self, size: float | None = None) -> TextStyle:
        return TextStyle("body", size if size is not None else self.type.body, line_height=BODY_LINE_HEIGHT)

    def styles(self) -> dict[str, TextStyle]:
        """Styles shared by several views, by name."""
        return {
            "kicker": self.kicker(),
            "title": self.title(self.type.title),
            "body": self.body(),
            "credit": TextStyle("interface", self.type.caption),
        }

    def heading_blocks(
        self, width: float | None, title_size: float, title_lines: int = 2
    ) -> tuple[Block, ...]:
        """PanelHeading.qml: kicker (if any), title, rule; `width` None: the column's."""
        gap = self.heading_style.spacing
        return (
            Block("kicker", 0, self.kicker(), width=width, max_lines=1, optional=True),
            Block(
                "title",
                gap,
                self.title(title_size),
                width=width,
                max_lines=title_lines,
                min_size=js_round(title_size * 0.6),
            ),
            Block("rule", gap, height=self.heading_style.rule.height),
        )

    def letter(self, size: float) -> TextStyle:
        """LetterText.qml: typewritten, every line at least a touch target's 44 px high for its notes."""
        return TextStyle("typewriter", size, fixed_line_height=max(math.ceil(pixel_size(size) * 1.3), 44))

    def measured(self, width: float) -> float:
        return min(width, self.grid.measure_width)

    # The panels.

    def text(self) -> TextPanelLayout:
        width, height = self.panel.width, self.panel.height
        share = 7
        if self.portrait:
            heading_width = width
            title_size = self.type.title
            gap = self.px(48)
            column_width = width
            heading_height = None
        else:
            heading_width = min(width * 0.38, self.px(640))
            title_size = min(self.type.title, math.floor(height / share))
            gap = self.px(96)
            column_width = width - heading_width - gap
            heading_height = height
        body_width = self.grid.measure_width
        heading = Column(
            "heading", heading_width, heading_height, self.heading_blocks(heading_width, title_size)
        )

        def body_column(size: int) -> Column:
            return Column(
                "body",
                column_width,
                height if not self.portrait else None,
                (Block("body", 0, self.body(size), width=body_width),),
                scrolls=True,
                scroll_track=self.grid.scroll_track,
                scroll_cue=self.grid.scroll_cue,
            )

        return TextPanelLayout(
            heading_width,
            title_size,
            share,
            gap,
            body_width,
            heading,
            body_column(self.type.body),
            sources_size=self.type.caption,
            sources=body_column(self.type.caption),
            picture_gap=self.px(40),
            credit_gap=self.px(12),
        )

    def image(self) -> ImagePanelLayout:
        width, height = self.panel.width, self.panel.height
        share = 0.45
        words_gap = self.px(72)
        if self.portrait:
            picture = Box(width, height * share)
            words_x = 0.0
        else:
            # The words keep a whole measure beside the picture (half the panel at most, with
            # larger text); the picture has the rest.
            words_column = min(self.grid.measure_width, width * 0.5)
            picture = Box(width - words_gap - words_column, height)
            words_x = picture.width + words_gap
        column = width - words_x
        words_width = self.grid.measure_width
        spacing = self.px(20)
        padding = self.px(12)
        heading = Column("heading", column, None, self.heading_blocks(column, self.type.heading))
        words = Column(
            "words",
            column,
            None,
            (
                Block(
                    "caption",
                    0,
                    TextStyle("body", self.type.body, italic=True, line_height=BODY_LINE_HEIGHT),
                    width=words_width,
                ),
                Block("credit", spacing, TextStyle("interface", self.type.caption), width=words_width),
                Block("body", spacing + padding, self.body(), width=words_width, optional=True),
            ),
            scrolls=True,
            scroll_track=self.grid.scroll_track,
            scroll_cue=self.grid.scroll_cue,
        )
        return ImagePanelLayout(
            picture=picture,
            picture_height_share=share,
            picture_gap=self.px(40),
            words_gap=words_gap,
            words_x=words_x,
            words_top_gap=self.px(32),
            words_spacing=spacing,
            body_padding=padding,
            words_width=words_width,
            heading=heading,
            words=words,
        )

    def quote(self) -> QuotePanelLayout:
        width = self.grid.measure_width * 1.45
        spacing = self.px(28)
        mark = self.px(96)
        rule = Box(self.px(96), self.px(3))
        context_width = self.grid.measure_width
        # Beside the quotation, the context has about two fifths of the panel (a narrow column for a
        # short note: 37 characters a line), and never more than a measure.
        gap = 2 * self.grid.gutter
        beside_context = min(self.grid.measure_width, (self.panel.width - gap) * 0.38)
        beside_quotation = min(width, self.panel.width - gap - beside_context)

        # In landscape the opening mark hangs left of the quotation's first line, as on a printed
        # page's epigraph, instead of standing in a band of its own above it.
        mark_beside = not self.portrait

        def quotation_blocks(column_width: float) -> tuple[Block, ...]:
            style = TextStyle("display", self.type.heading, italic=True, line_height=QUOTATION_LINE_HEIGHT)
            return (
                Block("title", 0, self.kicker(), width=column_width, max_lines=1),
                *(() if mark_beside else (Block("mark", spacing, height=mark),)),
                Block(
                    "text",
                    spacing,
                    style,
                    width=column_width - (mark if mark_beside else 0),
                ),
                Block(
                    "attribution",
                    spacing,
                    TextStyle("interface", self.type.label, bold=True),
                    width=column_width,
                ),
                # The date and source: a line high even when both are empty (the Text is always there).
                Block("source", self.px(6), TextStyle("interface", self.type.caption), width=column_width),
            )

        def context_blocks(column_width: float, first_gap: int) -> tuple[Block, ...]:
            # The rule shows with the context, and goes with it.
            return (
                Block("rule", first_gap, height=rule.height, optional=True),
                Block("context", spacing, self.body(), width=column_width, optional=True),
            )

        def column(name: str, column_width: float, blocks: tuple[Block, ...]) -> Column:
            return Column(
                name,
                column_width,
                self.panel.height,
                blocks,
                scrolls=True,
                scroll_track=self.grid.scroll_track,
                scroll_cue=self.grid.scroll_cue,
            )

        return QuotePanelLayout(
            column_width=width,
            spacing=spacing,
            mark_height=mark,
            attribution_spacing=self.px(6),
            rule=rule,
            context_width=context_width,
            text_size=self.type.heading,
            long_text_size=self.type.lead,
            text_line_height=QUOTATION_LINE_HEIGHT,
            mark_beside=mark_beside,
            context_beside=not self.portrait,
            quotation_width=beside_quotation,
            context_beside_width=beside_context,
            context_gap=gap,
            words=column(
                "words", self.panel.width, quotation_blocks(width) + context_blocks(context_width, spacing)
            ),
            quotation=column("quotation", beside_quotation, quotation_blocks(beside_quotation)),
            context=column("context", beside_context, context_blocks(beside_context, 0)),
        )

    def lead(self) -> LeadLayout:
        heading_width = min(self.panel.width, self.grid.measure_width * 1.4)
        intro_width = self.measured(self.panel.width)
        spacing = self.px(20)
        blocks = (
            *self.heading_blocks(heading_width, self.type.title),
            Block("intro", spacing, self.body(), width=intro_width, optional=True),
        )
        return LeadLayout(
            heading_width=heading_width,
            intro_width=intro_width,
            spacing=spacing,
            grid_gap=self.px(36),
            column=Column("lead", heading_width, self.panel.height, blocks),
        )

    def people(self) -> PeoplePanelLayout:
        return PeoplePanelLayout(
            lead=self.lead(),
            max_columns=1 if self.portrait else 3,
            card_min_height=self.px(170),
            card_padding=self.px(28),
            card_radius=self.px(6),
            portrait=Box(self.px(110), self.px(110)),
            details_spacing=self.px(6),
            note_padding=self.px(6),
            details_styles=(
                ("name", TextStyle("display", self.type.body * 1.1, bold=True)),
                ("dates", TextStyle("interface", self.type.caption)),
                ("role", TextStyle("body", self.type.caption, line_height=1.2)),
                ("note", TextStyle("body", self.type.caption, italic=True, line_height=1.2)),
            ),
        )

    def gallery(self) -> GalleryPanelLayout:
        words = self.px(88)
        return GalleryPanelLayout(
            lead=self.lead(),
            max_columns=2 if self.portrait else 4,
            min_cell_height=self.px(340),
            picture_margin=self.px(16),
            caption_margin=self.px(20),
            caption_lines=4,
            lightbox_words=words,
            lightbox=Box(self.panel.width, self.panel.height - words - self.grid.gutter),
            lightbox_spacing=self.px(6),
            caption_style=TextStyle("body", self.type.caption, line_height=1.15),
            lightbox_caption_style=TextStyle("body", self.type.body),
            lightbox_credit_style=TextStyle("interface", self.type.caption),
        )

    def document(self) -> DocumentPanelLayout:
        width, height = self.panel.width, self.panel.height
        track = self.grid.scroll_track
        margin, right = self.px(44), self.px(20)
        gap = self.px(64)
        if self.portrait:
            facts_width = width
            sheet_width = width
        else:
            facts_width = min(width * 0.36, self.px(620))
            sheet_width = width - facts_width - gap
        transcript_width = self.grid.measure_width * 1.1
        pages_share = 0.36
        pages_gap = self.px(56)
        pages_width = width if self.portrait else math.floor(width * pages_share)
        pages_sheet_width = width if self.portrait else width - pages_width - pages_gap
        facts = Column(
            "facts",
            facts_width,
            None if self.portrait else height,
            self.heading_blocks(None, self.type.heading),
            scrolls=not self.portrait,
            scroll_track=track,
            scroll_cue=self.grid.scroll_cue,
        )
        transcript = Column(
            "transcript",
            sheet_width - margin - right,
            None,
            (Block("transcript", 0, self.letter(self.type.body * 0.92), width=transcript_width),),
            scrolls=True,
            scroll_track=track,
            scroll_cue=self.grid.scroll_cue,
        )
        return DocumentPanelLayout(
            facts_width=facts_width,
            facts_spacing=self.px(16 if self.portrait else 22),
            fact_spacing=self.px(2),
            fact_letter_spacing=self.px(2),
            brief_spacing=self.px(14),
            brief_row_spacing=self.px(20),
            status_padding=Box(self.px(32), self.px(14)),
            sheet_gap=gap,
            sheet_top_gap=self.px(36),
            pages_share=pages_share,
            pages_width=pages_width,
            pages_gap=pages_gap,
            brief_sheet_gap=self.px(28),
            toggle_gap=self.px(24),
            toggle_spacing=self.px(12),
            sheet_margin=margin,
            sheet_right_margin=right,
            sheet_bar=self.px(8),
            paragraph_spacing=self.px(22),
            sheet_spacing=self.px(36),
            sheet_rule=Box(self.px(120), self.px(3)),
            note_margin=self.px(20),
            note_left_margin=self.px(28),
            note_gap=self.px(56),
            transcript_width=transcript_width,
            foot_height=self.grid.touch_target,
            facts=facts,
            transcript=transcript,
            transcript_with_pages=transcript._replace(
                width=pages_sheet_width - margin - right, name="transcript_with_pages"
            ),
            sheet_height_with_pages=None if self.portrait else height,
        )

    def pair(self) -> PairPanelLayout:
        width = self.panel.width
        lead_width = width if self.portrait else min(width * 0.27, self.px(520))
        gap = self.px(56)
        sheet_width = width if self.portrait else width - lead_width - gap
        inset = self.px(28 if self.portrait else 36)
        column_gap = self.px(48)
        track = self.grid.scroll_track
        spacing = self.px(20)
        lead = Column(
            "lead",
            lead_width,
            None if self.portrait else self.panel.height,
            (
                *self.heading_blocks(None, self.type.heading),
                Block(
                    "intro",
                    spacing,
                    self.body(self.type.caption * 1.1),
                    width=self.grid.measure_width,
                    optional=True,
                ),
            ),
            scrolls=not self.portrait,
            scroll_track=track,
            scroll_cue=self.grid.scroll_cue,
        )
        column_width = (sheet_width - 2 * inset - self.px(40) - column_gap) / 2
        if self.portrait:
            # Each clause of the first letter above the second's, indented past a bar.
            clause_width = sheet_width - inset - self.px(12) - self.px(28) - self.px(22)
        else:
            clause_width = column_width
        clause = Column(
            "clause",
            clause_width,
            None,
            (Block("clause", 0, self.letter(self.type.body * (0.8 if self.portrait else 0.78))),),
            scrolls=True,
            scroll_track=track,
            scroll_cue=self.grid.scroll_cue,
        )
        return PairPanelLayout(
            lead_width=lead_width,
            lead_spacing=self.px(20),
            sheet_gap=gap,
            sheet_top_gap=self.px(28),
            sheet_inset=inset,
            column_gap=column_gap,
            column_rule_offset=self.px(23),
            track_allowance=self.px(40),
            column_width=column_width,
            intro_width=self.grid.measure_width,
            head_top=self.px(24),
            head_spacing=self.px(8),
            head_bar=Box(self.px(64), self.px(6)),
            head_status_spacing=self.px(16),
            status_padding=Box(self.px(28), self.px(12)),
            head_button_beside_width=self.px(620),
            head_button_gap=self.px(14),
            head_button_spacing=self.px(24),
            head_rule_gap=self.px(20),
            clauses_right_margin=self.px(12),
            clauses_bottom=self.px(20),
            row_spacing=self.px(18),
            stacked_indent=self.px(28),
            stacked_spacing=self.px(10),
            stacked_text_x=self.px(22),
            note_margin=self.px(20),
            note_gap=self.px(40),
            overlay_head_gap=self.px(40),
            overlay_top_gap=self.px(24),
            overlay_note_bottom=self.px(96),
            overlay_note_share=0.6,
            overlay_note_width=self.px(760),
            lead=lead,
            clause=clause,
        )

    def timeline(self) -> TimelinePanelLayout:
        width, height = self.panel.width, self.panel.height
        heading_width = width if self.portrait else min(width * 0.62, self.grid.measure_width * 1.4)
        if self.portrait:
            intro_width = self.measured(width)
        else:
            intro_width = min(self.grid.measure_width, width - heading_width - self.grid.gutter)
        share = 0.58
        detail_width = (
            width if self.portrait else js_round(min(width * 0.46, self.grid.measure_width + self.px(120)))
        )
        detail_height = js_round(height * share) if self.portrait else height
        inner = detail_width - self.px(48) - self.px(24) - self.px(24)
        # A card's words grow with larger text, and so does the card: it keeps the same words
        # to a line (the line scrolls sideways, and has room for wider cards).
        card_width = self.px(330 * self.type.body / self.px(TYPE_SCALE["body"]))
        card_words_width = card_width - self.px(26) - self.px(18)
        detail = Column(
            "detail",
            inner,
            None,
            (
                Block(
                    "date", 0, TextStyle("interface", self.type.caption, bold=True, letter_spacing=self.px(2))
                ),
                Block("title", self.px(18), self.title(self.type.heading)),
                Block("body", self.px(18), self.body(), width=self.grid.measure_width),
            ),
            scrolls=True,
            scroll_track=self.grid.scroll_track,
            scroll_cue=self.grid.scroll_cue,
        )
        return TimelinePanelLayout(
            heading_width=heading_width,
            intro_width=intro_width,
            intro_gap=self.grid.gutter if not self.portrait else self.px(20),
            card=Box(card_width, self.px(132)),
            card_title_lines=2,
            card_title_size=round(self.type.body * 0.82),
            card_title_line_height=1.1,
            card_text_width=card_words_width,
            card_padding=Margins(self.px(14), self.px(26), self.px(18), self.px(14)),
            card_plain_left=self.px(20),
            card_spacing=self.px(4),
            marker_row=self.px(30),
            lane_gap=self.px(12),
            era_row=self.px(60),
            axis_area=self.px(60),
            axis_clearance=self.px(10),
            card_reveal_margin=self.px(24),
            era_label_inset=self.px(16),
            era_label_top=self.px(18),
            era_label_spacing=self.px(14),
            era_title_min_width=self.px(60),
            year_top=self.px(20),
            label_letter_spacing=self.px(2),
            turning_gap=self.px(24),
            turning_spacing=self.px(16),
            line_gap_below=self.px(20),
            line_gap=self.px(28),
            heading=Column(
                "heading", heading_width, None, self.heading_blocks(heading_width, self.type.title)
            ),
            detail_width=detail_width,
            detail_height_share=share,
            detail_height=detail_height,
            detail_picture=Box(inner, self.px(420)),
            detail_margins=Margins(self.px(44), self.px(48), self.px(24), self.px(24)),
            detail_inner_right=self.px(24),
            detail_spacing=self.px(18),
            detail_date_letter_spacing=self.px(2),
            detail_body_width=self.grid.measure_width,
            detail_picture_spacing=self.px(8),
            detail_button_margin=self.px(40),
            detail_button_bottom=self.px(36),
            detail=detail,
        )

    def home(self, width: float, height: float) -> HomeLayout:
        inner = width - 2 * self.grid.margin
        return HomeLayout(
            title_width=min(inner, self.grid.measure_width * 1.6),
            tagline_width=min(inner, self.grid.measure_width * 1.2),
            header_spacing=self.px(18),
            title_top_margins=1.6 if self.portrait else 1,
            title_bar=Box(self.px(120), self.px(8)),
            invitation_gap=self.px(28),
            invitation_letter_spacing=self.px(1),
            options_bottom=self.px(32),
            options_top_room=self.px(24),
            tile_bar=self.px(10),
            tile_picture_gap=self.px(4),
            tile_picture_min_height=self.px(80),
            tile_letter_spacing=self.px(3),
            tile_padding=self.px(28),
            tile_spacing=self.px(6),
            tile_picture_height=self.px(238),
            tile_border=self.px(2),
            tile_words_bottom=self.px(24),
            tile_title_lines=2,
            teaser_lines=2,
            wide=not (self.portrait or width < height * 1.5),
            grid_width=inner,
            gutter=self.grid.gutter,
            title=Column(
                "title",
                min(inner, self.grid.measure_width * 1.6),
                None,
                (
                    Block("title", 0, TextStyle("display", self.type.display, bold=True), max_lines=2),
                    Block(
                        "subtitle",
                        self.px(18) * 2 + self.px(8),
                        TextStyle("body", self.type.lead),
                        width=min(inner, self.grid.measure_width * 1.2),
                        optional=True,
                    ),
                ),
            ),
            tile_title_style=TextStyle("display", self.type.heading, bold=True),
            teaser_style=TextStyle("body", self.type.caption, line_height=1.2),
        )

    def attract(self, width: float, height: float) -> AttractLayout:
        words_share, picture_share = 0.42, 0.5
        if self.portrait:
            picture = Box(width, js_round(height * picture_share))
            words_side = Box(width, height - picture.height)
        else:
            words_width = js_round(width * words_share)
            picture = Box(width - words_width, height)
            words_side = Box(words_width, height)
        inset = js_round(self.grid.margin * 1.2)
        return AttractLayout(
            picture=picture,
            words_side=words_side,
            words_share=words_share,
            picture_share=picture_share,
            inset=inset,
            header_spacing=self.px(16),
            header_letter_spacing=self.px(4),
            header_title_width=words_side.width - 2 * inset,
            foot_rule_gap=self.px(36),
            beckon_spacing=self.px(32),
            invitation_spacing=self.px(6),
            accent_bar=Box(self.px(72), self.px(6)),
            title_accent_bar_width=self.px(120),
            title_card_width=min(width - 2 * self.grid.margin, self.grid.measure_width * 1.6),
            title_card_spacing=self.px(40),
            title_card_foot=self.px(60),
            details_rule_top=self.px(32),
            details_rule=Box(self.px(56), self.px(3)),
            caption_gap=self.px(20),
            caption_width=self.grid.measure_width,
            credit_gap=self.px(12),
            words_top_gap=self.px(56),
            words_bottom_gap=self.px(48),
            words_spacing=self.px(24),
            headline=TextStyle("display", js_round(self.type.display * 0.85), bold=True, line_height=1.05),
            quote=TextStyle("display", self.type.title, italic=True, line_height=1.18),
            words_min_size=self.type.body,
            attribution=TextStyle("interface", self.type.caption, bold=True, line_height=1.2),
            caption=TextStyle("body", self.type.caption, line_height=1.25),
            credit=TextStyle("interface", js_round(self.type.caption * 0.8)),
            invitation=TextStyle("interface", self.type.lead, bold=True, letter_spacing=self.px(1)),
            invitation_lines=TextStyle(
                "interface", js_round(self.type.lead * 0.85), bold=True, letter_spacing=self.px(1)
            ),
            header=Column(
                "header",
                words_side.width - 2 * inset,
                None,
                (
                    Block(
                        "title",
                        0,
                        TextStyle(
                            "interface",
                            self.type.caption,
                            bold=True,
                            capitals=True,
                            letter_spacing=self.px(4),
                        ),
                        max_lines=1,
                        elided=True,
                    ),
                ),
            ),
        )

    def video(self) -> VideoPanelLayout:
        width, height = self.panel.width, self.panel.height
        aspect = 16 / 9
        target = self.grid.touch_target
        padding = self.px(12)
        controls_gap = self.px(16)
        controls = target + 2 * padding
        under_film = controls_gap + controls
        words_gap = self.px(72)
        film_gap = self.px(40)
        if self.portrait:
            # The film takes the panel's width, and leaves the heading and the words at least
            # half of its height.
            film_width = min(width, max(0.0, height * 0.5 - under_film) * aspect)
            words_x = 0.0
        else:
            # The film is what a visitor came for: it has the room, and the words a narrower column
            # than an image panel's (a caption, a credit, a few lines), never under a third.
            least_words = min(self.grid.measure_width, width * 0.34)
            film_width = min(width - words_gap - least_words, max(0.0, height - under_film) * aspect)
            words_x = film_width + words_gap
        film = Box(film_width, film_width / aspect)
        area = Box(width if self.portrait else film_width, film.height + under_film)
        column = width - words_x
        words_width = min(self.grid.measure_width, column)
        spacing = self.px(20)
        body_padding = self.px(12)
        captions_size = self.type.lead
        captions_padding = self.px(12)
        captions_width = film.width * 0.9
        heading = Column("heading", column, None, self.heading_blocks(column, self.type.heading))
        words = Column(
            "words",
            column,
            None,
            (
                Block(
                    "caption",
                    0,
                    TextStyle("body", self.type.body, italic=True, line_height=BODY_LINE_HEIGHT),
                    width=words_width,
                ),
                Block("credit", spacing, TextStyle("interface", self.type.caption), width=words_width),
                Block("body", spacing + body_padding, self.body(), width=words_width, optional=True),
            ),
            scrolls=True,
            scroll_track=self.grid.scroll_track,
            scroll_cue=self.grid.scroll_cue,
        )
        captions = Column(
            "captions",
            captions_width - 2 * captions_padding,
            None,
            (
                Block(
                    "cue",
                    0,
                    TextStyle("interface", captions_size, line_height=1.1),
                    max_lines=2,
                ),
            ),
        )
        return VideoPanelLayout(
            area=area,
            film=film,
            film_aspect=aspect,
            film_x=(area.width - film.width) / 2,
            film_gap=film_gap,
            controls_gap=controls_gap,
            controls_height=controls,
            controls_padding=padding,
            controls_spacing=self.px(16),
            scrubber_track=self.px(8),
            scrubber_handle=self.px(36),
            play_button=max(target, self.px(160)),
            captions_size=captions_size,
            captions_line_height=1.1,
            captions_lines=2,
            captions_width=captions_width,
            captions_bottom=self.px(24),
            captions_padding=captions_padding,
            words_gap=words_gap,
            words_x=words_x,
            words_top_gap=self.px(32),
            words_spacing=spacing,
            body_padding=body_padding,
            words_width=words_width,
            heading=heading,
            words=words,
            captions=captions,
        )
