import os
from pathlib import Path

# Set before Qt is imported anywhere: tests render offscreen, in software, the same on every machine.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
MINI_EXHIBIT = REPOSITORY / "tests" / "data" / "mini"
SHIPPED_EXHIBITS = sorted(path.parent for path in (REPOSITORY / "exhibits").glob("*/exhibit.yaml"))


@pytest.fixture
def mini_exhibit_dir() -> Path:
    return MINI_EXHIBIT
