import QtQuick

// Shows which control has the keyboard's focus; never shown for touch.
Rectangle {
    id: ring

    property bool shown: false

    anchors.fill: parent
    anchors.margins: -Style.px(8)
    radius: Style.px(14)
    color: "transparent"
    border.width: Style.px(5)
    border.color: Style.accentOne
    visible: ring.shown
}
