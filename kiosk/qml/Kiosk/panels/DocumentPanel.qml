pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A letter: who wrote it to whom and when, beside its text set on a sheet of paper.
Item {
    id: panel

    property var content: ({})

    readonly property color mark: panel.content.side === "none" ? Style.ink : Style.accent(panel.content.side)

    Column {
        id: facts

        anchors.top: parent.top
        anchors.left: parent.left
        width: Style.portrait ? parent.width : Math.min(parent.width * 0.36, Style.px(620))
        spacing: Style.px(Style.portrait ? 14 : 22)

        PanelHeading {
            width: parent.width
            kicker: panel.content.kicker
            title: panel.content.title
            side: panel.content.side
            titleSize: Style.headingSize
        }

        Repeater {
            model: [
                {
                    label: qsTr("Date"),
                    value: panel.content.date
                },
                {
                    label: qsTr("From"),
                    value: panel.content.sender
                },
                {
                    label: qsTr("To"),
                    value: panel.content.recipient
                }
            ]

            Column {
                id: fact

                required property var modelData

                width: facts.width
                spacing: Style.px(2)

                Text {
                    text: fact.modelData.label.toUpperCase()
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.captionSize * 0.85
                    font.weight: Font.Bold
                    font.letterSpacing: Style.px(2)
                    color: Style.inkSoft
                }

                Text {
                    width: parent.width
                    text: fact.modelData.value
                    font.family: Style.bodyFont
                    font.pixelSize: Style.captionSize * 1.1
                    lineHeight: 1.2
                    color: Style.ink
                    wrapMode: Text.Wrap
                }
            }
        }

        Rectangle {
            objectName: "transcriptStatus"
            width: status.implicitWidth + Style.px(32)
            height: status.implicitHeight + Style.px(14)
            radius: height / 2
            color: panel.content.status === "full" ? Style.ink : "transparent"
            border.width: Style.px(2)
            border.color: Style.ink

            Text {
                id: status

                anchors.centerIn: parent
                text: panel.content.statusLabel
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize * 0.9
                font.weight: Font.Bold
                color: panel.content.status === "full" ? Style.card : Style.ink
            }
        }

        RichText {
            width: parent.width
            visible: !Style.portrait && text !== ""
            text: panel.content.note
            size: Style.captionSize * 1.1
        }

        Text {
            width: parent.width
            text: qsTr("Source: %1").arg(panel.content.source)
            font.family: Style.interfaceFont
            font.pixelSize: Style.captionSize * 0.85
            color: Style.inkSoft
            wrapMode: Text.Wrap
        }
    }

    Rectangle {
        id: sheet

        anchors.top: Style.portrait ? facts.bottom : parent.top
        anchors.topMargin: Style.portrait ? Style.px(32) : 0
        anchors.left: Style.portrait ? parent.left : facts.right
        anchors.leftMargin: Style.portrait ? 0 : Style.px(72)
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        color: Style.card
        border.width: Style.px(2)
        border.color: Style.rule

        Rectangle {
            anchors.left: parent.left
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            width: Style.px(8)
            color: panel.mark
        }

        ScrollArea {
            anchors.fill: parent
            anchors.margins: Style.px(48)
            anchors.rightMargin: Style.px(20)
            fadeColor: Style.card
            contentHeight: transcript.implicitHeight

            Column {
                id: transcript

                objectName: "transcript"
                width: Math.min(parent.width, Style.measureWidth * 1.1)
                spacing: Style.px(22)

                Repeater {
                    model: panel.content.paragraphs

                    Text {
                        required property string modelData

                        width: transcript.width
                        text: modelData
                        font.family: Style.typewriterFont
                        font.pixelSize: Style.bodySize * 0.92
                        lineHeight: 1.3
                        color: Style.ink
                        wrapMode: Text.Wrap
                        font.italic: panel.content.status === "summary"
                    }
                }
            }
        }
    }
}
