pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A letter: who wrote it to whom and when, beside its text set on a sheet of paper. In landscape
// the facts and the sheet scroll each on their own; in portrait the whole panel scrolls as one.
Item {
    id: panel

    property var content: ({})

    readonly property color mark: panel.content.side === "none" ? Style.ink : Style.accent(panel.content.side)

    component Facts: Column {
        id: facts

        spacing: Style.px(Style.portrait ? 16 : 22)

        PanelHeading {
            width: facts.width
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
            width: Math.min(facts.width, Style.measureWidth)
            blocks: panel.content.note
            size: Style.captionSize * 1.1
        }

        Text {
            width: facts.width
            text: qsTr("Source: %1").arg(panel.content.source)
            font.family: Style.interfaceFont
            font.pixelSize: Style.captionSize * 0.85
            color: Style.inkSoft
            wrapMode: Text.Wrap
        }
    }

    component Transcript: Column {
        id: transcript

        objectName: "transcript"
        spacing: Style.px(22)

        Repeater {
            model: panel.content.paragraphs

            Text {
                required property string modelData

                width: transcript.width
                text: modelData
                font.family: Style.typewriterFont
                font.pixelSize: Style.bodySize * 0.92
                font.italic: panel.content.status === "summary"
                lineHeight: 1.3
                color: Style.ink
                wrapMode: Text.Wrap
            }
        }
    }

    component Sheet: Rectangle {
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
    }

    Loader {
        anchors.fill: parent
        sourceComponent: Style.portrait ? portraitLayout : landscapeLayout
    }

    Component {
        id: landscapeLayout

        Item {
            ScrollArea {
                id: factsArea

                anchors.top: parent.top
                anchors.bottom: parent.bottom
                anchors.left: parent.left
                width: Math.min(parent.width * 0.36, Style.px(620))
                contentHeight: facts.implicitHeight

                Facts {
                    id: facts

                    width: factsArea.flickable.width
                }
            }

            Sheet {
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                anchors.left: factsArea.right
                anchors.leftMargin: Style.px(64)
                anchors.right: parent.right

                ScrollArea {
                    id: transcriptArea

                    anchors.fill: parent
                    anchors.margins: Style.px(48)
                    anchors.rightMargin: Style.px(20)
                    fadeColor: Style.card
                    contentHeight: transcript.implicitHeight

                    Transcript {
                        id: transcript

                        width: Math.min(transcriptArea.flickable.width, Style.measureWidth * 1.1)
                    }
                }
            }
        }
    }

    Component {
        id: portraitLayout

        ScrollArea {
            id: whole

            contentHeight: column.implicitHeight

            Column {
                id: column

                width: whole.flickable.width
                spacing: Style.px(36)

                Facts {
                    width: column.width
                }

                Sheet {
                    width: column.width
                    height: transcript.implicitHeight + Style.px(96)

                    Transcript {
                        id: transcript

                        x: Style.px(48)
                        y: Style.px(48)
                        width: parent.width - Style.px(96)
                    }
                }
            }
        }
    }
}
