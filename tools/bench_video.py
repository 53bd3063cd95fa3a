"""Measures video in the kiosk against a bare Qt Multimedia player: a tap to the first video frame,
frames dropped while a 1080p30 H.264 film plays and the window's frame intervals meanwhile, and the
resident memory of an ambient clip looped a thousand times.

Run from the repository root as `python -m tools.bench_video`; docs/performance.md ("Video")
explains each figure. As in tools/bench.py, this process only orchestrates and reports: each
measurement runs in a child process of its own, at 1920x1080, in software rendering
(QT_QUICK_BACKEND=software), on the offscreen platform and on xcb under a private Xvfb. The bare
player is a QML MediaPlayer and VideoOutput filling the window, with a play button, an elapsed
time and a progress bar, started by the same tap in the same run; the kiosk's figures are given as
ratios to it.

- Tap to first video frame: from the release of a touch on the play control to the first frame the
  window presents after the VideoOutput's sink received the film's first frame (the player is
  stopped, and rewound, between taps).
- Dropped frames: the frames the VideoOutput's sink receives (QVideoSink.videoFrameChanged, valid
  frames only) while the film plays, against the frames the film has in the stretch the player's
  position covered meanwhile; and the window's frame intervals, which show how the controls keep up.
- Loops: a one-second 1080p H.264 clip (made with FFmpeg for the run), muted and looping, the
  process's resident memory read every so many loops; first (after a warm-up), last and peak.
"""

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, SignalInstance, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtMultimedia import QMediaMetaData, QMediaPlayer, QVideoFrame, QVideoSink
from PySide6.QtQuick import QQuickWindow

from kiosk.app.fonts import register_bundled_fonts
from kiosk.app.window import create_ui
from kiosk.content.loader import load_exhibit
from kiosk.content.models import VideoPanel
from kiosk.services.schedule_service import resident_memory_mb
from tools.bench import (
    DEFAULT_EXHIBIT,
    PANEL_MOVE_MS,
    PLATFORMS,
    PRESS_HOLD_MS,
    REPOSITORY,
    REVEAL_MS,
    SETTLE_MS,
    WINDOW_SIZE,
    BenchError,
    Display,
    Finger,
    FrameClock,
    centre_of,
    child_environment,
    find_item,
    load_average,
    load_valid,
    now,
    open_bare,
    percentile,
    show_window,
    wait_for_signal,
    wait_ms,
)
from tools.soak import RSS_GROWTH_LIMIT_MB

# The targets.
TAP_MEDIAN_TARGET_MS = 300.0
DROPPED_TARGET = 0.01

FALLBACK_FRAME_RATE = 30.0
DEFAULT_TAPS = 10
DEFAULT_PLAY_SECONDS = 20.0
DEFAULT_LOOPS = 1000
LOOP_CLIP_SECONDS = 1.0
#: Memory is compared from this loop on: the decoder's buffers and Qt's caches fill in the first.
DEFAULT_WARM_UP_LOOPS = 50
#: Resident memory is read every this many loops.
RSS_EVERY_LOOPS = 25
#: After a stop, before the next tap: the player has let go of its decoder and the window is still.
BETWEEN_TAPS_MS = 800
#: The film plays this long before its frames are counted: the start-up is the tap's figure.
PLAY_WARM_UP_MS = 1500
FIRST_SETTLE_MS = 1000
FRAME_TIMEOUT_MS = 10_000
CHILD_TIMEOUT_S = 900
SIDES = ("bare", "kiosk")

BARE_VIDEO_QML = """
import QtQuick
import QtMultimedia

Window {
    id: window

    required property url source
    required property bool looping

    width: 1920
    height: 1080
    color: "black"

    MediaPlayer {
        id: player
        objectName: "player"
        source: window.source
        videoOutput: output
        audioOutput: AudioOutput { muted: window.looping }
        loops: window.looping ? MediaPlayer.Infinite : 1
    }

    VideoOutput {
        id: output
        objectName: "videoOutput"
        anchors.fill: parent
    }

    Rectangle {
        objectName: "playButton"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 120
        width: 160
        height: 160
        radius: 80
        color: "#80ffffff"
        visible: !window.looping

        TapHandler {
            onTapped: player.play()
        }
    }

    Rectangle {
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        height: 12
        width: player.duration > 0 ? parent.width * player.position / player.duration : 0
        color: "white"
        visible: !window.looping
    }

    Text {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 40
        color: "white"
        font.pixelSize: 32
        text: Math.floor(player.position / 60000) + ":" + ("0" + Math.floor(player.position / 1000) % 60).slice(-2)
        visible: !window.looping
    }
}
"""


# --- Inside a child: a player to measure ----------------------------------------------------------


@dataclass
class Scene:
    """A window with a film in it: where to tap to play it, and what to watch."""

    window: QQuickWindow
    play_button: str
    sink: QVideoSink
    player: Callable[[], QMediaPlayer]
    stop: Callable[[], None]
    #: The frames of the film the window has drawn; None where it draws none of them (the bare
    #: player's VideoOutput, which Qt Quick's software renderer leaves blank).
    drawn: Callable[[], int] | None
    keep: Any


def open_bare_scene(source: Path, looping: bool) -> Scene:
    engine, window = open_bare(BARE_VIDEO_QML, {"source": source.as_uri(), "looping": looping})
    player = window.findChild(QMediaPlayer, "player")
    output = window.findChild(QObject, "videoOutput")
    if player is None or output is None:
        raise BenchError("the bare player's window has no player or video output")
    sink = output.property("videoSink")
    if not isinstance(sink, QVideoSink):
        raise BenchError("the bare player's video output has no video sink")
    return Scene(window, "playButton", sink, lambda: player, player.stop, None, engine)


def open_kiosk_scene(exhibit_dir: Path, looping: bool) -> Scene:
    """The kiosk, full window, on the exhibit's first film panel (or ambient loop), as a visitor
    who has just arrived at it sees it; the idle timer held, so that no visit ends meanwhile."""
    register_bundled_fonts()
    exhibit = load_valid(exhibit_dir)
    place = next(
        (
            (section_index, panel_index)
            for section_index, section in enumerate(exhibit.sections)
            for panel_index, panel in enumerate(section.panels)
            if isinstance(panel, VideoPanel) and panel.loop == looping
        ),
        None,
    )
    if place is None:
        raise BenchError(f"{exhibit_dir} has no {'looping ' if looping else ''}video panel")
    ui = create_ui(exhibit)
    ui.session.holdIdle("benchmark")
    ui.window.resize(*WINDOW_SIZE)
    ui.window.show()
    ui.navigation.openSection(place[0])
    wait_ms(REVEAL_MS + SETTLE_MS)
    ui.navigation.showPanel(place[1])
    wait_ms(PANEL_MOVE_MS + FIRST_SETTLE_MS)
    video = getattr(ui, "video", None)  # the film view model, where the kiosk has one
    if video is None:
        raise BenchError("the kiosk has no video view model")
    surface = find_item(ui.window, "videoOutput")
    # The software renderer's KioskVideoSurface keeps its own sink; a VideoOutput gives its own.
    sink = surface.findChild(QVideoSink) or surface.property("videoSink")
    if not isinstance(sink, QVideoSink):
        raise BenchError("the kiosk's video panel has no video sink")

    def player() -> QMediaPlayer:
        found = video.findChild(QMediaPlayer, "videoPlayer")
        if not isinstance(found, QMediaPlayer):
            raise BenchError("the kiosk's video view model has no player")
        return found

    drawn = (
        (lambda: int(surface.property("framesShown")))
        if surface.property("framesShown") is not None
        else None
    )
    return Scene(ui.window, "videoPosterPlay", sink, player, video.stop, drawn, ui)


def open_scene(side: str, source: Path, looping: bool, exhibit: Path) -> Scene:
    return open_kiosk_scene(exhibit, looping) if side == "kiosk" else open_bare_scene(source, looping)


class FrameCounter:
    """Notes when the sink receives each valid video frame, and what the window has drawn of the
    film at each frame it presents."""

    def __init__(self, scene: Scene, *, keep: bool = True) -> None:
        #: Over a thousand loops only the number is kept: a list of every frame's time would grow
        #: the very memory being measured.
        self.keep = keep
        self.received = 0
        self.times: list[float] = []
        self.presented: list[tuple[float, int]] = []
        self.sink = scene.sink
        self.window = scene.window
        self.drawn = scene.drawn
        scene.sink.videoFrameChanged.connect(self._on_frame)
        scene.window.frameSwapped.connect(self._on_present, Qt.ConnectionType.DirectConnection)

    def _on_frame(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.received += 1
            if self.keep or not self.times:
                self.times.append(now())

    def _on_present(self) -> None:
        if self.keep:
            self.presented.append((now(), self.drawn() if self.drawn is not None else 0))

    def drawn_now(self) -> int:
        return self.drawn() if self.drawn is not None else 0

    def wait_for(self, found: Callable[[], float | None], signal: SignalInstance, what: str) -> float:
        deadline = now() + FRAME_TIMEOUT_MS / 1000
        while (moment := found()) is None:
            if now() > deadline:
                raise BenchError(f"no {what} within {FRAME_TIMEOUT_MS} ms")
            wait_for_signal(signal, (deadline - now()) * 1000)
        return moment

    def first_video_frame_after(self, moment: float) -> float:
        return self.wait_for(
            lambda: next((time for time in self.times if time > moment), None),
            self.sink.videoFrameChanged,
            "video frame",
        )

    def first_picture_shown_after(self, moment: float, drawn_before: int) -> float:
        """When the window first presented a frame of the film after `moment`: one that drew a
        new frame of the film where the window draws them; else the first after the sink got one."""
        if self.drawn is None:
            received = self.first_video_frame_after(moment)
            return self.wait_for(
                lambda: next((time for time, _ in self.presented if time > received), None),
                self.window.frameSwapped,
                "window frame",
            )
        return self.wait_for(
            lambda: next(
                (time for time, drawn in self.presented if time > moment and drawn > drawn_before), None
            ),
            self.window.frameSwapped,
            "frame of the film drawn",
        )


def watch_frames(scene: Scene) -> FrameClock:
    """Times the window's frames from now on, showing it first unless it is on show already (the
    kiosk is, on its film's panel)."""
    clock = FrameClock(scene.window)
    if not scene.window.isVisible():
        show_window(scene.window, clock)
    return clock


def frame_rate(player: QMediaPlayer) -> float:
    rate = player.metaData().value(QMediaMetaData.Key.VideoFrameRate)
    return float(rate) if isinstance(rate, (int, float)) and rate > 0 else FALLBACK_FRAME_RATE


def tap_play(scene: Scene, finger: Finger, point: QPoint) -> float:
    """Touches play as a visitor does; returns the moment the finger left the glass."""
    finger.press(point)
    wait_ms(PRESS_HOLD_MS)
    released = now()
    finger.release(point)
    return released


def tap_child(side: str, film: Path, taps: int, exhibit: Path) -> dict[str, Any]:
    """Taps play, times the first picture of the film shown, stops; `taps` times."""
    scene = open_scene(side, film, looping=False, exhibit=exhibit)
    watch_frames(scene)
    wait_ms(FIRST_SETTLE_MS)
    counter = FrameCounter(scene)
    finger = Finger(scene.window)
    latencies = []
    for _ in range(taps):
        point = centre_of(find_item(scene.window, scene.play_button))
        drawn_before = counter.drawn_now()
        released = tap_play(scene, finger, point)
        latencies.append((counter.first_picture_shown_after(released, drawn_before) - released) * 1000)
        scene.stop()
        wait_ms(BETWEEN_TAPS_MS)
    scene.window.close()
    return {"tap_ms": latencies}


def play_child(side: str, film: Path, seconds: float, exhibit: Path) -> dict[str, Any]:
    """Plays the film for `seconds` after a warm-up; counts its video frames and times the window's."""
    scene = open_scene(side, film, looping=False, exhibit=exhibit)
    clock = watch_frames(scene)
    wait_ms(FIRST_SETTLE_MS)
    counter = FrameCounter(scene)
    tap_play(scene, Finger(scene.window), centre_of(find_item(scene.window, scene.play_button)))
    counter.first_video_frame_after(0)
    wait_ms(PLAY_WARM_UP_MS)
    player = scene.player()
    started, position_before, drawn_before = now(), player.position(), counter.drawn_now()
    wait_ms(seconds * 1000)
    ended, position_after, drawn_after = now(), player.position(), counter.drawn_now()
    if player.playbackState() != QMediaPlayer.PlaybackState.PlayingState:
        raise BenchError(f"the film stopped before {seconds:g} s of it were measured: is it long enough?")
    received = [time for time in counter.times if started < time <= ended]
    frames = [frame.presented for frame in clock.frames if started < frame.presented <= ended]
    rate = frame_rate(player)
    scene.stop()
    scene.window.close()
    return {
        "video_frames": len(received),
        "drawn_frames": drawn_after - drawn_before if scene.drawn is not None else None,
        "played_ms": position_after - position_before,
        "frame_rate": rate,
        "window_intervals_ms": [(later - earlier) * 1000 for earlier, later in itertools.pairwise(frames)],
    }


def loop_child(side: str, clip: Path, loops: int, exhibit: Path) -> dict[str, Any]:
    """Loops the clip `loops` times, reading the resident memory every RSS_EVERY_LOOPS loops."""
    scene = open_scene(side, clip, looping=True, exhibit=exhibit)
    watch_frames(scene)
    counter = FrameCounter(scene, keep=False)
    done = {"loops": 0, "last_position": 0}
    samples: list[tuple[int, float]] = [(0, resident_memory_mb())]

    def on_position(position: int) -> None:
        # A looping player goes back to the start without a signal of its own: its position falls.
        if position < done["last_position"]:
            done["loops"] += 1
            if done["loops"] % RSS_EVERY_LOOPS == 0:
                samples.append((done["loops"], resident_memory_mb()))
        done["last_position"] = position

    if side == "bare":
        scene.player().play()
    else:
        # The kiosk plays an ambient loop by itself once its panel is on show.
        counter.first_video_frame_after(0)
    player = scene.player()
    player.positionChanged.connect(on_position)
    deadline = now() + loops * LOOP_CLIP_SECONDS * 3 + 60
    while done["loops"] < loops:
        if now() > deadline:
            raise BenchError(f"only {done['loops']} of {loops} loops played in time")
        wait_ms(500)
    scene.stop()
    if samples[-1][0] != done["loops"]:
        samples.append((done["loops"], resident_memory_mb()))
    scene.window.close()
    return {"rss_mb": samples, "video_frames": counter.received}


def run_child(arguments: argparse.Namespace) -> int:
    _application = QGuiApplication([sys.argv[0]])
    if arguments.child == "tap":
        report = tap_child(arguments.side, arguments.film, arguments.taps, arguments.exhibit)
    elif arguments.child == "play":
        report = play_child(arguments.side, arguments.film, arguments.play_seconds, arguments.exhibit)
    else:
        report = loop_child(arguments.side, arguments.clip, arguments.loops, arguments.exhibit)
    print(json.dumps(report))
    return 0


# --- The figures ------------------------------------------------------------------------------------


def expected_frames(played_ms: float, rate: float) -> float:
    """The frames a film at `rate` frames a second has in `played_ms` of its time."""
    return played_ms / 1000 * rate


def dropped_fraction(presented: int, played_ms: float, rate: float) -> float:
    """The share of the film's frames in the stretch played that never reached the video sink."""
    expected = expected_frames(played_ms, rate)
    if expected <= 0:
        raise BenchError("the film did not move: no frames were expected")
    return max(0.0, 1.0 - presented / expected)


@dataclass(frozen=True)
class Memory:
    first_mb: float
    last_mb: float
    peak_mb: float
    loops: int

    @property
    def growth_mb(self) -> float:
        return self.last_mb - self.first_mb


def memory_over_loops(samples: Sequence[tuple[int, float]], warm_up_loops: int) -> Memory:
    """Resident memory from the first reading at or after the warm-up to the last, and its peak."""
    after = [(loop, rss) for loop, rss in samples if loop >= warm_up_loops]
    if not after:
        raise BenchError(f"no memory was read after the {warm_up_loops}-loop warm-up")
    return Memory(after[0][1], after[-1][1], max(rss for _, rss in after), after[-1][0])


def ratio(kiosk: float, bare: float) -> str:
    return f"{kiosk / bare:.2f}x" if bare > 0 else "—"


def median_and_p95(values: Sequence[float]) -> tuple[float, float]:
    if not values:
        raise BenchError("nothing was measured")
    return statistics.median(values), percentile(values, 0.95)


@dataclass(frozen=True)
class Row:
    measure: str
    platform: str
    kiosk: str
    bare: str
    versus: str
    target: str
    passed: bool | None


def tap_text(taps: Sequence[float]) -> str:
    """Median and p95 of the taps, and the first on its own: it may have to load the film."""
    median, p95 = median_and_p95(taps)
    return f"{median:.0f} / {p95:.0f} ms (first {taps[0]:.0f})"


def tap_row(platform: str, results: dict[str, dict[str, Any]]) -> Row:
    bare, kiosk = results["bare"]["tap_ms"], results.get("kiosk", {}).get("tap_ms")
    return Row(
        "tap to first video frame, median / p95 (first tap)",
        platform,
        tap_text(kiosk) if kiosk else "not measured",
        tap_text(bare),
        ratio(statistics.median(kiosk), statistics.median(bare)) if kiosk else "—",
        f"< {TAP_MEDIAN_TARGET_MS:.0f} ms median",
        statistics.median(kiosk or bare) < TAP_MEDIAN_TARGET_MS,
    )


def shown_frames(report: dict[str, Any]) -> int:
    """The film's frames a visitor could see: those the window drew where it draws them (the
    kiosk's surface counts them), else those its video sink received."""
    drawn = report.get("drawn_frames")
    return int(drawn) if drawn is not None else int(report["video_frames"])


def dropped_share(report: dict[str, Any]) -> float:
    return dropped_fraction(shown_frames(report), report["played_ms"], report["frame_rate"])


def dropped_text(report: dict[str, Any]) -> str:
    expected = expected_frames(report["played_ms"], report["frame_rate"])
    how = "drawn" if report.get("drawn_frames") is not None else "received"
    return f"{dropped_share(report):.1%} ({how} {shown_frames(report)} of {expected:.0f})"


def play_rows(platform: str, results: dict[str, dict[str, Any]]) -> list[Row]:
    bare, kiosk = results["bare"], results.get("kiosk")
    shares = {side: dropped_share(report) for side, report in results.items()}
    intervals = {side: median_and_p95(report["window_intervals_ms"]) for side, report in results.items()}
    return [
        Row(
            "dropped video frames, 1080p30 H.264",
            platform,
            dropped_text(kiosk) if kiosk else "not measured",
            dropped_text(bare),
            f"{shares['kiosk'] - shares['bare']:+.1%}" if kiosk else "—",
            f"< {DROPPED_TARGET:.0%}",
            shares["kiosk" if kiosk else "bare"] < DROPPED_TARGET,
        ),
        Row(
            "window frame intervals while playing, p50 / p95",
            platform,
            "{:.1f} / {:.1f} ms".format(*intervals["kiosk"]) if kiosk else "not measured",
            "{:.1f} / {:.1f} ms".format(*intervals["bare"]),
            ratio(intervals["kiosk"][1], intervals["bare"][1]) + " (p95)" if kiosk else "—",
            "—",
            None,
        ),
    ]


def loop_text(report: dict[str, Any], warm_up_loops: int) -> tuple[str, Memory]:
    memory = memory_over_loops([(int(loop), float(rss)) for loop, rss in report["rss_mb"]], warm_up_loops)
    text = (
        f"{memory.first_mb:.1f} → {memory.last_mb:.1f} MB, peak {memory.peak_mb:.1f} "
        f"({memory.growth_mb:+.1f} MB over loops {warm_up_loops}–{memory.loops})"
    )
    return text, memory


def loop_row(platform: str, results: dict[str, dict[str, Any]], warm_up_loops: int) -> Row:
    figures = {side: loop_text(report, warm_up_loops) for side, report in results.items()}
    judged = figures.get("kiosk", figures.get("bare"))
    assert judged is not None
    loops = judged[1].loops
    return Row(
        f"resident memory over {loops} loops of a {LOOP_CLIP_SECONDS:g} s clip: first → last, peak",
        platform,
        figures["kiosk"][0] if "kiosk" in figures else "not measured",
        figures["bare"][0] if "bare" in figures else "not measured",
        f"{figures['kiosk'][1].growth_mb - figures['bare'][1].growth_mb:+.1f} MB growth"
        if len(figures) == 2
        else "—",
        f"growth ≤ {RSS_GROWTH_LIMIT_MB:g} MB",
        judged[1].growth_mb <= RSS_GROWTH_LIMIT_MB,
    )


def format_table(rows: Sequence[Row]) -> str:
    lines = ["| measure | platform | kiosk | bare player | kiosk vs bare | target | |", "|" + " --- |" * 7]
    for row in rows:
        verdict = "" if row.passed is None else "PASS" if row.passed else "FAIL"
        lines.append(
            f"| {row.measure} | {row.platform} | {row.kiosk} | {row.bare} | {row.versus} | {row.target} | {verdict} |"
        )
    return "\n".join(lines)


# --- In the parent: running the children ----------------------------------------------------------


def first_film(exhibit_dir: Path) -> Path:
    """The file of the exhibit's first film that is not an ambient loop: what the kiosk plays."""
    exhibit = load_exhibit(exhibit_dir).exhibit
    if exhibit is None:
        raise BenchError(f"{exhibit_dir} is not a valid exhibit: `kiosk validate {exhibit_dir}` says why")
    for section in exhibit.sections:
        for panel in section.panels:
            if isinstance(panel, VideoPanel) and not panel.loop:
                return panel.video.files()[0].path
    raise BenchError(f"{exhibit_dir} has no film (a video panel that is not a loop)")


def make_loop_clip(folder: Path) -> Path:
    """A one-second 1080p30 H.264 clip with no sound, moving in every frame, as an ambient loop is."""
    clip = folder / "loop.mp4"
    subprocess.run(
        [
            "ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi",
            "-i", f"testsrc2=size={WINDOW_SIZE[0]}x{WINDOW_SIZE[1]}:rate=30:duration={LOOP_CLIP_SECONDS}",
            "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p", "-g", "30",
            "-movflags", "+faststart", str(clip),
        ],
        check=True,
    )  # fmt: skip
    return clip


LOOP_EXHIBIT = """\
title: An ambient loop
subtitle: The looping film tools/bench_video.py measures
invitation: Touch a section to begin
languages: [en]
sections:
  - id: loop
    title: A loop
    teaser: A film that plays by itself
    panels:
      - kind: video
        title: An ambient loop
        video: media/loop.mp4
        poster: media/loop-poster.png
        alt: A test pattern of coloured bars and a moving counter.
        caption: A one-second clip, looped without end.
        credit: Made by tools/bench_video.py
        loop: true
"""


def make_loop_exhibit(folder: Path, clip: Path) -> Path:
    """An exhibit of one panel: the clip as an ambient loop, with its first frame as its poster."""
    exhibit = folder / "loop-exhibit"
    (exhibit / "media").mkdir(parents=True)
    shutil.copy(clip, exhibit / "media" / "loop.mp4")
    subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-v",
            "error",
            "-i",
            str(clip),
            "-frames:v",
            "1",
            str(exhibit / "media" / "loop-poster.png"),
        ],
        check=True,
    )
    (exhibit / "exhibit.yaml").write_text(LOOP_EXHIBIT, encoding="utf-8")
    result = load_exhibit(exhibit)
    if result.exhibit is None:
        raise BenchError(
            "the looping exhibit is not valid: " + "; ".join(problem.format() for problem in result.problems)
        )
    return exhibit


def run_scene(
    display: Display, arguments: argparse.Namespace, child: str, side: str, clip: Path, exhibit: Path
) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "tools.bench_video",
        "--child",
        child,
        "--side",
        side,
        "--exhibit",
        str(exhibit),
    ]
    command += ["--film", str(arguments.film), "--clip", str(clip), "--taps", str(arguments.taps)]
    command += ["--play-seconds", str(arguments.play_seconds), "--loops", str(arguments.loops)]
    command += ["--warm-up-loops", str(arguments.warm_up_loops)]
    completed = subprocess.run(
        command,
        cwd=REPOSITORY,
        env=display.drawing(software=True),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S + arguments.loops * LOOP_CLIP_SECONDS * 3,
        check=False,
    )
    if completed.returncode != 0 or not completed.stdout.strip():
        raise BenchError(
            f"the {side} {child} child failed ({completed.returncode}):\n{completed.stderr[-3000:]}"
        )
    report: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return report


def progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


def measure(arguments: argparse.Namespace, platforms: Sequence[str], folder: Path) -> list[Row]:
    clip = make_loop_clip(folder)
    loop_exhibit = make_loop_exhibit(folder, clip)
    rows: list[Row] = []
    for platform in platforms:
        with child_environment(platform, folder / platform) as display:
            taps, plays, loops = {}, {}, {}
            for side in arguments.sides if arguments.scene in ("all", "play") else ():
                progress(f"{platform}: {side}, {arguments.taps} taps")
                taps[side] = run_scene(display, arguments, "tap", side, clip, arguments.exhibit)
                progress(f"{platform}: {side}, {arguments.play_seconds:g} s of the film")
                plays[side] = run_scene(display, arguments, "play", side, clip, arguments.exhibit)
            if taps:
                rows += [tap_row(platform, taps), *play_rows(platform, plays)]
            if platform != arguments.loop_platform or arguments.loops == 0 or arguments.scene == "play":
                continue
            for side in arguments.sides:
                progress(f"{platform}: {side}, {arguments.loops} loops of the clip")
                loops[side] = run_scene(display, arguments, "loop", side, clip, loop_exhibit)
            rows.append(loop_row(platform, loops, arguments.warm_up_loops))
    return rows


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench_video", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument(
        "--taps", type=int, default=DEFAULT_TAPS, help=f"taps on play (default {DEFAULT_TAPS})"
    )
    parser.add_argument(
        "--play-seconds",
        type=float,
        default=DEFAULT_PLAY_SECONDS,
        help=f"how long the film's frames are counted (default {DEFAULT_PLAY_SECONDS:g})",
    )
    parser.add_argument(
        "--loops",
        type=int,
        default=DEFAULT_LOOPS,
        help=f"loops of the ambient clip; 0: none (default {DEFAULT_LOOPS})",
    )
    parser.add_argument(
        "--warm-up-loops",
        type=int,
        default=DEFAULT_WARM_UP_LOOPS,
        help=f"loops before memory is compared (default {DEFAULT_WARM_UP_LOOPS})",
    )
    parser.add_argument(
        "--platform",
        choices=[*PLATFORMS, "all"],
        default="all",
        help="xcb runs on a private Xvfb (default: all)",
    )
    parser.add_argument(
        "--loop-platform",
        choices=PLATFORMS,
        default="xcb",
        help="where the loops run, once (default xcb, the kiosk's; offscreen when Xvfb is missing)",
    )
    parser.add_argument(
        "--scene",
        choices=["all", "play", "loops"],
        default="all",
        help="play: the taps and the film's frames on every platform; loops: the memory over the "
        "loops, once (default: all)",
    )
    parser.add_argument(
        "--exhibit",
        type=Path,
        default=DEFAULT_EXHIBIT,
        help=f"the exhibit whose first film the kiosk plays (default {DEFAULT_EXHIBIT.name})",
    )
    parser.add_argument(
        "--film",
        type=Path,
        help="the film the bare player plays: the same file (default: the exhibit's first film)",
    )
    parser.add_argument(
        "--sides",
        nargs="+",
        choices=SIDES,
        default=list(SIDES),
        help="which players to measure: the bare one always comes in for the ratios (default: both)",
    )
    parser.add_argument("--child", choices=["tap", "play", "loop"], help=argparse.SUPPRESS)
    parser.add_argument("--side", choices=SIDES, default="bare", help=argparse.SUPPRESS)
    parser.add_argument("--clip", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.taps < 1:
        parser.error("--taps must be at least 1")
    if arguments.play_seconds < 1:
        parser.error("--play-seconds must be at least 1")
    if arguments.loops < 0 or arguments.warm_up_loops < 0:
        parser.error("--loops and --warm-up-loops cannot be negative")
    if 0 < arguments.loops <= arguments.warm_up_loops:
        parser.error("--loops must be more than --warm-up-loops, or 0")
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if arguments.child:
        return run_child(arguments)
    platforms = list(PLATFORMS) if arguments.platform == "all" else [arguments.platform]
    if "xcb" in platforms and shutil.which("Xvfb") is None:
        print("bench_video: xcb needs Xvfb: apt-get install xvfb xauth", file=sys.stderr)
        return 1
    if arguments.loop_platform not in platforms:
        arguments.loop_platform = platforms[0]
    for tool in ("ffmpeg",):
        if shutil.which(tool) is None:
            print(f"bench_video: {tool} makes the looping clip: apt-get install ffmpeg", file=sys.stderr)
            return 1
    try:
        arguments.film = arguments.film or first_film(arguments.exhibit)
    except BenchError as error:
        print(f"bench_video: {error}", file=sys.stderr)
        return 1
    print(
        f"Qt {qVersion()}, software rendering, {os.cpu_count()} cores, window {WINDOW_SIZE[0]}x{WINDOW_SIZE[1]}, "
        f"platforms: {', '.join(platforms)}, {load_average()}",
        flush=True,
    )
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="kiosk-bench-video-") as folder:
            rows = measure(arguments, platforms, Path(folder))
    except (BenchError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        print(f"bench_video: {error}", file=sys.stderr)
        return 1
    print(format_table(rows))
    print(f"\n{(time.monotonic() - started) / 60:.1f} min; after the run: {load_average()}")
    return 0 if all(row.passed is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
