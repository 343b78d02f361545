"""Importing a study schedule from a spreadsheet: one planned or done session a row, logged with
the same rules as `tracker log`, all or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tracker import parse, study
from tracker.csvtable import read_table
from tracker.errors import Msg
from tracker.plaintext.cells import optional_name, plain_text, row_errors
from tracker.store import Journal

SCHEDULE_COLUMNS = ("date", "minutes", "topic", "resource", "note")
SCHEDULE_REQUIRED = ("date", "minutes", "topic")


@dataclass(frozen=True)
class ScheduleImport:
    """What a schedule import added."""

    added: int
    topics_created: list[str] = field(default_factory=list)
    resources_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def import_schedule_csv(journal: Journal, path: Path, today: date) -> ScheduleImport:
    """Add the sessions of a spreadsheet (date, minutes, topic, resource, note), all or none.

    Every row is validated before anything is written; sessions are logged with the same rules
    as `tracker log`. Unknown columns are ignored with one warning.
    """
    path = Path(path)
    table = read_table(path, SCHEDULE_COLUMNS, SCHEDULE_REQUIRED, spreadsheet=True)
    entries = []
    for line, row in table.rows:
        with row_errors(path, line):
            entries.append((line, {
                "day": parse.parse_date(row.get("date") or "", today),
                "minutes": parse.parse_duration(row.get("minutes") or ""),
                "topic": parse.clean_name(row.get("topic"), "topic"),
                "resource": optional_name(row.get("resource"), "resource"),
                "note": plain_text(row.get("note"), "note"),
            }))
    topics_created: list[str] = []
    resources_created: list[str] = []
    added = skipped = 0
    with journal.transaction():
        for line, entry in entries:
            if _already_logged(journal, entry):
                skipped += 1
                continue
            with row_errors(path, line):
                logged = study.log_session(journal, **entry)
            added += 1
            if logged.topic_created:
                topics_created.append(logged.session["topic"])
            if logged.resource_created:
                resources_created.append(logged.session["resource"])
    warnings = table.warning()
    if skipped:
        warnings.append(Msg.SCHEDULE_SKIPPED.value.format(path=path, count=skipped))
    return ScheduleImport(added, topics_created, resources_created, warnings)


def _already_logged(journal: Journal, entry: dict) -> bool:
    """A schedule row that matches a logged session (day, minutes, topic, note): importing the same
    spreadsheet again, with new rows added, must not double the old ones."""
    return bool(journal.scalar(
        "SELECT count(*) FROM study_session s JOIN topic t ON t.id = s.topic_id WHERE s.day = :day "
        "AND s.minutes = :minutes AND t.name = :topic COLLATE NOCASE AND s.note = :note",
        {"day": entry["day"].isoformat(), "minutes": entry["minutes"], "topic": entry["topic"],
         "note": entry["note"] or ""},
    ))
