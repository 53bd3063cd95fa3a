pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T

// A section's door on the home screen: number, picture, title and a line of what lies inside.
T.AbstractButton {
    id: tile

    property string number: ""
    property string teaser: ""
    property string image: ""
    property string side: "none"
    // Tiles side by side share one height for their words, so that their pictures line up.
    property real wordsHeight: 0
    readonly property real naturalWordsHeight: words.implicitHeight

    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: tile.text
    Accessible.description: tile.teaser
    Keys.onReturnPressed: tile.click()
    Keys.onEnterPressed: tile.click()

    scale: tile.down ? 0.97 : 1
    Behavior on scale {
        NumberAnimation {
            duration: 90
        }
    }

    background: Rectangle {
        color: Style.card
        radius: Style.px(6)
        border.width: Style.px(2)
        border.color: tile.down ? Style.ink : Style.rule

        Rectangle {
            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            height: Style.px(10)
            color: Style.accent(tile.side)
        }

        FocusRing {
            shown: tile.visualFocus
        }
    }

    contentItem: Item {
        id: room

        // The words are laid out first, from the bottom; the picture takes all the room left, from
        // border to border under the accent's bar, cropped to fill it rather than shrunk to fit.
        Figure {
            id: picture

            objectName: "tilePicture"
            anchors.top: parent.top
            anchors.topMargin: Style.px(10)
            anchors.left: parent.left
            anchors.leftMargin: Style.px(2)
            anchors.right: parent.right
            anchors.rightMargin: Style.px(2)
            anchors.bottom: words.top
            anchors.bottomMargin: Style.px(4)
            cover: true
            clip: true
            source: tile.image
            visible: tile.image !== "" && height > Style.px(80)
        }

        // The number and the arrow stand on the picture's top corners, on the card's colour, so
        // that the words below are only the title and the teaser and the picture has the room.
        Repeater {
            model: [
                { "text": tile.number, "left": true },
                { "text": "→", "left": false }
            ]

            Rectangle {
                id: chip

                required property var modelData

                // The tile's room by its id: a chip being taken away has no parent any more.
                y: Style.px(10)
                x: chip.modelData.left ? Style.px(2) : room.width - Style.px(2) - width
                width: label.implicitWidth + 2 * Style.px(14)
                height: label.implicitHeight + 2 * Style.px(6)
                color: Style.card

                Text {
                    id: label

                    anchors.centerIn: parent
                    text: chip.modelData.text
                    textFormat: Text.PlainText
                    Accessible.ignored: true
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.captionSize
                    font.weight: Font.Bold
                    font.letterSpacing: chip.modelData.left ? Style.px(3) : 0
                    color: Style.accent(tile.side)
                }
            }
        }

        Column {
            id: words

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: Style.px(28)
            anchors.bottomMargin: Style.px(24)
            height: Math.max(implicitHeight, tile.wordsHeight)
            spacing: Style.px(6)

            TitleText {
                objectName: "tileTitle"
                width: parent.width
                text: tile.text
                size: Style.headingSize
                lineHeight: 1.0
            }

            Text {
                width: parent.width
                text: tile.teaser
                textFormat: Text.PlainText
                font.family: Style.bodyFont
                font.pixelSize: Style.captionSize
                lineHeight: 1.2
                color: Style.inkSoft
                wrapMode: Text.Wrap
            }
        }
    }
}
