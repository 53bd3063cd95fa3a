import QtQuick

// A title set large that breaks only between words: a word longer than the line (Russian has
// many, and larger text makes them longer) sets the whole title smaller instead, down to 60%.
Text {
    id: title

    property real size: Style.titleSize

    font.family: Style.displayFont
    font.pixelSize: longestWord.advanceWidth > title.width && title.width > 0
                    ? Math.max(Math.round(title.size * 0.6), Math.floor(title.size * title.width / longestWord.advanceWidth))
                    : title.size
    font.weight: Font.Bold
    color: Style.ink
    wrapMode: Text.Wrap
    textFormat: Text.PlainText

    TextMetrics {
        id: longestWord

        font.family: title.font.family
        font.pixelSize: title.size
        font.weight: Font.Bold
        text: title.text.split(/\s+/).reduce((longest, word) => word.length > longest.length ? word : longest, "")
    }
}
