pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T

// Where the visitor is among a section's panels; each dot is also a way there. From the keyboard,
// the arrows go from dot to dot, showing each one's panel, like tabs.
Row {
    id: dots

    property int count: 0
    property int current: 0
    property color accent: Style.ink

    signal picked(int index)

    spacing: 0

    Accessible.role: Accessible.PageTabList
    Accessible.name: qsTr("Panels of this section")

    Repeater {
        id: dotRepeater

        model: dots.count

        T.AbstractButton {
            id: dot

            required property int index

            // A finger's room each, though the dot drawn is small.
            width: Style.touchTarget
            height: Style.touchTarget
            focusPolicy: Qt.StrongFocus
            Accessible.role: Accessible.PageTab
            Accessible.name: qsTr("Panel %1 of %2").arg(dot.index + 1).arg(dots.count)
            Accessible.checkable: true
            Accessible.checked: dot.index === dots.current
            onClicked: dots.picked(dot.index)
            Keys.onReturnPressed: dot.click()
            Keys.onEnterPressed: dot.click()
            Keys.onPressed: event => {
                const target = dot.index + (event.key === Qt.Key_Left ? -1 : event.key === Qt.Key_Right ? 1 : 0);
                event.accepted = target !== dot.index && target >= 0 && target < dots.count;
                if (event.accepted) {
                    dots.picked(target);
                    (dotRepeater.itemAt(target) as T.AbstractButton).forceActiveFocus(Qt.TabFocusReason);
                }
            }

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
