import QtQuick
import QtMultimedia
import Kiosk.Backend

// Where a film's pictures are drawn, for a MediaPlayer's videoOutput. Qt Multimedia's VideoOutput
// draws through a graphics card's API and stays blank in Qt Quick's software renderer, which a
// kiosk without a graphics card uses (docs/adr/0019-the-renderer-and-an-idle-kiosk-s-cpu.md); there
// a KioskVideoSurface draws the frames (docs/adr/0037-films-in-the-software-renderer.md). Either
// way the picture is fitted into the item, and the last frame stays when the film ends.
Item {
    id: picture

    // The item to hand a player as its videoOutput, once made (objectName "videoOutput").
    readonly property Item output: loader.item as Item

    Loader {
        id: loader

        anchors.fill: parent
        sourceComponent: GraphicsInfo.api === GraphicsInfo.Software ? surface : videoOutput
    }

    Component {
        id: surface

        KioskVideoSurface {
            objectName: "videoOutput"
        }
    }

    Component {
        id: videoOutput

        VideoOutput {
            objectName: "videoOutput"
            fillMode: VideoOutput.PreserveAspectFit
            endOfStreamPolicy: VideoOutput.KeepLastFrame
        }
    }
}
