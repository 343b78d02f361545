"""The journal handle: named-parameter SQL over a DB-API connection (sqlite3 or SQLAlchemy), one
transaction at a time, and the small SQL helpers every service uses."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from tracker.clock import utc_stamp

Row = dict[str, Any]


def stamps() -> dict[str, str]:
    """created_at and updated_at for a new row."""
    stamp = utc_stamp()
    return {"created_at": stamp, "updated_at": stamp}


def day_range(column: str, start: date | None, end: date | None) -> tuple[list[str], dict[str, str]]:
    """SQL conditions and parameters for `column` between two days (inclusive, either optional)."""
    conditions, params = [], {}
    if start:
        conditions.append(f"{column} >= :start")
        params["start"] = start.isoformat()
    if end:
        conditions.append(f"{column} <= :end")
        params["end"] = end.isoformat()
    return conditions, params


def where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


class Journal:
    """A connection to one journal. SQL uses named parameters (`:name`), portable across drivers.

    Writes go inside `with journal.transaction():`, which takes the write lock up front
    (BEGIN IMMEDIATE) so concurrent writers queue instead of failing halfway.
    """

    def __init__(self, connection: Any, location: str, path: Path | None) -> None:
        self._conn = connection
        self.location = location
        self.path = path
        self._depth = 0

    # -- queries -------------------------------------------------------------------------------
    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        cursor = self._conn.execute(sql, params or {})
        names = [column[0] for column in cursor.description or ()]
        return [dict(zip(names, values)) for values in cursor.fetchall()]

    def row(self, sql: str, params: Mapping[str, Any] | None = None) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        cursor = self._conn.execute(sql, params or {})
        first = cursor.fetchone()
        return None if first is None else first[0]

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        """Run a write; returns the number of rows changed."""
        return self._conn.execute(sql, params or {}).rowcount

    def insert(self, sql: str, params: Mapping[str, Any]) -> int:
        """Run an INSERT ... RETURNING id and give the new id."""
        return int(self._conn.execute(sql, params).fetchone()[0])

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        self._conn.executemany(sql, params)

    def update(self, table: str, key_value: Any, changes: Mapping[str, Any], key: str = "id") -> None:
        """Set columns of one row and bump updated_at. Table and column names come from code only."""
        if not changes:
            return
        values = {**changes, "updated_at": utc_stamp()}
        assignments = ", ".join(f"{column} = :{column}" for column in values)
        self.execute(f"UPDATE {table} SET {assignments} WHERE {key} = :_key", {**values, "_key": key_value})

    @contextmanager
    def transaction(self) -> Iterator[Journal]:
        """All or nothing; nested blocks join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._conn.begin()
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._conn.rollback()
            raise
        else:
            self._conn.commit()
        finally:
            self._depth = 0

    def close(self) -> None:
        self._conn.close()

    def backup(self, target: Path) -> None:
        self._conn.backup(target)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        return int(self.scalar("SELECT value FROM tracker_meta WHERE key = 'schema_version'") or 0)
