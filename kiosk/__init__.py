"""Touch-first museum exhibit kiosk."""

__version__ = "0.1.0"
