"""`kiosk analytics export`: a kiosk's events as one Parquet file, an open format that DuckDB,
spreadsheets with a Parquet reader, R and pandas all read, with the schema's version in the file's
key-value metadata (docs/analytics.md documents every column)."""

from pathlib import Path

import duckdb

from kiosk.analytics.schema import SCHEMA_VERSION
from kiosk.analytics.sources import (
    COLUMN_NAMES,
    PARQUET_SCHEMA_KEY,
    Period,
    SourceError,
    connect,
    copy_database,
)


def export_events(database: Path, output: Path, period: Period) -> int:
    """Writes the database's events within the period to `output`, in time order; returns how
    many. The file appears whole or not at all: it is written beside and renamed."""
    if not database.is_file():
        raise SourceError(f"{database}: no kiosk database here (has analytics recorded anything yet?)")
    connection = connect()
    try:
        copy_database(connection, database, "exported", period)
        partial = output.with_name(f".{output.name}.partial")
        columns = ", ".join(COLUMN_NAMES)
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            count = connection.execute(f"SELECT count(*) FROM exported WHERE {period.condition()}").fetchone()
            connection.execute(
                f"COPY (SELECT {columns} FROM exported WHERE {period.condition()} "
                "ORDER BY kiosk, wall_time_us, monotonic_us) "
                f"TO '{_escaped(partial)}' (FORMAT parquet, COMPRESSION zstd, "
                f"KV_METADATA {{'{PARQUET_SCHEMA_KEY}': '{SCHEMA_VERSION}'}})"
            )
            partial.replace(output)
        except (OSError, duckdb.IOException) as error:
            partial.unlink(missing_ok=True)
            reason = error.strerror if isinstance(error, OSError) else str(error).splitlines()[0]
            raise SourceError(f"{output}: cannot be written: {reason}") from None
    finally:
        connection.close()
    return int(count[0]) if count else 0


def _escaped(path: Path) -> str:
    return str(path).replace("'", "''")
