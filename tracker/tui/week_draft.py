"""The Week screen's note as typed: the draft, what one rendering of the post holds, and the
checks that name a bad field beside it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracker import study
from tracker.post import output_path
from tracker.tui.forms import FormErrors

#: The service's field names that the editor calls otherwise.
_EDITOR_FIELD = {"next_plan": "plan"}
#: Editor field -> (the name errors use, the length limit): the week_note service's own rules.
NOTE_FIELDS = {_EDITOR_FIELD.get(name, name): rule for name, rule in study.WEEK_NOTE_FIELDS.items()}


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
    """Keyword arguments for `study.set_week_note`, checked by `study.week_note_values` with every
    bad field named beside it (FormErrors under the editor's names) and nothing saved."""
    try:
        return study.week_note_values(title=draft.title, reflection=draft.reflection, next_plan=draft.plan)
    except FormErrors as err:
        raise FormErrors({_EDITOR_FIELD.get(name, name): line for name, line in err.errors.items()}) from None


def post_target(folder_text: str, filename: str) -> Path:
    """Where the post goes, by the same rule as `tracker week --out`: FOLDER/filename (the folder
    is made if needed), or the file typed when it ends in .md or .html."""
    return output_path(folder_text, filename)
