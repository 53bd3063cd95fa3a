pragma ComponentBehavior: Bound
import QtQuick
import Kiosk.Backend

// The kiosk's window: the home screen, and the open section growing out of the tile tapped.
Window {
    id: window

    required property KioskExhibit exhibit
    required property KioskNavigation navigation
    required property KioskSession session
    required property KioskStaff staff
    // The visitor's options (larger text, reduced motion, reach) and the controls' size.
    required property KioskAccess access
    // The screen's geometry: the grid, the type and every view's boxes (kiosk/viewmodels/geometry.py).
    required property KioskGeometry geometry
    // The open panel's narration: playing, position and caption (kiosk/viewmodels/narration.py).
    property KioskNarration narration: null
    // The film of the panel on show, if it has one (kiosk/viewmodels/video.py).
    property KioskVideo video: null
    // The curator's preview only: what is wrong with the files being edited.
    property KioskPreview preview: null

    // 0 shows the home screen, 1 the open section; the animation between them is the transition:
    // the section growing out of its tile, or with reduced motion a short fade in place.
    property real reveal: window.navigation.atHome ? 0 : 1
    readonly property int revealDuration: Style.reducedMotion ? Style.fade : 480
    // In reach mode the screens stand in the band a seated visitor can reach, which ends 48 inches
    // above the floor (kiosk/viewmodels/access.py); above it a calm band.
    readonly property real stageTop: window.geometry.stageTop
    readonly property real stageBottom: window.geometry.stageBottom
    // The section last opened: the one whose tile the section screen grows out of and returns to.
    property int openedSection: 0
    readonly property string mode: window.session.mode
    // The screens a visitor cannot see yet (the section screen, the countdown) are made once the
    // home screen is on show (kiosk/app/window.py sets this after the first frame), or at once
    // when a visitor asks for one sooner: the first frame waits only for what it shows.
    property bool firstFrameShown: false
    // Locked down, the window has no frame and stays in front (kiosk.app.display.show_window).
    // Set here, not from Python: the Qt namespace's enums cost Python about 18 ms to make, which
    // the first frame does not wait for (docs/adr/0041-the-home-screen-alone-before-the-first-frame.md).
    property bool lockedDown: false

    flags: window.lockedDown ? (Qt.Window | Qt.FramelessWindowHint | Qt.WindowStaysOnTopHint) : Qt.Window

    width: 1920
    height: 1080
    color: Style.paper
    title: window.exhibit.title

    Behavior on reveal {
        NumberAnimation {
            duration: window.revealDuration
            easing.type: Style.reducedMotion ? Easing.Linear : Easing.OutCubic
        }
    }

    Binding {
        target: Style
        property: "theme"
        value: window.exhibit.theme
    }
    Binding {
        target: Style
        property: "access"
        value: window.access
    }
    Binding {
        target: Style
        property: "layouts"
        value: window.exhibit.layouts
    }

    // A visit ended: everything the visitor changed (section, panel, scrolling, open pictures)
    // goes with the screens they changed it on, which are made afresh for the next visitor.
    Connections {
        target: window.session

        function onVisitEnded() {
            window.openedSection = 0;
            stageLoader.active = false;
            stageLoader.active = true;
        }
    }

    // Above the reachable band: the exhibit's title, to be read, with nothing to touch.
    Rectangle {
        objectName: "reachBand"
        width: window.width
        height: window.stageTop
        visible: height > 0 && window.mode !== "closed"
        color: Style.paperShade

        Text {
            anchors.centerIn: parent
            width: parent.width - 2 * Style.margin
            text: window.exhibit.title
            textFormat: Text.PlainText
            font.family: Style.displayFont
            font.pixelSize: Math.min(Style.displaySize, parent.height * 0.4)
            font.weight: Font.Bold
            color: Style.inkSoft
            horizontalAlignment: Text.AlignHCenter
            elide: Text.ElideRight
            Accessible.ignored: true
        }

        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: Style.px(2)
            color: Style.rule
        }

        // Veiled with the screens when the kiosk asks whether anyone is still there.
        Rectangle {
            anchors.fill: parent
            color: Style.ink
            opacity: 0.55
            visible: window.mode === "countdown"
        }
    }

    Loader {
        id: stageLoader

        objectName: "stageLoader"
        y: window.stageTop
        width: window.width
        height: window.stageBottom - window.stageTop
        focus: true
        // Behind the opaque attract loop, or in the dark, nothing of the exhibit needs drawing.
        visible: window.mode !== "closed" && attract.opacity < 1
        sourceComponent: Item {
            id: stage

            readonly property rect origin: home.tileRect(window.openedSection)

            focus: true

            Connections {
                target: window.navigation

                // The control that had the keyboard's focus has just been hidden: the stage takes it back.
                function onSectionChanged() {
                    if (window.navigation.sectionIndex >= 0)
                        window.openedSection = window.navigation.sectionIndex;
                    stage.forceActiveFocus();
                }
            }

            Keys.onPressed: event => {
                if (event.key === Qt.Key_Right || event.key === Qt.Key_PageDown) {
                    window.navigation.advance();
                } else if (event.key === Qt.Key_Left || event.key === Qt.Key_PageUp
                           || event.key === Qt.Key_Back || event.key === Qt.Key_Backspace) {
                    window.navigation.back();
                } else if (event.key === Qt.Key_Home) {
                    window.navigation.goHome();
                } else {
                    return;
                }
                event.accepted = true;
            }

            HomeScreen {
                id: home

                objectName: "homeScreen"
                anchors.fill: parent
                exhibit: window.exhibit
                access: window.access
                picturesShown: window.firstFrameShown
                visible: window.reveal < 1
                enabled: window.navigation.atHome
                onSectionChosen: index => window.navigation.openSection(index)
            }

            // The section opens out of its tile: an opening that grows from the tile to the whole
            // window, over a section screen that stays still. Only the newly uncovered pixels change
            // from frame to frame, which keeps the motion smooth in software rendering. With reduced
            // motion the opening is the whole screen at once, and the section fades in.
            Item {
                id: aperture

                readonly property bool still: Style.reducedMotion

                objectName: "sectionAperture"
                x: aperture.still ? 0 : stage.origin.x * (1 - window.reveal)
                y: aperture.still ? 0 : stage.origin.y * (1 - window.reveal)
                width: aperture.still ? stage.width : stage.origin.width + (stage.width - stage.origin.width) * window.reveal
                height: aperture.still ? stage.height : stage.origin.height + (stage.height - stage.origin.height) * window.reveal
                opacity: aperture.still ? window.reveal : 1
                clip: true
                visible: window.reveal > 0

                Loader {
                    objectName: "sectionScreenLoader"
                    x: -aperture.x
                    y: -aperture.y
                    width: stage.width
                    height: stage.height
                    // Compiled with this file: a view compiled on the engine's loader thread calls the
                    // kiosk's URL policy, which is Python, from that thread, and deadlocked with a
                    // Python call into QML on the GUI thread waiting for the loader (ADR 41).
                    active: window.firstFrameShown || !window.navigation.atHome

                    sourceComponent: SectionScreen {
                        objectName: "sectionScreen"
                        navigation: window.navigation
                        exhibit: window.exhibit
                        access: window.access
                        narration: window.narration
                        video: window.video
                        enabled: !window.navigation.atHome
                    }
                }

                Rectangle {
                    anchors.fill: parent
                    color: "transparent"
                    border.width: Style.px(2)
                    border.color: Style.rule
                    visible: window.reveal < 1 && !aperture.still
                }
            }
        }
    }

    Loader {
        objectName: "countdownLoader"
        y: window.stageTop
        width: window.width
        height: window.stageBottom - window.stageTop
        active: window.firstFrameShown || window.mode === "countdown"
        visible: window.mode === "countdown"

        sourceComponent: CountdownOverlay {
            objectName: "countdownOverlay"
            visible: window.mode === "countdown"
            secondsLeft: window.session.secondsLeft
            countdownSeconds: window.session.countdownSeconds
            onKeepExploring: window.session.keepExploring()
        }
    }

    // The loop that invites visitors while nobody is there. It fades in over the exhibit, and
    // fades out to show the home screen to the visitor who woke it.
    Loader {
        id: attract

        objectName: "attractLayer"
        anchors.fill: parent
        opacity: window.mode === "attract" ? 1 : 0
        active: opacity > 0
        visible: active

        Behavior on opacity {
            NumberAnimation {
                duration: Style.moderate * 2
                easing.type: Easing.InOutQuad
            }
        }

        sourceComponent: AttractLoop {
            slides: window.exhibit.attractSlides
            secondsPerSlide: window.exhibit.secondsPerSlide
            title: window.exhibit.title
            // The exhibit's own invitation speaks of sections, which the loop does not show: this
            // one, in each of the exhibit's languages at once.
            invitations: window.exhibit.invitations ?? []
            invitation: qsTr("Touch the screen to begin")
        }
    }

    // Outside opening hours: a black screen with nothing moving, so the machine all but sleeps.
    Rectangle {
        objectName: "closedScreen"
        anchors.fill: parent
        color: "black"
        visible: window.mode === "closed"

        MouseArea {
            anchors.fill: parent
        }
    }

    StaffAccess {
        anchors.fill: parent
        staff: window.staff
        holdSeconds: window.session.staffHoldSeconds
    }

    Loader {
        objectName: "previewProblemsLoader"
        anchors.fill: parent
        active: window.preview !== null && window.preview.problems.length > 0
        sourceComponent: PreviewProblems {
            problems: window.preview.problems
            alone: window.preview.neverValid
        }
    }
}
