"""`kiosk check-install` in the development environment: what passes here must pass frozen
(tests/deploy/test_frozen.py), and what it calls blank must be blank."""

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.app.install_check import EXIT_FAILED, EXIT_OK, InstallCheck, count_colours
from kiosk.content.paths import DEFAULT_EXHIBIT
from tests.gui.conftest import QUIET_WITHOUT_SOUND_HARDWARE


@pytest.mark.slow
@QUIET_WITHOUT_SOUND_HARDWARE
def test_the_shipped_exhibit_passes_every_check(capsys: pytest.CaptureFixture[str]) -> None:
    status = InstallCheck(DEFAULT_EXHIBIT).run()

    out = capsys.readouterr().out
    assert status == EXIT_OK, out
    assert [line.split(":")[0].split(maxsplit=1) for line in out.splitlines()] == [
        ["ok", name] for name in ("views", "fonts", "translations", "multimedia", "home screen", "narration")
    ]


def test_an_exhibit_that_is_not_valid_fails_the_check_without_opening_a_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(DEFAULT_EXHIBIT, broken)
    (broken / "exhibit.yaml").write_text("title: [unclosed\n", encoding="utf-8")

    status = InstallCheck(broken).run()

    out = capsys.readouterr().out
    assert status == EXIT_FAILED
    assert f"FAILED  exhibit: {broken} is not valid; `kiosk validate` says why" in out
    assert "home screen" not in out


def test_a_window_of_one_colour_counts_as_blank() -> None:
    image = QImage(1920, 1080, QImage.Format.Format_RGB32)
    image.fill(QColor("black"))

    assert count_colours(image) == 1
    assert count_colours(QImage()) == 0
