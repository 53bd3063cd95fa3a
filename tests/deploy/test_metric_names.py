"""The alert rules and the dashboard are checked against the stand-in kiosk of tests/deploy
(kiosk_metrics.py), which serves what a kiosk serves without a window. Here the stand-in is held
to the real kiosk's metrics, so that a metric renamed or relabelled in the kiosk fails the checks
of the deploy files instead of leaving rules that watch nothing."""

from prometheus_client import CollectorRegistry

from kiosk.app.metrics import KioskMetrics as RealKioskMetrics
from tests.deploy.kiosk_metrics import KioskMetrics as StandInKioskMetrics


def series(registry: CollectorRegistry) -> dict[str, set[frozenset[str]]]:
    """Each series name (bar prometheus_client's `_created`), with the label names it comes with."""
    found: dict[str, set[frozenset[str]]] = {}
    for family in registry.collect():
        for sample in family.samples:
            if not sample.name.endswith("_created"):
                found.setdefault(sample.name, set()).add(frozenset(sample.labels))
    return found


def test_the_deploy_files_are_checked_against_the_metrics_a_kiosk_really_serves() -> None:
    real = RealKioskMetrics(name="gallery-1", exhibit="recognition-1933")
    # The info metrics carry their labels once there is something to say.
    real.content_showing("20270301-101502-3f9a1c0e", "Recognition, 1933", source="git", commit="3f9a1c0e")
    real.content_checked("ok", "")
    stand_in = StandInKioskMetrics("gallery-1")
    stand_in.check_content("ok", "")
    assert series(stand_in.registry) == series(real.registry)
