"""Another tracker holding the journal's write lock (as a long import does), for the busy tests."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: The busy timeout the busy tests patch in (tracker.store.sqlite.BUSY_TIMEOUT_MS), so that a
#: write gives up at once instead of after the real 10 s.
SHORT_BUSY_TIMEOUT_MS = 50


class LockHolder:
    """A second connection in a write transaction (BEGIN IMMEDIATE) until `release()`."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path, isolation_level=None)
        self._conn.execute("BEGIN IMMEDIATE")

    @property
    def holding(self) -> bool:
        return self._conn.in_transaction

    def release(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def close(self) -> None:
        self.release()
        self._conn.close()


@contextmanager
def write_lock_held(path: Path) -> Iterator[LockHolder]:
    """The journal at `path` (which must exist) with its write lock taken by someone else."""
    holder = LockHolder(path)
    try:
        yield holder
    finally:
        holder.close()


@contextmanager
def write_lock_held_for(path: Path, seconds: float) -> Iterator[None]:
    """The write lock taken now by another thread and let go after `seconds` (as an import that
    ends a moment later), whatever the test does meanwhile; joined on the way out."""
    taken = threading.Event()

    def hold() -> None:
        holder = LockHolder(path)  # a connection belongs to the thread that made it
        taken.set()
        time.sleep(seconds)
        holder.close()

    thread = threading.Thread(target=hold, name="lock-holder")
    thread.start()
    taken.wait()
    try:
        yield
    finally:
        thread.join()
