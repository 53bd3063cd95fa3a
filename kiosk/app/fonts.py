import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from kiosk.content.paths import DEFAULT_ASSETS_DIR
from kiosk.viewmodels.theme import CYRILLIC_STAND_INS

logger = logging.getLogger(__name__)
FONTS_DIR = DEFAULT_ASSETS_DIR / "fonts"
_registered: set[Path] = set()

__all__ = ["CYRILLIC_STAND_INS", "FONTS_DIR", "register_bundled_fonts"]


def register_bundled_fonts(fonts_dir: Path = FONTS_DIR) -> None:
    """Makes the bundled fonts available, so the kiosk looks the same whatever the system has."""
    for path in sorted(fonts_dir.glob("*.[ot]tf")):
        if path in _registered:
            continue
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            logger.warning("could not load font %s", path)
        else:
            _registered.add(path)
    families = set(QFontDatabase.families())
    for family, stand_in in CYRILLIC_STAND_INS.items():
        # A Russian transcript is set in the stand-in itself (kiosk.viewmodels.theme); this is for
        # a Russian word in an English one. A substitute is asked only for the letters the family
        # lacks: its Latin is its own.
        if stand_in in families and stand_in not in QFont.substitutes(family):
            QFont.insertSubstitution(family, stand_in)
