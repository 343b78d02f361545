"""The day starts when the learner says (issue 15, item 3): `day_starts_at = 4` puts a session at
1 a.m. on the day before, in the default --date, the streak, the week, the post, the UI's today and
the cards' day bounds. Every test runs in UTC (tests/conftest.py), so local time is the stamp's."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from testkit.cli import run_tracker

from tracker import cards, clock, config
from tracker.errors import TrackerError

#: Monday of ISO week 2026-W48, 1 a.m.: with the day starting at 4 it is still Sunday 2026-11-22.
MONDAY_1AM = "2026-11-23T01:00:00+00:00"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def write_config(text: str) -> None:
    path = config.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# -- clock --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("moment", "hour", "day"), [
    ("2026-11-23T01:00:00+00:00", 4, date(2026, 11, 22)),   # 1 a.m. is the evening before
    ("2026-11-23T03:59:59+00:00", 4, date(2026, 11, 22)),
    ("2026-11-23T04:00:00+00:00", 4, date(2026, 11, 23)),   # the hour itself starts the day
    ("2026-11-23T01:00:00+00:00", 0, date(2026, 11, 23)),   # the default: midnight
    ("2026-11-22T23:30:00+00:00", 4, date(2026, 11, 22)),
    ("2026-11-22T22:59:00+00:00", 23, date(2026, 11, 21)),
])
def test_a_moment_belongs_to_the_study_day_that_started_before_it(moment: str, hour: int, day: date) -> None:
    assert clock.study_day(at(moment), hour) == day


def test_study_day_reads_a_utc_moment_in_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Pacific/Auckland")  # 13 hours ahead in November
    time.tzset()
    try:
        # 12:30 UTC on the 22nd is 01:30 on the 23rd in Auckland: still the 22nd's study day at 4.
        assert clock.study_day(at("2026-11-22T12:30:00+00:00"), 4) == date(2026, 11, 22)
        assert clock.study_day(at("2026-11-22T12:30:00+00:00"), 0) == date(2026, 11, 23)
        assert clock.day_of_stamp("2026-11-22T15:30:00Z", 4) == date(2026, 11, 23)  # 04:30 there
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_today_follows_the_day_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.NOW_ENV, MONDAY_1AM)
    assert clock.today() == date(2026, 11, 23)
    assert clock.today(4) == date(2026, 11, 22)


def test_day_bounds_run_from_the_day_start_to_the_next_one() -> None:
    assert clock.local_day_bounds(date(2026, 11, 22), date(2026, 11, 22)) == (
        "2026-11-22T00:00:00Z", "2026-11-23T00:00:00Z")
    assert clock.local_day_bounds(date(2026, 11, 16), date(2026, 11, 22), 4) == (
        "2026-11-16T04:00:00Z", "2026-11-23T04:00:00Z")


# -- the setting --------------------------------------------------------------------------------
def test_the_setting_defaults_to_midnight_and_is_listed_with_its_explanation() -> None:
    assert config.load_settings().day_starts_at == 0
    assert "# day_starts_at = 0" in config.commented_config()
    write_config("day_starts_at = 4\n")
    assert config.load_settings().day_starts_at == 4


@pytest.mark.parametrize(("value", "expected"), [
    ("24", "day_starts_at should be an hour from 0 to 23, not 24"),
    ("-1", "day_starts_at should be an hour from 0 to 23, not -1"),
    ("4.5", "day_starts_at should be a whole number, not 4.5"),
    ('"4"', "day_starts_at should be a whole number, not '4'"),
    ("true", "day_starts_at should be a whole number, not True"),
])
def test_a_day_start_that_is_no_hour_is_refused_in_one_line(value: str, expected: str) -> None:
    write_config(f"day_starts_at = {value}\n")
    with pytest.raises(TrackerError) as caught:
        config.load_settings()
    assert caught.value.line.endswith(expected)


def test_a_bad_day_start_stops_log_before_anything_is_written(db_path) -> None:
    write_config("day_starts_at = 25\n")
    result = run_tracker(db_path, "log", "45m", "numpy")
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "day_starts_at should be an hour from 0 to 23, not 25" in result.stderr
    assert not db_path.exists()  # the setting is read before the journal is even created


# -- the command line: log, the streak, the week, the post ----------------------------------------
def test_one_am_logs_yesterday_and_the_streak_and_week_follow(db_path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config("day_starts_at = 4\n")
    monkeypatch.setenv(clock.NOW_ENV, MONDAY_1AM)
    assert run_tracker(db_path, "log", "40m", "numpy", "--date", "2026-11-21").exit_code == 0
    logged = run_tracker(db_path, "log", "45m", "numpy", "late night")
    assert logged.exit_code == 0, logged.output
    assert "Logged 45m of numpy on 2026-11-22." in logged.stdout
    assert "Today: 45m of 30m daily minimum, minimum met." in logged.stdout

    stats = json.loads(run_tracker(db_path, "stats", "--json").stdout)
    assert stats["today"] == "2026-11-22"
    assert stats["today_minutes"] == 45
    assert stats["current_streak"] == 2  # Saturday and Sunday, not broken by an empty Monday
    # Monday 1 a.m. is still Sunday: the week is the one before (week_start = monday).
    assert (stats["week"], stats["week_start"], stats["week_minutes"]) == ("2026-W47", "2026-11-16", 85)

    post = run_tracker(db_path, "week")
    assert post.exit_code == 0, post.output
    # Sunday's week, with both sessions; dated by the real moment it was written (Monday 01:00).
    assert "## My Week in Machine Learning - 11/16/2026" in post.stdout
    assert "**By the numbers:** 1.4 hours over 2 sessions; studied on 2 of 7 days" in post.stdout
    assert "a 2-day streak" in post.stdout
    assert "date: 2026-11-23 01:00:00 +0000" in post.stdout


def test_the_same_moment_is_monday_when_the_day_starts_at_midnight(db_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.NOW_ENV, MONDAY_1AM)
    logged = run_tracker(db_path, "log", "45m", "numpy")
    assert "Logged 45m of numpy on 2026-11-23 (" in logged.stdout
    stats = json.loads(run_tracker(db_path, "stats", "--json").stdout)
    assert (stats["today"], stats["week"]) == ("2026-11-23", "2026-W48")


def test_a_sunday_1am_session_is_in_the_week_before_when_weeks_start_on_sunday(
    db_path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_config('day_starts_at = 4\nweek_start = "sunday"\n')
    monkeypatch.setenv(clock.NOW_ENV, "2026-11-22T01:00:00+00:00")  # Sunday, 1 a.m.
    assert "on 2026-11-21 (" in run_tracker(db_path, "log", "45m", "numpy").stdout
    stats = json.loads(run_tracker(db_path, "stats", "--json").stdout)
    assert (stats["today"], stats["week_start"], stats["week_minutes"]) == ("2026-11-21", "2026-11-15", 45)


# -- the post, the UI, the cards ------------------------------------------------------------------
def test_the_post_reads_the_week_of_the_study_day(journal) -> None:
    from tracker import study
    from tracker.post.week import build_week

    settings = config.Settings(day_starts_at=4)
    study.log_session(journal, minutes="45m", topic="numpy", day="2026-11-22", today=date(2026, 11, 22))
    now = at(MONDAY_1AM)
    week = build_week(journal, clock.study_day(now, 4), settings, now)
    assert week.week == "2026-W47"
    assert week.numbers.minutes == 45
    assert week.numbers.streak == 1
    # Still this week's post, so it is dated now rather than at noon of its last day.
    assert week.published == now


def test_the_ui_and_today_screen_data_use_the_study_day(journal) -> None:
    from tracker.tui.app import TrackerApp
    from tracker.tui.data import today_data

    settings = config.Settings(day_starts_at=4)
    app = TrackerApp("unused.db", settings, now=at(MONDAY_1AM))
    assert app.today() == date(2026, 11, 22)
    assert today_data(journal, settings, at(MONDAY_1AM), suggestions=False).today == date(2026, 11, 22)


def test_reviews_before_the_day_start_count_for_the_day_before(journal) -> None:
    card = cards.add_card(journal, "Front", "Back", "Math", now=datetime(2026, 11, 20, 8, tzinfo=timezone.utc)).card
    for moment, rating in (("2026-11-21T22:00:00+00:00", 3), ("2026-11-22T02:30:00+00:00", 1),
                           ("2026-11-22T05:00:00+00:00", 3)):
        cards.rate(journal, card, rating, now=at(moment), fuzz=False, retention=0.9)
    assert cards.reviews_per_day(journal, date(2026, 11, 21), date(2026, 11, 22), 4) == [
        {"day": "2026-11-21", "reviews": 2, "again": 1},
        {"day": "2026-11-22", "reviews": 1, "again": 0},
    ]
    assert cards.reviews_between(journal, date(2026, 11, 21), date(2026, 11, 21), 4) == 2
    assert cards.reviews_between(journal, date(2026, 11, 21), date(2026, 11, 21)) == 1
