import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase

from kiosk.content.paths import DEFAULT_ASSETS_DIR

logger = logging.getLogger(__name__)
FONTS_DIR = DEFAULT_ASSETS_DIR / "fonts"
_registered: set[Path] = set()


def register_bundled_fonts(fonts_dir: Path = FONTS_DIR) -> None:
    """Makes the bundled fonts available, so the kiosk looks the same whatever the system has."""
    for path in sorted(fonts_dir.glob("*.[ot]tf")):
        if path in _registered:
            continue
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            logger.warning("could not load font %s", path)
        else:
            _registered.add(path)
