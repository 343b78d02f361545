"""`tracker demo` shows the habit strength, a weekly goal and a running timer from the first look.

"Now" is Saturday 2026-11-21, 18:30 UTC (the sample's last week, so no shift); expected values are
counted from sample_journal/ by hand: Monday to Friday of 2026-W47 hold 45+25+50+25+40+40+45+60+20
= 350 minutes (5.83 h), and the last session logged is Friday's 20-minute Reinforcement learning
exercise, with no resource.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.sample import make_demo_journal, sample_directory


@pytest.fixture
def demo(cli, isolated_environment: Path):
    result = cli("demo", "--no-ui", db=None)
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.split("sample): ", 1)[1].splitlines()[0])
    yield result.stdout, path
    shutil.rmtree(path.parent)


def test_the_demo_prints_the_strength_the_goal_and_the_timer(demo) -> None:
    out, path = demo
    assert "Streak: 15 days (longest 15); habit strength 89%;" in out
    assert "\nGoals\n  #1 5.83 h of 5 h this week: met\n" in out
    assert (f"\nTimer: Reinforcement learning, running since 18:10 (20m; the demo started it): "
            f"`tracker --db {path} stop` logs it.\n") in out


def test_the_demo_timer_is_in_the_journal_and_stops_into_a_session(cli, demo) -> None:
    _, path = demo
    status = json.loads(cli("status", "--json", db=path).stdout)
    assert status["timer"]["topic"] == "Reinforcement learning" and status["timer"]["kind"] == "exercise"
    assert status["timer"]["elapsed_minutes"] == 20 and status["timer"]["started_at"] == "2026-11-21T18:10:00Z"
    stats = json.loads(cli("stats", "--json", db=path).stdout)
    assert stats["habit_strength"] == 89
    stopped = cli("stop", db=path)
    assert stopped.exit_code == 0, stopped.output
    sessions = json.loads(cli("sessions", "--from", "2026-11-21", "--json", db=path).stdout)
    assert [(s["day"], s["minutes"], s["topic"]) for s in sessions] == [("2026-11-21", 20, "Reinforcement learning")]


def test_habit_strength_hand_computed_from_the_sample() -> None:
    """Loop's formula over the sample's daily totals (every declared rest day within the budget of 2
    a month, so each freezes the score), up to Friday 2026-11-20: Saturday, not over and not yet
    studied, keeps Friday's score."""
    import csv

    totals: dict[date, int] = {}
    with (sample_directory() / "sessions.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            day = date.fromisoformat(row["date"])
            totals[day] = totals.get(day, 0) + int(row["minutes"])
    with (sample_directory() / "rest_days.csv").open(encoding="utf-8") as handle:
        rest = {date.fromisoformat(row["date"]) for row in csv.DictReader(handle)}
    m, score, day = 0.5 ** (1 / 13), 0.0, min(totals)
    while day <= date(2026, 11, 20):
        if not (day in rest and day not in totals):
            score = score * m + min(1, totals.get(day, 0) / 30) * (1 - m)
        day += timedelta(days=1)
    assert round(score * 100) == 89


def test_no_calendar_month_holds_more_rest_days_than_the_budget_whatever_the_shift() -> None:
    """The demo moves the sample by whole weeks; its rest days must stay within 2 a calendar month
    for every shift, or the streak and strength would depend on the week the demo is run."""
    with (sample_directory() / "rest_days.csv").open(encoding="utf-8") as handle:
        rest = sorted(date.fromisoformat(line.strip()) for line in list(handle)[1:] if line.strip())
    for weeks in range(0, 53):
        months: dict[tuple[int, int], int] = {}
        for day in rest:
            moved = day + timedelta(weeks=weeks)
            months[(moved.year, moved.month)] = months.get((moved.year, moved.month), 0) + 1
        assert max(months.values()) <= 2, weeks


def test_a_demo_journal_without_now_has_no_timer(tmp_path: Path) -> None:
    from tracker.store import open_journal
    from tracker.timer import current_timer

    path = make_demo_journal(tmp_path, date(2026, 11, 21))
    with open_journal(str(path)) as journal:
        assert current_timer(journal) is None
        assert journal.scalar("SELECT count(*) FROM goal") == 1
