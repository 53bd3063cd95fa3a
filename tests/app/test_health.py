"""`kiosk run` as systemd and Prometheus see it: READY and WATCHDOG on systemd's socket, metrics
over HTTP and in node_exporter's textfile; and the unit file systemd would load."""

import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.app.test_run import STARTUP_DEADLINE_S, kiosk_process, wait_for  # noqa: F401  (a fixture)
from tests.conftest import MINI_EXHIBIT, REPOSITORY
from tools.fleet import free_port


def samples_of(text: str) -> dict[str, list[tuple[dict[str, str], float]]]:
    found: dict[str, list[tuple[dict[str, str], float]]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found.setdefault(sample.name, []).append((sample.labels, sample.value))
    return found


def scrape(port: int) -> dict[str, list[tuple[dict[str, str], float]]] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            return samples_of(response.read().decode())
    except OSError:
        return None


@pytest.mark.slow
def test_kiosk_run_tells_systemd_it_is_ready_then_alive_and_serves_its_metrics(
    tmp_path: Path,
    kiosk_process,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(str(tmp_path / "notify"))
    receiver.settimeout(STARTUP_DEADLINE_S)
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "notify"))
    monkeypatch.setenv("WATCHDOG_USEC", "2000000")
    monkeypatch.setenv("KIOSK_SUPERVISOR_RESTARTS", "2")
    port = free_port()
    textfile = tmp_path / "textfile" / "kiosk.prom"
    textfile.parent.mkdir()
    process = kiosk_process(
        "--windowed",
        settings=(
            f"exhibit: {MINI_EXHIBIT}\nlog_dir: {tmp_path / 'logs'}\nkiosk_name: gallery-2\n"
            f'metrics_address: "127.0.0.1:{port}"\nmetrics_textfile: {textfile}\n'
        ),
    )
    try:
        messages = [receiver.recv(4096).decode() for _ in range(3)]
    finally:
        receiver.close()
    # Ready first (at the first frame), then fed from the GUI thread every second.
    assert messages[0] == "READY=1" or messages[:2] == ["WATCHDOG=1", "READY=1"], messages
    assert "WATCHDOG=1" in messages
    wait_for(lambda: scrape(port) is not None, process)
    samples = scrape(port)
    assert samples is not None
    assert samples["kiosk_info"][0][0]["kiosk"] == "gallery-2"
    assert samples["kiosk_info"][0][0]["exhibit"] == "mini"
    assert samples["kiosk_supervisor_restarts_total"][0][1] == 2
    assert samples["kiosk_content_version_info"][0][0]["source"] == "folder"
    assert samples["process_resident_memory_bytes"][0][1] > 0
    assert samples["kiosk_ui_heartbeat_age_seconds"][0][1] < 5
    assert samples["kiosk_memory_ceiling_bytes"][0][1] == 0  # none set
    wait_for(textfile.exists, process)
    assert samples_of(textfile.read_text(encoding="utf-8"))["kiosk_info"][0][0]["kiosk"] == "gallery-2"


@pytest.mark.slow
def test_a_metrics_port_in_use_is_said_and_the_kiosk_runs_on(tmp_path: Path, kiosk_process) -> None:  # noqa: F811
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        logs = tmp_path / "logs"
        process = kiosk_process(
            "--windowed",
            settings=f'exhibit: {MINI_EXHIBIT}\nlog_dir: {logs}\nmetrics_address: "127.0.0.1:{port}"\n',
        )
        log = logs / "kiosk.log"
        # The metrics are made after the first frame (ADR 30).
        wait_for(
            lambda: (
                log.exists()
                and f"the metrics cannot be served on 127.0.0.1:{port}: Address already in use"
                in log.read_text(encoding="utf-8")
            ),
            process,
        )
        heartbeat = tmp_path / "heartbeat"
        first_beat = heartbeat.read_text(encoding="ascii")
        wait_for(lambda: heartbeat.read_text(encoding="ascii") != first_beat, process)
    assert process.poll() is None


SYSTEMD_UNIT = REPOSITORY / "deploy" / "systemd" / "kiosk.service"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_systemd_unit_is_one_systemd_accepts(tmp_path: Path) -> None:
    text = SYSTEMD_UNIT.read_text(encoding="utf-8")
    for setting in ("Type=notify", "WatchdogSec=30", "Restart=always", "NotifyAccess=main"):
        assert f"\n{setting}\n" in text
    # The installation's paths, as they are here, so that systemd finds the command.
    kiosk_command = Path(sys.executable).parent / "kiosk"
    assert kiosk_command.exists()
    unit = tmp_path / "kiosk.service"
    unit.write_text(
        text.replace("/opt/kiosk/.venv/bin/kiosk", str(kiosk_command)).replace("/opt/kiosk", str(REPOSITORY)),
        encoding="utf-8",
    )
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)],
        capture_output=True,
        text=True,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "notice"},
        check=False,
    )
    # systemd-analyze exits 0 on an unknown key, and says so: anything it says is a problem.
    assert (result.returncode, result.stderr + result.stdout) == (0, "")
