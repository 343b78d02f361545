"""The pandas half of the charts: every table the HTML dashboard draws, from one builder.

`tracker stats` must stay quick, so tracker.stats never imports pandas; the charts need whole
histories (streaks over ten years, weekly totals, a burn-up), which pandas does in a few vectorised
steps. `build_frames()` reads the journal once per table and derives everything else from those
frames, with no Python loop over sessions. The rules the terminal's Charts screen shares (calendar
levels, the burn-up's pace and forecast) come from tracker.charts.terminal, which has no pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

import numpy as np
import pandas as pd

from tracker import clock
from tracker.charts.roads import GoalRoad, goal_roads
from tracker.charts.terminal import BurnUp, calendar_level, summarize_burnup
from tracker.checkpoints.catalog import load_curriculum
from tracker.config import Settings
from tracker.habit import granted_rest_days, strength_percent, strength_series
from tracker.plan import list_resources
from tracker.store import Journal

#: The calendar shows the last twelve months unless --from/--to says otherwise: a year of
#: habit is what a learner looks back on, and ten years of cells would be unreadable.
CALENDAR_DAYS = 365
#: The weekly chart stacks the topics with the most time in the period; the rest share one colour
#: ("other topics") so the legend stays readable on a long journal.
MAX_TOPICS = 10
OTHER_TOPICS = "other topics"

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Streak:
    length: int
    first: date | None = None
    last: date | None = None


@dataclass
class ChartFrames:
    """Everything the dashboard draws, for the period [start, end]."""

    start: date
    end: date
    today: date
    calendar_start: date
    #: True when the calendar shows the default twelve months up to the end (no --from given).
    calendar_default: bool
    daily_minimum: int
    week_start_index: int
    #: Sessions of the period: day (datetime64), minutes, topic, resource_id, resource, kind, stuck.
    sessions: pd.DataFrame
    #: One row per day from the first session (or the start) to the end, zeros included:
    #: minutes, met, rest (declared), rest_counts (within the budget, when rest days count),
    #: stuck, streak (length of the run the day belongs to, so far), run, strength (the habit strength in percent, NaN before the first session).
    daily: pd.DataFrame
    #: Calendar cells: day, week (first day of its week), weekday (0 = first day of the week),
    #: minutes, level, streak, in_current, in_longest.
    calendar: pd.DataFrame
    current_streak: Streak
    longest_streak: Streak
    #: The habit strength (0-100) at the end of the period, as `tracker stats` counts it.
    habit_strength: int
    #: Hours per week and topic: week (datetime64), topic, minutes, hours.
    weekly_topics: pd.DataFrame
    #: Cumulative hours on the plan per day of the period: day, hours.
    burnup: pd.DataFrame
    burnup_summary: BurnUp
    #: One row per resource with a plan, time spent or units: title, status, plan_hours,
    #: spent_hours, units_done, units_total, units_share.
    resources: pd.DataFrame
    #: Average minutes per calendar day, by weekday (in week order): weekday, minutes.
    weekdays: pd.DataFrame
    #: Hours by activity kind: kind, hours.
    kinds: pd.DataFrame
    #: Days marked stuck, by topic: topic, days, last.
    stuck: pd.DataFrame
    #: Checkpoint runs of the period: checkpoint, passed, message, ran_at (UTC text), at (local
    #: time), day, group (its topic, or its name when the curriculum doesn't know it).
    checkpoints: pd.DataFrame
    #: Cards reviewed per day (day, reviews, again, retention), or None when there is no review.
    reviews: pd.DataFrame | None
    #: True when the journal holds any session at all (before the end of the period).
    any_sessions: bool = False
    #: The goals in hours with their roads, for the burn-up (none when the period ends before today).
    goals: tuple[GoalRoad, ...] = ()

    @property
    def total_hours(self) -> float:
        return round(float(self.sessions["minutes"].sum()) / 60, 1)

    @property
    def days_studied(self) -> int:
        return int(self.sessions["day"].nunique())


def build_frames(
    journal: Journal, settings: Settings, today: date, start: date | None = None, end: date | None = None,
) -> ChartFrames:
    """Read the journal and prepare every chart's table for the period [start, end].

    Without --from the period starts at the first session; without --to it ends today. Streaks and
    the burn-up look at the whole history before the end, so the numbers don't depend on where
    the period starts.
    """
    end = end or today
    local = clock.now().tzinfo
    all_sessions = _sessions(journal, end)
    first_day = all_sessions["day"].min().date() if len(all_sessions) else end
    period_start = start or min(first_day, end)
    sessions = all_sessions[all_sessions["day"] >= pd.Timestamp(period_start)].reset_index(drop=True)

    calendar_default = start is None
    calendar_start = end - timedelta(days=CALENDAR_DAYS - 1) if calendar_default else period_start

    rest_days = pd.to_datetime(pd.DataFrame(journal.rows("SELECT day FROM rest_day"), columns=["day"])["day"])
    history_start = min(first_day, period_start, calendar_start)
    daily = _daily(all_sessions, rest_days, history_start, end, settings)
    daily["strength"] = _strength(daily, first_day if len(all_sessions) else None, today, settings)
    current, longest = _streaks(daily, end)
    calendar = _calendar(daily, calendar_start, end, settings, current, longest)
    resources = _resources(journal, settings)
    burnup, burnup_summary = _burnup(all_sessions, resources, daily.index, period_start, end, first_day)
    period_days = daily.loc[pd.Timestamp(max(period_start, first_day)):pd.Timestamp(end)]

    return ChartFrames(
        start=period_start,
        end=end,
        today=today,
        calendar_start=calendar_start,
        calendar_default=calendar_default,
        daily_minimum=settings.daily_minimum,
        week_start_index=settings.week_start_index,
        sessions=sessions,
        daily=daily,
        calendar=calendar,
        current_streak=current,
        longest_streak=longest,
        habit_strength=strength_percent(_last_strength(daily)),
        weekly_topics=_weekly_topics(sessions, settings.week_start_index),
        burnup=burnup,
        burnup_summary=burnup_summary,
        resources=_resource_table(resources),
        weekdays=_weekdays(period_days, settings.week_start_index),
        kinds=_kinds(sessions),
        stuck=_stuck(sessions),
        checkpoints=_checkpoints(journal, period_start, end, local, settings.day_starts_at),
        reviews=_reviews(journal, period_start, end, local, settings.day_starts_at),
        any_sessions=bool(len(all_sessions)),
        goals=goal_roads(journal, settings, today) if end >= today else (),
    )


# -- reading ----------------------------------------------------------------------------------
def _sessions(journal: Journal, end: date) -> pd.DataFrame:
    rows = journal.rows(
        """SELECT s.day, s.minutes, t.name AS topic, s.resource_id, r.title AS resource, s.kind, s.stuck
           FROM study_session s JOIN topic t ON t.id = s.topic_id
           LEFT JOIN resource r ON r.id = s.resource_id
           WHERE s.day <= :end ORDER BY s.day, s.id""",
        {"end": end.isoformat()},
    )
    columns = ["day", "minutes", "topic", "resource_id", "resource", "kind", "stuck"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["day"] = pd.to_datetime(frame["day"], format="%Y-%m-%d")
    frame["minutes"] = frame["minutes"].astype("int64")
    frame["stuck"] = frame["stuck"].astype(bool)
    frame["resource_id"] = frame["resource_id"].astype("Int64")
    return frame


def _resources(journal: Journal, settings: Settings) -> pd.DataFrame:
    columns = ["id", "title", "status", "plan_hours", "spent_hours", "units_done", "units_total"]
    frame = pd.DataFrame(list_resources(journal, settings.fte_hours), columns=columns)
    for column in ("plan_hours", "spent_hours", "units_done", "units_total"):
        frame[column] = frame[column].astype("float64")
    return frame


def _local_times(stamps: pd.Series, local: tzinfo | None) -> pd.Series:
    """UTC ISO stamps as the learner's local wall-clock time (a run at 00:30 local is on that day)."""
    moments = pd.to_datetime(stamps, utc=True, format="ISO8601")
    if local is not None:
        moments = moments.dt.tz_convert(local)
    return moments.dt.tz_localize(None)


# -- habit: days, streaks, the calendar -------------------------------------------------------
def _daily(sessions: pd.DataFrame, rest_days: pd.Series, first: date, end: date, settings: Settings) -> pd.DataFrame:
    """Every day from `first` to `end` with its minutes, and the streak it belongs to.

    Streak rules are those of tracker.habit.streaks: a day counts when it meets the minimum; a
    declared rest day that counts (tracker.habit.granted_rest_days) neither breaks a run nor adds to it.
    """
    index = pd.date_range(first, end, freq="D", name="day")
    daily = pd.DataFrame(index=index)
    daily["minutes"] = sessions.groupby("day")["minutes"].sum().reindex(index, fill_value=0).astype("int64")
    daily["stuck"] = sessions.groupby("day")["stuck"].any().reindex(index, fill_value=False).astype(bool)
    daily["met"] = daily["minutes"] >= settings.daily_minimum
    daily["rest"] = index.isin(rest_days)
    # The rest days that count: those within the month's budget, when rest days count at all.
    granted = (granted_rest_days((day.date() for day in rest_days), settings.rest_days_per_month)
               if settings.rest_days_keep_streak else set())
    daily["rest_counts"] = index.isin(pd.to_datetime(sorted(granted)))
    bridges = daily["rest_counts"] & ~daily["met"]
    breaks = ~(daily["met"] | bridges)
    # Each break starts a new run; within a run, count the met days so far.
    daily["run"] = breaks.cumsum()
    daily["streak"] = daily["met"].astype("int64").groupby(daily["run"]).cumsum().where(~breaks, 0)
    return daily


def _strength(daily: pd.DataFrame, first: date | None, today: date, settings: Settings) -> pd.Series:
    """The habit strength in percent on each day, by tracker.habit's one rule (a linear pass: ~10 ms
    over ten years), from the first session; NaN before it."""
    strength = pd.Series(np.nan, index=daily.index, dtype="float64")
    if first is None or daily.empty:
        return strength
    studied = daily[daily["minutes"] > 0]
    totals = dict(zip(studied.index.date, studied["minutes"].tolist(), strict=True))
    rest = set(daily.index[daily["rest_counts"]].date)
    last = daily.index[-1].date()
    scores = strength_series(totals, rest, settings.daily_minimum, first, last, today)
    strength.loc[pd.Timestamp(first):] = np.asarray(scores) * 100
    return strength


def _last_strength(daily: pd.DataFrame) -> float:
    if daily.empty or np.isnan(daily["strength"].iloc[-1]):
        return 0.0
    return float(daily["strength"].iloc[-1]) / 100


def _streaks(daily: pd.DataFrame, end: date) -> tuple[Streak, Streak]:
    """The current streak (today not met yet doesn't end it) and the longest one."""
    if daily.empty or daily["streak"].max() == 0:
        return Streak(0), Streak(0)
    end_ts = pd.Timestamp(end)
    anchor = end_ts if daily.at[end_ts, "met"] else end_ts - pd.Timedelta(days=1)
    current = Streak(0)
    if anchor in daily.index and daily.at[anchor, "streak"] > 0:
        current = _run_ending(daily, anchor)
    best_day = daily["streak"][::-1].idxmax()  # the most recent of the longest runs
    longest = _run_ending(daily, best_day)
    if current.length >= longest.length:
        longest = current
    return current, longest


def _run_ending(daily: pd.DataFrame, day: pd.Timestamp) -> Streak:
    run = daily[(daily["run"] == daily.at[day, "run"]) & (daily.index <= day) & (daily["streak"] > 0)]
    met = run[run["met"]]
    return Streak(int(daily.at[day, "streak"]), met.index[0].date(), met.index[-1].date())


def _calendar(
    daily: pd.DataFrame, first: date, end: date, settings: Settings, current: Streak, longest: Streak,
) -> pd.DataFrame:
    days = daily.loc[pd.Timestamp(first):pd.Timestamp(end)]
    minimum = settings.daily_minimum
    minutes = days["minutes"].to_numpy()
    rests = days["rest"].to_numpy()
    level = np.array(
        [calendar_level(int(m), minimum, bool(rest)) for m, rest in zip(minutes, rests, strict=True)], dtype="int64",
    )
    index = days.index
    offset = (index.day_of_week - settings.week_start_index) % 7
    frame = pd.DataFrame({
        "day": index,
        "week": index - pd.to_timedelta(offset, unit="D"),
        "weekday": offset,
        "minutes": minutes,
        "level": level,
        "streak": days["streak"].to_numpy(),
        "stuck": days["stuck"].to_numpy(),
    })
    frame["in_current"] = _within(frame["day"], current) & (frame["streak"] > 0)
    frame["in_longest"] = _within(frame["day"], longest) & (frame["streak"] > 0)
    return frame


def _within(days: pd.Series, streak: Streak) -> pd.Series:
    if not streak.length:
        return pd.Series(False, index=days.index)
    return days.between(pd.Timestamp(streak.first), pd.Timestamp(streak.last))


# -- where the time goes ----------------------------------------------------------------------
def _week_of(days: pd.Series, start_index: int) -> pd.Series:
    return days - pd.to_timedelta((days.dt.day_of_week - start_index) % 7, unit="D")


def _weekly_topics(sessions: pd.DataFrame, start_index: int) -> pd.DataFrame:
    if sessions.empty:
        return pd.DataFrame({"week": pd.Series(dtype="datetime64[ns]"), "topic": [], "minutes": [], "hours": []})
    by_topic = sessions.groupby("topic")["minutes"].sum().sort_values(ascending=False, kind="stable")
    keep = set(by_topic.index[:MAX_TOPICS]) if len(by_topic) > MAX_TOPICS + 1 else set(by_topic.index)
    topic = sessions["topic"].where(sessions["topic"].isin(keep), OTHER_TOPICS)
    weekly = (
        sessions.assign(week=_week_of(sessions["day"], start_index), topic=topic)
        .groupby(["week", "topic"], as_index=False)["minutes"].sum()
    )
    order = {name: rank for rank, name in enumerate([*by_topic.index, OTHER_TOPICS])}
    weekly = weekly.sort_values(["week", "topic"], key=lambda col: col.map(order) if col.name == "topic" else col)
    weekly["hours"] = weekly["minutes"] / 60
    return weekly.reset_index(drop=True)


def _resource_table(resources: pd.DataFrame) -> pd.DataFrame:
    shown = resources[
        resources["plan_hours"].notna() | (resources["spent_hours"] > 0) | resources["units_total"].notna()
    ].copy()
    shown["units_share"] = shown["units_done"] / shown["units_total"]
    return shown.reset_index(drop=True)


def _burnup(
    sessions: pd.DataFrame, resources: pd.DataFrame, days: pd.DatetimeIndex, start: date, end: date, first: date,
) -> tuple[pd.DataFrame, BurnUp]:
    planned = resources[resources["plan_hours"].notna() & (resources["status"] != "dropped")]
    plan_hours = float(planned["plan_hours"].sum())
    on_plan = sessions[sessions["resource_id"].isin(planned["id"])]
    hours = (on_plan.groupby("day")["minutes"].sum().reindex(days, fill_value=0).cumsum() / 60).rename("hours")

    def hours_through(day: date) -> float:
        so_far = hours.loc[: pd.Timestamp(day)]
        return float(so_far.iloc[-1]) if len(so_far) else 0.0

    def first_day_at(target: float) -> date:
        return hours[hours >= target].index[0].date()

    summary = summarize_burnup(plan_hours, hours_through, first, end, first_day_at)
    return hours.loc[pd.Timestamp(start):pd.Timestamp(end)].reset_index(), summary


def _weekdays(days: pd.DataFrame, start_index: int) -> pd.DataFrame:
    """Average minutes per day by weekday; days with no study count as zero."""
    order = [(start_index + step) % 7 for step in range(7)]
    means = days.groupby(days.index.day_of_week)["minutes"].mean().reindex(order)
    return pd.DataFrame({"weekday": [WEEKDAY_NAMES[i] for i in order], "minutes": means.fillna(0).to_numpy()})


def _kinds(sessions: pd.DataFrame) -> pd.DataFrame:
    hours = sessions.groupby("kind")["minutes"].sum().sort_values(ascending=False, kind="stable") / 60
    return pd.DataFrame({"kind": hours.index, "hours": hours.to_numpy()})


def _stuck(sessions: pd.DataFrame) -> pd.DataFrame:
    stuck = sessions.loc[sessions["stuck"], ["day", "topic"]].drop_duplicates()
    table = stuck.groupby("topic")["day"].agg(days="count", last="max").reset_index()
    return table.sort_values(["days", "last"], ascending=[False, False], kind="stable").reset_index(drop=True)


# -- checkpoints and reviews ------------------------------------------------------------------
def checkpoint_topics() -> dict[str, str]:
    """Checkpoint name (and folder name) to its topic, from the curriculum when it is installed."""
    try:
        curriculum = load_curriculum()
    except Exception:  # noqa: BLE001 - no curriculum: runs are grouped by checkpoint name instead
        return {}
    names: dict[str, str] = {}
    for checkpoint in curriculum:
        names[checkpoint.name] = names[checkpoint.folder.name] = checkpoint.topic
    return names


def _study_days(moments: pd.Series, day_starts_at: int) -> pd.Series:
    """Local wall-clock times as their study days (clock.study_day): before `day_starts_at`
    o'clock is the day before."""
    return (moments - pd.Timedelta(hours=day_starts_at)).dt.normalize()


def _checkpoints(journal: Journal, start: date, end: date, local: tzinfo | None, day_starts_at: int = 0) -> pd.DataFrame:
    rows = journal.rows("SELECT checkpoint, passed, message, ran_at FROM checkpoint_run ORDER BY ran_at, id")
    frame = pd.DataFrame(rows, columns=["checkpoint", "passed", "message", "ran_at"])
    frame["passed"] = frame["passed"].astype(bool)
    frame["at"] = _local_times(frame["ran_at"], local)
    frame["day"] = _study_days(frame["at"], day_starts_at)
    frame = frame[frame["day"].between(pd.Timestamp(start), pd.Timestamp(end))].reset_index(drop=True)
    frame["group"] = frame["checkpoint"].map(checkpoint_topics()).fillna(frame["checkpoint"])
    return frame


def _reviews(
    journal: Journal, start: date, end: date, local: tzinfo | None, day_starts_at: int = 0,
) -> pd.DataFrame | None:
    """Cards reviewed per study day with the share recalled (not rated Again); None when no card
    has been reviewed in the period."""
    rows = pd.DataFrame(journal.rows("SELECT reviewed_at AS at, rating FROM review"), columns=["at", "rating"])
    if rows.empty:
        return None
    rows["day"] = _study_days(_local_times(rows["at"], local), day_starts_at)
    rows = rows[rows["day"].between(pd.Timestamp(start), pd.Timestamp(end))]
    if rows.empty:
        return None
    rows["again"] = rows["rating"] == 1
    daily = rows.groupby("day").agg(reviews=("rating", "size"), again=("again", "sum")).reset_index()
    daily["retention"] = 1 - daily["again"] / daily["reviews"]
    return daily
