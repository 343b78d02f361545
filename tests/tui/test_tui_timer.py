"""The live timer on Today (issue 15, item 4): started from the log form, ticking by itself, stopped
into a session, seen when another terminal starts it, trimmed when forgotten, and its pomodoro."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from testkit.tui import (
    NOW,
    TODAY,
    Messages,
    drawn_text,
    load_sample,
    pilot_test,
    settle,
    tracker_app,
    type_text,
    wait_until,
)
from textual.widgets import Input, Static

from tracker import timer as timer_service
from tracker.store import open_journal
from tracker.tui.dialogs.confirm import ConfirmDialog
from tracker.tui.dialogs.trim_timer import TrimTimerDialog
from tracker.tui.messages import SessionLogged
from tracker.tui.widgets.timer_line import Phase, TimerLine, pomodoro_phase, timer_text


def _sessions(db_path: Path) -> list[dict]:
    with open_journal(str(db_path)) as journal:
        return [dict(row) for row in journal.rows("SELECT day, minutes, note FROM study_session ORDER BY id")]


def _running(db_path: Path):
    with open_journal(str(db_path)) as journal:
        return timer_service.current_timer(journal)


def _start_elsewhere(db_path: Path, minutes_ago: float, topic: str = "Linear algebra", **extra):
    """A timer started by another connection (the command line), `minutes_ago` before NOW."""
    with open_journal(str(db_path)) as journal:
        return timer_service.start_timer(journal, topic, at=NOW - timedelta(minutes=minutes_ago), now=NOW, **extra)


def _line(app) -> TimerLine:
    return app.screen.query_one("#timer-line", TimerLine)


def _text(app) -> str:
    return _line(app).render().plain


# -- the line, without the app ----------------------------------------------------------------------
def test_the_pomodoro_alternates_work_and_a_five_minute_break() -> None:
    timer = timer_service.Timer("Calculus", None, "study", "", NOW, pomodoro_minutes=25)
    assert pomodoro_phase(timer, NOW) == Phase(1, False, 25 * 60)
    assert pomodoro_phase(timer, NOW + timedelta(minutes=24, seconds=59)) == Phase(1, False, 1)
    assert pomodoro_phase(timer, NOW + timedelta(minutes=25)) == Phase(1, True, 5 * 60)
    assert pomodoro_phase(timer, NOW + timedelta(minutes=29, seconds=30)) == Phase(1, True, 30)
    assert pomodoro_phase(timer, NOW + timedelta(minutes=30)) == Phase(2, False, 25 * 60)
    assert pomodoro_phase(timer_service.Timer("Calculus", None, "study", "", NOW), NOW) is None


def test_the_line_shows_elapsed_time_count_down_topic_and_that_quitting_is_fine() -> None:
    timer = timer_service.Timer("Calculus", "MIT 18.01", "study", "", NOW, pomodoro_minutes=25)
    assert timer_text(timer, NOW + timedelta(minutes=12, seconds=5)).plain == (
        "Timer 0:12:05 · pomodoro 1: 12:55 left · Calculus · MIT 18.01 · safe to quit")
    assert timer_text(timer, NOW + timedelta(hours=1, minutes=26, seconds=1)).plain == (
        "Timer 1:26:01 · break: 03:59 left · Calculus · MIT 18.01 · safe to quit")


# -- Today --------------------------------------------------------------------------------------------
@pilot_test
async def test_start_from_the_form_tick_without_reading_and_stop_logs_the_session(db_path: Path, monkeypatch) -> None:
    from tracker.tui.freshness import JournalWatch

    # No look for other processes' writes: it also sees our own once, and would read during the ticks.
    monkeypatch.setattr(JournalWatch, "_poll", lambda self: None)
    messages = Messages()
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24), message_hook=messages) as pilot:
        await settle(pilot)
        screen = app.screen
        assert not _line(app).display  # no timer: no line
        screen.form.focus_field("topic")
        await type_text(pilot, "Linear algebra")
        screen.form.focus_field("note")
        await type_text(pilot, "chapter 3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        running = _running(db_path)
        assert running is not None and (running.topic, running.note, running.started_at) == (
            "Linear algebra", "chapter 3", NOW)
        assert _line(app).display
        assert _text(app) == "Timer 0:00:00 · Linear algebra · safe to quit"
        assert _sessions(db_path) == []
        assert screen.form.values()["topic"] == ""  # the line shows what runs; the form is free again

        reads, layouts = [], []
        with monkeypatch.context() as patched:
            patched.setattr(type(screen), "fetch", lambda self, journal: reads.append(1))
            patched.setattr(Static, "update", lambda self, *args, **kwargs: layouts.append(self.id))
            app._now = NOW + timedelta(minutes=42, seconds=7)
            assert "0:00:00" in drawn_text(_line(app))  # drawn as it was, until the next tick
            await wait_until(pilot, lambda: "0:42:07" in drawn_text(_line(app)))  # the 1 s interval ticked
            app._now = NOW + timedelta(minutes=42, seconds=8)
            await wait_until(pilot, lambda: "0:42:08" in drawn_text(_line(app)))
            assert reads == []  # ticking reads nothing from the journal
            assert layouts == []  # nor updates anything else on the screen

        screen.form.focus_field("note")
        await type_text(pilot, "did the exercises")  # typed while it ran: added at the stop
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert _sessions(db_path) == [
            {"day": TODAY.isoformat(), "minutes": 42, "note": "chapter 3\ndid the exercises"}]
        assert _running(db_path) is None
        assert not _line(app).display
        assert screen.form.values()["topic"] == "" and screen.form.values()["note"] == ""
        assert [m.summary for m in messages.of(SessionLogged)][-1].startswith("Logged 42m of Linear algebra")


@pilot_test
async def test_a_bad_topic_is_refused_beside_its_field_and_nothing_starts(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")  # the topic is empty
        await settle(pilot)
        assert "topic" in app.screen.form.errors()
        assert _running(db_path) is None and not _line(app).display


@pilot_test
async def test_a_timer_started_by_another_terminal_appears_within_the_poll_and_goes_when_stopped(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _start_elsewhere(db_path, 10, resource="Strang")
        await wait_until(pilot, lambda: _line(app).display)
        assert _text(app).startswith("Timer 0:10:00 · Linear algebra · Strang")
        with open_journal(str(db_path)) as journal:
            timer_service.stop_timer(journal, now=NOW, today=TODAY)
        await wait_until(pilot, lambda: not _line(app).display)
        assert app.screen.session_table.row_count == 1  # and the session came with it


@pilot_test
async def test_a_forgotten_timer_opens_the_trim_dialog_which_stops_it_at_the_time_given(db_path: Path) -> None:
    _start_elsewhere(db_path, 5 * 60)  # 5 h: longer than max_session_hours (4)
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TrimTimerDialog)
        offered = (NOW - timedelta(hours=5) + timedelta(minutes=30)).astimezone().strftime("%H:%M")
        assert dialog.query_one("#trim-end", Input).value == offered  # start + the daily minimum
        assert _sessions(db_path) == []  # asking wrote nothing

        dialog.query_one("#trim-end", Input).value = "+75m"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, TrimTimerDialog)
        assert _sessions(db_path) == [{"day": TODAY.isoformat(), "minutes": 75, "note": ""}]
        assert _running(db_path) is None and not _line(app).display


@pilot_test
async def test_the_trim_dialog_refuses_a_bad_end_keeps_as_is_or_leaves_it_running(db_path: Path) -> None:
    _start_elsewhere(db_path, 5 * 60)
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#trim-end", Input).value = "25:99"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog and "can't read time '25:99'" in str(dialog.query_one("#trim-error").content)
        await pilot.press("escape")  # not now: it keeps running
        await settle(pilot)
        assert _running(db_path) is not None and _line(app).display and _sessions(db_path) == []

        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press("ctrl+o")  # keep all 5 h
        await settle(pilot)
        assert _sessions(db_path) == [{"day": TODAY.isoformat(), "minutes": 300, "note": ""}]
        assert _running(db_path) is None


@pilot_test
async def test_a_pomodoro_says_to_take_a_break_and_the_line_counts_the_break_down(db_path: Path) -> None:
    _start_elsewhere(db_path, 24, pomodoro=25)
    messages = Messages()
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24), message_hook=messages) as pilot:
        await settle(pilot)
        assert _text(app).startswith("Timer 0:24:00 · pomodoro 1: 01:00 left")
        app._now = NOW + timedelta(minutes=1, seconds=10)
        await wait_until(pilot, lambda: "break" in drawn_text(_line(app)))
        assert drawn_text(_line(app)).startswith("Timer 0:25:10 · break: 04:50 left")
        await wait_until(pilot, lambda: messages.notifications())
        assert messages.notifications() == ["Pomodoro 1 done: take a 5-minute break."]
        app._now = NOW + timedelta(minutes=6, seconds=1)
        await wait_until(pilot, lambda: len(messages.notifications()) == 2)
        assert "pomodoro 2: 24:59 left" in drawn_text(_line(app))
        assert messages.notifications()[-1] == "Break over: back to Linear algebra (pomodoro 2)."


@pilot_test
async def test_cancel_asks_then_drops_the_timer_without_logging(db_path: Path) -> None:
    _start_elsewhere(db_path, 20)
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert _running(db_path) is not None
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert _running(db_path) is None and _sessions(db_path) == [] and not _line(app).display


@pilot_test
async def test_the_keys_follow_the_timer_and_quitting_asks_nothing(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.check_action("start_timer", ()) and not screen.check_action("stop_timer", ())
        _start_elsewhere(db_path, 3)
        await wait_until(pilot, lambda: _line(app).display)
        assert not screen.check_action("start_timer", ()) and screen.check_action("stop_timer", ())
        assert screen.unsaved() == []  # the timer lives in the journal: nothing to lose by quitting
        await pilot.press("ctrl+s")  # a second timer is refused, naming the first
        await settle(pilot)
        assert _running(db_path).started_at == NOW - timedelta(minutes=3)


@pilot_test
async def test_today_with_a_long_timer_line_still_fits_80_by_24(db_path: Path) -> None:
    from textual.widgets import DataTable

    sample = load_sample(db_path)
    _start_elsewhere(sample, 12, topic="Probabilistic graphical models and variational inference", pomodoro=25)
    app = tracker_app(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = _line(app)
        drawn = drawn_text(line)
        assert line.size.height == 1 and drawn.startswith("Timer 0:12:00 · pomodoro 1: 13:00 left · Probabilistic")
        assert drawn.rstrip().endswith("…")  # cut at the panel's edge, not wrapped
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.region.bottom <= 23  # the sessions table still ends above the key bar
