pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T
import Kiosk.Backend

// A panel's narration: one large Listen control, how far it has got, and the words being spoken,
// shown large as they are heard. It stands on the panel's bottom edge, the same on every panel.
Rectangle {
    id: bar

    // The narration view model (kiosk/viewmodels/narration.py): available, playing, position,
    // duration, caption, credit; toggle() and stop().
    required property KioskNarration narration
    property color accent: Style.ink

    readonly property bool playing: bar.narration !== null && bar.narration.playing
    readonly property bool started: bar.narration !== null && (bar.playing || bar.narration.position > 0)
    readonly property real padding: Style.geometry.narration.padding
    readonly property real captionLineHeight: Style.geometry.narration.captionLineHeight

    function clock(ms: int): string {
        const seconds = Math.floor(ms / 1000);
        const rest = seconds % 60;
        return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
    }

    implicitHeight: bar.padding * 2 + progress.height
                    + (Style.portrait ? listen.height + bar.padding + words.height
                                      : Math.max(listen.height, words.height))
    color: Style.card

    Rectangle {
        id: progress

        objectName: "narrationProgress"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        height: Style.geometry.narration.progressHeight
        color: Style.paperShade

        Rectangle {
            height: parent.height
            width: bar.narration && bar.narration.duration > 0
                   ? parent.width * Math.min(1, bar.narration.position / bar.narration.duration) : 0
            color: bar.accent
        }
    }

    T.AbstractButton {
        id: listen

        objectName: "narrationListen"
        anchors.left: parent.left
        anchors.leftMargin: bar.padding
        anchors.top: progress.bottom
        anchors.topMargin: bar.padding
        implicitHeight: Style.touchTarget
        implicitWidth: Math.max(Style.geometry.narration.listenMinWidth, label.implicitWidth + icon.width + Style.px(80))
        text: bar.playing ? qsTr("Pause") : (bar.started ? qsTr("Resume") : qsTr("Listen"))
        focusPolicy: Qt.StrongFocus
        Accessible.role: Accessible.Button
        Accessible.name: bar.playing ? qsTr("Pause the narration") : qsTr("Listen to this panel, with captions")
        Keys.onReturnPressed: listen.click()
        Keys.onEnterPressed: listen.click()
        onClicked: bar.narration.toggle()

        background: Rectangle {
            radius: height / 2
            color: Style.ink
            scale: listen.down ? 0.95 : 1
            Behavior on scale {
                NumberAnimation {
                    duration: 90
                }
            }

            Rectangle {
                anchors.fill: parent
                radius: parent.radius
                color: Style.paper
                opacity: listen.down ? 0.14 : 0
            }

            FocusRing {
                shown: listen.visualFocus
            }
        }

        contentItem: Item {
            Row {
                anchors.centerIn: parent
                spacing: Style.px(18)

                // Drawn here, not a font's glyph: a triangle to play, two bars to pause.
                Item {
                    id: icon

                    objectName: bar.playing ? "pauseIcon" : "playIcon"
                    anchors.verticalCenter: parent.verticalCenter
                    width: Style.px(30)
                    height: Style.px(34)

                    Canvas {
                        id: triangle

                        anchors.fill: parent
                        visible: !bar.playing
                        property color fill: Style.paper
                        onFillChanged: requestPaint()
                        onPaint: {
                            const context = getContext("2d");
                            context.reset();
                            context.fillStyle = triangle.fill;
                            context.beginPath();
                            context.moveTo(0, 0);
                            context.lineTo(triangle.width, triangle.height / 2);
                            context.lineTo(0, triangle.height);
                            context.closePath();
                            context.fill();
                        }
                    }

                    Row {
                        anchors.centerIn: parent
                        visible: bar.playing
                        spacing: Style.px(8)

                        Repeater {
                            model: 2

                            Rectangle {
                                width: Style.px(10)
                                height: icon.height
                                radius: Style.px(2)
                                color: Style.paper
                            }
                        }
                    }
                }

                Text {
                    id: label

                    anchors.verticalCenter: parent.verticalCenter
                    text: listen.text
                    textFormat: Text.PlainText
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.labelSize * 1.1
                    font.weight: Font.Bold
                    font.letterSpacing: Style.px(0.5)
                    color: Style.paper
                }
            }
        }
    }

    Text {
        id: time

        objectName: "narrationTime"
        anchors.right: parent.right
        anchors.rightMargin: bar.padding
        anchors.verticalCenter: listen.verticalCenter
        text: bar.narration ? bar.clock(bar.narration.position) + " / " + bar.clock(bar.narration.duration) : ""
        textFormat: Text.PlainText
        font.family: Style.interfaceFont
        font.pixelSize: Style.labelSize
        font.features: { "tnum": 1 }
        color: Style.inkSoft
    }

    Column {
        id: words

        anchors.left: Style.portrait ? parent.left : listen.right
        anchors.right: Style.portrait ? parent.right : time.left
        anchors.leftMargin: Style.portrait ? bar.padding : Style.gutter
        anchors.rightMargin: Style.portrait ? bar.padding : Style.gutter
        anchors.top: Style.portrait ? listen.bottom : progress.bottom
        anchors.topMargin: bar.padding
        spacing: Style.geometry.narration.wordsSpacing

        Text {
            objectName: "narrationCaption"
            width: parent.width
            height: bar.captionLineHeight * Style.geometry.narration.captionLines
            verticalAlignment: Text.AlignVCenter
            // Before the first words, and between sentences, the line says what the control does.
            text: bar.narration && bar.narration.caption !== "" ? bar.narration.caption
                  : (bar.started ? "" : qsTr("Listen to this panel read aloud, with captions."))
            textFormat: Text.PlainText
            font.family: Style.bodyFont
            font.pixelSize: Style.leadSize
            lineHeight: 1.2
            wrapMode: Text.WordWrap
            maximumLineCount: Style.geometry.narration.captionLines
            fontSizeMode: Text.VerticalFit
            minimumPixelSize: Style.bodySize
            elide: Text.ElideRight
            color: bar.narration && bar.narration.caption !== "" ? Style.ink : Style.inkSoft
        }

        Text {
            objectName: "narrationCredit"
            width: parent.width
            text: bar.narration ? bar.narration.credit : ""
            textFormat: Text.PlainText
            font.family: Style.interfaceFont
            font.pixelSize: Style.captionSize
            color: Style.inkSoft
            elide: Text.ElideRight
        }
    }
}
