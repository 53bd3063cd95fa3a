import logging
import os
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from kiosk.content.paths import DEFAULT_ASSETS_DIR
from kiosk.viewmodels.theme import CYRILLIC_STAND_INS

logger = logging.getLogger(__name__)
FONTS_DIR = DEFAULT_ASSETS_DIR / "fonts"
_registered: set[Path] = set()

__all__ = ["CYRILLIC_STAND_INS", "FONTS_DIR", "register_bundled_fonts", "start_offscreen"]

_APPLICATION: list[QGuiApplication] = []


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


def start_offscreen() -> None:
    """Makes sure a QGuiApplication exists for the fonts: on the offscreen platform, whatever the
    environment asks for, since measuring needs no display and `kiosk validate` runs where there
    is none."""
    if QGuiApplication.instance() is None:
        chosen = os.environ.get("QT_QPA_PLATFORM")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        try:
            # Kept for the life of the process: fonts belong to the application.
            _APPLICATION.append(QGuiApplication(["kiosk"]))
        finally:
            if chosen is None:
                del os.environ["QT_QPA_PLATFORM"]
            else:
                os.environ["QT_QPA_PLATFORM"] = chosen
    register_bundled_fonts()
