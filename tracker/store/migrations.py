"""Schema versions: one Alembic history (tracker/store/alembic) for SQLite and PostgreSQL.

Revision ids are the schema numbers ("0007", "0008", ...); every revision also writes
tracker_meta.schema_version, the integer older trackers read to refuse a newer journal. The
baseline, "0007", brings a SQLite journal of any older version to schema 7 with the frozen legacy
scripts in store/sql/ (and creates the tables on a server); how to add a revision is in
store/alembic/env.py.

Opening an up-to-date journal compares schema_version with SCHEMA_VERSION and imports nothing
from here beyond that constant; only an older or new journal imports Alembic and SQLAlchemy
(about 0.45 s) and runs `upgrade(connection)`, in one transaction under the journal's write lock.
"""

from __future__ import annotations

import re
from typing import Any

APP_ID = "ml-study-tracker"
#: The newest schema this code knows: the head revision's number (a test checks it). A constant,
#: so opening an up-to-date journal reads neither the package's files nor Alembic.
SCHEMA_VERSION = 8
#: The baseline revision's schema: what the legacy scripts make. While every revision after it is
#: in SQLITE_UNCHANGED, a new SQLite journal is made without Alembic (sqlite._create_at_baseline).
BASELINE_VERSION = 7
#: Revisions that change nothing on SQLite but the version (server-only: 0008, learners and row
#: security); a new SQLite journal made at the baseline is stamped with the head past them.
SQLITE_UNCHANGED = frozenset({8})
#: What the revisions make on PostgreSQL only and tables.py leaves out (tables.py is the schema
#: of every engine; learners exist on a server only): the column every journal table gets there,
#: its tables, indexes and constraints. tests/unit/test_migrations.py reads this list.
SERVER_ONLY = {
    "columns": frozenset({"learner"}),
    "tables": frozenset({"group_share"}),
    #: ix_<table>_learner on every journal table, and these:
    "index_suffix": "_learner",
    "indexes": frozenset({"ux_topic_learner_name_lower", "ux_resource_learner_title_lower",
                          "ix_review_learner_anki_revlog"}),
    "constraints": frozenset({"uq_week_note_learner_week", "uq_card_learner_uid"}),
    #: tables.py's constructs that a server replaces by a per-learner one above.
    "replaced": frozenset({"ux_topic_name_lower", "ux_resource_title_lower", "ix_review_anki_revlog"}),
}
#: The table Alembic makes to hold a journal's revision, as it makes it on SQLite (a test checks).
ALEMBIC_VERSION_TABLE = ("CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, "
                         "\n\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)")
#: The PostgreSQL advisory lock an upgrade holds for its transaction, so two trackers opening an
#: old journal at once migrate it once (the second then finds it at head).
UPGRADE_LOCK = 0x7472_6163  # "trac"


def alembic_config(connection: Any):
    """Alembic's configuration, built in code (no alembic.ini): the revisions shipped in the package,
    run on `connection`."""
    from importlib import resources

    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("tracker.store") / "alembic"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(None)).get_current_head()


def upgrade(connection: Any) -> None:
    """`alembic upgrade head` in ONE transaction on a SQLAlchemy connection, holding the write lock
    from its start, so a journal another process just upgraded is found at head and left as it
    is (Alembic reads its revision under the lock). Nothing is kept of a failed upgrade: both
    engines have transactional DDL.

    SQLite: a connection of `sqlite_engine`, whose transactions start with BEGIN IMMEDIATE.
    PostgreSQL: the journal's own connection, the driver in autocommit (server.make_engine), so
    the transaction is sent as SQL, with an advisory lock for the database's upgrade.
    """
    from alembic import command
    from sqlalchemy import text

    if connection.in_transaction():
        connection.commit()
    if connection.dialect.name != "postgresql":
        with connection.begin():
            command.upgrade(alembic_config(connection), "head")
        return
    connection.exec_driver_sql("BEGIN")
    try:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
        command.upgrade(alembic_config(connection), "head")
    except BaseException:
        connection.exec_driver_sql("ROLLBACK")
        raise
    connection.exec_driver_sql("COMMIT")
    connection.commit()  # SQLAlchemy's own record of the (autocommit) transaction


def sqlite_engine(path: Any, busy_timeout_ms: int):
    """A SQLAlchemy engine on a SQLite file for upgrades: sqlite3 left in autocommit, so the
    transaction is SQLAlchemy's and starts with BEGIN IMMEDIATE (the write lock up front, DDL
    included; pysqlite's own BEGIN would be deferred and skip DDL)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool,
                           connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _autocommit(dbapi_connection, _record):  # noqa: ANN001
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @event.listens_for(engine, "begin")
    def _immediate(connection):  # noqa: ANN001
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def record_version(connection: Any, version: int) -> None:
    """Write the app id and `version` to tracker_meta (every revision ends with this)."""
    from sqlalchemy import text

    for key, value in (("app", APP_ID), ("schema_version", str(version))):
        connection.execute(
            text("INSERT INTO tracker_meta (key, value) VALUES (:key, :value) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
            {"key": key, "value": value},
        )


# -- the legacy scripts (schemas 1-7, frozen: the baseline revision applies them on SQLite) --------

def apply_legacy_scripts(connection: Any) -> None:
    """The scripts a SQLite journal hasn't got yet, by its stored schema_version (all for a new one)."""
    from sqlalchemy import inspect, text

    current = 0
    if inspect(connection).has_table("tracker_meta"):
        stored = connection.execute(text("SELECT value FROM tracker_meta WHERE key = 'schema_version'")).scalar()
        current = int(stored or 0)
    for version, _name, sql in migration_scripts():
        if version > current:
            for statement in split_statements(sql):
                connection.exec_driver_sql(statement)
            record_version(connection, version)


def migration_scripts() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every legacy script in store/sql, in version order."""
    from importlib import resources

    folder = resources.files("tracker.store") / "sql"
    scripts = []
    for entry in folder.iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            scripts.append((int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return sorted(scripts)


def latest_version() -> int:
    return SCHEMA_VERSION


def sqlite_same_as_baseline() -> bool:
    """Whether a new SQLite journal at the head is the baseline's schema (only stamped later)."""
    return all(version in SQLITE_UNCHANGED for version in range(BASELINE_VERSION + 1, SCHEMA_VERSION + 1))


def split_statements(sql: str) -> list[str]:
    """Statements of a script; scripts keep to one statement per `;`-terminated block, no triggers."""
    without_comments = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    return [part.strip() for part in without_comments.split(";") if part.strip()]
