"""What every screen shares: the navigation bar and footer, and reading its data off the UI thread.

A screen implements `compose_body()`, `fetch(journal)` (runs in a worker thread, on a Journal
opened for that read) and `show(data)` (back on the UI thread). It reads again each time it is
shown and on the refresh key, so changes made from the command line appear.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer

from tracker import journal as journal_service
from tracker.errors import TrackerError
from tracker.store import Journal, Row
from tracker.tui import data, forms
from tracker.tui.dialogs.confirm import ConfirmDialog
from tracker.tui.dialogs.form_dialog import FormDialog
from tracker.tui.messages import SessionDeleted, SessionEdited
from tracker.tui.widgets.nav_bar import NavBar
from tracker.tui.widgets.session_table import SessionTable

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp


class TrackerScreen(Screen):
    #: The ScreenEntry name this screen is registered under.
    NAME: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__(id=f"screen-{self.NAME}")
        #: How many times data has been shown (tests and the benchmark wait on it).
        self.loads = 0
        self.data: Any = None
        self._generation = 0
        self._shown_width = 0

    @property
    def tracker(self) -> TrackerApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield NavBar(self.NAME)
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    # -- reading -----------------------------------------------------------------------------------
    def fetch(self, journal: Journal) -> Any:
        """Runs in a worker thread; returns what `show` displays."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    def fetch_failed(self, err: TrackerError) -> None:
        self.notify(err.line, severity="error")

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self, event: Resize) -> None:
        """Column widths follow the terminal's: lay the same data out again."""
        if self.data is not None and event.size.width != self._shown_width:
            self._shown_width = event.size.width
            self.show(self.data)

    def reload(self) -> None:
        """Read this screen's data again (off the UI thread) and show it."""
        self._generation += 1
        self._load(self._generation)

    @work(thread=True, group="load", exit_on_error=True)
    def _load(self, generation: int) -> None:
        try:
            with self.tracker.journal() as journal:
                result = self.fetch(journal)
        except TrackerError as err:
            self.app.call_from_thread(self.fetch_failed, err)
            return
        self.app.call_from_thread(self._apply, result, generation)

    def _apply(self, result: Any, generation: int) -> None:
        if generation != self._generation:
            return  # a newer read was started after this one; its result is the one to show
        self.data = result
        self.show(result)
        self.loads += 1
        self.refresh_bindings()


class SessionsScreen(TrackerScreen):
    """A screen with a SessionTable: edit, delete with confirmation (undo is the app's `u`)."""

    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete"),
    ]

    @property
    def session_table(self) -> SessionTable:
        return self.query_one(SessionTable)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return self.session_table.row_count > 0 if self.is_mounted else False
        return True

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        session = self.session_table.selected()
        if session is None:
            return
        with self.tracker.journal() as journal:
            topics = data.topic_names(journal)
            resources = data.resource_titles(journal, self.tracker.settings)

        def save(values: Any) -> Row:
            fields = forms.read_session(values, self.tracker.today(), with_date=True)
            fields["resource"] = fields["resource"] or ""
            with self.tracker.journal() as journal:
                return journal_service.update_session(journal, session["id"], **fields)

        def saved(row: Row | None) -> None:
            if row is not None:
                self.post_message(SessionEdited(row))

        dialog = FormDialog(
            f"Edit session {session['id']}", forms.session_fields(topics, resources, session, with_date=True), save,
            id="session-dialog",
        )
        self.app.push_screen(dialog, saved)

    def action_delete(self) -> None:
        session = self.session_table.selected()
        if session is None:
            return
        from tracker.parse import format_minutes

        question = f"Delete {format_minutes(session['minutes'])} of {session['topic']} on {session['day']}?"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                with self.tracker.journal() as journal:
                    row = journal_service.delete_session(journal, session["id"])
            except TrackerError as err:
                self.notify(err.line, severity="error")
                return
            self.tracker.remember_deleted(row)
            self.post_message(SessionDeleted(row, session["topic"]))
            self.reload()

        self.app.push_screen(ConfirmDialog(question), answered)
