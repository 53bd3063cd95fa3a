"""The kiosk's metrics as Prometheus scrapes them: over real HTTP, from a real kiosk window."""

import logging
import shutil
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from kiosk import __version__
from kiosk.app.metrics import KioskMetrics, PendingMetrics, UiHealth
from kiosk.app.notices import clear_notices
from kiosk.app.publishing import Publishing
from kiosk.app.window import KioskUi, SessionOptions
from kiosk.content.versions import VersionStore
from tests.conftest import MINI_EXHIBIT
from tests.gui.conftest import Finger, OpenKiosk, find_item
from tests.gui.test_publishing import save

pytestmark = pytest.mark.gui
SETTLE_MS = 30


def scrape(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample the endpoint serves, by name and labels, as Prometheus reads them."""
    with urllib.request.urlopen(url, timeout=10) as response:
        text = response.read().decode()
    return parse(text)


def parse(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: dict, name: str, **labels: str) -> float:
    return samples[(name, tuple(sorted(labels.items())))]


def labels_of(samples: dict, name: str) -> dict[str, str]:
    """The labels of the one sample of an info metric."""
    (found,) = [dict(labels) for (sample, labels), _ in samples.items() if sample == name]
    return found


def state(samples: dict) -> str:
    (on,) = [
        dict(labels)["kiosk_state"]
        for (name, labels), number in samples.items()
        if name == "kiosk_state" and number == 1
    ]
    return on


def middle(ui: KioskUi) -> QPoint:
    return QPoint(ui.window.width() // 2, ui.window.height() // 2)


@dataclass
class ScrapedKiosk:
    ui: KioskUi
    metrics: KioskMetrics
    health: UiHealth
    publishing: Publishing
    store: VersionStore
    folder: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.metrics.port}/metrics"

    def scrape(self) -> dict:
        return scrape(self.url)


@pytest.fixture
def scraped_kiosk(qtbot: QtBot, open_kiosk: OpenKiosk, tmp_path: Path) -> Iterator[ScrapedKiosk]:
    folder = tmp_path / "mini"
    shutil.copytree(MINI_EXHIBIT, folder)
    store = VersionStore.for_exhibit(tmp_path / "data", folder)
    first = store.publish()
    assert first.version is not None
    ui = open_kiosk(first.version.folder, options=SessionOptions(idle_timeout_s=30, countdown_s=30))
    metrics = KioskMetrics(
        name="gallery-2",
        exhibit="mini",
        memory_ceiling_mb=900,
        environ={"KIOSK_SUPERVISOR_RESTARTS": "3"},
    )
    logging.getLogger().addHandler(metrics.log_handler)
    assert metrics.serve("127.0.0.1", 0)
    (tmp_path / "textfile").mkdir()
    health = UiHealth(ui, metrics, textfile=tmp_path / "textfile" / "kiosk.prom")
    health.heartbeat_timer.setInterval(50)
    health.start()
    publishing = Publishing(
        ui, store, first.version, tmp_path / "cache", settle_ms=SETTLE_MS, parent=ui.window, metrics=metrics
    )
    publishing.started_after(first)
    yield ScrapedKiosk(ui, metrics, health, publishing, store, folder)
    health.stop()
    publishing.stop()
    metrics.close()
    clear_notices()


def test_a_running_kiosk_serves_what_it_is_and_shows(scraped_kiosk: ScrapedKiosk) -> None:
    samples = scraped_kiosk.scrape()
    assert labels_of(samples, "kiosk_info") == {
        "kiosk": "gallery-2",
        "version": __version__,
        "exhibit": "mini",
    }
    showing = scraped_kiosk.publishing.showing
    assert labels_of(samples, "kiosk_content_version_info") == {
        "version": showing.name,
        "title": showing.title,
        "source": "folder",
        "commit": "",
    }
    assert value(samples, "kiosk_memory_ceiling_bytes") == 900 * 1024 * 1024
    assert value(samples, "kiosk_supervisor_restarts_total") == 3
    assert value(samples, "kiosk_content_check_ok") == 1
    assert labels_of(samples, "kiosk_content_check_info")["result"] == "ok"
    assert value(samples, "kiosk_content_publishes_total") == 1
    assert state(samples) == "home"
    # The process collector's, not repeated under the kiosk's prefix.
    assert value(samples, "process_resident_memory_bytes") > 50e6
    assert value(samples, "process_start_time_seconds") > 0
    assert not any(name.startswith("kiosk_process") for name, _ in samples)
    # Only the kiosk's own names and the process collector's.
    assert {name for name, _ in samples if not name.startswith("process_")} == {
        "kiosk_info",
        "kiosk_ui_heartbeat_age_seconds",
        "kiosk_last_frame_age_seconds",
        "kiosk_memory_ceiling_bytes",
        "kiosk_content_version_info",
        "kiosk_content_last_check_timestamp_seconds",
        "kiosk_content_last_success_timestamp_seconds",
        "kiosk_content_check_ok",
        "kiosk_content_check_info",
        "kiosk_content_publishes_total",
        "kiosk_content_refusals_total",
        "kiosk_visits_total",
        "kiosk_touches_total",
        "kiosk_touches_while_closed_total",
        "kiosk_state",
        "kiosk_supervisor_restarts_total",
        "kiosk_log_messages_total",
    }
    # The GUI thread runs, so its heartbeat is recent.
    assert value(samples, "kiosk_ui_heartbeat_age_seconds") < 5


def test_the_last_frame_is_dated_by_the_window(qtbot: QtBot, scraped_kiosk: ScrapedKiosk) -> None:
    clock = [1000.0]
    metrics = KioskMetrics(clock=lambda: clock[0])
    UiHealth(scraped_kiosk.ui, metrics)
    clock[0] += 40
    # A still screen draws nothing, and the age grows.
    assert metrics.registry.get_sample_value("kiosk_last_frame_age_seconds") == 40
    # Anything that changes on it makes a frame, which dates it.
    with qtbot.waitSignal(scraped_kiosk.ui.window.frameSwapped):
        scraped_kiosk.ui.window.update()
    qtbot.waitUntil(lambda: metrics.registry.get_sample_value("kiosk_last_frame_age_seconds") == 0)


def test_touches_visits_and_the_state_follow_the_visitors(qtbot: QtBot, scraped_kiosk: ScrapedKiosk) -> None:
    ui = scraped_kiosk.ui
    finger = Finger(ui.window)
    finger.tap(find_item(ui, "sectionTile0"))
    qtbot.waitUntil(lambda: ui.navigation.property("sectionIndex") == 0)
    samples = scraped_kiosk.scrape()
    assert (value(samples, "kiosk_touches_total"), value(samples, "kiosk_visits_total")) == (1, 1)
    assert state(samples) == "visit"

    finger.tap_at(middle(ui))
    samples = scraped_kiosk.scrape()
    assert (value(samples, "kiosk_touches_total"), value(samples, "kiosk_visits_total")) == (2, 1)

    ui.idle.end_session()
    assert state(scraped_kiosk.scrape()) == "attract"
    # The touch that wakes the attract loop begins the next visit.
    finger.tap_at(middle(ui))
    qtbot.waitUntil(lambda: ui.session.mode != "attract")
    samples = scraped_kiosk.scrape()
    assert (value(samples, "kiosk_touches_total"), value(samples, "kiosk_visits_total")) == (3, 2)
    assert state(samples) == "visit"

    # Outside opening hours nobody should touch the screen: a touch then is counted apart, and is
    # no visit.
    ui.session.set_closed(True)
    assert state(scraped_kiosk.scrape()) == "closed"
    finger.tap_at(middle(ui))
    samples = scraped_kiosk.scrape()
    assert value(samples, "kiosk_touches_while_closed_total") == 1
    assert (value(samples, "kiosk_touches_total"), value(samples, "kiosk_visits_total")) == (4, 2)


def test_publishes_and_refusals_are_counted_with_their_reasons(
    qtbot: QtBot, scraped_kiosk: ScrapedKiosk
) -> None:
    publishing, folder = scraped_kiosk.publishing, scraped_kiosk.folder
    before = scraped_kiosk.scrape()
    first = labels_of(before, "kiosk_content_version_info")["version"]

    # A visit is on: the new version waits for it to end.
    Finger(scraped_kiosk.ui.window).tap(find_item(scraped_kiosk.ui, "sectionTile0"))
    save(folder, "    title: First Section", "    title: A Section Renamed")
    qtbot.waitUntil(
        lambda: value(scraped_kiosk.scrape(), "kiosk_content_publishes_total") == 2, timeout=10_000
    )
    samples = scraped_kiosk.scrape()
    assert value(samples, "kiosk_content_publishes_total") == 2
    assert value(samples, "kiosk_content_check_ok") == 1
    assert value(samples, "kiosk_content_last_success_timestamp_seconds") >= value(
        before, "kiosk_content_last_success_timestamp_seconds"
    )
    assert labels_of(samples, "kiosk_content_version_info")["version"] == first

    with qtbot.waitSignal(publishing.shown, timeout=5000):
        scraped_kiosk.ui.idle.end_session()
    shown = labels_of(scraped_kiosk.scrape(), "kiosk_content_version_info")
    assert shown["version"] == publishing.showing.name != first

    save(folder, "    title: A Section Renamed", "    titel: A Section Renamed")
    qtbot.waitUntil(
        lambda: value(scraped_kiosk.scrape(), "kiosk_content_refusals_total", reason="invalid") == 1,
        timeout=10_000,
    )
    samples = scraped_kiosk.scrape()
    assert value(samples, "kiosk_content_refusals_total", reason="invalid") == 1
    assert value(samples, "kiosk_content_refusals_total", reason="disk_full") == 0
    assert value(samples, "kiosk_content_check_ok") == 0
    check = labels_of(samples, "kiosk_content_check_info")
    assert check["result"] == "invalid"
    assert "exhibit.yaml:" in check["reason"]
    assert "titel" in check["reason"]
    assert (
        value(samples, "kiosk_content_last_check_timestamp_seconds")
        > value(samples, "kiosk_content_last_success_timestamp_seconds") - 1
    )
    # The version on show stays.
    assert labels_of(samples, "kiosk_content_version_info") == shown
    assert value(samples, "kiosk_content_publishes_total") == 2


def test_the_heartbeat_age_grows_while_the_gui_thread_is_blocked_and_the_endpoint_still_answers(
    qtbot: QtBot, scraped_kiosk: ScrapedKiosk
) -> None:
    qtbot.waitUntil(lambda: value(scraped_kiosk.scrape(), "kiosk_ui_heartbeat_age_seconds") < 0.5)
    ages: list[float] = []

    def scrape_twice() -> None:
        for _ in range(2):
            time.sleep(0.8)  # time passing, while the GUI thread is held
            ages.append(value(scraped_kiosk.scrape(), "kiosk_ui_heartbeat_age_seconds"))

    scraper = threading.Thread(target=scrape_twice)
    scraper.start()
    scraper.join(timeout=30)  # the GUI thread is blocked here: no event loop, no timer
    assert len(ages) == 2, "the endpoint did not answer while the GUI thread was blocked"
    assert 0.7 < ages[0] < ages[1]
    assert ages[1] > 1.5
    # The GUI thread runs again: so does its heartbeat.
    qtbot.waitUntil(lambda: value(scraped_kiosk.scrape(), "kiosk_ui_heartbeat_age_seconds") < 0.5)


def test_the_metrics_are_written_for_node_exporter(
    qtbot: QtBot, scraped_kiosk: ScrapedKiosk, tmp_path: Path
) -> None:
    textfile = tmp_path / "textfile" / "kiosk.prom"
    # Written as soon as the kiosk runs, then every 15 s.
    assert scraped_kiosk.health.textfile_timer.interval() == 15_000
    samples = parse(textfile.read_text(encoding="utf-8"))
    assert labels_of(samples, "kiosk_info")["kiosk"] == "gallery-2"
    assert value(samples, "kiosk_touches_total") == 0
    Finger(scraped_kiosk.ui.window).tap(find_item(scraped_kiosk.ui, "sectionTile0"))
    scraped_kiosk.health.textfile_timer.setInterval(20)
    qtbot.waitUntil(lambda: value(parse(textfile.read_text(encoding="utf-8")), "kiosk_touches_total") == 1)
    # Written whole, by renaming: nothing half-written is left beside it.
    assert [path.name for path in textfile.parent.iterdir()] == ["kiosk.prom"]


def test_warnings_and_errors_logged_are_counted_by_level(scraped_kiosk: ScrapedKiosk) -> None:
    before = scraped_kiosk.scrape()
    logging.getLogger("kiosk.somewhere").warning("a warning")
    logging.getLogger("qml.Main").error("Main.qml:12: TypeError")
    logging.getLogger("kiosk.somewhere").info("not counted")
    after = scraped_kiosk.scrape()
    for level, more in (("warning", 1), ("error", 1), ("critical", 0)):
        assert (
            value(after, "kiosk_log_messages_total", level=level)
            == value(before, "kiosk_log_messages_total", level=level) + more
        )


def test_what_happens_before_the_metrics_are_made_is_counted_when_they_are() -> None:
    # The kiosk makes its metrics after its first frame (ADR 30): the start's warnings, and what
    # publishing at the start came to, are not lost.
    pending = PendingMetrics(name="gallery-2", exhibit="mini", address=("127.0.0.1", 0))
    root = logging.getLogger()
    root.addHandler(pending.log_handler)
    try:
        logging.getLogger("kiosk.app.run").warning("installation settings: a problem")
        logging.getLogger("kiosk.app.run").error("an error")
        pending.content_checked("ok", "version 1 published")
        pending.content_published("1")
        pending.content_showing("1", "Recognition", source="folder")
        with pytest.raises(AttributeError):
            pending.serve  # noqa: B018  (only what is told to the metrics is kept for them)

        metrics = pending.make()
        assert pending.make() is metrics
        logging.getLogger("kiosk.app.run").warning("after")
        pending.touched(closed=False)
        samples = scrape(f"http://127.0.0.1:{metrics.port}/metrics")
    finally:
        pending.close()
    assert pending.log_handler not in root.handlers
    assert metrics.log_handler not in root.handlers
    assert value(samples, "kiosk_log_messages_total", level="warning") == 2
    assert value(samples, "kiosk_log_messages_total", level="error") == 1
    assert value(samples, "kiosk_content_check_ok") == 1
    assert value(samples, "kiosk_content_publishes_total") == 1
    assert labels_of(samples, "kiosk_content_version_info")["title"] == "Recognition"
    assert value(samples, "kiosk_touches_total") == 1
