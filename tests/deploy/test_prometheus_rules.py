"""The fleet's Prometheus configuration and alert rules, as promtool reads them."""

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.deploy.kiosk_metrics import KioskMetrics
from tests.deploy.prometheus_server import ALERT_RULES, PROMETHEUS_DEPLOY, REPOSITORY, PrometheusServer, tool
from tests.deploy.promql import known_metric_names, metric_names_in

ALERT_TESTS = PROMETHEUS_DEPLOY / "kiosk-alerts.test.yml"
OPERATIONS = REPOSITORY / "docs" / "operations.md"


def promtool(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("promtool"), *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def alert_rules() -> list[dict]:
    groups = yaml.safe_load(ALERT_RULES.read_text(encoding="utf-8"))["groups"]
    return [rule for group in groups for rule in group["rules"] if "alert" in rule]


def test_the_example_scrape_configuration_is_valid_with_its_rules_and_targets_files() -> None:
    result = promtool("check", "config", PROMETHEUS_DEPLOY / "prometheus.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    # The rules and the file_sd targets were read with it, not just named.
    assert "1 rule files found" in result.stdout
    config = yaml.safe_load((PROMETHEUS_DEPLOY / "prometheus.yml").read_text(encoding="utf-8"))
    kiosk_job = next(job for job in config["scrape_configs"] if job["job_name"] == "kiosk")
    (targets_glob,) = kiosk_job["file_sd_configs"][0]["files"]
    listed = yaml.safe_load(next(PROMETHEUS_DEPLOY.glob(targets_glob)).read_text(encoding="utf-8"))
    assert all(entry["labels"]["kiosk"] for entry in listed), "each kiosk is named by a kiosk label"


def test_the_alert_rules_are_valid() -> None:
    result = promtool("check", "rules", ALERT_RULES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_alert_rules_pass_their_unit_tests() -> None:
    result = promtool("test", "rules", ALERT_TESTS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_wrong_rule_fails_its_unit_tests(tmp_path: Path) -> None:
    """The unit tests can fail: a UI-hung threshold of 5 s would page staff for every big scan."""
    rules = ALERT_RULES.read_text(encoding="utf-8")
    assert "kiosk_ui_heartbeat_age_seconds > 30" in rules
    (tmp_path / ALERT_RULES.name).write_text(
        rules.replace("kiosk_ui_heartbeat_age_seconds > 30", "kiosk_ui_heartbeat_age_seconds > 5"),
        encoding="utf-8",
    )
    (tmp_path / ALERT_TESTS.name).write_text(ALERT_TESTS.read_text(encoding="utf-8"), encoding="utf-8")
    result = promtool("test", "rules", tmp_path / ALERT_TESTS.name)
    assert result.returncode != 0
    assert "alertname: KioskUIHung" in result.stdout + result.stderr


def test_every_alert_is_tested_firing_and_silent() -> None:
    tests = yaml.safe_load(ALERT_TESTS.read_text(encoding="utf-8"))["tests"]
    expectations = [case for test in tests for case in test.get("alert_rule_test", [])]
    for rule in alert_rules():
        name = rule["alert"]
        cases = [case for case in expectations if case["alertname"] == name]
        assert any(case["exp_alerts"] for case in cases), f"{name} is never tested firing"
        assert any(not case["exp_alerts"] for case in cases), f"{name} is never tested staying silent"


def test_the_alert_rules_read_only_metrics_that_are_published() -> None:
    """promtool accepts any name; a misspelt one would make its alert silently never fire."""
    known = known_metric_names() | {"node_textfile_mtime_seconds"}  # node_exporter's, for its textfile
    for rule in alert_rules():
        unknown = metric_names_in(rule["expr"]) - known
        assert not unknown, f"{rule['alert']} reads metrics nobody publishes: {sorted(unknown)}"


@pytest.mark.parametrize("rule", alert_rules(), ids=lambda rule: rule["alert"])
def test_every_alert_says_what_to_do_and_is_documented(rule: dict) -> None:
    assert rule["labels"]["severity"] in {"critical", "warning", "info"}
    assert rule["annotations"]["summary"].strip()
    assert len(rule["annotations"]["description"]) > 80, "the description says what to do"
    alerts_section = OPERATIONS.read_text(encoding="utf-8").split("\n## Alerts\n", 1)[1].split("\n## ", 1)[0]
    assert re.search(rf"^### {rule['alert']}$", alerts_section, re.MULTILINE), (
        f"docs/operations.md, Alerts, has no section for {rule['alert']}"
    )


@pytest.mark.slow
def test_a_real_prometheus_raises_the_alerts_of_kiosks_it_scrapes(tmp_path: Path) -> None:
    """gallery-1 serves its metrics and refuses an unsigned commit; gallery-2 does not answer."""
    with KioskMetrics("gallery-1") as gallery_1:
        kiosks = {"gallery-1": gallery_1.serve(), "gallery-2": "127.0.0.1:1"}  # nothing on port 1
        with PrometheusServer(tmp_path / "prometheus", kiosks, rules_for="2s") as prometheus:
            prometheus.wait_for_targets_up({"gallery-1"})
            prometheus.wait_for_firing("KioskDown", {"gallery-2"})
            assert prometheus.firing("KioskContentRefused") == []

            gallery_1.content_refusals.labels(reason="unsigned").inc()
            gallery_1.check_content("refused", "commit 9f8e7d6 is not signed by an allowed signer")
            (refused,) = prometheus.wait_for_firing("KioskContentRefused", {"gallery-1"})

            assert refused["labels"]["reason"] == "unsigned"
            assert refused["labels"]["severity"] == "warning"
            assert (
                "Its latest check: refused: commit 9f8e7d6 is not signed by an allowed signer."
                in (refused["annotations"]["description"])
            )
            # The healthy kiosk raises nothing else; the silent one only that it is down.
            assert {alert["labels"]["alertname"] for alert in prometheus.alerts()} == {
                "KioskDown",
                "KioskContentRefused",
            }
            assert prometheus.firing_kiosks("KioskDown") == {"gallery-2"}
