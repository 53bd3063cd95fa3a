"""Runs qmllint over every QML file of the kiosk and fails on any warning.

The view models' types (the module Kiosk.Backend, registered from Python) are described afresh
from the Python sources first (tools/qmltypes.py), so that every property read from a view model,
every signal handled and every slot called is checked against the Python that provides it.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.qmltypes import write_module

ROOT = Path(__file__).resolve().parents[1]
QML_DIR = ROOT / "kiosk" / "qml"
#: Warnings that qmllint only reports as information by default, made to fail the lint.
STRICTER = ["--unused-imports", "warning"]


def lint(files: list[Path], *, capture: bool = False) -> subprocess.CompletedProcess[str]:
    """qmllint over `files`, with the view models' types; `capture` keeps its report for the caller."""
    # The tool is installed beside this interpreter, which need not be on PATH.
    qmllint = shutil.which("pyside6-qmllint", path=str(Path(sys.executable).parent)) or "pyside6-qmllint"
    with tempfile.TemporaryDirectory(prefix="kiosk-qmltypes-") as types_dir:
        write_module(Path(types_dir))
        command = [
            qmllint,
            "--max-warnings",
            "0",
            *STRICTER,
            "-I",
            str(QML_DIR),
            "-I",
            types_dir,
            *(str(path) for path in files),
        ]
        return subprocess.run(command, check=False, capture_output=capture, text=True)


def main() -> int:
    return lint(sorted(QML_DIR.rglob("*.qml"))).returncode


if __name__ == "__main__":
    sys.exit(main())
