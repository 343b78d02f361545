"""Opening a journal: locate it, refuse what is not one, create or upgrade it, set SQLite up for
several writers (WAL, foreign keys, a busy timeout). A URL that is not SQLite goes to
tracker.store.server, which alone imports SQLAlchemy.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import Msg, bad_input, failure
from tracker.store import migrations
from tracker.store.database import Journal

SQLITE_HEADER = b"SQLite format 3\x00"
#: How long a writer waits for another (the UI and a `tracker log` at once) before giving up.
BUSY_TIMEOUT_MS = 10_000


def sqlite_path(location: str) -> Path | None:
    """The file behind a plain path or a sqlite:/// URL; None for other URLs and in-memory."""
    if "://" not in location:
        return Path(location).expanduser()
    if location.startswith("sqlite:///") and location != "sqlite:///:memory:":
        return Path(location.removeprefix("sqlite:///")).expanduser()
    return None


def open_journal(location: str, create: bool = True) -> Journal:
    """Open (creating or upgrading as needed) the journal at a path or SQLAlchemy URL."""
    path = sqlite_path(location)
    if path is None:
        from tracker.store.server import (
            open_url_journal,  # SQLAlchemy: only for server URLs
        )

        return open_url_journal(location)
    _refuse_foreign_file(path)
    if not path.exists():
        if not create:
            raise bad_input(Msg.NO_SUCH, thing="journal", name=str(path),
                            hint=": check the path (a `tracker log` there starts a new journal)")
        _make_parent(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as err:
        raise failure(Msg.UNWRITABLE, path=path, reason=err) from None
    journal = Journal(_SqliteConnection(conn), location, path)
    try:
        _prepare(journal, conn, path)
    except BaseException:
        conn.close()
        raise
    return journal


class _SqliteConnection:
    """sqlite3 with named parameters and explicit transactions, the interface Journal expects."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Mapping[str, Any]) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        self._conn.executemany(sql, params)

    def begin(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self._conn.execute("COMMIT")

    def rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def close(self) -> None:
        self._conn.close()

    def backup(self, target: Path) -> None:
        """SQLite's online backup: a consistent copy even while other processes write."""
        copy = sqlite3.connect(target)
        try:
            self._conn.backup(copy)
        finally:
            copy.close()


def _refuse_foreign_file(path: Path) -> None:
    """A file that exists, is not empty and is not SQLite is someone else's: never touch it."""
    if path.is_dir():
        raise bad_input(Msg.NOT_A_JOURNAL, path=path)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as err:
        raise failure(Msg.UNWRITABLE, path=path, reason=err.strerror or err) from None
    if header and header != SQLITE_HEADER:
        raise bad_input(Msg.NOT_A_JOURNAL, path=path)


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise failure(Msg.UNWRITABLE, path=path.parent, reason=err.strerror or err) from None
    if not os.access(path.parent, os.W_OK):
        raise failure(Msg.UNWRITABLE, path=path.parent, reason="permission denied")


def _prepare(journal: Journal, conn: sqlite3.Connection, path: Path) -> None:
    """Check, then configure, then create or migrate. Nothing is written to a foreign database."""
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        raise bad_input(Msg.NOT_A_JOURNAL, path=path) from None
    if tables and "tracker_meta" not in tables:
        raise bad_input(Msg.NOT_A_JOURNAL, path=path)
    if tables and not _is_tracker_meta(journal):
        raise bad_input(Msg.NOT_A_JOURNAL, path=path)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        upgrade(journal, backup_path=path)
    except sqlite3.OperationalError as err:
        if "readonly" in str(err) or "unable to open" in str(err):
            raise failure(Msg.UNWRITABLE, path=path, reason=err) from None
        raise


def _is_tracker_meta(journal: Journal) -> bool:
    return journal.scalar("SELECT value FROM tracker_meta WHERE key = 'app'") == migrations.APP_ID


def upgrade(journal: Journal, backup_path: Path | None) -> None:
    """Bring the schema to the latest version; back the file up first when it held data."""
    latest = migrations.SCHEMA_VERSION
    current = _stored_version(journal)
    if current > latest:
        raise bad_input(Msg.NEWER_JOURNAL, path=journal.location, found=current, known=latest)
    if current == latest:
        return
    scripts = migrations.migration_scripts()
    if current and backup_path is not None:
        backup_file(journal, backup_path, current)
    for version, _name, sql in scripts:
        with journal.transaction():
            # Read again under the write lock: another process may have migrated meanwhile.
            if _stored_version(journal) >= version:
                continue
            for statement in migrations.split_statements(sql):
                journal.execute(statement)
            for key, value in (("app", migrations.APP_ID), ("schema_version", str(version))):
                journal.execute(
                    "INSERT INTO tracker_meta (key, value) VALUES (:key, :value) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    {"key": key, "value": value},
                )


def _stored_version(journal: Journal) -> int:
    exists = journal.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'tracker_meta'")
    return journal.schema_version() if exists else 0


def backup_file(journal: Journal, path: Path, version: int) -> Path:
    """Copy the journal to <name>.v<version>-<time>.bak with SQLite's online backup (WAL-safe)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    try:
        journal.backup(target)
    except sqlite3.Error as err:
        target.unlink(missing_ok=True)
        raise failure(Msg.UNWRITABLE, path=target, reason=err) from None
    return target
