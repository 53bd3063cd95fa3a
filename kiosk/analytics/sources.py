"""Where events are read from: a kiosk's SQLite database and Parquet exports, gathered into one
DuckDB view `events` with the schema's columns, refused with a clear message when damaged, of
another kind, or of a schema version this kiosk does not know.

DuckDB's own SQLite reader is an extension it downloads on first use, which a kiosk or a curator's
laptop may not be able to do: a database is read with Python's sqlite3 instead and handed to DuckDB
through a temporary CSV file, in chunks, so that its size does not matter.
"""

import csv
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

import duckdb

from kiosk.analytics.schema import COLUMNS, SCHEMA_VERSION

#: The Parquet key-value metadata that carries the schema's version.
PARQUET_SCHEMA_KEY: Final = "kiosk.analytics.schema"
SQLITE_MAGIC: Final = b"SQLite format 3\x00"
PARQUET_MAGIC: Final = b"PAR1"
#: How a NULL is written in the temporary CSV file (an empty field is an empty string).
_CSV_NULL: Final = "\\N"
_CHUNK_ROWS: Final = 50_000
_DAY_S: Final = 86_400
COLUMN_NAMES: Final = tuple(name for name, _, _ in COLUMNS)


class SourceError(Exception):
    """A source that cannot be read; the message names it and says why, for a person."""


@dataclass(frozen=True, slots=True)
class Period:
    """The local days (as the gallery lived them, from each event's utc_offset_s) to read, both
    ends included; None is open."""

    since: date | None = None
    until: date | None = None

    def wall_clock_bounds(self) -> str:
        """A SQL condition on wall_time_us alone that keeps every event of the period and a day or
        so around it (local offsets run from UTC-12 to UTC+14): cheap, and served by an index
        in SQLite and by row-group statistics in Parquet."""
        parts = []
        if self.since is not None:
            parts.append(f"wall_time_us >= {_epoch_us(self.since) - 14 * 3600 * 1_000_000}")
        if self.until is not None:
            parts.append(f"wall_time_us < {_epoch_us(self.until) + 38 * 3600 * 1_000_000}")
        return " AND ".join(parts) or "TRUE"

    def condition(self) -> str:
        """A DuckDB condition on the schema's columns: the event's local day is in the period."""
        local_day = f"((wall_time_us // 1000000 + utc_offset_s) // {_DAY_S})"
        parts = [self.wall_clock_bounds()]
        if self.since is not None:
            parts.append(f"{local_day} >= {_epoch_day(self.since)}")
        if self.until is not None:
            parts.append(f"{local_day} <= {_epoch_day(self.until)}")
        return " AND ".join(parts)


def _epoch_day(day: date) -> int:
    return (day - date(1970, 1, 1)).days


def _epoch_us(day: date) -> int:
    return _epoch_day(day) * _DAY_S * 1_000_000


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that never reaches the network (no extension is installed or loaded
    behind the caller's back) and keeps its time zone out of local days."""
    connection = duckdb.connect(
        ":memory:", config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    connection.execute("SET TimeZone = 'UTC'")
    return connection


def source_files(sources: Sequence[Path]) -> list[Path]:
    """Each source as files: a folder gives its Parquet files and databases, at any depth."""
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            found = sorted(
                path
                for path in source.rglob("*")
                if path.is_file() and path.suffix.lower() in {".parquet", ".sqlite3", ".sqlite", ".db"}
            )
            if not found:
                raise SourceError(f"{source}: no Parquet exports or kiosk databases in this folder")
            files.extend(found)
        elif source.is_file():
            files.append(source)
        else:
            raise SourceError(f"{source}: no such file or folder")
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _magic(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(16)
    except OSError as error:
        raise SourceError(f"{path}: cannot be read: {error.strerror}") from None


def load_events(connection: duckdb.DuckDBPyConnection, sources: Sequence[Path], period: Period) -> None:
    """Makes the view `events` over every source, within the period."""
    files = source_files(sources)
    parquet: list[Path] = []
    databases: list[Path] = []
    for path in files:
        magic = _magic(path)
        if magic.startswith(PARQUET_MAGIC):
            parquet.append(path)
        elif magic.startswith(SQLITE_MAGIC):
            databases.append(path)
        else:
            raise SourceError(f"{path}: neither a Parquet export nor a kiosk database")
    selects = []
    # In the schema's types, whatever a Parquet writer chose (a wider integer, say).
    columns = ", ".join(f"CAST({name} AS {duck_type}) AS {name}" for name, _, duck_type in COLUMNS)
    if parquet:
        for path in parquet:
            check_parquet(connection, path)
        listed = ", ".join(sql_string(str(path)) for path in parquet)
        selects.append(f"SELECT {columns} FROM read_parquet([{listed}])")
    for number, path in enumerate(databases):
        table = f"database_{number}"
        copy_database(connection, path, table, period)
        selects.append(f"SELECT {columns} FROM {table}")
    if not selects:
        raise SourceError("no sources to read")
    union = " UNION ALL ".join(selects)
    connection.execute(
        f"CREATE OR REPLACE TEMP VIEW events AS SELECT * FROM ({union}) WHERE {period.condition()}"
    )


def check_parquet(connection: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuses a Parquet file that is damaged, is not a kiosk export, or has another schema."""
    try:
        metadata = connection.execute(
            "SELECT decode(key), decode(value) FROM parquet_kv_metadata(?)", [str(path)]
        ).fetchall()
        names = [
            row[0] for row in connection.execute("SELECT name FROM parquet_schema(?)", [str(path)]).fetchall()
        ]
    except duckdb.Error as error:
        raise SourceError(f"{path}: not a readable Parquet file ({_first_line(error)})") from None
    version = dict(metadata).get(PARQUET_SCHEMA_KEY)
    if version is None:
        raise SourceError(f"{path}: not a kiosk analytics export (no {PARQUET_SCHEMA_KEY} in its metadata)")
    _check_version(path, version)
    missing = [name for name in COLUMN_NAMES if name not in names]
    if missing:
        raise SourceError(f"{path}: an export without the columns {', '.join(missing)}")


def _check_version(path: Path, version: object) -> None:
    try:
        number = int(str(version))
    except ValueError:
        raise SourceError(f"{path}: schema version {version!r} is not a number") from None
    if number > SCHEMA_VERSION:
        raise SourceError(
            f"{path}: written with analytics schema version {number}, newer than this kiosk's "
            f"{SCHEMA_VERSION}: update the kiosk software that reads it"
        )
    if number != SCHEMA_VERSION:
        raise SourceError(f"{path}: analytics schema version {number}, which this kiosk does not know")


def read_database(path: Path, period: Period) -> Iterator[list[tuple[object, ...]]]:
    """The database's events around the period in chunks of rows, after checking it is a kiosk
    database of this schema; opened read-only, so that a kiosk writing it at the same time is not
    disturbed."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise SourceError(f"{path}: cannot be opened as a kiosk database ({error})") from None
    with closing(connection):
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        except sqlite3.DatabaseError as error:
            raise SourceError(f"{path}: a damaged database ({error})") from None
        if "events" not in tables:
            raise SourceError(f"{path}: not a kiosk analytics database (it has no events table)")
        _check_version(path, version)
        try:
            cursor = connection.execute(
                f"SELECT {', '.join(COLUMN_NAMES)} FROM events WHERE {period.wall_clock_bounds()} ORDER BY id"
            )
            while rows := cursor.fetchmany(_CHUNK_ROWS):
                yield rows
        except sqlite3.DatabaseError as error:
            raise SourceError(f"{path}: a damaged database ({error})") from None


def copy_database(connection: duckdb.DuckDBPyConnection, path: Path, table: str, period: Period) -> int:
    """Copies a kiosk database's events into a DuckDB temporary table; returns the rows copied."""
    column_types = ", ".join(f"{name} {duck_type}" for name, _, duck_type in COLUMNS)
    connection.execute(f"CREATE OR REPLACE TEMP TABLE {table} ({column_types})")
    with tempfile.TemporaryDirectory(prefix="kiosk-analytics-") as folder:
        staging = Path(folder) / "events.csv"
        count = 0
        with staging.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            for rows in read_database(path, period):
                writer.writerows([_CSV_NULL if value is None else value for value in row] for row in rows)
                count += len(rows)
        if count:
            types = "{" + ", ".join(f"'{name}': '{duck_type}'" for name, _, duck_type in COLUMNS) + "}"
            try:
                connection.execute(
                    f"INSERT INTO {table} SELECT * FROM read_csv(?, header = false, columns = {types}, "
                    f"nullstr = '{_CSV_NULL}', quote = '\"', escape = '\"', delim = ',', "
                    "auto_detect = false, strict_mode = true)",
                    [str(staging)],
                )
            except duckdb.Error as error:
                raise SourceError(
                    f"{path}: events that do not fit the schema ({_first_line(error)})"
                ) from None
    return count


def sql_string(text: str) -> str:
    """A text as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
