"""What every screen shares: the navigation bar and footer, and reading its data off the UI thread.

A screen implements `compose_body()`, `fetch(journal)` (runs in a worker thread, on a Journal
opened for that read) and `show(data)` (back on the UI thread). It reads again each time it is
shown, on the refresh key, and, while shown, after each write to the tables it declares in
`TABLES` (the app passes every journal change on to `journal_changed`, see tracker.tui.freshness).

A screen's other work (a checkpoint run, the post's preview, the dashboard) runs in workers too.
What shows that work under way is read from the workers still running, and a worker that fails is
handled by the app, in one place (TrackerApp._worker_changed), which then calls `worker_failed`.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize, ScreenResume
from textual.screen import Screen
from textual.widgets import DataTable
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from tracker import study
from tracker.errors import TrackerError
from tracker.parse import format_minutes
from tracker.store import Change, Journal, Row
from tracker.tui import data, forms
from tracker.tui.compat import (
    draw_offscreen,
    lay_out,
    mark_styles_current,
    styles_current,
)
from tracker.tui.dialogs.confirm import ConfirmDialog
from tracker.tui.dialogs.form_dialog import FormDialog
from tracker.tui.messages import SessionDeleted, SessionEdited
from tracker.tui.screens import SCREENS
from tracker.tui.widgets.fitted_table import FittedTable
from tracker.tui.widgets.key_bar import KeyBar
from tracker.tui.widgets.nav_bar import NavBar
from tracker.tui.widgets.session_table import SessionTable

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp


class TrackerScreen(Screen):
    #: The ScreenEntry name this screen is registered under.
    NAME: ClassVar[str] = ""
    #: The tables what this screen shows is read from; None: any (it sums up the whole journal).
    TABLES: ClassVar[frozenset[str] | None] = None

    def __init__(self) -> None:
        super().__init__(id=f"screen-{self.NAME}")
        #: What the last read returned, as shown (None before the first read).
        self.data: Any = None
        self._generation = 0
        self._shown_width = 0
        self._drawn_theme = ""
        self._suspended = False
        #: Journal changes that touched TABLES so far; the count the latest read covers; the
        #: count the data shown covers. More changes than the latest read covers: stale.
        self._changes = 0
        self._reading = 0
        self._shown_changes = 0
        # A screen opened after the first is styled as it mounts (its own CSS, if any, is read by
        # then), yet Textual would also re-parse the whole stylesheet, twice, the first time its
        # mode opens (a new screen's count starts at -1): most of the cost of a first visit. The
        # first screen needs that pass (it sets the theme's variables), so only later ones skip it.
        if self._app_has_a_screen():
            mark_styles_current(self)

    def _app_has_a_screen(self) -> bool:
        try:
            return self.app.screen.is_mounted
        except Exception:  # noqa: BLE001 - Textual raises ScreenStackError before the first screen
            return False

    @property
    def tracker(self) -> TrackerApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield NavBar(self.NAME, SCREENS)
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    # -- reading -----------------------------------------------------------------------------------
    def fetch(self, journal: Journal) -> Any:
        """Returns what `show` displays; runs on the UI thread or in a worker thread."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    def fetch_failed(self, err: TrackerError) -> None:
        self.notify(err.line, severity="error")

    def on_mount(self) -> None:
        """The first read happens before the first frame, so a screen never flashes empty."""
        self.load_now()

    def on_screen_suspend(self) -> None:
        self._suspended = True

    async def settle(self) -> None:
        """Until what the first read started is done: this screen's workers, and (in screens
        that override this) what they mount."""
        for worker in [worker for worker in self.app.workers if worker.node is self]:
            with suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()

    async def prepare_offscreen(self) -> None:
        """For a screen the app built ahead, in idle time: lay it out and draw it once where
        nobody sees it, so its first visit costs what any later switch costs. That visit reads
        again, as a return to the screen does (the journal may have changed meanwhile)."""
        self._suspended = True
        for _ in range(3):  # later passes add the scrollbars the first one's sizes call for
            if self.is_current or not self.is_attached:
                return
            lay_out(self)
            await asyncio.sleep(0.01)
        draw_offscreen(self)

    def on_screen_resume(self, event: ScreenResume) -> None:
        """Back on screen (from another screen or a dialog): read again, in a worker, and redraw
        only if something changed meanwhile (the command line may have written)."""
        if styles_current(self):
            # Styles are as they were when this screen was last shown (a theme change bumps the
            # count, and the app restyles then). Restyling anyway would clear every table's
            # rendered lines and cost a full redraw, the larger part of a screen switch.
            event.refresh_styles = False
        if self._suspended:
            self._suspended = False
            self.reload()

    def on_resize(self, event: Resize) -> None:
        """Column widths follow the terminal's: lay the same data out again."""
        if self.data is not None and event.size.width != self._shown_width:
            self._shown_width = event.size.width
            self.show(self.data)

    # -- staying up to date -------------------------------------------------------------------------
    @property
    def stale(self) -> bool:
        """A write touched what this screen shows after its latest read began."""
        return self._changes != self._reading

    def journal_changed(self, change: Change) -> None:
        """The journal changed (this UI, or another process): shown, read again once the handler
        at work is done (it may be this screen's own write, followed by its `load_now`); else
        when next shown, as every screen is."""
        if change.touches(self.TABLES):
            self._changes += 1
            if self.is_current:
                self.call_later(self._catch_up)

    def _catch_up(self) -> None:
        if self.stale and self.is_current:
            self.reload()

    def refresh_all(self) -> None:
        """The refresh key: read again and draw again, even what looks the same."""
        self.reload(redraw=True)

    def refresh_derived(self) -> None:
        """A read after a change found the same data: a screen that shows more than `fetch`
        returns (the Week's preview of the post, read from the whole journal) updates that here."""

    @on(FittedTable.WidthChanged)
    def _refit(self, event: FittedTable.WidthChanged) -> None:
        """A table of this screen is a new width: lay the same data out again, cut for it."""
        event.stop()
        if self.data is not None:
            self.show(self.data)

    def load_now(self) -> None:
        """Read and show right away, on the UI thread: for the first read and after this screen's
        own writes, when the learner waits for the result. (Every screen's read takes a few tens
        of ms at most on a ten-year journal; returns to a screen read in a worker.)"""
        self._generation += 1
        self._reading = self._changes
        try:
            with self.tracker.journal() as journal:
                result = self.fetch(journal)
        except TrackerError as err:
            self.fetch_failed(err)
            return
        self._apply(result, self._generation)

    def reload(self, redraw: bool = False) -> None:
        """Read this screen's data again off the UI thread and show it.

        Unchanged data is not drawn again (redrawing tables is what costs), unless `redraw`.
        """
        self._generation += 1
        self._reading = self._changes
        self._load(self._generation, redraw)

    @work(thread=True, group="load", exit_on_error=False, description="Reading the journal")
    def _load(self, generation: int, redraw: bool) -> None:
        try:
            with self.tracker.journal() as journal:
                result = self.fetch(journal)
        except TrackerError as err:
            self.app.call_from_thread(self.fetch_failed, err)
            return
        self.app.call_from_thread(self._apply, result, generation, redraw)

    def _apply(self, result: Any, generation: int, redraw: bool = False) -> None:
        if generation != self._generation:
            return  # a newer read was started after this one; its result is the one to show
        after_change, self._shown_changes = self._reading != self._shown_changes, self._reading
        if redraw or result != self.data or self._drawn_theme != self.app.theme:
            self.data = result
            self._drawn_theme = self.app.theme
            self._shown_width = self.size.width
            self.show(result)
        elif after_change:
            self.refresh_derived()

    # -- work in workers ----------------------------------------------------------------------------
    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        """Textual tells only this screen how its workers end. A failure goes on to the app, which
        handles every one (and calls `worker_failed`); a success may bring a result to show."""
        if event.state is WorkerState.ERROR:
            self.app.post_message(event)
        elif event.state is WorkerState.SUCCESS:
            self.worker_done(event.worker)

    def busy(self, group: str) -> list[Worker]:
        """This screen's workers of a group that have not ended: what shows work under way is read
        from these, so nothing stays "running" once its worker is gone."""
        return [worker for worker in self.app.workers
                if worker.node is self and worker.group == group and not worker.is_finished]

    def worker_done(self, worker: Worker) -> None:
        """One of this screen's workers returned (`worker.result`): a screen whose workers return
        what it shows overrides this."""

    def worker_failed(self, worker: Worker) -> None:
        """One of this screen's workers died, and the app has told the learner: draw again what
        showed the work under way (it is not `busy` any more)."""
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

        def read(values: Any) -> dict[str, Any]:
            return forms.read_session(values, self.tracker.today(), with_date=True)

        def save(values: Any) -> Row:
            fields = read(values)
            fields["resource"] = fields["resource"] or ""
            with self.tracker.journal() as journal:
                return study.update_session(journal, session["id"], **fields, today=self.tracker.today())

        def saved(row: Row | None) -> None:
            if row is not None:
                self.post_message(SessionEdited(row))
                self.load_now()

        dialog = FormDialog(
            f"Edit session {session['id']}", forms.session_fields(topics, resources, session, with_date=True), save,
            check=read, id="session-dialog",
        )
        self.app.push_screen(dialog, saved)

    def action_delete(self) -> None:
        session = self.session_table.selected()
        if session is None:
            return
        question = f"Delete {format_minutes(session['minutes'])} of {session['topic']} on {session['day']}?"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                with self.tracker.journal() as journal:
                    row = study.delete_session(journal, session["id"])
            except TrackerError as err:
                self.notify(err.line, severity="error")
                return
            self.tracker.remember_deleted(row)
            self.post_message(SessionDeleted(row, session["topic"]))
            self.load_now()

        self.app.push_screen(ConfirmDialog(question), answered)
