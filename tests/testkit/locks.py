"""Another tracker holding the journal's write lock (as a long import does), for the busy tests."""

from __future__ import annotations

import sqlite3
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
