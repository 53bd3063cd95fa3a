"""The kiosk on a real X server: it follows the screen, and a window manager cannot hide it.

Each test starts Xvfb (with RandR), and `kiosk run` on it as a child process with Qt's xcb
platform, as in a gallery; some also start Openbox, Debian's default window manager, with its
default configuration: four desktops, Ctrl+Alt+arrows to switch between them, and a root menu
that offers a terminal. The kiosk is watched from outside, through the X server, as a visitor
would see it.
"""

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pytest
import xcffib
import xcffib.randr
import xcffib.xproto

from tests.conftest import MINI_EXHIBIT, REPOSITORY

pytestmark = pytest.mark.slow

#: The issue's promise: a changed screen, or a window manager's move, is undone within a second.
WITHIN_S = 1.0
#: How long the kiosk may take to open its first window on this shared, software-rendering machine.
START_S = 60.0
#: How long a negative is watched for: a key whose effect would show within this time.
WATCH_S = 0.7
POLL_S = 0.02
#: Xvfb's framebuffer can never grow past its size at start: large enough for both orientations.
FRAMEBUFFER = (1920, 1920)
LANDSCAPE = (1920, 1080)
NEEDED_TOOLS = ("Xvfb", "openbox", "xdotool", "wmctrl")


class Rect(NamedTuple):
    x: int
    y: int
    width: int
    height: int

    def contains(self, x: int, y: int) -> bool:
        return self.x <= x < self.x + self.width and self.y <= y < self.y + self.height


def wait_for(
    condition: Callable[[], bool], timeout_s: float, what: str, state: Callable[[], str] = str
) -> float:
    """Waits until the condition holds; how long it took, or an assertion naming what did not happen."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout_s:
            raise AssertionError(f"{what}: not within {timeout_s} s; {state()}")
        time.sleep(POLL_S)
    return time.monotonic() - start


def holds_throughout(
    condition: Callable[[], bool], duration_s: float, what: str, state: Callable[[], str] = str
) -> None:
    start = time.monotonic()
    while time.monotonic() - start < duration_s:
        assert condition(), f"{what}: no longer so after {time.monotonic() - start:.2f} s; {state()}"
        time.sleep(POLL_S)


class XServer:
    """A client of the test's X server: changes its screen as hardware would, and looks at windows."""

    def __init__(self, display: str) -> None:
        self.display = display
        # Modes made through RandR live as long as the connection that made them: this one is
        # kept for the whole test.
        self.connection = xcffib.connect(display=display)
        self.randr = self.connection(xcffib.randr.key)
        self.randr.QueryVersion(1, 6).reply()
        self.root = self.connection.get_setup().roots[0].root
        self._atoms: dict[str, int] = {}

    def close(self) -> None:
        self.connection.disconnect()

    def atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = self.connection.core.InternAtom(False, len(name), name).reply().atom
        return self._atoms[name]

    # The screen, as a monitor's driver changes it.

    def set_mode(self, width: int, height: int) -> None:
        """Changes the resolution; a portrait mode is what a screen turned on its side reports."""
        resources = self.randr.GetScreenResourcesCurrent(self.root).reply()
        mode = self._mode(resources, width, height)
        crtc = resources.crtcs[0]
        current = self.randr.GetCrtcInfo(crtc, resources.config_timestamp).reply()
        # The screen must hold the CRTC at every step: grown first, shrunk last.
        self._set_screen_size(max(width, current.width), max(height, current.height))
        self.randr.SetCrtcConfig(
            crtc,
            0,
            resources.config_timestamp,
            0,
            0,
            mode,
            xcffib.randr.Rotation.Rotate_0,
            1,
            resources.outputs[:1],
        ).reply()
        self._set_screen_size(width, height)

    def unplug(self) -> None:
        """The monitor's cable is pulled: its output is switched off."""
        resources = self.randr.GetScreenResourcesCurrent(self.root).reply()
        self.randr.SetCrtcConfig(
            resources.crtcs[0], 0, resources.config_timestamp, 0, 0, 0, xcffib.randr.Rotation.Rotate_0, 0, []
        ).reply()

    def _mode(self, resources: object, width: int, height: int) -> int:
        for mode in resources.modes:  # type: ignore[attr-defined]
            if (mode.width, mode.height) == (width, height):
                return int(mode.id)
        name = f"{width}x{height}".encode()
        info = xcffib.randr.ModeInfo.synthetic(0, width, height, 0, 0, 0, 0, 0, 0, 0, 0, len(name), 0)
        mode_id = self.randr.CreateMode(self.root, info, len(name), name).reply().mode
        self.randr.AddOutputModeChecked(resources.outputs[0], mode_id).check()  # type: ignore[attr-defined]
        return int(mode_id)

    def _set_screen_size(self, width: int, height: int) -> None:
        # At 96 dots per inch, as Xvfb reports by default.
        self.randr.SetScreenSizeChecked(
            self.root, width, height, round(width * 25.4 / 96), round(height * 25.4 / 96)
        ).check()

    def screen(self) -> Rect:
        """The primary monitor, as programs see it."""
        monitors = self.randr.GetMonitors(self.root, True).reply().monitors
        monitor = next((monitor for monitor in monitors if monitor.primary), monitors[0])
        return Rect(monitor.x, monitor.y, monitor.width, monitor.height)

    # Windows.

    def kiosk(self) -> int | None:
        """The kiosk's own window (inside the window manager's frame, if there is one)."""
        pending = list(self.connection.core.QueryTree(self.root).reply().children)
        for depth in range(3):
            found = [window for window in pending if self._class_of(window) == "kiosk"]
            if found:
                return found[0]
            if depth < 2:
                pending = [
                    child
                    for window in pending
                    for child in self.connection.core.QueryTree(window).reply().children
                ]
        return None

    def _class_of(self, window: int) -> str:
        value = self._property(window, xcffib.xproto.Atom.WM_CLASS, xcffib.xproto.Atom.STRING)
        parts = value.split(b"\0")
        return parts[1].decode() if len(parts) > 1 else ""

    def _property(self, window: int, name: int, kind: int) -> bytes:
        try:
            reply = self.connection.core.GetProperty(False, window, name, kind, 0, 1024).reply()
        except xcffib.xproto.WindowError:
            return b""
        return reply.value.buf()

    def cardinal(self, window: int, name: str) -> int | None:
        value = self._property(window, self.atom(name), xcffib.xproto.Atom.CARDINAL)
        return int.from_bytes(value[:4], sys.byteorder) if len(value) >= 4 else None

    def geometry(self, window: int) -> Rect:
        size = self.connection.core.GetGeometry(window).reply()
        place = self.connection.core.TranslateCoordinates(window, self.root, 0, 0).reply()
        return Rect(place.dst_x, place.dst_y, size.width, size.height)

    def viewable(self, window: int) -> bool:
        attributes = self.connection.core.GetWindowAttributes(window).reply()
        return attributes.map_state == xcffib.xproto.MapState.Viewable

    def top_level(self, window: int) -> int:
        """The child of the root that holds the window: itself, or the window manager's frame."""
        while True:
            parent = self.connection.core.QueryTree(window).reply().parent
            if parent == self.root:
                return window
            window = parent

    def drawn_at(self, x: int, y: int) -> int | None:
        """The top-level window a visitor sees at the point: the highest one there that is mapped."""
        for window in reversed(self.connection.core.QueryTree(self.root).reply().children):
            if self.viewable(window) and self.geometry(window).contains(x, y):
                return window
        return None

    def focus(self) -> int:
        return int(self.connection.core.GetInputFocus().reply().focus)

    def keyboard_held(self) -> bool:
        """Whether a program holds the keyboard (an active grab), found by trying to take it."""
        status = (
            self.connection.core.GrabKeyboard(
                False,
                self.root,
                xcffib.xproto.Time.CurrentTime,
                xcffib.xproto.GrabMode.Async,
                xcffib.xproto.GrabMode.Async,
            )
            .reply()
            .status
        )
        if status == xcffib.xproto.GrabStatus.Success:
            self.connection.core.UngrabKeyboardChecked(xcffib.xproto.Time.CurrentTime).check()
        return status == xcffib.xproto.GrabStatus.AlreadyGrabbed

    def current_desktop(self) -> int | None:
        return self.cardinal(self.root, "_NET_CURRENT_DESKTOP")

    def window_manager_ready(self) -> bool:
        value = self._property(self.root, self.atom("_NET_SUPPORTING_WM_CHECK"), xcffib.xproto.Atom.WINDOW)
        return len(value) >= 4


@dataclass
class Kiosk:
    """`kiosk run` on the test's display, locked down as in a gallery."""

    process: subprocess.Popen[bytes]
    x: XServer
    log_file: Path
    window: int = 0

    def covers_screen(self) -> bool:
        """The kiosk is mapped and covers exactly the primary monitor: nothing cut off, nothing beside."""
        window = self.x.kiosk()
        if window is None:
            return False
        self.window = window
        return self.x.viewable(window) and self.x.geometry(window) == self.x.screen()

    def in_front(self) -> bool:
        """Covers the screen, is what the visitor sees at its centre and corners, and has the keyboard."""
        if not self.covers_screen():
            return False
        screen = self.x.screen()
        top_level = self.x.top_level(self.window)
        # Not the very centre, where Openbox shows a new desktop's name for a moment, over
        # every window.
        points = [
            (screen.x + screen.width // 4, screen.y + screen.height // 4),
            (screen.x + screen.width * 3 // 4, screen.y + screen.height * 3 // 4),
            (screen.x + 1, screen.y + 1),
            (screen.x + screen.width - 2, screen.y + screen.height - 2),
        ]
        return all(self.x.drawn_at(*point) == top_level for point in points) and self.x.focus() == self.window

    def state(self) -> str:
        """What the X server shows, for failure messages."""
        window = self.x.kiosk()
        if window is None:
            return "the kiosk has no window"
        top_level = self.x.top_level(window)
        screen = self.x.screen()
        return (
            f"screen {tuple(screen)}, kiosk {tuple(self.x.geometry(window))}, "
            f"{'mapped' if self.x.viewable(window) else 'not mapped'}, "
            f"{'focused' if self.x.focus() == window else f'focus on {self.x.focus():#x}'}, "
            f"seen at a quarter of the way: {'the kiosk' if self.x.drawn_at(screen.x + screen.width // 4, screen.y + screen.height // 4) == top_level else 'another window'}, "
            f"keyboard {'held' if self.x.keyboard_held() else 'free'}, "
            f"desktop {self.x.current_desktop()}"
        )

    def log(self) -> str:
        return self.log_file.read_text(encoding="utf-8") if self.log_file.exists() else ""


@pytest.fixture
def x_server(tmp_path: Path) -> Iterator[XServer]:
    missing = [tool for tool in NEEDED_TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: tools/system-deps.sh installs them")
    read_end, write_end = os.pipe()
    width, height = FRAMEBUFFER
    server = start_process(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            "+extension",
            "RANDR",
        ],
        pass_fds=(write_end,),
        stderr_to=tmp_path / "xvfb.log",
    )
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    assert number, f"Xvfb did not start: {(tmp_path / 'xvfb.log').read_text()}"
    x = XServer(f":{number}")
    x.set_mode(*LANDSCAPE)
    try:
        yield x
    finally:
        x.close()
        server.terminate()
        server.wait(timeout=10)


def environment_for(x: XServer, home: Path) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "WAYLAND_"))}
    environment |= {
        "DISPLAY": x.display,
        "QT_QPA_PLATFORM": "xcb",
        "QT_QUICK_BACKEND": "software",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
    }
    environment.pop("XDG_CURRENT_DESKTOP", None)
    return environment


@pytest.fixture
def openbox(x_server: XServer, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Openbox with Debian's default configuration, managing the test's display."""
    manager = start_process(
        ["openbox", "--sm-disable"],
        env=environment_for(x_server, tmp_path),
        stderr_to=tmp_path / "openbox.log",
    )
    wait_for(x_server.window_manager_ready, 10, "Openbox announces itself on the root window")
    yield manager
    manager.terminate()
    manager.wait(timeout=10)


@pytest.fixture
def start_kiosk(x_server: XServer, tmp_path: Path) -> Iterator[Callable[[], Kiosk]]:
    started: list[Kiosk] = []

    def start() -> Kiosk:
        log_dir = tmp_path / "log"
        # No metrics endpoint: its port may be taken on a shared machine, and this test counts
        # every warning.
        settings = tmp_path / "config" / "kiosk" / "settings.yaml"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text("metrics_address: none\n", encoding="utf-8")
        process = start_process(
            [sys.executable, "-m", "kiosk", "run", str(MINI_EXHIBIT), "--log-dir", str(log_dir)],
            cwd=REPOSITORY,
            env=environment_for(x_server, tmp_path),
            stderr_to=tmp_path / "kiosk.stderr",
        )
        kiosk = Kiosk(process, x_server, log_dir / "kiosk.log")
        started.append(kiosk)
        wait_for(
            lambda: kiosk.in_front() or process.poll() is not None,
            START_S,
            "the kiosk opens full-screen, in front",
            kiosk.state,
        )
        assert process.poll() is None, (tmp_path / "kiosk.stderr").read_text()
        if x_server.window_manager_ready():
            # Held, the keyboard's keys go to the kiosk alone: the window manager's bindings never act.
            wait_for(x_server.keyboard_held, WITHIN_S, "the kiosk holds the keyboard", kiosk.state)
        return kiosk

    yield start
    for kiosk in started:
        kiosk.process.terminate()
        try:
            kiosk.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            kiosk.process.kill()
            kiosk.process.wait()
    for kiosk in started:
        # Qt's warnings go to the same log: whatever was asked of the window system, it had no
        # complaint. The only warning is the notice naming a window manager.
        complaints = [
            line
            for line in kiosk.log().splitlines()
            if (" WARNING " in line or " ERROR " in line) and "A window manager, " not in line
        ]
        assert complaints == []


def start_process(command: list[str], *, stderr_to: Path, **options: object) -> subprocess.Popen[bytes]:
    """Starts a program with its standard error kept in a file, for the test's report."""
    with stderr_to.open("wb") as errors:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, **options)  # type: ignore[call-overload]


def run_tool(x: XServer, *command: str) -> None:
    subprocess.run(command, env={**os.environ, "DISPLAY": x.display}, check=True, timeout=10)


# The screen changes.


def to_mode(width: int, height: int) -> Callable[[XServer], None]:
    return lambda x: x.set_mode(width, height)


def replug_as(width: int, height: int) -> Callable[[XServer], None]:
    def replug(x: XServer) -> None:
        x.unplug()
        x.set_mode(width, height)

    return replug


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param([to_mode(1280, 720)], id="smaller"),
        pytest.param([to_mode(1280, 720), to_mode(1920, 1080)], id="smaller-then-larger"),
        pytest.param([to_mode(1080, 1920)], id="turned-to-portrait"),
        pytest.param([replug_as(1280, 1024)], id="monitor-replugged"),
    ],
)
def test_the_kiosk_covers_the_screen_again_within_a_second_after_it_changes(
    x_server: XServer, start_kiosk: Callable[[], Kiosk], changes: list[Callable[[XServer], None]]
) -> None:
    kiosk = start_kiosk()
    for change in changes:
        change(x_server)
        screen = x_server.screen()
        wait_for(
            kiosk.in_front,
            WITHIN_S,
            f"the kiosk covers the {screen.width}x{screen.height} screen",
            kiosk.state,
        )
    # Without a window manager there is nothing to warn staff about.
    assert "window manager," not in kiosk.log()


# A window manager.


def test_a_window_manager_is_named_in_a_warning(
    x_server: XServer, openbox: subprocess.Popen[bytes], start_kiosk: Callable[[], Kiosk]
) -> None:
    kiosk = start_kiosk()
    wait_for(lambda: "Openbox" in kiosk.log(), 10, "the log names the window manager")
    [warning] = [line for line in kiosk.log().splitlines() if "Openbox" in line]
    assert " WARNING " in warning


def test_with_a_window_manager_too_the_kiosk_covers_a_changed_screen_within_a_second(
    x_server: XServer, openbox: subprocess.Popen[bytes], start_kiosk: Callable[[], Kiosk]
) -> None:
    kiosk = start_kiosk()
    for width, height in ((1080, 1920), (1920, 1080)):
        x_server.set_mode(width, height)
        wait_for(kiosk.in_front, WITHIN_S, f"the kiosk covers the {width}x{height} screen", kiosk.state)


#: Openbox's default bindings for switching desktop, sending the window away, showing the desktop,
#: lowering the window, its window menu, switching and closing windows.
WINDOW_MANAGER_KEYS = (
    "ctrl+alt+Right",
    "ctrl+alt+Left",
    "shift+alt+Right",
    "super+F2",
    "super+d",
    "alt+Escape",
    "alt+space",
    "alt+Tab",
    "alt+F4",
)


def test_the_window_manager_s_keys_leave_the_kiosk_in_front(
    x_server: XServer, openbox: subprocess.Popen[bytes], start_kiosk: Callable[[], Kiosk]
) -> None:
    kiosk = start_kiosk()
    for key in WINDOW_MANAGER_KEYS:
        run_tool(x_server, "xdotool", "key", key)
        holds_throughout(
            lambda: kiosk.in_front() and x_server.current_desktop() == 0,
            WATCH_S,
            f"after {key}, the kiosk is in front on the first desktop",
            kiosk.state,
        )


def took_the_kiosk_away(kiosk: Kiosk) -> bool:
    """The kiosk's log says it was taken away: proof that the window manager did what it was asked."""
    return "the kiosk window was taken away" in kiosk.log()


@pytest.mark.parametrize(
    ("move_away", "done"),
    [
        pytest.param(
            lambda x, kiosk: run_tool(x, "wmctrl", "-s", "1"),
            lambda x, kiosk: x.current_desktop() == 1,
            id="desktop-switched",
        ),
        pytest.param(
            lambda x, kiosk: run_tool(x, "wmctrl", "-i", "-r", str(kiosk.window), "-t", "2"),
            lambda x, kiosk: took_the_kiosk_away(kiosk),
            id="sent-to-another-desktop",
        ),
        pytest.param(
            lambda x, kiosk: run_tool(x, "xdotool", "windowminimize", str(kiosk.window)),
            lambda x, kiosk: took_the_kiosk_away(kiosk),
            id="minimized",
        ),
        pytest.param(
            lambda x, kiosk: run_tool(x, "wmctrl", "-k", "on"),
            lambda x, kiosk: took_the_kiosk_away(kiosk),
            id="desktop-shown",
        ),
    ],
)
def test_moved_away_by_the_window_manager_the_kiosk_is_back_in_front_within_a_second(
    x_server: XServer,
    openbox: subprocess.Popen[bytes],
    start_kiosk: Callable[[], Kiosk],
    move_away: Callable[[XServer, Kiosk], None],
    done: Callable[[XServer, Kiosk], bool],
) -> None:
    kiosk = start_kiosk()
    moved = time.monotonic()
    move_away(x_server, kiosk)
    wait_for(
        lambda: done(x_server, kiosk), WITHIN_S, "the move is seen (desktop, or the kiosk's log)", kiosk.state
    )
    wait_for(kiosk.in_front, WITHIN_S - (time.monotonic() - moved), "the kiosk is back in front", kiosk.state)
    wait_for(
        x_server.keyboard_held,
        WITHIN_S - (time.monotonic() - moved),
        "the kiosk holds the keyboard again",
        kiosk.state,
    )


def test_the_window_manager_s_menus_do_not_open_over_the_kiosk(
    x_server: XServer, openbox: subprocess.Popen[bytes], start_kiosk: Callable[[], Kiosk]
) -> None:
    kiosk = start_kiosk()
    # On another desktop too, where the kiosk once left nothing but the root window.
    run_tool(x_server, "wmctrl", "-s", "1")
    wait_for(
        lambda: x_server.current_desktop() == 1 and kiosk.in_front(),
        WITHIN_S,
        "the kiosk is in front on the second desktop",
        kiosk.state,
    )
    for button in ("3", "2"):  # the root menu, with its terminal, and the window list
        run_tool(x_server, "xdotool", "mousemove", "300", "300", "click", button)
        holds_throughout(
            lambda: (
                kiosk.in_front() and x_server.drawn_at(300 + 20, 300 + 20) == x_server.top_level(kiosk.window)
            ),
            WATCH_S,
            f"after a click of button {button}, nothing is drawn over the kiosk",
            kiosk.state,
        )
