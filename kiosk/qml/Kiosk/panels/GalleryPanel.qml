pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T
import Kiosk

// Several pictures at a glance; a touch enlarges one with its caption and credit.
Item {
    id: panel

    property var content: ({})

    readonly property int count: panel.content.items ? panel.content.items.length : 0
    readonly property int columns: Style.portrait ? Math.min(2, count) : Math.min(4, count)
    readonly property int rows: Math.ceil(count / Math.max(1, columns))

    Column {
        id: lead

        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Style.px(20)

        PanelHeading {
            width: Math.min(parent.width, Style.measureWidth * 1.4)
            kicker: panel.content.kicker
            title: panel.content.title
            side: panel.content.side
        }

        RichText {
            width: Math.min(parent.width, Style.measureWidth)
            blocks: panel.content.intro
        }
    }

    // The pictures share the height left under the heading; when there are many and the intro is
    // long, they keep a size worth looking at and the grid scrolls by finger instead.
    ScrollArea {
        id: gridArea

        anchors.top: lead.bottom
        anchors.topMargin: Style.px(36)
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        contentHeight: grid.height

        Grid {
            id: grid

            readonly property real cellWidth: (width - (panel.columns - 1) * spacing) / Math.max(1, panel.columns)
            readonly property real fittedHeight: (gridArea.height - (panel.rows - 1) * spacing) / Math.max(1, panel.rows)
            readonly property real cellHeight: Math.max(Style.px(340), fittedHeight)

            width: gridArea.flickable.width
            columns: panel.columns
            spacing: Style.gutter

            Repeater {
                model: panel.content.items

                T.AbstractButton {
                    id: thumbnail

                    required property var modelData
                    required property int index

                    objectName: "galleryItem" + index
                    width: grid.cellWidth
                    height: grid.cellHeight
                    focusPolicy: Qt.StrongFocus
                    Accessible.role: Accessible.Button
                    Accessible.name: qsTr("Enlarge: %1").arg(thumbnail.modelData.caption)
                    Keys.onReturnPressed: thumbnail.click()
                    onClicked: lightbox.item = thumbnail.modelData
                    scale: down ? 0.97 : 1

                    background: Rectangle {
                        color: Style.card
                        border.width: Style.px(2)
                        border.color: Style.rule

                        FocusRing {
                            shown: thumbnail.visualFocus
                        }
                    }

                    contentItem: Item {
                        Figure {
                            id: picture

                            anchors.top: parent.top
                            anchors.left: parent.left
                            anchors.right: parent.right
                            anchors.bottom: caption.top
                            anchors.margins: Style.px(16)
                            source: thumbnail.modelData.image
                            alt: thumbnail.modelData.alt
                        }

                        Text {
                            id: caption

                            anchors.left: parent.left
                            anchors.right: parent.right
                            anchors.bottom: parent.bottom
                            anchors.margins: Style.px(20)
                            text: thumbnail.modelData.caption
                            font.family: Style.bodyFont
                            font.pixelSize: Style.captionSize
                            lineHeight: 1.15
                            maximumLineCount: 4
                            elide: Text.ElideRight
                            color: Style.ink
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }
        }
    }

    Lightbox {
        id: lightbox

        objectName: "lightbox"
        anchors.fill: parent
        onClosed: lightbox.item = null
    }
}
