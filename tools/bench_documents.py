"""Measures the letters' deep-zoom viewer on a 50-megapixel scan: opening, memory and frames.

Run from the repository root as `python -m tools.bench_documents`. It makes a synthetic scan of
about 50 megapixels and its tile pyramid in a temporary folder, then measures, each in a child
process of its own at 1920x1080 with Qt's software renderer:

- opening the page to a sharp view (preview drawn, every tile the view needs loaded and presented),
  beside a plain full decode of the same file with QImageReader (the baseline);
- memory the open viewer adds (peak resident memory while the page is opened, pinched to its
  largest zoom and panned across, minus the window's own before it), beside what the full decode
  adds;
- frame intervals while two fingers pinch and one finger pans, beside the same gestures on a
  bare Flickable holding one plain picture of the page (the baseline).

docs/performance.md records the figures and what each one means.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QGuiApplication, QImageReader
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.app.fonts import register_bundled_fonts
from kiosk.app.window import QML_DIR
from kiosk.content.models import Theme
from kiosk.content.pyramids import build_pyramid
from kiosk.viewmodels import register_qml_types
from kiosk.viewmodels.documents import KioskDocumentPages
from kiosk.viewmodels.theme import KioskTheme
from tools.bench import (
    FRAME_P95_TARGET_MS,
    WINDOW_SIZE,
    BenchError,
    FrameClock,
    find_item,
    now,
    open_bare,
    percentile,
    show_window,
    wait_for_signal,
    wait_ms,
)

# The product's targets.
OPEN_TARGET_MS = 150.0
MEMORY_TARGET_MB = 100.0

#: About 50 megapixels, in the proportions of a landscape sheet.
SCAN_SIZE = (8192, 6144)
OPENINGS = 7
GESTURE_STEP_MS = 16
PINCH_STEPS = 60
PAN_STEPS = 45
CHILD_TIMEOUT_S = 600

VIEWER_QML = """
import QtQuick
import Kiosk

Window {
    id: window

    required property var theme
    property var picture: null

    width: 1920
    height: 1080
    color: Style.paper

    Binding { target: Style; property: "theme"; value: window.theme }

    DeepZoomView {
        objectName: "viewer"
        anchors.fill: parent
        anchors.margins: 40
        picture: window.picture
    }
}
"""

# The baseline: what Qt Quick does with one plain picture of the page in a Flickable, resized by
# the same pinch (the preview, since a 50-megapixel picture would not load into a texture at all).
BARE_QML = """
import QtQuick

Window {
    id: window

    required property url source

    width: 1920
    height: 1080

    Flickable {
        id: flick

        objectName: "viewer"
        anchors.fill: parent
        anchors.margins: 40
        contentWidth: width
        contentHeight: height
        clip: true

        PinchHandler {
            id: pinch

            target: null
            onScaleChanged: delta => flick.resizeContent(flick.contentWidth * delta, flick.contentHeight * delta, pinch.centroid.position)
            onTranslationChanged: delta => {
                flick.contentX -= delta.x;
                flick.contentY -= delta.y;
            }
        }

        Image {
            width: flick.contentWidth
            height: flick.contentHeight
            source: window.source
            fillMode: Image.PreserveAspectFit
        }
    }
}
"""


def resident_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise BenchError(f"/proc/self/status has no {field}")


# --- Inside a child --------------------------------------------------------------------------------


class Fingers:
    """Two fingers on the window, reported as a touch screen does: at a steady rate.

    Each move is due GESTURE_STEP_MS after the one before it, however long the window took over
    the last, as a digitiser's reports are; so the intervals measured are the window's, not the
    time this driver itself spends between its moves.
    """

    def __init__(self, window: QQuickWindow) -> None:
        self.window = window
        self.device = QTest.createTouchDevice()
        self.due = now()

    def next_report(self) -> None:
        self.due += GESTURE_STEP_MS / 1000
        wait_ms((self.due - now()) * 1000)

    def start(self) -> None:
        self.due = now()

    def pinch(self, centre: QPoint, start_gap: float, end_gap: float, steps: int) -> None:
        def points(gap: float) -> tuple[QPoint, QPoint]:
            half = QPoint(round(gap / 2), 0)
            return centre - half, centre + half

        first, second = points(start_gap)
        self.start()
        QTest.touchEvent(self.window, self.device).press(0, first, self.window).press(
            1, second, self.window
        ).commit()
        for step in range(1, steps + 1):
            self.next_report()
            first, second = points(start_gap + (end_gap - start_gap) * step / steps)
            QTest.touchEvent(self.window, self.device).move(0, first, self.window).move(
                1, second, self.window
            ).commit()
        QTest.touchEvent(self.window, self.device).release(0, first, self.window).release(
            1, second, self.window
        ).commit()

    def drag(self, start: QPoint, end: QPoint, steps: int) -> None:
        self.start()
        QTest.touchEvent(self.window, self.device).press(0, start, self.window).commit()
        for step in range(1, steps + 1):
            self.next_report()
            point = start + (end - start) * (step / steps)
            QTest.touchEvent(self.window, self.device).move(0, point, self.window).commit()
        QTest.touchEvent(self.window, self.device).release(0, end, self.window).commit()


def gestures(
    window: QQuickWindow, viewer: QQuickItem, clock: FrameClock, sample: Any = None
) -> tuple[list[float], list[float]]:
    """Pinches out to the largest zoom, pans across, pinches back: frame intervals and costs meanwhile."""
    centre = viewer.mapToScene(QPointF(viewer.width() / 2, viewer.height() / 2)).toPoint()
    fingers = Fingers(window)
    intervals: list[float] = []
    costs: list[float] = []

    def during(action: Any) -> None:
        started = len(clock.frames)
        if sample is not None:
            window.frameSwapped.connect(sample)
        action()
        if sample is not None:
            window.frameSwapped.disconnect(sample)
        costs.extend(frame.cost_ms for frame in clock.frames[started:])
        presented = [frame.presented for frame in clock.frames[started:]]
        intervals.extend((later - earlier) * 1000 for earlier, later in pairwise(presented))
        wait_ms(400)

    during(lambda: fingers.pinch(centre, 120, 900, PINCH_STEPS))
    during(lambda: fingers.pinch(centre, 200, 900, PINCH_STEPS))
    for start, end in (
        (centre + QPoint(500, 300), centre - QPoint(500, 300)),
        (centre - QPoint(400, 0), centre + QPoint(600, 0)),
        (centre + QPoint(0, 350), centre - QPoint(0, 350)),
    ):
        during(lambda start=start, end=end: fingers.drag(start, end, PAN_STEPS))
    during(lambda: fingers.pinch(centre, 900, 150, PINCH_STEPS))
    return intervals, costs


def viewer_child(scan: Path, cache_dir: Path) -> dict[str, Any]:
    register_bundled_fonts()
    register_qml_types()
    library = KioskDocumentPages(cache_dir)
    theme = KioskTheme(Theme().model_dump(), library)
    engine, window = open_bare(VIEWER_QML, {"theme": theme}, import_path=QML_DIR)
    clock = FrameClock(window)
    show_window(window, clock)
    wait_ms(500)
    viewer = find_item(window, "viewer")
    baseline_mb = resident_mb()
    peak_mb = baseline_mb

    def sample() -> None:
        nonlocal peak_mb
        peak_mb = max(peak_mb, resident_mb())

    openings: list[float] = []
    tiles_shown: list[int] = []
    for _ in range(OPENINGS):
        window.setProperty("picture", None)
        wait_ms(300)
        # A new page object each time, as a page is when the visitor first comes to it.
        page = KioskDocumentPages(cache_dir, library).page(scan)
        started = now()
        window.setProperty("picture", page)
        deadline = started + 10
        while not sharp(viewer):
            if now() > deadline:
                raise BenchError("the page did not become sharp within 10 s")
            wait_for_signal(window.frameSwapped, 50)
        # The next frame certainly shows what is loaded by now.
        asked = now()
        window.update()
        shown = clock.wait_for_frame_after(asked)
        openings.append((shown - started) * 1000)
        tiles_shown.append(len(tiles_of(viewer)))
        sample()
    window.frameSwapped.connect(sample)
    intervals, costs = gestures(window, viewer, clock, sample)
    window.frameSwapped.disconnect(sample)
    largest_zoom = viewer.property("maxZoom")
    window.close()
    del engine
    return {
        "open_ms": openings,
        "tiles_at_open": tiles_shown,
        "baseline_mb": baseline_mb,
        "peak_mb": peak_mb,
        "intervals_ms": intervals,
        "costs_ms": costs,
        "largest_zoom": largest_zoom,
        "render_thread": bool(clock.on_render_thread),
    }


def tiles_of(viewer: QQuickItem) -> list[QQuickItem]:
    found, pending = [], [viewer]
    while pending:
        item = pending.pop()
        if item.objectName() == "pageTile":
            found.append(item)
        pending.extend(item.childItems())
    return found


def sharp(viewer: QQuickItem) -> bool:
    return bool(viewer.property("showing")) and all(tile.property("loaded") for tile in tiles_of(viewer))


def bare_child(preview: Path) -> dict[str, Any]:
    engine, window = open_bare(BARE_QML, {"source": preview.as_uri()})
    clock = FrameClock(window)
    show_window(window, clock)
    wait_ms(1000)
    intervals, costs = gestures(window, find_item(window, "viewer"), clock)
    window.close()
    del engine
    return {"intervals_ms": intervals, "costs_ms": costs}


def decode_child(scan: Path) -> dict[str, Any]:
    """The baseline for opening: the whole scan decoded as a plain viewer would."""
    times, added = [], []
    for _ in range(3):
        before = resident_mb()
        started = now()
        reader = QImageReader(str(scan))
        reader.setAllocationLimit(0)
        image = reader.read()
        if image.isNull():
            raise BenchError(f"the scan could not be decoded: {reader.errorString()}")
        times.append((now() - started) * 1000)
        added.append(resident_mb() - before)
        del image
    return {"decode_ms": times, "decode_added_mb": max(added)}


def run_child(arguments: argparse.Namespace) -> int:
    app = QGuiApplication(sys.argv[:1])
    if arguments.child == "viewer":
        report = viewer_child(arguments.scan, arguments.cache)
    elif arguments.child == "bare":
        report = bare_child(arguments.preview)
    else:
        report = decode_child(arguments.scan)
    print(json.dumps(report))
    del app
    return 0


# --- The orchestrating process -----------------------------------------------------------------------


def child(kind: str, *options: str, cache: Path) -> dict[str, Any]:
    environment = os.environ | {
        "QT_QPA_PLATFORM": "offscreen",
        "QT_QUICK_BACKEND": "software",
        "XDG_CACHE_HOME": str(cache),
    }
    completed = subprocess.run(
        [sys.executable, "-m", "tools.bench_documents", "--child", kind, *options],
        env=environment,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    if completed.returncode != 0:
        raise BenchError(f"the {kind} child failed:\n{completed.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return report


def make_scan(path: Path) -> None:
    """A page-like 50-megapixel JPEG: grainy paper, as a scan's is, and bands of 'lines'.

    The grain matters: a smooth synthetic page compresses to almost nothing and decodes far
    faster than a real scan would.
    """
    import pyvips

    width, height = SCAN_SIZE
    page = pyvips.Image.gaussnoise(width, height, sigma=7, mean=236)
    for line in range(40):
        top = 500 + line * 130
        page = page.draw_rect(30, 600, top, width - 1400 - (line % 5) * 300, 44, fill=True)
    page = page.cast("uchar").bandjoin([page.cast("uchar") - 6, page.cast("uchar") - 20])
    page.copy(interpretation="srgb").jpegsave(str(path), Q=85)


def spread(values: Sequence[float]) -> str:
    return (
        f"median {statistics.median(values):.1f}, p95 {percentile(values, 0.95):.1f}, max {max(values):.1f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench_documents", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--child", choices=["viewer", "bare", "decode"], help=argparse.SUPPRESS)
    parser.add_argument("--scan", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--preview", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.child:
        return run_child(arguments)

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-documents-") as folder:
        root = Path(folder)
        scan, cache = root / "scan.jpg", root / "cache"
        started = now()
        make_scan(scan)
        made = now()
        pyramid = build_pyramid(scan, cache / "kiosk")
        built = now()
        print(
            f"scan: {SCAN_SIZE[0]}x{SCAN_SIZE[1]} ({SCAN_SIZE[0] * SCAN_SIZE[1] / 1e6:.1f} MP), "
            f"{scan.stat().st_size / 1e6:.1f} MB JPEG, made in {made - started:.1f} s; "
            f"pyramid of {pyramid.levels} levels cut in {built - made:.1f} s"
        )
        decode = child("decode", "--scan", str(scan), cache=cache)
        viewer = child("viewer", "--scan", str(scan), "--cache", str(cache / "kiosk"), cache=cache)
        bare = child("bare", "--preview", str(pyramid.preview_path), cache=cache)

    # The first opening in a process is the cold one (nothing in Qt's picture cache): it is judged.
    open_ms = viewer["open_ms"][0]
    decode_ms = statistics.median(decode["decode_ms"])
    added_mb = viewer["peak_mb"] - viewer["baseline_mb"]
    p95 = percentile(viewer["intervals_ms"], 0.95)
    rows = [
        (
            "Open a 50 MP page to a sharp view",
            f"first {viewer['open_ms'][0]:.0f} ms, then {spread(viewer['open_ms'][1:])} ms "
            f"({viewer['tiles_at_open'][0]} tiles)",
            f"plain full decode: median {decode_ms:.0f} ms; first opening / decode {open_ms / decode_ms:.2f}",
            f"≤ {OPEN_TARGET_MS:.0f} ms",
            open_ms <= OPEN_TARGET_MS,
        ),
        (
            "Memory added by the open viewer",
            f"{added_mb:.0f} MB at peak (pinched to {viewer['largest_zoom']:.2f} screen px per scan px, panned)",
            f"plain full decode adds {decode['decode_added_mb']:.0f} MB; ratio {added_mb / decode['decode_added_mb']:.2f}",
            f"≤ {MEMORY_TARGET_MB:.0f} MB",
            added_mb <= MEMORY_TARGET_MB,
        ),
        (
            "Frame intervals, pinch and pan",
            f"{spread(viewer['intervals_ms'])} ms over {len(viewer['intervals_ms'])} frames",
            f"bare Flickable + picture: {spread(bare['intervals_ms'])} ms; p95 ratio "
            f"{p95 / percentile(bare['intervals_ms'], 0.95):.2f}",
            f"p95 ≤ {FRAME_P95_TARGET_MS} ms",
            p95 <= FRAME_P95_TARGET_MS,
        ),
        (
            "Frame cost (GUI thread begins the frame to presented), pinch and pan",
            f"{spread(viewer['costs_ms'])} ms",
            f"bare Flickable + picture: {spread(bare['costs_ms'])} ms",
            "(for reading the intervals)",
            True,
        ),
    ]
    print(f"window {WINDOW_SIZE[0]}x{WINDOW_SIZE[1]}, offscreen, software rendering")
    for name, figure, baseline, target, met in rows:
        print(f"{name}: {figure}\n    {baseline}\n    target {target}: {'PASS' if met else 'MISS'}")
    return 0 if all(row[-1] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
