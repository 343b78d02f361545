from datetime import date

import pytest

from tracker import parse
from tracker.errors import TrackerError

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("45m", 45), ("1h30m", 90), ("1.5h", 90), ("90", 90), ("2h", 120), ("90min", 90), (" 1h 5m ", 65), ("0.75h", 45)],
)
def test_durations_read_as_minutes(text: str, minutes: int) -> None:
    assert parse.parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "abc", "h", "m", "1x", "1h30", "5 m s", "1,5h", "nan", "inf"])
def test_unreadable_durations_are_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(TrackerError) as err:
        parse.parse_duration(text)
    assert err.value.exit_code == 2
    assert "45m, 1h30m, 1.5h or 90" in err.value.line


@pytest.mark.parametrize("text", ["0", "0m", "-5m", "-1h", "0.2"])
def test_zero_and_negative_durations_are_refused(text: str) -> None:
    with pytest.raises(TrackerError, match="more than zero"):
        parse.parse_duration(text)


def test_more_than_a_day_is_refused() -> None:
    with pytest.raises(TrackerError, match="longer than a day"):
        parse.parse_duration("25h")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("today", TODAY), ("Yesterday", date(2026, 11, 20)), ("2024-02-29", date(2024, 2, 29)), (None, TODAY)],
)
def test_dates(text, expected) -> None:
    assert parse.parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "2023-02-29", "2026-13-01", "21/11/2026", "tomorrowish", "2026-1-1"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(TrackerError, match="YYYY-MM-DD"):
        parse.parse_date(text, TODAY)


def test_week_start_and_iso_week_names_across_a_year_boundary() -> None:
    assert parse.week_start(date(2022, 1, 1)) == date(2021, 12, 27)
    assert parse.iso_week_name(date(2022, 1, 1)) == "2021-W52"
    assert parse.iso_week_name(date(2022, 1, 3)) == "2022-W01"
    assert parse.week_start(date(2022, 1, 1), start_index=6) == date(2021, 12, 26)


def test_names_are_trimmed_and_bounded() -> None:
    assert parse.clean_name("  Back   prop ", "topic") == "Back prop"
    with pytest.raises(TrackerError, match="topic is empty"):
        parse.clean_name("   ", "topic")
    with pytest.raises(TrackerError, match="limit is 200"):
        parse.clean_name("x" * 201, "topic")


def test_a_megabyte_note_is_refused_by_the_documented_limit() -> None:
    with pytest.raises(TrackerError, match="65,536"):
        parse.clean_text("x" * 1_000_000, "note")
    assert parse.clean_text("x" * parse.MAX_NOTE_CHARS, "note") == "x" * parse.MAX_NOTE_CHARS


@pytest.mark.parametrize(("minutes", "text"), [(45, "45m"), (60, "1h"), (90, "1h30m"), (605, "10h05m")])
def test_format_minutes_reads_back(minutes: int, text: str) -> None:
    assert parse.format_minutes(minutes) == text
    assert parse.parse_duration(text) == minutes


@pytest.mark.parametrize(("value", "ok"), [("12.5", 12.5), ("$49.99", 49.99), ("", None), (None, None)])
def test_numbers(value, ok) -> None:
    assert parse.parse_number(value, "cost", "an amount") == ok


def test_negative_numbers_are_named_as_such() -> None:
    with pytest.raises(TrackerError, match="can't be negative"):
        parse.parse_number("-5", "cost", "an amount")


def test_control_characters_in_names_are_refused() -> None:
    with pytest.raises(TrackerError, match="control characters"):
        parse.clean_name("Esc\x1b[31mRED", "topic")


@pytest.mark.parametrize("value", ["abc", "nan", "inf"])
def test_bad_numbers(value) -> None:
    with pytest.raises(TrackerError, match="is not a number"):
        parse.parse_number(value, "cost", "an amount")


def test_a_sunday_start_week_is_named_after_the_iso_week_of_its_monday() -> None:
    name, start, end = parse.week_bounds(date(2026, 11, 21), start_index=6)  # a Saturday
    assert (name, start, end) == ("2026-W47", date(2026, 11, 15), date(2026, 11, 21))
    assert parse.week_bounds(date(2026, 11, 21)) == ("2026-W47", date(2026, 11, 16), date(2026, 11, 22))


def test_week_days_accept_iso_week_names() -> None:
    assert parse.parse_week_day("2022-W01", TODAY) == date(2022, 1, 3)
    with pytest.raises(TrackerError):
        parse.parse_week_day("2022-W60", TODAY)
