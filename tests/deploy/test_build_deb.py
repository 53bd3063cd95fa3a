"""What the Debian packages are made of (tools/build_deb.py), checked without building them:
test_deb.py builds, installs and upgrades them."""

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tools import build_deb

REPOSITORY = Path(__file__).resolve().parents[2]
RUNTIME = [
    Requirement(text)
    for text in tomllib.loads((REPOSITORY / "pyproject.toml").read_text())["project"]["dependencies"]
]


@pytest.mark.parametrize("python", build_deb.TARGET_PYTHONS)
def test_the_lock_pins_every_runtime_dependency_within_pyproject_s_bounds_with_hashes(python):
    # A dependency missing from the lock would stop pip on the kiosk PC, in postinst.
    pins = {
        canonicalize_name(pin.name): pin
        for pin in build_deb.read_lock(build_deb.LOCK)
        if pin.applies_to(python)
    }
    for requirement in RUNTIME:
        pin = pins.get(canonicalize_name(requirement.name))
        assert pin is not None, (
            f"{requirement.name} is not in packaging/requirements.lock for Python {python}"
        )
        version = pin.text.split("==", 1)[1].split()[0]
        assert requirement.specifier.contains(version), (
            f"{requirement.name} {version} is outside {requirement}"
        )
        assert "--hash=sha256:" in pin.text


def test_the_package_depends_on_a_python_it_has_wheels_for_and_on_what_system_deps_lists():
    depends = build_deb.kiosk_depends()
    assert "python3 (>= 3.11)" in depends
    assert "python3 (<< 3.14)" in depends
    assert {"python3-venv", "libegl1", "libxkbcommon0", "libwayland-cursor0", "fontconfig"} <= set(depends)


def test_the_package_s_session_is_the_role_s_cage_session_running_the_installed_kiosk():
    session = build_deb.render_role_template("kiosk-session.service")
    kiosk = build_deb.render_role_template("kiosk.service")
    program = build_deb.render_role_template("kiosk-session.sh")

    assert "ExecStart=/usr/bin/cage -- /usr/libexec/kiosk/kiosk-session\n" in session
    assert "User=kiosk\n" in session
    assert "TTYPath=/dev/tty1\n" in session
    assert "ExecStart=/opt/kiosk/current/bin/kiosk supervise\n" in kiosk
    assert "Environment=QT_QPA_PLATFORM=wayland\n" in kiosk
    assert "systemctl --user restart --wait kiosk.service" in program
