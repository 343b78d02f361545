"""The terminal Charts screen's numbers, from SQL and plain Python: weekly hours, the habit
calendar, the burn-up on the plan and the streaks.

The HTML dashboard builds every chart's pandas frame over the whole history
(tracker.charts.frames); the terminal draws a small part of that, and on a ten-year journal
importing pandas and building the frames cost more than a screen switch may. One GROUP BY day
query gives what the three terminal charts need. The rules both places share (calendar levels, the
burn-up's pace and forecast) live here as small pure functions, so this module never imports
pandas or numpy.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from tracker.charts.roads import GoalRoad, goal_roads
from tracker.config import Settings
from tracker.habit import habit_strength, rest_day_set, streaks, strength_percent
from tracker.parse import week_start
from tracker.store import Journal

#: Sixteen weeks: about four months, what fits beside the calendar at 80 columns.
WEEKS = 16
#: The burn-up is drawn from at most this many points (a ten-year journal has 3,650 days).
MAX_POINTS = 400
#: "Recent pace" for the forecast: four weeks smooths over one holiday week but still follows a
#: habit that changed this month.
RECENT_PACE_DAYS = 28
#: A forecast further out than this is no date anyone plans by (and would overflow a date).
MAX_FORECAST_DAYS = 20 * 365

#: Calendar cell levels: the minimum is the boundary that matters, so it separates two hues.
LEVEL_REST, LEVEL_NONE, LEVEL_UNDER, LEVEL_MET, LEVEL_DOUBLE, LEVEL_QUADRUPLE = -1, 0, 1, 2, 3, 4
#: The names the terminal calendar draws each level by.
LEVEL_NAMES = {
    LEVEL_REST: "rest", LEVEL_NONE: "none", LEVEL_UNDER: "under", LEVEL_MET: "met",
    LEVEL_DOUBLE: "double", LEVEL_QUADRUPLE: "quadruple",
}

#: Resources whose hours count on the burn-up: a planned effort (hours or FTE points), not dropped.
#: Planned hours are given, or FTE points times `fte_hours` (as tracker.plan converts them).
PLANNED_RESOURCES = """SELECT id, COALESCE(planned_hours, fte_points * :fte_hours) AS plan_hours FROM resource
    WHERE (planned_hours IS NOT NULL OR fte_points IS NOT NULL) AND status != 'dropped'"""
#: Minutes per day with sessions, and of those the minutes on planned resources.
DAILY_MINUTES = f"""WITH planned AS ({PLANNED_RESOURCES})
    SELECT day, sum(minutes) AS minutes,
           sum(CASE WHEN resource_id IN (SELECT id FROM planned) THEN minutes ELSE 0 END) AS planned
    FROM study_session WHERE day <= :end GROUP BY day ORDER BY day"""

T = TypeVar("T")


@dataclass(frozen=True)
class BurnUp:
    """Hours spent on resources that have a planned effort, against the sum of those plans."""

    plan_hours: float
    done_hours: float
    #: Hours a day on the plan over the last RECENT_PACE_DAYS days up to the end of the period.
    pace_hours_per_day: float
    #: When the plan is finished at that pace; None when there is no recent pace or it is done.
    forecast: date | None
    #: The day the cumulative hours reached the plan, when they did.
    reached: date | None
    #: True when the recent pace would need more than MAX_FORECAST_DAYS to finish the plan.
    beyond: bool = False


@dataclass(frozen=True)
class CalendarDay:
    day: date
    minutes: int
    #: One of LEVEL_NAMES' values.
    level: str


@dataclass(frozen=True)
class ChartsData:
    """Everything the terminal charts draw, as plain values."""

    today: date
    daily_minimum: int
    week_start_index: int
    #: The first day of each of the last WEEKS weeks (this one last), and its hours.
    weeks: tuple[date, ...]
    week_hours: tuple[float, ...]
    #: The calendar's days in those weeks, up to today.
    calendar: tuple[CalendarDay, ...]
    #: Cumulative hours on resources with a planned effort, by day (thinned to MAX_POINTS).
    burnup_days: tuple[date, ...]
    burnup_hours: tuple[float, ...]
    plan_hours: float
    done_hours: float
    pace_hours_per_day: float
    forecast: date | None
    reached: date | None
    total_hours: float
    current_streak: int
    longest_streak: int
    #: The habit strength today, 0-100 (tracker.habit), as `tracker stats` gives it.
    habit_strength: int
    #: The goals in hours with their roads and days of buffer (tracker.charts.roads).
    goals: tuple[GoalRoad, ...] = ()


# -- rules shared with tracker.charts.frames --------------------------------------------------
def calendar_level(minutes: int, minimum: int, rest: bool) -> int:
    """A calendar cell's level; a rest day shows as one only when nothing was studied that day."""
    if minutes >= 4 * minimum:
        return LEVEL_QUADRUPLE
    if minutes >= 2 * minimum:
        return LEVEL_DOUBLE
    if minutes >= minimum:
        return LEVEL_MET
    if minutes > 0:
        return LEVEL_UNDER
    return LEVEL_REST if rest else LEVEL_NONE


def summarize_burnup(
    plan_hours: float, hours_through: Callable[[date], float], first: date, end: date,
    first_day_at: Callable[[float], date],
) -> BurnUp:
    """The burn-up's totals, recent pace and forecast.

    `hours_through(day)` is the cumulative hours on the plan up to that day (0 before any);
    `first_day_at(hours)` the first day the cumulative hours reached `hours`; `first` is the first
    session's day. The pace is that of the last four weeks, or of the days since `first` when fewer.
    """
    done = hours_through(end)
    pace_days = max(1, min(RECENT_PACE_DAYS, (end - first).days + 1))
    pace = (done - hours_through(end - timedelta(days=pace_days))) / pace_days
    reached = first_day_at(plan_hours) if 0 < plan_hours <= done else None
    forecast, beyond = None, False
    if plan_hours > done and pace > 0:
        days_left = math.ceil((plan_hours - done) / pace)
        beyond = days_left > MAX_FORECAST_DAYS
        forecast = None if beyond else end + timedelta(days=days_left)
    return BurnUp(plan_hours, done, pace, forecast, reached, beyond)


def thinned(points: Sequence[T], max_points: int) -> list[T]:
    """Every n-th point, n chosen so that at most `max_points` remain, and the last point (so a
    line drawn from them ends where the data does)."""
    step = max(1, -(-len(points) // max_points))
    kept = list(points[::step])
    if points and (len(points) - 1) % step:
        kept.append(points[-1])
    return kept


# -- the terminal charts ----------------------------------------------------------------------
@dataclass(frozen=True)
class _Daily:
    """The days with sessions up to today, in order, with their minutes and running plan total."""

    days: list[date]
    minutes: list[int]
    #: Minutes on planned resources up to and including each day.
    planned_so_far: list[int]

    def hours_through(self, day: date) -> float:
        at = bisect_right(self.days, day)
        return self.planned_so_far[at - 1] / 60 if at else 0.0

    def first_day_at(self, hours: float) -> date:
        return self.days[bisect_left(self.planned_so_far, hours, key=lambda minutes: minutes / 60)]


def _daily(journal: Journal, settings: Settings, today: date) -> _Daily:
    rows = journal.rows(DAILY_MINUTES, {"end": today.isoformat(), "fte_hours": settings.fte_hours})
    planned_so_far, running = [], 0
    for row in rows:
        running += row["planned"]
        planned_so_far.append(running)
    return _Daily([date.fromisoformat(row["day"]) for row in rows], [row["minutes"] for row in rows], planned_so_far)


def _calendar(
    journal: Journal, by_day: dict[date, int], first: date, today: date, minimum: int,
) -> tuple[CalendarDay, ...]:
    """Every day from `first` to today; declared rest days show whatever the streak setting."""
    rest = {
        date.fromisoformat(row["day"])
        for row in journal.rows("SELECT day FROM rest_day WHERE day BETWEEN :first AND :today",
                                {"first": first.isoformat(), "today": today.isoformat()})
    }
    cells = []
    for offset in range((today - first).days + 1):
        day = first + timedelta(days=offset)
        minutes = by_day.get(day, 0)
        cells.append(CalendarDay(day, minutes, LEVEL_NAMES[calendar_level(minutes, minimum, day in rest)]))
    return tuple(cells)


def _week_hours(by_day: dict[date, int], weeks: tuple[date, ...], start_index: int) -> tuple[float, ...]:
    by_week = dict.fromkeys(weeks, 0)
    for day, minutes in by_day.items():
        week = week_start(day, start_index)
        if week in by_week:
            by_week[week] += minutes
    return tuple(round(by_week[week] / 60, 2) for week in weeks)


def terminal_charts(
    journal: Journal, settings: Settings, today: date, weeks: int = WEEKS, max_points: int = MAX_POINTS,
) -> ChartsData:
    """What the terminal's three charts draw, as tracker.charts.frames would give it, in one daily query."""
    daily = _daily(journal, settings, today)
    this_week = week_start(today, settings.week_start_index)
    week_starts = tuple(this_week - timedelta(days=7 * back) for back in range(weeks - 1, -1, -1))
    recent = {day: minutes for day, minutes in zip(daily.days, daily.minutes, strict=True) if day >= week_starts[0]}

    plan_hours = sum(row["plan_hours"] for row in journal.rows(PLANNED_RESOURCES, {"fte_hours": settings.fte_hours}))
    first = daily.days[0] if daily.days else today
    burnup = summarize_burnup(float(plan_hours), daily.hours_through, first, today, daily.first_day_at)
    burnup_days = [first + timedelta(days=offset) for offset in thinned(range((today - first).days + 1), max_points)]

    met = {day for day, minutes in zip(daily.days, daily.minutes, strict=True) if minutes >= settings.daily_minimum}
    rest = rest_day_set(journal, settings)
    streak = streaks(met, rest, today)
    by_day = dict(zip(daily.days, daily.minutes, strict=True))
    return ChartsData(
        today=today,
        daily_minimum=settings.daily_minimum,
        week_start_index=settings.week_start_index,
        weeks=week_starts,
        week_hours=_week_hours(recent, week_starts, settings.week_start_index),
        calendar=_calendar(journal, recent, week_starts[0], today, settings.daily_minimum),
        burnup_days=tuple(burnup_days),
        burnup_hours=tuple(round(daily.hours_through(day), 2) for day in burnup_days),
        plan_hours=round(burnup.plan_hours, 2),
        done_hours=round(burnup.done_hours, 2),
        pace_hours_per_day=round(burnup.pace_hours_per_day, 3),
        forecast=burnup.forecast,
        reached=burnup.reached,
        total_hours=round(sum(daily.minutes) / 60, 1),
        current_streak=streak.current,
        longest_streak=streak.longest,
        habit_strength=strength_percent(habit_strength(by_day, rest, settings.daily_minimum, today)),
        goals=goal_roads(journal, settings, today),
    )
