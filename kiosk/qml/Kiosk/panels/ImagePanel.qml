import QtQuick
import Kiosk

// A picture given most of the room, with its title, caption and credit beside or below it.
Item {
    id: panel

    property var content: ({})

    Figure {
        id: picture

        anchors.top: Style.portrait ? heading.bottom : parent.top
        anchors.topMargin: Style.portrait ? Style.px(40) : 0
        anchors.left: parent.left
        width: Style.portrait ? parent.width : parent.width * 0.58
        height: Style.portrait ? parent.height * 0.45 : parent.height
        source: panel.content.image
        alt: panel.content.alt
    }

    PanelHeading {
        id: heading

        x: Style.portrait ? 0 : picture.width + Style.px(72)
        width: parent.width - x
        kicker: panel.content.kicker
        title: panel.content.title
        side: panel.content.side
        titleSize: Style.headingSize
    }

    ScrollArea {
        anchors.top: Style.portrait ? picture.bottom : heading.bottom
        anchors.topMargin: Style.px(32)
        anchors.left: parent.left
        anchors.leftMargin: heading.x
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        contentHeight: words.implicitHeight

        Column {
            id: words

            width: Math.min(parent.width, Style.measureWidth)
            spacing: Style.px(20)

            Text {
                width: parent.width
                text: panel.content.caption
                textFormat: Text.PlainText
                font.family: Style.bodyFont
                font.italic: true
                font.pixelSize: Style.bodySize
                lineHeight: 1.25
                color: Style.ink
                wrapMode: Text.Wrap
            }

            Text {
                width: parent.width
                text: panel.content.credit
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                color: Style.inkSoft
                wrapMode: Text.Wrap
            }

            RichText {
                width: parent.width
                topPadding: Style.px(12)
                blocks: panel.content.body
            }
        }
    }
}
