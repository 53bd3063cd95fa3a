"""Whether each visitor-facing text fits its place on the screen, before the screen shows it.

For every screen the installation declares, every language of the exhibit and both text sizes,
the panels' texts are laid out as the views lay them out (kiosk/app/text_measure.py, Qt's own
text engine with the bundled fonts) in the places the layout gives them, and a text that would
make its panel scroll, or spill out of a part that does not scroll, is reported as a house-rule
warning at the text, with about how much to cut.

Letters' transcripts (document panels) scroll by design and are not checked; nor are the
timeline's, people's, gallery's and pair panels' texts yet: their own rules in
kiosk/content/house_rules.py keep them short.
"""

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kiosk.app.text_measure import TextMeasure, TextStyle
from kiosk.content.house_rules import SourceMap
from kiosk.content.localized import Localized
from kiosk.content.markdown import render_blocks
from kiosk.content.models import Exhibit, Fonts, ImagePanel, PanelBase, QuotePanel, TextPanel, narration_in
from kiosk.content.problems import Problem, Severity
from kiosk.content.yaml_source import KeyPath, format_key_path
from kiosk.viewmodels.interface_language import InterfaceTranslations
from kiosk.viewmodels.navigation import ADVANCE_LABELS
from kiosk.viewmodels.presentation import Presenter
from kiosk.viewmodels.theme import LARGE_TEXT_SCALE, REFERENCE_SIDE_PX, TYPE_SCALE

#: How far text may reach past its place, in pixels, and still count as fitting: ScrollArea.qml
#: scrolls only content more than a pixel taller than itself.
SLACK = 1.0
#: The screens a kiosk is set up for unless its settings say otherwise.
DEFAULT_SCREENS: tuple[tuple[int, int], ...] = ((1920, 1080), (1080, 1920))


@dataclass(frozen=True, slots=True)
class Variant:
    """One way the exhibit is seen: a screen, a language and a text size."""

    width: int
    height: int
    language: str
    large_text: bool

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    @property
    def unit(self) -> float:
        return min(self.width, self.height) / REFERENCE_SIDE_PX

    def px(self, value: float) -> int:
        # Style.qml's px(): Math.round, which rounds halves up.
        return int(value * self.unit + 0.5)

    def size(self, role: str) -> int:
        return self.px(round(TYPE_SCALE[role] * (LARGE_TEXT_SCALE if self.large_text else 1)))

    @property
    def measure_width(self) -> float:
        return 52 * self.size("body") * 0.5

    def describe(self) -> str:
        return (
            f"{self.width}x{self.height}, {self.language}, {'larger' if self.large_text else 'normal'} text"
        )


@dataclass(frozen=True, slots=True)
class PanelBox:
    width: float
    height: float


class StandInGeometry:
    """The room SectionScreen.qml gives a panel.

    Stand-in until kiosk/content/layout/geometry.py gives it: the footer's rows are worked out as
    SectionScreen.qml works them out, from its buttons' widths in the visitor's language; the
    narration bar's height was read off the views with the default placement (a 96-px target).
    """

    def __init__(self, measure: TextMeasure, fonts: Fonts) -> None:
        self.measure = measure
        self.fonts = fonts
        self.translations = InterfaceTranslations()

    def button_width(self, v: Variant, context: str, label: str, glyph: str) -> float:
        """KioskButton.qml: its glyph and its label, 14 px apart, with 28 px either side."""
        text = self.translations.translate(v.language, context, label)
        label_style = TextStyle(self.fonts.interface, v.size("label"), bold=True, letter_spacing=v.px(0.5))
        glyph_style = TextStyle(self.fonts.interface, int(v.size("label") * 1.15))
        row = self.measure.advance(glyph, glyph_style) + v.px(14) + self.measure.advance(text, label_style)
        return max(v.px(96), math.ceil(row) + v.px(56))

    def footer_height(self, v: Variant, panel_count: int, advance: str) -> float:
        touch, gap = v.px(96), v.px(20)
        dots = panel_count * touch
        options = self.button_width(v, "VisitorOptions", "Access", "Aa") + gap
        width = v.width - 2 * v.px(72)
        left = (
            self.button_width(v, "SectionScreen", "Home", "\u2302")
            + gap
            + self.button_width(v, "SectionScreen", "Back", "\u2190")
        )
        after = self.button_width(v, "Navigation", advance, "\u2192")
        if not v.portrait and left + dots + options + after + 3 * gap <= width:
            return touch + v.px(64)
        rows = 2 if dots + options <= width else 3
        return rows * (touch + v.px(16)) + v.px(40)

    def panel_box(self, v: Variant, *, panel_count: int, advance: str, narrated: bool) -> PanelBox:
        height = v.height - v.px(128) - self.footer_height(v, panel_count, advance) - v.px(48) - v.px(24)
        if narrated:
            bar = {(False, False): 184, (False, True): 216, (True, False): 348, (True, True): 392}
            height -= v.px(bar[(v.portrait, v.large_text)]) + v.px(20)
        return PanelBox(v.width - 2 * v.px(72), height)


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


class _Panels:
    """Lays out one panel's texts as its QML file does, for one variant."""

    def __init__(self, measure: TextMeasure, exhibit: Exhibit) -> None:
        self.measure = measure
        self.fonts = exhibit.theme.fonts

    # Text items, as the QML files set them.

    def rich_height(self, blocks: Sequence[dict[str, str]], size: int, width: float) -> float:
        """RichText.qml: blocks in a column, a gap before each, list items with a hanging bullet."""
        style = TextStyle(self.fonts.body, size, line_height=1.32)
        height = 0.0
        for index, block in enumerate(blocks):
            is_item = block["kind"] == "item"
            follows_item = index > 0 and blocks[index - 1]["kind"] == "item"
            gap = 0 if index == 0 else size * (0.3 if is_item and follows_item else 0.8)
            line_width = width - (size * 1.1 if is_item else 0)
            height += gap + self.measure.styled(block["text"], style, line_width).height
        return height

    def heading_height(self, v: Variant, kicker: str, title: str, width: float, title_size: int) -> float:
        """PanelHeading.qml: kicker, title (TitleText.qml) and a short rule, 14 px apart."""
        parts = []
        if kicker:
            caps = TextStyle(
                self.fonts.interface, v.size("caption"), bold=True, letter_spacing=v.px(3), capitals=True
            )
            parts.append(self.measure.plain(kicker, caps, width).height)
        parts.append(self.title_height(title, width, title_size, line_height=1.08))
        parts.append(v.px(6))
        return sum(parts) + v.px(14) * (len(parts) - 1)

    def title_height(self, title: str, width: float, size: int, *, line_height: float = 1.0) -> float:
        """TitleText.qml: a word longer than the line sets the whole title smaller, to 60% at most."""
        longest = max(title.split(), key=len, default="")
        bold = TextStyle(self.fonts.display, size, bold=True)
        advance = self.measure.advance(longest, bold)
        if advance > width > 0:
            size = max(int(size * 0.6 + 0.5), int(size * width // advance))
        style = TextStyle(self.fonts.display, size, bold=True, line_height=line_height)
        return self.measure.plain(title, style, width).height


def check_fit(
    exhibit: Exhibit,
    source: SourceMap,
    screens: Iterable[tuple[int, int]] = DEFAULT_SCREENS,
    measure: TextMeasure | None = None,
) -> list[Problem]:
    """Every text that does not fit its place on some screen, in some language or text size."""
    measure = measure or TextMeasure()
    found: dict[KeyPath, list[Shortfall]] = defaultdict(list)
    quotations: set[KeyPath] = set()
    for variant in variants(exhibit, screens):
        for misfit in misfits(exhibit, variant, measure):
            found[misfit.where].append(misfit.shortfall)
            if misfit.verbatim:
                quotations.add(misfit.where)
    return [_problem(source, where, shortfalls, where in quotations) for where, shortfalls in found.items()]


def variants(exhibit: Exhibit, screens: Iterable[tuple[int, int]]) -> list[Variant]:
    """Every screen, in every language of the exhibit, in normal and larger text."""
    return [
        Variant(width, height, language, large)
        for width, height in screens
        for language in exhibit.languages
        for large in (False, True)
    ]


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
    panels = _Panels(measure, exhibit)
    geometry = StandInGeometry(measure, exhibit.theme.fonts)
    presenter = Presenter(variant.language, exhibit.languages)
    found = []
    for section_index, section in enumerate(exhibit.sections):
        for panel_index, panel in enumerate(section.panels):
            path: KeyPath = ("sections", section_index, "panels", panel_index)
            narrated = narration_in(panel.narration, (variant.language, *exhibit.languages)) is not None
            box = geometry.panel_box(
                variant,
                panel_count=len(section.panels),
                advance=_advance_label(
                    panel_index, len(section.panels), section_index, len(exhibit.sections)
                ),
                narrated=narrated,
            )
            for where, shortfall, verbatim in _panel_shortfalls(panels, presenter, variant, box, panel, path):
                found.append(Misfit(section_index, panel_index, where, shortfall, verbatim))
    return found


_Found = tuple[KeyPath, Shortfall, bool]


def _panel_shortfalls(
    panels: _Panels, presenter: Presenter, v: Variant, box: PanelBox, panel: PanelBase, path: KeyPath
) -> list[_Found]:
    if isinstance(panel, TextPanel):
        return _text_panel(panels, presenter, v, box, panel, path)
    if isinstance(panel, QuotePanel):
        return _quote_panel(panels, presenter, v, box, panel, path)
    if isinstance(panel, ImagePanel):
        return _image_panel(panels, presenter, v, box, panel, path)
    return []


def _text_panel(
    panels: _Panels, presenter: Presenter, v: Variant, box: PanelBox, panel: TextPanel, path: KeyPath
) -> list[_Found]:
    """TextPanel.qml: the heading beside (landscape) or above (portrait) a scrolling body."""
    kicker, title = presenter.text(panel.kicker), presenter.text(panel.title)
    if v.portrait:
        heading_width = box.width
        title_size = v.size("title")
    else:
        heading_width = min(box.width * 0.38, v.px(640))
        title_size = min(v.size("title"), int(box.height // 7))
    heading = panels.heading_height(v, kicker, title, heading_width, title_size)
    found: list[_Found] = []
    if v.portrait:
        room = box.height - heading - v.px(48)
        body_width = min(box.width, v.measure_width)
    else:
        room = box.height
        body_width = min(box.width - heading_width - v.px(96), v.measure_width)
        if heading > box.height + SLACK:
            keep = _words_to_cut(
                title,
                lambda text: (
                    panels.heading_height(v, kicker, text, heading_width, title_size) <= box.height + SLACK
                ),
                keep=True,
            )
            shortfall = Shortfall(v, heading, box.height, None, keep)
            found.append((_at(panel.title, path, "title", v), shortfall, False))
    body = presenter.text(panel.body)
    needed = panels.rich_height(render_blocks(body), v.size("body"), body_width)
    if needed > room + SLACK:
        cut = _words_to_cut(
            body,
            lambda text: panels.rich_height(render_blocks(text), v.size("body"), body_width) <= room + SLACK,
        )
        found.append((_at(panel.body, path, "body", v), Shortfall(v, needed, room, cut), False))
    return found


def _quote_panel(
    panels: _Panels, presenter: Presenter, v: Variant, box: PanelBox, panel: QuotePanel, path: KeyPath
) -> list[_Found]:
    """QuotePanel.qml: title, mark, quotation, attribution and context in one scrolling column."""
    content = presenter.panel(panel)
    width = min(box.width, v.measure_width * 1.45)
    fonts = panels.fonts
    measure = panels.measure
    caption, label = v.size("caption"), v.size("label")
    fixed = [
        measure.plain(
            content["title"],
            TextStyle(fonts.interface, caption, bold=True, letter_spacing=v.px(3), capitals=True),
            width,
        ).height,
        v.px(96),
        measure.plain(
            content["text"], TextStyle(fonts.display, v.size("heading"), italic=True, line_height=1.22), width
        ).height,
        measure.plain(
            "— " + content["attribution"], TextStyle(fonts.interface, label, bold=True), width
        ).height
        + v.px(6)
        + measure.plain(
            " · ".join(part for part in (content["date"], content["source"]) if part),
            TextStyle(fonts.interface, caption),
            width,
        ).height,
    ]
    context = presenter.text(panel.context)
    context_width = min(width, v.measure_width)

    def height(context_text: str) -> float:
        blocks = render_blocks(context_text)
        parts = (
            [*fixed, v.px(3), panels.rich_height(blocks, v.size("body"), context_width)] if blocks else fixed
        )
        return sum(parts) + v.px(28) * (len(parts) - 1)

    needed = height(context)
    if needed <= box.height + SLACK:
        return []
    if context:
        cut = _words_to_cut(context, lambda text: height(text) <= box.height + SLACK)
        if cut is not None:
            return [(_at(panel.context, path, "context", v), Shortfall(v, needed, box.height, cut), False)]
    # Without its context, the quotation does not fit either: it is verbatim, and not cut.
    return [(_at(panel.text, path, "text", v), Shortfall(v, needed, box.height, None), True)]


def _image_panel(
    panels: _Panels, presenter: Presenter, v: Variant, box: PanelBox, panel: ImagePanel, path: KeyPath
) -> list[_Found]:
    """ImagePanel.qml: the picture, the heading, then caption, credit and body, which scroll."""
    measure, fonts = panels.measure, panels.fonts
    picture_width = box.width if v.portrait else box.width * 0.58
    picture_height = box.height * 0.45 if v.portrait else box.height
    x = 0 if v.portrait else picture_width + v.px(72)
    heading_width = box.width - x
    heading = panels.heading_height(
        v, presenter.text(panel.kicker), presenter.text(panel.title), heading_width, v.size("heading")
    )
    top = (heading + v.px(40) + picture_height if v.portrait else heading) + v.px(32)
    room = box.height - top
    width = min(box.width - x, v.measure_width)
    caption = measure.plain(
        presenter.text(panel.caption),
        TextStyle(fonts.body, v.size("body"), italic=True, line_height=1.25),
        width,
    ).height
    credit = measure.plain(
        presenter.text(panel.credit), TextStyle(fonts.interface, v.size("caption")), width
    ).height
    body = presenter.text(panel.body)

    def height(body_text: str) -> float:
        blocks = render_blocks(body_text)
        # RichText with nothing to show is invisible, and the column leaves it out.
        rich = [v.px(12) + panels.rich_height(blocks, v.size("body"), width)] if blocks else []
        parts = [caption, credit, *rich]
        return sum(parts) + v.px(20) * (len(parts) - 1)

    needed = height(body)
    if needed <= room + SLACK:
        return []
    cut = _words_to_cut(body, lambda text: height(text) <= room + SLACK) if body else None
    if cut is not None:
        return [(_at(panel.body, path, "body", v), Shortfall(v, needed, room, cut), False)]
    return [(_at(panel.caption, path, "caption", v), Shortfall(v, needed, room, None), False)]


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
        advice = f"shorten to about {shortest} characters"
    elif worst.cut_words is not None:
        most = max(shortfall.cut_words or 0 for shortfall in shortfalls)
        advice = f"cut about {most} word{'s' if most != 1 else ''}"
    else:
        advice = "shorten it: it is taller than its panel even alone"
    message = f"does not fit its place without scrolling ({places}): {advice}"
    position = source.position(where)
    key_path = format_key_path(where)
    if position is None:
        return Problem(source.root_file, None, None, message, key_path, Severity.WARNING)
    return Problem(position.file, position.line, position.column, message, key_path, Severity.WARNING)
