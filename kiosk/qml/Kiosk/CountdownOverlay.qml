import QtQuick

// "Still exploring?": asked when a visitor inside a section has not touched the screen for a
// while. A touch anywhere answers it; the large button says so plainly.
Item {
    id: overlay

    required property int secondsLeft
    required property int countdownSeconds
    signal keepExploring

    Accessible.role: Accessible.AlertMessage
    Accessible.name: qsTr("Still exploring? The exhibit starts again in %n second(s).", "", overlay.secondsLeft)

    // The page beneath stays in view, veiled, so the visitor sees what they would lose.
    Rectangle {
        anchors.fill: parent
        color: Style.ink
        opacity: 0.55
    }

    Rectangle {
        id: card

        objectName: "countdownCard"
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Style.margin, Style.px(980))
        height: column.implicitHeight + 2 * Style.margin
        radius: Style.px(12)
        color: Style.card
        border.width: Style.px(2)
        border.color: Style.rule

        Column {
            id: column

            anchors.centerIn: parent
            width: card.width - 2 * Style.margin
            spacing: Style.gutter

            Item {
                id: dial

                anchors.horizontalCenter: parent.horizontalCenter
                width: Style.px(190)
                height: width

                // The ring empties as the seconds run out: the time left, readable without numbers.
                Canvas {
                    id: ring

                    property real fraction: overlay.countdownSeconds > 0 ? overlay.secondsLeft / overlay.countdownSeconds : 0

                    anchors.fill: parent
                    onFractionChanged: requestPaint()
                    onPaint: {
                        const context = getContext("2d");
                        const middle = width / 2;
                        const line = Style.px(10);
                        context.reset();
                        context.lineWidth = line;
                        context.strokeStyle = Style.paperShade;
                        context.beginPath();
                        context.arc(middle, middle, middle - line, 0, 2 * Math.PI);
                        context.stroke();
                        context.strokeStyle = Style.ink;
                        context.lineCap = "round";
                        context.beginPath();
                        context.arc(middle, middle, middle - line, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * fraction);
                        context.stroke();
                    }
                }

                Text {
                    objectName: "countdownSeconds"
                    anchors.centerIn: parent
                    text: overlay.secondsLeft
                    textFormat: Text.PlainText
                    font.family: Style.displayFont
                    font.pixelSize: Style.titleSize
                    color: Style.ink
                }
            }

            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: qsTr("Still exploring?")
                textFormat: Text.PlainText
                font.family: Style.displayFont
                font.pixelSize: Style.titleSize
                color: Style.ink
            }

            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: qsTr("Touch anywhere to carry on. Otherwise the exhibit starts again for the next visitor.")
                textFormat: Text.PlainText
                font.family: Style.bodyFont
                font.pixelSize: Style.bodySize
                lineHeight: 1.3
                color: Style.inkSoft
            }

            KioskButton {
                objectName: "keepExploringButton"
                anchors.horizontalCenter: parent.horizontalCenter
                prominent: true
                implicitHeight: Style.touchTarget * 1.35
                implicitWidth: Math.max(Style.px(520), contentItem.implicitWidth + Style.px(96))
                text: qsTr("Keep exploring")
                onClicked: overlay.keepExploring()
            }
        }
    }
}
