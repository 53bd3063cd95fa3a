import QtQuick

// A panel's kicker and title, with a short rule in the panel's accent.
Column {
    id: heading

    property string kicker: ""
    property string title: ""
    property string side: "none"
    property real titleSize: Style.titleSize

    spacing: Style.geometry.heading.spacing

    Text {
        width: heading.width
        visible: heading.kicker !== ""
        text: heading.kicker.toUpperCase()
        textFormat: Text.PlainText
        font.family: Style.interfaceFont
        font.pixelSize: Style.captionSize
        font.weight: Font.Bold
        font.letterSpacing: Style.geometry.heading.kickerLetterSpacing
        color: heading.side === "none" ? Style.inkSoft : Style.accent(heading.side)
        wrapMode: Text.Wrap
    }

    TitleText {
        objectName: "panelTitle"
        width: heading.width
        text: heading.title
        size: heading.titleSize
        lineHeight: Style.geometry.heading.titleLineHeight
        Accessible.role: Accessible.Heading
        Accessible.name: heading.title
    }

    Rectangle {
        width: Style.geometry.heading.rule.width
        height: Style.geometry.heading.rule.height
        color: Style.accent(heading.side)
    }
}
