import QtQuick
import Kiosk

// A quotation, verbatim and attributed, set like a printed epigraph; its context under it, or in
// landscape beside it. A long quotation is set a type step smaller (kiosk/content/layout/geometry.py).
Item {
    id: panel

    property var content: ({})

    readonly property color accent: panel.content.side === "none" ? Style.accentOne : Style.accent(panel.content.side)
    readonly property bool hasContext: (panel.content.context ?? []).length > 0
    readonly property bool contextBeside: panel.hasContext && Style.geometry.quote.contextBeside

    ScrollArea {
        id: area

        // The quotation and its context: side by side, or one above the other.
        readonly property real wordsHeight: panel.contextBeside ? Math.max(quotation.implicitHeight, contextColumn.implicitHeight) : quotation.implicitHeight + (panel.hasContext ? Style.geometry.quote.spacing + contextColumn.implicitHeight : 0)

        anchors.fill: parent
        contentHeight: Math.max(area.wordsHeight, height)

        Column {
            id: quotation

            // Beside its context, the quotation gives up the scroll track's room when the words scroll.
            width: panel.contextBeside ? Math.min(Style.geometry.quote.quotationWidth, parent.width - Style.geometry.quote.contextGap - contextColumn.width) : Math.min(parent.width, Style.geometry.quote.columnWidth)
            x: Math.max(0, (parent.width - (panel.contextBeside ? quotation.width + Style.geometry.quote.contextGap + contextColumn.width : quotation.width)) / 2)
            y: Math.max(0, (parent.height - area.wordsHeight) / 2)
            spacing: Style.geometry.quote.spacing

            Text {
                width: parent.width
                text: panel.content.title.toUpperCase()
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                font.weight: Font.Bold
                font.letterSpacing: Style.geometry.heading.kickerLetterSpacing
                color: Style.inkSoft
                wrapMode: Text.Wrap
            }

            // The opening mark hangs left of the quotation (landscape) or stands above it.
            Item {
                readonly property bool markBeside: Style.geometry.quote.markBeside

                width: parent.width
                height: markBeside ? quoteText.height : mark.height + Style.geometry.quote.spacing + quoteText.height

                Text {
                    id: mark

                    width: Style.geometry.quote.markHeight
                    height: Style.geometry.quote.markHeight
                    // The mark the quotation's language opens with: “ in English, « in Russian.
                    text: panel.content.quoteMark || "“"
                    textFormat: Text.PlainText
                    // Drawn, not read: the words beside it are the quotation.
                    Accessible.ignored: true
                    font.family: Style.displayFont
                    // A guillemet stands at the middle of the letters, a curly quote above them: set
                    // smaller, it stays within the mark's band too.
                    font.pixelSize: Style.displaySize * (text === "«" ? 1.0 : 1.8)
                    color: panel.accent
                    verticalAlignment: Text.AlignTop
                }

                Text {
                    id: quoteText

                    objectName: "quoteText"
                    x: parent.markBeside ? mark.width : 0
                    y: parent.markBeside ? 0 : mark.height + Style.geometry.quote.spacing
                    width: parent.width - x
                    text: panel.content.text
                    textFormat: Text.PlainText
                    font.family: Style.displayFont
                    font.italic: true
                    font.pixelSize: panel.content.longQuotation ? Style.geometry.quote.longTextSize : Style.geometry.quote.textSize
                    lineHeight: Style.geometry.quote.textLineHeight
                    color: Style.ink
                    wrapMode: Text.Wrap
                }
            }

            Column {
                width: parent.width
                spacing: Style.geometry.quote.attributionSpacing

                Text {
                    width: parent.width
                    text: "— " + panel.content.attribution
                    textFormat: Text.PlainText
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.labelSize
                    font.weight: Font.Bold
                    color: Style.ink
                    wrapMode: Text.Wrap
                }

                Text {
                    width: parent.width
                    text: [panel.content.date, panel.content.source].filter(part => part !== "").join(" · ")
                    textFormat: Text.PlainText
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.captionSize
                    color: Style.inkSoft
                    wrapMode: Text.Wrap
                }
            }
        }

        Column {
            id: contextColumn

            visible: panel.hasContext
            width: panel.contextBeside ? Style.geometry.quote.contextBesideWidth : Math.min(quotation.width, Style.geometry.quote.contextWidth)
            x: panel.contextBeside ? quotation.x + quotation.width + Style.geometry.quote.contextGap : quotation.x
            y: panel.contextBeside ? quotation.y : quotation.y + quotation.height + Style.geometry.quote.spacing
            spacing: Style.geometry.quote.spacing

            Rectangle {
                width: Style.geometry.quote.rule.width
                height: Style.geometry.quote.rule.height
                color: Style.rule
            }

            RichText {
                width: parent.width
                blocks: panel.content.context
            }
        }
    }
}
