pragma ComponentBehavior: Bound
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

    // The picture, once made (objectName "videoOutput"), and the sink a player draws into: a
    // MediaPlayer's videoOutput, or what KioskVideo.showOn is given.
    readonly property Item output: loader.item as Item
    readonly property QtObject sink: (picture.output as KioskVideoSurface)?.videoSink
                                     ?? (picture.output as VideoOutput)?.videoSink ?? null
    // Whether the picture covers the item, cut at its edges (an ambient loop), or fits inside it.
    property bool crop: false

    Loader {
        id: loader

        anchors.fill: parent
        sourceComponent: GraphicsInfo.api === GraphicsInfo.Software ? surface : videoOutput
    }

    Component {
        id: surface

        KioskVideoSurface {
            objectName: "videoOutput"
            crop: picture.crop
        }
    }

    Component {
        id: videoOutput

        VideoOutput {
            objectName: "videoOutput"
            fillMode: picture.crop ? VideoOutput.PreserveAspectCrop : VideoOutput.PreserveAspectFit
            endOfStreamPolicy: VideoOutput.KeepLastFrame
        }
    }
}
