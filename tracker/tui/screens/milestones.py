"""Milestones: project by project, with due dates; mark them done."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tracker import plan
from tracker.errors import TrackerError
from tracker.parse import plural
from tracker.store import Journal, Row
from tracker.tui import data, forms
from tracker.tui.data import MilestoneData
from tracker.tui.dialogs.form_dialog import FormDialog
from tracker.tui.formatting import cut, relative_day
from tracker.tui.messages import MilestoneAdded, MilestoneDone, MilestoneEdited
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.fitted_table import FittedTable


class MilestonesScreen(TrackerScreen):
    NAME = "milestones"
    TABLES = frozenset({"milestone"})
    AUTO_FOCUS = "#milestones"
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e,enter", "edit", "Edit"),
        Binding("x,space", "done", "Mark done"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="milestone-totals", classes="status-line")
        yield FittedTable(id="milestones", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#milestones", DataTable)
        for label in ("project", "milestone", "due", "done / when"):
            table.add_column(label, key=label)

    @property
    def table(self) -> FittedTable:
        return self.query_one("#milestones", FittedTable)

    def fetch(self, journal: Journal) -> MilestoneData:
        return data.milestone_data(journal)

    def show(self, milestones: MilestoneData) -> None:
        today = self.tracker.today()
        rows = milestones.milestones
        done = sum(1 for row in rows if row["done_on"])
        overdue = sum(1 for row in rows if not row["done_on"] and row["due"] and date.fromisoformat(row["due"]) < today)
        late = f" · {overdue} overdue" if overdue else ""
        self.query_one("#milestone-totals", Static).update(
            f"{plural(len(rows), 'milestone')} in {plural(len(milestones.projects), 'project')} · {done} done{late}"
        )
        table = self.table
        cursor = table.cursor_row
        table.clear()
        previous = None
        width = table.fit_width()
        project_width = min(20, max(8, (width - 40) // 3))
        title_width = max(12, width - 4 - 2 * 4 - project_width - 10 - 12)
        for row in rows:
            project = row["project"] or "(no project)"
            table.add_row(
                self.tracker.styled(cut(project, project_width), bold=True) if project != previous else Text(""),
                Text(cut(row["title"], title_width)),
                Text(row["due"] or ""),
                self._status(row, today),
                key=str(row["id"]),
            )
            previous = project
        table.fitted(width)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        table.border_title = "Milestones"
        table.border_subtitle = "a add · e edit · x mark done" if rows else "no milestones yet: a adds one"

    def _status(self, row: Row, today: date) -> Text:
        styled = self.tracker.styled
        if row["done_on"]:
            return styled(f"✓ {row['done_on']}", "text-success")
        if not row["due"]:
            return Text("open")
        days = (date.fromisoformat(row["due"]) - today).days
        if days < 0:
            return styled(f"{-days} days late" if days < -1 else "1 day late", "text-error")
        return styled(relative_day(date.fromisoformat(row["due"]), today), "text-warning" if days <= 7 else "")

    def selected(self) -> Row | None:
        if self.data is None or not self.table.row_count:
            return None
        key = self.table.coordinate_to_cell_key((self.table.cursor_row, 0)).row_key.value
        return next((row for row in self.data.milestones if str(row["id"]) == key), None)

    def _read(self, values: Any) -> dict[str, Any]:
        return forms.read_milestone(values, self.tracker.today())

    def action_add(self) -> None:
        projects = self.data.projects if self.data else []
        current = self.selected()

        def save(values: Any) -> Row:
            fields = self._read(values)
            with self.tracker.journal() as journal:
                return plan.add_milestone(journal, **fields)

        def saved(row: Row | None) -> None:
            if row is not None:
                self.post_message(MilestoneAdded(row))
                self.load_now()

        fields = forms.milestone_fields(projects, (current or {}).get("project") or "")
        self.app.push_screen(FormDialog("Add a milestone", fields, save, check=self._read, id="milestone-dialog"), saved)

    def action_edit(self) -> None:
        milestone = self.selected()
        if milestone is None:
            return

        def save(values: Any) -> Row:
            fields = self._read(values)
            with self.tracker.journal() as journal:
                return plan.update_milestone(journal, milestone["id"], **fields)

        def saved(row: Row | None) -> None:
            if row is not None:
                self.post_message(MilestoneEdited(row))
                self.load_now()

        fields = forms.milestone_fields(self.data.projects, milestone=milestone)
        self.app.push_screen(FormDialog("Edit the milestone", fields, save, check=self._read, id="milestone-dialog"), saved)

    def action_done(self) -> None:
        milestone = self.selected()
        if milestone is None or milestone["done_on"]:
            return
        try:
            with self.tracker.journal() as journal:
                row = plan.finish_milestone(journal, milestone["id"], self.tracker.today())
        except TrackerError as err:
            self.notify(err.line, severity="error")
            return
        self.post_message(MilestoneDone(row))
        self.load_now()

