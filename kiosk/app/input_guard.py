"""Everything a visitor's fingers and keys do passes here first: activity, waking, lockdown."""

import functools
import logging
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QGuiApplication, QInputDevice, QKeyEvent, QKeySequence, QPointerEvent, QWindow

from kiosk.services.idle import IdleService, IdleState

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

logger = logging.getLogger(__name__)

_PRESSES = {
    QEvent.Type.TouchBegin,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TabletPress,
}
_POINTER = _PRESSES | {
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.TabletMove,
    QEvent.Type.TabletRelease,
    QEvent.Type.Wheel,
}
_ENDS = {
    QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TabletRelease,
}
_KEYS = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}

_ESCAPE_SEQUENCES = (
    QKeySequence.StandardKey.Quit,
    QKeySequence.StandardKey.Close,
    QKeySequence.StandardKey.FullScreen,
)


class _EscapeKeys(NamedTuple):
    alone: frozenset["Qt.Key"]
    with_control: frozenset["Qt.Key"]
    with_alt: frozenset["Qt.Key"]


@functools.cache
def _escape_keys() -> _EscapeKeys:
    """Keys that close, switch, shrink or leave a window on some desktop; on the kiosk they do
    nothing. A plain Escape leaves no window (Qt's full-screen windows ignore it), and it is Back
    for keypad and switch users, so it reaches the exhibit.

    Made at the first key rather than on import: they are of the Qt namespace, whose enums cost
    Python about 18 ms to make, all at once, and the first frame does not wait for them.
    """
    from PySide6.QtCore import Qt

    key = Qt.Key
    return _EscapeKeys(
        alone=frozenset(
            {
                key.Key_F11,
                key.Key_Meta,
                key.Key_Super_L,
                key.Key_Super_R,
                key.Key_Menu,
                key.Key_Close,
                key.Key_Launch0,
            }
        ),
        with_control=frozenset({key.Key_Q, key.Key_W, key.Key_Tab}),
        with_alt=frozenset({key.Key_F4, key.Key_Tab, key.Key_Escape, key.Key_Space}),
    )


def is_escape_key(event: QKeyEvent) -> bool:
    """Whether a key would close, switch or shrink the window anywhere; modifiers are checked."""
    from PySide6.QtCore import Qt

    keys = _escape_keys()
    key = Qt.Key(event.key())
    modifiers = event.modifiers()
    if key in keys.alone or any(event.matches(sequence) for sequence in _ESCAPE_SEQUENCES):
        return True
    if modifiers & Qt.KeyboardModifier.ControlModifier and key in keys.with_control:
        return True
    return bool(modifiers & Qt.KeyboardModifier.AltModifier and key in keys.with_alt)


class InputGuard(QObject):
    """Stands between the visitor and the window.

    Every touch, press, drag, swipe, scroll or key counts as activity. The touch that wakes the
    attract loop, or answers the "still exploring?" question, does only that: it is swallowed to
    its release, so it never also presses what lies beneath the finger. With `lockdown`, keys
    that would leave the kiosk do nothing, the window refuses to close, there are no context
    menus, and the pointer is hidden while the kiosk is used by touch. (A window minimized or sent
    away by the window system is brought back by kiosk.app.display.)
    """

    #: A finger, pen or button pressed on the window (whatever it then does); a double click is
    #: one press more, not two.
    touched = Signal()
    #: A key pressed, as a keypad or switch user does.
    keyPressed = Signal()

    def __init__(
        self, window: QWindow, idle: IdleService, *, lockdown: bool, parent: QObject | None = None
    ) -> None:
        super().__init__(parent or window)
        self._window = window
        self._idle = idle
        self._lockdown = lockdown
        self._swallowing = False
        self._may_close = False
        self._pointer_hidden = False

        window.installEventFilter(self)

    def allow_close(self) -> None:
        """Staff chose Exit: from now on the window may close."""
        self._may_close = True

    def release_pointer(self) -> None:
        if self._pointer_hidden:
            QGuiApplication.restoreOverrideCursor()
            self._pointer_hidden = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _POINTER:
            return self._pointer_event(event)  # type: ignore[arg-type]
        if kind in _KEYS:
            return self._key_event(event)  # type: ignore[arg-type]
        if self._lockdown:
            if kind == QEvent.Type.Close and not self._may_close:
                logger.info("refused to close the kiosk window: only staff may exit")
                event.ignore()
                return True
            if kind == QEvent.Type.ContextMenu:
                return True
        return False

    def _pointer_event(self, event: QPointerEvent) -> bool:
        kind = event.type()
        if self._lockdown:
            self._follow_pointer_device(event)
        if self._swallowing:
            if kind in _ENDS and not _still_pressed(event):
                self._swallowing = False
            event.accept()  # accepted, so that no mouse event is made from the swallowed touch
            return True
        if kind in _PRESSES:
            if kind != QEvent.Type.MouseButtonDblClick:
                self.touched.emit()
            if self._answers_the_kiosk():
                self._swallowing = True
                event.accept()
                return True
            self._idle.activity()
        elif kind != QEvent.Type.MouseMove or _still_pressed(event):
            # Moves of a finger or a held button are activity; a mouse merely hovering is not.
            self._idle.activity()
        return False

    def _key_event(self, event: QKeyEvent) -> bool:
        if self._lockdown and is_escape_key(event):
            return True
        if event.type() != QEvent.Type.KeyPress:
            return False
        if not event.isAutoRepeat():
            self.keyPressed.emit()
        if self._answers_the_kiosk():
            return True
        self._idle.activity()
        return False

    def _answers_the_kiosk(self) -> bool:
        """A touch on the attract loop or the countdown wakes or answers the kiosk, and nothing else."""
        state = self._idle.state
        if state is IdleState.ATTRACT:
            self._idle.wake()
            return True
        if state is IdleState.COUNTDOWN:
            self._idle.keep_exploring()
            return True
        return False

    def _follow_pointer_device(self, event: QPointerEvent) -> None:
        device = event.pointingDevice()
        is_mouse = device is not None and device.type() == QInputDevice.DeviceType.Mouse
        if not is_mouse:
            self.hide_pointer()
        elif event.type() == QEvent.Type.MouseMove:
            self.release_pointer()

    def hide_pointer(self) -> None:
        """Hides the pointer until a mouse moves (locked down, from the first frame on)."""
        if not self._pointer_hidden:
            from PySide6.QtCore import Qt

            QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
            self._pointer_hidden = True


def _still_pressed(event: QPointerEvent) -> bool:
    if event.type() in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
        return False
    if event.type() in (QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove):
        return bool(event.buttons())  # type: ignore[attr-defined]
    return event.type() not in _ENDS
