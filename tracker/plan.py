"""The study plan: resources (courses, books, links) with planned effort and cost, unit progress,
and project milestones.

Planned effort is hours, or FTE points converted with the `fte_hours` setting (one point is one
semester-long university paper, 150 hours by default).
"""

from __future__ import annotations

import shlex
from datetime import date
from typing import Any

from tracker import clock, names, parse
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


#: Resource form fields -> (column, how the value is read). Numbers left empty mean "none".
_NUMBERS = {
    "hours": ("planned_hours", lambda v: parse.parse_number(v, "planned hours", "planned hours, like 40 or 12.5")),
    "fte": ("fte_points", lambda v: parse.parse_number(v, "FTE points", "points, like 0.5 for half a paper")),
    "cost": ("cost", lambda v: parse.parse_number(v, "cost", "an amount, like 49.99 or 0")),
    "units": ("units_total", lambda v: parse.parse_count(v, "units")),
}


def resource_values(
    *, title: str | None = None, url: str | None = None, kind: str | None = None, provider: str | None = None,
    hours: Any = None, fte: Any = None, cost: Any = None, units: Any = None, status: str | None = None,
    done: Any = None, current: Row | None = None,
) -> Row:
    """A resource's fields, checked: the one rule for the command line, the UI's form and the
    folder import. Values are as typed (text) or already numbers; only those given (not None) come
    back, as columns, so an update touches nothing else, and an empty number clears its column.
    Every bad field is named at once (FieldErrors by form field). `done` is the units done (an
    import's row); `current`, the resource being changed, whose units done the new total must hold.
    """
    fields = parse.Fields()
    values: Row = {}
    if title is not None:
        values["title"] = fields.check("title", parse.clean_name, title, "title")
    for name, text, limit in (("url", url, parse.MAX_URL_CHARS), ("provider", provider, parse.MAX_NAME_CHARS)):
        if text is not None:
            values[name] = fields.check(name, parse.clean_label, text, name, limit)
    if kind is not None:
        values["kind"] = fields.check("kind", parse.choice, kind, "kind", parse.RESOURCE_KINDS, "other")
    if status is not None:
        values["status"] = fields.check("status", parse.choice, status, "status", parse.RESOURCE_STATUSES, "planned")
    for name, given in (("hours", hours), ("fte", fte), ("cost", cost), ("units", units)):
        if given is not None:
            column, read = _NUMBERS[name]
            values[column] = fields.check(name, read, given)
    if _given(hours) and _given(fte):
        fields.fail("fte", bad_input(Msg.OPTIONS_CLASH, first="hours", second="FTE points"))
    elif _given(hours) or _given(fte):  # one kind of effort: giving one clears the other
        values["fte_points" if _given(hours) else "planned_hours"] = None
    if done is not None:
        values["units_done"] = fields.check("units_done", parse.parse_count, done, "units done") or 0
    held = values.get("units_done", current["units_done"] if current else None)
    total = values.get("units_total")
    if total is not None and held and total < held and "units" not in fields.errors:
        title_shown = values.get("title") or (current or {}).get("title") or ""
        fields.fail("units", bad_input(Msg.UNITS_BELOW_DONE, total=total, done=held, title=title_shown))
    fields.done()
    return values


def _given(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def add_resource(
    journal: Journal, title: str, *, url: str | None = None, kind: str | None = None,
    provider: str | None = None, hours: Any = None, fte: Any = None, cost: Any = None,
    units: Any = None, status: str | None = None,
) -> Row:
    values = {"kind": "other", "status": "planned", **resource_values(
        title=title, url=url, kind=kind, provider=provider, hours=hours, fte=fte, cost=cost, units=units,
        status=status)}
    with journal.transaction():
        if journal.row("SELECT id FROM resource WHERE lower(title) = lower(:t)", {"t": values["title"]}):
            raise bad_input(Msg.DUPLICATE, thing="resource", name=values["title"], command="resource")
        return resource_by_id(journal, _insert_resource(journal, values))


def update_resource(
    journal: Journal, name: str | int, *, title: str | None = None, url: str | None = None,
    kind: str | None = None, provider: str | None = None, hours: Any = None, fte: Any = None,
    cost: Any = None, units: Any = None, status: str | None = None,
) -> Row:
    """Change the given fields (`resource_values`); an empty number clears it, None leaves it."""
    with journal.transaction():
        resource = find_resource(journal, name)
        changes = resource_values(title=title, url=url, kind=kind, provider=provider, hours=hours, fte=fte,
                                  cost=cost, units=units, status=status, current=resource)
        taken = names.find(journal, names.RESOURCE, changes["title"], exact=True) if "title" in changes else None
        if taken and taken["id"] != resource["id"]:
            raise bad_input(Msg.NAME_TAKEN, thing="resource", name=taken["title"], command="resource",
                            args=f"{shlex.quote(resource['title'])} {shlex.quote(taken['title'])}")
        journal.update("resource", resource["id"], changes)
        return resource_by_id(journal, resource["id"])


def progress_values(
    *, units_done: Any, day: str | date | None = None, today: date | None = None, resource: Row | None = None,
) -> Row:
    """Progress on a resource, checked (FieldErrors by field: units_done, date): a whole number of
    units, no more than the `resource`'s total, on a day no later than `today` (when given)."""
    fields = parse.Fields()
    done = fields.check("units_done", _UNITS_DONE, units_done, "units done")
    total = (resource or {}).get("units_total")
    if done is not None and total is not None and done > total:
        fields.fail("units_done", bad_input(Msg.UNITS, done=done, total=total, title=resource["title"]))
    on_day = fields.check("date", _done_day, day, today, "progress")
    fields.done()
    return {"units_done": done, "day": on_day}


_UNITS_DONE = parse.required(parse.parse_count, "units done")


def _done_day(day: str | date | None, today: date | None, what: str) -> str:
    """A day something was done: not after `today` (when given)."""
    found = parse.parse_date(day, today or clock.today())
    return parse.not_after(found, today, Msg.FUTURE_DONE, what=what).isoformat()


def record_progress(
    journal: Journal, name: str | int, units_done: Any, day: str | date, today: date | None = None,
) -> Row:
    """Units done so far (chapter 10 of 19), kept per day so a week can say 'chapters 10-11'."""
    with journal.transaction():
        resource = find_resource(journal, name)
        values = progress_values(units_done=units_done, day=day, today=today, resource=resource)
        done, total = values["units_done"], resource["units_total"]
        journal.execute(
            "INSERT INTO resource_progress (resource_id, day, units_done, created_at, updated_at) "
            "VALUES (:rid, :day, :done, :created_at, :updated_at)",
            {"rid": resource["id"], "day": values["day"], "done": done, **stamps()},
        )
        status = "done" if total is not None and done == total else ("active" if resource["status"] == "planned" else resource["status"])
        journal.update("resource", resource["id"], {"units_done": done, "status": status})
        return resource_by_id(journal, resource["id"])


def finish_resource(journal: Journal, name: str | int, day: date, today: date | None = None) -> Row:
    day = date.fromisoformat(_done_on(day, today, "a resource as finished"))
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
        WHEN 'done' THEN 2 ELSE 3 END, lower(r.title)""",
        params,
    )
    return [_with_effort(row, fte_hours) for row in rows]


# -- milestones ---------------------------------------------------------------------------------
def milestone_values(
    *, title: str | None = None, project: str | None = None, due: str | date | None = None,
    url: str | None = None, done_on: str | date | None = None, today: date | None = None,
) -> Row:
    """A milestone's fields, checked (FieldErrors by field: title, project, due, url, done_on);
    only those given (not None) come back. A due date may lie ahead; a done date may not lie after
    `today` (when given). An empty date is none."""
    fields = parse.Fields()
    values: Row = {}
    if title is not None:
        values["title"] = fields.check("title", parse.clean_name, title, "title")
    if project is not None:
        values["project"] = fields.check("project", parse.clean_label, project, "project") or ""
    if due is not None:
        found = fields.check("due", parse.parse_optional_date, due, today or clock.today())
        values["due"] = found.isoformat() if found else None
    if url is not None:
        values["url"] = fields.check("url", parse.clean_label, url, "url", parse.MAX_URL_CHARS)
    if done_on is not None:  # empty: not reached
        values["done_on"] = str(done_on).strip() and fields.check(
            "done_on", _done_day, done_on, today, "a milestone as reached") or None
    fields.done()
    return values


def _done_on(day: str | date, today: date | None, what: str) -> str:
    """One done date by itself, with its field's error."""
    fields = parse.Fields()
    found = fields.check("date", _done_day, day, today, what)
    fields.done()
    return found


def add_milestone(
    journal: Journal, title: str, *, project: str | None = None, due: str | date | None = None,
    url: str | None = None, today: date | None = None,
) -> Row:
    values = {"project": "", "due": None, "url": None,
              **milestone_values(title=title, project=project, due=due, url=url, today=today), **stamps()}
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
    due: str | date | None = None, url: str | None = None, reopen: bool = False, today: date | None = None,
) -> Row:
    """Change the given fields (`milestone_values`); `reopen` clears the done date."""
    changes = milestone_values(title=title, project=project, due=due, url=url, today=today)
    if reopen:
        changes["done_on"] = None
    with journal.transaction():
        milestone = find_milestone(journal, name)
        journal.update("milestone", milestone["id"], changes)
        return get_milestone(journal, milestone["id"])


def finish_milestone(journal: Journal, name: str | int, day: str | date, today: date | None = None) -> Row:
    """Mark a milestone reached on `day`, which may not lie after `today` (when given)."""
    done_on = _done_on(day, today, "a milestone as reached")
    with journal.transaction():
        milestone = find_milestone(journal, name)
        journal.update("milestone", milestone["id"], {"done_on": done_on})
        return get_milestone(journal, milestone["id"])


def list_milestones(journal: Journal, include_done: bool = True) -> list[Row]:
    clause = "" if include_done else " WHERE done_on IS NULL"
    return journal.rows(
        "SELECT id, project, title, due, done_on, url FROM milestone" + clause
        + " ORDER BY lower(project), done_on IS NOT NULL, COALESCE(due, '9999'), id"
    )


