"""The Ansible playbook that provisions a kiosk (deploy/ansible): its checks, and what its role writes.

The templates are rendered by Ansible itself (tests/deploy/render_role.yml), with the role's
defaults and the variables an inventory would give. Applying the whole playbook to a Debian root
is `python -m tools.provision_chroot` (network-bound, so not run here).
"""

import json
import os
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest
import yaml

from kiosk.services.schedule import OpeningHours
from kiosk.services.settings import KEYS, load_settings
from kiosk.services.staff_access import hash_pin, verify_pin

REPOSITORY = Path(__file__).resolve().parents[2]
ANSIBLE = REPOSITORY / "deploy" / "ansible"
ROLE = ANSIBLE / "roles" / "kiosk"
BIN = Path(sys.executable).parent
PIN = "2468"
#: The settings the role can write, by the variable that gives each.
SETTING_VARIABLES = {
    "exhibit": "kiosk_exhibit",
    "pin_hash": "kiosk_pin_hash",
    "opening_hours": "kiosk_opening_hours",
    "daily_restart": "kiosk_daily_restart",
    "memory_ceiling_mb": "kiosk_memory_ceiling_mb",
    "kiosk_name": "kiosk_name",
    "content_git": "kiosk_content_git",
    "content_ref": "kiosk_content_ref",
    "content_path": "kiosk_content_path",
    "allowed_signers": "kiosk_allowed_signers",
    "metrics_address": "kiosk_metrics_address",
    "metrics_textfile": "kiosk_metrics_textfile",
    "analytics": "kiosk_analytics",
    "analytics_retention_days": "kiosk_analytics_retention_days",
    "analytics_max_mb": "kiosk_analytics_max_mb",
}
#: What a unit of the role must share with the unit of the repository it follows.
SHARED_SERVICE_SETTINGS = (
    "Type",
    "NotifyAccess",
    "WatchdogSec",
    "TimeoutStartSec",
    "Restart",
    "RestartSec",
    "RestartPreventExitStatus",
    "KillMode",
    "TimeoutStopSec",
    "StartLimitIntervalSec",
)


def _ansible_environment(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "ANSIBLE_HOME": str(tmp_path / "ansible-home"),
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-tmp"),
        "ANSIBLE_NOCOLOR": "1",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }


def _render(tmp_path: Path, variables: dict[str, object]) -> Path:
    """The role's templates rendered by Ansible with `variables`; the folder holding them."""
    output = tmp_path / "rendered"
    output.mkdir()
    extra = tmp_path / "variables.json"
    # The modules run in this Python, which has what they need.
    extra.write_text(
        json.dumps({"output": str(output), "ansible_python_interpreter": sys.executable, **variables})
    )
    result = subprocess.run(
        [
            BIN / "ansible-playbook",
            "-i",
            "localhost,",
            "-e",
            f"@{extra}",
            REPOSITORY / "tests" / "deploy" / "render_role.yml",
        ],
        capture_output=True,
        text=True,
        env=_ansible_environment(tmp_path),
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def _unit(path: Path) -> dict[str, list[str]]:
    """A systemd unit's settings, each with its values in order."""
    settings: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def _known_settings_only(variables: dict[str, object]) -> dict[str, object]:
    """`variables`, less those giving a setting this version of the kiosk does not read yet."""
    unknown = {SETTING_VARIABLES[key] for key in SETTING_VARIABLES if key not in KEYS}
    return {**variables, **dict.fromkeys(unknown, "")}


@pytest.mark.slow
def test_the_playbook_passes_ansible_playbook_syntax_check(tmp_path):
    result = subprocess.run(
        [BIN / "ansible-playbook", "--syntax-check", "kiosk.yml"],
        cwd=ANSIBLE,
        capture_output=True,
        text=True,
        env=_ansible_environment(tmp_path),
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_playbook_passes_ansible_lint_s_production_profile(tmp_path):
    # The profile and offline mode come from deploy/ansible/.ansible-lint.
    result = subprocess.run(
        [BIN / "ansible-lint", "--nocolor"],
        cwd=ANSIBLE,
        capture_output=True,
        text=True,
        env=_ansible_environment(tmp_path),
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Profile 'production' was required, and it passed" in result.stdout + result.stderr


def test_the_role_installs_every_library_the_kiosk_needs_at_run_time():
    listed = subprocess.run(
        [REPOSITORY / "tools" / "system-deps.sh", "--list"], capture_output=True, text=True, check=True
    ).stdout.split()
    defaults = yaml.safe_load((ROLE / "defaults" / "main.yml").read_text())
    assert defaults["kiosk_runtime_packages"] == listed


@pytest.mark.slow
def test_the_settings_the_role_writes_are_read_by_the_kiosk_as_given(tmp_path):
    pin_hash = hash_pin(PIN)
    rendered = _render(
        tmp_path,
        _known_settings_only(
            {
                "kiosk_exhibit": "/opt/kiosk/src/exhibits/recognition-1933",
                "kiosk_pin_hash": pin_hash,
                # As an inventory gives them: unquoted times would be YAML's base-60 numbers.
                "kiosk_opening_hours": {
                    "everyday": "10:00-18:00",
                    "monday": "closed",
                    "friday": "10:00-13:00, 14:00-22:00",
                },
                "kiosk_daily_restart": "04:30",
                "kiosk_memory_ceiling_mb": 900,
                "kiosk_name": "gallery-2",
                "kiosk_metrics_address": "0.0.0.0:9633",
                "kiosk_analytics": False,
                "kiosk_analytics_retention_days": 90,
                "kiosk_analytics_max_mb": 50,
                "kiosk_settings_extra": {"idle_timeout": 120, "renderer": "software"},
            }
        ),
    )
    settings, problems = load_settings(rendered / "settings.yaml")

    assert problems == []
    assert settings.exhibit == Path("/opt/kiosk/src/exhibits/recognition-1933")
    assert verify_pin(PIN, settings.pin_hash)
    assert settings.opening_hours == OpeningHours.from_text(
        {"everyday": "10:00-18:00", "monday": "closed", "friday": "10:00-13:00, 14:00-22:00"}
    )
    assert settings.daily_restart == time(4, 30)
    assert settings.memory_ceiling_mb == 900
    assert settings.idle_timeout == 120
    assert settings.renderer == "software"
    assert (settings.analytics, settings.analytics_retention_days, settings.analytics_max_mb) == (
        False,
        90,
        50,
    )


@pytest.mark.slow
def test_settings_left_empty_are_left_out_so_the_kiosk_keeps_its_defaults(tmp_path):
    rendered = _render(tmp_path, _known_settings_only({}))
    text = (rendered / "settings.yaml").read_text()

    assert [line for line in text.splitlines() if line and not line.startswith("#")] == (
        ['metrics_textfile: "/var/lib/node_exporter/textfile_collector/kiosk.prom"']
        if "metrics_textfile" in KEYS
        else []
    )
    assert load_settings(rendered / "settings.yaml")[1] == []


@pytest.mark.slow
def test_node_exporter_reads_the_folder_the_kiosk_writes_its_metrics_to(tmp_path):
    rendered = _render(tmp_path, {})
    options = (rendered / "prometheus-node-exporter.default").read_text()
    textfile = yaml.safe_load((ROLE / "defaults" / "main.yml").read_text())["kiosk_metrics_textfile"]

    assert "--collector.textfile.directory=/var/lib/node_exporter/textfile_collector" in options
    assert textfile == "{{ kiosk_node_exporter_textfile_dir }}/kiosk.prom"


@pytest.mark.slow
def test_the_supervised_unit_restarts_and_stops_as_deploy_kiosk_service_does(tmp_path):
    rendered = _render(tmp_path, {"kiosk_service_mode": "supervised"})
    role_unit, repository_unit = (
        _unit(rendered / "kiosk.service"),
        _unit(REPOSITORY / "deploy" / "kiosk.service"),
    )

    for key in SHARED_SERVICE_SETTINGS:
        assert role_unit.get(key) == repository_unit.get(key), key
    assert "PYTHONUNBUFFERED=1" in role_unit["Environment"]
    assert role_unit["ExecStart"] == ["/opt/kiosk/current/bin/kiosk supervise"]


@pytest.mark.slow
def test_the_watchdog_unit_runs_the_kiosk_under_systemd_s_watchdog(tmp_path):
    rendered = _render(
        tmp_path, {"kiosk_service_mode": "watchdog", "kiosk_run_options": ["--retry-after", "120"]}
    )
    role_unit = _unit(rendered / "kiosk.service")

    assert role_unit["Type"] == ["notify"]
    assert role_unit["WatchdogSec"] == ["30"]
    assert role_unit["ExecStart"] == ["/opt/kiosk/current/bin/kiosk run --retry-after 120"]
    repository_unit = REPOSITORY / "deploy" / "systemd" / "kiosk.service"
    if repository_unit.exists():
        for key in SHARED_SERVICE_SETTINGS:
            assert role_unit.get(key) == _unit(repository_unit).get(key), key


@pytest.mark.slow
@pytest.mark.parametrize(
    ("session", "program", "platform"),
    [("x11", "/usr/bin/startx", "xcb"), ("cage", "/usr/bin/cage", "wayland")],
)
def test_the_display_session_and_the_kiosk_agree_on_the_display_server(tmp_path, session, program, platform):
    rendered = _render(tmp_path, {"kiosk_session": session})
    session_unit, kiosk_unit = _unit(rendered / "kiosk-session.service"), _unit(rendered / "kiosk.service")

    command = session_unit["ExecStart"][0].split()
    assert command[0] == program
    assert "/usr/local/bin/kiosk-session" in command
    assert session_unit["User"] == ["kiosk"]
    assert session_unit["TTYPath"] == ["/dev/tty1"]
    assert f"QT_QPA_PLATFORM={platform}" in kiosk_unit["Environment"]


@pytest.mark.slow
@pytest.mark.parametrize("host", ["kiosk-lobby", "kiosk-gallery-2"])
def test_the_example_inventory_gives_settings_the_kiosk_reads_without_a_problem(tmp_path, host):
    inventory = ANSIBLE / "inventory"
    variables = {
        **yaml.safe_load((inventory / "group_vars" / "kiosks" / "main.yml").read_text()),
        **yaml.safe_load((inventory / "host_vars" / f"{host}.yml").read_text()),
        # The vault's value, as `kiosk set-pin` makes it.
        "kiosk_pin_hash": hash_pin(PIN),
    }
    rendered = _render(tmp_path, _known_settings_only(variables))

    settings, problems = load_settings(rendered / "settings.yaml")
    assert problems == []
    assert verify_pin(PIN, settings.pin_hash)
