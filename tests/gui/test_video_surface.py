"""KioskVideoSurface, the software renderer's picture of a film, over many frames: an ambient loop
draws thirty a second for as long as the kiosk is open, so nothing may be kept per frame drawn.

The frames are pictures made here and handed to the surface's sink, as a player hands its frames.
"""

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QSizeF
from PySide6.QtGui import QColor, QImage
from PySide6.QtMultimedia import QVideoFrame
from PySide6.QtQuick import QQuickWindow, QSGTexture
from pytestqt.qtbot import QtBot

from kiosk.viewmodels.video_surface import KioskVideoSurface

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore(r"No RHI backend\. Using CPU conversion")]

#: A second and a half of an ambient loop at 30 frames a second.
FRAMES = 45
COLOURS = [QColor("#c03020"), QColor("#2060c0")]


@pytest.fixture
def surface(qtbot: QtBot) -> Iterator[KioskVideoSurface]:
    window = QQuickWindow()
    window.resize(320, 180)
    # Made first, then placed in the window, as QML does with an item it makes.
    surface = KioskVideoSurface()
    surface.setParentItem(window.contentItem())
    surface.setSize(QSizeF(320, 180))
    with qtbot.waitSignal(window.frameSwapped):
        window.show()
    yield surface
    window.close()


def pictures() -> list[QImage]:
    made = []
    for colour in COLOURS:
        picture = QImage(320, 180, QImage.Format.Format_RGB32)
        picture.fill(colour)
        made.append(picture)
    return made


def draw_frames(qtbot: QtBot, surface: KioskVideoSurface, count: int) -> None:
    """Hands the surface `count` frames, one at a time, each drawn before the next comes."""
    sink = surface.video_sink()
    made = pictures()
    for index in range(count):
        drawn = surface.property("framesShown")
        sink.setVideoFrame(QVideoFrame(made[index % len(made)]))
        qtbot.waitUntil(lambda drawn=drawn: surface.property("framesShown") > drawn, timeout=2000)


def textures_in_python() -> int:
    """QSGTexture wrappers Python holds, those whose texture Qt has deleted included."""
    gc.collect()
    return sum(1 for held in gc.get_objects() if isinstance(held, QSGTexture))


def test_a_film_drawn_frame_after_frame_keeps_nothing_of_the_frames_before(
    qtbot: QtBot, surface: KioskVideoSurface
) -> None:
    draw_frames(qtbot, surface, 3)
    before = textures_in_python()
    draw_frames(qtbot, surface, FRAMES)
    # Every frame is a new texture: one kept per frame is 30 a second, 2.6 million a day.
    assert textures_in_python() - before <= 1
    # And the picture on screen is still the last frame's.
    window = surface.window()
    centre = QPoint(int(surface.width() / 2), int(surface.height() / 2))
    assert window.grabWindow().pixelColor(centre) == COLOURS[(FRAMES - 1) % len(COLOURS)]


def test_a_cleared_surface_keeps_no_frame_while_the_poster_shows(
    qtbot: QtBot, surface: KioskVideoSurface
) -> None:
    draw_frames(qtbot, surface, 3)
    shown = textures_in_python()
    with qtbot.waitSignal(surface.window().frameSwapped):
        surface.clear()
    assert not surface.property("hasFrame")
    assert textures_in_python() == shown - 1


def test_a_surface_taken_away_while_it_shows_a_frame_leaves_the_window_drawing(
    qtbot: QtBot, surface: KioskVideoSurface
) -> None:
    draw_frames(qtbot, surface, 3)
    window = surface.window()
    surface.setParentItem(None)
    surface.deleteLater()
    qtbot.waitUntil(lambda: window.grabWindow().pixelColor(QPoint(160, 90)) != COLOURS[0])
