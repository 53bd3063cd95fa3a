pragma ComponentBehavior: Bound
import QtQuick

// The curator's preview: the problems in the files being edited, over the last good version,
// which stays visible above. It goes away by itself once the files are fixed and saved. Until
// the files have been valid once (`alone`), there is no version to show, and it fills the window.
Item {
    id: panel

    required property var problems
    required property bool alone

    Rectangle {
        id: sheet

        objectName: "previewProblems"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: panel.alone ? parent.height : Math.min(parent.height * 0.45, header.height + list.contentHeight + Style.px(36 + 20 + 40))
        color: Style.card

        Rectangle {
            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            height: Style.px(8)
            color: Style.accentTwo
        }

        Column {
            id: header

            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.topMargin: Style.px(36)
            anchors.leftMargin: Style.margin
            anchors.rightMargin: Style.margin
            spacing: Style.px(6)

            Text {
                objectName: "previewProblemsTitle"
                width: parent.width
                text: qsTr("%n problem(s) in the exhibit files", "", panel.problems.length)
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.headingSize * 0.75
                font.weight: Font.Bold
                color: Style.ink
            }

            Text {
                width: parent.width
                objectName: "previewProblemsHint"
                text: panel.alone ? qsTr("The exhibit shows here once its files are valid. Fix them and save.") : qsTr("The last version without errors is shown above. Fix the files and save: this panel goes away.")
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                color: Style.inkSoft
            }
        }

        ListView {
            id: list

            objectName: "previewProblemList"
            anchors.top: header.bottom
            anchors.bottom: parent.bottom
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.topMargin: Style.px(20)
            anchors.bottomMargin: Style.px(24)
            anchors.leftMargin: Style.margin
            anchors.rightMargin: Style.margin
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            spacing: Style.px(10)
            model: panel.problems

            delegate: Column {
                id: problem

                required property var modelData

                width: ListView.view.width
                spacing: Style.px(2)

                Text {
                    width: parent.width
                    text: problem.modelData.where
                    textFormat: Text.PlainText
                    elide: Text.ElideMiddle
                    font.family: Style.typewriterFont
                    font.pixelSize: Style.captionSize * 0.9
                    color: Style.accentTwo
                }

                Text {
                    width: parent.width
                    text: problem.modelData.message
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.captionSize
                    color: Style.ink
                }
            }
        }
    }
}
