"""Journals on a PostgreSQL server (`postgresql+psycopg://user:password@host:port/database`).

A server journal talks to psycopg 3 directly: SQLAlchemy and Alembic (about 0.3 s to import)
are loaded only when the schema must be made or upgraded, in one transaction
(tracker.store.migrations). This module is imported only when a server URL is opened, so the
SQLite path never pays for psycopg either.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import psycopg

from tracker.errors import JournalBusy, Msg, TrackerError, bad_input, failure
from tracker.store import migrations
from tracker.store.database import Journal, shown_location

#: Seconds to wait for the server to answer at all.
CONNECT_TIMEOUT_S = 10


def make_engine(url: str, wait_ms: int = 10_000):
    """A SQLAlchemy engine on the server, for schema upgrades only (Alembic needs one): one
    connection, the driver in autocommit (migrations.upgrade sends its transaction as SQL)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(_sqlalchemy_url(url), poolclass=NullPool, isolation_level="AUTOCOMMIT",
                         connect_args=_connect_args(wait_ms))


def _sqlalchemy_url(url: str) -> str:
    return "postgresql+psycopg://" + url.split("://", 1)[1]


def _libpq_url(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


def _connect_args(wait_ms: int) -> dict[str, Any]:
    """Every connection: named in the server's activity view, and waiting for a lock `wait_ms` at
    most, as SQLite's busy timeout."""
    return {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "tracker",
            "options": f"-c lock_timeout={int(wait_ms)}"}


def shown_url(url: str) -> str:
    """The URL as messages show it: never with its password."""
    return shown_location(url)


#: A named parameter as SQLAlchemy's text() reads one (`:name`, not `::type`, not inside a word
#: like the `:00` of a time); `\:` is a colon that is not a parameter.
_PARAMETER = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")


@lru_cache(maxsize=1024)
def pyformat(sql: str) -> str:
    """The journal's `:name` SQL in psycopg's `%(name)s` style (a literal % doubled). Cached:
    most SQL is a constant."""
    return _PARAMETER.sub(r"%(\1)s", sql.replace("%", "%%")).replace("\\:", ":")


class _Result:
    """A cursor's result as Journal reads it: no rows (not an error) for a statement without any."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor
        self.rowcount = cursor.rowcount
        self.description = cursor.description

    def fetchall(self) -> list[tuple]:
        return self._cursor.fetchall() if self.description else []

    def fetchone(self) -> tuple | None:
        return self._cursor.fetchone() if self.description else None


#: PostgreSQL's SQLSTATEs for "a lock was not granted in time" and "the server went away".
_LOCK_NOT_AVAILABLE = "55P03"
_CONNECTION_CLASS = "08"
#: insufficient_privilege: a row-level security policy refused a row (a learner writing another
#: learner's), or a learner's role may not do this (change the schema).
_NOT_ALLOWED = "42501"
#: Every write transaction first takes this advisory lock, so writers to one journal queue one
#: after another as SQLite's BEGIN IMMEDIATE makes them (a read-then-write stays consistent), and
#: wait `lock_timeout` at most. Keyed by the role, so learners sharing a server don't queue on
#: each other.
_WRITE_LOCK = "SELECT pg_advisory_xact_lock(hashtext('tracker-journal:' || current_user))"


class _ServerConnection:
    """A psycopg connection with the interface Journal expects: named-parameter SQL, explicit
    transactions (BEGIN/COMMIT sent as SQL, the driver itself in autocommit, so a statement outside
    a transaction commits at once and a long-open UI never sits idle in a transaction)."""

    errors = (psycopg.Error,)

    def __init__(self, connection: psycopg.Connection, url: str) -> None:
        self._conn = connection
        self._url = url

    def explain(self, err: Exception) -> TrackerError | None:
        state = getattr(err, "sqlstate", None) or ""
        if state == _LOCK_NOT_AVAILABLE:
            return JournalBusy(shown_url(self._url))
        if state.startswith(_CONNECTION_CLASS) or isinstance(err, psycopg.OperationalError) and self._conn.closed:
            return failure(Msg.SERVER_GONE, url=shown_url(self._url), reason=_first_line(err))
        if state == _NOT_ALLOWED:
            return bad_input(Msg.NOT_YOURS, reason=_first_line(err))
        return None

    def execute(self, sql: str, params: Mapping[str, Any]) -> _Result:
        return _Result(self._conn.execute(pyformat(sql), dict(params)))

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        if params:
            with self._conn.cursor() as cursor:
                cursor.executemany(pyformat(sql), [dict(p) for p in params])

    def _send(self, sql: str) -> None:
        self._conn.execute(sql)

    def begin(self) -> None:
        self._send("BEGIN")
        self._send(_WRITE_LOCK)

    def begin_read(self) -> None:
        """One snapshot for a long read (an export), without the write lock."""
        self._send("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def commit(self) -> None:
        self._send("COMMIT")

    def rollback(self) -> None:
        try:
            self._send("ROLLBACK")
        except psycopg.Error:
            pass  # the connection is gone, and with it the transaction; the first error is the one to report

    def data_version(self) -> int:
        """PostgreSQL's count of rows written to this database's tables (its statistics, which a
        process sends when it commits and goes idle, or at the latest when it disconnects): it
        moves when anyone writes, which is all a screen needs to know to read again."""
        row = self._conn.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables").fetchone()
        return int(row[0])

    def close(self) -> None:
        self._conn.close()

    def backup(self, target: Any) -> None:
        raise NotImplementedError("backups of server databases are the server's job")


def connect(url: str, wait_ms: int = 10_000) -> psycopg.Connection:
    """A psycopg connection to the URL (autocommit), or one line: a URL that isn't one is the
    user's to fix (exit 2); a server that can't be reached or refuses the login is named with its
    host and the server's reason (exit 1)."""
    try:
        parts = urlsplit(url)
        host = f"{parts.hostname or 'localhost'}:{parts.port or 5432}"
    except ValueError as err:
        raise bad_input(Msg.URL, url=shown_url(url), reason=err) from None
    try:
        return psycopg.connect(_libpq_url(url), autocommit=True, **_connect_args(wait_ms))
    except psycopg.OperationalError as err:
        raise failure(Msg.SERVER_UNREACHABLE, host=host, reason=_server_reason(err)) from None
    except psycopg.ProgrammingError as err:  # libpq can't read the URL
        raise bad_input(Msg.URL, url=shown_url(url), reason=_first_line(err)) from None


def _server_reason(err: Exception) -> str:
    """The server's reason, from psycopg's 'connection to server at "h", port p failed: REASON'
    ('Connection refused', 'password authentication failed for user "ada"')."""
    reason = str(getattr(err, "orig", None) or err)
    lines = [line.strip() for line in reason.splitlines() if line.strip()]
    for line in lines:
        if " failed: " in line:
            return line.rsplit(" failed: ", 1)[1].removeprefix("FATAL:").strip()
    return lines[0] if lines else type(err).__name__


def _first_line(err: Exception) -> str:
    """The driver's own reason, without SQLAlchemy's SQL echo and background link."""
    reason = str(getattr(err, "orig", None) or err).strip()
    lines = [line.strip() for line in reason.splitlines() if line.strip()]
    return lines[0] if lines else type(err).__name__


def open_url_journal(url: str, wait_ms: int = 10_000) -> Journal:
    connection = connect(url, wait_ms)
    journal = Journal(_ServerConnection(connection, url), url, None)
    try:
        names = {row["tablename"] for row in journal.rows(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
        if names and "tracker_meta" not in names:
            raise bad_input(Msg.NOT_A_JOURNAL, path=shown_url(url))
        _upgrade(journal, names, url, wait_ms)
    except BaseException:
        journal.close()
        raise
    return journal


def _upgrade(journal: Journal, names: set[str], url: str, wait_ms: int) -> None:
    """Refuse a newer journal untouched; bring an older or new one to the head revision in one
    transaction (migrations.upgrade, on a SQLAlchemy connection of its own: Alembic needs one). A
    journal an older tracker made with create_all (schema 7, no alembic_version) is only stamped."""
    latest = migrations.SCHEMA_VERSION
    stored = journal.schema_version() if "tracker_meta" in names else 0
    if stored > latest:
        raise bad_input(Msg.NEWER_JOURNAL, path=shown_url(url), found=stored, known=latest)
    if stored == latest and "alembic_version" in names:
        return
    from sqlalchemy.exc import DBAPIError, OperationalError  # only for an upgrade

    engine = make_engine(url, wait_ms)
    try:
        with engine.connect() as connection:
            migrations.upgrade(connection)
    except OperationalError as err:
        raise failure(Msg.SERVER_GONE, url=shown_url(url), reason=_first_line(err)) from None
    except DBAPIError as err:
        if getattr(err.orig, "sqlstate", None) == _NOT_ALLOWED:  # a learner can't change the schema
            raise bad_input(Msg.UPGRADE_NEEDS_ADMIN, url=shown_url(url), found=stored,
                            known=latest) from None
        raise
    finally:
        engine.dispose()
    found = journal.schema_version()
    if found > latest:  # a newer tracker upgraded it meanwhile
        raise bad_input(Msg.NEWER_JOURNAL, path=shown_url(url), found=found, known=latest)
