pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T
import Kiosk.Backend

// The visitor's own options, at the foot of every screen where a finger reaches: the language,
// each named in its own words, and Access, which opens a small sheet of three switches above it.
Item {
    id: options

    property KioskExhibit exhibit: null
    property KioskAccess access: null
    property bool sheetOpen: false
    // The language toggle may stand elsewhere (in a section's header); Access is always here,
    // low on the screen, and its sheet offers the languages too.
    property bool showLanguages: true

    readonly property var languages: options.exhibit ? (options.exhibit.languages ?? []) : []

    // The screen the sheet opens over, which holds these options. The sheet stands in it rather
    // than inside the options: Qt Quick (6.8 on) looks for a touch's target among an item's
    // children only if the touch falls within the item or Qt has seen a child of it reach outside,
    // and it keeps that judgement from one touch to the next without looking again when a hidden
    // child is shown. The sheet, shown well outside the options and the footer that hold them, was
    // skipped with them once any touch had landed elsewhere first.
    required property Item sheetScreen

    // Where the sheet opens, on that screen: above the button, or below it when the screen has no
    // room above (the home screen of a wide screen, whose options stand high up); its right edge
    // under the button's; never past the screen's edges, which in reach mode are the reachable
    // band's.
    property real sheetX: 0
    property real sheetY: 0

    function placeSheet(): void {
        if (!options.sheetOpen)
            return;
        const screen = options.sheetScreen;
        const place = options.mapToItem(screen, 0, 0);
        const gap = Style.px(20);
        const down = place.y < sheet.height + gap && screen.height - place.y - options.height > place.y;
        const wanted = down ? place.y + options.height + gap : place.y - sheet.height - gap;
        options.sheetY = Math.max(0, Math.min(wanted, screen.height - sheet.height));
        options.sheetX = Math.max(0, Math.min(place.x + options.width - sheet.width, screen.width - sheet.width));
    }

    // From the keyboard the sheet is a dialog: opened by a key, it takes the focus; Tab and
    // Shift+Tab go round its controls; Escape or Close closes it, and the focus comes back to
    // Access. (It stands last on its screen, where the window's own order of Tab would reach it
    // only after Next.)
    function holdsFocus(item: Item): bool {
        for (let ancestor = item; ancestor !== null; ancestor = ancestor.parent) {
            if (ancestor === sheet)
                return true;
        }
        return false;
    }

    function stepFocus(forward: bool): void {
        const focused = options.Window.activeFocusItem;
        let next = focused;
        // Round the window's chain of controls to the next one in the sheet.
        for (let step = 0; step < 1000 && next !== null; step++) {
            next = next.nextItemInFocusChain(forward);
            if (next === focused || options.holdsFocus(next))
                break;
        }
        if (next !== null && options.holdsFocus(next))
            next.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason);
    }

    // Ahead of the controls, which take Tab themselves to pass the focus on along the window's chain.
    Shortcut {
        sequence: "Tab"
        enabled: options.sheetOpen && options.holdsFocus(options.Window.activeFocusItem)
        onActivated: options.stepFocus(true)
    }
    Shortcut {
        sequences: ["Shift+Tab", "Backtab"]
        enabled: options.sheetOpen && options.holdsFocus(options.Window.activeFocusItem)
        onActivated: options.stepFocus(false)
    }

    function openSheet(): void {
        options.sheetOpen = true;
        if (accessButton.visualFocus)
            options.stepFocus(true);
    }

    function closeSheet(): void {
        const focused = options.Window.activeFocusItem as T.Control;
        if (options.holdsFocus(options.Window.activeFocusItem))
            accessButton.forceActiveFocus(focused !== null && focused.visualFocus ? Qt.TabFocusReason : Qt.OtherFocusReason);
        options.sheetOpen = false;
    }

    // Placed again whenever the options move within the screen (they are laid out anew for larger
    // text, and the screen is turned or brought within reach), at any level between them and it.
    onSheetOpenChanged: options.placeSheet()
    onXChanged: options.placeSheet()
    onYChanged: options.placeSheet()
    Component.onCompleted: {
        for (let holder = options.parent; holder !== null && holder !== options.sheetScreen; holder = holder.parent) {
            holder.xChanged.connect(options.placeSheet);
            holder.yChanged.connect(options.placeSheet);
        }
    }
    Connections {
        target: options.sheetScreen

        function onWidthChanged() {
            options.placeSheet();
        }
        function onHeightChanged() {
            options.placeSheet();
        }
    }
    Connections {
        target: Style

        function onUnitChanged() {
            options.placeSheet();
        }
        function onPortraitChanged() {
            options.placeSheet();
        }
    }

    implicitWidth: row.implicitWidth
    implicitHeight: Style.touchTarget
    width: implicitWidth
    height: implicitHeight
    z: 10

    Row {
        id: row

        anchors.right: parent.right
        spacing: Style.px(20)

        LanguageToggle {
            objectName: "languageToggle"
            visible: options.showLanguages && options.languages.length > 1
            exhibit: options.exhibit
        }

        KioskButton {
            id: accessButton

            visible: options.access !== null
            objectName: "accessButton"
            text: qsTr("Access")
            glyph: "Aa"
            Accessible.description: qsTr("Larger text and high contrast, less motion, controls within reach")
            onClicked: options.sheetOpen ? options.closeSheet() : options.openSheet()
        }
    }

    // A switch: its label, what it does, and its state in words as well as in its position.
    component Switch: T.AbstractButton {
        id: toggle

        property string hint: ""

        width: parent ? parent.width : implicitWidth
        implicitHeight: Math.max(Style.touchTarget, words.implicitHeight + Style.px(24))
        focusPolicy: Qt.StrongFocus
        Accessible.role: Accessible.CheckBox
        Accessible.name: toggle.text
        Accessible.description: toggle.hint
        Accessible.checkable: true
        Accessible.checked: toggle.checked
        Keys.onReturnPressed: toggle.click()
        Keys.onEnterPressed: toggle.click()

        background: Rectangle {
            radius: Style.px(12)
            color: toggle.down ? Style.paperShade : "transparent"

            FocusRing {
                shown: toggle.visualFocus
            }
        }

        contentItem: Item {
            Column {
                id: words

                anchors.left: parent.left
                anchors.right: track.left
                anchors.rightMargin: Style.px(24)
                anchors.verticalCenter: parent.verticalCenter
                spacing: Style.px(4)

                Text {
                    width: parent.width
                    text: toggle.text
                    textFormat: Text.PlainText
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.labelSize
                    font.weight: Font.Bold
                    color: Style.ink
                    wrapMode: Text.Wrap
                }
                Text {
                    width: parent.width
                    visible: toggle.hint !== ""
                    text: toggle.hint
                    textFormat: Text.PlainText
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.captionSize
                    color: Style.inkSoft
                    wrapMode: Text.Wrap
                }
            }

            // The track fills and the knob moves to the right when on; "On" or "Off" is written in it.
            Rectangle {
                id: track

                anchors.right: parent.right
                anchors.rightMargin: Style.px(12)
                anchors.verticalCenter: parent.verticalCenter
                width: Math.max(Style.px(120), onOff.implicitWidth + knob.width + Style.px(36))
                height: Style.px(56)
                radius: height / 2
                color: toggle.checked ? Style.ink : Style.card
                border.width: Style.px(3)
                border.color: toggle.checked ? Style.ink : Style.inkSoft

                Rectangle {
                    id: knob

                    x: toggle.checked ? track.width - width - Style.px(7) : Style.px(7)
                    anchors.verticalCenter: parent.verticalCenter
                    width: track.height - Style.px(14)
                    height: width
                    radius: width / 2
                    color: toggle.checked ? Style.paper : Style.inkSoft
                }

                Text {
                    id: onOff

                    x: toggle.checked ? Style.px(16) : knob.x + knob.width + Style.px(10)
                    anchors.verticalCenter: parent.verticalCenter
                    text: toggle.checked ? qsTr("On") : qsTr("Off")
                    textFormat: Text.PlainText
                    font.family: Style.interfaceFont
                    font.pixelSize: Style.captionSize
                    font.weight: Font.Bold
                    color: toggle.checked ? Style.paper : Style.ink
                }
            }
        }
    }

    // Opens above the Access button, and closes with it, with Close, or when the visitor moves on.
    Rectangle {
        id: sheet

        objectName: "accessSheet"
        parent: options.sheetScreen
        // Over everything else on the screen.
        z: 10
        visible: options.sheetOpen && options.visible
        x: options.sheetX
        y: options.sheetY
        width: Math.min(Style.px(820), options.Window.width - 2 * Style.margin)
        height: sheetColumn.implicitHeight + 2 * Style.px(28)
        radius: Style.px(16)
        color: Style.card
        border.width: Style.px(2)
        border.color: Style.rule
        Accessible.role: Accessible.Dialog
        onWidthChanged: options.placeSheet()
        onHeightChanged: options.placeSheet()
        Accessible.name: qsTr("Access")
        Keys.onEscapePressed: event => {
            options.closeSheet();
            event.accepted = true;
        }

        // Touches on the sheet stay on the sheet.
        MouseArea {
            anchors.fill: parent
        }

        Column {
            id: sheetColumn

            x: Style.px(28)
            y: Style.px(28)
            width: sheet.width - 2 * Style.px(28)
            spacing: Style.px(8)

            // The languages beside Close, so that the sheet stays short.
            Item {
                width: parent.width
                height: closeButton.height

                LanguageToggle {
                    objectName: "sheetLanguageToggle"
                    anchors.verticalCenter: parent.verticalCenter
                    exhibit: options.exhibit
                }

                KioskButton {
                    id: closeButton

                    objectName: "accessSheetClose"
                    anchors.right: parent.right
                    text: qsTr("Close")
                    glyph: "×"
                    onClicked: options.closeSheet()
                }
            }

            Switch {
                objectName: "largeTextSwitch"
                text: qsTr("Larger text")
                hint: qsTr("Bigger type, in black on white")
                checked: options.access !== null && options.access.largeText
                onClicked: options.access.toggleLargeText()
            }

            Switch {
                objectName: "reducedMotionSwitch"
                text: qsTr("Less motion")
                hint: qsTr("Nothing slides or zooms; screens fade instead")
                checked: options.access !== null && options.access.reducedMotion
                onClicked: options.access.toggleReducedMotion()
            }

            Switch {
                objectName: "reachModeSwitch"
                visible: options.access !== null && options.access.reachNeeded
                text: qsTr("Controls within reach")
                hint: qsTr("Everything in the lower part of the screen, for seated visitors")
                checked: options.access !== null && options.access.reachMode
                onClicked: options.access.toggleReachMode()
            }

            Switch {
                objectName: "audioDescriptionSwitch"
                visible: options.access !== null && options.access.audioDescriptionOffered
                text: qsTr("Audio description")
                hint: qsTr("Films say what they show, where they can")
                checked: options.access !== null && options.access.audioDescription
                onClicked: options.access.toggleAudioDescription()
            }
        }
    }
}
