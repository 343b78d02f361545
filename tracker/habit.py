"""The habit's shared rules: minutes per day, days that met the daily minimum, rest days, and
streaks. `tracker stats`, Today, the weekly post and both kinds of chart count them here, so a
streak is the same number wherever it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.config import Settings
from tracker.store import Journal, day_range, where

#: The streak on a day is read from this many days before it, more only when all of them count.
STREAK_WINDOW_DAYS = 42


@dataclass(frozen=True)
class Streaks:
    current: int
    longest: int
    #: True when today does not count yet but the streak is still alive (today is not over).
    today_pending: bool


def streaks(met_days: set[date], rest_days: set[date], today: date) -> Streaks:
    """Current and longest runs of consecutive days that met the minimum.

    A rest day neither breaks a run nor adds to it. Today not met yet doesn't break the current
    streak: the day is not over.
    """
    longest = run = 0
    previous: date | None = None
    for day in sorted(met_days):
        if previous is not None and _bridged(previous, day, rest_days):
            run += 1
        else:
            run = 1
        longest = max(longest, run)
        previous = day

    anchor = today if today in met_days else today - timedelta(days=1)
    while anchor in rest_days and anchor not in met_days:
        anchor -= timedelta(days=1)
    current = 0
    if anchor in met_days:
        day = anchor
        current = 1
        while True:
            before = day - timedelta(days=1)
            while before in rest_days and before not in met_days:
                before -= timedelta(days=1)
            if before not in met_days:
                break
            current += 1
            day = before
    return Streaks(current=current, longest=max(longest, current), today_pending=today not in met_days and current > 0)


def _bridged(previous: date, day: date, rest_days: set[date]) -> bool:
    """True when only rest days lie between two met days."""
    gap = (day - previous).days
    return gap == 1 or all(previous + timedelta(days=step) in rest_days for step in range(1, gap))


def daily_totals(journal: Journal, start: date | None = None, end: date | None = None) -> dict[date, int]:
    """Minutes per day (days with sessions only)."""
    conditions, params = day_range("day", start, end)
    rows = journal.rows(f"SELECT day, sum(minutes) AS minutes FROM study_session {where(conditions)} GROUP BY day", params)
    return {date.fromisoformat(row["day"]): row["minutes"] for row in rows}


def rest_day_set(journal: Journal, settings: Settings) -> set[date]:
    """Declared rest days, when the learner opted in to let them keep a streak alive."""
    if not settings.rest_days_keep_streak:
        return set()
    return {date.fromisoformat(row["day"]) for row in journal.rows("SELECT day FROM rest_day")}


def met_days(journal: Journal, minimum: int, end: date) -> set[date]:
    """Days up to `end` whose total met the daily minimum (SQL does the summing)."""
    rows = journal.rows(
        "SELECT day FROM study_session WHERE day <= :end GROUP BY day HAVING sum(minutes) >= :minimum",
        {"end": end.isoformat(), "minimum": minimum},
    )
    return {date.fromisoformat(row["day"]) for row in rows}


def streaks_for(journal: Journal, settings: Settings, today: date) -> Streaks:
    return streaks(met_days(journal, settings.daily_minimum, today), rest_day_set(journal, settings), today)


def streak_on(journal: Journal, settings: Settings, anchor: date) -> int:
    """The current streak on `anchor`, as `tracker stats` counts it, from the days before it.

    A streak only looks back until its first missed day, so the days are read in a window that
    grows (by 4x) only while every day in it kept the streak: one small grouped query for nearly
    every learner, instead of grouping a ten-year journal by day.
    """
    rest_all = rest_day_set(journal, settings)
    earliest = journal.scalar("SELECT min(day) FROM study_session WHERE day <= :anchor", {"anchor": anchor.isoformat()})
    if earliest is None:
        return 0
    earliest_day = date.fromisoformat(earliest)
    window = STREAK_WINDOW_DAYS
    while True:
        first = anchor - timedelta(days=window)
        totals = daily_totals(journal, first, anchor)
        met = {day for day, minutes in totals.items() if minutes >= settings.daily_minimum}
        rest = {day for day in rest_all if first <= day <= anchor}
        broken = any(
            (day := first + timedelta(days=offset)) not in met and day not in rest for offset in range(window)
        )
        if broken or first <= earliest_day:
            return streaks(met, rest, anchor).current
        window *= 4
