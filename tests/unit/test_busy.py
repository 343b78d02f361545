"""Another tracker holding the write lock past the busy timeout is one line, wherever SQLite says
so (BEGIN IMMEDIATE, a write, COMMIT), and nothing of the write is left; a long read (an export)
takes one snapshot without the write lock, so it never holds writers up."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from testkit.clock import TODAY
from testkit.locks import SHORT_BUSY_TIMEOUT_MS, write_lock_held

from tracker import study
from tracker.errors import FAILURE, JournalBusy, Msg
from tracker.store import open_journal
from tracker.store import sqlite as store_sqlite
from tracker.store.database import stamps

INSERT_TOPIC = "INSERT INTO topic (name, notes, created_at, updated_at) VALUES (:name, '', :created_at, :updated_at)"


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_sqlite, "BUSY_TIMEOUT_MS", SHORT_BUSY_TIMEOUT_MS)


@pytest.fixture
def made(db_path: Path) -> Path:
    with open_journal(str(db_path)):
        pass
    return db_path


def _topics(path: Path) -> list[str]:
    with open_journal(str(path)) as journal:
        return [row["name"] for row in journal.rows("SELECT name FROM topic ORDER BY id")]


def _is_busy(err: JournalBusy, path: Path) -> None:
    assert err.exit_code == FAILURE
    assert err.line == Msg.JOURNAL_BUSY.value.format(path=path)


def test_busy_at_begin_immediate(made: Path) -> None:
    with write_lock_held(made), open_journal(str(made)) as journal, \
            pytest.raises(JournalBusy) as caught, journal.transaction():
        journal.insert(INSERT_TOPIC + " RETURNING id", {"name": "CNNs", **stamps()})
    _is_busy(caught.value, made)
    assert _topics(made) == []


def test_busy_at_a_write_outside_a_transaction(made: Path) -> None:
    with write_lock_held(made), open_journal(str(made)) as journal, pytest.raises(JournalBusy) as caught:
        journal.execute(INSERT_TOPIC, {"name": "CNNs", **stamps()})
    _is_busy(caught.value, made)


def test_busy_at_commit_rolls_the_write_back(made: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In WAL mode COMMIT rarely waits, but when SQLite says busy there the write is undone."""

    def refused(_self) -> None:
        raise sqlite3.OperationalError("database is locked")  # as the driver says it, no code

    monkeypatch.setattr(store_sqlite._SqliteConnection, "commit", refused)
    with open_journal(str(made)) as journal, pytest.raises(JournalBusy) as caught:
        study.log_session(journal, minutes=30, topic="CNNs", day=TODAY, today=TODAY)
    _is_busy(caught.value, made)
    monkeypatch.undo()
    assert _topics(made) == []


def test_a_log_waits_the_busy_timeout_asked_for(made: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line waits BUSY_TIMEOUT_MS for the other tracker; the UI asks for less."""
    monkeypatch.setattr(store_sqlite, "BUSY_TIMEOUT_MS", 400)
    with write_lock_held(made):
        for asked, least, most in ((None, 0.35, 5.0), (0, 0.0, 0.3)):
            with open_journal(str(made), busy_timeout_ms=asked) as journal:
                start = time.monotonic()
                with pytest.raises(JournalBusy), journal.transaction():
                    pass
                assert least <= time.monotonic() - start <= most


def test_a_read_snapshot_does_not_hold_writers_up(made: Path) -> None:
    with open_journal(str(made)) as reader, reader.transaction(write=False):
        assert reader.rows("SELECT name FROM topic") == []  # the snapshot starts at the first read
        with open_journal(str(made)) as writer, writer.transaction():  # not blocked by the reader
            writer.insert(INSERT_TOPIC + " RETURNING id", {"name": "CNNs", **stamps()})
        assert reader.rows("SELECT name FROM topic") == []  # still the snapshot's view
    assert _topics(made) == ["CNNs"]


def test_reads_go_on_while_another_tracker_holds_the_write_lock(made: Path) -> None:
    with open_journal(str(made)) as journal:
        journal.execute(INSERT_TOPIC, {"name": "CNNs", **stamps()})
    with write_lock_held(made):
        assert _topics(made) == ["CNNs"]
