pragma ComponentBehavior: Bound
import QtQuick

// The kiosk's window: the home screen, and the open section growing out of the tile tapped.
Window {
    id: window

    required property var exhibit
    required property var navigation

    // 0 shows the home screen, 1 the open section; the animation between them is the transition.
    property real reveal: window.navigation.atHome ? 0 : 1
    // The section last opened: the one whose tile the section screen grows out of and returns to.
    property int openedSection: 0
    readonly property rect origin: home.tileRect(window.openedSection)

    width: 1920
    height: 1080
    color: Style.paper
    title: window.exhibit.title

    Behavior on reveal {
        NumberAnimation {
            duration: 480
            easing.type: Easing.OutCubic
        }
    }

    Binding {
        target: Style
        property: "theme"
        value: window.exhibit.theme
    }
    Binding {
        target: Style
        property: "unit"
        value: Math.max(0.5, Math.min(window.width, window.height) / 1080)
    }
    Binding {
        target: Style
        property: "portrait"
        value: window.height > window.width
    }

    Connections {
        target: window.navigation

        // The control that had the keyboard's focus has just been hidden: the stage takes it back.
        function onSectionChanged() {
            if (window.navigation.sectionIndex >= 0)
                window.openedSection = window.navigation.sectionIndex;
            stage.forceActiveFocus();
        }
    }

    Item {
        id: stage

        anchors.fill: parent
        focus: true

        Keys.onPressed: event => {
            if (event.key === Qt.Key_Right || event.key === Qt.Key_PageDown) {
                window.navigation.advance();
            } else if (event.key === Qt.Key_Left || event.key === Qt.Key_PageUp
                       || event.key === Qt.Key_Escape || event.key === Qt.Key_Back
                       || event.key === Qt.Key_Backspace) {
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
            visible: window.reveal < 1
            enabled: window.navigation.atHome
            onSectionChosen: index => window.navigation.openSection(index)
        }

        // The section opens out of its tile: an opening that grows from the tile to the whole
        // window, over a section screen that stays still. Only the newly uncovered pixels change
        // from frame to frame, which keeps the motion smooth in software rendering.
        Item {
            id: aperture

            objectName: "sectionAperture"
            x: window.origin.x * (1 - window.reveal)
            y: window.origin.y * (1 - window.reveal)
            width: window.origin.width + (window.width - window.origin.width) * window.reveal
            height: window.origin.height + (window.height - window.origin.height) * window.reveal
            clip: true
            visible: window.reveal > 0

            SectionScreen {
                id: section

                objectName: "sectionScreen"
                x: -aperture.x
                y: -aperture.y
                width: window.width
                height: window.height
                navigation: window.navigation
                enabled: !window.navigation.atHome
            }

            Rectangle {
                anchors.fill: parent
                color: "transparent"
                border.width: Style.px(2)
                border.color: Style.rule
                visible: window.reveal < 1
            }
        }
    }
}
