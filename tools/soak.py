"""Soak test: the real kiosk, a simulated week of visitors, and whether it stays healthy.

Run from the repository root as `python -m tools.soak`; docs/performance.md explains it. This process
only orchestrates and reports. The kiosk runs in a child process of its own, on the exhibit's real
QML with compressed timers, and is used by touch alone: visitors wake the attract loop, open sections,
page, swipe, scroll, enlarge pictures, try the staff corner, and mostly walk away mid-story, so that
the idle timeout, the "still exploring?" countdown and the reset happen by themselves. Each simulated
day ends with the kiosk closed for a short night. The report counts crashes, uncaught Python
exceptions, Qt and QML warnings, and the kiosk's failures to answer a touch, and compares the
resident memory at night once the kiosk has warmed up (after the third day) with that at the end
of the last.
"""

import argparse
import contextlib
import ctypes
import gc
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from functools import cache, partial
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    QPoint,
    QPointF,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.analytics.schema import database_in
from kiosk.app.operations import pin_checker
from kiosk.app.run import default_data_dir
from kiosk.app.window import TIDY_DELAY_MS, KioskUi, SessionOptions, create_ui
from kiosk.content.loader import load_exhibit
from kiosk.services.analytics import AnalyticsRecorder
from kiosk.services.idle import IdleState
from kiosk.services.schedule_service import resident_memory_mb
from kiosk.services.staff_access import PinLock, hash_pin
from kiosk.viewmodels.staff import KioskStaff
from tools.bench import (
    DEFAULT_EXHIBIT,
    REPOSITORY,
    WINDOW_SIZE,
    centre_of,
    child_environment,
    display_path,
    load_average,
    now,
    sources_stamp,
)

# The targets.
RSS_GROWTH_LIMIT_MB = 5.0
# Resident memory is compared from the night after these days. It settles over the first few: the
# first nights, after a tour of every panel, still measure several megabytes under the plateau,
# because random visitors keep reaching code and font pages (file-backed memory) and the
# allocator's working sizes for the first time over several days; two weeks-long runs leveled off
# from the fourth night (docs/performance.md shows both, night by night).
DEFAULT_WARM_UP_DAYS = 3

# The kiosk's timings, compressed from a minute's idle timeout and a 20-second countdown. The idle
# timeout must outlast the longest moment a patient visitor waits without touching: a 480 ms
# transition between home and a section, its last frames, and a glance of up to 200 ms.
IDLE_TIMEOUT_S = 0.8
COUNTDOWN_S = 0.3
COUNTDOWN_TICK_MS = 20
STAFF_HOLD_S = 0.3
# The staff PIN of the simulated installation; visitors who try the pad never type it.
STAFF_PIN = "19331116"

DEFAULT_DAYS = 7
DEFAULT_VISITS_PER_DAY = 70
DEFAULT_SEED = 1933
# The night: long enough for the kiosk's own tidy-up after the day's last visit, so that memory is
# measured as it stands at night, when the kiosk is quiet.
NIGHT_MS = TIDY_DELAY_MS + 1000
# Each morning the attract loop runs through this many slides before the first visitor comes.
MORNING_SLIDES = 3

# How long the kiosk has to show the effect of a touch, or an idle step its next state, before the
# soak counts a failure to answer.
STEP_TIMEOUT_S = 5.0
SWIPE_STEP_MS = 16
# What the soak found that a visitor notices, but that is not a failure to answer.
UNDONE_BY_FLICK = "taps undone by the panel list still flicking after a swipe"
# Distinct texts kept of warnings, exceptions and failures; all are counted.
KEPT_TEXTS = 12


class SoakError(RuntimeError):
    """The soak could not go on."""


class KioskFailedError(Exception):
    """The kiosk did not do in time what a visitor's touch, or its own timers, should have made it do."""


class VisitOverError(Exception):
    """The visit is over before its script: the visitor walked away, or the kiosk timed out while
    they were slow."""

    def __init__(self, *, timed_out: bool) -> None:
        super().__init__()
        self.timed_out = timed_out


# --- Inside the child: what is counted ------------------------------------------------------------


@dataclass
class Health:
    """Everything that went wrong: exceptions, Qt and QML warnings, failures to answer a visitor."""

    exceptions: list[str] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)

    def install(self) -> None:
        sys.excepthook = self._on_exception
        qInstallMessageHandler(self._on_qt_message)

    def _on_exception(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        text = "".join(traceback.format_exception(kind, error, trace)).rstrip()
        self.exceptions.append(text)
        if len(self.exceptions) <= KEPT_TEXTS:
            print(f"soak: uncaught exception:\n{text}", file=sys.stderr, flush=True)

    def _on_qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind not in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            return
        where = f"{context.file}:{context.line}: " if context.file and context.line else ""
        text = f"{kind.name.removeprefix('Qt').removesuffix('Msg').lower()}: {where}{message}"
        if text not in self.warnings and len(self.warnings) < KEPT_TEXTS:
            print(f"soak: {text}", file=sys.stderr, flush=True)
        self.warnings[text] += 1

    def fail(self, what: str, context: str = "") -> None:
        if self.failures[what] == 0:
            print(f"soak: the kiosk failed a visitor: {what} ({context})", file=sys.stderr, flush=True)
        self.failures[what] += 1


def most_common(counter: Counter[str]) -> list[tuple[str, int]]:
    return counter.most_common(KEPT_TEXTS)


class Journal:
    """What visitors and the kiosk did: counted over the whole run, and noted in order for one visit,
    so that a failure can be reported with the steps that led to it."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}
        self._visit: list[tuple[float, str]] = []
        self._began = now()

    def note(self, event: str, detail: str = "", amount: int = 1) -> None:
        self.counts[event] += amount
        if detail and len(examples := self.examples.setdefault(event, [])) < 3:
            examples.append(detail)
        self._visit.append((now(), f"{event} {detail}".rstrip()))

    def new_visit(self) -> None:
        self._visit.clear()
        self._began = now()

    def recent(self, count: int = 10) -> str:
        return "; ".join(f"{(at - self._began) * 1000:.0f} ms {event}" for at, event in self._visit[-count:])


class StateWatch:
    """Counts the idle service's changes of state: countdowns, resets, the attract loop."""

    def __init__(self, ui: KioskUi, journal: Journal) -> None:
        self._idle = ui.idle
        self._state = ui.idle.state
        self._journal = journal
        self.history: list[IdleState] = []
        ui.idle.stateChanged.connect(self._on_state)
        ui.idle.sessionEnded.connect(lambda: journal.note("sessions ended"))

    def _on_state(self) -> None:
        state, previous = self._idle.state, self._state
        self._state = state
        self.history.append(state)
        self._journal.note(f"{previous.value} → {state.value}")


@dataclass(frozen=True)
class Snapshot:
    """The process's size at the end of a night, the kiosk closed and garbage collected."""

    day: int
    visits: int
    rss_mb: float
    #: Linux: the resident memory not backed by files (heaps, the QML engine's memory, images), and
    #: that of mapped files (libraries' code and data, fonts, caches): the first is what can leak.
    rss_anon_mb: float | None
    rss_file_mb: float | None
    #: From glibc's allocator, where there is one: what the process has allocated and not freed,
    #: and what it has freed but the allocator keeps rather than give back to the system.
    malloc_in_use_mb: float | None
    malloc_free_mb: float | None
    #: Objects the garbage collector tracks, and all memory blocks Python's allocator has handed out.
    python_objects: int
    python_blocks: int
    quick_items: int
    elapsed_s: float


def holds(item: QObject, name: str, value: object) -> bool:
    """Whether `item`'s property `name` holds `value`; a condition to wait for."""
    return bool(item.property(name) == value)


def walk(root: QQuickItem) -> Iterator[QQuickItem]:
    """Every item under `root`, in the visual tree, where delegates live."""
    pending = [root]
    while pending:
        item = pending.pop()
        yield item
        pending.extend(item.childItems())


def search(root: QQuickItem | None, name: str) -> QQuickItem | None:
    if root is None:
        return None
    return next((item for item in walk(root) if item.objectName() == name), None)


def take_snapshot(ui: KioskUi, day: int, visits: int, started: float) -> Snapshot:
    """Collects the garbage first, Python's and QML's, so that only what is still held is measured."""
    if ui.engine is not None:
        ui.engine.collectGarbage()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    wait_ms(200)
    rss_mb = resident_memory_mb()
    status = proc_status_mb()
    in_use_mb, free_mb = malloc_figures()
    return Snapshot(
        day,
        visits,
        round(rss_mb, 2),
        status.get("RssAnon"),
        status.get("RssFile"),
        in_use_mb,
        free_mb,
        len(gc.get_objects()),
        sys.getallocatedblocks(),
        sum(1 for _ in walk(ui.window.contentItem())),
        round(now() - started, 1),
    )


def proc_status_mb() -> dict[str, float]:
    """The memory figures of /proc/self/status, in MB; none where there is no such file."""
    figures = {}
    with suppress(OSError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            name, _, value = line.partition(":")
            if value.strip().endswith(" kB"):
                figures[name] = round(int(value.split()[0]) / 1024, 2)
    return figures


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def malloc_figures() -> tuple[float | None, float | None]:
    """MB allocated and in use (heap and mapped), and MB free but kept, from glibc's mallinfo2."""
    try:
        mallinfo2 = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):
        return None, None
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return round((info.uordblks + info.hblkhd) / 2**20, 2), round(info.fordblks / 2**20, 2)


# --- Inside the child: a visitor's finger ----------------------------------------------------------


class Finger:
    """Touches the window as a visitor's finger does: real touch events, no mouse."""

    def __init__(self, ui: KioskUi, rng: random.Random, journal: Journal) -> None:
        self.window = ui.window
        self.device = QTest.createTouchDevice()
        self._rng = rng
        self._journal = journal

    def near(self, item: QQuickItem, spread: float = 0.25) -> QPoint:
        """A point near the middle of `item`, where a finger would land on it."""
        centre = centre_of(item)
        dx = round(item.width() * spread * (self._rng.random() - 0.5))
        dy = round(item.height() * spread * (self._rng.random() - 0.5))
        return centre + QPoint(dx, dy)

    def anywhere(self) -> QPoint:
        width, height = self.window.width(), self.window.height()
        # Not in the top-left corner, where a long press means staff.
        return QPoint(
            self._rng.randrange(width // 5, width - 20), self._rng.randrange(height // 5, height - 20)
        )

    def tap_at(self, point: QPoint) -> None:
        touch = QTest.touchEvent(self.window, self.device)
        touch.press(0, point, self.window).commit()
        if (rest_ms := self._rng.choice((0, 0, 20, 40, 70))) > 0:
            wait_ms(rest_ms)
        touch.release(0, point, self.window).commit()
        self._journal.note("taps", f"at ({point.x()}, {point.y()})")

    def tap(self, item: QQuickItem) -> None:
        self.tap_at(self.near(item))

    def swipe(self, start: QPoint, end: QPoint, steps: int = 12) -> None:
        touch = QTest.touchEvent(self.window, self.device)
        touch.press(0, start, self.window).commit()
        for step in range(1, steps + 1):
            # Qt measures a flick by the events' timestamps: the moves take a real 200 ms.
            wait_ms(SWIPE_STEP_MS)
            touch.move(0, start + (end - start) * (step / steps), self.window).commit()
        touch.release(0, end, self.window).commit()
        self._journal.note("swipes", f"({start.x()}, {start.y()}) to ({end.x()}, {end.y()})")

    def hold(self, point: QPoint, until: Callable[[], bool], timeout_s: float) -> bool:
        """Presses and holds at `point` until `until()` is true; returns whether it came true."""
        touch = QTest.touchEvent(self.window, self.device)
        touch.press(0, point, self.window).commit()
        came = wait_until(until, timeout_s)
        touch.release(0, point, self.window).commit()
        self._journal.note("long presses", f"at ({point.x()}, {point.y()})")
        return came


@cache
def _waiting() -> tuple[QEventLoop, QTimer]:
    loop = QEventLoop()
    timer = QTimer(singleShot=True, timerType=Qt.TimerType.PreciseTimer)
    timer.timeout.connect(loop.quit)
    return loop, timer


def wait_ms(milliseconds: float) -> None:
    """Runs the event loop for a while.

    One loop and one timer serve the whole run: PySide6 6.11 keeps a Python memory block for every
    connection made to a timer that is then thrown away (tools.bench.wait_ms makes one a call), and
    the soak waits hundreds of times a visit, which would add up to megabytes of its own growth.
    """
    loop, timer = _waiting()
    if loop.isRunning():
        raise SoakError("wait_ms() called while it waits: a slot must not wait")
    timer.start(max(0, round(milliseconds)))
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout_s: float = STEP_TIMEOUT_S) -> bool:
    """Runs the event loop until `condition()` holds or the time is up; returns whether it held."""
    deadline = now() + timeout_s
    while not condition():
        if now() > deadline:
            return False
        wait_ms(5)
    return True


# --- Inside the child: the visitors ------------------------------------------------------------


class Kiosk:
    """The kiosk under test, as its visitors see it and touch it."""

    def __init__(self, ui: KioskUi, rng: random.Random, health: Health, journal: Journal) -> None:
        self.ui = ui
        self.rng = rng
        self.health = health
        self.journal = journal
        self.note = journal.note
        self.finger = Finger(ui, rng, journal)
        self.watch = StateWatch(ui, journal)
        self.section_count = ui.exhibit.property("sections").rowCount()
        model = ui.exhibit.model
        if model is None:
            raise SoakError("the exhibit was not attached to the window")
        self.panel_counts = [len(spec.panels) for spec in model.sections]
        self.galleries = {
            section: [index for index, panel in enumerate(spec.panels) if panel.kind == "gallery"]
            for section, spec in enumerate(model.sections)
        }
        self._items: dict[str, QQuickItem] = {}
        # The screens are made afresh for each visitor: items found for one are not the next one's.
        ui.session.visitEnded.connect(self._items.clear)

    # What the kiosk shows.

    @property
    def mode(self) -> str:
        mode: str = self.ui.session.property("mode")
        return mode

    @property
    def at_home(self) -> bool:
        return bool(self.ui.navigation.property("atHome"))

    @property
    def place(self) -> tuple[int, int]:
        navigation = self.ui.navigation
        return navigation.property("sectionIndex"), navigation.property("panelIndex")

    def shows_panel(self, section: int, panel: int) -> bool:
        return self.place == (section, panel)

    def item(self, name: str) -> QQuickItem:
        found = self._items.get(name)
        if found is None:
            found = search(self.ui.window.contentItem(), name)
            if found is None:
                raise KioskFailedError(f"no item named {name!r} on the screen")
            self._items[name] = found
        return found

    def attract_loop(self) -> QQuickItem | None:
        loop = self.item("attractLayer").property("item")
        return loop if isinstance(loop, QQuickItem) else None

    def current_panel(self) -> QQuickItem | None:
        page = self.item("panelList").property("currentItem")
        if not isinstance(page, QQuickItem):
            return None
        loader = next((child for child in page.childItems() if child.objectName().startswith("panel_")), None)
        panel = loader.property("item") if loader is not None else None
        return panel if isinstance(panel, QQuickItem) else None

    def settled(self) -> bool:
        """The screen has stopped moving: the transition between home and section, and the panels."""
        target = 0.0 if self.at_home else 1.0
        if self.ui.window.property("reveal") != target:
            return False
        if self.at_home:
            return True
        panels = self.item("panelList")
        index = self.place[1]
        return (
            panels.property("currentIndex") == index
            and not panels.property("moving")
            and abs(panels.property("contentX") - index * panels.width()) < 1
        )

    # Waiting, and what a failure to answer is.

    def expect(self, condition: Callable[[], bool], what: str, timeout_s: float = STEP_TIMEOUT_S) -> None:
        try:
            held = wait_until(condition, timeout_s)
        except RuntimeError as error:
            # An item of the visitor's screen is gone: the visit timed out under a slow visitor and
            # the kiosk rebuilt its screens, as it should.
            if self.mode == "attract":
                raise VisitOverError(timed_out=True) from None
            raise KioskFailedError(f"{what} ({error})") from None
        if not held:
            raise KioskFailedError(what)

    def ready(self) -> None:
        """What a visitor does before touching: answer the countdown if it has come up meanwhile."""
        if self.mode == "attract":
            raise VisitOverError(timed_out=True)
        if self.mode == "countdown":
            self.note("countdowns answered by a slow visitor")
            self.answer_countdown()

    def pause(self, low_ms: int = 40, high_ms: int = 200) -> None:
        wait_ms(self.rng.randint(low_ms, high_ms))

    def after_touch(self) -> None:
        """Most visitors watch the screen settle; the impatient carry on at once."""
        if self.rng.random() < 0.7:
            self.expect(self.settled, "the screen did not settle after a touch")
            self.pause()
        else:
            self.note("impatient touches")
            self.pause(80, 200)

    # The day.

    def open_for_the_day(self, first_day: bool) -> None:
        if first_day:
            # The kiosk has just started, on its home screen: nobody touches it, so it goes to the loop.
            self.expect(lambda: self.mode == "attract", "the home screen did not time out to the loop")
        else:
            self.ui.session.set_closed(False)
            self.expect(lambda: self.mode == "attract", "the kiosk did not open on the attract loop")
        self.expect(lambda: self.attract_loop() is not None, "the attract loop did not appear")
        loop = self.attract_loop()
        slides = loop.property("count") if loop is not None else 0
        if loop is not None and slides:
            seconds = self.ui.exhibit.property("secondsPerSlide")
            self.expect(
                lambda: (self.attract_loop() or loop).property("slidesShown") >= MORNING_SLIDES,
                f"the attract loop did not show {MORNING_SLIDES} slides",
                timeout_s=MORNING_SLIDES * seconds + STEP_TIMEOUT_S,
            )
        else:
            wait_ms(2000)

    def close_for_the_night(self) -> None:
        self.ui.session.set_closed(True)
        self.expect(lambda: self.mode == "closed", "the kiosk did not close")
        layer = self.item("attractLayer")
        self.expect(lambda: not layer.property("active"), "the attract loop went on in the dark")
        self.expect(lambda: not self.item("stageLoader").isVisible(), "the exhibit was drawn in the dark")

    # A visit.

    def visit(self, tour: bool = False) -> None:
        """One visitor, from the attract loop back to it; failures to answer are counted, not raised.
        A `tour` sees everything there is, in order."""
        self.journal.new_visit()
        self.note("visits begun")
        try:
            self.arrive()
            self.check_fresh_start()
            if tour:
                self.see_everything()
            else:
                self.explore()
                self.leave()
            self.walk_away()
            self.note("visits completed")
        except VisitOverError as over:
            self.note("visits completed")
            if over.timed_out:
                self.note("visits cut short by the timeout")
            if tour:
                self.note("first-day tours cut short")
        except KioskFailedError as stall:
            self.health.fail(str(stall), self.describe())
            self.recover()
        self.expect_attract_loop()

    def describe(self) -> str:
        """The kiosk's state, for the first report of each kind of failure."""
        recent = " → ".join(state.value for state in self.watch.history[-4:])
        layer = self.item("attractLayer")
        return (
            f"mode {self.mode}, at {self.place}, reveal {self.ui.window.property('reveal'):.2f}, "
            f"attract opacity {layer.property('opacity'):.2f}, staff view {self.ui.staff.current_view!r}, "
            f"last idle states {recent}; the visit so far: {self.journal.recent()}"
        )

    def recover(self) -> None:
        """After a failure, puts the kiosk back as staff would, so that the soak goes on."""
        self.ui.staff.close()
        if self.mode != "attract":
            self.ui.session.endVisit()

    def expect_attract_loop(self) -> None:
        timeout = IDLE_TIMEOUT_S + COUNTDOWN_S + STEP_TIMEOUT_S
        if not wait_until(lambda: self.mode == "attract", timeout):
            self.health.fail("the kiosk did not return to the attract loop on its own")
            self.ui.session.endVisit()

    def arrive(self) -> None:
        """The next visitor comes along while the loop fades in, once it is in, or after a while."""
        chance = self.rng.random()
        layer = self.item("attractLayer")
        if chance > 0.55:
            self.expect(lambda: layer.property("opacity") == 1, "the attract loop did not fade in")
        if chance > 0.9:
            wait_ms(self.rng.randint(500, 2500))
            self.note("lingering attract loops")
        loop = self.attract_loop()
        if loop is not None:
            self.note("attract slides shown", amount=loop.property("slidesShown"))
        self.finger.tap_at(self.finger.anywhere())
        self.expect(lambda: self.mode == "visiting", "the touch did not wake the attract loop")
        self.note("wakes")
        # No finger comes down again within a tenth of a second.
        self.pause(120, 350)
        if self.rng.random() < 0.5:
            # Halfway through the fade: waiting longer without a touch is beyond the compressed timeout.
            self.expect(lambda: layer.property("opacity") <= 0.5, "the attract loop did not fade out")

    def check_fresh_start(self) -> None:
        """The visitor finds the kiosk as the first visitor of the day did."""
        root = self.ui.window.contentItem()
        stale = []
        if not self.at_home or self.place[1] != 0:
            stale.append(f"at {self.place}")
        if self.ui.staff.current_view:
            stale.append(f"staff screen {self.ui.staff.current_view!r} open")
        if any(item.property("open") for item in walk(root) if item.objectName() == "lightbox"):
            stale.append("a lightbox open")
        if any(item.property("contentY") for item in walk(root) if item.objectName() == "scrollFlickable"):
            stale.append("a panel scrolled")
        if stale:
            raise KioskFailedError("a visit did not start afresh: " + ", ".join(stale))

    def explore(self) -> None:
        self.open_section()
        actions = (
            (self.next_panel, 30),
            (self.swipe_panel, 20),
            (self.back, 10),
            (self.pick_dot, 8),
            (self.scroll, 12),
            (self.gallery, 10),
            (self.look_closer, 12),
            (self.impatient_nexts, 6),
            (self.staff_corner, 4),
        )
        for _ in range(self.rng.randint(1, 4)):
            self.ready()
            if self.at_home:
                if self.rng.random() < 0.5:
                    return
                self.open_section()
                continue
            action = self.rng.choices([action for action, _ in actions], [weight for _, weight in actions])[0]
            action()

    def open_section(self, section: int | None = None) -> None:
        self.ready()
        if section is None:
            section = self.rng.randrange(self.section_count)
        tile = self.item(f"sectionTile{section}")
        if self.rng.random() < 0.15:
            self.tap_burst(tile, section)
        else:
            self.finger.tap(tile)
            self.expect(lambda: self.place == (section, 0), f"a tap on tile {section} did not open it")
        self.note("sections opened")
        # The section's controls appear as it opens out of the tile: nobody touches them before.
        self.expect(lambda: self.ui.window.property("reveal") == 1, "the section did not open fully")
        self.after_touch()

    def tap_burst(self, tile: QQuickItem, section: int) -> None:
        """An impatient visitor taps a tile three to six times in quick succession."""
        opened: list[int] = []

        def note() -> None:
            opened.append(self.ui.navigation.property("sectionIndex"))

        self.ui.navigation.sectionChanged.connect(note)
        point = self.finger.near(tile, spread=0.1)
        try:
            for _ in range(self.rng.randint(3, 6)):
                self.finger.tap_at(point)
                self.pause(80, 140)
        finally:
            self.ui.navigation.sectionChanged.disconnect(note)
        self.note("tap bursts on a tile")
        if opened != [section]:
            raise KioskFailedError(f"a burst of taps on tile {section} opened {opened}, not the section once")
        if self.place != (section, 0):
            # The later taps of the burst land on the section growing out of the tile.
            self.note("tap bursts that also pressed the opened section")

    def tap_control(self, control: QQuickItem, expected: tuple[int, int], name: str) -> None:
        """Taps Next, Back or a progress dot, which should take the visitor to `expected`.

        While the panel list still flicks after a swipe, the kiosk may move there and at once back
        to the panel the flick comes to rest on: that is counted apart, and the visit goes on from
        there. A control that moves nowhere, or back without a flick, is a failure.
        """
        self.ready()
        panels = self.item("panelList")
        flicking = bool(panels.property("flicking"))
        places: list[tuple[int, int]] = []

        def record() -> None:
            places.append(self.place)

        self.ui.navigation.stateChanged.connect(record)
        try:
            self.finger.tap(control)
            reached = wait_until(lambda: expected in places or self.place == expected)
            if reached and flicking:
                wait_until(lambda: not panels.property("flicking"))
        finally:
            self.ui.navigation.stateChanged.disconnect(record)
        if not reached:
            raise KioskFailedError(f"{name} did not move to {expected}")
        self.note(name)
        if self.place != expected:
            if not flicking:
                raise KioskFailedError(f"{name} moved to {expected}, then back to {self.place}")
            self.note(UNDONE_BY_FLICK, f"{name}: {expected}, then {self.place}")

    def next_panel(self) -> None:
        self.tap_control(self.item("nextButton"), self.advanced(self.place), "Next")
        self.after_touch()

    def impatient_nexts(self) -> None:
        """Next, Next, Next, without waiting for the panels to move."""
        for _ in range(self.rng.randint(2, 4)):
            if self.at_home:
                break
            self.tap_control(self.item("nextButton"), self.advanced(self.place), "Next")
            self.pause(80, 160)
        self.note("impatient touches")
        self.after_touch()

    def back(self) -> None:
        section, panel = self.place
        expected = (-1, 0) if panel == 0 else (section, panel - 1)
        self.tap_control(self.item("backButton"), expected, "Back")
        self.after_touch()

    def advanced(self, place: tuple[int, int]) -> tuple[int, int]:
        section, panel = place
        if panel < self.panel_counts[section] - 1:
            return section, panel + 1
        return (section + 1, 0) if section < self.section_count - 1 else (-1, 0)

    def swipe_panel(self) -> None:
        panels = self.item("panelList")
        middle = panels.mapToScene(panels.boundingRect().center()).toPoint()
        reach = QPoint(round(panels.width() * self.rng.uniform(0.15, 0.3)), self.rng.randint(-30, 30))
        forward = self.rng.random() < 0.7
        start, end = (middle + reach, middle - reach) if forward else (middle - reach, middle + reach)
        self.finger.swipe(start, end)
        # The flick's tail lasts about a second, longer than the compressed idle timeout: visitors
        # read on once the panel has nearly stopped.
        wait_until(self.settled, self.rng.uniform(0.3, 0.6))
        self.pause()

    def pick_dot(self) -> None:
        dots = [dot for dot in self.item("progressDots").childItems() if dot.property("index") is not None]
        if not dots:
            raise KioskFailedError("the section has no progress dots")
        choice = self.rng.randrange(len(dots))
        self.tap_control(dots[choice], (self.place[0], choice), "progress dot")
        self.after_touch()

    def scroll(self) -> None:
        panel = self.current_panel()
        scrollable = (
            [
                item
                for item in walk(panel)
                if item.objectName() == "scrollFlickable"
                and item.property("interactive")
                and item.isVisible()
            ]
            if panel is not None
            else []
        )
        if not scrollable:
            self.note("scrolls where nothing scrolls")
            return
        flickable = self.rng.choice(scrollable)
        top = flickable.mapToScene(QPointF(flickable.width() / 2, flickable.height() * 0.75)).toPoint()
        bottom = flickable.mapToScene(QPointF(flickable.width() / 2, flickable.height() * 0.25)).toPoint()
        for _ in range(self.rng.randint(1, 3)):
            self.ready()
            self.finger.swipe(top, bottom, steps=10)
            self.note("scrolls")
            self.pause()
        if self.rng.random() < 0.3:
            self.ready()
            self.finger.swipe(bottom, top, steps=10)
            self.note("scrolls")
            self.pause()

    def gallery(self) -> None:
        """To the section's gallery, if it has one; a picture enlarged, looked at, and mostly closed."""
        if not self.galleries.get(self.place[0]):
            # Off to the section with the pictures, by way of the home screen.
            with_gallery = [section for section, panels in self.galleries.items() if panels]
            if not with_gallery:
                self.next_panel()
                return
            self.go_home()
            self.expect(self.settled, "the home screen did not settle")
            self.open_section(self.rng.choice(with_gallery))
            self.ready()
        section, panel = self.place
        galleries = self.galleries.get(section, [])
        target = self.rng.choice(galleries)
        if panel != target:
            dots = [
                dot for dot in self.item("progressDots").childItems() if dot.property("index") is not None
            ]
            self.tap_control(dots[target], (section, target), "progress dot")
        if self.place != (section, target):
            return
        self.expect(self.settled, "the panels did not settle on the gallery")
        self.pause()
        self.ready()
        pictures = self.gallery_pictures()
        self.enlarge(self.rng.choice(pictures), close=self.rng.random() < 0.75)

    def look_closer(self) -> None:
        """Whatever the panel offers a closer look with: a letter's page zoomed, a pair's letter
        opened over it, a timeline's event opened, a narration listened to."""
        panel = self.current_panel()
        if panel is None:
            self.next_panel()
            return
        shown = [item for item in walk(panel) if item.isVisible() and self.on_screen(item)]
        named = {item.objectName(): item for item in shown}
        options: list[Callable[[], None]] = []
        viewer = named.get("pageViewer")
        if viewer is not None and viewer.property("showing"):
            options.append(lambda: self.zoom_page(viewer))
        for button in (named.get("openPages0"), named.get("openPages1")):
            if button is not None:
                options.append(partial(self.open_letter, panel, button))
        events = [item for item in shown if item.objectName().startswith("timelineEvent")]
        if events:
            options.append(lambda: self.open_event(panel, self.rng.choice(events)))
        listen = search(self.ui.window.contentItem(), "narrationListen")
        if listen is not None and listen.isVisible():
            options.append(lambda: self.listen(listen))
        if not options:
            self.next_panel()
            return
        self.rng.choice(options)()

    def on_screen(self, item: QQuickItem) -> bool:
        corner = item.mapToScene(item.boundingRect().center())
        return 0 < corner.x() < self.ui.window.width() and 0 < corner.y() < self.ui.window.height()

    def zoom_page(self, viewer: QQuickItem) -> None:
        """A double tap on the page, a look, and mostly the whole page again."""
        self.ready()
        point = self.finger.near(viewer, 0.5)
        self.finger.tap_at(point)
        wait_ms(self.rng.randint(40, 120))
        self.finger.tap_at(point)
        self.expect(lambda: viewer.property("zoomed"), "a double tap on a page did not zoom in")
        self.note("pages zoomed")
        self.pause(200, 600)
        whole = search(viewer, "fitPage")
        if whole is not None and whole.isVisible() and self.rng.random() < 0.6:
            self.ready()
            self.finger.tap(whole)
            self.expect(lambda: not viewer.property("zoomed"), "Whole page did not show the whole page")
        self.after_touch()

    def open_letter(self, panel: QQuickItem, button: QQuickItem) -> None:
        """One letter of a pair opened over it, its page looked at, and mostly closed."""
        overlay = search(panel, "pagesOverlay")
        if overlay is None:
            raise KioskFailedError("the pair panel has no overlay for a letter's pages")
        self.ready()
        self.finger.tap(button)
        self.expect(lambda: overlay.property("visible"), "See the letter did not open the letter's pages")
        self.note("letters opened over a pair")
        self.pause(200, 600)
        if self.rng.random() < 0.75:
            self.ready()
            self.finger.tap(search(overlay, "closePages") or overlay)
            self.expect(lambda: not overlay.property("visible"), "Close did not close the letter's pages")
        self.after_touch()

    def open_event(self, panel: QQuickItem, event: QQuickItem) -> None:
        """A timeline's event opened, read, and mostly closed."""
        self.ready()
        self.finger.tap(event)
        self.expect(lambda: panel.property("selected") >= 0, "a tap on a timeline's event did not open it")
        self.note("timeline events opened")
        self.pause(200, 600)
        close = search(panel, "timelineDetailClose")
        if close is not None and self.rng.random() < 0.75:
            self.ready()
            self.finger.tap(close)
            self.expect(lambda: panel.property("selected") < 0, "Close did not close the event")
        self.after_touch()

    def listen(self, listen: QQuickItem) -> None:
        """Listen, a moment, and then pause, or walk on with it playing."""
        narration = self.ui.narration
        if narration is None:
            raise KioskFailedError("the kiosk shows Listen but has no narration")
        self.ready()
        self.finger.tap(listen)
        self.expect(lambda: narration.property("playing"), "Listen did not start the narration")
        self.note("narrations listened to")
        self.pause(300, 900)
        if self.rng.random() < 0.5:
            self.ready()
            self.finger.tap(listen)
            self.expect(lambda: not narration.property("playing"), "Pause did not pause the narration")
        self.after_touch()

    def gallery_pictures(self) -> list[QQuickItem]:
        panel = self.current_panel()
        pictures = (
            [item for item in walk(panel) if item.objectName().startswith("galleryItem")] if panel else []
        )
        if not pictures:
            raise KioskFailedError("the gallery panel shows no pictures")
        return pictures

    def enlarge(self, picture: QQuickItem, *, close: bool) -> None:
        """A picture tapped, looked at, and closed, or left open."""
        lightbox = search(self.current_panel(), "lightbox")
        if lightbox is None:
            raise KioskFailedError("the gallery panel has no lightbox")
        self.ready()
        self.finger.tap(picture)
        self.expect(lambda: lightbox.property("open"), "a tap on a picture did not enlarge it")
        self.note("lightboxes opened")
        self.expect(lambda: lightbox.property("opacity") == 1, "the lightbox did not fade in")
        self.pause(100, 400)
        if close:
            self.ready()
            self.finger.tap(search(lightbox, "lightboxClose") or lightbox)
            self.expect(lambda: not lightbox.property("open"), "Close did not close the lightbox")
            self.note("lightboxes closed")
            self.after_touch()

    def see_everything(self) -> None:
        """Every section, every panel and every picture once, and the staff pad: so that what the
        kiosk loads once and keeps is loaded on the first day, before memory is first measured."""
        for section in range(self.section_count):
            self.ready()
            self.finger.tap(self.item(f"sectionTile{section}"))
            self.expect(partial(self.shows_panel, section, 0), f"tile {section} did not open")
            self.note("sections opened")
            for panel in range(self.panel_counts[section]):
                if panel > 0:
                    self.ready()
                    self.tap_control(self.item("nextButton"), (section, panel), "Next")
                self.expect(self.settled, "the panels did not settle")
                if panel in self.galleries[section]:
                    for picture in self.gallery_pictures():
                        self.enlarge(picture, close=True)
                self.pause()
            self.go_home()
            self.expect(self.settled, "the home screen did not settle")
            self.pause()
        # Two PINs: the allocator keeps the memory of the second check's 16 MB for the checks to come.
        self.staff_corner(cancel=True, attempts=2)

    def staff_corner(self, cancel: bool | None = None, attempts: int = 1) -> None:
        """A curious visitor holds the hidden corner, types a PIN or two at random, and gives up:
        cancels, or leaves the pad open and walks away."""
        staff = self.ui.staff
        corner = self.item("staffCorner")
        self.ready()
        if not self.finger.hold(
            self.finger.near(corner, 0.3), lambda: staff.current_view == "pin", 3 * STAFF_HOLD_S + 2
        ):
            raise KioskFailedError("holding the staff corner did not open the PIN pad")
        self.note("staff PIN pads opened")
        overlay = self.item("staffOverlay")
        self.pause()
        for _ in range(attempts):
            if staff.property("locked"):
                self.note("staff pads found locked")
                break
            self.wrong_pin(overlay)
        self.pause()
        if cancel or (cancel is None and self.rng.random() < 0.8):
            self.ready()
            self.finger.tap(self.visible_item(overlay, "staffCancel"))
            self.expect(
                lambda: staff.current_view == "" and not overlay.isVisible(),
                "Cancel did not close the PIN pad",
            )
            self.after_touch()
        else:
            self.note("PIN pads left open")
            self.walk_away()
            raise VisitOverError(timed_out=False)

    def wrong_pin(self, overlay: QQuickItem) -> None:
        staff = self.ui.staff
        for _ in range(self.rng.randint(4, 6)):
            self.ready()
            digit = str(self.rng.randrange(10))
            length = staff.property("pinLength")
            self.finger.tap(self.visible_item(overlay, f"pinKey{digit}"))
            self.expect(partial(holds, staff, "pinLength", length + 1), "a PIN key typed nothing")
            self.pause(40, 150)
        self.ready()
        self.finger.tap(self.visible_item(overlay, "pinKeyOK"))
        self.expect(lambda: staff.property("pinLength") == 0, "OK did not take the PIN")
        if staff.current_view != "pin":
            raise KioskFailedError(f"a wrong PIN opened the staff view {staff.current_view!r}")
        self.note("wrong staff PINs")
        if staff.property("locked"):
            self.note("staff pad lockouts")
        self.pause()

    def visible_item(self, root: QQuickItem, name: str) -> QQuickItem:
        found = search(root, name)
        if found is None or not found.isVisible():
            raise KioskFailedError(f"{name!r} is not on the screen")
        return found

    def answer_countdown(self) -> None:
        """A touch anywhere, or on Keep exploring, answers the countdown and does nothing else."""
        place = self.place
        button = search(self.item("countdownOverlay"), "keepExploringButton")
        point = (
            self.finger.near(button)
            if button is not None and self.rng.random() < 0.5
            else self.finger.anywhere()
        )
        self.finger.tap_at(point)
        self.expect(lambda: self.mode in ("visiting", "attract"), "a touch did not answer the countdown")
        if self.mode == "attract":
            # The countdown ran out as the finger came down: too late, as for a real visitor.
            raise VisitOverError(timed_out=True)
        if self.place != place:
            raise KioskFailedError(
                f"the touch that answered the countdown also moved from {place} to {self.place}"
            )
        self.pause()

    def leave(self) -> None:
        """Most visitors walk away mid-story; some answer the countdown first; some go home first."""
        chance = self.rng.random()
        if chance < 0.15 and not self.at_home:
            self.walk_away(answer=True)
            self.note("countdowns answered")
            self.next_panel() if self.rng.random() < 0.5 else self.scroll()
        elif chance < 0.3 and not self.at_home:
            self.go_home()
            self.after_touch()

    def go_home(self) -> None:
        self.ready()
        self.finger.tap(self.item("homeButton"))
        self.expect(lambda: self.at_home, "Home did not go home")
        self.note("Home")

    def walk_away(self, answer: bool = False) -> None:
        """Nobody touches the kiosk any more: it asks inside a section, then starts over by itself."""
        if self.mode == "attract":
            return
        in_section = not self.at_home and self.mode != "countdown"
        left = len(self.watch.history)
        timeout = IDLE_TIMEOUT_S + STEP_TIMEOUT_S
        self.expect(lambda: self.mode in ("countdown", "attract"), "the idle timeout did not come", timeout)
        if answer and self.mode == "countdown":
            wait_ms(self.rng.uniform(0, 0.5) * COUNTDOWN_S * 1000)
            self.answer_countdown()
            return
        self.expect(
            lambda: self.mode == "attract",
            "the countdown did not end the visit",
            COUNTDOWN_S + STEP_TIMEOUT_S,
        )
        if in_section and IdleState.COUNTDOWN not in self.watch.history[left:]:
            raise KioskFailedError("a visitor left a section and the kiosk started over without asking first")
        self.note("walked away")


# --- Inside the child: the week ----------------------------------------------------------------


def run_child(arguments: argparse.Namespace) -> int:
    health = Health()
    health.install()
    application = QGuiApplication([sys.argv[0]])
    result = load_exhibit(arguments.exhibit)
    if result.exhibit is None:
        print(f"soak: {arguments.exhibit} is not a valid exhibit", file=sys.stderr)
        return 2
    # In the run's own data folder (the parent's child_environment), as `kiosk run` keeps them.
    recorder = (
        AnalyticsRecorder(database_in(default_data_dir()), kiosk="soak", content_version="soak")
        if arguments.analytics
        else None
    )
    options = SessionOptions(
        idle_timeout_s=IDLE_TIMEOUT_S,
        countdown_s=COUNTDOWN_S,
        countdown_tick_ms=COUNTDOWN_TICK_MS,
        staff_hold_s=STAFF_HOLD_S,
        analytics=recorder,
    )
    # The hash comes from the parent, as a kiosk reads it from its settings: the kiosk never hashes.
    staff = KioskStaff(pin_checker(PinLock(arguments.pin_hash)))
    ui = create_ui(result.exhibit, options, staff)
    ui.window.resize(*WINDOW_SIZE)
    ui.window.show()
    started = now()
    journal = Journal()
    counts = journal.counts
    report: dict[str, Any] = {
        "rss_start_mb": round(resident_memory_mb(), 2),
        "slides": ui.exhibit.property("attractSlides").rowCount(),
        "seconds_per_slide": ui.exhibit.property("secondsPerSlide"),
        "days": [],
    }

    def checkpoint(finished: bool, aborted: str = "") -> None:
        report.update(
            finished=finished,
            aborted=aborted,
            elapsed_s=round(now() - started, 1),
            exceptions=len(health.exceptions),
            first_exceptions=health.exceptions[:KEPT_TEXTS],
            warnings=sum(health.warnings.values()),
            first_warnings=most_common(health.warnings),
            failures=sum(health.failures.values()),
            first_failures=most_common(health.failures),
            counts=dict(sorted(counts.items())),
            examples={key: journal.examples[key] for key in (UNDONE_BY_FLICK,) if key in journal.examples},
            gc=[
                {"collections": stats["collections"], "collected": stats["collected"]}
                for stats in gc.get_stats()
            ],
        )
        print(json.dumps(report), flush=True)

    try:
        kiosk = Kiosk(ui, random.Random(arguments.seed), health, journal)
        for day in range(1, arguments.days + 1):
            kiosk.open_for_the_day(first_day=day == 1)
            for visit in range(1, arguments.visits_per_day + 1):
                kiosk.visit(tour=day == 1 and visit == 1)
                if visit % max(1, arguments.visits_per_day // 5) == 0 or visit == arguments.visits_per_day:
                    progress(
                        f"day {day}/{arguments.days}: {visit}/{arguments.visits_per_day} visits, "
                        f"RSS {resident_memory_mb():.1f} MB, {(now() - started) / 60:.1f} min, "
                        f"{sum(health.warnings.values())} warnings, {len(health.exceptions)} exceptions, "
                        f"{sum(health.failures.values())} failures"
                    )
            kiosk.close_for_the_night()
            wait_ms(NIGHT_MS)
            snapshot = take_snapshot(ui, day, counts["visits begun"], started)
            report["days"].append(asdict(snapshot))
            progress(
                f"night {day}: RSS {snapshot.rss_mb:.1f} MB, {snapshot.python_objects} Python objects, "
                f"{snapshot.quick_items} Qt Quick items"
            )
            checkpoint(finished=False)
    except (KioskFailedError, SoakError) as error:
        checkpoint(finished=False, aborted=str(error))
        return 1
    if recorder is not None:
        recorder.flush()
        report["analytics_events"] = count_events(database_in(default_data_dir()))
    checkpoint(finished=True)
    ui.dispose()
    if recorder is not None:
        recorder.close()
    del application
    return 0


def count_events(database: Path) -> int:
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM events").fetchone()[0])


def progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


# --- In the parent ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    report: dict[str, Any]
    returncode: int
    timed_out: bool


def run_soak(arguments: argparse.Namespace) -> Outcome:
    """Runs the child to its end, its progress and warnings passing through to our standard error."""
    limit_s = arguments.days * (arguments.visits_per_day * 20 + 120) + 300
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-soak-") as cache_dir,
        child_environment(arguments.platform, Path(cache_dir)) as display,
    ):
        command = [sys.executable, "-m", "tools.soak", *child_arguments(arguments)]
        process = subprocess.Popen(
            command, cwd=REPOSITORY, env=display.chosen, stdout=subprocess.PIPE, text=True
        )
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            process.kill()

        watchdog = threading.Timer(limit_s, stop)
        watchdog.start()
        report: dict[str, Any] = {}
        try:
            assert process.stdout is not None
            for line in process.stdout:
                if line.startswith("{"):
                    report = json.loads(line)
            returncode = process.wait()
        finally:
            watchdog.cancel()
            if process.poll() is None:
                process.kill()
                process.wait()
    return Outcome(report, returncode, timed_out.is_set())


@dataclass(frozen=True)
class Row:
    check: str
    figures: str
    target: str
    passed: bool


def child_arguments(arguments: argparse.Namespace) -> list[str]:
    """The command line of the child that runs the kiosk: the soak as asked, with the staff's PIN."""
    return [
        "--child",
        "--exhibit",
        str(arguments.exhibit),
        "--days",
        str(arguments.days),
        "--warm-up-days",
        str(arguments.warm_up_days),
        "--visits-per-day",
        str(arguments.visits_per_day),
        "--seed",
        str(arguments.seed),
        "--pin-hash",
        hash_pin(STAFF_PIN),
        *(["--analytics"] if arguments.analytics else []),
    ]


def rows_for(outcome: Outcome, warm_up_days: int = DEFAULT_WARM_UP_DAYS) -> list[Row]:
    report, code = outcome.report, outcome.returncode
    exceptions = report.get("exceptions", 0)
    died = code != 0 and not report.get("aborted")
    if outcome.timed_out:
        how = "killed after the time limit"
    elif code < 0:
        how = f"killed by {signal.Signals(-code).name}"
    else:
        how = f"exit status {code}"
    days = report.get("days", [])
    rows = [
        Row(
            "Crashes",
            f"{int(died) + exceptions} ({how}; {exceptions} uncaught Python exceptions)",
            "0",
            not died and exceptions == 0,
        ),
        Row("Qt/QML warnings and errors", str(report.get("warnings", "?")), "0", report.get("warnings") == 0),
        Row(
            "Touches and timeouts the kiosk failed",
            f"{report.get('failures', '?')} in {report.get('counts', {}).get('visits begun', 0)} visits",
            "0",
            report.get("failures") == 0 and not report.get("aborted"),
        ),
    ]
    if len(days) > warm_up_days:
        first, last = days[warm_up_days - 1], days[-1]
        growth = last["rss_mb"] - first["rss_mb"]
        rows.append(
            Row(
                f"Resident memory, night {warm_up_days} (warmed up) → last night",
                f"{first['rss_mb']:.1f} → {last['rss_mb']:.1f} MB ({growth:+.1f} MB)",
                f"≤ {RSS_GROWTH_LIMIT_MB:.0f} MB growth",
                growth <= RSS_GROWTH_LIMIT_MB,
            )
        )
    else:
        rows.append(
            Row(
                "Resident memory growth",
                f"not measured: the run ended before night {warm_up_days + 1}",
                "≤ 5 MB",
                False,
            )
        )
    rows.append(
        Row(
            "Ran every day to its end",
            "yes" if report.get("finished") else "no",
            "yes",
            bool(report.get("finished")),
        )
    )
    return rows


def format_table(rows: Sequence[Row]) -> str:
    header = ("Check", "Figures", "Target", "Result")
    lines = [header] + [
        (row.check, row.figures, row.target, "PASS" if row.passed else "FAIL") for row in rows
    ]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    text = [
        " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    ]
    text.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(text)


def notes_for(report: dict[str, Any]) -> list[str]:
    counts = Counter(report.get("counts", {}))
    days = report.get("days", [])

    def listed(*keys: str) -> str:
        return ", ".join(f"{key} {counts[key]}" for key in keys)

    def each_night(key: str, unit: str = "") -> str:
        return ", ".join("?" if day.get(key) is None else f"{day[key]:g}" for day in days) + unit

    touches = ("taps", "swipes", "scrolls", "long presses", "Next", "Back", "progress dot", "Home")
    notes = [
        f"ran {report.get('elapsed_s', 0) / 60:.1f} min, {len(days)} days; "
        + listed("visits begun", "visits completed", "walked away", "visits cut short by the timeout"),
        "idle service: "
        + ", ".join(
            f"{name} {counts[key]}"
            for name, key in (
                ("woken from the attract loop", "attract → visiting"),
                ("countdowns", "visiting → countdown"),
                ("countdowns answered", "countdown → visiting"),
                ("resets after the countdown", "countdown → attract"),
                ("straight to the loop from home, or closing", "visiting → attract"),
            )
        ),
        f"attract loop ({report.get('slides', '?')} slides, {report.get('seconds_per_slide', '?')} s each): "
        + listed("attract slides shown", "lingering attract loops"),
        "touches: " + listed(*touches),
        "visitors: "
        + listed(
            "sections opened",
            "tap bursts on a tile",
            "tap bursts that also pressed the opened section",
            "impatient touches",
            "lightboxes opened",
            "lightboxes closed",
            "staff PIN pads opened",
            "wrong staff PINs",
            "staff pad lockouts",
            "staff pads found locked",
            "PIN pads left open",
            "countdowns answered",
            "countdowns answered by a slow visitor",
            "scrolls where nothing scrolls",
        ),
        f"resident memory each night, MB: {each_night('rss_mb')} (when first shown: "
        f"{report.get('rss_start_mb', 0):.1f})",
        f"of which not file-backed, MB: {each_night('rss_anon_mb')}; file-backed: "
        f"{each_night('rss_file_mb')}",
        f"malloc in use each night, MB: {each_night('malloc_in_use_mb')}; freed but kept by malloc: "
        f"{each_night('malloc_free_mb')}",
        f"Python objects each night: {each_night('python_objects')}; Python memory blocks: "
        f"{each_night('python_blocks')}; Qt Quick items: {each_night('quick_items')}",
        "Python gc collections by generation: "
        + ", ".join(str(generation["collections"]) for generation in report.get("gc", [])),
    ]
    if counts[UNDONE_BY_FLICK]:
        examples = "; ".join(report.get("examples", {}).get(UNDONE_BY_FLICK, []))
        notes.append(f"found: {counts[UNDONE_BY_FLICK]} {UNDONE_BY_FLICK} (e.g. {examples})")
    if report.get("aborted"):
        notes.append(f"the run stopped early: {report['aborted']}")
    if counts["first-day tours cut short"]:
        notes.append(
            "the first day's tour of every panel was cut short: night 1 may miss some first-time costs"
        )
    for title, key in (("Qt/QML warning or error", "first_warnings"), ("failure", "first_failures")):
        notes += [f"{title}: {count}× {text}" for text, count in report.get(key, [])]
    notes += [f"uncaught exception:\n{text}" for text in report.get("first_exceptions", [])]
    return notes


# --- The command -------------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.soak", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--days", type=int, default=DEFAULT_DAYS, help=f"days simulated (default {DEFAULT_DAYS})"
    )
    parser.add_argument(
        "--visits-per-day",
        type=int,
        default=DEFAULT_VISITS_PER_DAY,
        help=f"visitors a day (default {DEFAULT_VISITS_PER_DAY})",
    )
    parser.add_argument("--exhibit", type=Path, default=DEFAULT_EXHIBIT, help="default: the real exhibit")
    parser.add_argument(
        "--platform",
        choices=["offscreen", "xcb"],
        default="offscreen",
        help="xcb runs on a private Xvfb (default: offscreen)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the visitors' random seed")
    parser.add_argument(
        "--warm-up-days",
        type=int,
        default=DEFAULT_WARM_UP_DAYS,
        help=f"memory growth is measured from the night after these days (default {DEFAULT_WARM_UP_DAYS})",
    )
    parser.add_argument("--json", action="store_true", help="print the child's report as JSON, not a table")
    parser.add_argument(
        "--analytics", action="store_true", help="record the visitor events, as a kiosk does by default"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pin-hash", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.warm_up_days < 1 or arguments.days <= arguments.warm_up_days or arguments.visits_per_day < 1:
        parser.error(
            "--days must be more than --warm-up-days (at least 1; memory is compared from the night "
            "after them) and --visits-per-day at least 1"
        )
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if arguments.child:
        return run_child(arguments)
    if not load_exhibit(arguments.exhibit).ok:
        print(f"soak: {arguments.exhibit} is not a valid exhibit; `kiosk validate` says why", file=sys.stderr)
        return 2
    if arguments.platform == "xcb" and not shutil.which("Xvfb"):
        print("soak: --platform xcb needs Xvfb: apt-get install xvfb xauth", file=sys.stderr)
        return 2
    sources_before = sources_stamp(arguments.exhibit)
    header = (
        f"Soak: {display_path(arguments.exhibit.resolve())}, {arguments.days} days × "
        f"{arguments.visits_per_day} visits, seed {arguments.seed}; Qt {qVersion()}, "
        f"QT_QUICK_BACKEND=software, {arguments.platform}, {WINDOW_SIZE[0]}x{WINDOW_SIZE[1]}; "
        f"idle {IDLE_TIMEOUT_S} s, countdown {COUNTDOWN_S} s; {load_average()}"
    )
    print(header, file=sys.stderr if arguments.json else sys.stdout, flush=True)
    began = time.monotonic()
    outcome = run_soak(arguments)
    rows = rows_for(outcome, arguments.warm_up_days)
    passed = all(row.passed for row in rows)
    if arguments.json:
        print(json.dumps({**outcome.report, "returncode": outcome.returncode, "passed": passed}, indent=2))
        return 0 if passed else 1
    print()
    print(format_table(rows))
    print()
    for note in notes_for(outcome.report):
        print(f"  - {note}")
    print(f"\nWall time {(time.monotonic() - began) / 60:.1f} min. After the run: {load_average()}")
    if sources_stamp(arguments.exhibit) != sources_before:
        print("Warning: the kiosk's code or the exhibit changed during the run.")
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
