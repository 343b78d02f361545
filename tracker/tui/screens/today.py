"""Today: the quick log form, today's sessions, progress toward the daily minimum, the streak,
and what is due."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Checkbox, Input, ProgressBar, Select, Static

from tracker import study
from tracker.errors import JournalBusy, Msg, TrackerError
from tracker.parse import format_minutes
from tracker.store import Change, Journal
from tracker.tui import data, forms
from tracker.tui.data import TodayData
from tracker.tui.formatting import short_date
from tracker.tui.messages import SessionLogged
from tracker.tui.screens import entry
from tracker.tui.screens.base import SessionsScreen
from tracker.tui.widgets.form import FormView
from tracker.tui.widgets.session_table import SessionTable

#: The tables the form's name suggestions are read from: a write to either (from this UI or, as
#: "any table", from another process) reads them again.
NAME_TABLES = frozenset({"topic", "resource"})
#: The screen that deals with each kind of due item (tracker.stats' `due`).
DUE_SCREENS = {"cards": "review", "checkpoints": "checkpoints"}
#: Seconds between tries of a session kept while the journal was busy. A try doesn't wait for the
#: lock (the UI must not freeze), so the session goes in soon after the other tracker is done.
RETRY_SECONDS = 0.5


@dataclass
class KeptSession:
    """A session logged while another tracker kept the journal busy: the form still shows it (as
    `typed`), and `retry` tries to log it again until it goes in or the learner changes it."""

    values: dict[str, Any]
    typed: dict[str, Any]
    retry: Timer


class TodayScreen(SessionsScreen):
    NAME = "today"
    AUTO_FOCUS = "#field-duration"
    BINDINGS = [
        Binding("escape", "leave_form", "Sessions", show=False),
        Binding("l", "focus_form", "Log"),
    ]
    HELP_EXTRA = (("enter", "In the log form: log the session"), ("→", "Accept the suggested topic or resource"))

    def compose_body(self) -> ComposeResult:
        form = FormView(forms.session_fields([], []), submit_label="Log session ⏎", columns=2,
                        check=self._read, id="log-form")
        form.border_title = "Log a session"
        yield form
        with Vertical(id="today-summary") as summary:
            summary.border_title = "Today"
            with Horizontal(id="today-progress-row"):
                yield Static("", id="today-total")
                yield ProgressBar(total=self.tracker.settings.daily_minimum, show_eta=False, id="today-progress")
                yield Static("", id="today-verdict")
            yield Static("", id="streak")
            yield Static("", id="due")
        table = SessionTable(show_day=False, id="today-sessions")
        table.border_title = "Today's sessions"
        yield table

    @property
    def form(self) -> FormView:
        return self.query_one("#log-form", FormView)

    def __init__(self) -> None:
        super().__init__()
        #: A write touched the topic or resource names since the suggestions were last read.
        self._names_stale = True
        #: The latest read that brought the names, until the form is given them. (TodayData
        #: compares without them, so the same numbers with new names are not drawn again.)
        self._names_read: TodayData | None = None
        #: The session waiting for a busy journal, if any (only one: it is never logged twice).
        self.kept: KeptSession | None = None

    def fetch(self, journal: Journal) -> TodayData:
        # Cleared before the read: a write that lands during it marks the names stale again.
        names, self._names_stale = self._names_stale, False
        try:
            today = data.today_data(journal, self.tracker.settings, self.tracker.now(), suggestions=names)
        except Exception:
            self._names_stale = self._names_stale or names
            raise
        if names:
            self._names_read = today
        return today

    def journal_changed(self, change: Change) -> None:
        """The names are read only when a write touched them (the command line's too)."""
        if change.touches(NAME_TABLES):
            self._names_stale = True
        super().journal_changed(change)

    def refresh_all(self) -> None:
        """The refresh key: read everything again, the suggestions too, and draw it all again."""
        self._names_stale = True
        super().refresh_all()

    def unsaved(self) -> list[str]:
        """For the quit question: the session kept while the journal was busy."""
        if self.kept is None:
            return []
        values = self.kept.values
        return [Msg.UNSAVED_SESSION.value.format(minutes=format_minutes(values["minutes"]), topic=values["topic"])]

    def show(self, today: TodayData) -> None:
        stats = today.stats
        minimum = stats.daily_minimum
        self.query_one("#today-summary").border_title = f"Today · {short_date(today.today)}"
        self._update("#today-total", f"{format_minutes(stats.today_minutes)} of {format_minutes(minimum)}")
        bar = self.query_one("#today-progress", ProgressBar)
        bar.update(total=max(minimum, 1), progress=min(stats.today_minutes, max(minimum, 1)))
        if stats.today_minutes >= minimum:
            verdict = Content.from_markup("[$text-success]minimum met ✓[/]")
        else:
            verdict = Content(f"{format_minutes(minimum - stats.today_minutes)} to go")
        self._update("#today-verdict", verdict)
        self._update("#streak", self._streak_line(today))
        self._update("#due", self._due_line(today))
        table = self.session_table
        table.set_sessions(today.sessions)
        table.border_subtitle = (
            f"{len(today.sessions)} · {format_minutes(sum(r['minutes'] for r in today.sessions))}"
            if today.sessions else "none yet: log one above"
        )
        self._suggest()

    def refresh_derived(self) -> None:
        """The numbers are as they were after a change, but the names read may be new."""
        self._suggest()

    def _suggest(self) -> None:
        read, self._names_read = self._names_read, None
        if read is not None and read.topics is not None and read.resources is not None:
            self.form.set_suggestions("topic", read.topics)
            self.form.set_suggestions("resource", read.resources)

    def _update(self, selector: str, content: str | Content) -> None:
        """Only what changed: each update lays the screen out again."""
        static = self.query_one(selector, Static)
        if str(static.content) != str(content) or type(static.content) is not type(content):
            static.update(content)

    @staticmethod
    def _streak_line(today: TodayData) -> Content:
        stats = today.stats
        line = Content.from_markup(
            "Streak [b]$current[/b] (longest $longest) · $studied studied, $hours h",
            current=_days(stats.current_streak), longest=str(stats.longest_streak),
            studied=_days(stats.days_studied), hours=f"{stats.total_hours:g}",
        )
        if today.streak_pending:
            line += Content.from_markup(" · [$text-warning]today still to do[/]")
        return line

    @staticmethod
    def _due_line(today: TodayData) -> Content:
        """What is due, each with the key of the screen that deals with it (not the command line's
        command, which the stats give)."""
        if not today.due:
            return Content.from_markup("Due: [dim]nothing[/dim]")
        items = []
        for item in today.due:
            details = [item["detail"]] if item.get("detail") else []
            if item.get("count") and item.get("kind") in DUE_SCREENS:
                target = entry(DUE_SCREENS[item["kind"]])
                details.append(f"press {target.key} for {target.title}")
            items.append(f"{item['what']} ({'; '.join(details)})" if details else str(item["what"]))
        return Content.from_markup("[$text-warning]Due:[/] $items", items="; ".join(items))

    # -- logging ---------------------------------------------------------------------------------------
    def _read(self, values: dict[str, Any]) -> dict[str, Any]:
        return forms.read_session(values, self.tracker.today())

    @on(FormView.Submitted, "#log-form")
    def _log(self, event: FormView.Submitted) -> None:
        event.stop()
        self._forget_kept()
        try:
            values = self._read(event.values)
        except TrackerError as err:
            self._show_error(err)
            return
        self._save(values, event.values)

    def _save(self, values: dict[str, Any], typed: dict[str, Any], busy_timeout_ms: int | None = None) -> None:
        """Log the session. When another tracker keeps the journal busy (a long import), the form
        keeps it as typed and it is tried again every RETRY_SECONDS until it goes in."""
        form = self.form
        try:
            with self.tracker.journal(busy_timeout_ms) as journal:
                logged = study.log_session(journal, **values, today=self.tracker.today())
        except JournalBusy:
            if self.kept is None:
                self.kept = KeptSession(values, typed, self.set_interval(RETRY_SECONDS, self._retry_kept))
                form.show_errors({forms.FORM: Msg.SAVE_KEPT.value})
            return
        except TrackerError as err:
            self._forget_kept()
            self._show_error(err)
            return
        self._forget_kept()
        form.clear_errors()
        form.set_values({"duration": "", "topic": "", "resource": "", "kind": "", "note": "", "stuck": False})
        # Moving focus restyles the form; let the frame with the new numbers go out first.
        self.call_after_refresh(form.focus_field, "duration")
        news = [f"new topic {logged.session['topic']!r}"] if logged.topic_created else []
        if logged.resource_created:
            news.append(f"new resource {logged.session['resource']!r}")
        self.post_message(SessionLogged(logged.session, news))
        self.load_now()

    def _show_error(self, err: TrackerError) -> None:
        self.form.show_errors(err.errors if isinstance(err, forms.FormErrors) else {forms.FORM: err.line})

    def _retry_kept(self) -> None:
        if self.kept is not None:
            self._save(self.kept.values, self.kept.typed, busy_timeout_ms=0)

    def _forget_kept(self) -> None:
        if self.kept is not None:
            self.kept.retry.stop()
            self.kept = None

    @on(Input.Changed, "#log-form Input")
    @on(Checkbox.Changed, "#log-form Checkbox")
    @on(Select.Changed, "#log-form Select")
    def _form_changed(self) -> None:
        """Changing a kept session cancels it: what goes in is only ever what Enter logged (and a
        correction is never cleared away by the old version going in)."""
        if self.kept is not None and self.form.values() != self.kept.typed:
            self._forget_kept()
            self.form.show_errors({forms.FORM: Msg.SAVE_CANCELLED.value})

    def action_leave_form(self) -> None:
        self.query_one(SessionTable).focus()

    def action_focus_form(self) -> None:
        self.form.focus_field("duration")


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"
