"""Runs qmllint over every QML file of the kiosk and fails on any warning."""

import shutil
import subprocess
import sys
from pathlib import Path

QML_DIR = Path(__file__).resolve().parents[1] / "kiosk" / "qml"


def main() -> int:
    files = sorted(str(path) for path in QML_DIR.rglob("*.qml"))
    # The tool is installed beside this interpreter, which need not be on PATH.
    qmllint = shutil.which("pyside6-qmllint", path=str(Path(sys.executable).parent)) or "pyside6-qmllint"
    command = [qmllint, "--max-warnings", "0", "-I", str(QML_DIR), *files]
    completed = subprocess.run(command, check=False)
    return completed.returncode


if __name__ == "__main__":
    sys.exit(main())
