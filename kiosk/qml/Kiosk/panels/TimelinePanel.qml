pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Dated events down a rule, each marked in the colour of the side it belongs to.
Item {
    id: panel

    property var content: ({})

    Column {
        id: lead

        anchors.top: parent.top
        anchors.left: parent.left
        width: Style.portrait ? parent.width : Math.min(parent.width * 0.34, Style.px(600))
        spacing: Style.px(28)

        PanelHeading {
            width: parent.width
            kicker: panel.content.kicker
            title: panel.content.title
            side: panel.content.side
        }

        RichText {
            width: Math.min(parent.width, Style.measureWidth)
            blocks: panel.content.intro
        }
    }

    ScrollArea {
        anchors.top: Style.portrait ? lead.bottom : parent.top
        anchors.topMargin: Style.portrait ? Style.px(40) : 0
        anchors.left: Style.portrait ? parent.left : lead.right
        anchors.leftMargin: Style.portrait ? 0 : Style.px(88)
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        contentHeight: events.implicitHeight

        Column {
            id: events

            width: parent.width

            Repeater {
                model: panel.content.events

                Item {
                    id: event

                    required property var modelData
                    required property int index

                    readonly property real dateWidth: Style.px(Style.portrait ? 210 : 250)
                    readonly property color mark: event.modelData.side === "none" ? Style.ink : Style.accent(event.modelData.side)

                    width: events.width
                    height: Math.max(words.implicitHeight, dateColumn.implicitHeight) + Style.px(44)

                    Column {
                        id: dateColumn

                        width: event.dateWidth - Style.px(30)
                        spacing: Style.px(2)

                        Text {
                            text: event.modelData.year
                            font.family: Style.displayFont
                            font.pixelSize: Style.headingSize
                            font.weight: Font.Bold
                            color: event.mark
                        }

                        Text {
                            width: parent.width
                            text: event.modelData.date
                            font.family: Style.interfaceFont
                            font.pixelSize: Style.captionSize * 0.92
                            color: Style.inkSoft
                            wrapMode: Text.Wrap
                        }
                    }

                    Rectangle {
                        x: event.dateWidth
                        width: Style.px(3)
                        height: parent.height
                        color: Style.rule
                    }

                    Rectangle {
                        x: event.dateWidth - width / 2 + Style.px(1.5)
                        y: Style.px(16)
                        width: Style.px(22)
                        height: width
                        radius: width / 2
                        color: event.mark
                        border.width: Style.px(4)
                        border.color: Style.paper
                    }

                    Column {
                        id: words

                        x: event.dateWidth + Style.px(36)
                        width: Math.min(parent.width - x, Style.measureWidth)
                        spacing: Style.px(6)

                        Text {
                            width: parent.width
                            text: event.modelData.title
                            font.family: Style.bodyFont
                            font.pixelSize: Style.bodySize
                            font.weight: Font.Bold
                            lineHeight: 1.15
                            color: Style.ink
                            wrapMode: Text.Wrap
                        }

                        Text {
                            width: parent.width
                            visible: text !== ""
                            text: event.modelData.text
                            font.family: Style.bodyFont
                            font.pixelSize: Style.bodySize * 0.9
                            lineHeight: 1.25
                            color: Style.inkSoft
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }
        }
    }
}
