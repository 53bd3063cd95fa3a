"""When a visitor has gone: the idle timeout, the "still exploring?" countdown and the attract loop."""

import enum
import math

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.services.clock import SYSTEM_CLOCK, Clock

#: WCAG 2.2.1 (Timing Adjustable) asks for at least 20 seconds to answer a timeout warning.
MINIMUM_COUNTDOWN_S = 20.0


class IdleEnd(enum.Enum):
    """Why the last visit ended."""

    #: Nobody touched the home screen for the idle timeout.
    IDLE_TIMEOUT = "idle_timeout"
    #: The "still exploring?" countdown ran out unanswered.
    COUNTDOWN = "countdown"
    #: The kiosk closed for the night.
    CLOSING = "closing"
    #: Ended at once, by `end_session` (a control).
    ASKED = "asked"
    #: Ended by `end_after_error`: the kiosk met an unexpected error and starts over.
    ERROR = "error"


class IdleState(enum.Enum):
    VISITING = "visiting"
    COUNTDOWN = "countdown"
    ATTRACT = "attract"


class IdleService(QObject):
    """Counts the quiet since the last touch and ends the visit when nobody is there any more.

    On the home screen the kiosk goes straight to the attract loop after the idle timeout; inside
    a section it first asks, with a countdown, whether the visitor is still exploring. Anything
    that declares itself busy (a playing film, say) holds the idle timer off until it stops.
    """

    stateChanged = Signal()
    secondsLeftChanged = Signal()
    #: The visit is over: everything the visitor changed must be put back.
    sessionEnded = Signal()

    def __init__(
        self,
        idle_timeout_s: float = 60.0,
        countdown_s: float = MINIMUM_COUNTDOWN_S,
        *,
        tick_ms: int = 250,
        clock: Clock = SYSTEM_CLOCK,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._state = IdleState.VISITING
        self._at_home = True
        self._holds: set[str] = set()
        self._countdown_ends_ms = 0
        self._end_reason = IdleEnd.ASKED
        self._seconds_left = 0

        self._idle_timer = clock.timer("idleTimeout", self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._on_idle)

        self._countdown_timer = clock.timer("countdownEnd", self)
        self._countdown_timer.setSingleShot(True)
        self._countdown_timer.timeout.connect(lambda: self._end(IdleEnd.COUNTDOWN))

        # Only for the figure on screen; the countdown itself ends on its own timer.
        self._tick_timer = clock.timer("countdownTick", self)
        self._tick_timer.setInterval(tick_ms)
        self._tick_timer.timeout.connect(self._update_seconds_left)

        self.set_timeouts(idle_timeout_s, countdown_s)
        self._idle_timer.start()

    @property
    def state(self) -> IdleState:
        return self._state

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def end_reason(self) -> IdleEnd:
        """Why the last visit ended (read when `sessionEnded` is emitted)."""
        return self._end_reason

    @property
    def seconds_left(self) -> int:
        """Whole seconds left in the countdown, as the visitor reads them."""
        return self._seconds_left

    @property
    def countdown_s(self) -> float:
        return self._countdown_timer.interval() / 1000

    @property
    def idle_timeout_s(self) -> float:
        return self._idle_timer.interval() / 1000

    @property
    def busy(self) -> bool:
        return bool(self._holds)

    def set_timeouts(self, idle_timeout_s: float, countdown_s: float) -> None:
        if idle_timeout_s <= 0 or countdown_s <= 0:
            raise ValueError("timeouts must be positive")
        self._idle_timer.setInterval(round(idle_timeout_s * 1000))
        self._countdown_timer.setInterval(round(countdown_s * 1000))
        if self._idle_timer.isActive():
            self._idle_timer.start()

    def set_at_home(self, at_home: bool) -> None:
        """Where the visitor is decides whether the timeout asks first or goes straight to the loop."""
        self._at_home = at_home

    @Slot()
    def activity(self) -> None:
        """A touch, press, drag, swipe, scroll or key: someone is there."""
        if self._state is IdleState.COUNTDOWN:
            self._stop_countdown()
            self._set_state(IdleState.VISITING)
        if self._state is IdleState.VISITING:
            self._restart_idle_timer()

    def keep_exploring(self) -> None:
        """The visitor answered the countdown."""
        self.activity()

    def wake(self) -> None:
        """A touch on the attract loop: a new visit begins on the home screen."""
        if self._state is IdleState.ATTRACT:
            self._set_state(IdleState.VISITING)
            self._restart_idle_timer()

    def hold(self, reason: str) -> None:
        """Something is busy (media playing): no timeout until it is released."""
        self._holds.add(reason)
        self._idle_timer.stop()

    def release(self, reason: str) -> None:
        self._holds.discard(reason)
        if self._state is IdleState.VISITING:
            self._restart_idle_timer()

    @Slot()
    def end_session(self) -> None:
        """Ends the visit now: a control asked for it."""
        self._end(IdleEnd.ASKED)

    def end_after_error(self) -> None:
        """Something failed in front of the visitor: the kiosk starts over from the attract loop."""
        self._end(IdleEnd.ERROR)

    def _end(self, reason: IdleEnd) -> None:
        self._end_reason = reason
        self._idle_timer.stop()
        self._stop_countdown()
        self._holds.clear()
        self._set_state(IdleState.ATTRACT)
        self.sessionEnded.emit()

    def suspend(self) -> None:
        """The kiosk is closed: nothing counts down until it opens again, in the attract loop."""
        self._idle_timer.stop()
        self._stop_countdown()
        if self._state is not IdleState.ATTRACT:
            self._end(IdleEnd.CLOSING)

    def stop(self) -> None:
        """The window is going: nothing times out any more, and nothing is said."""
        self._idle_timer.stop()
        self._stop_countdown()

    def _restart_idle_timer(self) -> None:
        if not self._holds:
            self._idle_timer.start()

    @Slot()
    def _on_idle(self) -> None:
        if self._holds or self._state is not IdleState.VISITING:
            return
        if self._at_home:
            self._end(IdleEnd.IDLE_TIMEOUT)
            return
        self._countdown_ends_ms = self._monotonic_ms() + self._countdown_timer.interval()
        self._countdown_timer.start()
        self._tick_timer.start()
        self._update_seconds_left()
        self._set_state(IdleState.COUNTDOWN)

    def _stop_countdown(self) -> None:
        self._countdown_timer.stop()
        self._tick_timer.stop()

    @Slot()
    def _update_seconds_left(self) -> None:
        seconds = max(0, math.ceil((self._countdown_ends_ms - self._monotonic_ms()) / 1000))
        if seconds != self._seconds_left:
            self._seconds_left = seconds
            self.secondsLeftChanged.emit()

    def _monotonic_ms(self) -> int:
        return round(self._clock.monotonic() * 1000)

    def _set_state(self, state: IdleState) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit()
