"""Importing a journal folder: the rows the readers validated go into an empty journal in one
transaction, names turned into ids; a journal that has anything in it is refused."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.errors import Msg, bad_input
from tracker.plaintext.format import (
    CARD_COLUMNS, CHECKPOINT_EVENT_COLUMNS, CHECKPOINT_RUN_COLUMNS, FSRS_PARAMETER_COLUMNS, MILESTONE_COLUMNS,
    REVIEW_COLUMNS,
    SESSIONS_FILE, STAMP_COLUMNS, TIMER_COLUMNS, counted, nocase,
)
from tracker.plaintext.readers import JournalData, read_journal_files
from tracker.store import Journal


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote; names that were not declared in topics.csv/resources.csv but were
    referenced, and so were created, are listed."""

    counts: dict[str, int]
    topics_created: list[str] = field(default_factory=list)
    resources_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return counted(self.counts)


def import_journal(journal: Journal, directory: Path, shift_days: int = 0) -> ImportResult:
    """Read an exported (or hand-written) journal directory into an empty journal.

    Only sessions.csv is required. Topics and resources named by sessions (and topics named by
    learn-later items, cards or as parents) but not declared are created. `shift_days` moves every date
    and week by that many days (a multiple of 7 keeps weekdays and weeks aligned); the demo uses
    it to bring the sample journal up to this week.
    """
    directory = Path(directory)
    if not (directory / SESSIONS_FILE).is_file():
        raise bad_input(Msg.IMPORT_SOURCE, path=directory)
    _refuse_non_empty(journal)
    data = read_journal_files(directory, shift_days)
    with journal.transaction():
        _refuse_non_empty(journal)
        return _write_journal(journal, data)


#: Count keys and the tables they count.
_ALL_TABLES = (
    ("sessions", "study_session"), ("topics", "topic"), ("resources", "resource"),
    ("progress", "resource_progress"), ("milestones", "milestone"), ("later", "learn_later"),
    ("weeks", "week_note"), ("rest_days", "rest_day"), ("checkpoint_runs", "checkpoint_run"),
    ("checkpoint_events", "checkpoint_event"), ("cards", "card"), ("reviews", "review"), ("goals", "goal"),
    ("timer", "running_timer"), ("fsrs_parameters", "fsrs_parameters"),
)


def _refuse_non_empty(journal: Journal) -> None:
    counts = {key: int(journal.scalar(f"SELECT count(*) FROM {table}")) for key, table in _ALL_TABLES}
    if counts["sessions"]:
        raise bad_input(Msg.IMPORT_NOT_EMPTY, count=f"{counts['sessions']:,}")
    if any(counts.values()):
        raise bad_input(Msg.IMPORT_NOT_EMPTY_OTHER, what=counted(counts, always=None))


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"


def _insert_id(journal: Journal, table: str, values: Mapping[str, Any]) -> int:
    return journal.insert(_insert_sql(table, values) + " RETURNING id", values)


def _insert_many(journal: Journal, table: str, columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> None:
    if rows:
        journal.executemany(_insert_sql(table, columns), [{c: row[c] for c in columns} for row in rows])


def _write_journal(journal: Journal, data: JournalData) -> ImportResult:
    stamp = {"created_at": data.default_stamp, "updated_at": data.default_stamp}
    topic_ids: dict[str, int] = {}
    for topic in data.topics:
        topic_ids[nocase(topic["name"])] = _insert_id(
            journal, "topic", {key: topic[key] for key in ("name", "notes", *STAMP_COLUMNS)}
        )
    topics_created = data.topic_names.undeclared()
    for name in topics_created:
        topic_ids[nocase(name)] = _insert_id(journal, "topic", {"name": name, "notes": "", **stamp})
    parents = [
        {"id": topic_ids[nocase(t["name"])], "parent_id": topic_ids[nocase(t["parent"])]}
        for t in data.topics if t["parent"]
    ]
    if parents:
        journal.executemany("UPDATE topic SET parent_id = :parent_id WHERE id = :id", parents)

    resource_ids: dict[str, int] = {}
    for resource in data.resources:
        resource_ids[nocase(resource["title"])] = _insert_id(journal, "resource", resource)
    resources_created = data.resource_names.undeclared()
    for title in resources_created:  # as plan.ensure_resource does
        resource_ids[nocase(title)] = _insert_id(journal, "resource", {"title": title, "status": "active", **stamp})

    session_columns = ("day", "minutes", "topic_id", "resource_id", "kind", "note", "stuck", *STAMP_COLUMNS)
    _insert_many(journal, "study_session", session_columns, [
        {**s, "topic_id": topic_ids[nocase(s["topic"])],
         "resource_id": resource_ids[nocase(s["resource"])] if s["resource"] else None}
        for s in data.sessions
    ])
    _insert_many(journal, "resource_progress", ("resource_id", "day", "units_done", *STAMP_COLUMNS), [
        {**p, "resource_id": resource_ids[nocase(p["resource"])]} for p in data.progress
    ])
    _insert_many(journal, "milestone", MILESTONE_COLUMNS, data.milestones)
    _insert_many(journal, "learn_later", ("topic_id", "text", "added_on", "done_on", *STAMP_COLUMNS), [
        {**l, "topic_id": topic_ids[nocase(l["topic"])]} for l in data.later
    ])
    _insert_many(journal, "week_note", ("week", "title", "reflection", "next_plan", *STAMP_COLUMNS), data.weeks)
    _insert_many(journal, "rest_day", ("day", *STAMP_COLUMNS), data.rest_days)
    _insert_many(journal, "checkpoint_run", CHECKPOINT_RUN_COLUMNS, data.checkpoint_runs)
    _insert_many(journal, "checkpoint_event", CHECKPOINT_EVENT_COLUMNS, data.checkpoint_events)

    card_columns = ("uid", "topic_id", *(c for c in CARD_COLUMNS if c not in ("uid", "topic")))
    _insert_many(journal, "card", card_columns, [
        {**c, "topic_id": topic_ids[nocase(c["topic"])]} for c in data.cards
    ])
    card_ids = {r["uid"]: r["id"] for r in journal.rows("SELECT id, uid FROM card")} if data.reviews else {}
    review_columns = ("card_id", *REVIEW_COLUMNS[1:])
    _insert_many(journal, "review", review_columns, [
        {**r, "card_id": card_ids[r["card"]]} for r in data.reviews
    ])
    _insert_many(journal, "goal", ("kind", "target", "resource_id", "topic_id", "due", *STAMP_COLUMNS), [
        {**g, "resource_id": resource_ids[nocase(g["resource"])] if g.get("resource") else None,
         "topic_id": topic_ids[nocase(g["topic"])] if g.get("topic") else None}
        for g in data.goals
    ])
    _insert_many(journal, "running_timer", ("id", *TIMER_COLUMNS), [{**t, "id": 1} for t in data.timer])
    _insert_many(journal, "fsrs_parameters", FSRS_PARAMETER_COLUMNS, data.fsrs_parameters)  # in file order

    counts = {
        "sessions": len(data.sessions), "topics": len(topic_ids), "resources": len(resource_ids),
        "progress": len(data.progress), "milestones": len(data.milestones), "later": len(data.later),
        "weeks": len(data.weeks), "rest_days": len(data.rest_days),
        "checkpoint_runs": len(data.checkpoint_runs), "checkpoint_events": len(data.checkpoint_events),
        "cards": len(data.cards), "reviews": len(data.reviews), "goals": len(data.goals),
        "timer": len(data.timer), "fsrs_parameters": len(data.fsrs_parameters),
    }
    return ImportResult(counts, topics_created, resources_created, data.warnings)
