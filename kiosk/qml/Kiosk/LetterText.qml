pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A letter's paragraph as typed, its noted phrases marked as with a highlighter: a touch on one
// asks for its note. From the keyboard, Tab stops on each noted phrase in turn and Enter opens it.
Text {
    id: paragraph

    // The paragraph from the view model: its pieces, text, noted phrases and markup (notes.py).
    property var content: ({})
    // The paragraph as rich text, noted phrases as links "note:N".
    readonly property string html: paragraph.content.html ?? ""
    property bool summary: false
    property int selectedNote: -1
    property color mark: Style.accentOne
    // WCAG 2.5.5's 44 px, and more where the kiosk's targets are larger on its screen.
    readonly property real minimumTarget: 44

    // The noted phrases in reading order: [{number, phrase}].
    readonly property var notes: paragraph.content.notes ?? []
    // The phrase the keyboard is on while the paragraph has the keyboard's focus, else -1.
    property int pointed: -1
    readonly property int pointedIndex: paragraph.notes.findIndex(found => found.number === paragraph.pointed)

    signal noteTapped(int number)

    // The phrase the keyboard is on is drawn in reverse, ink on its mark, so that it shows at once;
    // the one whose note is open on a stronger tint.
    readonly property color tint: Qt.tint(Style.card, Qt.rgba(paragraph.mark.r, paragraph.mark.g, paragraph.mark.b, 0.16))
    readonly property color strongTint: Qt.tint(Style.card, Qt.rgba(paragraph.mark.r, paragraph.mark.g, paragraph.mark.b, 0.34))

    // Steps to the next (or previous) noted phrase; false at the last, so that Tab goes on.
    function step(by: int): bool {
        const next = paragraph.pointedIndex + by;
        if (next < 0 || next >= paragraph.notes.length)
            return false;
        paragraph.pointed = paragraph.notes[next].number;
        return true;
    }

    text: Style.layouts?.letterMarkup(paragraph.content.pieces ?? [], paragraph.selectedNote, paragraph.pointed, Style.ink, Style.card, paragraph.tint, paragraph.strongTint) ?? ""
    textFormat: Text.RichText
    font.family: Style.typewriterFont
    font.pixelSize: Style.bodySize * 0.92
    font.italic: paragraph.summary && Style.typewriterItalic
    // Each line at least as tall as the smallest target a finger is given: a noted phrase is touched.
    lineHeightMode: Text.FixedHeight
    lineHeight: Math.max(Math.ceil(paragraph.font.pixelSize * 1.3), paragraph.minimumTarget)
    color: Style.ink
    wrapMode: Text.Wrap
    // The note a touch at (x, y) is for: a phrase answers over its whole line's height, the space
    // between lines included, so that each is a finger's height; the nearer line wins.
    function noteAt(x: real, y: real): int {
        const reach = Math.max(0, paragraph.lineHeight - paragraph.font.pixelSize);
        for (let offset = 0; offset <= reach; offset += 2) {
            for (const probe of [y - offset, y + offset]) {
                const link = paragraph.linkAt(x, probe);
                if (link.startsWith("note:"))
                    return Number(link.slice(5));
            }
        }
        return -1;
    }

    // Only a paragraph with notes answers a finger: any other (a salutation, an excerpt's "[…]")
    // is words to read, and a control there would be smaller than a finger.
    TapHandler {
        enabled: paragraph.notes.length > 0
        onTapped: eventPoint => {
            const number = paragraph.noteAt(eventPoint.position.x, eventPoint.position.y);
            if (number >= 0)
                paragraph.noteTapped(number);
        }
    }

    activeFocusOnTab: paragraph.notes.length > 0
    onActiveFocusChanged: paragraph.pointed = paragraph.activeFocus && paragraph.notes.length > 0 ? paragraph.notes[0].number : -1
    Keys.onTabPressed: event => {
        event.accepted = paragraph.step(1);
    }
    Keys.onBacktabPressed: event => {
        event.accepted = paragraph.step(-1);
    }
    Keys.onReturnPressed: paragraph.noteTapped(paragraph.pointed)
    Keys.onEnterPressed: paragraph.noteTapped(paragraph.pointed)
    Keys.onSpacePressed: paragraph.noteTapped(paragraph.pointed)

    Accessible.role: paragraph.notes.length > 0 ? Accessible.Link : Accessible.Paragraph
    Accessible.name: paragraph.pointedIndex >= 0 ? qsTr("Note on “%1”").arg(paragraph.notes[paragraph.pointedIndex].phrase) : (paragraph.content.text ?? "")
    Accessible.description: paragraph.notes.length > 0 ? qsTr("Noted phrases: %1").arg(paragraph.notes.map(found => qsTr("“%1”").arg(found.phrase)).join(", ")) : ""
    Accessible.onPressAction: paragraph.noteTapped(paragraph.pointed >= 0 ? paragraph.pointed : paragraph.notes[0].number)

    FocusRing {
        anchors.margins: -Style.px(4)
        shown: paragraph.activeFocus
    }
}
