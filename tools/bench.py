"""Measures the kiosk against a bare Qt Quick window: start-up, tap to frame, frame pacing, and the
processor time and memory of a kiosk nobody is using.

Run from the repository root as `python -m tools.bench`; docs/performance.md explains each figure.
This process only orchestrates and reports: every measurement runs in a child process of its own,
so that start-up is always measured fresh and each Qt platform gets its own process. Everything is
measured in the renderer `kiosk run` chooses on that platform (kiosk.app.renderer); the idle
figures are also given in the other renderer, to show what the choice saves.
"""

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QEventLoop,
    QPoint,
    QPointF,
    Qt,
    QThread,
    QTimer,
    SignalInstance,
    qVersion,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.app.fonts import register_bundled_fonts
from kiosk.app.graphics_probe import GraphicsProbe
from kiosk.app.renderer import ENVIRONMENT_VARIABLES, ProbeProcess, RendererChoice, choose_renderer
from kiosk.app.window import QML_DIR, KioskUi, create_ui, follow_window_size
from kiosk.content.layout import attract
from kiosk.content.loader import load_exhibit
from kiosk.content.summary import ExhibitSummary, picture_in, summarize
from kiosk.services.settings_snapshot import RENDERER_AUTO, RENDERER_HARDWARE, RENDERER_SOFTWARE
from kiosk.viewmodels import register_qml_types
from kiosk.viewmodels.access import KioskAccess
from kiosk.viewmodels.exhibit import KioskExhibit
from kiosk.viewmodels.geometry import KioskGeometry, attach_geometry
from kiosk.viewmodels.presentation import file_url
from tools import bench_idle
from tools.bench_idle import ATTRACT_CPU_TARGET, DEFAULT_IDLE_SECONDS, STILL_CPU_TARGET, IdleBenchError, Usage

if TYPE_CHECKING:
    from kiosk.content.models import Exhibit

REPOSITORY = Path(__file__).resolve().parents[1]
KIOSK_SOURCES = REPOSITORY / "kiosk"
DEFAULT_EXHIBIT = REPOSITORY / "exhibits" / "recognition-1933"
FALLBACK_EXHIBIT = REPOSITORY / "tests" / "data" / "mini"

# The product's targets.
STARTUP_RATIO_TARGET = 2.0
TAP_MEDIAN_TARGET_MS = 20.0
FRAME_P95_TARGET_MS = 17.5
#: A change of language should feel instant: 100 ms is where a response stops feeling immediate.
LANGUAGE_MEDIAN_TARGET_MS = 100.0

WINDOW_SIZE = (1920, 1080)
XVFB_SCREEN = "1920x1080x24"
PLATFORMS = ("offscreen", "xcb")

# The kiosk's own animations: Main.qml's `reveal` and the panel list's highlightMoveDuration.
REVEAL_MS = 480
PANEL_MOVE_MS = 420
CROSSFADE_MS = REVEAL_MS
# At most this many panel changes per visit to a section, so that a long exhibit still runs in minutes.
PANEL_CHANGES_PER_VISIT = 2

# About as long as a visitor's finger rests on the glass in a tap.
PRESS_HOLD_MS = 100
# Time given after an animation's end for its last frames before the next step begins.
SETTLE_MS = 250
# Time given after the first frame for asynchronously loaded images to arrive.
FIRST_SETTLE_MS = 1000
EVENT_TIMEOUT_MS = 5000
CHILD_TIMEOUT_S = 600

DEFAULT_REPEAT = 30
DEFAULT_STARTUPS = 7

# The attract loop runs with the shortest time per slide an exhibit may set (kiosk.content.models.
# Attract), so that crossfades come as often as they ever can, for this many seconds.
ATTRACT_SECONDS_PER_SLIDE = 4.0
DEFAULT_ATTRACT_SECONDS = 20
# AttractLoop.qml's crossfade at that pace: 30% of a slide's time, at most 1.8 s.
ATTRACT_CROSSFADE_MS = attract.fade_ms(ATTRACT_SECONDS_PER_SLIDE)
# The loop draws on every second frame of the 60 Hz animation timer (AttractLoop.qml's frameStep):
# evenly paced, its frames come every 33 ms, and at most every 35.
ATTRACT_FRAME_STEP = 2
ATTRACT_FRAME_P95_TARGET_MS = ATTRACT_FRAME_STEP * FRAME_P95_TARGET_MS

BARE_STARTUP_QML = """
import QtQuick

Window {
    width: 1920
    height: 1080

    Text {
        anchors.centerIn: parent
        text: "Bare Qt Quick"
        font.pixelSize: 48
    }
}
"""

# A start-up child runs one of these with `python -c`, so that it imports what its window needs and
# none of this script, whose own imports would add the same 30 ms or so to both and flatter the ratio.
# Each prints the machine-wide monotonic time of its window's first frame, and the processor time
# (user and system, all its threads) it had used by then, in milliseconds.
FIRST_FRAME_SCRIPT = f"""
def first_frame():
    used = resource.getrusage(resource.RUSAGE_SELF)
    print(time.clock_gettime(time.CLOCK_MONOTONIC), (used.ru_utime + used.ru_stime) * 1000, flush=True)
    app.quit()


window.frameSwapped.connect(first_frame)
window.resize({WINDOW_SIZE[0]}, {WINDOW_SIZE[1]})
window.show()
app.exec()
"""

BARE_STARTUP_SCRIPT = f"""
import resource
import sys
import time

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
import PySide6.QtQuick  # so that the root object comes back as a QQuickWindow, with frameSwapped

app = QGuiApplication(sys.argv[:1])
engine = QQmlApplicationEngine()
engine.loadData(QByteArray({BARE_STARTUP_QML!r}.encode()))
window = engine.rootObjects()[0]
{FIRST_FRAME_SCRIPT}
"""

# As `kiosk run` does it (kiosk.cli, kiosk.app.run.run_exhibit): the renderer's graphics probe
# started first, running while Qt Quick and the kiosk load, the renderer chosen before the window
# is made; the home screen from the exhibit's snapshot when it is unchanged
# since it last validated, validating it right after the first frame; the installation settings
# from their snapshot while the file is unchanged; the exhibit folder is the script's first
# argument. The unrecorded first start validates both and keeps their snapshots.
KIOSK_STARTUP_SCRIPT = f"""
import resource
import sys
import time
from pathlib import Path

from kiosk.app.renderer import RendererChooser, apply_renderer
from kiosk.app.storage import default_cache_dir
from kiosk.services.settings_snapshot import StartSettings, default_settings_path

settings = StartSettings(default_settings_path(), default_cache_dir())
renderer = RendererChooser.for_settings(settings)

from PySide6.QtGui import QGuiApplication

from kiosk.app.run import load_validated, validate_after_first_frame
from kiosk.app.window import create_ui
from kiosk.content.snapshot import load_snapshot

settings.keep(default_cache_dir())
exhibit_dir = Path(sys.argv[1])
summary = load_snapshot(default_cache_dir(), exhibit_dir)
exhibit = load_validated(exhibit_dir, default_cache_dir()) if summary is None else None
app = QGuiApplication(sys.argv[:1])
apply_renderer(renderer.choice())
ui = create_ui(summary or exhibit)
if summary is not None:
    validate_after_first_frame(ui, exhibit_dir, default_cache_dir(), on_invalid=app.quit)
window = ui.window
{FIRST_FRAME_SCRIPT}
ui.dispose()
"""

BARE_SCENE_QML = """
import QtQuick

Window {
    id: window

    required property int fadeDuration
    property bool toggled: false
    property bool faded: false

    width: 1920
    height: 1080

    Rectangle {
        anchors.fill: parent
        color: "#f4efe6"
        opacity: window.faded ? 0 : 1
        Behavior on opacity {
            NumberAnimation { duration: window.fadeDuration; easing.type: Easing.OutCubic }
        }
    }

    Rectangle {
        anchors.fill: parent
        color: "#1d2b3a"
        opacity: window.faded ? 1 : 0
        Behavior on opacity {
            NumberAnimation { duration: window.fadeDuration; easing.type: Easing.OutCubic }
        }
    }

    Rectangle {
        objectName: "tapTarget"
        anchors.centerIn: parent
        width: 480
        height: 320
        color: window.toggled ? "#b3261e" : "#2f5d8a"

        TapHandler {
            onTapped: window.toggled = !window.toggled
        }
    }
}
"""


# The kiosk's attract loop on its own, set up as Main.qml sets it up, in a window that gives the
# views their theme as Main.qml does.
ATTRACT_SCENE_QML = """
import QtQuick
import Kiosk

Window {
    id: window

    required property var exhibit
    required property real secondsPerSlide

    width: 1920
    height: 1080
    color: Style.ink

    Binding {
        target: Style
        property: "theme"
        value: window.exhibit.theme
    }
    Binding {
        target: Style
        property: "layouts"
        value: window.exhibit.layouts
    }

    AttractLoop {
        objectName: "attractLoop"
        slides: window.exhibit.attractSlides
        secondsPerSlide: window.secondsPerSlide
        title: window.exhibit.title
        invitation: "Touch the screen to begin"
    }
}
"""

# The baseline for the attract loop: two full-window images, the upper one fading in and out for ever
# with the loop's crossfade, so that every frame measured is a crossfade frame.
BARE_ATTRACT_QML = """
import QtQuick

Window {
    id: window

    required property string under
    required property string over
    required property int fadeDuration

    width: 1920
    height: 1080

    Image {
        anchors.fill: parent
        source: window.under
        sourceSize.width: 1920
        sourceSize.height: 1080
        fillMode: Image.PreserveAspectCrop
    }

    Image {
        anchors.fill: parent
        source: window.over
        sourceSize.width: 1920
        sourceSize.height: 1080
        fillMode: Image.PreserveAspectCrop

        SequentialAnimation on opacity {
            loops: Animation.Infinite

            NumberAnimation {
                from: 0
                to: 1
                duration: window.fadeDuration
                easing.type: Easing.InOutSine
            }
            NumberAnimation {
                from: 1
                to: 0
                duration: window.fadeDuration
                easing.type: Easing.InOutSine
            }
        }
    }
}
"""


class BenchError(RuntimeError):
    """The benchmark could not measure what it set out to measure."""


def now() -> float:
    """Seconds on the machine-wide monotonic clock, so that a child's times compare with ours."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


# --- Inside a child: waiting, timing frames and tapping ------------------------------------------


def wait_ms(milliseconds: float) -> None:
    """Runs the event loop for a while; QTest.qWait would sleep in 10 ms steps and delay frames."""
    loop = QEventLoop()
    timer = QTimer(singleShot=True, timerType=Qt.TimerType.PreciseTimer, interval=max(0, round(milliseconds)))
    timer.timeout.connect(loop.quit)
    timer.start()
    loop.exec()


def wait_for_signal(signal: SignalInstance, timeout_ms: float) -> None:
    loop = QEventLoop()
    timer = QTimer(singleShot=True, interval=max(0, round(timeout_ms)))
    timer.timeout.connect(loop.quit)
    signal.connect(loop.quit)
    timer.start()
    loop.exec()
    signal.disconnect(loop.quit)


@dataclass(frozen=True)
class Frame:
    began: float  # when the GUI thread started on it: animations stepped, then polish and sync
    presented: float

    @property
    def cost_ms(self) -> float:
        return (self.presented - self.began) * 1000


class FrameClock:
    """Notes when the window begins each frame and when it presents it."""

    def __init__(self, window: QQuickWindow) -> None:
        self.window = window
        self.frames: list[Frame] = []
        self.on_render_thread: bool | None = None
        self._gui_thread = QThread.currentThread()
        self._began = now()
        # Direct, so that a threaded render loop is timed on its render thread, not whenever the GUI
        # thread gets round to a queued call.
        window.afterAnimating.connect(self._on_begin, Qt.ConnectionType.DirectConnection)
        window.frameSwapped.connect(self._on_present, Qt.ConnectionType.DirectConnection)

    def _on_begin(self) -> None:
        self._began = now()

    def _on_present(self) -> None:
        self.frames.append(Frame(self._began, now()))
        if self.on_render_thread is None:
            self.on_render_thread = QThread.currentThread() != self._gui_thread

    def first_after(self, moment: float) -> Frame | None:
        return next((frame for frame in self.frames if frame.presented > moment), None)

    def wait_for_frame_after(self, moment: float) -> float:
        """The time the first frame after `moment` was presented, waiting for it if need be."""
        deadline = now() + EVENT_TIMEOUT_MS / 1000
        while (frame := self.first_after(moment)) is None:
            if now() > deadline:
                raise BenchError(f"no frame within {EVENT_TIMEOUT_MS} ms")
            wait_for_signal(self.window.frameSwapped, (deadline - now()) * 1000)
        return frame.presented

    def animation(self, start: float, duration_ms: float) -> list[Frame]:
        """The frames of an animation that began at `start`, up to the first that shows its end."""
        end = start + duration_ms / 1000
        wait_ms((end - now()) * 1000 + SETTLE_MS)
        during = [frame for frame in self.frames if start < frame.presented < end]
        last = self.first_after(end)
        return during if last is None else [*during, last]


@dataclass
class Transitions:
    """Frame intervals and frame costs, in milliseconds, of the animations of one kind."""

    intervals_ms: list[float] = field(default_factory=list)
    costs_ms: list[float] = field(default_factory=list)

    def add(self, frames: Sequence[Frame]) -> None:
        self.intervals_ms += [
            (later.presented - earlier.presented) * 1000 for earlier, later in pairwise(frames)
        ]
        self.costs_ms += [frame.cost_ms for frame in frames]


def show_window(window: QQuickWindow, clock: FrameClock) -> float:
    """Shows the window at the kiosk's screen size; returns when its first frame was presented."""
    window.resize(*WINDOW_SIZE)
    shown = now()
    window.show()
    return clock.wait_for_frame_after(shown)


def find_item(window: QQuickWindow, object_name: str) -> QQuickItem:
    # Repeater delegates are not QObject children of the window, so findChild() would miss them.
    def walk(item: QQuickItem) -> Iterator[QQuickItem]:
        yield item
        for child in item.childItems():
            yield from walk(child)

    found = next((item for item in walk(window.contentItem()) if item.objectName() == object_name), None)
    if found is None:
        raise BenchError(f"no item named {object_name!r} in the window")
    return found


def centre_of(item: QQuickItem) -> QPoint:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()


class Finger:
    """Touches the window with real touch events, as a visitor does, not with synthesized clicks."""

    def __init__(self, window: QQuickWindow) -> None:
        self._window = window
        self._device = QTest.createTouchDevice()

    def press(self, point: QPoint) -> None:
        QTest.touchEvent(self._window, self._device).press(0, point, self._window).commit()

    def release(self, point: QPoint) -> None:
        QTest.touchEvent(self._window, self._device).release(0, point, self._window).commit()


@dataclass(frozen=True)
class Tap:
    released: float
    changed: float
    shown: float
    # Whether the very first frame after the release already showed the change.
    next_frame_showed_change: bool


def measure_tap(finger: Finger, clock: FrameClock, point: QPoint, changed: SignalInstance) -> Tap:
    """Taps at `point` and times its effect, the first emission of `changed`, and the first frame
    after it."""
    finger.press(point)
    wait_ms(PRESS_HOLD_MS)
    changes: list[float] = []

    def note_change() -> None:
        changes.append(now())

    changed.connect(note_change)
    released = now()
    finger.release(point)
    if not changes:
        wait_for_signal(changed, EVENT_TIMEOUT_MS)
    changed.disconnect(note_change)
    if not changes:
        raise BenchError(f"the tap at ({point.x()}, {point.y()}) changed nothing")
    shown = clock.wait_for_frame_after(changes[0])
    return Tap(released, changes[0], shown, clock.wait_for_frame_after(released) == shown)


def child_report(
    clock: FrameClock, taps: Sequence[Tap], transitions: dict[str, Transitions]
) -> dict[str, Any]:
    return {
        "render_thread": bool(clock.on_render_thread),
        "tap_ms": [(tap.shown - tap.released) * 1000 for tap in taps],
        "tap_handling_ms": [(tap.changed - tap.released) * 1000 for tap in taps],
        "tap_next_frame_showed_change": sum(tap.next_frame_showed_change for tap in taps),
        "transitions": {kind: vars(frames) for kind, frames in transitions.items()},
    }


# --- Inside a child: the scenes ---------------------------------------------------------------


def load_valid(exhibit_dir: Path) -> "Exhibit":
    result = load_exhibit(exhibit_dir)
    if result.exhibit is None:
        raise BenchError(f"{exhibit_dir} is not a valid exhibit")
    return result.exhibit


def open_kiosk(exhibit_dir: Path) -> KioskUi:
    return create_ui(load_valid(exhibit_dir))


def open_bare(
    source: str, properties: dict[str, Any], import_path: Path | None = None
) -> tuple[QQmlApplicationEngine, QQuickWindow]:
    register_qml_types()
    engine = QQmlApplicationEngine()
    # The kiosk's own views take the screen's geometry as the kiosk gives it to them.
    access = KioskAccess(parent=engine) if import_path is not None else None
    if import_path is not None and access is not None:
        engine.addImportPath(str(import_path))
        attach_geometry(engine, KioskGeometry(access, parent=engine))
    engine.setInitialProperties(properties)
    engine.loadData(QByteArray(source.encode()))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise BenchError("the bare QML window could not be created")
    if access is not None:
        follow_window_size(roots[0], access)
    return engine, roots[0]


def kiosk_child(exhibit_dir: Path, repeat: int) -> dict[str, Any]:
    """Taps each section's tile in turn, pages through a few of its panels, and goes home again."""
    ui = open_kiosk(exhibit_dir)
    window, navigation = ui.window, ui.navigation
    exhibit = ui.exhibit.model
    assert exhibit is not None
    panel_counts = [len(section.panels) for section in exhibit.sections]
    clock = FrameClock(window)
    show_window(window, clock)
    wait_ms(FIRST_SETTLE_MS)
    tiles = [centre_of(find_item(window, f"sectionTile{index}")) for index in range(len(panel_counts))]
    finger = Finger(window)
    taps: list[Tap] = []
    openings, panel_changes = Transitions(), Transitions()
    language_switches: list[float] = []
    for repetition in range(repeat):
        section = repetition % len(tiles)
        taps.append(measure_tap(finger, clock, tiles[section], navigation.stateChanged))
        if navigation.atHome:
            raise BenchError(f"tapping tile {section} did not open its section")
        openings.add(clock.animation(taps[-1].changed, REVEAL_MS))
        for panel in range(1, min(panel_counts[section], PANEL_CHANGES_PER_VISIT + 1)):
            started = now()
            navigation.showPanel(panel)
            panel_changes.add(clock.animation(started, PANEL_MOVE_MS))
        language_switches += switch_languages(ui, clock)
        navigation.goHome()
        wait_ms(REVEAL_MS + SETTLE_MS)
    ui.dispose()
    report = child_report(clock, taps, {"opening": openings, "panel": panel_changes})
    report["language_ms"] = language_switches
    return report


def switch_languages(ui: KioskUi, clock: FrameClock) -> list[float]:
    """On the panel shown, each of the exhibit's other languages and back: milliseconds from the
    visitor's choice to the first frame drawn after it, everything presented anew."""
    exhibit = ui.exhibit
    first = exhibit.property("language")
    times = []
    others = [entry["code"] for entry in exhibit.property("languages")][1:]
    for language in [*others, first]:
        chosen = now()
        exhibit.chooseLanguage(language)
        times.append((clock.wait_for_frame_after(now()) - chosen) * 1000)
        wait_ms(SETTLE_MS)
    return times if len(times) > 1 else []


def bare_child(repeat: int) -> dict[str, Any]:
    """Taps the rectangle that toggles its colour, then crossfades the two full-window rectangles."""
    engine, window = open_bare(BARE_SCENE_QML, {"fadeDuration": CROSSFADE_MS})
    clock = FrameClock(window)
    show_window(window, clock)
    wait_ms(FIRST_SETTLE_MS)
    target = centre_of(find_item(window, "tapTarget"))
    finger = Finger(window)
    taps: list[Tap] = []
    crossfades = Transitions()
    for _ in range(repeat):
        # The signal of a property the QML window declares, unknown to PySide6's stubs.
        taps.append(measure_tap(finger, clock, target, window.toggledChanged))  # type: ignore[attr-defined]
        wait_ms(SETTLE_MS)
        started = now()
        window.setProperty("faded", not window.property("faded"))
        crossfades.add(clock.animation(started, CROSSFADE_MS))
    window.close()
    del engine
    return child_report(clock, taps, {"crossfade": crossfades})


def attract_child(exhibit_dir: Path, seconds: float) -> dict[str, Any]:
    """Lets the kiosk's attract loop play for a while, crossfades included, and times its frames."""
    register_bundled_fonts()
    register_qml_types()
    exhibit = KioskExhibit(summarize(load_valid(exhibit_dir)))
    engine, window = open_bare(
        ATTRACT_SCENE_QML, {"exhibit": exhibit, "secondsPerSlide": ATTRACT_SECONDS_PER_SLIDE}, QML_DIR
    )
    loop = find_item(window, "attractLoop")
    report = play_for(window, seconds, lambda: loop.property("slidesShown"))
    window.close()
    del engine
    return {**report, "slides": exhibit.property("attractSlides").rowCount()}


def bare_attract_child(exhibit_dir: Path, seconds: float) -> dict[str, Any]:
    """Crossfades two of the exhibit's pictures over the whole window, back and forth, and times it."""
    summary = summarize(load_valid(exhibit_dir))
    first = summary.languages[0]
    images = [file_url(picture_in(slide.image, first)) for slide in summary.slides]
    images += [
        file_url(picture_in(section.tile_image, first)) for section in summary.sections if section.tile_image
    ]
    if not images:
        raise BenchError(f"{exhibit_dir} has no pictures for the bare crossfade")
    properties = {"under": images[0], "over": images[1 % len(images)], "fadeDuration": ATTRACT_CROSSFADE_MS}
    engine, window = open_bare(BARE_ATTRACT_QML, properties)
    started = now()
    report = play_for(window, seconds, lambda: int((now() - started) * 1000 // ATTRACT_CROSSFADE_MS))
    window.close()
    del engine
    return report


def play_for(window: QQuickWindow, seconds: float, crossfades: Callable[[], int]) -> dict[str, Any]:
    """Shows the window, lets it settle, then times every frame for `seconds`."""
    clock = FrameClock(window)
    show_window(window, clock)
    wait_ms(FIRST_SETTLE_MS)
    before = crossfades()
    started = now()
    wait_ms(seconds * 1000)
    frames = Transitions()
    frames.add([frame for frame in clock.frames if frame.presented > started])
    return {
        "render_thread": bool(clock.on_render_thread),
        "transitions": {"attract": vars(frames)},
        "crossfades": crossfades() - before,
    }


def run_child(arguments: argparse.Namespace) -> int:
    _application = QGuiApplication([sys.argv[0]])
    if arguments.child == "kiosk":
        report = kiosk_child(arguments.exhibit, arguments.repeat)
    elif arguments.child == "attract":
        report = attract_child(arguments.exhibit, arguments.attract_seconds)
    elif arguments.child == "attract-bare":
        report = bare_attract_child(arguments.exhibit, arguments.attract_seconds)
    else:
        report = bare_child(arguments.repeat)
    print(json.dumps(report))
    return 0


# --- In the parent: running the children ------------------------------------------------------


@dataclass(frozen=True)
class Display:
    """A platform to measure on: the environment of its children, its X server, and the renderer
    `kiosk run` chooses there."""

    platform: str
    #: No renderer is chosen in it: for children that choose for themselves, as `kiosk run` does.
    environment: dict[str, str]
    server_pid: int | None
    probe: GraphicsProbe
    choice: RendererChoice

    def drawing(self, software: bool) -> dict[str, str]:
        """The environment of a window that draws in software, or in Qt Quick's default path."""
        return {**self.environment, "QT_QUICK_BACKEND": "software"} if software else self.environment

    @property
    def chosen(self) -> dict[str, str]:
        """The environment of a window that draws as `kiosk run` chose to."""
        return self.drawing(self.choice.software)

    @property
    def stated(self) -> dict[str, str]:
        """The environment that says what `kiosk run` chose, so that it does not probe for it."""
        variable = ("QT_QUICK_BACKEND", "software") if self.choice.software else ("QSG_RHI_BACKEND", "opengl")
        return {**self.environment, variable[0]: variable[1]}

    @property
    def other_renderer(self) -> str | None:
        """The renderer not chosen, when this display offers it: the default path needs OpenGL."""
        if not self.choice.software:
            return RENDERER_SOFTWARE
        return RENDERER_HARDWARE if self.probe.renderer else None


def renderer_for(environment: dict[str, str]) -> tuple[GraphicsProbe, RendererChoice]:
    """What `kiosk run` would find and choose, with its default settings, in `environment`."""
    probe = ProbeProcess.start(environment).result()
    return probe, choose_renderer(RENDERER_AUTO, environment, lambda: probe)


@contextmanager
def child_environment(platform: str, cache_dir: Path) -> Iterator[Display]:
    """Children's environment on `platform`; for xcb, with a private Xvfb the size of the kiosk's
    screen, for as long as the context lasts."""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": platform,
        # Compiled QML and Python bytecode are cached, as an installed kiosk's are, but in a folder of
        # this run's: not in the work tree, and not left behind. Where writing bytecode is turned off,
        # every start would compile the kiosk's modules again.
        "QML_DISK_CACHE_PATH": str(cache_dir / "qml"),
        "PYTHONPYCACHEPREFIX": str(cache_dir / "python"),
        # The kiosk keeps its exhibit's snapshot in the user's cache folder, its published versions
        # in the data folder: here, the run's.
        "XDG_CACHE_HOME": str(cache_dir / "user-cache"),
        "XDG_DATA_HOME": str(cache_dir / "user-data"),
        "XDG_STATE_HOME": str(cache_dir / "user-state"),
        "XDG_CONFIG_HOME": str(cache_dir / "user-config"),
    }
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    # The renderer is the kiosk's to choose, as on a kiosk whose environment says nothing of it.
    for variable in ENVIRONMENT_VARIABLES:
        environment.pop(variable, None)
    if platform != "xcb":
        # Nothing to borrow OpenGL from: the offscreen platform uses an X server's when it has one.
        environment.pop("DISPLAY", None)
        environment.pop("WAYLAND_DISPLAY", None)
        yield Display(platform, environment, None, *renderer_for(environment))
        return
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", XVFB_SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as display_pipe:
            display = display_pipe.readline().strip()
        if not display:
            raise BenchError("Xvfb did not start")
        environment = {**environment, "DISPLAY": f":{display}"}
        environment.pop("WAYLAND_DISPLAY", None)
        yield Display(platform, environment, server.pid, *renderer_for(environment))
    finally:
        server.terminate()
        server.wait(timeout=10)


def run_python(environment: dict[str, str], *arguments: str) -> str:
    """Runs a child interpreter to its end; returns what it printed."""
    completed = subprocess.run(
        [sys.executable, *arguments],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    if completed.returncode != 0 or not completed.stdout.strip():
        raise BenchError(f"a child process failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    return completed.stdout


def measure_scene(environment: dict[str, str], scene: str, exhibit: Path, *options: str) -> dict[str, Any]:
    output = run_python(
        environment, "-m", "tools.bench", "--child", scene, "--exhibit", str(exhibit), *options
    )
    report: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return report


def measure_startups(display: Display, exhibit: Path, count: int) -> dict[str, list[float]]:
    """Milliseconds from launching a fresh interpreter to its window's first frame, for each scene,
    and under "<scene>, processor" the processor time it had used by then (on a busy machine the
    steadier figure: the wall time is also the wait for a core). The scenes take turns, so that the
    machine's slow moments fall on both alike. The kiosk chooses its renderer itself, graphics
    probe included; the bare window is told the kiosk's choice."""
    scripts: dict[str, tuple[dict[str, str], str, *tuple[str, ...]]] = {
        "kiosk": (display.environment, KIOSK_STARTUP_SCRIPT, str(exhibit)),
        "bare": (display.chosen, BARE_STARTUP_SCRIPT),
        # The same kiosk told its renderer by the environment: what the graphics probe costs.
        "kiosk, renderer given": (display.stated, KIOSK_STARTUP_SCRIPT, str(exhibit)),
    }
    startups: dict[str, list[float]] = {
        name: [] for scene in scripts for name in (scene, f"{scene}, processor")
    }
    for repetition in range(count + 1):
        for scene, (environment, script, *arguments) in scripts.items():
            launched = now()
            first_frame, processor_ms = map(
                float, run_python(environment, "-c", script, *arguments).split()[:2]
            )
            # The first launch compiles the QML and Python into their caches, as a kiosk's have long
            # been by the time its visitors arrive.
            if repetition > 0:
                startups[scene].append((first_frame - launched) * 1000)
                startups[f"{scene}, processor"].append(processor_ms)
    return startups


#: The idle scenes, in the order they are measured: a bare window, then the kiosk in its state.
IDLE_SCENES = ("bare still", "home", "bare animated", "attract")


@dataclass(frozen=True)
class IdleRun:
    """Processor time and memory of the idle scenes, in the renderer chosen and the other."""

    chosen: dict[str, Usage]
    #: None where the display offers no other renderer (no OpenGL at all).
    other: dict[str, Usage] | None
    other_name: str | None
    seconds: float


def measure_idle_scenes(
    display: Display, renderer: str, exhibit: Path, summary: ExhibitSummary, seconds: float, folder: Path
) -> dict[str, Usage]:
    """The four idle scenes, the kiosk with the installation setting `renderer`, the bare windows
    drawing as the kiosk does with it."""
    software = display.choice.software if renderer == RENDERER_AUTO else renderer == RENDERER_SOFTWARE
    bare_environment, pid = display.drawing(software), display.server_pid
    usage: dict[str, Usage] = {}
    for scene in IDLE_SCENES:
        progress(f"{display.platform}: {seconds:g} s of {scene}, renderer {renderer}")
        if scene.startswith("bare"):
            usage[scene] = bench_idle.measure_bare(
                scene == "bare animated", summary, bare_environment, seconds, pid
            )
        else:
            where = folder / f"{display.platform}-{renderer}-{scene}"
            usage[scene] = bench_idle.measure_kiosk(
                scene, renderer, exhibit, display.environment, where, seconds, pid
            )
    return usage


def measure_idle(display: Display, exhibit: Path, seconds: float, folder: Path) -> IdleRun:
    summary = summarize(load_valid(exhibit))
    try:
        progress(f"{display.platform}: one start of the kiosk to publish the exhibit and fill its caches")
        bench_idle.warm_up(exhibit, display.environment, folder / f"{display.platform}-warm-up")
        chosen = measure_idle_scenes(display, RENDERER_AUTO, exhibit, summary, seconds, folder)
        other_name = display.other_renderer
        other = (
            measure_idle_scenes(display, other_name, exhibit, summary, seconds, folder)
            if other_name is not None
            else None
        )
    except IdleBenchError as error:
        raise BenchError(f"{display.platform}: {error}") from None
    return IdleRun(chosen, other, other_name, seconds)


@dataclass(frozen=True)
class PlatformRun:
    platform: str
    probe: GraphicsProbe
    renderer: RendererChoice
    # Each None when its scenes were not measured (--scene).
    startups: dict[str, list[float]] | None
    kiosk: dict[str, Any] | None
    bare: dict[str, Any] | None
    attract: dict[str, Any] | None = None
    attract_bare: dict[str, Any] | None = None
    idle: IdleRun | None = None


def measure_platform(
    platform: str, exhibit: Path, arguments: argparse.Namespace, cache_dir: Path
) -> PlatformRun:
    repeat, startups, seconds = arguments.repeat, arguments.startups, arguments.attract_seconds
    measured: dict[str, Any] = {}
    with child_environment(platform, cache_dir) as display:
        progress(f"{platform}: kiosk run chooses the renderer {display.choice.describe()}")
        environment = display.chosen
        if arguments.scene in ("all", "kiosk"):
            progress(f"{platform}: {startups} start-ups of each scene, after one that fills the caches")
            measured["startups"] = measure_startups(display, exhibit, startups)
            progress(f"{platform}: {repeat} taps and crossfades on the bare window")
            measured["bare"] = measure_scene(environment, "bare", exhibit, "--repeat", str(repeat))
            progress(f"{platform}: {repeat} taps, section openings and panel changes on the kiosk")
            measured["kiosk"] = measure_scene(environment, "kiosk", exhibit, "--repeat", str(repeat))
        if arguments.scene in ("all", "attract"):
            options = ("--attract-seconds", f"{seconds:g}")
            progress(f"{platform}: {seconds:g} s of a bare crossfade of two full-window pictures")
            measured["attract_bare"] = measure_scene(environment, "attract-bare", exhibit, *options)
            progress(f"{platform}: {seconds:g} s of the kiosk's attract loop")
            measured["attract"] = measure_scene(environment, "attract", exhibit, *options)
        if arguments.scene in ("all", "idle"):
            measured["idle"] = measure_idle(display, exhibit, arguments.idle_seconds, cache_dir / "idle")
    return PlatformRun(
        platform,
        display.probe,
        display.choice,
        measured.get("startups"),
        measured.get("kiosk"),
        measured.get("bare"),
        measured.get("attract"),
        measured.get("attract_bare"),
        measured.get("idle"),
    )


def progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


# --- In the parent: the report --------------------------------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: always a value that was actually measured."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def spread(values: Sequence[float], *, with_max: bool = False) -> str:
    figures = [statistics.median(values), percentile(values, 0.95)] + ([max(values)] if with_max else [])
    return " / ".join(f"{figure:.1f}" for figure in figures) + " ms"


@dataclass(frozen=True)
class Row:
    metric: str
    platform: str
    figures: str
    kiosk: str
    baseline: str
    target: str
    passed: bool


def rows_for(run: PlatformRun) -> list[Row]:
    rows = []
    if run.startups is not None and run.kiosk is not None and run.bare is not None:
        rows += kiosk_rows(run.platform, run.startups, run.kiosk, run.bare)
    if run.attract is not None and run.attract_bare is not None:
        rows.append(attract_row(run.platform, run.attract, run.attract_bare))
    if run.idle is not None:
        rows += idle_rows(run.platform, run.idle)
    return rows


def kiosk_rows(
    platform: str, startups: dict[str, list[float]], kiosk: dict[str, Any], bare: dict[str, Any]
) -> list[Row]:
    kiosk_start, bare_start = (statistics.median(startups[scene]) for scene in ("kiosk", "bare"))
    ratio = kiosk_start / bare_start
    taps, bare_taps = kiosk["tap_ms"], bare["tap_ms"]
    rows = [
        Row(
            "1. Start-up to first frame",
            platform,
            "median",
            f"{kiosk_start:.0f} ms",
            f"{bare_start:.0f} ms",
            f"≤ {STARTUP_RATIO_TARGET:.1f}× baseline (is {ratio:.2f}×)",
            ratio <= STARTUP_RATIO_TARGET,
        ),
        Row(
            "2. Tap to first changed frame",
            platform,
            "median / p95",
            spread(taps),
            spread(bare_taps),
            f"median ≤ {TAP_MEDIAN_TARGET_MS:.0f} ms",
            statistics.median(taps) <= TAP_MEDIAN_TARGET_MS,
        ),
    ]
    if switches := kiosk.get("language_ms"):
        rows.append(
            Row(
                "5. Language switch to first frame",
                platform,
                "median / p95",
                spread(switches),
                spread(bare_taps),
                f"median ≤ {LANGUAGE_MEDIAN_TARGET_MS:.0f} ms (is {statistics.median(switches) / statistics.median(bare_taps):.1f}× baseline)",
                statistics.median(switches) <= LANGUAGE_MEDIAN_TARGET_MS,
            )
        )
    crossfade = bare["transitions"]["crossfade"]["intervals_ms"]
    for kind, metric in (
        ("opening", "3a. Frame interval, home → section"),
        ("panel", "3b. Frame interval, panel"),
    ):
        intervals = kiosk["transitions"][kind]["intervals_ms"]
        if intervals:
            rows.append(
                Row(
                    metric,
                    platform,
                    "median / p95 / max",
                    spread(intervals, with_max=True),
                    spread(crossfade, with_max=True),
                    f"p95 ≤ {FRAME_P95_TARGET_MS} ms",
                    percentile(intervals, 0.95) <= FRAME_P95_TARGET_MS,
                )
            )
    return rows


def attract_row(platform: str, attract: dict[str, Any], bare: dict[str, Any]) -> Row:
    intervals = attract["transitions"]["attract"]["intervals_ms"]
    baseline = bare["transitions"]["attract"]["intervals_ms"]
    if not intervals or not baseline:
        raise BenchError(f"{platform}: the attract loop or its baseline presented no frames")
    return Row(
        "4. Frame interval, attract loop",
        platform,
        "median / p95 / max",
        spread(intervals, with_max=True),
        spread(baseline, with_max=True),
        f"p95 ≤ {ATTRACT_FRAME_P95_TARGET_MS:g} ms ({60 // ATTRACT_FRAME_STEP} frames a second)",
        percentile(intervals, 0.95) <= ATTRACT_FRAME_P95_TARGET_MS,
    )


def idle_rows(platform: str, idle: IdleRun) -> list[Row]:
    """Measurements 6 and 7, in the renderer `kiosk run` chooses; the other renderer's are notes."""
    home, attract = idle.chosen["home"], idle.chosen["attract"]
    still, animated = idle.chosen["bare still"], idle.chosen["bare animated"]
    ratio = attract.cpu_percent / animated.cpu_percent if animated.cpu_percent else math.inf
    return [
        Row(
            "6. CPU / RSS, still home screen",
            platform,
            f"% of one core / MB, {idle.seconds:g} s",
            home.describe(),
            f"{still.describe()} (still)",
            f"CPU ≤ {STILL_CPU_TARGET:g}%",
            home.cpu_percent <= STILL_CPU_TARGET,
        ),
        Row(
            "7. CPU / RSS, attract loop",
            platform,
            f"% of one core / MB, {idle.seconds:g} s",
            attract.describe(),
            f"{animated.describe()} (animated)",
            f"CPU ≤ {ATTRACT_CPU_TARGET:g}% (is {ratio:.2f}× baseline)",
            attract.cpu_percent <= ATTRACT_CPU_TARGET,
        ),
    ]


def idle_notes(run: "PlatformRun", idle: IdleRun) -> list[str]:
    chosen = idle.chosen
    notes = [
        f"renderer chosen by kiosk run: {run.renderer.describe()}; the kiosk said it draws with "
        f"{chosen['home'].drawing_with}",
    ]
    if idle.other is None or idle.other_name is None:
        notes.append(f"the other renderer: not available here ({run.probe.problem or 'no OpenGL'})")
    else:
        other = idle.other
        notes += [
            f"the other renderer, {idle.other_name} (the kiosk drew with {other['home'].drawing_with}): "
            + ", ".join(f"{scene} {other[scene].describe()}" for scene in IDLE_SCENES),
            "what the choice saves, attract loop: "
            f"{other['attract'].cpu_percent - chosen['attract'].cpu_percent:+.1f} points of one core, "
            f"{other['attract'].rss_mb - chosen['attract'].rss_mb:+.0f} MB; still home screen: "
            f"{other['home'].cpu_percent - chosen['home'].cpu_percent:+.1f} points, "
            f"{other['home'].rss_mb - chosen['home'].rss_mb:+.0f} MB",
        ]
    if run.platform == "xcb":
        for name, usages in (("chosen", chosen), (idle.other_name, idle.other)):
            if usages is not None:
                notes.append(
                    f"the X server's own CPU meanwhile, renderer {name}: "
                    + ", ".join(f"{scene} {usages[scene].server_cpu_percent:.1f}%" for scene in IDLE_SCENES)
                )
    return notes


def format_table(rows: Sequence[Row]) -> str:
    header = ("Metric", "Platform", "Figures", "Kiosk", "Bare Qt Quick", "Target", "Result")
    lines = [header] + [
        (
            row.metric,
            row.platform,
            row.figures,
            row.kiosk,
            row.baseline,
            row.target,
            "PASS" if row.passed else "FAIL",
        )
        for row in rows
    ]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    text = [
        " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    ]
    text.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(text)


def notes_for(run: PlatformRun) -> list[str]:
    notes = []
    if run.startups is not None and run.kiosk is not None and run.bare is not None:
        notes += kiosk_notes(run.startups, run.kiosk, run.bare)
    if run.attract is not None and run.attract_bare is not None:
        notes += attract_notes(run.attract, run.attract_bare)
    if run.idle is not None:
        notes += idle_notes(run, run.idle)
    return notes


def render_loop(report: dict[str, Any]) -> str:
    return (
        "threaded (frames rendered on a render thread)" if report["render_thread"] else "basic (GUI thread)"
    )


def attract_notes(attract: dict[str, Any], bare: dict[str, Any]) -> list[str]:
    frames, baseline = attract["transitions"]["attract"], bare["transitions"]["attract"]
    bare_p95 = percentile(baseline["intervals_ms"], 0.95)
    verdict = "meets" if bare_p95 <= FRAME_P95_TARGET_MS else "misses"
    steps = sum(interval <= ATTRACT_FRAME_P95_TARGET_MS for interval in frames["intervals_ms"])
    return [
        f"attract loop: render loop {render_loop(attract)}; {attract['slides']} slides at "
        f"{ATTRACT_SECONDS_PER_SLIDE:g} s, {attract['crossfades']} crossfades of {ATTRACT_CROSSFADE_MS} ms "
        f"in the {len(frames['intervals_ms'])} frame intervals measured",
        f"attract loop: {steps} of its {len(frames['intervals_ms'])} frame intervals within "
        f"{ATTRACT_FRAME_P95_TARGET_MS:g} ms",
        f"attract baseline: {len(baseline['intervals_ms'])} frame intervals, all in crossfades of two "
        f"full-window pictures in every frame; its own p95 of {bare_p95:.1f} ms {verdict} the "
        f"{FRAME_P95_TARGET_MS} ms of 60 frames a second",
        "frame cost, attract loop (median / p95 / max): "
        f"{spread(frames['costs_ms'], with_max=True)}, baseline {spread(baseline['costs_ms'], with_max=True)}",
    ]


def kiosk_notes(startups: dict[str, list[float]], kiosk: dict[str, Any], bare: dict[str, Any]) -> list[str]:
    opening, panel = kiosk["transitions"]["opening"], kiosk["transitions"]["panel"]
    crossfade = bare["transitions"]["crossfade"]
    costs = {"home → section": opening, "panel change": panel, "baseline crossfade": crossfade}
    probed, given = (statistics.median(startups[scene]) for scene in ("kiosk", "kiosk, renderer given"))
    kiosk_cpu, bare_cpu = (statistics.median(startups[f"{scene}, processor"]) for scene in ("kiosk", "bare"))
    return [
        f"render loop: {render_loop(kiosk)}",
        f"start-up in processor time used by the first frame (median): kiosk {kiosk_cpu:.0f} ms, "
        f"baseline {bare_cpu:.0f} ms, {kiosk_cpu / bare_cpu:.2f}× ({load_average()})",
        f"start-up with the renderer given in the environment, without the graphics probe: median "
        f"{given:.0f} ms ({probed - given:+.0f} ms with the probe, which runs while the kiosk loads)",
        f"samples, kiosk + baseline: {len(startups['kiosk'])} + {len(startups['bare'])} start-ups, "
        f"{len(kiosk['tap_ms'])} + {len(bare['tap_ms'])} taps, {len(opening['intervals_ms'])} + "
        f"{len(panel['intervals_ms'])} + {len(crossfade['intervals_ms'])} frame intervals",
        f"tap, release to the app's state change (median / p95): kiosk {spread(kiosk['tap_handling_ms'])}, "
        f"baseline {spread(bare['tap_handling_ms'])}",
        "tap, first frame after the release already showed the change: "
        f"kiosk {kiosk['tap_next_frame_showed_change']}/{len(kiosk['tap_ms'])}, "
        f"baseline {bare['tap_next_frame_showed_change']}/{len(bare['tap_ms'])}",
        "frame cost, animation step to presented frame (median / p95 / max): "
        + ", ".join(
            f"{name} {spread(frames['costs_ms'], with_max=True)}"
            for name, frames in costs.items()
            if frames["costs_ms"]
        ),
    ]


def print_report(runs: Sequence[PlatformRun], skipped: Sequence[str]) -> None:
    print(format_table([row for run in runs for row in rows_for(run)]))
    for run in runs:
        print(f"\n{run.platform} (renderer {run.renderer.describe()}):")
        for note in notes_for(run):
            print(f"  - {note}")
    for note in skipped:
        print(f"\n{note}")


# --- The command -------------------------------------------------------------------------------


def choose_exhibit(requested: Path | None) -> tuple[Path, str]:
    """The exhibit to measure, and why it was chosen."""
    if requested is not None:
        if not load_exhibit(requested).ok:
            raise BenchError(f"{requested} is not a valid exhibit; `kiosk validate {requested}` says why")
        return requested.resolve(), "as requested"
    if load_exhibit(DEFAULT_EXHIBIT).ok:
        return DEFAULT_EXHIBIT, "the real exhibit"
    return FALLBACK_EXHIBIT, (
        f"{DEFAULT_EXHIBIT.relative_to(REPOSITORY)} is not valid at the moment "
        "(`kiosk validate` lists its problems), so the test exhibit stands in for it"
    )


def choose_platforms(requested: str) -> tuple[list[str], list[str]]:
    """The platforms to measure on, and notes on any left out."""
    if shutil.which("Xvfb"):
        return list(PLATFORMS) if requested == "all" else [requested], []
    if requested == "xcb":
        raise BenchError("--platform xcb needs Xvfb: apt-get install xvfb xauth")
    if requested == "all":
        return ["offscreen"], ["xcb: not measured, as Xvfb is not installed (apt-get install xvfb xauth)"]
    return [requested], []


def display_path(path: Path) -> Path:
    return path.relative_to(REPOSITORY) if path.is_relative_to(REPOSITORY) else path


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help="taps and transitions per scene")
    parser.add_argument("--startups", type=int, default=DEFAULT_STARTUPS, help="fresh start-ups per scene")
    parser.add_argument(
        "--exhibit", type=Path, help=f"default: {DEFAULT_EXHIBIT.name} if valid, else the test one"
    )
    parser.add_argument(
        "--platform",
        choices=[*PLATFORMS, "all"],
        default="all",
        help="xcb runs on a private Xvfb (default: all)",
    )
    parser.add_argument(
        "--scene",
        choices=["all", "kiosk", "attract", "idle"],
        default="all",
        help="kiosk: start-up, taps and transitions; attract: the attract loop's frames; "
        "idle: CPU and memory of the still home screen and the attract loop (default: all)",
    )
    parser.add_argument(
        "--idle-seconds",
        type=float,
        default=DEFAULT_IDLE_SECONDS,
        help="how long each idle scene is measured, in each renderer "
        f"(default: {DEFAULT_IDLE_SECONDS:g}; there are eight on xcb, four offscreen)",
    )
    parser.add_argument(
        "--attract-seconds",
        type=float,
        default=DEFAULT_ATTRACT_SECONDS,
        help=f"how long the attract loop and its baseline are measured (default: {DEFAULT_ATTRACT_SECONDS})",
    )
    parser.add_argument(
        "--child", choices=["kiosk", "bare", "attract", "attract-bare"], help=argparse.SUPPRESS
    )
    arguments = parser.parse_args(argv)
    if arguments.repeat < 1 or arguments.startups < 1:
        parser.error("--repeat and --startups must be at least 1")
    if arguments.attract_seconds < 1 or arguments.idle_seconds < 1:
        parser.error("--attract-seconds and --idle-seconds must be at least 1")
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if arguments.child:
        return run_child(arguments)
    try:
        exhibit, reason = choose_exhibit(arguments.exhibit)
        sources_before = sources_stamp(exhibit)
        platforms, skipped = choose_platforms(arguments.platform)
        print(f"Exhibit measured: {display_path(exhibit)} ({reason})")
        print(
            f"Qt {qVersion()}, renderer as kiosk run chooses it, {os.cpu_count()} cores, window "
            f"{WINDOW_SIZE[0]}x{WINDOW_SIZE[1]}, platforms: {', '.join(platforms)}, {load_average()}\n",
            flush=True,
        )
        with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as cache_dir:
            runs = [measure_platform(platform, exhibit, arguments, Path(cache_dir)) for platform in platforms]
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    print_report(runs, skipped)
    print(f"\nAfter the run: {load_average()}")
    if sources_stamp(exhibit) != sources_before:
        print(
            "Warning: the kiosk's code or the exhibit changed during the run, so the figures may mix versions."
        )
    return 0


def sources_stamp(exhibit: Path) -> float:
    """When the code and content measured last changed: someone may be editing them during a run."""
    stamps = []
    for path in [*KIOSK_SOURCES.rglob("*.py"), *KIOSK_SOURCES.rglob("*.qml"), *exhibit.rglob("*")]:
        with suppress(FileNotFoundError):
            stamps.append(path.stat().st_mtime)
    return max(stamps, default=0.0)


def load_average() -> str:
    """Other work on the machine skews every figure, so the report says how busy it was."""
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
