"""Every crash says why: the kiosk logs each error it did not expect with its traceback, and safe
mode opens the last good version whatever the kiosk keeps between runs holds."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.supervisor import EXIT_SOFTWARE
from kiosk.content.snapshot import snapshot_path
from kiosk.content.versions import VersionStore
from tests.conftest import MINI_EXHIBIT

DEADLINE_S = 90


def wait_for(condition: Callable[[], bool], what: str, timeout: float = DEADLINE_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.05)  # polling other processes and files, not a UI of this process


@pytest.mark.slow
def test_safe_mode_shows_the_last_good_version_and_trusts_nothing_kept(tmp_path: Path) -> None:
    data_dir, cache_dir = tmp_path / "data", tmp_path / "cache"
    exhibit = tmp_path / "mini"
    shutil.copytree(MINI_EXHIBIT, exhibit)
    store = VersionStore.for_exhibit(data_dir / "kiosk", exhibit)
    shown = store.publish().version
    assert shown is not None
    # A damaged snapshot whose fingerprint still matches, a settings file with a mistake, and a
    # folder changed since it was published: safe mode reads none of it.
    from kiosk.app.publishing import keep_snapshot
    from kiosk.content.loader import load_exhibit

    result = load_exhibit(shown.folder)
    assert result.exhibit is not None
    keep_snapshot(cache_dir / "kiosk", shown, result.exhibit, result.files)
    snapshot = snapshot_path(cache_dir / "kiosk", shown.folder)
    document = json.loads(snapshot.read_text(encoding="utf-8"))
    document["summary"]["languages"] = []
    snapshot.write_text(json.dumps(document), encoding="utf-8")
    damaged = snapshot.read_bytes()
    settings = tmp_path / "settings.yaml"
    settings.write_text("idle_timout: 30\ndaily_restart: '04:30'\n", encoding="utf-8")
    (exhibit / "exhibit.yaml").write_text(
        (exhibit / "exhibit.yaml").read_text(encoding="utf-8").replace("Mini Exhibit", "Changed"),
        encoding="utf-8",
    )
    heartbeat = tmp_path / "heartbeat"
    environment = {
        **os.environ,
        "XDG_DATA_HOME": str(data_dir),
        "XDG_CACHE_HOME": str(cache_dir),
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_HEARTBEAT": str(heartbeat),
    }
    logs = tmp_path / "logs"
    command = [
        "run",
        "--safe-mode",
        str(exhibit),
        "--windowed",
        "--settings",
        str(settings),
        "--log-dir",
        str(logs),
    ]
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", *command],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: heartbeat.exists() or process.poll() is not None, "the safe-mode kiosk beats")
        assert process.poll() is None, process.communicate()[1]
        first = heartbeat.read_text(encoding="ascii")
        wait_for(lambda: heartbeat.read_text(encoding="ascii") != first, "its event loop runs on")
    finally:
        process.terminate()
        process.communicate(timeout=30)
    log = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert f"opening {exhibit} in safe mode" in log
    assert "safe mode: running on the default settings, but for the exhibit and the log folder" in log
    assert f"Safe mode, because it was started with --safe-mode. Showing version {shown.name}" in log
    assert snapshot.read_bytes() == damaged, "the snapshot was neither read into the kiosk nor written"
    assert [version.name for version in store.versions()] == [shown.name], "nothing was published at start"


def test_an_unexpected_error_is_logged_with_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    from kiosk.app import run as run_module
    from kiosk.app.run import RunOptions, run_exhibit

    def broken_window(*_arguments: object) -> None:
        raise RuntimeError("the window could not be made")

    monkeypatch.setattr(run_module, "create_ui", broken_window)
    logs = tmp_path / "logs"
    options = RunOptions(windowed=True, settings_path=tmp_path / "settings.yaml", log_dir=logs)
    assert run_exhibit(MINI_EXHIBIT, options) == EXIT_SOFTWARE
    log = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert (
        "ERROR kiosk.app.run: the kiosk stopped on an unexpected error\nTraceback (most recent call last):"
        in log
    )
    assert "in _run\n    ui = create_ui(" in log
    assert "RuntimeError: the window could not be made" in log


def test_a_crash_of_python_itself_prints_its_stack(tmp_path: Path) -> None:
    code = (
        "from kiosk.app import run; run._report_fatal_errors(); import faulthandler; faulthandler._sigsegv()"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert completed.returncode != 0
    assert "Fatal Python error: Segmentation fault" in completed.stderr
    assert 'File "<string>", line 1 in <module>' in completed.stderr


@pytest.mark.skipif(os.name != "posix", reason="a process's folder is told by its pid on POSIX")
def test_safe_mode_s_caches_left_by_a_killed_kiosk_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.app import run as run_module

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    left_behind = tmp_path / f"{run_module.SAFE_MODE_CACHE_PREFIX}{int(ended.stdout)}-abcd"
    (left_behind / "pyramids").mkdir(parents=True)
    in_use = tmp_path / f"{run_module.SAFE_MODE_CACHE_PREFIX}{os.getppid()}-efgh"
    in_use.mkdir()
    fresh = run_module._fresh_cache_folder()
    assert fresh.parent == tmp_path
    assert fresh.name.startswith(f"{run_module.SAFE_MODE_CACHE_PREFIX}{os.getpid()}-")
    assert not list(fresh.iterdir()), "a new, empty folder"
    assert not left_behind.exists(), "the folder of a kiosk no longer running is removed"
    assert in_use.exists(), "the folder of a running process stays"
