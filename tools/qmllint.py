"""Runs qmllint over every QML file of the kiosk and fails on any warning."""

import subprocess
import sys
from pathlib import Path

QML_DIR = Path(__file__).resolve().parents[1] / "kiosk" / "qml"


def main() -> int:
    files = sorted(str(path) for path in QML_DIR.rglob("*.qml"))
    command = ["pyside6-qmllint", "--max-warnings", "0", "-I", str(QML_DIR), *files]
    completed = subprocess.run(command, check=False, cwd=Path(sys.executable).parent)
    return completed.returncode


if __name__ == "__main__":
    sys.exit(main())
