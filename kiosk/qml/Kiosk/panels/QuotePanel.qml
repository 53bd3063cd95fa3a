import QtQuick
import Kiosk

// A quotation, verbatim and attributed, set like a printed epigraph.
Item {
    id: panel

    property var content: ({})

    readonly property color accent: panel.content.side === "none" ? Style.accentOne : Style.accent(panel.content.side)

    ScrollArea {
        anchors.fill: parent
        contentHeight: Math.max(column.implicitHeight, height)

        Column {
            id: column

            width: Math.min(parent.width, Style.geometry.quote.columnWidth)
            anchors.horizontalCenter: parent.horizontalCenter
            y: Math.max(0, (parent.height - implicitHeight) / 2)
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

            Text {
                height: Style.geometry.quote.markHeight
                // The mark the quotation's language opens with: “ in English, « in Russian.
                text: panel.content.quoteMark || "“"
                textFormat: Text.PlainText
                // Drawn, not read: the words below are the quotation.
                Accessible.ignored: true
                font.family: Style.displayFont
                // A guillemet stands at the middle of the letters, a curly quote above them: set
                // smaller, it stays within the mark's band too.
                font.pixelSize: Style.displaySize * (text === "«" ? 1.0 : 1.8)
                color: panel.accent
                verticalAlignment: Text.AlignTop
            }

            Text {
                objectName: "quoteText"
                width: parent.width
                text: panel.content.text
                textFormat: Text.PlainText
                font.family: Style.displayFont
                font.italic: true
                font.pixelSize: Style.headingSize
                lineHeight: 1.22
                color: Style.ink
                wrapMode: Text.Wrap
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

            Rectangle {
                visible: context.visible
                width: Style.geometry.quote.rule.width
                height: Style.geometry.quote.rule.height
                color: Style.rule
            }

            RichText {
                id: context

                width: Math.min(parent.width, Style.geometry.quote.contextWidth)
                blocks: panel.content.context
            }
        }
    }
}
