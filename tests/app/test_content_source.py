"""A kiosk following a signed git repository: real git, real ssh-keygen keys, real bare repositories.

Only commits signed by an allowed key go on show; an unsigned one, one signed by someone else, an
old one put back on the server, and an invalid exhibit are refused with their reason, and the last
good version stays. A repository out of reach leaves the kiosk showing what it has; a fetch cut
off mid-way, or remembered state that is damaged, never stops it.
"""

import json
import logging
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.app.content_source import FollowingRepository
from kiosk.app.metrics import KioskMetrics
from kiosk.app.notices import clear_notices, current_notices
from kiosk.app.publishing import Publishing
from kiosk.app.window import KioskUi, SessionOptions, create_ui
from kiosk.cli import main as cli_main
from kiosk.content.loader import load_exhibit
from kiosk.content.versions import VersionStore
from kiosk.services.content_source import ContentSource
from kiosk.services.content_watch import ContentWatcher
from kiosk.services.git_content import (
    ACCEPTED_FILE,
    DISK_FULL,
    INVALID,
    NO_ALLOWED_SIGNERS,
    OFFLINE,
    OK,
    OLDER_COMMIT,
    REFUSED,
    UNSIGNED,
    UNTRUSTED_SIGNER,
    GitContent,
    GitSource,
)
from kiosk.viewmodels.staff import KioskStaff, PinVerdict
from tests.faults.exhibit_changes import open_window, tile_title
from tests.gui.conftest import Finger, find_item, search_item
from tests.signed_repository import (
    EXHIBIT_PATH,
    ContentRepository,
    SigningKey,
    break_exhibit,
    retitle_first_section,
)

CHECKED_WITHIN_MS = 30_000
#: Passes on what it reads at once, up to 200 kB, then holds the line open and sends nothing more.
STALLING_PIPE = Path(__file__).with_name("stalling_pipe.py")


@pytest.fixture(autouse=True)
def _no_notices() -> Iterator[None]:
    clear_notices()
    yield
    clear_notices()


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[SigningKey, SigningKey, Path]:
    """The curator's key (allowed), a stranger's (not), and the allowed_signers file naming the first."""
    folder = tmp_path_factory.mktemp("keys")
    curator, stranger = SigningKey(folder, "curator"), SigningKey(folder, "stranger")
    allowed = folder / "allowed_signers"
    allowed.write_text(curator.allowed_signers_line(), encoding="utf-8")
    return curator, stranger, allowed


@pytest.fixture
def repository(tmp_path: Path, keys) -> ContentRepository:
    repository = ContentRepository(tmp_path / "museum", keys[0])
    repository.commit("The mini exhibit")
    return repository


def following(
    repository: ContentRepository, data: Path, allowed: Path | None, ref: str | None = None
) -> GitContent:
    source = GitSource(str(repository.origin), ref, EXHIBIT_PATH, allowed)
    return GitContent(source, data, GitContent.store_for(source, data))


def shown_title(store: VersionStore) -> str:
    current = store.current()
    assert current is not None
    text = (current.folder / "exhibit.yaml").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith("    title:")).split(": ", 1)[1]


# The check itself, as the worker thread runs it.


def test_a_signed_commit_is_published_with_its_commit_and_remembered(
    repository, keys, tmp_path: Path
) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    outcome = content.check()
    assert outcome.result == OK, outcome.detail
    assert outcome.publication is not None
    assert outcome.publication.exhibit is not None
    current = content.store.current()
    assert current is not None
    assert current.commit == repository.head()
    assert content.accepted() is not None
    assert content.accepted().commit == repository.head()
    # Exported from the exhibit's folder in the repository, nothing else of it.
    assert not (current.folder / "README.md").exists()
    assert content.check().publication is None, "an unchanged ref publishes nothing new"


@pytest.mark.parametrize(
    ("signer", "reason"),
    [(None, UNSIGNED), ("stranger", UNTRUSTED_SIGNER)],
    ids=["unsigned", "signed-by-a-stranger"],
)
def test_a_commit_not_signed_by_an_allowed_key_is_refused_and_the_last_good_version_stays(
    repository, keys, tmp_path: Path, signer, reason
) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    assert content.check().result == OK
    good = content.store.current()
    key = keys[1] if signer == "stranger" else None
    commit = repository.commit("Retitled", retitle_first_section("Never Shown"), key=key)
    outcome = content.check()
    assert (outcome.result, outcome.reason, outcome.commit) == (REFUSED, reason, commit)
    assert outcome.publication is None
    assert content.store.current() == good
    assert shown_title(content.store) == "First Section"
    assert all(version.commit != commit for version in content.store.versions())
    assert content.accepted().commit == good.commit


def test_an_older_commit_put_back_on_the_server_is_refused(repository, keys, tmp_path: Path) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    first = repository.head()
    content.check()
    repository.commit("Retitled", retitle_first_section("The Newer One"))
    assert content.check().result == OK
    repository.reset_server_to(first)  # signed, valid, and older than what is on show
    outcome = content.check()
    assert (outcome.result, outcome.reason) == (REFUSED, OLDER_COMMIT)
    assert shown_title(content.store) == "The Newer One"


@pytest.mark.parametrize("minutes", [1, -30], ids=["later", "dated-earlier-by-a-clock-behind"])
def test_a_signed_revert_is_new_and_goes_on_show(repository, keys, tmp_path: Path, minutes: int) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    content.check()
    bad = repository.commit("Retitled", retitle_first_section("A Mistake"))
    for number in range(3):  # more history to search
        repository.commit(
            f"Touched {number}", lambda exhibit, n=number: (exhibit / "notes.txt").write_text(str(n))
        )
    assert content.check().result == OK
    assert shown_title(content.store) == "A Mistake"
    # A fleet-wide rollback: git revert, git push. Its committer's clock may run behind.
    repository.revert(bad, minutes=minutes)
    outcome = content.check()
    assert outcome.result == OK, outcome.detail
    assert shown_title(content.store) == "First Section"


def test_an_invalid_exhibit_is_refused_and_the_last_good_version_stays(
    repository, keys, tmp_path: Path
) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    content.check()
    good = content.store.current()
    repository.commit("Broken", break_exhibit)
    outcome = content.check()
    assert (outcome.result, outcome.reason) == (INVALID, INVALID)
    assert "exhibit.yaml" in outcome.detail
    assert content.store.current() == good
    # Fixed in a later commit: shown.
    repository.commit("Fixed", retitle_first_section("Fixed Again"))
    assert content.check().result == OK
    assert shown_title(content.store) == "Fixed Again"


def test_a_link_out_of_the_exhibit_is_refused(repository, keys, tmp_path: Path) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    content.check()
    repository.commit(
        "A link out", lambda exhibit: (exhibit / "media" / "secret.png").symlink_to("/etc/passwd")
    )
    outcome = content.check()
    assert outcome.result == INVALID
    assert shown_title(content.store) == "First Section"


def test_without_allowed_signers_nothing_from_git_is_shown_and_the_kiosk_says_why(
    repository, keys, tmp_path: Path
) -> None:
    for allowed in (None, tmp_path / "missing_allowed_signers"):
        content = following(repository, tmp_path / "data", allowed)
        outcome = content.check()
        assert (outcome.result, outcome.reason) == (REFUSED, NO_ALLOWED_SIGNERS)
        assert "allowed_signers" in outcome.detail
        assert content.store.current() is None


def test_an_unreachable_repository_is_offline_and_what_is_on_show_stays(
    repository, keys, tmp_path: Path
) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    content.check()
    good = content.store.current()
    repository.origin.rename(tmp_path / "server-down")
    outcome = content.check()
    assert outcome.result == OFFLINE, outcome.detail
    assert content.store.current() == good
    (tmp_path / "server-down").rename(repository.origin)
    repository.commit("Back online", retitle_first_section("After The Outage"))
    assert content.check().result == OK
    assert shown_title(content.store) == "After The Outage"


def test_a_pinned_tag_moved_back_is_followed(repository, keys, tmp_path: Path) -> None:
    first = repository.head()
    second = repository.commit("Retitled", retitle_first_section("The Second"))
    repository.tag("gallery", first)
    content = following(repository, tmp_path / "data", keys[2], ref="gallery")
    assert content.check().result == OK
    assert shown_title(content.store) == "First Section"
    repository.tag("gallery", second)
    assert content.check().result == OK
    assert shown_title(content.store) == "The Second"
    repository.tag("gallery", first)  # rolled back on purpose: older, and followed
    outcome = content.check()
    assert outcome.result == OK, outcome.detail
    assert outcome.publication is not None
    assert outcome.publication.exhibit is not None
    assert shown_title(content.store) == "First Section"
    assert content.store.current().commit == first


def test_a_fetch_cut_off_mid_way_recovers_at_the_next_check(
    repository, keys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    content.check()
    media = repository.exhibit / "media" / "noise.bin"
    repository.commit("Large media", lambda _: media.write_bytes(os.urandom(8 * 1024 * 1024)))
    # The server sends the start of the pack, then stalls: the kiosk stops the fetch (its timeout),
    # as a power cut or a dropped link would.
    stalling = tmp_path / "stalling-upload-pack"
    stalling.write_text(
        f'#!/bin/sh\ngit-upload-pack "$@" | {sys.executable} {STALLING_PIPE}\n',
        encoding="utf-8",
    )
    stalling.chmod(stalling.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "remote.origin.uploadpack")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", str(stalling))
    started = time.monotonic()
    outcome = content.check(fetch_timeout_s=3)
    assert outcome.result == OFFLINE
    assert "took more than" in outcome.detail
    assert time.monotonic() - started < 60, "the stalled fetch and its helpers were stopped"
    assert shown_title(content.store) == "First Section"
    monkeypatch.delenv("GIT_CONFIG_COUNT")
    outcome = content.check()
    assert outcome.result == OK, outcome.detail
    assert (content.store.current().folder / "media" / "noise.bin").stat().st_size == 8 * 1024 * 1024


def test_what_a_power_cut_leaves_in_the_clone_does_not_stop_the_next_check(
    repository, keys, tmp_path: Path
) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    content.check()
    # The locks and the half-received pack a fetch killed mid-way leaves behind.
    for lock in ("shallow.lock", "config.lock", "packed-refs.lock"):
        (content.repo / lock).write_text("", encoding="utf-8")
    (content.repo / "refs" / "heads").mkdir(parents=True, exist_ok=True)
    (content.repo / "refs" / "heads" / "main.lock").write_text("", encoding="utf-8")
    (content.repo / "objects" / "pack" / "tmp_pack_Xy12ab").write_bytes(
        b"PACK\x00\x00\x00\x02" + os.urandom(4096)
    )
    repository.commit("After the power cut", retitle_first_section("Recovered"))
    outcome = content.check()
    assert outcome.result == OK, outcome.detail
    assert shown_title(content.store) == "Recovered"


def test_a_damaged_clone_is_made_afresh(repository, keys, tmp_path: Path) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    content.check()
    shutil.rmtree(content.repo / "objects")
    (content.repo / "objects").write_text("not a folder", encoding="utf-8")
    repository.commit("Next", retitle_first_section("After A Damaged Clone"))
    assert content.check().result == OK
    assert shown_title(content.store) == "After A Damaged Clone"


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"\xff\xfe\x00garbage",
        b'{"commit": 7, "committed": "x"}',
        b"[" * 100_000,
        b'{"commit": "../../x"}',
    ],
    ids=["empty", "cut-short", "binary", "wrong-types", "deeply-nested", "not-a-commit"],
)
def test_a_damaged_remembered_commit_is_taken_as_none(
    repository, keys, tmp_path: Path, damage: bytes
) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    content.check()
    (content.folder / ACCEPTED_FILE).write_bytes(damage)
    assert content.accepted() is None
    repository.commit("Next", retitle_first_section("After The Damage"))
    assert content.check().result == OK
    assert shown_title(content.store) == "After The Damage"
    assert content.accepted() is not None


# The running kiosk: checks off the UI thread, the version on show at the next unattended moment.


@pytest.fixture
def kiosk(
    qtbot: QtBot, repository, keys, tmp_path: Path
) -> Iterator[tuple[KioskUi, GitContent, Publishing, ContentSource]]:
    content = following(repository, tmp_path / "data", keys[2])
    assert content.check().result == OK
    first = content.store.current()
    ui = open_window(qtbot, first, content_folders=(content.store.root,))
    publishing = Publishing(
        ui, content.store, first, tmp_path / "cache", parent=ui.window, follow_folder=False
    )
    source = ContentSource(content, lambda: frozenset({publishing.showing.name}), parent=ui.window)
    FollowingRepository(source, publishing, content.store, parent=ui.window)
    yield ui, content, publishing, source
    source.stop()
    publishing.stop()
    ui.dispose()


def test_a_signed_commit_goes_on_show_at_the_next_check(qtbot: QtBot, repository, kiosk) -> None:
    ui, _content, publishing, source = kiosk
    commit = repository.commit("Retitled", retitle_first_section("Signed And Shown"))
    timer = source.findChild(QTimer, "contentCheck")
    assert timer is not None
    with qtbot.waitSignal(publishing.shown, timeout=CHECKED_WITHIN_MS):
        timer.timeout.emit()  # the schedule comes round
    assert tile_title(ui) == "Signed And Shown"
    assert (source.property("result"), source.property("commit")) == (OK, commit)
    assert source.property("lastSuccessAt") > 0
    assert timer.isActive(), "the next check is on the schedule"
    assert 270_000 <= timer.interval() <= 330_000, (
        "the next check is the interval away, spread a tenth either way"
    )


def test_a_refused_commit_is_reported_to_staff_and_never_shown(
    qtbot: QtBot, repository, keys, kiosk, caplog: pytest.LogCaptureFixture
) -> None:
    ui, _, publishing, source = kiosk
    shown_commit = source.property("commit")
    repository.commit("Someone else's", retitle_first_section("Not Ours"), key=keys[1])
    with (
        caplog.at_level(logging.ERROR),
        qtbot.waitSignal(source.refused, timeout=CHECKED_WITHIN_MS) as refused,
        qtbot.waitSignal(source.checked, timeout=CHECKED_WITHIN_MS) as checked,
    ):
        source.check_now()
    assert checked.args == [REFUSED, UNTRUSTED_SIGNER]
    assert refused.args == [UNTRUSTED_SIGNER]
    # Checked again, the ref names the same commit: still refused, counted once.
    with (
        qtbot.assertNotEmitted(source.refused),
        qtbot.waitSignal(source.checked, timeout=CHECKED_WITHIN_MS) as again,
    ):
        source.check_now()
    assert again.args == [REFUSED, UNTRUSTED_SIGNER]
    assert any("not signed by a key in" in notice for notice in current_notices())
    assert "not signed by a key in" in caplog.text
    assert tile_title(ui) == "First Section"
    assert source.property("commit") == shown_commit
    # The server is reachable again with a good commit: the notice goes.
    repository.commit("Ours", retitle_first_section("Ours Again"))
    with qtbot.waitSignal(publishing.shown, timeout=CHECKED_WITHIN_MS):
        source.check_now()
    assert tile_title(ui) == "Ours Again"
    assert not [notice for notice in current_notices() if "content" in notice]


def test_an_unreachable_repository_leaves_the_kiosk_showing_what_it_has(
    qtbot: QtBot, repository, kiosk, tmp_path: Path
) -> None:
    ui, _, _, source = kiosk
    repository.origin.rename(tmp_path / "server-down")
    with qtbot.waitSignal(source.checked, timeout=CHECKED_WITHIN_MS) as checked:
        source.check_now()
    assert checked.args[0] == OFFLINE
    assert source.property("commit") == repository.head()
    assert tile_title(ui) == "First Section"
    assert any("content offline" in notice for notice in current_notices())


def test_staff_tap_check_for_updates_and_the_new_version_goes_on_show(
    qtbot: QtBot, repository, keys, tmp_path: Path
) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    content.check()
    first = content.store.current()
    exhibit = load_exhibit(first.folder).exhibit
    staff = KioskStaff(lambda _pin: PinVerdict(accepted=True), follows_repository=True)
    ui = create_ui(exhibit, SessionOptions(content_folders=(content.store.root,)), staff)
    ui.window.resize(1280, 720)
    with qtbot.waitSignal(ui.window.frameSwapped):
        ui.window.show()
    publishing = Publishing(
        ui, content.store, first, tmp_path / "cache", parent=ui.window, follow_folder=False
    )
    source = ContentSource(content, lambda: frozenset({publishing.showing.name}), parent=ui.window)
    FollowingRepository(source, publishing, content.store, parent=ui.window).serve(staff)
    try:
        repository.commit("Retitled", retitle_first_section("Asked For"))
        staff.requestAccess()
        staff.pressDigit("1")
        staff.submitPin()
        button = find_item(ui, "staffCheckForUpdates")
        qtbot.waitUntil(lambda: button.isVisible() and button.height() > 0)
        with qtbot.waitSignal(source.checked, timeout=CHECKED_WITHIN_MS) as checked:
            Finger(ui.window).tap(button)
        assert checked.args == [OK, ""]
        assert "Diagnostics" in staff.property("message")
        # The staff screen is open: the new version waits for it to close, and the visit to end.
        staff.close()
        with qtbot.waitSignal(publishing.shown, timeout=CHECKED_WITHIN_MS):
            ui.idle.end_session()
        assert tile_title(ui) == "Asked For"
    finally:
        source.stop()
        publishing.stop()
        ui.dispose()


def test_a_kiosk_showing_a_folder_has_no_check_for_updates(qtbot: QtBot) -> None:
    from tests.conftest import MINI_EXHIBIT

    exhibit = load_exhibit(MINI_EXHIBIT).exhibit
    staff = KioskStaff(lambda _pin: PinVerdict(accepted=True))
    ui = create_ui(exhibit, SessionOptions(), staff)
    try:
        with qtbot.waitSignal(ui.window.frameSwapped):
            ui.window.show()
        staff.requestAccess()
        staff.pressDigit("1")
        staff.submitPin()
        qtbot.waitUntil(lambda: search_item(ui.window.contentItem(), "staffVersions") is not None)
        assert not find_item(ui, "staffCheckForUpdates").isVisible()
        with qtbot.assertNotEmitted(staff.checkForUpdatesRequested):
            staff.checkForUpdates()
    finally:
        ui.dispose()


# The whole kiosk, as the supervisor starts it.


@pytest.mark.slow
def test_a_kiosk_starts_from_its_repository_and_a_damaged_remembered_commit_does_not_stop_it(
    repository, keys, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.yaml"
    settings.write_text(
        f"content_git: {repository.origin}\ncontent_path: {EXHIBIT_PATH}\nallowed_signers: {keys[2]}\n",
        encoding="utf-8",
    )
    data = tmp_path / "xdg-data"
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(data),
    }
    for attempt in ("first start", "damaged state"):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk",
                "run",
                "--settings",
                str(settings),
                "--log-dir",
                str(tmp_path / "logs"),
            ],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        log = tmp_path / "logs" / "kiosk.log"
        try:
            deadline = time.monotonic() + 60
            while "content check: commit" not in (log.read_text(encoding="utf-8") if log.exists() else ""):
                assert process.poll() is None, process.communicate()[1]
                assert time.monotonic() < deadline, f"{attempt}: no content check logged"
                time.sleep(0.1)  # polling another process
        finally:
            process.terminate()
            process.communicate(timeout=30)
        text = log.read_text(encoding="utf-8")
        assert f"commit {repository.head()[:12]}" in text
        accepted = next((data / "kiosk" / "content-git").glob(f"*/{ACCEPTED_FILE}"))
        assert json.loads(accepted.read_text(encoding="utf-8"))["commit"] == repository.head()
        accepted.write_bytes(b"\x00{damaged")
        log.unlink()


def test_a_full_disk_is_said_and_the_commit_goes_on_show_once_there_is_room(
    repository, keys, tmp_path: Path
) -> None:
    room = [10**12]
    source = GitSource(str(repository.origin), None, EXHIBIT_PATH, keys[2])
    store = VersionStore(
        tmp_path / "data" / "versions" / "git",
        source.folder(tmp_path / "data") / "exhibit",
        free_space=lambda _path: room[0],
        source_is_private=True,
    )
    content = GitContent(source, tmp_path / "data", store)
    content.check()
    room[0] = 1000
    repository.commit("Retitled", retitle_first_section("Waited For Room"))
    outcome = content.check()
    assert (outcome.result, outcome.reason) == (DISK_FULL, DISK_FULL)
    assert "is full" in outcome.detail
    assert shown_title(store) == "First Section"
    room[0] = 10**12
    assert content.check().result == OK
    assert shown_title(store) == "Waited For Room"


def test_a_folder_is_shown_until_the_repository_gives_a_good_commit(
    qtbot: QtBot, repository, keys, tmp_path: Path
) -> None:
    folder = tmp_path / "exhibit-folder"
    shutil.copytree(repository.exhibit, folder)
    folder_store = VersionStore.for_exhibit(tmp_path / "data", folder)
    first = folder_store.publish().version
    content = following(repository, tmp_path / "data", keys[2])
    ui = open_window(qtbot, first, content_folders=(folder_store.root, content.store.root))
    publishing = Publishing(ui, folder_store, first, tmp_path / "cache", parent=ui.window)
    source = ContentSource(content, lambda: frozenset({publishing.showing.name}), parent=ui.window)
    FollowingRepository(source, publishing, content.store, parent=ui.window)
    try:
        repository.commit("Retitled", retitle_first_section("From The Repository"))
        with qtbot.waitSignal(publishing.shown, timeout=CHECKED_WITHIN_MS):
            source.start()
        assert tile_title(ui) == "From The Repository"
        assert publishing.store is content.store
        assert publishing.showing.commit == repository.head()
        # The folder is no longer followed.
        qtbot.waitUntil(lambda: publishing.findChild(ContentWatcher) is None)
    finally:
        source.stop()
        publishing.stop()
        ui.dispose()


def test_kiosk_rollback_lists_the_repository_s_versions(
    repository, keys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    data = tmp_path / "xdg-data" / "kiosk"
    content = following(repository, data, keys[2])
    content.check()
    repository.commit("Retitled", retitle_first_section("Second"))
    content.check()
    settings = tmp_path / "settings.yaml"
    settings.write_text(
        f"content_git: {repository.origin}\ncontent_path: {EXHIBIT_PATH}\nallowed_signers: {keys[2]}\n",
        encoding="utf-8",
    )
    assert cli_main(["rollback", "--list", "--settings", str(settings)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 2
    assert listed[0].startswith("*")
    assert f"(commit {repository.head()[:12]})" in listed[0]
    assert cli_main(["rollback", "--settings", str(settings)]) == 0
    assert shown_title(content.store) == "First Section"


def test_the_health_metrics_see_each_check_and_the_commit_on_show(
    qtbot: QtBot, repository, keys, tmp_path: Path
) -> None:
    content = following(repository, tmp_path / "data", keys[2])
    content.check()
    first = content.store.current()
    metrics = KioskMetrics(name="test-kiosk")
    ui = open_window(qtbot, first, content_folders=(content.store.root,))
    publishing = Publishing(
        ui, content.store, first, tmp_path / "cache", parent=ui.window, metrics=metrics, follow_folder=False
    )
    source = ContentSource(content, lambda: frozenset({publishing.showing.name}), parent=ui.window)
    FollowingRepository(source, publishing, content.store, parent=ui.window, metrics=metrics)
    value = metrics.registry.get_sample_value
    try:
        repository.commit("Someone else's", retitle_first_section("Not Ours"), key=keys[1])
        for _ in range(2):  # refused twice: one refusal
            with qtbot.waitSignal(source.checked, timeout=CHECKED_WITHIN_MS):
                source.check_now()
        assert value("kiosk_content_refusals_total", {"reason": UNTRUSTED_SIGNER}) == 1
        assert value("kiosk_content_check_ok") == 0
        commit = repository.commit("Ours", retitle_first_section("Ours"))
        with qtbot.waitSignal(publishing.shown, timeout=CHECKED_WITHIN_MS):
            source.check_now()
        assert value("kiosk_content_check_ok") == 1
        assert value("kiosk_content_publishes_total") == 1
        on_show = publishing.showing
        labels = {"version": on_show.name, "title": on_show.title, "source": "git", "commit": commit}
        assert value("kiosk_content_version_info", labels) == 1
        repository.origin.rename(tmp_path / "server-down")
        with qtbot.waitSignal(source.checked, timeout=CHECKED_WITHIN_MS):
            source.check_now()
        assert value("kiosk_content_check_ok") == 0
        checks = [
            sample.labels
            for family in metrics.registry.collect()
            for sample in family.samples
            if sample.name == "kiosk_content_check_info"
        ]
        assert [labels["result"] for labels in checks] == [OFFLINE]
        assert value("kiosk_content_version_info", labels) == 1, "what is on show stays on show"
    finally:
        source.stop()
        publishing.stop()
        metrics.close()
        ui.dispose()


def test_what_earlier_commits_left_in_the_clone_is_removed(
    repository, keys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kiosk.services.git_content.PACKS_BEFORE_TIDYING", 2)
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")  # every fetch keeps its own pack, as large ones do
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "fetch.unpackLimit")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "1")
    content = following(repository, tmp_path / "data", keys[2])
    media = repository.exhibit / "media" / "film.bin"
    sizes = []
    for number in range(5):
        repository.commit(
            f"Film {number}", lambda _, n=number: media.write_bytes(os.urandom(1024 * 1024 + n))
        )
        assert content.check().result == OK
        sizes.append(sum(pack.stat().st_size for pack in (content.repo / "objects" / "pack").glob("*.pack")))
    packs = list((content.repo / "objects" / "pack").glob("*.pack"))
    assert len(packs) <= 3
    # Five films of a megabyte were fetched; the clone holds about one.
    assert sizes[-1] < 2.5 * 1024 * 1024, sizes
    assert shown_title(content.store) == "First Section"


def test_kiosks_switched_on_together_do_not_keep_checking_together(
    qtbot: QtBot, repository, keys, tmp_path: Path
) -> None:
    """Each scheduled check is spread by up to a tenth of the interval either way, so that a fleet
    switched on at once does not ask the git server all at once, every interval, for good."""
    intervals = []
    for name, spread in (("early", 0.0), ("late", 1.0), ("middle", 0.5)):
        source = ContentSource(
            following(repository, tmp_path / name, keys[2]),
            check_every_s=300,
            spread=lambda spread=spread: spread,
        )
        with qtbot.waitSignal(source.checked, timeout=CHECKED_WITHIN_MS):
            source.check_now()
        timer = source.findChild(QTimer, "contentCheck")
        assert timer.isActive()
        intervals.append(timer.interval())
        source.stop()
    assert intervals == [270_000, 330_000, 300_000]
