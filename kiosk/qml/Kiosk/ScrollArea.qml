import QtQuick

// Vertical scrolling by finger, with a wide track that can also be dragged, and a fade and a
// "More below" cue under the text that say there is more: the cue is a control too, and a tap on
// it turns most of what shows. Nothing here needs a mouse wheel or hover. From the keyboard, Tab stops on
// text that scrolls and the arrows move it; a control inside is scrolled into view when it takes
// the keyboard's focus.
Item {
    id: area

    default property alias content: flick.flickableData
    property alias contentHeight: flick.contentHeight
    property alias flickable: flick
    property color fadeColor: Style.paper
    // The cue at the right of its strip, where a control of the text's own stands at the left.
    property bool cueAtRight: false
    // Against the area's own height: the text gives up room to the cue below it only once it scrolls.
    readonly property bool scrollable: flick.contentHeight > area.height + 1
    // Wide enough for a finger, and clear of the words beside it.
    readonly property real trackWidth: Style.geometry.grid.scrollTrack

    function scrollBy(distance: real): bool {
        const limit = Math.max(0, flick.contentHeight - flick.height);
        const target = Math.max(0, Math.min(limit, flick.contentY + distance));
        if (Math.abs(target - flick.contentY) < 1)
            return false;
        flick.contentY = target;
        return true;
    }

    // Brings a control inside the scrolling content into view, with a little room around it.
    function reveal(item: Item) {
        let ancestor = item;
        while (ancestor !== null && ancestor !== flick.contentItem)
            ancestor = ancestor.parent;
        if (ancestor === null)
            return;
        const room = Style.geometry.grid.scrollReveal;
        const place = item.mapToItem(flick.contentItem, 0, 0, item.width, item.height);
        if (place.y < flick.contentY)
            flick.contentY = Math.max(0, place.y - room);
        else if (place.y + place.height > flick.contentY + flick.height)
            flick.contentY = Math.max(0, Math.min(flick.contentHeight - flick.height, place.y + Math.min(place.height, flick.height - room) - flick.height + room));
    }

    clip: true
    activeFocusOnTab: area.scrollable
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Text that scrolls: use the up and down arrows")
    Accessible.ignored: !area.scrollable
    Keys.onUpPressed: event => {
        event.accepted = area.scrollBy(-flick.height * 0.2);
    }
    Keys.onDownPressed: event => {
        event.accepted = area.scrollBy(flick.height * 0.2);
    }

    Connections {
        target: area.Window.window

        function onActiveFocusItemChanged() {
            const focused = area.Window.activeFocusItem;
            if (focused !== null && focused !== area)
                area.reveal(focused);
        }
    }

    Flickable {
        id: flick

        objectName: "scrollFlickable"
        anchors.fill: parent
        anchors.rightMargin: area.scrollable ? area.trackWidth : 0
        anchors.bottomMargin: area.scrollable ? moreBelow.height : 0
        // The text stops at the cue's strip, not under it.
        clip: true
        contentWidth: width
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        interactive: area.scrollable
    }

    Rectangle {
        id: fade

        anchors.left: parent.left
        anchors.right: flick.right
        anchors.bottom: flick.bottom
        height: Style.geometry.grid.scrollFade
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

    // Below the text, never over it: a tap moves the text on by most of what shows, so that a
    // line stays in sight. At the end it goes, and its room stays, so that nothing jumps.
    Item {
        id: moreBelow

        objectName: "moreBelow"
        anchors.horizontalCenter: area.cueAtRight ? undefined : flick.horizontalCenter
        anchors.right: area.cueAtRight ? flick.right : undefined
        anchors.bottom: parent.bottom
        width: Math.max(Style.touchTarget, moreLabel.implicitWidth + Style.geometry.grid.scrollCuePadding.width)
        height: Style.geometry.grid.scrollCue
        visible: fade.visible
        Accessible.role: Accessible.Button
        Accessible.name: qsTr("More below")
        Accessible.onPressAction: area.scrollBy(flick.height * 0.8)

        Rectangle {
            anchors.centerIn: parent
            width: parent.width
            height: moreLabel.implicitHeight + Style.geometry.grid.scrollCuePadding.height
            radius: height / 2
            color: Style.ink
        }

        Text {
            id: moreLabel

            anchors.centerIn: parent
            text: "\u2193  " + qsTr("More below")
            textFormat: Text.PlainText
            font.family: Style.interfaceFont
            font.pixelSize: Style.labelSize
            font.weight: Font.Bold
            color: Style.paper
        }

        TapHandler {
            onTapped: area.scrollBy(flick.height * 0.8)
        }
    }

    Item {
        id: track

        visible: area.scrollable
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: area.trackWidth

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
            preventStealing: true
            Accessible.role: Accessible.ScrollBar
            Accessible.name: qsTr("Scroll")

            function scrollTo(y: real) {
                const ratio = Math.max(0, Math.min(1, y / track.height));
                flick.contentY = ratio * (flick.contentHeight - flick.height);
            }

            onPressed: mouse => scrollTo(mouse.y)
            onPositionChanged: mouse => scrollTo(mouse.y)
        }
    }

    FocusRing {
        anchors.margins: Style.px(4)
        shown: area.activeFocus
    }
}
