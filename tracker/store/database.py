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

    def __init__(self, connection: Any, location: str, path: Path | None, read_only: bool = False) -> None:
        self._conn = connection
        self.location = location
        self.path = path
        #: Opened with SQLite's mode=ro because the file or its folder can't be written.
        self.read_only = read_only
        self._depth = 0
        #: The driver errors `connection.explain(err)` may turn into one line; none by default.
        self._driver_errors: tuple[type[Exception], ...] = getattr(connection, "errors", ())

    # -- queries -------------------------------------------------------------------------------
    # A driver error the connection knows how to name (a damaged file, a full disk, a read-only
    # journal) becomes its one clear line here, wherever in a command it surfaces.
    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        try:
            cursor = self._conn.execute(sql, params or {})
            names = [column[0] for column in cursor.description or ()]
            return [dict(zip(names, values)) for values in cursor.fetchall()]
        except self._driver_errors as err:
            raise self._explained(err) from None

    def row(self, sql: str, params: Mapping[str, Any] | None = None) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        try:
            first = self._conn.execute(sql, params or {}).fetchone()
        except self._driver_errors as err:
            raise self._explained(err) from None
        return None if first is None else first[0]

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        """Run a write; returns the number of rows changed."""
        try:
            return self._conn.execute(sql, params or {}).rowcount
        except self._driver_errors as err:
            raise self._explained(err) from None

    def insert(self, sql: str, params: Mapping[str, Any]) -> int:
        """Run an INSERT ... RETURNING id and give the new id."""
        try:
            return int(self._conn.execute(sql, params).fetchone()[0])
        except self._driver_errors as err:
            raise self._explained(err) from None

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        try:
            self._conn.executemany(sql, params)
        except self._driver_errors as err:
            raise self._explained(err) from None

    def _explained(self, err: Exception) -> Exception:
        """The connection's one-line error for `err`, or `err` itself when it has none."""
        return self._conn.explain(err) or err

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
        try:
            self._conn.begin()
        except self._driver_errors as err:
            raise self._explained(err) from None
        self._depth = 1
        try:
            yield self
            try:
                self._conn.commit()  # a full disk may surface only here
            except self._driver_errors as err:
                raise self._explained(err) from None
        except BaseException:
            self._conn.rollback()
            raise
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
