"""The kiosk window covers the whole screen without relying on a window manager."""

import logging

import pytest
from PySide6.QtCore import QRectF, Qt, qInstallMessageHandler, qWarning
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from kiosk.app.qt_messages import route_qt_messages_to_logging
from kiosk.app.run import show_window
from tests.conftest import MINI_EXHIBIT
from tests.gui.conftest import OpenKiosk, find_item

pytestmark = pytest.mark.gui


def test_full_screen_covers_the_screen_frameless(qtbot: QtBot, open_kiosk: OpenKiosk) -> None:
    ui = open_kiosk(MINI_EXHIBIT, (800, 600))
    show_window(ui.window, windowed=False)
    screen = QGuiApplication.primaryScreen().geometry()
    qtbot.waitUntil(lambda: ui.window.geometry() == screen)
    assert ui.window.flags() & Qt.WindowType.FramelessWindowHint


def test_windowed_mode_takes_the_size_asked_for(qtbot: QtBot, open_kiosk: OpenKiosk) -> None:
    ui = open_kiosk(MINI_EXHIBIT, (800, 600))
    show_window(ui.window, windowed=True, size=(1080, 1920))
    qtbot.waitUntil(lambda: (ui.window.width(), ui.window.height()) == (1080, 1920))
    assert not ui.window.flags() & Qt.WindowType.FramelessWindowHint


def test_qt_warnings_reach_python_logging(caplog: pytest.LogCaptureFixture) -> None:
    previous = route_qt_messages_to_logging()
    try:
        with caplog.at_level(logging.INFO):
            qWarning("a test warning from Qt")
    finally:
        # Gives the handler back to pytest-qt, which fails tests on Qt warnings.
        qInstallMessageHandler(previous)
    [record] = [record for record in caplog.records if "a test warning from Qt" in record.getMessage()]
    assert record.levelno == logging.WARNING
    assert record.name.startswith("qt.")


def test_sections_open_from_their_tile_after_the_screen_turns(qtbot: QtBot, open_kiosk: OpenKiosk) -> None:
    ui = open_kiosk(MINI_EXHIBIT, (1920, 1080))
    ui.window.resize(1080, 1920)
    tile = find_item(ui, "sectionTile0")
    qtbot.waitUntil(lambda: tile.width() < 1080 / 2)
    tile_rect = tile.mapRectToScene(QRectF(0, 0, tile.width(), tile.height()))
    stage = find_item(ui, "stageLoader").property("item")
    assert stage.property("origin") == tile_rect
