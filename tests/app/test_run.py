"""`kiosk run` as the supervisor starts it: settings read, logs written, heartbeat beating."""

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINI_EXHIBIT

STARTUP_DEADLINE_S = 60


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + STARTUP_DEADLINE_S
    while not condition():
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline, "the kiosk did not get that far in time"
        time.sleep(0.05)  # polling another process, not a UI of this one


@pytest.fixture
def kiosk_process(tmp_path: Path):
    started: list[subprocess.Popen[str]] = []

    def start(*arguments: str, settings: str = "", terminal: Path | None = None) -> subprocess.Popen[str]:
        """`terminal`: a file for what the kiosk prints, rather than a pipe that fills unread."""
        settings_file = tmp_path / "settings.yaml"
        settings_file.write_text(settings, encoding="utf-8")
        environment = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_HEARTBEAT": str(tmp_path / "heartbeat"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
        }
        with contextlib.ExitStack() as files:
            output = subprocess.PIPE if terminal is None else files.enter_context(terminal.open("w"))
            process = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "run", "--settings", str(settings_file), *arguments],
                env=environment,
                stdout=output,
                stderr=output,
                text=True,
            )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            try:
                process.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()


def test_the_kiosk_follows_its_installation_settings(tmp_path: Path, kiosk_process) -> None:
    logs = tmp_path / "logs"
    process = kiosk_process("--windowed", settings=f"exhibit: {MINI_EXHIBIT}\nlog_dir: {logs}\n")
    log_file = logs / "kiosk.log"
    heartbeat = tmp_path / "heartbeat"
    wait_for(heartbeat.exists, process)
    first_beat = heartbeat.read_text(encoding="ascii")
    assert f"opening {MINI_EXHIBIT}" in log_file.read_text(encoding="utf-8")
    # The event loop runs: the heartbeat is written again and again.
    wait_for(lambda: heartbeat.read_text(encoding="ascii") != first_beat, process)


def test_a_broken_settings_file_is_reported_and_the_kiosk_still_runs(tmp_path: Path, kiosk_process) -> None:
    logs = tmp_path / "logs"
    process = kiosk_process(
        str(MINI_EXHIBIT), "--windowed", "--log-dir", str(logs), settings="idle_timout: 30\n"
    )
    wait_for((tmp_path / "heartbeat").exists, process)
    log = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert (
        "settings.yaml:1:1: error: idle_timout: unknown key 'idle_timout' (did you mean 'idle_timeout'?)"
        in log
    )


def test_a_kiosk_asked_to_stop_stops_cleanly_and_says_why(tmp_path: Path, kiosk_process) -> None:
    import signal

    logs = tmp_path / "logs"
    process = kiosk_process(str(MINI_EXHIBIT), "--windowed", "--log-dir", str(logs))
    wait_for((tmp_path / "heartbeat").exists, process)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=STARTUP_DEADLINE_S)
    # Not 0, which the supervisor takes for staff's Exit: a kiosk stopped by someone else starts again.
    assert process.returncode == 128 + signal.SIGTERM
    log = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert "stopping: SIGTERM received" in log
    assert f"kiosk stopped with status {128 + signal.SIGTERM}" in log


LETTER_PAGES = 5  # the document pages of exhibits/recognition-1933


@pytest.mark.slow
@pytest.mark.parametrize("verbose", [False, True], ids=["quiet", "verbose"])
def test_a_start_that_cuts_tiles_keeps_libvips_s_notes_out_unless_asked(
    tmp_path: Path, kiosk_process, verbose: bool
) -> None:
    """libvips notes every worker thread it finishes; a start that cut the letters' tiles printed
    73 of those notes to the terminal. They are for whoever asks with --verbose."""
    logs = tmp_path / "logs"
    exhibit = Path(__file__).parents[2] / "exhibits" / "recognition-1933"
    arguments = [str(exhibit), "--windowed", "--log-dir", str(logs), *(["--verbose"] if verbose else [])]
    terminal_file = tmp_path / "terminal.txt"
    process = kiosk_process(*arguments, settings="metrics_address: none\n", terminal=terminal_file)
    log_file = logs / "kiosk.log"
    wait_for(
        lambda: (
            log_file.exists()
            and log_file.read_text(encoding="utf-8").count("built the tile pyramid") == LETTER_PAGES
        ),
        process,
    )
    process.terminate()
    process.wait(timeout=STARTUP_DEADLINE_S)
    terminal = terminal_file.read_text(encoding="utf-8")
    libvips_lines = [
        line
        for line in (*terminal.splitlines(), *log_file.read_text(encoding="utf-8").splitlines())
        if " pyvips:" in line
    ]
    if verbose:
        assert libvips_lines != []
    else:
        assert libvips_lines == []
        assert terminal.count("built the tile pyramid") == LETTER_PAGES
