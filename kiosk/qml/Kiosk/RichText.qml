pragma ComponentBehavior: Bound
import QtQuick

// Body text in the exhibit's safe Markdown subset: paragraphs, and list items set with a hanging
// bullet, each block already rendered to styled text.
Column {
    id: body

    property var blocks: []
    property real size: Style.bodySize
    property real lineHeight: Style.geometry.grid.bodyLineHeight
    property color color: Style.ink

    visible: body.blocks.length > 0

    Repeater {
        model: body.blocks

        Item {
            id: block

            required property var modelData
            required property int index

            readonly property bool isItem: block.modelData.kind === "item"
            readonly property bool followsItem: block.index > 0 && body.blocks[block.index - 1].kind === "item"
            readonly property real gap: block.index === 0 ? 0 : body.size * (block.isItem && block.followsItem ? 0.3 : 0.8)

            width: body.width
            height: block.gap + line.implicitHeight

            Text {
                y: block.gap
                visible: block.isItem
                text: "•"
                textFormat: Text.PlainText
                Accessible.ignored: true
                font.family: Style.bodyFont
                font.pixelSize: body.size
                lineHeight: body.lineHeight
                color: body.color
            }

            Text {
                id: line

                x: block.isItem ? body.size * 1.1 : 0
                y: block.gap
                width: body.width - x
                text: block.modelData.text
                textFormat: Text.StyledText
                wrapMode: Text.Wrap
                font.family: Style.bodyFont
                font.pixelSize: body.size
                lineHeight: body.lineHeight
                color: body.color
            }
        }
    }
}
