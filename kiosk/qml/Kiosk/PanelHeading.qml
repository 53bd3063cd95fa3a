import QtQuick

// A panel's kicker and title, with a short rule in the panel's accent.
Column {
    id: heading

    property string kicker: ""
    property string title: ""
    property string side: "none"
    property real titleSize: Style.titleSize

    spacing: Style.px(14)

    Text {
        width: heading.width
        visible: heading.kicker !== ""
        text: heading.kicker.toUpperCase()
        textFormat: Text.PlainText
        font.family: Style.interfaceFont
        font.pixelSize: Style.captionSize
        font.weight: Font.Bold
        font.letterSpacing: Style.px(3)
        color: heading.side === "none" ? Style.inkSoft : Style.accent(heading.side)
        wrapMode: Text.Wrap
    }

    TitleText {
        objectName: "panelTitle"
        width: heading.width
        text: heading.title
        size: heading.titleSize
        lineHeight: 1.08
        Accessible.role: Accessible.Heading
        Accessible.name: heading.title
    }

    Rectangle {
        width: Style.px(96)
        height: Style.px(6)
        color: Style.accent(heading.side)
    }
}
