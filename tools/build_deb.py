"""Builds the kiosk's Debian packages from the committed HEAD: kiosk and kiosk-session.

    python -m tools.build_deb [--revision N] [--output DIR]

- `kiosk_<version>-<revision>_amd64.deb`: the kiosk's wheel and a hash-pinned wheel of every
  runtime dependency (packaging/requirements.lock) for each Python the targets have (3.11 on
  Debian 12, 3.12 on Ubuntu 24.04, 3.13 on Debian 13), `/usr/bin/kiosk`, the systemd user unit,
  the default installation settings `/etc/kiosk/settings.yaml` (a conffile) and the maintainer
  scripts, which install the wheels into `/opt/kiosk/venvs/<version>` with pip alone (no network,
  no compiler) and then switch `/opt/kiosk/current` to it.
- `kiosk-session_<version>-<revision>_all.deb`: the kiosk's own display session, cage on tty1 for
  the account `kiosk`, started at boot.

The systemd units and the session's program are the Ansible role's templates
(deploy/ansible/roles/kiosk/templates), rendered for the package; the package's dependencies are
what `tools/system-deps.sh --list` prints. Downloaded wheels stay in pip's cache. docs/adr/0039
says why it is built this way; docs/operations.md, "Installing, upgrading and removing", how it
is used. Regenerate the lock after changing the dependencies in pyproject.toml with:

    .venv/bin/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes \
        --no-header --output-file packaging/requirements.lock
"""

import argparse
import gzip
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

import jinja2
import yaml
from packaging.markers import Marker

REPOSITORY = Path(__file__).resolve().parent.parent
PACKAGING = REPOSITORY / "packaging"
DEBIAN = PACKAGING / "debian"
LOCK = PACKAGING / "requirements.lock"
ROLE = REPOSITORY / "deploy" / "ansible" / "roles" / "kiosk"
#: The Pythons of Debian 12, Ubuntu 24.04 and Debian 13: a wheel of each compiled dependency is
#: bundled for each, and the package depends on a python3 among them.
TARGET_PYTHONS = ("3.11", "3.12", "3.13")
#: Debian 12's C library, the oldest of the targets: no wheel made for a newer one is bundled.
GLIBC = (2, 36)
#: Pinned packages that PyPI has as source only: pure Python, so built here into a wheel for any
#: Python 3, which the package then pins by its own hash.
BUILT_FROM_SOURCE = ("pyvips", "xcffib")
MAINTAINER = "Museum kiosk maintainers <kiosk@museum.example>"
INSTALL_ROOT = "/opt/kiosk"
SESSION_PROGRAM = "/usr/libexec/kiosk/kiosk-session"
DESCRIPTION = (
    "touch-first museum exhibit kiosk\n"
    " Shows a curator-written exhibit full-screen on a touch screen, locked\n"
    " down, restarting itself after anything goes wrong. Installs into its\n"
    " own virtual environment under /opt/kiosk from the wheels it carries,\n"
    " with no compiler and no network."
)
SESSION_DESCRIPTION = (
    "museum exhibit kiosk: the machine's screen for the kiosk alone\n"
    " Logs the account kiosk in on tty1 at boot, straight into the exhibit\n"
    " under the cage kiosk compositor: no desktop, no terminal, no switching\n"
    " to a text console."
)


@dataclass(frozen=True)
class Pin:
    """One requirement of the lock: its lines as written (name, version, marker, hashes)."""

    name: str
    text: str
    marker: Marker | None

    def applies_to(self, python: str) -> bool:
        return self.marker is None or self.marker.evaluate(_environment(python))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_deb", description=__doc__.splitlines()[0])
    parser.add_argument("--revision", type=int, default=1, help="the Debian revision (default 1)")
    parser.add_argument("--output", type=Path, default=REPOSITORY / "dist", help="where the .deb files go")
    arguments = parser.parse_args(argv)
    started = time.monotonic()
    packages = build(arguments.output, arguments.revision)
    for package in packages:
        print(f"{package} ({package.stat().st_size / 2**20:.0f} MB)")
    print(f"built in {time.monotonic() - started:.0f} s")
    return 0


def build(output: Path, revision: int = 1) -> list[Path]:
    """Builds both packages into `output`; returns their paths."""
    if _run(["git", "-C", str(REPOSITORY), "status", "--porcelain", "--untracked-files=no"]).strip():
        print(
            "build_deb: the working tree has uncommitted changes; the packages hold HEAD only",
            file=sys.stderr,
        )
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kiosk-deb-") as scratch:
        work = Path(scratch)
        source = work / "source"
        source.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(REPOSITORY), "archive", "HEAD"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
        upstream = tomllib.loads((source / "pyproject.toml").read_text())["project"]["version"]
        version = f"{upstream}-{revision}"

        kiosk_root = work / "kiosk"
        wheels = kiosk_root / "usr" / "lib" / "kiosk" / "wheels"
        wheels.mkdir(parents=True)
        kiosk_wheel = _kiosk_wheel(source, wheels)
        pins = read_lock(LOCK)
        downloaded = [pin for pin in pins if pin.name not in BUILT_FROM_SOURCE]
        for python in TARGET_PYTHONS:
            _download(downloaded, python, wheels, work)
        # The lock as postinst installs it, every wheel pinned by its hash, the kiosk's and the
        # ones built here by theirs: pip refuses anything whose hash is not in it.
        requirements = [pin.text for pin in downloaded]
        for pin in pins:
            if pin.name in BUILT_FROM_SOURCE:
                requirements.append(_pinned(_wheel_from_source(pin, wheels, work)))
        requirements.append(_pinned(kiosk_wheel))
        _write(kiosk_root / "usr" / "lib" / "kiosk" / "requirements.lock", "\n".join(requirements) + "\n")
        _kiosk_files(kiosk_root, version)
        kiosk_deb = _package(
            kiosk_root,
            output,
            {
                "Package": "kiosk",
                "Version": version,
                "Architecture": "amd64",
                "Depends": ", ".join(kiosk_depends()),
                "Suggests": "kiosk-session",
            },
            DESCRIPTION,
            DEBIAN / "kiosk",
            version,
        )

        session_root = work / "kiosk-session"
        _session_files(session_root, version)
        session_deb = _package(
            session_root,
            output,
            {
                "Package": "kiosk-session",
                "Version": version,
                "Architecture": "all",
                "Depends": ", ".join([f"kiosk (= {version})", *session_depends()]),
                "Recommends": "pipewire-pulse, wireplumber",
            },
            SESSION_DESCRIPTION,
            DEBIAN / "kiosk-session",
            version,
        )
    return [kiosk_deb, session_deb]


def read_lock(path: Path) -> list[Pin]:
    """The requirements of a lock written by `uv pip compile --generate-hashes`."""
    pins: list[Pin] = []
    lines: list[str] = []
    for line in [*path.read_text().splitlines(), ""]:
        if line.startswith((" ", "\t")):
            lines.append(line)
            continue
        if lines:
            requirement = lines[0].rstrip(" \\")
            marker = requirement.split(";", 1)[1].strip() if ";" in requirement else None
            name = requirement.split("==", 1)[0].strip()
            pins.append(Pin(name, "\n".join(lines), Marker(marker) if marker else None))
        lines = [line] if line and not line.startswith("#") else []
    return pins


def kiosk_depends() -> list[str]:
    """What the kiosk package needs from Debian: a Python it has wheels for, venv, adduser, and
    the libraries `tools/system-deps.sh --list` names."""
    lowest, highest = TARGET_PYTHONS[0], TARGET_PYTHONS[-1]
    major, minor = highest.split(".")
    return [
        "adduser",
        f"python3 (>= {lowest})",
        f"python3 (<< {major}.{int(minor) + 1})",
        "python3-venv",
        *_run([str(REPOSITORY / "tools" / "system-deps.sh"), "--list"]).split(),
    ]


def session_depends() -> list[str]:
    """The cage session's packages, as the Ansible role installs them for it."""
    variables = yaml.safe_load((ROLE / "vars" / "main.yml").read_text())
    session: list[str] = variables["kiosk_session_packages"]["cage"]
    logind = [
        name for name in variables["kiosk_base_packages"] if name in ("libpam-systemd", "dbus-user-session")
    ]
    return [*session, *logind, "adduser"]


def render_role_template(name: str, **overrides: object) -> str:
    """One of the Ansible role's templates, with the role's defaults and the package's choices:
    the cage session, the supervised kiosk, the program in /opt/kiosk/current."""
    variables: dict[str, object] = yaml.safe_load((ROLE / "defaults" / "main.yml").read_text())
    variables.update(
        kiosk_session="cage",
        kiosk_install_from="package",
        kiosk_current=f"{INSTALL_ROOT}/current",
        kiosk_session_program=SESSION_PROGRAM,
        ansible_managed="Installed by the kiosk's Debian package; made from the Ansible role's template.",
    )
    variables.update(overrides)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROLE / "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        autoescape=False,
    )
    # Ansible's filters that these templates use.
    environment.filters["quote"] = shlex.quote
    environment.filters["bool"] = bool
    return environment.get_template(f"{name}.j2").render(variables)


def _environment(python: str) -> dict[str, str]:
    """The environment markers of CPython `python` on Linux x86-64."""
    return {
        "python_version": python,
        "python_full_version": f"{python}.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "platform_machine": "x86_64",
        "os_name": "posix",
    }


def _kiosk_wheel(source: Path, into: Path) -> Path:
    _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(into), str(source)]
    )
    return next(into.glob("kiosk-*.whl"))


def _wheel_from_source(pin: Pin, into: Path, work: Path) -> Path:
    """The wheel of a pure-Python package that PyPI has as source only, built from the source the
    lock pins."""
    requirements = work / f"requirements-{pin.name}.txt"
    requirements.write_text(pin.text + "\n")
    built = work / f"built-{pin.name}"
    _run(
        [
            sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--require-hashes",
            "--requirement", str(requirements), "--wheel-dir", str(built),
        ]
    )  # fmt: skip
    wheel = next(built.glob("*.whl"))
    if not wheel.name.endswith("-py3-none-any.whl"):
        raise SystemExit(f"build_deb: {wheel.name} is not pure Python: it would not install on every target")
    return Path(shutil.move(wheel, into / wheel.name))


def _pinned(wheel: Path) -> str:
    """A requirement for exactly this wheel: its name, version and hash."""
    name, version = wheel.name.split("-")[:2]
    return f"{name}=={version} \\\n    --hash=sha256:{hashlib.sha256(wheel.read_bytes()).hexdigest()}"


def _download(pins: Iterable[Pin], python: str, into: Path, work: Path) -> None:
    """The wheels the lock pins for CPython `python` on Debian 12's C library or older, checked
    against the lock's hashes; pip's cache keeps them for the next build."""
    requirements = work / f"requirements-{python}.txt"
    requirements.write_text("".join(pin.text + "\n" for pin in pins if pin.applies_to(python)))
    platforms = [f"manylinux_{GLIBC[0]}_{minor}_x86_64" for minor in range(GLIBC[1], 4, -1)]
    platforms += ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64", "linux_x86_64"]
    _run(
        [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
            "--only-binary=:all:", "--implementation", "cp", "--python-version", python,
            "--abi", f"cp{python.replace('.', '')}",
            *(option for platform in platforms for option in ("--platform", platform)),
            "--requirement", str(requirements), "--dest", str(into),
        ]
    )  # fmt: skip


def _kiosk_files(root: Path, version: str) -> None:
    _write(root / "usr" / "bin" / "kiosk", (DEBIAN / "kiosk" / "kiosk").read_text(), mode=0o755)
    _write(root / "etc" / "kiosk" / "settings.yaml", (DEBIAN / "kiosk" / "settings.yaml").read_text())
    _write(root / "usr" / "lib" / "systemd" / "user" / "kiosk.service", render_role_template("kiosk.service"))
    _gzip(DEBIAN / "kiosk" / "kiosk.1", root / "usr" / "share" / "man" / "man1" / "kiosk.1.gz")
    _documents(root, "kiosk", version)


def _session_files(root: Path, version: str) -> None:
    _write(
        root / "usr" / "lib" / "systemd" / "system" / "kiosk-session.service",
        render_role_template("kiosk-session.service"),
    )
    _write(root / SESSION_PROGRAM.lstrip("/"), render_role_template("kiosk-session.sh"), mode=0o755)
    _write(root / "etc" / "pam.d" / "kiosk-session", (ROLE / "files" / "pam-kiosk-session").read_text())
    _documents(root, "kiosk-session", version)


def _documents(root: Path, package: str, version: str) -> None:
    documents = root / "usr" / "share" / "doc" / package
    _write(documents / "copyright", (DEBIAN / "copyright").read_text())
    overrides = (DEBIAN / package / "lintian-overrides").read_text()
    _write(root / "usr" / "share" / "lintian" / "overrides" / package, overrides)
    changelog = (
        f"{package} ({version}) stable; urgency=medium\n\n"
        f"  * The kiosk {version.rsplit('-', 1)[0]}; its changes are in its git history.\n\n"
        f" -- {MAINTAINER}  {formatdate(_build_time(), localtime=False)}\n"
    )
    changelog_source = root.parent / f"{package}.changelog"
    changelog_source.write_text(changelog)
    _gzip(changelog_source, documents / "changelog.Debian.gz")


def _package(
    root: Path, output: Path, fields: Mapping[str, str], description: str, scripts: Path, version: str
) -> Path:
    control = root / "DEBIAN"
    control.mkdir(parents=True, exist_ok=True)
    for script in ("postinst", "prerm", "postrm"):
        source = scripts / script
        if source.exists():
            _write(control / script, source.read_text().replace("@VERSION@", version), mode=0o755)
    conffiles = sorted(
        "/" + str(path.relative_to(root)) for path in (root / "etc").rglob("*") if path.is_file()
    )
    if conffiles:
        _write(control / "conffiles", "".join(f"{name}\n" for name in conffiles))
    files = sorted(path for path in root.rglob("*") if path.is_file() and control not in path.parents)
    _write(
        control / "md5sums",
        "".join(
            f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(root)}\n" for path in files
        ),
    )
    installed_kib = sum(-(-path.stat().st_size // 1024) for path in files)
    headers = {
        "Package": fields["Package"],
        "Version": fields["Version"],
        "Architecture": fields["Architecture"],
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kib),
        **{key: value for key, value in fields.items() if key not in ("Package", "Version", "Architecture")},
        "Section": "misc",
        "Priority": "optional",
        "Description": description,
    }
    _write(control / "control", "".join(f"{key}: {value}\n" for key, value in headers.items()))
    deb = output / f"{fields['Package']}_{fields['Version']}_{fields['Architecture']}.deb"
    # The wheels are zip files already: xz packs them half a per cent smaller than gzip, in twenty
    # times as long (minutes on two cores).
    _run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z1", "--build", str(root), str(deb)])
    return deb


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)


def _gzip(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as packed:
        packed.write(source.read_bytes())
    target.chmod(0o644)


def _build_time() -> float:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else HEAD's commit time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or _run(
        ["git", "-C", str(REPOSITORY), "log", "-1", "--format=%ct"]
    )
    return float(epoch.strip())


def _run(command: Sequence[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(
            f"build_deb: {shlex.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


if __name__ == "__main__":
    sys.exit(main())
