"""The locked-down window's place: the whole primary screen, in front, whatever happens around it.

Screens change under a kiosk that runs for months: a new resolution, a screen turned to portrait,
a monitor unplugged and plugged in again. Qt reports each as screen signals; the window follows,
full-screen on the primary screen at its new size, and the views lay themselves out for it.

A window manager, where there is one, can take the window away: switch to another desktop, send
the window there, show the desktop, minimize or lower it, give the keyboard to something else.
Each reaches the window as an event, and the window comes back: full-screen, raised, with the
keyboard, and (on X11) on every desktop. Where a window manager is found, its key bindings are
shut out by holding the keyboard, and operations staff are told (log and staff screen): the way
to run a kiosk is without one (docs/operations.md, "The session"; docs/adr/0017).
"""

import logging
import os
import socket
import struct
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QScreen, QWindow

from kiosk.app.notices import notify

logger = logging.getLogger(__name__)

#: RandR reports one change of screen as a burst of signals (a screen removed, another added, the
#: primary changed, geometries); the window follows once, this long after the last of them.
FOLLOW_DELAY_MS = 100
#: How soon the window answers being taken away: long enough for the window manager's burst of
#: events (unmapped, focus moved) to arrive together, short enough to be back well within a second.
RETURN_DELAY_MS = 20
#: How often it tries again while it is not back.
RETRY_MS = 250
#: Still not back after this many tries: the log says so, once.
STUCK_AFTER_TRIES = 20
#: Wayland compositors made to show one program full-screen, with nothing to switch to.
KIOSK_COMPOSITORS = frozenset({"cage", "gnome-kiosk"})
WINDOW_MANAGER_NOTICE = "window-manager"


class WindowManagerHints(Protocol):
    """What the kiosk can ask of a window manager beyond Qt's own requests (kiosk.app.x11)."""

    def bring_back(self, window: int, attempt: int) -> None: ...


class X11Session(WindowManagerHints, Protocol):
    """The kiosk's own connection to the X server (kiosk.app.x11.X11Desktop)."""

    def window_manager(self) -> str | None: ...

    def close(self) -> None: ...


#: A window opened with --windowed and no size.
DEFAULT_WINDOW_SIZE = (1920, 1080)


def show_window(window: QWindow, *, windowed: bool, size: tuple[int, int] | None = None) -> None:
    """Shows the window as asked; locked down, it covers the primary screen and stays in front."""
    if windowed:
        window.resize(*(size or DEFAULT_WINDOW_SIZE))
        window.show()
        return
    # Sized to the screen by hand as well, since a bare X server has no window manager to honour
    # the full-screen request.
    screen = QGuiApplication.primaryScreen()
    # Without a frame and in front (Main.qml's flags).
    window.setProperty("lockedDown", True)
    window.setScreen(screen)
    window.setGeometry(screen.geometry())
    window.showFullScreen()
    lock_to_screen(window)


def lock_to_screen(
    window: QWindow,
    *,
    platform: str | None = None,
    connect_x11: Callable[[], X11Session] | None = None,
) -> None:
    """Keeps the full-screen window on the whole primary screen and in front, for as long as it lives.

    Nothing here may stop the kiosk from showing: whatever cannot be asked of the window system is
    logged and done without.
    """
    platform = platform or QGuiApplication.platformName()
    ScreenFollower(window, parent=window)
    if platform.startswith("wayland"):
        # A Wayland client can neither raise itself nor take the keyboard: what is in front is
        # the compositor's to decide, and staff are told which compositor that is.
        _name_wayland_compositor()
        return
    hints = _window_manager_on_x11(connect_x11) if platform == "xcb" else None
    KeepInFront(window, window_manager=hints, grab_keyboard=hints is not None, parent=window)


def _window_manager_on_x11(connect: Callable[[], X11Session] | None) -> WindowManagerHints | None:
    """The window manager on the X server, named to staff; None when there is none (or no answer)."""
    try:
        if connect is None:
            # Loaded here, on X11 only: xcffib opens libxcb when imported.
            from kiosk.app.x11 import X11Desktop

            connect = X11Desktop.connect
        desktop = connect()
        name = desktop.window_manager()
    except Exception as error:  # the X server's or the binding's: the kiosk shows all the same
        logger.warning("could not ask the X server whether a window manager runs: %s", error)
        return None
    if name is None:
        desktop.close()
        logger.info("no window manager on the X server: the kiosk has the screen to itself")
        return None
    notify(
        WINDOW_MANAGER_NOTICE,
        f"A window manager, {name}, runs on the kiosk's screen. The kiosk holds the keyboard and "
        "keeps itself in front, but a session without a window manager is safer "
        "(docs/operations.md, The session).",
    )
    return desktop


def _name_wayland_compositor() -> None:
    name = wayland_compositor()
    if name in KIOSK_COMPOSITORS:
        logger.info("shown by %s, a Wayland compositor for kiosks", name)
        return
    desktop = os.environ.get("XDG_CURRENT_DESKTOP")
    described = " ".join(
        part for part in (name or "an unknown compositor", f"(desktop {desktop})" if desktop else "") if part
    )
    notify(
        WINDOW_MANAGER_NOTICE,
        f"The kiosk's screen is run by the Wayland compositor {described}, which decides what is "
        "in front. A kiosk compositor such as cage is safer (docs/operations.md, The session).",
    )


def wayland_compositor() -> str | None:
    """The name of the process serving the Wayland display, asked of the socket's other end; or None."""
    display = os.environ.get("WAYLAND_DISPLAY") or "wayland-0"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not Path(display).is_absolute() and runtime is None:
        return None
    path = Path(runtime or "/", display)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(1)
            connection.connect(str(path))
            credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        pid, _uid, _gid = struct.unpack("3i", credentials)
        return Path(f"/proc/{pid}/comm").read_text(encoding="utf-8").strip() or None
    except (OSError, AttributeError, struct.error):  # no such socket, not Linux, no /proc
        return None


def _minimized(window: QWindow) -> bool:
    # Asked of the window's visibility rather than its states, which are of the Qt namespace: its
    # enums cost Python about 18 ms to make, and the kiosk asks this before its first frame.
    return window.visibility() == QWindow.Visibility.Minimized


class ScreenFollower(QObject):
    """Keeps the window full-screen on the primary screen, at that screen's size, as screens change."""

    def __init__(
        self, window: QWindow, *, delay_ms: int = FOLLOW_DELAY_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._timer = QTimer(self)
        self._timer.setObjectName("followScreen")
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.follow)
        application = QGuiApplication.instance()
        assert isinstance(application, QGuiApplication), "screens are followed in a GUI application"
        application.screenAdded.connect(self._watch_and_follow)
        application.screenRemoved.connect(self._timer.start)
        application.primaryScreenChanged.connect(self._timer.start)
        for screen in QGuiApplication.screens():
            self._watch(screen)
        window.screenChanged.connect(self._timer.start)

    def _watch(self, screen: QScreen) -> None:
        screen.geometryChanged.connect(self._timer.start)

    @Slot(QScreen)
    def _watch_and_follow(self, screen: QScreen) -> None:
        self._watch(screen)
        self._timer.start()

    @Slot()
    def follow(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is None or not self._window.isVisible():
            return
        target = screen.geometry()
        if self._window.screen() is not screen:
            self._window.setScreen(screen)
        if self._window.geometry() == target and self._window.visibility() == QWindow.Visibility.FullScreen:
            return
        logger.info(
            "the screen is now %s, %dx%d at (%d, %d): the kiosk covers it",
            screen.name() or "unnamed",
            target.width(),
            target.height(),
            target.x(),
            target.y(),
        )
        # Set by hand as well: a bare X server has no window manager to size a full-screen window.
        self._window.setGeometry(target)
        self._window.showFullScreen()


class KeepInFront(QObject):
    """Brings the window back in front whenever something takes it away, and holds the keyboard.

    "In front" is what the window can know of itself: shown (exposed), not minimized, active (it
    has the keyboard), and, with `grab_keyboard`, holding the keyboard so that no other program's
    key bindings (a window manager's) act. A window taken away answers after RETURN_DELAY_MS, then
    tries again every RETRY_MS until it is back; a window closed on purpose is left alone.
    """

    def __init__(
        self,
        window: QWindow,
        *,
        window_manager: WindowManagerHints | None = None,
        grab_keyboard: bool = False,
        return_delay_ms: int = RETURN_DELAY_MS,
        retry_ms: int = RETRY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._window_manager = window_manager
        self._grab_keyboard = grab_keyboard
        self._holds_keyboard = False
        self._return_delay_ms = return_delay_ms
        self._retry_ms = retry_ms
        self._was_in_front = False
        self._away_since: float | None = None
        self._attempts = 0
        self._hints_failed = False
        self._timer = QTimer(self)
        self._timer.setObjectName("returnToFront")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._bring_back)
        window.installEventFilter(self)
        window.activeChanged.connect(self._notice)
        window.visibilityChanged.connect(self._notice)

    def in_front(self) -> bool:
        window = self._window
        return (
            window.isExposed()
            and not _minimized(window)
            and window.isActive()
            and (self._holds_keyboard or not self._grab_keyboard)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose:
            if not self._window.isExposed():
                self._holds_keyboard = False  # the X server ends a grab when its window is unmapped
            self._notice()
        return False

    @Slot()
    def _notice(self) -> None:
        if not self._window.isVisible():
            self._timer.stop()  # hidden or closed by the kiosk itself: staff chose Exit
            return
        if self.in_front():
            self._timer.stop()
            self._back()
            return
        # Each event is news (the window shown again, say, and ready for the keyboard): the next
        # try comes soon after it rather than at the next retry.
        if not self._timer.isActive() or self._timer.remainingTime() > self._return_delay_ms:
            self._timer.start(self._return_delay_ms)

    @Slot()
    def _bring_back(self) -> None:
        window = self._window
        if not window.isVisible():
            return
        if self.in_front():
            self._back()
            return
        taken_away = not window.isExposed() or _minimized(window)
        if self._away_since is None and (self._was_in_front or taken_away):
            self._away_since = time.monotonic()
            logger.info("the kiosk window was taken away (%s); bringing it back", self._what_is_wrong())
        self._attempts += 1
        if self._attempts == STUCK_AFTER_TRIES and self._away_since is not None:
            logger.warning(
                "the kiosk window is still not in front after %d tries (%s); trying on",
                self._attempts,
                self._what_is_wrong(),
            )
        self._ask_window_manager()
        if _minimized(window) or not window.isExposed():
            window.showFullScreen()
        window.raise_()
        if not window.isActive():
            window.requestActivate()
        if self._grab_keyboard and window.isExposed() and not self._holds_keyboard:
            self._holds_keyboard = window.setKeyboardGrabEnabled(True)
        if self.in_front():
            self._back()
        else:
            self._timer.start(self._retry_ms)

    def _ask_window_manager(self) -> None:
        if self._window_manager is None:
            return
        try:
            self._window_manager.bring_back(int(self._window.winId()), self._attempts)
        except Exception as error:  # the X server's: Qt's own requests still go out
            if not self._hints_failed:
                logger.warning("could not ask the window manager to show the kiosk: %s", error)
                self._hints_failed = True

    def _back(self) -> None:
        self._was_in_front = True
        if self._away_since is not None:
            logger.info(
                "the kiosk window is back in front after %d ms",
                round((time.monotonic() - self._away_since) * 1000),
            )
        self._away_since = None
        self._attempts = 0

    def _what_is_wrong(self) -> str:
        window = self._window
        wrong = []
        if not window.isExposed():
            wrong.append("hidden")
        if _minimized(window):
            wrong.append("minimized")
        if not window.isActive():
            wrong.append("without the keyboard")
        if self._grab_keyboard and not self._holds_keyboard:
            wrong.append("keyboard not held")
        return ", ".join(wrong) or "in front"
