"""A museum's fleet on one machine: five kiosks follow one signed repository, a real Prometheus watches.

Each kiosk is a real `kiosk run` process (offscreen) with its own home and settings, following a
real bare repository through the real git; commits are signed with real OpenSSH keys. A real
Prometheus server (the Debian package) scrapes every kiosk and evaluates the fleet's alert rules
as shipped in deploy/prometheus, their `for:` durations shortened (promtool's unit tests check the
real ones). What a museum's IT would watch is what is checked: what Prometheus sees.
"""

from pathlib import Path

import pytest

from tests.deploy.prometheus_server import PrometheusServer, wait_for
from tests.signed_repository import (
    EXHIBIT_PATH,
    ContentRepository,
    SigningKey,
    break_exhibit,
    retitle_first_section,
)
from tools.fleet import Fleet, repository_settings

pytestmark = pytest.mark.slow

FLEET_SIZE = 5
#: The shortest check interval an installation may set, and the shortest idle time.
CHECK_EVERY_S = 30
IDLE_TIMEOUT_S = 10
#: A change reaches every kiosk within a check interval, the idle time and the work itself
#: (fetch, verify, copy, validate), five kiosks at once on two busy cores.
CHANGE_DEADLINE_S = CHECK_EVERY_S + IDLE_TIMEOUT_S + 90


def every(prometheus: PrometheusServer, expression: str, names: set[str]) -> bool:
    """Whether the expression has a sample for each of these kiosks."""
    return {sample["metric"].get("kiosk") for sample in prometheus.query(expression)} >= names


def test_one_signed_repository_feeds_the_fleet_and_prometheus_sees_each_kiosk(tmp_path: Path) -> None:
    curator = SigningKey(tmp_path, "curator")
    stranger = SigningKey(tmp_path, "stranger")
    allowed_signers = tmp_path / "allowed_signers"
    allowed_signers.write_text(curator.allowed_signers_line(), encoding="utf-8")
    content = ContentRepository(tmp_path / "content", curator)
    first = content.commit("The exhibit as it opens")
    settings = repository_settings(
        str(content.origin),
        allowed_signers,
        content_path=EXHIBIT_PATH,
        check_every=CHECK_EVERY_S,
        idle_timeout=IDLE_TIMEOUT_S,
    )
    fleet = Fleet(tmp_path / "fleet", settings, size=FLEET_SIZE)
    names = set(fleet.targets())
    with (
        fleet,
        PrometheusServer(
            tmp_path / "prometheus", fleet.targets(), rules_for="2s", interval_s=2
        ) as prometheus,
    ):
        fleet.wait_until_serving()
        fleet.wait_until_showing(first)
        prometheus.wait_for_targets_up(names)

        # A valid, signed change reaches every kiosk by itself.
        second = content.commit(
            "A new title for the first section", retitle_first_section("Before recognition")
        )
        fleet.wait_until_showing(second, timeout=CHANGE_DEADLINE_S)
        wait_for(
            lambda: every(prometheus, f'kiosk_content_version_info{{commit="{second}"}}', names),
            "Prometheus sees the new commit on every kiosk",
        )

        # A signed commit whose exhibit is invalid: refused everywhere, with its reason.
        content.commit("A section without a title", break_exhibit)
        wait_for(
            lambda: every(prometheus, 'kiosk_content_refusals_total{reason="invalid"} > 0', names),
            "every kiosk refuses the invalid commit",
            timeout=CHANGE_DEADLINE_S,
        )
        refused = prometheus.wait_for_firing("KioskContentRefused", names)
        assert {alert["labels"]["reason"] for alert in refused} == {"invalid"}, refused
        assert every(prometheus, 'kiosk_content_check_info{result="invalid"}', names)
        assert fleet.showing(second) == fleet.kiosks

        # A commit that mends the exhibit but is signed by nobody the museum allows, then one not
        # signed at all: neither is shown anywhere.
        content.commit("Mended by a stranger", retitle_first_section("Recognition"), key=stranger)
        wait_for(
            lambda: every(prometheus, 'kiosk_content_refusals_total{reason="untrusted_signer"} > 0', names),
            "every kiosk refuses the stranger's commit",
            timeout=CHANGE_DEADLINE_S,
        )
        content.commit("Mended without a signature", retitle_first_section("Recognition"), key=None)
        wait_for(
            lambda: every(prometheus, 'kiosk_content_refusals_total{reason="unsigned"} > 0', names),
            "every kiosk refuses the unsigned commit",
            timeout=CHANGE_DEADLINE_S,
        )
        assert every(prometheus, 'kiosk_content_check_info{result="refused"}', names)
        assert fleet.showing(second) == fleet.kiosks

        # One kiosk killed, another frozen: the fleet's alerts name exactly those two.
        fleet["gallery-2"].kill()
        fleet["gallery-4"].hang()
        try:
            prometheus.wait_for_firing("KioskDown", {"gallery-2", "gallery-4"})
            assert prometheus.firing_kiosks("KioskUIHung") == set()
            assert every(prometheus, "kiosk_ui_heartbeat_age_seconds < 5", names - {"gallery-2", "gallery-4"})
        finally:
            fleet["gallery-4"].resume()
