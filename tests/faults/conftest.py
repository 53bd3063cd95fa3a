import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

#: How long a kiosk process on this slow, shared machine may take to get where a test waits for it.
DEADLINE_S = 60


@dataclass
class KioskInstallation:
    """A kiosk machine in a folder: its settings, logs and user folders, and the processes it ran."""

    root: Path
    processes: list[subprocess.Popen[str]]

    @property
    def settings(self) -> Path:
        return self.root / "config" / "kiosk" / "settings.yaml"

    @property
    def log_dir(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "kiosk.log"

    @property
    def heartbeat(self) -> Path:
        return self.root / "heartbeat"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache" / "kiosk"

    @property
    def data_dir(self) -> Path:
        return self.root / "data" / "kiosk"

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_HEARTBEAT": str(self.heartbeat),
            "XDG_CONFIG_HOME": str(self.root / "config"),
            "XDG_CACHE_HOME": str(self.root / "cache"),
            "XDG_DATA_HOME": str(self.root / "data"),
            "XDG_STATE_HOME": str(self.root / "state"),
        }

    def start(self, *arguments: str) -> subprocess.Popen[str]:
        """`kiosk run` with these arguments, windowed unless told otherwise, logging to `log_dir`."""
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", "--log-dir", str(self.log_dir), *arguments],
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.processes.append(process)
        return process

    def log(self) -> str:
        try:
            return self.log_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""

    def stop(self, process: subprocess.Popen[str]) -> tuple[str, str]:
        if process.poll() is None:
            process.terminate()
        try:
            return process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            return process.communicate()


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[str] | None = None) -> None:
    """Waits until `condition` holds, failing at once should the process end first."""
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if process is not None and process.poll() is not None:
            _, error = process.communicate()
            pytest.fail(f"the kiosk ended with status {process.returncode}:\n{error[-3000:]}")
        assert time.monotonic() < deadline, "the kiosk did not get that far in time"
        time.sleep(0.05)  # polling another process, not a UI of this one


def wait_for_beats(installation: KioskInstallation, process: subprocess.Popen[str], beats: int = 2) -> None:
    """Waits until the kiosk's event loop has beaten `beats` times: it runs, and keeps running."""
    seen: list[str] = []

    def beaten() -> bool:
        try:
            beat = installation.heartbeat.read_text(encoding="ascii")
        except OSError:
            return False
        if not seen or seen[-1] != beat:
            seen.append(beat)
        return len(seen) >= beats

    wait_for(beaten, process)


@pytest.fixture
def installation(tmp_path: Path) -> Iterator[KioskInstallation]:
    machine = KioskInstallation(tmp_path / "machine", [])
    machine.settings.parent.mkdir(parents=True)
    yield machine
    for process in machine.processes:
        machine.stop(process)
