pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T
import Kiosk.Backend

// The exhibit's languages side by side in one outline, each named in its own words, the one
// being read filled. Hidden when the exhibit has one language.
Rectangle {
    id: toggle

    property KioskExhibit exhibit: null
    readonly property var languages: toggle.exhibit ? (toggle.exhibit.languages ?? []) : []

    visible: toggle.languages.length > 1
    implicitWidth: choices.width
    implicitHeight: Style.touchTarget
    width: implicitWidth
    height: implicitHeight
    radius: height / 2
    color: Style.card
    border.width: Style.px(2)
    border.color: Style.rule
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Language")

    Row {
        id: choices

        Repeater {
            model: toggle.languages

            T.AbstractButton {
                id: choice

                required property var modelData
                readonly property bool current: toggle.exhibit !== null && toggle.exhibit.language === choice.modelData.code

                objectName: "language_" + choice.modelData.code
                width: Math.max(Style.touchTarget, name.implicitWidth + Style.px(48))
                height: Style.touchTarget
                text: choice.modelData.name
                focusPolicy: Qt.StrongFocus
                Accessible.role: Accessible.RadioButton
                Accessible.name: choice.modelData.name
                Accessible.checkable: true
                Accessible.checked: choice.current
                Keys.onReturnPressed: choice.click()
                Keys.onEnterPressed: choice.click()
                onClicked: toggle.exhibit.chooseLanguage(choice.modelData.code)

                background: Rectangle {
                    radius: height / 2
                    color: choice.current ? Style.ink : (choice.down ? Style.paperShade : "transparent")

                    FocusRing {
                        shown: choice.visualFocus
                    }
                }

                contentItem: Text {
                    id: name

                    text: choice.text
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.labelSize
                    font.weight: Font.Bold
                    color: choice.current ? Style.paper : Style.ink
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
            }
        }
    }
}
