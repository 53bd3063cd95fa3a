"""Processor time and memory of a kiosk nobody is using, beside a bare Qt Quick window's.

Part of `python -m tools.bench` (measurements 6 and 7, docs/performance.md). Each scene runs in a
process of its own for a while, and this process reads what it costs from outside, in /proc:
processor time over wall time, as a percentage of one core (all the process's threads together,
so a renderer's threads count), and resident memory. The kiosk is the real `kiosk run`, with its
content watcher, heartbeat and schedule, and the renderer it chooses itself; the bare windows are a
QML `Window` each, in the renderer the kiosk chose.
"""

import json
import os
import select
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.layout import attract
from kiosk.content.summary import ExhibitSummary, picture_in
from kiosk.viewmodels.presentation import file_url

#: The goals. A still home screen draws nothing; "near 0%" is at most 1% of one core, what its
#: timers (the content watcher, the schedule, the idle timer) may take.
STILL_CPU_TARGET = 1.0
ATTRACT_CPU_TARGET = 10.0
DEFAULT_IDLE_SECONDS = 60.0

#: The home screen's invitation pulses three times as it appears (8.4 s), then rests.
HOME_SETTLE_S = 10.0
#: The shortest idle timeout the installation settings allow; the loop comes in after it, fades in,
#: and the kiosk tidies memory after the visit it ended.
ATTRACT_IDLE_TIMEOUT_S = 10
ATTRACT_SETTLE_S = ATTRACT_IDLE_TIMEOUT_S + 5.0
BARE_SETTLE_S = 3.0
READY_TIMEOUT_S = 60.0
WINDOW_SIZE = (1920, 1080)

BARE_STILL_QML = """
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

# As much motion as the attract loop, the plain Qt Quick way: on the loop's picture side, one
# picture drifting by whole pixels at its pace and crossfading into another for the same share
# of each slide's time, and the invitation's ring spreading beside it; each animation on its own,
# in every frame of Qt's 60 Hz animation timer.
BARE_ANIMATED_QML = """
import QtQuick

Window {
    id: window

    required property url first
    required property url second
    required property int slideDuration
    required property int fadeDuration
    required property int travel
    property real drift: 0
    property real spread: 0

    width: 1920
    height: 1080
    color: "#1d2b3a"

    Item {
        x: Math.round(window.width * 0.42)
        width: window.width - x
        height: window.height
        clip: true

        Image {
            x: -Math.round(window.drift)
            width: parent.width + window.travel
            height: parent.height + window.travel
            source: window.first
            sourceSize.width: width
            sourceSize.height: height
            fillMode: Image.PreserveAspectCrop
        }
        Image {
            id: over

            x: -window.travel + Math.round(window.drift)
            width: parent.width + window.travel
            height: parent.height + window.travel
            source: window.second
            sourceSize.width: width
            sourceSize.height: height
            fillMode: Image.PreserveAspectCrop
            opacity: 0
        }
    }

    Rectangle {
        x: 160 - width / 2
        y: 960 - height / 2
        width: Math.round(100 * (0.56 + 0.84 * window.spread))
        height: width
        radius: width / 2
        color: "transparent"
        border.width: 3
        border.color: "white"
        opacity: 1 - window.spread
    }

    SequentialAnimation {
        running: true
        loops: Animation.Infinite

        PauseAnimation { duration: window.slideDuration - window.fadeDuration }
        NumberAnimation { target: over; property: "opacity"; to: 1; duration: window.fadeDuration; easing.type: Easing.InOutSine }
        PauseAnimation { duration: window.slideDuration - window.fadeDuration }
        NumberAnimation { target: over; property: "opacity"; to: 0; duration: window.fadeDuration; easing.type: Easing.InOutSine }
    }
    SequentialAnimation on drift {
        loops: Animation.Infinite

        NumberAnimation { from: 0; to: window.travel; duration: window.slideDuration + window.fadeDuration }
        NumberAnimation { from: window.travel; to: 0; duration: window.slideDuration + window.fadeDuration }
    }
    NumberAnimation on spread {
        loops: Animation.Infinite
        from: 0
        to: 1
        duration: 2400
    }
}
"""

# Shows the QML window of its first argument, with the JSON properties of its second, and says
# "ready" once it has drawn its first frame; then runs until it is ended.
BARE_IDLE_SCRIPT = """
import json
import sys

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
import PySide6.QtQuick  # so that the root object comes back as a QQuickWindow, with frameSwapped

app = QGuiApplication(sys.argv[:1])
engine = QQmlApplicationEngine()
engine.setInitialProperties(json.loads(sys.argv[2]))
engine.loadData(QByteArray(sys.argv[1].encode()))
window = engine.rootObjects()[0]
window.frameSwapped.connect(lambda: print("ready", flush=True), Qt.ConnectionType.SingleShotConnection)
window.show()
app.exec()
"""


class IdleBenchError(RuntimeError):
    """A scene could not be measured."""


@dataclass(frozen=True)
class Usage:
    """What a process cost while it was measured."""

    #: Processor time over wall time, as a percentage of one core (200 is both cores of two).
    cpu_percent: float
    #: Resident memory, the median of one reading a second.
    rss_mb: float
    #: The X server's processor time over the same time, for drawing what the process sent it.
    server_cpu_percent: float | None = None
    #: What the kiosk said it draws with ("its software renderer", "OpenGL"); None for bare windows.
    drawing_with: str | None = None

    def describe(self) -> str:
        return f"{self.cpu_percent:.1f}% / {self.rss_mb:.0f} MB"


def cpu_seconds(pid: int) -> float:
    """The processor time of process `pid` so far, all its threads, user and system."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    # Fields 14 and 15 of proc(5), utime and stime, counted from field 3, the first after ")".
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise IdleBenchError(f"no resident memory for process {pid}")


def measure_usage(process: subprocess.Popen[str], seconds: float, server_pid: int | None) -> Usage:
    """Reads what `process` (and the X server) cost over the next `seconds`."""
    pids = [process.pid] + ([server_pid] if server_pid is not None else [])
    started = time.monotonic()
    before = [cpu_seconds(pid) for pid in pids]
    memory = [resident_mb(process.pid)]
    while (elapsed := time.monotonic() - started) < seconds:
        if process.poll() is not None:
            raise IdleBenchError(
                f"the process ended while it was measured:\n{process.communicate()[1][-3000:]}"
            )
        memory.append(resident_mb(process.pid))
        time.sleep(min(1.0, seconds - elapsed))
    after = [cpu_seconds(pid) for pid in pids]
    wall = time.monotonic() - started
    percents = [100 * (end - start) / wall for start, end in zip(before, after, strict=True)]
    return Usage(percents[0], statistics.median(memory), percents[1] if server_pid is not None else None)


@contextmanager
def running(command: list[str], environment: Mapping[str, str], cwd: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=dict(environment),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def wait_for_output(process: subprocess.Popen[str], text: str) -> None:
    """Waits until the process prints a line holding `text`."""
    assert process.stdout is not None
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        readable, _, _ = select.select([process.stdout], [], [], deadline - time.monotonic())
        if readable and text in process.stdout.readline():
            return
        if process.poll() is not None:
            break
    raise IdleBenchError(f"the window never said {text!r}:\n{process.communicate()[1][-3000:]}")


def wait_for_log_line(process: subprocess.Popen[str], log_file: Path, text: str) -> str:
    """Waits until the kiosk's log holds a line with `text`; returns that line."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if log_file.exists():
            line = next(
                (line for line in log_file.read_text(encoding="utf-8").splitlines() if text in line), None
            )
            if line is not None:
                return line
        if process.poll() is not None:
            break
        time.sleep(0.1)
    raise IdleBenchError(f"the kiosk never logged {text!r}:\n{process.communicate()[1][-3000:]}")


def kiosk_command(state: str, renderer: str, exhibit: Path, folder: Path) -> tuple[list[str], Path]:
    """`kiosk run` at the kiosk's screen size, with settings that leave it on its home screen
    ("home") or take it to its attract loop ("attract"); and the log file it will write."""
    folder.mkdir(parents=True, exist_ok=True)
    idle_timeout = ATTRACT_IDLE_TIMEOUT_S if state == "attract" else 3600
    settings = folder / "settings.yaml"
    settings.write_text(
        f"log_dir: {json.dumps(str(folder / 'logs'))}\nidle_timeout: {idle_timeout}\nrenderer: {renderer}\n",
        encoding="utf-8",
    )
    size = "x".join(map(str, WINDOW_SIZE))
    command = [
        sys.executable,
        "-m",
        "kiosk",
        "run",
        "--windowed",
        "--size",
        size,
        "--settings",
        str(settings),
    ]
    return [*command, str(exhibit)], folder / "logs" / "kiosk.log"


def warm_up(exhibit: Path, environment: Mapping[str, str], folder: Path) -> None:
    """One unmeasured start: it publishes the exhibit, keeps its snapshot and cuts its documents'
    tile pyramids, as a kiosk has long done by the time it is left alone."""
    command, log_file = kiosk_command("home", "software", exhibit, folder)
    with running(command, environment, Path.cwd()) as process:
        wait_for_log_line(process, log_file, "renderer in use:")
        time.sleep(HOME_SETTLE_S)


def measure_kiosk(
    state: str,
    renderer: str,
    exhibit: Path,
    environment: Mapping[str, str],
    folder: Path,
    seconds: float,
    server_pid: int | None,
) -> Usage:
    """`kiosk run` left alone on its home screen ("home") or its attract loop ("attract"), with the
    installation setting `renderer`."""
    command, log_file = kiosk_command(state, renderer, exhibit, folder)
    with running(command, environment, Path.cwd()) as process:
        drawn = wait_for_log_line(process, log_file, "renderer in use:")
        time.sleep(ATTRACT_SETTLE_S if state == "attract" else HOME_SETTLE_S)
        usage = measure_usage(process, seconds, server_pid)
    return Usage(
        usage.cpu_percent,
        usage.rss_mb,
        usage.server_cpu_percent,
        drawn.split("Qt Quick draws with ", 1)[-1].strip(),
    )


def bare_properties(summary: ExhibitSummary) -> dict[str, object]:
    """The animated bare window's pictures and pace: the exhibit's own attract slides'."""
    first = summary.languages[0]
    images = [file_url(picture_in(slide.image, first)) for slide in summary.slides]
    images += [
        file_url(picture_in(section.tile_image, first)) for section in summary.sections if section.tile_image
    ]
    if not images:
        raise IdleBenchError("the exhibit has no pictures for the animated bare window")
    seconds = summary.seconds_per_slide
    return {
        "first": images[0],
        "second": images[1 % len(images)],
        "slideDuration": attract.slide_ms(seconds),
        "fadeDuration": attract.fade_ms(seconds),
        # As far as the attract loop moves a picture on this window's 1080 pixels.
        "travel": attract.travel(attract.seconds_on_screen(seconds), WINDOW_SIZE),
    }


def measure_bare(
    animated: bool,
    summary: ExhibitSummary,
    environment: Mapping[str, str],
    seconds: float,
    server_pid: int | None,
) -> Usage:
    """A bare Qt Quick window left alone: still, or with as much motion as the attract loop."""
    source, properties = (BARE_ANIMATED_QML, bare_properties(summary)) if animated else (BARE_STILL_QML, {})
    command = [sys.executable, "-c", BARE_IDLE_SCRIPT, source, json.dumps(properties)]
    with running(command, environment, Path.cwd()) as process:
        wait_for_output(process, "ready")
        time.sleep(BARE_SETTLE_S)
        return measure_usage(process, seconds, server_pid)
