"""The one change signal: each committed write says which tables it touched.

`Journal` publishes one `Change` per committed transaction (or per write outside one) to every
listener in the process. Listeners are called in the thread that wrote, right after the commit;
a listener that must act elsewhere (the UI's thread) hands the change over itself. Plain Python,
so the command line pays nothing for it: it has no listeners.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    #: The tables written; empty means any table may have changed (another process wrote).
    tables: frozenset[str]
    #: The journal written (its resolved file, or its URL): listeners keep to their own.
    journal: str = ""

    @property
    def everything(self) -> bool:
        return not self.tables

    def touches(self, shown: frozenset[str] | None) -> bool:
        """Whether what is read from `shown` (None: from any table) may have changed."""
        return self.everything or shown is None or not self.tables.isdisjoint(shown)


Listener = Callable[[Change], None]

#: Replaced whole, never changed in place: `publish` iterates a snapshot without a lock, from
#: any thread.
_listeners: tuple[Listener, ...] = ()
_lock = threading.Lock()


def subscribe(listener: Listener) -> None:
    global _listeners
    with _lock:
        _listeners = (*_listeners, listener)


def unsubscribe(listener: Listener) -> None:
    global _listeners
    with _lock:
        _listeners = tuple(known for known in _listeners if known != listener)


def publish(change: Change) -> None:
    for listener in _listeners:
        listener(change)


def has_listeners() -> bool:
    """Whether anyone listens: a writer need not work out what changed when nobody asks."""
    return bool(_listeners)
