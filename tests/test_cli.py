"""`kiosk validate` as a curator uses it: compiler-style lines, exit codes, and never a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main


def test_valid_exhibit_exits_zero(mini_exhibit_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(mini_exhibit_dir)]) == 0
    assert capsys.readouterr().out == ""


def test_exhibit_yaml_path_is_accepted(mini_exhibit_dir: Path) -> None:
    assert main(["validate", str(mini_exhibit_dir / "exhibit.yaml")]) == 0


def test_invalid_exhibit_exits_one_with_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "exhibit.yaml").write_text("title: x\ntitle: y\nsections: []\n", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{tmp_path / 'exhibit.yaml'}:2:1: error: title: duplicate key 'title' (first given at line 1); remove one of them",
        f"{tmp_path / 'exhibit.yaml'}:3:1: error: sections: needs at least 1 item, found 0",
    ]


def test_usage_errors_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["validate"])
    assert exit_.value.code == 2
    assert main([]) == 2


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01\x02",
        b"a: [",
        b"\tb: 1",
        "caf\xe9".encode("latin-1"),
        b"- 1\n- 2",
        b"a: !!python/object:os.system x",
    ],
)
def test_malformed_input_never_shows_a_traceback(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "exhibit.yaml").write_bytes(content)
    completed = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stdout + completed.stderr
    lines = completed.stdout.splitlines()
    assert lines
    for line in lines:
        assert line.startswith(f"{tmp_path / 'exhibit.yaml'}:")
        assert ": error: " in line


def test_run_refuses_an_invalid_exhibit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "exhibit.yaml").write_text("title: [\n", encoding="utf-8")
    assert main(["run", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "exhibit.yaml:2:1: error: YAML syntax error" in error
    assert "nothing was opened" in error


def test_window_size_option(capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import _parser

    arguments = _parser().parse_args(["run", "--windowed", "--size", "1080x1920", "exhibits/x"])
    assert arguments.size == (1080, 1920)
    assert arguments.windowed
    with pytest.raises(SystemExit) as exit_:
        _parser().parse_args(["run", "--size", "wide"])
    assert exit_.value.code == 2
    assert "expected WIDTHxHEIGHT" in capsys.readouterr().err
