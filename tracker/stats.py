"""Numbers that keep the habit honest: today against the daily minimum, streaks, this week by
topic, and planned against spent effort.

Aggregation happens in SQL and in plain Python over one row per day, so `tracker stats` stays quick
on a ten-year journal without importing pandas.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from tracker.config import Settings
from tracker.parse import week_bounds
from tracker.plan import list_resources
from tracker.store import Journal, day_range, where


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


@dataclass
class Stats:
    today: str
    today_minutes: int
    daily_minimum: int
    current_streak: int
    longest_streak: int
    days_studied: int
    total_hours: float
    week: str
    week_start: str
    week_minutes: int
    week_by_topic: list[dict[str, Any]] = field(default_factory=list)
    resources: list[dict[str, Any]] = field(default_factory=list)
    due: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


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


def week_by_topic(journal: Journal, start: date, end: date) -> list[dict[str, Any]]:
    return journal.rows(
        """SELECT t.name AS topic, sum(s.minutes) AS minutes, count(*) AS sessions
           FROM study_session s JOIN topic t ON t.id = s.topic_id
           WHERE s.day BETWEEN :start AND :end
           GROUP BY t.id ORDER BY minutes DESC, t.name""",
        {"start": start.isoformat(), "end": end.isoformat()},
    )


def compute_stats(
    journal: Journal, settings: Settings, today: date, now: datetime | None = None, with_resources: bool = True,
) -> Stats:
    """`with_resources`: also list the resources' planned against spent effort (the UI's Today
    doesn't show them, and on a long journal they cost a quarter of the read)."""
    from tracker.cards import due_summary  # plain SQL counts; no FSRS import on this path

    # One pass over the days gives the streaks, the days studied, the total and today's minutes.
    totals = daily_totals(journal, end=today)
    met = {day for day, minutes in totals.items() if minutes >= settings.daily_minimum}
    streak = streaks(met, rest_day_set(journal, settings), today)
    week, start, end = week_bounds(today, settings.week_start_index)
    by_topic = week_by_topic(journal, start, end)
    resources = [
        {key: row[key] for key in ("title", "status", "plan_hours", "spent_hours", "units_done", "units_total", "cost")}
        for row in list_resources(journal, settings.fte_hours)
        if row["status"] in ("active", "planned") or row["spent_hours"]
    ] if with_resources else []
    return Stats(
        today=today.isoformat(),
        today_minutes=totals.get(today, 0),
        daily_minimum=settings.daily_minimum,
        current_streak=streak.current,
        longest_streak=streak.longest,
        days_studied=len(totals),
        total_hours=round(sum(totals.values()) / 60, 1),
        week=week,
        week_start=start.isoformat(),
        week_minutes=sum(row["minutes"] for row in by_topic),
        week_by_topic=by_topic,
        resources=resources,
        due=_due_rechecks(journal, today) + due_summary(journal, now, start),
    )


def _due_rechecks(journal: Journal, today: date) -> list[dict[str, Any]]:
    """Checkpoint re-checks due; the curriculum is only loaded when the learner has run any."""
    if not journal.scalar("SELECT count(*) FROM checkpoint_run"):
        return []
    from tracker.checkpoints.history import due_summary

    return due_summary(journal, today)
