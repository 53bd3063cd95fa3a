"""Opening from a snapshot: the home screen first, the validated panels right after; the screens
the home screen does not show are made after its first frame, or at once for a visitor who asks."""

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtQml import QQmlAbstractUrlInterceptor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.run import load_validated, validate_after_first_frame
from kiosk.app.url_policy import ContentUrlPolicy
from kiosk.app.window import KioskUi, SessionOptions, create_ui
from kiosk.content.snapshot import load_snapshot
from tests.clock import ManualClock
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


@pytest.fixture
def held_back(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskUi]:
    """The kiosk opened from its snapshot, as `kiosk run` opens it, and shown: its first frame is
    drawn, and the screens it makes after the first frame are held back, as on a machine too busy
    to have got round to them yet."""
    cache = tmp_path / "cache"
    exhibit = load_validated(MINI_EXHIBIT, cache)
    summary = load_snapshot(cache, MINI_EXHIBIT)
    assert exhibit is not None
    assert summary is not None
    ui = create_ui(summary)
    try:
        build_later = ui.window.findChild(QTimer, "buildAfterFirstFrame")
        build_later.blockSignals(True)
        ui.attach(exhibit)
        ui.window.resize(1920, 1080)
        with qtbot.waitSignal(ui.window.frameSwapped):
            ui.window.show()
        yield ui
    finally:
        ui.dispose()


def test_the_first_frame_shows_the_home_screen_and_the_section_screen_is_made_after_it(
    qtbot: QtBot, held_back: KioskUi
) -> None:
    ui = held_back
    root = ui.window.contentItem()
    assert find_item(ui, "homeScreen").isVisible()
    assert search_item(root, "sectionScreen") is None
    assert search_item(root, "countdownOverlay") is None
    build_later = ui.window.findChild(QTimer, "buildAfterFirstFrame")
    build_later.blockSignals(False)
    build_later.start()
    qtbot.waitUntil(lambda: search_item(root, "sectionScreen") is not None)
    assert search_item(root, "countdownOverlay") is not None
    assert not find_item(ui, "sectionScreen").isVisible()
    assert find_item(ui, "homeScreen").isVisible()


def test_the_first_frame_asks_for_no_picture(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every file the engine loads passes the URL policy: what it has seen by the first frame is
    # what the first frame cost. The tiles' pictures, which the first frame never shows, are asked
    # for after it (ADR 41). The section screen's views are compiled with Main.qml: compiled on the
    # engine's loader thread, they deadlocked with the GUI thread (ADR 41).
    loaded: list[str] = []
    pictures: list[str] = []
    intercept = ContentUrlPolicy.intercept

    def recording(policy: ContentUrlPolicy, url: QUrl, kind: QQmlAbstractUrlInterceptor.DataType) -> QUrl:
        if kind == QQmlAbstractUrlInterceptor.DataType.QmlFile:
            loaded.append(url.fileName())
        elif kind == QQmlAbstractUrlInterceptor.DataType.UrlString and not url.fileName().endswith(".qml"):
            pictures.append(url.fileName())
        return intercept(policy, url, kind)

    monkeypatch.setattr(ContentUrlPolicy, "intercept", recording)
    cache = tmp_path / "cache"
    assert load_validated(MINI_EXHIBIT, cache) is not None
    summary = load_snapshot(cache, MINI_EXHIBIT)
    assert summary is not None
    ui = create_ui(summary)
    try:
        ui.window.findChild(QTimer, "buildAfterFirstFrame").blockSignals(True)
        ui.window.resize(1920, 1080)
        with qtbot.waitSignal(ui.window.frameSwapped):
            ui.window.show()
        at_first_frame = set(loaded)
        assert pictures == []
        assert {"Main.qml", "HomeScreen.qml", "SectionTile.qml"} <= at_first_frame
        # The tiles' pictures are asked for once the first frame is out, and shown.
        build_later = ui.window.findChild(QTimer, "buildAfterFirstFrame")
        build_later.blockSignals(False)
        build_later.start()
        qtbot.waitUntil(lambda: "square.svg" in pictures)
        tile = find_item(ui, "sectionTile0")
        qtbot.waitUntil(lambda: search_item(tile, "tilePicture").childItems()[0].property("paintedWidth") > 0)
    finally:
        ui.dispose()


#: What only the section screen's panels and the pictures use: imported after the first frame,
#: or when a visitor opens a section sooner (ADR 41).
AFTER_THE_FIRST_FRAME = (
    "kiosk.content.markdown",
    "kiosk.content.glossary",
    "kiosk.content.layout.timeline",
    "kiosk.content.layout.notes",
    "kiosk.content.dates",
    "kiosk.content.phrases",
    "difflib",
    "html",
    # Read by the URL policy for the first SVG picture shown, and the first frame shows none.
    "kiosk.content.svg",
    "xml.parsers.expat",
)

FIRST_FRAME_SCRIPT = """
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication

import kiosk.app.run  # as `kiosk run` imports it
from kiosk.app.window import create_ui
from kiosk.content.snapshot import load_snapshot

app = QGuiApplication(sys.argv[:1])
ui = create_ui(load_snapshot(Path(sys.argv[1]), Path(sys.argv[2])))


def first_frame():
    print(sorted(name for name in sys.modules if name in sys.argv[3:]), flush=True)
    app.quit()


ui.window.frameSwapped.connect(first_frame)
ui.window.show()
app.exec()
ui.dispose()
"""


@pytest.mark.slow
def test_the_first_frame_imports_nothing_only_panels_and_pictures_use(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert load_validated(MINI_EXHIBIT, cache) is not None
    completed = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_SCRIPT, str(cache), str(MINI_EXHIBIT), *AFTER_THE_FIRST_FRAME],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert completed.stdout.strip() == "[]"


LOCKED_DOWN_SCRIPT = """
import sys
from pathlib import Path

import PySide6.QtCore
from PySide6.QtGui import QGuiApplication

import kiosk.app.run  # as `kiosk run` imports it
from kiosk.app.display import show_window
from kiosk.app.window import SessionOptions, create_ui
from kiosk.content.snapshot import load_snapshot
from kiosk.services.analytics import AnalyticsRecorder
from kiosk.services.schedule_service import ScheduleService

app = QGuiApplication(sys.argv[:1])
recorder = AnalyticsRecorder(Path(sys.argv[3]), kiosk="test", content_version="1", start=False)
schedule = ScheduleService()
schedule.start()
options = SessionOptions(lockdown=True, analytics=recorder)
ui = create_ui(load_snapshot(Path(sys.argv[1]), Path(sys.argv[2])), options)


def first_frame():
    ui.window.frameSwapped.disconnect(first_frame)
    print("Qt" in vars(PySide6.QtCore), flush=True)
    app.exit(0)  # quit() would ask the window to close, which a locked-down kiosk refuses


ui.window.frameSwapped.connect(first_frame)
show_window(ui.window, windowed=False)
app.exec()
ui.dispose()
recorder.close()
"""


@pytest.mark.slow
def test_a_locked_down_kiosk_makes_no_enum_of_the_qt_namespace_before_its_first_frame(tmp_path: Path) -> None:
    # PySide makes all the Qt namespace's enums at once when any is first named: about 18 ms of
    # processor time, a tenth of what the kiosk's start-up may take beyond a bare window's.
    cache = tmp_path / "cache"
    assert load_validated(MINI_EXHIBIT, cache) is not None
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            LOCKED_DOWN_SCRIPT,
            str(cache),
            str(MINI_EXHIBIT),
            str(tmp_path / "events.db"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert completed.stdout.strip() == "False", completed.stderr


def test_a_tile_touched_before_the_section_screen_is_made_opens_its_section(
    qtbot: QtBot, held_back: KioskUi
) -> None:
    ui = held_back
    assert search_item(ui.window.contentItem(), "sectionScreen") is None
    Finger(ui.window).tap(find_item(ui, "sectionTile1"))
    qtbot.waitUntil(lambda: ui.navigation.property("sectionIndex") == 1)
    wait_until_settled(qtbot, ui)
    assert find_item(ui, "sectionScreen").isVisible()
    assert find_item(ui, "sectionTitle").property("text") == "Second Section"
    assert current_panel(ui).property("content")["title"] == "A timeline panel"
    # The keyboard's focus is where a section opened later puts it: on Next.
    qtbot.waitUntil(lambda: find_item(ui, "nextButton").hasActiveFocus())


def test_the_countdown_comes_before_the_screens_after_the_first_frame_are_made(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # A window not yet drawn has made none of them: a visit that times out this early (on a
    # machine too busy to draw) still asks its question.
    exhibit = load_validated(MINI_EXHIBIT, tmp_path / "cache")
    assert exhibit is not None
    clock = ManualClock()
    ui = create_ui(exhibit, SessionOptions(idle_timeout_s=60, countdown_s=20, clock=clock))
    try:
        ui.navigation.openSection(0)
        assert search_item(ui.window.contentItem(), "countdownOverlay") is None
        clock.advance(60)
        qtbot.waitUntil(lambda: ui.session.property("mode") == "countdown")
        assert not ui.window.property("firstFrameShown")
        overlay = find_item(ui, "countdownOverlay")
        assert overlay.isVisible()
        assert search_item(overlay, "countdownSeconds").property("text") == "20"
    finally:
        ui.dispose()


def test_a_keyboard_visitor_who_began_before_the_section_screen_was_made_keeps_the_focus_ring(
    qtbot: QtBot, held_back: KioskUi
) -> None:
    ui = held_back
    QTest.keyClick(ui.window, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: find_item(ui, "sectionTile0").hasActiveFocus())
    build_later = ui.window.findChild(QTimer, "buildAfterFirstFrame")
    build_later.blockSignals(False)
    build_later.start()
    qtbot.waitUntil(lambda: search_item(ui.window.contentItem(), "sectionScreen") is not None)
    QTest.keyClick(ui.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ui.navigation.property("sectionIndex") == 0)
    wait_until_settled(qtbot, ui)
    next_button = find_item(ui, "nextButton")
    qtbot.waitUntil(next_button.hasActiveFocus)
    # Shown as reached by the keyboard: its ring is drawn.
    assert next_button.property("visualFocus")
