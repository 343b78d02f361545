"""Reading what people type: durations, dates, weeks, choices and bounded text.

One place for input parsing, shared by the command line, the terminal UI and the importers, so a
value means the same thing wherever it is typed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache
from datetime import date, timedelta
from typing import Any

from tracker.errors import FieldErrors, Msg, TrackerError, bad_input

#: Notes are study notes, not documents: 64 KiB is pages of text, and keeps listings and posts sane.
MAX_NOTE_CHARS = 65_536
#: Names (topics, resources, projects) show in tables and post headings.
MAX_NAME_CHARS = 200
#: A URL may be long (query strings), but not a note's length.
MAX_URL_CHARS = 2_048
#: A single session longer than a day is a typo (minutes typed as hours, say).
MAX_SESSION_MINUTES = 24 * 60

#: Years a study journal can plausibly hold; anything else is a typo (0001, 3000) that would break
#: week arithmetic and charts.
EARLIEST_YEAR, LATEST_YEAR = 1970, 2100

ACTIVITY_KINDS = ("read", "watch", "code", "exercise", "review", "write", "other")
RESOURCE_KINDS = ("course", "book", "video", "article", "paper", "tutorial", "other")
RESOURCE_STATUSES = ("planned", "active", "done", "dropped")

_HOURS_MINUTES = re.compile(r"^(?:(?P<h>\d+(?:\.\d+)?)h)?(?:(?P<m>\d+(?:\.\d+)?)m(?:in)?)?$")


@lru_cache(maxsize=1024)
def parse_duration(text: str) -> int:
    """Minutes from '45m', '1h30m', '1.5h', '90' or '90min'; refuses zero, negatives and > 24h."""
    raw = str(text).strip().lower().replace(" ", "")
    if raw.startswith("-"):
        raise bad_input(Msg.DURATION_NOT_POSITIVE, value=text)
    minutes: float | None = None
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        minutes = float(raw)
    elif raw and (match := _HOURS_MINUTES.match(raw)) and (match["h"] or match["m"]):
        minutes = float(match["h"] or 0) * 60 + float(match["m"] or 0)
    if minutes is None:
        raise bad_input(Msg.DURATION, value=text)
    if not math.isfinite(minutes) or minutes > MAX_SESSION_MINUTES + 1:
        raise bad_input(Msg.DURATION_TOO_LONG, value=text)
    rounded = round(minutes)
    if rounded <= 0:
        raise bad_input(Msg.DURATION_NOT_POSITIVE, value=text)
    if rounded > MAX_SESSION_MINUTES:
        raise bad_input(Msg.DURATION_TOO_LONG, value=text)
    return rounded


def parse_date(text: str | date | None, today: date) -> date:
    """A day from 'YYYY-MM-DD', 'today' or 'yesterday' (None means today)."""
    if text is None:
        return today
    if isinstance(text, date):
        return text
    raw = text.strip().lower()
    if raw == "today":
        return today
    if raw == "yesterday":
        return today - timedelta(days=1)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            pass
        else:
            if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
                raise bad_input(Msg.DATE_YEAR, value=text, first=EARLIEST_YEAR, last=LATEST_YEAR)
            return day
    raise bad_input(Msg.DATE, value=text)


def parse_optional_date(text: str | None, today: date) -> date | None:
    return None if text is None or not str(text).strip() else parse_date(text, today)


def week_start(day: date, start_index: int = 0) -> date:
    """The first day of the week holding `day`; start_index 0 is Monday, 6 is Sunday."""
    return day - timedelta(days=(day.weekday() - start_index) % 7)


def iso_week_name(day: date) -> str:
    """The ISO week name used wherever a week needs a name: 2022-W03."""
    return day.strftime("%G-W%V")


#: Control characters other than tab and newline: in a name they would reach the terminal raw.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ISO_WEEK = re.compile(r"^(\d{4})-?w(\d{1,2})$", re.IGNORECASE)


def parse_week_day(text: str | date | None, today: date) -> date:
    """A day in the wanted week: YYYY-MM-DD, today, yesterday, or an ISO week (2026-W41)."""
    if isinstance(text, str) and (match := _ISO_WEEK.match(text.strip())):
        year = int(match[1])
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise bad_input(Msg.DATE_YEAR, value=text, first=EARLIEST_YEAR, last=LATEST_YEAR)
        try:
            return date.fromisocalendar(year, int(match[2]), 1)
        except ValueError:
            raise bad_input(Msg.WEEK, value=text) from None
    try:
        return parse_date(text, today)
    except TrackerError:
        raise bad_input(Msg.WEEK_DAY, value=text) from None


def week_bounds(day: date, start_index: int = 0) -> tuple[str, date, date]:
    """The ISO name, first and last day of the week holding `day`.

    A week that starts on Sunday is named after the ISO week of its Monday, which holds six of
    its seven days.
    """
    start = week_start(day, start_index)
    monday = start + timedelta(days=(-start_index) % 7)
    return iso_week_name(monday), start, start + timedelta(days=6)


@lru_cache(maxsize=4096)
def clean_name(text: str | None, field: str) -> str:
    """A required short name, stripped; empty, over-long or escape-code names are refused.
    Cached: an import names the same few topics and resources on thousands of rows."""
    if _CONTROL.search(text or ""):
        raise bad_input(Msg.CONTROL_CHARACTERS, field=field)
    value = " ".join((text or "").split())
    if not value:
        raise bad_input(Msg.EMPTY, field=field)
    if len(value) > MAX_NAME_CHARS:
        raise bad_input(Msg.TOO_LONG, field=field, size=len(value), limit=MAX_NAME_CHARS)
    return value


def clean_text(text: str | None, field: str, limit: int = MAX_NOTE_CHARS) -> str:
    """Free text (notes, reflections), kept as written but bounded so nothing hangs or bloats."""
    value = (text or "").strip()
    if len(value) > limit:
        raise bad_input(Msg.TOO_LONG, field=field, size=len(value), limit=limit)
    return value


def clean_required_text(text: str | None, field: str, limit: int = MAX_NOTE_CHARS) -> str:
    value = clean_text(text, field, limit)
    if not value:
        raise bad_input(Msg.EMPTY, field=field)
    return value


def choice(value: str | None, field: str, choices: tuple[str, ...], default: str) -> str:
    """One of `choices` (case-insensitive); None gives the default."""
    if value is None or not str(value).strip():
        return default
    lowered = str(value).strip().lower()
    if lowered not in choices:
        raise bad_input(Msg.CHOICE, field=field, value=value, choices=", ".join(choices))
    return lowered


def parse_number(value: str | float | None, field: str, hint: str, minimum: float = 0) -> float | None:
    """A non-negative number, or None when not given."""
    if value is None or str(value).strip() == "":
        return None
    try:
        number = float(str(value).strip().lstrip("$€£"))
    except ValueError:
        raise bad_input(Msg.NUMBER, field=field, value=value, hint=hint) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise bad_input(Msg.NUMBER, field=field, value=value, hint=hint)
    if number < minimum:
        raise bad_input(Msg.NEGATIVE, field=field, value=value)
    return number


def parse_count(value: str | int | None, field: str, limit: int | None = None) -> int | None:
    """A whole number (of units by default: chapters, lessons), or None; more than `limit` is a typo."""
    number = parse_number(value, field, "a whole number of units, like 19")
    if number is None:
        return None
    limit = MAX_UNITS if limit is None else limit
    if number != int(number):
        raise bad_input(Msg.NUMBER, field=field, value=value, hint="a whole number of units, like 19")
    if number > limit:
        raise bad_input(Msg.TOO_MANY, field=field, value=value, limit=f"{limit:,}")
    return int(number)


def parse_path(text: str, field: str = "path") -> str:
    """A file or folder name as typed: not empty, no NUL or other control characters (the
    operating system would refuse them with an error the learner can't act on)."""
    if not text.strip():
        raise bad_input(Msg.EMPTY, field=field)
    if _CONTROL.search(text) or "\x00" in text:
        raise bad_input(Msg.CONTROL_CHARACTERS, field=field)
    return text


#: Units of one resource (chapters, lessons, parts): more is a typo, and would overflow the journal.
MAX_UNITS = 100_000
#: The largest id SQLite can store (a signed 64-bit integer).
MAX_ID = 2**63 - 1
_ID_TEXT = re.compile(r"#?([0-9]+)")


def parse_id(value: str | int, thing: str, hint: str = "") -> int:
    """An id as typed (`12` or `#12`); anything else, or a number no row can have, names what was
    asked for: no such card, item, ..."""
    found = _ID_TEXT.fullmatch(str(value).strip())
    number = int(found.group(1)) if found and len(found.group(1)) <= 19 else 0
    if not 0 < number <= MAX_ID:
        raise bad_input(Msg.NO_SUCH, thing=thing, name=str(value), hint=hint)
    return number


def format_minutes(minutes: int | float) -> str:
    """The way durations are typed, for showing them back: 45m, 1h, 1h30m."""
    minutes = int(round(minutes))
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}m" if rest else f"{hours}h"


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 session', '2 sessions' (or `many` for irregular words)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


class Fields:
    """Checks an entity's fields one by one and collects every error by field, so a validator
    names all bad fields at once (FieldErrors) instead of stopping at the first."""

    __slots__ = ("errors",)

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def check(self, field: str, read: Callable[..., Any], *args: Any) -> Any:
        """`read(*args)`, or None with its error kept under `field`."""
        try:
            return read(*args)
        except FieldErrors as err:
            for name, line in err.errors.items():
                self.errors.setdefault(name, line)
        except TrackerError as err:
            self.errors.setdefault(field, err.line)
        return None

    def fail(self, field: str, err: TrackerError) -> None:
        self.errors.setdefault(field, err.line)

    def done(self) -> None:
        if self.errors:
            raise FieldErrors(self.errors)


def required(read: Callable[..., Any], field: str) -> Callable[..., Any]:
    """`read`, refusing an empty value first (a missing duration or count names its field)."""
    def checked(value: Any, *args: Any) -> Any:
        if value is None or not str(value).strip():
            raise bad_input(Msg.EMPTY, field=field)
        return read(value, *args)

    return checked


def clean_label(text: str | None, field: str, limit: int = MAX_NAME_CHARS) -> str | None:
    """An optional short free text (a project, a provider, a URL): kept as written, escape codes
    too (they are shown harmlessly), with runs of spaces made one; empty is None."""
    return " ".join(clean_text(text, field, limit=limit).split()) or None


def optional_name(text: str | None, field: str) -> str | None:
    """A name that may be left empty (None then)."""
    return clean_name(text, field) if text is not None and str(text).strip() else None


def minutes(value: str | float) -> int:
    """A duration as typed (parse_duration) or a number of minutes already read, checked alike."""
    if isinstance(value, str):
        return parse_duration(value)
    if not math.isfinite(value) or value <= 0:
        raise bad_input(Msg.DURATION_NOT_POSITIVE, value=value)
    if value > MAX_SESSION_MINUTES:
        raise bad_input(Msg.DURATION_TOO_LONG, value=f"{value}m")
    return int(value)


def not_after(day: date, today: date | None, msg: Msg, **fields: object) -> date:
    """`day`, refused when it is after `today` (None: no such check)."""
    if today is not None and day > today:
        raise bad_input(msg, day=day.isoformat(), today=today.isoformat(), **fields)
    return day
