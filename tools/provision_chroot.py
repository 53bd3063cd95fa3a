"""Applies the Ansible playbook (deploy/ansible) for real to a fresh Debian 12 root, twice.

Run as root from the repository root: `python -m tools.provision_chroot`. It needs `debootstrap`
and an Ansible with the community.general collection (Debian: `apt-get install debootstrap
ansible`), and the network to reach Debian's and PyPI's archives. docs/operations.md,
"Provisioning with Ansible", says what this does and does not exercise.

1. `debootstrap` makes a Debian 12 root in --root (kept between runs: delete the folder, or give
   --fresh, to start again from nothing).
2. The repository's committed HEAD is cloned bare into the root as the kiosk's git server, the
   staff PIN 2468 is hashed with `kiosk set-pin` and put in an Ansible Vault file, and an inventory
   names the root through Ansible's chroot connection.
3. The playbook runs, then runs again: the second run must change nothing.
4. Inside the root: the kiosk's account, the units enabled, the settings read back by the
   installed kiosk without a problem (with the right PIN), and the installed kiosk itself started
   on a virtual screen (Xvfb, from the packages the role installs) until it draws its exhibit.

systemd cannot run in a chroot: nothing is started, and the handlers that restart units are
skipped (the role checks `ansible_facts.is_chroot`).
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
PLAYBOOK = REPOSITORY / "deploy" / "ansible" / "kiosk.yml"
PIN = "2468"
RECAP = re.compile(r"^\S+\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)
#: A line the kiosk logs once its window has drawn the exhibit.
DRAWN = "renderer in use"
#: Where the role has the kiosk write its metrics, for node exporter (kiosk_metrics_textfile).
TEXTFILE = "/var/lib/node_exporter/textfile_collector/kiosk.prom"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.provision_chroot", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--root", type=Path, default=Path("/var/tmp/kiosk-chroot"), help="the Debian root")
    parser.add_argument("--fresh", action="store_true", help="make the root again from nothing")
    parser.add_argument("--mirror", default="http://deb.debian.org/debian")
    parser.add_argument("--session", choices=("x11", "cage"), default="x11")
    parser.add_argument("--mode", choices=("supervised", "watchdog"), default="supervised")
    parser.add_argument(
        "--install-from",
        choices=("git", "package"),
        default="git",
        help="the kiosk from a bare clone of this repository, or from a wheel built from it",
    )
    parser.add_argument("--ansible-playbook", default="ansible-playbook", help="the ansible-playbook to use")
    arguments = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("provision_chroot: run as root (debootstrap and chroot need it)", file=sys.stderr)
        return 2
    root = arguments.root.resolve()
    if arguments.fresh and root.exists():
        shutil.rmtree(root)
    timings: dict[str, float] = {}
    if not (root / "etc" / "debian_version").exists():
        started = time.monotonic()
        _run(["debootstrap", "--include=python3", "bookworm", str(root), arguments.mirror])
        timings["debootstrap"] = time.monotonic() - started
    with tempfile.TemporaryDirectory(prefix="kiosk-provision-") as scratch, mounted(root):
        work = Path(scratch)
        inventory = _prepare(root, work, arguments.session, arguments.mode, arguments.install_from)
        command = [
            arguments.ansible_playbook,
            "-i",
            str(inventory),
            "--vault-password-file",
            str(work / "vault-password"),
            str(PLAYBOOK),
        ]
        # The chroot connection hands this environment to the root's programs: nothing of this
        # machine's own pip set-up goes with it.
        environment = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
        environment["ANSIBLE_CONFIG"] = str(PLAYBOOK.parent / "ansible.cfg")
        recaps = []
        for attempt in ("first run", "second run"):
            started = time.monotonic()
            output = _run(command, env=environment, echo=True)
            timings[attempt] = time.monotonic() - started
            recaps.append(_recap(output))
        checks = _check(root)
    for step, seconds in timings.items():
        print(f"{step}: {seconds:.0f} s")
    for attempt, (ok, changed) in zip(("first run", "second run"), recaps, strict=True):
        print(f"{attempt}: {ok} tasks ok, {changed} changed")
    for check in checks:
        print(f"checked: {check}")
    if recaps[1][1] != 0:
        print(
            "provision_chroot: the second run changed something: the role is not idempotent", file=sys.stderr
        )
        return 1
    return 0


def _prepare(root: Path, work: Path, session: str, mode: str, install_from: str) -> Path:
    """The kiosk's git server inside the root (or its wheel), the vault with the PIN's hash, and
    the inventory."""
    if install_from == "git":
        server = root / "srv" / "kiosk.git"
        if server.exists():
            shutil.rmtree(server)
        _run(["git", "clone", "--quiet", "--bare", str(REPOSITORY), str(server)])
        commit = _run(["git", "-C", str(REPOSITORY), "rev-parse", "HEAD"]).strip()
        installation = {"kiosk_git_repo": "/srv/kiosk.git", "kiosk_version": commit}
        exhibit = "/opt/kiosk/src/exhibits/recognition-1933"
    else:
        # A wheel holds the program alone: the exhibit comes as a museum's content would.
        source = work / "source"
        _run(["git", "clone", "--quiet", str(REPOSITORY), str(source)])
        _run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--quiet",
                "--no-deps",
                "--wheel-dir",
                str(work),
                str(source),
            ]
        )
        installation = {"kiosk_package": str(next(work.glob("kiosk-*.whl")))}
        exhibit = "/srv/exhibits/recognition-1933"
        shutil.copytree(
            source / "exhibits" / "recognition-1933", root / exhibit.lstrip("/"), dirs_exist_ok=True
        )

    pin_file = work / "pin.yaml"
    _run(
        [str(REPOSITORY / ".venv" / "bin" / "kiosk"), "set-pin", "--stdin", "--settings", str(pin_file)],
        input=PIN,
    )
    pin_hash = _first_group(r'^pin_hash: "(.*)"$', pin_file)
    password = work / "vault-password"
    password.write_text(secrets.token_hex(16))
    vault = _run(
        [
            "ansible-vault",
            "encrypt_string",
            "--vault-password-file",
            str(password),
            "--stdin-name",
            "vault_kiosk_pin_hash",
        ],
        input=pin_hash,
    )

    # A deploy key for a content repository over SSH, as a museum would keep it in the vault.
    _run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "deploy key", "-f", str(work / "deploy-key")])
    vault = (
        vault.rstrip("\n")
        + "\n"
        + _run(
            [
                "ansible-vault",
                "encrypt_string",
                "--vault-password-file",
                str(password),
                "--stdin-name",
                "vault_kiosk_content_ssh_key",
            ],
            input=(work / "deploy-key").read_text(),
        )
    )

    inventory = work / "inventory"
    (inventory / "group_vars" / "kiosks").mkdir(parents=True)
    (inventory / "hosts.yml").write_text(
        "kiosks:\n  hosts:\n    kiosk-chroot:\n"
        f"      ansible_connection: community.general.chroot\n      ansible_host: {root}\n"
        # A fresh Debian whose administrator is root has no sudo: the chroot connection is root.
        "      ansible_become: false\n"
    )
    (inventory / "group_vars" / "kiosks" / "vault.yml").write_text("---\n" + vault.rstrip("\n") + "\n")
    variables = {
        "kiosk_install_from": install_from,
        **installation,
        "kiosk_exhibit": exhibit,
        "kiosk_pin_hash": "{{ vault_kiosk_pin_hash }}",
        "kiosk_opening_hours": {"everyday": "10:00-18:00", "monday": "closed"},
        "kiosk_daily_restart": "04:30",
        "kiosk_memory_ceiling_mb": 900,
        "kiosk_content_ssh_key": "{{ vault_kiosk_content_ssh_key }}",
        # Any public key stands for the server's host key: only its place in known_hosts is checked.
        "kiosk_content_known_hosts": "git.museum.example {} {}\n".format(
            *(work / "deploy-key.pub").read_text().split()[:2]
        ),
        "kiosk_session": session,
        "kiosk_service_mode": mode,
    }
    # Settings this version of the kiosk does not know yet stay out: the role's check of the
    # settings file (the installed kiosk reading it) would rightly refuse them.
    from kiosk.services.settings import KEYS

    for key, variable, value in (
        ("metrics_address", "kiosk_metrics_address", "127.0.0.1:9633"),
        ("metrics_textfile", "kiosk_metrics_textfile", None),
        ("kiosk_name", "kiosk_name", "chroot"),
    ):
        if key in KEYS:
            if value is not None:
                variables[variable] = value
        else:
            variables[variable] = ""
    (inventory / "group_vars" / "kiosks" / "main.yml").write_text(json.dumps(variables, indent=2) + "\n")
    return inventory / "hosts.yml"


def _check(root: Path) -> list[str]:
    """What can be checked inside the root without systemd; raises at the first failure."""
    from kiosk.services.settings import KEYS

    done = []
    _chroot(root, ["id", "kiosk"])
    done.append("the account kiosk exists")
    for unit in ("kiosk-session.service", "prometheus-node-exporter.service"):
        state = _chroot(root, ["systemctl", "is-enabled", unit]).strip()
        if state != "enabled":
            raise SystemExit(f"provision_chroot: {unit} is {state}, not enabled")
    done.append("kiosk-session.service and prometheus-node-exporter.service are enabled")
    _chroot(
        root,
        [
            "systemd-analyze",
            "verify",
            "/etc/systemd/system/kiosk-session.service",
            "/etc/systemd/user/kiosk.service",
        ],
    )
    done.append("systemd-analyze verify accepts the session and kiosk units")
    check_settings = (
        "import sys; from kiosk.services.settings import default_settings_path, load_settings; "
        "from kiosk.services.staff_access import verify_pin; "
        "settings, problems = load_settings(default_settings_path()); "
        "[print(p.format(), file=sys.stderr) for p in problems]; "
        f"sys.exit(1 if problems or not verify_pin({PIN!r}, settings.pin_hash or '') "
        "or not (settings.exhibit / 'exhibit.yaml').is_file() else 0)"
    )
    _chroot(root, ["runuser", "-u", "kiosk", "--", "/opt/kiosk/current/bin/python", "-c", check_settings])
    done.append(
        "the installed kiosk reads its settings without a problem; the PIN from the vault opens staff access"
    )
    _chroot(root, ["runuser", "-u", "kiosk", "--", "ssh-keygen", "-y", "-f", "/home/kiosk/.ssh/id_ed25519"])
    _chroot(root, ["runuser", "-u", "kiosk", "--", "ssh-keygen", "-F", "git.museum.example"])
    done.append("the kiosk's account has the deploy key from the vault, and the content server's host key")
    started = time.monotonic()
    with _kiosk_drawing(root):
        done.append(
            f"the installed kiosk, run as kiosk on Xvfb, drew its exhibit {time.monotonic() - started:.0f} s after start"
        )
        if "metrics_textfile" in KEYS:
            _node_exporter_serves_the_kiosk_s_metrics(root)
            done.append(
                "node exporter, started with the options the role gave it, serves the kiosk's metrics file"
            )
    return done


@contextlib.contextmanager
def _kiosk_drawing(root: Path, timeout: float = 120) -> Iterator[None]:
    """The installed kiosk running as its account on a virtual screen, once it has drawn."""
    log = root / "home" / "kiosk" / ".local" / "state" / "kiosk" / "log" / "kiosk.log"
    log.unlink(missing_ok=True)
    kiosk = subprocess.Popen(
        [
            "chroot", str(root), "runuser", "-u", "kiosk", "--",
            "env", "HOME=/home/kiosk", "QT_QPA_PLATFORM=xcb",
            "xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", "/opt/kiosk/current/bin/kiosk", "run",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        _wait_for(
            lambda: log.exists() and DRAWN in log.read_text(errors="replace"),
            timeout,
            lambda: log.read_text() if log.exists() else kiosk.stderr.read() if kiosk.stderr else "",
            "the installed kiosk did not draw its exhibit",
            kiosk,
        )
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(kiosk.pid, signal.SIGTERM)
        kiosk.wait(timeout=30)


def _first_group(pattern: str, file: Path) -> str:
    """The first group of the line of `file` that matches `pattern`; stops when none does."""
    found = re.search(pattern, file.read_text(), re.MULTILINE)
    if found is None:
        raise SystemExit(f"provision_chroot: no line of {file} matches {pattern}")
    return found[1]


def _node_exporter_serves_the_kiosk_s_metrics(root: Path, timeout: float = 60) -> None:
    """node exporter, with the role's options but on a loopback port of its own, serving kiosk_info."""
    textfile = root / TEXTFILE.lstrip("/")
    _wait_for(lambda: textfile.exists(), timeout, lambda: "", f"the kiosk wrote no {TEXTFILE}")
    options = _first_group(r'^ARGS="(.*)"$', root / "etc/default/prometheus-node-exporter")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = re.sub(r"--web\.listen-address=\S+", f"--web.listen-address=127.0.0.1:{port}", options)
    exporter = subprocess.Popen(
        [
            "chroot",
            str(root),
            "runuser",
            "-u",
            "prometheus",
            "--",
            "prometheus-node-exporter",
            *options.split(),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    served = ""

    def kiosk_info_served() -> bool:
        nonlocal served
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response,
        ):
            served = response.read().decode()
        return "kiosk_info{" in served

    try:
        _wait_for(
            kiosk_info_served,
            timeout,
            lambda: served[-2000:],
            "node exporter does not serve kiosk_info",
            exporter,
        )
    finally:
        exporter.terminate()
        exporter.wait(timeout=30)


def _wait_for(
    condition: Callable[[], bool],
    timeout: float,
    details: Callable[[], str],
    failure: str,
    process: subprocess.Popen[str] | None = None,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (process is None or process.poll() is None):
        if condition():
            return
        time.sleep(0.5)
    raise SystemExit(f"provision_chroot: {failure}:\n{details()}")


@contextlib.contextmanager
def mounted(root: Path) -> Iterator[None]:
    """The kernel's file systems inside the root, as a running system has them, and its resolver."""
    mounts = [
        (["-t", "proc", "proc"], root / "proc"),
        (["-t", "sysfs", "sysfs"], root / "sys"),
        (["--bind", "/dev"], root / "dev"),
        (["--bind", "/dev/pts"], root / "dev" / "pts"),
    ]
    shutil.copyfile("/etc/resolv.conf", root / "etc" / "resolv.conf")
    # The certificate authorities this machine adds to Debian's (a proxy's, say), so that the
    # root reaches PyPI as this machine does; the ca-certificates package, which the role
    # installs, takes them in.
    local_authorities = Path("/usr/local/share/ca-certificates")
    if local_authorities.is_dir() and any(local_authorities.iterdir()):
        shutil.copytree(local_authorities, root / "usr/local/share/ca-certificates", dirs_exist_ok=True)
        if (root / "usr/sbin/update-ca-certificates").exists():
            _chroot(root, ["update-ca-certificates"])
    done: list[Path] = []
    try:
        for options, target in mounts:
            _run(["mount", *options, str(target)])
            done.append(target)
        yield
    finally:
        for target in reversed(done):
            subprocess.run(["umount", "--lazy", str(target)], check=False)


def _recap(output: str) -> tuple[int, int]:
    found = RECAP.findall(output)
    if not found:
        raise SystemExit("provision_chroot: no PLAY RECAP in ansible-playbook's output")
    ok, changed, unreachable, failed = map(int, found[-1])
    if unreachable or failed:
        raise SystemExit("provision_chroot: the playbook failed")
    return ok, changed


def _chroot(root: Path, command: list[str]) -> str:
    return _run(["chroot", str(root), *command])


def _run(
    command: list[str], *, input: str | None = None, env: dict[str, str] | None = None, echo: bool = False
) -> str:
    result = subprocess.run(command, input=input, env=env, capture_output=True, text=True, check=False)
    if echo:
        print(result.stdout, end="")
        print(result.stderr, end="", file=sys.stderr)
    if result.returncode != 0:
        raise SystemExit(
            f"provision_chroot: {' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


if __name__ == "__main__":
    sys.exit(main())
