"""KioskVideoSurface, where Qt Quick draws in software (docs/adr/0037-films-in-the-software-renderer.md)."""

import os
import subprocess
import sys

from tests.conftest import REPOSITORY

FIRST_FILM = """
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication

from kiosk.viewmodels.video_surface import KioskVideoSurface

application = QGuiApplication([])
attribute = Qt.ApplicationAttribute.AA_ForceRasterWidgets
before = QCoreApplication.testAttribute(attribute)
KioskVideoSurface().video_sink()
print(before, QCoreApplication.testAttribute(attribute))
"""


def test_a_film_drawn_in_software_is_converted_on_the_processor() -> None:
    # Without the attribute, Qt Multimedia converts every frame through an OpenGL context of its own
    # (llvmpipe without a graphics card): on xcb about half of a 1080p30 film's frames were dropped.
    # The surface asks for it when a player first draws on it, not at start-up, where naming Qt's
    # namespace costs the first frame about 13 ms. In a process of its own: the attribute is global.
    completed = subprocess.run(
        [sys.executable, "-c", FIRST_FILM],
        cwd=REPOSITORY,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert completed.stdout.split() == ["False", "True"]
