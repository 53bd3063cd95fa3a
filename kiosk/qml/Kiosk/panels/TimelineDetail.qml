import QtQuick
import Kiosk

// An event told in full: its date written out, title, text, picture with its credit, and where
// the facts come from; with a step to the events either side and a large Close.
Rectangle {
    id: sheet

    property var event: null
    property bool hasEarlier: false
    property bool hasLater: false

    signal closeRequested
    signal earlierRequested
    signal laterRequested

    readonly property bool hasImage: sheet.event !== null && sheet.event.image !== ""

    // Opened from the keyboard: the focus comes onto the sheet's Close.
    function takeFocus() {
        closeButton.forceActiveFocus(Qt.TabFocusReason);
    }
    readonly property color mark: sheet.event === null || sheet.event.side === "none" ? Style.ink : Style.accent(sheet.event.side)

    color: Style.card
    border.width: Style.px(2)
    border.color: Style.rule
    Accessible.role: Accessible.Dialog
    Accessible.name: sheet.event ? sheet.event.title : ""

    // Touches on the sheet stay on it.
    MouseArea {
        anchors.fill: parent
        Accessible.ignored: true
    }

    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: Style.px(8)
        color: sheet.mark
    }

    ScrollArea {
        id: scroll

        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: controls.top
        anchors.topMargin: Style.geometry.timeline.detailMargins.top
        anchors.leftMargin: Style.geometry.timeline.detailMargins.left
        anchors.rightMargin: Style.geometry.timeline.detailMargins.right
        anchors.bottomMargin: Style.geometry.timeline.detailMargins.bottom
        fadeColor: Style.card
        contentHeight: words.implicitHeight

        Column {
            id: words

            width: scroll.flickable.width - Style.geometry.timeline.detailInnerRight
            spacing: Style.geometry.timeline.detailSpacing

            Text {
                objectName: "timelineDetailDate"
                width: parent.width
                text: sheet.event ? sheet.event.date : ""
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                font.weight: Font.Bold
                font.letterSpacing: Style.geometry.timeline.detailDateLetterSpacing
                font.capitalization: Font.AllUppercase
                color: sheet.event && sheet.event.side !== "none" ? sheet.mark : Style.inkSoft
                wrapMode: Text.Wrap
            }

            Text {
                objectName: "timelineDetailTitle"
                width: parent.width
                text: sheet.event ? sheet.event.title : ""
                textFormat: Text.PlainText
                font.family: Style.displayFont
                font.pixelSize: Style.headingSize
                font.weight: Font.Bold
                lineHeight: 1.08
                color: Style.ink
                wrapMode: Text.Wrap
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }

            Text {
                objectName: "timelineDetailText"
                width: Math.min(parent.width, Style.geometry.timeline.detailBodyWidth)
                visible: text !== ""
                text: sheet.event ? sheet.event.text : ""
                textFormat: Text.PlainText
                font.family: Style.bodyFont
                font.pixelSize: Style.bodySize
                lineHeight: 1.3
                color: Style.ink
                wrapMode: Text.Wrap
            }

            Column {
                width: parent.width
                visible: sheet.hasImage
                spacing: Style.geometry.timeline.detailPictureSpacing

                Figure {
                    objectName: "timelineDetailImage"
                    readonly property real ratio: sheet.event && sheet.event.imageWidth > 0 ? sheet.event.imageHeight / sheet.event.imageWidth : 0.66

                    width: parent.width
                    height: Math.min(width * ratio, Style.geometry.timeline.detailPicture.height)
                    source: sheet.hasImage ? sheet.event.image : ""
                    alt: sheet.hasImage ? sheet.event.alt : ""
                }

                Text {
                    objectName: "timelineDetailCredit"
                    width: parent.width
                    text: sheet.hasImage ? sheet.event.credit : ""
                    textFormat: Text.PlainText
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.captionSize
                    color: Style.inkSoft
                    wrapMode: Text.Wrap
                }
            }

            Text {
                objectName: "timelineDetailSource"
                width: parent.width
                visible: sheet.event !== null && sheet.event.source !== ""
                text: sheet.event ? qsTr("Source: %1").arg(sheet.event.source) : ""
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                lineHeight: 1.2
                color: Style.inkSoft
                wrapMode: Text.Wrap
            }
        }
    }

    Item {
        id: controls

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: Style.geometry.timeline.detailButtonMargin
        anchors.rightMargin: Style.geometry.timeline.detailButtonMargin
        anchors.bottomMargin: Style.geometry.timeline.detailButtonBottom
        height: Style.touchTarget

        Row {
            spacing: Style.px(16)

            KioskButton {
                id: earlierButton

                objectName: "timelineDetailEarlier"
                text: qsTr("Earlier")
                glyph: "←"
                enabled: sheet.hasEarlier
                onClicked: {
                    const byKeys = earlierButton.visualFocus;
                    sheet.earlierRequested();
                    // At the first event this button goes dim: the keyboard's focus moves on.
                    if (byKeys && !sheet.hasEarlier)
                        laterButton.forceActiveFocus(Qt.TabFocusReason);
                }
            }

            KioskButton {
                id: laterButton

                objectName: "timelineDetailLater"
                text: qsTr("Later")
                glyph: "→"
                glyphAfter: true
                enabled: sheet.hasLater
                onClicked: {
                    const byKeys = laterButton.visualFocus;
                    sheet.laterRequested();
                    if (byKeys && !sheet.hasLater)
                        earlierButton.forceActiveFocus(Qt.TabFocusReason);
                }
            }
        }

        KioskButton {
            id: closeButton

            objectName: "timelineDetailClose"
            anchors.right: parent.right
            text: qsTr("Close")
            glyph: "×"
            prominent: true
            onClicked: sheet.closeRequested()
        }
    }
}
