"""The terminal Charts screen's numbers (tracker.charts.terminal, no pandas) against what the HTML
dashboard's frames (tracker.charts.frames, pandas) give for the same journal, field by field."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path

import pytest
from testkit.clock import TODAY
from testkit.journals import load_sample

from tracker.charts.terminal import (
    LEVEL_NAMES,
    MAX_FORECAST_DAYS,
    MAX_POINTS,
    WEEKS,
    CalendarDay,
    ChartsData,
    calendar_level,
    terminal_charts,
    thinned,
)
from tracker.config import Settings
from tracker.store import Journal, open_journal
from testkit.paths import REPO

#: One worker runs this module, so its module-scoped fixture runs once (pytest-xdist).
pytestmark = pytest.mark.xdist_group("chart-summary")

SETTINGS = [
    Settings(),
    Settings(week_start="sunday"),
    Settings(rest_days_keep_streak=True, daily_minimum=45),
    Settings(week_start="sunday", rest_days_keep_streak=True, fte_hours=120.0),
]


def pandas_reference(
    journal: Journal, settings: Settings, today: date, weeks: int = WEEKS, max_points: int = MAX_POINTS,
) -> ChartsData:
    """What the Charts screen read before tracker.charts.terminal: the dashboard's frames, cut down."""
    import pandas as pd

    from tracker.charts.frames import build_frames

    frames = build_frames(journal, settings, today)
    this_week = today - timedelta(days=(today.weekday() - settings.week_start_index) % 7)
    week_starts = tuple(this_week - timedelta(days=7 * back) for back in range(weeks - 1, -1, -1))

    weekly = frames.weekly_topics.groupby("week")["minutes"].sum()
    by_week = {stamp.date(): float(minutes) / 60 for stamp, minutes in weekly.items()}
    cells = frames.calendar[frames.calendar["day"] >= pd.Timestamp(week_starts[0])]
    calendar = tuple(
        CalendarDay(stamp.date(), int(minutes), LEVEL_NAMES[int(level)])
        for stamp, minutes, level in zip(cells["day"], cells["minutes"], cells["level"], strict=True)
    )
    burnup = frames.burnup
    step = max(1, -(-len(burnup) // max_points))
    kept = burnup.iloc[::step]
    if len(burnup) and kept.index[-1] != burnup.index[-1]:
        kept = pd.concat([kept, burnup.iloc[[-1]]])
    summary = frames.burnup_summary
    return ChartsData(
        today=today,
        daily_minimum=settings.daily_minimum,
        week_start_index=settings.week_start_index,
        weeks=week_starts,
        week_hours=tuple(round(by_week.get(week, 0.0), 2) for week in week_starts),
        calendar=calendar,
        burnup_days=tuple(stamp.date() for stamp in kept["day"]),
        burnup_hours=tuple(round(float(value), 2) for value in kept["hours"]),
        plan_hours=round(summary.plan_hours, 2),
        done_hours=round(summary.done_hours, 2),
        pace_hours_per_day=round(summary.pace_hours_per_day, 3),
        forecast=summary.forecast,
        reached=summary.reached,
        total_hours=frames.total_hours,
        current_streak=frames.current_streak.length,
        longest_streak=frames.longest_streak.length,
        habit_strength=frames.habit_strength,
        goals=frames.goals,
    )


def assert_same_as_frames(journal: Journal, settings: Settings, today: date, **sizes: int) -> ChartsData:
    charts = terminal_charts(journal, settings, today, **sizes)
    reference = pandas_reference(journal, settings, today, **sizes)
    for field in fields(ChartsData):
        assert getattr(charts, field.name) == getattr(reference, field.name), (field.name, settings)
    assert charts == reference
    return charts


def log(journal: Journal, day: date, minutes: int, resource: str | None = None, topic: str = "Backprop") -> None:
    from tracker.study import log_session

    log_session(journal, minutes=minutes, topic=topic, day=day, resource=resource)


# -- the sample journal and a synthetic one -------------------------------------------------------
@pytest.mark.parametrize("settings", SETTINGS)
def test_the_sample_journal(db_path: Path, settings: Settings) -> None:
    with open_journal(str(load_sample(db_path))) as journal:
        charts = assert_same_as_frames(journal, settings, TODAY)
    assert charts.plan_hours > charts.done_hours > 0 and charts.current_streak > 0


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's synthetic journal over two years, with rest days, a dropped and an FTE plan added."""
    sys.path.insert(0, str(REPO))
    try:
        from bench.make_journal import make_journal
    finally:
        sys.path.remove(str(REPO))
    from tracker.study import declare_rest_day

    path = tmp_path_factory.mktemp("synthetic") / "two-years.db"
    make_journal(path, years=2)
    with open_journal(str(path)) as journal:
        journal.execute("UPDATE resource SET status = 'dropped' WHERE id IN (1, 2)")
        journal.execute("UPDATE resource SET planned_hours = NULL, fte_points = 0.5 WHERE id = 3")
        for back in range(3, 700, 11):
            declare_rest_day(journal, TODAY - timedelta(days=back))
    return path


@pytest.mark.parametrize("settings", SETTINGS)
def test_a_synthetic_two_year_journal(two_years: Path, settings: Settings) -> None:
    with open_journal(str(two_years)) as journal:
        charts = assert_same_as_frames(journal, settings, TODAY)
        assert len(charts.burnup_days) <= MAX_POINTS + 1 and charts.burnup_days[-1] == TODAY
        # Another today (later sessions don't count), fewer weeks, and a burn-up thinned hard.
        assert_same_as_frames(journal, settings, date(2025, 6, 15), weeks=5, max_points=7)


# -- edge cases ---------------------------------------------------------------------------------
def test_an_empty_journal(journal: Journal) -> None:
    charts = assert_same_as_frames(journal, Settings(), TODAY)
    assert charts.burnup_days == (TODAY,) and charts.burnup_hours == (0.0,)
    assert (charts.total_hours, charts.current_streak, charts.plan_hours, charts.forecast) == (0.0, 0, 0.0, None)
    assert {day.level for day in charts.calendar} == {"none"}


def test_no_planned_resource(journal: Journal) -> None:
    from tracker.plan import add_resource

    add_resource(journal, "Blog posts", status="active")
    log(journal, TODAY - timedelta(days=40), 50, "Blog posts")
    log(journal, TODAY - timedelta(days=1), 20)
    log(journal, TODAY, 130)
    charts = assert_same_as_frames(journal, Settings(), TODAY)
    assert (charts.plan_hours, charts.done_hours, charts.forecast, charts.reached) == (0.0, 0.0, None, None)
    assert set(charts.burnup_hours) == {0.0}


def test_plan_reached_beyond_forecast_and_a_dropped_plan(journal: Journal) -> None:
    from tracker.plan import add_resource

    add_resource(journal, "Short tutorial", hours=1, status="done")
    add_resource(journal, "Dropped course", hours=50, status="dropped")
    log(journal, TODAY - timedelta(days=30), 40, "Short tutorial")
    log(journal, TODAY - timedelta(days=9), 40, "Short tutorial")
    log(journal, TODAY - timedelta(days=2), 90, "Dropped course")
    assert assert_same_as_frames(journal, Settings(), TODAY).reached == TODAY - timedelta(days=9)

    add_resource(journal, "A degree", fte=200, status="active")  # 30,000 h at about 3 min a day
    charts = assert_same_as_frames(journal, Settings(), TODAY)
    assert charts.reached is None and charts.forecast is None and charts.pace_hours_per_day > 0
    assert (charts.plan_hours - charts.done_hours) / charts.pace_hours_per_day > MAX_FORECAST_DAYS


@pytest.mark.parametrize("keep", [True, False])
def test_rest_days_keep_a_streak_when_the_setting_says_so(journal: Journal, keep: bool) -> None:
    from tracker.study import declare_rest_day

    for back in (9, 8, 6, 5, 3, 1):
        log(journal, TODAY - timedelta(days=back), 30)
    log(journal, TODAY - timedelta(days=2), 10)                  # under the minimum on a rest day
    for back in (7, 4, 2, 0):
        declare_rest_day(journal, TODAY - timedelta(days=back))
    # Four rest days this month: a budget of four lets them all count.
    charts = assert_same_as_frames(journal, Settings(rest_days_keep_streak=keep, rest_days_per_month=4), TODAY)
    assert (charts.current_streak, charts.longest_streak) == ((6, 6) if keep else (1, 2))
    levels = {cell.day: cell.level for cell in charts.calendar}
    assert levels[TODAY - timedelta(days=7)] == "rest" and levels[TODAY - timedelta(days=2)] == "under"


def test_a_sunday_week_start(journal: Journal) -> None:
    saturday, sunday = TODAY - timedelta(days=7), TODAY - timedelta(days=6)
    log(journal, saturday, 60)
    log(journal, sunday, 90)
    charts = assert_same_as_frames(journal, Settings(week_start="sunday"), TODAY)
    assert charts.weeks[-1] == TODAY - timedelta(days=6) and charts.weeks[-1].weekday() == 6
    assert charts.week_hours[-2:] == (1.0, 1.5)


# -- the shared rules and the import --------------------------------------------------------------
def test_calendar_levels_follow_the_minimum_and_rest_shows_only_without_study() -> None:
    levels = [LEVEL_NAMES[calendar_level(minutes, 30, rest)] for minutes, rest in
              [(0, False), (0, True), (10, True), (30, False), (59, False), (60, True), (120, False)]]
    assert levels == ["none", "rest", "under", "met", "met", "double", "quadruple"]


def test_thinning_keeps_the_first_and_the_last_point() -> None:
    assert thinned(range(10), 4) == [0, 3, 6, 9]
    assert thinned(range(11), 4) == [0, 3, 6, 9, 10]
    assert thinned(range(3), 400) == [0, 1, 2] and thinned([], 5) == []


@pytest.mark.parametrize("module", ["tracker.charts", "tracker.charts.terminal"])
def test_importing_it_loads_neither_pandas_nor_numpy_nor_plotly_nor_textual(module: str) -> None:
    """The Charts screen imports the terminal half on its quick path; the package face is as cheap."""
    code = (f"import sys, {module}\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'pandas', 'numpy', 'plotly', 'kaleido', 'textual'}))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert found.strip() == "[]"
