pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A letter's paragraph as typed, its noted phrases marked as with a highlighter: a touch on one
// asks for its note.
Text {
    id: paragraph

    // The paragraph as rich text, noted phrases as links "note:N" (from the view model).
    property string html: ""
    property bool summary: false
    property int selectedNote: -1
    property color mark: Style.accentOne

    signal noteTapped(int number)

    function marked(html: string, selected: int): string {
        const tint = Qt.tint(Style.card, Qt.rgba(paragraph.mark.r, paragraph.mark.g, paragraph.mark.b, 0.16));
        const strong = Qt.tint(Style.card, Qt.rgba(paragraph.mark.r, paragraph.mark.g, paragraph.mark.b, 0.34));
        return html.replace(/<a href="note:(\d+)">/g, (found, number) => {
            const shade = Number(number) === selected ? strong : tint;
            return '<span style="background-color:' + shade + '"><a href="note:' + number + '" style="color:' + Style.ink + '; text-decoration:none">';
        }).replace(/<\/a>/g, "</a></span>");
    }

    text: paragraph.marked(paragraph.html, paragraph.selectedNote)
    textFormat: Text.RichText
    font.family: Style.typewriterFont
    font.pixelSize: Style.bodySize * 0.92
    font.italic: paragraph.summary
    lineHeight: 1.3
    color: Style.ink
    wrapMode: Text.Wrap
    onLinkActivated: link => {
        if (link.startsWith("note:"))
            paragraph.noteTapped(Number(link.slice(5)));
    }
}
