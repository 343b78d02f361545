"""The journal handle: named-parameter SQL over a DB-API connection (sqlite3 or SQLAlchemy), one
transaction at a time, and the small SQL helpers every service uses."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from tracker.clock import utc_stamp
from tracker.store.changes import Change, has_listeners, publish

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


def shown_location(location: str) -> str:
    """A journal's path or URL as messages show it: a URL's password never appears."""
    return re.sub(r"(://[^:/@]*):[^/]*@", r"\1:***@", location)


def with_login(url: str, user: str, password: str) -> str:
    """The same server URL with another login (an invited learner's); both are quoted for a URL."""
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    login = f"{quote(user, safe='')}:{quote(password, safe='')}@"
    return urlunsplit(parts._replace(netloc=login + host))


def where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


#: The table a statement writes: INSERT/REPLACE INTO, UPDATE (not an upsert's DO UPDATE SET),
#: DELETE FROM, and CREATE/ALTER/DROP TABLE (migrations).
_WRITTEN_TABLE = re.compile(
    r"""\b(?:(?:INSERT(?:\s+OR\s+\w+)?|REPLACE)\s+INTO|DELETE\s+FROM|UPDATE(?:\s+OR\s+\w+)?(?!\s+SET\b)
        |(?:CREATE|ALTER|DROP)\s+TABLE(?:\s+IF(?:\s+NOT)?\s+EXISTS)?)
        \s+(?:\w+\.)?["`\[]?(\w+)""",
    re.IGNORECASE | re.VERBOSE,
)
#: What the schema's ON DELETE actions (CASCADE, SET NULL) write besides the table deleted from;
#: a test checks this against the schema.
DELETE_ALSO_WRITES: dict[str, frozenset[str]] = {
    "topic": frozenset({"topic"}),
    "resource": frozenset({"study_session", "resource_progress"}),
    "card": frozenset({"review"}),
}


@lru_cache(maxsize=1024)
def tables_written(sql: str) -> frozenset[str]:
    """The tables a statement may write (none for a read). Cached: most SQL is a constant."""
    tables = {name.lower() for name in _WRITTEN_TABLE.findall(sql)}
    if tables and re.search(r"\bDELETE\s+FROM\b", sql, re.IGNORECASE):
        for table in list(tables):
            tables |= DELETE_ALSO_WRITES.get(table, frozenset())
    return frozenset(tables)


class Journal:
    """A connection to one journal. SQL uses named parameters (`:name`), portable across drivers.

    Writes go inside `with journal.transaction():`, which takes the write lock up front
    (BEGIN IMMEDIATE) so concurrent writers queue instead of failing halfway. Each commit (or a
    write outside a transaction) publishes one `Change` naming the tables written, so a screen
    showing them reads again (tracker.store.changes); a rollback publishes nothing.
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
        #: The tables the open transaction wrote, published when it commits.
        self._written: set[str] = set()
        self._source = ""

    @property
    def source(self) -> str:
        """Which journal this is, however its location was spelled: the resolved file, or the URL."""
        if not self._source:
            self._source = str(self.path.resolve()) if self.path is not None else self.location
        return self._source

    # -- queries -------------------------------------------------------------------------------
    # A driver error the connection knows how to name (a damaged file, a full disk, a read-only
    # journal) becomes its one clear line here, wherever in a command it surfaces.
    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        try:
            cursor = self._conn.execute(sql, params or {})
            self._wrote(sql)
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
        self._wrote(sql)
        return None if first is None else first[0]

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        """Run a write; returns the number of rows changed."""
        try:
            changed = self._conn.execute(sql, params or {}).rowcount
        except self._driver_errors as err:
            raise self._explained(err) from None
        if changed:  # an UPDATE or DELETE that matched nothing changed nothing (DDL says -1)
            self._wrote(sql)
        return changed

    def insert(self, sql: str, params: Mapping[str, Any]) -> int:
        """Run an INSERT ... RETURNING id and give the new id."""
        try:
            new_id = int(self._conn.execute(sql, params).fetchone()[0])
        except self._driver_errors as err:
            raise self._explained(err) from None
        self._wrote(sql)
        return new_id

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        try:
            self._conn.executemany(sql, params)
        except self._driver_errors as err:
            raise self._explained(err) from None
        if params:
            self._wrote(sql)

    def _wrote(self, sql: str) -> None:
        """Note the tables a statement that ran wrote: published at commit, or at once outside
        a transaction (SQLite's autocommit)."""
        tables = tables_written(sql)
        if not tables:
            return
        if self._depth:
            self._written |= tables
        else:
            self._publish(tables)

    def _publish(self, tables: frozenset[str] | set[str]) -> None:
        if tables and has_listeners():
            publish(Change(frozenset(tables), self.source))

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
    def transaction(self, write: bool = True) -> Iterator[Journal]:
        """All or nothing; nested blocks join the outer transaction. `write=False` is one
        consistent snapshot for a long read (an export) that never takes the write lock."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        begin = self._conn.begin if write else getattr(self._conn, "begin_read", self._conn.begin)
        try:
            begin()
        except self._driver_errors as err:
            raise self._explained(err) from None
        self._depth = 1
        self._written = set()
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
            written, self._written = self._written, set()
        self._publish(written)  # committed: reached only when nothing was raised

    def data_version(self) -> int | None:
        """A number that changes when another connection (another process, or another handle in
        this one) commits a write: SQLite's `PRAGMA data_version`, or the server's own measure
        (tracker.store.server); None where there is none."""
        if self.path is not None:
            return int(self.scalar("PRAGMA data_version"))
        probe = getattr(self._conn, "data_version", None)
        if probe is None:
            return None
        try:
            return probe()
        except self._driver_errors as err:
            raise self._explained(err) from None

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
