"""Measures the curator's tools: validating a large exhibit, and a save reaching the preview's screen.

Run from the repository root as `python -m tools.bench_authoring`; docs/performance.md explains it.

- Validation: `load_exhibit` over a generated exhibit of 500 panels of every kind (with their
  pictures checked), beside plain YAML parsing of the same files, measured in the same run.
- Preview: from a file saved (written and renamed over the old one, as editors do) to the first
  frame showing the change, in a real preview window over the shipped exhibit; beside it, a bare
  Qt Quick window whose text a bare file watcher changes, which is the least any preview can take.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

import yaml
from PySide6.QtCore import QEventLoop, QFileSystemWatcher, QObject, QTimer, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

REPOSITORY = Path(__file__).resolve().parents[1]
SHIPPED_EXHIBIT = REPOSITORY / "exhibits" / "recognition-1933"
MEDIA = REPOSITORY / "tests" / "data" / "mini" / "media"

# The targets.
VALIDATION_TARGET_S = 0.5
PREVIEW_TARGET_MS = 300.0

PANELS = 500
# As many section files as the loader reads (twice what a home screen shows), each over-full.
PANELS_PER_SECTION = 42
DEFAULT_RUNS = 5
DEFAULT_SAVES = 20
WAIT_TIMEOUT_MS = 5000

BARE_QML = b"""
import QtQuick
Window {
    width: 1920; height: 1080; visible: true; color: "#F3ECDF"
    property alias words: words.text
    Text { id: words; anchors.centerIn: parent; font.pixelSize: 60; text: "Before" }
}
"""

WORDS = (
    "The letters were exchanged late in the evening and announced the next afternoon, after both "
    "governments had read them through once more with care. "
)


def panel_yaml(number: int) -> str:
    """One panel of each kind in turn, with pictures and text of a realistic size."""
    body = (WORDS * 4).strip()
    kinds = [
        f"  - kind: text\n    title: Panel {number}\n    body: {body}\n",
        f"  - kind: image\n    title: Panel {number}\n    image: media/bar.svg\n    alt: A red bar.\n"
        f"    caption: A drawing of a bar.\n    credit: Drawing for the benchmark\n    body: {body}\n",
        f"  - kind: quote\n    title: Panel {number}\n    text: {WORDS.strip()}\n    attribution: A writer\n"
        f"    source: A printed volume\n    date: 1933-11-16\n",
        f"  - kind: timeline\n    title: Panel {number}\n    events:\n"
        + "".join(f"      - date: 1933-{month:02d}\n        title: Event {month}\n" for month in range(1, 9)),
        f"  - kind: people\n    title: Panel {number}\n    people:\n"
        + "".join(
            f"      - name: Person {index}\n        role: A role\n        dates: 1890–1950\n"
            f"        portrait:\n          image: media/square.svg\n          alt: A circle.\n"
            f"          credit: Drawing\n"
            for index in range(4)
        ),
        f"  - kind: gallery\n    title: Panel {number}\n    items:\n"
        + "".join(
            f"      - image: media/paper.png\n        alt: Paper.\n        caption: Picture {index}.\n"
            f"        credit: Drawing\n"
            for index in range(6)
        ),
        f"  - kind: document\n    title: Panel {number}\n    date: 1933-11-16\n    from: The sender\n"
        f"    to: The recipient\n    transcript_status: full\n    source: A printed volume\n"
        f"    transcript: |\n      {body}\n",
    ]
    return kinds[number % len(kinds)]


def generate_exhibit(folder: Path, panels: int = PANELS) -> list[Path]:
    """A valid exhibit but for its size: more sections than a home screen holds."""
    shutil.copytree(MEDIA, folder / "media")
    (folder / "sections").mkdir()
    files = []
    section_files = []
    for section, start in enumerate(range(0, panels, PANELS_PER_SECTION)):
        count = min(PANELS_PER_SECTION, panels - start)
        text = f"id: section-{section}\ntitle: Section {section}\nteaser: Generated\npanels:\n"
        text += "".join(panel_yaml(start + offset) for offset in range(count))
        path = folder / "sections" / f"section-{section}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
        section_files.append(f"  - sections/section-{section}.yaml\n")
    exhibit = folder / "exhibit.yaml"
    exhibit.write_text("title: Generated\nsections:\n" + "".join(section_files), encoding="utf-8")
    return [exhibit, *files]


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times), times


def measure_validation(runs: int) -> dict[str, Any]:
    from kiosk.content.loader import load_exhibit

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "generated"
        files = generate_exhibit(folder)
        result = load_exhibit(folder)
        panels = sum(text.count("  - kind: ") for text in (path.read_text() for path in files))
        unexpected = [p.format() for p in result.problems if "allows at most" not in p.message]
        if unexpected:
            raise SystemExit("the generated exhibit has problems:\n" + "\n".join(unexpected[:10]))
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        def parse_only() -> None:
            for path in files:
                yaml.load(path.read_text(encoding="utf-8"), Loader=loader)

        validation, validation_runs = best_of(runs, lambda: load_exhibit(folder))
        parsing, _ = best_of(runs, parse_only)
    return {
        "panels": panels,
        "files": len(files),
        "validation_s": validation,
        "validation_median_s": statistics.median(validation_runs),
        "parsing_s": parsing,
        "problems": [p.format(relative_to=folder) for p in result.problems],
    }


def wait_for(condition: Callable[[], bool], timeout_ms: int = WAIT_TIMEOUT_MS) -> None:
    loop = QEventLoop()
    poll = QTimer(interval=1)

    def quit_when_met() -> None:
        if condition():
            loop.quit()

    poll.timeout.connect(quit_when_met)
    deadline = QTimer(singleShot=True, interval=timeout_ms)
    deadline.timeout.connect(loop.quit)
    poll.start()
    deadline.start()
    if not condition():
        loop.exec()
    poll.stop()
    if not condition():
        raise SystemExit("timed out waiting for the screen to change")


def save(path: Path, text: str) -> None:
    temporary = path.with_name("." + path.name + ".saving")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def first_frame_after(window: QQuickWindow, started: float, condition: Callable[[], bool]) -> float:
    """Milliseconds from `started` to the first frame drawn once `condition` holds."""
    frames: list[float] = []

    def note_frame() -> None:
        if condition():
            frames.append(time.perf_counter())

    window.frameSwapped.connect(note_frame)
    wait_for(lambda: bool(frames))
    window.frameSwapped.disconnect()
    return (frames[0] - started) * 1000


def measure_preview(saves: int) -> dict[str, Any]:
    from kiosk.app.preview import Preview
    from kiosk.app.window import SessionOptions, create_ui
    from kiosk.content.loader import load_exhibit
    from kiosk.viewmodels.preview import KioskPreview

    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    app.setApplicationName("kiosk authoring benchmark")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "exhibit"
        shutil.copytree(SHIPPED_EXHIBIT, folder)
        exhibit = load_exhibit(folder).exhibit
        assert exhibit is not None
        view_model = KioskPreview()
        ui = create_ui(exhibit, SessionOptions(idle_timeout_s=3600, countdown_s=3600), preview=view_model)
        ui.window.resize(1920, 1080)
        ui.window.show()
        preview = Preview(ui, folder, view_model, parent=ui.window)
        wait_for(lambda: ui.window.isExposed())
        ui.navigation.openSection(0)
        wait_for(lambda: ui.window.property("reveal") == 1.0)
        section = folder / "sections" / "context.yaml"
        original = section.read_text(encoding="utf-8")
        title = original.split("\ntitle: ", 1)[1].split("\n", 1)[0]
        kiosk_ms = []
        for count in range(saves):
            wanted = f"{title} ({count})"
            started = time.perf_counter()
            save(section, original.replace(f"\ntitle: {title}\n", f"\ntitle: {wanted}\n", 1))
            kiosk_ms.append(
                first_frame_after(ui.window, started, partial(shows, ui.navigation, "sectionTitle", wanted))
            )
        preview.stop()
        ui.dispose()

        engine = QQmlApplicationEngine()
        engine.loadData(BARE_QML)
        window = engine.rootObjects()[0]
        assert isinstance(window, QQuickWindow)
        wait_for(window.isExposed)
        note = Path(temporary) / "note.txt"
        note.write_text("Before", encoding="utf-8")
        watcher = QFileSystemWatcher([str(Path(temporary))])
        watcher.directoryChanged.connect(
            lambda _: note.exists() and window.setProperty("words", note.read_text(encoding="utf-8"))
        )
        bare_ms = []
        for count in range(saves):
            wanted = f"After {count}"
            started = time.perf_counter()
            save(note, wanted)
            bare_ms.append(first_frame_after(window, started, partial(shows, window, "words", wanted)))
        del engine
    return {"kiosk_ms": kiosk_ms, "bare_ms": bare_ms}


def shows(item: QObject, name: str, wanted: str) -> bool:
    return bool(item.property(name) == wanted)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench_authoring", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="validations of the generated exhibit")
    parser.add_argument("--saves", type=int, default=DEFAULT_SAVES, help="saves shown by the preview")
    arguments = parser.parse_args(argv)
    print(
        f"Authoring benchmark; Qt {qVersion()}, {os.environ['QT_QPA_PLATFORM']}, QT_QUICK_BACKEND="
        f"{os.environ['QT_QUICK_BACKEND']}; load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}"
    )
    validation = measure_validation(arguments.runs)
    preview = measure_preview(arguments.saves)
    ratio = validation["validation_s"] / validation["parsing_s"]
    kiosk_median = statistics.median(preview["kiosk_ms"])
    bare_median = statistics.median(preview["bare_ms"])
    kiosk_worst = max(preview["kiosk_ms"])
    passed = validation["validation_s"] <= VALIDATION_TARGET_S and kiosk_worst <= PREVIEW_TARGET_MS
    print(
        f"\nValidation, {validation['panels']} generated panels in {validation['files']} files "
        f"(best of {arguments.runs}):\n"
        f"  load_exhibit      {validation['validation_s'] * 1000:7.1f} ms   "
        f"(median {validation['validation_median_s'] * 1000:.1f} ms; target ≤ {VALIDATION_TARGET_S * 1000:.0f} ms)\n"
        f"  YAML parsing only {validation['parsing_s'] * 1000:7.1f} ms   ratio {ratio:.1f}×\n"
        f"  reported: {len(validation['problems'])} problems, all over-full lists, such as "
        f"{validation['problems'][0] if validation['problems'] else 'none'}\n"
        f"\nPreview, save to first frame showing it ({arguments.saves} saves):\n"
        f"  kiosk preview     median {kiosk_median:6.1f} ms, p95 {percentile(preview['kiosk_ms'], 0.95):6.1f} ms, "
        f"worst {kiosk_worst:6.1f} ms (target ≤ {PREVIEW_TARGET_MS:.0f} ms)\n"
        f"  bare watcher      median {bare_median:6.1f} ms, p95 {percentile(preview['bare_ms'], 0.95):6.1f} ms; "
        f"ratio of medians {kiosk_median / bare_median:.1f}×\n"
        f"\n{'PASS' if passed else 'FAIL'}"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
