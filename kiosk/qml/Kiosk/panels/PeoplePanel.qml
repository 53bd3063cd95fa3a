pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Portrait cards: who they were, what office they held, and when.
Item {
    id: panel

    property var content: ({})

    readonly property int count: panel.content.people ? panel.content.people.length : 0
    readonly property int columns: Math.min(Style.geometry.people.maxColumns, count)
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
        spacing: Style.geometry.people.lead.spacing

        PanelHeading {
            width: Math.min(parent.width, Style.geometry.people.lead.headingWidth)
            kicker: panel.content.kicker
            title: panel.content.title
            side: panel.content.side
        }

        RichText {
            width: Math.min(parent.width, Style.geometry.people.lead.introWidth)
            blocks: panel.content.intro
        }
    }

    ScrollArea {
        anchors.top: lead.bottom
        anchors.topMargin: Style.geometry.people.lead.gridGap
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

                    implicitHeight: Math.max(Style.geometry.people.cardMinHeight, details.implicitHeight + 2 * Style.geometry.people.cardPadding)
                    width: cards.cellWidth
                    height: panel.columns > 1 ? panel.tallestCard : implicitHeight
                    color: Style.card
                    radius: Style.geometry.people.cardRadius
                    border.width: Style.px(2)
                    border.color: Style.rule
                    Accessible.role: Accessible.StaticText
                    Accessible.name: card.modelData.name + ", " + card.modelData.role

                    Rectangle {
                        id: medallion

                        x: Style.geometry.people.cardPadding
                        y: Style.geometry.people.cardPadding
                        width: Style.geometry.people.portrait.width
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
                        anchors.leftMargin: Style.geometry.people.cardPadding
                        anchors.right: parent.right
                        anchors.rightMargin: Style.geometry.people.cardPadding
                        y: Style.geometry.people.cardPadding
                        spacing: Style.geometry.people.detailsSpacing

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
                            topPadding: Style.geometry.people.notePadding
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
