"""The check made of every SVG before it is shown: what it refers to, and what it carries inside."""

import base64
import os
import sys
from pathlib import Path

import pytest

from kiosk.content.svg import read_svg, svg_refusal
from tests.content.hostile_cases import png_of_zeros

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}">{body}</svg>'


def test_the_size_an_svg_states_and_the_pictures_it_carries_are_read(tmp_path: Path) -> None:
    picture = base64.b64encode(png_of_zeros(640, 480)).decode()
    path = tmp_path / "seal.svg"
    path.write_text(SVG.format(w=120, h="80px", body=f'<image href="data:image/png;base64,{picture}"/>'))
    contents = read_svg(path)
    assert (contents.width, contents.height) == (120, 80)
    assert [(picture.width, picture.height) for picture in contents.pictures] == [(640, 480)]
    assert contents.references == ()


def test_the_run_time_check_reads_a_replaced_file_anew(tmp_path: Path) -> None:
    path = tmp_path / "seal.svg"
    path.write_text(SVG.format(w=1, h=1, body=""))
    assert svg_refusal(path) is None
    path.write_text(SVG.format(w=1, h=1, body='<image href="/etc/kiosk-secret.png"/>'))
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    assert svg_refusal(path) == (
        'line 1, <image href="/etc/kiosk-secret.png">: loads another file, or something from the network'
    )


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_it(tmp_path: Path) -> None:
    path = tmp_path / "pipe.svg"
    os.mkfifo(path)
    assert svg_refusal(path) == "cannot be read as an SVG (it is not a file)"


def test_a_file_that_is_not_an_svg_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.svg"
    path.write_text('<html xmlns="http://www.w3.org/1999/xhtml"/>')
    assert svg_refusal(path) == "cannot be read as an SVG (not an SVG)"
