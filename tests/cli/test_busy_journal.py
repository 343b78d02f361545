"""A journal another tracker keeps busy (a long import holds the write lock): a command that writes
waits the busy timeout, then says so in one line (exit 1, nothing written); reads go on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from testkit.locks import SHORT_BUSY_TIMEOUT_MS, write_lock_held

from tracker.errors import FAILURE, Msg
from tracker.store import open_journal


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tracker.store.sqlite.BUSY_TIMEOUT_MS", SHORT_BUSY_TIMEOUT_MS)


@pytest.fixture
def logged_once(cli, journal_location: str) -> str:
    assert cli("log", "45m", "Activations", "before the import").exit_code == 0
    return journal_location


def _sessions(location: str) -> list[str]:
    with open_journal(location) as journal:
        return [row["note"] for row in journal.rows("SELECT note FROM study_session ORDER BY id")]


@pytest.mark.parametrize("args", [
    ("log", "30m", "Backprop", "while busy"),
    ("topic", "add", "Attention"),
    ("resource", "add", "Deep Learning Book"),
])
def test_a_write_on_a_busy_journal_is_one_line_and_writes_nothing(cli, logged_once: str, args) -> None:
    with write_lock_held(logged_once):
        result = cli(*args)
    assert result.exit_code == FAILURE
    assert result.stderr == f"tracker: {Msg.JOURNAL_BUSY.value.format(path=logged_once)}\n"
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    assert _sessions(logged_once) == ["before the import"]
    assert cli(*args).exit_code == 0  # once the other tracker is done, the same command goes through


def test_reads_go_on_while_another_tracker_writes(cli, logged_once: str, tmp_path: Path) -> None:
    with write_lock_held(logged_once):
        sessions = cli("sessions")
        stats = cli("stats", "--json")
        export = cli("export", str(tmp_path / "out"))
    assert sessions.exit_code == 0 and "before the import" in sessions.stdout
    assert stats.exit_code == 0 and json.loads(stats.stdout)["today_minutes"] == 45
    assert export.exit_code == 0, export.stderr
    assert "before the import" in (tmp_path / "out" / "sessions.csv").read_text()
