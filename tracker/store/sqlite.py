"""Opening a journal: locate it, refuse what is not one, create or upgrade it, set SQLite up for
several writers (WAL, foreign keys, a busy timeout). A PostgreSQL URL goes to tracker.store.server,
which alone imports psycopg.

What can go wrong with the file is named in one line wherever it surfaces (`_explain`): a damaged
journal (with its latest backup), a full disk, a read-only journal, a journal another tracker kept
busy past the busy timeout. A journal that can't be written is opened read-only for commands that
only read.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import JournalBusy, Msg, TrackerError, bad_input, failure
from tracker.store import migrations
from tracker.store.database import Journal, shown_location

SQLITE_HEADER = b"SQLite format 3\x00"
#: How long a writer waits for another (the UI and a `tracker log` at once, or a long import)
#: before giving up: the longest write, a 100,000-row schedule import, holds the lock 1-2.5 s.
BUSY_TIMEOUT_MS = 10_000
#: Below this much free space, a disk I/O error is read as a full disk (SQLite reports a shared
#: memory file that can't grow as an I/O error, not as SQLITE_FULL).
FULL_DISK_BYTES = 1 << 20
# SQLite's primary result codes (the low byte of sqlite_errorcode) that say something about the file.
_BUSY, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 8, 10, 11, 13, 14, 26


#: The URL schemes of a server journal (tracker.store.server): SQLAlchemy's spelling, which
#: tracker has always taken, and libpq's.
SERVER_SCHEMES = ("postgresql+psycopg", "postgresql", "postgres")
#: A SQLite file spelled as a SQLAlchemy URL: sqlite:///path (sqlite+pysqlite:///path).
_SQLITE_URL = re.compile(r"sqlite(?:\+pysqlite)?:///(.+)", re.IGNORECASE)


def is_server_url(location: str) -> bool:
    return "://" in location and location.split("://", 1)[0].lower() in SERVER_SCHEMES


def sqlite_path(location: str) -> Path | None:
    """The file behind a plain path or a sqlite:/// URL; None for other URLs and in-memory."""
    if "://" not in location:
        return Path(location).expanduser()
    match = _SQLITE_URL.fullmatch(location)
    if match and match[1] != ":memory:":
        return Path(match[1]).expanduser()
    return None


def open_journal(location: str, create: bool = True, write: bool = True,
                 busy_timeout_ms: int | None = None) -> Journal:
    """Open (creating or upgrading as needed) the journal at a path or SQLAlchemy URL.

    A SQLite journal whose file or folder can't be written is opened read-only when the command
    only reads (`write=False`); a command that writes is refused in one line before it starts.
    A write waits `busy_timeout_ms` (BUSY_TIMEOUT_MS unless given: the UI waits less, so as not
    to freeze) for another tracker's, then fails with JournalBusy.
    """
    wait_ms = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
    if is_server_url(location):
        from tracker.store.server import open_url_journal  # psycopg: only for a server journal

        return open_url_journal(location, wait_ms)
    path = sqlite_path(location)
    if path is None:
        raise bad_input(Msg.URL, url=shown_location(location), reason=Msg.URL_KINDS.value)
    existed = _refuse_foreign_file(path)
    read_only = False
    if not existed:
        if not create:
            raise bad_input(Msg.NO_SUCH, thing="journal", name=str(path),
                            hint=": check the path (a `tracker log` there starts a new journal)")
        _make_parent(path)
    elif not _writable(path):
        if write:
            raise failure(Msg.JOURNAL_READ_ONLY, path=path)
        read_only = True
    try:
        conn = _connect(path, read_only, wait_ms)
    except sqlite3.Error as err:
        if not existed:
            _remove_stub(path)
        raise failure(Msg.UNWRITABLE, path=path, reason=err) from None
    journal = Journal(_SqliteConnection(conn, path), location, path, read_only=read_only)
    try:
        _prepare(journal, path, wait_ms)
    except BaseException as err:
        conn.close()
        if not existed and not isinstance(err, JournalBusy):
            # A journal that could not be made (a full disk) is not left behind as a stub; a busy
            # one is another tracker's, making it at the same moment.
            _remove_stub(path)
        raise
    return journal


def _connect(path: Path, read_only: bool, wait_ms: int) -> sqlite3.Connection:
    """A read-write connection, or for a journal that can't be written a read-only one. SQLite
    reads a WAL journal read-only only if it can open its -shm file; in a read-only folder
    without one, it is read as immutable (no one can write there to change it meanwhile)."""
    timeout = wait_ms / 1000
    if not read_only:
        return sqlite3.connect(path, isolation_level=None, timeout=timeout)
    uri = path.absolute().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=timeout)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as err:
        conn.close()
        if _primary_code(err) != _CANTOPEN:
            raise
        conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None, timeout=timeout)
    return conn


def _writable(path: Path) -> bool:
    """Whether a write can succeed: the file, and its folder (WAL needs -wal and -shm beside it)
    unless both already exist and are writable."""
    if not os.access(path, os.W_OK):
        return False
    if os.access(path.parent, os.W_OK | os.X_OK):
        return True
    siblings = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    return all(os.access(sibling, os.W_OK) for sibling in siblings)


def _remove_stub(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        except OSError:
            pass


class _SqliteConnection:
    """sqlite3 with named parameters and explicit transactions, the interface Journal expects."""

    #: What `explain` may name; other errors (a constraint) pass through as they are.
    errors = (sqlite3.DatabaseError,)

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._path = path

    def explain(self, err: Exception) -> TrackerError | None:
        return _explain(err, self._path)

    def execute(self, sql: str, params: Mapping[str, Any]) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        self._conn.executemany(sql, params)

    def begin(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def begin_read(self) -> None:
        """A read transaction: one snapshot (from its first read on) without the write lock, so in
        WAL mode writers go on meanwhile and a long import doesn't hold it up."""
        self._conn.execute("BEGIN DEFERRED")

    def commit(self) -> None:
        self._conn.execute("COMMIT")

    def rollback(self) -> None:
        if self._conn.in_transaction:
            try:
                self._conn.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                # A damaged or vanished file: SQLite drops the uncommitted changes anyway, and the
                # error that led here is the one to report.
                pass

    def close(self) -> None:
        self._conn.close()

    def backup(self, target: Path) -> None:
        """SQLite's online backup: a consistent copy even while other processes write."""
        copy = sqlite3.connect(target)
        try:
            self._conn.backup(copy)
        finally:
            copy.close()


def _refuse_foreign_file(path: Path) -> bool:
    """A file that exists, is not empty and is not SQLite is someone else's: never touch it. A
    folder, FIFO or device is refused from its stat, before anything opens it (a FIFO would
    block). Returns whether the file exists."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as err:
        raise failure(Msg.UNWRITABLE, path=path, reason=err.strerror or err) from None
    if not stat.S_ISREG(mode):
        raise bad_input(Msg.JOURNAL_NOT_A_FILE, path=path, kind=_kind(mode))
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    except OSError as err:
        raise failure(Msg.UNWRITABLE, path=path, reason=err.strerror or err) from None
    if header and header != SQLITE_HEADER:
        raise bad_input(Msg.NOT_A_JOURNAL, path=path)
    return True


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "a special file"


def _primary_code(err: Exception) -> int | None:
    code = getattr(err, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _explain(err: Exception, path: Path) -> TrackerError | None:
    """The one line for a SQLite error that is about the journal file, or None for the rest."""
    code = _primary_code(err)
    text = str(err)
    if code in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
        return damaged(path, text)
    if code == _FULL or "disk is full" in text:
        return failure(Msg.DISK_FULL, path=path, reason=text)
    if code == _READONLY or "readonly" in text:
        return failure(Msg.JOURNAL_READ_ONLY, path=path)
    if code == _BUSY or "database is locked" in text or "database is busy" in text:
        # Another process kept the write lock past the busy timeout, at BEGIN IMMEDIATE, at a
        # write or at COMMIT; the transaction is rolled back, so nothing of it was written.
        return JournalBusy(path)
    if code in (_IOERR, _CANTOPEN):
        if _free_bytes(path) < FULL_DISK_BYTES:
            return failure(Msg.DISK_FULL, path=path, reason=text)
        return failure(Msg.JOURNAL_IO, path=path, reason=text)
    return None


def _free_bytes(path: Path) -> int:
    try:
        import shutil  # only to tell a full disk from another I/O error

        return shutil.disk_usage(path.absolute().parent).free
    except OSError:
        return FULL_DISK_BYTES


def damaged(path: Path, reason: str) -> TrackerError:
    """A damaged journal, with where its latest backup is (or how to recover without one)."""
    backup = latest_backup(path)
    if backup is None:
        return failure(Msg.JOURNAL_DAMAGED_NO_BACKUP, path=path, reason=reason)
    return failure(Msg.JOURNAL_DAMAGED, path=path, reason=reason, backup=backup)


def latest_backup(path: Path) -> Path | None:
    """The newest `<name>.v<N>-<time>.bak` beside the journal (backup_file makes them)."""
    pattern = re.compile(re.escape(path.name) + r"\.v(\d+)-(\d{8}-\d{6})\.bak")
    found = []
    try:
        for entry in os.scandir(path.absolute().parent):
            match = pattern.fullmatch(entry.name)
            if match:
                found.append((match[2], int(match[1]), entry.name))
    except OSError:
        return None
    return path.with_name(max(found)[2]) if found else None


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise failure(Msg.UNWRITABLE, path=path.parent, reason=err.strerror or err) from None
    if not os.access(path.parent, os.W_OK):
        raise failure(Msg.UNWRITABLE, path=path.parent, reason="permission denied")


def _prepare(journal: Journal, path: Path, wait_ms: int) -> None:
    """Check, then configure, then create or migrate. Nothing is written to a foreign database."""
    try:
        tables = {r["name"] for r in journal.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        raise bad_input(Msg.NOT_A_JOURNAL, path=path) from None
    if tables and "tracker_meta" not in tables:
        raise bad_input(Msg.NOT_A_JOURNAL, path=path)
    if tables and not _is_tracker_meta(journal):
        raise bad_input(Msg.NOT_A_JOURNAL, path=path)
    if tables and _stored_version(journal) > migrations.SCHEMA_VERSION:
        # Refused before the pragmas below, which would change the file (WAL is in its header).
        raise bad_input(Msg.NEWER_JOURNAL, path=journal.location, found=_stored_version(journal),
                        known=migrations.SCHEMA_VERSION)
    try:
        journal.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
        journal.execute("PRAGMA foreign_keys = ON")
        if not journal.read_only:
            if journal.scalar("PRAGMA journal_mode") != "wal":
                journal.scalar("PRAGMA journal_mode = WAL")
            journal.execute("PRAGMA synchronous = NORMAL")
        upgrade(journal, backup_path=path, wait_ms=wait_ms)
    except sqlite3.OperationalError as err:
        if "readonly" in str(err) or "unable to open" in str(err):
            raise failure(Msg.UNWRITABLE, path=path, reason=err) from None
        raise


def _is_tracker_meta(journal: Journal) -> bool:
    return journal.scalar("SELECT value FROM tracker_meta WHERE key = 'app'") == migrations.APP_ID


def upgrade(journal: Journal, backup_path: Path | None, wait_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Bring the schema to the latest version; back the file up first when it held data.

    An up-to-date journal costs one query (no Alembic, no SQLAlchemy). An older or new one runs
    the Alembic revisions on a second, SQLAlchemy connection to the same file, in one transaction
    under BEGIN IMMEDIATE (migrations.upgrade), then closes it; the journal's own connection goes on.
    """
    latest = migrations.SCHEMA_VERSION
    current = _stored_version(journal)
    if current > latest:
        raise bad_input(Msg.NEWER_JOURNAL, path=journal.location, found=current, known=latest)
    if current == latest:
        return
    if journal.read_only:
        raise failure(Msg.JOURNAL_READ_ONLY_OLD, path=journal.location, found=current)
    if journal.path is None:
        raise failure(Msg.UNWRITABLE, path=journal.location, reason="an in-memory journal can't be upgraded")
    if current and backup_path is not None:
        backup_file(journal, backup_path, current)
    if not current and migrations.sqlite_same_as_baseline():
        _create_at_baseline(journal)
        return
    from sqlalchemy.exc import DBAPIError  # only for an upgrade

    engine = migrations.sqlite_engine(journal.path, wait_ms)
    try:
        with engine.connect() as connection:
            migrations.upgrade(connection)
    except DBAPIError as err:
        cause = err.orig if isinstance(err.orig, Exception) else err
        raise _explain(cause, journal.path) or cause from None
    finally:
        engine.dispose()
    found = _stored_version(journal)
    if found > latest:  # another, newer tracker upgraded it meanwhile
        raise bad_input(Msg.NEWER_JOURNAL, path=journal.location, found=found, known=latest)


def _create_at_baseline(journal: Journal) -> None:
    """A new journal while every revision after the baseline changes nothing on SQLite: what the
    revisions do there (the legacy scripts, then Alembic's stamp of the head), on the journal's own
    connection, in ~5 ms instead of Alembic's ~450 ms (its imports), for `tracker log` on a new
    journal. A test checks that the result is the same schema as Alembic makes; once a revision
    changes SQLite, new journals go through Alembic."""
    with journal.transaction():
        if _stored_version(journal):  # another tracker made it meanwhile
            return
        for version, _name, sql in migrations.migration_scripts():
            for statement in migrations.split_statements(sql):
                journal.execute(statement)
        journal.execute(migrations.ALEMBIC_VERSION_TABLE)
        journal.execute("INSERT INTO alembic_version (version_num) VALUES (:v)",
                        {"v": f"{migrations.SCHEMA_VERSION:04d}"})
        for key, value in (("app", migrations.APP_ID), ("schema_version", str(migrations.SCHEMA_VERSION))):
            journal.execute("INSERT INTO tracker_meta (key, value) VALUES (:key, :value)", {"key": key, "value": value})


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
