pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// A letter and its reply, paragraph beside paragraph, so that the visitor reads them clause by
// clause. In landscape they stand in two columns; in portrait each clause of the first letter is
// followed by the matching clause of the second. Either letter's pages open over the panel, and so
// does the whole of a long letter the clauses show an excerpt of.
Item {
    id: panel

    property var content: ({})

    // Whose whole letter is open over the panel, -1 for none; and the control that opened it from
    // the keyboard, which has the focus back on closing.
    property int readingOf: -1
    property Item readingOpener: null
    readonly property var readingLetter: panel.readingOf >= 0 ? panel.letters[panel.readingOf] : null

    function openWholeLetter(letter: int, byKeys: bool, opener: Item) {
        panel.noteNumber = -1;
        panel.readingOf = letter;
        panel.readingOpener = byKeys ? opener : null;
        panel.Accessible.announce(qsTr("The whole letter from %1").arg(panel.letters[letter].sender || ""));
        if (byKeys)
            closeReading.forceActiveFocus(Qt.TabFocusReason);
    }

    function closeWholeLetter() {
        const opener = panel.readingOpener;
        panel.readingOpener = null;
        panel.noteNumber = -1;
        panel.readingOf = -1;
        if (opener !== null && opener.visible)
            opener.forceActiveFocus(Qt.TabFocusReason);
    }

    // Another language, or a panel out of sight (another panel, section or visitor), starts on
    // the excerpts again.
    onContentChanged: panel.readingOf = -1
    onEnabledChanged: {
        if (!panel.enabled)
            panel.readingOf = -1;
    }

    readonly property var letters: panel.content.letters || []
    readonly property var rows: panel.content.rows || []
    // The open note: which letter (0 or 1) and which of its notes; -1 for none.
    property int noteLetter: -1
    property int noteNumber: -1
    // Whose pages are open over the panel, -1 for none.
    property int pagesOf: -1
    property int pageIndex: 0

    readonly property var note: panel.noteLetter >= 0 && panel.noteNumber >= 0 ? panel.letters[panel.noteLetter].annotations[panel.noteNumber] : null

    function markOf(index: int): color {
        const side = (panel.letters[index] || {}).side || "none";
        return side === "none" ? Style.ink : Style.accent(side);
    }

    function openNote(letter: int, number: int) {
        panel.noteLetter = letter;
        panel.noteNumber = number;
        KioskVisits.noteOpened(number + 1);
    }

    function openPages(letter: int) {
        panel.pageIndex = 0;
        panel.pagesOf = letter;
    }

    // Opened from the keyboard, the pages take the focus onto their Close; closed, it goes back to
    // the button that opened them.
    property Item pagesOpener: null

    function closePagesByKeyboard() {
        const opener = panel.pagesOpener;
        panel.pagesOpener = null;
        panel.pagesOf = -1;
        if (opener !== null)
            opener.forceActiveFocus(Qt.TabFocusReason);
    }

    // Who wrote, when, how much of the text is shown, and the way to the letter's pages (beside
    // the words where the column is wide, under them where it is not).
    component LetterHead: Item {
        id: head

        property int index: 0
        property bool offersPages: true
        readonly property var letter: panel.letters[head.index] || ({})
        readonly property bool showsPagesButton: head.offersPages && (head.letter.pages || []).length > 0
        // A long letter shown by its excerpt offers the whole of it.
        readonly property bool showsWholeButton: head.offersPages && (head.letter.excerpt || []).length > 0
        readonly property bool hasActions: head.showsPagesButton || head.showsWholeButton
        readonly property bool buttonBeside: head.width > Style.geometry.pair.headButtonBesideWidth

        implicitHeight: head.buttonBeside || !head.hasActions ? Math.max(words.implicitHeight, head.hasActions ? actions.height : 0) : words.implicitHeight + Style.geometry.pair.headButtonGap + actions.height

        Column {
            id: words

            width: head.buttonBeside && head.hasActions ? head.width - actions.width - Style.geometry.pair.headButtonSpacing : head.width
            spacing: Style.geometry.pair.headSpacing

            Rectangle {
                width: Style.geometry.pair.headBar.width
                height: Style.geometry.pair.headBar.height
                color: panel.markOf(head.index)
            }

            Text {
                width: words.width
                text: head.letter.sender || ""
                textFormat: Text.PlainText
                font.family: Style.bodyFont
                font.pixelSize: Style.captionSize * 1.1
                font.weight: Font.Bold
                color: Style.ink
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
            }

            // The two letters pass between the same two people: the date is what tells them apart.
            // The label goes under the date where the column is narrow.
            Flow {
                width: words.width
                spacing: Style.geometry.pair.headStatusSpacing

                Text {
                    text: head.letter.date || ""
                    textFormat: Text.PlainText
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.captionSize * 0.9
                    color: Style.inkSoft
                }

                Rectangle {
                    width: statusText.implicitWidth + Style.geometry.pair.statusPadding.width
                    height: statusText.implicitHeight + Style.geometry.pair.statusPadding.height
                    radius: height / 2
                    color: head.letter.status === "full" ? Style.ink : "transparent"
                    border.width: Style.px(2)
                    border.color: Style.ink

                    Text {
                        id: statusText

                        anchors.centerIn: parent
                        text: head.letter.statusLabel || ""
                        textFormat: Text.PlainText
                        font.family: Style.interfaceFont
                        font.pixelSize: Style.captionSize * 0.85
                        font.weight: Font.Bold
                        color: head.letter.status === "full" ? Style.card : Style.ink
                    }
                }
            }

            // Words the exhibit translated itself say so, under the status rather than in it.
            Text {
                objectName: "translationNote"
                width: words.width
                visible: text !== ""
                text: head.letter.translationNote || ""
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize * 0.85
                font.italic: true
                color: Style.inkSoft
                wrapMode: Text.Wrap
            }
        }

        // The way to the letter's pages, and to the whole of a long letter: beside the words where
        // the column is wide, under them (one under the other if need be) where it is not.
        Flow {
            id: actions

            readonly property real naturalWidth: (pagesButton.visible ? pagesButton.implicitWidth : 0) + (wholeButton.visible ? wholeButton.implicitWidth : 0) + (pagesButton.visible && wholeButton.visible ? actions.spacing : 0)

            x: head.buttonBeside ? head.width - width : 0
            y: head.buttonBeside ? (head.height - height) / 2 : words.implicitHeight + Style.geometry.pair.headButtonGap
            width: head.buttonBeside ? actions.naturalWidth : head.width
            spacing: Style.geometry.pair.headStatusSpacing
            visible: head.hasActions

            KioskButton {
                id: pagesButton

                objectName: "openPages" + head.index
                visible: head.showsPagesButton
                // Short, so that both ways fit side by side in a head as narrow as a portrait column.
                text: (head.letter.pages || []).length > 1 ? qsTr("Pages") : qsTr("Page")
                Accessible.name: qsTr("See the letter from %1").arg(head.letter.sender || "")
                onClicked: {
                    const byKeys = pagesButton.visualFocus;
                    panel.openPages(head.index);
                    if (byKeys) {
                        panel.pagesOpener = pagesButton;
                        closePages.forceActiveFocus(Qt.TabFocusReason);
                    }
                }
            }

            KioskButton {
                id: wholeButton

                objectName: "readWholeLetter" + head.index
                visible: head.showsWholeButton
                text: qsTr("Whole letter")
                Accessible.name: qsTr("Read the whole letter from %1").arg(head.letter.sender || "")
                onClicked: panel.openWholeLetter(head.index, wholeButton.visualFocus, wholeButton)
            }
        }
    }

    component Clause: LetterText {
        property int letter: 0

        summary: (panel.letters[letter] || {}).status === "summary"
        selectedNote: panel.noteLetter === letter ? panel.noteNumber : -1
        mark: panel.markOf(letter)
        font.pixelSize: Style.bodySize * (Style.portrait ? 0.8 : 0.78)
        onNoteTapped: number => panel.openNote(letter, number)
    }

    // Landscape: the title and what to compare beside the letters; portrait: above them.
    ScrollArea {
        id: top

        anchors.top: parent.top
        anchors.left: parent.left
        width: Style.geometry.pair.leadWidth
        height: Style.portrait ? lead.implicitHeight : parent.height
        contentHeight: lead.implicitHeight
        // Under the open pages or letter, out of the keyboard's reach.
        enabled: panel.pagesOf < 0 && panel.readingOf < 0

        Column {
            id: lead

            width: top.flickable.width
            spacing: Style.geometry.pair.leadSpacing

        PanelHeading {
            width: parent.width
            kicker: panel.content.kicker
            title: panel.content.title
            side: panel.content.side
            titleSize: Style.headingSize
        }

            RichText {
                width: Math.min(parent.width, Style.geometry.pair.introWidth)
                blocks: panel.content.intro
                size: Style.captionSize * 1.1
            }
        }
    }

    Rectangle {
        id: sheet

        anchors.top: Style.portrait ? top.bottom : parent.top
        anchors.topMargin: Style.portrait ? Style.geometry.pair.sheetTopGap : 0
        anchors.left: Style.portrait ? parent.left : top.right
        anchors.leftMargin: Style.portrait ? 0 : Style.geometry.pair.sheetGap
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        color: Style.card
        border.width: Style.px(2)
        border.color: Style.rule
        enabled: panel.pagesOf < 0 && panel.readingOf < 0

        readonly property real inset: Style.geometry.pair.sheetInset
        readonly property real columnWidth: (sheet.width - 2 * sheet.inset - Style.geometry.pair.trackAllowance - Style.geometry.pair.columnGap) / 2

        Row {
            id: heads

            x: sheet.inset
            y: Style.geometry.pair.headTop
            spacing: Style.geometry.pair.columnGap

            LetterHead {
                index: 0
                width: sheet.columnWidth
            }

            LetterHead {
                index: 1
                width: sheet.columnWidth
            }
        }

        Rectangle {
            id: headRule

            anchors.top: heads.bottom
            anchors.topMargin: Style.geometry.pair.headRuleGap
            x: sheet.inset
            width: sheet.width - 2 * sheet.inset
            height: Style.px(2)
            color: Style.rule
        }

        ScrollArea {
            id: clauses

            anchors.top: headRule.bottom
            anchors.topMargin: Style.geometry.pair.headRuleGap
            anchors.left: parent.left
            anchors.leftMargin: sheet.inset
            anchors.right: parent.right
            anchors.rightMargin: Style.geometry.pair.clausesRightMargin
            anchors.bottom: parent.bottom
            anchors.bottomMargin: noteCard.visible ? noteCard.height + Style.geometry.pair.noteGap : Style.geometry.pair.clausesBottom
            fadeColor: Style.card
            contentHeight: rowColumn.implicitHeight + Style.geometry.pair.clausesBottom

            Column {
                id: rowColumn

                objectName: "clauses"
                width: clauses.flickable.width
                spacing: Style.geometry.pair.rowSpacing

                Repeater {
                    model: panel.rows

                    Item {
                        id: row

                        required property var modelData
                        required property int index

                        objectName: "clause" + row.index
                        width: rowColumn.width
                        height: Style.portrait ? stacked.implicitHeight : Math.max(left.implicitHeight, right.implicitHeight) + Style.geometry.pair.rowSpacing

                        // Landscape: the two clauses level with each other.
                        Clause {
                            id: left

                            objectName: "clauseLeft" + row.index
                            visible: !Style.portrait
                            width: sheet.columnWidth
                            letter: 0
                            content: row.modelData.left
                        }

                        Rectangle {
                            visible: !Style.portrait
                            x: sheet.columnWidth + Style.geometry.pair.columnRuleOffset
                            width: Style.px(2)
                            height: row.height - Style.geometry.pair.rowSpacing
                            color: Style.paperShade
                        }

                        Clause {
                            id: right

                            objectName: "clauseRight" + row.index
                            visible: !Style.portrait
                            x: sheet.columnWidth + Style.geometry.pair.columnGap
                            width: sheet.columnWidth
                            letter: 1
                            content: row.modelData.right
                        }

                        // Portrait: the first letter's clause, then the reply's, each marked by its side.
                        Column {
                            id: stacked

                            visible: Style.portrait
                            width: row.width - Style.geometry.pair.stackedIndent
                            spacing: Style.geometry.pair.stackedSpacing

                            Repeater {
                                model: Style.portrait ? [0, 1] : []

                                Item {
                                    id: part

                                    required property int modelData

                                    width: stacked.width
                                    height: clause.implicitHeight

                                    Rectangle {
                                        width: Style.px(5)
                                        height: parent.height
                                        color: panel.markOf(part.modelData)
                                    }

                                    Clause {
                                        id: clause

                                        x: Style.geometry.pair.stackedTextX
                                        width: parent.width - x
                                        letter: part.modelData
                                        content: part.modelData === 0 ? row.modelData.left : row.modelData.right
                                    }
                                }
                            }

                            Rectangle {
                                width: stacked.width
                                height: Style.px(2)
                                color: Style.paperShade
                            }
                        }
                    }
                }
            }
        }

        NoteCard {
            id: noteCard

            objectName: "noteCard"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: Style.geometry.pair.noteMargin
            height: implicitHeight
            visible: panel.note !== null && panel.note !== undefined && panel.readingOf < 0
            phrase: visible ? panel.note.phrase : ""
            note: visible ? panel.note.note : ""
            mark: panel.markOf(Math.max(0, panel.noteLetter))
            onClosed: panel.noteNumber = -1
        }
    }

    // A letter's pages over the whole panel, with a large Close; the clauses wait beneath.
    Rectangle {
        id: pagesOverlay

        objectName: "pagesOverlay"
        anchors.fill: parent
        visible: panel.pagesOf >= 0
        color: Style.paper
        Accessible.role: Accessible.Dialog
        Accessible.name: qsTr("The letter's pages")
        Accessible.ignored: !visible
        Keys.onEscapePressed: panel.closePagesByKeyboard()

        // Touches on the overlay stay on it.
        TapHandler {}

        KioskButton {
            id: closePages

            objectName: "closePages"
            anchors.top: parent.top
            anchors.right: parent.right
            text: qsTr("Close")
            glyph: "×"
            prominent: true
            onClicked: {
                if (closePages.visualFocus)
                    panel.closePagesByKeyboard();
                else
                    panel.pagesOf = -1;
            }
        }

        LetterHead {
            id: overlayHead

            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: closePages.left
            anchors.rightMargin: Style.geometry.pair.overlayHeadGap
            index: Math.max(0, panel.pagesOf)
            offersPages: false
        }

        Loader {
            anchors.top: overlayHead.bottom
            anchors.topMargin: Style.geometry.pair.overlayTopGap
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            active: panel.pagesOf >= 0

            sourceComponent: LetterPages {
                readonly property var letter: panel.letters[panel.pagesOf]

                pages: letter.pages
                notes: letter.annotations
                pageIndex: panel.pageIndex
                selectedNote: panel.noteLetter === panel.pagesOf ? panel.noteNumber : -1
                mark: panel.markOf(panel.pagesOf)
                onPageChosen: index => panel.pageIndex = index
                onNoteChosen: number => panel.openNote(panel.pagesOf, number)
            }
        }

        NoteCard {
            objectName: "pagesNoteCard"
            anchors.left: parent.left
            anchors.bottom: parent.bottom
            anchors.bottomMargin: Style.geometry.pair.overlayNoteBottom
            width: Math.min(parent.width * Style.geometry.pair.overlayNoteShare, Style.geometry.pair.overlayNoteWidth)
            height: implicitHeight
            visible: panel.note !== null && panel.note !== undefined && panel.noteLetter === panel.pagesOf
            phrase: visible ? panel.note.phrase : ""
            note: visible ? panel.note.note : ""
            mark: panel.markOf(Math.max(0, panel.noteLetter))
            onClosed: panel.noteNumber = -1
        }
    }

    // A long letter whole, over the panel, with a large Close; the excerpts wait beneath. Its
    // noted phrases open their notes over the sheet's foot, as on the panel.
    Rectangle {
        id: readingOverlay

        objectName: "readingOverlay"
        anchors.fill: parent
        visible: panel.readingOf >= 0
        color: Style.paper
        Accessible.role: Accessible.Dialog
        Accessible.name: qsTr("The whole letter")
        Accessible.ignored: !visible
        Keys.onEscapePressed: panel.closeWholeLetter()

        // Touches on the overlay stay on it.
        TapHandler {}

        KioskButton {
            id: closeReading

            objectName: "closeWholeLetter"
            anchors.top: parent.top
            anchors.right: parent.right
            text: qsTr("Close")
            glyph: "×"
            prominent: true
            onClicked: panel.closeWholeLetter()
        }

        LetterHead {
            id: readingHead

            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: closeReading.left
            anchors.rightMargin: Style.geometry.pair.overlayHeadGap
            index: Math.max(0, panel.readingOf)
            offersPages: false
        }

        Rectangle {
            id: readingSheet

            anchors.top: readingHead.bottom
            anchors.topMargin: Style.geometry.pair.overlayTopGap
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            color: Style.card
            border.width: Style.px(2)
            border.color: Style.rule

            ScrollArea {
                id: readingArea

                objectName: "wholeLetter"
                anchors.fill: parent
                anchors.margins: readingSheet.inset
                anchors.rightMargin: Style.geometry.pair.clausesRightMargin
                anchors.bottomMargin: readingNote.visible ? readingNote.height + Style.geometry.pair.noteGap : Style.geometry.pair.clausesBottom
                fadeColor: Style.card
                contentHeight: readingColumn.implicitHeight + Style.geometry.pair.clausesBottom

                Column {
                    id: readingColumn

                    width: Math.min(readingArea.flickable.width, Style.measureWidth)
                    spacing: Style.geometry.pair.rowSpacing

                    Repeater {
                        model: panel.readingLetter ? panel.readingLetter.paragraphs : []

                        Clause {
                            required property var modelData

                            width: readingColumn.width
                            letter: Math.max(0, panel.readingOf)
                            font.pixelSize: Style.bodySize * 0.92
                            content: modelData
                        }
                    }
                }
            }

            NoteCard {
                id: readingNote

                objectName: "readingNoteCard"
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: Style.geometry.pair.noteMargin
                height: implicitHeight
                visible: panel.note !== null && panel.note !== undefined && panel.noteLetter === panel.readingOf
                phrase: visible ? panel.note.phrase : ""
                note: visible ? panel.note.note : ""
                mark: panel.markOf(Math.max(0, panel.noteLetter))
                onClosed: panel.noteNumber = -1
            }

            readonly property real inset: Style.geometry.pair.sheetInset
        }
    }
}
