"""Merging and deleting topics and resources, so a typo ("handson") can be folded into the right
name and removed, and putting either back (the UI's undo).

A merge moves everything that points at FROM onto INTO (sessions, learn-later items, cards,
subtopics, goals and the notes with their checkpoint runs; sessions, progress and goals for a
resource), then deletes FROM, in one transaction. A delete is refused while anything points at the
row, a goal too (`tracker goal remove` it first: a goal is never dropped silently). Both
return a `Snapshot` of every row they changed, which `restore` writes back, also in one transaction.

It sits above cards, checkpoints and study because it moves their rows.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field

from tracker import names
from tracker.errors import Msg, bad_input
from tracker.store import Journal, Row
from tracker.plan import find_resource
from tracker.topics import require_topic

#: What points at a topic or a resource: (table, column, what one row is called, plural).
TOPIC_REFERENCES = (
    ("study_session", "topic_id", "session", "sessions"),
    ("learn_later", "topic_id", "learn-later item", "learn-later items"),
    ("card", "topic_id", "card", "cards"),
    ("topic", "parent_id", "subtopic", "subtopics"),
    ("goal", "topic_id", "goal", "goals"),
)
RESOURCE_REFERENCES = (
    ("study_session", "resource_id", "session", "sessions"),
    ("resource_progress", "resource_id", "progress record", "progress records"),
    ("goal", "resource_id", "goal", "goals"),
)
#: A resource's details that INTO takes from FROM when it has none of its own.
RESOURCE_DETAILS = ("url", "provider", "planned_hours", "fte_points", "cost", "units_total")


@dataclass
class Snapshot:
    """The rows as they were before a merge or delete: enough to put everything back."""

    kind: names.Kind
    #: The row that was deleted (FROM).
    deleted: Row
    #: Rows that were changed, by table, as they were before.
    changed: dict[str, list[Row]] = field(default_factory=dict)
    #: What was done, in a few words ("moved 3 sessions, 1 card").
    summary: str = ""
    #: The row merged into (None for a delete).
    into: Row | None = None


def _counted(counts: list[tuple[int, str, str]]) -> str:
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n)


def _rows(journal: Journal, table: str, column: str, value: object) -> list[Row]:
    return journal.rows(f"SELECT * FROM {table} WHERE {column} = :v ORDER BY id", {"v": value})


def _notes_runs(journal: Journal, topic: Row) -> list[Row]:
    """Runs of the checkpoint blocks in a topic's notes (named "topic NAME#label")."""
    prefix = f"topic {topic['name']}#"
    return journal.rows("SELECT * FROM checkpoint_run WHERE substr(checkpoint, 1, :n) = :p ORDER BY id",
                        {"n": len(prefix), "p": prefix})


# -- topics ---------------------------------------------------------------------------------------
def merge_topics(journal: Journal, source: str | int, target: str | int) -> Snapshot:
    """Fold topic `source` into `target` and delete it. Merging a topic into one of its own
    subtopics lifts that subtopic to the merged topic's place first, so no parent loop appears."""
    with journal.transaction():
        old, new = require_topic(journal, source), require_topic(journal, target)
        if old["id"] == new["id"]:
            raise bad_input(Msg.MERGE_SAME, name=old["name"], thing="topic")
        snapshot = Snapshot(names.TOPIC, old, into=new)
        changed = snapshot.changed
        changed["topic"] = [new] + [row for row in _rows(journal, "topic", "parent_id", old["id"]) if row["id"] != new["id"]]
        counts = []
        for table, column, one, many in TOPIC_REFERENCES:
            rows = _rows(journal, table, column, old["id"])
            if table != "topic":
                changed[table] = rows
            counts.append((len(rows), one, many))
        topic_changes: dict[str, object] = {}
        if _under(journal, new["id"], old["id"]):
            topic_changes["parent_id"] = old["parent_id"]
        runs = _notes_runs(journal, old)
        if old["notes"].strip():
            merged = f"{new['notes'].rstrip()}\n\n{old['notes'].strip()}\n" if new["notes"].strip() else old["notes"]
            topic_changes["notes"] = merged
            renamed = _renamed_blocks(new, old, merged)
            changed["checkpoint_run"] = runs
            for run in runs:
                if run["checkpoint"] in renamed:
                    journal.update("checkpoint_run", run["id"], {"checkpoint": renamed[run["checkpoint"]]})
            counts.append((1, "note", "notes"))
        journal.update("topic", new["id"], topic_changes)
        for table, column, _one, _many in TOPIC_REFERENCES:
            journal.execute(f"UPDATE {table} SET {column} = :new WHERE {column} = :old",
                            {"new": new["id"], "old": old["id"]})
        journal.execute("DELETE FROM topic WHERE id = :id", {"id": old["id"]})
        snapshot.summary = "moved " + _counted(counts) if any(n for n, _o, _m in counts) else "nothing to move"
        return snapshot


def _under(journal: Journal, topic_id: int, ancestor_id: int) -> bool:
    """Whether `topic_id` sits somewhere below `ancestor_id`."""
    seen: set[int] = set()
    parent = journal.scalar("SELECT parent_id FROM topic WHERE id = :id", {"id": topic_id})
    while parent is not None and parent not in seen:
        if parent == ancestor_id:
            return True
        seen.add(parent)
        parent = journal.scalar("SELECT parent_id FROM topic WHERE id = :id", {"id": parent})
    return False


def _renamed_blocks(new: Row, old: Row, merged: str) -> dict[str, str]:
    """Old checkpoint names of `old`'s note blocks -> their names in the merged notes of `new`
    (numbered blocks are renumbered after `new`'s own)."""
    from tracker.checkpoints.markdown_blocks import extract_blocks  # markdown-it: only when notes move

    before = extract_blocks(old["notes"], f"topic {old['name']}")
    after = extract_blocks(merged, f"topic {new['name']}")[-len(before):] if before else []
    return {a.name: b.name for a, b in zip(before, after)}


def delete_topic(journal: Journal, name: str | int) -> Snapshot:
    """Delete a topic nothing points at; otherwise refused, naming what points at it."""
    with journal.transaction():
        topic = require_topic(journal, name)
        counts = [(journal.scalar(f"SELECT count(*) FROM {table} WHERE {column} = :id", {"id": topic["id"]}), one, many)
                  for table, column, one, many in TOPIC_REFERENCES]
        counts.append((1 if topic["notes"].strip() else 0, "note", "notes"))
        counts.append((len(_notes_runs(journal, topic)), "checkpoint run", "checkpoint runs"))
        _refuse_in_use(names.TOPIC, topic["name"], "topic", counts)
        journal.execute("DELETE FROM topic WHERE id = :id", {"id": topic["id"]})
        return Snapshot(names.TOPIC, topic, summary="deleted")


# -- resources ------------------------------------------------------------------------------------
def merge_resources(journal: Journal, source: str | int, target: str | int) -> Snapshot:
    """Fold resource `source` into `target` and delete it: its sessions and progress move, and
    `target` takes any detail it lacks (url, provider, plan, cost, units) from `source`."""
    with journal.transaction():
        old, new = find_resource(journal, source), find_resource(journal, target)
        old = journal.row("SELECT * FROM resource WHERE id = :id", {"id": old["id"]})
        new = journal.row("SELECT * FROM resource WHERE id = :id", {"id": new["id"]})
        if old["id"] == new["id"]:
            raise bad_input(Msg.MERGE_SAME, name=old["title"], thing="resource")
        snapshot = Snapshot(names.RESOURCE, old, changed={"resource": [new]}, into=new)
        counts = []
        for table, column, one, many in RESOURCE_REFERENCES:
            rows = _rows(journal, table, column, old["id"])
            snapshot.changed[table] = rows
            counts.append((len(rows), one, many))
            journal.execute(f"UPDATE {table} SET {column} = :new WHERE {column} = :old",
                            {"new": new["id"], "old": old["id"]})
        changes = {column: old[column] for column in RESOURCE_DETAILS if new[column] is None and old[column] is not None}
        if "planned_hours" in changes and new["fte_points"] is not None or "fte_points" in changes and new["planned_hours"] is not None:
            changes.pop("planned_hours", None)
            changes.pop("fte_points", None)
        total = changes.get("units_total", new["units_total"])
        done = max(new["units_done"], old["units_done"])
        if total is None or done <= total:
            changes["units_done"] = done
        journal.update("resource", new["id"], changes)
        journal.execute("DELETE FROM resource WHERE id = :id", {"id": old["id"]})
        snapshot.summary = "moved " + _counted(counts) if any(n for n, _o, _m in counts) else "nothing to move"
        return snapshot


def delete_resource(journal: Journal, name: str | int) -> Snapshot:
    """Delete a resource nothing points at; otherwise refused, naming what points at it."""
    with journal.transaction():
        found = find_resource(journal, name)
        resource = journal.row("SELECT * FROM resource WHERE id = :id", {"id": found["id"]})
        counts = [(journal.scalar(f"SELECT count(*) FROM {table} WHERE {column} = :id", {"id": resource["id"]}), one, many)
                  for table, column, one, many in RESOURCE_REFERENCES]
        _refuse_in_use(names.RESOURCE, resource["title"], "resource", counts)
        journal.execute("DELETE FROM resource WHERE id = :id", {"id": resource["id"]})
        return Snapshot(names.RESOURCE, resource, summary="deleted")


def _refuse_in_use(kind: names.Kind, name: str, command: str, counts: list[tuple[int, str, str]]) -> None:
    if any(n for n, _one, _many in counts):
        raise bad_input(Msg.IN_USE, thing=kind.thing, name=name, what=_counted(counts), command=command,
                        args=shlex.quote(name))


# -- undo -----------------------------------------------------------------------------------------
def restore(journal: Journal, snapshot: Snapshot) -> Row:
    """Undo a merge or a delete: the deleted row comes back with its id, and every changed row
    is written back as it was. Returns the restored row."""
    kind, row = snapshot.kind, snapshot.deleted
    with journal.transaction():
        if names.find(journal, kind, row[kind.column], exact=True):
            raise bad_input(Msg.UNDO_CLASH, thing=kind.thing, name=row[kind.column])
        columns = list(row)
        journal.execute(f"INSERT INTO {kind.table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})",
                        row)
        for table, rows in snapshot.changed.items():
            for before in rows:
                values = {column: value for column, value in before.items() if column != "id"}
                assignments = ", ".join(f"{column} = :{column}" for column in values)
                journal.execute(f"UPDATE {table} SET {assignments} WHERE id = :_id", {**values, "_id": before["id"]})
        return journal.row(f"SELECT * FROM {kind.table} WHERE id = :id", {"id": row["id"]})


def describe(snapshot: Snapshot) -> str:
    """One line for the learner: "Merged 'handson' into 'Hands-On ML': moved 3 sessions."""
    kind = snapshot.kind
    name = snapshot.deleted[kind.column]
    if snapshot.into is None:
        return f"Deleted {kind.thing} {name!r}."
    return f"Merged {name!r} into {snapshot.into[kind.column]!r}: {snapshot.summary}."

