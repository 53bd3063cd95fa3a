import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL, QObject, QPoint, QPointF, QRectF
from PySide6.QtGui import QPointingDevice
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi, SessionOptions, create_ui
from kiosk.content.loader import load_exhibit
from tests.conftest import REPOSITORY

OpenKiosk = Callable[..., KioskUi]

#: What Qt Multimedia says, once, on a machine without sound hardware, VA-API or PipeWire.
QUIET_WITHOUT_SOUND_HARDWARE = pytest.mark.qt_log_ignore(
    r"Couldn't (load|resolve) .* (library|symbols)",
    r"PulseAudioService: pa_context_connect\(\) failed",
    r"No audio device detected",
    r"Could not open media",
)
SWIPE_STEP_MS = 16


class Finger:
    """Touches the window as a visitor's finger does: real touch events, no mouse."""

    def __init__(self, window: QQuickWindow) -> None:
        self.window = window
        self.device: QPointingDevice = QTest.createTouchDevice()

    def tap_at(self, point: QPoint) -> None:
        # One sequence for the whole gesture: it remembers the touch point between events.
        touch = QTest.touchEvent(self.window, self.device)
        touch.press(0, point, self.window).commit()
        touch.release(0, point, self.window).commit()

    def tap(self, item: QQuickItem) -> None:
        self.tap_at(centre_of(item))

    def swipe(self, start: QPoint, end: QPoint, steps: int = 12) -> None:
        touch = QTest.touchEvent(self.window, self.device)
        touch.press(0, start, self.window).commit()
        for step in range(1, steps + 1):
            # A finger takes time to travel: Qt measures drags by the events' timestamps, so the
            # moves are spread over a real 200 ms, as a quick swipe is.
            QTest.qWait(SWIPE_STEP_MS)
            touch.move(0, start + (end - start) * (step / steps), self.window).commit()
        touch.release(0, end, self.window).commit()


def centre_of(item: QQuickItem) -> QPoint:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()


def search_item(root: QQuickItem, name: str) -> QQuickItem | None:
    """Finds an item by objectName through the visual tree, where delegates live."""
    pending = [root]
    while pending:
        item = pending.pop()
        if item.objectName() == name:
            return item
        pending.extend(item.childItems())
    return None


def items_named(root: QQuickItem, prefix: str) -> list[QQuickItem]:
    """Every item under root whose objectName starts with prefix, in visual-tree order."""
    found = []
    pending = [root]
    while pending:
        item = pending.pop(0)
        if item.objectName().startswith(prefix):
            found.append(item)
        pending.extend(item.childItems())
    return found


def find_item(ui: KioskUi, name: str) -> QQuickItem:
    item = search_item(ui.window.contentItem(), name)
    assert item is not None, f"no item named {name!r}"
    return item


@pytest.fixture
def open_kiosk(qtbot: QtBot) -> Iterator[OpenKiosk]:
    opened: list[KioskUi] = []

    def open_(
        exhibit_dir: Path, size: tuple[int, int] = (1920, 1080), options: SessionOptions | None = None
    ) -> KioskUi:
        result = load_exhibit(exhibit_dir)
        assert result.exhibit is not None, [problem.format() for problem in result.problems]
        ui = create_ui(result.exhibit, options or SessionOptions())
        opened.append(ui)
        ui.window.resize(*size)
        with qtbot.waitSignal(ui.window.frameSwapped):
            ui.window.show()
        # On an X server (tests/gui/test_graphics_api.py) the keyboard's focus comes with activation,
        # which the offscreen platform gives every window at once.
        ui.window.requestActivate()
        qtbot.waitUntil(ui.window.isActive)
        # Generous: on a loaded two-core machine the first frames of a new window come slowly.
        qtbot.waitUntil(
            lambda: search_item(ui.window.contentItem(), "sectionTile0") is not None, timeout=20_000
        )
        # And the screens it makes after its first frame made, as for a visitor who walks up to a
        # kiosk already running (tests/gui/test_startup.py has the visitor who comes sooner).
        qtbot.waitUntil(lambda: ui.window.property("firstFrameShown"), timeout=20_000)
        # The section screen is made after the first frame (ADR 32).
        qtbot.waitUntil(
            lambda: search_item(ui.window.contentItem(), "sectionScreen") is not None, timeout=20_000
        )
        return ui

    yield open_
    for ui in opened:
        ui.dispose()


def wait_until_settled(qtbot: QtBot, ui: KioskUi) -> None:
    """Waits for the screen transition and any panel movement to finish."""
    target = 0.0 if ui.navigation.property("atHome") else 1.0
    panel_list = search_item(ui.window.contentItem(), "panelList")

    def settled() -> bool:
        if ui.window.property("reveal") != target:
            return False
        if target == 1.0 and panel_list is not None:
            index = ui.navigation.property("panelIndex")
            return (
                panel_list.property("currentIndex") == index
                and not panel_list.property("moving")
                and abs(panel_list.property("contentX") - index * panel_list.width()) < 1
            )
        return True

    qtbot.waitUntil(settled, timeout=5000)


def tap_open_section(qtbot: QtBot, ui: KioskUi, index: int) -> Finger:
    """Taps a section's tile and waits until the section has opened; returns the finger."""
    finger = Finger(ui.window)
    finger.tap(find_item(ui, f"sectionTile{index}"))
    qtbot.waitUntil(lambda: ui.navigation.property("sectionIndex") == index)
    wait_until_settled(qtbot, ui)
    return finger


def current_panel(ui: KioskUi) -> QQuickItem:
    panel_list = find_item(ui, "panelList")
    page = panel_list.property("currentItem")
    assert page is not None
    loader = next(child for child in page.childItems() if child.objectName().startswith("panel_"))
    panel = loader.property("item")
    assert panel is not None
    return panel


def read_the_panel(qtbot: QtBot, ui: KioskUi, finger: Finger) -> None:
    """The visitor reads the panel on show: touches it near its top corner (clear of its controls)
    and swipes its middle up. What opens over the panel afterwards must still answer a finger."""
    area = visible_rect(current_panel(ui), ui.window)
    finger.tap_at(area.topLeft().toPoint() + QPoint(20, 20))
    middle = area.center().toPoint()
    finger.swipe(middle, middle - QPoint(0, 200))
    wait_until_settled(qtbot, ui)


# What a visitor can touch: the tests of target sizes, names and reach walk the items with these.

TAP_SIGNALS = (
    "tapped(QEventPoint,Qt::MouseButton)",
    "singleTapped(QEventPoint,Qt::MouseButton)",
    "doubleTapped(QEventPoint,Qt::MouseButton)",
    "longPressed()",
)
CLICK_SIGNALS = ("clicked(QQuickMouseEvent*)", "pressed(QQuickMouseEvent*)")


def accessibility_of(item: QQuickItem) -> QObject | None:
    """The item's Accessible attached object, if the view gave it one."""
    return next((child for child in item.children() if child.inherits("QQuickAccessibleAttached")), None)


def is_ignored(item: QQuickItem) -> bool:
    """Deliberately not a control: a touch-swallowing backdrop, or staff's hidden corner."""
    attached = accessibility_of(item)
    return attached is not None and bool(attached.property("ignored"))


def answers_taps(item: QQuickItem) -> str | None:
    """How the item answers a finger, or None: a button, a mouse area or tap handler that does
    something (a handler with nothing connected only keeps touches from what lies beneath), or
    links in its text."""
    if item.inherits("QQuickAbstractButton"):
        return "button"
    if item.inherits("QQuickMouseArea"):
        # MouseArea's own `enabled` only stops its mouse handling; Item.enabled is separate.
        if item.property("enabled") and any(item.receivers(SIGNAL(signal)) for signal in CLICK_SIGNALS):
            return "mouse area"
        return None
    for handler in item.children():
        if (
            handler.inherits("QQuickTapHandler")
            and handler.property("enabled")
            and any(handler.receivers(SIGNAL(signal)) for signal in TAP_SIGNALS)
        ):
            return "tap handler"
    if item.inherits("QQuickText") and '<a href="' in (item.property("text") or ""):
        return "links"
    return None


def visible_rect(item: QQuickItem, window: QQuickWindow) -> QRectF:
    """The part of the item on screen: its rectangle cut by every clipping ancestor's."""
    rect = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
    ancestor = item.parentItem()
    while ancestor is not None:
        if ancestor.clip():
            rect = rect.intersected(
                ancestor.mapRectToScene(QRectF(0, 0, ancestor.width(), ancestor.height()))
            )
        ancestor = ancestor.parentItem()
    # The window is passed in: a wrapper made by item.window() takes the window with it when collected.
    return rect.intersected(QRectF(0, 0, window.width(), window.height()))


@dataclass(frozen=True)
class Control:
    item: QQuickItem
    kind: str

    @property
    def label(self) -> str:
        name = self.item.objectName() or self.item.metaObject().className()
        return f"{name} ({self.kind})"


def controls_on_screen(ui: KioskUi) -> list[Control]:
    found = []
    pending = [ui.window.contentItem()]
    while pending:
        item = pending.pop(0)
        if not item.isVisible() or not item.isEnabled() or item.opacity() == 0:
            continue
        pending.extend(item.childItems())
        kind = answers_taps(item)
        if kind is None or is_ignored(item) or visible_rect(item, ui.window).isEmpty():
            continue
        found.append(Control(item, kind))
    return found


def run_tests_apart(cases: Path, environment: dict[str, str], basetemp: Path, timeout_s: float = 900) -> None:
    """Runs the tests in `cases` in a pytest of its own with `environment` (a sound server, an X
    server drawing through OpenGL: what Qt sets up once per process), and fails unless every one of
    them ran and passed."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(cases),
            "-q",
            "-p",
            "no:cacheprovider",
            f"--basetemp={basetemp}",
        ],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-8000:] + completed.stderr[-2000:]
    summary = completed.stdout.strip().splitlines()[-1]
    assert "passed" in summary, summary
    assert "skipped" not in summary, summary  # every case ran where it was meant to
