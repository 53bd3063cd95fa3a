pragma ComponentBehavior: Bound
import QtQuick

// The kiosk's window: the home screen, and the open section growing out of the tile tapped.
Window {
    id: window

    required property var exhibit
    required property var navigation

    // 0 shows the home screen, 1 the open section; the animation between them is the transition.
    property real reveal: window.navigation.atHome ? 0 : 1
    property point origin: Qt.point(width / 2, height / 2)

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
            opacity: 1 - window.reveal
            visible: opacity > 0
            enabled: window.navigation.atHome
            transform: Scale {
                origin.x: window.origin.x
                origin.y: window.origin.y
                xScale: 1 + window.reveal * 0.08
                yScale: xScale
            }
            onSectionChosen: (index, centre) => {
                window.origin = centre;
                window.navigation.openSection(index);
            }
        }

        SectionScreen {
            id: section

            objectName: "sectionScreen"
            anchors.fill: parent
            navigation: window.navigation
            opacity: window.reveal
            visible: opacity > 0
            enabled: !window.navigation.atHome
            transform: Scale {
                origin.x: window.origin.x
                origin.y: window.origin.y
                xScale: 0.55 + window.reveal * 0.45
                yScale: xScale
            }
        }
    }
}
