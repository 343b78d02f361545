"""Journal: the sessions of one week at a time, filtered by topic; edit, delete, undo."""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from tracker.errors import TrackerError
from tracker.parse import format_minutes
from tracker.store import Journal
from tracker.tui import data
from tracker.tui.data import WeekSessions
from tracker.tui.screens.base import SessionsScreen
from tracker.tui.widgets.session_table import SessionTable


class JournalScreen(SessionsScreen):
    NAME = "journal"
    TABLES = frozenset({"study_session", "topic", "resource"})
    AUTO_FOCUS = "#journal-sessions"
    BINDINGS = [
        Binding("p", "week(-1)", "Previous", tooltip="The previous week"),
        Binding("n", "week(1)", "Next", tooltip="The next week"),
        Binding("w", "this_week", "This week"),
        Binding("slash", "filter", "Filter", tooltip="Show one topic's sessions"),
        Binding("escape", "leave_filter", "Back to the table", show=False),
    ]
    HELP_EXTRA = (("enter", "On a session: edit it"), ("enter (filter)", "Apply the topic filter; empty shows all"))

    def __init__(self) -> None:
        super().__init__()
        #: A day in the week shown; the week starts as the settings say.
        self.day: date = self.tracker.today()
        self.topic: str | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="screen-header"):
            yield Static("", id="week-title")
            yield Label("topic", classes="filter-label")
            yield Input(placeholder="all · / filters", compact=True, id="topic-filter")
        yield Static("", id="filter-error", classes="status-line error-line")
        table = SessionTable(id="journal-sessions")
        yield table

    def fetch(self, journal: Journal) -> WeekSessions:
        return data.week_sessions(journal, self.tracker.settings, self.day, self.topic)

    def fetch_failed(self, err: TrackerError) -> None:
        """An unknown topic: say so beside the filter and keep showing the last good filter."""
        self.topic = self.data.topic if self.data else None
        self.query_one("#filter-error", Static).update(err.line)
        self.query_one("#filter-error").add_class("shown")

    def show(self, week: WeekSessions) -> None:
        self.query_one("#filter-error").remove_class("shown")
        this_week = " (this week)" if week.start <= self.tracker.today() <= week.end else ""
        self.query_one("#week-title", Static).update(
            f"{week.name} · {week.start:%d %b} – {week.end:%d %b}{this_week}"
        )
        table = self.session_table
        table.set_sessions(week.sessions)
        topic = f" of {week.topic}" if week.topic else ""
        count = len(week.sessions)
        table.border_title = f"{count} session{'' if count == 1 else 's'}{topic} · {format_minutes(week.minutes)}"
        table.border_subtitle = "p / n: previous / next week" if week.sessions else "nothing logged this week"
        self.query_one("#topic-filter", Input).suggester = SuggestFromList(week.topics, case_sensitive=False)

    def action_week(self, step: int) -> None:
        self.day += timedelta(days=7 * step)
        self.load_now()

    def action_this_week(self) -> None:
        self.day = self.tracker.today()
        self.load_now()

    def action_filter(self) -> None:
        self.query_one("#topic-filter", Input).focus()

    def action_leave_filter(self) -> None:
        self.query_one(SessionTable).focus()

    @on(Input.Submitted, "#topic-filter")
    def _filter(self, event: Input.Submitted) -> None:
        event.stop()
        self.topic = event.value.strip() or None
        self.query_one(SessionTable).focus()
        self.load_now()
