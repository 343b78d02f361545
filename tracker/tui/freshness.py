"""Screens that are never stale: every write the journal commits reaches the screens.

This process's writes arrive as the store's `Change`s, naming their tables (in the thread that
wrote; one from a worker is handed to the UI's thread as a JournalWritten message). Another
process's writes are seen by polling SQLite's `PRAGMA data_version` on one read connection kept
open: a change there says only that something changed, so every screen takes it as touching what
it shows. Our own writes change data_version too (they come from other connections), so each is
also seen by the next poll as "everything"; that costs one read of the shown screen, in a worker,
drawn only if it differs, and it is what keeps an outside write in the same second from being lost.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from tracker.errors import TrackerError
from tracker.store import Change, Journal, open_journal, subscribe, unsubscribe
from tracker.tui.messages import JournalWritten
from tracker.tui.screens.base import TrackerScreen

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp

#: Seconds between two looks at data_version: a write from the command line shows within this
#: (once the learner pauses, see POLL_WHEN_IDLE). A look costs a few microseconds.
POLL_SECONDS = 1.0
#: Seconds without a key press before a look: what it finds means a read of the shown screen in a
#: worker, which must not compete with typing (nor with the result of the learner's own write).
POLL_WHEN_IDLE = 0.5


class JournalWatch:
    """The app's one subscription to the journal's changes, and the poll for other processes."""

    def __init__(self, app: TrackerApp) -> None:
        self.app = app
        self._source = ""
        self._ui_thread = 0
        self._reader: Journal | None = None
        self._version: int | None = None

    def start(self) -> None:
        self._ui_thread = threading.get_ident()
        try:
            reader = open_journal(self.app.journal_location, create=False, write=False)
        except TrackerError:
            return  # the journal went away since start-up: the next action says so
        self._source = reader.source
        subscribe(self._written)
        self._version = reader.data_version()
        if self._version is None:
            reader.close()  # a server journal: no data_version to poll
            return
        self._reader = reader
        self.app.set_interval(POLL_SECONDS, self._poll, name="journal-poll")

    def stop(self) -> None:
        unsubscribe(self._written)
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def _written(self, change: Change) -> None:
        """A listener of the store: runs in whichever thread committed."""
        if change.journal != self._source:
            return  # another journal open in this process
        if threading.get_ident() == self._ui_thread:
            self.changed(change)  # at once: the screen that wrote may read again right after
        else:
            self.app.post_message(JournalWritten(change))

    def _poll(self) -> None:
        if self._reader is None or time.monotonic() - self.app.last_input < POLL_WHEN_IDLE:
            return
        try:
            version = self._reader.data_version()
        except Exception:  # noqa: BLE001 - a damaged, vanished or busy file: the next read says so
            return  # in its own words; the poll tries again in a second
        if version != self._version:
            self._version = version
            self.changed(Change(frozenset(), self._source))

    def changed(self, change: Change) -> None:
        """On the UI thread: tell every screen built so far (shown, or built ahead)."""
        for screen in list(self.app.screens_built.values()):
            if isinstance(screen, TrackerScreen):
                screen.journal_changed(change)
