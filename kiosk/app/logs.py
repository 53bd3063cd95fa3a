"""Where the kiosk's log goes: a rotating file that cannot fill the disk, standard error, and a
short list of the latest problems for a staff diagnostics screen.

A log folder that cannot be used (a file in its place, a read-only file system, no permission)
never stops the kiosk or its supervisor: the log goes to standard error alone (which systemd's
journal keeps), and that is said once, in the log and on the staff screen.

Qt and QML messages reach Python logging through kiosk/app/qt_messages.py, so they land here too.
"""

import logging
import logging.handlers
import sys
import threading
from collections import deque
from pathlib import Path

import platformdirs

from kiosk.app.notices import notify, withdraw
from kiosk.app.storage import unusable_reason

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DEFAULT_FILENAME = "kiosk.log"
DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_BACKUP_COUNT = 5
RECENT_PROBLEMS = 20
#: Libraries whose notes at INFO are not the kiosk's news: libvips notes every worker thread it
#: finishes, some 160 lines for each page cut into tiles. Their warnings and errors still come;
#: their notes only when asked for (`verbose`, `kiosk run --verbose`).
QUIET_LIBRARIES = ("pyvips",)


def default_log_dir() -> Path:
    """The user's log folder: ~/.local/state/kiosk/log on Linux, %LOCALAPPDATA%\\kiosk\\Logs on Windows."""
    return Path(platformdirs.user_log_dir("kiosk", appauthor=False))


class RecentProblemsHandler(logging.Handler):
    """Keeps the last `capacity` WARNING-or-worse records as one-line texts, newest last."""

    def __init__(self, capacity: int = RECENT_PROBLEMS) -> None:
        super().__init__(logging.WARNING)
        self._lines: deque[str] = deque(maxlen=capacity)
        self._guard = threading.Lock()
        self.setFormatter(logging.Formatter(LOG_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:
            self.handleError(record)
            return
        with self._guard:
            self._lines.append(line)

    def format(self, record: logging.LogRecord) -> str:
        # One line per problem: a traceback is reduced to its last line, the exception itself.
        formatter = self.formatter or logging.Formatter(LOG_FORMAT)
        record.message = record.getMessage()
        record.asctime = formatter.formatTime(record)
        line = formatter.formatMessage(record).replace("\n", " | ")
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            line += f" ({type(error).__name__}: {error})"
        return line

    def lines(self) -> list[str]:
        with self._guard:
            return list(self._lines)

    def clear(self) -> None:
        with self._guard:
            self._lines.clear()


class LogFileHandler(logging.handlers.RotatingFileHandler):
    """The rotating log file. When it cannot be written (its disk full, or removed), that is said
    once on standard error, which has every line anyway, rather than with a traceback per line."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._failing = False
        self._failed_now = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed_now = False
        super().emit(record)
        if self._failing and not self._failed_now:
            self._failing = False
            sys.stderr.write(f"kiosk: the log file {self.baseFilename} is written again\n")

    def handleError(self, record: logging.LogRecord) -> None:
        self._failed_now = True
        if self._failing:
            return
        self._failing = True
        error = sys.exc_info()[1]
        sys.stderr.write(
            f"kiosk: the log file {self.baseFilename} cannot be written ({error}); "
            "the log is on standard error only until it can\n"
        )


_recent = RecentProblemsHandler()
_installed: list[logging.Handler] = []


def configure_logging(
    log_dir: Path | None = None,
    *,
    filename: str = DEFAULT_FILENAME,
    level: int = logging.INFO,
    max_bytes: int = DEFAULT_MAX_BYTES,
    backup_count: int = DEFAULT_BACKUP_COUNT,
    stderr: bool = True,
    verbose: bool = False,
) -> Path | None:
    """Sends the root logger to a rotating file in `log_dir` (or `default_log_dir()`), and to stderr.

    The file is `filename`, rotated at `max_bytes` into `filename.1` ... `filename.<backup_count>`.
    The folder is created. Calling it again replaces what the previous call installed; a stderr
    handler that `logging.basicConfig` already installed is not doubled. Returns the log file path,
    or None when the file cannot be written: then the log goes to stderr, whatever `stderr` says.
    `verbose` lets the notes of QUIET_LIBRARIES through at `level` as well.
    """
    folder = Path(log_dir) if log_dir is not None else default_log_dir()
    path = folder / filename
    close_logging()

    formatter = logging.Formatter(LOG_FORMAT)
    root = logging.getLogger()
    handlers: list[logging.Handler] = [_recent]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        file_handler = LogFileHandler(path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8")
    except OSError as error:
        unusable: str | None = unusable_reason(error, folder)
    else:
        unusable = None
        file_handler.setFormatter(formatter)
        handlers.append(file_handler)
    if (stderr or unusable) and not any(_writes_to_stderr(handler) for handler in root.handlers):
        stream_handler = logging.StreamHandler(sys.stderr)
        stream_handler.setFormatter(formatter)
        handlers.append(stream_handler)
    for handler in handlers:
        root.addHandler(handler)
    _installed.extend(handlers)
    root.setLevel(level)
    for library in QUIET_LIBRARIES:
        logging.getLogger(library).setLevel(logging.NOTSET if verbose else max(level, logging.WARNING))
    if unusable is not None:
        notify(
            "log-folder",
            f"the log folder {folder} cannot be used ({unusable}); "
            "the log goes to standard error only (the journal, under systemd)",
        )
        return None
    withdraw("log-folder")
    return path


def close_logging() -> None:
    """Removes and closes the handlers `configure_logging` installed; the recent problems stay."""
    root = logging.getLogger()
    while _installed:
        handler = _installed.pop()
        root.removeHandler(handler)
        if handler is not _recent:
            handler.close()


def recent_problems() -> list[str]:
    """The last WARNING-or-worse log records, oldest first, one line each, for a diagnostics screen."""
    return _recent.lines()


def _writes_to_stderr(handler: logging.Handler) -> bool:
    return type(handler) is logging.StreamHandler and handler.stream in (sys.stderr, sys.__stderr__)
