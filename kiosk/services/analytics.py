"""Records what visitors do, privately, in a SQLite file on the kiosk (docs/privacy.md, ADR 33).

`AnalyticsRecorder.record` is called on the UI thread and only appends a row to a queue; one
writer thread owns the database and writes the queue in one transaction every
`BATCH_INTERVAL_S` or `BATCH_EVENTS` events, whichever comes first. The database is in WAL mode
and each transaction is synced, so a power cut loses at most the events of the last batch
interval, which were still in memory.

Nothing the database can do stops the kiosk: a file that is not a database, is damaged or has
another schema version is moved aside (`events.sqlite3.damaged-<time>`) and a new one started; a
database that is locked, read-only or on a full disk drops the events of the moment and says so
once, through `noticeChanged`, which the app turns into a notice for the staff screen.

Rows hold only the schema's names (kiosk.analytics.schema), the exhibit's own names, numbers and
times, and a visit id drawn at random at the visit's start and forgotten at its end.
"""

import contextlib
import functools
import logging
import queue
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.analytics.schema import COLUMNS, SCHEMA_VERSION, SQLITE_DDL, End, Kind, Start
from kiosk.services.clock import SYSTEM_CLOCK, Clock
from kiosk.services.settings_snapshot import DEFAULT_ANALYTICS_MAX_MB, DEFAULT_ANALYTICS_RETENTION_DAYS

logger = logging.getLogger(__name__)

#: A batch is written at the latest this long after its first event: what a power cut can lose.
BATCH_INTERVAL_S: Final = 1.0
#: ... or as soon as it holds this many events.
BATCH_EVENTS: Final = 256
#: Retention and the size cap are applied at start and then this often.
HOUSEKEEPING_INTERVAL_MS: Final = 24 * 60 * 60 * 1000
#: How long a write waits for a lock held by another program (a copy being taken, say).
BUSY_TIMEOUT_S: Final = 0.5
#: The notice key under which an unwritable database is reported.
UNAVAILABLE_NOTICE: Final = "analytics-unavailable"

#: One row, in the order of kiosk.analytics.schema.COLUMNS.
Row = tuple[
    str,
    str,
    str | None,
    int,
    int,
    int,
    str,
    str | None,
    str | None,
    int | None,
    str | None,
    str | None,
    int | None,
]

_INSERT: Final = (
    f"INSERT INTO events ({', '.join(name for name, _, _ in COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in COLUMNS)})"
)


class DamagedDatabaseError(Exception):
    """The file is not a database of events this kiosk can write: it is moved aside."""


class EventStore:
    """The events database; used by one thread only (the writer's)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None

    def open(self) -> None:
        """Opens the database, making it if need be; moves a damaged one aside and starts anew.

        Raises sqlite3.Error or OSError when the folder or file cannot be used (read-only, full).
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._connection = self._connect()
        except DamagedDatabaseError as damage:
            self.close()
            moved = self._move_aside()
            logger.warning(
                "the visitor events database %s %s; moved it aside to %s and started a new one",
                self.path,
                damage,
                moved.name,
            )
            self._connection = self._connect()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            try:
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                tables = {
                    row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
                check = connection.execute("PRAGMA quick_check").fetchone()[0] if tables else "ok"
            except sqlite3.DatabaseError as error:
                if isinstance(error, sqlite3.OperationalError) and _transient(error):
                    raise
                raise DamagedDatabaseError(f"cannot be read ({error})") from error
            if tables and version != SCHEMA_VERSION:
                raise DamagedDatabaseError(f"has schema version {version}, not {SCHEMA_VERSION}")
            if check != "ok":
                raise DamagedDatabaseError(f"is damaged ({check})")
            if not tables:
                # Set before the first table: deleted events give their space back to the disk.
                connection.execute("PRAGMA auto_vacuum = INCREMENTAL")
            connection.execute("PRAGMA journal_mode = WAL")
            # FULL syncs the log at each commit: a commit survives a power cut, not only a crash.
            connection.execute("PRAGMA synchronous = FULL")
            if not tables:
                connection.execute("BEGIN")
                for statement in SQLITE_DDL:
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                connection.execute("COMMIT")
        except BaseException:
            connection.close()
            raise
        return connection

    def _move_aside(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        moved = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        self.path.replace(moved)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                self.path.with_name(self.path.name + suffix).replace(moved.with_name(moved.name + suffix))
        return moved

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            raise sqlite3.OperationalError("the database is not open")
        return self._connection

    def write(self, rows: list[Row]) -> None:
        connection = self.connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.executemany(_INSERT, rows)
            connection.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise

    def prune(self, oldest_kept_us: int, max_bytes: int) -> int:
        """Deletes the events older than `oldest_kept_us`, then the oldest until the events take at
        most `max_bytes`; how many were deleted."""
        connection = self.connection
        deleted = connection.execute("DELETE FROM events WHERE wall_time_us < ?", (oldest_kept_us,)).rowcount
        while (used := self.used_bytes()) > max_bytes:
            count = connection.execute("SELECT COUNT(*) FROM events").fetchone()[0]
            if count == 0:
                break
            # The share over the cap, and a little more, so that a few rounds at most are needed.
            excess = max(1, min(count, int(count * (used - max_bytes) / used) + count // 100 + 1))
            deleted += connection.execute(
                "DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY wall_time_us, id LIMIT ?)",
                (excess,),
            ).rowcount
        connection.execute("PRAGMA incremental_vacuum")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return deleted

    def used_bytes(self) -> int:
        connection = self.connection
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        free = connection.execute("PRAGMA freelist_count").fetchone()[0]
        return int((pages - free) * page_size)

    def visits_since(self, day_start_us: int, week_start_us: int) -> tuple[int, int]:
        """Visits begun since the start of the day, and since the start of the week."""
        today, week = self.connection.execute(
            "SELECT COUNT(*) FILTER (WHERE wall_time_us >= ?), COUNT(*) FROM events "
            "WHERE kind = ? AND wall_time_us >= ?",
            (day_start_us, Kind.VISIT_STARTED.value, min(day_start_us, week_start_us)),
        ).fetchone()
        return int(today), int(week)

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None


def _transient(error: sqlite3.Error) -> bool:
    """Locked, read-only, full or unopenable: the file is fine, the moment or the disk is not."""
    text = str(error).lower()
    return any(
        words in text
        for words in ("locked", "readonly", "read-only", "disk is full", "unable to open", "disk i/o", "busy")
    )


@dataclass(frozen=True)
class _Housekeeping:
    oldest_kept_us: int
    max_bytes: int


@dataclass(frozen=True)
class _CountVisits:
    day_start_us: int
    week_start_us: int


@dataclass(frozen=True)
class _Flush:
    done: threading.Event


_STOP: Final = object()


class _WriterReports(QObject):
    """Carries what the writer thread has to say to the recorder, on the recorder's thread."""

    report = Signal(object)


class _Writer:
    """The thread that owns the database: batches rows and writes them, and keeps the house."""

    def __init__(
        self, path: Path, reports: _WriterReports, batch_interval_s: float, batch_events: int
    ) -> None:
        self._store = EventStore(path)
        self._reports = reports
        self._batch_interval_s = batch_interval_s
        self._batch_events = batch_events
        self.queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._pending: list[Row] = []
        self._due = 0.0
        self._open = False
        self._unavailable = False
        self._last_count: _CountVisits | None = None
        self._thread = threading.Thread(target=self._run, name="analytics-writer", daemon=True)

    @property
    def started(self) -> bool:
        return self._thread.ident is not None

    def start(self) -> None:
        self._thread.start()

    def join(self) -> None:
        self._thread.join()

    def _run(self) -> None:
        try:
            self._loop()
        finally:
            self._store.close()

    def _loop(self) -> None:
        while True:
            timeout = None if not self._pending else max(0.0, self._due - time.monotonic())
            try:
                item = self.queue.get(timeout=timeout)
            except queue.Empty:
                self._write_pending()
                continue
            if isinstance(item, tuple):
                if not self._pending:
                    self._due = time.monotonic() + self._batch_interval_s
                self._pending.append(item)
                if len(self._pending) >= self._batch_events:
                    self._write_pending()
                continue
            self._write_pending()
            if item is _STOP:
                return
            if isinstance(item, _Flush):
                item.done.set()
            elif isinstance(item, _Housekeeping):
                self._attempt(functools.partial(self._prune, housekeeping=item))
            elif isinstance(item, _CountVisits):
                self._last_count = item
                self._count_visits()

    def _prune(self, store: EventStore, housekeeping: _Housekeeping) -> None:
        deleted = store.prune(housekeeping.oldest_kept_us, housekeeping.max_bytes)
        if deleted:
            logger.info("deleted %d visitor events past their retention or over the size cap", deleted)

    def _write_pending(self) -> None:
        if not self._pending:
            return
        rows, self._pending = self._pending, []
        if self._attempt(lambda store: store.write(rows)) and any(
            row[6] == Kind.VISIT_STARTED for row in rows
        ):
            self._count_visits()

    def _count_visits(self) -> None:
        count = self._last_count
        if count is not None:
            self._attempt(
                lambda store: self._reports.report.emit(
                    ("visits", *store.visits_since(count.day_start_us, count.week_start_us))
                )
            )

    def _attempt(self, work: Callable[[EventStore], None]) -> bool:
        """Does `work` on the open database; on trouble drops it, says so once, and goes on."""
        try:
            if not self._open:
                self._store.open()
                self._open = True
            work(self._store)
        except (sqlite3.Error, OSError) as error:
            if isinstance(error, sqlite3.DatabaseError) and not _transient(error):
                # Damaged under the kiosk's feet: opened again, it is moved aside.
                self._store.close()
                self._open = False
                with contextlib.suppress(sqlite3.Error, OSError):
                    self._store.open()
                    self._open = True
            elif not self._open:
                self._store.close()
            self._set_unavailable(str(error))
            return False
        self._set_unavailable(None)
        return True

    def _set_unavailable(self, reason: str | None) -> None:
        if (reason is not None) == self._unavailable:
            return
        self._unavailable = reason is not None
        self._reports.report.emit(("unavailable", reason))


class AnalyticsRecorder(QObject):
    """Where every visitor event is recorded, with the kiosk's name, the content version on show,
    the times and the visit it belongs to. Without a database (analytics off) it records nothing
    and makes no file.

    The visit: `start_visit` draws its random id, `end_visit` records its end and forgets it.
    Events outside a visit carry no visit id.
    """

    #: A condition staff must know about changed: (key, text), the text empty when it has passed.
    noticeChanged = Signal(str, str)
    #: The visits counted today and this week changed.
    visitsChanged = Signal()

    def __init__(
        self,
        database: Path | None,
        *,
        kiosk: str,
        content_version: str,
        clock: Clock = SYSTEM_CLOCK,
        retention_days: int = DEFAULT_ANALYTICS_RETENTION_DAYS,
        max_mb: float = DEFAULT_ANALYTICS_MAX_MB,
        batch_interval_s: float = BATCH_INTERVAL_S,
        batch_events: int = BATCH_EVENTS,
        start: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._kiosk = kiosk
        self._content_version = content_version
        self._clock = clock
        self._retention = timedelta(days=retention_days)
        self._max_bytes = int(max_mb * 1024 * 1024)
        self._language: str | None = None
        self._visit: str | None = None
        self._visit_started_s = 0.0
        self._visits: tuple[int, int] | None = None
        self._writer: _Writer | None = None
        self._housekeeping = clock.timer("analyticsHousekeeping", self)
        self._housekeeping.setInterval(HOUSEKEEPING_INTERVAL_MS)
        self._housekeeping.timeout.connect(self.keep_house)
        if database is None:
            return
        self._reports = _WriterReports()
        # Emitted on the writer's thread, handled on this object's: a slot of a QObject of another
        # thread, so Qt queues each report (no connection type named, which would make the Qt
        # namespace's enums, about 18 ms, before the first frame).
        self._reports.report.connect(self._on_report)
        self._writer = _Writer(database, self._reports, batch_interval_s, batch_events)
        self._put = self._writer.queue.put
        if start:
            self.start()

    def start(self) -> None:
        """Starts writing, if `start=False` held it back: the database is opened and checked and
        the retention applied, on the writer's thread. Events recorded before wait in memory."""
        writer = self._writer
        if writer is None or writer.started:
            return
        writer.start()
        self.keep_house()
        self._housekeeping.start()

    @property
    def enabled(self) -> bool:
        return self._writer is not None

    @property
    def visit(self) -> str | None:
        return self._visit

    @property
    def visits(self) -> tuple[int, int] | None:
        """Visits begun today and this week (since Monday), once counted."""
        return self._visits

    @Slot(str)
    def set_content_version(self, version: str) -> None:
        self._content_version = version

    def set_language(self, language: str) -> None:
        self._language = language

    def record(
        self,
        kind: Kind,
        *,
        section: str | None = None,
        panel: int | None = None,
        panel_title: str | None = None,
        detail: str | None = None,
        duration_ms: int | None = None,
    ) -> None:
        """Records one event, now. Costs the UI thread a few microseconds: the row is written later."""
        if self._writer is None:
            return
        local = self._clock.now().astimezone()
        offset = local.utcoffset()
        self._put(
            (
                self._kiosk,
                self._content_version,
                self._visit,
                int(local.timestamp() * 1_000_000),
                int(offset.total_seconds()) if offset is not None else 0,
                int(self._clock.monotonic() * 1_000_000),
                kind.value,
                self._language,
                section,
                panel,
                panel_title,
                detail,
                duration_ms,
            )
        )

    def start_visit(self, start: Start) -> None:
        if self._visit is not None:
            return
        self._visit = secrets.token_hex(16)
        self._visit_started_s = self._clock.monotonic()
        self.record(Kind.VISIT_STARTED, detail=start.value)

    def end_visit(self, end: End) -> None:
        if self._visit is None:
            return
        self.record(
            Kind.VISIT_ENDED,
            detail=end.value,
            duration_ms=round((self._clock.monotonic() - self._visit_started_s) * 1000),
        )
        self._visit = None
        if self._writer is not None:
            self._writer.queue.put(self._count_visits())

    @Slot()
    def keep_house(self) -> None:
        """Deletes what is past its retention, then the oldest events over the size cap."""
        if self._writer is None:
            return
        now = self._clock.now().astimezone()
        oldest = now - self._retention
        self._writer.queue.put(_Housekeeping(int(oldest.timestamp() * 1_000_000), self._max_bytes))
        self._writer.queue.put(self._count_visits())

    def _count_visits(self) -> _CountVisits:
        now = self._clock.now()
        day = now.replace(hour=0, minute=0, second=0, microsecond=0)
        week = day - timedelta(days=day.weekday())
        return _CountVisits(
            int(day.astimezone().timestamp() * 1_000_000), int(week.astimezone().timestamp() * 1_000_000)
        )

    def flush(self, timeout_s: float = 10.0) -> bool:
        """Writes every event recorded so far before returning (or after `timeout_s`, False)."""
        if self._writer is None:
            return True
        self.start()
        done = threading.Event()
        self._writer.queue.put(_Flush(done))
        return done.wait(timeout_s)

    def close(self, end: End = End.RESTART) -> None:
        """Ends an open visit, writes what is left and stops the writer; nothing is recorded after."""
        self._housekeeping.stop()
        self.end_visit(end)
        writer, self._writer = self._writer, None
        if writer is not None:
            if not writer.started:  # what was recorded before the writer started is written now
                writer.start()
            writer.queue.put(_STOP)
            writer.join()

    @Slot(object)
    def _on_report(self, report: tuple[object, ...]) -> None:
        if report[0] == "visits":
            visits = (int(report[1]), int(report[2]))  # type: ignore[call-overload]
            if visits != self._visits:
                self._visits = visits
                self.visitsChanged.emit()
        elif report[0] == "unavailable":
            reason = report[1]
            self.noticeChanged.emit(
                UNAVAILABLE_NOTICE,
                ""
                if reason is None
                else f"visitor events cannot be written ({reason}); they are dropped until the "
                "database can be written again",
            )
