"""What can go wrong with the journal file is one line: a damaged journal (naming its latest
backup), a full disk (no stub left behind), a read-only journal (read, never written), and a
FIFO, folder or device given as the journal (refused before anything opens it)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from testkit.journals import load_sample

from tracker.errors import BAD_INPUT, FAILURE, TrackerError
from tracker.store import open_journal
from tracker.store import sqlite as store_sqlite


def corrupt(path: Path) -> None:
    """Overwrite the pages in the middle third of a journal with garbage; the file's header and
    the first page (the schema) stay as they were, as after a torn write or a bad sector."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for offset in range(size // 3 // 4096 * 4096, 2 * size // 3, 4096):
            handle.seek(offset)
            handle.write(b"\xde\xad\xbe\xef" * 1024)


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = load_sample(tmp_path / "journal.db")
    corrupt(path)
    return path


def _failure(call, code: int = FAILURE) -> str:
    with pytest.raises(TrackerError) as caught:
        call()
    assert caught.value.exit_code == code
    assert "\n" not in caught.value.line
    return caught.value.line


def _read_everything(journal) -> None:
    for table in journal.rows("SELECT name FROM sqlite_master WHERE type = 'table'"):
        journal.rows(f"SELECT * FROM {table['name']}")


# -- a damaged journal ------------------------------------------------------------------------
def test_a_damaged_journal_says_so_and_how_to_recover_without_a_backup(damaged: Path) -> None:
    def read() -> None:
        with open_journal(str(damaged), write=False) as journal:
            _read_everything(journal)

    line = _failure(read)
    assert line.startswith(f"{damaged} is damaged (database disk image is malformed)")
    assert "has no backup" in line and f"sqlite3 {damaged} .recover" in line


def test_a_damaged_journal_names_its_newest_backup(damaged: Path) -> None:
    for name in ("journal.db.v2-20260301-101500.bak", "journal.db.v3-20261101-090000.bak",
                 "journal.db.v3-20260901-235959.bak", "other.db.v4-20270101-000000.bak"):
        (damaged.parent / name).write_bytes(b"")

    def read() -> None:
        with open_journal(str(damaged), write=False) as journal:
            _read_everything(journal)

    line = _failure(read)
    assert f"its latest backup is {damaged.parent / 'journal.db.v3-20261101-090000.bak'}" in line


def test_a_write_into_a_damaged_journal_fails_and_leaves_it_as_it_was(damaged: Path) -> None:
    before = damaged.read_bytes()

    def write() -> None:
        with open_journal(str(damaged)) as journal, journal.transaction():
            for table in journal.rows("SELECT name FROM sqlite_master WHERE type = 'table'"):
                journal.execute(f"UPDATE {table['name']} SET rowid = rowid")

    assert "is damaged" in _failure(write)
    assert damaged.read_bytes() == before


# -- a full disk -------------------------------------------------------------------------------
def test_a_journal_that_fills_the_disk_while_it_is_made_is_not_left_behind(tmp_path: Path, monkeypatch) -> None:
    """The disk fills up after two pages (SQLite's max_page_count stands in for a small disk)."""
    connect = sqlite3.connect

    def small_disk(*args, **kwargs) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)
        conn.execute("PRAGMA max_page_count = 2")
        return conn

    monkeypatch.setattr(store_sqlite.sqlite3, "connect", small_disk)
    target = tmp_path / "journal.db"
    line = _failure(lambda: open_journal(str(target)))
    assert line.startswith(f"the disk holding {target} is full (database or disk is full)")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs (needs root and mount; skipped where that is not possible)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)],
                          capture_output=True, check=False)
    if done.returncode:
        pytest.skip(f"can't mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(folder: Path) -> None:
    handle = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(handle, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(handle)


def test_on_a_full_disk_a_new_journal_says_so_and_leaves_no_stub(small_disk: Path) -> None:
    _fill(small_disk)
    line = _failure(lambda: open_journal(str(small_disk / "journal.db")))
    assert "is full" in line
    assert [p.name for p in small_disk.iterdir()] == ["filler"]


def test_on_a_full_disk_a_journal_is_not_called_foreign(tmp_path: Path, small_disk: Path) -> None:
    """Copied there closed (no -shm file): SQLite can't make its shared-memory file to read it."""
    with open_journal(str(tmp_path / "journal.db")):
        pass
    shutil.copyfile(tmp_path / "journal.db", small_disk / "journal.db")
    _fill(small_disk)
    line = _failure(lambda: open_journal(str(small_disk / "journal.db"), write=False).close())
    assert line.startswith(f"the disk holding {small_disk / 'journal.db'} is full")


# -- a read-only journal -----------------------------------------------------------------------
def _pretend_read_only(monkeypatch, path: Path) -> None:
    """os.access says the journal can't be written (the file's mode 0444 for a learner who is not
    root), while SQLite can still make its -shm file beside it."""
    real = os.access

    def access(target, mode, *args, **kwargs) -> bool:
        if Path(target) == path and mode & os.W_OK:
            return False
        return real(target, mode, *args, **kwargs)

    monkeypatch.setattr(store_sqlite.os, "access", access)


def test_a_read_only_journal_is_read_and_a_write_is_refused_in_one_line(tmp_path: Path, monkeypatch) -> None:
    path = load_sample(tmp_path / "journal.db")
    before = path.read_bytes()
    _pretend_read_only(monkeypatch, path)
    with open_journal(str(path), create=False, write=False) as journal:
        assert journal.read_only
        assert journal.scalar("SELECT count(*) FROM study_session") > 0
        line = _failure(lambda: journal.execute("DELETE FROM study_session"))
    assert line.startswith(f"{path} is read-only")
    assert _failure(lambda: open_journal(str(path))).startswith(f"{path} is read-only")
    assert path.read_bytes() == before


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write into, holding the sample journal: chmod 0555 for a learner, a
    read-only tmpfs for root (skipped where mounting is not possible)."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    if os.geteuid() != 0:
        load_sample(folder / "journal.db")
        (folder / "journal.db").chmod(0o444)
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True, check=False)
    if done.returncode:
        pytest.skip(f"can't mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        load_sample(folder / "journal.db")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_journal_in_a_read_only_folder_is_read(read_only_folder: Path) -> None:
    path = read_only_folder / "journal.db"
    assert not (read_only_folder / "journal.db-shm").exists()  # SQLite can't make it: read as immutable
    with open_journal(str(path), create=False, write=False) as journal:
        assert journal.read_only
        assert journal.scalar("SELECT count(*) FROM study_session") > 0
    assert _failure(lambda: open_journal(str(path))).startswith(f"{path} is read-only")


# -- not a file ----------------------------------------------------------------------------------
def _within(seconds: float, call) -> None:
    errors: list[BaseException] = []

    def target() -> None:
        try:
            call()
        except BaseException as err:  # noqa: BLE001 - handed to the test's thread
            errors.append(err)

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    return worker.is_alive(), errors


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_fifo_folder_or_device_as_the_journal_is_refused_before_it_is_opened(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        target = tmp_path / "journal.db"
        os.mkfifo(target)
    else:
        target = tmp_path if kind == "folder" else Path(os.devnull)
    hung, errors = _within(10, lambda: open_journal(str(target)))
    if hung:
        os.close(os.open(target, os.O_WRONLY | os.O_NONBLOCK))  # let the blocked open go
        pytest.fail(f"opening a {kind} as the journal blocked")
    [error] = errors
    assert isinstance(error, TrackerError) and error.exit_code == BAD_INPUT
    assert "not a journal file (left untouched)" in error.line
