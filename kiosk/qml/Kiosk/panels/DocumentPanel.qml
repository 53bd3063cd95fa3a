pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// A letter: who wrote it to whom and when, its text set on a sheet of paper, and its pages to
// read closely. With pages, the page stands beside the transcript in landscape; in portrait the
// visitor turns from one to the other. Noted phrases are marked; a touch shows the note (and
// where it stands on the page). A long letter shows its excerpt, the whole letter a tap away.
Item {
    id: panel

    property var content: ({})

    // What the panel shows of a long letter ([] for none), and whether the whole letter is open.
    readonly property var excerpt: panel.content.excerpt || []
    readonly property bool hasExcerpt: panel.excerpt.length > 0
    property bool wholeLetter: false
    readonly property var shownParagraphs: panel.hasExcerpt && !panel.wholeLetter ? panel.excerpt : (panel.content.paragraphs || [])
    // The control the keyboard opened the whole letter from: the focus goes back to it on closing.
    property Item wholeLetterOpener: null

    function openWholeLetter(byKeys: bool, opener: Item) {
        panel.wholeLetter = true;
        panel.wholeLetterOpener = byKeys ? opener : null;
        panel.Accessible.announce(qsTr("The whole letter"));
    }

    function closeWholeLetter() {
        const opener = panel.wholeLetterOpener;
        panel.wholeLetterOpener = null;
        panel.wholeLetter = false;
        panel.Accessible.announce(qsTr("Back to the excerpt"));
        if (opener !== null)
            Qt.callLater(() => {
                if (opener.visible)
                    opener.forceActiveFocus(Qt.TabFocusReason);
            });
    }

    // Another language, or a panel out of sight (another panel, section or visitor), starts on
    // the excerpt again.
    onContentChanged: panel.wholeLetter = false
    onEnabledChanged: {
        if (!panel.enabled)
            panel.wholeLetter = false;
    }

    readonly property color mark: panel.content.side === "none" ? Style.ink : Style.accent(panel.content.side)
    readonly property var pages: panel.content.pages || []
    readonly property var notes: panel.content.annotations || []
    readonly property bool hasPages: panel.pages.length > 0
    property int pageIndex: 0
    property int selectedNote: -1
    // In portrait with pages: whether the transcript is drawn over the page.
    property bool readingTranscript: false
    // The page view of the layout on show, if it has one.
    property var pageViewer: null

    onSelectedNoteChanged: {
        if (panel.selectedNote >= 0)
            KioskVisits.noteOpened(panel.selectedNote + 1);
    }

    readonly property var note: panel.selectedNote >= 0 && panel.selectedNote < panel.notes.length ? panel.notes[panel.selectedNote] : null

    function openNote(number: int) {
        panel.selectedNote = number;
        const found = panel.notes[number];
        if (found && found.page >= 0) {
            panel.pageIndex = found.page;
            panel.readingTranscript = false;
            Qt.callLater(panel.showNoteOnPage);
            Qt.callLater(panel.keepFocusOnPage);
        }
    }

    // In portrait the transcript slides away to show the note's page: a keyboard on a noted
    // phrase follows it to the page, which the arrows then move.
    function keepFocusOnPage() {
        const focused = panel.Window.activeFocusItem;
        const viewer = panel.pageViewer as DeepZoomView;
        if (viewer !== null && viewer.visible && (focused === null || !focused.visible))
            viewer.forceActiveFocus(Qt.TabFocusReason);
    }

    // Once the page view shows the note's page, it zooms to where the note stands.
    function showNoteOnPage() {
        const viewer = panel.pageViewer;
        if (viewer && panel.note && viewer.ready)
            viewer.showRegion(panel.note.left, panel.note.top, panel.note.right, panel.note.bottom);
    }

    component Facts: Column {
        id: facts

        spacing: Style.geometry.document.factsSpacing

        PanelHeading {
            width: facts.width
            kicker: panel.content.kicker
            title: panel.content.title
            side: panel.content.side
            titleSize: Style.headingSize
        }

        Repeater {
            model: [
                {
                    label: qsTr("Date"),
                    value: panel.content.date
                },
                {
                    label: qsTr("From"),
                    value: panel.content.sender
                },
                {
                    label: qsTr("To"),
                    value: panel.content.recipient
                }
            ]

            Column {
                id: fact

                required property var modelData

                width: facts.width
                spacing: Style.geometry.document.factSpacing

                Text {
                    text: fact.modelData.label.toUpperCase()
                    textFormat: Text.PlainText
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.captionSize * 0.85
                    font.weight: Font.Bold
                    font.letterSpacing: Style.geometry.document.factLetterSpacing
                    color: Style.inkSoft
                }

                Text {
                    width: parent.width
                    text: fact.modelData.value
                    textFormat: Text.PlainText
                    font.family: Style.bodyFont
                    font.pixelSize: Style.captionSize * 1.1
                    lineHeight: 1.2
                    color: Style.ink
                    wrapMode: Text.Wrap
                }
            }
        }

        Status {}

        TranslationNote {
            width: facts.width
        }

        RichText {
            width: Math.min(facts.width, Style.measureWidth)
            blocks: panel.content.note
            size: Style.captionSize * 1.1
        }

        Source {
            width: facts.width
        }
    }

    // The facts in two short lines, for layouts where the page takes the room.
    component FactsInBrief: Column {
        id: brief

        spacing: Style.geometry.document.briefSpacing

        PanelHeading {
            width: brief.width
            kicker: panel.content.kicker
            title: panel.content.title
            side: panel.content.side
            titleSize: Style.headingSize
        }

        Text {
            width: brief.width
            text: qsTr("%1, to %2").arg(panel.content.sender).arg(panel.content.recipient)
            textFormat: Text.PlainText
            font.family: Style.bodyFont
            font.pixelSize: Style.captionSize * 1.05
            lineHeight: 1.15
            color: Style.ink
            wrapMode: Text.Wrap
        }

        Row {
            spacing: Style.geometry.document.briefRowSpacing

            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: panel.content.date
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                font.weight: Font.Bold
                color: Style.inkSoft
            }

            Status {}
        }

        TranslationNote {
            width: brief.width
        }
    }

    // Words the exhibit translated itself say so, under the status rather than in it.
    component TranslationNote: Text {
        objectName: "translationNote"
        visible: text !== ""
        text: panel.content.translationNote || ""
        font.family: Style.interfaceFont
        font.pixelSize: Style.captionSize * 0.9
        font.italic: true
        color: Style.inkSoft
        wrapMode: Text.Wrap
    }

    component Status: Rectangle {
        objectName: "transcriptStatus"
        width: status.implicitWidth + Style.geometry.document.statusPadding.width
        height: status.implicitHeight + Style.geometry.document.statusPadding.height
        radius: height / 2
        color: panel.content.status === "full" ? Style.ink : "transparent"
        border.width: Style.px(2)
        border.color: Style.ink

        Text {
            id: status

            anchors.centerIn: parent
            text: panel.content.statusLabel
            textFormat: Text.PlainText
            font.family: Style.interfaceFont
            font.pixelSize: Style.captionSize * 0.9
            font.weight: Font.Bold
            color: panel.content.status === "full" ? Style.card : Style.ink
        }
    }

    component Source: Text {
        text: qsTr("Source: %1").arg(panel.content.source)
        font.family: Style.interfaceFont
        font.pixelSize: Style.captionSize * 0.85
        color: Style.inkSoft
        wrapMode: Text.Wrap
    }

    component Transcript: Column {
        id: transcript

        objectName: "transcript"
        spacing: Style.geometry.document.paragraphSpacing

        Repeater {
            model: panel.shownParagraphs

            LetterText {
                required property var modelData

                width: transcript.width
                content: modelData
                summary: panel.content.status === "summary"
                selectedNote: panel.selectedNote
                mark: panel.mark
                onNoteTapped: number => panel.openNote(number)
            }
        }
    }

    component Sheet: Rectangle {
        color: Style.card
        border.width: Style.px(2)
        border.color: Style.rule

        Rectangle {
            anchors.left: parent.left
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            width: Style.geometry.document.sheetBar
            color: panel.mark
        }
    }

    // The transcript on its sheet, scrolling by finger, with the note (if one is open) over its foot.
    component TranscriptSheet: Sheet {
        id: sheet

        property bool withFacts: false

        // The whole letter, and the excerpt again, are read from their first line.
        Connections {
            target: panel

            function onWholeLetterChanged() {
                transcriptArea.flickable.contentY = 0;
            }
        }

        // Escape from anywhere in the whole letter goes back to the excerpt.
        Keys.onEscapePressed: event => {
            event.accepted = panel.wholeLetter;
            if (event.accepted)
                panel.closeWholeLetter();
        }

        ScrollArea {
            id: transcriptArea

            anchors.fill: parent
            anchors.margins: Style.geometry.document.sheetMargin
            anchors.rightMargin: Style.geometry.document.sheetRightMargin
            // The foot's strip is the cue's: the area reaches down over it, and its words end a
            // strip's height early, so that the button covers only the room under their last line;
            // once they scroll, the cue stands in the strip beside the button.
            readonly property bool footShared: wholeLetterFoot.visible && !noteCard.visible

            anchors.bottomMargin: noteCard.visible ? noteCard.height + Style.geometry.document.noteGap + (wholeLetterFoot.visible ? Style.geometry.document.footHeight + Style.geometry.document.noteMargin : 0) : (wholeLetterFoot.visible ? Style.geometry.document.noteMargin : Style.geometry.document.sheetMargin)
            fadeColor: Style.card
            cueAtRight: wholeLetterFoot.visible
            contentHeight: sheetColumn.implicitHeight + (transcriptArea.footShared ? Style.geometry.document.footHeight : 0)

            Column {
                id: sheetColumn

                width: Math.min(transcriptArea.flickable.width, Style.geometry.document.transcriptWidth)
                spacing: Style.geometry.document.sheetSpacing

                Transcript {
                    width: parent.width
                    Accessible.role: Accessible.Grouping
                    Accessible.name: panel.hasExcerpt ? (panel.wholeLetter ? qsTr("The whole letter") : qsTr("An excerpt of the letter")) : ""
                }

                Rectangle {
                    visible: sheet.withFacts
                    width: Style.geometry.document.sheetRule.width
                    height: Style.geometry.document.sheetRule.height
                    color: Style.rule
                }

                RichText {
                    visible: sheet.withFacts && blocks.length > 0
                    width: parent.width
                    blocks: panel.content.note
                    size: Style.captionSize * 1.1
                }

                Source {
                    visible: sheet.withFacts
                    width: parent.width
                }
            }
        }

        // A long letter's way to the whole of it, and back to the excerpt: at the sheet's foot, in
        // view however far the words are scrolled.
        Item {
            id: wholeLetterFoot

            anchors.left: parent.left
            anchors.leftMargin: Style.geometry.document.noteLeftMargin
            anchors.bottom: parent.bottom
            anchors.bottomMargin: Style.geometry.document.noteMargin
            width: Math.max(readWholeLetter.implicitWidth, backToExcerpt.implicitWidth)
            height: Style.geometry.document.footHeight
            visible: panel.hasExcerpt

            KioskButton {
                id: readWholeLetter

                objectName: "readWholeLetter"
                visible: !panel.wholeLetter
                text: qsTr("Read the whole letter")
                glyph: "↓"
                glyphAfter: true
                prominent: true
                onClicked: {
                    const byKeys = readWholeLetter.visualFocus;
                    panel.openWholeLetter(byKeys, readWholeLetter);
                    if (byKeys)
                        backToExcerpt.forceActiveFocus(Qt.TabFocusReason);
                }
            }

            KioskButton {
                id: backToExcerpt

                objectName: "backToExcerpt"
                visible: panel.wholeLetter
                text: qsTr("Back to the excerpt")
                glyph: "↑"
                onClicked: panel.closeWholeLetter()
            }
        }

        NoteCard {
            id: noteCard

            objectName: "noteCard"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: wholeLetterFoot.visible ? wholeLetterFoot.top : parent.bottom
            anchors.margins: Style.geometry.document.noteMargin
            anchors.leftMargin: Style.geometry.document.noteLeftMargin
            height: implicitHeight
            visible: panel.note !== null
            phrase: panel.note ? panel.note.phrase : ""
            note: panel.note ? panel.note.note : ""
            mark: panel.mark
            onClosed: panel.selectedNote = -1
        }
    }

    component PageColumn: LetterPages {
        pages: panel.pages
        notes: panel.notes
        pageIndex: panel.pageIndex
        selectedNote: panel.selectedNote
        mark: panel.mark
        onPageChosen: index => panel.pageIndex = index
        onNoteChosen: number => panel.selectedNote = number
        Component.onCompleted: panel.pageViewer = viewer
    }

    Loader {
        id: layout

        anchors.fill: parent
        sourceComponent: panel.hasPages ? (Style.portrait ? portraitWithPages : landscapeWithPages) : (Style.portrait ? portraitLayout : landscapeLayout)
    }

    Component {
        id: landscapeWithPages

        // The facts in brief over the page, and the sheet beside them the panel's whole height:
        // the letter's words, which the visitor reads, take the room; the page zooms.
        Item {
            FactsInBrief {
                id: brief

                anchors.top: parent.top
                anchors.left: parent.left
                width: Style.geometry.document.pagesWidth
            }

            PageColumn {
                id: pageColumn

                anchors.top: brief.bottom
                anchors.topMargin: Style.geometry.document.briefSheetGap
                anchors.bottom: parent.bottom
                anchors.left: parent.left
                width: Style.geometry.document.pagesWidth
            }

            TranscriptSheet {
                objectName: "sheetBesidePages"
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                anchors.left: pageColumn.right
                anchors.leftMargin: Style.geometry.document.pagesGap
                anchors.right: parent.right
                withFacts: true
            }
        }
    }

    Component {
        id: portraitWithPages

        Item {
            FactsInBrief {
                id: brief

                anchors.top: parent.top
                anchors.left: parent.left
                anchors.right: parent.right
            }

            // Page or transcript: two large choices, the current one filled.
            Row {
                id: toggle

                anchors.top: brief.bottom
                anchors.topMargin: Style.geometry.document.toggleGap
                anchors.left: parent.left
                spacing: Style.geometry.document.toggleSpacing

                KioskButton {
                    objectName: "showPage"
                    text: panel.pages.length > 1 ? qsTr("Pages") : qsTr("Page")
                    prominent: !panel.readingTranscript
                    Accessible.role: Accessible.PageTab
                    Accessible.checkable: true
                    Accessible.checked: !panel.readingTranscript
                    onClicked: panel.readingTranscript = false
                }

                KioskButton {
                    objectName: "showTranscript"
                    text: qsTr("Transcript")
                    prominent: panel.readingTranscript
                    Accessible.role: Accessible.PageTab
                    Accessible.checkable: true
                    Accessible.checked: panel.readingTranscript
                    onClicked: panel.readingTranscript = true
                }
            }

            Item {
                id: stage

                anchors.top: toggle.bottom
                anchors.topMargin: Style.geometry.document.toggleGap
                anchors.bottom: parent.bottom
                anchors.left: parent.left
                anchors.right: parent.right
                clip: true

                PageColumn {
                    id: pageColumn

                    anchors.fill: parent
                }

                // Slides up over the page, and back down: the page is still there beneath.
                TranscriptSheet {
                    objectName: "transcriptOverPage"
                    width: stage.width
                    height: stage.height
                    y: panel.readingTranscript ? 0 : stage.height
                    visible: y < stage.height
                    withFacts: true

                    Behavior on y {
                        NumberAnimation {
                            duration: Style.motion(Style.quick * 1.6)
                            easing.type: Easing.OutCubic
                        }
                    }
                }
            }
        }
    }

    Component {
        id: landscapeLayout

        Item {
            ScrollArea {
                id: factsArea

                anchors.top: parent.top
                anchors.bottom: parent.bottom
                anchors.left: parent.left
                width: Style.geometry.document.factsWidth
                contentHeight: facts.implicitHeight

                Facts {
                    id: facts

                    width: factsArea.flickable.width
                }
            }

            TranscriptSheet {
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                anchors.left: factsArea.right
                anchors.leftMargin: Style.geometry.document.sheetGap
                anchors.right: parent.right
            }
        }
    }

    Component {
        id: portraitLayout

        Item {
            Facts {
                id: facts

                anchors.top: parent.top
                anchors.left: parent.left
                anchors.right: parent.right
            }

            TranscriptSheet {
                anchors.top: facts.bottom
                anchors.topMargin: Style.geometry.document.sheetTopGap
                anchors.bottom: parent.bottom
                anchors.left: parent.left
                anchors.right: parent.right
            }
        }
    }
}
