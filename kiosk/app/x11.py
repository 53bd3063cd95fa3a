"""What the kiosk asks of an X11 window manager, over a connection of its own to the X server.

Qt's xcb platform already asks for a frameless, full-screen window above the others; what Qt has
no words for is the window manager's desktops (workspaces): that the kiosk belongs on all of them,
that "show the desktop" be ended, and which window manager is running at all. These are the
Extended Window Manager Hints (EWMH), sent as client messages to the root window, as pagers and
`wmctrl` send them. The connection is made with xcffib, over the same libxcb that Qt's xcb
platform uses, so it reaches the X server exactly as Qt does (display, authority, socket).

Only loaded on the xcb platform; every failure here is the caller's to contain.
"""

import os
import sys

import xcffib
import xcffib.xproto

#: _NET_WM_DESKTOP's value for a window shown on every desktop.
ALL_DESKTOPS = 0xFFFFFFFF
#: Client messages about windows come "from an application" (EWMH's source indication).
FROM_APPLICATION = 1
_NET_WM_STATE_ADD = 1
_PROPERTY_WORDS = 1024


class X11Desktop:
    """The X server the kiosk shows on, and the window manager on it, if there is one."""

    def __init__(self, connection: xcffib.Connection) -> None:
        self._connection = connection
        # xcffib sets up its core protocol at import, where its type cannot be inferred.
        self._core: xcffib.xproto.xprotoExtension = connection.core  # type: ignore[has-type]
        self._root = connection.get_setup().roots[connection.pref_screen].root
        self._atoms: dict[str, int] = {}

    @classmethod
    def connect(cls, display: str | None = None) -> "X11Desktop":
        """Connects to `display`, or to $DISPLAY; raises xcffib's exceptions when it cannot."""
        return cls(xcffib.connect(display=display))

    def close(self) -> None:
        self._connection.disconnect()

    def window_manager(self) -> str | None:
        """The running window manager's name (and its desktop's, when the session names one), or None.

        An EWMH window manager names itself on a window that the root window points to, and that
        points to itself (a pointer left by a window manager that has since gone points elsewhere
        or nowhere). Others may still hold the ICCCM's WM_S0 selection.
        """
        name = self._ewmh_window_manager() or self._icccm_window_manager()
        if name is None:
            return None
        desktop = os.environ.get("XDG_CURRENT_DESKTOP", "")
        if desktop and desktop.casefold() not in name.casefold():
            return f"{name} (desktop {desktop})"
        return name

    def _ewmh_window_manager(self) -> str | None:
        check = self._window_property(self._root, "_NET_SUPPORTING_WM_CHECK")
        if check is None or self._window_property(check, "_NET_SUPPORTING_WM_CHECK") != check:
            return None
        return self._text_property(check, "_NET_WM_NAME", "UTF8_STRING") or "an unnamed window manager"

    def _icccm_window_manager(self) -> str | None:
        owner = self._core.GetSelectionOwner(self._atom(f"WM_S{self._connection.pref_screen}")).reply().owner
        if owner == 0:
            return None
        return (
            self._text_property(owner, "_NET_WM_NAME", "UTF8_STRING")
            or self._class_name(owner)
            or "an unnamed window manager"
        )

    def bring_back(self, window: int, attempt: int) -> None:
        """Asks the window manager to show `window` again, wherever it was sent.

        Every attempt ends "show the desktop" and puts the window on all desktops, where switching
        desktop cannot hide it; from the second attempt on, for window managers that have no "all
        desktops", the window is also moved to the desktop on show.
        """
        if self._cardinal_property(self._root, "_NET_SHOWING_DESKTOP"):
            self._client_message(self._root, "_NET_SHOWING_DESKTOP", 0)
        self._client_message(window, "_NET_WM_DESKTOP", ALL_DESKTOPS, FROM_APPLICATION)
        self._client_message(
            window,
            "_NET_WM_STATE",
            _NET_WM_STATE_ADD,
            self._atom("_NET_WM_STATE_STICKY"),
            0,
            FROM_APPLICATION,
        )
        current = self._cardinal_property(self._root, "_NET_CURRENT_DESKTOP")
        if attempt > 1 and current is not None:
            self._client_message(window, "_NET_WM_DESKTOP", current, FROM_APPLICATION)

    def _client_message(self, window: int, message: str, *words: int) -> None:
        data = xcffib.xproto.ClientMessageData.synthetic([*words, 0, 0, 0, 0, 0][:5], "I" * 5)
        event = xcffib.xproto.ClientMessageEvent.synthetic(32, window, self._atom(message), data)
        # Checked, so that an error comes back here rather than waiting unread in the connection.
        self._core.SendEventChecked(
            False,
            self._root,
            xcffib.xproto.EventMask.SubstructureRedirect | xcffib.xproto.EventMask.SubstructureNotify,
            event.pack(),
        ).check()

    def _atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = self._core.InternAtom(False, len(name), name).reply().atom
        return self._atoms[name]

    def _property(self, window: int, name: str, kind: int) -> bytes:
        try:
            reply = self._core.GetProperty(False, window, self._atom(name), kind, 0, _PROPERTY_WORDS).reply()
        except xcffib.xproto.WindowError:
            return b""  # the window has gone
        return bytes(reply.value.buf())

    def _window_property(self, window: int, name: str) -> int | None:
        value = self._property(window, name, xcffib.xproto.Atom.WINDOW)
        return int.from_bytes(value[:4], sys.byteorder) if len(value) >= 4 else None

    def _cardinal_property(self, window: int, name: str) -> int | None:
        value = self._property(window, name, xcffib.xproto.Atom.CARDINAL)
        return int.from_bytes(value[:4], sys.byteorder) if len(value) >= 4 else None

    def _text_property(self, window: int, name: str, kind: str) -> str:
        return self._property(window, name, self._atom(kind)).decode("utf-8", "replace").strip("\0 ")

    def _class_name(self, window: int) -> str:
        parts = self._property(window, "WM_CLASS", xcffib.xproto.Atom.STRING).split(b"\0")
        return parts[1].decode("latin-1") if len(parts) > 1 else ""
