import QtQuick
import QtQuick.Templates as T
import Kiosk

// One event on the timeline: its date and title on a card, and under the card its mark on the
// line of its lane, a dot for a day, a month or a year, a bar from start to end for a span.
T.AbstractButton {
    id: card

    property var event: ({})
    // Where the event's mark stands, and where a span's bar ends, from the card's left edge.
    property real anchorX: 0
    property real barEnd: 0
    property real cardHeight: Style.px(132)
    property bool selected: false
    property bool dimmed: false

    readonly property color mark: card.event.side === "none" || card.event.side === undefined ? Style.ink : Style.accent(card.event.side)
    readonly property real markerRow: height - cardHeight

    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: qsTr("%1, %2").arg(card.event.title).arg(card.event.date)
    Keys.onReturnPressed: card.click()
    Keys.onEnterPressed: card.click()

    background: Item {
        Rectangle {
            id: face

            width: parent.width
            height: card.cardHeight
            color: Style.card
            border.width: card.selected ? Style.px(4) : Style.px(2)
            border.color: card.selected ? Style.ink : Style.rule
            opacity: card.dimmed ? 0.55 : 1
            scale: card.down ? 0.97 : 1
            Behavior on opacity {
                NumberAnimation {
                    duration: Style.quick
                }
            }
            Behavior on scale {
                NumberAnimation {
                    duration: 90
                }
            }

            // The side of the story, as a narrow stripe: the accents are kept for a few marks.
            Rectangle {
                visible: card.event.side !== "none"
                x: face.border.width
                y: face.border.width
                width: Style.px(6)
                height: parent.height - 2 * face.border.width
                color: card.mark
            }

            Rectangle {
                anchors.fill: parent
                color: Style.ink
                opacity: card.down ? 0.08 : 0
            }

            FocusRing {
                shown: card.visualFocus
            }
        }

        // A short stem from the card to its mark.
        Rectangle {
            x: card.anchorX - width / 2
            y: card.cardHeight
            width: Style.px(card.selected ? 4 : 2)
            height: card.markerRow / 2
            color: card.selected ? Style.ink : Style.rule
        }

        Rectangle {
            objectName: "timelineBar"
            visible: card.event.span === true
            x: card.anchorX
            y: card.cardHeight + card.markerRow / 2 - height / 2
            width: Math.max(0, card.barEnd - card.anchorX)
            height: Style.px(card.selected ? 16 : 12)
            radius: height / 2
            color: card.mark
            opacity: card.dimmed ? 0.45 : 1
        }

        Rectangle {
            objectName: "timelineDot"
            visible: card.event.span !== true
            x: card.anchorX - width / 2
            y: card.cardHeight + card.markerRow / 2 - height / 2
            width: Style.px(card.selected ? 24 : 18)
            height: width
            radius: width / 2
            color: card.mark
            border.width: Style.px(3)
            border.color: Style.paper
            opacity: card.dimmed ? 0.45 : 1
        }
    }

    contentItem: Item {
        Column {
            x: card.event.side === "none" ? Style.geometry.timeline.cardPlainLeft : Style.geometry.timeline.cardPadding.left
            y: Style.geometry.timeline.cardPadding.top
            width: card.width - x - Style.geometry.timeline.cardPadding.right
            spacing: Style.geometry.timeline.cardSpacing
            opacity: card.dimmed ? 0.55 : 1

            Text {
                objectName: "timelineCardDate"
                width: parent.width
                text: card.event.date
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                font.weight: Font.Bold
                color: Style.inkSoft
                elide: Text.ElideRight
                maximumLineCount: 1
            }

            Text {
                objectName: "timelineCardTitle"
                width: parent.width
                text: card.event.title
                textFormat: Text.PlainText
                font.family: Style.bodyFont
                font.pixelSize: Style.geometry.timeline.cardTitleSize
                font.weight: Font.Bold
                lineHeight: Style.geometry.timeline.cardTitleLineHeight
                color: Style.ink
                wrapMode: Text.Wrap
                maximumLineCount: Style.geometry.timeline.cardTitleLines
                elide: Text.ElideRight
            }
        }
    }
}
