"""What operations staff must know about how this kiosk runs, said once and kept for the staff screen.

A notice is a condition, not an event: the log folder cannot be written and the log goes to the
journal only, a window manager is running behind the kiosk, the kiosk started in safe mode. Each is
logged once, as a warning, when it is first noticed, and stays in the staff screen's diagnostics
for as long as the kiosk runs; saying it again changes nothing, so a check that runs every minute
does not fill the log.
"""

import logging
import threading

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_notices: dict[str, str] = {}


def notify(key: str, text: str) -> None:
    """Records the condition `key`, described by `text`, and logs it the first time it is noticed."""
    with _lock:
        if key in _notices:
            return
        _notices[key] = text
    logger.warning("%s", text)


def withdraw(key: str) -> None:
    """The condition has passed (the folder can be written again): it leaves the staff screen."""
    with _lock:
        text = _notices.pop(key, None)
    if text is not None:
        logger.info("resolved: %s", text)


def current_notices() -> list[str]:
    """Every condition in force, in the order they were noticed."""
    with _lock:
        return list(_notices.values())


def clear_notices() -> None:
    """Forgets every notice (a new kiosk in the same process, as the tests make)."""
    with _lock:
        _notices.clear()
