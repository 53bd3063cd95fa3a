import QtQuick
import Kiosk

// Words, and perhaps a picture: the title set large beside (or above) a column of body text. A
// picture stands under the title in landscape, beside the words, and under the words in portrait.
Item {
    id: panel

    property var content: ({})
    readonly property bool hasPicture: (panel.content.image ?? "") !== ""
    // In portrait the picture takes what the words leave, and at least this share of the panel.
    readonly property real pictureShare: Style.geometry.text.pictureShare

    PanelHeading {
        id: heading

        anchors.top: parent.top
        anchors.left: parent.left
        width: Style.geometry.text.headingWidth
        kicker: panel.content.kicker
        title: panel.content.title
        side: panel.content.side
        // Beside the text the title does not scroll: on a short panel (larger text above a
        // narration's bar) it is set smaller so that it stays whole.
        titleSize: Style.portrait ? Style.titleSize : Math.min(Style.titleSize, Math.floor(panel.height / Style.geometry.text.titleHeightShare))
    }

    ScrollArea {
        id: words

        readonly property real room: panel.height - y

        anchors.top: Style.portrait ? heading.bottom : parent.top
        anchors.topMargin: Style.portrait ? Style.geometry.text.bodyGap : 0
        anchors.left: Style.portrait ? parent.left : heading.right
        anchors.leftMargin: Style.portrait ? 0 : Style.geometry.text.bodyGap
        anchors.right: parent.right
        // In portrait a picture under the words takes the room they leave.
        anchors.bottom: Style.portrait && panel.hasPicture ? undefined : parent.bottom
        implicitHeight: Math.min(body.implicitHeight, room * (1 - panel.pictureShare))
        contentHeight: body.implicitHeight

        RichText {
            id: body

            objectName: "panelBody"
            width: Math.min(parent.width, Style.geometry.text.bodyWidth)
            // Sources and credits are set at caption size.
            size: panel.content.sources ? Style.geometry.text.sourcesSize : Style.bodySize
            blocks: panel.content.body
        }
    }

    Figure {
        id: picture

        objectName: "textPanelPicture"
        visible: panel.hasPicture
        // The room under the words (portrait) or the title (landscape), less the credit's line.
        readonly property real roomWidth: Style.portrait ? panel.width : heading.width
        readonly property real roomHeight: Math.max(0, panel.height - y - credit.height - Style.geometry.text.creditGap)
        // Height over width, when the picture states its size: the box is the picture's own
        // shape, so that the credit stands under the picture, not under empty room.
        readonly property real aspect: (panel.content.imageWidth ?? 0) > 0 ? panel.content.imageHeight / panel.content.imageWidth : 0

        x: 0
        y: Style.portrait ? words.y + words.height + Style.geometry.text.pictureGap : heading.height + Style.geometry.text.pictureGap
        width: aspect > 0 ? Math.min(roomWidth, roomHeight / aspect) : roomWidth
        height: aspect > 0 ? Math.min(roomHeight, roomWidth * aspect) : roomHeight
        source: panel.hasPicture ? panel.content.image : ""
        alt: panel.content.alt ?? ""
    }

    Text {
        id: credit

        objectName: "textPanelCredit"
        visible: panel.hasPicture
        anchors.top: picture.bottom
        anchors.topMargin: Style.geometry.text.creditGap
        x: picture.x
        width: picture.width
        text: panel.hasPicture ? panel.content.credit : ""
        textFormat: Text.PlainText
        font.family: Style.interfaceFont
        font.pixelSize: Style.captionSize
        color: Style.inkSoft
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
}
