"""The journal database: schema versions, upgrades with backups, foreign files, concurrency."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from testkit.paths import TEST_DATA

from tracker.store import migrations, open_journal

V1_JOURNAL = TEST_DATA / "journal_v1.db"


# The schema itself (revisions against tables.py, legacy upgrades): tests/unit/test_migrations.py.


@pytest.mark.sqlite_only
def test_new_journal_uses_wal_foreign_keys_and_a_busy_timeout(journal) -> None:
    assert journal.scalar("PRAGMA journal_mode") == "wal"
    assert journal.scalar("PRAGMA foreign_keys") == 1
    assert journal.scalar("PRAGMA busy_timeout") >= 5000
    assert journal.schema_version() == migrations.SCHEMA_VERSION


def test_a_first_version_journal_upgrades_with_a_backup_and_nothing_lost(tmp_path: Path) -> None:
    copy = tmp_path / "journal.db"
    shutil.copyfile(V1_JOURNAL, copy)
    with sqlite3.connect(V1_JOURNAL) as old:
        old_sessions = old.execute("SELECT * FROM study_session ORDER BY id").fetchall()
        old_counts = {t: old.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("topic", "resource", "milestone", "learn_later", "week_note", "rest_day", "resource_progress")}
        assert old.execute("SELECT value FROM tracker_meta WHERE key = 'schema_version'").fetchone()[0] == "1"
    with open_journal(str(copy)) as journal:
        assert journal.schema_version() == migrations.SCHEMA_VERSION > 1
        assert [tuple(r.values()) for r in journal.rows("SELECT * FROM study_session ORDER BY id")] == old_sessions
        for table, number in old_counts.items():
            assert journal.scalar(f"SELECT count(*) FROM {table}") == number
        assert journal.scalar("SELECT count(*) FROM checkpoint_run") == 0
    backups = list(tmp_path.glob("journal.db.v1-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as backup:
        assert backup.execute("SELECT value FROM tracker_meta WHERE key = 'schema_version'").fetchone()[0] == "1"
        assert backup.execute("SELECT * FROM study_session ORDER BY id").fetchall() == old_sessions
    with open_journal(str(copy)):
        pass
    assert len(list(tmp_path.glob("*.bak"))) == 1, "an up-to-date journal is not backed up again"


def test_a_journal_from_a_newer_tracker_is_refused_untouched(tmp_path: Path) -> None:
    from tracker.errors import TrackerError

    path = tmp_path / "future.db"
    with open_journal(str(path)) as journal, journal.transaction():
        journal.execute("UPDATE tracker_meta SET value = '999' WHERE key = 'schema_version'")
    before = path.read_bytes()
    with pytest.raises(TrackerError, match="newer tracker"):
        open_journal(str(path))
    assert path.read_bytes() == before


def test_a_failed_write_leaves_nothing_behind(journal) -> None:
    from tracker.study import log_session

    with pytest.raises(RuntimeError):
        with journal.transaction():
            log_session(journal, minutes=30, topic="CNNs", day=date(2026, 11, 2))
            raise RuntimeError("power cut")
    assert journal.scalar("SELECT count(*) FROM study_session") == 0
    assert journal.scalar("SELECT count(*) FROM topic") == 0


def _log_many(path: str, worker: int, count: int) -> None:
    from tracker.study import log_session

    for i in range(count):
        # A new connection per session, like separate `tracker log` commands.
        with open_journal(path) as journal:
            log_session(journal, minutes=30, topic=f"Topic {i % 5}", day=date(2026, 1, 1) + timedelta(days=i),
                        note=f"worker {worker} session {i}", resource=f"Book {i % 3}")


def test_four_processes_logging_fifty_sessions_each_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "busy.db")
    open_journal(path).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_log_many, args=(path, n, 50)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    with open_journal(path) as journal:
        assert journal.scalar("SELECT count(*) FROM study_session") == 200
        assert journal.scalar("SELECT count(DISTINCT note) FROM study_session") == 200
        assert journal.scalar("SELECT count(*) FROM topic") == 5
        assert journal.scalar("SELECT count(*) FROM resource") == 3


def test_undo_of_a_delete_restores_the_same_row(journal) -> None:
    from tracker.study import delete_session, get_session, log_session, restore_session

    logged = log_session(journal, minutes=30, topic="CNNs", day=date(2026, 11, 2), note="pooling")
    row = delete_session(journal, logged.session["id"])
    assert journal.scalar("SELECT count(*) FROM study_session") == 0
    restore_session(journal, row)
    assert get_session(journal, logged.session["id"]) == logged.session
