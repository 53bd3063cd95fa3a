import QtQuick

// An image fitted into its box, decoded at the size shown, with a plain stand-in if it fails.
Item {
    id: figure

    property string source: ""
    property string alt: ""
    property bool cover: false
    readonly property bool failed: image.status === Image.Error
    // Asked for and on its way (kiosk check-install waits for the home screen's pictures).
    readonly property bool loading: image.status === Image.Loading

    Accessible.role: Accessible.Graphic
    Accessible.name: figure.alt

    Image {
        id: image

        anchors.fill: parent
        source: figure.source
        fillMode: figure.cover ? Image.PreserveAspectCrop : Image.PreserveAspectFit
        sourceSize.width: Math.ceil(figure.width)
        sourceSize.height: Math.ceil(figure.height)
        asynchronous: true
        smooth: true
        mipmap: true
        opacity: status === Image.Ready ? 1 : 0
        Behavior on opacity {
            NumberAnimation {
                duration: Style.quick
            }
        }
    }

    Rectangle {
        anchors.fill: parent
        visible: figure.failed
        color: Style.paperShade

        Text {
            anchors.fill: parent
            anchors.margins: Style.gutter
            text: figure.alt
            textFormat: Text.PlainText
            font.family: Style.bodyFont
            font.italic: true
            font.pixelSize: Style.captionSize
            color: Style.inkSoft
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
    }
}
