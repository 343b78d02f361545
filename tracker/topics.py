"""Topics: what the learner studies, in a tree (a topic may sit under a parent), with notes.

Every interface and import finds, creates and changes topics through these functions, and they
find a topic by `tracker.names`' rule. Topic names are unique, so topics are never named by id.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterator
from typing import TypeVar

from tracker import names, parse
from tracker.errors import Msg, bad_input
from tracker.store import Journal, Row, stamps

T = TypeVar("T")


def find_topic(journal: Journal, name: str | int, *, exact: bool = False) -> Row | None:
    """The topic `name` names (exact name, then a unique prefix; `exact` for imports), or None."""
    return names.find(journal, names.TOPIC, name, exact=exact)


def ensure_topic(journal: Journal, name: str) -> tuple[int, bool]:
    """The topic's id, creating it when new; the flag says whether it was created. Logs, cards and
    imports name a topic whole: "CNN" is a new topic even when "CNNs" exists."""
    name = parse.clean_name(name, "topic")
    found = find_topic(journal, name, exact=True)
    if found:
        return found["id"], False
    new_id = journal.insert(
        "INSERT INTO topic (name, notes, created_at, updated_at) "
        "VALUES (:name, '', :created_at, :updated_at) RETURNING id",
        {"name": name, **stamps()},
    )
    return new_id, True


def require_topic(journal: Journal, name: str | int) -> Row:
    """The topic a command names (exact name, then a unique prefix); bad input when none."""
    return names.require(journal, names.TOPIC, name)


def topic_values(*, name: str | None = None, parent: str | None = None, notes: str | None = None) -> Row:
    """A topic's fields, checked (FieldErrors by field: name, parent, notes); only those given (not
    None) come back, and an empty parent is None (no parent)."""
    fields = parse.Fields()
    values: Row = {}
    if name is not None:
        values["name"] = fields.check("name", parse.clean_name, name, "topic")
    if parent is not None:
        values["parent"] = fields.check("parent", parse.optional_name, parent, "parent")
    if notes is not None:
        values["notes"] = fields.check("notes", parse.clean_text, notes, "notes")
    fields.done()
    return values


def add_topic(journal: Journal, name: str, parent: str | None = None, notes: str | None = None) -> Row:
    values = topic_values(name=name, parent=parent, notes=notes)
    with journal.transaction():
        topic_id, _created = ensure_topic(journal, values["name"])
        _change(journal, topic_id, values)
        return journal.row("SELECT * FROM topic WHERE id = :id", {"id": topic_id})


def update_topic(
    journal: Journal, name: str, new_name: str | None = None, parent: str | None = None,
    notes: str | None = None,
) -> Row:
    values = topic_values(name=new_name, parent=parent, notes=notes)
    with journal.transaction():
        topic = require_topic(journal, name)
        taken = find_topic(journal, values["name"], exact=True) if "name" in values else None
        if taken and taken["id"] != topic["id"]:
            raise bad_input(Msg.NAME_TAKEN, thing="topic", name=taken["name"], command="topic",
                            args=f"{shlex.quote(topic['name'])} {shlex.quote(taken['name'])}")
        _change(journal, topic["id"], values)
        return journal.row("SELECT * FROM topic WHERE id = :id", {"id": topic["id"]})


def _change(journal: Journal, topic_id: int, values: Row) -> None:
    """Write checked `topic_values`; a parent is set only when one is named."""
    changes = {key: values[key] for key in ("name", "notes") if key in values}
    if values.get("parent"):
        changes["parent_id"] = _parent_for(journal, topic_id, values["parent"])
    journal.update("topic", topic_id, changes)


def _parent_for(journal: Journal, topic_id: int, parent: str) -> int:
    """The parent's id; a topic can't sit under itself or under one of its own subtopics."""
    parent_id = ensure_topic(journal, parent)[0]
    if topic_id in walk_up(lambda i: journal.scalar("SELECT parent_id FROM topic WHERE id = :id", {"id": i}),
                           parent_id):
        raise bad_input(Msg.TOPIC_LOOP, parent=parent)
    return parent_id


def walk_up(parent_of: Callable[[T], T | None], start: T | None) -> Iterator[T]:
    """`start` and each parent above it, to the top; the walk stops at a topic seen before, so a
    loop already in a journal (or in a file being imported) can't make it spin."""
    seen: set[T] = set()
    node = start
    while node is not None and node not in seen:
        seen.add(node)
        yield node
        node = parent_of(node)


def list_topics(journal: Journal) -> list[Row]:
    """Topics with their parent, total minutes, last studied day and open learn-later count."""
    return journal.rows(
        """
        SELECT t.id, t.name, p.name AS parent, t.notes,
               COALESCE(s.minutes, 0) AS minutes, s.last_day,
               (SELECT count(*) FROM learn_later l WHERE l.topic_id = t.id AND l.done_on IS NULL)
                   AS open_later
        FROM topic t
        LEFT JOIN topic p ON p.id = t.parent_id
        LEFT JOIN (SELECT topic_id, sum(minutes) AS minutes, max(day) AS last_day
                   FROM study_session GROUP BY topic_id) s ON s.topic_id = t.id
        ORDER BY lower(t.name)
        """
    )
