pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T
import Kiosk
import Kiosk.Backend

// Several pictures at a glance; a touch enlarges one with its caption and credit. From the
// keyboard, the arrows go from picture to picture, Enter enlarges one and Escape closes it again.
Item {
    id: panel

    // The picture enlarged last: the keyboard's focus returns to it.
    property int enlarged: -1

    // Whether the item is inside the one given (activeFocus says so only of focus scopes).
    function within(item: Item, ancestor: Item): bool {
        for (let found = item; found !== null; found = found.parent) {
            if (found === ancestor)
                return true;
        }
        return false;
    }

    function focusThumbnail(index: int) {
        const thumbnail = thumbnails.itemAt(index) as T.AbstractButton;
        if (thumbnail)
            thumbnail.forceActiveFocus(Qt.TabFocusReason);
    }

    property var content: ({})

    readonly property int count: panel.content.items ? panel.content.items.length : 0
    readonly property int columns: Math.min(Style.geometry.gallery.maxColumns, count)
    readonly property int rows: Math.ceil(count / Math.max(1, columns))

    Column {
        id: lead

        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Style.geometry.gallery.lead.spacing
        // Under the enlarged picture, out of the keyboard's reach.
        enabled: !lightbox.open

        PanelHeading {
            width: Math.min(parent.width, Style.geometry.gallery.lead.headingWidth)
            kicker: panel.content.kicker
            title: panel.content.title
            side: panel.content.side
        }

        RichText {
            width: Math.min(parent.width, Style.geometry.gallery.lead.introWidth)
            blocks: panel.content.intro
        }
    }

    // The pictures share the height left under the heading; when there are many and the intro is
    // long, they keep a size worth looking at and the grid scrolls by finger instead.
    ScrollArea {
        id: gridArea

        anchors.top: lead.bottom
        anchors.topMargin: Style.geometry.gallery.lead.gridGap
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        contentHeight: grid.height
        enabled: !lightbox.open

        Grid {
            id: grid

            readonly property real cellWidth: (width - (panel.columns - 1) * spacing) / Math.max(1, panel.columns)
            readonly property real fittedHeight: (gridArea.height - (panel.rows - 1) * spacing) / Math.max(1, panel.rows)
            readonly property real cellHeight: Math.max(Style.geometry.gallery.minCellHeight, fittedHeight)

            width: gridArea.flickable.width
            columns: panel.columns
            spacing: Style.gutter

            Repeater {
                id: thumbnails

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
                    Keys.onEnterPressed: thumbnail.click()
                    // Left and right go picture by picture, up and down row by row.
                    Keys.onPressed: event => {
                        const step = event.key === Qt.Key_Left ? -1 : event.key === Qt.Key_Right ? 1
                                   : event.key === Qt.Key_Up ? -panel.columns : event.key === Qt.Key_Down ? panel.columns : 0;
                        const target = thumbnail.index + step;
                        event.accepted = step !== 0 && target >= 0 && target < panel.count;
                        if (event.accepted)
                            panel.focusThumbnail(target);
                    }
                    onClicked: {
                        const byKeys = thumbnail.visualFocus;
                        panel.enlarged = thumbnail.index;
                        lightbox.item = thumbnail.modelData;
                        KioskVisits.pictureOpened(thumbnail.index + 1);
                        if (byKeys)
                            lightbox.takeFocus();
                    }
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
                            anchors.margins: Style.geometry.gallery.pictureMargin
                            source: thumbnail.modelData.image
                            alt: thumbnail.modelData.alt
                        }

                        Text {
                            id: caption

                            anchors.left: parent.left
                            anchors.right: parent.right
                            anchors.bottom: parent.bottom
                            anchors.margins: Style.geometry.gallery.captionMargin
                            text: thumbnail.modelData.caption
                            textFormat: Text.PlainText
                            font.family: Style.bodyFont
                            font.pixelSize: Style.captionSize
                            lineHeight: 1.15
                            maximumLineCount: Style.geometry.gallery.captionLines
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
        onClosed: {
            const focused = lightbox.Window.activeFocusItem as T.Control;
            const byKeys = focused !== null && focused.visualFocus && panel.within(focused, lightbox);
            lightbox.item = null;
            if (byKeys)
                panel.focusThumbnail(panel.enlarged);
        }
    }
}
