"""Plan: every resource with planned against spent hours, unit progress, cost and status; and the
goals (tracker.goals), each with its target against the actual and its days of buffer."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tracker import goals, merge, plan
from tracker.errors import TrackerError
from tracker.parse import plural
from tracker.store import Journal, Row
from tracker.tui import data, forms
from tracker.tui.data import PlanData
from tracker.tui.dialogs.confirm import ConfirmDialog
from tracker.tui.dialogs.form_dialog import FormDialog
from tracker.tui.dialogs.merge_dialog import UndoesMerges
from tracker.tui.formatting import bar, cut, hours, money
from tracker.tui.forms import FieldSpec
from tracker.tui.messages import ProgressRecorded, ResourceSaved
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.fitted_table import FittedTable

STATUS_COLOR = {"active": "text-success", "planned": "foreground-muted", "done": "text-accent", "dropped": "foreground-muted"}


class PlanScreen(UndoesMerges, TrackerScreen):
    NAME = "plan"
    #: Resources, their progress, the hours spent on them, and the goals (a goal names its topic).
    TABLES = frozenset({"resource", "resource_progress", "study_session", "goal", "topic"})
    AUTO_FOCUS = "#resources"
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("p", "progress", "Progress"),
        Binding("m", "merge", "Merge into another resource"),
        Binding("d,delete", "delete", "Delete resource"),
        Binding("g", "add_goal", "Add goal"),
        Binding("x", "remove_goal", "Remove goal", tooltip="Remove the goal selected in the goals table"),
        Binding(*UndoesMerges.UNDO_BINDING),
    ]
    HELP_EXTRA = (("enter", "On a resource: edit it"),)

    def compose_body(self) -> ComposeResult:
        yield Static("", id="plan-totals", classes="status-line")
        yield FittedTable(id="resources", cursor_type="row", zebra_stripes=True)
        yield FittedTable(id="plan-goals", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#resources", DataTable)
        for label, key in (("resource", "title"), ("status", "status"), ("hours spent / planned", "hours"),
                           ("units", "units"), ("cost", "cost")):
            table.add_column(label, key=key)
        goal_table = self.query_one("#plan-goals", DataTable)
        for label, key in (("goal: actual of target", "goal"), ("state", "state"), ("buffer", "buffer")):
            goal_table.add_column(label, key=key)

    @property
    def table(self) -> FittedTable:
        return self.query_one("#resources", FittedTable)

    def fetch(self, journal: Journal) -> PlanData:
        return data.plan_data(journal, self.tracker.settings, self.tracker.today())

    def show(self, plan_data: PlanData) -> None:
        self.query_one("#plan-totals", Static).update(
            f"{plural(len(plan_data.resources), 'resource')} · {hours(plan_data.spent_hours)} spent of "
            f"{hours(plan_data.planned_hours)} planned · cost {money(plan_data.cost) or 0}"
        )
        table = self.table
        keep = self.selected()
        table.clear()
        width = table.fit_width()
        title_width, bar_width = self._widths(width)
        for row in plan_data.resources:
            table.add_row(*self._cells(row, title_width, bar_width), key=str(row["id"]))
        table.fitted(width)
        if keep:
            for index, row in enumerate(plan_data.resources):
                if row["id"] == keep["id"]:
                    table.move_cursor(row=index)
        table.border_title = "Plan"
        table.border_subtitle = "a add · e edit · p progress" if plan_data.resources else "no resources yet: a adds one"
        self._show_goals(plan_data.goals)

    @property
    def goal_table(self) -> FittedTable:
        return self.query_one("#plan-goals", FittedTable)

    def _show_goals(self, progress: list[goals.Progress]) -> None:
        """One row a goal: what it is with its actual against target, on track or behind, and
        the days one could skip and still be on its road."""
        table = self.goal_table
        keep = table.cursor_row
        table.clear()
        width = table.fit_width()
        goal_width = max(20, width - 4 - 2 * 3 - 8 - 8)
        styled = self.tracker.styled
        for goal in progress:
            head = goal.text.rsplit(": ", 1)[0]
            if goal.met:
                state = styled("met", "text-success")
            elif goal.on_track:
                state = styled("on track", "text-success")
            else:
                state = styled("behind", "text-warning")
            buffer = "" if goal.met else plural(goal.buffer_days, "day")
            table.add_row(Text(cut(head, goal_width)), state, Text(buffer), key=str(goal.id))
        table.fitted(width)
        if progress:
            table.move_cursor(row=min(keep, len(progress) - 1))
        table.border_title = "Goals"
        table.border_subtitle = "g add · x remove" if progress else "no goals yet: g adds one"

    def selected_goal(self) -> goals.Progress | None:
        if self.data is None or not self.goal_table.row_count:
            return None
        key = self.goal_table.coordinate_to_cell_key((self.goal_table.cursor_row, 0)).row_key.value
        return next((goal for goal in self.data.goals if str(goal.id) == key), None)

    def _cells(self, row: Row, title_width: int, bar_width: int) -> list[Text]:
        styled = self.tracker.styled
        spent, planned = row["spent_hours"], row["plan_hours"]
        over = planned is not None and spent > planned
        hours_cell = Text.assemble(
            f"{hours(spent):>5} / {hours(planned):<5} ",
            styled(bar(spent, planned, bar_width), "warning" if over else "primary"),
        )
        units = Text("")
        if row["units_total"]:
            units = Text.assemble(
                f"{row['units_done']:>3}/{row['units_total']:<3} ",
                styled(bar(row["units_done"], row["units_total"], bar_width), "accent"),
            )
        status = styled(row["status"], STATUS_COLOR.get(row["status"], ""))
        return [Text(cut(row["title"], title_width)), status, hours_cell, units, Text(money(row["cost"]))]

    @staticmethod
    def _widths(width: int) -> tuple[int, int]:
        """The title's width and the bars', for a table `width` wide: the title takes what the
        numbers leave."""
        bar_width = 6 if width < 100 else 10
        numbers = 7 + (14 + bar_width) + (8 + bar_width) + 6
        return max(12, min(48, width - 4 - 2 * 5 - numbers)), bar_width

    def selected(self) -> Row | None:
        if self.data is None or not self.table.row_count:
            return None
        key = self.table.coordinate_to_cell_key((self.table.cursor_row, 0)).row_key.value
        return next((row for row in self.data.resources if str(row["id"]) == key), None)

    # -- actions -----------------------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#resources")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_add(self) -> None:
        self._resource_dialog(None)

    def action_edit(self) -> None:
        resource = self.selected()
        if resource is not None:
            self._resource_dialog(resource)

    def _resource_dialog(self, resource: Row | None) -> None:
        def save(values: Any) -> Row:
            fields = forms.read_resource(values)
            with self.tracker.journal() as journal:
                if resource is None:
                    return plan.add_resource(journal, **fields)
                return plan.update_resource(journal, resource["id"], **fields)

        def saved(row: Row | None) -> None:
            if row is not None:
                self.post_message(ResourceSaved(row, added=resource is None))
                self.load_now()

        title = "Add a resource" if resource is None else f"Edit {cut(resource['title'], 50)}"
        hint = "Effort is hours or FTE points (one point is one semester-long paper)."
        dialog = FormDialog(title, forms.resource_fields(resource), save, hint=hint, check=forms.read_resource,
                            id="resource-dialog")
        self.app.push_screen(dialog, saved)

    def action_progress(self) -> None:
        resource = self.selected()
        if resource is None:
            return
        total = resource["units_total"]

        def save(values: Any) -> Row:
            done = forms.read_progress(values)
            with self.tracker.journal() as journal:
                return plan.record_progress(journal, resource["id"], done, self.tracker.today())

        def saved(row: Row | None) -> None:
            if row is not None:
                self.post_message(ProgressRecorded(row))
                self.load_now()

        of = f" of {total}" if total else ""
        fields = [FieldSpec("units_done", "Done", value=str(resource["units_done"] or ""),
                            placeholder=f"units done so far{of}, like 10")]
        hint = f"{resource['title']}: {resource['units_done'] or 0}{of} units done so far."
        self.app.push_screen(FormDialog("Record progress", fields, save, hint=hint, check=forms.read_progress,
                                            id="progress-dialog"), saved)

    def action_merge(self) -> None:
        row = self.selected()
        if row is not None:
            others = [other["title"] for other in self.data.resources if other["id"] != row["id"]]
            self.ask_merge("resource", row, row["title"], others, merge.merge_resources)

    def action_delete(self) -> None:
        row = self.selected()
        if row is not None:
            self.ask_delete("resource", row, row["title"], merge.delete_resource)

    # -- goals -------------------------------------------------------------------------------------------
    def action_add_goal(self) -> None:
        today = self.tracker.today()
        with self.tracker.journal() as journal:
            topics = data.topic_names(journal)
            resources = data.resource_titles(journal, self.tracker.settings)

        def read(values: Any) -> dict[str, Any]:
            with self.tracker.journal() as journal:
                return forms.read_goal(values, journal, today)

        def save(values: Any) -> Row:
            fields = read(values)
            with self.tracker.journal() as journal:
                return goals.add_goal(journal, **fields, today=today)

        def saved(row: Row | None) -> None:
            if row is not None:
                self.notify(f"Goal added: {goals.describe_goal(row)}")
                self.load_now()

        hint = ("weekly-hours and weekly-days need a target; finish a resource (with planned hours) and "
                "topic-hours (a target) need a due day.")
        self.app.push_screen(FormDialog("Add a goal", forms.goal_fields(topics, resources), save, hint=hint,
                                        check=read, id="goal-dialog"), saved)

    def action_remove_goal(self) -> None:
        goal = self.selected_goal()
        if goal is None:
            return
        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                with self.tracker.journal() as journal:
                    goals.remove_goal(journal, goal.id)
            except TrackerError as err:
                self.notify(err.line, severity="error")
                return
            self.load_now()

        question = f"Remove the goal {goal.text.rsplit(': ', 1)[0]}?"
        self.app.push_screen(ConfirmDialog(question, yes="Remove"), answered)
