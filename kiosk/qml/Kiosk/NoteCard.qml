import QtQuick
import QtQuick.Templates as T
import Kiosk

// The note on a phrase of a letter: the phrase as the letter has it, and a line or two on it.
Rectangle {
    id: card

    property string phrase: ""
    property string note: ""
    property color mark: Style.accentOne

    signal closed

    // The control the keyboard was on when the note opened: the focus goes back to it on closing.
    property Item opener: null

    // A note opened from the keyboard (the focus was on a noted phrase) takes the focus onto its
    // Close, so that Enter or Escape closes it again.
    function followKeyboard() {
        const focused = card.Window.activeFocusItem;
        const control = focused as T.Control;
        const byKeys = focused !== null && (control !== null ? control.visualFocus : focused.activeFocusOnTab);
        if (!card.visible || !byKeys)
            return;
        for (let item = focused; item !== null; item = item.parent) {
            if (item === card)
                return;
        }
        card.opener = focused;
        close.forceActiveFocus(Qt.TabFocusReason);
    }

    function closeByKeyboard() {
        const opener = card.opener;
        card.opener = null;
        card.closed();
        if (opener !== null && opener.visible && opener.enabled)
            opener.forceActiveFocus(Qt.TabFocusReason);
    }

    onVisibleChanged: Qt.callLater(card.followKeyboard)
    onNoteChanged: Qt.callLater(card.followKeyboard)
    Keys.onEscapePressed: card.closeByKeyboard()

    implicitHeight: words.implicitHeight + Style.px(56)
    radius: Style.px(10)
    color: Style.card
    border.width: Style.px(2)
    border.color: card.mark
    Accessible.role: Accessible.Note
    Accessible.name: card.phrase + ". " + card.note

    // Touches on the card stay on it: they do not reach the letter underneath.
    TapHandler {}

    Rectangle {
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.margins: Style.px(2)
        width: Style.px(8)
        color: card.mark
    }

    Column {
        id: words

        anchors.left: parent.left
        anchors.right: close.left
        anchors.top: parent.top
        anchors.leftMargin: Style.px(40)
        anchors.rightMargin: Style.px(16)
        anchors.topMargin: Style.px(26)
        spacing: Style.px(8)

        Text {
            text: qsTr("NOTE")
            textFormat: Text.PlainText
            font.family: Style.interfaceFont
            font.pixelSize: Style.captionSize * 0.85
            font.weight: Font.Bold
            font.letterSpacing: Style.px(2)
            color: card.mark
        }

        Text {
            objectName: "notePhrase"
            width: parent.width
            text: qsTr("“%1”", "a phrase quoted from the letter").arg(card.phrase)
            textFormat: Text.PlainText
            font.family: Style.typewriterFont
            font.pixelSize: Style.captionSize
            color: Style.inkSoft
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }

        Text {
            objectName: "noteText"
            width: parent.width
            text: card.note
            textFormat: Text.PlainText
            font.family: Style.bodyFont
            font.pixelSize: Style.captionSize * 1.1
            lineHeight: 1.2
            color: Style.ink
            wrapMode: Text.Wrap
        }
    }

    KioskButton {
        id: close

        objectName: "closeNote"
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Style.px(12)
        width: Style.touchTarget
        text: "×"
        Accessible.name: qsTr("Close the note")
        onClicked: {
            if (close.visualFocus)
                card.closeByKeyboard();
            else
                card.closed();
        }
    }
}
