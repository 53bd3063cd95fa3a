"""A film with a sound device to play to: the described sound file played in step with the muted
film, and the sound tracks of each language. Run by tests/gui/test_with_a_sound_device.py in a
pytest of its own, against a PulseAudio server with a null sink started for it: the rest of the
suite runs without sound, as a gallery's kiosk with its speaker unplugged does, and Qt Multimedia
looks for a sound server once per process.
"""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi, SessionOptions
from kiosk.services.video import DRIFT_LIMIT_MS
from kiosk.viewmodels.video import KioskVideo
from tests.gui.conftest import Finger, OpenKiosk, find_item, tap_open_section
from tests.gui.test_video import FILM_S, film_exhibit, state

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(r"No RHI backend\. Using CPU conversion"),
    pytest.mark.skipif(
        "PULSE_SERVER" not in os.environ, reason="run by tests/gui/test_with_a_sound_device.py"
    ),
]

PLAYING = QMediaPlayer.PlaybackState.PlayingState


def play_film(
    qtbot: QtBot,
    open_kiosk: OpenKiosk,
    tmp_path: Path,
    language: str,
    *,
    described: bool,
    seconds: float = FILM_S,
) -> tuple[KioskUi, KioskVideo, Finger]:
    """The test film played by a visitor who chose `language` and, or not, audio description."""
    ui = open_kiosk(
        film_exhibit(tmp_path / "films", seconds=seconds), options=SessionOptions(idle_timeout_s=60)
    )
    ui.exhibit.chooseLanguage(language)
    ui.access.setAudioDescription(described)
    finger = tap_open_section(qtbot, ui, 0)
    video = ui.video
    assert video is not None
    qtbot.waitUntil(lambda: find_item(ui, "videoPosterPlay").isVisible())
    finger.tap(find_item(ui, "videoPosterPlay"))
    qtbot.waitUntil(lambda: state(video) == "playing", timeout=5000)
    return ui, video, finger


def test_the_test_has_a_sound_device() -> None:
    assert [device.description() for device in QMediaDevices.audioOutputs()] != []


def test_a_described_sound_file_plays_in_step_with_the_muted_film(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path
) -> None:
    # description: {ru: media/described.ru.ogg}: a file as long as the film, played beside it.
    ui, video, finger = play_film(qtbot, open_kiosk, tmp_path, "ru", described=True, seconds=8.0)
    describer = video.findChild(QMediaPlayer, "videoDescriptionPlayer")
    assert describer is not None, "no player for the described sound"
    film_sound = video.findChild(QAudioOutput, "videoSound")
    assert film_sound is not None
    qtbot.waitUntil(lambda: describer.playbackState() == PLAYING and describer.position() > 500, timeout=5000)
    assert film_sound.isMuted(), "the film's own sound plays over its description"
    assert describer.source().fileName() == "described.ru.ogg"

    def in_step() -> bool:
        return abs(describer.position() - video.property("position")) <= 2 * DRIFT_LIMIT_MS

    qtbot.waitUntil(in_step, timeout=3000)
    # Moved by the visitor: the description goes with the film.
    video.seek(5000)
    qtbot.waitUntil(lambda: describer.position() >= 4900 and in_step(), timeout=5000)
    # Paused and played again.
    finger.tap(find_item(ui, "videoPlayPause"))
    qtbot.waitUntil(lambda: state(video) == "paused")
    qtbot.waitUntil(lambda: describer.playbackState() == QMediaPlayer.PlaybackState.PausedState)
    # Turned off: the film's own sound again, the description stopped.
    ui.access.setAudioDescription(False)
    qtbot.waitUntil(lambda: describer.playbackState() == QMediaPlayer.PlaybackState.StoppedState)
    assert not film_sound.isMuted()


@pytest.mark.parametrize(
    ("language", "described", "track"), [("en", False, 0), ("ru", False, 1), ("en", True, 2)]
)
def test_the_film_speaks_the_visitors_language_or_its_description(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path, language: str, described: bool, track: int
) -> None:
    _ui, video, _finger = play_film(qtbot, open_kiosk, tmp_path, language, described=described)
    player = video.findChild(QObject, "videoPlayer")
    qtbot.waitUntil(lambda: player.property("activeAudioTrack") == track, timeout=5000)
    sound = video.findChild(QAudioOutput, "videoSound")
    assert sound is not None
    assert not sound.isMuted()
    assert video.findChild(QMediaPlayer, "videoDescriptionPlayer") is None
