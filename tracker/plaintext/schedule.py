"""Importing a study schedule from a spreadsheet: one study session a row, checked by the same
rule as `tracker log`, all or none.

Importing the same spreadsheet again, with rows added, must not double the old ones, yet two
rows that look alike are two sessions. So rows are counted, not looked up: for each key (the
date, minutes and topic, and the resource and note when the file has those columns), the import
adds the rows the file has beyond the sessions the journal already holds with that key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path

from tracker import plan, study, topics
from tracker.csvtable import read_table
from tracker.errors import Msg, TrackerError
from tracker.plaintext.cells import row_errors
from tracker.plaintext.format import unix
from tracker.store import Journal, Row

SCHEDULE_COLUMNS = ("date", "minutes", "topic", "resource", "note")
SCHEDULE_REQUIRED = ("date", "minutes", "topic")
#: The key's columns: the file's columns, as the journal stores them.
_KEY_SQL = {"date": "s.day", "minutes": "s.minutes", "topic": "s.topic_id", "resource": "s.resource_id",
            "note": "COALESCE(s.note, '')"}
_KEY_VALUE = {"date": "day", "minutes": "minutes", "topic": "topic_id", "resource": "resource_id", "note": "note"}


@dataclass(frozen=True)
class ScheduleImport:
    """What a schedule import added."""

    added: int
    topics_created: list[str] = field(default_factory=list)
    resources_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def import_schedule_csv(journal: Journal, path: Path, today: date) -> ScheduleImport:
    """Add the sessions of a spreadsheet (date, minutes, topic, resource, note), all or none.

    Every row is checked (`study.session_values`, as `tracker log` does) before anything is
    written; then, in one transaction, each distinct name is found or created once, the journal's
    matching sessions are counted in one query, and the new rows go in with one executemany.
    Unknown columns are ignored with one warning.
    """
    path = Path(path)
    table = read_table(path, SCHEDULE_COLUMNS, SCHEDULE_REQUIRED, spreadsheet=True)
    entries = _checked_rows(path, table.rows, today)
    warnings = table.warning()
    if not entries:
        return ScheduleImport(0, [], [], warnings)
    key_columns = [column for column in SCHEDULE_COLUMNS if column in table.rows[0][1]]
    with journal.transaction():
        topics_created = _resolve(journal, path, entries, "topic", topics.ensure_topic)
        resources_created = _resolve(journal, path, entries, "resource", plan.ensure_resource)
        logged = _logged_counts(journal, key_columns, entries)
        key_of = itemgetter(*(_KEY_VALUE[column] for column in key_columns))
        seen: Counter[tuple] = Counter()
        new_sessions = []
        for _line, values in entries:
            key = key_of(values)
            seen[key] += 1
            if seen[key] > logged.get(key, 0):
                new_sessions.append(values)
        study.add_sessions(journal, new_sessions)
    skipped = len(entries) - len(new_sessions)
    if skipped:
        columns = ", ".join(key_columns[:-1]) + " and " + key_columns[-1]
        warnings.append(Msg.SCHEDULE_SKIPPED.value.format(path=path, count=skipped, columns=columns))
    return ScheduleImport(len(new_sessions), topics_created, resources_created, warnings)


def _checked_rows(path: Path, rows: list[tuple[int, dict[str, str]]], today: date) -> list[tuple[int, Row]]:
    """Each row's session values (`study.session_values`), or the first bad row's problem with its
    line. A spreadsheet repeats its dates and durations, so each distinct cell is parsed once."""
    days: dict[str, date] = {}
    durations: dict[str, int] = {}

    def checked(row: dict[str, str]) -> Row:
        day_text, minutes_text = row.get("date") or "", row.get("minutes") or ""
        resource = row.get("resource") or ""
        values = study.session_values(
            day=days.get(day_text, day_text), minutes=durations.get(minutes_text, minutes_text),
            topic=row.get("topic") or "", resource=resource if resource.strip() else None,
            note=unix(row.get("note") or ""), today=today,
        )
        days[day_text], durations[minutes_text] = date.fromisoformat(values["day"]), values["minutes"]
        return values

    entries = []
    for line, row in rows:
        try:
            entries.append((line, checked(row)))
        except TrackerError:
            with row_errors(path, line):  # named here, not around every row: 100,000 rows add up
                raise
    return entries


def _resolve(
    journal: Journal, path: Path, entries: list[tuple[int, Row]], column: str,
    ensure: Callable[[Journal, str], tuple[int, bool]],
) -> list[str]:
    """Set each row's `<column>_id` to the topic or resource it names, found or created as
    `tracker log` does (`ensure_topic`, `ensure_resource`: the whole name, ignoring case). Each
    distinct spelling is looked up once; the names created are returned in the order of first use."""
    ids: dict[str, int] = {}
    created: list[str] = []
    for line, values in entries:
        name = values[column]
        if name is not None and name not in ids:
            with row_errors(path, line):
                ids[name], new = ensure(journal, name)
            if new:
                created.append(name)
        values[f"{column}_id"] = None if name is None else ids[name]
    return created


def _logged_counts(journal: Journal, key_columns: list[str], entries: list[tuple[int, Row]]) -> dict[tuple, int]:
    """How many sessions the journal holds for each key, in the file's span of days: one query."""
    keys = ", ".join(f"{_KEY_SQL[column]} AS key_{index}" for index, column in enumerate(key_columns))
    grouped = ", ".join(f"key_{index}" for index in range(len(key_columns)))
    days = [values["day"] for _line, values in entries]
    found = journal.rows(
        f"SELECT {keys}, count(*) AS sessions FROM study_session s WHERE s.day BETWEEN :first AND :last "
        f"GROUP BY {grouped}",
        {"first": min(days), "last": max(days)},
    )
    return {
        tuple(_stored(row[f"key_{index}"]) for index in range(len(key_columns))): row["sessions"]
        for row in found
    }


def _stored(value: object) -> object:
    """A key value as the rows have it: a server returns days as dates, SQLite as ISO text."""
    return value.isoformat() if isinstance(value, date) else value
