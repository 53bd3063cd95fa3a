"""Whether each visitor-facing text fits its place on the screen, before the screen shows it.

For every screen the installation declares, every language of the exhibit and both text sizes,
the panels' texts are laid out as the views lay them out (kiosk/viewmodels/text_measure.py, Qt's own
text engine with the bundled fonts) in the places the layout gives them
(kiosk/content/layout/geometry.py), and a text that would
make its panel scroll, or spill out of a part that does not scroll, is reported as a house-rule
warning at the text, with about how much to cut.

A document panel's letter shows whole on its sheet, above the foot's strip, unscrolled: its
excerpt, or its transcript where it has none and is short enough to be shown whole (a transcript
over the house rules' words, without an excerpt, scrolls by design and is warned of by the rules).
The note and the source under it on the sheet may scroll. A timeline's line scrolls sideways by design; each event's card shows its date on one line and
its title on two, cutting off what is longer (the event's sheet, which scrolls, shows it whole):
those must fit their card. The pair panels' texts are not laid out yet: their own rules in
kiosk/content/house_rules.py keep them short. A people or gallery panel's grid scrolls by design;
its heading and introduction must leave the grid's first row whole above the panel's foot.
"""

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kiosk.app.fonts import start_offscreen
from kiosk.content.house_rules import MAX_PANEL_WORDS, SourceMap
from kiosk.content.layout.geometry import Block, Column, ScreenLayout, pixel_size, screen_layout
from kiosk.content.layout.geometry import TextStyle as LayoutStyle
from kiosk.content.localized import Localized
from kiosk.content.markdown import render_blocks
from kiosk.content.models import (
    AttractSlide,
    DocumentPanel,
    Exhibit,
    Fonts,
    GalleryPanel,
    ImagePanel,
    PanelBase,
    PeoplePanel,
    QuotePanel,
    TextPanel,
    TimelinePanel,
    VideoPanel,
    narration_in,
)
from kiosk.content.problems import Problem, Severity
from kiosk.content.yaml_source import KeyPath, format_key_path
from kiosk.services.screen import ScreenPlacement
from kiosk.services.settings import DEFAULT_SCREENS
from kiosk.viewmodels.access import KioskAccess
from kiosk.viewmodels.interface_language import InterfaceTranslations
from kiosk.viewmodels.navigation import ADVANCE_LABELS
from kiosk.viewmodels.presentation import Presenter, invitation_lines, paragraphs
from kiosk.viewmodels.text_measure import TextMeasure, TextStyle

#: How far text may reach past its place, in pixels, and still count as fitting: ScrollArea.qml
#: scrolls only content more than a pixel taller than itself.
SLACK = 1.0
#: The panels whose texts are checked: the others scroll by design (a letter's transcript) or
#: keep to rules of their own (kiosk/content/house_rules.py).
CHECKED_KINDS = ("text", "quote", "image", "people", "gallery", "document", "timeline", "video")


@dataclass(frozen=True, slots=True)
class Variant:
    """One way the exhibit is seen: a screen, a language and a text size."""

    width: int
    height: int
    language: str
    large_text: bool
    #: The smallest control's side on this screen as mounted (KioskAccess.targetSize); None: the design's.
    touch_target: int | None = None

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    def layout(
        self, *, footer_rows: int | None = None, narration_credit_line: float | None = None
    ) -> ScreenLayout:
        return _screen_layout(
            self.width, self.height, self.large_text, self.touch_target, footer_rows, narration_credit_line
        )

    def describe(self) -> str:
        return (
            f"{self.width}x{self.height}, {self.language}, {'larger' if self.large_text else 'normal'} text"
        )


@lru_cache(maxsize=1)
def _translations() -> InterfaceTranslations:
    """The interface's translations, loaded once for every check in the process."""
    return InterfaceTranslations()


@lru_cache(maxsize=64)
def _screen_layout(
    width: int,
    height: int,
    large_text: bool,
    touch_target: int | None,
    footer_rows: int | None,
    narration_credit_line: float | None,
) -> ScreenLayout:
    return screen_layout(
        width,
        height,
        large_text,
        touch_target=touch_target,
        footer_rows=footer_rows,
        narration_credit_line=narration_credit_line,
    )


#: RichText.qml: the gap above a paragraph, and above a list item after another, as shares of
#: the type's size; a list item's words stand this many sizes right of its bullet.
PARAGRAPH_GAP = 0.8
ITEM_GAP = 0.3
BULLET_INDENT = 1.1


@dataclass(frozen=True, slots=True)
class Shortfall:
    """A text that does not fit in one variant: how much room it needs, how much it has, and
    how much of it to cut (None where it may not be cut)."""

    variant: Variant
    needed: float
    room: float
    cut_words: int | None
    #: For a line that is not cut by words (a title): about how many characters would fit.
    keep_chars: int | None = None
    #: What else the curator must do, after the cut.
    note: str = ""
    #: What to do instead, where cutting this text cannot help.
    advice: str = ""
    #: The place shows no more than it holds and cuts off the rest (a timeline card), rather
    #: than scrolling or pushing past the panel's edge.
    cut_off: bool = False
    #: What goes wrong on screen, where it is neither scrolling nor cutting off.
    fault: str = ""


class _Typesetter:
    """Sets the layout's text styles in the exhibit's fonts, as the views set them."""

    def __init__(self, measure: TextMeasure, fonts: Fonts) -> None:
        self.measure = measure
        self.fonts = fonts

    def style(self, style: LayoutStyle, size: float | None = None) -> TextStyle:
        return TextStyle(
            getattr(self.fonts, style.font),
            pixel_size(style.size if size is None else size),
            bold=style.bold,
            italic=style.italic,
            letter_spacing=style.letter_spacing,
            capitals=style.capitals,
            line_height=style.line_height,
        )

    def height(self, text: str, style: LayoutStyle, width: float) -> float:
        return self.measure.plain(text, self.style(style), width).height

    def rich_height(self, blocks: Sequence[dict[str, str]], style: LayoutStyle, width: float) -> float:
        """RichText.qml: blocks in a column, a gap before each, list items with a hanging bullet."""
        size = style.size
        height = 0.0
        for index, block in enumerate(blocks):
            is_item = block["kind"] == "item"
            follows_item = index > 0 and blocks[index - 1]["kind"] == "item"
            gap = 0 if index == 0 else size * (ITEM_GAP if is_item and follows_item else PARAGRAPH_GAP)
            line_width = width - (size * BULLET_INDENT if is_item else 0)
            height += gap + self.measure.styled(block["text"], self.style(style), line_width).height
        return height

    def heading_height(
        self, heading: Column, kicker: str, title: str, title_size: float | None = None
    ) -> float:
        """PanelHeading.qml: kicker (when there is one), title (TitleText.qml) and a short rule."""
        height = 0.0
        for block in heading.blocks:
            if block.content == "kicker":
                if kicker and block.style is not None:
                    height += self.height(kicker, block.style, heading.width)
                continue
            height += block.gap if height or block.content != "title" else 0
            if block.content == "title" and block.style is not None:
                height += self.title_height(title, block, heading.width, title_size)
            else:
                height += block.height
        return height

    def title_height(self, title: str, block: Block, width: float, size: float | None) -> float:
        """TitleText.qml: a word longer than the line sets the whole title smaller, to 60% at most."""
        assert block.style is not None
        size = block.style.size if size is None else size
        longest = max(title.split(), key=len, default="")
        advance = self.measure.advance(longest, self.style(block.style, size))
        if advance > width > 0:
            size = max(block.min_size or 0, math.floor(size * width / advance))
        return self.measure.plain(title, self.style(block.style, size), width).height


class Footer:
    """How many rows a section's footer takes, worked out as SectionScreen.qml works it out: from
    its buttons' widths in the visitor's language and text size."""

    def __init__(self, measure: TextMeasure, fonts: Fonts) -> None:
        self.measure = measure
        self.fonts = fonts
        self.translations = _translations()

    def button_width(
        self, layout: ScreenLayout, language: str, context: str, label: str, glyph: str
    ) -> float:
        """KioskButton.qml: its glyph and its label, 14 px apart, with 28 px either side."""
        text = self.translations.translate(language, context, label)
        size = layout.type.label
        label_style = TextStyle(self.fonts.interface, size, bold=True, letter_spacing=layout.px(0.5))
        glyph_style = TextStyle(self.fonts.interface, pixel_size(size * 1.15))
        row = (
            self.measure.advance(glyph, glyph_style) + layout.px(14) + self.measure.advance(text, label_style)
        )
        return max(layout.grid.touch_target, math.ceil(row) + layout.px(56))

    def rows(self, variant: Variant, panel_count: int, advance: str) -> int:
        layout = variant.layout()
        chrome, language = layout.chrome, variant.language
        gap = chrome.footer_gap
        dots = panel_count * layout.grid.touch_target
        options = self.button_width(layout, language, "VisitorOptions", "Access", "Aa") + gap
        width = layout.panel.width
        home = self.button_width(layout, language, "SectionScreen", "Home", "\u2302")
        back = self.button_width(layout, language, "SectionScreen", "Back", "\u2190")
        after = self.button_width(layout, language, "Navigation", advance, "\u2192")
        rest = dots + options + after + 3 * gap
        if not variant.portrait:
            # Home and Back show only their symbols where their words leave no room on one row.
            symbols = 2 * layout.grid.touch_target + gap
            if min(home + gap + back, symbols) + rest <= width:
                return 1
        return 2 if dots + options <= width else 3

    def credit_line(self, variant: Variant) -> float:
        """The height of the narration's credit line (NarrationBar.qml), which the bar's height takes."""
        style = variant.layout().styles["credit"]
        return self.measure.line_spacing(TextStyle(self.fonts.interface, pixel_size(style.size)))


def offscreen_measure() -> TextMeasure:
    """A text measure where there may be no window: `kiosk validate`, the preview's check, tests."""
    start_offscreen()
    return TextMeasure()


def check_fit(
    exhibit: Exhibit,
    source: SourceMap,
    screens: Iterable[tuple[int, int]] = DEFAULT_SCREENS,
    measure: TextMeasure | None = None,
    placement: ScreenPlacement | None = None,
) -> list[Problem]:
    """Every text that does not fit its place on some screen, in some language or text size.

    `placement` is the screen as mounted, which sets the size of the controls (and so the room
    the footer takes); the default one without.
    """
    measure = measure or offscreen_measure()
    found: dict[KeyPath, list[Shortfall]] = defaultdict(list)
    quotations: set[KeyPath] = set()
    for variant in variants(exhibit, screens, placement):
        for misfit in misfits(exhibit, variant, measure):
            found[misfit.where].append(misfit.shortfall)
            if misfit.verbatim:
                quotations.add(misfit.where)
        if not variant.large_text:
            for _slide, where, shortfall in slide_misfits(exhibit, variant, measure):
                found[where].append(shortfall)
    return [_problem(source, where, shortfalls, where in quotations) for where, shortfalls in found.items()]


def variants(
    exhibit: Exhibit, screens: Iterable[tuple[int, int]], placement: ScreenPlacement | None = None
) -> list[Variant]:
    """Every screen, in every language of the exhibit, in normal and larger text."""
    access = KioskAccess(placement)
    found: list[Variant] = []
    for width, height in screens:
        access.set_window_size(width, height)
        target = access.target_size()
        found.extend(
            Variant(width, height, language, large, target)
            for language in exhibit.languages
            for large in (False, True)
        )
    return found


@dataclass(frozen=True, slots=True)
class Misfit:
    """A text that does not fit, on which panel, and whether it is a quotation (never cut)."""

    section: int
    panel: int
    where: KeyPath
    shortfall: Shortfall
    verbatim: bool


def misfits(exhibit: Exhibit, variant: Variant, measure: TextMeasure) -> list[Misfit]:
    """The texts that do not fit in one variant."""
    typesetter = _Typesetter(measure, exhibit.theme.fonts)
    footer = Footer(measure, exhibit.theme.fonts)
    # With the interface's words in the visitor's language, as the views have them.
    presenter = Presenter(variant.language, exhibit.languages, footer.translations)
    layouts: dict[tuple[int, bool], ScreenLayout] = {}
    found = []
    for section_index, section in enumerate(exhibit.sections):
        for panel_index, panel in enumerate(section.panels):
            if panel.kind not in CHECKED_KINDS:
                continue
            path: KeyPath = ("sections", section_index, "panels", panel_index)
            narrated = narration_in(panel.narration, (variant.language, *exhibit.languages)) is not None
            advance = _advance_label(panel_index, len(section.panels), section_index, len(exhibit.sections))
            rows = footer.rows(variant, len(section.panels), advance)
            if (rows, narrated) not in layouts:
                credit = footer.credit_line(variant) if narrated else None
                layouts[rows, narrated] = variant.layout(footer_rows=rows, narration_credit_line=credit)
            layout = layouts[rows, narrated]
            for where, shortfall, verbatim in _panel_shortfalls(
                typesetter, presenter, variant, layout, panel, path
            ):
                found.append(Misfit(section_index, panel_index, where, shortfall, verbatim))
    return found


_Found = tuple[KeyPath, Shortfall, bool]


def _panel_shortfalls(
    typesetter: _Typesetter,
    presenter: Presenter,
    v: Variant,
    layout: ScreenLayout,
    panel: PanelBase,
    path: KeyPath,
) -> list[_Found]:
    if isinstance(panel, TextPanel):
        return _text_panel(typesetter, presenter, v, layout, panel, path)
    if isinstance(panel, QuotePanel):
        return _quote_panel(typesetter, presenter, v, layout, panel, path)
    if isinstance(panel, ImagePanel | VideoPanel):
        return _image_panel(typesetter, presenter, v, layout, panel, path)
    if isinstance(panel, PeoplePanel | GalleryPanel):
        return _lead_panel(typesetter, presenter, v, layout, panel, path)
    if isinstance(panel, DocumentPanel):
        return _document_panel(typesetter, presenter, v, layout, panel, path)
    if isinstance(panel, TimelinePanel):
        return _timeline_panel(typesetter, presenter, v, layout, panel, path)
    return []


def slide_misfits(
    exhibit: Exhibit, variant: Variant, measure: TextMeasure
) -> list[tuple[int, KeyPath, Shortfall]]:
    """The attract slides whose words run out of their side of the screen in one variant: each
    slide's index, where to shorten it, and by how much.

    The loop plays between visits, after the visitor's larger text has been turned off, so only
    normal text is asked of it.
    """
    if exhibit.attract is None:
        return []
    typesetter = _Typesetter(measure, exhibit.theme.fonts)
    translations = _translations()
    presenter = Presenter(variant.language, exhibit.languages, translations)
    layout = variant.layout()
    room = slide_words_room(typesetter, layout, invitation_lines(translations, exhibit.languages))
    found = []
    for index, slide in enumerate(exhibit.attract.slides):
        path: KeyPath = ("attract", "slides", index)
        for where, shortfall in _slide_shortfalls(typesetter, presenter, variant, layout, room, slide, path):
            found.append((index, where, shortfall))
    return found


def slide_words_room(typesetter: _Typesetter, layout: ScreenLayout, invitations: list[str]) -> float:
    """AttractLoop.qml's `wordsBox`: the height between the header (the exhibit's title on one line
    and the accents' bars) and the rule above the invitation at the foot of the words' side."""
    attract = layout.attract
    [title] = attract.header.blocks
    assert title.style is not None
    header = (
        typesetter.height("T", title.style, attract.header.width)
        + attract.header_spacing
        + attract.accent_bar.height
    )
    invitation = attract.invitation_lines if len(invitations) > 1 else attract.invitation
    lines = sum(typesetter.height(words, invitation, 1e9) for words in invitations)
    beckon = max(layout.grid.touch_target, lines + attract.invitation_spacing * (len(invitations) - 1))
    foot_rule_top = attract.words_side.height - attract.inset - beckon - attract.foot_rule_gap - layout.px(2)
    return foot_rule_top - attract.inset - header - attract.words_top_gap - attract.words_bottom_gap


def _slide_shortfalls(
    typesetter: _Typesetter,
    presenter: Presenter,
    v: Variant,
    layout: ScreenLayout,
    room: float,
    slide: AttractSlide,
    path: KeyPath,
) -> list[tuple[KeyPath, Shortfall]]:
    """AttractLoop.qml: the headline or quotation as large as the room the others leave allows
    (geometry.fitted_size, down to body size), the attribution under a quotation, and at the foot
    a short rule, the caption and the credit."""
    attract = layout.attract
    width = attract.header.width
    quoted = slide.quote is not None
    main_words = presenter.text(slide.quote if quoted else slide.headline)
    attribution = presenter.marked(presenter.text(slide.attribution), slide.translated)
    caption, credit = presenter.text(slide.caption), presenter.text(slide.credit)
    main_style = typesetter.style(attract.quote if quoted else attract.headline)
    fixed = (
        attract.details_rule_top
        + attract.details_rule.height
        + attract.caption_gap
        + attract.credit_gap
        + typesetter.height(credit, attract.credit, width)
        + (
            typesetter.height("\u2014 " + attribution, attract.attribution, width) + attract.words_spacing
            if attribution
            else 0.0
        )
    )

    def needed(main: str, caption_words: str) -> float:
        caption_width = min(width, attract.caption_width)
        others = fixed + (
            typesetter.height(caption_words, attract.caption, caption_width) if caption_words else 0
        )
        measure = typesetter.measure
        fitted = measure.fitted(main, main_style, attract.words_min_size, width, room - others)
        return measure.plain(main, fitted, width).height + others

    def fits(main: str, caption_words: str) -> bool:
        return needed(main, caption_words) <= room + SLACK

    total = needed(main_words, caption)
    if total <= room + SLACK:
        return []
    fault = "does not fit the words' side of the attract loop: it runs down towards the invitation to touch"
    # The caption is cut first, where cutting it is enough; then a headline's own words.
    if caption:
        cut = _words_to_cut(caption, lambda words: fits(main_words, words))
        if cut is not None and cut < len(caption.split(" ")):
            return [(_at(slide.caption, path, "caption", v), Shortfall(v, total, room, cut, fault=fault))]
    if not quoted:
        cut = _words_to_cut(main_words, lambda words: fits(words, caption))
        if cut is not None:
            return [(_at(slide.headline, path, "headline", v), Shortfall(v, total, room, cut, fault=fault))]
        advice = "shorten the caption or the credit"
    else:
        advice = (
            "a quotation is verbatim and is not cut: choose a shorter passage, or shorten its "
            "attribution and the caption"
        )
    key, value = ("quote", slide.quote) if quoted else ("headline", slide.headline)
    return [(_at(value, path, key, v), Shortfall(v, total, room, None, advice=advice, fault=fault))]


def letter_laid_out(panel: DocumentPanel, v: Variant, presenter: Presenter) -> bool:
    """Whether the check lays out this letter in this variant: its excerpt, or its transcript
    where it has none and is short enough to show whole (a longer one scrolls by design, and the
    house rules ask for an excerpt), on the landscape sheet beside its pages. The others keep the
    room they had (kiosk/content/layout/geometry.py's DocumentPanelLayout)."""
    if not panel.pages or v.portrait:
        return False
    if presenter.excerpt(panel):
        return True
    return len(presenter.text(panel.transcript).split()) <= MAX_PANEL_WORDS


def _document_panel(
    typesetter: _Typesetter,
    presenter: Presenter,
    v: Variant,
    layout: ScreenLayout,
    panel: DocumentPanel,
    path: KeyPath,
) -> list[_Found]:
    """DocumentPanel.qml: the letter's excerpt (or short transcript) on its sheet, unscrolled,
    above the foot's strip that holds "Read the whole letter" and the "More below" cue."""
    if not letter_laid_out(panel, v, presenter):
        return []
    document = layout.document
    excerpt = presenter.excerpt(panel)
    if excerpt:
        shown, key, value = excerpt, "excerpt", panel.excerpt
    else:
        shown, key, value = paragraphs(presenter.text(panel.transcript)), "transcript", panel.transcript
    column = document.transcript_with_pages
    block = column.block("transcript")
    assert block.style is not None
    assert document.sheet_height_with_pages is not None
    # The sheet's words scroll under the note and the source: the track takes its width.
    width = min(column.width - column.scroll_track, document.transcript_width)
    area = document.sheet_height_with_pages - document.sheet_margin
    area -= document.note_margin if excerpt else document.sheet_margin
    room = area - (document.foot_height if excerpt else column.scroll_cue)
    style = typesetter.style(block.style)
    line = block.style.fixed_line_height
    assert line is not None

    def height(texts: Sequence[str]) -> float:
        heights = [typesetter.measure.fixed_lines(text, style, width, line).height for text in texts]
        return sum(heights) + document.paragraph_spacing * max(0, len(heights) - 1)

    needed = height(shown)
    if needed <= room + SLACK:
        return []

    def first_words(count: int) -> list[str]:
        """The shown paragraphs cut to their first `count` words, paragraph breaks kept."""
        kept: list[str] = []
        for text in shown:
            words = text.split(" ")
            if count <= 0:
                break
            kept.append(" ".join(words[:count]))
            count -= len(words)
        return kept

    whole = " ".join(shown)
    cut = _words_to_cut(
        whole, lambda words: height(first_words(len(words.split(" ")) if words else 0)) <= room + SLACK
    )
    return [(_at(value, path, key, v), Shortfall(v, needed, room, cut), False)]


def _text_panel(
    typesetter: _Typesetter,
    presenter: Presenter,
    v: Variant,
    layout: ScreenLayout,
    panel: TextPanel,
    path: KeyPath,
) -> list[_Found]:
    """TextPanel.qml: the heading beside (landscape) or above (portrait) a body that scrolls."""
    text = layout.text
    kicker, title = presenter.text(panel.kicker), presenter.text(panel.title)
    heading = typesetter.heading_height(text.heading, kicker, title, text.title_size)
    found: list[_Found] = []
    if v.portrait:
        room = layout.panel.height - heading - text.body_gap
        if panel.image is not None:
            room *= 1 - text.picture_share  # the picture under the words keeps its share
    else:
        room = layout.panel.height
        if heading > room + SLACK:
            keep = _words_to_cut(
                title,
                lambda shorter: (
                    typesetter.heading_height(text.heading, kicker, shorter, text.title_size) <= room + SLACK
                ),
                keep=True,
            )
            found.append((_at(panel.title, path, "title", v), Shortfall(v, heading, room, None, keep), False))
    column = text.sources if panel.style == "sources" else text.body
    block = column.block("body")
    width = column.text_width(block, scrolling=False)
    body = presenter.text(panel.body)

    def height(words: str) -> float:
        assert block.style is not None
        return typesetter.rich_height(render_blocks(words), block.style, width)

    needed = height(body)
    if needed > room + SLACK:
        cut = _words_to_cut(body, lambda words: height(words) <= room + SLACK)
        found.append((_at(panel.body, path, "body", v), Shortfall(v, needed, room, cut), False))
    return found


def _column_height(typesetter: _Typesetter, column: Column, texts: dict[str, str], rich: set[str]) -> float:
    """A column's blocks stacked as its QML Column stacks them; the `rich` ones are Markdown."""
    height = 0.0
    first = True
    for block in column.blocks:
        text = texts.get(block.content, "")
        # The rule above a quotation's context shows with the context; the line of a quotation's
        # date and source is there even when empty, a line high (QuotePanel.qml), though the
        # layout has it optional (kiosk/content/layout/geometry.py; asked to change).
        shown = text if block.content != "rule" else texts.get("context", "")
        if block.optional and not shown and block.content != "source":
            continue
        if block.style is None:
            part = float(block.height)
        elif block.content in rich:
            part = typesetter.rich_height(
                render_blocks(text), block.style, column.text_width(block, scrolling=False)
            )
        else:
            part = typesetter.height(text, block.style, column.text_width(block, scrolling=False))
        height += (0 if first else block.gap) + part
        first = False
    return height


def _quote_panel(
    typesetter: _Typesetter,
    presenter: Presenter,
    v: Variant,
    layout: ScreenLayout,
    panel: QuotePanel,
    path: KeyPath,
) -> list[_Found]:
    """QuotePanel.qml: title, mark, quotation, attribution and context in one column that scrolls."""
    content = presenter.panel(panel)
    texts = {
        "title": content["title"],
        "text": content["text"],
        "attribution": "\u2014 " + content["attribution"],
        "source": " \u00b7 ".join(part for part in (content["date"], content["source"]) if part),
    }
    context = presenter.text(panel.context)
    room = layout.panel.height
    columns = layout.quote.columns(texts["text"], bool(context))

    def height(context_words: str) -> float:
        """The tallest of the columns: the quotation's, and its context's beside it or under it."""
        return max(
            _column_height(typesetter, column, texts | {"context": context_words}, {"context"})
            for column in columns
        )

    needed = height(context)
    if needed <= room + SLACK:
        return []
    if context:
        cut = _words_to_cut(context, lambda words: height(words) <= room + SLACK)
        if cut is not None:
            return [(_at(panel.context, path, "context", v), Shortfall(v, needed, room, cut), False)]
    # Without its context, the quotation does not fit either: it is verbatim, and not cut.
    return [(_at(panel.text, path, "text", v), Shortfall(v, needed, room, None), True)]


def _image_panel(
    typesetter: _Typesetter,
    presenter: Presenter,
    v: Variant,
    layout: ScreenLayout,
    panel: ImagePanel | VideoPanel,
    path: KeyPath,
) -> list[_Found]:
    """ImagePanel.qml: the picture, the heading, then caption, credit and body, which scroll.

    VideoPanel.qml lays its words out alike, the film and its controls in the picture's place."""
    image = layout.video if isinstance(panel, VideoPanel) else layout.image
    heading = typesetter.heading_height(
        image.heading, presenter.text(panel.kicker), presenter.text(panel.title)
    )
    if v.portrait and isinstance(panel, VideoPanel):
        top = heading + layout.video.film_gap + layout.video.area.height + image.words_top_gap
    elif v.portrait:
        top = heading + layout.image.picture_gap + layout.image.picture.height + image.words_top_gap
    else:
        top = heading + image.words_top_gap
    room = layout.panel.height - top
    texts = {"caption": presenter.text(panel.caption), "credit": presenter.text(panel.credit)}
    body = presenter.text(panel.body)

    def height(body_words: str) -> float:
        return _column_height(typesetter, image.words, texts | {"body": body_words}, {"body"})

    needed = height(body)
    if needed <= room + SLACK:
        return []
    cut = _words_to_cut(body, lambda words: height(words) <= room + SLACK) if body else None
    if cut is not None:
        return [(_at(panel.body, path, "body", v), Shortfall(v, needed, room, cut), False)]
    # Without its body, the caption and credit still do not fit: the caption is what to shorten.
    caption = texts["caption"]

    def alone(caption_words: str) -> float:
        return _column_height(typesetter, image.words, texts | {"caption": caption_words}, set())

    cut = _words_to_cut(caption, lambda words: alone(words) <= room + SLACK) if caption else None
    note = "and leave out the body, which has no room left beside it" if body else ""
    return [(_at(panel.caption, path, "caption", v), Shortfall(v, needed, room, cut, note=note), False)]


def _lead_panel(
    typesetter: _Typesetter,
    presenter: Presenter,
    v: Variant,
    layout: ScreenLayout,
    panel: PeoplePanel | GalleryPanel,
    path: KeyPath,
) -> list[_Found]:
    """PeoplePanel.qml, GalleryPanel.qml: the heading and introduction above a grid that scrolls,
    which must leave the grid's first row of cards or pictures whole."""
    group = layout.people if isinstance(panel, PeoplePanel) else layout.gallery
    lead = group.lead
    heading_blocks = tuple(block for block in lead.column.blocks if block.content != "intro")
    heading = typesetter.heading_height(
        Column("heading", lead.heading_width, None, heading_blocks),
        presenter.text(panel.kicker),
        presenter.text(panel.title),
    )
    intro_style = lead.column.block("intro").style
    assert intro_style is not None
    intro_width = min(lead.intro_width, layout.panel.width)
    room = layout.panel.height - heading - lead.grid_gap

    def lead_height(words: str) -> float:
        if not words:
            return 0.0
        return lead.spacing + typesetter.rich_height(render_blocks(words), intro_style, intro_width)

    if isinstance(panel, PeoplePanel):
        first_row = _first_row_of_cards(
            typesetter, presenter, layout, panel, room - lead_height(presenter.text(panel.intro))
        )
    else:
        first_row = float(layout.gallery.min_cell_height)

    intro = presenter.text(panel.intro)
    needed = lead_height(intro) + first_row
    if needed <= room + SLACK:
        return []
    if not intro:
        # Without an introduction the first row does not fit either: the title is what to shorten.
        return [(_at(panel.title, path, "title", v), Shortfall(v, needed, room, None), False)]
    cut = _words_to_cut(intro, lambda words: lead_height(words) + first_row <= room + SLACK)
    if cut is None:
        what = "cards" if isinstance(panel, PeoplePanel) else "pictures"
        advice = (
            f"the first row of {what} does not fit under the heading even without the introduction: "
            "shorten the title, and the people's roles and notes"
            if isinstance(panel, PeoplePanel)
            else f"the first row of {what} does not fit under the heading even without the introduction: "
            "shorten the title"
        )
        return [(_at(panel.intro, path, "intro", v), Shortfall(v, needed, room, None, advice=advice), False)]
    return [(_at(panel.intro, path, "intro", v), Shortfall(v, needed, room, cut), False)]


def _timeline_panel(
    typesetter: _Typesetter,
    presenter: Presenter,
    v: Variant,
    layout: ScreenLayout,
    panel: TimelinePanel,
    path: KeyPath,
) -> list[_Found]:
    """TimelineCard.qml: an event's date on one line of its card, its title on two; what is
    longer is cut off on the card."""
    timeline = layout.timeline
    date_style = TextStyle(typesetter.fonts.interface, pixel_size(layout.type.caption), bold=True)
    title_style = TextStyle(
        typesetter.fonts.body,
        timeline.card_title_size,
        bold=True,
        line_height=timeline.card_title_line_height,
    )

    def cut_off(text: str, style: TextStyle, width: float, lines: int, note: str) -> Shortfall | None:
        """How far `text` runs past `lines` lines of `width`, or None if it does not."""
        laid_out = typesetter.measure.plain(text, style, width)
        if laid_out.lines <= lines:
            return None
        # By characters: a date such as "August–September 1918" is one word wider than the card.
        low, high = 0, len(text)  # text[:low] fits; text[:high + 1] does not
        while low < high:
            middle = (low + high + 1) // 2
            if typesetter.measure.plain(text[:middle].rstrip(), style, width).lines <= lines:
                low = middle
            else:
                high = middle - 1
        keep = len(text[:low].rstrip())
        room = laid_out.height * lines / laid_out.lines
        return Shortfall(v, laid_out.height, room, None, keep, note=note, cut_off=True)

    lines = timeline.card_title_lines
    found: list[_Found] = []
    for index, event in enumerate(panel.events):
        event_path: KeyPath = (*path, "events", index)
        # An event of no side has no side's bar: its words start further left.
        left = timeline.card_plain_left if event.side == "none" else timeline.card_padding.left
        width = timeline.card.width - left - timeline.card_padding.right
        note = f"a card shows {lines} lines of an event's title and cuts off the rest"
        if shortfall := cut_off(presenter.text(event.title), title_style, width, lines, note):
            found.append((_at(event.title, event_path, "title", v), shortfall, False))
        if event.date_label is not None:
            note, where = (
                "a card shows the date on one line",
                _at(event.date_label, event_path, "date_label", v),
            )
        else:
            note = "a card shows the date on one line: give the event a shorter date_label, such as the months alone"
            where = (*event_path, "date")
        if shortfall := cut_off(presenter.event_date(event), date_style, width, 1, note):
            found.append((where, shortfall, False))
    return found


def _first_row_of_cards(
    typesetter: _Typesetter, presenter: Presenter, layout: ScreenLayout, panel: PeoplePanel, grid_room: float
) -> float:
    """The height of the people panel's first row of cards: each as tall as its words, at least
    the least height, and side by side as tall as the tallest card; narrower by the track if the
    grid scrolls."""
    people = layout.people
    count = len(panel.people)
    columns = people.columns(count)
    cards = [
        {
            "name": presenter.text(person.name),
            "dates": presenter.text(person.dates),
            "role": presenter.text(person.role),
            "note": presenter.text(person.note),
        }
        for person in panel.people
    ]

    def rows(grid_width: float) -> list[float]:
        column = people.card(count, grid_width, layout.grid.gutter)
        heights = [
            max(
                people.card_min_height,
                _column_height(typesetter, column, texts, set()) + 2 * people.card_padding,
            )
            for texts in cards
        ]
        # Side by side, every card is as tall as the tallest of all (PeoplePanel.qml's tallestCard).
        tallest = max(heights) if columns > 1 else 0
        return [max(tallest, *heights[start : start + columns]) for start in range(0, count, columns)]

    heights = rows(layout.panel.width)
    if sum(heights) + layout.grid.gutter * (len(heights) - 1) > grid_room + SLACK:
        heights = rows(layout.panel.width - layout.grid.scroll_track)
    return heights[0]


def _advance_label(panel: int, panel_count: int, section: int, section_count: int) -> str:
    """What Next says on a panel (kiosk/services/navigation.py's advance_kind)."""
    if panel < panel_count - 1:
        return ADVANCE_LABELS["panel"]
    return ADVANCE_LABELS["section" if section < section_count - 1 else "home"]


def _words_to_cut(text: str, fits: Callable[[str], bool], *, keep: bool = False) -> int | None:
    """The fewest words to take off the end of `text` for it to fit; None if even none fit.
    With `keep`, the characters of the words that stay instead."""
    words = text.split(" ")
    if not fits(""):
        return None
    low, high = 0, len(words)  # words[:low] fits; words[:high + 1] does not
    while low < high:
        middle = (low + high + 1) // 2
        if fits(" ".join(words[:middle])):
            low = middle
        else:
            high = middle - 1
    return len(" ".join(words[:low])) if keep else len(words) - low


def _at(value: Localized | None, path: KeyPath, key: str, v: Variant) -> KeyPath:
    """The key path of `value`'s text in the variant's language: its own where it has one."""
    if value is not None and v.language in dict(value.by_language):
        return (*path, key, v.language)
    return (*path, key)


def _problem(source: SourceMap, where: KeyPath, shortfalls: list[Shortfall], verbatim: bool) -> Problem:
    worst = max(shortfalls, key=lambda shortfall: shortfall.needed - shortfall.room)
    places = "; ".join(
        f"{shortfall.variant.describe()}: {shortfall.needed:.0f} px high in {shortfall.room:.0f}"
        for shortfall in shortfalls
    )
    if verbatim:
        advice = (
            "a quotation is verbatim and is not cut: the panel's layout must give it room (or choose "
            "another panel kind for it); report it to whoever maintains the kiosk"
        )
    elif worst.keep_chars is not None:
        shortest = min(shortfall.keep_chars or 0 for shortfall in shortfalls)
        advice = f"shorten it to about {shortest} characters"
    elif worst.cut_words is not None:
        most = max(shortfall.cut_words or 0 for shortfall in shortfalls)
        advice = f"cut about {most} word{'s' if most != 1 else ''}" + (
            " to fit in all of them" if len(shortfalls) > 1 else ""
        )
    elif worst.advice:
        advice = worst.advice
    else:
        advice = "shorten it: it is taller than its panel even alone"
    if notes := sorted({shortfall.note for shortfall in shortfalls if shortfall.note}):
        advice += ", " + "; ".join(notes)
    fault = worst.fault or (
        "is cut off in its place" if worst.cut_off else "does not fit its place without scrolling"
    )
    message = f"{fault} ({places}): {advice}"
    position = source.position(where)
    key_path = format_key_path(where)
    if position is None:
        return Problem(source.root_file, None, None, message, key_path, Severity.WARNING)
    return Problem(position.file, position.line, position.column, message, key_path, Severity.WARNING)
