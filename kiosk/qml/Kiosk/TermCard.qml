import QtQuick
import Kiosk

// A glossary term's definition, in a card beside the term on the panel: below its words where
// there is room, else above, never over them, and always inside the screen.
//
// While it is open it covers the screen with a clear layer: a touch anywhere outside the card
// (the term itself included) closes it, and does nothing else, so that a visitor never turns a
// panel, a section or the language under an open card. The keyboard's focus is on the card, so
// that its keys cannot either; Escape or Close closes it and the focus goes back to the term.
// The focus taken elsewhere (the screens do so when the panel or the section changes, whatever
// changed it) closes it too; a language shown anew closes it (RichText.qml), and a visit's end
// takes it away with the screens.
Item {
    id: layer

    property color mark: Style.accentOne
    // The term shown: {id, shown, headword, definition (styled text), spoken}; null when closed.
    property var term: null
    // The term's words, which the card stands beside, and the control the focus goes back to.
    property Item words: null
    property Item opener: null
    property bool byKeyboard: false
    readonly property bool open: layer.term !== null
    // Drawn over the screens, outside them: while open, the keyboard's focus is the card's, and
    // the screens do not take it back (SectionScreen.keepFocusInSight).
    readonly property bool holdsFocus: layer.open

    function show(words: Item, opener: Item, term: var, byKeyboard: bool) {
        layer.words = words;
        layer.opener = opener;
        layer.byKeyboard = byKeyboard;
        layer.term = term;
        card.forceActiveFocus(byKeyboard ? Qt.TabFocusReason : Qt.OtherFocusReason);
        card.Accessible.announce(card.Accessible.name + ". " + card.Accessible.description);
    }

    function close() {
        if (!layer.open)
            return;
        const opener = layer.opener;
        const focusBack = layer.hasFocus();
        layer.term = null;
        layer.words = null;
        layer.opener = null;
        if (focusBack && opener !== null && opener.visible)
            opener.forceActiveFocus(layer.byKeyboard ? Qt.TabFocusReason : Qt.OtherFocusReason);
    }

    function hasFocus(): bool {
        for (let item = layer.Window.activeFocusItem; item !== null; item = item.parent) {
            if (item === layer)
                return true;
        }
        return false;
    }

    // Where the term's words are on the stage, and the card beside them.
    readonly property rect wordsBox: layer.open && layer.words !== null && layer.parent !== null ? layer.words.mapToItem(layer, 0, 0, layer.words.width, layer.words.height) : Qt.rect(0, 0, 0, 0)
    readonly property real edge: Style.margin
    readonly property real gap: Style.px(14)
    readonly property bool roomBelow: layer.wordsBox.y + layer.wordsBox.height + layer.gap + card.height <= layer.height - layer.edge
    readonly property bool roomAbove: layer.wordsBox.y - layer.gap - card.height >= layer.edge

    Connections {
        target: layer.Window.window

        function onActiveFocusItemChanged() {
            if (layer.open && !layer.hasFocus())
                layer.close();
        }
    }

    x: 0
    y: 0
    width: layer.parent ? layer.parent.width : 0
    height: layer.parent ? layer.parent.height : 0
    z: 1000
    visible: layer.open

    MouseArea {
        objectName: "termCardOutside"
        anchors.fill: parent
        Accessible.ignored: true
        onPressed: layer.close()
    }

    Rectangle {
        id: card

        objectName: "termCardBox"
        width: Math.min(layer.width - 2 * layer.edge, Style.px(760))
        height: content.implicitHeight + 2 * Style.px(28)
        x: Math.max(layer.edge, Math.min(layer.wordsBox.x - Style.px(28), layer.width - layer.edge - card.width))
        y: layer.roomBelow || !layer.roomAbove ? Math.min(layer.wordsBox.y + layer.wordsBox.height + layer.gap, Math.max(layer.edge, layer.height - layer.edge - card.height)) : layer.wordsBox.y - layer.gap - card.height
        radius: Style.px(10)
        color: Style.card
        border.width: Style.px(2)
        border.color: Style.rule
        activeFocusOnTab: true

        Accessible.role: Accessible.Dialog
        Accessible.name: layer.term ? layer.term.headword : ""
        Accessible.description: layer.term ? layer.term.spoken : ""
        Keys.onEscapePressed: layer.close()
        // The focus stays in the card while it is open: Tab goes between it and Close.
        Keys.onTabPressed: closeButton.forceActiveFocus(Qt.TabFocusReason)
        Keys.onBacktabPressed: closeButton.forceActiveFocus(Qt.BacktabFocusReason)

        // Touches on the card stay on it.
        MouseArea {
            anchors.fill: parent
            Accessible.ignored: true
        }

        Rectangle {
            anchors.left: parent.left
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            anchors.margins: Style.px(2)
            width: Style.px(8)
            color: layer.mark
        }

        Column {
            id: content

            anchors.left: parent.left
            anchors.right: closeButton.left
            anchors.top: parent.top
            anchors.leftMargin: Style.px(40)
            anchors.rightMargin: Style.px(16)
            anchors.topMargin: Style.px(28)
            spacing: Style.px(10)

            Text {
                objectName: "termHeadword"
                width: parent.width
                text: layer.term ? layer.term.headword : ""
                textFormat: Text.PlainText
                font.family: Style.bodyFont
                font.pixelSize: Style.bodySize
                font.weight: Font.Bold
                color: Style.ink
                wrapMode: Text.Wrap
            }

            Text {
                objectName: "termDefinition"
                width: parent.width
                text: layer.term ? layer.term.definition : ""
                textFormat: Text.StyledText
                font.family: Style.bodyFont
                font.pixelSize: Style.captionSize * 1.1
                lineHeight: 1.25
                color: Style.ink
                wrapMode: Text.Wrap
            }
        }

        KioskButton {
            id: closeButton

            objectName: "closeTerm"
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: Style.px(12)
            width: Style.touchTarget
            text: "×"
            Accessible.name: qsTr("Close the explanation")
            Keys.onEscapePressed: layer.close()
            Keys.onTabPressed: card.forceActiveFocus(Qt.TabFocusReason)
            Keys.onBacktabPressed: card.forceActiveFocus(Qt.BacktabFocusReason)
            onClicked: layer.close()
        }
    }
}
