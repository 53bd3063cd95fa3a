"""The kiosk on its own: the attract loop, the countdown, a fresh start for every visitor, lockdown."""

import dataclasses
import random

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QWheelEvent
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.run import UnattendedRestart
from kiosk.app.window import TIDY_DELAY_MS, KioskUi, SessionOptions
from tests.clock import ManualClock
from tests.conftest import MINI_EXHIBIT
from tests.gui.conftest import (
    Finger,
    OpenKiosk,
    centre_of,
    current_panel,
    find_item,
    items_named,
    read_the_panel,
    search_item,
    tap_open_section,
    wait_until_settled,
)

pytestmark = pytest.mark.gui

# The kiosk's own timeouts: on a clock the test moves, they cost nothing, and nothing times out
# while a test's visitor is busy, however slow the machine.
IDLE_S = 60.0
COUNTDOWN_S = 20.0


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def timed(clock: ManualClock) -> SessionOptions:
    return SessionOptions(idle_timeout_s=IDLE_S, countdown_s=COUNTDOWN_S, staff_hold_s=0.3, clock=clock)


def mode(ui: KioskUi) -> str:
    return ui.session.property("mode")


def wait_for_mode(qtbot: QtBot, ui: KioskUi, wanted: str) -> None:
    qtbot.waitUntil(lambda: mode(ui) == wanted, timeout=5000)


def wait_for_attract_loop(qtbot: QtBot, ui: KioskUi) -> None:
    wait_for_mode(qtbot, ui, "attract")
    layer = find_item(ui, "attractLayer")
    qtbot.waitUntil(lambda: layer.property("opacity") == 1, timeout=5000)


def wake(qtbot: QtBot, ui: KioskUi, finger: Finger, at: QPoint | None = None) -> None:
    finger.tap_at(at or QPoint(ui.window.width() // 2, ui.window.height() // 2))
    wait_for_mode(qtbot, ui, "visiting")
    layer = find_item(ui, "attractLayer")
    qtbot.waitUntil(lambda: not layer.isVisible(), timeout=5000)


def test_an_idle_home_screen_goes_straight_to_the_attract_loop(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions, clock: ManualClock
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    modes: list[str] = []
    ui.session.modeChanged.connect(lambda: modes.append(mode(ui)))
    clock.advance(IDLE_S, ms=-1)
    assert modes == []
    clock.advance(ms=1)
    wait_for_attract_loop(qtbot, ui)
    assert modes == ["attract"]
    # Behind the opaque loop, nothing of the exhibit is drawn.
    assert not find_item(ui, "stageLoader").isVisible()


def test_an_idle_section_asks_then_starts_over(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions, clock: ManualClock
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    tap_open_section(qtbot, ui, 1)
    clock.advance(IDLE_S)
    wait_for_mode(qtbot, ui, "countdown")
    overlay = find_item(ui, "countdownOverlay")
    assert overlay.isVisible()
    seconds = search_item(overlay, "countdownSeconds")
    assert seconds.property("text") == "20"
    clock.advance(COUNTDOWN_S - 1)
    qtbot.waitUntil(lambda: seconds.property("text") == "1")
    assert mode(ui) == "countdown"
    clock.advance(1)
    wait_for_attract_loop(qtbot, ui)
    assert ui.navigation.property("atHome")
    assert not overlay.isVisible()


def test_the_touch_that_answers_the_countdown_presses_nothing_else(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions, clock: ManualClock
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    finger = tap_open_section(qtbot, ui, 0)
    next_button = centre_of(find_item(ui, "nextButton"))
    clock.advance(IDLE_S)
    wait_for_mode(qtbot, ui, "countdown")
    finger.tap_at(next_button)
    assert mode(ui) == "visiting"
    assert not find_item(ui, "countdownOverlay").isVisible()
    assert ui.navigation.property("panelIndex") == 0


def test_the_waking_touch_opens_the_home_screen_and_presses_nothing(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions, clock: ManualClock
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    finger = Finger(ui.window)
    tile = centre_of(find_item(ui, "sectionTile2"))
    clock.advance(IDLE_S)
    wait_for_attract_loop(qtbot, ui)
    wake(qtbot, ui, finger, at=tile)
    assert ui.navigation.property("atHome")
    assert find_item(ui, "homeScreen").isVisible()
    # The next touch is the visitor's own.
    finger.tap_at(tile)
    qtbot.waitUntil(lambda: ui.navigation.property("sectionIndex") == 2)


def test_a_key_wakes_the_kiosk_too(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions, clock: ManualClock
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    clock.advance(IDLE_S)
    wait_for_attract_loop(qtbot, ui)
    QTest.keyClick(ui.window, Qt.Key.Key_Right)
    wait_for_mode(qtbot, ui, "visiting")
    assert ui.navigation.property("atHome")


def test_swiping_and_scrolling_count_as_activity(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions, clock: ManualClock
) -> None:
    """A visitor who reads, swipes and scrolls without tapping is never interrupted."""
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    finger = tap_open_section(qtbot, ui, 0)
    modes: list[str] = []
    ui.session.modeChanged.connect(lambda: modes.append(mode(ui)))
    panels = find_item(ui, "panelList")
    middle = panels.mapToScene(panels.boundingRect().center()).toPoint()
    quarter = QPoint(int(panels.width()) // 4, 0)
    for _ in range(3):  # six minutes of reading, each pause a second short of the timeout
        finger.swipe(middle + quarter, middle - quarter)
        clock.advance(IDLE_S - 1)
        QTest.mouseMove(ui.window, middle)
        wheel_over(ui, middle)
        clock.advance(IDLE_S - 1)
    assert modes == []
    assert ui.navigation.property("panelIndex") > 0
    clock.advance(1)  # a minute since the last scroll
    wait_for_mode(qtbot, ui, "countdown")


def wheel_over(ui: KioskUi, point: QPoint) -> None:
    position = QPointF(point)
    event = QWheelEvent(
        position,
        ui.window.mapToGlobal(position),
        QPoint(0, -60),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QGuiApplication.sendEvent(ui.window, event)


def test_thirty_visits_each_start_afresh(qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    finger = Finger(ui.window)
    visitor = random.Random(1933)
    section_count = ui.exhibit.sections.rowCount()
    for visit in range(30):
        visit_at_random(qtbot, ui, finger, visitor, section_count)
        ui.session.endVisit()
        wait_for_mode(qtbot, ui, "attract")
        # The next visitor comes along before the loop has even faded in.
        finger.tap_at(QPoint(ui.window.width() // 2, ui.window.height() // 2))
        wait_for_mode(qtbot, ui, "visiting")
        wait_until_settled(qtbot, ui)
        assert_fresh_start(ui, visit)


def visit_at_random(
    qtbot: QtBot, ui: KioskUi, finger: Finger, visitor: random.Random, section_count: int
) -> None:
    finger = tap_open_section(qtbot, ui, visitor.randrange(section_count))
    for _ in range(visitor.randrange(3)):
        if ui.navigation.property("panelIndex") + 1 >= ui.navigation.property("panelCount"):
            break
        index = ui.navigation.property("panelIndex")
        finger.tap(find_item(ui, "nextButton"))
        qtbot.waitUntil(lambda index=index: ui.navigation.property("panelIndex") == index + 1)
        wait_until_settled(qtbot, ui)
    panel = current_panel(ui)
    flickables = [
        item
        for item in items_named(panel, "scrollFlickable")
        if item.property("contentHeight") > item.height()
    ]
    for flickable in flickables:
        flickable.setProperty("contentY", flickable.property("contentHeight") - flickable.height())
    gallery_item = search_item(panel, "galleryItem1")
    if gallery_item is not None and visitor.random() < 0.8:
        finger.tap(gallery_item)
        qtbot.waitUntil(lambda: find_item(ui, "lightbox").property("open"))
    if visitor.random() < 0.3:
        ui.staff.requestAccess()


def assert_fresh_start(ui: KioskUi, visit: int) -> None:
    root = ui.window.contentItem()
    context = f"after visit {visit + 1}"
    assert ui.navigation.property("atHome"), context
    assert ui.navigation.property("panelIndex") == 0, context
    assert ui.window.property("reveal") == 0, context
    assert ui.staff.current_view == "", context
    assert all(not item.property("open") for item in items_named(root, "lightbox")), context
    assert all(item.property("contentY") == 0 for item in items_named(root, "scrollFlickable")), context
    panel_list = find_item(ui, "panelList")
    assert panel_list.property("contentX") == 0, context
    assert panel_list.property("currentIndex") <= 0, context


def test_one_tap_is_one_action(qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    finger = tap_open_section(qtbot, ui, 0)
    moves: list[int] = []
    ui.navigation.stateChanged.connect(lambda: moves.append(ui.navigation.property("panelIndex")))
    finger.tap(find_item(ui, "nextButton"))
    wait_until_settled(qtbot, ui)
    assert moves == [1]


def test_a_burst_of_taps_on_a_tile_opens_it_once(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    finger = Finger(ui.window)
    opened: list[int] = []
    ui.navigation.sectionChanged.connect(lambda: opened.append(ui.navigation.property("sectionIndex")))
    tile = centre_of(find_item(ui, "sectionTile0"))
    for _ in range(5):
        finger.tap_at(tile)
        QTest.qWait(40)  # an impatient visitor: five taps in a fifth of a second
    wait_until_settled(qtbot, ui)
    assert opened == [0]
    assert ui.navigation.property("panelIndex") == 0


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    ],
)
def test_keys_that_would_leave_the_kiosk_do_nothing(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=dataclasses.replace(timed, lockdown=True))
    tap_open_section(qtbot, ui, 0)
    seen: list[int] = []
    root = ui.window.contentItem()
    root.installEventFilter(key_spy := KeySpy(seen))
    QTest.keyClick(ui.window, key, modifiers)
    root.removeEventFilter(key_spy)
    assert key not in seen
    assert ui.window.isVisible()
    assert ui.navigation.property("sectionIndex") == 0


def test_in_lockdown_escape_still_takes_a_keyboard_user_back(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions
) -> None:
    # Escape leaves no window by itself: on the kiosk it is the keypad's Back, as keyboard access needs.
    ui = open_kiosk(MINI_EXHIBIT, options=dataclasses.replace(timed, lockdown=True))
    tap_open_section(qtbot, ui, 0)
    QTest.keyClick(ui.window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: ui.navigation.property("atHome"))
    assert ui.window.isVisible()


class KeySpy(QObject):
    """Notes every key press that reaches the exhibit's items."""

    def __init__(self, seen: list[int]) -> None:
        super().__init__()
        self.seen = seen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self.seen.append(event.key())
        return False


def test_in_lockdown_the_window_cannot_be_closed_but_staff_exit_can(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=dataclasses.replace(timed, lockdown=True))
    ui.window.close()
    assert ui.window.isVisible()
    ui.guard.allow_close()
    ui.window.close()
    assert not ui.window.isVisible()


def test_in_lockdown_there_are_no_context_menus_and_touch_hides_the_pointer(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=dataclasses.replace(timed, lockdown=True))
    menu = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10), QPoint(10, 10))
    assert ui.guard.eventFilter(ui.window, menu)
    # Hidden from the window's first frame.
    qtbot.waitUntil(pointer_hidden)
    # Someone plugs in a mouse: the pointer is there when it moves...
    QTest.mouseMove(ui.window, QPoint(200, 200))
    QTest.mouseMove(ui.window, QPoint(220, 210))
    assert not pointer_hidden()
    # ...and gone again at the next touch.
    Finger(ui.window).tap_at(QPoint(ui.window.width() // 2, 40))
    assert pointer_hidden()


def pointer_hidden() -> bool:
    cursor = QGuiApplication.overrideCursor()
    return cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor


def test_staff_hold_the_corner_and_enter_the_pin(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    finger = Finger(ui.window)
    corner = centre_of(find_item(ui, "staffCorner"))
    touch = QTest.touchEvent(ui.window, finger.device)
    touch.press(0, corner, ui.window).commit()
    qtbot.waitUntil(lambda: ui.staff.current_view == "pin", timeout=3000)
    touch.release(0, corner, ui.window).commit()
    assert find_item(ui, "staffOverlay").isVisible()
    qtbot.waitUntil(lambda: search_item(ui.window.contentItem(), "pinKeyOK") is not None)
    # No PIN is set for this kiosk: the pad refuses every PIN.
    for digit in "1933":
        finger.tap(find_item(ui, f"pinKey{digit}"))
    qtbot.waitUntil(lambda: ui.staff.property("pinLength") == 4)
    finger.tap(find_item(ui, "pinKeyOK"))
    qtbot.waitUntil(lambda: "No staff PIN" in ui.staff.property("message"))
    assert ui.staff.current_view == "pin"
    # The message pushes the buttons down: touch Cancel where the next frame shows it.
    with qtbot.waitSignal(ui.window.frameSwapped):
        ui.window.update()
    finger.tap(find_item(ui, "staffCancel"))
    qtbot.waitUntil(lambda: not find_item(ui, "staffOverlay").isVisible())


def test_a_short_press_in_the_corner_is_an_ordinary_touch(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    Finger(ui.window).tap(find_item(ui, "staffCorner"))
    assert ui.staff.current_view == ""


def test_outside_opening_hours_the_screen_is_dark_and_still(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    tap_open_section(qtbot, ui, 0)
    ui.session.set_closed(True)
    wait_for_mode(qtbot, ui, "closed")
    assert find_item(ui, "closedScreen").isVisible()
    assert not find_item(ui, "stageLoader").isVisible()
    attract = find_item(ui, "attractLayer")
    qtbot.waitUntil(lambda: not attract.property("active"))
    assert ui.navigation.property("atHome")
    ui.session.set_closed(False)
    wait_for_attract_loop(qtbot, ui)


def test_playing_media_holds_the_countdown_off(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions, clock: ManualClock
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    ui.session.holdIdle("film")  # as a playing video tells the session from QML
    tap_open_section(qtbot, ui, 0)
    assert ui.session.property("mode") == "visiting"
    assert not ui.idle.findChild(QTimer, "idleTimeout").isActive()
    clock.advance(3600)  # a long film
    assert mode(ui) == "visiting"
    ui.session.releaseIdle("film")
    clock.advance(IDLE_S)
    wait_for_mode(qtbot, ui, "countdown")


def test_a_planned_restart_waits_for_the_visitor_to_leave(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions, clock: ManualClock
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    tap_open_section(qtbot, ui, 0)
    restarts: list[str] = []
    restart = UnattendedRestart(ui, lambda: restarts.append(mode(ui)))
    restart.request("daily restart")
    clock.advance(IDLE_S + COUNTDOWN_S, ms=-1)
    assert restarts == []
    clock.advance(ms=1)
    wait_for_mode(qtbot, ui, "attract")
    assert restarts == ["attract"]


def test_a_planned_restart_with_nobody_there_happens_at_once(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions, clock: ManualClock
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    clock.advance(IDLE_S)
    wait_for_mode(qtbot, ui, "attract")
    restarts: list[str] = []
    UnattendedRestart(ui, lambda: restarts.append("now")).request("memory ceiling 900 MB exceeded")
    assert restarts == ["now"]


def test_memory_is_tidied_once_the_visit_has_ended(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions, clock: ManualClock
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    tidied: list[str] = []
    ui.tidy_timer.timeout.connect(lambda: tidied.append(mode(ui)))
    tap_open_section(qtbot, ui, 1)
    assert not ui.tidy_timer.isActive()
    ui.session.endVisit()
    clock.advance(ms=TIDY_DELAY_MS - 1)
    assert tidied == []
    clock.advance(ms=1)
    assert tidied == ["attract"]


def test_after_the_visitor_has_swiped_a_panel_a_swipe_on_the_countdown_answers_it_and_turns_nothing(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions, clock: ManualClock
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    finger = tap_open_section(qtbot, ui, 0)
    read_the_panel(qtbot, ui, finger)
    clock.advance(IDLE_S)
    wait_for_mode(qtbot, ui, "countdown")
    middle = QPoint(ui.window.width() // 2, ui.window.height() // 2)
    finger.swipe(middle, middle - QPoint(500, 0))
    wait_for_mode(qtbot, ui, "visiting")
    wait_until_settled(qtbot, ui)
    assert ui.navigation.property("panelIndex") == 0
    assert not find_item(ui, "countdownOverlay").isVisible()


def test_after_the_visitor_has_swiped_a_panel_the_staff_pad_answers_and_nothing_beneath_it_does(
    qtbot: QtBot, open_kiosk: OpenKiosk, timed: SessionOptions
) -> None:
    ui = open_kiosk(MINI_EXHIBIT, options=timed)
    finger = tap_open_section(qtbot, ui, 0)
    read_the_panel(qtbot, ui, finger)
    corner = centre_of(find_item(ui, "staffCorner"))
    touch = QTest.touchEvent(ui.window, finger.device)
    touch.press(0, corner, ui.window).commit()
    qtbot.waitUntil(lambda: ui.staff.current_view == "pin", timeout=3000)
    touch.release(0, corner, ui.window).commit()
    qtbot.waitUntil(lambda: search_item(ui.window.contentItem(), "pinKeyOK") is not None)
    for digit in "19":
        finger.tap(find_item(ui, f"pinKey{digit}"))
    qtbot.waitUntil(lambda: ui.staff.property("pinLength") == 2)
    # Across the overlay, over the panels beneath it: they do not turn.
    middle = QPoint(ui.window.width() * 3 // 4, ui.window.height() // 2)
    finger.swipe(middle, middle - QPoint(500, 0))
    wait_until_settled(qtbot, ui)
    assert ui.navigation.property("panelIndex") == 0
    finger.tap(find_item(ui, "staffCancel"))
    qtbot.waitUntil(lambda: not find_item(ui, "staffOverlay").isVisible())
