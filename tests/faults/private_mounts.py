"""Real mounts for the fault tests: a small disk that fills up, a read-only one, a share mounted late.

The cases in tests/faults/in_private_mounts.py mount file systems. They run in a pytest of their
own inside a private mount namespace (`unshare`), where their mounts are seen by nobody else and
vanish with the process: as an ordinary user through a user namespace, as root (CI) directly.
Where neither can be made (a container without the privilege), the test that starts them is
skipped and says why; the twins that inject the same faults still run.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tools.mount_namespace import namespace_command

#: Set for the inner pytest only: its cases mount, which they must never do outside a namespace.
PRIVATE_MOUNTS = "KIOSK_TEST_PRIVATE_MOUNTS"
INNER_CASES = Path(__file__).with_name("in_private_mounts.py")
REPOSITORY = Path(__file__).resolve().parents[2]
INNER_TIMEOUT_S = 300


def run_in_private_mounts(*cases: str) -> None:
    """Runs cases of in_private_mounts.py in a private mount namespace; fails with their output."""
    command, why_not = namespace_command()
    if not command:
        pytest.skip(f"no private mount namespace can be made here ({why_not})")
    with tempfile.TemporaryDirectory() as runtime:
        environment = {
            **os.environ,
            PRIVATE_MOUNTS: "1",
            # Qt checks that its runtime folder belongs to the user, who is root in the namespace.
            "XDG_RUNTIME_DIR": runtime,
        }
        result = subprocess.run(
            [
                *command,
                sys.executable,
                "-m",
                "pytest",
                *(f"{INNER_CASES}::{case}" for case in cases),
                "-q",
                "-p",
                "no:cacheprovider",
            ],
            cwd=REPOSITORY,
            env=environment,
            capture_output=True,
            text=True,
            timeout=INNER_TIMEOUT_S,
            check=False,
        )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert f"{len(cases)} passed" in result.stdout, result.stdout
