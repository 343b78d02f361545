"""Pilot tests of the terminal UI: keys pressed as a learner would, results read from the journal.

Each test drives a real app (headless, 80x24 unless it says otherwise) on a temporary journal.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import TODAY  # noqa: E402
from testkit.journals import load_sample  # noqa: E402
from testkit.tui import (  # noqa: E402
    Messages,
    drawn_text,
    palette_choice,
    sessions,
    pilot_test,
    settle,
    tracker_app,
    type_text,
    wait_until,
)

from tracker import (
    plan,  # noqa: E402
    study,  # noqa: E402
)
from tracker.config import Settings  # noqa: E402
from tracker.errors import TrackerError  # noqa: E402
from tracker.store import open_journal  # noqa: E402
from tracker.topics import list_topics  # noqa: E402




def add_session(db_path: Path, minutes: int = 40, topic: str = "CNNs", day: date = TODAY, **extra) -> dict:
    with open_journal(str(db_path)) as journal:
        return study.log_session(journal, minutes=minutes, topic=topic, day=day, **extra).session


# -- Today: the quick log -------------------------------------------------------------------------------
@pilot_test
async def test_a_session_typed_on_today_lands_in_the_journal(db_path: Path) -> None:
    from tracker.tui.messages import SessionLogged
    from tracker.tui.widgets.form import FormView

    add_session(db_path, 10, "Backpropagation", day=date(2026, 11, 1))
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.focused.id == "field-duration"
        await type_text(pilot, "1h15m")
        await pilot.press("tab")
        await type_text(pilot, "Backprop")
        await pilot.press("right")  # accept the suggested existing topic
        await pilot.press("tab")
        await type_text(pilot, "CS231n")
        await pilot.press("tab", "tab")  # past the kind drop-down, to the note
        await type_text(pilot, "[x]")
        await pilot.press("enter")
        await settle(pilot)

        rows = sessions(db_path)
        assert len(rows) == 2
        logged = rows[-1]
        assert (logged["day"], logged["minutes"], logged["topic"], logged["resource"], logged["note"]) == (
            TODAY.isoformat(), 75, "Backpropagation", "CS231n", "[x]",
        )
        assert [type(m) for m in app.changes] == [SessionLogged]
        screen = app.screen
        assert screen.session_table.row_count == 1
        assert "1h15m of 30m" in str(screen.query_one("#today-total").content)
        assert "minimum met" in str(screen.query_one("#today-verdict").content)
        # The form is cleared and ready for the next session.
        assert app.screen.query_one(FormView).values()["duration"] == ""
        assert app.focused.id == "field-duration"


@pilot_test
async def test_bad_values_are_named_beside_their_fields_and_nothing_is_saved(db_path: Path) -> None:
    from tracker.tui.widgets.form import FormView

    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "forty")
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen.query_one(FormView)
        errors = form.errors()
        assert set(errors) == {"duration", "topic"}
        assert "can't read duration 'forty'" in errors["duration"]
        assert "topic is empty" in errors["topic"]
        assert sessions(db_path) == []
        assert app.changes == []

        # Fixing the values logs the session and clears the errors.
        form.set_values({"duration": "25h"})
        form.focus_field("topic")
        await type_text(pilot, "CNNs")
        await pilot.press("enter")
        await settle(pilot)
        assert "longer than a day" in form.errors()["duration"]
        assert sessions(db_path) == []
        form.set_values({"duration": "20"})
        form.focus_field("topic")
        await pilot.press("enter")
        await settle(pilot)
        assert form.errors() == {}
        assert [(r["minutes"], r["topic"]) for r in sessions(db_path)] == [(20, "CNNs")]


@pilot_test
async def test_kind_and_stuck_are_chosen_with_keys(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "30m")
        await pilot.press("tab")
        await type_text(pilot, "CNNs")
        await pilot.press("tab", "tab")  # the kind drop-down
        await pilot.press("space")  # opens it (Enter on a closed drop-down submits)
        await pilot.press("down", "down", "down", "enter")  # read, watch, code
        await pilot.press("tab", "tab", "space")  # past the note, the stuck box
        await pilot.press("shift+tab", "enter")  # submit from the note
        await settle(pilot)
        (row,) = sessions(db_path)
        assert (row["kind"], row["stuck"]) == ("code", True)


# -- Journal: edit, delete, undo ------------------------------------------------------------------------------
@pilot_test
async def test_a_session_is_edited_in_its_dialog(db_path: Path) -> None:
    from tracker.tui.dialogs.form_dialog import FormDialog
    from tracker.tui.messages import SessionEdited

    session = add_session(db_path, 40, "CNNs", resource="CS231n", note="conv layers")
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "2")
        await settle(pilot)
        assert app.screen.NAME == "journal"
        assert "40m" in drawn_text(app.screen.session_table)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.form.values()["duration"] == "40m"
        dialog.form.set_values({"duration": "1h", "resource": "", "date": "yesterday"})
        dialog.form.focus_field("note")
        await pilot.press("enter")
        await settle(pilot)

        assert app.screen.NAME == "journal"
        (row,) = sessions(db_path)
        assert (row["id"], row["minutes"], row["resource"], row["day"], row["note"]) == (
            session["id"], 60, None, "2026-11-20", "conv layers",
        )
        assert [type(m) for m in app.changes] == [SessionEdited]
        assert app.screen.session_table.row_count == 1
        # The same row (same session) is drawn with its new values, not from the cells drawn before.
        drawn = drawn_text(app.screen.session_table)
        assert "1h" in drawn and "40m" not in drawn and "CS231n" not in drawn


@pilot_test
async def test_an_edit_with_a_bad_date_keeps_the_dialog_open_and_saves_nothing(db_path: Path) -> None:
    add_session(db_path, 40, "CNNs")
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "enter")  # Enter on a row edits it, on Today too
        await settle(pilot)
        form = app.screen.form
        form.set_values({"date": "next tuesday", "duration": "0"})
        form.focus_field("note")
        await pilot.press("enter")
        await settle(pilot)
        assert set(form.errors()) == {"date", "duration"}
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.NAME == "today"
        assert [(r["minutes"], r["day"]) for r in sessions(db_path)] == [(40, TODAY.isoformat())]


@pilot_test
async def test_an_edit_cannot_move_a_session_into_the_future(db_path: Path) -> None:
    """The edit dialog answers as `tracker log --date` does (one session rule, in the service)."""
    add_session(db_path, 40, "CNNs")
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "enter")
        await settle(pilot)
        form = app.screen.form
        form.set_values({"date": "2030-01-01"})
        form.focus_field("note")
        await pilot.press("enter")
        await settle(pilot)
        assert any("in the future" in text for text in form.errors().values())
        await pilot.press("escape")
        await settle(pilot)
        assert [(r["minutes"], r["day"]) for r in sessions(db_path)] == [(40, TODAY.isoformat())]


@pilot_test
async def test_delete_asks_first_and_undo_puts_the_same_session_back(db_path: Path) -> None:
    from tracker.tui.messages import SessionDeleted, SessionRestored

    add_session(db_path, 25, "NumPy basics")
    kept = add_session(db_path, 40, "CNNs", note="keep me")
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "2")
        await settle(pilot)
        await pilot.press("down", "d")
        await settle(pilot)
        await pilot.press("n")  # keep it after all
        await settle(pilot)
        assert len(sessions(db_path)) == 2

        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [r["topic"] for r in sessions(db_path)] == ["NumPy basics"]
        assert app.screen.session_table.row_count == 1
        assert app.last_deleted is not None and app.last_deleted["id"] == kept["id"]

        await pilot.press("u")
        await settle(pilot)
        restored = sessions(db_path)[-1]
        assert (restored["id"], restored["note"], restored["created_at"]) == (kept["id"], "keep me", kept["created_at"])
        assert app.screen.session_table.row_count == 2
        assert [type(m) for m in app.changes] == [SessionDeleted, SessionRestored]
        assert app.last_deleted is None


@pilot_test
async def test_journal_moves_by_week_and_filters_by_topic(db_path: Path) -> None:
    add_session(db_path, 30, "CNNs")
    add_session(db_path, 45, "RNNs", day=date(2026, 11, 10))
    add_session(db_path, 20, "CNNs", day=date(2026, 11, 11))
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "2")
        await settle(pilot)
        screen = app.screen
        assert screen.data.name == "2026-W47" and len(screen.data.sessions) == 1
        await pilot.press("p")
        await settle(pilot)
        assert screen.data.name == "2026-W46" and len(screen.data.sessions) == 2
        await pilot.press("slash")
        await type_text(pilot, "cnns")
        await pilot.press("enter")
        await settle(pilot)
        assert [r["minutes"] for r in screen.data.sessions] == [20]
        await pilot.press("slash")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Quantum")
        await pilot.press("enter")
        await settle(pilot)
        assert "no topic 'Quantum'" in str(screen.query_one("#filter-error").content)
        await pilot.press("w")
        await settle(pilot)
        assert screen.data.name == "2026-W47"


# -- Plan, milestones, topics ---------------------------------------------------------------------------------------
@pilot_test
async def test_a_resource_is_added_and_its_progress_recorded(db_path: Path) -> None:
    from tracker.tui.messages import ProgressRecorded, ResourceSaved

    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "3")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen.form
        form.set_values({"title": "Hands-On Machine Learning", "kind": "book", "fte": "0.5", "cost": "lots", "units": "19"})
        form.focus_field("title")
        await pilot.press("enter")
        await settle(pilot)
        assert list(form.errors()) == ["cost"]
        with open_journal(str(db_path)) as journal:
            assert plan.list_resources(journal) == []
        form.set_values({"cost": "55", "hours": "40"})
        await pilot.press("enter")
        await settle(pilot)
        assert "can't be used together" in form.errors()["fte"]
        form.set_values({"hours": ""})
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.NAME == "plan"

        await pilot.press("p")
        await settle(pilot)
        progress = app.screen.form
        progress.set_values({"units_done": "25"})
        progress.focus_field("units_done")
        await pilot.press("enter")
        await settle(pilot)
        assert "more than the 19 units" in progress.errors()["units_done"]
        progress.set_values({"units_done": "10"})
        await pilot.press("enter")
        await settle(pilot)

        with open_journal(str(db_path)) as journal:
            (resource,) = plan.list_resources(journal)
        assert (resource["kind"], resource["fte_points"], resource["cost"], resource["units_done"], resource["status"]) == (
            "book", 0.5, 55, 10, "active",
        )
        assert [type(m) for m in app.changes] == [ResourceSaved, ProgressRecorded]
        assert app.screen.table.row_count == 1


@pilot_test
async def test_a_resource_is_edited(db_path: Path) -> None:
    with open_journal(str(db_path)) as journal:
        plan.add_resource(journal, "fast.ai", hours=70, status="active")
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen.form
        assert form.values()["hours"] == "70"
        form.set_values({"title": "Practical Deep Learning", "status": "done"})
        form.focus_field("title")
        await pilot.press("enter")
        await settle(pilot)
    with open_journal(str(db_path)) as journal:
        (resource,) = plan.list_resources(journal)
    assert (resource["title"], resource["status"], resource["planned_hours"]) == ("Practical Deep Learning", "done", 70)


@pilot_test
async def test_milestones_are_added_and_marked_done(db_path: Path) -> None:
    with open_journal(str(db_path)) as journal:
        plan.add_milestone(journal, "First Kaggle submission", project="Kaggle", due=date(2026, 11, 30))
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "4")
        await settle(pilot)
        assert "in 9 days" in str(app.screen.table.get_row_at(0)[3])
        await pilot.press("a")
        await settle(pilot)
        form = app.screen.form
        assert form.values()["project"] == "Kaggle"  # the project of the row under the cursor
        form.set_values({"title": "Top half of a Playground competition", "due": "2026-13-01"})
        form.focus_field("title")
        await pilot.press("enter")
        await settle(pilot)
        assert "can't read date" in form.errors()["due"]
        form.set_values({"due": "2027-01-31"})
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
    with open_journal(str(db_path)) as journal:
        rows = {row["title"]: row for row in plan.list_milestones(journal)}
    assert rows["First Kaggle submission"]["done_on"] == TODAY.isoformat()
    assert (rows["Top half of a Playground competition"]["due"], rows["Top half of a Playground competition"]["done_on"]) == (
        "2027-01-31", None,
    )


@pilot_test
async def test_a_milestone_is_edited_in_its_dialog(db_path: Path) -> None:
    with open_journal(str(db_path)) as journal:
        plan.add_milestone(journal, "MNIST net", project="NumPy nets", due=date(2026, 11, 30))
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "4")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen.form
        assert form.values()["title"] == "MNIST net" and form.values()["due"] == "2026-11-30"
        form.set_values({"title": "MNIST net from scratch", "due": "2026-12-14"})
        form.focus_field("title")
        await pilot.press("enter")
        await settle(pilot)
    with open_journal(str(db_path)) as journal:
        (row,) = plan.list_milestones(journal)
    assert (row["title"], row["project"], row["due"]) == ("MNIST net from scratch", "NumPy nets", "2026-12-14")


@pilot_test
async def test_topics_get_learn_later_items_and_new_topics(db_path: Path) -> None:
    from tracker.tui.messages import LaterAdded, LaterDone, TopicAdded

    add_session(db_path, 30, "CNNs")
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "5")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("enter")  # empty text
        await settle(pilot)
        assert "text is empty" in app.screen.form.errors()["text"]
        app.screen.form.set_values({"text": "Why do residual connections help?"})
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#later").row_count == 1
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "ResNet")
        await pilot.press("tab", "C", "right")  # the parent completes from the existing topics
        await pilot.press("enter")
        await settle(pilot)
        assert [type(m) for m in app.changes] == [LaterAdded, LaterDone, TopicAdded]
    with open_journal(str(db_path)) as journal:
        assert study.list_later(journal) == []
        (item,) = study.list_later(journal, include_done=True)
        assert (item["topic"], item["done_on"]) == ("CNNs", TODAY.isoformat())
        topics = {row["name"]: row["parent"] for row in list_topics(journal)}
    assert topics["ResNet"] == "CNNs"


# -- the shell: switching, refresh, help, palette, theme, mouse ------------------------------------------------
@pilot_test
async def test_changes_from_the_command_line_appear_on_refresh_and_on_return(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.session_table.row_count == 0
        add_session(db_path, 30, "CNNs")  # as `tracker log` would, through its own connection
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.screen.session_table.row_count == 1
        await pilot.press("escape", "2")
        await settle(pilot)
        add_session(db_path, 20, "RNNs")
        await pilot.press("1")
        await settle(pilot)
        assert app.screen.session_table.row_count == 2


@pilot_test
async def test_every_screen_opens_with_its_key_and_fits_80_columns(db_path: Path) -> None:
    from textual.widgets import DataTable

    from tracker.tui.screens import SCREENS

    sample = load_sample(db_path)
    app = tracker_app(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for entry in SCREENS:
            app.screen.set_focus(None)  # single keys switch when no text field has focus
            await pilot.press(entry.key)
            await settle(pilot)
            assert app.screen.NAME == entry.name
            assert app.screen.data is not None  # read and shown
            for table in app.screen.query(DataTable):
                assert table.virtual_size.width <= table.scrollable_content_region.width, (entry.name, table.id)


@pilot_test
async def test_the_navigation_bar_and_the_command_palette_switch_screens(db_path: Path) -> None:
    from tracker.tui.widgets.nav_bar import NavBar

    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        plain = app.screen.query_one(NavBar).render().plain
        await pilot.click(NavBar, offset=(plain.index("3 Plan") + 1, 0))
        await settle(pilot)
        assert app.screen.NAME == "plan"

        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Go to Milestones")
        await wait_until(pilot, lambda: "Go to Milestones" in palette_choice(app))  # the search is done
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.NAME == "milestones"


@pilot_test
async def test_help_lists_the_keys_of_every_screen(db_path: Path) -> None:
    from tracker.tui.dialogs.help import HelpDialog
    from tracker.tui.screens import SCREENS

    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")  # works while typing in the log form
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        titles = [title for title, _keys in app.screen.sections]
        assert titles[:2] == ["Everywhere", "Screens"]
        assert set(titles[2:]) == {entry.title for entry in SCREENS}
        journal_keys = dict(app.screen.sections[titles.index("Journal")][1])
        assert journal_keys["p"] == "Previous" and journal_keys["d / delete"] == "Delete"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpDialog)


@pilot_test
async def test_the_theme_toggles_between_dark_and_light(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.theme == "textual-light" and not app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"
    light = tracker_app(db_path, Settings(theme="light"))
    async with light.run_test(size=(80, 24)):
        assert light.theme == "textual-light"
    nord = tracker_app(db_path, Settings(theme="nord"))
    async with nord.run_test(size=(80, 24)):
        assert nord.theme == "nord"


@pilot_test
async def test_a_theme_the_ui_does_not_have_is_said_once_and_the_ui_opens_dark(db_path: Path) -> None:
    app, messages = tracker_app(db_path, Settings(theme="nosuch")), Messages()
    async with app.run_test(size=(100, 30), message_hook=messages) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert [text for text in messages.notifications() if "nosuch" in text] == [
            "config.toml: the UI has no theme 'nosuch'; using dark (ctrl+t switches, ctrl+p lists themes)"]


def test_every_binding_has_a_description() -> None:
    from textual.binding import Binding

    from tracker.tui.app import TrackerApp
    from tracker.tui.dialogs.confirm import ConfirmDialog
    from tracker.tui.dialogs.form_dialog import FormDialog
    from tracker.tui.dialogs.help import HelpDialog
    from tracker.tui.keys import all_bindings
    from tracker.tui.screens import SCREENS

    owners = [TrackerApp, ConfirmDialog, FormDialog, HelpDialog, *(entry.load() for entry in SCREENS)]
    missing = [
        (owner.__name__, binding.key)
        for owner in owners
        for binding in (all_bindings(owner) if owner not in (TrackerApp,) else owner.BINDINGS)
        if isinstance(binding, Binding) and not binding.description
    ]
    assert missing == []


def test_a_file_that_is_not_a_journal_is_refused_before_the_ui_starts(tmp_path: Path) -> None:
    from tracker.tui.app import make_app

    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    with pytest.raises(TrackerError, match="is not a tracker journal"):
        make_app(str(notes), Settings())
    assert notes.read_text() == "my notes\n"


@pilot_test
async def test_today_lists_what_is_due_and_topics_show_checkpoint_status(db_path: Path) -> None:
    from tracker.checkpoints import load_curriculum

    checkpoint = load_curriculum()[0]
    add_session(db_path, 30, checkpoint.topic, day=date(2026, 11, 1))
    with open_journal(str(db_path)) as journal:  # a pass three weeks ago: its first re-check is due
        journal.execute(
            "INSERT INTO checkpoint_run (checkpoint, passed, message, seconds, code_hash, ran_at, created_at, "
            "updated_at) VALUES (:name, 1, '', 0.1, 'x', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', "
            "'2026-11-01T10:00:00Z')",
            {"name": checkpoint.name},
        )
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        due = str(app.screen.query_one("#due").content)
        assert "1 checkpoint re-check" in due and "press 8 for Checkpoints" in due and "tracker check" not in due
        await pilot.press("escape", "5")
        await settle(pilot)
        detail = str(app.screen.query_one("#topic-detail").content)
        assert f"{checkpoint.name}: re-check due" in detail


@pilot_test
async def test_the_mouse_edits_a_row_and_clicks_keys(db_path: Path) -> None:
    from tracker.tui.dialogs.form_dialog import FormDialog
    from tracker.tui.widgets.key_bar import KeyBar

    add_session(db_path, 40, "CNNs")
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "2")
        await settle(pilot)
        table = app.screen.session_table
        await pilot.click(table, offset=(4, 2))  # the first row (under the border and header): already highlighted, so this opens it
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("escape")
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        plain = bar.render().plain
        await pilot.click(KeyBar, offset=(bar.styles.padding.left + plain.index("Delete"), 0))
        await settle(pilot)
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.click("#yes")
        await settle(pilot)
        assert sessions(db_path) == []


def test_a_topics_checkpoints_fit_in_a_few_words() -> None:
    from tracker.tui.screens.topics import checkpoint_cell

    assert checkpoint_cell("") == ""
    assert checkpoint_cell("activations: passed, re-check 2026-12-01") == "passed, next 01 Dec"
    assert checkpoint_cell("backprop: never run; chain_rule: never run") == "2 never run"
    assert checkpoint_cell("backprop: passed, re-check 2026-12-01; chain_rule: never run") == "1 passed, 1 never run"


@pilot_test
async def test_unlabelled_code_blocks_are_read_as_python_not_guessed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guessing tries every Pygments lexer (~300 ms on the UI thread the first time)."""
    import textual.highlight
    from textual.app import App

    from tracker.tui.widgets.markdown import TrackerMarkdown

    def no_guessing(*args, **kwargs):
        raise AssertionError("the language was guessed")

    monkeypatch.setattr(textual.highlight, "guess_language", no_guessing)

    class Shows(App):
        def compose(self):
            yield TrackerMarkdown("Shapes:\n\n    x = np.zeros((n, 1, d))\n\n```\ny = x.sum()\n```\n")

    app = Shows()
    async with app.run_test() as pilot:
        await pilot.pause()
        fences = app.query("PythonFence")
        assert len(fences) == 2
        assert "np.zeros" in str(fences.first().code)


@pilot_test
async def test_keys_typed_ahead_of_a_busy_ui_land_in_the_field_after_each_tab(db_path: Path) -> None:
    """A terminal hands over a burst of keys when the UI was busy (or on a paste): the text after
    a tab goes to the next field, as it would typed slowly."""
    from textual import events

    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, character in (("4", "4"), ("0", "0"), ("m", "m"), ("tab", "\t"), ("x", "x"), ("tab", "\t")):
            event = events.Key(key, character)
            event.set_sender(app)
            app.post_message(event)  # all queued before the first is handled, as a terminal's are
        await settle(pilot)

        values = app.screen.form.values()
        assert (values["duration"], values["topic"]) == ("40m", "x")
        assert app.focused.id == "field-resource"
