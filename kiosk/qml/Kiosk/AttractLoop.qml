pragma ComponentBehavior: Bound
import QtQuick
import Kiosk.Backend

// What the kiosk shows while nobody is at it: one picture after another, slowly moving, with a
// headline or a quotation set beside it like a museum's title wall, and an invitation to touch.
//
// Drawn for the software renderer (docs/adr/0006-attract-loop-in-software-rendering.md): the
// picture travels slowly by whole pixels on its own side of the screen, so that each frame copies
// it rather than rescales it; the words stand beside it, never over it, and fade as one layer.
// Everything that moves follows one clock that steps on every second frame of Qt's animation
// timer, so that the loop draws 30 frames a second at most, each with all of its changes
// (docs/adr/0019-the-renderer-and-an-idle-kiosk-s-cpu.md).
Rectangle {
    id: loop

    // A list model with the roles image (a file URL), alt, credit, headline, quote, attribution
    // and caption, all strings, "" when absent.
    required property var slides
    required property real secondsPerSlide
    required property string title
    // The title in the language of the slide on screen, which each slide sets while it is current.
    property string shownTitle: ""
    // "Touch the screen to begin" in each of the exhibit's languages, shown all at once, one line
    // each; or one invitation alone.
    property var invitations: []
    property string invitation: ""
    readonly property var invitationLines: {
        const lines = (loop.invitations ?? []).filter(line => line !== "");
        return lines.length > 0 ? lines : (loop.invitation !== "" ? [loop.invitation] : []);
    }
    // When false nothing animates at all, so that a hidden loop costs nothing.
    property bool running: visible
    // The clock steps on every frameStep-th frame of Qt's animation timer: 2 on its 60 Hz makes
    // 30 steps a second, evenly paced, and half the frames of a loop that changes in every one.
    property int frameStep: 2

    // How long each slide stays, its crossfade included, and how long the crossfade lasts.
    readonly property int slideDuration: Style.layouts?.attractSlideMs(loop.secondsPerSlide) ?? 0
    property int fadeDuration: Style.layouts?.attractFadeMs(loop.secondsPerSlide) ?? 0
    // How long the invitation's ring takes to spread and vanish; it starts again at once.
    readonly property int pulseDuration: 2400
    // The ring's state, 0 to 1, from the loop's clock.
    readonly property real pulse: (cursor.now % loop.pulseDuration) / loop.pulseDuration
    // How fast a picture travels, in pixels a second on the 1080-pixel reference screen, and how
    // far in all (kiosk/content/layout/attract.py). With reduced motion the pictures stand still,
    // and only the crossfade changes them.
    property real pace: Style.layouts?.attractPace ?? 0
    readonly property int travel: Style.layouts?.attractTravel((loop.slideDuration + loop.fadeDuration) / 1000, loop.pictureArea.width, loop.pictureArea.height, Style.unit, loop.pace, Style.reducedMotion) ?? 0

    // The slide in front, and how many slides have come in since the loop began (for tests).
    readonly property int currentIndex: cursor.current
    readonly property int slidesShown: cursor.shown
    readonly property int count: slideRepeater.count

    onCurrentIndexChanged: KioskVisits.attractSlideShown(loop.currentIndex + 1)

    readonly property bool portrait: loop.height > loop.width
    // The picture's side of the screen: the right-hand part in landscape, the top in portrait.
    // Both are close to square, so one picture suits both orientations.
    readonly property rect pictureArea: loop.portrait
        ? Qt.rect(0, 0, loop.width, Math.round(loop.height * Style.geometry.attract.pictureShare))
        : Qt.rect(Math.round(loop.width * Style.geometry.attract.wordsShare), 0, loop.width - Math.round(loop.width * Style.geometry.attract.wordsShare), loop.height)
    readonly property rect wordsArea: loop.portrait
        ? Qt.rect(0, loop.pictureArea.height, loop.width, loop.height - loop.pictureArea.height)
        : Qt.rect(0, 0, loop.pictureArea.x, loop.height)

    anchors.fill: parent
    color: Style.ink
    Accessible.role: Accessible.Pane
    Accessible.name: loop.title

    // Starts the next slide: it comes in over the one before, which keeps moving until covered.
    function advance(): void {
        const count = loop.count;
        if (count === 0)
            return;
        const next = (cursor.current + 1) % count;
        cursor.previous = next === cursor.current ? -1 : cursor.current;
        // A slide alone does not fade into itself: it travels back the way it came.
        cursor.alone = cursor.previous < 0 && cursor.current >= 0;
        cursor.current = next;
        cursor.forward = !cursor.forward;
        cursor.shown += 1;
    }

    // One step of the clock: the time, and the next slide when the one in front has had its time.
    function step(elapsed: real): void {
        cursor.now = elapsed;
        if (loop.count > 0 && (cursor.start < 0 || elapsed - cursor.start >= loop.slideDuration)) {
            cursor.start = elapsed;
            loop.advance();
        }
    }

    QtObject {
        id: cursor

        property int current: -1
        property int previous: -1
        property int shown: 0
        property bool forward: false
        property bool alone: false
        // Milliseconds since the clock started, as of its last step; and when the slide in front
        // came in (-1: a new slide comes in at the next step).
        property real now: 0
        property real start: -1
        readonly property real time: cursor.start < 0 ? 0 : Math.max(0, cursor.now - cursor.start)
        // 0 to 1 across the crossfade into the current slide, eased in and out (a sine).
        readonly property real progress: 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, cursor.time / Math.max(1, loop.fadeDuration)))
        readonly property real fade: cursor.alone ? 1 : cursor.progress
        // 0 to 1 across the current slide's time.
        readonly property real drift: Math.min(1, cursor.time / loop.slideDuration)
    }

    onCountChanged: {
        cursor.current = -1;
        cursor.previous = -1;
        cursor.start = -1;
    }

    // The loop's only animation. Stopped, it leaves everything where it is; started again, it
    // brings in the next slide.
    FrameAnimation {
        id: clock

        running: loop.running
        onRunningChanged: {
            if (!clock.running)
                cursor.start = -1;
        }
        onTriggered: {
            if (clock.currentFrame % Math.max(1, loop.frameStep) === 0)
                loop.step(clock.elapsedTime * 1000);
        }
    }

    // A target the size of a fingertip, with a ring that keeps spreading from it, and the words.
    component Beckon: Row {
        id: beckon

        required property var lines
        // 0 to 1 as the ring spreads, over and over without a pause.
        required property real spread

        spacing: Style.geometry.attract.beckonSpacing
        visible: beckon.lines.length > 0

        Item {
            width: Style.touchTarget
            height: Style.touchTarget

            Rectangle {
                anchors.centerIn: parent
                width: Math.round(Style.touchTarget * (0.56 + 0.84 * beckon.spread))
                height: width
                radius: width / 2
                color: "transparent"
                border.width: Style.px(3)
                border.color: Style.paper
                opacity: 1 - beckon.spread
            }
            Rectangle {
                anchors.centerIn: parent
                width: Math.round(Style.touchTarget * 0.56)
                height: width
                radius: width / 2
                color: "transparent"
                border.width: Style.px(3)
                border.color: Style.paper
            }
            Rectangle {
                anchors.centerIn: parent
                width: Math.round(Style.touchTarget * 0.2)
                height: width
                radius: width / 2
                color: Style.paper
            }
        }

        Column {
            anchors.verticalCenter: parent.verticalCenter
            spacing: Style.geometry.attract.invitationSpacing

            Repeater {
                model: beckon.lines

                Text {
                    id: line

                    required property string modelData
                    readonly property var textStyle: beckon.lines.length > 1 ? Style.geometry.attract.invitationLines : Style.geometry.attract.invitation

                    objectName: "attractInvitation"
                    text: line.modelData
                    textFormat: Text.PlainText
                    font.family: Style.interfaceFont
                    font.pixelSize: line.textStyle.size
                    font.weight: Font.Bold
                    font.letterSpacing: line.textStyle.letterSpacing
                    color: Style.paper
                }
            }
        }
    }

    // Two short bars in the exhibit's accents, as under the title of the home screen.
    component Accents: Row {
        property real barWidth: Style.geometry.attract.accentBar.width

        Rectangle {
            width: parent.barWidth
            height: Style.geometry.attract.accentBar.height
            color: Style.accentOne
        }
        Rectangle {
            width: parent.barWidth
            height: Style.geometry.attract.accentBar.height
            color: Style.accentTwo
        }
    }

    // With no slides, the exhibit's title alone, as on a title wall.
    Column {
        id: titleCard

        objectName: "attractTitleCard"
        anchors.centerIn: parent
        width: Style.geometry.attract.titleCardWidth
        spacing: Style.geometry.attract.titleCardSpacing
        visible: loop.count === 0

        Text {
            objectName: "attractTitle"
            width: parent.width
            text: loop.title
            textFormat: Text.PlainText
            font.family: Style.displayFont
            font.pixelSize: Math.round(Style.displaySize * 1.25)
            font.weight: Font.Bold
            lineHeight: 1.0
            color: Style.paper
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }

        Accents {
            anchors.horizontalCenter: parent.horizontalCenter
            barWidth: Style.geometry.attract.titleAccentBarWidth
        }

        Item {
            width: 1
            height: Style.geometry.attract.titleCardFoot
        }

        Beckon {
            anchors.horizontalCenter: parent.horizontalCenter
            lines: loop.invitationLines
            spread: loop.pulse
        }
    }

    // With slides: the exhibit's title small at the top of the words' side, the invitation at its
    // foot, and each slide's words between them.
    Item {
        id: panel

        x: loop.wordsArea.x
        y: loop.wordsArea.y
        width: loop.wordsArea.width
        height: loop.wordsArea.height
        visible: loop.count > 0

        readonly property real inset: Style.geometry.attract.inset

        Column {
            id: header

            x: panel.inset
            y: panel.inset
            width: panel.width - 2 * panel.inset
            spacing: Style.geometry.attract.headerSpacing

            Text {
                objectName: "attractSmallTitle"
                width: parent.width
                // In the language of the slide shown.
                text: loop.shownTitle || loop.title
                textFormat: Text.PlainText
                font.family: Style.interfaceFont
                font.pixelSize: Style.captionSize
                font.weight: Font.Bold
                font.letterSpacing: Style.geometry.attract.headerLetterSpacing
                font.capitalization: Font.AllUppercase
                color: Style.paper
                elide: Text.ElideRight
            }

            Accents {}
        }

        Rectangle {
            id: footRule

            x: panel.inset
            width: panel.width - 2 * panel.inset
            height: Style.px(2)
            anchors.bottom: footer.top
            anchors.bottomMargin: Style.geometry.attract.footRuleGap
            color: Style.inkSoft
        }

        Beckon {
            id: footer

            x: panel.inset
            anchors.bottom: parent.bottom
            anchors.bottomMargin: panel.inset
            lines: loop.invitationLines
            spread: loop.pulse
        }
    }

    // The region between the header and the foot where a slide's words stand.
    Item {
        id: wordsBox

        objectName: "attractWordsBox"
        x: panel.x + panel.inset
        y: panel.y + header.y + header.height + Style.geometry.attract.wordsTopGap
        width: panel.width - 2 * panel.inset
        height: footRule.y - header.y - header.height - Style.geometry.attract.wordsTopGap - Style.geometry.attract.wordsBottomGap
    }

    Item {
        id: slidesLayer

        anchors.fill: parent
        visible: loop.count > 0

        Repeater {
            id: slideRepeater

            model: loop.slides

            Item {
                id: slide

                required property int index
                required property string image
                required property string video
                required property string alt
                required property string credit
                required property string headline
                required property string quote
                required property string attribution
                required property string caption
                required property string quoteMark
                required property string title

                readonly property bool isCurrent: slide.index === cursor.current

                Binding {
                    target: loop
                    property: "shownTitle"
                    value: slide.title
                    when: slide.isCurrent
                }
                readonly property bool isPrevious: slide.index === cursor.previous
                // The slides kept loaded: the one in front, the one going, and the one to come.
                readonly property bool near: slide.isCurrent || slide.isPrevious
                    || slide.index === (cursor.current + 1) % Math.max(1, loop.count)
                // The slide's time on screen, 0 to 1, from the start of its fade-in to the end of
                // the fade that covers it (a slide alone is never covered).
                readonly property real life: {
                    const whole = loop.slideDuration + (loop.count > 1 ? loop.fadeDuration : 0);
                    if (slide.isCurrent)
                        return cursor.drift * loop.slideDuration / whole;
                    if (slide.isPrevious)
                        return Math.min(1, (1 + cursor.drift) * loop.slideDuration / whole);
                    return 0;
                }
                // Slides take turns to travel one way and back, so that a slide alone never jumps.
                readonly property bool forward: slide.isCurrent ? cursor.forward : !cursor.forward

                objectName: "attractSlide" + slide.index
                width: loop.width
                height: loop.height
                visible: slide.isCurrent || (slide.isPrevious && cursor.fade < 1)
                z: slide.isCurrent ? 2 : 1

                Item {
                    id: picture

                    objectName: "attractPicture"
                    x: loop.pictureArea.x
                    y: loop.pictureArea.y
                    width: loop.pictureArea.width
                    height: loop.pictureArea.height
                    clip: true
                    opacity: slide.isCurrent ? cursor.fade : 1
                    Accessible.role: Accessible.Graphic
                    Accessible.name: slide.alt

                    Rectangle {
                        anchors.fill: parent
                        color: Style.paperShade
                        visible: photo.status !== Image.Ready
                    }

                    // The picture is decoded once at its size on screen plus the distance it
                    // travels, and moves by whole pixels: a frame that moves it is a plain copy,
                    // never a rescaling, and most frames do not move it at all (ADR 0006).
                    Image {
                        id: photo

                        objectName: "attractPhoto"
                        readonly property int travel: loop.travel
                        // Each slide has its own way across (kiosk/content/layout/attract.py).
                        // Whole pixels travelled so far (attract.step): the place is asked of Python
                        // only when this changes, a few times a second, not at every frame.
                        readonly property int travelled: Math.round(photo.travel * (slide.forward ? slide.life : 1 - slide.life))
                        readonly property point place: Style.layouts?.attractPlace(photo.travel, slide.index, photo.travelled) ?? Qt.point(0, 0)

                        x: photo.place.x
                        y: photo.place.y
                        width: picture.width + photo.travel
                        height: picture.height + photo.travel
                        source: slide.near ? slide.image : ""
                        sourceSize.width: photo.width
                        sourceSize.height: photo.height
                        fillMode: Image.PreserveAspectCrop
                        asynchronous: true
                        smooth: true
                    }

                    // The slide's film, silent and looping, over its picture, which is its poster:
                    // only while the slide is in front, and never under reduced motion.
                    // Named by its file, not its type: Qt Multimedia is loaded when a slide has a
                    // film to play, not with the loop.
                    Loader {
                        objectName: "attractFilm"
                        anchors.fill: parent
                        active: slide.video !== "" && slide.isCurrent && loop.running && !Style.reducedMotion
                        Component.onCompleted: setSource("AmbientFilm.qml", { source: slide.video })
                    }
                }

                // Laid out by hand rather than by a Column, whose layout waits for the slide to be
                // shown: the size of the main words depends on the height of the others.
                Item {
                    id: words

                    objectName: "attractWords"
                    readonly property real gap: Style.geometry.attract.wordsSpacing
                    readonly property real others: details.height + (attribution.visible ? attribution.height + words.gap : 0)
                    // Room in the layer for the quotation mark that hangs in the margin.
                    readonly property real hang: Style.margin

                    x: wordsBox.x - words.hang
                    y: wordsBox.y - words.hang + Math.max(0, Math.round((wordsBox.height - block.height) / 2))
                    width: wordsBox.width + words.hang
                    height: block.height + 2 * words.hang
                    // The words go before the new picture has come in, and the new ones follow it.
                    readonly property real shown: slide.isCurrent ? Math.min(1, Math.max(0, (cursor.fade - 0.45) / 0.55)) : Math.max(0, 1 - cursor.fade / 0.3)

                    opacity: words.shown
                    // While they fade, drawn once into a layer, so that a frame costs a copy, not a
                    // redrawing of every glyph. Only then: the software renderer paints a layer
                    // again in every frame of the window, even when nothing in it has changed.
                    layer.enabled: slide.near && words.shown < 1

                    Item {
                        id: block

                        objectName: "attractBlock"
                        x: words.hang
                        y: words.hang
                        width: wordsBox.width
                        height: main.contentHeight + words.others

                        // The opening quotation mark hangs in the margin, so that the words align.
                        Text {
                            anchors.right: parent.left
                            anchors.rightMargin: Style.px(6)
                            // A guillemet sits at the middle of the letters, a curly quote at their top.
                            y: -Math.round(main.font.pixelSize * (text === "«" ? 0.62 : 0.22))
                            visible: slide.quote !== ""
                            text: slide.quoteMark || "“"
                            textFormat: Text.PlainText
                            font.family: Style.displayFont
                            font.pixelSize: Math.max(1, Math.round(main.font.pixelSize * 1.9))
                            lineHeight: 0.8
                            color: Style.accentTwo
                        }

                        // As large as the room left by the other words allows, down to body size:
                        // asked of Python, which the fit check asks too (no Text.Fit).
                        Text {
                            id: main

                            readonly property var textStyle: slide.quote !== "" ? Style.geometry.attract.quote : Style.geometry.attract.headline

                            objectName: slide.quote !== "" ? "attractQuote" : "attractHeadline"
                            width: parent.width
                            text: slide.quote !== "" ? slide.quote : slide.headline
                            textFormat: Text.PlainText
                            font.family: Style.displayFont
                            font.italic: main.textStyle.italic
                            font.weight: main.textStyle.bold ? Font.Bold : Font.Normal
                            font.pixelSize: Math.max(1, Style.layouts?.fittedSize(main.text, Style.displayFont, main.textStyle.size, Style.geometry.attract.wordsMinSize, main.textStyle.bold, main.textStyle.italic, main.textStyle.lineHeight, wordsBox.width, wordsBox.height - words.others) ?? main.textStyle.size)
                            lineHeight: main.textStyle.lineHeight
                            color: Style.paper
                            wrapMode: Text.Wrap
                        }

                        Text {
                            id: attribution

                            objectName: "attractAttribution"
                            y: main.contentHeight + words.gap
                            width: parent.width
                            visible: slide.attribution !== ""
                            text: "— " + slide.attribution
                            textFormat: Text.PlainText
                            font.family: Style.interfaceFont
                            font.pixelSize: Style.geometry.attract.attribution.size
                            font.weight: Font.Bold
                            lineHeight: Style.geometry.attract.attribution.lineHeight
                            color: Style.paperShade
                            wrapMode: Text.Wrap
                        }

                        Item {
                            id: details

                            y: block.height - details.height
                            width: parent.width
                            height: rule.y + rule.height + caption.anchors.topMargin + caption.height + credit.anchors.topMargin + credit.height

                            // Not opaque: an opaque item inside a layer leaves the rest of the layer
                            // black in the software renderer.
                            Rectangle {
                                id: rule

                                y: Style.geometry.attract.detailsRuleTop
                                width: Style.geometry.attract.detailsRule.width
                                height: Style.geometry.attract.detailsRule.height
                                color: Qt.rgba(Style.rule.r, Style.rule.g, Style.rule.b, 0.5)
                            }

                            Text {
                                id: caption

                                objectName: "attractCaption"
                                anchors.top: rule.bottom
                                anchors.topMargin: Style.geometry.attract.captionGap
                                width: Math.min(parent.width, Style.geometry.attract.captionWidth)
                                height: slide.caption !== "" ? implicitHeight : 0
                                visible: slide.caption !== ""
                                text: slide.caption
                                textFormat: Text.PlainText
                                font.family: Style.bodyFont
                                font.pixelSize: Style.geometry.attract.caption.size
                                lineHeight: Style.geometry.attract.caption.lineHeight
                                color: Style.paperShade
                                wrapMode: Text.Wrap
                            }

                            Text {
                                id: credit

                                objectName: "attractCredit"
                                anchors.top: caption.bottom
                                anchors.topMargin: Style.geometry.attract.creditGap
                                width: parent.width
                                visible: slide.credit !== ""
                                text: slide.credit
                                textFormat: Text.PlainText
                                font.family: Style.interfaceFont
                                font.pixelSize: Math.max(1, Style.geometry.attract.credit.size)
                                color: Style.rule
                                wrapMode: Text.Wrap
                            }
                        }
                    }
                }
            }
        }
    }
}
