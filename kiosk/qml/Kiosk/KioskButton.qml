import QtQuick
import QtQuick.Templates as T

// A labelled touch control: large, always showing its text, and answering the finger at once.
T.AbstractButton {
    id: control

    property string glyph: ""
    property bool glyphAfter: false
    property bool prominent: false
    // Only the glyph, where a crowded row has no room for the words: the text stays the name
    // a screen reader says.
    property bool glyphOnly: false

    implicitHeight: Style.touchTarget
    // As wide as its glyph and its words ask, whether or not the words show.
    readonly property real labelledWidth: Math.max(Style.touchTarget, (control.glyph !== "" ? glyphText.implicitWidth + row.spacing : 0) + labelText.implicitWidth + Style.px(56))

    // Laid out from the row itself, which asks the row to place its words at once.
    implicitWidth: control.glyphOnly ? Style.touchTarget : Math.max(Style.touchTarget, row.implicitWidth + Style.px(56))
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: control.text
    Keys.onReturnPressed: control.click()
    Keys.onEnterPressed: control.click()

    background: Rectangle {
        radius: height / 2
        color: control.prominent ? Style.ink : Style.card
        border.width: control.prominent ? 0 : Style.px(2)
        border.color: Style.rule
        opacity: control.enabled ? 1 : 0.4
        scale: control.down ? 0.95 : 1
        Behavior on scale {
            NumberAnimation {
                duration: 90
            }
        }

        Rectangle {
            anchors.fill: parent
            radius: parent.radius
            color: control.prominent ? Style.paper : Style.ink
            opacity: control.down ? 0.14 : 0
        }

        FocusRing {
            shown: control.visualFocus
        }
    }

    contentItem: Item {
        implicitWidth: row.implicitWidth
        implicitHeight: row.implicitHeight
        opacity: control.enabled ? 1 : 0.4

        Row {
            id: row

            anchors.centerIn: parent
            spacing: Style.px(14)
            layoutDirection: control.glyphAfter ? Qt.RightToLeft : Qt.LeftToRight

            Text {
                id: glyphText

                visible: control.glyph !== ""
                text: control.glyph
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.labelSize * 1.15
                color: control.prominent ? Style.paper : Style.ink
                anchors.verticalCenter: parent.verticalCenter
            }

            Text {
                id: labelText

                visible: !control.glyphOnly
                text: control.text
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.labelSize
                font.weight: Font.Bold
                font.letterSpacing: Style.px(0.5)
                color: control.prominent ? Style.paper : Style.ink
                anchors.verticalCenter: parent.verticalCenter
            }
        }
    }
}
