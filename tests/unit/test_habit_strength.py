"""The habit strength (tracker.habit, after Loop Habit Tracker's score): each day
`score = previous * m + value * (1 - m)` with m = 0.5 ** (1/13), value = min(1, minutes / minimum).

Expected values are worked out by hand from that rule: from 0, n full days give 1 - m**n, and a
missed day multiplies by m, so a month is 1 - 0.5 ** (30/13) and every figure below is a power of
0.5 ** (1/13).
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from testkit.clock import TODAY

from tracker.config import Settings
from tracker.habit import (
    STRENGTH_MULTIPLIER,
    granted_rest_days,
    habit_strength,
    streaks,
    strength_on,
    strength_percent,
    strength_series,
)

M = 0.5 ** (1 / 13)
NOV = date(2026, 11, 1)


def days(first: date, count: int, minutes: int = 30) -> dict[date, int]:
    return {first + timedelta(days=i): minutes for i in range(count)}


def test_the_multiplier_is_a_13_day_half_life() -> None:
    assert STRENGTH_MULTIPLIER ** 13 == pytest.approx(0.5)


def test_a_perfect_month_reaches_about_80_percent() -> None:
    # 30 days from nothing: 1 - m**30 = 1 - 0.5 ** (30/13) = 1 - 0.2020 = 0.798.
    last = NOV + timedelta(days=29)
    score = habit_strength(days(NOV, 30), set(), 30, last + timedelta(days=1))  # the month is over
    assert score == pytest.approx(0.798, abs=5e-4)
    assert strength_percent(score) == 80


def test_two_months_reach_about_96_percent() -> None:
    # 1 - 0.5 ** (60/13) = 1 - 0.0408 = 0.959.
    score = habit_strength(days(date(2026, 9, 1), 60), set(), 30, date(2026, 10, 31))
    assert score == pytest.approx(0.959, abs=5e-4)
    assert strength_percent(score) == 96


def test_the_score_starts_on_the_first_day_studied() -> None:
    # Day 1: 0 * m + 1 * (1 - m) = 0.0519; the empty years before it don't count as misses.
    totals = {date(2026, 11, 1): 45}
    series = strength_series(totals, set(), 30, date(2026, 11, 1), date(2026, 11, 1))
    assert series == [pytest.approx(1 - M)]
    assert strength_percent(habit_strength(totals, set(), 30, date(2026, 11, 2))) == 5
    assert habit_strength({}, set(), 30, TODAY) == 0.0


def test_a_gap_lowers_the_score_without_resetting_it() -> None:
    # A perfect month (0.798), then a week off: 0.798 * m**7 = 0.798 * 0.6885 = 0.549.
    totals = days(NOV - timedelta(days=30), 30)
    today = NOV + timedelta(days=7)            # Nov 1..7 missed, today Nov 8 not studied yet
    score = habit_strength(totals, set(), 30, today)
    assert score == pytest.approx((1 - M ** 30) * M ** 7)
    assert score == pytest.approx(0.549, abs=5e-4) and strength_percent(score) == 55
    met = {day for day, minutes in totals.items() if minutes >= 30}
    assert streaks(met, set(), today).current == 0  # the streak says nothing of the month before


def test_partial_days_earn_partial_credit() -> None:
    # 20 of 30 minutes every day for a month: value 2/3, so 2/3 * 0.798 = 0.532.
    score = habit_strength(days(NOV, 30, minutes=20), set(), 30, NOV + timedelta(days=30))
    assert score == pytest.approx(2 / 3 * (1 - M ** 30))
    assert strength_percent(score) == 53
    # More than the minimum is still one day's worth.
    assert habit_strength(days(NOV, 30, minutes=120), set(), 30, NOV + timedelta(days=30)) == pytest.approx(1 - M ** 30)


def test_rest_days_within_the_budget_freeze_the_score() -> None:
    # November studied every day but the 10th and 20th, both declared: 28 days of growth, two frozen
    # ones: 1 - m**28 = 1 - 0.5 ** (28/13) = 0.775. Without them counting, they are misses.
    rest = {date(2026, 11, 10), date(2026, 11, 20)}
    totals = {day: minutes for day, minutes in days(NOV, 30).items() if day not in rest}
    end = date(2026, 12, 1)
    counted = granted_rest_days(rest, 2)
    assert counted == rest
    score = habit_strength(totals, counted, 30, end)
    assert score == pytest.approx(1 - M ** 28)
    assert strength_percent(score) == 78
    # Missed instead: after the 9th 1 - m**9; the 10th: (1 - m**9) m; to the 19th: that * m**9 + 1 - m**9;
    # the 20th: * m; to the 30th: * m**10 + 1 - m**10.
    after_19 = (1 - M ** 9) * M * M ** 9 + (1 - M ** 9)
    missed = after_19 * M * M ** 10 + (1 - M ** 10)
    assert habit_strength(totals, set(), 30, end) == pytest.approx(missed)
    assert strength_percent(missed) == 75   # (0.3810 * 0.5864 + 0.3810) * 0.5564 + 0.4136 = 0.7497
    # The streak bridges the counted rest days: 28 met days in one run.
    met = set(totals)
    assert streaks(met, counted, date(2026, 11, 30)).current == 28


def test_rest_days_beyond_the_budget_are_misses_for_the_score_and_the_streak() -> None:
    # Rest declared on the 10th, 15th and 20th; the budget is 2, so the 20th is a miss.
    declared = {date(2026, 11, 10), date(2026, 11, 15), date(2026, 11, 20)}
    counted = granted_rest_days(declared, 2)
    assert counted == {date(2026, 11, 10), date(2026, 11, 15)}
    totals = {day: minutes for day, minutes in days(NOV, 30).items() if day not in declared}
    # 1st-9th: 1 - m**9; 10th frozen; 11th-14th: 1 - m**13; 15th frozen; 16th-19th: 1 - m**17;
    # 20th a miss: (1 - m**17) m; 21st-30th: (1 - m**17) m**11 + 1 - m**10.
    expected = (1 - M ** 17) * M ** 11 + 1 - M ** 10
    score = habit_strength(totals, counted, 30, date(2026, 12, 1))
    assert score == pytest.approx(expected)
    assert strength_percent(score) == 74          # 0.5956 * 0.5564 + 0.4136 = 0.745
    result = streaks(set(totals), counted, date(2026, 11, 30))
    assert (result.current, result.longest) == (10, 17)


def test_the_budget_is_per_calendar_month() -> None:
    declared = [date(2026, 10, 30), date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)]
    assert granted_rest_days(declared, 2) == set(declared[:4])
    assert granted_rest_days(declared, 0) == set()


def test_today_counts_only_once_it_helps() -> None:
    # Through yesterday: a perfect month, 1 - m**30. This morning's empty today doesn't drop it,
    # 10 minutes (a third, less than 0.798) neither; 30 minutes lifts it to 1 - m**31.
    totals = days(NOV, 30)
    today = NOV + timedelta(days=30)
    yesterday = 1 - M ** 30
    assert habit_strength(totals, set(), 30, today) == pytest.approx(yesterday)
    assert habit_strength({**totals, today: 10}, set(), 30, today) == pytest.approx(yesterday)
    assert habit_strength({**totals, today: 30}, set(), 30, today) == pytest.approx(1 - M ** 31)
    # Tomorrow, today's 10 minutes count as they were: 0.798 m + 1/3 (1 - m).
    assert habit_strength({**totals, today: 10}, set(), 30, today + timedelta(days=1)) == pytest.approx(
        yesterday * M + (1 - M) / 3)


def test_a_ten_year_journal_is_quick() -> None:
    first = TODAY - timedelta(days=3652)
    totals = {first + timedelta(days=i): (i * 37) % 90 for i in range(3653)}
    rest = granted_rest_days((first + timedelta(days=i) for i in range(0, 3653, 11)), 2)
    started = time.perf_counter()
    series = strength_series(totals, rest, 30, first, TODAY, TODAY)
    elapsed = time.perf_counter() - started
    assert len(series) == 3653 and 0 < series[-1] < 1
    assert elapsed < 0.05, f"{elapsed * 1000:.1f} ms for ten years"
    # The 400-day window of habit_strength gives the same number as the whole history.
    assert habit_strength(totals, rest, 30, TODAY) == pytest.approx(series[-1], abs=1e-8)


# -- through the journal: stats, the post, the charts agree ------------------------------------------
def log_days(journal, first: date, count: int, minutes: int = 30) -> None:
    from tracker.study import log_session

    for i in range(count):
        log_session(journal, minutes=minutes, topic="Backprop", day=first + timedelta(days=i))


def test_stats_post_and_charts_show_the_same_strength(journal) -> None:
    from tracker.charts.frames import build_frames
    from tracker.charts.terminal import terminal_charts
    from tracker.stats import compute_stats
    from tracker.study import declare_rest_day

    settings = Settings(rest_days_keep_streak=True)
    log_days(journal, TODAY - timedelta(days=30), 30)   # a perfect month up to yesterday
    declare_rest_day(journal, TODAY - timedelta(days=40))  # before the first session: no effect
    stats = compute_stats(journal, settings, TODAY, with_resources=False)
    assert stats.habit_strength == 80 and stats.as_dict()["habit_strength"] == 80
    assert strength_percent(strength_on(journal, settings, TODAY, today=TODAY)) == 80
    assert terminal_charts(journal, settings, TODAY).habit_strength == 80
    frames = build_frames(journal, settings, TODAY)
    assert frames.habit_strength == 80
    line = frames.daily["strength"].dropna()
    assert line.iloc[0] == pytest.approx((1 - M) * 100) and len(line) == 31


def test_the_post_numbers_show_the_strength_at_the_end_of_the_week(journal) -> None:
    from datetime import UTC, datetime

    from tracker.post import build_week, render_markdown

    settings = Settings()
    # A perfect month up to Sunday 2026-11-15 (the end of ISO week 46), then nothing.
    log_days(journal, date(2026, 10, 17), 30)
    post = build_week(journal, date(2026, 11, 15), settings, datetime(2026, 11, 21, 18, 30, tzinfo=UTC))
    assert post.numbers.habit_strength == 80           # 1 - m**30, on the week's last day
    assert "a 30-day streak; habit strength 80%." in render_markdown(post)
    # The week in progress: nothing this week; the 16th to the 20th missed, and today (the 21st) not
    # over, so it doesn't count yet: 0.798 * m**5 = 0.798 * 0.766 = 0.611.
    now = datetime(2026, 11, 21, 18, 30, tzinfo=UTC)
    assert build_week(journal, TODAY, settings, now).numbers.habit_strength == 61
    # Before anything was studied the line says nothing of it.
    empty = build_week(journal, date(2026, 10, 5), settings, now)
    assert empty.numbers.habit_strength is None and "habit strength" not in render_markdown(empty)
