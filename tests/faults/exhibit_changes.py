"""What the folder and storage fault tests share: an exhibit changed as curators change it, and a
kiosk window that shows published versions with nobody in front of it."""

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi, SessionOptions, create_ui
from kiosk.content.loader import load_exhibit
from kiosk.content.versions import Version
from tests.gui.conftest import find_item


def copy_with_title(exhibit: Path, where: Path, title: str) -> Path:
    """A complete copy of the exhibit, its first section retitled: the new version a curator brings."""
    shutil.copytree(exhibit, where)
    retitle(where, "First Section", title)
    return where


def retitle(folder: Path, old: str, new: str) -> None:
    """Saves exhibit.yaml with the first section renamed, as editors do: a new file renamed over the old."""
    path = folder / "exhibit.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"    title: {old}\n" in text
    temporary = folder / ".exhibit.yaml.saving"
    temporary.write_text(text.replace(f"    title: {old}\n", f"    title: {new}\n", 1), encoding="utf-8")
    temporary.replace(path)


def tile_title(ui: KioskUi) -> str:
    return find_item(ui, "sectionTile0").property("text")


def open_window(qtbot: QtBot, version: Version, content_folders: tuple[Path, ...] = ()) -> KioskUi:
    """A kiosk window showing `version`, in its attract loop: a valid new version goes on show at once.

    Pictures are shown from `content_folders` (by default, the version's own folder)."""
    exhibit = load_exhibit(version.folder).exhibit
    assert exhibit is not None
    ui = create_ui(
        exhibit, SessionOptions(idle_timeout_s=30, countdown_s=30, content_folders=content_folders)
    )
    ui.window.resize(1280, 720)
    with qtbot.waitSignal(ui.window.frameSwapped):
        ui.window.show()
    ui.idle.end_session()
    qtbot.waitUntil(lambda: ui.session.property("mode") == "attract")
    return ui
