pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Templates as T
import Kiosk
import Kiosk.Backend

// Body text in the exhibit's safe Markdown subset: paragraphs, and list items set with a hanging
// bullet, each block already rendered to styled text.
//
// Terms of the exhibit's glossary are underlined in the accent. A touch on one (anywhere within a
// finger's reach of its words), or Enter or Space on it from the keyboard (Tab stops on each term
// in reading order), shows its definition in a card beside it (TermCard.qml).
Column {
    id: body

    property var blocks: []
    property real size: Style.bodySize
    property real lineHeight: Style.geometry.grid.bodyLineHeight
    property color color: Style.ink
    // The colour of the terms' underline.
    property color termMark: Style.accentOne

    // The card of the term open, made on the screens' stage at the first term opened: drawn over
    // every panel and clipped by none.
    property TermCard termCard: null

    function openTerm(words: Item, opener: Item, term: var, byKeyboard: bool) {
        if (body.termCard === null) {
            let stage = body;
            while (stage.parent !== null && stage.parent.parent !== null)
                stage = stage.parent;
            body.termCard = termCardMaker.createObject(stage) as TermCard;
        }
        body.termCard.show(words, opener, term, byKeyboard);
        KioskVisits.termOpened(term.id);
    }

    function closeTerm() {
        if (body.termCard !== null)
            body.termCard.close();
    }

    visible: body.blocks.length > 0
    // Another language (or another text) is shown: the card spoke of words no longer there.
    onBlocksChanged: body.closeTerm()
    onVisibleChanged: {
        if (!body.visible)
            body.closeTerm();
    }
    Component.onDestruction: {
        if (body.termCard !== null)
            body.termCard.destroy();
    }

    Component {
        id: termCardMaker

        TermCard {
            objectName: "termCard"
            mark: body.termMark
        }
    }

    Repeater {
        model: body.blocks

        Item {
            id: block

            required property var modelData
            required property int index

            readonly property bool isItem: block.modelData.kind === "item"
            readonly property bool followsItem: block.index > 0 && body.blocks[block.index - 1].kind === "item"
            readonly property real gap: block.index === 0 ? 0 : body.size * (block.isItem && block.followsItem ? 0.3 : 0.8)
            readonly property var terms: block.modelData.terms ?? []
            // Where each marked term stands: [{term, rects: [{x, y, width, height}]}] in reading
            // order, found by asking the linked text what a touch at each point would hit.
            property var places: []

            function measure() {
                block.places = block.terms.length > 0 && line.width > 0 ? block.findPlaces() : [];
            }

            function findPlaces(): var {
                const step = linked.lineCount > 0 ? linked.implicitHeight / linked.lineCount : 0;
                const runs = [];
                for (let row = 0; row < linked.lineCount; ++row) {
                    const probeY = row * step + metrics.height / 2;
                    let open = null;
                    for (let x = 0; x <= linked.width; x += 2) {
                        const link = linked.linkAt(x, probeY);
                        if (open !== null && link !== open.link) {
                            runs.push(open);
                            open = null;
                        }
                        if (open === null && link.startsWith("term:"))
                            open = {
                                "link": link,
                                "row": row,
                                "x": x,
                                "end": x
                            };
                        else if (open !== null)
                            open.end = x;
                    }
                    if (open !== null)
                        runs.push(open);
                }
                const found = runs.map(run => ({
                            "link": run.link,
                            "row": run.row,
                            "rects": [
                                {
                                    "x": run.x,
                                    "y": run.row * step,
                                    "width": run.end - run.x + 2,
                                    "height": metrics.height
                                }
                            ]
                        }));
                // A term broken over two lines is one term: its second part starts the next line.
                for (let at = 1; at < found.length && found.length > block.terms.length; ++at) {
                    const before = found[at - 1];
                    const part = found[at];
                    if (part.link === before.link && part.row === before.row + 1 && part.rects[0].x <= 2) {
                        before.rects.push(part.rects[0]);
                        before.row = part.row;
                        found.splice(at, 1);
                        --at;
                    }
                }
                return found.map((place, order) => ({
                            "term": block.terms[Math.min(order, block.terms.length - 1)],
                            "rects": place.rects
                        }));
            }

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

                objectName: "blockWords"
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
                onImplicitHeightChanged: measureSoon.restart()
                onWidthChanged: measureSoon.restart()
            }

            // The same words with each term a link "term:ID", laid out exactly as the words shown
            // (a link changes no metric) and never drawn: Qt draws links with an underline in the
            // words' own colour, where the accent's is wanted.
            Text {
                id: linked

                objectName: "termLinks"
                x: line.x
                y: line.y
                width: line.width
                opacity: 0
                enabled: false
                Accessible.ignored: true
                text: block.modelData.links ?? ""
                textFormat: Text.StyledText
                wrapMode: Text.Wrap
                font: line.font
                lineHeight: line.lineHeight
                onTextChanged: measureSoon.restart()
            }

            FontMetrics {
                id: metrics

                font: line.font
            }

            // Once the text is laid out, and once after each change to it. A timer rather than
            // Qt.callLater: it goes with the block, which a visit's end may destroy before it fires.
            Timer {
                id: measureSoon

                interval: 0
                onTriggered: block.measure()
            }

            Component.onCompleted: measureSoon.restart()

            Repeater {
                model: block.places

                // A marked term: its words underlined, answering a finger within 9 mm of them (the
                // touch target is 20 mm on the screen as mounted), and never within less than
                // WCAG 2.5.5's 44 px, however small they are set.
                T.AbstractButton {
                    id: place

                    required property var modelData

                    readonly property var term: place.modelData.term
                    readonly property var first: place.modelData.rects[0]
                    readonly property real reach: Math.max(Style.touchTarget * 9 / 20, 44)
                    readonly property real padX: Math.max(0, (place.reach - place.first.width) / 2)
                    readonly property real padY: Math.max(0, (place.reach - place.first.height) / 2)

                    objectName: "glossaryTerm"
                    x: line.x + place.first.x - place.padX
                    y: line.y + place.first.y - place.padY
                    width: place.first.width + 2 * place.padX
                    height: place.first.height + 2 * place.padY
                    focusPolicy: Qt.TabFocus
                    Accessible.role: Accessible.Button
                    Accessible.name: place.term.shown
                    Accessible.description: qsTr("Explained in the glossary: press to read what it means")
                    Keys.onReturnPressed: place.click()
                    Keys.onEnterPressed: place.click()
                    onClicked: body.openTerm(words, place, place.term, place.visualFocus)

                    // All the term's words, on one line or two: the card stands beside them.
                    Item {
                        id: words

                        objectName: "termWords"
                        readonly property var rects: place.modelData.rects
                        readonly property var last: words.rects[words.rects.length - 1]

                        x: place.padX + Math.min(...words.rects.map(rect => rect.x)) - place.first.x
                        y: place.padY
                        width: Math.max(...words.rects.map(rect => rect.x + rect.width)) - Math.min(...words.rects.map(rect => rect.x))
                        height: words.last.y + words.last.height - place.first.y
                    }

                    Repeater {
                        model: place.modelData.rects

                        Item {
                            id: part

                            required property var modelData
                            required property int index

                            x: part.modelData.x - place.first.x + place.padX
                            y: part.modelData.y - place.first.y + place.padY
                            width: part.modelData.width
                            height: part.modelData.height

                            // At the words' baseline, a little below, as an underline is set.
                            Rectangle {
                                objectName: "termUnderline"
                                y: metrics.ascent + metrics.descent * 0.45
                                width: parent.width
                                height: Style.px(2)
                                color: body.termMark
                            }

                            FocusRing {
                                anchors.margins: -Style.px(4)
                                radius: Style.px(6)
                                border.width: Style.px(3)
                                shown: place.visualFocus
                            }

                            // The words on the next line, of a term broken over two: as wide a reach.
                            Item {
                                anchors.centerIn: parent
                                width: Math.max(parent.width, place.reach)
                                height: Math.max(parent.height, place.reach)
                                enabled: part.index > 0
                                // Part of the term's control, which screen readers know already.
                                Accessible.ignored: true

                                TapHandler {
                                    onTapped: place.click()
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
