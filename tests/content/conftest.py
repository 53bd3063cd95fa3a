import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINI_EXHIBIT

VALID_SECTION = """\
id: only
title: Only Section
teaser: One panel
panels:
  - kind: text
    title: A panel
    body: Some words.
"""


@pytest.fixture
def exhibit_dir(tmp_path: Path) -> Path:
    """A folder with the mini exhibit's media, ready for an exhibit.yaml of the test's own."""
    folder = tmp_path / "exhibit"
    shutil.copytree(MINI_EXHIBIT / "media", folder / "media")
    return folder


@pytest.fixture
def write(exhibit_dir: Path) -> Callable[[str, str], Path]:
    def write_file(text: str, name: str = "exhibit.yaml") -> Path:
        path = exhibit_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write_file
