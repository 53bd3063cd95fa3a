"""The idle timer: when the kiosk asks whether a visitor is still there, and when it starts over."""

import pytest
from PySide6.QtCore import QTimer

from kiosk.services.idle import IdleService, IdleState

# Shrunk timeouts: the behaviour is the same at 60 and 20 seconds.
IDLE_S = 0.08
COUNTDOWN_S = 0.15


@pytest.fixture
def idle(qtbot):
    service = IdleService(IDLE_S, COUNTDOWN_S, tick_ms=10)
    yield service
    service.deleteLater()


def wait_for_state(qtbot, idle: IdleService, state: IdleState, timeout: int = 2000) -> None:
    qtbot.waitUntil(lambda: idle.state is state, timeout=timeout)


def running_timers(idle: IdleService) -> list[str]:
    return [timer.objectName() for timer in idle.findChildren(QTimer) if timer.isActive()]


def test_on_the_home_screen_the_timeout_goes_straight_to_the_attract_loop(qtbot, idle):
    states = []
    idle.stateChanged.connect(lambda: states.append(idle.state))
    with qtbot.waitSignal(idle.sessionEnded, timeout=2000):
        pass
    assert states == [IdleState.ATTRACT]


def test_inside_a_section_the_kiosk_asks_first_and_then_starts_over(qtbot, idle):
    idle.set_at_home(False)
    states = []
    idle.stateChanged.connect(lambda: states.append(idle.state))
    with qtbot.waitSignal(idle.sessionEnded, timeout=2000):
        pass
    assert states == [IdleState.COUNTDOWN, IdleState.ATTRACT]


def test_the_countdown_counts_whole_seconds_down(qtbot):
    idle = IdleService(0.01, 2.5, tick_ms=10)
    idle.set_at_home(False)
    wait_for_state(qtbot, idle, IdleState.COUNTDOWN)
    assert idle.seconds_left == 3
    qtbot.waitUntil(lambda: idle.seconds_left == 2, timeout=2000)
    assert idle.state is IdleState.COUNTDOWN


def test_a_touch_during_the_countdown_keeps_the_visit_going(qtbot, idle):
    idle.set_at_home(False)
    wait_for_state(qtbot, idle, IdleState.COUNTDOWN)
    ended = []
    idle.sessionEnded.connect(lambda: ended.append(True))
    idle.keep_exploring()
    assert idle.state is IdleState.VISITING
    # The full idle timeout runs again before the next question.
    wait_for_state(qtbot, idle, IdleState.COUNTDOWN)
    assert ended == []


def test_steady_activity_holds_the_timeout_off(qtbot, idle):
    """A reader who keeps scrolling is never interrupted, however long they stay."""
    idle.set_at_home(False)
    reading = QTimer()
    reading.setInterval(20)  # a scroll every 20 ms, well inside the 80 ms timeout
    reading.timeout.connect(idle.activity)
    reading.start()
    states = []
    idle.stateChanged.connect(lambda: states.append(idle.state))
    qtbot.wait(round(IDLE_S * 1000 * 5))  # five timeouts' worth of reading
    reading.stop()
    assert states == []
    wait_for_state(qtbot, idle, IdleState.COUNTDOWN)


def test_busy_media_holds_the_timer_off_until_it_stops(qtbot, idle):
    idle.set_at_home(False)
    idle.hold("film")
    assert running_timers(idle) == []
    idle.release("film")
    wait_for_state(qtbot, idle, IdleState.COUNTDOWN)


def test_two_holds_both_have_to_be_released(qtbot, idle):
    idle.hold("film")
    idle.hold("audio guide")
    idle.release("film")
    assert running_timers(idle) == []
    idle.release("audio guide")
    wait_for_state(qtbot, idle, IdleState.ATTRACT)


def test_the_attract_loop_ignores_activity_until_woken(qtbot, idle):
    wait_for_state(qtbot, idle, IdleState.ATTRACT)
    idle.activity()
    assert idle.state is IdleState.ATTRACT
    idle.wake()
    assert idle.state is IdleState.VISITING
    wait_for_state(qtbot, idle, IdleState.ATTRACT)


def test_ending_the_visit_on_purpose_clears_busy_holds(qtbot, idle):
    idle.hold("film")
    with qtbot.waitSignal(idle.sessionEnded):
        idle.end_session()
    idle.wake()
    assert not idle.busy
    wait_for_state(qtbot, idle, IdleState.ATTRACT)


def test_suspending_stops_every_timer(qtbot, idle):
    idle.set_at_home(False)
    idle.suspend()
    assert idle.state is IdleState.ATTRACT
    assert running_timers(idle) == []


def test_timers_are_named_for_whoever_reads_a_dump_of_them(idle):
    names = {timer.objectName() for timer in idle.findChildren(QTimer)}
    assert names == {"idleTimeout", "countdownEnd", "countdownTick"}
