"""Chaos soak: the supervised kiosk on a real X server, and a random fault every simulated hour.

Run from the repository root as `python -m tools.chaos`; docs/performance.md explains it and gives
the figures of a simulated week. The kiosk is installed as on a gallery machine, in a temporary
folder: a copy of the exhibit, an installation settings file, user folders of its own, its data
folder on a small size-limited file system (tmpfs) so that the disk can really fill, and a real Xvfb
screen. It runs as in production, as `python -m kiosk supervise EXHIBIT --log-dir ... --settings
...` with Qt's xcb platform, and is watched from outside as operations staff would watch it: the
supervisor's child process, its window on the X server, its heartbeat file, and the logs.

Every simulated hour is a few real seconds of healthy running followed by one fault, drawn at
random (seeded) in blocks so that every kind comes up as often as the others:

- kill: SIGKILL to the kiosk;
- hang: SIGSTOP to the kiosk, which the supervisor must find by its heartbeat and restart;
- X loss: the X server killed, and started again on the same display after a short gap, as a
  display manager would;
- cache corruption: the home-screen snapshot, tile pyramids (manifests, tiles and previews), a
  version record, the name of the current version and the staff PIN lockout damaged with random
  bytes and random JSON values, then the kiosk killed so that its next start reads them;
- folder swap: a changed copy of the exhibit renamed over the folder (two `mv`s, as a deployment
  script does), or the folder moved away, changed and moved back; the change must go on show
  without a restart;
- disk full: the data disk filled, the exhibit changed, the space freed after a while; the change
  must go on show by itself.

After each fault the soak measures the time until the kiosk has recovered, and counts a fault
not recovered within `--give-up` seconds as a permanent outage; the command exits 1 if there was
any. The report gives, per kind of fault, the times to recover, how often the supervisor's ladder
reached safe mode and the out-of-order screen, the crashes and the Qt and QML warnings in the logs,
and the memory of the kiosk and its supervisor at the end.

Linux only. The data disk needs a private mount namespace: the soak starts itself again under
`unshare` (as root, `unshare --mount`; otherwise in a user namespace); where none can be made it
runs with an ordinary data folder and leaves the disk-full fault out, and says so.
"""

import argparse
import contextlib
import ctypes
import enum
import json
import math
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import xcffib
import xcffib.xproto

from kiosk.app.heartbeat import DEFAULT_INTERVAL_MS
from kiosk.app.supervision import HEARTBEAT_ENV
from kiosk.app.supervisor import (
    DEFAULT_HANG_TIMEOUT,
    DEFAULT_KILL_AFTER,
    DEFAULT_QUICK_FAILURES,
    DEFAULT_RETRY_AFTER,
    DEFAULT_STABLE_AFTER,
    Mode,
)
from kiosk.content.paths import EXHIBIT_FILE
from kiosk.content.pyramids import MANIFEST, PREVIEW
from kiosk.content.versions import CURRENT_FILE, VERSION_FILE, VersionStore, folder_fingerprint
from kiosk.services.staff_access import LOCKOUT_FILE, hash_pin
from tools.mount_namespace import namespace_command

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_EXHIBIT = REPOSITORY / "exhibits" / "recognition-1933"

DEFAULT_DAYS = 7
DEFAULT_SEED = 1933
#: Healthy running between two faults: a simulated hour.
DEFAULT_HOUR_S = 5.0
#: A fault not recovered from within this long is a permanent outage: the out-of-order screen's
#: retry period (after which the supervisor tries the kiosk again) and two minutes more.
DEFAULT_GIVE_UP_S = DEFAULT_RETRY_AFTER + 120
#: How long the X server stays away: a display manager starts it again within a second or two.
DEFAULT_X_GAP_S = 2.0
#: How long the data disk stays full.
DEFAULT_DISK_HOLD_S = 20.0
#: The data disk: room for the published versions (which share unchanged files) and little more.
DATA_DISK_MB = 16
#: The screen, as on a gallery's 1080p display.
SCREEN = (1920, 1080)
XVFB_SCREEN = f"{SCREEN[0]}x{SCREEN[1]}x24"
#: Display numbers tried for the soak's own X server: far above those `xvfb-run -a` and
#: `Xvfb -displayfd` choose, so that no other program takes it while it is restarted.
DISPLAY_NUMBERS = range(640, 1000)
X_START_S = 10.0
#: How often the kiosk is looked at.
POLL_S = 0.1
#: A heartbeat older than three beats is not a beating heart (the supervisor waits for 30 s).
BEAT_FRESH_S = 3 * DEFAULT_INTERVAL_MS / 1000
#: Distinct messages the report lists of each kind (all are counted).
KEPT_TEXTS = 15
#: The staff PIN of the installation: set, so that its lockout file is read as in a gallery.
STAFF_PIN = "19331116"
#: The line the soak writes into the exhibit's main file to change it.
REVISION_MARK = "# chaos soak revision:"
#: Set inside the private mount namespace: the soak may mount its data disk there.
INSIDE_NAMESPACE = "KIOSK_CHAOS_PRIVATE_MOUNTS"
#: The supervisor is given this long to end the kiosk and itself at the end of the run.
SHUTDOWN_S = 30.0

PR_SET_PDEATHSIG = 1


class Kind(enum.Enum):
    """The faults, by the name `--faults` takes."""

    KILL = "kill"
    HANG = "hang"
    X_LOSS = "x-loss"
    CACHE = "cache"
    FOLDER_SWAP = "folder-swap"
    DISK_FULL = "disk-full"

    @property
    def title(self) -> str:
        return {
            Kind.KILL: "kill (SIGKILL)",
            Kind.HANG: "hang (SIGSTOP)",
            Kind.X_LOSS: "X server lost",
            Kind.CACHE: "caches damaged",
            Kind.FOLDER_SWAP: "folder swapped",
            Kind.DISK_FULL: "disk full",
        }[self]


#: What an outage the soak did not cause is filed under.
UNPROVOKED = "unprovoked"
#: The faults that end the kiosk's process: it must come back as a new one.
ENDS_THE_KIOSK = frozenset({Kind.KILL, Kind.HANG, Kind.X_LOSS, Kind.CACHE})
#: The faults that change the exhibit: the change must go on show.
CHANGES_THE_EXHIBIT = frozenset({Kind.FOLDER_SWAP, Kind.DISK_FULL})


class ChaosError(RuntimeError):
    """The soak could not be set up, or could not go on."""


def now() -> float:
    return time.monotonic()


def load_average() -> str:
    """Other work on the machine skews every figure, so the report says how busy it was."""
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def die_with_parent() -> None:
    """For a child process: SIGTERM when the soak ends, however it ends (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


# --- A private mount namespace -------------------------------------------------------------------


def run_in_namespace(command: list[str], argv: Sequence[str]) -> int:
    """Runs the soak again inside the namespace; its exit status."""
    with tempfile.TemporaryDirectory(prefix="kiosk-chaos-runtime-") as runtime:
        Path(runtime).chmod(0o700)
        environment = {
            **os.environ,
            INSIDE_NAMESPACE: "1",
            # Qt checks that its runtime folder belongs to the user, who may be root in the namespace.
            "XDG_RUNTIME_DIR": runtime,
        }
        inner = subprocess.Popen(
            [*command, sys.executable, "-m", "tools.chaos", *argv],
            cwd=REPOSITORY,
            env=environment,
            preexec_fn=die_with_parent,
        )
        previous = signal.signal(signal.SIGTERM, lambda *_: inner.terminate())
        try:
            while True:
                try:
                    return inner.wait()
                except KeyboardInterrupt:
                    continue  # the soak inside got the interrupt too, and reports
        finally:
            signal.signal(signal.SIGTERM, previous)


# --- The installation -----------------------------------------------------------------------------


@dataclass
class Installation:
    """A kiosk machine in a folder: the exhibit, the settings, and the kiosk's folders."""

    root: Path
    exhibit: Path
    data_on_tmpfs: bool = False

    @property
    def settings(self) -> Path:
        return self.root / "config" / "kiosk" / "settings.yaml"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def data_home(self) -> Path:
        """XDG_DATA_HOME: the data disk. The kiosk keeps its versions in `kiosk/` on it."""
        return self.root / "data"

    @property
    def data(self) -> Path:
        return self.data_home / "kiosk"

    @property
    def cache(self) -> Path:
        return self.root / "cache" / "kiosk"

    @property
    def temporary(self) -> Path:
        return self.root / "tmp"

    @property
    def runtime(self) -> Path:
        return self.root / "runtime"

    @property
    def ballast(self) -> Path:
        return self.data_home / "ballast"

    @property
    def store(self) -> VersionStore:
        return VersionStore.for_exhibit(self.data, self.exhibit)

    @property
    def versions(self) -> Path:
        return self.store.root

    def current_version(self) -> str:
        return self.store.current_name()

    def environment(self, display: str) -> dict[str, str]:
        """The kiosk's environment: its display, its folders, and nothing of the desktop it came from."""
        environment = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("QT_", "WAYLAND_", "KIOSK_", "XDG_"))
        }
        environment.pop("DISPLAY", None)
        runtime = os.environ.get("XDG_RUNTIME_DIR") if os.environ.get(INSIDE_NAMESPACE) else None
        return environment | {
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "XDG_CONFIG_HOME": str(self.root / "config"),
            "XDG_CACHE_HOME": str(self.root / "cache"),
            "XDG_DATA_HOME": str(self.data_home),
            "XDG_STATE_HOME": str(self.root / "state"),
            "XDG_RUNTIME_DIR": runtime or str(self.runtime),
            # The supervisor's heartbeat folder and safe mode's caches.
            "TMPDIR": str(self.temporary),
        }


def make_installation(root: Path, exhibit: Path, *, data_disk: bool) -> Installation:
    installation = Installation(root, root / "exhibits" / exhibit.name)
    shutil.copytree(exhibit, installation.exhibit)
    for folder in (installation.logs, installation.data_home, installation.temporary, installation.runtime):
        folder.mkdir(parents=True)
    installation.runtime.chmod(0o700)
    installation.settings.parent.mkdir(parents=True)
    installation.settings.write_text(
        f'exhibit: {installation.exhibit}\npin_hash: "{hash_pin(STAFF_PIN)}"\n', encoding="utf-8"
    )
    if data_disk:
        subprocess.run(
            [
                "mount",
                "-t",
                "tmpfs",
                "-o",
                f"size={DATA_DISK_MB}m,mode=0700",
                "kiosk-chaos-data",
                str(installation.data_home),
            ],
            check=True,
        )
        installation.data_on_tmpfs = True
    return installation


def cut_tiles(installation: Installation) -> None:
    """`kiosk tiles`, as an installer runs it: the letters' tile pyramids in the kiosk's cache, for
    the soak to damage."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "tiles",
            str(installation.exhibit),
            "--settings",
            str(installation.settings),
        ],
        cwd=REPOSITORY,
        env=installation.environment(display=""),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )


def remove_installation(installation: Installation, *, keep: bool) -> None:
    if installation.data_on_tmpfs:
        subprocess.run(["umount", str(installation.data_home)], check=False)
    if not keep:
        shutil.rmtree(installation.root, ignore_errors=True)


# --- The X server ---------------------------------------------------------------------------------


def x_server_answers(display: str) -> bool:
    try:
        connection = xcffib.connect(display=display)
    except xcffib.ConnectionException:
        return False
    connection.disconnect()
    return True


class XServer:
    """Xvfb on a display of the soak's own, started again on the same display after a loss."""

    def __init__(self, number: int, log: Path) -> None:
        self.number = number
        self._log = log
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def display(self) -> str:
        return f":{self.number}"

    @classmethod
    def on_a_free_display(cls, log: Path) -> "XServer":
        for number in DISPLAY_NUMBERS:
            if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
                continue
            server = cls(number, log)
            if server.start():
                return server
        raise ChaosError(f"Xvfb could not start on any display from :{DISPLAY_NUMBERS[0]}: see {log}")

    def start(self) -> bool:
        """Starts Xvfb; whether it answers within a few seconds."""
        with self._log.open("ab") as log:
            self.process = subprocess.Popen(
                ["Xvfb", self.display, "-screen", "0", XVFB_SCREEN, "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=log,
                preexec_fn=die_with_parent,
            )
        deadline = now() + X_START_S
        while now() < deadline:
            if self.process.poll() is not None:
                return False
            if x_server_answers(self.display):
                self.starts += 1
                return True
            time.sleep(0.05)  # another process starting
        self.stop()
        return False

    def start_again(self) -> None:
        """As a display manager does: tries until the server is up (a stale lock, a slow machine)."""
        deadline = now() + 4 * X_START_S
        while not self.start():
            if now() > deadline:
                raise ChaosError(f"Xvfb did not start again on {self.display}: see {self._log}")
            time.sleep(1)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --- Looking at the kiosk from outside -------------------------------------------------------------


@dataclass(frozen=True)
class Sight:
    """One look at the kiosk: which process the supervisor runs, in which mode, and whether it is up."""

    at: float
    pid: int | None
    mode: Mode | None
    up: bool
    #: Why it is not up ("" when it is), for the report.
    why_not: str

    @property
    def state(self) -> str:
        """What a visitor sees: the kiosk, the kiosk in safe mode, the out-of-order screen, or nothing."""
        return self.mode.value if self.up and self.mode is not None else "down"

    @property
    def showing_exhibit(self) -> bool:
        return self.up and self.mode in (Mode.NORMAL, Mode.SAFE)


def read_proc(pid: int, name: str) -> bytes | None:
    try:
        return Path(f"/proc/{pid}/{name}").read_bytes()
    except OSError:
        return None


def process_state(pid: int) -> str | None:
    """The state letter of /proc/PID/stat: R, S, D, T (stopped), Z (ended, not reaped)..."""
    stat = read_proc(pid, "stat")
    if stat is None:
        return None
    return stat.rsplit(b")", 1)[-1].split()[0].decode()


def process_age(pid: int) -> float | None:
    """Seconds since the process started."""
    stat = read_proc(pid, "stat")
    if stat is None:
        return None
    uptime = Path("/proc/uptime").read_bytes()
    started_ticks = int(stat.rsplit(b")", 1)[-1].split()[19])
    return round(float(uptime.split()[0]) - started_ticks / os.sysconf("SC_CLK_TCK"), 1)


def status_kb(pid: int, field_name: str) -> int | None:
    status = read_proc(pid, "status")
    if status is None:
        return None
    for line in status.decode().splitlines():
        name, _, value = line.partition(":")
        if name == field_name:
            return int(value.split()[0])
    return None


def open_files(pid: int) -> int | None:
    try:
        return sum(1 for _ in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return None


def mode_of(command: list[str]) -> Mode | None:
    """How the supervisor started the process: `kiosk run`, `run --safe-mode` or `out-of-order`."""
    if "kiosk" not in command:
        return None
    arguments = command[command.index("kiosk") + 1 :]
    if arguments[:1] == ["out-of-order"]:
        return Mode.OUT_OF_ORDER
    if arguments[:1] == ["run"]:
        return Mode.SAFE if "--safe-mode" in arguments else Mode.NORMAL
    return None


class Observer:
    """Looks at the kiosk as operations staff would: the supervisor's child, its window, its heartbeat."""

    def __init__(self, supervisor_pid: int, display: str) -> None:
        self._supervisor = supervisor_pid
        self._display = display
        self._connection: Any = None
        self._pid_atom = 0
        self._heartbeats: dict[int, Path | None] = {}

    def child(self) -> tuple[int, Mode] | None:
        """The kiosk process the supervisor runs now, and its mode."""
        tasks = Path(f"/proc/{self._supervisor}/task")
        with contextlib.suppress(OSError):
            for task in tasks.iterdir():
                children = read_proc(self._supervisor, f"task/{task.name}/children") or b""
                for pid in map(int, children.split()):
                    command = (read_proc(pid, "cmdline") or b"").decode(errors="replace").split("\0")
                    mode = mode_of(command)
                    if mode is not None:
                        return pid, mode
        return None

    def look(self) -> Sight:
        at = now()
        found = self.child()
        if found is None:
            return Sight(at, None, None, False, "no kiosk process")
        pid, mode = found
        state = process_state(pid)
        if state in ("T", "t"):
            return Sight(at, pid, mode, False, "stopped")
        if state is None or state in ("Z", "X"):
            return Sight(at, pid, mode, False, "ended")
        beat = self._beat_age(pid)
        if beat is None:
            return Sight(at, pid, mode, False, "no heartbeat yet")
        if beat > BEAT_FRESH_S:
            return Sight(at, pid, mode, False, f"heartbeat {beat:.0f} s old")
        window = self._window_of(pid)
        return Sight(at, pid, mode, window == "", window)

    def close(self) -> None:
        self._drop()

    def _beat_age(self, pid: int) -> float | None:
        """Seconds since the process last wrote its heartbeat file; None before its first beat."""
        if pid not in self._heartbeats:
            environ = read_proc(pid, "environ") or b""
            variables = dict(entry.split(b"=", 1) for entry in environ.split(b"\0") if b"=" in entry)
            heartbeat = variables.get(HEARTBEAT_ENV.encode())
            self._heartbeats[pid] = Path(heartbeat.decode()) if heartbeat else None
        path = self._heartbeats[pid]
        if path is None:
            return None
        try:
            # When it was written, not what it says: a file read as it is rewritten may be empty.
            return time.time() - path.stat().st_mtime
        except OSError:
            return None

    def _window_of(self, pid: int) -> str:
        """ "" when the process has a window mapped, viewable and covering the screen; else what is wrong."""
        try:
            connection = self._connect()
            root = connection.get_setup().roots[0]
            screen = (root.width_in_pixels, root.height_in_pixels)
            children = connection.core.QueryTree(root.root).reply().children
            cookies = [
                (window, connection.core.GetProperty(False, window, self._pid_atom, 6, 0, 1))
                for window in children
            ]
            found = []
            for window, cookie in cookies:
                with contextlib.suppress(xcffib.Error):
                    reply = cookie.reply()
                    if reply.value_len and int.from_bytes(reply.value.buf()[:4], sys.byteorder) == pid:
                        found.append(window)
            seen = "no window"
            for window in found:
                with contextlib.suppress(xcffib.Error):
                    attributes = connection.core.GetWindowAttributes(window).reply()
                    geometry = connection.core.GetGeometry(window).reply()
                    place = (geometry.x, geometry.y, geometry.width, geometry.height)
                    if attributes.map_state != xcffib.xproto.MapState.Viewable:
                        seen = "window not mapped"
                    elif place != (0, 0, *screen):
                        seen = f"window {place[2]}x{place[3]}+{place[0]}+{place[1]} on a {screen[0]}x{screen[1]} screen"
                    else:
                        return ""
            return seen
        except (xcffib.ConnectionException, OSError):
            self._drop()
            return "no X server"
        except xcffib.XcffibException as error:
            self._drop()
            return f"the X server answered with an error ({error!r})"

    def _connect(self) -> Any:
        if self._connection is None:
            self._connection = xcffib.connect(display=self._display)
            name = "_NET_WM_PID"
            self._pid_atom = self._connection.core.InternAtom(False, len(name), name).reply().atom
        return self._connection

    def _drop(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.disconnect()
            self._connection = None


# --- The logs --------------------------------------------------------------------------------------

#: A record as kiosk/app/logs.py writes it: "2025-03-01 09:00:12,345 WARNING name: message".
RECORD = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) ([A-Z]+) (\S+): (.*)$")


@dataclass
class Record:
    wall: float
    level: str
    logger: str
    message: str
    #: The lines that followed: a traceback, the last words of a child.
    more: list[str] = field(default_factory=list)


class LogFollower:
    """Reads a log file as it grows, across its rotations (`kiosk.log` renamed to `kiosk.log.1`)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._inode: int | None = None
        self._offset = 0
        self._partial = b""
        self._last: Record | None = None

    def records(self) -> Iterator[Record]:
        """The records written since the last call (a record's further lines may come later)."""
        for line in self._new_lines():
            match = RECORD.match(line)
            if match:
                stamp, millis, level, logger, message = match.groups()
                wall = time.mktime(time.strptime(stamp, "%Y-%m-%d %H:%M:%S")) + int(millis) / 1000
                self._last = Record(wall, level, logger, message)
                yield self._last
            elif self._last is not None and len(self._last.more) < 200:
                self._last.more.append(line)

    def _new_lines(self) -> list[str]:
        try:
            inode = self._path.stat().st_ino
        except OSError:
            return []
        data = b""
        if inode != self._inode:
            if self._inode is not None:
                data += self._rest_of_rotated()
            self._inode, self._offset = inode, 0
        with self._path.open("rb") as file:
            if file.seek(0, os.SEEK_END) < self._offset:
                self._offset = 0  # truncated
            file.seek(self._offset)
            chunk = file.read()
        self._offset += len(chunk)
        data = self._partial + data + chunk
        *lines, self._partial = data.split(b"\n")
        return [line.decode("utf-8", errors="replace") for line in lines]

    def _rest_of_rotated(self) -> bytes:
        for index in range(1, 6):
            rotated = self._path.with_name(f"{self._path.name}.{index}")
            with contextlib.suppress(OSError), rotated.open("rb") as file:
                if os.fstat(file.fileno()).st_ino == self._inode:
                    file.seek(self._offset)
                    return file.read()
        return b""


_MODES = "|".join(re.escape(mode.value) for mode in Mode)
STARTED = re.compile(rf"^(?P<mode>{_MODES}) started \(pid (?P<pid>\d+)\)")
ENDED = re.compile(
    rf"^(?P<mode>{_MODES}) \(pid (?P<pid>\d+)\) ended after (?P<uptime>[\d.]+) s: (?P<cause>.*)$"
)
SAFE_MODE_ENTERED = re.compile(r"; starting it in safe mode$")
OUT_OF_ORDER_ENTERED = re.compile(r"; showing the out-of-order screen( until the exhibit changes)?$")
NORMAL_AGAIN = re.compile(r"starting the kiosk normally again$|the ladder and the back-off start again$")
SHOWN = re.compile(r"^version (?P<name>\S+) of the exhibit is on show$")
PUBLISHED = re.compile(r"^published .* as version (?P<name>\S+)$")
#: The kiosk noticing its folder moved, replaced or changed.
FOLDER_EVENT = re.compile(
    r"^the exhibit folder .*(changed|has gone|is there again)|^another folder stands at"
)
#: The kiosk finding a damaged cache or stored state.
DAMAGE_FOUND = re.compile(r"damaged")
DISK_FULL_SAID = re.compile(r"^publishing stopped: the disk holding .* is full")
#: Qt's words when its X server goes, or is not there yet: expected while the X server is lost.
X_GONE = re.compile(
    r"X11 connection broke|could not connect to display|xcb-cursor0 or libxcb-cursor0 is needed"
    r"|no Qt platform plugin could be initialized"
)


@dataclass(frozen=True)
class End:
    """A run of the kiosk that ended, as the supervisor logged it."""

    wall: float
    mode: str
    pid: int
    cause: str
    abnormal: bool


class Chronicle:
    """What the logs say happened: children started and ended, the ladder, versions on show, warnings."""

    def __init__(self, logs: Path) -> None:
        self._kiosk = LogFollower(logs / "kiosk.log")
        self._supervisor = LogFollower(logs / "supervisor.log")
        self.ends: list[End] = []
        self.ladder: list[tuple[float, str]] = []
        self.shown: list[tuple[float, str]] = []
        self.published: list[tuple[float, str]] = []
        self.kiosk_warnings: list[Record] = []
        self.qt_warnings: list[Record] = []
        self.supervisor_warnings: list[Record] = []
        self.folder_events: list[tuple[float, str]] = []
        self.starts = 0

    def poll(self) -> None:
        for record in self._kiosk.records():
            if shown := SHOWN.match(record.message):
                self.shown.append((record.wall, shown["name"]))
            elif published := PUBLISHED.match(record.message):
                self.published.append((record.wall, published["name"]))
            elif FOLDER_EVENT.search(record.message):
                self.folder_events.append((record.wall, record.message[:200]))
            if record.level in ("WARNING", "ERROR", "CRITICAL"):
                if record.logger.startswith(("qt.", "qml.")):
                    self.qt_warnings.append(record)
                else:
                    self.kiosk_warnings.append(record)
        for record in self._supervisor.records():
            message = record.message
            if STARTED.match(message):
                self.starts += 1
            elif ended := ENDED.match(message):
                abnormal = record.level != "INFO"
                self.ends.append(End(record.wall, ended["mode"], int(ended["pid"]), ended["cause"], abnormal))
            elif SAFE_MODE_ENTERED.search(message):
                self.ladder.append((record.wall, Mode.SAFE.value))
            elif OUT_OF_ORDER_ENTERED.search(message):
                self.ladder.append((record.wall, Mode.OUT_OF_ORDER.value))
            elif NORMAL_AGAIN.search(message):
                self.ladder.append((record.wall, Mode.NORMAL.value))
            elif record.level != "INFO" and not message.startswith(
                ("restarting the kiosk", "the last words")
            ):
                self.supervisor_warnings.append(record)

    def shown_since(self, wall: float, suffix: str) -> str | None:
        """The version whose name ends with `suffix`, if the kiosk logged it on show since `wall`."""
        return next((name for at, name in self.shown if at >= wall - 0.01 and name.endswith(suffix)), None)

    def published_at(self, wall: float, suffix: str) -> float | None:
        """When the kiosk published the version whose name ends with `suffix`, since `wall`."""
        return next((at for at, name in self.published if at >= wall - 0.01 and name.endswith(suffix)), None)

    def ladder_between(self, start: float, end: float) -> list[str]:
        return [mode for at, mode in self.ladder if start - 0.01 <= at <= end + 0.01]


# --- Damage ------------------------------------------------------------------------------------------

#: Strings that break careless readers: paths out of the exhibit, control characters, sheer length.
HOSTILE_STRINGS = (
    "",
    "/etc/passwd",
    "../../../../etc/passwd",
    "\u0000",
    "file:///etc/hostname",
    "x" * 10_000,
    "Признание ∞ 𝄞",
    "NaN",
)


def random_json(rng: random.Random, depth: int = 0) -> Any:
    """A JSON value of any kind, often one that a reader does not expect."""
    kind = rng.randrange(9 if depth < 3 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice((True, False))
    if kind == 2:
        return rng.choice((0, -1, 1, 2**63, -(10**30), rng.randrange(-(10**9), 10**9)))
    if kind == 3:
        return rng.choice((0.5, -0.0, 1e308, float("nan"), float("inf"), rng.random()))
    if kind in (4, 5):
        return rng.choice(HOSTILE_STRINGS)
    if kind in (6, 7):
        return [random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {rng.choice(HOSTILE_STRINGS[:5]) + str(index): random_json(rng, depth + 1) for index in range(3)}


def mutate(document: Any, rng: random.Random) -> Any:
    """The document with one to three of its values, anywhere in it, replaced by random ones."""
    places: list[tuple[Any, Any]] = []
    pending = [document]
    while pending:
        node = pending.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node)) if isinstance(node, list) else []
        for key in keys:
            places.append((node, key))
            pending.append(node[key])
    if not places:
        return random_json(rng)
    for _ in range(rng.randint(1, 3)):
        container, key = rng.choice(places)
        container[key] = random_json(rng)
    return document


def damage(path: Path, rng: random.Random, *, is_json: bool, may_grow: bool = False) -> str:
    """Damages the file as a power cut, a bad card or a person might; how, in a few words."""
    original = path.read_bytes() if path.exists() else b""
    ways = ["random bytes", "cut short", "bytes flipped", "emptied"]
    if is_json:
        ways += ["random JSON values", "random JSON values", "another JSON value", "nested too deep"]
    if may_grow:
        ways.append("grown past its limit")
    how = rng.choice(ways)
    if how == "random bytes":
        damaged = rng.randbytes(rng.randrange(1, 2 * len(original) + 64))
    elif how == "cut short":
        damaged = original[: rng.randrange(len(original))] if original else b"{"
    elif how == "bytes flipped":
        buffer = bytearray(original or b"{}")
        for _ in range(rng.randint(1, 8)):
            buffer[rng.randrange(len(buffer))] ^= 1 << rng.randrange(8)
        damaged = bytes(buffer)
    elif how == "emptied":
        damaged = b""
    elif how == "random JSON values":
        try:
            document = json.loads(original)
        except (ValueError, RecursionError):  # damaged before
            document = random_json(rng)
        damaged = json.dumps(mutate(document, rng)).encode()
    elif how == "another JSON value":
        damaged = json.dumps(random_json(rng)).encode()
    elif how == "nested too deep":
        damaged = b"[" * 200_000 + b"]" * 200_000
    else:
        damaged = b" " * 5_000_000 + (original or b"{}")
    path.write_bytes(damaged)
    return how


# --- Records -----------------------------------------------------------------------------------------


@dataclass
class Injection:
    """A fault as it was made: when, what, and what remains to be done (an X server to start again)."""

    kind: str
    t0: float
    wall: float
    detail: str
    #: The kiosk process the fault ends: the kiosk must come back as another one.
    victim: int | None = None
    #: For a changed exhibit: the end of the name of the version that must go on show.
    version_suffix: str | None = None
    #: (when, action) still to do, such as starting the X server again.
    actions: list[tuple[float, Callable[[], None]]] = field(default_factory=list)
    imposed_s: float = 0.0


@dataclass
class FaultRecord:
    """A fault and the kiosk's recovery from it."""

    hour: int
    kind: str
    detail: str
    #: When the fault came (wall clock, as the logs' times), and the process it ended, if any.
    wall: float
    victim: int | None
    #: What was on the screen when the fault came.
    before: str
    imposed_s: float
    #: From the fault to the exhibit back (and the changed version on show); None: never, within
    #: the deadline.
    recovered_s: float | None
    #: From the fault to the first look that found any screen up, the out-of-order screen included.
    screen_s: float | None
    #: How long nothing was up, within the recovery.
    dark_s: float
    #: What the screen showed during the recovery, in order, without repeats.
    shown: list[str]
    #: The ladder's steps that the supervisor logged during the recovery.
    ladder: list[str]
    version: str | None = None
    #: From the fault to the changed version published (copied and found valid), whether or not
    #: it could go on show then: it waits for the visit to end.
    published_s: float | None = None
    #: The changed version went on show only after the kiosk had been started again.
    after_restart: bool = False
    #: What showed that the fault had its effect ("" when nothing did).
    evidence: str = ""
    #: For a permanent outage: what the last look found, and when the kiosk came back, if it did.
    last_seen: str = ""
    late_s: float | None = None

    @property
    def recovered(self) -> bool:
        return self.recovered_s is not None


# --- The soak ----------------------------------------------------------------------------------------


def schedule_faults(kinds: Sequence[Kind], hours: int, rng: random.Random) -> list[Kind]:
    """One fault an hour, every kind once in each block of len(kinds) hours, in random order."""
    schedule: list[Kind] = []
    while len(schedule) < hours:
        block = list(kinds)
        rng.shuffle(block)
        schedule += block
    return schedule[:hours]


def revise(folder: Path, label: str) -> None:
    """Changes the exhibit as a curator saving its main file would: a new revision line."""
    path = folder / EXHIBIT_FILE
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(REVISION_MARK)
    ]
    lines.append(f"{REVISION_MARK} {label}")
    saving = folder / f".{EXHIBIT_FILE}.saving"  # hidden: never part of the exhibit
    saving.write_text("\n".join(lines) + "\n", encoding="utf-8")
    saving.replace(path)


def move(source: Path, target: Path) -> None:
    subprocess.run(["mv", "--no-target-directory", str(source), str(target)], check=True)


class Chaos:
    """The soak: the installation, the X server, the supervisor, and the hours of faults."""

    def __init__(self, arguments: argparse.Namespace, installation: Installation, x: XServer) -> None:
        self.arguments = arguments
        self.installation = installation
        self.x = x
        self.rng = random.Random(arguments.seed)
        self.records: list[FaultRecord] = []
        self.chronicle = Chronicle(installation.logs)
        self.supervisor = self._start_supervisor()
        self.observer = Observer(self.supervisor.pid, x.display)
        self.time_in: defaultdict[str, float] = defaultdict(float)
        #: When each kiosk process was first seen up, and the version current then (what it opened).
        self.first_up: dict[int, tuple[float, str]] = {}
        self._last_look = now()
        self.supervisor_start: dict[str, int | None] = {}
        self.began = now()
        self.started_s: float | None = None

    def supervisor_command(self) -> list[str]:
        arguments = self.arguments
        command = [
            sys.executable,
            "-m",
            "kiosk",
            "supervise",
            str(self.installation.exhibit),
            "--log-dir",
            str(self.installation.logs),
            "--settings",
            str(self.installation.settings),
        ]
        if arguments.hang_timeout is not None:
            command += ["--hang-timeout", f"{arguments.hang_timeout:g}"]
        if arguments.retry_after is not None:
            command += ["--retry-after", f"{arguments.retry_after:g}"]
        if arguments.idle_timeout is not None:
            command += ["--idle-timeout", f"{arguments.idle_timeout:g}"]
        return command

    def _start_supervisor(self) -> "subprocess.Popen[bytes]":
        with (self.installation.logs / "supervisor.stderr").open("wb") as stderr:
            return subprocess.Popen(
                self.supervisor_command(),
                cwd=REPOSITORY,
                env=self.installation.environment(self.x.display),
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                preexec_fn=die_with_parent,
            )

    def _supervisor_figures(self) -> dict[str, int | None]:
        pid = self.supervisor.pid
        return {
            "rss_kb": status_kb(pid, "VmRSS"),
            "open_files": open_files(pid),
            "threads": status_kb(pid, "Threads"),
        }

    # -- looking --------------------------------------------------------------------------------------

    def observe(self) -> Sight:
        if self.supervisor.poll() is not None:
            raise ChaosError(f"the supervisor ended with status {self.supervisor.returncode}")
        sight = self.observer.look()
        self.chronicle.poll()
        self.time_in[sight.state] += sight.at - self._last_look
        self._last_look = sight.at
        if sight.showing_exhibit and sight.pid is not None and sight.pid not in self.first_up:
            self.first_up[sight.pid] = (sight.at, self.installation.current_version())
        return sight

    def wait_until_up(self, limit_s: float) -> Sight:
        deadline = now() + limit_s
        while not (sight := self.observe()).showing_exhibit and now() < deadline:
            time.sleep(POLL_S)
        return sight

    # -- the run --------------------------------------------------------------------------------------

    def run(self, schedule: Sequence[Kind], progress: Callable[[str], None]) -> None:
        sight = self.wait_until_up(self.arguments.give_up)
        if not sight.showing_exhibit:
            raise ChaosError(f"the kiosk did not come up at the start: {sight.why_not}")
        self.started_s = now() - self.began
        self.time_in.clear()
        self.supervisor_start = self._supervisor_figures()
        progress(f"the kiosk is up after {self.started_s:.1f} s; {len(schedule)} simulated hours follow")
        for hour, kind in enumerate(schedule):
            self.healthy_hour(hour, progress)
            record = self.fault(hour, kind)
            self.records.append(record)
            progress(self.describe(record, len(schedule)))
            if not record.recovered and not self.came_back(record, progress):
                progress("the kiosk did not come back: the soak stops here")
                return

    def healthy_hour(self, hour: int, progress: Callable[[str], None]) -> None:
        """Healthy running; an outage the soak did not cause is measured as a fault of its own."""
        end = now() + self.arguments.hour_seconds
        while now() < end:
            sight = self.observe()
            if not sight.showing_exhibit:
                injection = Injection(
                    UNPROVOKED, sight.at, time.time(), f"found {sight.state}: {sight.why_not}"
                )
                record = self.measure(hour, injection, before="the kiosk (up)")
                self.records.append(record)
                progress(self.describe(record, None))
                if not record.recovered and not self.came_back(record, progress):
                    raise ChaosError("the kiosk went down by itself and did not come back")
                end = now() + self.arguments.hour_seconds
            time.sleep(POLL_S)

    def came_back(self, record: FaultRecord, progress: Callable[[str], None]) -> bool:
        """After a permanent outage: whether the kiosk comes back within as long again."""
        waited = now()
        sight = self.wait_until_up(self.arguments.give_up)
        if sight.showing_exhibit:
            record.late_s = self.arguments.give_up + now() - waited
            progress(f"  ... it came back {record.late_s:.0f} s after the fault")
            return True
        return False

    def fault(self, hour: int, kind: Kind) -> FaultRecord:
        sight = self.observe()
        before = sight.state
        inject = {
            Kind.KILL: self.kill,
            Kind.HANG: self.hang,
            Kind.X_LOSS: self.lose_x,
            Kind.CACHE: self.damage_caches,
            Kind.FOLDER_SWAP: self.swap_folder,
            Kind.DISK_FULL: self.fill_disk,
        }[kind]
        return self.measure(hour, inject(sight, hour), before)

    def measure(self, hour: int, injection: Injection, before: str) -> FaultRecord:
        """Watches until the kiosk has recovered from the fault, or the deadline has passed."""
        deadline = injection.t0 + self.arguments.give_up
        screen_s = recovered_s = None
        dark_s = 0.0
        shown: list[str] = []
        version = None
        after_restart = False
        last = injection.t0
        while True:
            for action in [action for action in injection.actions if action[0] <= now()]:
                injection.actions.remove(action)
                action[1]()
            sight = self.observe()
            # The process the fault ended counts for nothing, in the moment before it has gone.
            up = sight.up and sight.pid != injection.victim
            state = sight.state if up else "down"
            if not up:
                dark_s += sight.at - last
            last = sight.at
            if state != "down" and (not shown or shown[-1] != state):
                shown.append(state)
            if up and screen_s is None:
                screen_s = sight.at - injection.t0
            if up and sight.showing_exhibit and not injection.actions:
                if not injection.version_suffix:
                    recovered_s = sight.at - injection.t0
                    break
                version, after_restart = self.version_on_show(injection, sight)
                if version is not None:
                    recovered_s = sight.at - injection.t0
                    break
            if sight.at >= deadline:
                break
            time.sleep(POLL_S)
        # Whatever is left to undo is undone, recovered or not: the next hour starts from a whole machine.
        for _, undo in injection.actions:
            undo()
        self.chronicle.poll()
        published = (
            self.chronicle.published_at(injection.wall, injection.version_suffix)
            if injection.version_suffix
            else None
        )
        return FaultRecord(
            hour=hour,
            kind=injection.kind,
            detail=injection.detail,
            wall=injection.wall,
            victim=injection.victim,
            before=before,
            imposed_s=round(injection.imposed_s, 2),
            recovered_s=None if recovered_s is None else round(recovered_s, 2),
            screen_s=None if screen_s is None else round(screen_s, 2),
            dark_s=round(dark_s, 2),
            shown=shown,
            ladder=self.chronicle.ladder_between(injection.wall, time.time()),
            version=version,
            published_s=None if published is None else round(published - injection.wall, 2),
            after_restart=after_restart,
            evidence=self.evidence(injection),
            last_seen=""
            if recovered_s is not None
            else sight.state
            if sight.up
            else f"nothing up, {sight.why_not}",
        )

    def version_on_show(self, injection: Injection, sight: Sight) -> tuple[str | None, bool]:
        """The changed version, if it is on show: logged so by the running kiosk, or opened at the
        start of a kiosk started after the fault."""
        assert injection.version_suffix is not None
        name = self.chronicle.shown_since(injection.wall, injection.version_suffix)
        if name is not None:
            return name, False
        first_seen, opened = self.first_up.get(sight.pid or 0, (0.0, ""))
        if first_seen >= injection.t0 and opened.endswith(injection.version_suffix):
            return opened, True
        return None, False

    def evidence(self, injection: Injection) -> str:
        """What in the logs shows that the fault had its effect on the kiosk ("" when nothing does)."""
        kind, since = injection.kind, injection.wall - 0.01
        if injection.victim is not None:
            ended = next(
                (end for end in self.chronicle.ends if end.wall >= since and end.pid == injection.victim),
                None,
            )
            if ended is None:
                return ""
            said = f"the supervisor: {ended.cause}"
            if kind == Kind.CACHE.value:
                found = sum(
                    record.wall >= since and bool(DAMAGE_FOUND.search(record.message))
                    for record in self.chronicle.kiosk_warnings
                )
                said += f"; the kiosk: {found} damaged file(s) found"
            return said
        if kind == Kind.DISK_FULL.value:
            full = any(
                record.wall >= since and DISK_FULL_SAID.search(record.message)
                for record in self.chronicle.kiosk_warnings
            )
            return "the kiosk: publishing stopped, the disk is full" if full else ""
        if kind == Kind.FOLDER_SWAP.value:
            seen = [message for at, message in self.chronicle.folder_events if at >= since]
            return f"the kiosk: {seen[0]}" if seen else ""
        return ""

    # -- the faults -----------------------------------------------------------------------------------

    def _injection(self, kind: Kind, detail: str, **more: Any) -> Injection:
        return Injection(kind.value, now(), time.time(), detail, **more)

    def kill(self, sight: Sight, _hour: int) -> Injection:
        assert sight.pid is not None
        os.kill(sight.pid, signal.SIGKILL)
        return self._injection(Kind.KILL, f"SIGKILL to the {sight.state}", victim=sight.pid)

    def hang(self, sight: Sight, _hour: int) -> Injection:
        assert sight.pid is not None
        os.kill(sight.pid, signal.SIGSTOP)
        return self._injection(Kind.HANG, f"SIGSTOP to the {sight.state}", victim=sight.pid)

    def lose_x(self, sight: Sight, _hour: int) -> Injection:
        gap = self.arguments.x_gap
        self.x.kill()
        injection = self._injection(
            Kind.X_LOSS, f"Xvfb killed, started again after {gap:g} s", victim=sight.pid, imposed_s=gap
        )
        injection.actions.append((injection.t0 + gap, self.x.start_again))
        return injection

    def damage_caches(self, sight: Sight, _hour: int) -> Injection:
        rng = self.rng
        cache, data = self.installation.cache, self.installation.data
        pyramids = sorted((cache / "pyramids").glob(f"*/{MANIFEST}"))
        tiles = sorted((cache / "pyramids").glob("*/tiles_files/*/*.jpg"))
        previews = sorted((cache / "pyramids").glob(f"*/{PREVIEW}"))
        records = sorted(self.installation.versions.glob(f"*/{VERSION_FILE}"))
        chosen: list[tuple[str, Path, bool]] = [
            ("snapshot", path, True) for path in sorted((cache / "snapshots").glob("*.json"))
        ]
        chosen += [
            ("pyramid manifest", path, True) for path in rng.sample(pyramids, (len(pyramids) + 1) // 2)
        ]
        chosen += [("tile", path, False) for path in rng.sample(tiles, min(12, len(tiles)))]
        chosen += [("preview", path, False) for path in rng.sample(previews, min(2, len(previews)))]
        chosen += [("version record", path, True) for path in rng.sample(records, min(1, len(records)))]
        if rng.random() < 0.3:
            chosen.append(("current version's name", self.installation.versions / CURRENT_FILE, False))
        chosen.append(("PIN lockout", data / LOCKOUT_FILE, True))
        done: Counter[str] = Counter()
        for what, path, is_json in chosen:
            with contextlib.suppress(OSError):  # gone meanwhile, or the kiosk's own folder missing
                done[f"{what} ({damage(path, rng, is_json=is_json, may_grow=what == 'snapshot')})"] += 1
        assert sight.pid is not None
        os.kill(sight.pid, signal.SIGKILL)
        detail = ", ".join(f"{count}× {what}" if count > 1 else what for what, count in sorted(done.items()))
        return self._injection(Kind.CACHE, f"damaged {detail}; SIGKILL", victim=sight.pid)

    def swap_folder(self, sight: Sight, hour: int) -> Injection:
        exhibit = self.installation.exhibit
        label = f"hour {hour + 1}, folder swap"
        if self.rng.random() < 0.5:
            incoming = exhibit.with_name(exhibit.name + ".incoming")
            previous = exhibit.with_name(exhibit.name + ".previous")
            shutil.copytree(exhibit, incoming)
            revise(incoming, label)
            move(exhibit, previous)
            move(incoming, exhibit)
            shutil.rmtree(previous)
            return self._injection(
                Kind.FOLDER_SWAP,
                "a changed copy renamed over the folder",
                version_suffix=folder_fingerprint(exhibit)[:8],
            )
        away = exhibit.with_name(exhibit.name + ".away")
        away_s = round(self.rng.uniform(1.0, 8.0), 1)
        move(exhibit, away)
        injection = self._injection(
            Kind.FOLDER_SWAP, f"moved away, changed, and back after {away_s:g} s", imposed_s=away_s
        )

        def back() -> None:
            revise(away, label)
            move(away, exhibit)
            injection.version_suffix = folder_fingerprint(exhibit)[:8]

        # Known once the folder is back; no version is looked for while an action is due.
        injection.version_suffix = ""
        injection.actions.append((injection.t0 + away_s, back))
        return injection

    def fill_disk(self, sight: Sight, hour: int) -> Injection:
        ballast = self.installation.ballast
        descriptor = os.open(ballast, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for size in (1 << 20, 1 << 12, 1):
                with contextlib.suppress(OSError):
                    while True:
                        os.write(descriptor, b"\0" * size)
        finally:
            os.close(descriptor)
        filled = ballast.stat().st_size
        revise(self.installation.exhibit, f"hour {hour + 1}, disk full")
        hold = self.arguments.disk_full_hold
        injection = self._injection(
            Kind.DISK_FULL,
            f"{filled / 2**20:.1f} MB of ballast, {shutil.disk_usage(ballast).free} bytes left; freed after {hold:g} s",
            version_suffix=folder_fingerprint(self.installation.exhibit)[:8],
            imposed_s=hold,
        )
        injection.actions.append((injection.t0 + hold, lambda: ballast.unlink(missing_ok=True)))
        return injection

    # -- the end --------------------------------------------------------------------------------------

    def describe(self, record: FaultRecord, hours: int | None) -> str:
        when = f"hour {record.hour + 1}/{hours}" if hours else f"hour {record.hour + 1}"
        title = Kind(record.kind).title if record.kind != UNPROVOKED else "an outage the soak did not cause"
        if record.recovered:
            outcome = f"recovered in {record.recovered_s:.1f} s"
            if record.shown and record.shown != [Mode.NORMAL.value]:
                outcome += f" (on screen: {' → '.join(record.shown)})"
        else:
            outcome = f"PERMANENT OUTAGE (last seen: {record.last_seen})"
        elapsed = now() - self.began
        return f"[{elapsed / 60:5.1f} min] {when} {title}: {outcome}; {record.detail}"

    def finish(self) -> dict[str, Any]:
        """The figures at the end: memory and the supervisor's resources, then everything stopped."""
        sight = self.observe()
        end: dict[str, Any] = {"kiosk_state": sight.state}
        if sight.pid is not None:
            end["kiosk_rss_kb"] = status_kb(sight.pid, "VmRSS")
            end["kiosk_up_s"] = process_age(sight.pid)
        end["supervisor_start"] = self.supervisor_start
        end["supervisor_end"] = self._supervisor_figures()
        self.stop()
        self.chronicle.poll()
        return end

    def stop(self) -> None:
        self.observer.close()
        if self.supervisor.poll() is None:
            self.supervisor.terminate()
            try:
                self.supervisor.wait(timeout=SHUTDOWN_S)
            except subprocess.TimeoutExpired:
                found = self.observer.child()
                if found is not None:
                    with contextlib.suppress(OSError):
                        os.kill(found[0], signal.SIGKILL)
                self.supervisor.kill()
                self.supervisor.wait()


# --- The report ---------------------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank: the smallest value at or above `share` of them."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def figures(values: Sequence[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {
        "median": round(statistics.median(values), 2),
        "p90": round(percentile(values, 0.9), 2),
        "max": round(max(values), 2),
    }


def expected_end(end: End, record: FaultRecord | None) -> bool:
    """Whether a child's end is the fault's own doing, rather than a crash."""
    if record is None:
        return False
    if end.pid == record.victim:
        return True
    # While the X server is away, every start fails for want of a display.
    return record.kind == Kind.X_LOSS.value and bool(X_GONE.search(end.cause) or end.cause == "exit status 1")


def summarise(chaos: Chaos, end: dict[str, Any]) -> dict[str, Any]:
    records = chaos.records
    give_up = chaos.arguments.give_up
    root = str(chaos.installation.root)
    kinds: dict[str, Any] = {}
    for kind in [*chaos.arguments.kinds, UNPROVOKED]:
        name = kind.value if isinstance(kind, Kind) else kind
        of_kind = [record for record in records if record.kind == name]
        if not of_kind and name == UNPROVOKED:
            continue
        recovered = [record for record in of_kind if record.recovered]
        kinds[name] = {
            "faults": len(of_kind),
            "recovered": len(recovered),
            "recovered_s": figures(
                [record.recovered_s for record in recovered if record.recovered_s is not None]
            ),
            "screen_s": figures([record.screen_s for record in of_kind if record.screen_s is not None]),
            "published_s": figures(
                [record.published_s for record in of_kind if record.published_s is not None]
            ),
            "dark_s": figures([record.dark_s for record in of_kind]),
            "imposed_s": figures([record.imposed_s for record in of_kind]),
            "through_safe_mode": sum(Mode.SAFE.value in record.shown for record in of_kind),
            "through_out_of_order": sum(Mode.OUT_OF_ORDER.value in record.shown for record in of_kind),
            "after_restart": sum(record.after_restart for record in of_kind),
            "without_evidence": sum(not record.evidence for record in of_kind),
        }

    def window_of(wall: float) -> FaultRecord | None:
        """The fault whose recovery (or its deadline) spans `wall`."""
        for record in records:
            length = record.recovered_s if record.recovered_s is not None else give_up
            if record.wall - 0.01 <= wall <= record.wall + length + 0.5:
                return record
        return None

    crashes = []
    expected: Counter[str] = Counter()
    for ended in chaos.chronicle.ends:
        if not ended.abnormal:
            continue
        record = window_of(ended.wall)
        if expected_end(ended, record):
            assert record is not None
            expected[record.kind] += 1
        else:
            during = f"hour {record.hour + 1}, {record.kind}" if record else "between faults"
            crashes.append(
                f"{datetime.fromtimestamp(ended.wall):%H:%M:%S} ({during}) {ended.mode} (pid {ended.pid}): {ended.cause}"
            )

    def distinct(
        found: list[Record], skip: Callable[[Record], bool] = lambda _: False
    ) -> list[tuple[str, int]]:
        """The messages, counted, with what differs from one to the next (paths, names, numbers) masked."""
        texts: Counter[str] = Counter()
        for record in found:
            if skip(record):
                continue
            text = f"{record.level} {record.logger}: {record.message}".replace(root, "$INSTALLATION")
            text = re.sub(r"\d{8}-\d{6}-[0-9a-f]{8}", "VERSION", text)
            text = re.sub(r"[0-9a-f]{12,}", "KEY", text)
            texts[re.sub(r"\d+", "N", text)[:240]] += 1
        return texts.most_common(KEPT_TEXTS)

    def in_x_loss(record: Record) -> bool:
        during = window_of(record.wall)
        return during is not None and during.kind == Kind.X_LOSS.value and bool(X_GONE.search(record.message))

    tracebacks = sum(
        any(line.startswith("Traceback (most recent call last)") for line in record.more)
        for record in chaos.chronicle.kiosk_warnings
    )
    ladder = Counter(mode for _, mode in chaos.chronicle.ladder)
    total = sum(chaos.time_in.values()) or 1.0
    return {
        "kinds": kinds,
        "permanent_outages": [asdict(record) for record in records if not record.recovered],
        "ladder": {
            "safe_mode_entered": ladder[Mode.SAFE.value],
            "out_of_order_entered": ladder[Mode.OUT_OF_ORDER.value],
            "back_to_normal": ladder[Mode.NORMAL.value],
            "share_of_time": {
                state: round(seconds / total, 4)
                for state, seconds in sorted(chaos.time_in.items(), key=lambda item: item[1], reverse=True)
            },
        },
        "starts": chaos.chronicle.starts,
        "ends_caused_by_faults": dict(expected),
        "crashes": crashes,
        "tracebacks_in_kiosk_log": tracebacks,
        "qt_warnings": len(chaos.chronicle.qt_warnings),
        "qt_warnings_with_x_gone": sum(in_x_loss(record) for record in chaos.chronicle.qt_warnings),
        "qt_warning_texts": distinct(chaos.chronicle.qt_warnings, in_x_loss),
        "kiosk_warning_texts": distinct(chaos.chronicle.kiosk_warnings),
        "supervisor_warning_texts": distinct(chaos.chronicle.supervisor_warnings),
        "end": end,
    }


def seconds(summary: dict[str, float] | None, key: str = "median") -> str:
    return "–" if summary is None else f"{summary[key]:.1f}"


def format_report(report: dict[str, Any]) -> str:
    summary = report["summary"]
    lines = [
        "",
        "Up: the supervisor's child process runs (not stopped), has beaten its heartbeat within the "
        f"last {BEAT_FRESH_S:g} s, and has a window mapped, viewable and covering the whole "
        f"{SCREEN[0]}x{SCREEN[1]} screen.",
        "Recovered: up with the exhibit (the kiosk, normal or safe mode; never the out-of-order "
        "screen), as a new process after a fault that ends one, and after a folder swap or a full "
        "disk with the changed version on show (the kiosk's log says so; 'after a restart' counts "
        "apart). Times run from the fault (the signal sent, the X server killed, the caches damaged "
        "and the kiosk killed, the folder renamed, the disk filled and the exhibit changed) to the first "
        f"look that found the kiosk recovered, looked at every {POLL_S:g} s; they include the gap "
        "or hold the soak imposed. 'Screen': to the first look that found anything up, the "
        f"out-of-order screen included. A fault not recovered within {report['config']['give_up_s']:g} s "
        "is a permanent outage.",
        "",
    ]
    header = (
        "fault",
        "n",
        "recovered",
        "median s",
        "p90 s",
        "max s",
        "screen, median/max s",
        "imposed s",
        "via safe mode",
        "via out-of-order",
    )
    rows = [header]
    for name, kind in summary["kinds"].items():
        rows.append(
            (
                Kind(name).title if name != UNPROVOKED else "unprovoked",
                str(kind["faults"]),
                f"{kind['recovered']}"
                + (f" ({kind['after_restart']} after a restart)" if kind["after_restart"] else ""),
                seconds(kind["recovered_s"]),
                seconds(kind["recovered_s"], "p90"),
                seconds(kind["recovered_s"], "max"),
                f"{seconds(kind['screen_s'])} / {seconds(kind['screen_s'], 'max')}",
                seconds(kind["imposed_s"]),
                str(kind["through_safe_mode"]),
                str(kind["through_out_of_order"]),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    for index, row in enumerate(rows):
        lines.append(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            lines.append("-+-".join("-" * width for width in widths))
    for name in (Kind.FOLDER_SWAP.value, Kind.DISK_FULL.value):
        published = summary["kinds"].get(name, {}).get("published_s")
        if published:
            lines.append(
                f"{Kind(name).title}: the changed version was published (copied and found valid) after "
                f"{seconds(published)} s (median; max {seconds(published, 'max')}), then waited for the "
                "kiosk to be unattended: in the attract loop, which a kiosk started less than its idle "
                "timeout before has not reached yet."
            )
    ladder = summary["ladder"]
    shares = ", ".join(f"{state} {share * 100:.1f}%" for state, share in ladder["share_of_time"].items())
    outages = summary["permanent_outages"]
    end = summary["end"]
    start, finish = end["supervisor_start"], end["supervisor_end"]
    lines += [
        "",
        f"Ladder: safe mode entered {ladder['safe_mode_entered']} times, the out-of-order screen "
        f"{ladder['out_of_order_entered']} times, back to normal {ladder['back_to_normal']} times; "
        f"time on screen: {shares}.",
        f"Permanent outages: {len(outages)} (target 0)"
        + "".join(
            f"\n  - hour {outage['hour'] + 1}, {outage['kind']}: {outage['detail']}; last seen {outage['last_seen']}"
            + (f"; came back after {outage['late_s']:.0f} s" if outage["late_s"] else "; never came back")
            for outage in outages
        ),
        f"Kiosk starts: {summary['starts']}; ends caused by the faults: "
        + (
            ", ".join(f"{kind} {count}" for kind, count in summary["ends_caused_by_faults"].items()) or "none"
        ),
        f"Crashes (an abnormal end the faults do not explain): {len(summary['crashes'])}"
        + "".join(f"\n  - {crash}" for crash in summary["crashes"][:20]),
        f"Tracebacks in kiosk.log: {summary['tracebacks_in_kiosk_log']}",
        f"Qt/QML warnings: {summary['qt_warnings']}, of which {summary['qt_warnings_with_x_gone']} "
        "about the X server gone, while it was",
        *(f"  - {count}× {text}" for text, count in summary["qt_warning_texts"]),
        "The kiosk's own warnings and errors (numbers as N):",
        *(f"  - {count}× {text}" for text, count in summary["kiosk_warning_texts"]),
        "The supervisor's warnings and errors, but for restarts (numbers as N):",
        *(f"  - {count}× {text}" for text, count in summary["supervisor_warning_texts"]),
        "Fault kinds without evidence in the logs that they took: "
        + (
            ", ".join(
                f"{name} {kind['without_evidence']}"
                for name, kind in summary["kinds"].items()
                if kind["without_evidence"]
            )
            or "none"
        ),
        f"At the end: the {end['kiosk_state']}"
        + (
            f", up {end['kiosk_up_s']:.0f} s, resident memory {end['kiosk_rss_kb'] / 1024:.1f} MB"
            if end.get("kiosk_rss_kb")
            else ""
        )
        + f"; the supervisor: resident memory {kb(start['rss_kb'])} → {kb(finish['rss_kb'])}, "
        f"open files {start['open_files']} → {finish['open_files']}, threads {start['threads']} → {finish['threads']}",
    ]
    return "\n".join(lines)


def kb(value: int | None) -> str:
    return "?" if value is None else f"{value / 1024:.1f} MB"


# --- The command -------------------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.chaos", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--days", type=int, default=DEFAULT_DAYS, help=f"days simulated (default {DEFAULT_DAYS})"
    )
    parser.add_argument("--hours", type=int, help="hours simulated (default: 24 a day)")
    parser.add_argument(
        "--hour-seconds",
        type=float,
        default=DEFAULT_HOUR_S,
        help=f"real seconds of healthy running in a simulated hour (default {DEFAULT_HOUR_S:g})",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"the random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--faults",
        default=",".join(kind.value for kind in Kind),
        help="the kinds of fault, separated by commas (default: all of "
        + ", ".join(kind.value for kind in Kind)
        + ")",
    )
    parser.add_argument("--exhibit", type=Path, default=DEFAULT_EXHIBIT, help="default: the real exhibit")
    parser.add_argument(
        "--give-up",
        type=float,
        default=None,
        help="seconds after which a fault not recovered from is a permanent outage "
        f"(default: the out-of-order screen's retry period and 2 min, {DEFAULT_GIVE_UP_S:g} s by default)",
    )
    parser.add_argument(
        "--x-gap",
        type=float,
        default=DEFAULT_X_GAP_S,
        help=f"seconds without an X server (default {DEFAULT_X_GAP_S:g})",
    )
    parser.add_argument(
        "--disk-full-hold",
        type=float,
        default=DEFAULT_DISK_HOLD_S,
        help=f"seconds the data disk stays full (default {DEFAULT_DISK_HOLD_S:g})",
    )
    parser.add_argument(
        "--hang-timeout",
        type=float,
        help=f"passed to kiosk supervise (default: its own, {DEFAULT_HANG_TIMEOUT:g} s)",
    )
    parser.add_argument(
        "--retry-after",
        type=float,
        help=f"passed to kiosk supervise (default: its own, {DEFAULT_RETRY_AFTER:g} s)",
    )
    parser.add_argument(
        "--idle-timeout", type=float, help="passed to kiosk supervise (default: the exhibit's own)"
    )
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the report, and every fault, as JSON"
    )
    parser.add_argument("--keep", action="store_true", help="keep the installation (its logs) afterwards")
    arguments = parser.parse_args(argv)
    try:
        arguments.kinds = [Kind(name.strip()) for name in arguments.faults.split(",") if name.strip()]
    except ValueError as error:
        parser.error(f"--faults: {error}")
    arguments.hours = arguments.hours if arguments.hours is not None else arguments.days * 24
    if arguments.hours < 1 or not arguments.kinds or arguments.hour_seconds < 0:
        parser.error("at least one hour and one kind of fault are needed")
    if arguments.give_up is None:
        arguments.give_up = (arguments.retry_after or DEFAULT_RETRY_AFTER) + 120
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    arguments = parse_arguments(argv)
    if not sys.platform.startswith("linux"):
        print("chaos: Linux only (/proc, Xvfb, tmpfs)", file=sys.stderr)
        return 2
    if shutil.which("Xvfb") is None:
        print("chaos: needs Xvfb: apt-get install xvfb", file=sys.stderr)
        return 2
    without_namespace = ""
    if os.environ.get(INSIDE_NAMESPACE) != "1":
        command, why_not = namespace_command()
        if command:
            return run_in_namespace(command, argv)
        without_namespace = why_not
    return soak(arguments, without_namespace)


def soak(arguments: argparse.Namespace, without_namespace: str) -> int:
    notes = []
    if without_namespace:
        notes.append(
            f"no private mount namespace ({without_namespace}): the data folder is an ordinary folder, "
            "and the disk-full fault is left out"
        )
        arguments.kinds = [kind for kind in arguments.kinds if kind is not Kind.DISK_FULL]
        if not arguments.kinds:
            print(f"chaos: {notes[0]}; no fault is left", file=sys.stderr)
            return 2
    schedule = schedule_faults(arguments.kinds, arguments.hours, random.Random(arguments.seed))
    config = {
        "exhibit": str(arguments.exhibit),
        "hours": arguments.hours,
        "hour_seconds": arguments.hour_seconds,
        "seed": arguments.seed,
        "faults": [kind.value for kind in arguments.kinds],
        "give_up_s": arguments.give_up,
        "x_gap_s": arguments.x_gap,
        "disk_full_hold_s": arguments.disk_full_hold,
        "hang_timeout_s": arguments.hang_timeout or DEFAULT_HANG_TIMEOUT,
        "retry_after_s": arguments.retry_after or DEFAULT_RETRY_AFTER,
        "idle_timeout_s": arguments.idle_timeout,
        "kill_after_s": DEFAULT_KILL_AFTER,
        "stable_after_s": DEFAULT_STABLE_AFTER,
        "quick_failures": DEFAULT_QUICK_FAILURES,
        "data_disk_mb": None if without_namespace else DATA_DISK_MB,
        "load_before": load_average(),
    }
    idle = "the exhibit's own" if arguments.idle_timeout is None else f"{arguments.idle_timeout:g} s"
    header = (
        f"Chaos: {arguments.exhibit.name}, {arguments.hours} simulated hours of {arguments.hour_seconds:g} s, "
        f"seed {arguments.seed}; faults {', '.join(config['faults'])}; kiosk supervise with hang timeout "
        f"{config['hang_timeout_s']:g} s, retry after {config['retry_after_s']:g} s, idle timeout "
        f"{idle}; "
        f"Xvfb {XVFB_SCREEN}, xcb; X gap {arguments.x_gap:g} s, disk full for {arguments.disk_full_hold:g} s"
        f"{'' if without_namespace else f' on a {DATA_DISK_MB} MB tmpfs'}; give up after {arguments.give_up:g} s; "
        f"{config['load_before']}"
    )
    print(header, flush=True)
    for note in notes:
        print(f"Note: {note}", flush=True)

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    root = Path(tempfile.mkdtemp(prefix="kiosk-chaos-"))
    keep = arguments.keep
    installation = Installation(root, root)
    x: XServer | None = None
    chaos: Chaos | None = None
    stopped = ""
    began = now()
    previous_handler = signal.signal(signal.SIGTERM, _interrupt)
    try:
        installation = make_installation(root, arguments.exhibit, data_disk=not without_namespace)
        cut_tiles(installation)
        x = XServer.on_a_free_display(root / "xvfb.log")
        chaos = Chaos(arguments, installation, x)
        progress(f"installation in {root}; Xvfb on {x.display}; supervisor pid {chaos.supervisor.pid}")
        try:
            chaos.run(schedule, progress)
        except ChaosError as error:
            stopped = str(error)
        except KeyboardInterrupt:
            stopped = "interrupted"
        except Exception as error:  # the soak's own failure: still report what was measured
            traceback.print_exc()
            stopped = f"the soak itself failed: {error!r}"
        end = chaos.finish()
        report: dict[str, Any] = {
            "config": {**config, "display": x.display, "load_after": load_average(), "notes": notes},
            "command": supervisor_text(chaos),
            "started_s": chaos.started_s,
            "wall_minutes": round((now() - began) / 60, 1),
            "stopped": stopped,
            "summary": summarise(chaos, end),
            "faults": [asdict(record) for record in chaos.records],
        }
    except ChaosError as error:
        print(f"chaos: {error}", file=sys.stderr)
        keep = True
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
        if chaos is not None:
            chaos.stop()
        if x is not None:
            x.stop()
        failed = chaos is None or any(not record.recovered for record in chaos.records) or bool(stopped)
        remove_installation(installation, keep=keep or failed)
        if keep or failed:
            print(f"The installation, with its logs, is kept in {root}", file=sys.stderr)
    print(format_report(report))
    if arguments.json:
        arguments.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    outages = len(report["summary"]["permanent_outages"])
    passed = outages == 0 and not stopped and len(chaos.records) >= arguments.hours
    print(
        f"\nWall time {report['wall_minutes']:.1f} min. After the run: {report['config']['load_after']}"
        + (f"\nThe soak stopped early: {stopped}" if stopped else "")
    )
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def supervisor_text(chaos: Chaos) -> str:
    return " ".join(chaos.supervisor_command()[1:]).replace(str(chaos.installation.root), "$INSTALLATION")


if __name__ == "__main__":
    sys.exit(main())
