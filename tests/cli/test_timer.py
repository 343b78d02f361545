"""The live timer and `tracker status` (issue 15): every rule through the command line, at the fixed
now (2026-11-21 18:30 UTC, TZ=UTC), with minutes worked out by hand."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from testkit.clock import NOW

from tracker.errors import FieldErrors


def _sessions(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT s.day, s.minutes, t.name, s.kind, s.note FROM study_session s JOIN topic t ON t.id = s.topic_id "
            "ORDER BY s.id").fetchall()


def _timers(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT topic, resource, kind, note, started_at, pomodoro_minutes FROM running_timer").fetchall()


def _refused(result, *words: str) -> None:
    assert result.exit_code == 2, result.output + result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: "), result.stderr
    for word in words:
        assert word in lines[0]


def _settings(text: str) -> None:
    folder = Path(os.environ["TRACKER_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text)


def _status(cli) -> dict:
    result = cli("status", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_start_then_stop_logs_the_session_and_removes_the_timer(cli, db_path, monkeypatch) -> None:
    started = cli("start", "Backprop", "chain rule", "--at", "18:05", "--resource", "CS231n", "--kind", "code")
    assert started.exit_code == 0, started.stderr
    assert started.stdout.startswith("Started Backprop at 18:05 (with CS231n)")
    assert _timers(db_path) == [("Backprop", "CS231n", "code", "chain rule", "2026-11-21T18:05:00Z", None)]
    status = _status(cli)
    assert status["timer"]["elapsed_minutes"] == 25 and status["timer"]["topic"] == "Backprop"
    monkeypatch.setenv("TRACKER_NOW", "2026-11-21T18:52:40+00:00")
    stopped = cli("stop", "by hand")
    assert stopped.exit_code == 0, stopped.stderr
    # 18:05:00 to 18:52:40 is 47 min 40 s: 48 minutes.
    assert stopped.stdout == ("Logged 48m of Backprop on 2026-11-21 (new topic 'Backprop', new resource 'CS231n').\n"
                              "Today: 48m of 30m daily minimum, minimum met.\n")
    assert _sessions(db_path) == [("2026-11-21", 48, "Backprop", "code", "chain rule\nby hand")]
    assert _timers(db_path) == []


def test_status_line_json_and_format(cli, db_path) -> None:
    assert cli("log", "40m", "CNNs", "--date", "yesterday").exit_code == 0
    assert cli("log", "20m", "CNNs").exit_code == 0
    assert cli("status").stdout == "no timer | today 20m of 30m, 10m to go | streak 1 day\n"
    assert cli("start", "Backprop", "--at", "18:10", "--pomodoro", "25").exit_code == 0
    # 20 minutes run of a 25-minute pomodoro: 5 left; yesterday met, today not yet: streak 1.
    assert cli("status").stdout == "Backprop 20m (5m left) running | today 20m of 30m, 10m to go | streak 1 day\n"
    shown = cli("status", "--format", "{timer} {today}/{minimum} {streak}{met} [{left}] {elapsed_minutes}")
    assert shown.stdout == "Backprop 20m (5m left) 20m/30m 1 [10m] 20\n"
    data = _status(cli)
    assert data == {
        "timer": {"topic": "Backprop", "resource": None, "kind": "other", "note": "", "started_at": "2026-11-21T18:10:00Z",
                  "elapsed_minutes": 20, "pomodoro_minutes": 25, "pomodoro_left_minutes": 5},
        "today": "2026-11-21", "today_minutes": 20, "daily_minimum": 30, "minimum_met": False, "streak": 1,
    }
    _refused(cli("status", "--format", "{nope}"), "'nope'", "{timer}", "{streak}")


def test_status_after_the_pomodoro_shows_the_break(cli) -> None:
    assert cli("start", "Backprop", "--at", "17:50", "--pomodoro", "25").exit_code == 0
    assert cli("status", "--format", "{pomodoro}|{topic}|{elapsed}").stdout == "break|Backprop|40m\n"


@pytest.mark.parametrize("at", ["19:00", "2026-11-22T09:00", "2026-11-21T18:31:00+00:00"])
def test_a_start_in_the_future_is_refused(cli, db_path, at) -> None:
    _refused(cli("start", "Backprop", "--at", at), "in the future")
    assert _timers(db_path) == []


@pytest.mark.parametrize("at", ["25:00", "yesterday", "2026-11-21", "+20m", "soon"])
def test_an_unreadable_start_time_is_refused(cli, db_path, at) -> None:
    _refused(cli("start", "Backprop", "--at", at), "can't read time")
    assert _timers(db_path) == []


def test_a_start_more_than_a_day_ago_is_refused(cli, db_path) -> None:
    _refused(cli("start", "Backprop", "--at", "2026-11-20T18:00"), "more than a day")
    assert _timers(db_path) == []


def test_start_relative_and_bad_fields(cli, db_path) -> None:
    assert cli("start", "Backprop", "--at", "-20m").exit_code == 0
    assert _timers(db_path)[0][4] == "2026-11-21T18:10:00Z"
    assert cli("cancel").exit_code == 0
    _refused(cli("start", "  "), "topic is empty")
    _refused(cli("start", "Backprop", "--kind", "nap"), "kind 'nap'")
    _refused(cli("start", "Backprop", "--pomodoro", "0"), "pomodoro")
    _refused(cli("start", "Backprop", "--pomodoro", "500"), "pomodoro")
    assert _timers(db_path) == []


def test_a_stop_before_the_start_or_in_the_future_is_refused(cli, db_path) -> None:
    assert cli("start", "Backprop", "--at", "18:00").exit_code == 0
    _refused(cli("stop", "--at", "17:30"), "before the timer started")
    _refused(cli("stop", "--at", "2026-11-21T17:59"), "before the timer started")
    _refused(cli("stop", "--at", "19:00"), "in the future")
    _refused(cli("stop", "--at", "+45m"), "in the future")
    assert _sessions(db_path) == []
    assert len(_timers(db_path)) == 1
    assert cli("stop", "--at", "+20m").exit_code == 0
    assert _sessions(db_path) == [("2026-11-21", 20, "Backprop", "other", "")]


def test_a_session_over_24_hours_is_refused_even_with_force(cli, db_path, monkeypatch) -> None:
    assert cli("start", "Backprop", "--at", "2026-11-20T19:00").exit_code == 0
    monkeypatch.setenv("TRACKER_NOW", "2026-11-21T20:00:00+00:00")  # 25 hours later
    _refused(cli("stop"), "more than a day")
    _refused(cli("stop", "--force"), "more than a day")
    assert _sessions(db_path) == [] and len(_timers(db_path)) == 1
    assert cli("stop", "--at", "+2h").exit_code == 0
    assert _sessions(db_path) == [("2026-11-20", 120, "Backprop", "other", "")]


def test_starting_while_one_runs_names_it_and_switch(cli, db_path) -> None:
    assert cli("start", "Backprop", "--at", "18:00").exit_code == 0
    _refused(cli("start", "CNNs"), "Backprop since 18:00 (30m)", "--switch")
    assert _timers(db_path)[0][0] == "Backprop" and _sessions(db_path) == []
    switched = cli("start", "CNNs", "--switch", "--at", "18:20")
    assert switched.exit_code == 0, switched.stderr
    assert switched.stdout.splitlines() == [
        "Logged 20m of Backprop on 2026-11-21 (new topic 'Backprop').",
        "Today: 20m of 30m daily minimum, 10m to go.",
        "Started CNNs at 18:20: `tracker stop` logs it, `tracker cancel` drops it.",
    ]
    assert _sessions(db_path) == [("2026-11-21", 20, "Backprop", "other", "")]
    assert _timers(db_path)[0][:1] + _timers(db_path)[0][4:5] == ("CNNs", "2026-11-21T18:20:00Z")


def test_a_switch_does_not_log_a_forgotten_timer(cli, db_path) -> None:
    assert cli("start", "Backprop", "--at", "12:00").exit_code == 0  # 6.5 h: over max_session_hours
    _refused(cli("start", "CNNs", "--switch"), "longer than max_session_hours (4 h)")
    assert _timers(db_path)[0][0] == "Backprop" and _sessions(db_path) == []


def test_a_timer_longer_than_max_session_hours_asks_for_the_end(cli, db_path) -> None:
    assert cli("start", "Backprop", "--at", "12:00").exit_code == 0
    _refused(cli("stop"), "6h30m since 12:00", "longer than max_session_hours (4 h)", "--at", "--force")
    assert _sessions(db_path) == [] and len(_timers(db_path)) == 1
    assert cli("stop", "--at", "13:15").exit_code == 0
    assert _sessions(db_path) == [("2026-11-21", 75, "Backprop", "other", "")]
    assert cli("start", "Backprop", "--at", "12:00").exit_code == 0
    assert cli("stop", "--force").exit_code == 0
    assert _sessions(db_path)[-1][:2] == ("2026-11-21", 390)
    _settings("max_session_hours = 8\n")  # the setting moves the line
    assert cli("start", "CNNs", "--at", "12:00").exit_code == 0
    assert cli("stop").exit_code == 0
    assert _sessions(db_path)[-1][:3] == ("2026-11-21", 390, "CNNs")


def test_a_timer_past_its_day_asks_for_the_end(cli, db_path, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_NOW", "2026-11-21T22:30:00+00:00")
    assert cli("start", "Backprop", "--at", "22:00").exit_code == 0
    monkeypatch.setenv("TRACKER_NOW", "2026-11-22T09:00:00+00:00")
    _refused(cli("stop"), "past the end of its day (2026-11-21)")
    assert _sessions(db_path) == []
    assert cli("stop", "--at", "23:15").exit_code == 0  # HH:MM is on the start's day
    assert _sessions(db_path) == [("2026-11-21", 75, "Backprop", "other", "")]


def test_a_session_past_midnight_takes_a_duration_or_a_date(cli, db_path, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_NOW", "2026-11-21T23:40:00+00:00")
    assert cli("start", "Backprop", "--at", "23:30").exit_code == 0
    monkeypatch.setenv("TRACKER_NOW", "2026-11-22T00:20:00+00:00")
    _refused(cli("stop"), "past the end of its day")
    _refused(cli("stop", "--at", "00:15"), "before the timer started", "+45m")
    assert cli("stop", "--at", "2026-11-22T00:15").exit_code == 0
    assert _sessions(db_path) == [("2026-11-21", 45, "Backprop", "other", "")]


def test_the_day_starts_when_the_learner_says(cli, db_path, monkeypatch) -> None:
    _settings("day_starts_at = 4\n")
    monkeypatch.setenv("TRACKER_NOW", "2026-11-22T01:30:00+00:00")
    assert cli("start", "Backprop", "--at", "00:30").exit_code == 0  # 00:30 on the 22nd: still the 21st's day
    assert cli("stop").exit_code == 0  # an hour, inside the study day that ends at 04:00
    assert _sessions(db_path) == [("2026-11-21", 60, "Backprop", "other", "")]


def test_cancel_logs_nothing(cli, db_path) -> None:
    _refused(cli("cancel"), "no timer is running")
    _refused(cli("stop"), "no timer is running")
    assert cli("start", "Backprop", "--at", "18:00").exit_code == 0
    assert cli("cancel").stdout == "Cancelled the timer on Backprop (30m, not logged).\n"
    assert _timers(db_path) == [] and _sessions(db_path) == []


def test_a_timer_under_a_minute_is_not_logged(cli, db_path) -> None:
    assert cli("start", "Backprop").exit_code == 0
    _refused(cli("stop"), "less than a minute")
    assert len(_timers(db_path)) == 1


def test_timer_values_names_every_bad_field() -> None:
    from tracker.timer import timer_values

    with pytest.raises(FieldErrors) as caught:
        timer_values(topic="", at="25:00", pomodoro="0", kind="nap", now=NOW)
    assert set(caught.value.errors) == {"topic", "at", "pomodoro", "kind"}


def test_stop_is_one_transaction(journal, monkeypatch) -> None:
    """A failure after the session is inserted leaves the timer and no session."""
    from tracker import timer

    timer.start_timer(journal, "Backprop", at="18:00", now=NOW)

    def broken(sql, params=None):
        if "DELETE FROM running_timer" in sql:
            raise RuntimeError("disk on fire")
        return original(sql, params)

    original = journal.execute
    monkeypatch.setattr(journal, "execute", broken)
    with pytest.raises(RuntimeError):
        timer.stop_timer(journal, now=NOW)
    monkeypatch.setattr(journal, "execute", original)
    assert timer.current_timer(journal).topic == "Backprop"
    assert journal.scalar("SELECT count(*) FROM study_session") == 0
    assert timer.stop_timer(journal, now=datetime.fromisoformat("2026-11-21T18:45:00+00:00")).session["minutes"] == 45
