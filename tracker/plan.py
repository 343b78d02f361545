"""The study plan: resources (courses, books, links) with planned effort and cost, unit progress,
and project milestones.

Planned effort is hours, or FTE points converted with the `fte_hours` setting (one point is one
semester-long university paper, 150 hours by default).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import shlex

from tracker import names, parse
from tracker.errors import Msg, bad_input
from tracker.store import Journal, Row, stamps


# -- resources ----------------------------------------------------------------------------------
def find_resource(journal: Journal, name: str | int) -> Row:
    """The resource a command names, by `tracker.names`' rule: exact title, then an id (`5` or
    `#5`), then a unique beginning of a title; bad input when none."""
    return names.require(journal, names.RESOURCE, name, ids=True)


def ensure_resource(journal: Journal, title: str) -> tuple[int, bool]:
    """The resource a log or an import names, by its whole title (ignoring case); a title that
    matches none is a new resource, created here. ("Resource 1" never lands on "Resource 12".)"""
    title = parse.clean_name(title, "resource")
    found = names.find(journal, names.RESOURCE, title, exact=True)
    if found:
        return found["id"], False
    return _insert_resource(journal, {"title": title, "status": "active"}), True


def _insert_resource(journal: Journal, values: dict[str, Any]) -> int:
    columns = {**values, **stamps()}
    return journal.insert(
        f"INSERT INTO resource ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)}) RETURNING id",
        columns,
    )


def _effort_fields(
    url: str | None, kind: str | None, provider: str | None, hours: Any, fte: Any, cost: Any, units: Any,
    status: str | None,
) -> dict[str, Any]:
    """Validated resource fields; only those given are returned, so updates touch nothing else."""
    if hours not in (None, "") and fte not in (None, ""):
        raise bad_input(Msg.OPTIONS_CLASH, first="--hours", second="--fte")
    fields: dict[str, Any] = {}
    if url is not None:
        fields["url"] = url.strip() or None
    if kind is not None:
        fields["kind"] = parse.choice(kind, "kind", parse.RESOURCE_KINDS, "other")
    if provider is not None:
        fields["provider"] = provider.strip() or None
    if hours not in (None, ""):
        fields["planned_hours"] = parse.parse_number(hours, "hours", "planned hours, like 40 or 12.5")
        fields["fte_points"] = None
    if fte not in (None, ""):
        fields["fte_points"] = parse.parse_number(fte, "FTE points", "points, like 0.5 for half a paper")
        fields["planned_hours"] = None
    if cost not in (None, ""):
        fields["cost"] = parse.parse_number(cost, "cost", "an amount, like 49.99 or 0")
    if units not in (None, ""):
        fields["units_total"] = parse.parse_count(units, "units")
    if status is not None:
        fields["status"] = parse.choice(status, "status", parse.RESOURCE_STATUSES, "planned")
    return fields


def add_resource(
    journal: Journal, title: str, *, url: str | None = None, kind: str | None = None,
    provider: str | None = None, hours: Any = None, fte: Any = None, cost: Any = None,
    units: Any = None, status: str | None = None,
) -> Row:
    title = parse.clean_name(title, "title")
    values = {"title": title, "kind": "other", "status": "planned",
              **_effort_fields(url, kind, provider, hours, fte, cost, units, status)}
    with journal.transaction():
        if journal.row("SELECT id FROM resource WHERE title = :t COLLATE NOCASE", {"t": title}):
            raise bad_input(Msg.DUPLICATE, thing="resource", name=title, command="resource")
        return resource_by_id(journal, _insert_resource(journal, values))


def update_resource(
    journal: Journal, name: str | int, *, title: str | None = None, url: str | None = None,
    kind: str | None = None, provider: str | None = None, hours: Any = None, fte: Any = None,
    cost: Any = None, units: Any = None, status: str | None = None,
) -> Row:
    changes = _effort_fields(url, kind, provider, hours, fte, cost, units, status)
    # In an update, an empty value clears the field (None leaves it as it was).
    for column, value in (("planned_hours", hours), ("fte_points", fte), ("cost", cost), ("units_total", units)):
        if value is not None and not str(value).strip():
            changes[column] = None
    if title is not None:
        changes["title"] = parse.clean_name(title, "title")
    with journal.transaction():
        resource = find_resource(journal, name)
        taken = names.find(journal, names.RESOURCE, changes["title"], exact=True) if "title" in changes else None
        if taken and taken["id"] != resource["id"]:
            raise bad_input(Msg.NAME_TAKEN, thing="resource", name=taken["title"], command="resource",
                            args=f"{shlex.quote(resource['title'])} {shlex.quote(taken['title'])}")
        journal.update("resource", resource["id"], changes)
        return resource_by_id(journal, resource["id"])


def record_progress(journal: Journal, name: str | int, units_done: Any, day: date) -> Row:
    """Units done so far (chapter 10 of 19), kept per day so a week can say 'chapters 10-11'."""
    done = parse.parse_count(units_done, "units done")
    if done is None:
        raise bad_input(Msg.EMPTY, field="units done")
    with journal.transaction():
        resource = find_resource(journal, name)
        total = resource["units_total"]
        if total is not None and done > total:
            raise bad_input(Msg.UNITS, done=done, total=total, title=resource["title"])
        journal.execute(
            "INSERT INTO resource_progress (resource_id, day, units_done, created_at, updated_at) "
            "VALUES (:rid, :day, :done, :created_at, :updated_at)",
            {"rid": resource["id"], "day": day.isoformat(), "done": done, **stamps()},
        )
        status = "done" if total is not None and done == total else ("active" if resource["status"] == "planned" else resource["status"])
        journal.update("resource", resource["id"], {"units_done": done, "status": status})
        return resource_by_id(journal, resource["id"])


def finish_resource(journal: Journal, name: str | int, day: date) -> Row:
    with journal.transaction():
        resource = find_resource(journal, name)
        changes: dict[str, Any] = {"status": "done"}
        if resource["units_total"] is not None and resource["units_done"] < resource["units_total"]:
            changes["units_done"] = resource["units_total"]
            journal.execute(
                "INSERT INTO resource_progress (resource_id, day, units_done, created_at, updated_at) "
                "VALUES (:rid, :day, :done, :created_at, :updated_at)",
                {"rid": resource["id"], "day": day.isoformat(), "done": resource["units_total"], **stamps()},
            )
        journal.update("resource", resource["id"], changes)
        return resource_by_id(journal, resource["id"])


RESOURCE_QUERY = """
    SELECT r.id, r.title, r.url, r.kind, r.provider, r.planned_hours, r.fte_points, r.cost,
           r.units_total, r.units_done, r.status,
           COALESCE(s.minutes, 0) AS spent_minutes, s.first_day, s.last_day
    FROM resource r
    LEFT JOIN (SELECT resource_id, sum(minutes) AS minutes, min(day) AS first_day, max(day) AS last_day
               FROM study_session WHERE resource_id IS NOT NULL GROUP BY resource_id) s
           ON s.resource_id = r.id
"""


def _with_effort(row: Row, fte_hours: float) -> Row:
    """Add planned hours (from FTE points when that is how the plan was given) and spent hours."""
    planned = row["planned_hours"]
    if planned is None and row["fte_points"] is not None:
        planned = row["fte_points"] * fte_hours
    return {**row, "plan_hours": planned, "spent_hours": round(row["spent_minutes"] / 60, 2)}


def resource_by_id(journal: Journal, resource_id: int, fte_hours: float = 150.0) -> Row:
    return _with_effort(journal.row(RESOURCE_QUERY + " WHERE r.id = :id", {"id": resource_id}), fte_hours)


def list_resources(journal: Journal, fte_hours: float = 150.0, status: str | None = None) -> list[Row]:
    params: dict[str, Any] = {}
    clause = ""
    if status:
        clause = " WHERE r.status = :status"
        params["status"] = parse.choice(status, "status", parse.RESOURCE_STATUSES, "planned")
    rows = journal.rows(
        RESOURCE_QUERY + clause + """ ORDER BY CASE r.status WHEN 'active' THEN 0 WHEN 'planned' THEN 1
        WHEN 'done' THEN 2 ELSE 3 END, r.title COLLATE NOCASE""",
        params,
    )
    return [_with_effort(row, fte_hours) for row in rows]


# -- milestones ---------------------------------------------------------------------------------
def add_milestone(
    journal: Journal, title: str, *, project: str | None = None, due: date | None = None, url: str | None = None,
) -> Row:
    values = {
        "title": parse.clean_name(title, "title"),
        "project": " ".join((project or "").split()),
        "due": due.isoformat() if due else None,
        "url": (url or "").strip() or None,
        **stamps(),
    }
    with journal.transaction():
        new_id = journal.insert(
            "INSERT INTO milestone (title, project, due, url, created_at, updated_at) "
            "VALUES (:title, :project, :due, :url, :created_at, :updated_at) RETURNING id",
            values,
        )
        return get_milestone(journal, new_id)


def get_milestone(journal: Journal, milestone_id: int) -> Row:
    found = journal.row(
        "SELECT id, project, title, due, done_on, url FROM milestone WHERE id = :id", {"id": milestone_id}
    )
    if not found:
        raise bad_input(Msg.NO_SUCH, thing="milestone", name=milestone_id, hint=" (see `tracker milestone list`)")
    return found


def find_milestone(journal: Journal, name: str | int) -> Row:
    """The milestone a command names, by `tracker.names`' rule: exact title, then an id (`5` or
    `#5`; titles need not be unique, so the id is how to pick one of two), then a unique beginning."""
    return get_milestone(journal, names.require(journal, names.MILESTONE, name, ids=True)["id"])


def update_milestone(
    journal: Journal, name: str | int, *, title: str | None = None, project: str | None = None,
    due: date | None = None, url: str | None = None, reopen: bool = False,
) -> Row:
    """Change the given fields; `reopen` clears the done date."""
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = parse.clean_name(title, "title")
    if project is not None:
        changes["project"] = " ".join(project.split())
    if due is not None:
        changes["due"] = due.isoformat()
    if url is not None:
        changes["url"] = url.strip() or None
    if reopen:
        changes["done_on"] = None
    with journal.transaction():
        milestone = find_milestone(journal, name)
        journal.update("milestone", milestone["id"], changes)
        return get_milestone(journal, milestone["id"])


def finish_milestone(journal: Journal, name: str | int, day: date) -> Row:
    with journal.transaction():
        milestone = find_milestone(journal, name)
        journal.update("milestone", milestone["id"], {"done_on": day.isoformat()})
        return get_milestone(journal, milestone["id"])


def list_milestones(journal: Journal, include_done: bool = True) -> list[Row]:
    clause = "" if include_done else " WHERE done_on IS NULL"
    return journal.rows(
        "SELECT id, project, title, due, done_on, url FROM milestone" + clause
        + " ORDER BY project COLLATE NOCASE, done_on IS NOT NULL, COALESCE(due, '9999'), id"
    )


