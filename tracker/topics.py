"""Topics: what the learner studies, in a tree (a topic may sit under a parent), with notes.

Every interface and import finds, creates and changes topics through these functions.
"""

from __future__ import annotations

from typing import Any

from tracker import parse
from tracker.errors import Msg, bad_input
from tracker.store import Journal, Row, stamps


def find_topic(journal: Journal, name: str) -> Row | None:
    return journal.row("SELECT * FROM topic WHERE name = :name COLLATE NOCASE", {"name": name})


def ensure_topic(journal: Journal, name: str) -> tuple[int, bool]:
    """The topic's id, creating it when new; the flag says whether it was created."""
    name = parse.clean_name(name, "topic")
    found = find_topic(journal, name)
    if found:
        return found["id"], False
    new_id = journal.insert(
        "INSERT INTO topic (name, notes, created_at, updated_at) "
        "VALUES (:name, '', :created_at, :updated_at) RETURNING id",
        {"name": name, **stamps()},
    )
    return new_id, True


def require_topic(journal: Journal, name: str) -> Row:
    found = find_topic(journal, parse.clean_name(name, "topic"))
    if not found:
        raise bad_input(Msg.NO_SUCH, thing="topic", name=name, hint=" (see `tracker topic list`)")
    return found


def add_topic(journal: Journal, name: str, parent: str | None = None, notes: str | None = None) -> Row:
    with journal.transaction():
        topic_id, _created = ensure_topic(journal, name)
        changes: dict[str, Any] = {}
        if parent:
            changes["parent_id"] = _parent_for(journal, topic_id, parent)
        if notes is not None:
            changes["notes"] = parse.clean_text(notes, "notes")
        journal.update("topic", topic_id, changes)
        return journal.row("SELECT * FROM topic WHERE id = :id", {"id": topic_id})


def update_topic(
    journal: Journal, name: str, new_name: str | None = None, parent: str | None = None,
    notes: str | None = None,
) -> Row:
    with journal.transaction():
        topic = require_topic(journal, name)
        changes: dict[str, Any] = {}
        if new_name:
            changes["name"] = parse.clean_name(new_name, "topic")
        if parent:
            changes["parent_id"] = _parent_for(journal, topic["id"], parent)
        if notes is not None:
            changes["notes"] = parse.clean_text(notes, "notes")
        journal.update("topic", topic["id"], changes)
        return journal.row("SELECT * FROM topic WHERE id = :id", {"id": topic["id"]})


def _parent_for(journal: Journal, topic_id: int, parent: str) -> int:
    """The parent's id; a topic can't sit under itself or under one of its own subtopics."""
    parent_id = ensure_topic(journal, parent)[0]
    ancestor: int | None = parent_id
    while ancestor is not None:
        if ancestor == topic_id:
            raise bad_input(Msg.TOPIC_LOOP, parent=parent)
        ancestor = journal.scalar("SELECT parent_id FROM topic WHERE id = :id", {"id": ancestor})
    return parent_id


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
        ORDER BY t.name COLLATE NOCASE
        """
    )
