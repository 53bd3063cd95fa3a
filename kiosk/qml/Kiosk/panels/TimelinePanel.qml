pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T
import Kiosk

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

    readonly property real cardWidth: Style.layout.timeline.card.width
    // A card holds its date on one line and its title on two (TimelineCard.qml).
    readonly property real cardHeight: Math.ceil(Style.px(28) + dateMetrics.height + Style.px(4) + titleMetrics.height * 1.1 * 2)
    readonly property real markerRow: Style.px(30)
    readonly property real laneGap: Style.px(12)
    readonly property real eraRow: Style.px(60)
    readonly property real axisArea: Style.px(60)
    readonly property real axisY: stage.height - panel.axisArea
    readonly property int laneCount: Math.max(1, Math.min(6, Math.floor((panel.axisY - Style.px(10) - panel.eraRow + panel.laneGap) / (panel.cardHeight + panel.markerRow + panel.laneGap))))
    readonly property var plan: panel.arrange(panel.events, panel.content.first || 0, panel.content.last || 0, stage.width, panel.laneCount)
    readonly property var ticks: panel.tickMarks(panel.plan)

    readonly property real sheetWidth: Style.layout.timeline.detailWidth
    readonly property real sheetHeight: Style.portrait ? Math.round(panel.height * Style.layout.timeline.detailHeightShare) : panel.height
    // In portrait the sheet rises over the lower part of the line: the whole panel rises with it,
    // as far as needed to keep the chosen event in sight above the sheet.
    readonly property real lift: {
        if (!Style.portrait || !panel.detailOpen)
            return 0;
        const card = panel.plan.cards[panel.selected];
        const bottom = stage.y + panel.laneY(card.lane) + panel.cardHeight + panel.markerRow + Style.px(24);
        return Math.max(0, bottom - (panel.height - panel.sheetHeight));
    }

    function laneY(lane: int): real {
        return panel.axisY - Style.px(10) - (lane + 1) * (panel.cardHeight + panel.markerRow) - lane * panel.laneGap;
    }

    function xOf(time: real): real {
        return panel.plan.shift + (time - (panel.content.first || 0)) * panel.plan.scale;
    }

    // Lays the cards out in lanes on a scale of pixels per year: the smallest scale at least as
    // wide as the panel at which every card finds a lane with its mark under it, so that a
    // crowded month is drawn wide enough to read and a quiet decade stays short.
    function arrange(events: var, first: real, last: real, width: real, lanes: int): var {
        const empty = {
            scale: 1,
            shift: 0,
            width: width,
            cards: []
        };
        if (events.length === 0 || width <= 0)
            return empty;
        const range = Math.max(last - first, 1 / 365);
        const pad = Style.px(24);
        const widest = Style.px(60000);
        let scale = Math.max(1, (width - panel.cardWidth - 2 * pad) / range);
        // Wide enough for every era to show its name.
        for (const era of panel.eras)
            scale = Math.max(scale, (eraMetrics.advanceWidth(era.title.toUpperCase()) + Style.px(48)) / Math.max(era.end - era.start, 1 / 365));
        let cards = null;
        for (let attempt = 0; cards === null; ++attempt) {
            cards = panel.placeCards(events, first, scale, lanes, attempt >= 60 || range * scale > widest);
            if (cards === null)
                scale *= 1.1;
        }
        let left = 0;
        let right = (last - first) * scale;
        for (const card of cards) {
            left = Math.min(left, card.left);
            right = Math.max(right, card.left + panel.cardWidth, card.barEnd);
        }
        return {
            scale: scale,
            shift: pad - left,
            width: right - left + 2 * pad,
            cards: cards.map(card => ({
                        lane: card.lane,
                        left: card.left + pad - left,
                        anchor: card.anchor + pad - left,
                        barEnd: card.barEnd + pad - left
                    }))
        };
    }

    // Each card goes to the lowest lane where it fits, as far left as its mark allows; then each
    // slides right as far as the next card in its lane lets it, towards having its mark near its
    // left edge, where a visitor looks for the date. Returns null if some event finds no lane
    // (unless forced, when it shares the emptiest one).
    function placeCards(events: var, first: real, scale: real, lanes: int, force: bool): var {
        const inset = Style.px(34);
        const gap = Style.px(20);
        const width = panel.cardWidth;
        const free = [];
        for (let lane = 0; lane < lanes; ++lane)
            free.push(-Infinity);
        const cards = [];
        for (const event of events) {
            const anchor = ((event.span ? event.start : (event.start + event.end) / 2) - first) * scale;
            const barEnd = event.span ? (event.end - first) * scale : anchor;
            let lane = free.findIndex(edge => edge <= anchor - inset);
            if (lane < 0) {
                if (!force)
                    return null;
                lane = free.indexOf(Math.min(...free));
            }
            const left = Math.max(free[lane], anchor - width + inset);
            cards.push({
                lane: lane,
                left: left,
                anchor: anchor,
                barEnd: barEnd
            });
            free[lane] = Math.max(left + width, barEnd) + gap;
        }
        const next = [];
        for (let lane = 0; lane < lanes; ++lane)
            next.push(Infinity);
        for (let index = cards.length - 1; index >= 0; --index) {
            const card = cards[index];
            const room = next[card.lane] - gap - width;
            card.left = Math.max(card.left, Math.min(card.anchor - inset, room));
            next[card.lane] = card.left;
        }
        return cards;
    }

    // Years labelled at a round interval that leaves room between labels, with finer marks
    // between them where they can be told apart.
    function tickMarks(plan: var): var {
        const first = panel.content.first || 0;
        const steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000];
        const finer = {
            "1": 1 / 12,
            "2": 1,
            "5": 1,
            "10": 1,
            "20": 5,
            "25": 5,
            "50": 10,
            "100": 10,
            "200": 50,
            "500": 100,
            "1000": 100
        };
        const step = steps.find(candidate => candidate * plan.scale >= Style.px(150)) || 1000;
        let minor = finer[String(step)];
        if (minor * plan.scale < Style.px(12))
            minor = step;
        const from = first - plan.shift / plan.scale;
        const to = first + (plan.width - plan.shift) / plan.scale;
        const major = [];
        for (let year = Math.ceil(from / step) * step; year <= to; year += step)
            major.push(year);
        const small = [];
        const count = Math.round(step / minor);
        for (let year = Math.floor(from / step) * step; year <= to; year += step) {
            for (let part = 1; part < count; ++part) {
                const time = year + part * minor;
                if (time >= from && time <= to)
                    small.push(time);
            }
        }
        return {
            major: major,
            minor: small
        };
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
        font.letterSpacing: Style.px(2)
    }

    FontMetrics {
        id: titleMetrics

        font.family: Style.bodyFont
        font.pixelSize: Math.round(Style.bodySize * 0.82)
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
            width: Style.layout.timeline.headingWidth
            kicker: panel.content.kicker
            title: panel.content.title
            side: panel.content.side
        }

        // In landscape the intro stands beside the heading, to leave the line its height.
        RichText {
            id: intro

            anchors.top: Style.portrait ? heading.bottom : parent.top
            anchors.topMargin: Style.portrait ? Style.layout.timeline.introGap : 0
            anchors.left: Style.portrait ? parent.left : heading.right
            anchors.leftMargin: Style.portrait ? 0 : Style.layout.timeline.introGap
            width: Style.layout.timeline.introWidth
            blocks: panel.content.intro
            size: Style.portrait ? Style.bodySize : Style.captionSize * 1.1
        }

        Row {
            id: turning

            readonly property real leadBottom: Math.max(heading.height, intro.visible ? intro.y + intro.height : 0)
            // Beside the heading when there is room, else under everything above the line.
            readonly property bool below: Style.portrait || intro.visible

            anchors.right: parent.right
            y: turning.below ? turning.leadBottom + Style.layout.timeline.turningGap : Math.max(0, turning.leadBottom - height)
            spacing: Style.layout.timeline.turningSpacing
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
            y: turning.below ? turning.y + turning.height + Style.layout.timeline.lineGapBelow : Math.max(turning.leadBottom, turning.height) + Style.layout.timeline.lineGap
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

                        objectName: "timelineEra" + index
                        x: panel.xOf(era.modelData.start)
                        width: panel.xOf(era.modelData.end) - x
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

                            readonly property real room: era.width - 2 * Style.px(16)

                            objectName: "timelineEraLabel" + era.index
                            x: Math.max(Style.px(16), Math.min(flick.contentX - era.x + Style.px(16), era.width - width - Style.px(16)))
                            y: Style.px(18)
                            spacing: Style.px(14)
                            opacity: panel.edgeOpacity(era.x + x, width)

                            Text {
                                width: Math.min(implicitWidth, Math.max(0, eraLabel.room - (years.visible ? years.implicitWidth + eraLabel.spacing : 0)))
                                visible: width >= Style.px(60)
                                text: era.modelData.title
                                textFormat: Text.PlainText
                                font.family: Style.interfaceFont
                                font.pixelSize: Style.captionSize
                                font.weight: Font.Bold
                                font.letterSpacing: Style.px(2)
                                font.capitalization: Font.AllUppercase
                                color: era.modelData.side === "none" ? Style.ink : era.tint
                                elide: Text.ElideRight
                                maximumLineCount: 1
                            }

                            // A narrow band keeps its name and lets go of its years.
                            Text {
                                id: years

                                visible: eraLabel.room >= implicitWidth + Style.px(120)
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
                        required property real modelData

                        x: panel.xOf(modelData) - width / 2
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

                        x: panel.xOf(modelData) - width / 2
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

                        required property real modelData
                        required property int index

                        x: panel.xOf(modelData)
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
                            y: Style.px(20)
                            text: tick.modelData
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
        visible: Style.portrait ? y < panel.height : x < panel.width
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
