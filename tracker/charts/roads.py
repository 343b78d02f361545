"""The goals' roads on the burn-up, as Beeminder draws them: each goal's straight line from where
its period starts to its target at the period's end, the hours done on it day by day, and the days
of safety buffer.

The numbers (target, buffer, on track) are tracker.goals' own (`goal_progress`); this adds only
the day-by-day hours to draw. Plain Python and SQL, no pandas, so both the HTML dashboard
(tracker.charts.frames) and the terminal's Charts screen (tracker.charts.terminal) use it.
Goals in days a week are not hours, so they are not drawn on the hours axis (their line is in
stats, Today and the Plan screen).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tracker import goals
from tracker.config import Settings
from tracker.habit import daily_totals
from tracker.store import Journal


@dataclass(frozen=True)
class GoalRoad:
    """One goal as the burn-up draws it."""

    id: int
    #: The goal in a few words: "5 h a week", "finish 'DL Book' by 2026-12-31".
    label: str
    #: The road: `base` hours on the morning of `first`, `target` at the end of `last`.
    first: date
    last: date
    base: float
    target: float
    #: The hours done on the goal at the end of each day from `first` to today (or `last`).
    days: tuple[date, ...]
    hours: tuple[float, ...]
    buffer_days: int
    on_track: bool
    met: bool
    #: "met", "on track, 2 days of buffer" or "behind", as tracker.goals says it.
    state: str

    @property
    def buffer_label(self) -> str:
        """What the burn-up writes at the goal's last point."""
        return f"{self.label}: {self.state}"


def goal_roads(journal: Journal, settings: Settings, today: date) -> tuple[GoalRoad, ...]:
    """Every goal in hours (a week's, a resource's, a topic's), in id order, on `today`."""
    progress = [found for found in goals.goal_progress(journal, today, settings) if found.unit == "h"]
    if not progress:
        return ()
    rows = {row["id"]: row for row in goals.list_goals(journal)}
    return tuple(_road(journal, rows[found.id], found, today) for found in progress)


def _road(journal: Journal, goal: dict, progress: goals.Progress, today: date) -> GoalRoad:
    first, last = date.fromisoformat(progress.period_start), date.fromisoformat(progress.period_end)
    end = max(first, min(today, last))
    if goal["kind"] == goals.WEEKLY_HOURS:
        by_day, base = daily_totals(journal, first, end), 0.0
    else:
        column, ids = (("resource_id", [goal["resource_id"]]) if goal["kind"] == goals.FINISH_RESOURCE
                       else ("topic_id", goals.subtopic_ids(journal, goal["topic_id"])))
        by_day = _minutes_by_day(journal, column, ids, end)
        # The road starts at what was done before the goal was set (tracker.goals' rule).
        base = min(progress.target, sum(minutes for day, minutes in by_day.items() if day < first) / 60)
    days, hours, running = [], [], base * 60
    for offset in range((end - first).days + 1):
        day = first + timedelta(days=offset)
        running += by_day.get(day, 0)
        days.append(day)
        hours.append(round(running / 60, 2))
    if hours and progress.actual > hours[-1]:
        hours[-1] = round(progress.actual, 2)  # a resource marked done counts as finished
    return GoalRoad(
        id=progress.id, label=goals.describe_goal(goal), first=first, last=last, base=round(base, 2),
        target=progress.target, days=tuple(days), hours=tuple(hours), buffer_days=progress.buffer_days,
        on_track=progress.on_track, met=progress.met, state=progress.text.rsplit(": ", 1)[-1],
    )


def _minutes_by_day(journal: Journal, column: str, ids: list[int], end: date) -> dict[date, int]:
    """Minutes per day on these resources or topics, up to `end`."""
    if not ids:
        return {}
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    rows = journal.rows(
        f"SELECT day, sum(minutes) AS minutes FROM study_session WHERE {column} IN ({marks}) AND day <= :end "
        "GROUP BY day",
        {"end": end.isoformat(), **{f"i{n}": value for n, value in enumerate(ids)}},
    )
    return {date.fromisoformat(row["day"]): row["minutes"] for row in rows}
