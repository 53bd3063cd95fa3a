"""The URL policy's verdicts on SVG pictures: read once while a file is unchanged, again once it changes."""

import os
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlAbstractUrlInterceptor

from kiosk.app.url_policy import REFUSED, ContentUrlPolicy

PICTURE = QQmlAbstractUrlInterceptor.DataType.UrlString
SAFE = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
OUTSIDE = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="/etc/passwd"/></svg>'


def test_an_svg_is_read_once_while_unchanged_and_again_once_changed(tmp_path: Path) -> None:
    checked: list[Path] = []

    def refusal(path: Path) -> str | None:
        checked.append(path)
        return "it names a file outside itself" if "passwd" in path.read_text(encoding="utf-8") else None

    picture = tmp_path / "tile.svg"
    picture.write_text(SAFE, encoding="utf-8")
    policy = ContentUrlPolicy([tmp_path], refusal)
    url = QUrl.fromLocalFile(str(picture))
    for _ in range(10):
        assert policy.intercept(url, PICTURE) == url
    assert len(checked) == 1
    # A curator's edit in a folder the preview follows: the new file is checked, and refused.
    picture.write_text(OUTSIDE, encoding="utf-8")
    later = picture.stat().st_mtime_ns + 1_000_000_000
    os.utime(picture, ns=(later, later))
    assert policy.intercept(url, PICTURE) == REFUSED
    assert len(checked) == 2
