"""A video panel by touch: the poster until played, play and pause, the scrubber, captions in the
visitor's language, audio description from the Access sheet, the idle timer held while a film plays
(up to the installation's cap), and every film back to its poster at the visit's end.

These run with no sound card, as CI does: a film then plays silently with its captions, as it does
in a gallery whose speaker is unplugged. The films are made in a moment by tests/video_clips.py.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickItem, QSGRendererInterface
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi, SessionOptions
from kiosk.viewmodels.video import KioskVideo
from tests.clock import ManualClock
from tests.gui.conftest import (
    QUIET_WITHOUT_SOUND_HARDWARE,
    Finger,
    OpenKiosk,
    current_panel,
    find_item,
    items_named,
    read_the_panel,
    search_item,
    tap_open_section,
)
from tests.gui.test_accessibility import press, tab_to, wait_for_focus
from tests.gui.test_video_surface import textures_in_python
from tests.gui.test_visitor_options import open_options, shown
from tests.video_clips import Track, make_clip, make_sound

pytestmark = [
    pytest.mark.gui,
    # pytest-qt reads one such mark: what Qt Multimedia says without sound hardware, and, once,
    # that it makes frames into pictures on the processor, as the software renderer wants them
    # (docs/adr/0037-films-in-the-software-renderer.md).
    pytest.mark.qt_log_ignore(*QUIET_WITHOUT_SOUND_HARDWARE.args, r"No RHI backend\. Using CPU conversion"),
]

FILM_S = 3.0
CUES = {
    "en": [(0.0, 1.4, "Words in English"), (1.5, 3.0, "More words in English")],
    "ru": [(0.0, 1.4, "Слова по-русски"), (1.5, 3.0, "Ещё слова по-русски")],
}

EXHIBIT = """\
title: Films
languages: [en, ru]
timing: {{idle_timeout: 60, countdown: 20}}
sections:
  - id: films
    title: {{en: Films, ru: Фильмы}}
    teaser: Moving pictures
    panels:
      - kind: video
        title: {{en: A film, ru: Фильм}}
        video: media/{film}
        poster: media/poster.png
        alt: {{en: A grey square that darkens and lightens, ru: Серый квадрат темнеет и светлеет}}
        caption: {{en: The film's caption, ru: Подпись к фильму}}
        credit: Made for the tests
        captions: {{en: media/film.en.vtt, ru: media/film.ru.vtt}}
        audio: {{en: 0, ru: 1}}
        description: {{en: 2, ru: media/described.ru.ogg}}
      - kind: text
        title: After the film
        body: A panel without one.
"""


def vtt(cues: list[tuple[float, float, str]]) -> str:
    def stamp(seconds: float) -> str:
        return f"00:{int(seconds):02d}.{round(seconds % 1 * 1000):03d}"

    return "WEBVTT\n\n" + "\n\n".join(f"{stamp(a)} --> {stamp(b)}\n{text}" for a, b, text in cues) + "\n"


def film_exhibit(folder: Path, film: str = "film.mp4", seconds: float = FILM_S) -> Path:
    media = folder / "media"
    media.mkdir(parents=True)
    make_clip(
        media / "film.mp4",
        seconds=seconds,
        tracks=(Track("eng"), Track("rus", pitch=330), Track("eng", pitch=660)),
    )
    make_sound(media / "described.ru.ogg", seconds=seconds)
    poster = QImage(640, 360, QImage.Format.Format_RGB32)
    poster.fill(QColor("#c03020"))
    poster.save(str(media / "poster.png"))
    for language, cues in CUES.items():
        (media / f"film.{language}.vtt").write_text(vtt(cues), encoding="utf-8")
    (folder / "exhibit.yaml").write_text(EXHIBIT.format(film=film), encoding="utf-8")
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return film_exhibit(tmp_path / "films")


def open_film(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path, options: SessionOptions | None = None
) -> tuple[KioskUi, KioskVideo, Finger]:
    ui = open_kiosk(folder, options=options or SessionOptions(idle_timeout_s=30))
    finger = tap_open_section(qtbot, ui, 0)
    assert ui.video is not None
    qtbot.waitUntil(lambda: search_item(current_panel(ui), "videoPosterPlay").isVisible())
    return ui, ui.video, finger


def state(video: KioskVideo) -> str:
    return video.property("state")


def shown_caption(ui: KioskUi) -> str:
    overlay = find_item(ui, "videoCaptions")
    return overlay.property("text") if overlay.isVisible() else ""


def film_pixel(ui: KioskUi) -> QColor:
    film = find_item(ui, "videoFilm")
    centre = film.mapToScene(QPointF(film.width() / 2, film.height() / 4)).toPoint()
    return ui.window.grabWindow().pixelColor(centre)


def pictures_counted(output: QQuickItem) -> Callable[[], int]:
    """The film's pictures reaching `output` from now on: those the kiosk's surface draws (in the
    software renderer), or those a VideoOutput's sink is given, each of which it draws (where Qt
    Quick draws through a graphics API: tests/gui/test_graphics_api.py)."""
    if output.property("framesShown") is not None:
        start = int(output.property("framesShown"))
        return lambda: int(output.property("framesShown")) - start
    from PySide6.QtMultimedia import QVideoSink  # noqa: F401 -- PySide converts the property's type once loaded

    given = [0]
    sink = output.property("videoSink")
    sink.videoFrameChanged.connect(lambda frame: given.__setitem__(0, given[0] + int(frame.isValid())))
    return lambda: given[0]


def test_the_poster_shows_until_the_film_is_played_and_then_its_pictures(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui, video, finger = open_film(qtbot, open_kiosk, folder)
    assert state(video) == "poster"
    assert find_item(ui, "videoPoster").isVisible()
    assert film_pixel(ui).red() > 150  # the red poster
    pictures = pictures_counted(find_item(ui, "videoOutput"))
    finger.tap(find_item(ui, "videoPosterPlay"))
    qtbot.waitUntil(lambda: state(video) == "playing")
    qtbot.waitUntil(lambda: pictures() > 3, timeout=5000)
    assert not find_item(ui, "videoPoster").isVisible()
    # The film's grey, not the poster's red.
    colour = film_pixel(ui)
    assert abs(colour.red() - colour.green()) < 30, colour.name()
    assert find_item(ui, "videoPlayPause").property("text") == "Pause the film"


def test_pausing_keeps_the_picture_and_lets_the_idle_timer_count_again(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui, video, finger = open_film(qtbot, open_kiosk, folder)
    finger.tap(find_item(ui, "videoPosterPlay"))
    qtbot.waitUntil(lambda: video.property("position") > 300, timeout=5000)
    assert ui.idle.busy
    finger.tap(find_item(ui, "videoPlayPause"))
    qtbot.waitUntil(lambda: state(video) == "paused")
    assert not ui.idle.busy
    paused_at = video.property("position")
    assert find_item(ui, "videoStateMark").isVisible()  # the paused mark on the film
    assert not find_item(ui, "videoPoster").isVisible()  # its picture stays, not the poster
    assert find_item(ui, "videoPlayPause").property("text") == "Play the film"
    finger.tap(find_item(ui, "videoPlayPause"))
    qtbot.waitUntil(lambda: video.property("position") > paused_at + 200, timeout=5000)


def test_the_film_plays_to_its_end_holds_its_last_picture_and_offers_replay(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui, video, finger = open_film(qtbot, open_kiosk, folder)
    with qtbot.waitSignal(video.finished, timeout=10_000) as ended:
        finger.tap(find_item(ui, "videoPosterPlay"))
    assert ended.args == [video.property("duration")]
    assert state(video) == "ended"
    assert not ui.idle.busy
    assert not find_item(ui, "videoPoster").isVisible()
    # Its last picture (a dark grey) stays, not the paper behind an empty picture.
    last = film_pixel(ui)
    assert abs(last.red() - last.green()) < 30, last.name()
    assert last.value() < 100, last.name()
    assert find_item(ui, "videoPlayPause").property("text") == "Play the film again"
    finger.tap(find_item(ui, "videoPlayPause"))
    qtbot.waitUntil(lambda: state(video) == "playing")
    qtbot.waitUntil(lambda: 0 < video.property("position") < 1000, timeout=5000)


def test_a_finger_on_the_scrubber_moves_the_film_and_its_captions(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui, video, finger = open_film(qtbot, open_kiosk, folder)
    finger.tap(find_item(ui, "videoPosterPlay"))
    qtbot.waitUntil(lambda: shown_caption(ui) == "Words in English", timeout=5000)
    finger.tap(find_item(ui, "videoPlayPause"))
    qtbot.waitUntil(lambda: state(video) == "paused")
    scrubber = find_item(ui, "videoScrubber")
    # A tap at four fifths of the track: the film goes there, and the caption of that moment shows.
    left = scrubber.property("leftPadding")
    track = scrubber.property("availableWidth")
    at = scrubber.mapToScene(QPointF(left + track * 0.8, scrubber.height() / 2)).toPoint()
    with qtbot.waitSignal(video.sought) as moved:
        finger.tap_at(at)
    target = moved.args[1]
    assert FILM_S * 1000 * 0.7 < target < FILM_S * 1000 * 0.9, moved.args
    assert video.property("position") == target
    qtbot.waitUntil(lambda: shown_caption(ui) == "More words in English")
    assert state(video) == "paused"
    # A drag back to the start: the handle follows the finger, the film moves when it lets go.
    handle = find_item(ui, "videoScrubberHandle")
    start = handle.mapToScene(QPointF(handle.width() / 2, handle.height() / 2)).toPoint()
    end = scrubber.mapToScene(QPointF(left, scrubber.height() / 2)).toPoint()
    with qtbot.waitSignal(video.sought) as moved:
        finger.swipe(start, end)
    assert moved.args[1] < 300, moved.args
    qtbot.waitUntil(lambda: shown_caption(ui) == "Words in English")


def test_captions_are_on_in_the_visitors_language_and_follow_a_switch_of_language(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui, video, finger = open_film(qtbot, open_kiosk, folder)
    finger.tap(find_item(ui, "videoPosterPlay"))
    qtbot.waitUntil(lambda: shown_caption(ui) == "Words in English", timeout=5000)
    # Another language: the film starts again from its poster, in that language's sound and words.
    with qtbot.waitSignal(ui.exhibit.languageChanged):
        ui.exhibit.chooseLanguage("ru")
    qtbot.waitUntil(lambda: state(video) == "poster")
    assert not ui.idle.busy
    assert find_item(ui, "videoPoster").isVisible()
    qtbot.waitUntil(lambda: find_item(ui, "videoPosterPlay").isVisible())
    finger.tap(find_item(ui, "videoPosterPlay"))
    qtbot.waitUntil(lambda: shown_caption(ui) == "Слова по-русски", timeout=5000)
    player = video.findChild(QObject, "videoPlayer")
    qtbot.waitUntil(lambda: player.property("activeAudioTrack") == 1)  # audio: {ru: 1}
    # Hidden by the visitor, they stay hidden until the visit ends.
    with qtbot.waitSignal(video.captionsToggled) as toggled:
        finger.tap(find_item(ui, "videoCaptionsToggle"))
    assert toggled.args == [False]
    qtbot.waitUntil(lambda: shown_caption(ui) == "")
    assert video.property("caption") != ""


def test_audio_description_chosen_in_the_access_sheet_switches_the_films_sound(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui, video, finger = open_film(qtbot, open_kiosk, folder)
    open_options(qtbot, ui, finger)
    finger.tap(shown(ui, "audioDescriptionSwitch"))
    qtbot.waitUntil(lambda: ui.access.property("audioDescription"))
    finger.tap(shown(ui, "accessSheetClose"))
    finger.tap(find_item(ui, "videoPosterPlay"))
    player = video.findChild(QObject, "videoPlayer")
    # description: {en: 2}: the described track of the same file.
    qtbot.waitUntil(lambda: player.property("activeAudioTrack") == 2, timeout=5000)
    assert video.property("described")
    # Turned off while the film plays: its own sound (audio: {en: 0}) again, the film playing on.
    ui.access.setAudioDescription(False)
    qtbot.waitUntil(lambda: player.property("activeAudioTrack") == 0)
    assert state(video) == "playing"
    # Remembered for the visit, and forgotten at its end.
    ui.access.setAudioDescription(True)
    ui.session.endVisit()
    qtbot.waitUntil(lambda: not ui.access.property("audioDescription"))


def test_visit_end_stops_the_film_and_shows_its_poster(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui, video, finger = open_film(qtbot, open_kiosk, folder)
    finger.tap(find_item(ui, "videoPosterPlay"))
    qtbot.waitUntil(lambda: video.property("position") > 300, timeout=5000)
    finger.tap(find_item(ui, "videoCaptionsToggle"))
    qtbot.waitUntil(lambda: not video.property("captionsOn"))
    ui.session.endVisit()
    qtbot.waitUntil(lambda: state(video) == "poster")
    assert video.property("position") == 0
    assert video.property("captionsOn")  # the next visitor's captions are on again
    assert not ui.idle.busy


def test_leaving_the_panel_stops_the_film(qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path) -> None:
    ui, video, finger = open_film(qtbot, open_kiosk, folder)
    finger.tap(find_item(ui, "videoPosterPlay"))
    qtbot.waitUntil(lambda: state(video) == "playing")
    finger.tap(find_item(ui, "nextButton"))
    qtbot.waitUntil(lambda: ui.navigation.property("panelIndex") == 1)
    qtbot.waitUntil(lambda: not video.property("available"))
    assert state(video) == "poster"
    assert not ui.idle.busy


def test_a_playing_film_holds_off_the_idle_timer_until_the_installations_cap(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path
) -> None:
    folder = film_exhibit(tmp_path / "films", seconds=30)
    clock = ManualClock()
    options = SessionOptions(idle_timeout_s=30, countdown_s=20, clock=clock, video_idle_cap_s=120)
    ui, video, finger = open_film(qtbot, open_kiosk, folder, options)
    finger.tap(find_item(ui, "videoPosterPlay"))
    qtbot.waitUntil(lambda: state(video) == "playing")
    # Long past the idle timeout, the visitor watching is not asked whether still there.
    clock.advance(100)
    assert ui.session.property("mode") == "visiting"
    assert state(video) == "playing"
    # At the cap the hold goes: the usual question comes after the idle timeout, and unanswered,
    # the visit ends and the film goes back to its poster.
    clock.advance(20)
    assert not ui.idle.busy
    clock.advance(30)
    assert ui.session.property("mode") == "countdown"
    clock.advance(20)
    qtbot.waitUntil(lambda: state(video) == "poster")


def test_a_film_that_cannot_be_decoded_shows_its_poster_and_the_kiosk_carries_on(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui, video, finger = open_film(qtbot, open_kiosk, folder)
    # Damaged on the disk after it was checked: the player finds out when asked to play it.
    film = folder / "media" / "film.mp4"
    film.write_bytes(b"\x00" * 64 + film.read_bytes()[64:][::-1])
    with qtbot.waitSignal(video.failed, timeout=10_000) as failed:
        finger.tap(find_item(ui, "videoPosterPlay"))
    assert failed.args[0] == film.as_uri()
    qtbot.waitUntil(lambda: state(video) == "failed")
    assert find_item(ui, "videoPoster").isVisible()
    assert not find_item(ui, "videoPosterPlay").isVisible()
    assert find_item(ui, "videoCaption").property("text") == "The film's caption"
    assert not ui.idle.busy
    finger.tap(find_item(ui, "nextButton"))
    qtbot.waitUntil(lambda: ui.navigation.property("panelIndex") == 1)


# --- Ambient loops ------------------------------------------------------------------------------

ATTRACT = """\
attract:
  slides:
    - image: media/poster.png
      video: media/loop.mp4
      alt: A grey square
      credit: Made for the tests
      headline: Watch
"""

LOOP_PANEL = """\
      - kind: video
        title: A loop
        video: media/loop.mp4
        poster: media/poster.png
        alt: A grey square that darkens and lightens
        caption: A silent loop
        credit: Made for the tests
        loop: true
"""


def loop_exhibit(folder: Path, loop_seconds: float = 1.0) -> Path:
    film_exhibit(folder)
    make_clip(folder / "media" / "loop.mp4", seconds=loop_seconds, tracks=())
    text = (folder / "exhibit.yaml").read_text(encoding="utf-8")
    text = text.replace("sections:\n", ATTRACT + "sections:\n", 1)
    text = text.replace("      - kind: text\n", LOOP_PANEL + "      - kind: text\n", 1)
    (folder / "exhibit.yaml").write_text(text, encoding="utf-8")
    return folder


def attract_films(ui: KioskUi) -> list[QQuickItem]:
    """The film of each attract slide (one a language), playing or not."""
    return [
        item
        for item in items_named(ui.window.contentItem(), "attractFilm")
        if item.objectName() == "attractFilm"
    ]


@pytest.mark.parametrize("reduced_motion", [False, True])
def test_the_attract_loop_plays_a_slides_film_silently_over_its_picture_but_not_under_reduced_motion(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path, reduced_motion: bool
) -> None:
    clock = ManualClock()
    folder = loop_exhibit(tmp_path / "films")
    ui = open_kiosk(folder, options=SessionOptions(idle_timeout_s=30, countdown_s=20, clock=clock))
    clock.advance(30)
    qtbot.waitUntil(lambda: ui.session.property("mode") == "attract", timeout=5000)
    qtbot.waitUntil(lambda: len(attract_films(ui)) == 2, timeout=5000)
    # The visitor's options end with the visit; less motion is asked for here as a visitor would,
    # on a kiosk whose loop is on show.
    ui.access.setReducedMotion(reduced_motion)
    if reduced_motion:
        qtbot.wait(300)  # a moment in which a film would have begun: none does
        assert not any(film.property("active") for film in attract_films(ui))
        return
    qtbot.waitUntil(lambda: any(film.property("active") for film in attract_films(ui)))
    [film] = [film for film in attract_films(ui) if film.property("active")]
    pictures = pictures_counted(search_item(film, "videoOutput"))
    player = film.findChild(QObject, "ambientPlayer")
    # Round again past its 1 s end, drawn over the slide's picture, and silent.
    qtbot.waitUntil(lambda: pictures() > 30, timeout=10_000)
    assert film.property("item").property("opacity") == 1
    assert player.property("audioOutput") is None


def test_a_loop_panel_plays_by_itself_silently_without_controls_or_holding_the_idle_timer(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path
) -> None:
    ui, video, finger = open_film(qtbot, open_kiosk, loop_exhibit(tmp_path / "films"))
    finger.tap(find_item(ui, "nextButton"))
    qtbot.waitUntil(lambda: ui.navigation.property("panelIndex") == 1)
    pictures = pictures_counted(search_item(current_panel(ui), "videoOutput"))
    qtbot.waitUntil(lambda: state(video) == "playing")
    assert video.property("looping")
    assert not ui.idle.busy  # an ambient loop keeps nobody
    panel = current_panel(ui)
    assert not search_item(panel, "videoControls").isVisible()
    assert not search_item(panel, "videoPosterPlay").isVisible()
    qtbot.waitUntil(lambda: pictures() > 30, timeout=10_000)
    assert state(video) == "playing"  # round again, past its 1 s
    # Less motion: it stops, and its poster stays.
    ui.access.setReducedMotion(True)
    qtbot.waitUntil(lambda: state(video) == "poster")
    assert search_item(panel, "videoPoster").isVisible()


def test_every_control_of_the_film_works_from_the_keyboard_alone(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path
) -> None:
    # A visitor with a switch or keyboard, and a screen reader's user: each control is reached by
    # Tab, shows where the focus is, says what it is, and answers Return and the arrows.
    ui = open_kiosk(film_exhibit(tmp_path / "films", seconds=12.0), options=SessionOptions(idle_timeout_s=60))
    video = ui.video
    assert video is not None
    press(ui, Qt.Key.Key_Tab)
    wait_for_focus(qtbot, ui, "home, first Tab", "sectionTile0")
    press(ui, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: search_item(current_panel(ui), "videoPosterPlay").isVisible())

    tab_to(qtbot, ui, "videoPosterPlay", "the film's poster")
    press(ui, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: state(video) == "playing", timeout=5000)
    # The poster's Play is gone; its focus is on the control that pauses what it started.
    pause = wait_for_focus(qtbot, ui, "the film playing", "videoPlayPause")
    assert pause.property("text") == "Pause the film"
    press(ui, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: state(video) == "paused")

    tab_to(qtbot, ui, "videoScrubber", "the paused film")
    before = video.property("position")
    press(ui, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: video.property("position") >= before + 4900)
    press(ui, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: abs(video.property("position") - before) < 100)

    tab_to(qtbot, ui, "videoCaptionsToggle", "the paused film")
    assert video.property("captionsOn")
    press(ui, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not video.property("captionsOn"))
    press(ui, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: video.property("captionsOn"))


EMBEDDED_EXHIBIT = """\
title: Films
languages: [en, ru]
sections:
  - id: films
    title: {en: Films, ru: Фильмы}
    teaser: Moving pictures
    panels:
      - kind: video
        title: {en: A film, ru: Фильм}
        video: media/film.mkv
        poster: media/poster.png
        alt: {en: A grey square, ru: Серый квадрат}
        caption: {en: The film's caption, ru: Подпись к фильму}
        credit: Made for the tests
        captions: {en: media/film.en.vtt}
        audio: {en: 0, ru: 1}
"""


def test_a_films_own_subtitles_are_shown_as_its_captions_and_never_by_the_player(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path
) -> None:
    # No caption file in Russian: the film's own Russian subtitle track stands for it, shown in the
    # kiosk's captions (room-sized, switched by CC); the player's subtitle track stays off, so that a
    # VideoOutput (a kiosk with a graphics card) does not draw the same words again in its own style.
    folder = tmp_path / "films"
    media = folder / "media"
    media.mkdir(parents=True)
    make_clip(
        media / "film.mkv",
        seconds=FILM_S,
        tracks=(Track("eng"), Track("rus", pitch=330)),
        subtitles=("rus",),
        subtitle_cues="00:00.000 --> 00:02.500\nВстроенные слова\n",
    )
    poster = QImage(640, 360, QImage.Format.Format_RGB32)
    poster.fill(QColor("#c03020"))
    poster.save(str(media / "poster.png"))
    (media / "film.en.vtt").write_text(vtt(CUES["en"]), encoding="utf-8")
    (folder / "exhibit.yaml").write_text(EMBEDDED_EXHIBIT, encoding="utf-8")
    ui, video, finger = open_film(qtbot, open_kiosk, folder)
    ui.exhibit.chooseLanguage("ru")
    qtbot.waitUntil(lambda: find_item(ui, "videoPosterPlay").isVisible())
    assert video.property("hasCaptions")
    finger.tap(find_item(ui, "videoPosterPlay"))
    qtbot.waitUntil(lambda: shown_caption(ui) == "Встроенные слова", timeout=5000)
    player = video.findChild(QObject, "videoPlayer")
    assert player.property("activeSubtitleTrack") == -1
    with qtbot.waitSignal(video.captionsToggled):
        finger.tap(find_item(ui, "videoCaptionsToggle"))
    qtbot.waitUntil(lambda: shown_caption(ui) == "")


def test_the_film_is_drawn_by_what_the_renderer_can_draw(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    # Qt Multimedia's VideoOutput stays blank in the software renderer; the kiosk's surface draws
    # there. Through a graphics API (tests/gui/test_graphics_api.py) the VideoOutput draws.
    ui, _video, _finger = open_film(qtbot, open_kiosk, folder)
    software = ui.window.rendererInterface().graphicsApi() == QSGRendererInterface.GraphicsApi.Software
    output = find_item(ui, "videoOutput")
    assert output.metaObject().className() == ("KioskVideoSurface" if software else "QQuickVideoOutput")


def test_the_films_controls_answer_a_finger_after_the_visitor_has_touched_the_panel(
    qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path
) -> None:
    ui, video, finger = open_film(qtbot, open_kiosk, folder)
    read_the_panel(qtbot, ui, finger)
    finger.tap(find_item(ui, "videoPosterPlay"))
    qtbot.waitUntil(lambda: state(video) == "playing", timeout=5000)
    read_the_panel(qtbot, ui, finger)
    finger.tap(find_item(ui, "videoPlayPause"))
    qtbot.waitUntil(lambda: state(video) == "paused")
    captions = video.property("captionsOn")
    finger.tap(find_item(ui, "videoCaptionsToggle"))
    qtbot.waitUntil(lambda: video.property("captionsOn") != captions)


def test_an_ambient_loop_goes_round_and_round_keeping_nothing_for_each_time_round(
    qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path
) -> None:
    """A loop plays all day, thirty frames a second: nothing the kiosk holds may grow with its frames
    or its times round, and no visitor event is recorded for each."""
    ui, video, finger = open_film(qtbot, open_kiosk, loop_exhibit(tmp_path / "films", loop_seconds=0.5))
    finger.tap(find_item(ui, "nextButton"))
    qtbot.waitUntil(lambda: state(video) == "playing")
    rounds = {"count": 0, "position": 0}

    def on_position() -> None:
        # Round again: the position falls back to the start, with no signal of its own.
        position = video.property("position")
        if position < rounds["position"]:
            rounds["count"] += 1
        rounds["position"] = position

    video.positionChanged.connect(on_position)
    said: list[str] = []
    for name in ("played", "paused", "finished", "sought", "stateChanged", "filmChanged"):
        getattr(video, name).connect(lambda *_, name=name: said.append(name))
    qtbot.waitUntil(lambda: rounds["count"] >= 1, timeout=5000)
    textures, objects = textures_in_python(), len(video.findChildren(QObject))
    qtbot.waitUntil(lambda: rounds["count"] >= 7, timeout=15_000)
    assert said == []
    assert state(video) == "playing"
    assert len(video.findChildren(QObject)) == objects
    assert textures_in_python() - textures <= 1
