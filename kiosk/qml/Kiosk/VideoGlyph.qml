pragma ComponentBehavior: Bound
import QtQuick

// The marks of the film's controls, drawn rather than taken from a font: play, pause, replay,
// quieter, louder and captions ("CC"), in `color`, centred in the item.
Item {
    id: glyph

    property string glyph: ""
    property color color: Style.paper

    // The mark is drawn at a little under half its button's side.
    readonly property real side: Math.min(glyph.width, glyph.height) / 2.2

    objectName: glyph.glyph + "Glyph"

    Canvas {
        id: drawing

        anchors.centerIn: parent
        width: glyph.side
        height: glyph.side
        visible: glyph.glyph === "play" || glyph.glyph === "replay"
        property string mark: glyph.glyph
        property color fill: glyph.color
        onMarkChanged: requestPaint()
        onFillChanged: requestPaint()
        onPaint: {
            const context = getContext("2d");
            context.reset();
            const w = drawing.width, h = drawing.height;
            context.fillStyle = drawing.fill;
            context.strokeStyle = drawing.fill;
            if (drawing.mark === "play") {
                // A triangle a little right of centre, so that it looks centred.
                context.beginPath();
                context.moveTo(w * 0.22, h * 0.1);
                context.lineTo(w * 0.92, h / 2);
                context.lineTo(w * 0.22, h * 0.9);
                context.closePath();
                context.fill();
            } else if (drawing.mark === "replay") {
                context.lineWidth = w * 0.13;
                context.beginPath();
                context.arc(w / 2, h / 2, w * 0.34, -Math.PI * 0.35, Math.PI * 1.45);
                context.stroke();
                context.beginPath();
                context.moveTo(w * 0.62, h * 0.02);
                context.lineTo(w * 0.9, h * 0.24);
                context.lineTo(w * 0.56, h * 0.38);
                context.closePath();
                context.fill();
            }
        }
    }

    // Two bars to pause.
    Row {
        anchors.centerIn: parent
        visible: glyph.glyph === "pause"
        spacing: glyph.side / 4

        Repeater {
            model: 2

            Rectangle {
                width: glyph.side / 4
                height: glyph.side * 7 / 8
                radius: width / 6
                color: glyph.color
            }
        }
    }

    // A bar, crossed by another for louder.
    Rectangle {
        anchors.centerIn: parent
        visible: glyph.glyph === "quieter" || glyph.glyph === "louder"
        width: glyph.side * 3 / 4
        height: glyph.side / 6
        radius: height / 2
        color: glyph.color
    }

    Rectangle {
        anchors.centerIn: parent
        visible: glyph.glyph === "louder"
        width: glyph.side / 6
        height: glyph.side * 3 / 4
        radius: width / 2
        color: glyph.color
    }

    Text {
        anchors.centerIn: parent
        visible: glyph.glyph === "captions"
        text: "CC"
        textFormat: Text.PlainText
        font.family: Style.interfaceFont
        font.pixelSize: glyph.side * 3 / 4
        font.weight: Font.Black
        color: glyph.color
    }
}
