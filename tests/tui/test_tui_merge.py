"""Pilot tests: merging and deleting topics (Topics screen) and resources (Plan screen), and undoing
either with u (issue 12, item 3)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import TODAY  # noqa: E402
from testkit.tui import Messages, pilot_test, settle, tracker_app  # noqa: E402

from tracker import plan, study  # noqa: E402
from tracker.store import open_journal  # noqa: E402
from tracker.topics import add_topic  # noqa: E402

TABLES = ("topic", "resource", "study_session", "resource_progress", "learn_later", "card")


def dump(db_path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db_path) as conn:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in TABLES}


def log(db_path: Path, topic: str, resource: str | None = None, minutes: int = 30) -> None:
    with open_journal(str(db_path)) as journal:
        study.log_session(journal, minutes=minutes, topic=topic, day=TODAY, resource=resource)


def names(db_path: Path, table: str, column: str) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        return [row[0] for row in conn.execute(f"SELECT {column} FROM {table} ORDER BY {column}")]


def move_to(table, key: str) -> None:
    table.move_cursor(row=table.get_row_index(key))


@pilot_test
async def test_a_topic_is_merged_in_its_dialog_and_u_undoes_it(db_path: Path) -> None:
    from tracker.tui.dialogs.merge_dialog import MergedOrDeleted, MergeUndone

    log(db_path, "Activations", minutes=45)
    log(db_path, "Activation")
    with open_journal(str(db_path)) as journal:
        study.add_later(journal, "Activation", "why ReLU?", TODAY)
    before = dump(db_path)
    messages = Messages()
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30), message_hook=messages) as pilot:
        await pilot.press("escape", "5")
        await settle(pilot)
        screen = app.screen
        move_to(screen.query_one("#topics"), "Activation")
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        assert dialog.id == "merge-dialog"
        dialog.form.set_values({"into": "Activation"})
        dialog.form.focus_field("into")
        await pilot.press("enter")
        await settle(pilot)
        assert "merged into itself" in dialog.form.errors()["into"]
        assert dump(db_path) == before
        dialog.form.set_values({"into": "activations"})
        await pilot.press("enter")
        await settle(pilot)

        assert app.screen is screen
        assert names(db_path, "topic", "name") == ["Activations"]
        assert screen.query_one("#topics").row_count == 1
        (merged,) = app.changes
        assert isinstance(merged, MergedOrDeleted)
        assert merged.summary == ("Merged 'Activation' into 'Activations': moved 1 session, 1 learn-later item. "
                                  "Press u to undo.")

        await pilot.press("u")
        await settle(pilot)
        assert dump(db_path) == before
        assert screen.query_one("#topics").row_count == 2
        assert [type(m) for m in app.changes] == [MergedOrDeleted, MergeUndone]
        assert screen.undo_snapshot is None


@pilot_test
async def test_deleting_a_topic_in_use_is_refused_and_an_unused_one_comes_back_with_u(db_path: Path) -> None:
    log(db_path, "CNNs")
    with open_journal(str(db_path)) as journal:
        add_topic(journal, "Typo")
    before = dump(db_path)
    messages = Messages()
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30), message_hook=messages) as pilot:
        await pilot.press("escape", "5")
        await settle(pilot)
        screen = app.screen
        move_to(screen.query_one("#topics"), "CNNs")
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert any("still has 1 session" in line for line in messages.notifications("error"))
        assert dump(db_path) == before

        move_to(screen.query_one("#topics"), "Typo")
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert names(db_path, "topic", "name") == ["CNNs"]
        await pilot.press("u")
        await settle(pilot)
        assert dump(db_path) == before


@pilot_test
async def test_a_resource_is_merged_and_deleted_on_plan_and_u_undoes_each(db_path: Path) -> None:
    with open_journal(str(db_path)) as journal:
        plan.add_resource(journal, "Hands-On ML", units=19)
        plan.add_resource(journal, "Unused")
    log(db_path, "CNNs", resource="handson")
    with open_journal(str(db_path)) as journal:
        plan.record_progress(journal, "handson", 3, TODAY)
    before = dump(db_path)
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape", "3")
        await settle(pilot)
        screen = app.screen
        with open_journal(str(db_path)) as journal:
            typo = plan.find_resource(journal, "handson")["id"]
        move_to(screen.table, str(typo))
        await pilot.press("m")
        await settle(pilot)
        app.screen.form.set_values({"into": "hands-on"})
        app.screen.form.focus_field("into")
        await pilot.press("enter")
        await settle(pilot)
        assert names(db_path, "resource", "title") == ["Hands-On ML", "Unused"]
        with sqlite3.connect(db_path) as conn:
            assert conn.execute("SELECT DISTINCT resource_id FROM study_session").fetchall() == [(1,)]
            assert conn.execute("SELECT resource_id FROM resource_progress").fetchall() == [(1,)]
        await pilot.press("u")
        await settle(pilot)
        assert dump(db_path) == before

        move_to(screen.table, "2")
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert names(db_path, "resource", "title") == ["Hands-On ML", "handson"]
        await pilot.press("u")
        await settle(pilot)
        assert dump(db_path) == before
        assert screen.table.row_count == 3


@pilot_test
async def test_u_still_undoes_a_deleted_session_when_there_is_no_merge_to_undo(db_path: Path) -> None:
    log(db_path, "CNNs")
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape", "2")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("5")  # Topics: no merge of its own to undo
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
    assert names(db_path, "study_session", "minutes") == [30]
