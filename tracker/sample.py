"""The sample journal shipped with the package, and demo journals made from it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path

from tracker import clock
from tracker.cards import sync_from_notes
from tracker.config import Settings
from tracker.parse import week_start
from tracker.plaintext import import_journal
from tracker.store import Journal, open_journal
from tracker.timer import Timer, start_timer

#: The Monday of the sample journal's last week (2026-W47); the demo moves it to this week.
SAMPLE_LAST_MONDAY = date(2026, 11, 16)
#: How long the demo's timer has been running when the demo opens: long enough that Today shows it
#: counting (and `tracker stop` would log a real session), short of any forgotten-timer limit.
DEMO_TIMER_MINUTES = 20


def sample_directory() -> Path:
    """sample_journal/ inside the installed package (a real folder: setuptools installs files)."""
    return Path(str(resources.files("tracker") / "sample_journal"))


def demo_shift(today: date) -> int:
    """Whole weeks from the sample's last week to this week, so weekdays stay as written."""
    return (week_start(today) - SAMPLE_LAST_MONDAY).days


def make_demo_journal(folder: Path, today: date, now: datetime | None = None,
                      settings: Settings | None = None) -> Path:
    """A new journal in `folder` holding the sample, moved so its last week is this week.

    Sessions that would fall after today are left out: a demo journal ends today, like a real one.
    The cards written in the sample's topic notes are read in, so the Review screen has work.
    Given `now`, a timer runs too (see start_demo_timer), so Today shows one from the first look.
    """
    path = folder / "demo-journal.db"
    with open_journal(str(path)) as journal:
        with journal.transaction():
            import_journal(journal, sample_directory(), shift_days=demo_shift(today))
            journal.execute("DELETE FROM study_session WHERE day > :today", {"today": today.isoformat()})
            sync_from_notes(journal)
        if now is not None:
            start_demo_timer(journal, now, settings)
    return path


def start_demo_timer(journal: Journal, now: datetime, settings: Settings | None = None) -> Timer:
    """A timer on the topic and resource of the last session logged, as if the learner had picked
    up where they left off DEMO_TIMER_MINUTES ago (or at the start of the day, if that is later)."""
    day_starts_at = settings.day_starts_at if settings is not None else 0
    last = journal.row(
        "SELECT t.name AS topic, r.title AS resource, s.kind FROM study_session s JOIN topic t ON t.id = s.topic_id "
        "LEFT JOIN resource r ON r.id = s.resource_id ORDER BY s.day DESC, s.id DESC LIMIT 1"
    ) or {"topic": "NumPy basics", "resource": None, "kind": "code"}
    today = clock.study_day(now, day_starts_at)
    started = max(now - timedelta(minutes=DEMO_TIMER_MINUTES), clock.day_start(today, day_starts_at))
    return start_timer(journal, last["topic"], resource=last["resource"], kind=last["kind"], at=started, now=now,
                       settings=settings).timer
