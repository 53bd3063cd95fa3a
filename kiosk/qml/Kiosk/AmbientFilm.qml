import QtQuick
import QtMultimedia

// A film played as an ambient loop: silent, from its start and round again without a pause,
// covering its place. It shows only once its first picture is drawn: until then, and if it cannot
// play at all, what lies under it (the slide's picture, its poster) shows instead.
FilmPicture {
    id: ambient

    property url source

    readonly property bool playing: player.playbackState === MediaPlayer.PlayingState

    crop: true
    opacity: player.position > 0 && player.error === MediaPlayer.NoError ? 1 : 0

    MediaPlayer {
        id: player

        objectName: "ambientPlayer"
        source: ambient.source
        loops: MediaPlayer.Infinite
        videoOutput: ambient.sink
        // No audio output: an ambient loop is silent.
        Component.onCompleted: player.play()
    }
}
