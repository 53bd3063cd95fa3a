import QtQuick

// Vertical scrolling by finger, with a wide track that can also be dragged, and a fade that says
// there is more below. Nothing here needs a mouse wheel or hover.
Item {
    id: area

    default property alias content: flick.flickableData
    property alias contentHeight: flick.contentHeight
    property alias flickable: flick
    property color fadeColor: Style.paper
    readonly property bool scrollable: flick.contentHeight > flick.height + 1

    clip: true

    Flickable {
        id: flick

        objectName: "scrollFlickable"
        anchors.fill: parent
        anchors.rightMargin: area.scrollable ? Style.px(40) : 0
        contentWidth: width
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        interactive: area.scrollable
    }

    Rectangle {
        id: fade

        anchors.left: parent.left
        anchors.right: flick.right
        anchors.bottom: parent.bottom
        height: Style.px(90)
        visible: area.scrollable && !flick.atYEnd
        gradient: Gradient {
            GradientStop {
                position: 0
                color: Qt.rgba(area.fadeColor.r, area.fadeColor.g, area.fadeColor.b, 0)
            }
            GradientStop {
                position: 1
                color: area.fadeColor
            }
        }
    }

    Item {
        id: track

        visible: area.scrollable
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: Style.px(40)

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            width: Style.px(8)
            radius: width / 2
            color: Style.paperShade
        }

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: Style.px(14)
            radius: width / 2
            color: Style.inkSoft
            y: flick.visibleArea.yPosition * track.height
            height: Math.max(Style.px(60), flick.visibleArea.heightRatio * track.height)
        }

        MouseArea {
            anchors.fill: parent
            anchors.leftMargin: -Style.px(16)
            preventStealing: true

            function scrollTo(y: real) {
                const ratio = Math.max(0, Math.min(1, y / track.height));
                flick.contentY = ratio * (flick.contentHeight - flick.height);
            }

            onPressed: mouse => scrollTo(mouse.y)
            onPositionChanged: mouse => scrollTo(mouse.y)
        }
    }
}
