"""Schema versions with Alembic: the revisions and tables.py agree on both engines, every legacy
SQLite journal upgrades with a backup and keeps its rows, a newer journal is refused untouched, a
server upgrade is one transaction."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.errors import TrackerError
from tracker.store import migrations, open_journal

HEAD = f"{migrations.SCHEMA_VERSION:04d}"
#: Alembic says so while comparing on SQLite; those indexes are PostgreSQL's (ddl_if), filtered below.
pytestmark = pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")


def _differences(connection) -> list:
    """What alembic's autogenerate finds between a journal and tables.py, less what it can't tell
    on SQLite (reflection limits, not schema differences; each checked another way below)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import tracker.store.tables  # noqa: F401

    dialect = connection.dialect.name

    def include_object(obj, name, kind, reflected, compare_to):  # noqa: ANN001
        # A construct made for the other engine only (ddl_if: case-insensitive uniqueness is a
        # NOCASE unique constraint on SQLite, a unique index on lower() on PostgreSQL).
        condition = getattr(obj, "_ddl_if", None)
        if condition is not None and condition.dialect not in (None, dialect):
            return False
        if dialect == "postgresql" and _server_only(name, kind):
            return False
        return name != "alembic_version"

    context = MigrationContext.configure(connection, opts={
        "compare_type": True, "compare_server_default": True, "include_object": include_object})
    found = []
    for diff in compare_metadata(context, SQLModel.metadata):
        changes = diff if isinstance(diff, list) else [diff]
        if dialect == "sqlite":
            changes = [change for change in changes if not _sqlite_reflection_limit(change)]
        else:
            changes = [change for change in changes if not _server_unique_replaced(change)]
        found.extend(changes)
    return found


def _server_only(name: str | None, kind: str) -> bool:
    """Learners and their privacy (0008) are PostgreSQL's only, listed in one place."""
    server = migrations.SERVER_ONLY
    groups = {"column": ("columns",), "table": ("tables",), "index": ("indexes", "replaced"),
              "unique_constraint": ("constraints",)}
    if kind == "index" and (name or "").endswith(server["index_suffix"]):
        return True
    return any(name in server[group] for group in groups.get(kind, ()))


def _server_unique_replaced(change: tuple) -> bool:
    """tables.py's single-column unique constraints (week_note.week, card.uid) are per learner on
    a server: uq_week_note_learner_week, uq_card_learner_uid (checked in test_group)."""
    return change[0] == "add_constraint" and [c.name for c in change[1].columns] in (["week"], ["uid"])


def _sqlite_reflection_limit(change: tuple) -> bool:
    kind = change[0]
    if kind == "modify_nullable" and change[3] in ("id", "key", "day") and change[5] is True:
        return True  # an INTEGER/TEXT PRIMARY KEY reflects as nullable (PRAGMA table_info's notnull = 0)
    if kind == "modify_type" and type(change[5]).__name__ == "REAL" and type(change[6]).__name__ == "Float":
        return True  # SQLite's REAL is SQLAlchemy's Float (the same 8-byte float)
    # SQLAlchemy doesn't reflect ON DELETE of an inline REFERENCES: a FK differing only in it shows
    # as remove + add (ON DELETE is compared with PRAGMA foreign_key_list instead).
    return kind in ("remove_fk", "add_fk")


def test_schema_version_is_the_head_revision() -> None:
    assert migrations.head_revision() == HEAD
    assert migrations.migration_scripts()[-1][0] == migrations.BASELINE_VERSION  # the frozen scripts


def test_a_new_sqlite_journal_agrees_with_the_tables(db_path: Path) -> None:
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    import tracker.store.tables  # noqa: F401

    open_journal(str(db_path)).close()
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as connection:
        assert _differences(connection) == []
        fks = {(table.name, fk.parent.name): (fk.ondelete or "NO ACTION")
               for table in SQLModel.metadata.tables.values() for fk in table.foreign_keys}
        stored = {(table, row[3]): row[6] for table in SQLModel.metadata.tables
                  for row in connection.exec_driver_sql(f"PRAGMA foreign_key_list({table})")}
        assert stored == fks
    engine.dispose()


def test_the_fast_new_journal_is_what_alembic_makes(tmp_path: Path) -> None:
    """A new SQLite journal is made without Alembic while the revisions after the baseline change
    nothing on SQLite (0008 is the server's): the same schema, stamped with the head."""
    fast, by_alembic = tmp_path / "fast.db", tmp_path / "alembic.db"
    open_journal(str(fast)).close()
    sqlite3.connect(by_alembic).close()
    engine = migrations.sqlite_engine(by_alembic, 10_000)
    with engine.connect() as connection:
        migrations.upgrade(connection)
    engine.dispose()

    def schema(path: Path) -> list:
        with sqlite3.connect(path) as conn:
            return [conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall(),
                    conn.execute("SELECT * FROM tracker_meta ORDER BY key").fetchall(),
                    conn.execute("SELECT * FROM alembic_version").fetchall()]

    assert schema(fast) == schema(by_alembic)
    assert schema(fast)[2] == [(HEAD,)]


def test_a_server_journal_agrees_with_the_tables(postgres_server) -> None:
    from sqlalchemy import create_engine

    url = postgres_server.url(postgres_server.database())
    open_journal(url).close()
    engine = create_engine(url)
    with engine.connect() as connection:
        assert _differences(connection) == []
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    engine.dispose()


def test_checks_and_case_insensitive_names_hold_on_both_engines(journal) -> None:
    """What compare_metadata can't see: CHECK constraints and the unique-ignoring-case rule."""
    stamp = {"c": "2026-11-02T00:00:00Z"}
    journal.execute("INSERT INTO topic (name, created_at, updated_at) VALUES ('CNNs', :c, :c)", stamp)
    bad = [
        "INSERT INTO topic (name, created_at, updated_at) VALUES ('cnns', :c, :c)",
        "INSERT INTO study_session (day, minutes, topic_id, created_at, updated_at) VALUES ('2026-11-02', 0, 1, :c, :c)",
        "INSERT INTO running_timer (id, topic, started_at, created_at, updated_at) VALUES (2, 'x', :c, :c, :c)",
    ]
    for sql in bad:
        with pytest.raises(Exception):  # noqa: B017, PT011  (the driver's IntegrityError, either engine)
            with journal.transaction():
                journal.execute(sql, stamp)
    assert journal.scalar("SELECT count(*) FROM topic") == 1
    assert journal.scalar("SELECT count(*) FROM study_session") == 0


# -- legacy SQLite journals -----------------------------------------------------------------------

def _legacy_journal(path: Path, version: int) -> dict[str, int]:
    """A journal as tracker made it at schema `version` (its scripts, its stamp), with a few rows;
    returns the row counts."""
    conn = sqlite3.connect(path)
    for number, _name, sql in migrations.migration_scripts():
        if number <= version:
            conn.executescript(sql)
    stamp = "2026-11-02T18:00:00Z"
    conn.executemany("INSERT INTO tracker_meta (key, value) VALUES (?, ?)",
                     [("app", migrations.APP_ID), ("schema_version", str(version))])
    conn.execute("INSERT INTO topic (name, created_at, updated_at) VALUES ('CNNs', ?, ?)", (stamp, stamp))
    conn.execute("INSERT INTO resource (title, created_at, updated_at) VALUES ('CS231n', ?, ?)", (stamp, stamp))
    for day in range(1, 4):
        conn.execute("INSERT INTO study_session (day, minutes, topic_id, resource_id, note, created_at, updated_at) "
                     "VALUES (?, 30, 1, 1, 'by hand', ?, ?)", (f"2026-11-0{day}", stamp, stamp))
    if version >= 2:
        conn.execute("INSERT INTO checkpoint_run (checkpoint, passed, seconds, ran_at, created_at, updated_at) "
                     "VALUES ('softmax', 1, 0.5, ?, ?, ?)", (stamp, stamp, stamp))
    if version >= 3:
        conn.execute("INSERT INTO card (uid, topic_id, front, due, created_at, updated_at) "
                     "VALUES ('u1', 1, 'What is a kernel?', ?, ?, ?)", (stamp, stamp, stamp))
        conn.execute("INSERT INTO review (card_id, rating, reviewed_at, created_at, updated_at) "
                     "VALUES (1, 3, ?, ?, ?)", (stamp, stamp, stamp))
    if version >= 6:
        conn.execute("INSERT INTO goal (kind, target, created_at, updated_at) VALUES ('weekly_hours', 5, ?, ?)",
                     (stamp, stamp))
    conn.commit()
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables
              if table != "tracker_meta"}
    conn.close()
    return counts


@pytest.mark.parametrize("version", range(1, migrations.BASELINE_VERSION))
def test_every_legacy_journal_upgrades_with_a_backup_and_keeps_every_row(version: int, tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    counts = _legacy_journal(path, version)
    with sqlite3.connect(path) as old:
        sessions = old.execute("SELECT * FROM study_session ORDER BY id").fetchall()
    with open_journal(str(path)) as journal:
        assert journal.schema_version() == migrations.SCHEMA_VERSION
        assert journal.scalar("SELECT version_num FROM alembic_version") == HEAD
        for table, number in counts.items():
            assert journal.scalar(f"SELECT count(*) FROM {table}") == number, table
        assert [tuple(r.values()) for r in journal.rows("SELECT * FROM study_session ORDER BY id")] == sessions
        if version >= 3:
            assert journal.row("SELECT suspended, front FROM card") == {"suspended": 0, "front": "What is a kernel?"}
            assert journal.scalar("SELECT source FROM review") == "tracker"
    backups = list(tmp_path.glob(f"journal.db.v{version}-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as backup:
        assert backup.execute("SELECT value FROM tracker_meta WHERE key = 'schema_version'").fetchone() == (str(version),)
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert _differences(connection) == []
    engine.dispose()


def test_a_schema_7_journal_without_alembic_is_stamped_when_a_later_revision_comes(tmp_path: Path) -> None:
    """Journals made before Alembic (schema 7, no alembic_version) go through Alembic once 0008
    exists (with their backup): the baseline adds nothing, 0008 nothing on SQLite but the stamp."""
    path = tmp_path / "journal.db"
    counts = _legacy_journal(path, 7)
    with open_journal(str(path)) as journal:
        assert journal.scalar("SELECT version_num FROM alembic_version") == HEAD
        assert journal.schema_version() == migrations.SCHEMA_VERSION
        assert {t: journal.scalar(f"SELECT count(*) FROM {t}") for t in counts} == counts
    assert len(list(tmp_path.glob("journal.db.v7-*.bak"))) == 1


def test_two_processes_upgrading_one_old_journal_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    counts = _legacy_journal(path, 2)
    script = f"from tracker.store import open_journal\nopen_journal({str(path)!r}).close()\n"
    runs = [subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    with open_journal(str(path)) as journal:
        assert journal.schema_version() == migrations.SCHEMA_VERSION
        assert {t: journal.scalar(f"SELECT count(*) FROM {t}") for t in counts} == counts


# -- newer journals, failed upgrades --------------------------------------------------------------

def test_a_newer_sqlite_journal_is_refused_in_one_line_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    _legacy_journal(path, 7)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE tracker_meta SET value = '99' WHERE key = 'schema_version'")
    before = path.read_bytes()
    with pytest.raises(TrackerError, match="newer tracker") as refused:
        open_journal(str(path))
    assert "\n" not in str(refused.value)
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_a_newer_server_journal_is_refused_in_one_line_untouched(postgres_server) -> None:
    url = postgres_server.journal()
    with open_journal(url) as journal, journal.transaction():
        journal.execute("UPDATE tracker_meta SET value = '99' WHERE key = 'schema_version'")
        journal.execute("INSERT INTO topic (name, created_at, updated_at) VALUES ('CNNs', 'x', 'x')")
    with pytest.raises(TrackerError, match="newer tracker") as refused:
        open_journal(url)
    assert "\n" not in str(refused.value)
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT value FROM tracker_meta WHERE key = 'schema_version'").scalar() == "99"
        assert connection.exec_driver_sql("SELECT count(*) FROM topic").scalar() == 1
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    engine.dispose()


def test_a_server_journal_made_by_create_all_is_stamped_and_kept(postgres_server) -> None:
    """An older tracker made server journals with create_all and stamped them 7, without Alembic."""
    from alembic import command
    from sqlalchemy import create_engine, text

    url = postgres_server.url(postgres_server.database())
    engine = create_engine(url)
    with engine.begin() as connection:  # schema 7 as create_all made it: the baseline's tables
        command.upgrade(migrations.alembic_config(connection), "0007")
        connection.exec_driver_sql("DROP TABLE alembic_version")
        connection.execute(text("INSERT INTO topic (name, created_at, updated_at) VALUES ('CNNs', 'x', 'x')"))
    with open_journal(url) as journal:
        assert journal.scalar("SELECT version_num FROM alembic_version") == HEAD
        assert journal.scalar("SELECT count(*) FROM topic") == 1
    engine.dispose()


def test_a_failed_server_upgrade_changes_nothing(postgres_server, tmp_path: Path, monkeypatch) -> None:
    """A revision after the baseline that fails halfway: the baseline's tables are gone too (one
    transaction), so the database is as empty as before."""
    from sqlalchemy import create_engine, inspect

    package = Path(migrations.__file__).parent / "alembic"
    scripts = tmp_path / "alembic"
    shutil.copytree(package, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0099_broken.py").write_text(
        'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "0099"\n'
        f'down_revision = "{HEAD}"\n'
        'branch_labels = depends_on = None\n\n\ndef upgrade():\n'
        '    op.add_column("topic", sa.Column("colour", sa.Text()))\n'
        '    op.execute("SELECT no_such_function()")\n')
    original = migrations.alembic_config

    def from_the_copy(connection):  # noqa: ANN001, ANN202
        config = original(connection)
        config.set_main_option("script_location", str(scripts))
        return config

    monkeypatch.setattr(migrations, "alembic_config", from_the_copy)
    url = postgres_server.url(postgres_server.database())
    with pytest.raises(Exception, match="no_such_function"):  # noqa: PT011
        open_journal(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        assert inspect(connection).get_table_names() == []
    engine.dispose()


def test_opening_an_up_to_date_journal_imports_neither_alembic_nor_sqlalchemy(db_path: Path) -> None:
    open_journal(str(db_path)).close()
    script = ("import sys\nfrom tracker.store import open_journal\n"
              f"open_journal({str(db_path)!r}).close()\n"
              "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'sqlalchemy', 'sqlmodel'}))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "[]", result.stderr
