"""Streaks count consecutive days that met the daily minimum; rest days bridge but don't add."""

from datetime import date, timedelta

from tracker.habit import streaks


def days(start: date, count: int) -> set[date]:
    return {start + timedelta(days=i) for i in range(count)}


def test_a_run_across_a_month_boundary() -> None:
    met = days(date(2026, 1, 28), 6)  # Jan 28 .. Feb 2
    result = streaks(met, set(), date(2026, 2, 2))
    assert (result.current, result.longest) == (6, 6)


def test_a_run_across_a_year_boundary() -> None:
    met = days(date(2021, 12, 29), 7)  # Dec 29 .. Jan 4
    assert streaks(met, set(), date(2022, 1, 4)).current == 7


def test_a_run_across_daylight_saving_changes() -> None:
    # Europe and the US change clocks in late March and early November; days are dates, not hours.
    spring = days(date(2026, 3, 27), 5)
    autumn = days(date(2026, 10, 30), 5)
    assert streaks(spring, set(), date(2026, 3, 31)).current == 5
    assert streaks(autumn, set(), date(2026, 11, 3)).current == 5


def test_today_not_yet_met_does_not_break_the_streak() -> None:
    met = days(date(2026, 11, 17), 4)  # up to yesterday
    result = streaks(met, set(), date(2026, 11, 21))
    assert result.current == 4
    assert result.today_pending


def test_a_missed_day_breaks_the_streak() -> None:
    met = days(date(2026, 11, 10), 5) | days(date(2026, 11, 17), 2)
    result = streaks(met, set(), date(2026, 11, 18))
    assert (result.current, result.longest) == (2, 5)


def test_a_missed_yesterday_means_no_current_streak() -> None:
    met = days(date(2026, 11, 10), 5)
    assert streaks(met, set(), date(2026, 11, 21)).current == 0


def test_rest_days_bridge_a_gap_without_adding_to_it() -> None:
    met = days(date(2026, 11, 10), 3) | days(date(2026, 11, 15), 2)  # gap: 13th, 14th
    rest = {date(2026, 11, 13), date(2026, 11, 14)}
    assert streaks(met, set(), date(2026, 11, 16)).current == 2
    result = streaks(met, rest, date(2026, 11, 16))
    assert (result.current, result.longest) == (5, 5)


def test_a_rest_day_yesterday_keeps_the_streak_alive() -> None:
    met = days(date(2026, 11, 17), 3)  # 17..19, rest on 20th, today 21st not yet met
    assert streaks(met, {date(2026, 11, 20)}, date(2026, 11, 21)).current == 3


def test_no_days_means_no_streak() -> None:
    result = streaks(set(), set(), date(2026, 11, 21))
    assert (result.current, result.longest, result.today_pending) == (0, 0, False)
