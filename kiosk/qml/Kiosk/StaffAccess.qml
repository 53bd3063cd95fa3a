pragma ComponentBehavior: Bound
import QtQuick
import Kiosk.Backend

// Staff only: a long press in the top-left corner opens a PIN pad; the right PIN opens a panel
// with Exit, Reload content, Check for updates (when following a repository) and Diagnostics. Visitors see none of it.
Item {
    id: access

    required property KioskStaff staff
    required property real holdSeconds

    // The hidden corner. Its handler only watches (a passive grab), so a control beneath it
    // still answers a visitor's ordinary tap.
    Item {
        objectName: "staffCorner"
        width: Style.px(140)
        height: width
        // Staff's hidden gesture: nothing a visitor, or their screen reader, should find.
        Accessible.ignored: true

        TapHandler {
            longPressThreshold: access.holdSeconds
            gesturePolicy: TapHandler.DragThreshold
            onLongPressed: access.staff.requestAccess()
        }
    }

    Rectangle {
        objectName: "staffOverlay"
        anchors.fill: parent
        visible: access.staff.view !== ""
        color: Qt.rgba(0, 0, 0, 0.72)

        // Nothing beneath the staff screens answers while they are open.
        MouseArea {
            anchors.fill: parent
        }

        Rectangle {
            id: card

            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Style.margin, Style.px(access.staff.view === "diagnostics" || access.staff.view === "versions" ? 1200 : 720))
            height: content.implicitHeight + 2 * Style.gutter
            radius: Style.px(12)
            color: Style.card

            Column {
                id: content

                anchors.centerIn: parent
                width: card.width - 2 * Style.gutter
                spacing: Style.px(24)

                Text {
                    width: parent.width
                    text: access.staff.view === "pin" ? qsTr("Staff access") : qsTr("Kiosk")
                    textFormat: Text.PlainText
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.headingSize
                    font.weight: Font.Bold
                    color: Style.ink
                }

                Text {
                    objectName: "staffMessage"
                    width: parent.width
                    visible: text !== ""
                    text: access.staff.message
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.captionSize
                    color: access.staff.locked ? Style.accentTwo : Style.inkSoft
                }

                Loader {
                    width: parent.width
                    sourceComponent: access.staff.view === "pin" ? pinPad
                                   : access.staff.view === "diagnostics" ? diagnostics
                                   : access.staff.view === "versions" ? versions
                                   : menu
                }
            }
        }
    }

    Component {
        id: pinPad

        Column {
            spacing: Style.px(20)

            // One dot per digit typed: the PIN itself is never shown.
            Row {
                objectName: "pinDots"
                anchors.horizontalCenter: parent.horizontalCenter
                height: Style.px(36)
                spacing: Style.px(18)

                Repeater {
                    model: access.staff.pinLength

                    Rectangle {
                        width: Style.px(24)
                        height: width
                        radius: width / 2
                        color: Style.ink
                    }
                }
            }

            Grid {
                anchors.horizontalCenter: parent.horizontalCenter
                columns: 3
                spacing: Style.px(16)

                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]

                    KioskButton {
                        required property string modelData

                        objectName: "pinKey" + modelData
                        implicitWidth: Style.touchTarget * 1.6
                        implicitHeight: Style.touchTarget * 1.3
                        enabled: !access.staff.locked
                        prominent: modelData === "OK"
                        text: modelData
                        Accessible.name: modelData === "⌫" ? qsTr("Delete") : modelData
                        onClicked: {
                            if (modelData === "⌫")
                                access.staff.erase();
                            else if (modelData === "OK")
                                access.staff.submitPin();
                            else
                                access.staff.pressDigit(modelData);
                        }
                    }
                }
            }

            KioskButton {
                objectName: "staffCancel"
                anchors.horizontalCenter: parent.horizontalCenter
                text: qsTr("Cancel")
                onClicked: access.staff.close()
            }
        }
    }

    Component {
        id: menu

        Column {
            spacing: Style.px(20)

            Text {
                objectName: "staffVisits"
                width: parent.width
                visible: access.staff.visitsCounted
                text: qsTr("Visits today: %1 · this week: %2").arg(access.staff.visitsToday).arg(access.staff.visitsThisWeek)
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                color: Style.inkSoft
            }

            KioskButton {
                objectName: "staffReload"
                width: parent.width
                text: qsTr("Reload content")
                onClicked: access.staff.reloadContent()
            }

            KioskButton {
                objectName: "staffCheckForUpdates"
                width: parent.width
                visible: access.staff.followsRepository
                text: qsTr("Check for updates")
                onClicked: access.staff.checkForUpdates()
            }

            KioskButton {
                objectName: "staffVersions"
                width: parent.width
                text: qsTr("Earlier versions")
                onClicked: access.staff.showVersions()
            }

            KioskButton {
                objectName: "staffDiagnostics"
                width: parent.width
                text: qsTr("Diagnostics")
                onClicked: access.staff.showDiagnostics()
            }

            KioskButton {
                objectName: "staffExit"
                width: parent.width
                text: qsTr("Exit the kiosk")
                onClicked: access.staff.exitKiosk()
            }

            KioskButton {
                objectName: "staffClose"
                width: parent.width
                prominent: true
                text: qsTr("Back to the exhibit")
                onClicked: access.staff.close()
            }
        }
    }

    Component {
        id: diagnostics

        Column {
            spacing: Style.px(12)

            Repeater {
                model: access.staff.diagnostics

                Row {
                    id: line

                    required property var modelData

                    width: parent.width
                    spacing: Style.px(24)

                    Text {
                        width: Style.px(300)
                        text: line.modelData.label
                        textFormat: Text.PlainText
                        font.family: Style.interfaceFont
                        font.pixelSize: Style.captionSize
                        font.weight: Font.Bold
                        color: Style.inkSoft
                    }

                    Text {
                        width: parent.width - Style.px(324)
                        text: line.modelData.value
                        textFormat: Text.PlainText
                        wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                        maximumLineCount: 8
                        elide: Text.ElideRight
                        font.family: Style.interfaceFont
                        font.pixelSize: Style.captionSize
                        color: Style.ink
                    }
                }
            }

            KioskButton {
                objectName: "staffDiagnosticsBack"
                text: qsTr("Back")
                glyph: "←"
                onClicked: access.staff.showMenu()
            }
        }
    }

    // The kept versions of the exhibit, newest first: choosing one puts it on show at once.
    Component {
        id: versions

        Column {
            spacing: Style.px(16)

            Text {
                width: parent.width
                text: qsTr("Choose the version of the exhibit to show. It goes on screen at once; the exhibit folder is left as it is.")
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                color: Style.inkSoft
            }

            Repeater {
                model: access.staff.versions

                KioskButton {
                    required property var modelData
                    required property int index

                    objectName: "staffVersion" + index
                    width: parent.width
                    enabled: !modelData.shown
                    prominent: false
                    text: modelData.shown ? qsTr("%1  (on show)").arg(modelData.label) : modelData.label
                    onClicked: access.staff.rollBack(modelData.name)
                }
            }

            KioskButton {
                objectName: "staffVersionsBack"
                text: qsTr("Back")
                glyph: "←"
                onClicked: access.staff.showMenu()
            }
        }
    }
}
