"""The kiosk's health as Prometheus metrics: served over HTTP, and written for node_exporter.

`KioskMetrics` holds every metric in a registry of its own (with prometheus_client's process
collector, which gives `process_resident_memory_bytes` and `process_start_time_seconds`), and is
plain Python: what it is told comes from the GUI thread, and what it serves is read by
prometheus_client's own server thread, which never waits for the GUI thread. A scrape of a hung
kiosk is still answered, and says how long the GUI thread has been silent.

`UiHealth` tells it what the window and the visitors do; the content pipeline calls
`content_checked`, `content_published`, `content_refused` and `content_showing` directly, whatever
the source of the content.

The names are fixed, for the alert rules and the dashboards in deploy/ (docs/operations.md,
"Metrics", says what each means).
"""

import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Enum,
    Gauge,
    Info,
    ProcessCollector,
    disable_created_metrics,
    start_http_server,
    write_to_textfile,
)
from PySide6.QtCore import QObject, Slot

from kiosk import __version__
from kiosk.app.notices import notify, withdraw
from kiosk.app.supervision import RESTARTS_ENV
from kiosk.services.clock import SYSTEM_CLOCK, Clock

if TYPE_CHECKING:
    from wsgiref.simple_server import WSGIServer

    from kiosk.app.window import KioskUi

logger = logging.getLogger(__name__)

#: What the content pipeline's last check came to.
CHECK_RESULTS = ("ok", "offline", "refused", "invalid", "disk_full", "error")
#: Why a version of the content was refused.
REFUSAL_REASONS = ("invalid", "unsigned", "untrusted_signer", "older_commit", "disk_full", "error")
#: What the kiosk is doing: the home screen before anyone has touched it since it started, a
#: visit, the attract loop, or the dark screen outside opening hours.
STATES = ("home", "visit", "attract", "closed")
LOG_LEVELS = {logging.WARNING: "warning", logging.ERROR: "error", logging.CRITICAL: "critical"}
#: How often the GUI thread says it is alive; the heartbeat's age is never much more than this
#: while the GUI thread runs.
HEARTBEAT_MS = 1000
#: How often the textfile for node_exporter is rewritten.
TEXTFILE_MS = 15_000
ADDRESS_NOTICE = "metrics-address"
TEXTFILE_NOTICE = "metrics-textfile"
#: Longest reason kept in a label: a label is for telling checks apart, the log has the rest.
REASON_LENGTH = 120


class KioskMetrics:
    """Every metric of one kiosk, in its own registry; safe to read from any thread."""

    def __init__(
        self,
        *,
        name: str | None = None,
        exhibit: str = "",
        memory_ceiling_mb: int | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        # Only the names the alert rules and dashboards know: no `_created` series beside each
        # counter (prometheus_client's switch is for the whole process, which is this kiosk's).
        disable_created_metrics()
        self.registry = CollectorRegistry()
        self._clock = clock
        self._wall_clock = wall_clock
        self._server: WSGIServer | None = None
        self._server_thread: threading.Thread | None = None
        registry = self.registry
        ProcessCollector(registry=registry)

        Info("kiosk", "This kiosk: its name, software version and exhibit.", registry=registry).info(
            {"kiosk": name or socket.gethostname(), "version": __version__, "exhibit": exhibit}
        )
        # Set by the GUI thread, read at scrape time: a GUI thread that stops leaves them growing.
        self._last_heartbeat = clock()
        self._last_frame = clock()
        Gauge(
            "kiosk_ui_heartbeat_age_seconds",
            "Seconds since a timer on the GUI thread last ran; grows while the interface is hung.",
            registry=registry,
        ).set_function(lambda: self._clock() - self._last_heartbeat)
        Gauge(
            "kiosk_last_frame_age_seconds",
            "Seconds since the window last drew a frame; a still screen draws none.",
            registry=registry,
        ).set_function(lambda: self._clock() - self._last_frame)
        Gauge(
            "kiosk_memory_ceiling_bytes",
            "The installation's memory ceiling (a planned restart above it); 0 when none is set.",
            registry=registry,
        ).set((memory_ceiling_mb or 0) * 1024 * 1024)

        self._content_version = Info(
            "kiosk_content_version", "The version of the content on show.", registry=registry
        )
        self._last_check = Gauge(
            "kiosk_content_last_check_timestamp_seconds",
            "When the content source was last checked.",
            registry=registry,
        )
        self._last_success = Gauge(
            "kiosk_content_last_success_timestamp_seconds",
            "When a check last reached the source and found something showable or nothing new.",
            registry=registry,
        )
        self._check_ok = Gauge(
            "kiosk_content_check_ok", "1 if the last content check succeeded, else 0.", registry=registry
        )
        self._check_info = Info(
            "kiosk_content_check", "What the last content check came to, and why.", registry=registry
        )
        self._publishes = Counter(
            "kiosk_content_publishes", "New valid versions of the content published.", registry=registry
        )
        self._refusals = Counter(
            "kiosk_content_refusals",
            "Versions of the content refused, by reason.",
            ["reason"],
            registry=registry,
        )
        for reason in REFUSAL_REASONS:
            self._refusals.labels(reason)  # each reason is there from the start, at 0

        self._visits = Counter(
            "kiosk_visits",
            "Visits begun: the first touch or key since the start or the attract loop.",
            registry=registry,
        )
        self._touches = Counter("kiosk_touches", "Touches (presses) on the screen.", registry=registry)
        self._touches_closed = Counter(
            "kiosk_touches_while_closed",
            "Touches while the kiosk was closed (outside opening hours): nobody should be there.",
            registry=registry,
        )
        self._state = Enum("kiosk_state", "What the kiosk is doing.", states=list(STATES), registry=registry)
        restarts = Counter(
            "kiosk_supervisor_restarts",
            "Times the supervisor started the kiosk again, in the supervisor's life so far.",
            registry=registry,
        )
        restarts.inc(_restarts_from(os.environ if environ is None else environ))
        self._log_messages = Counter(
            "kiosk_log_messages",
            "Warnings and errors logged (the kiosk's own, and Qt's and QML's), by level.",
            ["level"],
            registry=registry,
        )
        for level in LOG_LEVELS.values():
            self._log_messages.labels(level)
        self.log_handler = _CountingHandler(self._log_messages)

    # -- what the GUI thread says -----------------------------------------------------------------

    def gui_alive(self) -> None:
        self._last_heartbeat = self._clock()

    def frame_drawn(self) -> None:
        self._last_frame = self._clock()

    def touched(self, *, closed: bool) -> None:
        self._touches.inc()
        if closed:
            self._touches_closed.inc()

    def visit_started(self) -> None:
        self._visits.inc()

    def set_state(self, state: str) -> None:
        self._state.state(state)

    # -- what the content pipeline says -----------------------------------------------------------

    def content_checked(self, result: str, reason: str = "") -> None:
        """A check of the content source came to `result` (one of CHECK_RESULTS)."""
        if result not in CHECK_RESULTS:
            raise ValueError(f"unknown content check result {result!r}")
        now = self._wall_clock()
        self._last_check.set(now)
        ok = result == "ok"
        if ok:
            self._last_success.set(now)
        self._check_ok.set(1 if ok else 0)
        self._check_info.info({"result": result, "reason": _short(reason)})

    def content_published(self, version: str) -> None:
        """A new valid version, `version`, was published (it goes on show when nobody is looking)."""
        self._publishes.inc()

    def content_refused(self, reason: str) -> None:
        """A version was refused, for `reason` (one of REFUSAL_REASONS)."""
        if reason not in REFUSAL_REASONS:
            raise ValueError(f"unknown refusal reason {reason!r}")
        self._refusals.labels(reason).inc()

    def content_showing(self, version: str, title: str, *, source: str = "folder", commit: str = "") -> None:
        self._content_version.info({"version": version, "title": title, "source": source, "commit": commit})

    # -- where the metrics go ---------------------------------------------------------------------

    def serve(self, host: str, port: int) -> bool:
        """Serves the metrics on http://host:port/metrics from a thread of prometheus_client's own.

        An address that cannot be listened on (a port in use, a host that is not this machine's)
        is said in the log and on the staff screen; the kiosk runs on without the endpoint.
        """
        shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        try:
            self._server, self._server_thread = start_http_server(port, host, self.registry)
        except OSError as error:
            notify(
                ADDRESS_NOTICE,
                f"the metrics cannot be served on {shown}: {error.strerror or error}; "
                "the kiosk runs on without them (metrics_address in the installation settings)",
            )
            return False
        withdraw(ADDRESS_NOTICE)
        logger.info("metrics served on http://%s/metrics", shown)
        return True

    @property
    def port(self) -> int | None:
        """The port the metrics are served on (the one chosen, when 0 was asked), or None."""
        return self._server.server_port if self._server is not None else None

    def write_textfile(self, path: Path) -> bool:
        """Writes the metrics to `path` at once (a new file renamed over the old) for node_exporter.

        A file that cannot be written is said once, in the log and on the staff screen, until it
        can be written again.
        """
        try:
            write_to_textfile(str(path), self.registry)
        except OSError as error:
            notify(
                TEXTFILE_NOTICE,
                f"the metrics cannot be written to {path}: {error.strerror or error}; "
                "trying again every 15 s (metrics_textfile in the installation settings)",
            )
            return False
        withdraw(TEXTFILE_NOTICE)
        return True

    def close(self) -> None:
        """Stops serving; the log handler, if installed, is removed."""
        logging.getLogger().removeHandler(self.log_handler)
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._server_thread is not None:
            self._server_thread.join(timeout=5)
            self._server_thread = None


class _CountingHandler(logging.Handler):
    """Counts the warnings and errors that reach the root logger, Qt's and QML's among them."""

    def __init__(self, counter: Counter) -> None:
        super().__init__(logging.WARNING)
        self._counter = counter

    def emit(self, record: logging.LogRecord) -> None:
        # Levels between the named ones count with the one below them.
        level = next(name for number, name in _LEVELS_DOWNWARDS if record.levelno >= number)
        self._counter.labels(level).inc()


_LEVELS_DOWNWARDS = sorted(LOG_LEVELS.items(), reverse=True)


def _restarts_from(environ: Mapping[str, str]) -> int:
    value = environ.get(RESTARTS_ENV, "")
    with contextlib.suppress(ValueError):
        return max(0, int(value))
    return 0


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= REASON_LENGTH else line[: REASON_LENGTH - 1] + "…"


class UiHealth(QObject):
    """Keeps `metrics` up to date from a kiosk's window, visitors and session, on the GUI thread.

    A timer of the GUI thread (`heartbeat_timer`) says the thread is alive; the window's frames
    date the last frame; every press on the window is a touch, and the first touch (or key) since
    the start or the attract loop begins a visit, unless the kiosk is closed. With a `textfile`,
    the metrics are written there every 15 s (`textfile_timer`).
    """

    def __init__(
        self,
        ui: "KioskUi",
        metrics: KioskMetrics,
        *,
        textfile: Path | None = None,
        clock: Clock = SYSTEM_CLOCK,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or ui.window)
        self.setObjectName("uiHealth")
        self._ui = ui
        self._metrics = metrics
        self._textfile = textfile
        self._visiting = False
        self.heartbeat_timer = clock.timer("metricsHeartbeat", self)
        self.heartbeat_timer.setInterval(HEARTBEAT_MS)
        self.heartbeat_timer.timeout.connect(self._alive)
        self.textfile_timer = clock.timer("metricsTextfile", self)
        self.textfile_timer.setInterval(TEXTFILE_MS)
        self.textfile_timer.timeout.connect(self.write_textfile)
        # A slot of this GUI-thread object: frames swapped on the render thread arrive queued, so
        # no Python runs on the render thread.
        ui.window.frameSwapped.connect(self._frame)
        ui.guard.touched.connect(self._touched)
        ui.guard.keyPressed.connect(self._key_pressed)
        ui.idle.sessionEnded.connect(self._visit_over)
        ui.session.modeChanged.connect(self._follow_state)
        self._follow_state()

    def start(self) -> None:
        self._metrics.gui_alive()
        self.heartbeat_timer.start()
        if self._textfile is not None:
            self.write_textfile()
            self.textfile_timer.start()

    def stop(self) -> None:
        self.heartbeat_timer.stop()
        self.textfile_timer.stop()

    @Slot()
    def write_textfile(self) -> None:
        if self._textfile is not None:
            self._metrics.write_textfile(self._textfile)

    @Slot()
    def _alive(self) -> None:
        self._metrics.gui_alive()

    @Slot()
    def _frame(self) -> None:
        self._metrics.frame_drawn()

    @Slot()
    def _touched(self) -> None:
        closed = self._mode() == "closed"
        self._metrics.touched(closed=closed)
        if not closed:
            self._begin_visit()

    @Slot()
    def _key_pressed(self) -> None:
        if self._mode() != "closed":
            self._begin_visit()

    def _mode(self) -> str:
        mode: str = self._ui.session.mode  # type: ignore[assignment]  # PySide6 stubs: a Property read on an instance is its value
        return mode

    def _begin_visit(self) -> None:
        if not self._visiting:
            self._visiting = True
            self._metrics.visit_started()
            self._follow_state()

    @Slot()
    def _visit_over(self) -> None:
        self._visiting = False
        self._follow_state()

    @Slot()
    def _follow_state(self) -> None:
        mode = self._mode()
        if mode == "closed":
            state = "closed"
        elif mode == "attract":
            state = "attract"
        else:
            state = "visit" if self._visiting else "home"
        self._metrics.set_state(state)
