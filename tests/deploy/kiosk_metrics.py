"""A kiosk's metrics without the kiosk: every metric the kiosk publishes, by its fixed name, in a
prometheus_client registry of its own that a test sets, served over HTTP on loopback.

The names are those the kiosk, the alert rules, the dashboard and the fleet test agree on
(docs/operations.md, "Alerts"); `metric_names()` lists them, for checking that the deploy files
use no other.
"""

import time
from types import TracebackType
from typing import Self

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Enum,
    Gauge,
    Info,
    ProcessCollector,
    start_http_server,
)

CONTENT_CHECK_RESULTS = ("ok", "offline", "refused", "invalid", "disk_full", "error")
REFUSAL_REASONS = ("invalid", "unsigned", "untrusted_signer", "older_commit", "disk_full", "error")
LOG_LEVELS = ("warning", "error", "critical")
STATES = ("home", "visit", "attract", "closed")


class KioskMetrics:
    """The metrics of one kiosk, called `name`, looking healthy until a test says otherwise."""

    def __init__(self, name: str) -> None:
        self.registry = CollectorRegistry()
        registry = self.registry
        self.kiosk = Info("kiosk", "The kiosk", registry=registry)
        self.kiosk.info({"kiosk": name, "version": "0.1.0", "exhibit": "recognition-1933"})
        self.ui_heartbeat_age = Gauge(
            "kiosk_ui_heartbeat_age_seconds", "Age of the GUI thread's last heartbeat", registry=registry
        )
        self.last_frame_age = Gauge(
            "kiosk_last_frame_age_seconds", "Age of the last frame drawn", registry=registry
        )
        self.memory_ceiling = Gauge(
            "kiosk_memory_ceiling_bytes", "Memory ceiling, 0 for none", registry=registry
        )
        self.content_version = Info("kiosk_content_version", "Content on show", registry=registry)
        self.content_version.info(
            {"version": "v-0001", "title": "Recognition, 1933", "source": "git", "commit": "1a2b3c4"}
        )
        self.content_last_check = Gauge(
            "kiosk_content_last_check_timestamp_seconds", "Last content check", registry=registry
        )
        self.content_last_success = Gauge(
            "kiosk_content_last_success_timestamp_seconds", "Last successful content check", registry=registry
        )
        self.content_check_ok = Gauge("kiosk_content_check_ok", "Latest check succeeded", registry=registry)
        self.content_check = Info("kiosk_content_check", "Latest content check", registry=registry)
        self.content_publishes = Counter("kiosk_content_publishes", "Versions published", registry=registry)
        self.content_refusals = Counter(
            "kiosk_content_refusals", "Versions refused", ["reason"], registry=registry
        )
        self.visits = Counter("kiosk_visits", "Visits", registry=registry)
        self.touches = Counter("kiosk_touches", "Touches", registry=registry)
        self.touches_while_closed = Counter(
            "kiosk_touches_while_closed", "Touches while closed", registry=registry
        )
        self.state = Enum("kiosk_state", "Kiosk state", states=list(STATES), registry=registry)
        self.supervisor_restarts = Counter(
            "kiosk_supervisor_restarts", "Restarts seen by the supervisor", registry=registry
        )
        self.log_messages = Counter(
            "kiosk_log_messages", "Log messages by level", ["level"], registry=registry
        )
        ProcessCollector(registry=registry)
        for reason in REFUSAL_REASONS:
            self.content_refusals.labels(reason=reason)
        for level in LOG_LEVELS:
            self.log_messages.labels(level=level)
        self.ui_heartbeat_age.set(0.5)
        self.memory_ceiling.set(900 * 2**20)
        self.check_content("ok", "")
        self._server = None
        self._thread = None

    def check_content(self, result: str, reason: str) -> None:
        """Records a content check, as the kiosk does after each fetch."""
        assert result in CONTENT_CHECK_RESULTS, result
        now = time.time()
        self.content_check.info({"result": result, "reason": reason})
        self.content_check_ok.set(1 if result == "ok" else 0)
        self.content_last_check.set(now)
        if result == "ok":  # reached the source, and found something showable or nothing new
            self.content_last_success.set(now)

    def serve(self) -> str:
        """Starts serving on a free loopback port; returns its address, "127.0.0.1:PORT"."""
        self._server, self._thread = start_http_server(0, "127.0.0.1", registry=self.registry)
        return f"127.0.0.1:{self._server.server_port}"

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
            self._server = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def metric_names() -> set[str]:
    """The names of every series a kiosk publishes (with prometheus_client's own process_*)."""
    families = KioskMetrics("names").registry.collect()
    return {
        sample.name
        for family in families
        for sample in family.samples
        if not sample.name.endswith("_created")
    }
