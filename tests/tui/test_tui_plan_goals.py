"""The Plan screen's goals (issue 15, item 2): added through the goal dialog with keys, shown in
the goals panel with target against actual and the days of buffer, removed after a yes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.tui import TODAY, drawn_text, pilot_test, settle, tracker_app, type_text  # noqa: E402

from tracker import goals, plan, study  # noqa: E402
from tracker.store import open_journal  # noqa: E402


def stored_goals(db_path: Path) -> list[dict]:
    with open_journal(str(db_path)) as journal:
        return [{key: row[key] for key in ("kind", "target", "resource", "topic", "due")}
                for row in goals.list_goals(journal)]


async def open_plan(pilot) -> None:
    await settle(pilot)
    await pilot.press("escape", "3")
    await settle(pilot)
    assert pilot.app.screen.NAME == "plan"


def goals_panel(app) -> str:
    return drawn_text(app.screen.query_one("#plan-goals"))


@pilot_test
async def test_g_adds_a_weekly_goal_that_the_panel_shows_against_this_weeks_hours(db_path: Path) -> None:
    with open_journal(str(db_path)) as journal:
        # 2026-11-21 is a Saturday: Monday to Saturday of the week so far, 90 minutes.
        study.log_session(journal, minutes=90, topic="Calculus", day=TODAY, today=TODAY)
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        assert app.screen.goal_table.border_subtitle == "no goals yet: g adds one"
        await pilot.press("g")
        await settle(pilot)
        assert app.screen.id == "goal-dialog"
        app.screen.form.focus_field("target")
        await type_text(pilot, "5\n")  # the kind left blank reads as its prompt: weekly-hours
        await settle(pilot)
        assert app.screen.NAME == "plan"
        assert stored_goals(db_path) == [
            {"kind": "weekly_hours", "target": 5.0, "resource": None, "topic": None, "due": None}]
        # The road runs 5 h over 7 days; by the end of Saturday it is at 30/7 = 4.29 h, and 1.5 h
        # covers floor(1.5 / (5/7)) = 2 days of the week: behind, no buffer.
        panel = goals_panel(app)
        assert "1.5 h of 5 h this week" in panel
        assert "behind" in panel and "0 days" in panel


@pilot_test
async def test_a_bad_target_is_named_beside_its_field_and_goes_when_fixed(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("g")
        await settle(pilot)
        form = app.screen.form
        form.focus_field("target")
        await type_text(pilot, "-2\n")
        assert form.errors() == {"target": "target '-2' must be more than zero"}
        assert stored_goals(db_path) == []
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "3")
        assert form.errors() == {}  # good now: the error went before Enter
        await type_text(pilot, "\n")
        await settle(pilot)
        assert [goal["target"] for goal in stored_goals(db_path)] == [3.0]


@pilot_test
async def test_a_finish_goal_on_a_missing_resource_is_refused_beside_the_resource(db_path: Path) -> None:
    from textual.widgets import Select

    with open_journal(str(db_path)) as journal:
        plan.add_resource(journal, "Deep Learning Book", hours="40")
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(pilot)
        await pilot.press("g")
        await settle(pilot)
        form = app.screen.form
        form.query_one("#field-kind", Select).value = "finish"
        form.focus_field("resource")
        await type_text(pilot, "Nope")
        form.focus_field("due")
        await type_text(pilot, "2026-12-31\n")
        assert set(form.errors()) == {"resource"}
        assert stored_goals(db_path) == []
        form.query_one("#field-resource").value = "Deep Learning Book"
        await settle(pilot)
        assert form.errors() == {}
        await type_text(pilot, "\n")
        await settle(pilot)
        assert stored_goals(db_path) == [{"kind": "finish_resource", "target": None, "resource": "Deep Learning Book",
                                          "topic": None, "due": "2026-12-31"}]
        assert "Deep Learning Book: 0 h of 40 h by 2026-12-31" in goals_panel(app)


@pilot_test
async def test_x_removes_the_selected_goal_after_a_yes(db_path: Path) -> None:
    with open_journal(str(db_path)) as journal:
        goals.add_goal(journal, "weekly-days", target="4", today=TODAY)
        goals.add_goal(journal, "weekly-hours", target="6", today=TODAY)
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        panel = goals_panel(app)
        assert "0 of 4 days this week" in panel and "0 h of 6 h this week" in panel
        app.screen.goal_table.move_cursor(row=1)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("n")  # no: nothing removed
        await settle(pilot)
        assert len(stored_goals(db_path)) == 2
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [goal["kind"] for goal in stored_goals(db_path)] == ["weekly_days"]
        assert "6 h this week" not in goals_panel(app)


@pilot_test
async def test_a_goal_added_from_the_command_line_reaches_the_panel(db_path: Path) -> None:
    """The screen's TABLES include "goal": a write to the goal table alone is read again."""
    from tracker.tui.screens.plan import PlanScreen

    assert "goal" in PlanScreen.TABLES
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        with open_journal(str(db_path)) as journal:
            goals.add_goal(journal, "weekly-hours", target="2", today=TODAY)
        await settle(pilot)
        assert "0 h of 2 h this week" in goals_panel(app)


@pilot_test
async def test_the_charts_screen_draws_a_goals_road_with_its_buffer(db_path: Path) -> None:
    from textual_plotext import PlotextPlot

    with open_journal(str(db_path)) as journal:
        plan.add_resource(journal, "Deep Learning Book", hours="40")
        # Monday and Tuesday of this week: 3 h at 5/7 h a day covers floor(4.2) = 4 days; Monday
        # to Friday (5 days) are past: behind.
        for day in ("2026-11-16", "2026-11-17"):
            study.log_session(journal, minutes=90, topic="CNNs", resource="Deep Learning Book",
                              day=date.fromisoformat(day), today=TODAY)
        goals.add_goal(journal, "weekly-hours", target="5", today=TODAY)
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "7")
        await settle(pilot)
        [road] = app.screen.data.goals
        assert (road.first, road.last, road.base, road.target) == (date(2026, 11, 16), date(2026, 11, 22), 0.0, 5.0)
        assert road.hours == (1.5, 3.0, 3.0, 3.0, 3.0, 3.0)
        assert road.buffer_label == "5 h a week: behind"
        assert "5 h a week: behind" in app.screen.query_one("#burnup", PlotextPlot).render().plain


def test_read_goal_names_each_bad_field_and_reads_a_blank_kind_as_weekly_hours(journal) -> None:
    from tracker.errors import FieldErrors
    from tracker.tui.forms import read_goal

    assert read_goal({"kind": "", "target": " 2.5 "}, journal, TODAY) == {
        "kind": "weekly_hours", "target": "2.5", "resource": None, "topic": None, "due": None}
    with pytest.raises(FieldErrors) as caught:
        read_goal({"kind": "topic-hours", "target": "0", "topic": "Nowhere", "due": "2026-11-20"}, journal, TODAY)
    assert set(caught.value.errors) == {"target", "topic", "due"}
    assert caught.value.errors["due"] == "due day 2026-11-20 is in the past: give today (2026-11-21) or a later day"
