"""A busy journal (another tracker holds the write lock, as a long import does) never loses what
was typed: Today keeps the session in its form and logs it, once, when the journal is free; a
dialog stays open with the one line; the UI goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from testkit.clock import TODAY
from testkit.locks import SHORT_BUSY_TIMEOUT_MS, write_lock_held
from testkit.tui import Messages, pilot_test, settle, tracker_app, type_text, wait_until

from tracker import study
from tracker.errors import JournalBusy, Msg
from tracker.store import open_journal

pytest.importorskip("textual")

#: How often Today tries a kept session again, in these tests (seconds).
RETRY_SECONDS = 0.05


@pytest.fixture(autouse=True)
def quick_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A save gives up on the lock at once and a kept session is tried again soon: the tests
    hold the lock for as long as they like, without waiting seconds for it."""
    monkeypatch.setattr("tracker.tui.app.TrackerApp.SAVE_WAIT_MS", SHORT_BUSY_TIMEOUT_MS)
    monkeypatch.setattr("tracker.tui.screens.today.RETRY_SECONDS", RETRY_SECONDS)


def _notes(db_path: Path) -> list[str]:
    with open_journal(str(db_path)) as journal:
        return [row["note"] for row in study.list_sessions(journal)]


async def _type_session(pilot) -> None:
    """45m of Activations, note "relu by hand", in Today's form (the duration has the focus)."""
    await type_text(pilot, "45m")
    await pilot.press("tab")
    await type_text(pilot, "Activations")
    await pilot.press("tab", "tab", "tab")  # past the resource and the kind, to the note
    await type_text(pilot, "relu by hand")


TYPED = {"duration": "45m", "topic": "Activations", "resource": "", "kind": "", "note": "relu by hand",
         "stuck": False}


@pilot_test
async def test_enter_on_a_busy_journal_keeps_the_session_and_logs_it_once_when_free(db_path: Path) -> None:
    from tracker.tui.forms import FORM

    messages = Messages()
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30), message_hook=messages) as pilot:
        await settle(pilot)
        await _type_session(pilot)
        form = app.screen.form
        with write_lock_held(db_path) as other_tracker:
            await pilot.press("enter")
            await settle(pilot)
            assert app.is_running
            assert form.values() == TYPED  # every field as typed
            assert form.errors() == {FORM: Msg.SAVE_KEPT.value}
            await pilot.pause(5 * RETRY_SECONDS)  # a few tries, each refused by the lock
            assert app.is_running and app.screen.kept is not None
            assert _notes(db_path) == []
            other_tracker.release()
            await wait_until(pilot, lambda: app.screen.kept is None)
        assert _notes(db_path) == ["relu by hand"]
        assert form.values()["duration"] == "" and form.values()["note"] == ""
        assert form.errors() == {}
        (said,) = messages.notifications()
        assert said.startswith("Logged 45m of Activations")
        await pilot.pause(5 * RETRY_SECONDS)
        assert _notes(db_path) == ["relu by hand"]  # logged once, not again on a later tick


@pilot_test
async def test_changing_a_kept_session_cancels_it(db_path: Path) -> None:
    from tracker.tui.forms import FORM

    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _type_session(pilot)
        form = app.screen.form
        with write_lock_held(db_path) as other_tracker:
            await pilot.press("enter")
            await settle(pilot)
            await type_text(pilot, "!")  # the learner goes on typing in the note
            assert form.errors() == {FORM: Msg.SAVE_CANCELLED.value}
            other_tracker.release()
            await pilot.pause(5 * RETRY_SECONDS)
            assert _notes(db_path) == []  # what Enter logged was changed: nothing goes in unasked
            assert form.values()["note"] == "relu by hand!"
            await pilot.press("enter")
            await settle(pilot)
        assert _notes(db_path) == ["relu by hand!"]
        assert app.screen.kept is None


@pilot_test
async def test_a_dialog_stays_open_on_a_busy_journal(db_path: Path) -> None:
    from tracker.tui.dialogs.form_dialog import FormDialog
    from tracker.tui.forms import FORM

    with open_journal(str(db_path)) as journal:
        study.log_session(journal, minutes=30, topic="CNNs", day=TODAY, note="first", today=TODAY)
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # to the session table
        await pilot.press("enter")  # edit the session
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.form.set_values({"note": "first, edited"})
        dialog.form.focus_field("note")
        with write_lock_held(db_path) as other_tracker:
            await pilot.press("enter")
            await settle(pilot)
            assert app.is_running and app.screen is dialog
            assert dialog.form.errors() == {FORM: Msg.JOURNAL_BUSY.value.format(path=db_path)}
            assert dialog.form.values()["note"] == "first, edited"
            other_tracker.release()
            await pilot.press("enter")
            await settle(pilot)
        assert app.screen is not dialog
        assert _notes(db_path) == ["first, edited"]


@pilot_test
async def test_a_busy_journal_in_a_worker_is_a_notification_even_with_debug(db_path: Path) -> None:
    """--debug ends the UI on an unexpected error; a busy journal is a known one: its line is shown
    and the UI goes on (a checkpoint's run records its verdict in a worker, say)."""
    def record() -> None:
        raise JournalBusy(db_path)

    messages = Messages()
    app = tracker_app(db_path)
    app.show_tracebacks = True
    async with app.run_test(size=(100, 30), message_hook=messages) as pilot:
        await settle(pilot)
        app.run_worker(record, thread=True, exit_on_error=False, description="Recording the run")
        await settle(pilot)
        assert app.is_running
        assert messages.notifications("error") == [Msg.JOURNAL_BUSY.value.format(path=db_path)]
