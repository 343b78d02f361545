"""Journals behind a SQLAlchemy URL other than a SQLite file (for example PostgreSQL).

SQLAlchemy and SQLModel are imported only here, and this module only when a URL is opened, so
the SQLite path never pays for them. The schema is created from the SQLModel tables (portable
DDL) and stamped with the latest version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlmodel import SQLModel

import tracker.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from tracker.errors import Msg, bad_input, failure
from tracker.store import migrations
from tracker.store.database import Journal


def make_engine(url: str):
    """The one place an engine is built from a URL (SQLite pragmas set on every connection)."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA busy_timeout = 10000")
            cursor.close()

    return engine


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


class _SqlAlchemyConnection:
    def __init__(self, connection: Any) -> None:
        self._conn = connection
        self._transaction = None

    def execute(self, sql: str, params: Mapping[str, Any]) -> _Result:
        return _Result(self._conn.execute(text(sql), dict(params)))

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        if params:
            self._conn.execute(text(sql), [dict(p) for p in params])

    def begin(self) -> None:
        if self._conn.in_transaction():
            self._conn.commit()
        self._transaction = self._conn.begin()

    def commit(self) -> None:
        self._transaction.commit()

    def rollback(self) -> None:
        if self._transaction is not None and self._transaction.is_active:
            self._transaction.rollback()

    def close(self) -> None:
        self._conn.close()

    def backup(self, target: Any) -> None:
        raise NotImplementedError("backups of server databases are the server's job")


def open_url_journal(url: str) -> Journal:
    try:
        engine = make_engine(url)
        connection = engine.connect()
    except (ArgumentError, OperationalError, ImportError) as err:
        raise bad_input(Msg.URL, url=url, reason=str(err).splitlines()[0]) from None
    journal = Journal(_SqlAlchemyConnection(connection), url, None)
    names = set(inspect(connection).get_table_names())
    if names and "tracker_meta" not in names:
        journal.close()
        raise bad_input(Msg.NOT_A_JOURNAL, path=url)
    if not names:
        SQLModel.metadata.create_all(connection)
        with journal.transaction():
            journal.executemany(
                "INSERT INTO tracker_meta (key, value) VALUES (:key, :value)",
                [
                    {"key": "app", "value": migrations.APP_ID},
                    {"key": "schema_version", "value": str(migrations.latest_version())},
                ],
            )
    if journal.schema_version() != migrations.latest_version():
        journal.close()
        raise failure(Msg.SERVER_SCHEMA, url=url, found=journal.schema_version(), known=migrations.latest_version())
    return journal
