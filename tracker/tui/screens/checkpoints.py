"""Checkpoints: every checkpoint with its status; run the selected one against the learner's
workspace, read its explanation and hint, and turn a failure into a card.

A run happens in a worker (the checkpoint service starts a child process with its limits) and is
recorded in the journal like `tracker check run`. A checkpoint is "running" while its run's worker
is: when the worker ends, however it ends, the row shows the checkpoint's state again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Label, Markdown, Static
from textual.worker import Worker

from tracker import checkpoints
from tracker.cards import card_from_checkpoint_failure
from tracker.checkpoints.catalog import stage_starts
from tracker.checkpoints.events import HINT, record_event
from tracker.checkpoints.history import (
    checks_line,
    overview,
    record_runs,
    stored_message,
)
from tracker.errors import JournalBusy, Msg, TrackerError, bad_input, failure
from tracker.store import Journal, Row, open_journal
from tracker.tui.dialogs.form_dialog import FormDialog
from tracker.tui.formatting import cut
from tracker.tui.forms import FieldSpec
from tracker.tui.kept_runs import KeptRuns
from tracker.tui.messages import JournalChanged
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.screens.review import CardAdded
from tracker.tui.widgets.fitted_table import FittedTable
from tracker.tui.widgets.markdown import TrackerMarkdown
from tracker.tui.widgets.run_panel import run_panel

STATE_COLOR = {"passed": "text-success", "failing": "text-error", "re-check due": "text-warning",
               "never run": "foreground-muted"}
#: The list: the stage is named on its first checkpoint's row, so the path reads as groups; it
#: comes last, so the columns a run redraws keep their places.
COLUMNS = (("#", "order"), ("checkpoint", "name"), ("status", "state"), ("checks", "checks"), ("stage", "stage"))
STAGE_WIDTH = 16
#: Cell widths that don't shrink: the order, "re-check due", "12 of 12"; the name takes what's left
#: (NAME_WIDTH at most), and the stage column is shown only when it has room.
FIXED_WIDTHS = 2 + 12 + 8
NAME_WIDTH = (10, 22)


class CheckpointRan(JournalChanged):
    def __init__(self, row: Row) -> None:
        summary = row.get("checks") or row["message"]
        verdict = f"passed in {row['seconds']:.2f}s" if row["passed"] else f"failed: {cut(summary, 60)}"
        super().__init__(row, f"Checkpoint {row['checkpoint']} {verdict}")


@dataclass(frozen=True)
class CheckpointsData:
    today: date
    #: tracker.checkpoints.history.overview rows: the curriculum, then note blocks ever run.
    rows: tuple[Row, ...]


def workspace_file(folder_text: str, checkpoint: checkpoints.Checkpoint) -> Path:
    """The learner's file for a checkpoint in the workspace; bad input when it isn't there."""
    folder = Path(folder_text.strip() or ".").expanduser()
    if not folder.is_dir():
        raise bad_input(Msg.NO_WORKSPACE, path=folder)
    path = checkpoints.learner_file(folder, checkpoint)
    if not path.is_file():
        raise bad_input(Msg.NO_SUCH, thing="file", name=str(path), hint=" (i writes the stubs into the workspace)")
    return path


class CheckpointsScreen(TrackerScreen):
    NAME = "checkpoints"
    #: The runs, and the topics' notes (their checkpoint blocks).
    TABLES = frozenset({"checkpoint_run", "topic"})
    AUTO_FOCUS = "#checkpoints"
    BINDINGS = [
        Binding("r", "run", "Run"),
        Binding("c", "card", "Card from failure"),
        Binding("w", "workspace", "Workspace"),
        Binding("i", "init", "Write stubs"),
        Binding("h", "hint", "Show the hint"),
        Binding("escape", "leave_workspace", "Back to the list", show=False),
    ]
    HELP_EXTRA = (
        ("enter", "On a checkpoint: run it"),
        ("enter (workspace)", "Use this folder for runs (kept while the app is open)"),
    )

    def __init__(self) -> None:
        super().__init__()
        #: The workspace folder: the current directory until the learner types another.
        self.workspace = str(Path.cwd())
        #: The latest run of each checkpoint made on this screen, by name.
        self.results: dict[str, checkpoints.RunResult] = {}
        #: Finished runs the journal was too busy to record, recorded once it is free.
        self.kept = KeptRuns(self)
        self._hint_for: str | None = None
        #: Checkpoints whose hint was opened here: it stays shown, and each opening is noted once.
        self._hints_open: set[str] = set()
        #: The first checkpoint of each stage of the path, by name, with the stage it starts.
        self._stage_starts: dict[str, str] = {}
        #: The name's and the stage's cell widths, for the table's width now (`_fit_columns`).
        self._name_width, self._stage_width = NAME_WIDTH[1], STAGE_WIDTH

    @property
    def running(self) -> set[str]:
        """The checkpoints being run now (each run's worker is named after its checkpoint)."""
        return {worker.name for worker in self.busy("run")}

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="screen-header"):
            yield Label("workspace", classes="filter-label")
            yield Input(self.workspace, compact=True, id="workspace", select_on_focus=False,
                        placeholder="the folder holding 01_broadcasting.py ...")
        yield Static("", id="workspace-error", classes="status-line error-line")
        with Horizontal(id="checkpoints-body"):
            yield FittedTable(id="checkpoints", cursor_type="row", zebra_stripes=True)
            with Vertical(id="checkpoint-side"):
                yield Static("", id="run-output", classes="panel")
                with VerticalScroll(id="hint-box", classes="panel") as hint:
                    hint.border_title = "Hint"
                    yield TrackerMarkdown("", id="hint")

    def on_mount(self) -> None:
        table = self.table
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        table.border_title = "Checkpoints"

    @property
    def table(self) -> FittedTable:
        return self.query_one("#checkpoints", FittedTable)

    def _fit_columns(self, width: int) -> None:
        """The name gets what the fixed cells leave; the stage column goes where it has no room."""
        table = self.table
        room = width - 4 - 2 * (len(COLUMNS) - 1) - FIXED_WIDTHS
        self._name_width = max(NAME_WIDTH[0], min(NAME_WIDTH[1], room))
        stage_room = room - self._name_width - 2
        self._stage_width = min(STAGE_WIDTH, stage_room) if stage_room >= len("stage") + 3 else 0
        if not self._stage_width and "stage" in table.columns:
            table.remove_column("stage")
        elif self._stage_width and "stage" not in table.columns:
            table.add_column("stage", key="stage")

    # -- reading -------------------------------------------------------------------------------------
    def fetch(self, journal: Journal) -> CheckpointsData:
        today = self.tracker.today()
        return CheckpointsData(today, tuple(overview(journal, today)))

    def show(self, found: CheckpointsData) -> None:
        table = self.table
        keep = self.selected()
        table.clear()
        width = table.fit_width()
        self._fit_columns(width)
        self._stage_starts = stage_starts(found.rows)
        for row in found.rows:
            table.add_row(*self._cells(row).values(), key=row["name"])
        table.fitted(width)
        if keep is not None:
            for index, row in enumerate(found.rows):
                if row["name"] == keep["name"]:
                    table.move_cursor(row=index)
        passed = sum(1 for row in found.rows if row["state"] in ("passed", "re-check due"))
        due = sum(1 for row in found.rows if row["state"] == "re-check due")
        table.border_subtitle = f"{passed} of {len(found.rows)} passed" + (f" · {due} due" if due else "")
        self._show_selected()
        self.refresh_bindings()

    def _cells(self, row: Row) -> dict[str, Text]:
        """The row's cells by column key, for the columns the table has now."""
        order = Text(str(row["order"]) if row["order"] is not None else "·", justify="right")
        if row["name"] in self.running:
            state = self.tracker.styled("running…", "accent")
        else:
            state = self.tracker.styled(row["state"], STATE_COLOR.get(row["state"], ""))
        stage = self._stage_starts.get(row["name"], "")
        cells = {"order": order, "name": Text(cut(row["name"], self._name_width)), "state": state,
                 "checks": Text(row.get("checks") or "", justify="right")}
        if self._stage_width:
            cells["stage"] = Text(cut(stage, self._stage_width), style="bold")
        return cells

    def selected(self) -> Row | None:
        if self.data is None or not self.table.row_count:
            return None
        key = self.table.coordinate_to_cell_key((self.table.cursor_row, 0)).row_key.value
        return next((row for row in self.data.rows if row["name"] == key), None)

    def _checkpoint(self, row: Row | None) -> checkpoints.Checkpoint | None:
        """The curriculum's checkpoint for a row (a note block has none: it runs from its note)."""
        if row is None or row["order"] is None:
            return None
        return next((c for c in checkpoints.load_curriculum() if c.name == row["name"]), None)

    @on(DataTable.RowHighlighted, "#checkpoints")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_selected()
        self.refresh_bindings()  # run and card depend on the selected checkpoint

    def _show_selected(self) -> None:
        row = self.selected()
        self._show_output(row)
        checkpoint = self._checkpoint(row)
        name = checkpoint.name if checkpoint else None
        if name == self._hint_for:
            return
        self._hint_for = name
        hint_box = self.query_one("#hint-box")
        if checkpoint is None:
            text = "A checkpoint from your notes: run it with `tracker check run --file NOTES.md`." if row else ""
            hint_box.border_title = "Hint"
        else:
            hint = f"## Hint\n\n{checkpoint.hint.strip()}" if name in self._hints_open else Msg.HINT_KEY.value
            text = f"{checkpoint.explanation.strip()}\n\n{hint}\n"
            hint_box.border_title = f"{checkpoint.order}. {checkpoint.topic}"
        self.query_one("#hint", Markdown).update(text)
        hint_box.scroll_home(animate=False)

    def _show_output(self, row: Row | None) -> None:
        """The selected checkpoint's latest run: this session's, else the journal's last verdict."""
        panel = self.query_one("#run-output", Static)
        if row is None:
            panel.update("")
            return
        checkpoint = self._checkpoint(row)
        panel.border_title = f"Run · {row['name']}"
        panel.update(run_panel(row, self.results.get(row["name"]), row["name"] in self.running,
                               checkpoint.file_name if checkpoint else None))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "run":
            row = self.selected() if self.is_mounted else None
            return self._checkpoint(row) is not None and row["name"] not in self.running
        if action == "card":
            return self._failure(self.selected() if self.is_mounted else None) is not None
        return True

    def _failure(self, row: Row | None) -> str | None:
        """The message of the selected checkpoint's failed latest run (None when it passed)."""
        checkpoint = self._checkpoint(row)
        if checkpoint is None or row is None:
            return None
        result = self.results.get(checkpoint.name)
        if result is not None:
            return None if result.passed else stored_message(result)
        return row["message"] or None

    @on(DataTable.RowSelected, "#checkpoints")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_run()

    def action_run(self) -> None:
        row = self.selected()
        checkpoint = self._checkpoint(row)
        if checkpoint is None or checkpoint.name in self.running:
            return
        try:
            workspace_file(self.query_one("#workspace", Input).value, checkpoint)
        except TrackerError as err:
            self._workspace_error(err.line)
            return
        self._workspace_error("")
        self.workspace = self.query_one("#workspace", Input).value.strip() or "."
        self.run_worker(
            partial(self._run, checkpoint, Path(self.workspace).expanduser()), name=checkpoint.name, group="run",
            thread=True, exit_on_error=False, description=f"Running checkpoint {checkpoint.name}",
        )
        self._redraw_row(checkpoint.name)

    def _run(self, checkpoint: checkpoints.Checkpoint, workspace: Path) -> checkpoints.RunResult:
        """In a worker thread: run the learner's file and record the verdict. The record waits
        for a busy journal as long as the command line would (the UI's short wait is for the UI
        thread), and past that the result is kept and recorded later, never dropped."""
        started = self.tracker.now()
        limits = checkpoints.Limits(timeout=self.tracker.settings.checkpoint_timeout)
        (result,) = checkpoints.run_workspace(workspace, [checkpoint], limits)
        try:
            with open_journal(self.tracker.journal_location) as journal:  # the store's full busy wait
                record_runs(journal, [result], started)
        except JournalBusy:
            self.app.call_from_thread(self.kept.keep, result, started)
        return result

    @property
    def unrecorded(self) -> list[tuple[checkpoints.RunResult, datetime]]:
        return self.kept.waiting

    def unsaved(self) -> list[str]:
        """For the quit question: the results still waiting for a busy journal."""
        return self.kept.unsaved()

    def worker_done(self, worker: Worker) -> None:
        if worker.group == "run":
            self._ran(worker.result)

    def worker_failed(self, worker: Worker) -> None:
        super().worker_failed(worker)
        if worker.group == "run":
            self._redraw_row(worker.name)

    def _ran(self, result: checkpoints.RunResult) -> None:
        """The run's worker has ended: its row says the state again (the journal's new state comes
        with the read its record starts, and may look just as before: a pass passed again)."""
        self.results[result.name] = result
        row = {"checkpoint": result.name, "passed": result.passed, "message": stored_message(result),
               "seconds": result.seconds, "checks": checks_line(result)}
        self.post_message(CheckpointRan(row))
        self._redraw_row(result.name)

    def _redraw_row(self, name: str) -> None:
        row = next((r for r in (self.data.rows if self.data else ()) if r["name"] == name), None)
        if row is None:
            return
        for column, cell in self._cells(row).items():
            self.table.update_cell(name, column, cell)
        self._show_selected()
        self.refresh_bindings()

    def _workspace_error(self, line: str) -> None:
        error = self.query_one("#workspace-error", Static)
        error.update(line)
        error.set_class(bool(line), "shown")

    def action_card(self) -> None:
        row = self.selected()
        checkpoint = self._checkpoint(row)
        message = self._failure(row)
        if checkpoint is None or message is None:
            return

        def save(values: Any) -> Any:
            with self.tracker.journal() as journal:
                return card_from_checkpoint_failure(journal, checkpoint.name, checkpoint.topic, message,
                                                    back=str(values.get("back") or ""), now=self.tracker.now())

        def saved(made: Any) -> None:
            if made is None:
                return
            if made.created:
                self.post_message(CardAdded(made.card))
            else:
                self.notify(f"That failure is card {made.card['id']} already.", timeout=5)

        fields = [FieldSpec("back", "Answer", placeholder="what was wrong, and what is right (optional)")]
        hint = f"{checkpoint.name} failed with: {cut(message, 200)}\nThe card asks what the mistake was."
        self.app.push_screen(FormDialog("Card from this failure", fields, save, submit_label="Make card",
                                        hint=hint, id="failure-card-dialog"), saved)

    def action_hint(self) -> None:
        """Open the selected checkpoint's hint, noted in the journal: the next pass counts as "hard"."""
        checkpoint = self._checkpoint(self.selected())
        if checkpoint is None or checkpoint.name in self._hints_open:
            return
        try:
            with self.tracker.journal() as journal:
                record_event(journal, checkpoint.name, HINT, self.tracker.now())
        except TrackerError as err:
            self.notify(err.line, severity="error", timeout=8)
        self._hints_open.add(checkpoint.name)
        self._hint_for = None
        self._show_selected()

    def action_workspace(self) -> None:
        self.query_one("#workspace", Input).focus()

    def action_leave_workspace(self) -> None:
        self.table.focus()

    @on(Input.Submitted, "#workspace")
    def _workspace_entered(self, event: Input.Submitted) -> None:
        event.stop()
        folder = Path(event.value.strip() or ".").expanduser()
        if not folder.is_dir():
            self._workspace_error(bad_input(Msg.NO_WORKSPACE, path=folder).line)
            return
        self._workspace_error("")
        self.workspace = event.value.strip() or "."
        self.table.focus()

    @on(Input.Changed, "#workspace")
    def _workspace_typed(self, event: Input.Changed) -> None:
        event.stop()
        self._workspace_error("")

    def action_init(self) -> None:
        """Write the stubs of every checkpoint into the workspace (the learner's files are kept)."""
        folder = Path(self.query_one("#workspace", Input).value.strip() or ".").expanduser()
        if folder.exists() and not folder.is_dir():
            self._workspace_error(bad_input(Msg.NOT_A_FOLDER, path=folder).line)
            return
        try:
            outcome = checkpoints.init_workspace(folder)
        except OSError as err:
            self._workspace_error(failure(Msg.UNWRITABLE, path=folder, reason=err.strerror or err).line)
            return
        self._workspace_error("")
        kept = f", kept {len(outcome.skipped)} of yours" if outcome.skipped else ""
        self.notify(f"Wrote {len(outcome.written)} stubs to {folder}{kept}.", timeout=5)
