"""The change signal: each committed write publishes the tables it touched, once; a rollback
publishes nothing; another connection's commit shows in data_version."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker import plan, study
from tracker.store import Change, open_journal, subscribe, unsubscribe
from tracker.store.database import DELETE_ALSO_WRITES, tables_written

DAY = date(2026, 11, 20)


@pytest.fixture
def published():
    """Every Change published while the test runs."""
    seen: list[Change] = []
    subscribe(seen.append)
    yield seen
    unsubscribe(seen.append)


def test_each_kind_of_write_publishes_the_tables_it_touched(journal, published: list[Change]) -> None:
    logged = study.log_session(journal, minutes=30, topic="CNNs", day=DAY, resource="CS231n")
    assert [c.tables for c in published] == [frozenset({"study_session", "topic", "resource"})]
    assert published[0].journal == journal.source

    published.clear()
    journal.update("study_session", logged.session["id"], {"minutes": 45})  # update(), outside a transaction
    with journal.transaction():
        journal.executemany("INSERT INTO rest_day (day, created_at, updated_at) VALUES (:day, 'x', 'x')",
                            [{"day": "2026-11-01"}, {"day": "2026-11-02"}])
        with journal.transaction():  # a nested block joins the outer one: one Change in all
            journal.execute("INSERT INTO tracker_meta (key, value) VALUES ('k', 'v') "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    journal.execute("DELETE FROM study_session WHERE id = :id", {"id": logged.session["id"]})
    assert [c.tables for c in published] == [
        frozenset({"study_session"}), frozenset({"rest_day", "tracker_meta"}), frozenset({"study_session"}),
    ]

    published.clear()
    journal.execute("DELETE FROM study_session WHERE id = -1")  # matched nothing: nothing changed
    journal.rows("SELECT * FROM study_session")
    journal.executemany("INSERT INTO rest_day (day, created_at, updated_at) VALUES (:day, 'x', 'x')", [])
    assert published == []

    # A delete also names what the schema's ON DELETE actions write.
    journal.execute("DELETE FROM resource WHERE id = :id", {"id": plan.list_resources(journal)[0]["id"]})
    assert [c.tables for c in published] == [frozenset({"resource", "study_session", "resource_progress"})]


def test_a_rolled_back_transaction_publishes_nothing(journal, published: list[Change]) -> None:
    with pytest.raises(RuntimeError), journal.transaction():
        journal.execute("INSERT INTO topic (name, notes, created_at, updated_at) VALUES ('x', '', 'a', 'a')")
        raise RuntimeError("changed my mind")
    assert published == []
    assert journal.scalar("SELECT count(*) FROM topic") == 0
    with journal.transaction():  # and what the rolled-back one wrote is not carried into the next
        journal.execute("INSERT INTO milestone (title, project, created_at, updated_at) VALUES ('m', '', 'a', 'a')")
    assert [c.tables for c in published] == [frozenset({"milestone"})]


@pytest.mark.parametrize(("sql", "tables"), [
    ("INSERT OR IGNORE INTO topic (name) VALUES (:n)", {"topic"}),
    ("REPLACE INTO card (id) VALUES (1)", {"card"}),
    ("update resource set units_done = 1", {"resource"}),
    ('DELETE FROM "card" WHERE id = 1', {"card", "review"}),
    ("INSERT INTO tracker_meta (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET value = 1",
     {"tracker_meta"}),
    ("CREATE TABLE IF NOT EXISTS rest_day (day TEXT)", {"rest_day"}),
    ("SELECT updated_at FROM study_session WHERE note = 'delete'", set()),
    ("PRAGMA data_version", set()),
])
def test_the_tables_a_statement_writes(sql: str, tables: set[str]) -> None:
    assert tables_written(sql) == frozenset(tables)


@pytest.mark.sqlite_only  # SQLite's catalogue; the server's schema agrees with it (test_migrations)
def test_the_delete_actions_known_are_the_schemas(journal) -> None:
    """Deleting from a table also writes what its ON DELETE actions touch: the map in the store
    says the same as the schema (a new foreign key with an action must be added there)."""
    actions: dict[str, set[str]] = {}
    for table in journal.rows("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for key in journal.rows(f"PRAGMA foreign_key_list({table['name']})"):
            if key["on_delete"].upper() in ("CASCADE", "SET NULL", "SET DEFAULT"):
                actions.setdefault(key["table"], set()).add(table["name"])
    assert actions == {parent: set(children) for parent, children in DELETE_ALSO_WRITES.items()}


def test_another_connections_commit_changes_data_version(db_path: Path) -> None:
    with open_journal(str(db_path)) as watcher, open_journal(str(db_path)) as writer:
        before = watcher.data_version()
        assert watcher.data_version() == before
        study.log_session(writer, minutes=10, topic="CNNs", day=DAY)
        assert watcher.data_version() != before
