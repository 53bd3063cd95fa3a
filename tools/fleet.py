"""A fleet of kiosks on one machine, as a museum runs them on many: for the fleet test and benchmark.

Each kiosk is its own `python -m kiosk run` process with its own home, data, cache and log
folders and its own installation settings, as if it were a PC of its own; they all follow one
content repository and serve their metrics on loopback, each on a port of its own. They are
watched from outside as a museum's Prometheus watches them: through their metrics.

    with Fleet(folder, repository_url, allowed_signers, size=5) as fleet:
        fleet.wait_until_serving()
        fleet.wait_until_showing(commit)
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar

from prometheus_client.parser import text_string_to_metric_families

REPOSITORY = Path(__file__).resolve().parents[1]

#: How long a kiosk on a busy two-core machine, one of several starting at once, may take to start.
START_DEADLINE_S = 120.0
#: How often the fleet is looked at while waiting for something to happen on it.
POLL_S = 0.1

T = TypeVar("T")

Samples = dict[str, list[tuple[dict[str, str], float]]]


def free_port() -> int:
    """A TCP port on loopback that nothing listens on (yet)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def parse_metrics(text: str) -> Samples:
    """The samples of a Prometheus text exposition, by metric name: (labels, value) pairs."""
    found: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found.setdefault(sample.name, []).append((sample.labels, sample.value))
    return found


def wait_until(condition: Callable[[], T], what: str, timeout: float) -> T:
    """Polls `condition` (other processes: nothing to wait on but their answers) until it is true."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting until {what}")
        time.sleep(POLL_S)


@dataclass
class FleetKiosk:
    """One kiosk of the fleet: its folder (home, data, logs, settings) and its process."""

    name: str
    folder: Path
    port: int
    settings: str
    #: What Python runs with `run --settings FILE`: the kiosk's command line, or one that wraps it.
    launcher: tuple[str, ...] = ("-m", "kiosk")
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.folder / "logs" / "kiosk.log"

    def environment(self) -> dict[str, str]:
        home = self.folder / "home"
        return {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "QT_QPA_PLATFORM": os.environ.get("KIOSK_FLEET_PLATFORM", "offscreen"),
            "PYTHONUNBUFFERED": "1",
        }

    def start(self, *arguments: str) -> None:
        """Starts the kiosk as `kiosk run` with its settings file (and `arguments`)."""
        (self.folder / "home").mkdir(parents=True, exist_ok=True)
        settings_file = self.folder / "settings.yaml"
        settings_file.write_text(self.settings, encoding="utf-8")
        with (self.folder / "stderr.txt").open("ab") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, *self.launcher, "run", "--settings", str(settings_file), *arguments],
                cwd=REPOSITORY,
                env=self.environment(),
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def scrape(self, timeout: float = 5.0) -> Samples | None:
        """Its metrics now, or None if it does not answer."""
        try:
            with urllib.request.urlopen(f"http://{self.address}/metrics", timeout=timeout) as response:
                return parse_metrics(response.read().decode("utf-8"))
        except OSError:
            return None

    def on_show(self) -> dict[str, str] | None:
        """The labels of the version it has on show (version, title, source, commit), if it answers."""
        samples = self.scrape()
        if samples is None or not samples.get("kiosk_content_version_info"):
            return None
        return samples["kiosk_content_version_info"][0][0]

    def kill(self) -> None:
        """Ends it as a power cut or a crash would: SIGKILL."""
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def hang(self) -> None:
        """Freezes it (SIGSTOP): a kiosk that is there but answers nothing."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        """Ends it as systemd would: SIGTERM, then SIGKILL if it has not ended after 30 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGCONT)
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def repository_settings(
    content_git: str,
    allowed_signers: Path,
    *,
    content_path: str | None = None,
    check_every: float = 30,
    idle_timeout: float = 10,
) -> str:
    """The part of an installation's settings that makes a kiosk follow a signed repository."""
    lines = [
        f"content_git: {content_git}",
        f"allowed_signers: {allowed_signers}",
        f"content_check_every: {check_every:g}",
        f"idle_timeout: {idle_timeout:g}",
    ]
    if content_path:
        lines.append(f"content_path: {content_path}")
    return "\n".join(lines) + "\n"


class Fleet:
    """`size` kiosks named gallery-1, gallery-2, ..., each with `settings` and a metrics port."""

    def __init__(self, folder: Path, settings: str, *, size: int = 5, arguments: Sequence[str] = ()) -> None:
        self.arguments = tuple(arguments)
        self.kiosks: list[FleetKiosk] = []
        for number in range(1, size + 1):
            name = f"gallery-{number}"
            kiosk_folder = folder / name
            port = free_port()
            kiosk_settings = (
                settings
                + f"kiosk_name: {name}\n"
                + f'metrics_address: "127.0.0.1:{port}"\n'
                + f"log_dir: {kiosk_folder / 'logs'}\n"
            )
            self.kiosks.append(FleetKiosk(name, kiosk_folder, port, kiosk_settings))

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    def __iter__(self) -> Iterator[FleetKiosk]:
        return iter(self.kiosks)

    def __getitem__(self, name: str) -> FleetKiosk:
        return next(kiosk for kiosk in self.kiosks if kiosk.name == name)

    def targets(self) -> dict[str, str]:
        """Each kiosk's name and metrics address, as a Prometheus file_sd entry names them."""
        return {kiosk.name: kiosk.address for kiosk in self.kiosks}

    def start(self) -> None:
        for kiosk in self.kiosks:
            kiosk.start(*self.arguments)

    def stop(self) -> None:
        for kiosk in self.kiosks:
            kiosk.stop()

    def problems(self) -> list[str]:
        """Kiosks that ended by themselves, with the end of what they said on standard error."""
        found = []
        for kiosk in self.kiosks:
            if kiosk.process is not None and kiosk.process.poll() not in (None, -signal.SIGKILL):
                stderr = (kiosk.folder / "stderr.txt").read_text(encoding="utf-8", errors="replace")
                found.append(f"{kiosk.name} ended with {kiosk.process.returncode}: {stderr[-2000:]}")
        return found

    def _checked(self, condition: Callable[[], T]) -> Callable[[], T]:
        def checked() -> T:
            problems = self.problems()
            if problems:
                raise AssertionError("; ".join(problems))
            return condition()

        return checked

    def wait_until_serving(self, timeout: float = START_DEADLINE_S) -> None:
        """Until every kiosk answers with its metrics."""
        wait_until(
            self._checked(lambda: all(kiosk.scrape() is not None for kiosk in self.kiosks)),
            "every kiosk serves its metrics",
            timeout,
        )

    def showing(self, commit: str, kiosks: Sequence[FleetKiosk] | None = None) -> list[FleetKiosk]:
        """The kiosks (of `kiosks`, all by default) that have `commit` on show."""
        return [
            kiosk
            for kiosk in (self.kiosks if kiosks is None else kiosks)
            if (kiosk.on_show() or {}).get("commit") == commit
        ]

    def wait_until_showing(
        self,
        commit: str,
        timeout: float = START_DEADLINE_S,
        *,
        on_each: Callable[[FleetKiosk], None] | None = None,
    ) -> None:
        """Until every kiosk has `commit` on show; `on_each` is called once for each, when it has."""
        waiting = list(self.kiosks)

        def all_showing() -> bool:
            for kiosk in self.showing(commit, waiting):
                waiting.remove(kiosk)
                if on_each is not None:
                    on_each(kiosk)
            return not waiting

        wait_until(self._checked(all_showing), f"every kiosk shows commit {commit[:12]}", timeout)
