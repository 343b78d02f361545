"""Daily study: sessions, learn-later items, week notes and rest days (topics: tracker.topics).

Every function takes an open `Journal`; writes happen in one transaction, so a failure leaves the
journal as it was. Input is validated here (through tracker.parse) so the CLI and the UI agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker import clock, parse, plan
from tracker.errors import Msg, bad_input
from tracker.store import Journal, Row, day_range, stamps, where
from tracker.topics import ensure_topic, require_topic

SESSION_COLUMNS = """
    s.id, s.day, s.minutes, t.name AS topic, r.title AS resource, s.kind, s.note, s.stuck,
    s.topic_id, s.resource_id, s.created_at, s.updated_at
"""
SESSION_FROM = """
    FROM study_session s
    JOIN topic t ON t.id = s.topic_id
    LEFT JOIN resource r ON r.id = s.resource_id
"""


# -- sessions -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class LoggedSession:
    """What `log_session` did, so the reply can say which names were new."""

    session: Row
    topic_created: bool
    resource_created: bool


def session_values(
    *, minutes: str | int, topic: str, day: str | date | None, note: str | None = None,
    resource: str | None = None, kind: str | None = None, stuck: bool = False, today: date | None = None,
) -> Row:
    """A session's values, checked: the one rule for `tracker log`, the UI's forms and both imports,
    so the same value gets the same answer everywhere. Takes what was typed (a duration such as
    "1h30m", a date such as "yesterday") or values already read; every bad field is named at once
    (FieldErrors by form field: duration, topic, resource, kind, note, date). Topic and resource come
    back as cleaned names (None: no resource); finding or creating them is the caller's step.

    Given `today`, a session dated after it is refused (study can't be logged ahead); the folder
    import, which restores what a journal held, passes none.
    """
    fields = parse.Fields()
    values = {
        "minutes": fields.check("duration", _DURATION, minutes),
        "topic": fields.check("topic", parse.clean_name, topic, "topic"),
        "resource": fields.check("resource", parse.optional_name, resource, "resource"),
        "kind": fields.check("kind", parse.choice, kind, "kind", parse.ACTIVITY_KINDS, "other"),
        "note": fields.check("note", parse.clean_text, note, "note"),
        "day": fields.check("date", _session_day, day, today),
        "stuck": int(bool(stuck)),
    }
    fields.done()
    return values


_DURATION = parse.required(parse.minutes, "duration")


def _session_day(day: str | date | None, today: date | None) -> str:
    found = parse.parse_date(day, today or clock.today())
    return parse.not_after(found, today, Msg.FUTURE_SESSION).isoformat()


_INSERT_SESSION = (
    "INSERT INTO study_session (day, minutes, topic_id, resource_id, kind, note, stuck, created_at, "
    "updated_at) VALUES (:day, :minutes, :topic_id, :resource_id, :kind, :note, :stuck, :created_at, "
    ":updated_at)"
)
_SESSION_FIELDS = ("day", "minutes", "topic_id", "resource_id", "kind", "note", "stuck")


def log_session(
    journal: Journal, *, minutes: int, topic: str, day: date, note: str | None = None,
    resource: str | None = None, kind: str | None = None, stuck: bool = False, today: date | None = None,
) -> LoggedSession:
    """Record one study session (checked by `session_values`); a topic or resource named for the
    first time is created."""
    values = session_values(minutes=minutes, topic=topic, day=day, note=note, resource=resource, kind=kind,
                            stuck=stuck, today=today)
    with journal.transaction():
        values["topic_id"], topic_created = ensure_topic(journal, values["topic"])
        resource_created = False
        values["resource_id"] = None
        if values["resource"]:
            values["resource_id"], resource_created = plan.ensure_resource(journal, values["resource"])
        row = {field: values[field] for field in _SESSION_FIELDS}
        new_id = journal.insert(_INSERT_SESSION + " RETURNING id", {**row, **stamps()})
        return LoggedSession(get_session(journal, new_id), topic_created, resource_created)


def add_sessions(journal: Journal, sessions: list[Row]) -> None:
    """Insert many sessions in one statement: values from `session_values`, with the `topic_id` and
    `resource_id` the caller found or created (the schedule import, which resolves each name once)."""
    if not sessions:
        return
    stamp = stamps()
    with journal.transaction():
        journal.executemany(_INSERT_SESSION, [
            {**{field: values[field] for field in _SESSION_FIELDS}, **stamp} for values in sessions
        ])


def get_session(journal: Journal, session_id: int) -> Row:
    found = journal.row(f"SELECT {SESSION_COLUMNS} {SESSION_FROM} WHERE s.id = :id", {"id": session_id})
    if not found:
        raise bad_input(Msg.NO_SUCH, thing="session", name=session_id, hint="")
    found["stuck"] = bool(found["stuck"])
    return found


def list_sessions(
    journal: Journal, start: date | None = None, end: date | None = None, topic: str | None = None,
) -> list[Row]:
    """Sessions between two days (inclusive), oldest first, optionally for one topic."""
    conditions, params = day_range("s.day", start, end)
    if topic:
        conditions.append("t.id = :topic_id")
        params["topic_id"] = require_topic(journal, topic)["id"]
    rows = journal.rows(f"SELECT {SESSION_COLUMNS} {SESSION_FROM} {where(conditions)} ORDER BY s.day, s.id", params)
    for row in rows:
        row["stuck"] = bool(row["stuck"])
    return rows


def update_session(
    journal: Journal, session_id: int, *, minutes: int | None = None, topic: str | None = None,
    day: date | None = None, note: str | None = None, resource: str | None = None,
    kind: str | None = None, stuck: bool | None = None, today: date | None = None,
) -> Row:
    """Change the given fields of a session; an empty resource name clears the resource. The
    session as changed is checked by `session_values`, as a new one is (a day after `today` too)."""
    with journal.transaction():
        current = get_session(journal, session_id)
        if resource is not None and not resource.strip():
            resource_name = None
        else:
            resource_name = current["resource"] if resource is None else resource
        values = session_values(
            minutes=current["minutes"] if minutes is None else minutes,
            topic=current["topic"] if topic is None else topic,
            day=date.fromisoformat(current["day"]) if day is None else day,
            note=current["note"] if note is None else note,
            resource=resource_name,
            kind=current["kind"] if kind is None else kind,
            stuck=bool(current["stuck"]) if stuck is None else stuck,
            today=today,
        )
        changes: dict[str, Any] = {key: values[key] for key in ("day", "minutes", "kind", "note", "stuck")}
        if topic is not None:
            changes["topic_id"] = ensure_topic(journal, values["topic"])[0]
        if resource is not None:
            changes["resource_id"] = plan.ensure_resource(journal, values["resource"])[0] if values["resource"] else None
        journal.update("study_session", session_id, changes)
        return get_session(journal, session_id)


def delete_session(journal: Journal, session_id: int) -> Row:
    """Delete a session and return its full row, which `restore_session` puts back (undo)."""
    with journal.transaction():
        row = journal.row("SELECT * FROM study_session WHERE id = :id", {"id": session_id})
        if not row:
            raise bad_input(Msg.NO_SUCH, thing="session", name=session_id, hint="")
        journal.execute("DELETE FROM study_session WHERE id = :id", {"id": session_id})
        return row


def restore_session(journal: Journal, row: Row) -> Row:
    """Undo a delete: the same row, with its id and timestamps."""
    with journal.transaction():
        columns = ", ".join(row)
        journal.execute(
            f"INSERT INTO study_session ({columns}) VALUES ({', '.join(':' + c for c in row)})", row
        )
        return get_session(journal, row["id"])


# -- learn later --------------------------------------------------------------------------------
def later_values(*, text: str | None, topic: str | None = None) -> Row:
    """A learn-later item, checked (FieldErrors by field: topic, text); a topic left as None is not
    asked for (the UI's form adds to the topic on screen)."""
    fields = parse.Fields()
    values = {
        "topic": None if topic is None else fields.check("topic", parse.clean_name, topic, "topic"),
        "text": fields.check("text", parse.clean_required_text, text, "text"),
    }
    fields.done()
    return values


def add_later(journal: Journal, topic: str, text: str, day: date) -> Row:
    values = later_values(topic=topic, text=text)
    with journal.transaction():
        topic_id, _ = ensure_topic(journal, values["topic"])
        new_id = journal.insert(
            "INSERT INTO learn_later (topic_id, text, added_on, created_at, updated_at) "
            "VALUES (:topic_id, :text, :added_on, :created_at, :updated_at) RETURNING id",
            {"topic_id": topic_id, "text": values["text"], "added_on": day.isoformat(), **stamps()},
        )
        return _later(journal, new_id)


def _later(journal: Journal, later_id: int | str) -> Row:
    hint = " (see `tracker later list`)"
    found = journal.row(
        "SELECT l.id, t.name AS topic, l.text, l.added_on, l.done_on FROM learn_later l "
        "JOIN topic t ON t.id = l.topic_id WHERE l.id = :id",
        {"id": parse.parse_id(later_id, "learn-later item", hint)},
    )
    if not found:
        raise bad_input(Msg.NO_SUCH, thing="learn-later item", name=later_id, hint=hint)
    return found


def list_later(journal: Journal, topic: str | None = None, include_done: bool = False) -> list[Row]:
    conditions, params = [], {}
    if not include_done:
        conditions.append("l.done_on IS NULL")
    if topic:
        conditions.append("l.topic_id = :topic_id")
        params["topic_id"] = require_topic(journal, topic)["id"]
    clause = where(conditions)
    return journal.rows(
        "SELECT l.id, t.name AS topic, l.text, l.added_on, l.done_on FROM learn_later l "
        f"JOIN topic t ON t.id = l.topic_id {clause} ORDER BY lower(t.name), l.id",
        params,
    )


def finish_later(journal: Journal, later_id: int, day: date) -> Row:
    with journal.transaction():
        _later(journal, later_id)
        journal.update("learn_later", later_id, {"done_on": day.isoformat()})
        return _later(journal, later_id)


# -- week notes ---------------------------------------------------------------------------------
def get_week_note(journal: Journal, week: str) -> Row | None:
    return journal.row("SELECT week, title, reflection, next_plan FROM week_note WHERE week = :week", {"week": week})


#: A week note's fields -> (the name errors use, the length limit).
WEEK_NOTE_FIELDS = {
    "title": ("title", parse.MAX_NAME_CHARS),
    "reflection": ("reflection", parse.MAX_NOTE_CHARS),
    "next_plan": ("next plan", parse.MAX_NOTE_CHARS),
}


def week_note_values(**given: str | None) -> Row:
    """A week note's fields, checked (FieldErrors by field: title, reflection, next_plan); only
    those given (not None) come back, so an update leaves the rest."""
    fields = parse.Fields()
    values = {
        field: fields.check(field, parse.clean_text, value, *WEEK_NOTE_FIELDS[field])
        for field, value in given.items() if value is not None
    }
    fields.done()
    return values


def set_week_note(
    journal: Journal, week: str, *, title: str | None = None, reflection: str | None = None,
    next_plan: str | None = None,
) -> Row:
    """Create or change the week's reflection; fields left as None keep their value."""
    changes = week_note_values(title=title, reflection=reflection, next_plan=next_plan)
    with journal.transaction():
        if get_week_note(journal, week) is None:
            journal.execute(
                "INSERT INTO week_note (week, created_at, updated_at) VALUES (:week, :created_at, :updated_at)",
                {"week": week, **stamps()},
            )
        journal.update("week_note", week, changes, key="week")
        return get_week_note(journal, week)  # type: ignore[return-value]


def list_week_notes(journal: Journal) -> list[Row]:
    return journal.rows("SELECT week, title, reflection, next_plan FROM week_note ORDER BY week")


# -- rest days ----------------------------------------------------------------------------------
def rest_day_value(day: str | date | None, today: date | None = None) -> str:
    """A rest day, checked (FieldErrors under "date"); a day ahead may be planned as rest."""
    fields = parse.Fields()
    value = fields.check("date", parse.parse_date, day, today or clock.today())
    fields.done()
    return value.isoformat()


def declare_rest_day(journal: Journal, day: str | date, today: date | None = None) -> None:
    with journal.transaction():
        journal.execute(
            "INSERT INTO rest_day (day, created_at, updated_at) VALUES (:day, :created_at, :updated_at) "
            "ON CONFLICT DO NOTHING",  # (no conflict target: on a shared server the key is the learner's and the day)
            {"day": rest_day_value(day, today), **stamps()},
        )


def list_rest_days(journal: Journal) -> list[str]:
    return [row["day"] for row in journal.rows("SELECT day FROM rest_day ORDER BY day")]
