"""Checkpoints: every checkpoint with its status; run the selected one against the learner's
workspace, read its explanation and hint, and turn a failure into a card.

A run happens in a worker (the checkpoint service starts a child process with its limits) and is
recorded in the journal like `tracker check run`. A checkpoint is "running" while its run's worker
is: when the worker ends, however it ends, the row shows the checkpoint's state again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Input, Label, Markdown, Static
from textual.worker import Worker

from tracker import checkpoints
from tracker.cards import card_from_checkpoint_failure
from tracker.checkpoints.history import overview, record_runs, stored_message
from tracker.display import shown
from tracker.errors import Msg, TrackerError, bad_input, failure
from tracker.store import Journal, Row
from tracker.tui.dialogs.form_dialog import FormDialog
from tracker.tui.formatting import cut
from tracker.tui.forms import FieldSpec
from tracker.tui.messages import JournalChanged
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.screens.review import CardAdded
from tracker.tui.widgets.markdown import TrackerMarkdown

STATE_COLOR = {"passed": "text-success", "failing": "text-error", "re-check due": "text-warning",
               "never run": "foreground-muted"}
#: How much of a run's captured output the panel shows (its last lines: where the error is).
OUTPUT_LINES = 12


class CheckpointRan(JournalChanged):
    def __init__(self, row: Row) -> None:
        verdict = f"passed in {row['seconds']:.2f}s" if row["passed"] else f"failed: {cut(row['message'], 60)}"
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
        self._hint_for: str | None = None

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
            yield DataTable(id="checkpoints", cursor_type="row", zebra_stripes=True)
            with Vertical(id="checkpoint-side"):
                yield Static("", id="run-output", classes="panel")
                with VerticalScroll(id="hint-box", classes="panel") as hint:
                    hint.border_title = "Hint"
                    yield TrackerMarkdown("", id="hint")

    def on_mount(self) -> None:
        table = self.query_one("#checkpoints", DataTable)
        for label, key in (("#", "order"), ("checkpoint", "name"), ("status", "state")):
            table.add_column(label, key=key)
        table.border_title = "Checkpoints"

    @property
    def table(self) -> DataTable:
        return self.query_one("#checkpoints", DataTable)

    # -- reading -------------------------------------------------------------------------------------
    def fetch(self, journal: Journal) -> CheckpointsData:
        today = self.tracker.today()
        return CheckpointsData(today, tuple(overview(journal, today)))

    def show(self, found: CheckpointsData) -> None:
        table = self.table
        keep = self.selected()
        table.clear()
        for row in found.rows:
            table.add_row(*self._cells(row), key=row["name"])
        if keep is not None:
            for index, row in enumerate(found.rows):
                if row["name"] == keep["name"]:
                    table.move_cursor(row=index)
        passed = sum(1 for row in found.rows if row["state"] in ("passed", "re-check due"))
        due = sum(1 for row in found.rows if row["state"] == "re-check due")
        table.border_subtitle = f"{passed} of {len(found.rows)} passed" + (f" · {due} due" if due else "")
        self._show_selected()
        self.refresh_bindings()

    def _cells(self, row: Row) -> list[Text]:
        order = Text(str(row["order"]) if row["order"] is not None else "·", justify="right")
        if row["name"] in self.running:
            state = self.tracker.styled("running…", "accent")
        else:
            state = self.tracker.styled(row["state"], STATE_COLOR.get(row["state"], ""))
        return [order, Text(cut(row["name"], 20)), state]

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
            text = f"{checkpoint.explanation.strip()}\n\n## Hint\n\n{checkpoint.hint.strip()}\n"
            hint_box.border_title = f"{checkpoint.order}. {checkpoint.topic}"
        self.query_one("#hint", Markdown).update(text)
        hint_box.scroll_home(animate=False)

    def _show_output(self, row: Row | None) -> None:
        """The selected checkpoint's latest run: this session's, else the journal's last verdict."""
        panel = self.query_one("#run-output", Static)
        if row is None:
            panel.update("")
            return
        name = row["name"]
        checkpoint = self._checkpoint(row)
        file_name = checkpoint.file_name if checkpoint else name
        panel.border_title = f"Run · {name}"
        result = self.results.get(name)
        if name in self.running:
            panel.update(Content.from_markup("[$text-accent]Running $file…[/]", file=file_name))
        elif result is not None:
            panel.update(self._result_content(result, file_name))
        elif row["state"] == "failing" and row["message"]:
            panel.update(Content.from_markup(
                "[b $text-error]FAIL[/] (last run $when)\n$message\n\n[$text-muted]r runs it again · c makes a card[/]",
                when=row["last_run"] or "", message=shown(row["message"], lines=True),
            ))
        elif row["last_run"]:
            due = f", re-check due {row['due']}" if row["due"] else ""
            panel.update(Content.from_markup(
                "[b $text-success]PASS[/] (last run $when$due)\n[$text-muted]r runs $file again[/]",
                when=row["last_run"], due=due, file=file_name,
            ))
        elif checkpoint is not None:
            panel.update(Content.from_markup("Never run.\n[$text-muted]r runs $file from the workspace[/]",
                                             file=file_name))
        else:
            panel.update("")

    @staticmethod
    def _result_content(result: checkpoints.RunResult, file_name: str) -> Content:
        if result.passed:
            return Content.from_markup("[b $text-success]PASS[/] $file in $seconds s",
                                       file=file_name, seconds=f"{result.seconds:.2f}")
        content = Content.from_markup(
            "[b $text-error]FAIL[/] $reason · $seconds s\n$message",
            reason=result.reason.label, seconds=f"{result.seconds:.2f}", message=shown(result.message, lines=True),
        )
        output = "\n".join(result.output.rstrip().splitlines()[-OUTPUT_LINES:])
        if output:
            content += Content.from_markup("\n[$text-muted]output:[/]\n") + Content(shown(output, lines=True))
        return content + Content.from_markup("\n\n[$text-muted]c makes a card of this failure[/]")

    # -- actions -------------------------------------------------------------------------------------
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
        """In a worker thread: run the learner's file and record the verdict."""
        started = self.tracker.now()
        limits = checkpoints.Limits(timeout=self.tracker.settings.checkpoint_timeout)
        (result,) = checkpoints.run_workspace(workspace, [checkpoint], limits)
        with self.tracker.journal() as journal:
            record_runs(journal, [result], started)
        return result

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
               "seconds": result.seconds}
        self.post_message(CheckpointRan(row))
        self._redraw_row(result.name)

    def _redraw_row(self, name: str) -> None:
        row = next((r for r in (self.data.rows if self.data else ()) if r["name"] == name), None)
        if row is None:
            return
        for column, cell in zip(("order", "name", "state"), self._cells(row), strict=True):
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
