"""Another tracker holding the journal's write lock (as a long import does), for the busy tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: The busy timeout the busy tests patch in (tracker.store.sqlite.BUSY_TIMEOUT_MS), so that a
#: write gives up at once instead of after the real 10 s.
SHORT_BUSY_TIMEOUT_MS = 50


class LockHolder:
    """A second journal handle in a write transaction until `release()`: on SQLite BEGIN
    IMMEDIATE, on a server journal its advisory write lock (tracker.store.server)."""

    def __init__(self, location: Path | str) -> None:
        from tracker.store import open_journal

        self._journal = open_journal(str(location))
        self._transaction = self._journal.transaction()
        self._transaction.__enter__()
        self.holding = True

    def release(self) -> None:
        if self.holding:
            self.holding = False
            released = _Released()
            self._transaction.__exit__(_Released, released, None)  # rolls back

    def close(self) -> None:
        self.release()
        self._journal.close()


class _Released(Exception):
    """Thrown into the held transaction to end it with a rollback."""


@contextmanager
def write_lock_held(location: Path | str) -> Iterator[LockHolder]:
    """The journal at `location` (which must exist) with its write lock taken by someone else."""
    holder = LockHolder(location)
    try:
        yield holder
    finally:
        holder.close()


@contextmanager
def write_lock_held_for(path: Path | str, seconds: float) -> Iterator[None]:
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
