"""Content that changes under an open window: the curator's preview, and a running kiosk."""

import logging
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.preview import Preview, open_preview
from kiosk.app.publishing import Publishing
from kiosk.app.window import KioskUi, SessionOptions, create_ui
from kiosk.content.versions import VersionStore
from kiosk.viewmodels.preview import KioskPreview
from kiosk.viewmodels.staff import KioskStaff, PinVerdict
from tests.conftest import MINI_EXHIBIT
from tests.gui.conftest import (
    OpenKiosk,
    current_panel,
    find_item,
    search_item,
    tap_open_section,
    wait_until_settled,
)

pytestmark = pytest.mark.gui
SETTLE_MS = 30


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI_EXHIBIT, folder)
    return folder


def save(folder: Path, old: str, new: str) -> None:
    """Saves exhibit.yaml as editors do: a new file renamed over the old one."""
    path = folder / "exhibit.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    temporary = folder / ".exhibit.yaml.saving"
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    temporary.replace(path)


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def tile_title(ui: KioskUi, index: int) -> str:
    tile = find_item(ui, f"sectionTile{index}")
    return tile.property("text")


@pytest.fixture
def preview_window(qtbot: QtBot, folder: Path):
    from kiosk.content.loader import load_exhibit

    exhibit = load_exhibit(folder).exhibit
    assert exhibit is not None
    view_model = KioskPreview()
    ui = create_ui(exhibit, SessionOptions(idle_timeout_s=3600, countdown_s=3600), preview=view_model)
    ui.window.resize(1920, 1080)
    with qtbot.waitSignal(ui.window.frameSwapped):
        ui.window.show()
    preview = Preview(ui, folder, view_model, settle_ms=SETTLE_MS, parent=ui.window)
    yield ui, preview, view_model
    preview.stop()
    ui.dispose()


def test_preview_shows_a_save_where_the_curator_was(qtbot: QtBot, folder: Path, preview_window) -> None:
    ui, preview, _ = preview_window
    tap_open_section(qtbot, ui, 0)
    ui.navigation.showPanel(2)
    wait_until_settled(qtbot, ui)
    with qtbot.waitSignal(preview.shown, timeout=5000):
        save(folder, "title: A quote panel", "title: A quotation, retitled")
    qtbot.waitUntil(lambda: current_panel(ui).property("content")["title"] == "A quotation, retitled")
    assert (ui.navigation.property("sectionIndex"), ui.navigation.property("panelIndex")) == (0, 2)


def test_preview_reports_text_that_does_not_fit_with_the_house_rules_warnings(
    qtbot: QtBot, folder: Path, preview_window, capsys: pytest.CaptureFixture[str]
) -> None:
    _, preview, _ = preview_window
    capsys.readouterr()
    long_body = "body: " + " ".join(["Words that run on."] * 120)
    with qtbot.waitSignal(preview.shown, timeout=5000):
        save(folder, "body: The last panel.", long_body)
    reported = capsys.readouterr().err
    line = line_of(folder / "exhibit.yaml", "        " + long_body)
    assert f"exhibit.yaml:{line}:15: warning: sections[3].panels[1].body: does not fit its place" in reported


def test_preview_lists_problems_over_the_last_good_version_until_fixed(
    qtbot: QtBot, folder: Path, preview_window
) -> None:
    ui, preview, view_model = preview_window
    with qtbot.waitSignal(preview.refused, timeout=5000):
        save(folder, "    title: First Section", "    titel: First Section")
    sheet = find_item(ui, "previewProblems")
    assert sheet.isVisible()
    places = [problem["where"] for problem in view_model.property("problems")]
    messages = " ".join(problem["message"] for problem in view_model.property("problems"))
    line = line_of(folder / "exhibit.yaml", "    titel: First Section")
    assert any(place.endswith(f"exhibit.yaml:{line}:5") for place in places), places
    assert "titel" in messages
    # Beneath the panel, the last good version is still there.
    assert tile_title(ui, 0) == "First Section"
    with qtbot.waitSignal(preview.shown, timeout=5000):
        save(folder, "    titel: First Section", "    title: The First Section")
    qtbot.waitUntil(lambda: search_item(ui.window.contentItem(), "previewProblems") is None)
    assert tile_title(ui, 0) == "The First Section"


def test_preview_opens_on_files_never_valid_and_shows_the_exhibit_once_they_are(
    qtbot: QtBot, folder: Path
) -> None:
    """A curator's first draft rarely validates: the window opens on its problems all the same."""
    save(folder, "    title: First Section", "    titel: First Section")
    ui, preview, view_model = open_preview(folder, settle_ms=SETTLE_MS)
    try:
        ui.window.resize(1920, 1080)
        with qtbot.waitSignal(ui.window.frameSwapped):
            ui.window.show()
        sheet = find_item(ui, "previewProblems")
        assert sheet.isVisible()
        # Nothing valid lies beneath: the problems have the window to themselves.
        assert sheet.property("height") == ui.window.height()
        line = line_of(folder / "exhibit.yaml", "    titel: First Section")
        places = [problem["where"] for problem in view_model.property("problems")]
        assert any(place.endswith(f"exhibit.yaml:{line}:5") for place in places), places
        with qtbot.waitSignal(preview.shown, timeout=5000):
            save(folder, "    titel: First Section", "    title: The First Section")
        qtbot.waitUntil(lambda: search_item(ui.window.contentItem(), "previewProblems") is None)
        assert tile_title(ui, 0) == "The First Section"
        # Broken again, the exhibit stays beneath the problems, as for any valid version.
        with qtbot.waitSignal(preview.refused, timeout=5000):
            save(folder, "    title: The First Section", "    titel: The First Section")
        assert find_item(ui, "previewProblems").property("height") < ui.window.height()
        assert tile_title(ui, 0) == "The First Section"
    finally:
        preview.stop()
        ui.dispose()


def test_preview_shows_a_picture_replaced_under_the_same_name(
    qtbot: QtBot, folder: Path, preview_window
) -> None:
    ui, preview, _ = preview_window
    before = ui.exhibit.sections.record(0)["tileImage"]
    with qtbot.waitSignal(preview.shown, timeout=5000):
        shutil.copy(folder / "media" / "bar.svg", folder / "media" / "square.svg")
    after = ui.exhibit.sections.record(0)["tileImage"]
    assert after != before
    assert after.split("?")[0] == before.split("?")[0]


@pytest.fixture
def kiosk_publishing(qtbot: QtBot, open_kiosk: OpenKiosk, folder: Path, tmp_path: Path):
    store = VersionStore.for_exhibit(tmp_path / "data", folder)
    first = store.publish()
    assert first.version is not None
    ui = open_kiosk(first.version.folder, options=SessionOptions(idle_timeout_s=30, countdown_s=30))
    publishing = Publishing(
        ui, store, first.version, tmp_path / "cache", settle_ms=SETTLE_MS, parent=ui.window
    )
    yield ui, store, publishing
    publishing.stop()


def test_a_running_kiosk_waits_for_the_visit_to_end_before_showing_a_new_version(
    qtbot: QtBot, folder: Path, kiosk_publishing
) -> None:
    ui, store, publishing = kiosk_publishing
    tap_open_section(qtbot, ui, 0)
    assert ui.session.property("mode") == "visiting"
    save(folder, "    title: First Section", "    title: A Section Renamed")
    qtbot.waitUntil(lambda: publishing.waiting is not None, timeout=5000)
    # Never under the visitor's finger: the open section keeps its old title meanwhile.
    assert find_item(ui, "sectionTitle").property("text") == "First Section"
    assert tile_title(ui, 0) == "First Section"
    with qtbot.waitSignal(publishing.shown, timeout=5000):
        ui.idle.end_session()
    assert tile_title(ui, 0) == "A Section Renamed"
    assert store.current() == publishing.showing


def test_a_running_kiosk_ignores_an_invalid_version(
    qtbot: QtBot, folder: Path, kiosk_publishing, caplog: pytest.LogCaptureFixture
) -> None:
    ui, store, publishing = kiosk_publishing
    shown = publishing.showing
    caplog.set_level(logging.ERROR, logger="kiosk.app.publishing")
    save(folder, "    title: First Section", "    title: [First Section")
    qtbot.waitUntil(lambda: "new version refused" in caplog.text, timeout=5000)
    line = line_of(folder / "exhibit.yaml", "    title: [First Section") + 1
    assert f"mini/exhibit.yaml:{line}:11: error: YAML syntax error" in caplog.text
    assert publishing.waiting is None
    assert publishing.showing == shown
    assert store.current() == shown
    assert tile_title(ui, 0) == "First Section"


def test_staff_roll_back_to_the_version_before(
    qtbot: QtBot, folder: Path, tmp_path: Path, open_kiosk
) -> None:
    store = VersionStore.for_exhibit(tmp_path / "data", folder)
    first = store.publish().version
    save(folder, "    title: First Section", "    title: A Section Renamed")
    second = store.publish().version
    assert first is not None
    assert second is not None
    holder: list[Publishing] = []
    staff = KioskStaff(lambda pin: PinVerdict(accepted=True), versions=lambda: holder[0].versions())
    from kiosk.content.loader import load_exhibit

    exhibit = load_exhibit(second.folder).exhibit
    assert exhibit is not None
    ui = create_ui(exhibit, SessionOptions(), staff)
    ui.window.resize(1920, 1080)
    with qtbot.waitSignal(ui.window.frameSwapped):
        ui.window.show()
    holder.append(Publishing(ui, store, second, tmp_path / "cache", settle_ms=SETTLE_MS, parent=ui.window))
    holder[0].serve(staff)
    try:
        staff.requestAccess()
        staff.pressDigit("1")
        staff.submitPin()
        staff.showVersions()
        versions = staff.property("versions")
        assert [version["name"] for version in versions] == [second.name, first.name]
        assert [version["shown"] for version in versions] == [True, False]
        with qtbot.waitSignal(holder[0].shown, timeout=5000):
            staff.rollBack(first.name)
        assert tile_title(ui, 0) == "First Section"
        assert store.current() == first
        assert staff.current_view == ""
    finally:
        holder[0].stop()
        ui.dispose()


def test_with_nobody_there_a_new_version_goes_on_show_at_once(
    qtbot: QtBot, folder: Path, kiosk_publishing
) -> None:
    ui, _, publishing = kiosk_publishing
    ui.idle.end_session()
    qtbot.waitUntil(lambda: ui.session.property("mode") == "attract")
    with qtbot.waitSignal(publishing.shown, timeout=5000):
        save(folder, "    title: First Section", "    title: Renamed While Nobody Looked")
    assert tile_title(ui, 0) == "Renamed While Nobody Looked"


def test_a_version_waiting_for_the_visit_goes_on_show_when_the_kiosk_closes_for_the_night(
    qtbot: QtBot, folder: Path, kiosk_publishing
) -> None:
    ui, _, publishing = kiosk_publishing
    tap_open_section(qtbot, ui, 0)
    save(folder, "    title: First Section", "    title: Renamed At Closing Time")
    qtbot.waitUntil(lambda: publishing.waiting is not None, timeout=5000)
    with qtbot.waitSignal(publishing.shown, timeout=5000):
        ui.session.set_closed(True)
    assert tile_title(ui, 0) == "Renamed At Closing Time"
