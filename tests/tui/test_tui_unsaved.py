"""Nothing unsaved is lost without a word: Today's names and the refresh key follow the journal, a
checkpoint's result outlasts a busy journal, and quitting asks once, naming every screen's unsaved
work (the Week's note, a session or a run result kept for a busy journal)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.locks import SHORT_BUSY_TIMEOUT_MS, write_lock_held, write_lock_held_for  # noqa: E402
from testkit.tui import Messages, pilot_test, settle, tracker_app, type_text, wait_until  # noqa: E402

from tracker.errors import Msg  # noqa: E402
from tracker.store import open_journal  # noqa: E402

#: How often a kept session or run result is tried again, in these tests (seconds).
RETRY_SECONDS = 0.05
RESULT_KEPT = Msg.RUN_KEPT.value.format(name="activations")


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """A kept write is tried again soon, and the UI thread's own wait gives up at once."""
    monkeypatch.setattr("tracker.tui.app.TrackerApp.SAVE_WAIT_MS", SHORT_BUSY_TIMEOUT_MS)
    monkeypatch.setattr("tracker.tui.screens.today.RETRY_SECONDS", RETRY_SECONDS)
    monkeypatch.setattr("tracker.tui.kept_runs.RECORD_RETRY_SECONDS", RETRY_SECONDS)


@pytest.fixture
def instant_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A checkpoint run that passes at once: what is tested is what becomes of its result."""
    from tracker import checkpoints

    def passed(_workspace, chosen, _limits):
        return [checkpoints.RunResult(name=chosen[0].name, passed=True, reason=checkpoints.Reason.PASSED,
                                      message="", seconds=0.25, code_hash="abc", sandbox="none",
                                      checks_passed=3, checks_total=3)]

    monkeypatch.setattr(checkpoints, "run_workspace", passed)


def runs(db_path: Path) -> list[str]:
    with open_journal(str(db_path)) as journal:
        return [row["checkpoint"] for row in journal.rows("SELECT checkpoint FROM checkpoint_run ORDER BY id")]


async def open_activations(pilot, tmp_path: Path) -> None:
    """On Checkpoints, with a workspace holding the activations file, and that checkpoint chosen."""
    from textual.widgets import Input

    from tracker import checkpoints

    await settle(pilot)
    await pilot.press("escape", "8")
    await settle(pilot)
    screen = pilot.app.screen
    activations = next(c for c in checkpoints.load_curriculum() if c.name == "activations")
    checkpoints.learner_file(tmp_path, activations).write_text("# mine\n")
    screen.query_one("#workspace", Input).value = str(tmp_path)
    screen.table.move_cursor(row=screen.table.get_row_index("activations"))
    await pilot.pause()
    assert screen.selected()["name"] == "activations"


async def keep_a_session(pilot) -> None:
    """On Today, with the lock held elsewhere: 45m of Activations typed, Enter; the form keeps it."""
    await type_text(pilot, "45m")
    await pilot.press("tab")
    await type_text(pilot, "Activations")
    await pilot.press("enter")
    await settle(pilot)
    assert pilot.app.screen.kept is not None


def question(app) -> str:
    from tracker.tui.dialogs.confirm import ConfirmDialog

    assert isinstance(app.screen, ConfirmDialog), "quitting asks first"
    return app.screen.question


# -- Today follows the journal -------------------------------------------------------------------------
@pilot_test
async def test_a_topic_added_by_another_process_is_suggested_in_today(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with sqlite3.connect(db_path) as other:  # another process: no change signal, only data_version
            other.execute("INSERT INTO topic (name, notes, created_at, updated_at) VALUES "
                          "('Backpropagation', '', '2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z')")
        screen = app.screen
        field = screen.form.query_one("#field-topic")
        deadline = time.monotonic() + 3  # the poll looks every second
        while await field.suggester.get_suggestion("backp") != "Backpropagation":
            assert time.monotonic() < deadline, "the new topic is never suggested"
            await pilot.pause(0.05)
        screen.form.focus_field("topic")
        await type_text(pilot, "Backp")
        await pilot.press("right")  # accept the completion
        assert screen.form.values()["topic"] == "Backpropagation"


@pilot_test
async def test_the_refresh_key_draws_today_again_even_when_nothing_changed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("tracker.tui.freshness.POLL_SECONDS", 3600.0)  # only the key reads again
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        drawn = []
        show = screen.show
        monkeypatch.setattr(screen, "show", lambda today: (drawn.append(today), show(today)))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(drawn) == 1 and drawn[0] == screen.data
        assert drawn[0].topics is not None, "the refresh key reads the names too"


# -- a checkpoint's result is never lost -----------------------------------------------------------------
@pilot_test
async def test_a_run_result_waits_the_whole_busy_timeout_before_giving_up(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, instant_run: None,
) -> None:
    monkeypatch.setattr("tracker.tui.app.TrackerApp.SAVE_WAIT_MS", SHORT_BUSY_TIMEOUT_MS)
    messages = Messages()
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24), message_hook=messages) as pilot:
        await open_activations(pilot, tmp_path)
        with write_lock_held_for(db_path, 0.5):  # far longer than the UI thread's wait
            await pilot.press("r")
            await settle(pilot)
        assert runs(db_path) == ["activations"]
        assert RESULT_KEPT not in messages.notifications() and app.screen.unrecorded == []


@pilot_test
async def test_a_run_result_kept_for_a_busy_journal_is_recorded_once_when_free(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_retries: None, instant_run: None,
) -> None:
    monkeypatch.setattr("tracker.store.sqlite.BUSY_TIMEOUT_MS", SHORT_BUSY_TIMEOUT_MS)
    messages = Messages()
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24), message_hook=messages) as pilot:
        await open_activations(pilot, tmp_path)
        with write_lock_held(db_path) as other_tracker:
            await pilot.press("r")
            await settle(pilot)
            screen = app.screen
            assert messages.notifications("warning") == [RESULT_KEPT]
            await pilot.pause(5 * RETRY_SECONDS)  # tries refused by the lock
            assert runs(db_path) == [] and len(screen.unrecorded) == 1
            await pilot.press("escape", "1")  # the result is kept whichever screen is shown
            await settle(pilot)
            other_tracker.release()
            await wait_until(pilot, lambda: not screen.unrecorded)
        assert runs(db_path) == ["activations"]
        assert Msg.RUN_RECORDED_LATE.value.format(name="activations") in messages.notifications()
        await pilot.pause(5 * RETRY_SECONDS)
        assert runs(db_path) == ["activations"]  # once, not on every later tick


# -- quitting asks once, naming what would be lost -----------------------------------------------------
@pilot_test
async def test_quitting_with_a_session_kept_for_a_busy_journal_asks_and_names_it(
    db_path: Path, quick_retries: None,
) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with write_lock_held(db_path) as other_tracker:
            await keep_a_session(pilot)
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert question(app) == Msg.QUIT_UNSAVED.value.format(
                what=Msg.UNSAVED_SESSION.value.format(minutes="45m", topic="Activations"))
            await pilot.press("n")
            await settle(pilot)
            assert app.is_running
            other_tracker.release()
            await wait_until(pilot, lambda: app.screen.kept is None)
        await pilot.press("ctrl+q")  # nothing unsaved any more: no question
        await settle(pilot)
    assert not app.is_running


@pilot_test
async def test_quitting_asks_once_for_everything_unsaved_on_every_screen(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_retries: None, instant_run: None,
) -> None:
    from textual.widgets import TextArea

    monkeypatch.setattr("tracker.store.sqlite.BUSY_TIMEOUT_MS", SHORT_BUSY_TIMEOUT_MS)
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with write_lock_held(db_path):
            await keep_a_session(pilot)
            await pilot.press("escape", "6")
            await settle(pilot)
            app.screen.query_one("#week-reflection", TextArea).focus()
            await type_text(pilot, "Half a thought")
            await pilot.press("escape")
            await open_activations(pilot, tmp_path)
            await pilot.press("r")
            await settle(pilot)
            await pilot.press("ctrl+q")
            await settle(pilot)
            asked = question(app)
            for item in (Msg.UNSAVED_SESSION.value.format(minutes="45m", topic="Activations"),
                         Msg.UNSAVED_NOTE.value.format(week="2026-W47"),
                         Msg.UNSAVED_RUN.value.format(name="activations")):
                assert item in asked
            await pilot.press("y")
            await settle(pilot)
        assert not app.is_running
