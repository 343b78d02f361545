"""Journals behind a SQLAlchemy URL other than a SQLite file (for example PostgreSQL).

SQLAlchemy is imported only here, and this module only when a URL is opened, so the SQLite path
never pays for it. The schema is created and upgraded by the Alembic revisions
(tracker.store.migrations), in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import create_engine, event, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from tracker.errors import JournalBusy, Msg, TrackerError, bad_input, failure
from tracker.store import migrations
from tracker.store.database import Journal, shown_location


def make_engine(url: str, wait_ms: int = 10_000):
    """The one place an engine is built from a URL. A journal holds one connection while it is
    open (no pool keeping it, and a server slot, after the command). On PostgreSQL statements
    outside a transaction commit at once, as on SQLite, so a long-open UI never sits idle in a
    transaction; a lock is waited for `wait_ms` at most, as SQLite's busy timeout."""
    options: dict[str, Any] = {"poolclass": NullPool}
    if url.startswith(("postgresql", "postgres")):
        options["isolation_level"] = "AUTOCOMMIT"
        options["connect_args"] = {"connect_timeout": 10, "application_name": "tracker",
                                   "options": f"-c lock_timeout={int(wait_ms)}"}
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
            cursor.close()

    return engine


def shown_url(url: str) -> str:
    """The URL as messages show it: never with its password."""
    return shown_location(url)


class _Result:
    def __init__(self, result: Any) -> None:
        self._result = result
        self.rowcount = result.rowcount
        self.description = [(key,) for key in result.keys()] if result.returns_rows else []

    def fetchall(self) -> list[tuple]:
        return [tuple(row) for row in self._result.fetchall()] if self.description else []

    def fetchone(self) -> tuple | None:
        row = self._result.fetchone() if self.description else None
        return None if row is None else tuple(row)


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


class _SqlAlchemyConnection:
    """A SQLAlchemy connection with the interface Journal expects: named-parameter SQL, explicit
    transactions (BEGIN/COMMIT sent as SQL, the driver itself in autocommit)."""

    errors = (DBAPIError,)

    def __init__(self, connection: Any, url: str) -> None:
        self._conn = connection
        self._url = url
        self._postgres = connection.dialect.name == "postgresql"

    def explain(self, err: Exception) -> TrackerError | None:
        state = getattr(getattr(err, "orig", None), "sqlstate", None) or ""
        if state == _LOCK_NOT_AVAILABLE:
            return JournalBusy(shown_url(self._url))
        if state.startswith(_CONNECTION_CLASS) or getattr(err, "connection_invalidated", False):
            return failure(Msg.SERVER_GONE, url=shown_url(self._url), reason=_first_line(err))
        if state == _NOT_ALLOWED:
            return bad_input(Msg.NOT_YOURS, reason=_first_line(err))
        return None

    def execute(self, sql: str, params: Mapping[str, Any]) -> _Result:
        return _Result(self._conn.execute(text(sql), dict(params)))

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        if params:
            self._conn.execute(text(sql), [dict(p) for p in params])

    def _send(self, sql: str) -> None:
        self._conn.exec_driver_sql(sql)

    def begin(self) -> None:
        if not self._postgres:
            self._send("BEGIN IMMEDIATE")
            return
        self._send("BEGIN")
        self._send(_WRITE_LOCK)

    def begin_read(self) -> None:
        """One snapshot for a long read (an export), without the write lock."""
        self._send("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" if self._postgres else "BEGIN DEFERRED")

    def commit(self) -> None:
        self._send("COMMIT")

    def rollback(self) -> None:
        try:
            self._send("ROLLBACK")
        except DBAPIError:
            pass  # the connection is gone, and with it the transaction; the first error is the one to report

    def data_version(self) -> int | None:
        """PostgreSQL's count of rows written to this database's tables (its statistics, which a
        process sends when it commits and goes idle, or at the latest when it disconnects): it
        moves when anyone writes, which is all a screen needs to know to read again."""
        if not self._postgres:
            return None
        return int(self._conn.exec_driver_sql(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables").scalar())

    def close(self) -> None:
        self._conn.close()

    def backup(self, target: Any) -> None:
        raise NotImplementedError("backups of server databases are the server's job")


def connect(url: str, wait_ms: int = 10_000):
    """A SQLAlchemy connection to the URL, or one line: a URL that isn't one, or a driver not
    installed, is the user's to fix (exit 2); a server that can't be reached or refuses the login
    is named with its host and the server's reason (exit 1)."""
    try:
        engine = make_engine(url, wait_ms)
    except (ArgumentError, ImportError) as err:
        raise bad_input(Msg.URL, url=shown_url(url), reason=_first_line(err)) from None
    try:
        return engine.connect()
    except OperationalError as err:
        where = make_url(url)
        host = f"{where.host or 'localhost'}:{where.port or 5432}" if where.drivername.startswith("postgres") else where.host
        raise failure(Msg.SERVER_UNREACHABLE, host=host, reason=_server_reason(err)) from None


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
    journal = Journal(_SqlAlchemyConnection(connection, url), url, None)
    names = set(inspect(connection).get_table_names())
    if names and "tracker_meta" not in names:
        journal.close()
        raise bad_input(Msg.NOT_A_JOURNAL, path=url)
    try:
        _upgrade(journal, connection, names, url)
    except BaseException:
        journal.close()
        raise
    return journal


def _upgrade(journal: Journal, connection: Any, names: set[str], url: str) -> None:
    """Refuse a newer journal untouched; bring an older or new one to the head revision in one
    transaction (migrations.upgrade). A journal an older tracker made with create_all (schema 7,
    no alembic_version) is only stamped."""
    latest = migrations.SCHEMA_VERSION
    stored = journal.schema_version() if "tracker_meta" in names else 0
    if stored > latest:
        raise bad_input(Msg.NEWER_JOURNAL, path=url, found=stored, known=latest)
    if stored == latest and "alembic_version" in names:
        return
    try:
        migrations.upgrade(connection)
    except DBAPIError as err:
        if getattr(err.orig, "sqlstate", None) == _NOT_ALLOWED:  # a learner can't change the schema
            raise bad_input(Msg.UPGRADE_NEEDS_ADMIN, url=shown_url(url), found=stored,
                            known=latest) from None
        raise
    found = journal.schema_version()
    if found > latest:  # a newer tracker upgraded it meanwhile
        raise bad_input(Msg.NEWER_JOURNAL, path=url, found=found, known=latest)
