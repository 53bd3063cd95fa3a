"""A real Prometheus server for tests: the Debian package's binary, on loopback, scraping kiosks.

It is configured as deploy/prometheus/prometheus.yml configures a museum's: a job called "kiosk"
whose targets come from a file_sd file with one entry per kiosk carrying a `kiosk` label, and the
fleet's alert rules. Only the pace differs: it scrapes and evaluates every `interval_s` (1 s
unless told), and each scrape times out within that interval, so a kiosk that stops answering is
seen at once. (A busy machine running many kiosks may want 2 s, so that a slow answer from a
kiosk that is only busy is not taken for a kiosk that is down.)

    with PrometheusServer(tmp_path, {"gallery-1": "127.0.0.1:9633"}, rules_for="2s") as prometheus:
        prometheus.wait_for_targets_up({"gallery-1"})
        prometheus.wait_for_firing("KioskDown", {"gallery-2"})
"""

import json
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

import pytest
import yaml

from tools.fleet import free_port

REPOSITORY = Path(__file__).resolve().parents[2]
PROMETHEUS_DEPLOY = REPOSITORY / "deploy" / "prometheus"
ALERT_RULES = PROMETHEUS_DEPLOY / "kiosk-alerts.yml"

#: How long a server on this slow, shared machine may take to get where a test waits for it.
DEADLINE_S = 60.0

T = TypeVar("T")


def tool(name: str) -> str:
    """The path of a Prometheus program (`prometheus`, `promtool`); fails the test if it is missing.

    CI installs them (tools/system-deps.sh --test), so their absence is a broken set-up, never a
    reason to skip."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is not installed: install the Debian package prometheus (tools/setup --test does)",
            pytrace=False,
        )
    return path


def wait_for(condition: Callable[[], T], what: str, timeout: float = DEADLINE_S) -> T:
    """Polls `condition` until it returns something true, and returns that; fails after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        assert time.monotonic() < deadline, f"timed out after {timeout:.0f} s waiting until {what}"
        time.sleep(0.1)  # polling another process's HTTP API


class PrometheusServer:
    """One Prometheus process with its configuration, storage and log in `folder`.

    `kiosks` maps each kiosk's name (its `kiosk` label) to the address its metrics are served at
    ("127.0.0.1:PORT"); `set_kiosks` changes them while it runs. `rule_files` are loaded as they
    are, unless `rules_for` is given: then every rule's `for:` becomes that duration (a test cannot
    wait the minute that KioskDown waits in a gallery; promtool's unit tests check the real ones).
    """

    def __init__(
        self,
        folder: Path,
        kiosks: Mapping[str, str],
        *,
        rule_files: Iterable[Path] = (ALERT_RULES,),
        rules_for: str | None = None,
        interval_s: float = 1.0,
    ) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.log_file = folder / "prometheus.log"
        self.port = 0
        self._interval = f"{round(interval_s * 1000)}ms"
        self._rule_files = [self._rule_file(path, rules_for) for path in rule_files]
        self._process: subprocess.Popen[bytes] | None = None
        self.set_kiosks(kiosks)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- running --

    def start(self) -> None:
        """Starts the server and waits until it is ready to answer queries."""
        config = self.folder / "prometheus.yml"
        config.write_text(yaml.safe_dump(self._config(), sort_keys=False), encoding="utf-8")
        prometheus = tool("prometheus")
        for _attempt in range(3):  # another program may take the free port before Prometheus does
            self.port = free_port()
            with self.log_file.open("wb") as log:
                self._process = subprocess.Popen(
                    [
                        prometheus,
                        f"--config.file={config}",
                        f"--storage.tsdb.path={self.folder / 'data'}",
                        f"--web.listen-address=127.0.0.1:{self.port}",
                        "--storage.tsdb.retention.time=1d",
                    ],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            try:
                wait_for(self._ready, "Prometheus is ready")
                return
            except _StartFailedError:
                if "address already in use" not in self.log():
                    raise AssertionError(f"Prometheus ended at start:\n{self.log()[-3000:]}") from None
            except BaseException:
                self.stop()
                raise
        raise AssertionError(f"Prometheus found no free port:\n{self.log()[-3000:]}")

    def stop(self) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    def log(self) -> str:
        try:
            return self.log_file.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def set_kiosks(self, kiosks: Mapping[str, str]) -> None:
        """Writes the file_sd targets file; a running server picks the change up by itself."""
        entries = [{"targets": [address], "labels": {"kiosk": name}} for name, address in kiosks.items()]
        targets = self.folder / "kiosks.json"
        staged = targets.with_suffix(".json.new")
        staged.write_text(json.dumps(entries, indent=2), encoding="utf-8")
        staged.replace(targets)  # whole, so Prometheus never reads half a file

    # -- the HTTP API --

    def api(self, path: str, **parameters: str) -> Any:
        """The `data` of a GET on /api/v1/PATH; fails on an error status."""
        query = f"?{urllib.parse.urlencode(parameters)}" if parameters else ""
        try:
            with urllib.request.urlopen(f"{self.url}/api/v1/{path}{query}", timeout=10) as response:
                body = json.load(response)
        except urllib.error.HTTPError as refused:  # a bad query: Prometheus says why in the body
            raise AssertionError(f"/api/v1/{path} {parameters}: {refused.read().decode()}") from None
        assert body["status"] == "success", body
        return body["data"]

    def query(self, expression: str) -> list[dict[str, Any]]:
        """An instant query's result: [{"metric": {label: value}, "value": [time, "value"]}, ...]."""
        data = self.api("query", query=expression)
        assert data["resultType"] == "vector", data
        return data["result"]

    def targets(self) -> list[dict[str, Any]]:
        """The active scrape targets, each with its `labels` and `health` ("up", "down", "unknown")."""
        return self.api("targets", state="active")["activeTargets"]

    def alerts(self) -> list[dict[str, Any]]:
        """Active alerts, pending and firing, each with `labels`, `annotations`, `state` and `value`."""
        return self.api("alerts")["alerts"]

    def firing(self, alertname: str) -> list[dict[str, Any]]:
        return [
            alert
            for alert in self.alerts()
            if alert["state"] == "firing" and alert["labels"]["alertname"] == alertname
        ]

    def firing_kiosks(self, alertname: str) -> set[str]:
        """The kiosks (`kiosk` labels) for which `alertname` fires."""
        return {alert["labels"].get("kiosk", "") for alert in self.firing(alertname)}

    # -- waiting --

    def wait_for_targets_up(self, kiosks: Collection[str], timeout: float = DEADLINE_S) -> None:
        """Waits until Prometheus has scraped each of these kiosks with success."""

        def up() -> bool:
            healthy = {t["labels"].get("kiosk") for t in self.targets() if t["health"] == "up"}
            return healthy >= set(kiosks)

        wait_for(up, f"Prometheus scrapes {sorted(kiosks)}", timeout)

    def wait_for_firing(
        self, alertname: str, kiosks: Collection[str], timeout: float = DEADLINE_S
    ) -> list[dict[str, Any]]:
        """Waits until `alertname` fires for exactly these kiosks, and returns those alerts."""
        expected = set(kiosks)

        def exactly() -> list[dict[str, Any]] | None:
            alerts = self.firing(alertname)
            return alerts if {a["labels"].get("kiosk", "") for a in alerts} == expected else None

        try:
            return wait_for(exactly, f"{alertname} fires for exactly {sorted(expected)}", timeout)
        except AssertionError as timed_out:
            raise AssertionError(f"{timed_out}; active alerts: {self.alerts()}") from None

    def scrapes(self) -> dict[str, int]:
        """How many times Prometheus has scraped each kiosk, answering or not, by kiosk."""
        counts = self.query('count_over_time(up{job="kiosk"}[1d])')
        return {sample["metric"].get("kiosk", ""): int(sample["value"][1]) for sample in counts}

    def wait_for_scrapes(self, count: int, timeout: float = DEADLINE_S) -> None:
        """Waits until each kiosk has been scraped `count` more times: what a kiosk published
        before the call is then in Prometheus, in `count` samples."""
        before = self.scrapes()
        wait_for(
            lambda: all(self.scrapes().get(kiosk, 0) >= done + count for kiosk, done in before.items()),
            f"Prometheus scrapes each kiosk {count} more times",
            timeout,
        )

    # -- inside --

    def _ready(self) -> bool:
        assert self._process is not None
        if self._process.poll() is not None:
            raise _StartFailedError
        try:
            with urllib.request.urlopen(f"{self.url}/-/ready", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def _config(self) -> dict[str, Any]:
        return {
            "global": {"scrape_interval": self._interval, "evaluation_interval": self._interval},
            "rule_files": [str(path) for path in self._rule_files],
            "scrape_configs": [
                {
                    "job_name": "kiosk",
                    "scrape_timeout": self._interval,
                    "file_sd_configs": [
                        {"files": [str(self.folder / "kiosks.json")], "refresh_interval": "1s"}
                    ],
                }
            ],
        }

    def _rule_file(self, path: Path, rules_for: str | None) -> Path:
        if rules_for is None:
            return path
        groups = yaml.safe_load(path.read_text(encoding="utf-8"))
        for group in groups["groups"]:
            for rule in group["rules"]:
                if "alert" in rule:
                    rule["for"] = rules_for
        hastened = self.folder / f"{path.stem}.for-{rules_for}.yml"
        hastened.write_text(yaml.safe_dump(groups, sort_keys=False), encoding="utf-8")
        return hastened


class _StartFailedError(Exception):
    """Prometheus ended while starting."""
