"""Pilot tests of the Checkpoints screen: runs against a workspace, recorded; a failure made a card."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import NOW  # noqa: E402
from testkit.paths import REPO
from testkit.tui import Messages, pilot_test, settle, tracker_app, type_text  # noqa: E402

from tracker.config import Settings  # noqa: E402
from tracker.store import open_journal  # noqa: E402

CURRICULUM = REPO / "tracker" / "checkpoints" / "curriculum"


def workspace(tmp_path: Path, source: str) -> Path:
    """A workspace whose activations file is the curriculum's reference or stub."""
    folder = tmp_path / "workspace"
    folder.mkdir()
    shutil.copy(CURRICULUM / "03_activations" / source, folder / "03_activations.py")
    return folder


async def open_activations(pilot, folder: Path) -> None:
    from textual.widgets import Input

    await settle(pilot)
    await pilot.press("escape", "8")
    await settle(pilot)
    screen = pilot.app.screen
    assert screen.NAME == "checkpoints"
    screen.query_one("#workspace", Input).value = str(folder)
    screen.table.move_cursor(row=screen.table.get_row_index("activations"))  # where the path puts it
    await pilot.pause()
    assert screen.selected()["name"] == "activations"


def runs(db_path: Path) -> list[dict]:
    with open_journal(str(db_path)) as journal:
        return journal.rows("SELECT checkpoint, passed, message, ran_at FROM checkpoint_run ORDER BY id")


def panel(app) -> str:
    return str(app.screen.query_one("#run-output").content)


def workspace_error(app) -> str:
    """The error shown beside the workspace ('' when none)."""
    error = app.screen.query_one("#workspace-error")
    return str(error.content) if error.has_class("shown") else ""


@pilot_test
async def test_the_reference_solution_passes_and_the_run_is_recorded(db_path: Path, tmp_path: Path) -> None:
    from tracker.tui.app import make_app
    from tracker.tui.screens.checkpoints import CheckpointRan

    folder = workspace(tmp_path, "reference.py")
    app = make_app(str(db_path), Settings(), now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activations(pilot, folder)
        screen = app.screen
        assert "Sigmoid" in screen.query_one("#hint").source  # the explanation; the hint waits for h
        await pilot.press("r")
        await settle(pilot)
        assert panel(app).startswith("PASS 03_activations.py")
        assert "6 of 6 checks passed" in panel(app)
        assert [(r["checkpoint"], r["passed"], r["ran_at"]) for r in runs(db_path)] == [
            ("activations", 1, "2026-11-21T18:30:00Z"),
        ]
        assert [type(m) for m in app.changes] == [CheckpointRan]
        assert screen.selected()["state"] == "passed"
        assert str(screen.table.get_row_at(screen.table.get_row_index("activations"))[2]) == "passed"
        assert not screen.check_action("card", ())  # nothing failed: no card to make


@pilot_test
async def test_a_failing_run_shows_its_message_and_c_makes_a_card(db_path: Path, tmp_path: Path) -> None:
    from tracker import cards
    from tracker.tui.app import make_app
    from tracker.tui.screens.checkpoints import CheckpointRan
    from tracker.tui.screens.review import CardAdded

    folder = workspace(tmp_path, "stub.py")
    app = make_app(str(db_path), Settings(), now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activations(pilot, folder)
        await pilot.press("enter")  # Enter on a checkpoint runs it too
        await settle(pilot)
        (run,) = runs(db_path)
        assert run["passed"] == 0 and "not written yet" in run["message"]
        assert panel(app).startswith("FAIL") and "not written yet" in panel(app)
        assert "0 of 6 checks passed — first failure: not done: sigmoid is not written yet" in panel(app)
        assert "also failed: check_shapes_are_kept" in panel(app)
        assert app.screen.selected()["state"] == "failing"

        await pilot.press("c")
        await settle(pilot)
        assert run["message"] in str(app.screen.query_one(".dialog-hint").content)
        await pilot.press("enter")  # the answer is optional
        await settle(pilot)
        assert app.screen.NAME == "checkpoints"
        with open_journal(str(db_path)) as journal:
            (card,) = cards.list_cards(journal)
        assert (card["topic"], card["source"]) == ("Activations", "checkpoint")
        assert "not written yet" in card["back"] and "not written yet" not in card["front"]
        assert [type(m) for m in app.changes] == [CheckpointRan, CardAdded]


@pilot_test
async def test_a_missing_file_is_named_beside_the_workspace_and_nothing_runs(db_path: Path, tmp_path: Path) -> None:
    from tracker.tui.app import make_app

    folder = workspace(tmp_path, "stub.py")
    app = make_app(str(db_path), Settings(), now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activations(pilot, folder)
        await pilot.press("down")  # losses: no file in the workspace
        await pilot.press("r")
        await settle(pilot)
        assert "04_losses.py" in workspace_error(app)
        await pilot.press("w")
        await pilot.press("ctrl+u")
        await type_text(pilot, "nowhere")
        await pilot.press("enter")
        await pilot.pause()
        assert "holds no checkpoint files" in workspace_error(app)
        assert runs(db_path) == []
        assert app.changes == []


@pilot_test
async def test_a_run_that_dies_is_one_line_and_the_checkpoint_is_not_left_running(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tracker import checkpoints

    def out_of_files(*_args, **_kwargs):
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(checkpoints, "run_workspace", out_of_files)
    folder = workspace(tmp_path, "reference.py")
    messages = Messages()
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24), message_hook=messages) as pilot:
        await open_activations(pilot, folder)
        screen = app.screen
        await pilot.press("r")
        await settle(pilot)
        assert messages.notifications("error") == [
            "Running checkpoint activations failed: OSError: [Errno 24] Too many open files",
        ]
        assert str(screen.table.get_row_at(screen.table.get_row_index("activations"))[2]) == "never run"  # not "running…"
        assert "Running" not in panel(app)
        assert screen.check_action("run", ())  # r runs it again
        assert runs(db_path) == [] and app.changes == []

        await pilot.press("r")
        await settle(pilot)
        assert len(messages.notifications("error")) == 2
        assert app.is_running
