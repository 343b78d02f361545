"""Every user-facing error text lives here, so wording stays consistent and is easy to review.

A `TrackerError` carries one line for the user and an exit code: 2 for bad input (nothing was
written), 1 for anything else that went wrong.
"""

from __future__ import annotations

from enum import Enum

BAD_INPUT = 2
FAILURE = 1


class Msg(str, Enum):
    """Message templates; fill them with `Msg.X.format(...)` through `bad_input`/`failure`."""

    DURATION = "can't read duration {value!r}: use 45m, 1h30m, 1.5h or 90 (minutes)"
    DURATION_NOT_POSITIVE = "duration {value!r} must be more than zero minutes"
    DURATION_TOO_LONG = "duration {value!r} is longer than a day (24h): split it or check the units"
    DATE = "can't read date {value!r}: use YYYY-MM-DD, today or yesterday"
    EMPTY = "{field} is empty: give a {field}"
    TOO_LONG = "{field} is {size:,} characters; the limit is {limit:,}: shorten it or keep the long text in a file"
    CHOICE = "{field} {value!r} is not one of: {choices}"
    NUMBER = "{field} {value!r} is not a number ({hint})"
    NOT_A_JOURNAL = "{path} is not a tracker journal (left untouched): choose another file with --db"
    NEWER_JOURNAL = "{path} was written by a newer tracker (schema {found}, this one knows {known}): upgrade tracker"
    UNWRITABLE = "can't write to {path}: {reason}"
    NO_SUCH = "no {thing} {name!r}{hint}"
    AMBIGUOUS = "{thing} {name!r} matches several: {matches}; use more of the name or the id"
    UNITS = "progress {done} is more than the {total} units of {title!r}"
    DATE_RANGE = "--from {start} is after --to {end}"
    OPTIONS_CLASH = "{first} and {second} can't be used together"
    CSV_ROW = "{path}, line {line}: {problem}"
    CSV_HEADER = "{path}: missing column(s) {columns}; the columns are {expected}"
    CSV_UNREADABLE = "{path}: {problem}"
    IMPORT_NOT_EMPTY = "the journal already has {count} sessions: import a journal directory into an empty journal (use --db NEW.db)"
    IMPORT_SOURCE = "{path} is neither a journal directory (with sessions.csv) nor a .csv file"
    EXPORT_TARGET = "{path} exists and is not empty: export into a new or empty directory"
    URL = "can't open journal {url!r}: {reason}"


class TrackerError(Exception):
    """An error the user can act on; `line` is shown alone, without a traceback."""

    def __init__(self, line: str, exit_code: int = BAD_INPUT) -> None:
        super().__init__(line)
        self.line = line
        self.exit_code = exit_code


def bad_input(msg: Msg, **fields: object) -> TrackerError:
    """Input the user can fix; exit code 2 and nothing written."""
    return TrackerError(msg.value.format(**fields), BAD_INPUT)


def failure(msg: Msg, **fields: object) -> TrackerError:
    """Something outside the input went wrong (disk, permissions); exit code 1."""
    return TrackerError(msg.value.format(**fields), FAILURE)
