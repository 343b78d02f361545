"""Things that happen to a checkpoint between runs ('hint', 'give-up', 'reset'), kept in the journal.

One writer and one reader, so the re-check schedule and the solution rule read the same facts.
"""

from __future__ import annotations

from datetime import datetime

from tracker.clock import utc_text
from tracker.store import Journal, Row, stamps

#: The kinds of event: read the hint, read the solution before passing, put the stub back.
HINT, GIVE_UP, RESET = "hint", "give-up", "reset"


def record_event(journal: Journal, checkpoint: str, kind: str, at: datetime) -> None:
    """Store one event of `kind` for the checkpoint named as the journal names its runs."""
    with journal.transaction():
        journal.execute(
            "INSERT INTO checkpoint_event (checkpoint, kind, at, created_at, updated_at) "
            "VALUES (:checkpoint, :kind, :at, :created_at, :updated_at)",
            {"checkpoint": checkpoint, "kind": kind, "at": utc_text(at), **stamps()},
        )


def events_for(journal: Journal, checkpoint: str | None = None) -> list[Row]:
    """The events of one checkpoint (of every one, by default), oldest first: checkpoint, kind, at."""
    where = "WHERE checkpoint = :checkpoint " if checkpoint is not None else ""
    return journal.rows(
        f"SELECT checkpoint, kind, at FROM checkpoint_event {where}ORDER BY at, id", {"checkpoint": checkpoint},
    )
