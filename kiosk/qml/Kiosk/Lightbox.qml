import QtQuick

// One image enlarged over its panel, with its caption and credit, closed by a labelled control
// (or Escape).
Rectangle {
    id: box

    property var item: null
    readonly property bool open: item !== null

    signal closed

    // Opened from the keyboard: the focus comes onto Close.
    function takeFocus() {
        closeButton.forceActiveFocus(Qt.TabFocusReason);
    }

    Accessible.role: Accessible.Dialog
    Accessible.name: box.item ? box.item.caption : ""
    Accessible.ignored: !box.open
    Keys.onEscapePressed: event => {
        event.accepted = box.open;
        if (box.open)
            box.closed();
    }

    color: Style.paper
    // Shown from the moment it opens, before it has faded in: the keyboard's focus comes onto
    // it at once, and focus on a hidden control is taken back to Next
    // (SectionScreen.keepFocusInSight).
    visible: box.open || opacity > 0
    opacity: open ? 1 : 0
    Behavior on opacity {
        NumberAnimation {
            duration: Style.quick
        }
    }

    // Swallows touches so that nothing under the open image reacts: not the gallery, and not the
    // panels, which would otherwise take a swipe across the image from it and turn.
    MouseArea {
        anchors.fill: parent
        enabled: box.open
        preventStealing: true
        Accessible.ignored: true
    }

    Figure {
        id: picture

        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: captionColumn.top
        anchors.bottomMargin: Style.gutter
        source: box.item ? box.item.image : ""
        alt: box.item ? box.item.alt : ""
    }

    Column {
        id: captionColumn

        anchors.left: parent.left
        anchors.right: closeButton.left
        anchors.rightMargin: Style.gutter
        anchors.bottom: parent.bottom
        spacing: Style.geometry.gallery.lightboxSpacing

        Text {
            width: parent.width
            text: box.item ? box.item.caption : ""
            textFormat: Text.PlainText
            font.family: Style.bodyFont
            font.pixelSize: Style.bodySize
            color: Style.ink
            wrapMode: Text.Wrap
        }

        Text {
            width: parent.width
            text: box.item ? box.item.credit : ""
            textFormat: Text.PlainText
            font.family: Style.interfaceFont
            font.pixelSize: Style.captionSize
            color: Style.inkSoft
            wrapMode: Text.Wrap
        }
    }

    KioskButton {
        id: closeButton

        objectName: "lightboxClose"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        text: qsTr("Close")
        glyph: "×"
        enabled: box.open
        onClicked: box.closed()
    }
}
