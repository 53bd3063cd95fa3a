"""The Debian packages (tools/build_deb.py): built, checked by lintian, and installed, upgraded,
removed and purged on a fresh Debian 12, as museum IT would on a kiosk PC.

The fresh Debian is a root made by debootstrap, used through chroot: as root, with the network
to Debian's archive. The root as debootstrap made it, and the packages apt downloads into it, are
kept in the user's cache folder between runs (~/.cache/kiosk-tests); every run installs into a
copy of that root, so each starts from the same fresh system. systemd does not run in a chroot:
the session is checked as far as it can be there (its units enabled and accepted by
systemd-analyze, its compositor, cage, showing the installed kiosk on a headless output).
"""

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import platformdirs
import pytest

from tools import build_deb, provision_chroot

REPOSITORY = Path(__file__).resolve().parents[2]
EXHIBIT = REPOSITORY / "exhibits" / "recognition-1933"
CACHE = Path(platformdirs.user_cache_dir("kiosk-tests", appauthor=False))
MIRROR = "http://deb.debian.org/debian"
HOME = "/var/lib/kiosk"
DATA = f"{HOME}/.local/share/kiosk"
LOG = f"{HOME}/.local/state/kiosk/log/kiosk.log"
#: A line the kiosk logs once its window has drawn the exhibit.
DRAWN = "renderer in use"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="debootstrap, chroot and dpkg need root"),
    pytest.mark.skipif(
        shutil.which("debootstrap") is None, reason="needs debootstrap (tools/system-deps.sh --test)"
    ),
]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[int, list[Path]]:
    """Both packages, built twice: revision 1, and revision 2 to upgrade to."""
    output = tmp_path_factory.mktemp("debs")
    with pytest.MonkeyPatch.context() as patch:
        # pip's cache where it outlives the run (the tests' own XDG_CACHE_HOME does not).
        patch.setenv("PIP_CACHE_DIR", str(CACHE / "pip"))
        return {revision: build_deb.build(output / str(revision), revision) for revision in (1, 2)}


@pytest.fixture
def debian(tmp_path: Path) -> Iterator[Path]:
    """A fresh Debian 12 root, copied from the one kept in the cache, with the kernel's file
    systems mounted in it and apt's downloads kept in the cache."""
    pristine = CACHE / "debian-12-root"
    if not (pristine / "etc" / "debian_version").exists():
        shutil.rmtree(pristine, ignore_errors=True)
        pristine.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["debootstrap", "bookworm", str(pristine), MIRROR], check=True, capture_output=True)
    root = tmp_path / "root"
    subprocess.run(["cp", "-a", str(pristine), str(root)], check=True)
    archives = CACHE / "debian-12-apt-archives"
    (archives / "partial").mkdir(parents=True, exist_ok=True)
    target = root / "var" / "cache" / "apt" / "archives"
    subprocess.run(["mount", "--bind", str(archives), str(target)], check=True)
    try:
        with provision_chroot.mounted(root):
            try:
                yield root
            finally:
                # Anything a test left running in the root (a kiosk, cage).
                _end_processes_in(root)
    finally:
        subprocess.run(["umount", "--lazy", str(target)], check=False)
        shutil.rmtree(root, ignore_errors=True)


def test_lintian_accepts_the_packages(packages):
    result = subprocess.run(
        ["lintian", "--fail-on", "error,warning,info", "--info", *map(str, packages[1])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_installs_runs_upgrades_and_purges_on_a_fresh_debian(packages, debian):
    root = debian
    _apt(root, "update")
    # What the packages depend on first, so that what they leave after a purge is told apart
    # from what apt installed for them.
    _apt(root, "install", *_dependencies(packages[1]))
    # The museum's content, as it would copy it to the kiosk.
    shutil.copytree(EXHIBIT, root / "srv" / "kiosk" / "exhibit")
    before = _files(root)
    _install(root, packages[1])

    # Installed: the account, the program in its own virtual environment, the settings only the
    # kiosk may read, the session enabled at boot and its units accepted by systemd.
    assert _chroot(root, ["id", "-un", "kiosk"]).strip() == "kiosk"
    assert (root / "opt/kiosk/current").readlink() == Path("venvs/0.1.0-1")
    assert _chroot(root, ["stat", "-c", "%U:%G %a", "/etc/kiosk/settings.yaml"]).strip() == "root:kiosk 640"
    assert _chroot(root, ["systemctl", "is-enabled", "kiosk-session.service"]).strip() == "enabled"
    _chroot(
        root,
        [
            "systemd-analyze", "verify", "--man=no", "/usr/lib/systemd/system/kiosk-session.service",
            "/usr/lib/systemd/user/kiosk.service",
        ],
    )  # fmt: skip

    # The installed kiosk checking the museum's content and showing it: offscreen, and under
    # cage on a headless output, as the session runs it.
    _as_kiosk(root, ["kiosk", "validate", "/srv/kiosk/exhibit"])
    with _kiosk_drawing(root, ["env", "QT_QPA_PLATFORM=offscreen", "kiosk", "run"]) as command_line:
        assert "/opt/kiosk/venvs/0.1.0-1/" in command_line
    with _kiosk_drawing(root, _under_cage(["kiosk", "run"])):
        pass

    # The museum's edits to the settings, and the published version, survive the upgrade, and
    # the new version is the one that runs.
    settings = root / "etc" / "kiosk" / "settings.yaml"
    settings.write_text(settings.read_text() + "idle_timeout: 77\n")
    published = sorted(path.name for path in (root / DATA.lstrip("/") / "versions").iterdir())
    assert published
    _install(root, packages[2])
    assert settings.read_text().endswith("idle_timeout: 77\n")
    assert not list(settings.parent.glob("settings.yaml.dpkg-*"))
    assert sorted(path.name for path in (root / DATA.lstrip("/") / "versions").iterdir()) == published
    assert (root / "opt/kiosk/current").readlink() == Path("venvs/0.1.0-2")
    with _kiosk_drawing(root, ["env", "QT_QPA_PLATFORM=offscreen", "kiosk", "run"]) as command_line:
        assert "/opt/kiosk/venvs/0.1.0-2/" in command_line

    # Removed: the program goes, the settings and the data stay.
    _apt(root, "remove", "kiosk-session", "kiosk")
    assert not (root / "opt" / "kiosk").exists()
    assert not (root / "usr" / "bin" / "kiosk").exists()
    assert settings.read_text().endswith("idle_timeout: 77\n")
    assert (root / DATA.lstrip("/") / "versions").is_dir()

    # Purged: nothing is left but the data (the published versions, the visitor events) and the
    # account that owns them.
    _apt(root, "purge", "kiosk-session", "kiosk")
    left = {path for path in _files(root) - before if not _system_state(path)}
    data = {path for path in left if path.startswith(DATA)}
    assert left - data == {HOME, f"{HOME}/.local", f"{HOME}/.local/share"}, sorted(left - data)
    assert f"{DATA}/versions" in data
    assert f"{DATA}/analytics/events.sqlite3" in data
    _chroot(root, ["id", "kiosk"])


_CHROOT_ENVIRONMENT = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}
#: Files that apt, dpkg and the system keep about themselves, which change with any package.
_SYSTEM_STATE = (
    "/var/lib/apt/",
    "/var/lib/dpkg/",
    "/var/cache/",
    "/var/log/",
    "/var/lib/systemd/deb-systemd-",
    # The backups adduser leaves of the account files it changed.
    "/etc/passwd-",
    "/etc/group-",
    "/etc/shadow-",
    "/etc/gshadow-",
    "/etc/ld.so.cache",
    "/tmp/",
    "/root/",
)


def _system_state(path: str) -> bool:
    """Whether `path` is apt's, dpkg's or the system's, or Python's byte code of its own modules
    (written by the Python that made the virtual environment)."""
    return path.startswith(_SYSTEM_STATE) or (path.startswith("/usr/lib/python3") and "__pycache__" in path)


def _files(root: Path) -> set[str]:
    """Every path in the root but the kernel's file systems, as the root sees it."""
    skipped = {root / name for name in ("proc", "sys", "dev", "run")}
    paths = set()
    for folder, folders, names in os.walk(root):
        current = Path(folder)
        folders[:] = [name for name in folders if current / name not in skipped]
        for name in (*folders, *names):
            paths.add("/" + str((current / name).relative_to(root)))
    return paths


def _dependencies(debs: Sequence[Path]) -> list[str]:
    """The names of the distribution's packages that `debs` depend on."""
    names = set()
    for deb in debs:
        depends = subprocess.run(
            ["dpkg-deb", "--field", str(deb), "Depends"], capture_output=True, text=True, check=True
        ).stdout
        names.update(item.split("(")[0].strip() for item in depends.split(","))
    return sorted(names - {"kiosk"})


def _install(root: Path, debs: Sequence[Path]) -> None:
    for deb in debs:
        shutil.copy(deb, root / "tmp" / deb.name)
    _apt(root, "install", *(f"/tmp/{deb.name}" for deb in debs))


def _apt(root: Path, *arguments: str) -> None:
    _chroot(
        root,
        ["apt-get", "--yes", "--quiet", "--no-install-recommends", *arguments],
        environment={"DEBIAN_FRONTEND": "noninteractive"},
    )


def _as_kiosk(root: Path, command: Sequence[str]) -> str:
    return _chroot(root, ["runuser", "-u", "kiosk", "--", "env", f"HOME={HOME}", *command])


def _under_cage(command: Sequence[str]) -> list[str]:
    """`command` as cage's one program, on a headless output drawn in software."""
    return [
        "sh", "-c",
        'export XDG_RUNTIME_DIR=$(mktemp -d); exec "$@"', "cage-session",
        "env", "WLR_BACKENDS=headless", "WLR_RENDERER=pixman", "WLR_LIBINPUT_NO_DEVICES=1",
        "QT_QPA_PLATFORM=wayland", "cage", "--", *command,
    ]  # fmt: skip


@contextlib.contextmanager
def _kiosk_drawing(root: Path, command: Sequence[str], timeout: float = 180) -> Iterator[str]:
    """The installed kiosk, run as its account by `command`, once it has drawn its exhibit;
    gives the command line of its process."""
    log = root / LOG.lstrip("/")
    log.unlink(missing_ok=True)
    errors = root / "tmp" / "kiosk-stderr.txt"
    with errors.open("w") as stderr:
        kiosk = subprocess.Popen(
            ["chroot", str(root), "runuser", "-u", "kiosk", "--", "env", f"HOME={HOME}", *command],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            # Nothing of this machine's environment (the tests' own XDG folders) goes with it.
            env=_CHROOT_ENVIRONMENT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + timeout
        while not (log.exists() and DRAWN in log.read_text(errors="replace")):
            if kiosk.poll() is not None or time.monotonic() > deadline:
                details = log.read_text(errors="replace") if log.exists() else ""
                pytest.fail(f"the installed kiosk did not draw its exhibit:\n{details}\n{errors.read_text()}")
            time.sleep(0.5)
        yield _kiosk_command_line(root)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(kiosk.pid, signal.SIGTERM)
        try:
            kiosk.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(kiosk.pid, signal.SIGKILL)
            kiosk.wait()
        # Gone before the next step, which may install a new version under it.
        deadline = time.monotonic() + 30
        while _kiosk_command_line(root) and time.monotonic() < deadline:
            time.sleep(0.2)


def _kiosk_command_line(root: Path) -> str:
    """The command line of the kiosk process running in the root."""
    for process in _processes_in(root):
        with contextlib.suppress(OSError):
            command_line = (process / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if "/bin/kiosk run" in command_line:
                return command_line
    return ""


def _processes_in(root: Path) -> list[Path]:
    processes = []
    for process in Path("/proc").iterdir():
        if process.name.isdigit():
            with contextlib.suppress(OSError):
                if (process / "root").readlink() == root:
                    processes.append(process)
    return processes


def _end_processes_in(root: Path) -> None:
    for process in _processes_in(root):
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(process.name), signal.SIGKILL)


def _chroot(root: Path, command: Sequence[str], environment: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["chroot", str(root), *command],
        capture_output=True,
        text=True,
        check=False,
        env={**_CHROOT_ENVIRONMENT, **(environment or {})},
    )
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout
