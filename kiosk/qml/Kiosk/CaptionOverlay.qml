import QtQuick

// A film's words as they are spoken, for reading across a room: large type, light on a dark
// translucent band at the film's foot, centred, at most two lines. It stands over the film,
// never over the controls under it; with larger text the geometry makes its type larger.
Rectangle {
    id: overlay

    property string text: ""

    readonly property real padding: Style.geometry.video.captionsPadding

    width: Math.min(Style.geometry.video.captionsWidth, words.implicitWidth + 2 * overlay.padding)
    height: words.height + 2 * overlay.padding
    radius: overlay.padding / 2
    // Dark whatever the theme: the words stand on moving pictures, not on the exhibit's paper.
    color: Qt.rgba(0, 0, 0, 0.78)
    visible: overlay.text !== ""

    Accessible.role: Accessible.StaticText
    Accessible.name: overlay.text

    Text {
        id: words

        objectName: "videoCaptionText"
        x: overlay.padding
        y: overlay.padding
        width: Math.min(implicitWidth, Style.geometry.video.captionsWidth - 2 * overlay.padding)
        text: overlay.text
        textFormat: Text.PlainText
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        maximumLineCount: Style.geometry.video.captionsLines
        elide: Text.ElideRight
        lineHeight: Style.geometry.video.captionsLineHeight
        font.family: Style.interfaceFont
        font.pixelSize: Style.geometry.video.captionsSize
        font.weight: Font.Medium
        color: "white"
    }
}
