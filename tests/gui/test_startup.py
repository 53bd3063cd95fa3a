"""Opening from a snapshot: the home screen first, the validated panels right after."""

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.run import load_validated, validate_after_first_frame
from kiosk.app.window import create_ui
from kiosk.content.snapshot import load_snapshot
from tests.conftest import MINI_EXHIBIT
from tests.gui.conftest import Finger, current_panel, find_item, search_item, wait_until_settled

pytestmark = pytest.mark.gui


def test_opens_from_the_snapshot_then_attaches_the_validated_exhibit(qtbot: QtBot, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert load_validated(MINI_EXHIBIT, cache) is not None
    summary = load_snapshot(cache, MINI_EXHIBIT)
    assert summary is not None
    ui = create_ui(summary)
    try:
        assert ui.exhibit.model is None
        validate_after_first_frame(ui, MINI_EXHIBIT, cache, on_invalid=lambda: pytest.fail("valid exhibit"))
        ui.window.resize(1920, 1080)
        with qtbot.waitSignal(ui.exhibit.attached):
            ui.window.show()
        assert find_item(ui, "exhibitTitle").property("text") == "Mini Exhibit"
        Finger(ui.window).tap(find_item(ui, "sectionTile1"))
        wait_until_settled(qtbot, ui)
        assert current_panel(ui).property("content")["title"] == "A timeline panel"
    finally:
        ui.dispose()


def test_panels_follow_when_a_section_opens_before_the_exhibit_arrives(qtbot: QtBot, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    exhibit = load_validated(MINI_EXHIBIT, cache)
    summary = load_snapshot(cache, MINI_EXHIBIT)
    assert exhibit is not None
    assert summary is not None
    ui = create_ui(summary)
    try:
        ui.window.resize(1920, 1080)
        with qtbot.waitSignal(ui.window.frameSwapped):
            ui.window.show()
        ui.navigation.openSection(0)
        assert ui.navigation.property("panels").rowCount() == 0
        ui.attach(exhibit)
        wait_until_settled(qtbot, ui)
        assert current_panel(ui).property("content")["title"] == "A text panel"
    finally:
        ui.dispose()


def test_an_exhibit_broken_since_its_snapshot_is_not_attached(qtbot: QtBot, tmp_path: Path) -> None:
    exhibit_dir = Path(shutil.copytree(MINI_EXHIBIT, tmp_path / "exhibit"))
    cache = tmp_path / "cache"
    assert load_validated(exhibit_dir, cache) is not None
    summary = load_snapshot(cache, exhibit_dir)
    assert summary is not None
    (exhibit_dir / "sections" / "second.yaml").write_text("id: [\n", encoding="utf-8")
    refused: list[bool] = []
    ui = create_ui(summary)
    try:
        validate_after_first_frame(ui, exhibit_dir, cache, on_invalid=lambda: refused.append(True))
        ui.window.resize(1920, 1080)
        ui.window.show()
        qtbot.waitUntil(lambda: refused == [True])
        assert ui.exhibit.model is None
        assert search_item(ui.window.contentItem(), "exhibitTitle") is not None
    finally:
        ui.dispose()
