"""A short chaos soak: a simulated day in which every kind of fault comes once, and the kiosk comes back.

It runs `python -m tools.chaos` as operations would: the real supervisor and kiosk on a real Xvfb,
the data folder on a small tmpfs that really fills, every fault made for real (SIGKILL, SIGSTOP,
the X server killed, damaged caches, the exhibit folder swapped, the disk filled). The timings
that only make the soak longer are shortened: a hang is found after 10 s, the out-of-order screen
tries the kiosk again after 30 s, a visit ends after 10 s. The full week, with the kiosk's own
timings, is in docs/performance.md.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPOSITORY
from tools.chaos import UNPROVOKED, Kind
from tools.mount_namespace import namespace_command

pytestmark = pytest.mark.slow

#: Well above the few minutes the soak takes on a busy two-core machine.
SOAK_TIMEOUT_S = 900


def test_the_kiosk_recovers_from_every_kind_of_fault_by_itself(tmp_path: Path) -> None:
    mounts, why_not = namespace_command()
    kinds = [kind for kind in Kind if mounts or kind is not Kind.DISK_FULL]
    report_file = tmp_path / "chaos.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.chaos",
            "--hours",
            str(len(kinds)),
            "--faults",
            ",".join(kind.value for kind in kinds),
            "--hour-seconds",
            "2",
            "--hang-timeout",
            "10",
            "--retry-after",
            "30",
            "--idle-timeout",
            "10",
            "--disk-full-hold",
            "5",
            "--give-up",
            "150",
            "--seed",
            "13",
            "--json",
            str(report_file),
        ],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=SOAK_TIMEOUT_S,
        check=False,
    )
    said = f"{result.stdout}\n{result.stderr[-6000:]}"
    assert report_file.exists(), said
    report = json.loads(report_file.read_text(encoding="utf-8"))
    summary = report["summary"]
    assert summary["permanent_outages"] == [], said
    assert result.returncode == 0, said
    for kind in kinds:
        figures = summary["kinds"][kind.value]
        assert figures["faults"] == 1, kind
        assert figures["recovered"] == 1, (kind, said)
        # Each fault did what it was meant to: the logs show it (a kiosk ended, a disk found full).
        assert figures["without_evidence"] == 0, (kind, said)
    for kind in (Kind.FOLDER_SWAP, Kind.DISK_FULL):
        if kind in kinds:
            assert summary["kinds"][kind.value]["after_restart"] == 0, said
    # Nothing went down that the soak did not take down.
    assert UNPROVOKED not in summary["kinds"], said
    assert summary["crashes"] == [], said
    assert summary["tracebacks_in_kiosk_log"] == 0, said
    if not mounts:
        pytest.skip(
            f"every fault but a full disk recovered; a full disk needs a private mount namespace ({why_not})"
        )
