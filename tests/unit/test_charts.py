"""Progress charts: the figures' numbers against a small journal worked out by hand, the dashboard
page (offline, plotly.js once) and the image files. The `tracker charts` command is tested in
tests/cli/test_charts_commands.py."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from testkit.charts import SESSIONS

from tracker.config import Settings

#: The fixed today of conftest.py (TRACKER_NOW): Saturday 2026-11-21, ISO week 2026-W47.
FIXED_TODAY = date(2026, 11, 21)


@pytest.fixture
def small(journal):
    from tracker.study import declare_rest_day, log_session
    from tracker.plan import add_resource

    add_resource(journal, "DL Book", hours=10, units=12, status="active")
    add_resource(journal, "Fast course", fte=0.02, status="active")         # 0.02 x 150 h = 3 h
    add_resource(journal, "Dropped course", hours=50, status="dropped")
    add_resource(journal, "Blog posts", status="active")
    for day, minutes, topic, resource, kind, stuck in SESSIONS:
        log_session(journal, minutes=minutes, topic=topic, day=date.fromisoformat(day), resource=resource,
                    kind=kind, stuck=stuck)
    declare_rest_day(journal, date(2026, 11, 18))
    return journal


def frames_for(journal, settings=None, start=None, end=None):
    from tracker.charts.frames import build_frames

    return build_frames(journal, settings or Settings(), FIXED_TODAY, start, end)


def charts_by_name(frames):
    from tracker.charts.figures import build_charts

    return {chart.name: chart for chart in build_charts(frames)}


# -- figure data against hand-computed values ----------------------------------------------------
def test_weekly_hours_per_topic(small) -> None:
    figure = charts_by_name(frames_for(small))["weekly-topics"].figure
    bars = {(trace.name, week): hours for trace in figure.data for week, hours in zip(trace.x, trace.y)}
    assert bars == {
        ("Backprop", "2026-09-28"): 0.5,
        ("Backprop", "2026-11-02"): 2.0,
        ("Backprop", "2026-11-09"): round(100 / 60, 2),   # 40 + 30 + 30
        ("CNNs", "2026-11-09"): round(185 / 60, 2),       # 20 + 30 + 45 + 90
        ("Backprop", "2026-11-16"): round(130 / 60, 2),   # 30 + 60 + 40
        ("CNNs", "2026-11-16"): 1.0,                      # 35 + 25
    }
    assert figure.layout.barmode == "stack"


def test_weeks_start_on_sunday_when_set(small) -> None:
    frames = frames_for(small, Settings(week_start="sunday"))
    weekly = frames.weekly_topics
    cnns = dict(zip(weekly.loc[weekly["topic"] == "CNNs", "week"].dt.strftime("%Y-%m-%d"),
                    weekly.loc[weekly["topic"] == "CNNs", "minutes"]))
    # Sunday 11-15 (90m) opens the week of 11-15, with 11-19 and 11-20.
    assert cnns == {"2026-11-08": 95, "2026-11-15": 150}


def test_calendar_levels_and_streak_cells(small) -> None:
    frames = frames_for(small, Settings(rest_days_keep_streak=False))  # the rest day is a miss here
    assert (frames.current_streak.length, frames.longest_streak.length) == (1, 4)
    assert (frames.longest_streak.first, frames.longest_streak.last) == (date(2026, 11, 14), date(2026, 11, 17))
    figure = charts_by_name(frames)["calendar"].figure
    heatmap = figure.data[0]
    weekdays = list(heatmap.y)
    assert weekdays == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    def level(day: str) -> float:
        when = date.fromisoformat(day)
        column = list(heatmap.x).index((when - timedelta(days=when.weekday())).isoformat())
        return heatmap.z[when.weekday()][column]

    # 30m minimum: under it 1, met 2, twice it 3, four times 4; nothing 0; a rest day -1.
    assert [level(d) for d in ("2026-11-03", "2026-11-15", "2026-11-11", "2026-11-09", "2026-11-10",
                               "2026-11-13", "2026-11-18")] == [4, 3, 3, 2, 1, 0, -1]
    streaks = {trace.name.split(":")[0]: list(zip(trace.x, trace.y)) for trace in figure.data[1:]}
    assert streaks == {
        "current streak": [("2026-11-16", "Sat")],
        "longest streak": [("2026-11-09", "Sat"), ("2026-11-09", "Sun"), ("2026-11-16", "Mon"), ("2026-11-16", "Tue")],
    }
    assert "last 12 months" in figure.layout.title.text
    assert len(frames.calendar) == 365 and frames.calendar["day"].iloc[0].date() == date(2025, 11, 22)


def test_rest_days_bridge_streaks_when_the_setting_says_so(small) -> None:
    frames = frames_for(small, Settings(rest_days_keep_streak=True))
    # 11-14..11-17, the rest day 11-18 (adds nothing), 11-19: five days; 11-20 is under the minimum.
    assert frames.longest_streak.length == 5
    assert (frames.longest_streak.first, frames.longest_streak.last) == (date(2026, 11, 14), date(2026, 11, 19))
    cells = frames.calendar.set_index("day")
    assert bool(cells.loc["2026-11-18", "in_longest"]) and cells.loc["2026-11-18", "streak"] == 4


def test_burnup_and_forecast(small) -> None:
    frames = frames_for(small)
    plan = frames.burnup_summary
    # DL Book 10 h + Fast course 3 h; the dropped course and Blog posts (no plan) don't count.
    assert plan.plan_hours == pytest.approx(13.0)
    on_plan = 30 + 120 + 40 + 30 + 30 + 30 + 30 + 40 + 60           # minutes on DL Book and Fast course
    assert plan.done_hours == pytest.approx(on_plan / 60)
    # Recent pace: the last 28 days (10-25..11-21) hold all but the 10-01 session.
    assert plan.pace_hours_per_day == pytest.approx((on_plan - 30) / 60 / 28)
    remaining_minutes = 13 * 60 - on_plan                            # 370
    days = -(-remaining_minutes * 28 // (on_plan - 30))               # ceil(370 / (380 / 28)) = 28
    assert plan.forecast == FIXED_TODAY + timedelta(days=days) == date(2026, 12, 19)
    figure = charts_by_name(frames)["burn-up"].figure
    done, plan_line, forecast = figure.data
    assert done.x[-1] == "2026-11-21" and done.y[-1] == pytest.approx(round(on_plan / 60, 2))
    assert done.x[0] == "2026-10-01" and done.y[0] == 0.5
    assert list(plan_line.y) == [13.0, 13.0]
    assert list(forecast.x) == ["2026-11-21", "2026-12-19"]
    assert "2026-12-19" in figure.layout.title.text


def test_burnup_reached_and_no_plan(journal) -> None:
    from tracker.study import log_session
    from tracker.plan import add_resource

    log_session(journal, minutes=45, topic="NumPy", day=date(2026, 11, 2))
    assert charts_by_name(frames_for(journal))["burn-up"].figure is None          # no resource has a plan
    add_resource(journal, "Short tutorial", hours=1, status="active")
    log_session(journal, minutes=40, topic="NumPy", day=date(2026, 11, 10), resource="Short tutorial")
    log_session(journal, minutes=40, topic="NumPy", day=date(2026, 11, 12), resource="Short tutorial")
    plan = frames_for(journal).burnup_summary
    assert (plan.reached, plan.forecast) == (date(2026, 11, 12), None)


def test_resources_when_and_how(small) -> None:
    frames = frames_for(small)
    charts = charts_by_name(frames)
    planned, spent, units = charts["resources"].figure.data
    assert dict(zip(planned.y, planned.x))["DL Book"] == 10
    assert dict(zip(spent.y, spent.x))["DL Book"] == pytest.approx(round(350 / 60, 1))
    assert dict(zip(planned.y, planned.x))["Fast course"] == 3
    assert dict(zip(units.y, units.text))["DL Book"] == "0/12"
    assert "Dropped course (dropped)" in planned.y

    weekday, kinds, stuck = charts["when-and-how"].figure.data
    # 2026-10-01 (Thu) .. 2026-11-21: 52 days, so Saturdays and Thursdays occur 7 times, others 7 or 8.
    days = [date(2026, 10, 1) + timedelta(days=i) for i in range(52)]
    minutes = {}
    for day, amount, *_rest in SESSIONS:
        minutes[day] = minutes.get(day, 0) + amount
    expected = [round(sum(minutes.get(d.isoformat(), 0) for d in days if d.weekday() == w)
                      / sum(1 for d in days if d.weekday() == w), 1) for w in range(7)]
    assert list(weekday.y) == pytest.approx(expected)
    assert dict(zip(kinds.x, kinds.y)) == pytest.approx({"read": 290 / 60, "code": 200 / 60, "watch": 105 / 60,
                                                         "exercise": 0.5}, abs=0.005)
    assert list(kinds.x) == ["read", "code", "watch", "exercise"]
    assert dict(zip(stuck.y, stuck.x)) == {"CNNs": 2}


def test_period_limits_every_chart(small) -> None:
    frames = frames_for(small, start=date(2026, 11, 9), end=date(2026, 11, 15))
    charts = charts_by_name(frames)
    assert len(frames.calendar) == 7
    title = charts["calendar"].figure.layout.title.text
    assert "2026-11-09 to 2026-11-15" in title and "12 months" not in title
    assert {trace.name: sum(trace.y) for trace in charts["weekly-topics"].figure.data} == pytest.approx(
        {"Backprop": round(100 / 60, 2), "CNNs": round(185 / 60, 2)})
    # Streaks look at the history before the period: as of 11-15, 11-14 and 11-15 are the run.
    assert frames.current_streak.length == 2


def test_checkpoint_runs_grouped_by_topic(small) -> None:
    from tracker.store import stamps

    runs = [("activations", 0, "2026-11-09T20:00:00Z"), ("activations", 1, "2026-11-10T10:00:00Z"),
            ("notes.md#block-1", 1, "2026-11-12T08:00:00Z"), ("activations", 1, "2025-01-01T08:00:00Z")]
    small.executemany(
        "INSERT INTO checkpoint_run (checkpoint, passed, message, seconds, code_hash, ran_at, created_at, updated_at) "
        "VALUES (:c, :p, 'ok', 0.1, '', :at, :created_at, :updated_at)",
        [{"c": c, "p": p, "at": at, **stamps()} for c, p, at in runs],
    )
    try:
        from tracker.checkpoints.catalog import find_checkpoint

        topic = find_checkpoint("activations").topic
    except Exception:  # noqa: BLE001 - the curriculum isn't there: runs group by name
        topic = "activations"
    figure = charts_by_name(frames_for(small, start=date(2026, 11, 1)))["checkpoints"].figure
    points = {trace.name: sorted(zip(trace.x, trace.y)) for trace in figure.data}
    assert points == {
        "passed (2)": [("2026-11-10 10:00", topic), ("2026-11-12 08:00", "notes.md#block-1")],
        "failed (1)": [("2026-11-09 20:00", topic)],
    }


def test_review_chart_shows_reviews_per_day_and_the_share_recalled(small) -> None:
    from datetime import datetime

    from tracker import cards

    assert "reviews" not in charts_by_name(frames_for(small))
    card = cards.add_card(small, "Why ReLU?", "No vanishing gradient for x > 0", "Activations").card
    assert "reviews" not in charts_by_name(frames_for(small)), "a card without reviews draws no chart"
    for moment, rating in (("2026-11-20T08:00:00+00:00", 1), ("2026-11-20T08:10:00+00:00", 3),
                           ("2026-11-20T09:00:00+00:00", 3), ("2026-11-21T09:00:00+00:00", 4)):
        cards.rate(small, card, rating, now=datetime.fromisoformat(moment), fuzz=False, retention=0.9)
    figure = charts_by_name(frames_for(small))["reviews"].figure
    bars, recalled = figure.data
    assert dict(zip(bars.x, bars.y)) == {"2026-11-20": 3, "2026-11-21": 1}
    assert dict(zip(recalled.x, recalled.y)) == {"2026-11-20": pytest.approx(2 / 3), "2026-11-21": 1.0}
    assert "4 reviews on 2 days; 75% recalled" in figure.layout.title.text


def test_streaks_agree_with_the_stats_service() -> None:
    """The vectorised streaks give what tracker.habit.streaks gives, day rules and rest days included."""
    import pandas as pd

    from tracker.charts.frames import _daily, _streaks
    from tracker.habit import granted_rest_days, streaks

    rng = random.Random(7)
    today = date(2026, 11, 21)
    for case in range(60):
        keep = case % 2 == 0
        settings = Settings(rest_days_keep_streak=keep)
        span = rng.randint(1, 40)
        days = [today - timedelta(days=i) for i in range(span)]
        minutes = {d: rng.choice([0, 0, 10, 30, 45]) for d in days}
        rest = {d for d in days if rng.random() < 0.2}
        studied = {d: m for d, m in minutes.items() if m}
        sessions = pd.DataFrame({"day": pd.to_datetime(list(studied)), "minutes": list(studied.values()),
                                 "stuck": False})
        daily = _daily(sessions, pd.Series(pd.to_datetime(sorted(rest))), min(days), today, settings)
        current, longest = _streaks(daily, today)
        met = {d for d, m in minutes.items() if m >= settings.daily_minimum}
        counted = granted_rest_days(rest, settings.rest_days_per_month) if keep else set()
        expected = streaks(met, counted, today)
        assert (current.length, longest.length) == (expected.current, expected.longest), (minutes, rest, keep)


# -- the page ------------------------------------------------------------------------------------
class _Resources(HTMLParser):
    """Every URL the page would load by itself: script/img/iframe src, link href, CSS url()."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href", "data"):
            if values.get(name) and (tag != "a"):
                self.loaded.append(values[name] or "")


def test_dashboard_is_self_contained(small, tmp_path: Path) -> None:
    from plotly.offline import get_plotlyjs

    from tracker.charts.dashboard import make_dashboard

    dashboard = make_dashboard(small, Settings(), FIXED_TODAY, tmp_path / "out")
    page = dashboard.path.read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(page)
    assert parser.loaded == []                                   # nothing loaded from anywhere, http(s) or file
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    own = page.replace(get_plotlyjs(), "")
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//|https?://", own, re.I)
    assert page.count(get_plotlyjs()[:300]) == 1                 # the plotly.js bundle, once
    assert page.count("Plotly.newPlot(") == len(dashboard.drawn) == 6
    assert {chart.name for chart in dashboard.drawn} == {"calendar", "habit-strength", "weekly-topics", "burn-up",
                                                         "resources", "when-and-how"}
    assert "tracker check run NAME" in page                      # the left-out chart says why


# -- image files and settings --------------------------------------------------------------------
def test_image_names_and_formats(small, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """write_images hands kaleido one batch: every drawn chart, in each format asked for."""
    import plotly.io as pio

    from tracker.charts.figures import build_charts
    from tracker.charts.images import write_images

    calls = []

    def write(figures, paths, **kw) -> None:  # as kaleido does: a file per figure
        calls.append((figures, paths, kw))
        for path in paths:
            Path(path).write_bytes(b"image")

    monkeypatch.setattr(pio, "write_images", write)
    charts = build_charts(frames_for(small))
    paths = write_images(charts, tmp_path, ["png", "svg"])
    assert [p.name for p in paths] == [f"{name}.{fmt}" for fmt in ("png", "svg") for name in
                                       ("calendar", "habit-strength", "weekly-topics", "burn-up", "resources",
                                        "when-and-how")]
    (figures, _paths, options), = calls
    assert options["width"] == 1100 and len(options["height"]) == len(figures) == 12


def test_the_daily_minimum_moves_the_calendar_levels(small) -> None:
    settings = replace(Settings(), daily_minimum=45)
    frames = frames_for(small, settings)
    assert frames.daily_minimum == 45
    assert frames.calendar.set_index("day").loc["2026-11-09", "level"] == 1      # 40m is under 45m now


def test_an_image_kaleido_drops_is_drawn_again_and_one_never_drawn_is_named(small, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Kaleido can return without writing a figure (a slow browser): drawn once more, then named."""
    import plotly.io as pio

    from tracker.charts.figures import build_charts
    from tracker.charts.images import write_images
    from tracker.errors import TrackerError

    batches = []

    def flaky(figures, paths, **kw) -> None:  # the first batch loses its first image
        batches.append([Path(path).name for path in paths])
        for path in paths[1:] if len(batches) == 1 else paths:
            Path(path).write_bytes(b"image")

    monkeypatch.setattr(pio, "write_images", flaky)
    paths = write_images(build_charts(frames_for(small)), tmp_path, ["png"])
    assert all(path.is_file() for path in paths) and batches[1] == ["calendar.png"]

    monkeypatch.setattr(pio, "write_images", lambda figures, paths, **kw: None)  # never writes
    with pytest.raises(TrackerError) as caught:
        write_images(build_charts(frames_for(small)), tmp_path / "none", ["png"])
    assert "no image came back for calendar.png" in caught.value.line
