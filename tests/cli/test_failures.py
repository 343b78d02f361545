"""Every failure is one clear line: exit 2 for the learner's mistake with nothing written, exit 1
for the rest, never a traceback or "unexpected error" (issue 12, item 8)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from testkit.journals import load_sample

from tracker.store import sqlite as store_sqlite


def one_line(result, code: int) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "unexpected error" not in lines[0] and "Traceback" not in result.output
    return lines[0]


def tracker_process(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`tracker ARGS` in its own process, so a command that blocks (a FIFO) fails the test
    instead of hanging it."""
    return subprocess.run([sys.executable, "-m", "tracker.cli.main", *args], capture_output=True,
                          text=True, timeout=timeout, env=os.environ.copy(), check=False)


# -- notes files --------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["missing", "folder", "latin-1"])
def test_check_run_file_names_what_is_wrong_with_the_notes_file(cli, tmp_path: Path, db_path: Path, kind: str) -> None:
    notes = tmp_path / "notes.md"
    expected = {"missing": f"tracker: {notes} does not exist",
                "folder": f"tracker: {notes} is a folder, not a file: give the notes as a plain file",
                "latin-1": f"tracker: {notes} is not UTF-8 text: save the notes as UTF-8"}[kind]
    if kind == "folder":
        notes.mkdir()
    elif kind == "latin-1":
        notes.write_bytes("```python checkpoint\nassert 'café'\n```\n".encode("latin-1"))
    assert one_line(cli("check", "run", "--file", str(notes)), 2) == expected
    assert not db_path.exists(), "nothing is written, not even a new journal"


def test_check_run_file_refuses_a_fifo_without_waiting(tmp_path: Path, db_path: Path) -> None:
    fifo = tmp_path / "notes.md"
    os.mkfifo(fifo)
    try:
        done = tracker_process("--db", str(db_path), "check", "run", "--file", str(fifo), timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("check run --file blocked on a FIFO")
    assert done.returncode == 2
    assert done.stderr.strip() == f"tracker: {fifo} is a named pipe (FIFO), not a file: give the notes as a plain file"


def test_a_notes_file_of_an_import_that_is_a_fifo_is_refused(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "journal"
    (folder / "topics").mkdir(parents=True)
    (folder / "sessions.csv").write_text("date,minutes,topic\n2026-11-01,30,Calculus\n")
    (folder / "topics.csv").write_text("name,notes_file\nCalculus,topics/calculus.md\n")
    os.mkfifo(folder / "topics" / "calculus.md")
    try:
        done = tracker_process("--db", str(db_path), "import", str(folder), timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("the import blocked on a FIFO")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        f"tracker: {folder / 'topics.csv'}, line 2: topics/calculus.md (named in this row) is a named pipe "
        "(FIFO), not a file: give the notes as a plain file")


def test_a_notes_file_of_an_import_that_is_not_utf8_is_one_line(cli, tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    (folder / "weeks").mkdir(parents=True)
    (folder / "sessions.csv").write_text("date,minutes,topic\n2026-11-01,30,Calculus\n")
    (folder / "weeks.csv").write_text("week,reflection_file\n2026-W44,weeks/2026-W44.md\n")
    (folder / "weeks" / "2026-W44.md").write_bytes(b"caf\xe9\n")
    line = one_line(cli("import", str(folder)), 2)
    assert line.endswith("weeks.csv, line 2: weeks/2026-W44.md (named in this row) is not UTF-8 text: save the reflection as UTF-8")


# -- the journal file -----------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_fifo_folder_or_device_as_db_is_one_line(tmp_path: Path, kind: str) -> None:
    target = {"fifo": tmp_path / "journal.db", "folder": tmp_path, "device": Path(os.devnull)}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    try:
        done = tracker_process("--db", str(target), "stats", timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"a {kind} as --db blocked")
    assert done.returncode == 2
    assert done.stderr.strip().endswith("not a journal file (left untouched): choose a file with --db")


def corrupt(path: Path) -> None:
    """Garbage over the pages in the middle third of the file; the header and schema page stay."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for offset in range(size // 3 // 4096 * 4096, 2 * size // 3, 4096):
            handle.seek(offset)
            handle.write(b"\xde\xad\xbe\xef" * 1024)


@pytest.mark.parametrize("command", [["stats"], ["sessions"], ["export", "OUT"], ["charts", "--out", "OUT"],
                                     ["log", "30m", "Calculus", "more"]])
def test_a_damaged_journal_says_so_and_names_its_latest_backup(cli, tmp_path: Path, db_path: Path, command) -> None:
    load_sample(db_path)
    backup = db_path.with_name("journal.db.v3-20261120-080000.bak")
    backup.write_bytes(b"")
    corrupt(db_path)
    before = db_path.read_bytes()
    args = [str(tmp_path / "out") if arg == "OUT" else arg for arg in command]
    line = one_line(cli(*args), 1)
    assert line.startswith(f"tracker: {db_path} is damaged (database disk image is malformed): its latest backup is {backup}")
    assert db_path.read_bytes() == before
    assert not (tmp_path / "out").exists()


def test_a_full_disk_says_so_and_leaves_no_stub(cli, tmp_path: Path, monkeypatch) -> None:
    """The disk fills after two pages (SQLite's max_page_count stands in for a small disk; the
    unit tests also try a real full tmpfs where mounting is possible)."""
    connect = sqlite3.connect

    def small_disk(*args, **kwargs) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)
        conn.execute("PRAGMA max_page_count = 2")
        return conn

    monkeypatch.setattr(store_sqlite.sqlite3, "connect", small_disk)
    target = tmp_path / "new" / "journal.db"
    line = one_line(cli("log", "30m", "Calculus", db=target), 1)
    assert line.startswith(f"tracker: the disk holding {target} is full")
    assert list(target.parent.iterdir()) == []


@pytest.fixture
def read_only_journal(tmp_path: Path) -> Iterator[Path]:
    """The sample journal in a folder nobody may write into: mode 0444 in a 0555 folder for a
    learner; a read-only tmpfs for root (skipped where mounting is not possible)."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    if os.geteuid() != 0:
        load_sample(folder / "journal.db").chmod(0o444)
        folder.chmod(0o555)
        yield folder / "journal.db"
        folder.chmod(0o755)
        return
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True, check=False)
    if done.returncode:
        pytest.skip(f"can't mount a tmpfs here: {done.stderr.strip()!r}")
    try:
        load_sample(folder / "journal.db")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder / "journal.db"
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_read_only_journal_is_read_and_a_write_is_one_line(cli, read_only_journal: Path) -> None:
    before = read_only_journal.read_bytes()
    stats = cli("stats", db=read_only_journal)
    assert stats.exit_code == 0 and "hours in all" in stats.stdout, stats.output
    assert cli("sessions", db=read_only_journal).exit_code == 0
    line = one_line(cli("log", "30m", "Calculus", db=read_only_journal), 1)
    assert line.startswith(f"tracker: {read_only_journal} is read-only")
    assert read_only_journal.read_bytes() == before
