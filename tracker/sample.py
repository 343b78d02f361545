"""The sample journal shipped with the package, and demo journals made from it."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

from tracker.cards import sync_from_notes
from tracker.parse import week_start
from tracker.plaintext import import_journal
from tracker.store import open_journal

#: The Monday of the sample journal's last week (2026-W47); the demo moves it to this week.
SAMPLE_LAST_MONDAY = date(2026, 11, 16)


def sample_directory() -> Path:
    """sample_journal/ inside the installed package (a real folder: setuptools installs files)."""
    return Path(str(resources.files("tracker") / "sample_journal"))


def demo_shift(today: date) -> int:
    """Whole weeks from the sample's last week to this week, so weekdays stay as written."""
    return (week_start(today) - SAMPLE_LAST_MONDAY).days


def make_demo_journal(folder: Path, today: date) -> Path:
    """A new journal in `folder` holding the sample, moved so its last week is this week.

    Sessions that would fall after today are left out: a demo journal ends today, like a real one.
    The cards written in the sample's topic notes are read in, so the Review screen has work.
    """
    path = folder / "demo-journal.db"
    with open_journal(str(path)) as journal:
        with journal.transaction():
            import_journal(journal, sample_directory(), shift_days=demo_shift(today))
            journal.execute("DELETE FROM study_session WHERE day > :today", {"today": today.isoformat()})
            sync_from_notes(journal)
    return path
