from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.services.idle import IdleService, IdleState
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskSession"]

#: How long staff hold the hidden corner before the PIN pad opens.
STAFF_HOLD_S = 3.0


@QmlElement
@QmlUncreatable("Created by the application")
class KioskSession(QObject):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """One visitor's visit as the views see it: exploring, asked whether still there, or gone.

    `mode` is "visiting", "countdown", "attract", or "closed" outside opening hours. When a
    visit ends, `visitEnded` tells the views to put back everything the visitor changed.
    """

    modeChanged = Signal()
    secondsLeftChanged = Signal()
    visitEnded = Signal()

    def __init__(
        self, idle: IdleService, *, staff_hold_s: float = STAFF_HOLD_S, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._idle = idle
        self._closed = False
        self._staff_hold_s = staff_hold_s
        idle.stateChanged.connect(self.modeChanged)
        idle.secondsLeftChanged.connect(self.secondsLeftChanged)
        idle.sessionEnded.connect(self.visitEnded)

    @property
    def idle(self) -> IdleService:
        return self._idle

    def set_closed(self, closed: bool) -> None:
        """Outside opening hours the screen is dark; it opens again on the attract loop."""
        if closed == self._closed:
            return
        self._closed = closed
        if closed:
            self._idle.suspend()
        self.modeChanged.emit()

    def _mode(self) -> str:
        return "closed" if self._closed else self._idle.state.value

    @Slot()
    def keepExploring(self) -> None:
        self._idle.keep_exploring()

    @Slot()
    def wake(self) -> None:
        if not self._closed:
            self._idle.wake()

    @Slot(str)
    def holdIdle(self, reason: str) -> None:
        """Something plays (a film, an audio guide): no timeout until `releaseIdle` with the same reason."""
        self._idle.hold(reason)

    @Slot(str)
    def releaseIdle(self, reason: str) -> None:
        self._idle.release(reason)

    @Slot()
    def endVisit(self) -> None:
        self._idle.end_session()

    @property
    def attracting(self) -> bool:
        return self._closed or self._idle.state is IdleState.ATTRACT

    mode = Property(str, _mode, notify=modeChanged)
    secondsLeft = Property(int, lambda self: self._idle.seconds_left, notify=secondsLeftChanged)
    countdownSeconds = Property(int, lambda self: round(self._idle.countdown_s), notify=modeChanged)
    staffHoldSeconds = Property(float, lambda self: self._staff_hold_s, constant=True)
