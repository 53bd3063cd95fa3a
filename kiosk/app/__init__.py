"""Starting the kiosk: the Qt application, fonts, logging, and the QML window."""

from kiosk.app.run import run_exhibit
from kiosk.app.window import KioskUi, create_ui

__all__ = ["KioskUi", "create_ui", "run_exhibit"]
