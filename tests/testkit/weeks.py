"""What the week-post tests share (tests/unit/test_post.py and tests/cli/test_week_commands.py): the
sample's reboot week, opening a journal file, logging a session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tracker import study

#: The sample's reboot week (2026-10-05 .. 2026-10-11).
REBOOT_WEEK = "2026-W41"


def open_db(path: Path):
    from tracker.store import open_journal

    return open_journal(str(path))


def log(handle, day: str, minutes: int, topic: str, note: str = "", resource: str | None = None) -> None:
    study.log_session(handle, minutes=minutes, topic=topic, day=date.fromisoformat(day), note=note,
                      resource=resource)
