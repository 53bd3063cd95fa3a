"""A private mount namespace, for the chaos soak and the fault tests that mount file systems.

Mounts made inside one are seen by nobody else and vanish with the process: as root directly
(`unshare --mount`), as an ordinary user through a user namespace.
"""

import functools
import os
import shutil
import subprocess
import tempfile


@functools.cache
def namespace_command() -> tuple[list[str], str]:
    """The command prefix that runs a program in a private mount namespace where it may mount a
    tmpfs, or [] and why not."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return [], "no unshare command (util-linux)"
    # Root needs no user namespace, and some containers refuse one to root while allowing mounts.
    candidates = [["--mount"]] if os.geteuid() == 0 else []
    candidates.append(["--user", "--map-root-user", "--mount"])
    reasons = []
    for flags in candidates:
        with tempfile.TemporaryDirectory(prefix="kiosk-namespace-probe-") as point:
            probe = subprocess.run(
                [unshare, *flags, "mount", "-t", "tmpfs", "-o", "size=64k", "kiosk-probe", point],
                capture_output=True,
                text=True,
                check=False,
            )
        if probe.returncode == 0:
            return [unshare, *flags], ""
        reasons.append(f"unshare {' '.join(flags)}: {probe.stderr.strip() or probe.returncode}")
    return [], "; ".join(reasons)
