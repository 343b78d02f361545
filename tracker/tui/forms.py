"""Reading the UI's forms: each form is checked by its entity's one validator in the service layer
(the one the command line and the imports call), so a bad value gets the same words and is named
beside its own field, and nothing is saved.

Plain Python (no Textual), so the rules are testable without a screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker import goals, parse, plan, study, topics
from tracker.cards.text import card_values
from tracker.errors import FieldErrors
from tracker.store import Journal, Row

#: The error shown under the form rather than beside one field (the service refused the whole).
FORM = "_form"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: what the widget shows; the form turns it into an input."""

    name: str
    label: str
    #: "text", "choice" (a drop-down of `choices`) or "flag" (a checkbox).
    kind: str = "text"
    value: str | bool = ""
    placeholder: str = ""
    #: Completions offered while typing (topics, resources, projects), best first.
    suggestions: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    #: Spans the whole width of a two-column form.
    wide: bool = False


#: The UI's name for the service layer's field errors: lines to show beside fields, by field name
#: (FORM for the form as a whole).
FormErrors = FieldErrors


def _text(values: Mapping[str, Any], name: str) -> str:
    value = values.get(name, "")
    return "" if value is None else str(value)


def read_session(values: Mapping[str, Any], today: date, with_date: bool = False) -> dict[str, Any]:
    """Keyword arguments for `study.log_session` / `update_session` from the session form, checked
    by `study.session_values` (a date after today is refused, as on the command line).

    `resource` is None when left empty (for an edit, the caller turns that into "" to clear it).
    """
    checked = study.session_values(
        minutes=_text(values, "duration"), topic=_text(values, "topic"), resource=_text(values, "resource"),
        kind=_text(values, "kind"), note=_text(values, "note"), stuck=bool(values.get("stuck")),
        day=(_text(values, "date") or None) if with_date else today, today=today,
    )
    return {**{key: checked[key] for key in ("minutes", "topic", "resource", "kind", "note")},
            "stuck": bool(checked["stuck"]), "day": date.fromisoformat(checked["day"])}


_RESOURCE_FIELDS = ("title", "url", "kind", "provider", "status", "hours", "fte", "cost", "units")


def read_resource(values: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments for `plan.add_resource` / `update_resource`, checked by
    `plan.resource_values`; the text goes on as typed (stripped), since the service reads it again
    (an empty number means "none": nothing for a new resource, a cleared field in an edit)."""
    typed = {name: _text(values, name).strip() for name in _RESOURCE_FIELDS}
    checked = plan.resource_values(**typed)
    return {**typed, "title": checked["title"]}


def read_progress(values: Mapping[str, Any]) -> int:
    """Units done so far (the service checks it against the resource's total)."""
    return plan.progress_values(units_done=_text(values, "units_done"))["units_done"]


def read_milestone(values: Mapping[str, Any], today: date) -> dict[str, Any]:
    checked = plan.milestone_values(title=_text(values, "title"), project=_text(values, "project"),
                                    due=_text(values, "due"), url=_text(values, "url"), today=today)
    due = checked["due"]
    return {"title": checked["title"], "project": checked["project"] or None,
            "due": date.fromisoformat(due) if due else None, "url": checked["url"]}


def read_later(values: Mapping[str, Any]) -> str:
    return study.later_values(text=_text(values, "text"))["text"]


def read_topic(values: Mapping[str, Any]) -> dict[str, Any]:
    return topics.topic_values(name=_text(values, "name"), parent=_text(values, "parent"))



#: The goal form's kinds, as the command line spells them; the first is the default (a blank
#: choice reads as it).
GOAL_KINDS = ("weekly-hours", "weekly-days", "finish", "topic-hours")


def read_goal(values: Mapping[str, Any], journal: Journal, today: date) -> dict[str, Any]:
    """Keyword arguments for `goals.add_goal`, checked by `goals.goal_values` on `journal` (a
    resource or topic must exist; the fields a kind doesn't use are ignored there). The text goes
    on as typed, since the service reads it again in the write's transaction."""
    typed = {name: _text(values, name).strip() or None for name in ("target", "resource", "topic", "due")}
    kind = _text(values, "kind").strip() or GOAL_KINDS[0]
    checked = goals.goal_values(journal, kind=kind, **typed, today=today)
    return {"kind": checked["kind"], **typed}


def read_card(values: Mapping[str, Any]) -> dict[str, str]:
    """Front, back and topic for `cards.add_card` (the card rule: `cards.text.card_values`)."""
    return card_values(**{name: str(values.get(name) or "") for name in ("front", "back", "topic")})

# -- the fields of each form ---------------------------------------------------------------------
def session_fields(
    topics: list[str], resources: list[str], session: Mapping[str, Any] | None = None, with_date: bool = False,
) -> list[FieldSpec]:
    """The session form: the quick log on Today, and the edit dialog (with its date)."""
    s = session or {}
    fields = [
        FieldSpec("duration", "Duration", value=parse.format_minutes(s["minutes"]) if s else "",
                  placeholder="45m, 1h30m, 1.5h"),
        FieldSpec("topic", "Topic", value=s.get("topic") or "", placeholder="new or old · → completes",
                  suggestions=tuple(topics)),
        FieldSpec("resource", "Resource", value=s.get("resource") or "", placeholder="optional, → completes",
                  suggestions=tuple(resources)),
        FieldSpec("kind", "Kind", kind="choice", value=s.get("kind") or "", placeholder="other",
                  choices=parse.ACTIVITY_KINDS),
        FieldSpec("note", "Note", value=s.get("note") or "", placeholder="what you did, learned or got stuck on",
                  wide=True),
    ]
    if with_date:
        fields.append(FieldSpec("date", "Date", value=s.get("day") or "today", placeholder="YYYY-MM-DD, today, yesterday"))
    fields.append(FieldSpec("stuck", "Stuck", kind="flag", value=bool(s.get("stuck"))))
    return fields


def resource_fields(resource: Mapping[str, Any] | None = None) -> list[FieldSpec]:
    r = resource or {}

    def text(name: str) -> str:
        value = r.get(name)
        if value is None:
            return ""
        return f"{value:g}" if isinstance(value, float) else str(value)

    return [
        FieldSpec("title", "Title", value=text("title"), placeholder="Hands-On Machine Learning"),
        FieldSpec("kind", "Kind", kind="choice", value=text("kind"), choices=parse.RESOURCE_KINDS, placeholder="other"),
        FieldSpec("status", "Status", kind="choice", value=text("status") or "planned", choices=parse.RESOURCE_STATUSES),
        FieldSpec("provider", "Provider", value=text("provider"), placeholder="O'Reilly, fast.ai (optional)"),
        FieldSpec("url", "URL", value=text("url"), placeholder="https://… (optional)"),
        FieldSpec("hours", "Hours", value=text("planned_hours"), placeholder="planned hours, like 40"),
        FieldSpec("fte", "FTE", value=text("fte_points"), placeholder="or FTE points, like 0.5"),
        FieldSpec("cost", "Cost", value=text("cost"), placeholder="49.99, or 0 when free"),
        FieldSpec("units", "Units", value=text("units_total"), placeholder="chapters or lessons, like 19"),
    ]


def goal_fields(topics: list[str], resources: list[str]) -> list[FieldSpec]:
    """The goal dialog: a kind, and what that kind needs (a weekly goal its target; a finish goal
    its resource and due day; a topic goal its target, topic and due day)."""
    return [
        FieldSpec("kind", "Kind", kind="choice", placeholder=GOAL_KINDS[0], choices=GOAL_KINDS),
        FieldSpec("target", "Target", placeholder="hours (5, 2.5) or days a week (1-7)"),
        FieldSpec("resource", "Resource", placeholder="finish: the resource · → completes",
                  suggestions=tuple(resources)),
        FieldSpec("topic", "Topic", placeholder="topic-hours: the topic · → completes", suggestions=tuple(topics)),
        FieldSpec("due", "Due", placeholder="finish, topic-hours: YYYY-MM-DD"),
    ]


def milestone_fields(projects: list[str], project: str = "", milestone: Row | None = None) -> list[FieldSpec]:
    """The milestone dialog's fields, filled in from `milestone` when editing one."""
    m = milestone or {}
    return [
        FieldSpec("title", "Title", value=m.get("title") or "", placeholder="MNIST net from scratch"),
        FieldSpec("project", "Project", value=m.get("project") or project, placeholder="NumPy nets (optional)",
                  suggestions=tuple(projects)),
        FieldSpec("due", "Due", value=m.get("due") or "", placeholder="YYYY-MM-DD (optional)"),
        FieldSpec("url", "URL", value=m.get("url") or "", placeholder="https://… (optional)"),
    ]
