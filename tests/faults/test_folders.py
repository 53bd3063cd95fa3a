"""The exhibit folder swapped, moved, deleted, restored, emptied or mounted late.

Each is noticed within moments and said in the log and on the staff screen; the version on show
stays until a valid one replaces it, and a folder that is not there is never taken for an empty
exhibit. Mounting a share makes no file-system event at all: that case runs on a real mount, in a
private mount namespace (tests/faults/in_private_mounts.py).
"""

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from kiosk.app.notices import clear_notices, current_notices
from kiosk.app.publishing import Publishing
from kiosk.app.run import version_to_show
from kiosk.app.window import KioskUi
from kiosk.content.versions import VersionStore
from kiosk.services.content_watch import ContentWatcher
from tests.conftest import MINI_EXHIBIT
from tests.faults.exhibit_changes import copy_with_title, open_window, retitle, tile_title
from tests.faults.private_mounts import run_in_private_mounts

pytestmark = pytest.mark.gui
SETTLE_MS = 30
#: Generous for a busy machine: the watcher's slow poll is stopped where the events must do.
NOTICED_WITHIN_MS = 10_000


@pytest.fixture(autouse=True)
def _no_notices() -> Iterator[None]:
    clear_notices()
    yield
    clear_notices()


@pytest.fixture
def exhibit(tmp_path: Path) -> Path:
    folder = tmp_path / "share" / "exhibit"
    shutil.copytree(MINI_EXHIBIT, folder)
    return folder


def by_events_alone(publishing: Publishing) -> Publishing:
    """Stops the watcher's slow poll: what is noticed from then on came from file-system events."""
    poll = publishing.findChild(QTimer, "contentPoll")
    assert poll is not None
    poll.stop()
    return publishing


@pytest.fixture
def kiosk(qtbot: QtBot, exhibit: Path, tmp_path: Path) -> Iterator[tuple[KioskUi, VersionStore, Publishing]]:
    store = VersionStore.for_exhibit(tmp_path / "data", exhibit)
    first = store.publish().version
    assert first is not None
    ui = open_window(qtbot, first)
    publishing = by_events_alone(
        Publishing(ui, store, first, tmp_path / "cache", settle_ms=SETTLE_MS, parent=ui.window)
    )
    yield ui, store, publishing
    publishing.stop()
    ui.dispose()


def test_a_new_folder_moved_into_place_goes_on_show_and_is_watched_from_then_on(
    qtbot: QtBot, exhibit: Path, tmp_path: Path, kiosk
) -> None:
    ui, _, publishing = kiosk
    new = copy_with_title(exhibit, tmp_path / "share" / "exhibit.new", "Swapped In Whole")
    with qtbot.waitSignal(publishing.shown, timeout=NOTICED_WITHIN_MS):
        exhibit.rename(tmp_path / "share" / "exhibit.old")  # mv exhibit exhibit.old
        new.rename(exhibit)  # mv exhibit.new exhibit
    assert tile_title(ui) == "Swapped In Whole"
    # The watches moved to the new folder: the old one, edited now, is nobody's exhibit.
    retitle(tmp_path / "share" / "exhibit.old", "First Section", "Not Shown")
    with qtbot.waitSignal(publishing.shown, timeout=NOTICED_WITHIN_MS):
        retitle(exhibit, "Swapped In Whole", "Edited After The Swap")
    assert tile_title(ui) == "Edited After The Swap"


def test_a_folder_renamed_away_is_reported_gone_and_seen_again_when_it_returns(
    qtbot: QtBot, exhibit: Path, tmp_path: Path, kiosk, caplog: pytest.LogCaptureFixture
) -> None:
    ui, store, publishing = kiosk
    shown = publishing.showing
    caplog.set_level(logging.INFO)
    away = tmp_path / "share" / "exhibit.away"
    exhibit.rename(away)
    gone = f"the exhibit folder {exhibit} has gone (moved, deleted or unmounted); the version on show stays"
    qtbot.waitUntil(lambda: gone in caplog.text, timeout=NOTICED_WITHIN_MS)
    assert current_notices() == [gone]
    assert publishing.showing == shown
    assert store.current() == shown
    assert tile_title(ui) == "First Section"
    assert "refused" not in caplog.text
    away.rename(exhibit)
    qtbot.waitUntil(lambda: current_notices() == [], timeout=NOTICED_WITHIN_MS)
    assert f"the exhibit folder {exhibit} is there again" in caplog.text
    # Back where it was, and watched: the next save goes on show.
    with qtbot.waitSignal(publishing.shown, timeout=NOTICED_WITHIN_MS):
        retitle(exhibit, "First Section", "Back And Edited")
    assert tile_title(ui) == "Back And Edited"


def test_a_deleted_folder_is_not_an_empty_exhibit_and_its_restored_copy_goes_on_show(
    qtbot: QtBot, exhibit: Path, tmp_path: Path, kiosk, caplog: pytest.LogCaptureFixture
) -> None:
    ui, _, publishing = kiosk
    shown = publishing.showing
    backup = copy_with_title(exhibit, tmp_path / "backup", "Restored From The Backup")
    caplog.set_level(logging.INFO)
    shutil.rmtree(exhibit)
    qtbot.waitUntil(
        lambda: f"the exhibit folder {exhibit} has gone" in caplog.text, timeout=NOTICED_WITHIN_MS
    )
    assert "refused" not in caplog.text
    assert "not valid" not in caplog.text
    assert publishing.showing == shown
    with qtbot.waitSignal(publishing.shown, timeout=NOTICED_WITHIN_MS):
        shutil.copytree(backup, exhibit)  # restored, file by file
    assert tile_title(ui) == "Restored From The Backup"
    assert current_notices() == []


def test_an_emptied_folder_is_an_unmounted_share_not_an_empty_exhibit(
    qtbot: QtBot, exhibit: Path, kiosk, caplog: pytest.LogCaptureFixture
) -> None:
    ui, _, publishing = kiosk
    shown = publishing.showing
    caplog.set_level(logging.INFO)
    for entry in exhibit.iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    empty = f"the exhibit folder {exhibit} is empty or cannot be read (an unmounted share?); the version on show stays"
    qtbot.waitUntil(lambda: empty in caplog.text, timeout=NOTICED_WITHIN_MS)
    assert current_notices() == [empty]
    assert "refused" not in caplog.text
    assert publishing.showing == shown
    assert tile_title(ui) == "First Section"


def test_a_kiosk_started_while_its_folder_was_missing_shows_the_last_good_version_then_the_folder(
    qtbot: QtBot, exhibit: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = VersionStore.for_exhibit(tmp_path / "data", exhibit)
    assert store.publish().version is not None  # at an earlier start
    mounted_later = copy_with_title(exhibit, tmp_path / "elsewhere", "On The Share")
    shutil.rmtree(exhibit)
    # The start: the share is not mounted, the last good version is shown.
    last_good = store.current()
    assert last_good is not None
    ui = open_window(qtbot, last_good)
    caplog.set_level(logging.INFO)
    publishing = by_events_alone(
        Publishing(ui, store, last_good, tmp_path / "cache", settle_ms=SETTLE_MS, parent=ui.window)
    )
    try:
        assert current_notices() == [
            f"the exhibit folder {exhibit} has gone (moved, deleted or unmounted); the version on show stays"
        ]
        with qtbot.waitSignal(publishing.shown, timeout=NOTICED_WITHIN_MS):
            mounted_later.rename(exhibit)
        assert tile_title(ui) == "On The Share"
        assert current_notices() == []
    finally:
        publishing.stop()
        ui.dispose()


@pytest.mark.parametrize("published_before", [True, False], ids=["last good version", "nothing published"])
def test_the_start_with_the_folder_missing_says_so_and_never_that_it_is_not_valid(
    exhibit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], published_before: bool
) -> None:
    store = VersionStore.for_exhibit(tmp_path / "data", exhibit)
    if published_before:
        assert store.publish().version is not None
    shutil.rmtree(exhibit)
    version, publication = version_to_show(store, tmp_path / "cache")
    said = capsys.readouterr().err
    assert "not valid" not in said
    assert publication.version is None
    assert publication.problems == ()
    if published_before:
        assert f"the exhibit folder {exhibit} has gone (moved, deleted or unmounted)" in said
        assert version == store.current()
        assert (
            f"showing the last good version, {version.name}; the folder is published when it appears" in said
        )
    else:
        assert (
            f"nothing to show: the exhibit folder {exhibit} does not exist (a share not mounted, or a "
            "wrong path?), and nothing was published before"
        ) in said
        assert version is None


@pytest.fixture
def owner() -> Iterator[QObject]:
    parent = QObject()
    yield parent
    Shiboken.delete(parent)


def test_a_change_on_a_share_that_sends_no_events_is_found_by_the_slow_poll(
    qtbot: QtBot, exhibit: Path, owner: QObject
) -> None:
    watcher = ContentWatcher(exhibit, SETTLE_MS, owner)
    poll = watcher.findChild(QTimer, "contentPoll")
    assert poll is not None
    assert poll.isActive()
    assert 1000 <= poll.interval() <= 10_000
    # A network share: changes made on the file server send no file-system events here.
    events = watcher.findChild(QFileSystemWatcher)
    assert events is not None
    events.blockSignals(True)
    retitle(exhibit, "First Section", "Changed On The Server")
    with qtbot.assertNotEmitted(watcher.settled, wait=SETTLE_MS * 5):
        pass
    with qtbot.waitSignal(watcher.settled, timeout=NOTICED_WITHIN_MS):
        poll.timeout.emit()


@pytest.mark.slow
def test_a_share_mounted_after_the_start_is_found_on_a_real_mount() -> None:
    run_in_private_mounts("test_a_share_mounted_after_the_start_goes_on_show")
