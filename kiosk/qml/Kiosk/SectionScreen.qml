pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T
import Kiosk.Backend

// A section: its panels side by side, moved through by swiping or by the labelled controls.
// From the keyboard: Tab goes through the open panel's controls and then the footer's, the arrows
// turn the panels, and Escape closes what is open on the panel, else goes back.
Item {
    id: screen

    required property KioskNavigation navigation
    // The open panel's narration, if it has one (kiosk/viewmodels/narration.py); null in views without.
    property KioskNarration narration: null
    // The film of the panel on show, if it is a video panel (kiosk/viewmodels/video.py).
    property KioskVideo video: null
    // For the visitor's options in the footer (the language, Access); without them, no options.
    property KioskExhibit exhibit: null
    property KioskAccess access: null

    readonly property color accent: Style.accent(screen.navigation.sectionSide)
    property int shownSection: -1
    // Whether the visitor steers by keys: the control last focused was reached by the keyboard
    // (it shows its ring), or a key has passed through this screen since.
    property bool steeringByKeys: false
    // Whether another panel was turned to since the focus was last looked after.
    property bool panelTurned: false

    // After the screen changes, the keyboard's focus goes to Next: never lost, never left on a
    // panel out of sight. It shows its ring only for a visitor who steers by keys.
    function takeFocus() {
        if (!screen.enabled || screen.navigation.atHome)
            return;
        nextButton.forceActiveFocus(screen.steeringByKeys ? Qt.TabFocusReason : Qt.OtherFocusReason);
    }

    // Focus lost, or inside a panel that has just been turned out of sight, comes back to the footer.
    function keepFocusInSight() {
        const focused = screen.Window.activeFocusItem;
        let inScreen = false;
        let inList = false;
        let inCurrent = false;
        const turned = screen.panelTurned;
        screen.panelTurned = false;
        for (let item = focused; item !== null; item = item.parent) {
            // A glossary card open over the screen keeps the focus, unless the panel was turned.
            const card = item as TermCard;
            if (!turned && card !== null && card.holdsFocus)
                return;
            inScreen = inScreen || item === screen;
            inList = inList || item === list;
            inCurrent = inCurrent || item === list.currentItem;
        }
        if (!inScreen || !focused.visible || !focused.enabled || (inList && !inCurrent))
            screen.takeFocus();
    }

    // Focus is looked after once the change that called for it is complete. Timers rather than
    // Qt.callLater: they go with the screen, which a visit's end may destroy before they fire.
    Timer {
        id: takeFocusSoon

        interval: 0
        onTriggered: screen.takeFocus()
    }
    Timer {
        id: keepFocusSoon

        interval: 0
        onTriggered: screen.keepFocusInSight()
    }

    Keys.onPressed: event => {
        screen.steeringByKeys = true;
        event.accepted = false;
    }
    Keys.onEscapePressed: screen.navigation.back()

    Connections {
        id: followFocus

        target: screen.Window.window

        function onActiveFocusItemChanged() {
            const control = screen.Window.activeFocusItem as T.Control;
            if (control !== null)
                screen.steeringByKeys = control.visualFocus;
        }
    }

    Rectangle {
        anchors.fill: parent
        color: Style.paper
    }

    Item {
        id: header

        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.leftMargin: Style.margin
        anchors.rightMargin: Style.margin
        height: Style.geometry.chrome.headerHeight
        // Where the section's name, the languages and the panel counter do not all fit (a tall
        // screen), the counter gives way: the dots at the foot say the same.
        readonly property bool crowded: headerLanguages.visible && sectionNumberText.implicitWidth + Style.geometry.chrome.headerNumberGap
            + sectionTitle.implicitWidth + headerLanguages.width + counter.implicitWidth + 3 * Style.gutter > header.width

        Row {
            anchors.left: parent.left
            anchors.right: headerLanguages.visible ? headerLanguages.left : counter.left
            anchors.rightMargin: Style.gutter
            anchors.verticalCenter: parent.verticalCenter
            spacing: Style.geometry.chrome.headerNumberGap

            Text {
                id: sectionNumberText

                anchors.baseline: sectionTitle.baseline
                text: screen.navigation.sectionNumber
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.labelSize
                font.weight: Font.Bold
                font.letterSpacing: Style.geometry.chrome.headerLetterSpacing
                color: screen.accent
            }

            Text {
                id: sectionTitle

                objectName: "sectionTitle"
                width: Math.min(implicitWidth, parent.width - x)
                text: screen.navigation.sectionTitle
                textFormat: Text.PlainText
                Accessible.role: Accessible.Heading
                Accessible.name: screen.navigation.sectionTitle
                font.family: Style.interfaceFont
                font.pixelSize: Style.labelSize
                font.weight: Font.Bold
                font.letterSpacing: Style.geometry.chrome.headerLetterSpacing
                font.capitalization: Font.AllUppercase
                color: Style.ink
                elide: Text.ElideRight
            }
        }

        Text {
            id: counter

            objectName: "panelCounter"
            visible: !header.crowded
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("%1 of %2").arg(screen.navigation.panelIndex + 1).arg(screen.navigation.panelCount)
            textFormat: Text.PlainText
            font.family: Style.interfaceFont
            font.pixelSize: Style.labelSize
            color: Style.inkSoft
        }

        // The language, where it is seen from the first; it is in the Access sheet at the foot too,
        // within every visitor's reach.
        LanguageToggle {
            id: headerLanguages

            objectName: "headerLanguageToggle"
            anchors.right: counter.visible ? counter.left : parent.right
            anchors.rightMargin: counter.visible ? Style.gutter : 0
            anchors.verticalCenter: parent.verticalCenter
            exhibit: screen.exhibit
        }

        Rectangle {
            anchors.bottom: parent.bottom
            anchors.left: parent.left
            anchors.right: parent.right
            height: Style.px(2)
            color: Style.rule
        }
    }

    ListView {
        id: list

        objectName: "panelList"
        anchors.top: header.bottom
        anchors.bottom: narrationBar.top
        anchors.left: parent.left
        anchors.right: parent.right
        orientation: ListView.Horizontal
        snapMode: ListView.SnapOneItem
        highlightRangeMode: ListView.StrictlyEnforceRange
        preferredHighlightBegin: 0
        preferredHighlightEnd: width
        // With reduced motion the panels do not slide: the next one fades in where it stands.
        highlightMoveDuration: Style.motion(Style.moderate)
        highlightMoveVelocity: -1
        boundsBehavior: Flickable.StopAtBounds
        flickDeceleration: 4000
        cacheBuffer: width
        clip: true
        model: screen.navigation.panels
        onCurrentIndexChanged: {
            if (currentIndex >= 0 && currentIndex !== screen.navigation.panelIndex)
                screen.navigation.swipedTo(currentIndex);
        }

        delegate: Item {
            id: page

            required property int index
            required property string kind
            required property var content

            width: list.width
            height: list.height

            Loader {
                objectName: "panel_" + page.kind
                // The panel on show is made at once, for the frame that opens the section; its
                // neighbours, made in advance for a swipe, are made a piece at a time after it. A
                // neighbour that becomes the panel on show is finished at once.
                asynchronous: page.index !== screen.navigation.panelIndex
                // Panels out of sight are out of the keyboard's reach too; while any of one shows
                // (in a swipe) it answers as ever.
                enabled: Math.abs(page.x - list.contentX) < list.width - 1
                onEnabledChanged: {
                    if (!enabled)
                        keepFocusSoon.restart();
                }
                anchors.fill: parent
                anchors.leftMargin: Style.margin
                anchors.rightMargin: Style.margin
                anchors.topMargin: Style.geometry.chrome.panelTop
                anchors.bottomMargin: Style.geometry.chrome.panelBottom
                sourceComponent: {
                    switch (page.kind) {
                    case "text":
                        return textPanel;
                    case "image":
                        return imagePanel;
                    case "quote":
                        return quotePanel;
                    case "timeline":
                        return timelinePanel;
                    case "people":
                        return peoplePanel;
                    case "document":
                        return documentPanel;
                    case "pair":
                        return pairPanel;
                    case "gallery":
                        return galleryPanel;
                    case "video":
                        return videoPanel;
                    }
                    return null;
                }
            }

            Component {
                id: textPanel
                TextPanel {
                    content: page.content
                }
            }
            Component {
                id: imagePanel
                ImagePanel {
                    content: page.content
                }
            }
            Component {
                id: quotePanel
                QuotePanel {
                    content: page.content
                }
            }
            Component {
                id: timelinePanel
                TimelinePanel {
                    id: timeline

                    content: page.content

                    // The line keeps the finger that moves it. Without this the panels take over a
                    // drag that began on an event's card (Qt's Flickable lets the outer list steal
                    // from a button inside an inner Flickable that has already claimed the drag):
                    // the panels turn instead of the line, and the line is left held as if by a
                    // finger.
                    Binding {
                        target: list
                        property: "interactive"
                        value: false
                        when: timeline.dragging
                    }
                }
            }
            Component {
                id: peoplePanel
                PeoplePanel {
                    content: page.content
                }
            }
            Component {
                id: documentPanel
                DocumentPanel {
                    content: page.content
                }
            }
            Component {
                id: pairPanel
                PairPanel {
                    content: page.content
                }
            }
            Component {
                id: galleryPanel
                GalleryPanel {
                    content: page.content
                }
            }
            Component {
                id: videoPanel
                VideoPanel {
                    content: page.content
                    video: screen.video
                    current: page.index === screen.navigation.panelIndex
                }
            }
        }

        NumberAnimation {
            id: sectionEntrance

            target: list
            property: "opacity"
            from: 0
            to: 1
            duration: Style.reducedMotion ? Style.fade : Style.moderate
            easing.type: Easing.OutCubic
        }
    }

    // Made after the visitor began (kiosk/qml/Kiosk/Main.qml makes it after the first frame, or when
    // a section opens before that), it starts where they are: steering by keys or not, and in the
    // section already open, as if it had seen it open.
    Component.onCompleted: {
        followFocus.onActiveFocusItemChanged();
        if (!screen.navigation.atHome)
            followNavigation.onSectionChanged();
    }

    Connections {
        id: followNavigation

        target: screen.navigation

        function onSectionChanged() {
            list.positionViewAtIndex(screen.navigation.panelIndex, ListView.Beginning);
            list.currentIndex = screen.navigation.panelIndex;
            // From one section straight to the next, the panels fade in; from home, the opening
            // out of the tile is the motion.
            if (screen.shownSection >= 0 && screen.navigation.sectionIndex >= 0)
                sectionEntrance.restart();
            screen.shownSection = screen.navigation.sectionIndex;
            // After the window has taken the focus back from the screen it hid.
            takeFocusSoon.restart();
        }

        function onStateChanged() {
            if (list.currentIndex === screen.navigation.panelIndex)
                return;
            // A tap on Next or Back while a swipe's glide is still under way: the tap is the
            // newer wish, so the glide stops here rather than snapping back over it.
            if (list.flicking)
                list.cancelFlick();
            list.currentIndex = screen.navigation.panelIndex;
            if (Style.reducedMotion)
                sectionEntrance.restart();
            screen.panelTurned = true;
            keepFocusSoon.restart();
        }
    }

    // On the panel's bottom edge, above the controls, wherever the panel has a narration.
    NarrationBar {
        id: narrationBar

        objectName: "narrationBar"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: footer.top
        anchors.leftMargin: Style.margin
        anchors.rightMargin: Style.margin
        anchors.bottomMargin: visible ? Style.geometry.chrome.narrationGap : 0
        height: visible ? implicitHeight : 0
        visible: screen.narration !== null && screen.narration.available
        narration: screen.narration
        accent: screen.accent
    }

    Item {
        id: footer

        readonly property real gap: Style.geometry.chrome.footerGap
        readonly property real optionsWidth: visitorOptions.visible ? visitorOptions.width + footer.gap : 0
        // Home and Back, the dots, the visitor's options and Next on one row in landscape, Home
        // and Back showing only their symbols where their words leave no room (a row of
        // buttons is a line of text fewer for every panel above it); in portrait, or where even
        // that does not fit, the buttons on the bottom row, and the dots and the options above
        // them, on one row or on two. Decided once the buttons have their widths, not while
        // they are being laid out (which would make the decision undo itself).
        property bool oneRow: false
        property bool glyphsOnly: false
        property bool optionsBesideDots: false
        readonly property int rows: footer.oneRow ? 1 : (footer.optionsBesideDots || !visitorOptions.visible ? 2 : 3)
        readonly property real restWidth: progressDots.width + footer.optionsWidth + nextButton.width + 3 * footer.gap
        readonly property real labelledWidth: homeButton.labelledWidth + footer.gap + backButton.labelledWidth
        readonly property real glyphsWidth: 2 * Style.touchTarget + footer.gap

        function arrange(): void {
            const labelled = footer.labelledWidth + footer.restWidth <= footer.width;
            footer.oneRow = !Style.portrait && (labelled || footer.glyphsWidth + footer.restWidth <= footer.width);
            // On rows of their own, Home, Back and Next share the bottom row, which a long Next
            // in larger text can fill.
            footer.glyphsOnly = footer.oneRow ? !labelled : footer.labelledWidth + footer.gap + nextButton.width > footer.width;
            footer.optionsBesideDots = progressDots.width + footer.optionsWidth <= footer.width;
        }

        onRestWidthChanged: arrangeSoon.restart()
        onLabelledWidthChanged: arrangeSoon.restart()
        onWidthChanged: arrangeSoon.restart()
        Component.onCompleted: footer.arrange()
        Connections {
            target: Style

            function onPortraitChanged() {
                arrangeSoon.restart();
            }
        }
        Timer {
            id: arrangeSoon

            interval: 0
            onTriggered: footer.arrange()
        }
        readonly property real rowStep: Style.touchTarget + Style.geometry.chrome.footerRowGap

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: Style.margin
        anchors.rightMargin: Style.margin
        height: footer.oneRow ? Style.touchTarget + Style.geometry.chrome.footerOneRowExtra : footer.rows * footer.rowStep + Style.geometry.chrome.footerExtra

        Rectangle {
            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            height: Style.px(2)
            color: Style.rule
        }

        Row {
            id: leftControls

            anchors.left: parent.left
            anchors.bottom: parent.bottom
            anchors.bottomMargin: Style.geometry.chrome.footerBottom
            spacing: Style.geometry.chrome.footerGap

            KioskButton {
                id: homeButton

                objectName: "homeButton"
                text: qsTr("Home")
                glyph: "⌂"
                glyphOnly: footer.glyphsOnly
                onClicked: screen.navigation.goHome()
            }

            KioskButton {
                id: backButton

                objectName: "backButton"
                text: qsTr("Back")
                glyph: "←"
                glyphOnly: footer.glyphsOnly
                onClicked: screen.navigation.back()
            }
        }

        ProgressDots {
            id: progressDots

            objectName: "progressDots"
            // In the middle, or, on one crowded row, in the middle of the room the buttons leave.
            x: {
                const middle = (footer.width - width) / 2;
                if (!footer.oneRow && footer.rows === 3)
                    return middle;
                if (!footer.oneRow)
                    return Math.min(middle, Math.max(0, (visitorOptions.x - footer.gap - width) / 2));
                const start = leftControls.width + footer.gap;
                const end = (visitorOptions.visible ? visitorOptions.x : nextButton.x) - footer.gap;
                if (middle >= start && middle + width <= end)
                    return middle;
                return start + Math.max(0, (end - start - width) / 2);
            }
            y: footer.oneRow ? leftControls.y : Style.geometry.chrome.footerTop
            count: screen.navigation.panelCount
            current: screen.navigation.panelIndex
            accent: screen.accent
            onPicked: index => screen.navigation.showPanel(index)
        }

        VisitorOptions {
            id: visitorOptions

            objectName: "visitorOptions"
            visible: screen.access !== null && screen.exhibit !== null
            showLanguages: false
            sheetScreen: screen
            exhibit: screen.exhibit
            access: screen.access
            x: footer.oneRow ? nextButton.x - footer.gap - width : footer.width - width
            y: footer.oneRow ? leftControls.y : Style.geometry.chrome.footerTop + (footer.rows === 3 ? footer.rowStep : 0)
        }

        KioskButton {
            id: nextButton

            objectName: "nextButton"
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.bottomMargin: Style.geometry.chrome.footerBottom
            text: screen.navigation.advanceLabel
            glyph: "→"
            glyphAfter: true
            prominent: true
            onClicked: screen.navigation.advance()
        }
    }
}
