"""`kiosk validate` as a curator uses it: compiler-style lines, exit codes, and never a traceback."""

import io
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app.supervisor import EXIT_NO_CONTENT
from kiosk.cli import main


def test_valid_exhibit_exits_zero(mini_exhibit_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(mini_exhibit_dir)]) == 0
    # The mini exhibit's small PNG draws a house-rule warning; it has no errors.
    assert ": error: " not in capsys.readouterr().out


CLEAN_EXHIBIT = """\
title: A Clean Exhibit
sections:
  - id: only
    title: Only
    teaser: One panel
    panels:
      - kind: text
        title: A text panel
        body: Some words.
"""


def test_a_clean_exhibit_prints_only_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "exhibit.yaml").write_text(CLEAN_EXHIBIT, encoding="utf-8")
    assert main(["validate", "--strict", str(tmp_path)]) == 0
    output = capsys.readouterr()
    assert output.out == ""
    assert output.err == f"{tmp_path}: ok\n"


def write_exhibit_with_warnings(folder: Path) -> Path:
    path = folder / "exhibit.yaml"
    path.write_text(
        CLEAN_EXHIBIT.replace(
            "kind: text\n", "kind: text\n        kicker: A kicker far too long for one line of a heading\n"
        ).replace("title: A text panel", "title: A text panel whose title runs on past two lines"),
        encoding="utf-8",
    )
    return path


def test_warnings_are_reported_and_allowed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_exhibit_with_warnings(tmp_path)
    assert main(["validate", str(tmp_path)]) == 0
    output = capsys.readouterr()
    assert output.out.splitlines() == [
        f"{path}:8:17: warning: sections[0].panels[0].kicker: 47 characters, but one line of a text panel's "
        "heading holds about 35; keep it to 35 characters or fewer",
        f"{path}:9:16: warning: sections[0].panels[0].title: 47 characters, but two lines of a text panel's "
        "heading hold about 42; keep it to 42 characters or fewer",
    ]
    assert output.err == f"{tmp_path}: ok, 2 warnings\n"


def test_strict_refuses_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_exhibit_with_warnings(tmp_path)
    assert main(["validate", "--strict", str(tmp_path)]) == 1
    output = capsys.readouterr()
    assert len(output.out.splitlines()) == 2
    assert output.err == f"{tmp_path}: 2 warnings (refused with --strict)\n"


def test_errors_and_warnings_are_listed_together_by_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_text(
        CLEAN_EXHIBIT
        + "      - kind: text\n        title: A panel without its body\n"
        + "      - kind: text\n        title: Another panel whose title runs past two lines\n        body: Words.\n",
        encoding="utf-8",
    )
    assert main(["validate", str(tmp_path), str(tmp_path)]) == 1
    output = capsys.readouterr()
    once = [
        f"{path}:10:9: error: sections[0].panels[1].body: missing required key 'body'",
        f"{path}:13:16: warning: sections[0].panels[2].title: 45 characters, but two lines of a text panel's "
        "heading hold about 42; keep it to 42 characters or fewer",
    ]
    assert output.out.splitlines() == once + once
    assert output.err.splitlines() == [f"{tmp_path}: 1 error, 1 warning"] * 2


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
    assert main(["run", str(tmp_path)]) == EXIT_NO_CONTENT
    error = capsys.readouterr().err
    assert "exhibit.yaml:2:1: error: YAML syntax error" in error
    assert f"nothing to show: {tmp_path} is not valid, and nothing was published before" in error


def test_window_size_option(capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import _parser

    arguments = _parser().parse_args(["run", "--windowed", "--size", "1080x1920", "exhibits/x"])
    assert arguments.size == (1080, 1920)
    assert arguments.windowed
    with pytest.raises(SystemExit) as exit_:
        _parser().parse_args(["run", "--size", "wide"])
    assert exit_.value.code == 2
    assert "expected WIDTHxHEIGHT" in capsys.readouterr().err


def test_set_pin_keeps_only_a_salted_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.services.settings import load_settings
    from kiosk.services.staff_access import verify_pin

    settings_file = tmp_path / "settings.yaml"
    monkeypatch.setattr("sys.stdin", io.StringIO("482916\n"))
    assert main(["set-pin", "--settings", str(settings_file), "--stdin"]) == 0
    assert "482916" not in settings_file.read_text(encoding="utf-8")
    settings, problems = load_settings(settings_file)
    assert problems == []
    assert settings.pin_hash is not None
    assert verify_pin("482916", settings.pin_hash)
    assert not verify_pin("482917", settings.pin_hash)


@pytest.mark.parametrize("pin", ["123", "12345678901", "12a4", ""])
def test_set_pin_refuses_what_is_not_a_pin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pin: str
) -> None:
    settings_file = tmp_path / "settings.yaml"
    monkeypatch.setattr("sys.stdin", io.StringIO(pin + "\n"))
    assert main(["set-pin", "--settings", str(settings_file), "--stdin"]) == 1
    assert "4 to 8 digits" in capsys.readouterr().err
    assert not settings_file.exists()


def test_set_pin_will_not_overwrite_a_broken_settings_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings_file = tmp_path / "settings.yaml"
    settings_file.write_text("countdwn: 30\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["set-pin", "--settings", str(settings_file), "--stdin"]) == 1
    assert "did you mean 'countdown'?" in capsys.readouterr().err
    assert settings_file.read_text(encoding="utf-8") == "countdwn: 30\n"


def test_supervise_passes_the_run_options_to_the_kiosk_it_runs() -> None:
    from kiosk.cli import _parser, _run_arguments

    arguments = _parser().parse_args(
        [
            "supervise",
            "exhibits/x",
            "--idle-timeout",
            "45",
            "--countdown",
            "25",
            "--log-dir",
            "/var/log/kiosk",
        ]
    )
    assert _run_arguments(arguments) == [
        "exhibits/x",
        "--idle-timeout",
        "45.0",
        "--countdown",
        "25.0",
        "--log-dir",
        "/var/log/kiosk",
    ]
    # What the supervisor passes on, `kiosk run` reads back the same.
    again = _parser().parse_args(["run", *_run_arguments(arguments)])
    assert (again.exhibit, again.idle_timeout, again.countdown) == (Path("exhibits/x"), 45.0, 25.0)


def test_a_countdown_under_twenty_seconds_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import _parser

    with pytest.raises(SystemExit) as exit_:
        _parser().parse_args(["run", "--countdown", "10"])
    assert exit_.value.code == 2
    assert "at least 20 seconds" in capsys.readouterr().err


def test_supervise_starts_without_loading_qt() -> None:
    code = "import sys, kiosk.cli, kiosk.app.supervisor; print(any(name.startswith('PySide6') for name in sys.modules))"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "False"


def test_the_kiosk_reaches_its_first_frame_without_building_the_exhibit_models() -> None:
    # Opening from the snapshot (ADR 5) saves the 150 ms or so that pydantic takes to build the
    # models: nothing `kiosk run` imports before the first frame may import them.
    code = (
        "import sys, kiosk.app.run, kiosk.app.window; "
        "print(sorted(name for name in sys.modules if name in ('kiosk.content.models', 'kiosk.content.loader')))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"


def test_the_kiosk_reaches_its_first_frame_without_what_only_comes_later() -> None:
    # The git client serves only a kiosk that follows a repository; the supervisor's machinery
    # runs in another process; memory is first given back at the end of a visit, and looking up
    # the C library for it ran ldconfig in a child process.
    later = ("kiosk.services.git_content", "kiosk.app.supervisor", "ctypes")
    code = (
        "import sys, kiosk.app.run, kiosk.app.window; "
        f"print(sorted(name for name in sys.modules if name in {later!r}))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"
