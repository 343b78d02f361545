"""Pilot tests of the keys (issue 12, item 9): Enter submits from every field of a form, Space
toggles; `e` on Week starts at the title; the palette finds every screen's commands; alt+digit
switches screens while typing; an error goes once its field is good."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.tui import palette_choice, pilot_test, sessions, settle, tracker_app, type_text, wait_until

from tracker import plan
from tracker.store import open_journal




@pilot_test
async def test_enter_on_the_stuck_box_logs_and_space_ticks_it(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "30m")
        await pilot.press("tab")
        await type_text(pilot, "CNNs")
        app.screen.form.focus_field("stuck")
        await pilot.press("space")
        assert app.screen.query_one("#field-stuck").value is True
        await pilot.press("enter")
        await settle(pilot)
        rows = sessions(db_path)
        assert [(row["minutes"], row["topic"], row["stuck"]) for row in rows] == [(30, "CNNs", True)]


@pilot_test
async def test_enter_on_a_closed_drop_down_submits_and_space_opens_it(db_path: Path) -> None:
    from textual.widgets import Select

    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "20m")
        await pilot.press("tab")
        await type_text(pilot, "RNNs")
        app.screen.form.focus_field("kind")
        kind = app.screen.query_one("#field-kind", Select)
        await pilot.press("space")
        assert kind.expanded
        await pilot.press("down", "enter")  # Enter in the open list picks, and does not submit
        await pilot.pause()
        chosen = kind.value
        assert not kind.expanded and chosen != Select.NULL and sessions(db_path) == []
        await pilot.press("enter")
        await settle(pilot)
        assert [(row["topic"], row["kind"]) for row in sessions(db_path)] == [("RNNs", chosen)]


@pilot_test
async def test_enter_on_a_dialogs_drop_down_saves(db_path: Path) -> None:
    from textual.widgets import Select

    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "3", "a")
        await settle(pilot)
        await type_text(pilot, "Deep Learning Book")
        dialog = app.screen
        dialog.form.focus_field("status")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not dialog and not dialog.query(Select).filter(".-expanded")
    with open_journal(str(db_path)) as journal:
        assert [row["title"] for row in plan.list_resources(journal)] == ["Deep Learning Book"]


@pilot_test
async def test_a_ticked_box_looks_different_from_an_unticked_one(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#field-stuck")
        unticked = box.render().plain
        box.value = True
        await pilot.pause()
        assert box.render().plain != unticked


@pilot_test
async def test_e_on_week_starts_at_the_title(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "6")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert app.focused.id == "week-title-field"


@pilot_test
async def test_the_palette_runs_another_screens_command_there(db_path: Path) -> None:
    from tracker.tui.dialogs.form_dialog import FormDialog

    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.NAME == "today"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Plan: Add")
        await wait_until(pilot, lambda: palette_choice(app).startswith("Plan: Add"))
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        assert app.screen.id == "resource-dialog"
        assert app.screen_stack[0].NAME == "plan"


@pilot_test
async def test_alt_and_a_digit_switches_screens_while_typing(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.focused.id == "field-duration"
        await type_text(pilot, "4")
        await pilot.press("alt+3")
        await settle(pilot)
        assert app.screen.NAME == "plan"
        await pilot.press("alt+1")
        await settle(pilot)
        assert app.screen.NAME == "today"
        assert app.screen.query_one("#field-duration").value == "4"  # nothing typed by the switch


@pilot_test
async def test_an_error_goes_once_its_value_is_good(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "3", "a")
        await settle(pilot)
        form = app.screen.form
        form.set_values({"title": "Book", "hours": "lots", "cost": "-3"})
        await pilot.press("enter")
        await settle(pilot)
        assert set(form.errors()) == {"hours", "cost"}
        assert app.focused.id == "field-hours"
        await pilot.press("ctrl+u")  # nothing yet: still no error for an empty field
        await type_text(pilot, "40")
        assert set(form.errors()) == {"cost"}  # hours is good now; cost is still wrong
