pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T

// Where the visitor is among a section's panels; each dot is also a way there.
Row {
    id: dots

    property int count: 0
    property int current: 0
    property color accent: Style.ink

    signal picked(int index)

    spacing: 0

    Repeater {
        model: dots.count

        T.AbstractButton {
            id: dot

            required property int index

            width: Math.max(Style.px(56), Style.touchTarget * 0.6)
            height: Style.touchTarget
            focusPolicy: Qt.StrongFocus
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Panel %1 of %2").arg(dot.index + 1).arg(dots.count)
            onClicked: dots.picked(dot.index)
            Keys.onReturnPressed: dot.click()

            background: Item {
                Rectangle {
                    anchors.centerIn: parent
                    width: dot.index === dots.current ? Style.px(40) : Style.px(16)
                    height: Style.px(16)
                    radius: height / 2
                    color: dot.index === dots.current ? dots.accent : "transparent"
                    border.width: Style.px(3)
                    border.color: dot.index === dots.current ? dots.accent : Style.inkSoft
                    Behavior on width {
                        NumberAnimation {
                            duration: Style.quick
                        }
                    }
                }

                FocusRing {
                    shown: dot.visualFocus
                }
            }
        }
    }
}
