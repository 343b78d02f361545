"""Time, in one place: the learner's "now" (fixed in tests and demos), stored UTC stamps, and the
UTC bounds of study days.

Sessions are dated by study day; created, ran and reviewed times are stored in UTC to the second.
Every conversion between the two goes through here. A study day starts at the hour the learner
sets (`day_starts_at`, 0-23): with 4, 1 a.m. still belongs to the day before. The callers pass
that hour in (clock sits below config), from their Settings.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta, timezone

#: A fixed "now" (ISO date or datetime) for tests, demos and reproducible screenshots.
NOW_ENV = "TRACKER_NOW"
#: How a moment is stored: UTC, ISO 8601, to the second.
UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def now() -> datetime:
    """The current local time, or the fixed time in $TRACKER_NOW."""
    fixed = os.environ.get(NOW_ENV)
    if fixed:
        moment = datetime.fromisoformat(fixed)
        return moment if moment.tzinfo else moment.astimezone()
    return datetime.now().astimezone()


def study_day(moment: datetime, day_starts_at: int = 0) -> date:
    """The study day a moment belongs to: its local date, or the day before when it falls before
    `day_starts_at` o'clock. Counted on the wall clock, so a DST change doesn't move the hour."""
    local = moment.astimezone() if moment.tzinfo else moment
    return (local - timedelta(hours=day_starts_at)).date()


def today(day_starts_at: int = 0) -> date:
    """The study day it is now (see study_day)."""
    return study_day(now(), day_starts_at)


def day_of_stamp(text: str, day_starts_at: int = 0) -> date:
    """The study day a stored UTC time belongs to, in local time."""
    return study_day(parse_utc(text).astimezone(), day_starts_at)


def utc_now(moment: datetime | None = None) -> datetime:
    """`moment` (or now) in UTC, to the second."""
    return (moment or now()).astimezone(timezone.utc).replace(microsecond=0)


def utc_text(moment: datetime) -> str:
    """A moment as stored: UTC to the second. A naive datetime is taken as local time."""
    return moment.astimezone(timezone.utc).strftime(UTC_FORMAT)


def utc_stamp() -> str:
    """A timestamp for created/updated columns."""
    return utc_text(now())


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def local_text(text: str | None) -> str:
    """A stored UTC time as the learner reads it: local, to the minute."""
    return parse_utc(text).astimezone().strftime("%Y-%m-%d %H:%M") if text else ""


def day_start(day: date, day_starts_at: int = 0) -> datetime:
    """The local moment study day `day` begins: `day_starts_at` o'clock on that date."""
    return datetime.combine(day, time(day_starts_at)).astimezone()


def local_day_bounds(start: date, end: date, day_starts_at: int = 0) -> tuple[str, str]:
    """UTC texts for the start of study day `start` and the start of the day after `end`, so a
    query on stored UTC times (`>= first AND < after`) selects those study days."""
    return utc_text(day_start(start, day_starts_at)), utc_text(day_start(end + timedelta(days=1), day_starts_at))
