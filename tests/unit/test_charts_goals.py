"""The burn-up's goal roads (issue 15, item 2): each goal in hours gets its target line and, at its
last point, its days of safety buffer, as Beeminder's road does. Numbers worked out by hand on the
small chart journal (tests/testkit/charts.py), today Saturday 2026-11-21, weeks from Monday."""

from __future__ import annotations

import json
from datetime import date

import pytest
from testkit.charts import SESSIONS

from tracker.config import Settings

FIXED_TODAY = date(2026, 11, 21)


@pytest.fixture
def small(journal):
    from tracker.plan import add_resource
    from tracker.study import log_session

    add_resource(journal, "DL Book", hours=10, units=12, status="active")
    add_resource(journal, "Fast course", fte=0.02, status="active")
    add_resource(journal, "Dropped course", hours=50, status="dropped")
    add_resource(journal, "Blog posts", status="active")
    for day, minutes, topic, resource, kind, stuck in SESSIONS:
        log_session(journal, minutes=minutes, topic=topic, day=date.fromisoformat(day), resource=resource,
                    kind=kind, stuck=stuck)
    return journal


def burnup(journal, end=None) -> dict:
    """The burn-up figure as plotly's JSON (what the dashboard page embeds)."""
    from tracker.charts.figures import build_charts
    from tracker.charts.frames import build_frames

    charts = {chart.name: chart for chart in build_charts(build_frames(journal, Settings(), FIXED_TODAY, None, end))}
    return json.loads(charts["burn-up"].figure.to_json())


def traces(figure: dict) -> dict[str, dict]:
    return {trace["name"]: trace for trace in figure["data"]}


def test_a_weekly_goal_gets_its_road_and_days_of_buffer(small) -> None:
    from tracker import goals

    goals.add_goal(small, "weekly-hours", target="3.5", today=FIXED_TODAY)
    figure = burnup(small)
    road = traces(figure)["goal: 3.5 h a week"]
    # The week runs Monday 16 to Sunday 22 November, from 0 to 3.5 h.
    assert (road["x"], road["y"]) == (["2026-11-16", "2026-11-22"], [0.0, 3.5])
    done = traces(figure)["done: 3.5 h a week"]
    # Mon 30, Tue 60, Wed 0, Thu 35, Fri 25, Sat 40 minutes, summed day by day.
    assert done["x"] == ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21"]
    assert done["y"] == [0.5, 1.5, 1.5, 2.08, 2.5, 3.17]
    # 190 minutes = 3.17 h at 0.5 h a day covers floor(6.33) = 6 days; 5 days are past: 1 of buffer.
    [label] = [note["text"] for note in figure["layout"]["annotations"]]
    assert label == "3.5 h a week: on track, 1 day of buffer"
    # The plan's own lines are still there; the goals have their own scale, on the right.
    assert {"hours done", "plan: 13 h"} <= set(traces(figure))
    assert road["yaxis"] == done["yaxis"] == "y2" and figure["layout"]["yaxis2"]["side"] == "right"


def test_a_finish_goal_road_starts_at_what_was_done_before_it_was_set(small) -> None:
    from tracker import goals

    goals.add_goal(small, "finish", resource="DL Book", due="2026-12-31", today=FIXED_TODAY)
    figure = burnup(small)
    road = traces(figure)["goal: finish 'DL Book' by 2026-12-31"]
    # Set today: 310 minutes on the book before today (5.17 h), to its 10 planned hours by the due day.
    assert (road["x"], road["y"]) == (["2026-11-21", "2026-12-31"], [5.17, 10.0])
    # Today's 40 minutes: 0.67 h over a road of 4.83 h in 41 days (0.118 h a day) covers 5 days.
    [label] = [note["text"] for note in figure["layout"]["annotations"]]
    assert label == "finish 'DL Book' by 2026-12-31: on track, 5 days of buffer"


def test_a_goal_behind_says_so_and_a_days_goal_is_not_drawn_in_hours(small) -> None:
    from tracker import goals

    goals.add_goal(small, "weekly-hours", target="5", today=FIXED_TODAY)
    goals.add_goal(small, "weekly-days", target="3", today=FIXED_TODAY)
    figure = burnup(small)
    # 3.17 h at 5/7 h a day covers floor(4.43) = 4 days of the 5 past: behind.
    assert [note["text"] for note in figure["layout"]["annotations"]] == ["5 h a week: behind"]
    assert not [name for name in traces(figure) if "days a week" in name]


def test_no_goals_no_roads_and_a_past_period_draws_none(small) -> None:
    from tracker import goals

    assert not [name for name in traces(burnup(small)) if name.startswith("goal:")]
    goals.add_goal(small, "weekly-hours", target="5", today=FIXED_TODAY)
    assert not [name for name in traces(burnup(small, end=date(2026, 11, 1))) if name.startswith("goal:")]


def test_goals_draw_a_burn_up_even_without_a_plan(journal) -> None:
    from tracker import goals
    from tracker.study import log_session

    log_session(journal, minutes=60, topic="CNNs", day=FIXED_TODAY)
    goals.add_goal(journal, "topic-hours", target="20", topic="CNNs", due="2026-12-31", today=FIXED_TODAY)
    figure = burnup(journal)
    road = traces(figure)["goal: 20 h on 'CNNs' by 2026-12-31"]
    # Nothing before today: the road runs from 0 today to 20 h at the end of 31 December.
    assert (road["x"], road["y"]) == (["2026-11-21", "2026-12-31"], [0.0, 20.0])
    assert "hours done" not in traces(figure)
