"""The kiosk window covers the whole screen without relying on a window manager, and keeps it.

The same on a real X server, with real screen changes and a real window manager:
tests/faults/test_display.py.
"""

import logging
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QRectF, Qt, QTimer, qInstallMessageHandler, qWarning
from PySide6.QtGui import QGuiApplication, QWindow
from pytestqt.qtbot import QtBot

from kiosk.app import display
from kiosk.app.display import KeepInFront, lock_to_screen, show_window, wayland_compositor
from kiosk.app.notices import clear_notices, current_notices
from kiosk.app.operations import diagnostics_source
from kiosk.app.qt_messages import route_qt_messages_to_logging
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


# The screen changes: the locked-down window follows it.


def test_locked_down_the_window_covers_its_screen_again_when_the_screen_changes(
    qtbot: QtBot, open_kiosk: OpenKiosk
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, (800, 600))
    show_window(ui.window, windowed=False)
    screen = QGuiApplication.primaryScreen()
    qtbot.waitUntil(lambda: ui.window.geometry() == screen.geometry())
    follow = ui.window.findChild(QTimer, "followScreen")
    assert follow is not None
    # The offscreen platform cannot change its screen: the window is put out of step with it
    # instead, and the screen says it changed, as a new resolution does.
    ui.window.setGeometry(QRect(0, 0, 640, 480))
    screen.geometryChanged.emit(screen.geometry())
    qtbot.waitUntil(lambda: ui.window.geometry() == screen.geometry(), timeout=1000)
    # The views lay themselves out for the window's new size.
    qtbot.waitUntil(lambda: find_item(ui, "stageLoader").width() == screen.geometry().width())


def test_a_window_for_development_is_left_at_its_size_when_the_screen_changes(
    qtbot: QtBot, open_kiosk: OpenKiosk
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, (800, 600))
    show_window(ui.window, windowed=True, size=(1080, 1920))
    qtbot.waitUntil(lambda: (ui.window.width(), ui.window.height()) == (1080, 1920))
    assert ui.window.findChild(QTimer, "followScreen") is None
    assert ui.window.findChild(QTimer, "returnToFront") is None


# Something takes the window away: it comes back.


class FakeWindowManager:
    """Stands for kiosk.app.x11.X11Desktop: names a window manager, and notes what it is asked."""

    def __init__(self, name: str | None = "Openbox") -> None:
        self.name = name
        self.asked: list[tuple[int, int]] = []
        self.closed = False

    def window_manager(self) -> str | None:
        return self.name

    def bring_back(self, window: int, attempt: int) -> None:
        self.asked.append((window, attempt))

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def other_window() -> Iterator[QWindow]:
    window = QWindow()
    window.resize(200, 200)
    yield window
    window.destroy()


@pytest.fixture
def notices() -> Iterator[None]:
    clear_notices()
    yield
    clear_notices()


# The offscreen platform has no stacking order to raise a window in, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_window_that_loses_the_keyboard_takes_it_back_within_a_second(
    qtbot: QtBot, open_kiosk: OpenKiosk, other_window: QWindow
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, (800, 600))
    window_manager = FakeWindowManager()
    KeepInFront(ui.window, window_manager=window_manager, parent=ui.window)
    ui.window.requestActivate()
    qtbot.waitUntil(ui.window.isActive)
    # Another window comes up and is given the keyboard, as a window manager gives it.
    other_window.show()
    other_window.requestActivate()
    qtbot.waitUntil(lambda: not ui.window.isActive())
    qtbot.waitUntil(ui.window.isActive, timeout=1000)
    assert window_manager.asked
    assert all(window == int(ui.window.winId()) for window, _ in window_manager.asked)


def test_a_window_closed_by_the_kiosk_itself_stays_closed(
    qtbot: QtBot, open_kiosk: OpenKiosk, other_window: QWindow
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, (800, 600))
    KeepInFront(ui.window, parent=ui.window)
    ui.guard.allow_close()
    ui.window.close()
    other_window.show()
    other_window.requestActivate()
    qtbot.waitUntil(other_window.isActive)
    returning = ui.window.findChild(QTimer, "returnToFront")
    assert not returning.isActive()
    assert not ui.window.isVisible()


def test_a_window_manager_is_named_to_staff(
    qtbot: QtBot, open_kiosk: OpenKiosk, notices: None, caplog: pytest.LogCaptureFixture
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, (800, 600))
    window_manager = FakeWindowManager("Openbox")
    with caplog.at_level(logging.WARNING):
        lock_to_screen(ui.window, platform="xcb", connect_x11=lambda: window_manager)
    # Logged once, as a warning, and shown on the staff screen's Diagnostics.
    [notice] = current_notices()
    assert "Openbox" in notice
    assert [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING] == [notice]
    assert dict(diagnostics_source(MINI_EXHIBIT, None)())["Needs attention"] == notice
    assert not window_manager.closed


def test_without_a_window_manager_staff_are_told_nothing(
    qtbot: QtBot, open_kiosk: OpenKiosk, notices: None
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, (800, 600))
    window_manager = FakeWindowManager(None)
    lock_to_screen(ui.window, platform="xcb", connect_x11=lambda: window_manager)
    assert current_notices() == []
    assert window_manager.closed


def test_an_x_server_that_cannot_be_asked_does_not_stop_the_kiosk(
    qtbot: QtBot, open_kiosk: OpenKiosk, notices: None, caplog: pytest.LogCaptureFixture
) -> None:
    def unreachable() -> FakeWindowManager:
        raise ConnectionError("no X server at :99")

    ui = open_kiosk(MINI_EXHIBIT, (800, 600))
    with caplog.at_level(logging.WARNING):
        lock_to_screen(ui.window, platform="xcb", connect_x11=unreachable)
    assert "no X server at :99" in caplog.text
    # The screen is still followed, and the window still kept in front.
    assert ui.window.findChild(QTimer, "followScreen") is not None
    assert ui.window.findChild(QTimer, "returnToFront") is not None


# Wayland: the compositor is always there; it is named.


@pytest.fixture
def wayland_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A listening socket where a Wayland compositor's would be; this test process serves it."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-test")
    monkeypatch.delenv("XDG_CURRENT_DESKTOP", raising=False)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "wayland-test"))
        server.listen()
        yield


def test_the_wayland_compositor_is_named_by_its_process(wayland_socket: None) -> None:
    assert wayland_compositor() == Path(f"/proc/{os.getpid()}/comm").read_text().strip()


def test_a_desktop_s_wayland_compositor_is_named_to_staff(
    qtbot: QtBot, open_kiosk: OpenKiosk, notices: None, wayland_socket: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "GNOME")
    monkeypatch.setattr(display, "wayland_compositor", lambda: "gnome-shell")
    ui = open_kiosk(MINI_EXHIBIT, (800, 600))
    lock_to_screen(ui.window, platform="wayland")
    [notice] = current_notices()
    assert "gnome-shell" in notice
    assert "GNOME" in notice


def test_a_kiosk_compositor_needs_no_notice(
    qtbot: QtBot, open_kiosk: OpenKiosk, notices: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(display, "wayland_compositor", lambda: "cage")
    ui = open_kiosk(MINI_EXHIBIT, (800, 600))
    lock_to_screen(ui.window, platform="wayland")
    assert current_notices() == []
    # The screen is followed; what is in front is the compositor's to decide.
    assert ui.window.findChild(QTimer, "followScreen") is not None
    assert ui.window.findChild(QTimer, "returnToFront") is None
