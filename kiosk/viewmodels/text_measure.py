"""How much room text takes when Qt Quick sets it: the views' own text engine, without a window.

A `Text` item lays out its words with QTextLayout: plain text as it is, styled text (the
exhibit's Markdown subset, already turned into <b> and <i>) with its bold and italic runs as
formats. The measure here does the same, with the same options the views give their items
(design metrics, as Text.QtRendering sets them; Text.Wrap; proportional line height), so that
what it says fits is what the screen shows. See docs/adr/0024-measuring-text-with-qt.md.
"""

from dataclasses import dataclass, replace
from functools import lru_cache

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontMetricsF, QTextDocument, QTextLayout, QTextOption

from kiosk.content.layout.geometry import fitted_size


@dataclass(frozen=True, slots=True)
class TextStyle:
    """A Text item's font and line settings, as the QML sets them."""

    family: str
    pixel_size: int
    bold: bool = False
    italic: bool = False
    letter_spacing: float = 0.0
    capitals: bool = False
    #: Text.lineHeight in its default mode, ProportionalHeight: a multiple of the font's line.
    line_height: float = 1.0


@dataclass(frozen=True, slots=True)
class Measured:
    """Text set in a width: its height, its lines, and its widest line."""

    height: float
    lines: int
    widest: float
    #: The last line's own height (the font's, or a fallback's where it is taller).
    last_line: float = 0.0


class TextMeasure:
    """Lays out text as the views' Text items do and says how much room it takes.

    The fonts are the application's: a QGuiApplication must exist and the bundled fonts be
    registered (kiosk.app.fonts.start_offscreen sees to both where there is no window).
    """

    def __init__(self) -> None:
        self._option = QTextOption()
        # Text.Wrap: between words where it can, inside a word longer than the line.
        self._option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        # Text.QtRendering (the default) lays out with the font's design metrics.
        self._option.setUseDesignMetrics(True)

    def plain(self, text: str, style: TextStyle, width: float) -> Measured:
        """A Text item with textFormat: Text.PlainText and wrapMode: Text.Wrap, `width` wide."""
        return self._lay_out(text.replace("\n", "\u2028"), [], style, width)

    def styled(self, markup: str, style: TextStyle, width: float) -> Measured:
        """A Text item with textFormat: Text.StyledText: <b> and <i> runs and entities."""
        text, formats = _styled_runs(markup)
        return self._lay_out(text, formats, style, width)

    def fixed_lines(self, text: str, style: TextStyle, width: float, line_height: float) -> Measured:
        """A Text item with textFormat: Text.RichText, lineHeightMode: Text.FixedHeight and
        `line_height` px lines (LetterText.qml): the rich text's document layout gives every line
        but the last that height, and the last its own."""
        measured = self._lay_out(text.replace("\n", "\u2028"), [], style, width)
        return Measured(
            line_height * (measured.lines - 1) + measured.last_line, measured.lines, measured.widest
        )

    def fitted(self, text: str, style: TextStyle, smallest: int, width: float, room: float) -> TextStyle:
        """`style` at the largest size, from its own down to `smallest`, at which plain `text`
        `width` wide fits `room` (kiosk/content/layout/geometry.py's fitted_size)."""
        size = fitted_size(
            lambda size: self.plain(text, replace(style, pixel_size=size), width).height,
            smallest,
            style.pixel_size,
            room,
        )
        return replace(style, pixel_size=size)

    def advance(self, text: str, style: TextStyle) -> float:
        """The width of `text` set on one line."""
        return self._lay_out(text, [], style, 1e9).widest

    def line_spacing(self, style: TextStyle) -> float:
        """The height of one line, as QFontMetrics gives it (what a view takes for a line's room)."""
        return QFontMetricsF(_font(style)).height()

    def _lay_out(
        self, text: str, formats: list[QTextLayout.FormatRange], style: TextStyle, width: float
    ) -> Measured:
        layout = QTextLayout(text, _font(style))
        layout.setTextOption(self._option)
        layout.setCacheEnabled(False)
        if formats:
            layout.setFormats(formats)
        layout.beginLayout()
        height = widest = last_line = 0.0
        lines = 0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLeadingIncluded(True)
            line.setLineWidth(width)
            line.setPosition(QPointF(0.0, height))
            height += line.height() * style.line_height
            last_line = line.height()
            widest = max(widest, line.naturalTextWidth())
            lines += 1
        layout.endLayout()
        return Measured(height, lines, widest, last_line)


@lru_cache(maxsize=64)
def _font(style: TextStyle) -> QFont:
    font = QFont(style.family)
    font.setPixelSize(style.pixel_size)
    font.setWeight(QFont.Weight.Bold if style.bold else QFont.Weight.Normal)
    font.setItalic(style.italic)
    if style.letter_spacing:
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, style.letter_spacing)
    if style.capitals:
        font.setCapitalization(QFont.Capitalization.AllUppercase)
    return font


@lru_cache(maxsize=4096)
def _styled_runs_cached(markup: str) -> tuple[str, tuple[tuple[int, int, bool, bool], ...]]:
    document = QTextDocument()
    document.setHtml(markup)
    block = document.firstBlock()
    runs = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            char_format = fragment.charFormat()
            bold = char_format.fontWeight() >= QFont.Weight.Bold
            if bold or char_format.fontItalic():
                start = fragment.position() - block.position()
                runs.append((start, fragment.length(), bold, char_format.fontItalic()))
        iterator += 1
    return block.text(), tuple(runs)


def _styled_runs(markup: str) -> tuple[str, list[QTextLayout.FormatRange]]:
    text, runs = _styled_runs_cached(markup)
    formats = []
    for start, length, bold, italic in runs:
        format_range = QTextLayout.FormatRange()
        format_range.start, format_range.length = start, length
        if bold:
            format_range.format.setFontWeight(QFont.Weight.Bold)
        if italic:
            format_range.format.setFontItalic(True)
        formats.append(format_range)
    return text, formats
