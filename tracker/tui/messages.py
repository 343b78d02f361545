"""What the screens tell the app after a change was saved (named in the past tense).

The app answers each with a one-line notification; tests assert that they were posted.
"""

from __future__ import annotations

from textual.message import Message

from tracker.parse import format_minutes
from tracker.store import Change, Row


class JournalWritten(Message):
    """A write committed in another thread (a worker's, a checkpoint run's), handed to the UI's
    thread: the app passes `change` on to the screens (tracker.tui.freshness)."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change


class JournalChanged(Message):
    """Something was written to the journal; `summary` says what, for the learner."""

    def __init__(self, row: Row, summary: str) -> None:
        super().__init__()
        self.row = row
        self.summary = summary


def _session(row: Row) -> str:
    return f"{format_minutes(row['minutes'])} of {row.get('topic') or 'a session'} on {row['day']}"


class SessionLogged(JournalChanged):
    def __init__(self, row: Row, news: list[str] | None = None) -> None:
        extra = f" ({', '.join(news)})" if news else ""
        super().__init__(row, f"Logged {_session(row)}{extra}.")


class SessionEdited(JournalChanged):
    def __init__(self, row: Row) -> None:
        super().__init__(row, f"Saved {_session(row)}.")


class SessionDeleted(JournalChanged):
    def __init__(self, row: Row, topic: str) -> None:
        super().__init__(row, f"Deleted {format_minutes(row['minutes'])} of {topic} on {row['day']}. Press u to undo.")


class SessionRestored(JournalChanged):
    def __init__(self, row: Row) -> None:
        super().__init__(row, f"Restored {_session(row)}.")


class ResourceSaved(JournalChanged):
    def __init__(self, row: Row, added: bool) -> None:
        super().__init__(row, f"{'Added' if added else 'Saved'} {row['title']!r}.")


class ProgressRecorded(JournalChanged):
    def __init__(self, row: Row) -> None:
        of = f" of {row['units_total']}" if row["units_total"] else ""
        super().__init__(row, f"{row['title']}: {row['units_done']}{of} done.")


class MilestoneAdded(JournalChanged):
    def __init__(self, row: Row) -> None:
        super().__init__(row, f"Added milestone {row['title']!r}.")


class MilestoneEdited(JournalChanged):
    def __init__(self, row: Row) -> None:
        super().__init__(row, f"Saved milestone {row['title']!r}.")


class MilestoneDone(JournalChanged):
    def __init__(self, row: Row) -> None:
        super().__init__(row, f"Done: {row['title']} ({row['done_on']}).")


class TopicAdded(JournalChanged):
    def __init__(self, row: Row) -> None:
        super().__init__(row, f"Topic {row['name']!r} saved.")


class LaterAdded(JournalChanged):
    def __init__(self, row: Row) -> None:
        super().__init__(row, f"Added to {row['topic']}: {row['text']}")


class LaterDone(JournalChanged):
    def __init__(self, row: Row) -> None:
        super().__init__(row, f"Learned: {row['text']}")
