import QtQuick
import Kiosk

// Words alone: the title set large beside (or above) a column of body text.
Item {
    id: panel

    property var content: ({})

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
        anchors.top: Style.portrait ? heading.bottom : parent.top
        anchors.topMargin: Style.portrait ? Style.geometry.text.bodyGap : 0
        anchors.left: Style.portrait ? parent.left : heading.right
        anchors.leftMargin: Style.portrait ? 0 : Style.geometry.text.bodyGap
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        contentHeight: body.implicitHeight

        RichText {
            id: body

            objectName: "panelBody"
            width: Math.min(parent.width, Style.geometry.text.bodyWidth)
            blocks: panel.content.body
        }
    }
}
