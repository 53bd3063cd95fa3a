pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// A page the visitor reads closely: pinch or double-tap to zoom, drag to pan (it glides on), and
// Fit to see the whole page again. A preview shows the whole page at once; tiles as sharp as the
// zoom needs load over it, for the part in view only. Buttons zoom too, for one-handed visitors.
Item {
    id: viewer

    // The page's picture object (from the view model): its status, preview and tiles.
    property KioskPageImage picture: null
    property string alt: ""
    property string caption: ""
    // Notes placed on this page: [{number, left, top, right, bottom}], as fractions of the page.
    property var regions: []
    property int selectedNote: -1
    property color mark: Style.accentOne

    signal regionTapped(int number)

    readonly property bool ready: viewer.picture !== null && viewer.picture.status === "ready"
    readonly property bool failed: viewer.picture === null || viewer.picture.status === "failed"
    readonly property real imageWidth: viewer.ready ? viewer.picture.imageWidth : 1
    readonly property real imageHeight: viewer.ready ? viewer.picture.imageHeight : 1
    // Fitted, the page leaves a strip on either side for the buttons (the zoom buttons at its
    // right, page turning at its left), so that they never cover it.
    readonly property real controlsStrip: Style.touchTarget + Style.px(16) * 2
    readonly property real fitZoom: Math.max(0.0001, Math.min((flick.width - 2 * viewer.controlsStrip) / viewer.imageWidth, flick.height / viewer.imageHeight))
    // Close enough to read a scan's grain, and always several times the whole page.
    readonly property real maxZoom: Math.max(viewer.fitZoom * 4, 1.5)
    readonly property real zoom: flick.contentWidth / viewer.imageWidth
    readonly property bool zoomed: viewer.zoom > viewer.fitZoom * 1.02
    readonly property alias moving: flick.moving
    readonly property alias zoomAnimating: zoomAnimation.running
    // The page is on screen: at least its preview has been drawn.
    readonly property bool showing: viewer.ready && preview.status === Image.Ready
    readonly property alias flickable: flick

    function clampZoom(zoom: real): real {
        return Math.max(viewer.fitZoom, Math.min(viewer.maxZoom, zoom));
    }

    // Zooms so that the page's point (imageX, imageY) comes to rest under (viewX, viewY).
    function zoomAround(zoom: real, imageX: real, imageY: real, viewX: real, viewY: real) {
        const target = viewer.clampZoom(zoom);
        const width = viewer.imageWidth * target;
        const height = viewer.imageHeight * target;
        const left = Math.max(0, (flick.width - width) / 2);
        const top = Math.max(0, (flick.height - height) / 2);
        zoomAnimation.stop();
        flick.cancelFlick();
        widthAnimation.to = width;
        heightAnimation.to = height;
        xAnimation.to = Math.max(0, Math.min(width - flick.width, imageX * target + left - viewX));
        yAnimation.to = Math.max(0, Math.min(height - flick.height, imageY * target + top - viewY));
        zoomAnimation.start();
    }

    function zoomBy(factor: real) {
        const centre = viewer.imagePointAt(flick.width / 2, flick.height / 2);
        viewer.zoomAround(viewer.zoom * factor, centre.x, centre.y, flick.width / 2, flick.height / 2);
    }

    function fit() {
        viewer.zoomAround(viewer.fitZoom, viewer.imageWidth / 2, viewer.imageHeight / 2, flick.width / 2, flick.height / 2);
    }

    // Shows a rectangle of the page (fractions of it) large, in the middle of the view.
    function showRegion(left: real, top: real, right: real, bottom: real) {
        const width = (right - left) * viewer.imageWidth;
        const height = (bottom - top) * viewer.imageHeight;
        const zoom = Math.min(flick.width / width, flick.height / height) * 0.7;
        viewer.zoomAround(zoom, (left + right) / 2 * viewer.imageWidth, (top + bottom) / 2 * viewer.imageHeight, flick.width / 2, flick.height / 2);
    }

    // The note whose mark a touch at (x, y) on the page's canvas is for: a mark smaller than a
    // finger answers as if it were a finger's size, and where two such marks meet, the nearer wins.
    function regionAt(x: real, y: real): int {
        const reach = viewer.minimumTarget / 2;
        let found = -1;
        let nearest = Infinity;
        for (const region of viewer.regions) {
            const left = region.left * canvas.width;
            const right = region.right * canvas.width;
            const top = region.top * canvas.height;
            const bottom = region.bottom * canvas.height;
            const middleX = (left + right) / 2;
            const middleY = (top + bottom) / 2;
            const halfWidth = Math.max((right - left) / 2 + Style.px(6), reach);
            const halfHeight = Math.max((bottom - top) / 2 + Style.px(6), reach);
            if (Math.abs(x - middleX) > halfWidth || Math.abs(y - middleY) > halfHeight)
                continue;
            const distance = Math.abs(y - middleY) / halfHeight + Math.abs(x - middleX) / halfWidth;
            if (distance < nearest) {
                nearest = distance;
                found = region.number;
            }
        }
        return found;
    }

    // Moves a zoomed page by the keyboard's arrows; false where it can go no further that way.
    function panBy(dx: real, dy: real): bool {
        const x = Math.max(0, Math.min(flick.contentWidth - flick.width, flick.contentX + dx));
        const y = Math.max(0, Math.min(flick.contentHeight - flick.height, flick.contentY + dy));
        if (Math.abs(x - flick.contentX) < 1 && Math.abs(y - flick.contentY) < 1)
            return false;
        flick.contentX = x;
        flick.contentY = y;
        return true;
    }

    function imagePointAt(viewX: real, viewY: real): point {
        return Qt.point((flick.contentX + viewX - canvas.x) / viewer.zoom, (flick.contentY + viewY - canvas.y) / viewer.zoom);
    }

    function fitAtOnce() {
        // A call put off until after the view was closed (its Loader let go) finds it half gone.
        if (viewer.closing)
            return;
        zoomAnimation.stop();
        flick.cancelFlick();
        flick.contentWidth = viewer.imageWidth * viewer.fitZoom;
        flick.contentHeight = viewer.imageHeight * viewer.fitZoom;
        flick.contentX = 0;
        flick.contentY = 0;
        viewer.requestTiles();
    }

    // While two fingers or an animation change the zoom, the tiles in hand are scaled with it;
    // the tiles the new zoom needs are asked for once it comes to rest.
    function requestTiles() {
        if (viewer.ready && viewer.visible && !pinch.active && !zoomAnimation.running)
            showTilesSoon.restart();
    }

    function showTiles() {
        if (!viewer.ready)
            return;
        const corner = viewer.imagePointAt(0, 0);
        viewer.picture.view(viewer.zoom, corner.x, corner.y, flick.width / viewer.zoom, flick.height / viewer.zoom);
    }

    // Put off until the change that called for them is complete. Timers rather than
    // Qt.callLater: they go with the view, which closing the pages destroys before a call put
    // off would run.
    Timer {
        id: showTilesSoon

        interval: 0
        onTriggered: viewer.showTiles()
    }
    Timer {
        id: fitSoon

        interval: 0
        onTriggered: viewer.fitAtOnce()
    }

    property bool closing: false
    // WCAG 2.5.5's 44 px: the least a mark on the page answers to.
    readonly property real minimumTarget: 44

    Accessible.role: Accessible.Graphic
    Accessible.name: viewer.alt
    Accessible.description: qsTr("Plus and minus zoom; the arrows move a zoomed page")

    // From the keyboard: + and − zoom, the arrows move a zoomed page (else they turn the panel).
    activeFocusOnTab: viewer.ready
    Keys.onPressed: event => {
        const step = Math.min(flick.width, flick.height) * 0.25;
        if (event.key === Qt.Key_Plus || event.key === Qt.Key_Equal)
            viewer.zoomBy(2);
        else if (event.key === Qt.Key_Minus)
            viewer.zoomBy(0.5);
        else if (event.key === Qt.Key_Left)
            event.accepted = viewer.panBy(-step, 0);
        else if (event.key === Qt.Key_Right)
            event.accepted = viewer.panBy(step, 0);
        else if (event.key === Qt.Key_Up)
            event.accepted = viewer.panBy(0, -step);
        else if (event.key === Qt.Key_Down)
            event.accepted = viewer.panBy(0, step);
        else
            event.accepted = false;
    }

    onPictureChanged: {
        if (viewer.picture !== null)
            viewer.picture.open();
        fitSoon.restart();
    }
    // Once the bindings that depend on the page have all followed it.
    onReadyChanged: fitSoon.restart()
    onImageWidthChanged: fitSoon.restart()
    onImageHeightChanged: fitSoon.restart()
    onVisibleChanged: {
        if (viewer.visible)
            viewer.requestTiles();
        else if (viewer.picture !== null)
            viewer.picture.release();
    }
    Component.onDestruction: {
        viewer.closing = true;
        if (viewer.picture !== null)
            viewer.picture.release();
    }

    ParallelAnimation {
        id: zoomAnimation

        onFinished: viewer.requestTiles()

        NumberAnimation {
            id: widthAnimation

            target: flick
            property: "contentWidth"
            duration: Style.motion(Style.moderate * 0.7)
            easing.type: Easing.OutCubic
        }
        NumberAnimation {
            id: heightAnimation

            target: flick
            property: "contentHeight"
            duration: Style.motion(Style.moderate * 0.7)
            easing.type: Easing.OutCubic
        }
        NumberAnimation {
            id: xAnimation

            target: flick
            property: "contentX"
            duration: Style.motion(Style.moderate * 0.7)
            easing.type: Easing.OutCubic
        }
        NumberAnimation {
            id: yAnimation

            target: flick
            property: "contentY"
            duration: Style.motion(Style.moderate * 0.7)
            easing.type: Easing.OutCubic
        }
    }

    Flickable {
        id: flick

        objectName: "pageFlickable"
        anchors.fill: parent
        clip: true
        interactive: viewer.ready
        flickableDirection: Flickable.AutoFlickIfNeeded
        boundsBehavior: Flickable.StopAtBounds
        maximumFlickVelocity: Style.px(5000)
        flickDeceleration: Style.px(2200)

        onWidthChanged: fitSoon.restart()
        onHeightChanged: fitSoon.restart()
        onContentXChanged: viewer.requestTiles()
        onContentYChanged: viewer.requestTiles()
        onContentWidthChanged: viewer.requestTiles()

        Item {
            id: pinchArea

            width: Math.max(flick.contentWidth, flick.width)
            height: Math.max(flick.contentHeight, flick.height)
            Accessible.role: Accessible.Graphic
            Accessible.name: viewer.alt

            // Two fingers zoom about the point between them and move the page as they move.
            PinchHandler {
                id: pinch

                objectName: "pagePinch"
                target: null
                enabled: viewer.ready
                onActiveChanged: {
                    if (pinch.active) {
                        zoomAnimation.stop();
                        flick.cancelFlick();
                    } else {
                        flick.returnToBounds();
                        viewer.requestTiles();
                        if (viewer.zoomed)
                            KioskVisits.documentZoomed("pinch");
                    }
                }
                onScaleChanged: delta => {
                    const zoom = viewer.clampZoom(viewer.zoom * delta);
                    flick.resizeContent(viewer.imageWidth * zoom, viewer.imageHeight * zoom, pinch.centroid.position);
                }
                onTranslationChanged: delta => {
                    flick.contentX -= delta.x;
                    flick.contentY -= delta.y;
                }
            }

            Item {
                id: canvas

                objectName: "pageCanvas"
                x: Math.max(0, (flick.width - flick.contentWidth) / 2)
                y: Math.max(0, (flick.height - flick.contentHeight) / 2)
                width: flick.contentWidth
                height: flick.contentHeight
                visible: viewer.ready

                // The sheet's edge, so that a page the colour of the wall still reads as a page.
                Rectangle {
                    anchors.fill: parent
                    anchors.margins: -Style.px(2)
                    color: "transparent"
                    border.width: Style.px(2)
                    border.color: Style.rule
                }

                Image {
                    id: preview

                    objectName: "pagePreview"
                    anchors.fill: parent
                    source: viewer.ready ? viewer.picture.preview : ""
                    asynchronous: true
                    smooth: true
                }

                // Tiles are placed in the scan's own pixels and the layer is scaled as a whole: a
                // zoom changes one scale, not the geometry of every tile.
                Item {
                    objectName: "tileLayer"
                    width: viewer.imageWidth
                    height: viewer.imageHeight
                    transformOrigin: Item.TopLeft
                    scale: viewer.zoom

                    Repeater {
                        model: viewer.ready ? viewer.picture.tiles : null

                        Image {
                            required property string file
                            required property real tileX
                            required property real tileY
                            required property real tileWidth
                            required property real tileHeight
                            required property real seam
                            readonly property bool loaded: status === Image.Ready

                            objectName: "pageTile"
                            // A pixel of its level more each way: neighbouring tiles meet without a gap.
                            x: tileX
                            y: tileY
                            width: tileWidth + seam
                            height: tileHeight + seam
                            source: file
                            asynchronous: true
                            cache: false
                            smooth: true
                        }
                    }
                }

                Repeater {
                    model: viewer.regions

                    Rectangle {
                        id: region

                        required property var modelData
                        readonly property bool selected: region.modelData.number === viewer.selectedNote

                        objectName: "pageRegion_" + region.modelData.number
                        x: region.modelData.left * canvas.width - Style.px(6)
                        y: region.modelData.top * canvas.height - Style.px(6)
                        width: (region.modelData.right - region.modelData.left) * canvas.width + Style.px(12)
                        height: (region.modelData.bottom - region.modelData.top) * canvas.height + Style.px(12)
                        radius: Style.px(6)
                        color: Qt.rgba(viewer.mark.r, viewer.mark.g, viewer.mark.b, region.selected ? 0.22 : 0.1)
                        border.width: Style.px(region.selected ? 4 : 2)
                        border.color: viewer.mark
                        // Touches are answered by the page (regionAt), so that marks on lines next
                        // to each other each keep a finger's room.
                        Accessible.role: Accessible.Button
                        Accessible.name: region.modelData.phrase ? qsTr("Note on “%1”").arg(region.modelData.phrase) : qsTr("Note on the page")
                        Accessible.onPressAction: viewer.regionTapped(region.modelData.number)
                    }
                }
            }

            // Every second tap of a run counts as a double tap: a visitor who double-taps to zoom
            // in and at once again to zoom out makes one run of four taps.
            TapHandler {
                id: pageTapHandler

                objectName: "pageDoubleTap"
                enabled: viewer.ready
                onTapped: eventPoint => {
                    if (pageTapHandler.tapCount % 2 === 1) {
                        const onCanvas = pinchArea.mapToItem(canvas, eventPoint.position);
                        const number = viewer.regionAt(onCanvas.x, onCanvas.y);
                        if (number >= 0)
                            viewer.regionTapped(number);
                        return;
                    }
                    const view = pinchArea.mapToItem(viewer, eventPoint.position);
                    const image = viewer.imagePointAt(view.x, view.y);
                    if (viewer.zoomed) {
                        viewer.fit();
                    } else {
                        viewer.zoomAround(viewer.fitZoom * 2.5, image.x, image.y, view.x, view.y);
                        KioskVisits.documentZoomed("double_tap");
                    }
                }
            }
        }
    }

    // Until the page can be shown, or if it never can: a plain sheet saying so, with its caption.
    Rectangle {
        objectName: "pagePlaceholder"
        anchors.centerIn: parent
        width: Math.min(parent.width, parent.height * 0.77)
        height: Math.min(parent.height, parent.width / 0.77)
        visible: !viewer.showing
        color: Style.paperShade
        border.width: Style.px(2)
        border.color: Style.rule

        Column {
            anchors.centerIn: parent
            width: parent.width - Style.px(64)
            spacing: Style.px(14)

            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: viewer.failed ? qsTr("This page cannot be shown just now.") : qsTr("Preparing the page…")
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                font.weight: Font.Bold
                color: Style.inkSoft
                wrapMode: Text.Wrap
            }

            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                visible: viewer.failed && text !== ""
                text: viewer.caption
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize * 0.9
                color: Style.inkSoft
                wrapMode: Text.Wrap
            }
        }
    }

    Column {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Style.px(16)
        spacing: Style.px(12)
        visible: viewer.ready

        KioskButton {
            objectName: "zoomIn"
            width: Style.touchTarget
            text: "+"
            enabled: viewer.zoom < viewer.maxZoom * 0.99
            Accessible.name: qsTr("Zoom in")
            onClicked: {
                viewer.zoomBy(2);
                KioskVisits.documentZoomed("button");
            }
        }

        KioskButton {
            objectName: "zoomOut"
            width: Style.touchTarget
            text: "−"
            enabled: viewer.zoomed
            Accessible.name: qsTr("Zoom out")
            onClicked: viewer.zoomBy(0.5)
        }
    }

    KioskButton {
        objectName: "fitPage"
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: Style.px(16)
        visible: viewer.zoomed
        text: qsTr("Whole page")
        prominent: true
        onClicked: viewer.fit()
    }

    FocusRing {
        anchors.margins: 0
        shown: viewer.activeFocus
    }
}
