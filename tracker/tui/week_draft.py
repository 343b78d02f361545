"""The Week screen's note as typed: the draft, what one rendering of the post holds, and the
checks that name a bad field beside it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracker import parse
from tracker.errors import Msg, TrackerError, bad_input
from tracker.tui.forms import FormErrors

#: Editor field -> (the name errors use, the length limit): the week_note service's own rules.
NOTE_FIELDS = {
    "title": ("title", parse.MAX_NAME_CHARS),
    "reflection": ("reflection", parse.MAX_NOTE_CHARS),
    "plan": ("next plan", parse.MAX_NOTE_CHARS),
}


@dataclass(frozen=True)
class Draft:
    """The note as it stands in the editor (or in the journal)."""

    title: str = ""
    reflection: str = ""
    plan: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, Any] | None) -> Draft:
        row = row or {}
        return cls(row.get("title") or "", row.get("reflection") or "", row.get("next_plan") or "")

    def stripped(self) -> Draft:
        """As the journal keeps it (the service strips each field)."""
        return Draft(self.title.strip(), self.reflection.strip(), self.plan.strip())


@dataclass(frozen=True)
class WeekData:
    name: str
    start: date
    end: date
    saved: Draft


@dataclass(frozen=True)
class Rendered:
    """One rendering of the post: the whole file, and its body for the preview."""

    week: str
    draft: Draft
    text: str
    body: str
    filename: str


def read_note(draft: Draft) -> dict[str, str]:
    """Keyword arguments for `journal.set_week_note`, each field checked by itself so a bad one is
    named beside it (FormErrors) and nothing is saved."""
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    for field, (name, limit) in NOTE_FIELDS.items():
        try:
            values[field] = parse.clean_text(getattr(draft, field), name, limit=limit)
        except TrackerError as err:
            errors[field] = err.line
    if errors:
        raise FormErrors(errors)
    return {"title": values["title"], "reflection": values["reflection"], "next_plan": values["plan"]}


def post_target(folder_text: str, filename: str) -> Path:
    """Where the post goes: FOLDER/YYYY-MM-DD-my-week-in-ml.md (the folder is made if needed)."""
    folder = Path(folder_text.strip() or ".").expanduser()
    if folder.exists() and not folder.is_dir():
        raise bad_input(Msg.NOT_A_FOLDER, path=folder)
    return folder / filename
