"""The habit's shared rules: minutes per day, days that met the daily minimum, rest days, streaks
and the habit strength. `tracker stats`, Today, the weekly post and both kinds of chart count them
here, so a streak or a strength is the same number wherever it is shown.

Rest days: with `rest_days_keep_streak` on, the first `rest_days_per_month` rest days declared in a
calendar month count as rest (they neither break a streak nor lower the strength); the ones after
are ordinary days, so a missed one is a miss for both numbers. With it off, no rest day counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
    """The declared rest days that count: within the month's budget, unless rest days are off."""
    if not settings.rest_days_keep_streak:
        return set()
    declared = (date.fromisoformat(row["day"]) for row in journal.rows("SELECT day FROM rest_day"))
    return granted_rest_days(declared, settings.rest_days_per_month)


def granted_rest_days(declared: Iterable[date], per_month: int) -> set[date]:
    """The first `per_month` declared rest days of each calendar month; the rest count as
    ordinary days. Declaring one uses it up even if you then study that day: the budget is what
    you said, not what you did, so it can't change after the fact."""
    used: dict[tuple[int, int], int] = {}
    granted = set()
    for day in sorted(set(declared)):
        month = (day.year, day.month)
        if used.get(month, 0) < per_month:
            used[month] = used.get(month, 0) + 1
            granted.add(day)
    return granted


# -- habit strength ---------------------------------------------------------------------------
#: Loop Habit Tracker's daily multiplier: a 13-day half-life, so a perfect month reaches about
#: 80% (1 - 0.5 ** (30 / 13)) and two months about 96%.
STRENGTH_MULTIPLIER = 0.5 ** (1 / 13)
#: The strength on a day is read from at most this many days before it: what came earlier weighs
#: under 0.5 ** (376 / 13), about 2e-9, even with every rest day of the budget (24 a year) frozen.
STRENGTH_WINDOW_DAYS = 400


def day_value(minutes: int, minimum: int) -> float:
    """A day's credit: 20 of 30 minutes is two thirds of a day."""
    return min(1.0, minutes / minimum) if minimum > 0 else 1.0


def strength_series(
    totals: Mapping[date, int], rest_days: set[date], minimum: int, first: date, end: date,
    today: date | None = None,
) -> list[float]:
    """The habit strength (0 to 1) on each day from `first` to `end`, after Loop Habit Tracker:
    `score = previous * m + value * (1 - m)`, starting from 0 the day before `first`.

    A counted rest day never lowers the score (it freezes, or rises if you studied anyway). Today,
    when it is in the range, is not over: it counts only once it helps, so the morning's score is
    yesterday's and rises as you study; tomorrow it counts as it was.

    One linear pass in plain Python (3.7 ms for ten years of days), no numpy for `tracker stats`.
    """
    m, keep = STRENGTH_MULTIPLIER, 1 - STRENGTH_MULTIPLIER
    score, scores = 0.0, []
    day, step = first, timedelta(days=1)
    while day <= end:
        updated = score * m + day_value(totals.get(day, 0), minimum) * keep
        score = max(score, updated) if day in rest_days or day == today else updated
        scores.append(score)
        day += step
    return scores


def habit_strength(totals: Mapping[date, int], rest_days: set[date], minimum: int, today: date) -> float:
    """The strength today (0 to 1), from the first day studied; 0 before any."""
    studied = [day for day, minutes in totals.items() if minutes > 0 and day <= today]
    if not studied:
        return 0.0
    first = max(min(studied), today - timedelta(days=STRENGTH_WINDOW_DAYS))
    return strength_series(totals, rest_days, minimum, first, today, today)[-1]


def strength_percent(strength: float) -> int:
    """The strength as people read it: a whole percent, 0 to 100."""
    return round(strength * 100)


def strength_on(journal: Journal, settings: Settings, anchor: date, today: date | None = None) -> float:
    """The strength on `anchor` from the days before it (at most STRENGTH_WINDOW_DAYS of them, one
    grouped query, so the post costs the same on a ten-year journal). `today`: the day in progress,
    if `anchor` is it."""
    totals = daily_totals(journal, anchor - timedelta(days=STRENGTH_WINDOW_DAYS), anchor)
    studied = [day for day, minutes in totals.items() if minutes > 0]
    if not studied:
        return 0.0
    return strength_series(totals, rest_day_set(journal, settings), settings.daily_minimum, min(studied), anchor,
                           today)[-1]


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
