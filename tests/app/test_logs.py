"""The kiosk's log: a rotating file bounded in size, stderr, and the last problems for staff."""

import errno
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import logs
from kiosk.app.logs import close_logging, configure_logging, recent_problems


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    logs._recent.clear()
    yield
    close_logging()
    logs._recent.clear()
    root.handlers[:] = handlers
    root.setLevel(level)


def plain_stderr_handlers() -> list[logging.Handler]:
    return [
        handler
        for handler in logging.getLogger().handlers
        if type(handler) is logging.StreamHandler and handler.stream is sys.stderr
    ]


def test_records_go_to_the_file_in_a_created_folder(tmp_path: Path) -> None:
    folder = tmp_path / "var" / "log" / "kiosk"
    path = configure_logging(folder)
    assert path == folder / "kiosk.log"
    logging.getLogger("kiosk.app.run").info("kiosk opening %s", "exhibits/x")
    logging.getLogger("qml.Home").warning("Home.qml:12: a QML warning")
    logging.getLogger("kiosk.app.run").debug("not at INFO")
    text = path.read_text(encoding="utf-8")
    assert "INFO kiosk.app.run: kiosk opening exhibits/x" in text
    assert "WARNING qml.Home: Home.qml:12: a QML warning" in text
    assert "not at INFO" not in text
    assert len(plain_stderr_handlers()) == 1


def test_the_default_folder_is_the_users_log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, object]] = []

    def user_log_dir(name: str, appauthor: object = None) -> str:
        seen.append((name, appauthor))
        return str(tmp_path / "user-logs")

    monkeypatch.setattr(logs.platformdirs, "user_log_dir", user_log_dir)
    assert configure_logging(None) == tmp_path / "user-logs" / "kiosk.log"
    assert seen == [("kiosk", False)]
    assert (tmp_path / "user-logs" / "kiosk.log").exists()


def test_the_file_rotates_by_size(tmp_path: Path) -> None:
    path = configure_logging(tmp_path, max_bytes=2000, backup_count=2, stderr=False)
    logger = logging.getLogger("kiosk.test")
    for index in range(200):
        logger.info("record %03d %s", index, "x" * 40)
    files = sorted(file.name for file in tmp_path.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]
    for name in files:
        assert (tmp_path / name).stat().st_size <= 2000
    assert "record 199" in path.read_text(encoding="utf-8")
    assert "record 000" not in "".join((tmp_path / name).read_text(encoding="utf-8") for name in files)


def test_configuring_twice_installs_each_handler_once(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = len(root.handlers)
    configure_logging(tmp_path / "first")
    after_first = len(root.handlers)
    second = configure_logging(tmp_path / "second")
    assert len(root.handlers) == after_first == before + 3
    logging.getLogger("kiosk.test").warning("once")
    assert second.read_text(encoding="utf-8").count("once") == 1
    assert "once" not in (tmp_path / "first" / "kiosk.log").read_text(encoding="utf-8")
    assert recent_problems()[-1].endswith("WARNING kiosk.test: once")
    assert len(recent_problems()) == 1
    assert len(plain_stderr_handlers()) == 1


def test_a_stderr_handler_from_basic_config_is_not_doubled(tmp_path: Path) -> None:
    root = logging.getLogger()
    existing = logging.StreamHandler(sys.stderr)
    root.addHandler(existing)
    configure_logging(tmp_path)
    assert plain_stderr_handlers() == [existing]


def test_recent_problems_keeps_the_last_twenty_warnings_or_worse(tmp_path: Path) -> None:
    configure_logging(tmp_path, stderr=False)
    logger = logging.getLogger("kiosk.test")
    for index in range(25):
        logger.warning("problem %d", index)
        logger.info("not a problem %d", index)
    problems = recent_problems()
    assert len(problems) == 20
    assert problems[0].endswith("WARNING kiosk.test: problem 5")
    assert problems[-1].endswith("WARNING kiosk.test: problem 24")
    assert not any("not a problem" in line for line in problems)


def test_a_problem_with_a_traceback_is_one_line(tmp_path: Path) -> None:
    configure_logging(tmp_path, stderr=False)
    try:
        raise ValueError("bad value")
    except ValueError:
        logging.getLogger("kiosk.test").exception("it failed\nbadly")
    [line] = recent_problems()
    assert line.endswith("ERROR kiosk.test: it failed | badly (ValueError: bad value)")
    assert "Traceback" in (tmp_path / "kiosk.log").read_text(encoding="utf-8")


def test_recent_problems_survive_reconfiguring(tmp_path: Path) -> None:
    configure_logging(tmp_path / "a", stderr=False)
    logging.getLogger("kiosk.test").error("before")
    configure_logging(tmp_path / "b", stderr=False)
    logging.getLogger("kiosk.test").error("after")
    assert [line.rsplit(": ", 1)[1] for line in recent_problems()] == ["before", "after"]


class FullDisk:
    """A log file's stream once its disk is full."""

    def __init__(self) -> None:
        self.full = True
        self.written: list[str] = []

    def write(self, text: str) -> int:
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.written.append(text)
        return len(text)

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def tell(self) -> int:
        return 0

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_a_log_file_on_a_full_disk_is_said_once_not_with_a_traceback_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = configure_logging(tmp_path, stderr=False)
    assert path is not None
    [file_handler] = [
        handler for handler in logging.getLogger().handlers if isinstance(handler, logs.LogFileHandler)
    ]
    disk = FullDisk()
    file_handler.stream.close()
    file_handler.stream = disk  # type: ignore[assignment]
    logger = logging.getLogger("kiosk.test")
    for index in range(5):
        logger.warning("line %d", index)
    said = capsys.readouterr().err
    assert "Traceback" not in said
    assert said.count("cannot be written") == 1
    assert "No space left on device" in said
    disk.full = False
    logger.warning("room again")
    assert "is written again" in capsys.readouterr().err
    assert any("room again" in line for line in disk.written)


def test_cutting_a_page_into_tiles_logs_one_line_not_libvips_s_notes(tmp_path: Path) -> None:
    """libvips notes every worker thread it finishes: some 160 lines a page, which filled the
    kiosk's log with little else after each start that cut tiles (safe mode, a cleared cache)."""
    from kiosk.content.pyramids import build_pyramid
    from tests.content.test_pyramids import synthetic_scan

    scan = synthetic_scan(tmp_path / "page.jpg", (1300, 700))
    path = configure_logging(tmp_path / "logs", stderr=False)
    assert path is not None
    build_pyramid(scan, tmp_path / "cache")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if "built the tile pyramid" in line] != []
    assert [line for line in lines if " pyvips" in line] == []
