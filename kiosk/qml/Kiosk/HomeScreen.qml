pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T
import Kiosk.Backend

// The exhibit's front page: its title and one tile for each section. From the keyboard, Tab
// reaches the tiles and the arrows move among them; coming back home, the keyboard's focus is on
// the tile of the section the visitor chose last.
Item {
    id: home

    required property KioskExhibit exhibit
    // The visitor's options, shown under the tiles; null: none.
    property KioskAccess access: null
    // Whether the tiles ask for their pictures. The first frame shows the tiles without them (the
    // pictures are decoded on another thread, and arrive after it): asked for once the tiles have
    // their final sizes, each is decoded once, and not on the processor the first frame needs.
    property bool picturesShown: true

    signal sectionChosen(int index)

    // The tile chosen last: the keyboard's focus returns to it.
    property int chosenTile: 0
    // Whether the visitor steers by keys: the control last focused shows its ring.
    property bool steeringByKeys: false

    function focusTile(index: int, byKeys: bool) {
        const tile = tiles.itemAt(Math.max(0, Math.min(tiles.count - 1, index))) as SectionTile;
        if (tile)
            tile.forceActiveFocus(byKeys ? Qt.TabFocusReason : Qt.OtherFocusReason);
    }

    // Back home from a section by the keyboard: the focus comes to the tile, not to nothing.
    onEnabledChanged: {
        if (home.enabled && home.steeringByKeys)
            Qt.callLater(home.focusTile, home.chosenTile, true);
    }

    Connections {
        target: home.Window.window

        function onActiveFocusItemChanged() {
            const control = home.Window.activeFocusItem as T.Control;
            if (control !== null)
                home.steeringByKeys = control.visualFocus;
        }
    }

    readonly property int sectionCount: tiles.count
    // Two columns on a tall screen, and on the squarish band of a tall screen in reach mode.
    readonly property bool narrow: !Style.geometry.home.wide
    readonly property int columns: home.narrow ? Math.min(2, sectionCount) : Math.min(sectionCount > 4 ? 3 : 4, sectionCount)
    // In reach mode the title stands in the band above, out of reach but in view; the tiles
    // take its place here.
    readonly property bool compact: home.access !== null && home.access.reachMode
    readonly property int rows: Math.ceil(sectionCount / Math.max(1, columns))
    // Where a section's tile stands on this screen: the section opens out of it and closes into it.
    function tileRect(index: int): rect {
        const tile = tiles.itemAt(index) as SectionTile;
        if (!tile)
            return Qt.rect(home.width / 2, home.height / 2, 0, 0);
        // Read from the geometry itself, so that bindings follow the tiles when the screen turns.
        return Qt.rect(grid.x + tile.x, grid.y + tile.y, tile.width, tile.height);
    }

    readonly property real tallestTileWords: {
        let tallest = 0;
        for (let index = 0; index < tiles.count; ++index) {
            const tile = tiles.itemAt(index) as SectionTile;
            if (tile)
                tallest = Math.max(tallest, tile.naturalWordsHeight);
        }
        return tallest;
    }

    Column {
        id: header

        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Style.margin
        anchors.topMargin: home.compact ? 0 : Style.margin * Style.geometry.home.titleTopMargins
        height: home.compact ? 0 : implicitHeight
        visible: !home.compact
        spacing: Style.geometry.home.headerSpacing

        Text {
            objectName: "exhibitTitle"
            width: Math.min(parent.width, Style.geometry.home.titleWidth)
            text: home.exhibit.title
            textFormat: Text.PlainText
            font.family: Style.displayFont
            font.pixelSize: Style.displaySize
            font.weight: Font.Bold
            lineHeight: 1.0
            color: Style.ink
            wrapMode: Text.Wrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }

        Row {
            spacing: 0
            Rectangle {
                width: Style.geometry.home.titleBar.width
                height: Style.geometry.home.titleBar.height
                color: Style.accentOne
            }
            Rectangle {
                width: Style.geometry.home.titleBar.width
                height: Style.geometry.home.titleBar.height
                color: Style.accentTwo
            }
        }

        Text {
            width: Math.min(parent.width, Style.geometry.home.taglineWidth)
            text: home.exhibit.subtitle
            textFormat: Text.PlainText
            visible: text !== ""
            font.family: Style.bodyFont
            font.pixelSize: Style.leadSize
            lineHeight: 1.2
            color: Style.inkSoft
            wrapMode: Text.Wrap
        }
    }

    Text {
        id: invitation

        anchors.left: parent.left
        anchors.leftMargin: Style.margin
        anchors.bottom: grid.top
        anchors.bottomMargin: Style.geometry.home.invitationGap
        text: home.exhibit.invitation
        textFormat: Text.PlainText
        visible: text !== ""
        font.family: Style.interfaceFont
        font.pixelSize: Style.labelSize
        font.weight: Font.Bold
        font.letterSpacing: Style.geometry.home.invitationLetterSpacing
        color: Style.ink

        // A few slow pulses each time the home screen appears, then rest: an idle kiosk should
        // not keep redrawing the screen for nobody.
        SequentialAnimation on opacity {
            loops: 3
            running: home.visible && !Style.reducedMotion
            NumberAnimation {
                from: 1
                to: 0.45
                duration: 1400
                easing.type: Easing.InOutSine
            }
            NumberAnimation {
                from: 0.45
                to: 1
                duration: 1400
                easing.type: Easing.InOutSine
            }
        }
    }

    Grid {
        id: grid

        readonly property real cellWidth: (width - (home.columns - 1) * spacing) / Math.max(1, home.columns)
        readonly property real cellHeight: (height - (home.rows - 1) * spacing) / Math.max(1, home.rows)

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Style.margin
        anchors.bottomMargin: homeOptions.visible && Style.portrait ? homeOptions.height + Style.geometry.home.optionsBottom + Style.geometry.home.invitationGap : Style.margin
        anchors.top: header.bottom
        // On a wide screen the visitor's options share the invitation's line, standing a little
        // into the room above it.
        anchors.topMargin: Style.geometry.home.invitationGap + (homeOptions.visible && !Style.portrait
            ? Math.max(Style.margin + invitation.height, Style.geometry.home.optionsTopRoom + homeOptions.height)
            : Style.margin + invitation.height)
        columns: home.columns
        spacing: Style.gutter

        Repeater {
            id: tiles

            model: home.exhibit.sections

            SectionTile {
                required property int index
                required property var model

                objectName: "sectionTile" + index
                width: grid.cellWidth
                height: grid.cellHeight
                text: model.title
                teaser: model.teaser
                side: model.side
                image: home.picturesShown ? model.tileImage : ""
                number: model.number
                wordsHeight: home.tallestTileWords
                onClicked: {
                    home.chosenTile = index;
                    home.sectionChosen(index);
                }
                // Left and right go tile by tile, up and down row by row.
                Keys.onPressed: event => {
                    const step = event.key === Qt.Key_Left ? -1 : event.key === Qt.Key_Right ? 1
                               : event.key === Qt.Key_Up ? -home.columns : event.key === Qt.Key_Down ? home.columns : 0;
                    const target = index + step;
                    event.accepted = step !== 0 && target >= 0 && target < tiles.count;
                    if (event.accepted)
                        home.focusTile(target, true);
                }
            }
        }
    }

    // Where a seated visitor's hand reaches too: at the foot of a tall screen, and on a wide one
    // at the end of the invitation's line, just above the tiles.
    VisitorOptions {
        id: homeOptions

        objectName: "homeOptions"
        x: parent.width - Style.margin - width
        y: Style.portrait ? parent.height - Style.geometry.home.optionsBottom - height : grid.y - Style.geometry.home.invitationGap - height
        visible: home.access !== null
        sheetScreen: home
        exhibit: home.exhibit
        access: home.access
    }
}
