pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T
import Kiosk
import Kiosk.Backend

// Events on a line of years, banded into eras, moved sideways by the finger. A touch on an event
// opens it in full on a sheet beside the line (under it in portrait), and the line turns to keep
// the event in view. From the keyboard, the arrows go from event to event, Enter opens one and
// Escape closes it, the focus going back to the event.
Item {
    id: panel

    property var content: ({})
    // The event told in full on the sheet, or -1.
    property int selected: -1

    readonly property var events: panel.content.events || []
    readonly property var eras: panel.content.eras || []
    readonly property bool detailOpen: panel.selected >= 0 && panel.selected < panel.events.length
    // The line is gliding, under a finger or turned by a control.
    readonly property bool moving: flick.moving || turn.running
    // A finger is moving the line (SectionScreen.qml keeps the panels still meanwhile).
    readonly property bool dragging: flick.dragging

    readonly property real cardWidth: Style.geometry.timeline.card.width
    // A card holds its date on one line and its title on two (TimelineCard.qml).
    readonly property real cardHeight: Math.ceil(Style.geometry.timeline.cardPadding.top + Style.geometry.timeline.cardPadding.bottom + dateMetrics.height + Style.geometry.timeline.cardSpacing + titleMetrics.height * Style.geometry.timeline.cardTitleLineHeight * Style.geometry.timeline.cardTitleLines)
    readonly property real markerRow: Style.geometry.timeline.markerRow
    readonly property real laneGap: Style.geometry.timeline.laneGap
    readonly property real eraRow: Style.geometry.timeline.eraRow
    readonly property real axisArea: Style.geometry.timeline.axisArea
    readonly property real axisY: stage.height - panel.axisArea
    readonly property int laneCount: Math.max(1, Math.min(6, Math.floor((panel.axisY - Style.geometry.timeline.axisClearance - panel.eraRow + panel.laneGap) / (panel.cardHeight + panel.markerRow + panel.laneGap))))
    // Where the cards, eras and ticks go on a line as wide as it must be (kiosk/content/layout/timeline.py).
    readonly property var plan: Style.layouts ? Style.layouts.timeline(panel.events, panel.eras.map(era => ({
                start: era.start,
                end: era.end,
                labelWidth: eraMetrics.advanceWidth(era.title.toUpperCase())
            })), panel.content.first || 0, panel.content.last || 0, stage.width, panel.laneCount, panel.cardWidth, Style.unit) : ({
            width: stage.width,
            cards: [],
            eras: [],
            ticks: {
                major: [],
                minor: []
            }
        })
    readonly property var ticks: panel.plan.ticks

    readonly property real sheetWidth: Style.geometry.timeline.detailWidth
    readonly property real sheetHeight: Style.portrait ? Math.round(panel.height * Style.geometry.timeline.detailHeightShare) : panel.height
    // In portrait the sheet rises over the lower part of the line: the whole panel rises with it,
    // as far as needed to keep the chosen event in sight above the sheet.
    readonly property real lift: {
        if (!Style.portrait || !panel.detailOpen)
            return 0;
        const card = panel.plan.cards[panel.selected];
        const bottom = stage.y + panel.laneY(card.lane) + panel.cardHeight + panel.markerRow + Style.geometry.timeline.cardRevealMargin;
        return Math.max(0, bottom - (panel.height - panel.sheetHeight));
    }

    function laneY(lane: int): real {
        return panel.axisY - Style.geometry.timeline.axisClearance - (lane + 1) * (panel.cardHeight + panel.markerRow) - lane * panel.laneGap;
    }

    // Text that slides under the edge of the line fades out before it reaches the screen's edge.
    function edgeOpacity(left: real, width: real): real {
        const fade = Style.margin * 0.8;
        const overhang = Math.max(flick.contentX - left, left + width - flick.contentX - flick.width, 0);
        return Math.max(0, Math.min(1, 1 - overhang / fade));
    }

    function open(index: int): void {
        panel.selected = index;
        panel.reveal(index);
        KioskVisits.timelineEventOpened(index + 1);
    }

    function close(): void {
        // A visitor in the sheet by the keyboard comes back to the event they opened.
        const focused = panel.Window.activeFocusItem as T.Control;
        const returning = focused !== null && focused.visualFocus && panel.within(focused, sheet) && panel.selected >= 0;
        const event = panel.selected;
        panel.selected = -1;
        if (returning)
            panel.focusEvent(event);
    }

    // Whether the item is inside the one given (activeFocus says so only of focus scopes).
    function within(item: Item, ancestor: Item): bool {
        for (let found = item; found !== null; found = found.parent) {
            if (found === ancestor)
                return true;
        }
        return false;
    }

    function focusEvent(index: int): void {
        const card = eventCards.itemAt(index);
        if (card === null)
            return;
        card.forceActiveFocus(Qt.TabFocusReason);
        panel.reveal(index);
    }

    // Turns the line so that the chosen card stands in the middle of what the sheet leaves free.
    function reveal(index: int): void {
        const card = panel.plan.cards[index];
        const free = Style.portrait ? flick.width : flick.width - panel.sheetWidth;
        const target = card.left - (free - panel.cardWidth) / 2;
        const limit = flick.contentWidth + flick.rightMargin - flick.width;
        turn.to = Math.max(0, Math.min(target, Math.max(0, limit)));
        turn.restart();
    }

    function page(direction: int): void {
        const limit = Math.max(0, flick.contentWidth + flick.rightMargin - flick.width);
        turn.to = Math.max(0, Math.min(flick.contentX + direction * flick.width * 0.75, limit));
        turn.restart();
    }

    Keys.onEscapePressed: event => {
        event.accepted = panel.detailOpen;
        if (panel.detailOpen)
            panel.close();
    }

    FontMetrics {
        id: dateMetrics

        font.family: Style.interfaceFont
        font.pixelSize: Style.captionSize
        font.weight: Font.Bold
    }

    FontMetrics {
        id: eraMetrics

        font.family: Style.interfaceFont
        font.pixelSize: Style.captionSize
        font.weight: Font.Bold
        font.letterSpacing: Style.geometry.timeline.labelLetterSpacing
    }

    FontMetrics {
        id: titleMetrics

        font.family: Style.bodyFont
        font.pixelSize: Style.geometry.timeline.cardTitleSize
        font.weight: Font.Bold
    }

    Item {
        id: body

        width: panel.width
        height: panel.height
        transform: Translate {
            y: -panel.lift
            Behavior on y {
                NumberAnimation {
                    duration: Style.motion(Style.moderate)
                    easing.type: Easing.OutCubic
                }
            }
        }

        // A touch beside the open sheet closes it (its Close button is the control a screen
        // reader is told of).
        MouseArea {
            anchors.fill: parent
            enabled: panel.detailOpen
            Accessible.ignored: true
            onClicked: panel.close()
        }

        PanelHeading {
            id: heading

            anchors.top: parent.top
            anchors.left: parent.left
            width: Style.geometry.timeline.headingWidth
            kicker: panel.content.kicker
            title: panel.content.title
            side: panel.content.side
        }

        // In landscape the intro stands beside the heading, to leave the line its height.
        RichText {
            id: intro

            anchors.top: Style.portrait ? heading.bottom : parent.top
            anchors.topMargin: Style.portrait ? Style.geometry.timeline.introGap : 0
            anchors.left: Style.portrait ? parent.left : heading.right
            anchors.leftMargin: Style.portrait ? 0 : Style.geometry.timeline.introGap
            width: Style.geometry.timeline.introWidth
            blocks: panel.content.intro
            size: Style.portrait ? Style.bodySize : Style.captionSize * 1.1
        }

        Row {
            id: turning

            readonly property real leadBottom: Math.max(heading.height, intro.visible ? intro.y + intro.height : 0)
            // Beside the heading when there is room, else under everything above the line.
            readonly property bool below: Style.portrait || intro.visible

            anchors.right: parent.right
            y: turning.below ? turning.leadBottom + Style.geometry.timeline.turningGap : Math.max(0, turning.leadBottom - height)
            spacing: Style.geometry.timeline.turningSpacing
            visible: flick.interactive

            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Swipe along the timeline")
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                color: Style.inkSoft
            }

            KioskButton {
                objectName: "timelineScrollEarlier"
                glyph: "←"
                enabled: flick.contentX > 1
                Accessible.name: qsTr("Earlier on the timeline")
                onClicked: panel.page(-1)
            }

            KioskButton {
                objectName: "timelineScrollLater"
                glyph: "→"
                enabled: flick.contentX < flick.contentWidth + flick.rightMargin - flick.width - 1
                Accessible.name: qsTr("Later on the timeline")
                onClicked: panel.page(1)
            }
        }

        Item {
            id: stage

            objectName: "timeline"
            y: turning.below ? turning.y + turning.height + Style.geometry.timeline.lineGapBelow : Math.max(turning.leadBottom, turning.height) + Style.geometry.timeline.lineGap
            width: parent.width
            height: parent.height - y
            Accessible.role: Accessible.List
            Accessible.name: panel.content.title || ""

            Flickable {
                id: flick

                // Named as every scrolling area is, for the checks that text in one may pass
                // under its edge.
                objectName: "scrollFlickable"
                anchors.fill: parent
                clip: true
                contentWidth: panel.plan.width
                contentHeight: height
                flickableDirection: Flickable.HorizontalFlick
                boundsBehavior: Flickable.StopAtBounds
                // Room to bring the last events out from under the sheet beside the line.
                rightMargin: panel.detailOpen && !Style.portrait ? panel.sheetWidth : 0
                interactive: contentWidth + rightMargin > width + 1
                // A finger takes the line from a turn under way.
                onDraggingChanged: {
                    if (dragging)
                        turn.stop();
                }

                NumberAnimation {
                    id: turn

                    target: flick
                    property: "contentX"
                    duration: Style.motion(Style.moderate)
                    easing.type: Easing.OutCubic
                }

                MouseArea {
                    width: flick.contentWidth
                    height: flick.height
                    enabled: panel.detailOpen
                    Accessible.ignored: true
                    onClicked: panel.close()
                }

                Repeater {
                    model: panel.eras

                    Item {
                        id: era

                        required property var modelData
                        required property int index

                        readonly property color tint: era.modelData.side === "none" ? Style.paperShade : Style.accent(era.modelData.side)

                        readonly property var band: panel.plan.eras[era.index] || ({
                                left: 0,
                                right: 0
                            })

                        objectName: "timelineEra" + index
                        x: era.band.left
                        width: era.band.right - era.band.left
                        height: panel.axisY

                        Rectangle {
                            anchors.fill: parent
                            color: era.tint
                            opacity: era.modelData.side === "none" ? (era.index % 2 === 0 ? 0.75 : 0.4) : 0.08
                        }

                        Rectangle {
                            width: parent.width
                            height: Style.px(4)
                            color: era.modelData.side === "none" ? Style.rule : era.tint
                        }

                        Rectangle {
                            width: Style.px(2)
                            height: parent.height
                            color: Style.rule
                        }

                        // The era's name stays in view while any of the era is.
                        Row {
                            id: eraLabel

                            readonly property real room: era.width - 2 * Style.geometry.timeline.eraLabelInset

                            objectName: "timelineEraLabel" + era.index
                            x: Math.max(Style.geometry.timeline.eraLabelInset, Math.min(flick.contentX - era.x + Style.geometry.timeline.eraLabelInset, era.width - width - Style.geometry.timeline.eraLabelInset))
                            y: Style.geometry.timeline.eraLabelTop
                            spacing: Style.geometry.timeline.eraLabelSpacing
                            opacity: panel.edgeOpacity(era.x + x, width)

                            Text {
                                id: eraTitle

                                objectName: "timelineEraTitle"
                                width: Math.min(implicitWidth, Math.max(0, eraLabel.room - (years.visible ? years.implicitWidth + eraLabel.spacing : 0)))
                                visible: width >= Style.geometry.timeline.eraTitleMinWidth
                                text: era.modelData.title
                                textFormat: Text.PlainText
                                font.family: Style.interfaceFont
                                font.pixelSize: Style.captionSize
                                font.weight: Font.Bold
                                font.letterSpacing: Style.geometry.timeline.labelLetterSpacing
                                font.capitalization: Font.AllUppercase
                                color: era.modelData.side === "none" ? Style.ink : era.tint
                                elide: Text.ElideRight
                                maximumLineCount: 1
                            }

                            // A narrow band keeps its name whole and lets go of its years (the line's own
                            // scale leaves room for every era's name: kiosk/content/layout/timeline.py).
                            Text {
                                id: years

                                visible: eraLabel.room >= eraTitle.implicitWidth + eraLabel.spacing + implicitWidth
                                text: era.modelData.label
                                textFormat: Text.PlainText
                                font.family: Style.interfaceFont
                                font.pixelSize: Style.captionSize
                                color: Style.inkSoft
                            }
                        }
                    }
                }

                Repeater {
                    model: panel.ticks.major

                    Rectangle {
                        required property var modelData

                        x: modelData.x - width / 2
                        y: panel.eraRow
                        width: Style.px(2)
                        height: panel.axisY - panel.eraRow
                        color: Style.rule
                        opacity: 0.35
                    }
                }

                Rectangle {
                    objectName: "timelineAxis"
                    y: panel.axisY
                    width: flick.contentWidth
                    height: Style.px(3)
                    color: Style.ink
                }

                Repeater {
                    model: panel.ticks.minor

                    Rectangle {
                        required property real modelData

                        x: modelData - width / 2
                        y: panel.axisY
                        width: Style.px(2)
                        height: Style.px(10)
                        color: Style.inkSoft
                    }
                }

                Repeater {
                    model: panel.ticks.major

                    Item {
                        id: tick

                        required property var modelData
                        required property int index

                        x: tick.modelData.x
                        y: panel.axisY

                        Rectangle {
                            x: -width / 2
                            width: Style.px(3)
                            height: Style.px(18)
                            color: Style.ink
                        }

                        Text {
                            objectName: "timelineYear" + tick.index
                            x: -width / 2
                            y: Style.geometry.timeline.yearTop
                            text: tick.modelData.year
                            textFormat: Text.PlainText
                            font.family: Style.interfaceFont
                            font.pixelSize: Style.captionSize
                            font.weight: Font.Bold
                            color: Style.ink
                            opacity: panel.edgeOpacity(tick.x + x, width)
                        }
                    }
                }

                Repeater {
                    id: eventCards

                    model: panel.events

                    TimelineCard {
                        id: card

                        required property var modelData
                        required property int index

                        readonly property var place: panel.plan.cards[index] || ({
                                lane: 0,
                                left: 0,
                                anchor: 0,
                                barEnd: 0
                            })

                        objectName: "timelineEvent" + index
                        event: card.modelData
                        x: card.place.left
                        y: panel.laneY(card.place.lane)
                        width: panel.cardWidth
                        height: panel.cardHeight + panel.markerRow
                        cardHeight: panel.cardHeight
                        anchorX: card.place.anchor - card.place.left
                        barEnd: card.place.barEnd - card.place.left
                        selected: panel.selected === card.index
                        dimmed: panel.detailOpen && !card.selected
                        opacity: panel.edgeOpacity(x, width)
                        onClicked: {
                            const byKeys = card.visualFocus;
                            panel.open(card.index);
                            if (byKeys)
                                sheet.takeFocus();
                        }
                        Keys.onPressed: event => {
                            const target = card.index + (event.key === Qt.Key_Left ? -1 : event.key === Qt.Key_Right ? 1 : 0);
                            event.accepted = target !== card.index && target >= 0 && target < panel.events.length;
                            if (event.accepted)
                                panel.focusEvent(target);
                        }
                    }
                }
            }

            // There is more to either side: the line fades into the paper there.
            Rectangle {
                anchors.left: parent.left
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: Style.px(96)
                visible: flick.contentX > 1
                gradient: Gradient {
                    orientation: Gradient.Horizontal
                    GradientStop {
                        position: 0
                        color: Style.paper
                    }
                    GradientStop {
                        position: 1
                        color: Qt.rgba(Style.paper.r, Style.paper.g, Style.paper.b, 0)
                    }
                }
            }

            Rectangle {
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: Style.px(96)
                visible: flick.contentX < flick.contentWidth - flick.width - 1
                gradient: Gradient {
                    orientation: Gradient.Horizontal
                    GradientStop {
                        position: 0
                        color: Qt.rgba(Style.paper.r, Style.paper.g, Style.paper.b, 0)
                    }
                    GradientStop {
                        position: 1
                        color: Style.paper
                    }
                }
            }
        }
    }

    TimelineDetail {
        id: sheet

        readonly property real hidden: Style.portrait ? panel.height + Style.px(40) : panel.width + Style.px(40)
        readonly property real shown: Style.portrait ? panel.height - panel.sheetHeight : panel.width - panel.sheetWidth

        objectName: "timelineDetail"
        // The last event shown stays on the sheet while it slides away.
        property int showing: -1

        x: Style.portrait ? 0 : (panel.detailOpen ? sheet.shown : sheet.hidden)
        y: Style.portrait ? (panel.detailOpen ? sheet.shown : sheet.hidden) : 0
        width: panel.sheetWidth
        height: panel.sheetHeight
        // Shown from the moment it opens, before its first frame has brought it onto the panel:
        // the keyboard's focus comes onto it at once, and focus on a hidden control is taken
        // back to Next (SectionScreen.keepFocusInSight).
        visible: panel.detailOpen || (Style.portrait ? y < panel.height : x < panel.width)
        event: sheet.showing >= 0 && sheet.showing < panel.events.length ? panel.events[sheet.showing] : null
        hasEarlier: panel.selected > 0
        hasLater: panel.selected >= 0 && panel.selected < panel.events.length - 1
        onCloseRequested: panel.close()
        onEarlierRequested: panel.open(panel.selected - 1)
        onLaterRequested: panel.open(panel.selected + 1)

        Behavior on x {
            NumberAnimation {
                duration: Style.motion(Style.moderate)
                easing.type: Easing.OutCubic
            }
        }
        Behavior on y {
            NumberAnimation {
                duration: Style.motion(Style.moderate)
                easing.type: Easing.OutCubic
            }
        }

        Connections {
            target: panel

            function onSelectedChanged() {
                if (panel.selected >= 0)
                    sheet.showing = panel.selected;
            }
        }
    }
}
