import QtQuick

// Body text in the exhibit's safe Markdown subset, already rendered to styled text.
Text {
    property real size: Style.bodySize

    textFormat: Text.StyledText
    wrapMode: Text.Wrap
    font.family: Style.bodyFont
    font.pixelSize: size
    lineHeight: 1.32
    color: Style.ink
    visible: text !== ""
}
