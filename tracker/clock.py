"""Time, in one place: the learner's "now" (fixed in tests and demos), stored UTC stamps, and the
UTC bounds of local days.

Sessions are dated by local day; created, ran and reviewed times are stored in UTC to the second.
Every conversion between the two goes through here.
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


def today() -> date:
    return now().date()


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


def local_day_bounds(start: date, end: date) -> tuple[str, str]:
    """UTC texts for local midnight at the start of `start` and after the end of `end`, so a
    query on stored UTC times (`>= first AND < after`) selects those local days."""
    first = datetime.combine(start, time.min).astimezone()
    after = datetime.combine(end + timedelta(days=1), time.min).astimezone()
    return utc_text(first), utc_text(after)
