"""`tracker stats` and Today's numbers: today against the daily minimum, streaks and the habit
strength (from tracker.habit), this week by topic, planned against spent effort, and what is due.

Aggregation happens in SQL and in plain Python over one row per day, so `tracker stats` stays quick
on a ten-year journal without importing pandas.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from tracker import cards
from tracker.config import Settings
from tracker.goals import goal_progress
from tracker.habit import (
    daily_totals,
    habit_strength,
    rest_day_set,
    streaks,
    strength_percent,
)
from tracker.parse import week_bounds
from tracker.plan import list_resources
from tracker.store import Journal


@dataclass
class Stats:
    today: str
    today_minutes: int
    daily_minimum: int
    current_streak: int
    longest_streak: int
    #: Loop Habit Tracker's score, 0-100: forgiving where the streak is not (tracker.habit).
    habit_strength: int
    days_studied: int
    total_hours: float
    week: str
    week_start: str
    week_minutes: int
    week_by_topic: list[dict[str, Any]] = field(default_factory=list)
    resources: list[dict[str, Any]] = field(default_factory=list)
    due: list[dict[str, Any]] = field(default_factory=list)
    #: Goals beyond the daily minimum, each target against actual (tracker.goals).
    goals: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


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
    # One pass over the days gives the streaks, the days studied, the total and today's minutes.
    totals = daily_totals(journal, end=today)
    met = {day for day, minutes in totals.items() if minutes >= settings.daily_minimum}
    rest = rest_day_set(journal, settings)
    streak = streaks(met, rest, today)
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
        habit_strength=strength_percent(habit_strength(totals, rest, settings.daily_minimum, today)),
        days_studied=len(totals),
        total_hours=round(sum(totals.values()) / 60, 1),
        week=week,
        week_start=start.isoformat(),
        week_minutes=sum(row["minutes"] for row in by_topic),
        week_by_topic=by_topic,
        resources=resources,
        due=_due_rechecks(journal, today) + cards.due_summary(journal, now, start, settings.day_starts_at),
        goals=[goal.as_dict() for goal in goal_progress(journal, today, settings)],
    )


def _due_rechecks(journal: Journal, today: date) -> list[dict[str, Any]]:
    """Checkpoint re-checks due; the curriculum is only loaded when the learner has run any."""
    if not journal.scalar("SELECT count(*) FROM checkpoint_run"):
        return []
    from tracker.checkpoints.history import (
        due_summary,  # the curriculum and runner: ~50 ms
    )

    return due_summary(journal, today)
