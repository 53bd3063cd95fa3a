"""A panel's narration by touch: Listen plays it with captions in time, holds off the idle timer, and
stops when the visitor pauses, leaves the panel or the visit ends.

These run with no sound card, as CI does: the kiosk then runs the captions on its own clock, as it
does in a gallery whose speaker is unplugged, so what is checked is what a visitor who reads the
captions gets.
"""

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi, SessionOptions
from tests.conftest import write_wav
from tests.gui.conftest import (
    QUIET_WITHOUT_SOUND_HARDWARE,
    Finger,
    OpenKiosk,
    find_item,
    tap_open_section,
    wait_until_settled,
)

pytestmark = [pytest.mark.gui, QUIET_WITHOUT_SOUND_HARDWARE]

CUES = [(0.0, 0.6, "The first words"), (0.7, 1.4, "The words after them"), (1.5, 2.0, "The last words")]
SOUND_S = 2.2

EXHIBIT = """\
title: Narrated
timing: {{idle_timeout: 60, countdown: 20}}
sections:
  - id: heard
    title: Heard
    teaser: A section with a narration
    panels:
      - kind: text
        title: Read aloud
        body: A panel with a narration.
        narration:
          audio: media/{audio}
          credit: A test tone
          cues:
{cues}
      - kind: text
        title: Silent
        body: A panel without one.
"""


def narrated_exhibit(folder: Path, audio: str = "reading.wav") -> Path:
    (folder / "media").mkdir(parents=True)
    write_wav(folder / "media" / "reading.wav", SOUND_S)
    cues = "\n".join(
        f"            - {{start: {start}, end: {end}, text: {text}}}" for start, end, text in CUES
    )
    (folder / "exhibit.yaml").write_text(EXHIBIT.format(audio=audio, cues=cues), encoding="utf-8")
    return folder


def open_narrated(qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path, options: SessionOptions) -> KioskUi:
    ui = open_kiosk(folder, options=options)
    tap_open_section(qtbot, ui, 0)
    qtbot.waitUntil(lambda: find_item(ui, "narrationBar").isVisible())
    return ui


def shown_caption(ui: KioskUi) -> str:
    return find_item(ui, "narrationCaption").property("text")


def listening(ui: KioskUi) -> bool:
    assert ui.narration is not None
    return ui.narration.property("playing")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return narrated_exhibit(tmp_path / "narrated")


def test_only_a_panel_with_a_narration_shows_the_listen_bar(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui = open_narrated(qtbot, open_kiosk, folder, SessionOptions(idle_timeout_s=30))
    assert find_item(ui, "narrationListen").property("text") == "Listen"
    assert find_item(ui, "narrationCredit").property("text") == "A test tone"
    finger = Finger(ui.window)
    finger.tap(find_item(ui, "nextButton"))
    qtbot.waitUntil(lambda: ui.navigation.property("panelIndex") == 1)
    qtbot.waitUntil(lambda: not find_item(ui, "narrationBar").isVisible())


def test_listening_holds_off_the_idle_timer_and_the_captions_follow_the_words(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui = open_narrated(qtbot, open_kiosk, folder, SessionOptions(idle_timeout_s=30))
    narration = ui.narration
    assert narration is not None
    # Short from here on, once the section is open: the tap on Listen starts the count.
    ui.idle.set_timeouts(0.3, 20)
    finger = Finger(ui.window)
    finger.tap(find_item(ui, "narrationListen"))
    qtbot.waitUntil(lambda: listening(ui))
    assert find_item(ui, "narrationListen").property("text") == "Pause"
    seen = []
    for start, end, text in CUES:
        qtbot.waitUntil(lambda text=text: shown_caption(ui) == text, timeout=5000)
        position = narration.property("position")
        seen.append(text)
        assert start * 1000 <= position < end * 1000, (text, position)
        # Well past the 0.3 s idle timeout since the tap, and nobody is asked whether still there.
        assert ui.session.property("mode") == "visiting"
    assert seen == [text for _, _, text in CUES]
    # At the end the hold is released: the quiet visitor is asked, as after any pause in touching.
    qtbot.waitUntil(lambda: not listening(ui), timeout=5000)
    qtbot.waitUntil(lambda: ui.session.property("mode") == "countdown", timeout=3000)
    assert find_item(ui, "narrationListen").property("text") == "Listen"


def test_pausing_keeps_the_caption_and_lets_the_idle_timer_count_again(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui = open_narrated(qtbot, open_kiosk, folder, SessionOptions(idle_timeout_s=30))
    narration = ui.narration
    assert narration is not None
    ui.idle.set_timeouts(0.5, 20)
    finger = Finger(ui.window)
    finger.tap(find_item(ui, "narrationListen"))
    qtbot.waitUntil(lambda: narration.property("position") > 200, timeout=5000)
    finger.tap(find_item(ui, "narrationListen"))
    qtbot.waitUntil(lambda: not listening(ui))
    assert not ui.idle.busy
    paused_at = narration.property("position")
    assert paused_at > 0
    assert shown_caption(ui) == CUES[0][2]
    assert find_item(ui, "narrationListen").property("text") == "Resume"
    qtbot.waitUntil(lambda: ui.session.property("mode") == "countdown", timeout=3000)
    assert narration.property("position") == paused_at


def test_leaving_the_panel_stops_the_narration(qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path) -> None:
    ui = open_narrated(qtbot, open_kiosk, folder, SessionOptions(idle_timeout_s=30))
    narration = ui.narration
    assert narration is not None
    finger = Finger(ui.window)
    finger.tap(find_item(ui, "narrationListen"))
    qtbot.waitUntil(lambda: shown_caption(ui) == CUES[0][2], timeout=5000)
    finger.tap(find_item(ui, "nextButton"))
    qtbot.waitUntil(lambda: not listening(ui))
    assert not ui.idle.busy
    assert narration.property("caption") == ""
    # Back on the panel, it starts again from the beginning, silent until asked.
    finger.tap(find_item(ui, "backButton"))
    qtbot.waitUntil(lambda: ui.navigation.property("panelIndex") == 0)
    wait_until_settled(qtbot, ui)
    assert not listening(ui)
    assert narration.property("position") == 0


def test_the_end_of_the_visit_stops_the_narration(qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path) -> None:
    ui = open_narrated(qtbot, open_kiosk, folder, SessionOptions(idle_timeout_s=30))
    narration = ui.narration
    assert narration is not None
    Finger(ui.window).tap(find_item(ui, "narrationListen"))
    qtbot.waitUntil(lambda: shown_caption(ui) == CUES[0][2], timeout=5000)
    with qtbot.waitSignal(ui.session.visitEnded):
        ui.session.endVisit()
    qtbot.waitUntil(lambda: not listening(ui))
    assert narration.property("position") == 0
    assert not narration.property("available")  # the next visitor starts at home
    ui.session.wake()
    assert not ui.idle.busy


def test_a_sound_the_player_cannot_play_still_shows_its_captions_in_time(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path
) -> None:
    folder = narrated_exhibit(tmp_path / "broken", audio="broken.mp3")
    # An MP3 by its first bytes, so it passes validation, and nothing a decoder can play.
    (folder / "media" / "broken.mp3").write_bytes(b"ID3" + bytes(61) + b"\x00" * 4096)
    ui = open_narrated(qtbot, open_kiosk, folder, SessionOptions(idle_timeout_s=30))
    Finger(ui.window).tap(find_item(ui, "narrationListen"))
    qtbot.waitUntil(lambda: listening(ui))
    for _, _, text in CUES:
        qtbot.waitUntil(lambda text=text: shown_caption(ui) == text, timeout=5000)
    qtbot.waitUntil(lambda: not listening(ui), timeout=5000)
    assert not ui.idle.busy


def test_without_a_sound_device_no_player_is_made_and_the_captions_still_run(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Qt 6.11's player, playing to no device, was seen to hang the UI thread in stop(): where
    nothing could be heard, the kiosk plays nothing, and says so once in its log."""
    from PySide6.QtCore import QObject
    from PySide6.QtMultimedia import QMediaDevices

    if QMediaDevices.audioOutputs():
        pytest.skip("this machine has a sound device")
    ui = open_narrated(qtbot, open_kiosk, narrated_exhibit(tmp_path / "heard"), SessionOptions())
    narration = ui.narration
    listen = find_item(ui, "narrationListen")
    finger = Finger(ui.window)
    for _ in range(2):
        finger.tap(listen)
        qtbot.waitUntil(lambda: shown_caption(ui) == "The first words")
        finger.tap(listen)
        qtbot.waitUntil(lambda: not narration.property("playing"))
    assert narration.findChild(QObject, "narrationPlayer") is None
    assert [
        record.getMessage() for record in caplog.records if "no sound output device" in record.getMessage()
    ] == ["narration: no sound output device; narrations show their captions only"]
