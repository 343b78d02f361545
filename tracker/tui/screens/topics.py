"""Topics: each topic with its time, its learn-later list and its checkpoint status."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from tracker import merge, study
from tracker.errors import TrackerError
from tracker.parse import format_minutes, plural
from tracker.store import Journal, Row
from tracker.topics import add_topic
from tracker.tui import data, forms
from tracker.tui.data import TopicsData
from tracker.tui.dialogs.form_dialog import FormDialog
from tracker.tui.dialogs.merge_dialog import UndoesMerges
from tracker.tui.formatting import cut, first_line, share_widths
from tracker.tui.forms import FieldSpec
from tracker.tui.messages import LaterAdded, LaterDone, TopicAdded
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.fitted_table import FittedTable


class TopicsScreen(UndoesMerges, TrackerScreen):
    NAME = "topics"
    #: Topics with their learn-later items, minutes studied and checkpoint status.
    TABLES = frozenset({"topic", "learn_later", "study_session", "checkpoint_run"})
    AUTO_FOCUS = "#topics"
    BINDINGS = [
        Binding("a", "add_later", "Add to learn later"),
        Binding("x", "learned", "Learned"),
        Binding("n", "new_topic", "New topic"),
        Binding("m", "merge", "Merge into another topic"),
        Binding("d,delete", "delete", "Delete topic"),
        Binding(*UndoesMerges.UNDO_BINDING),
    ]
    HELP_EXTRA = (("tab", "Between the topics and the selected topic's learn-later list"),)

    def compose_body(self) -> ComposeResult:
        yield FittedTable(id="topics", cursor_type="row", zebra_stripes=True)
        yield Static("", id="topic-detail", classes="status-line")
        yield DataTable(id="later", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        topics = self.query_one("#topics", DataTable)
        for label in ("topic", "parent", "time", "last studied", "later", "checkpoint"):
            topics.add_column(label, key=label)
        later = self.query_one("#later", DataTable)
        later.add_column("added", key="added")
        later.add_column("to learn later", key="text")
        topics.border_title = "Topics"
        later.border_title = "Learn later"

    def fetch(self, journal: Journal) -> TopicsData:
        return data.topics_data(journal, self.tracker.today())

    def show(self, topics: TopicsData) -> None:
        table = self.query_one("#topics", DataTable)
        keep = self.selected_topic()
        table.clear()
        # time, "last studied", later: the text columns share what they leave.
        width = table.fit_width()
        room = width - 4 - 2 * 6 - (6 + 12 + 5)
        widths = share_widths(room, {"topic": 0.45, "parent": 0.25, "checkpoint": 0.3},
                              {"topic": 30, "parent": 24, "checkpoint": 30})
        for row in topics.topics:
            check = topics.checkpoints.get(row["name"].lower(), "")
            table.add_row(
                Text(cut(row["name"], widths["topic"])),
                Text(cut(row["parent"], widths["parent"])),
                Text(format_minutes(row["minutes"]) if row["minutes"] else ""),
                Text(row["last_day"] or ""),
                Text(str(len(topics.later.get(row["name"], [])) or "")),
                Text(cut(checkpoint_cell(check), widths["checkpoint"])),
                key=row["name"],
            )
            if keep and row["name"] == keep["name"]:
                table.move_cursor(row=table.row_count - 1)
        table.fitted(width)
        table.border_subtitle = f"{plural(len(topics.topics), 'topic')} · n new topic" if topics.topics else "no topics yet: n adds one"
        self._show_topic()

    def selected_topic(self) -> Row | None:
        table = self.query_one("#topics", DataTable)
        if self.data is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((row for row in self.data.topics if row["name"] == key), None)

    def selected_later(self) -> Row | None:
        table = self.query_one("#later", DataTable)
        topic = self.selected_topic()
        if topic is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((row for row in self.data.later.get(topic["name"], []) if str(row["id"]) == key), None)

    @on(DataTable.RowHighlighted, "#topics")
    def _topic_moved(self, event: DataTable.RowHighlighted) -> None:
        self._show_topic()

    def _show_topic(self) -> None:
        topic = self.selected_topic()
        later = self.query_one("#later", DataTable)
        later.clear()
        detail = self.query_one("#topic-detail", Static)
        if topic is None:
            detail.update("")
            return
        items = self.data.later.get(topic["name"], [])
        for item in items:
            later.add_row(Text(item["added_on"]), Text(cut(item["text"], 100)), key=str(item["id"]))
        check = self.data.checkpoints.get(topic["name"].lower())
        notes = cut(first_line(topic["notes"]), 60)
        parts = [f"checkpoint {check}" if check else "no checkpoint", f"notes: {notes}" if notes else ""]
        detail.update(Content.from_markup("[b]$name[/b] · $rest", name=topic["name"], rest=" · ".join(p for p in parts if p)))
        later.border_title = f"Learn later · {cut(topic['name'], 40)}"
        later.border_subtitle = "a add · x learned" if items else "nothing yet: a adds an item"

    # -- actions -------------------------------------------------------------------------------------------
    def action_add_later(self) -> None:
        topic = self.selected_topic()
        if topic is None:
            return

        def save(values: Any) -> Row:
            text = forms.read_later(values)
            with self.tracker.journal() as journal:
                return study.add_later(journal, topic["name"], text, self.tracker.today())

        def saved(row: Row | None) -> None:
            if row is not None:
                self.post_message(LaterAdded(row))
                self.load_now()

        fields = [FieldSpec("text", "Text", placeholder="Why do residual connections help gradients?")]
        dialog = FormDialog(f"Learn later · {cut(topic['name'], 40)}", fields, save, submit_label="Add",
                            check=forms.read_later, id="later-dialog")
        self.app.push_screen(dialog, saved)

    def action_learned(self) -> None:
        item = self.selected_later()
        if item is None:
            return
        try:
            with self.tracker.journal() as journal:
                row = study.finish_later(journal, item["id"], self.tracker.today())
        except TrackerError as err:
            self.notify(err.line, severity="error")
            return
        self.post_message(LaterDone(row))
        self.load_now()

    def action_new_topic(self) -> None:
        topics = [row["name"] for row in self.data.topics] if self.data else []

        def save(values: Any) -> Row:
            fields = forms.read_topic(values)
            with self.tracker.journal() as journal:
                return add_topic(journal, fields["name"], parent=fields["parent"])

        def saved(row: Row | None) -> None:
            if row is not None:
                self.post_message(TopicAdded(row))
                self.load_now()

        fields = [
            FieldSpec("name", "Name", placeholder="Backpropagation"),
            FieldSpec("parent", "Parent", placeholder="Neural networks (optional)", suggestions=tuple(topics)),
        ]
        self.app.push_screen(FormDialog("New topic", fields, save, check=forms.read_topic, id="topic-dialog"), saved)

    def action_merge(self) -> None:
        row = self.selected_topic()
        if row is not None:
            others = [other["name"] for other in self.data.topics if other["id"] != row["id"]]
            self.ask_merge("topic", row, row["name"], others, merge.merge_topics)

    def action_delete(self) -> None:
        row = self.selected_topic()
        if row is not None:
            self.ask_delete("topic", row, row["name"], merge.delete_topic)


def checkpoint_cell(line: str) -> str:
    """A topic's checkpoints in a few words: the state of its one checkpoint ('passed, re-check
    2026-12-01'), or counts by state when it has several ('1 passed, 1 never run')."""
    if not line:
        return ""
    states = [entry.split(": ", 1)[-1] for entry in line.split("; ")]
    if len(states) == 1:
        state, _, recheck = states[0].partition(", re-check ")
        return f"{state}, next {date.fromisoformat(recheck):%d %b}" if recheck else state
    counts: dict[str, int] = {}
    for state in states:
        name = state.split(",")[0]
        counts[name] = counts.get(name, 0) + 1
    return ", ".join(f"{count} {name}" for name, count in counts.items())
