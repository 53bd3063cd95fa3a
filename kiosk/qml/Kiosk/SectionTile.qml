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
            height: Style.geometry.home.tileBar
            color: Style.accent(tile.side)
        }

        FocusRing {
            shown: tile.visualFocus
        }
    }

    contentItem: Item {
        // The words are laid out first, from the bottom; the picture takes whatever room is left.
        Figure {
            id: picture

            anchors.top: parent.top
            anchors.topMargin: Style.geometry.home.tileBar
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: words.top
            anchors.bottomMargin: Style.geometry.home.tilePictureGap
            source: tile.image
            visible: tile.image !== "" && height > Style.geometry.home.tilePictureMinHeight
        }

        Column {
            id: words

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: Style.geometry.home.tilePadding
            height: Math.max(implicitHeight, tile.wordsHeight)
            spacing: Style.geometry.home.tileSpacing

            Item {
                width: parent.width
                height: arrow.implicitHeight

                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: tile.number
                    textFormat: Text.PlainText
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.captionSize
                    font.weight: Font.Bold
                    font.letterSpacing: Style.geometry.home.tileLetterSpacing
                    color: Style.accent(tile.side)
                }

                Text {
                    id: arrow

                    anchors.right: parent.right
                    text: "→"
                    textFormat: Text.PlainText
                    Accessible.ignored: true
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.headingSize
                    color: Style.accent(tile.side)
                }
            }

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
