import QtQuick
import Kiosk
import Kiosk.Backend

// A film given most of the room, its controls under it, and its title, caption and credit beside
// it (landscape) or around it (portrait), as an image panel's picture.
//
// Before it is played the film is its poster with one large Play control; once played, it shows
// its pictures, with its captions over its foot (never over the controls). Touching the film
// hides or shows the controls while it plays; a mark in its corner always says whether it plays.
// A film that cannot play stays its poster, its words as ever. An ambient loop (`loop: true`)
// has no controls: it plays by itself, silent, and stays its poster under reduced motion.
//
// The player is the view model's (kiosk/viewmodels/video.py, KioskVideo: a QMediaPlayer named
// "videoPlayer"); this panel lends it its picture while the panel is the one on show. Names for
// tests and the benchmark: the picture "videoOutput" (a KioskVideoSurface in the software
// renderer, else a VideoOutput), "videoFilm" (the film's box), "videoPoster", "videoPosterPlay",
// "videoStateMark", "videoCaptions"; the controls "videoControls", "videoPlayPause",
// "videoScrubber", "videoElapsed", "videoDuration", "videoQuieter", "videoLouder",
// "videoCaptionsToggle".
Item {
    id: panel

    property var content: ({})
    // The film's view model; null in views without one (then the poster stays).
    property KioskVideo video: null
    // Whether this panel is the one on show (not a neighbour made ready for a swipe).
    property bool current: false

    // The view model plays this panel's film only while it is on show.
    readonly property bool owns: panel.current && panel.video !== null && panel.video.available
                                 && panel.video.source === panel.content.video
    readonly property string state_: panel.owns ? panel.video.state : "poster"
    readonly property bool looping: panel.content.loop === true
    // The visitor's wish to see the controls while the film plays; shown again whenever it stops.
    property bool controlsWanted: true
    readonly property bool controlsShown: !panel.looping && (panel.controlsWanted || panel.state_ !== "playing")

    onState_Changed: {
        if (panel.state_ !== "playing")
            panel.controlsWanted = true;
    }
    onOwnsChanged: panel.lend()
    Component.onCompleted: panel.lend()
    Component.onDestruction: {
        if (panel.video !== null)
            panel.video.release(picture.output);
    }

    function lend(): void {
        if (panel.owns && picture.output !== null)
            panel.video.showOn(picture.output);
    }

    PanelHeading {
        id: heading

        x: Style.geometry.video.wordsX
        width: parent.width - x
        kicker: panel.content.kicker
        title: panel.content.title
        side: panel.content.side
        titleSize: Style.headingSize
    }

    Item {
        id: area

        objectName: "videoArea"
        anchors.top: Style.portrait ? heading.bottom : parent.top
        anchors.topMargin: Style.portrait ? Style.geometry.video.filmGap : 0
        anchors.left: parent.left
        // The layout's film fills a panel under a footer of one row; under a taller footer (larger
        // text, a long language) the film is drawn smaller, so that its controls stay on the panel.
        readonly property real filmScale: Math.max(0, Math.min(1, (panel.height - area.y - Style.geometry.video.controlsGap - Style.geometry.video.controlsHeight) / Style.geometry.video.film.height))
        width: Style.portrait ? Style.geometry.video.area.width : film.width
        height: film.height + Style.geometry.video.controlsGap + Style.geometry.video.controlsHeight

        Rectangle {
            id: film

            objectName: "videoFilm"
            x: Style.geometry.video.filmX
            width: Style.geometry.video.film.width * area.filmScale
            height: Style.geometry.video.film.height * area.filmScale
            color: "black"
            clip: true
            Accessible.role: Accessible.Animation
            Accessible.name: panel.content.alt ?? ""
            Accessible.description: panel.content.caption ?? ""

            FilmPicture {
                id: picture

                anchors.fill: parent
                onOutputChanged: panel.lend()
            }

            Image {
                id: poster

                objectName: "videoPoster"
                anchors.fill: parent
                source: panel.content.image ?? ""
                fillMode: Image.PreserveAspectFit
                asynchronous: true
                visible: panel.state_ === "poster" || panel.state_ === "failed"
                Accessible.ignored: true

                Rectangle {
                    anchors.fill: parent
                    z: -1
                    color: "black"
                }
            }

            // Touching the film shows or hides the controls while it plays; before it plays,
            // and after, a touch plays it.
            MouseArea {
                objectName: "videoFilmTouch"
                anchors.fill: parent
                // What a touch on the film does: it plays the film, or while it plays shows or hides the controls.
                Accessible.role: Accessible.Button
                Accessible.name: panel.state_ === "playing" ? qsTr("Show or hide the controls") : qsTr("Play the film")
                onClicked: {
                    if (panel.looping || !panel.owns)
                        return;
                    if (panel.state_ === "playing")
                        panel.controlsWanted = !panel.controlsWanted;
                    else if (panel.state_ !== "failed")
                        panel.video.play();
                }
            }

            // One large Play over the poster, until the film is played.
            Rectangle {
                id: posterPlay

                objectName: "videoPosterPlay"
                anchors.centerIn: parent
                width: Style.geometry.video.playButton
                height: width
                radius: width / 2
                visible: !panel.looping && panel.state_ === "poster" && panel.content.video !== undefined
                color: Qt.rgba(0, 0, 0, 0.62)
                border.width: Style.geometry.video.playButton / 24
                border.color: "white"
                // Tab passes over it once it is hidden; the focus it had goes to the controls' Pause.
                activeFocusOnTab: true
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("Play the film")
                Accessible.onPressAction: posterPlay.play()
                Keys.onReturnPressed: posterPlay.play()
                Keys.onEnterPressed: posterPlay.play()
                Keys.onSpacePressed: posterPlay.play()

                function play(): void {
                    panel.video.play();
                    if (posterPlay.activeFocus)
                        controls.focusPlayPause();
                }

                VideoGlyph {
                    anchors.fill: parent
                    glyph: "play"
                    color: "white"
                }

                FocusRing {
                    shown: posterPlay.activeFocus
                }
            }

            // While it plays with its controls hidden, a mark in the corner says so; paused, it says
            // that too. Never a moment's doubt whether the film plays.
            Rectangle {
                id: stateMark

                objectName: "videoStateMark"
                anchors.top: parent.top
                anchors.left: parent.left
                anchors.margins: Style.geometry.video.captionsPadding
                width: Style.touchTarget
                height: width
                radius: width / 2
                visible: !panel.looping && (panel.state_ === "paused" || (panel.state_ === "playing" && !panel.controlsShown))
                color: Qt.rgba(0, 0, 0, 0.62)
                Accessible.role: Accessible.Indicator
                Accessible.name: panel.state_ === "playing" ? qsTr("Playing") : qsTr("Paused")

                VideoGlyph {
                    anchors.fill: parent
                    glyph: panel.state_ === "playing" ? "play" : "pause"
                    color: "white"
                }
            }

            CaptionOverlay {
                objectName: "videoCaptions"
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.bottom: parent.bottom
                anchors.bottomMargin: Style.geometry.video.captionsBottom
                text: panel.owns && panel.video.captionsOn && panel.state_ !== "poster" ? panel.video.caption : ""
            }
        }

        VideoControls {
            id: controls

            objectName: "videoControls"
            anchors.top: film.bottom
            anchors.topMargin: Style.geometry.video.controlsGap
            x: film.x
            width: film.width
            height: Style.geometry.video.controlsHeight
            video: panel.video
            enabled: panel.owns && panel.state_ !== "failed" && panel.controlsShown
            visible: !panel.looping
            opacity: panel.controlsShown ? 1 : 0
            accent: Style.accent(panel.content.side ?? "")

            Behavior on opacity {
                NumberAnimation {
                    duration: Style.motion(Style.quick)
                }
            }
        }
    }

    ScrollArea {
        anchors.top: Style.portrait ? area.bottom : heading.bottom
        anchors.topMargin: Style.geometry.video.wordsTopGap
        anchors.left: parent.left
        anchors.leftMargin: Style.geometry.video.wordsX
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        contentHeight: words.implicitHeight

        Column {
            id: words

            width: Math.min(parent.width, Style.geometry.video.wordsWidth)
            spacing: Style.geometry.video.wordsSpacing

            Text {
                objectName: "videoCaption"
                width: parent.width
                text: panel.content.caption ?? ""
                textFormat: Text.PlainText
                font.family: Style.bodyFont
                font.italic: true
                font.pixelSize: Style.bodySize
                lineHeight: Style.geometry.grid.bodyLineHeight
                color: Style.ink
                wrapMode: Text.Wrap
            }

            Text {
                width: parent.width
                text: panel.content.credit ?? ""
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                color: Style.inkSoft
                wrapMode: Text.Wrap
            }

            RichText {
                width: parent.width
                topPadding: Style.geometry.video.bodyPadding
                blocks: panel.content.body ?? []
            }
        }
    }
}
