"""The idle timer: when the kiosk asks whether a visitor is still there, and when it starts over."""

import pytest
from PySide6.QtCore import QTimer

from kiosk.services.idle import IdleService, IdleState
from tests.clock import ManualClock

# The kiosk's own defaults: the clock is the test's, so the real timings cost nothing.
IDLE_S = 60.0
COUNTDOWN_S = 20.0


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def idle(qtbot, clock):
    service = IdleService(IDLE_S, COUNTDOWN_S, clock=clock)
    yield service
    service.deleteLater()


def running_timers(idle: IdleService) -> list[str]:
    return [timer.objectName() for timer in idle.findChildren(QTimer) if timer.isActive()]


def record_states(idle: IdleService) -> list[IdleState]:
    states: list[IdleState] = []
    idle.stateChanged.connect(lambda: states.append(idle.state))
    return states


def test_on_the_home_screen_the_timeout_goes_straight_to_the_attract_loop(idle, clock):
    states = record_states(idle)
    ended: list[bool] = []
    idle.sessionEnded.connect(lambda: ended.append(True))
    clock.advance(IDLE_S, ms=-1)
    assert (states, ended) == ([], [])
    clock.advance(ms=1)
    assert states == [IdleState.ATTRACT]
    assert ended == [True]


def test_inside_a_section_the_kiosk_asks_first_and_then_starts_over(idle, clock):
    idle.set_at_home(False)
    states = record_states(idle)
    ended: list[bool] = []
    idle.sessionEnded.connect(lambda: ended.append(True))
    clock.advance(IDLE_S)
    assert states == [IdleState.COUNTDOWN]
    clock.advance(COUNTDOWN_S, ms=-1)
    assert (states, ended) == ([IdleState.COUNTDOWN], [])
    clock.advance(ms=1)
    assert states == [IdleState.COUNTDOWN, IdleState.ATTRACT]
    assert ended == [True]


def test_the_countdown_counts_whole_seconds_down(qtbot, clock):
    idle = IdleService(IDLE_S, 2.5, tick_ms=10, clock=clock)
    idle.set_at_home(False)
    clock.advance(IDLE_S)
    assert idle.state is IdleState.COUNTDOWN
    assert idle.seconds_left == 3
    clock.advance(0.5)
    assert idle.seconds_left == 2
    clock.advance(0.99)
    assert idle.seconds_left == 2
    clock.advance(0.01)
    assert idle.seconds_left == 1
    assert idle.state is IdleState.COUNTDOWN
    clock.advance(1)
    assert idle.state is IdleState.ATTRACT
    idle.deleteLater()


def test_a_touch_during_the_countdown_keeps_the_visit_going(idle, clock):
    idle.set_at_home(False)
    clock.advance(IDLE_S)
    assert idle.state is IdleState.COUNTDOWN
    ended = []
    idle.sessionEnded.connect(lambda: ended.append(True))
    clock.advance(COUNTDOWN_S - 1)
    idle.keep_exploring()
    assert idle.state is IdleState.VISITING
    # The full idle timeout runs again before the next question, and the old countdown is gone.
    clock.advance(IDLE_S, ms=-1)
    assert idle.state is IdleState.VISITING
    clock.advance(ms=1)
    assert idle.state is IdleState.COUNTDOWN
    assert ended == []


def test_steady_activity_holds_the_timeout_off(idle, clock):
    """A reader who keeps scrolling is never interrupted, however long they stay."""
    idle.set_at_home(False)
    states = record_states(idle)
    for _ in range(60):  # an hour's reading, a scroll every 59 seconds
        clock.advance(IDLE_S - 1)
        idle.activity()
    assert states == []
    clock.advance(IDLE_S)
    assert states == [IdleState.COUNTDOWN]


def test_busy_media_holds_the_timer_off_until_it_stops(idle, clock):
    idle.set_at_home(False)
    idle.hold("film")
    assert running_timers(idle) == []
    clock.advance(3600)
    assert idle.state is IdleState.VISITING
    idle.release("film")
    clock.advance(IDLE_S)
    assert idle.state is IdleState.COUNTDOWN


def test_two_holds_both_have_to_be_released(idle, clock):
    idle.hold("film")
    idle.hold("audio guide")
    idle.release("film")
    assert running_timers(idle) == []
    clock.advance(3600)
    assert idle.state is IdleState.VISITING
    idle.release("audio guide")
    clock.advance(IDLE_S)
    assert idle.state is IdleState.ATTRACT


def test_the_attract_loop_ignores_activity_until_woken(idle, clock):
    clock.advance(IDLE_S)
    assert idle.state is IdleState.ATTRACT
    idle.activity()
    assert idle.state is IdleState.ATTRACT
    idle.wake()
    assert idle.state is IdleState.VISITING
    clock.advance(IDLE_S)
    assert idle.state is IdleState.ATTRACT


def test_ending_the_visit_on_purpose_clears_busy_holds(qtbot, idle, clock):
    idle.hold("film")
    with qtbot.waitSignal(idle.sessionEnded):
        idle.end_session()
    idle.wake()
    assert not idle.busy
    clock.advance(IDLE_S)
    assert idle.state is IdleState.ATTRACT


def test_suspending_stops_every_timer(idle):
    idle.set_at_home(False)
    idle.suspend()
    assert idle.state is IdleState.ATTRACT
    assert running_timers(idle) == []


def test_timers_are_named_for_whoever_reads_a_dump_of_them(idle):
    names = {timer.objectName() for timer in idle.findChildren(QTimer)}
    assert names == {"idleTimeout", "countdownEnd", "countdownTick"}


def test_the_real_clock_ends_a_visit_too(qtbot):
    """The services' timers run on Qt's event loop when nothing else is injected."""
    idle = IdleService(0.05, 0.05)
    with qtbot.waitSignal(idle.sessionEnded, timeout=5000):
        pass
    assert idle.state is IdleState.ATTRACT
    idle.deleteLater()


def test_stopping_ends_every_timer_and_says_nothing(idle, clock):
    idle.set_at_home(False)
    clock.advance(IDLE_S)
    states = record_states(idle)
    idle.stop()
    assert running_timers(idle) == []
    clock.advance(3600)
    assert states == []
