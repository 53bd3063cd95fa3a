pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Portrait cards: who they were, what office they held, and when.
Item {
    id: panel

    property var content: ({})

    readonly property int count: panel.content.people ? panel.content.people.length : 0
    readonly property int columns: Style.portrait ? 1 : Math.min(3, count)
    // Cards side by side share one height, so that the grid reads as rows.
    readonly property real tallestCard: {
        let tallest = 0;
        for (let index = 0; index < people.count; ++index) {
            const card = people.itemAt(index);
            if (card)
                tallest = Math.max(tallest, card.implicitHeight);
        }
        return tallest;
    }

    Column {
        id: lead

        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Style.px(20)

        PanelHeading {
            width: Math.min(parent.width, Style.measureWidth * 1.4)
            kicker: panel.content.kicker
            title: panel.content.title
            side: panel.content.side
        }

        RichText {
            width: Math.min(parent.width, Style.measureWidth)
            blocks: panel.content.intro
        }
    }

    ScrollArea {
        anchors.top: lead.bottom
        anchors.topMargin: Style.px(36)
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        contentHeight: cards.implicitHeight

        Grid {
            id: cards

            readonly property real cellWidth: (width - (panel.columns - 1) * spacing) / Math.max(1, panel.columns)

            width: parent.width
            columns: panel.columns
            spacing: Style.gutter

            Repeater {
                id: people

                model: panel.content.people

                Rectangle {
                    id: card

                    required property var modelData

                    readonly property color mark: card.modelData.side === "none" ? Style.ink : Style.accent(card.modelData.side)

                    implicitHeight: Math.max(Style.px(170), details.implicitHeight + Style.px(56))
                    width: cards.cellWidth
                    height: panel.columns > 1 ? panel.tallestCard : implicitHeight
                    color: Style.card
                    radius: Style.px(6)
                    border.width: Style.px(2)
                    border.color: Style.rule
                    Accessible.role: Accessible.StaticText
                    Accessible.name: card.modelData.name + ", " + card.modelData.role

                    Rectangle {
                        id: medallion

                        x: Style.px(28)
                        y: Style.px(28)
                        width: Style.px(110)
                        height: width
                        radius: width / 2
                        color: card.mark
                        clip: true

                        Text {
                            anchors.centerIn: parent
                            visible: card.modelData.image === ""
                            text: card.modelData.initials
                            textFormat: Text.PlainText
                            font.family: Style.displayFont
                            font.pixelSize: Style.headingSize
                            font.weight: Font.Bold
                            color: Style.card
                        }

                        Figure {
                            anchors.fill: parent
                            visible: card.modelData.image !== ""
                            source: card.modelData.image
                            alt: card.modelData.alt
                            cover: true
                        }
                    }

                    Column {
                        id: details

                        anchors.left: medallion.right
                        anchors.leftMargin: Style.px(28)
                        anchors.right: parent.right
                        anchors.rightMargin: Style.px(28)
                        y: Style.px(28)
                        spacing: Style.px(6)

                        Text {
                            width: parent.width
                            text: card.modelData.name
                            textFormat: Text.PlainText
                            font.family: Style.displayFont
                            font.pixelSize: Style.bodySize * 1.1
                            font.weight: Font.Bold
                            color: Style.ink
                            wrapMode: Text.Wrap
                        }

                        Text {
                            width: parent.width
                            text: card.modelData.dates
                            textFormat: Text.PlainText
                            font.family: Style.interfaceFont
                            font.pixelSize: Style.captionSize
                            color: card.mark
                            wrapMode: Text.Wrap
                        }

                        Text {
                            width: parent.width
                            text: card.modelData.role
                            textFormat: Text.PlainText
                            font.family: Style.bodyFont
                            font.pixelSize: Style.captionSize
                            lineHeight: 1.2
                            color: Style.ink
                            wrapMode: Text.Wrap
                        }

                        Text {
                            width: parent.width
                            visible: text !== ""
                            topPadding: Style.px(6)
                            text: card.modelData.note
                            textFormat: Text.PlainText
                            font.family: Style.bodyFont
                            font.italic: true
                            font.pixelSize: Style.captionSize
                            lineHeight: 1.2
                            color: Style.inkSoft
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }
        }
    }
}
