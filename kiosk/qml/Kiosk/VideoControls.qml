pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T
import Kiosk.Backend

// The film's controls, on one row under it: play/pause (replay at the end), the time gone, a
// scrubber a finger can drag or tap, the film's length, the sound level within the installation's
// limits, and the captions on or off. Every control is a touch target at least the house size,
// reachable by Tab and named for screen readers.
Rectangle {
    id: controls

    required property KioskVideo video
    property color accent: Style.ink

    readonly property real padding: Style.geometry.video.controlsPadding
    readonly property real target: Style.touchTarget
    readonly property bool playing: controls.video !== null && controls.video.playing
    readonly property string state_: controls.video !== null ? controls.video.state : "poster"
    // Everything in the row but the scrubber and the level meter, with the gaps between.
    readonly property real fixedWidth: playPause.width + elapsed.width + total.width + quieter.width + louder.width + (captionsButton.visible ? captionsButton.width + row.spacing : 0) + 5 * row.spacing
    // The level meter gives way where the scrubber would be left less than two fingers wide (a
    // narrow film with larger text); Quieter and Louder stay.
    readonly property bool levelShown: row.width - controls.fixedWidth - level.width - row.spacing >= 2 * controls.target

    function clock(ms: int): string {
        const seconds = Math.floor(Math.max(0, ms) / 1000);
        const rest = seconds % 60;
        return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
    }

    // Where the keyboard's focus goes when the film starts from its poster's Play, which then hides.
    function focusPlayPause(): void {
        playPause.forceActiveFocus(Qt.TabFocusReason);
    }

    color: Style.card
    radius: controls.padding

    // One round control: a mark drawn in the paper's colour on the ink's.
    component ControlButton: T.AbstractButton {
        id: button

        property string glyph: ""
        property bool lit: true

        implicitWidth: controls.target
        implicitHeight: controls.target
        focusPolicy: Qt.StrongFocus
        Accessible.role: Accessible.Button
        Accessible.name: button.text
        Keys.onReturnPressed: button.click()
        Keys.onEnterPressed: button.click()

        background: Rectangle {
            radius: height / 2
            color: button.lit ? Style.ink : "transparent"
            border.width: button.lit ? 0 : Style.px(3)
            border.color: Style.ink
            scale: button.down ? 0.94 : 1

            FocusRing {
                shown: button.visualFocus
            }
        }

        contentItem: VideoGlyph {
            glyph: button.glyph
            color: button.lit ? Style.paper : Style.ink
        }
    }

    Row {
        id: row

        anchors.fill: parent
        anchors.margins: controls.padding
        spacing: Style.geometry.video.controlsSpacing

        ControlButton {
            id: playPause

            objectName: "videoPlayPause"
            anchors.verticalCenter: parent.verticalCenter
            glyph: controls.playing ? "pause" : (controls.state_ === "ended" ? "replay" : "play")
            text: controls.playing ? qsTr("Pause the film")
                                   : (controls.state_ === "ended" ? qsTr("Play the film again")
                                                                  : qsTr("Play the film"))
            onClicked: controls.video.toggle()
        }

        Text {
            id: elapsed

            objectName: "videoElapsed"
            anchors.verticalCenter: parent.verticalCenter
            text: controls.video ? controls.clock(scrubber.pressed ? scrubber.value : controls.video.position) : ""
            textFormat: Text.PlainText
            font.family: Style.interfaceFont
            font.pixelSize: Style.labelSize
            font.features: { "tnum": 1 }
            color: Style.ink
            Accessible.ignored: true
        }

        T.Slider {
            id: scrubber

            objectName: "videoScrubber"
            anchors.verticalCenter: parent.verticalCenter
            width: Math.max(0, row.width - controls.fixedWidth - (level.visible ? level.width + row.spacing : 0))
            height: controls.target
            from: 0
            to: Math.max(1, controls.video ? controls.video.duration : 1)
            // No step: Qt rounds a touch on the track to a whole step. Keys and screen readers move
            // the film five seconds at a time, below.
            stepSize: 0
            focusPolicy: Qt.StrongFocus
            live: true
            Accessible.role: Accessible.Slider
            Accessible.name: qsTr("Position in the film: %1 of %2")
                .arg(controls.clock(scrubber.value)).arg(controls.clock(scrubber.to))
            // Following the film, except while a finger holds it.
            Binding on value {
                value: controls.video ? controls.video.position : 0
                when: !scrubber.pressed
                restoreMode: Binding.RestoreNone
            }
            onPressedChanged: {
                if (!scrubber.pressed)
                    controls.video.seek(Math.round(scrubber.value));
            }
            // The arrow keys move the film a step, as a screen reader's increase and decrease do.
            readonly property int keyStep: 5000
            function step(by: int): void {
                controls.video.seek(Math.max(0, controls.video.position + by));
            }
            Keys.onLeftPressed: scrubber.step(-scrubber.keyStep)
            Keys.onRightPressed: scrubber.step(scrubber.keyStep)
            Accessible.onDecreaseAction: scrubber.step(-scrubber.keyStep)
            Accessible.onIncreaseAction: scrubber.step(scrubber.keyStep)

            background: Item {
                Rectangle {
                    id: track

                    anchors.verticalCenter: parent.verticalCenter
                    x: scrubber.leftPadding
                    width: scrubber.availableWidth
                    height: Style.geometry.video.scrubberTrack
                    radius: height / 2
                    color: Style.paperShade

                    Rectangle {
                        width: scrubber.visualPosition * parent.width
                        height: parent.height
                        radius: parent.radius
                        color: controls.accent
                    }
                }

                FocusRing {
                    shown: scrubber.visualFocus
                }
            }

            handle: Rectangle {
                objectName: "videoScrubberHandle"
                x: scrubber.leftPadding + scrubber.visualPosition * (scrubber.availableWidth - width)
                y: (scrubber.height - height) / 2
                width: Style.geometry.video.scrubberHandle
                height: width
                radius: width / 2
                color: Style.ink
                border.width: Style.px(3)
                border.color: Style.paper
                scale: scrubber.pressed ? 1.15 : 1
            }
        }

        Text {
            id: total

            objectName: "videoDuration"
            anchors.verticalCenter: parent.verticalCenter
            text: controls.video ? controls.clock(controls.video.duration) : ""
            textFormat: Text.PlainText
            font.family: Style.interfaceFont
            font.pixelSize: Style.labelSize
            font.features: { "tnum": 1 }
            color: Style.inkSoft
            Accessible.ignored: true
        }

        ControlButton {
            id: quieter

            objectName: "videoQuieter"
            anchors.verticalCenter: parent.verticalCenter
            glyph: "quieter"
            lit: false
            enabled: controls.video !== null && controls.video.hasSound
                     && controls.video.volume > controls.video.volumeMin + 0.001
            opacity: enabled ? 1 : 0.4
            text: qsTr("Quieter")
            onClicked: controls.video.setVolume(controls.video.volume - 0.1)
        }

        // The sound level, from the installation's lowest to its highest.
        Item {
            id: level

            objectName: "videoVolumeLevel"
            anchors.verticalCenter: parent.verticalCenter
            visible: controls.levelShown
            width: controls.target / 2
            height: controls.target
            opacity: controls.video !== null && controls.video.hasSound ? 1 : 0.4
            Accessible.role: Accessible.ProgressBar
            Accessible.name: qsTr("Sound level")

            Repeater {
                model: 4

                Rectangle {
                    required property int index

                    readonly property real share: controls.video && controls.video.volumeMax > controls.video.volumeMin
                        ? (controls.video.volume - controls.video.volumeMin)
                          / (controls.video.volumeMax - controls.video.volumeMin) : 1

                    x: index * level.width / 4
                    width: level.width / 4 - Style.px(2)
                    height: level.height / 4 * (index + 1) / 1.25
                    anchors.bottom: parent.bottom
                    anchors.bottomMargin: level.height / 8
                    color: share * 4 > index ? Style.ink : Style.rule
                }
            }
        }

        ControlButton {
            id: louder

            objectName: "videoLouder"
            anchors.verticalCenter: parent.verticalCenter
            glyph: "louder"
            lit: false
            enabled: controls.video !== null && controls.video.hasSound
                     && controls.video.volume < controls.video.volumeMax - 0.001
            opacity: enabled ? 1 : 0.4
            text: qsTr("Louder")
            onClicked: controls.video.setVolume(controls.video.volume + 0.1)
        }

        ControlButton {
            id: captionsButton

            objectName: "videoCaptionsToggle"
            anchors.verticalCenter: parent.verticalCenter
            visible: controls.video !== null && controls.video.hasCaptions
            glyph: "captions"
            lit: controls.video !== null && controls.video.captionsOn
            Accessible.role: Accessible.CheckBox
            Accessible.checkable: true
            Accessible.checked: captionsButton.lit
            text: qsTr("Captions")
            onClicked: controls.video.toggleCaptions()
        }
    }
}
