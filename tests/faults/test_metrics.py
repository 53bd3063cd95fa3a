"""Where the metrics go can fail: an address that cannot be listened on, a textfile folder that
cannot be written. Each is said once, in the log and on the staff screen; the kiosk runs on."""

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app.metrics import KioskMetrics
from kiosk.app.notices import clear_notices, current_notices


@pytest.fixture
def metrics() -> Iterator[KioskMetrics]:
    clear_notices()
    metrics = KioskMetrics(name="gallery-2", exhibit="mini")
    yield metrics
    metrics.close()
    clear_notices()


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]


def test_a_textfile_folder_that_cannot_be_written_is_said_once_until_it_can(
    metrics: KioskMetrics, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    textfile = tmp_path / "node_exporter" / "kiosk.prom"  # its folder not made (yet)
    for _ in range(3):
        assert not metrics.write_textfile(textfile)
    said = warnings_of(caplog)
    assert said == [
        f"the metrics cannot be written to {textfile}: No such file or directory; trying again every 15 s "
        "(metrics_textfile in the installation settings)"
    ]
    assert current_notices() == said
    textfile.parent.mkdir()
    assert metrics.write_textfile(textfile)
    assert "kiosk_info{" in textfile.read_text(encoding="utf-8")
    assert current_notices() == []


def test_a_textfile_path_that_is_a_folder_is_said_and_nothing_is_left_behind(
    metrics: KioskMetrics, tmp_path: Path
) -> None:
    textfile = tmp_path / "kiosk.prom"
    textfile.mkdir()
    assert not metrics.write_textfile(textfile)
    assert len(current_notices()) == 1
    assert [path.name for path in tmp_path.iterdir()] == ["kiosk.prom"]


def test_a_port_in_use_is_said_and_the_metrics_still_count(
    metrics: KioskMetrics, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert not metrics.serve("127.0.0.1", port)
    assert warnings_of(caplog) == [
        f"the metrics cannot be served on 127.0.0.1:{port}: Address already in use; the kiosk runs on "
        "without them (metrics_address in the installation settings)"
    ]
    assert metrics.port is None
    metrics.touched(closed=False)
    assert metrics.registry.get_sample_value("kiosk_touches_total") == 1


@pytest.mark.parametrize(
    ("host", "why"),
    [
        # An address of another machine (TEST-NET-1, never assigned).
        ("192.0.2.1", "Cannot assign requested address"),
        # A name that does not resolve (.invalid never does).
        ("kiosk.invalid", ""),
    ],
)
def test_an_address_not_of_this_machine_is_said(metrics: KioskMetrics, host: str, why: str) -> None:
    assert not metrics.serve(host, 9633)
    (notice,) = current_notices()
    assert notice.startswith(f"the metrics cannot be served on {host}:9633: {why}")
