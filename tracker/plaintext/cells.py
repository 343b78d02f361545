"""Reading one cell of a journal folder or a schedule: every value goes through tracker.parse, and
a problem names its file and line."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path, PurePosixPath

from tracker import parse
from tracker.clock import today as config_today
from tracker.clock import utc_stamp
from tracker.errors import Msg, TrackerError, bad_input
from tracker.files import read_text
from tracker.plaintext.format import (
    CARD_STATES, STAMP_COLUMNS, STUCK_NO, STUCK_YES, UTC_TIME, WEEK, markdown_text, unix,
)


@contextmanager
def row_errors(path: Path, line: int) -> Iterator[None]:
    """Any problem with a value becomes one line that names the file and the line."""
    try:
        yield
    except TrackerError as err:
        raise bad_input(Msg.CSV_ROW, path=path, line=line, problem=err.line) from None


class Reader:
    """Value parsers that share the import's settings: today, the date shift, the default stamp."""

    def __init__(self, directory: Path, shift_days: int) -> None:
        self.directory = directory
        self.shift = timedelta(days=shift_days)
        self.today = config_today()
        self.stamp = utc_stamp()

    def day(self, text: str | None) -> str:
        return self._shifted(parse.parse_date(text or "", self.today))

    def optional_day(self, text: str | None) -> str | None:
        found = parse.parse_optional_date(text, self.today)
        return None if found is None else self._shifted(found)

    def shifted(self, day: str | None) -> str | None:
        """A checked ISO day (or None), moved by the shift."""
        return None if day is None else self._shifted(date.fromisoformat(day))

    def _shifted(self, day: date) -> str:
        try:
            return (day + self.shift).isoformat()
        except OverflowError:
            raise bad_input(Msg.SHIFT_RANGE, value=day, days=self.shift.days) from None

    def week(self, text: str | None) -> str:
        raw = (text or "").strip().upper()
        match = WEEK.fullmatch(raw)
        try:
            if not match:
                raise ValueError(raw)
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise bad_input(Msg.WEEK, value=text) from None
        return parse.iso_week_name(date.fromisoformat(self._shifted(monday)))

    def time(self, text: str | None, field: str) -> str:
        """A card, review or checkpoint time, moved by the shift: UTC to the second
        (2026-11-21T18:30:00Z). Other ISO 8601 times are converted; one without an offset is
        local time, as `tracker cards` takes it."""
        raw = (text or "").strip()
        if not raw:
            raise bad_input(Msg.EMPTY, field=field)
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            raise bad_input(Msg.STAMP, field=field, value=raw) from None
        if not self.shift and UTC_TIME.fullmatch(raw):
            return raw
        try:
            utc = (moment + self.shift).astimezone(UTC)
        except OverflowError:
            raise bad_input(Msg.SHIFT_RANGE, value=raw, days=self.shift.days) from None
        return utc.replace(tzinfo=None, microsecond=0).isoformat() + "Z"  # isoformat: 4-digit years

    def optional_time(self, text: str | None, field: str) -> str | None:
        return self.time(text, field) if text and text.strip() else None

    def stamps(self, row: Mapping[str, str]) -> dict[str, str]:
        values = {}
        for column in STAMP_COLUMNS:
            raw = (row.get(column) or "").strip()
            if raw:
                try:
                    datetime.fromisoformat(raw)
                except ValueError:
                    raise bad_input(Msg.STAMP, field=column, value=raw) from None
            values[column] = raw or self.stamp
        return values

    def markdown(self, cell: str | None, field: str) -> str:
        """The text of the Markdown file a cell names (a path relative to the directory)."""
        relative = (cell or "").strip()
        if not relative:
            return ""
        pure = PurePosixPath(relative.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", relative):
            raise bad_input(Msg.LINKED_FILE_OUTSIDE, file=relative)
        path = self.directory.joinpath(*pure.parts)
        if not path.resolve().is_relative_to(self.directory.resolve()):  # a symlink pointing out
            raise bad_input(Msg.LINKED_FILE_OUTSIDE, file=relative)
        # Bounded by what a note may hold (the limit is checked again on the text as stored),
        # with room for \r\n line endings and surrounding space.
        text = read_text(path, field, 2 * parse.MAX_NOTE_CHARS + 2, shown=f"{relative} (named in this row)")
        return parse.clean_text(markdown_text(text), field)


# -- values that do not depend on the import's settings -------------------------------------------
def optional_name(text: str | None, field: str) -> str | None:
    return parse.clean_name(text, field) if text and text.strip() else None


def required_text(text: str | None, field: str) -> str:
    return parse.clean_required_text(unix(text or ""), field)


def exact_text(text: str | None, field: str, limit: int = parse.MAX_NOTE_CHARS) -> str:
    """Text kept exactly as written but for `\\n` line endings (a checkpoint's message)."""
    value = unix(text or "")
    if len(value) > limit:
        raise bad_input(Msg.TOO_LONG, field=field, size=len(value), limit=limit)
    return value


def yes_no(text: str | None, field: str) -> int:
    """`stuck` and `passed`: yes or empty, with the spellings of STUCK_YES and STUCK_NO."""
    raw = (text or "").strip().lower()
    if raw in STUCK_YES:
        return 1
    if raw in STUCK_NO:
        return 0
    raise bad_input(Msg.CHOICE, field=field, value=text, choices="yes, no (or empty)")


def optional_float(text: str | None, field: str) -> float | None:
    return parse.parse_number(text, field, "a number, like 2.5")


def required_float(text: str | None, field: str) -> float:
    value = optional_float(text, field)
    if value is None:
        raise bad_input(Msg.EMPTY, field=field)
    return value


def card_state(text: str | None) -> int:
    state = parse.parse_count(text, "state", limit=parse.MAX_ID)
    if state is None:
        return CARD_STATES[0]
    if state not in CARD_STATES:
        raise bad_input(Msg.CHOICE, field="state", value=text, choices="1 learning, 2 review, 3 relearning")
    return state
