"""Panel text reaches Qt Quick as styled text, whose parser takes a typed no-break space for any
space: the words a curator joined (1933 г., М. М. Литвинов) must stay on one line on screen."""

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFontMetricsF
from PySide6.QtQml import QQmlComponent, QQmlEngine

from kiosk.content.markdown import render_blocks

FIRST_WORDS = "x" * 14
LINE = b"""\
import QtQuick
Text {
    property var widths: []
    wrapMode: Text.Wrap
    textFormat: Text.StyledText
    font.pixelSize: 30
    onLineLaidOut: line => widths.push(line.implicitWidth)
}
"""


def first_line_width(engine: QQmlEngine, styled: str) -> float:
    component = QQmlComponent(engine)
    component.setData(LINE, QUrl())
    text = component.create()
    assert text is not None, component.errorString()
    # Room for the first words and "1999", not for the word joined to it, whatever the font.
    metrics = QFontMetricsF(text.property("font"))
    text.setProperty("width", metrics.horizontalAdvance(f"{FIRST_WORDS} 1999г") + 1)
    text.setProperty("text", styled)
    widths = text.property("widths").toVariant()
    text.deleteLater()
    return float(widths[1] if widths[0] == 0 else widths[0])


def test_joined_words_stay_on_one_line_in_the_views(qapp: object) -> None:
    engine = QQmlEngine()
    for joiner in ("\u00a0", "\u202f"):
        (joined,) = render_blocks(f"{FIRST_WORDS} 1999{joiner}гггггг")
        (apart,) = render_blocks(f"{FIRST_WORDS} 1999 гггггг")
        # Joined, "1999" goes down with the word it is joined to; apart, it stays up.
        assert first_line_width(engine, joined["text"]) < first_line_width(engine, apart["text"]), joiner
