import QtQuick
import Kiosk
import Kiosk.Backend

// A letter's pages: the page in the deep-zoom view, page turning under it, and what the picture
// is (a scan, or a stand-in) in its caption.
Item {
    id: letterPages

    // The letter's pages (image, alt, caption, credit, picture) and notes, from the view model.
    property var pages: []
    property var notes: []
    property int pageIndex: 0
    property int selectedNote: -1
    property color mark: Style.accentOne
    readonly property var page: letterPages.pages.length > 0 ? letterPages.pages[Math.min(letterPages.pageIndex, letterPages.pages.length - 1)] : null
    readonly property alias viewer: pageViewer

    signal noteChosen(int number)
    // The owner keeps the page index: it may change it too (to show a note's page).
    signal pageChosen(int index)

    onPageChosen: index => KioskVisits.pageTurned(index + 1)

    DeepZoomView {
        id: pageViewer

        objectName: "pageViewer"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: pageBar.visible ? pageBar.top : parent.bottom
        anchors.bottomMargin: pageBar.visible ? Style.px(16) : 0
        picture: letterPages.page ? letterPages.page.picture : null
        alt: letterPages.page ? letterPages.page.alt : ""
        caption: letterPages.page ? letterPages.page.caption : ""
        regions: letterPages.notes.filter(note => note.page === letterPages.pageIndex)
        selectedNote: letterPages.selectedNote
        mark: letterPages.mark
        onRegionTapped: number => letterPages.noteChosen(number)
    }

    // Page turning at the page's left, across from the zoom buttons at its right.
    Column {
        id: turning

        objectName: "pageTurning"
        anchors.left: pageViewer.left
        anchors.leftMargin: Style.px(16)
        anchors.verticalCenter: pageViewer.verticalCenter
        visible: letterPages.pages.length > 1
        spacing: Style.px(12)

        KioskButton {
            objectName: "previousPage"
            width: Style.touchTarget
            text: "‹"
            enabled: letterPages.pageIndex > 0
            Accessible.name: qsTr("Previous page")
            onClicked: letterPages.pageChosen(letterPages.pageIndex - 1)
        }

        Text {
            objectName: "pageNumber"
            width: Style.touchTarget
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("%1 of %2").arg(letterPages.pageIndex + 1).arg(letterPages.pages.length)
            textFormat: Text.PlainText
            font.family: Style.interfaceFont
            font.pixelSize: Style.captionSize
            font.weight: Font.Bold
            color: Style.ink
            Accessible.name: qsTr("Page %1 of %2").arg(letterPages.pageIndex + 1).arg(letterPages.pages.length)
        }

        KioskButton {
            objectName: "nextPage"
            width: Style.touchTarget
            text: "›"
            enabled: letterPages.pageIndex < letterPages.pages.length - 1
            Accessible.name: qsTr("Next page")
            onClicked: letterPages.pageChosen(letterPages.pageIndex + 1)
        }
    }

    // What the picture is: a scan, or a stand-in.
    Text {
        id: pageBar

        objectName: "pageCaption"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        visible: text !== ""
        text: letterPages.page ? [letterPages.page.caption, letterPages.page.credit].filter(part => part !== "").join(" · ") : ""
        textFormat: Text.PlainText
        font.family: Style.interfaceFont
        font.pixelSize: Style.captionSize * 0.85
        lineHeight: 1.1
        color: Style.inkSoft
        wrapMode: Text.Wrap
        maximumLineCount: 3
        elide: Text.ElideRight
    }
}
