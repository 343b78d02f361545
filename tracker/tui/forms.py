"""Reading the UI's forms: each field checked with the same parse functions the services use, so
a bad value is named beside its own field and nothing is saved.

Plain Python (no Textual), so the rules are testable without a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker import parse
from tracker.errors import Msg, TrackerError, bad_input
from tracker.store import Row

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


class FormErrors(Exception):
    """Lines to show beside fields, by field name (FORM for the form as a whole)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = dict(errors)

    @classmethod
    def from_error(cls, err: TrackerError, field: str = FORM) -> FormErrors:
        return cls({field: err.line})


class _Reader:
    """Reads fields one by one, collecting every error so all bad fields are named at once."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = values
        self.errors: dict[str, str] = {}

    def text(self, name: str) -> str:
        value = self.values.get(name, "")
        return "" if value is None else str(value)

    def read(self, name: str, reader: Callable[[str], Any]) -> Any:
        try:
            return reader(self.text(name))
        except TrackerError as err:
            self.errors[name] = err.line
            return None

    def fail(self, name: str, err: TrackerError) -> None:
        self.errors.setdefault(name, err.line)

    def done(self) -> None:
        if self.errors:
            raise FormErrors(self.errors)


def _required(field: str, reader: Callable[[str], Any]) -> Callable[[str], Any]:
    def read(text: str) -> Any:
        if not text.strip():
            raise bad_input(Msg.EMPTY, field=field)
        return reader(text)

    return read


def _optional_name(field: str) -> Callable[[str], str | None]:
    return lambda text: parse.clean_name(text, field) if text.strip() else None


def read_session(values: Mapping[str, Any], today: date, with_date: bool = False) -> dict[str, Any]:
    """Keyword arguments for `journal.log_session` / `update_session` from the session form.

    `resource` is None when left empty (for an edit, the caller turns that into "" to clear it).
    """
    form = _Reader(values)
    result = {
        "minutes": form.read("duration", _required("duration", parse.parse_duration)),
        "topic": form.read("topic", lambda text: parse.clean_name(text, "topic")),
        "resource": form.read("resource", _optional_name("resource")),
        "kind": form.read("kind", lambda text: parse.choice(text, "kind", parse.ACTIVITY_KINDS, "other")),
        "note": form.read("note", lambda text: parse.clean_text(text, "note")),
        "stuck": bool(values.get("stuck")),
        "day": form.read("date", lambda text: parse.parse_date(text or None, today)) if with_date else today,
    }
    form.done()
    return result


def read_resource(values: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments for `plan.add_resource` / `update_resource` (title given separately)."""
    form = _Reader(values)
    title = form.read("title", lambda text: parse.clean_name(text, "title"))
    form.read("kind", lambda text: parse.choice(text, "kind", parse.RESOURCE_KINDS, "other"))
    form.read("status", lambda text: parse.choice(text, "status", parse.RESOURCE_STATUSES, "planned"))
    form.read("hours", lambda text: parse.parse_number(text, "hours", "planned hours, like 40 or 12.5"))
    form.read("fte", lambda text: parse.parse_number(text, "FTE points", "points, like 0.5 for half a paper"))
    form.read("cost", lambda text: parse.parse_number(text, "cost", "an amount, like 49.99 or 0"))
    form.read("units", lambda text: parse.parse_count(text, "units"))
    if form.text("hours").strip() and form.text("fte").strip():
        form.fail("fte", bad_input(Msg.OPTIONS_CLASH, first="hours", second="FTE points"))
    form.done()
    return {
        "title": title,
        **{name: form.text(name).strip() for name in ("url", "kind", "provider", "status")},
        # Empty means "none": nothing for a new resource, a cleared field in an edit.
        **{name: form.text(name).strip() for name in ("hours", "fte", "cost", "units")},
    }


def read_progress(values: Mapping[str, Any]) -> int:
    """Units done so far (the service checks it against the resource's total)."""
    form = _Reader(values)
    done = form.read("units_done", _required("units done", lambda text: parse.parse_count(text, "units done")))
    form.done()
    return done


def read_milestone(values: Mapping[str, Any], today: date) -> dict[str, Any]:
    form = _Reader(values)
    result = {
        "title": form.read("title", lambda text: parse.clean_name(text, "title")),
        "project": form.read("project", _optional_name("project")),
        "due": form.read("due", lambda text: parse.parse_optional_date(text, today)),
        "url": form.text("url").strip() or None,
    }
    form.done()
    return result


def read_later(values: Mapping[str, Any]) -> str:
    form = _Reader(values)
    text = form.read("text", lambda text: parse.clean_required_text(text, "text"))
    form.done()
    return text


def read_topic(values: Mapping[str, Any]) -> dict[str, Any]:
    form = _Reader(values)
    result = {
        "name": form.read("name", lambda text: parse.clean_name(text, "topic")),
        "parent": form.read("parent", _optional_name("parent")),
    }
    form.done()
    return result


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
