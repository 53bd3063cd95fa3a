import QtQuick
import Kiosk

// A picture given most of the room, with its title, caption and credit beside or below it.
Item {
    id: panel

    property var content: ({})

    Figure {
        id: picture

        anchors.top: Style.portrait ? heading.bottom : parent.top
        anchors.topMargin: Style.portrait ? Style.geometry.image.pictureGap : 0
        anchors.left: parent.left
        width: Style.geometry.image.picture.width
        height: Style.portrait ? parent.height * Style.geometry.image.pictureHeightShare : parent.height
        source: panel.content.image
        alt: panel.content.alt
    }

    PanelHeading {
        id: heading

        x: Style.geometry.image.wordsX
        width: parent.width - x
        kicker: panel.content.kicker
        title: panel.content.title
        side: panel.content.side
        titleSize: Style.headingSize
    }

    ScrollArea {
        anchors.top: Style.portrait ? picture.bottom : heading.bottom
        anchors.topMargin: Style.geometry.image.wordsTopGap
        anchors.left: parent.left
        anchors.leftMargin: heading.x
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        contentHeight: words.implicitHeight

        Column {
            id: words

            width: Math.min(parent.width, Style.geometry.image.wordsWidth)
            spacing: Style.geometry.image.wordsSpacing

            Text {
                width: parent.width
                text: panel.content.caption
                textFormat: Text.PlainText
                font.family: Style.bodyFont
                font.italic: true
                font.pixelSize: Style.bodySize
                lineHeight: Style.geometry.grid.bodyLineHeight
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
                topPadding: Style.geometry.image.bodyPadding
                blocks: panel.content.body
            }
        }
    }
}
