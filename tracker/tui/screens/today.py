"""Today: the quick log form, today's sessions, progress toward the daily minimum, the streak,
and what is due."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import timedelta
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Checkbox, Input, ProgressBar, Select, Static

from tracker import study
from tracker.errors import FieldErrors, JournalBusy, Msg, TrackerError
from tracker.parse import MAX_SESSION_MINUTES, format_minutes
from tracker.store import Change, Journal
from tracker.timer import Stopped, cancel_timer, current_timer, start_timer, stop_timer
from tracker.timer import Timer as RunningTimer
from tracker.tui import data, forms
from tracker.tui.data import TodayData
from tracker.tui.dialogs.confirm import ConfirmDialog
from tracker.tui.dialogs.trim_timer import TrimTimerDialog
from tracker.tui.formatting import short_date
from tracker.tui.messages import SessionLogged
from tracker.tui.screens import entry
from tracker.tui.screens.base import SessionsScreen
from tracker.tui.widgets.form import FormView
from tracker.tui.widgets.session_table import SessionTable
from tracker.tui.widgets.timer_line import BREAK_MINUTES, TimerLine

#: The tables the form's name suggestions are read from: a write to either (from this UI or, as
#: "any table", from another process) reads them again.
NAME_TABLES = frozenset({"topic", "resource"})
#: The screen that deals with each kind of due item (tracker.stats' `due`).
DUE_SCREENS = {"cards": "review", "checkpoints": "checkpoints"}
#: Seconds between tries of a session kept while the journal was busy. A try doesn't wait for the
#: lock (the UI must not freeze), so the session goes in soon after the other tracker is done.
RETRY_SECONDS = 0.5
#: The form's fields a timer takes (the duration is the time it runs; "stuck" is for a logged session).
TIMER_FIELDS = ("topic", "resource", "kind", "note")


@dataclass(frozen=True)
class TodayView(TodayData):
    """What Today shows: the day's numbers and the running timer (None: none), read together, so
    a timer started or stopped elsewhere (the command line) comes with the next read."""

    timer: RunningTimer | None = None


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
        # ctrl+ keys, priority: they work while a text field of the form has the focus (plain
        # letters type there). Textual's Input takes ctrl+a/d/e/k/u/w/x/c/v; the app ctrl+q/r/t/p.
        Binding("ctrl+s", "start_timer", "Start timer", priority=True,
                tooltip="Start a timer on the form's topic, resource, kind and note"),
        Binding("ctrl+l", "stop_timer", "Stop & log", priority=True, tooltip="Stop the timer and log the session"),
        Binding("ctrl+g", "cancel_timer", "Drop timer", priority=True, tooltip="Drop the timer without logging it"),
    ]
    HELP_EXTRA = (("enter", "In the log form: log the session"), ("→", "Accept the suggested topic or resource"))

    def compose_body(self) -> ComposeResult:
        form = FormView(forms.session_fields([], []), submit_label="Log session ⏎", columns=2,
                        check=self._read, id="log-form")
        form.border_title = "Log a session"
        yield form
        with Vertical(id="today-summary") as summary:
            summary.border_title = "Today"
            yield TimerLine(self.tracker.now, id="timer-line")
            with Horizontal(id="today-progress-row"):
                yield Static("", id="today-total")
                yield ProgressBar(total=self.tracker.settings.daily_minimum, show_eta=False, id="today-progress")
                yield Static("", id="today-verdict")
            yield Static("", id="streak")
            yield Static("", id="due")
            goals_line = Static("", id="goals")
            goals_line.display = False  # until there are goals to show
            yield goals_line
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

    def fetch(self, journal: Journal) -> TodayView:
        # Cleared before the read: a write that lands during it marks the names stale again.
        names, self._names_stale = self._names_stale, False
        try:
            today = data.today_data(journal, self.tracker.settings, self.tracker.now(), suggestions=names)
        except Exception:
            self._names_stale = self._names_stale or names
            raise
        if names:
            self._names_read = today
        running = current_timer(journal)
        return TodayView(**{f.name: getattr(today, f.name) for f in fields(TodayData)}, timer=running)

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

    def show(self, today: TodayView) -> None:
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
        self._update("#goals", "\n".join(f"Goal: {goal['text']}" for goal in stats.goals))
        self.query_one("#goals").display = bool(stats.goals)
        table = self.session_table
        table.set_sessions(today.sessions)
        table.border_subtitle = (
            f"{len(today.sessions)} · {format_minutes(sum(r['minutes'] for r in today.sessions))}"
            if today.sessions else "none yet: log one above"
        )
        self._suggest()
        self._show_timer(today.timer)

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
            "Streak [b]$current[/b] (longest $longest) · strength [b]$strength%[/b] · $hours h on $studied",
            current=_days(stats.current_streak), longest=str(stats.longest_streak), strength=str(stats.habit_strength),
            studied=_days(stats.days_studied), hours=f"{stats.total_hours:g}",
        )
        # (80 columns: the habit strength took the words "studied" and "still")
        if today.streak_pending:
            line += Content.from_markup(" · [$text-warning]today to do[/]")
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
        self._logged(logged)

    def _logged(self, logged: study.LoggedSession) -> None:
        """A session went in (typed, or a timer's): the form clears, and the app says what was logged."""
        form = self.form
        self._clear_form()
        # Moving focus restyles the form; let the frame with the new numbers go out first.
        self.call_after_refresh(form.focus_field, "duration")
        news = [f"new topic {logged.session['topic']!r}"] if logged.topic_created else []
        if logged.resource_created:
            news.append(f"new resource {logged.session['resource']!r}")
        self.post_message(SessionLogged(logged.session, news))
        self.load_now()

    def _clear_form(self) -> None:
        self.form.clear_errors()
        self.form.set_values({"duration": "", "topic": "", "resource": "", "kind": "", "note": "", "stuck": False})

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

    # -- the live timer ------------------------------------------------------------------------------
    @property
    def timer_line(self) -> TimerLine:
        return self.query_one("#timer-line", TimerLine)

    @property
    def running(self) -> RunningTimer | None:
        """The timer as last read from the journal (the next read brings one started elsewhere)."""
        return self.timer_line.timer

    def _show_timer(self, running: RunningTimer | None) -> None:
        if running != self.running:
            self.timer_line.show_timer(running)
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Start while no timer runs, stop and drop while one does: the footer lists what applies."""
        if action == "start_timer":
            return self.running is None
        if action in ("stop_timer", "cancel_timer"):
            return self.running is not None
        return True

    def _timer_values(self) -> dict[str, str]:
        values = self.form.values()
        return {name: "" if values.get(name) is None else str(values[name]) for name in TIMER_FIELDS}

    def action_start_timer(self) -> None:
        """A timer on the form's topic, resource, kind and note, checked as `tracker start` checks
        them (the one session rule); errors beside the fields, nothing written."""
        if self.running is not None:
            self.form.show_errors({forms.FORM: self._already_line(self.running)})
            return
        self._forget_kept()
        values = self._timer_values()
        try:
            with self.tracker.journal() as journal:
                started = start_timer(journal, values["topic"], values["note"] or None, values["resource"] or None,
                                      values["kind"] or None, now=self.tracker.now(), settings=self.tracker.settings)
        except FieldErrors as err:
            self.form.show_errors(err.errors)
            return
        except TrackerError as err:
            self.load_now()  # a timer started elsewhere meanwhile: show it, and say so in our words
            self.form.show_errors({forms.FORM: self._already_line(self.running) if self.running else err.line})
            return
        # The line shows what runs; the form is free again (a note typed now goes with the session).
        self._clear_form()
        self.notify(Msg.TIMER_STARTED.value.format(topic=started.timer.topic), markup=False)
        self.load_now()

    def _already_line(self, running: RunningTimer) -> str:
        return Msg.TIMER_ALREADY.value.format(topic=running.topic, elapsed=format_minutes(running.minutes(self.tracker.now())))

    def action_stop_timer(self) -> None:
        """Stop and log, as `tracker stop` does; a forgotten timer opens the trim dialog instead. A
        note typed in the form since the start is added to the session's (as `tracker stop NOTE`)."""
        running = self.running
        if running is None:
            return
        note = self._timer_values()["note"].strip() or None
        try:
            self._stopped(self._stop(note, None, False))
        except TrackerError as err:
            if isinstance(err, JournalBusy) or running.minutes(self.tracker.now()) < 1:
                self.form.show_errors({forms.FORM: err.line})  # busy, or under a minute: nothing to trim
                return
            # What else refuses a stop now is a forgotten timer, or one over 24 h.
            self._offer_trim(running, note)

    def _stop(self, note: str | None, at: str | None, force: bool) -> Stopped:
        with self.tracker.journal() as journal:
            return stop_timer(journal, note, at, now=self.tracker.now(), today=self.tracker.today(), force=force,
                              settings=self.tracker.settings)

    def _offer_trim(self, running: RunningTimer, note: str | None) -> None:
        """The service refused to log the timer as it stands (forgotten, or over 24 h): ask when it
        really stopped. The end offered is the start plus the daily minimum (a usual session; never
        after now), which is what a forgotten timer most likely was."""
        now = self.tracker.now()
        end = min(now, running.started_at + timedelta(minutes=self.tracker.settings.daily_minimum))
        start = running.started_at.astimezone()
        same_day = end.astimezone().date() == start.date()
        typed_end = end.astimezone().strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M")
        minutes = running.minutes(now)
        hint = Msg.TIMER_TRIM_HINT.value.format(
            topic=running.topic, elapsed=format_minutes(minutes), since=start.strftime("%Y-%m-%d %H:%M"),
            hours=f"{self.tracker.settings.max_session_hours:g}")
        dialog = TrimTimerDialog(hint, typed_end, lambda at, force: self._stop(note, at, force),
                                 can_keep=minutes <= MAX_SESSION_MINUTES, keep_label=f"Keep all {format_minutes(minutes)}")

        def answered(stopped: Stopped | None) -> None:
            if stopped is not None:
                self._stopped(stopped)
            else:
                self.load_now()

        self.app.push_screen(dialog, answered)

    def _stopped(self, stopped: Stopped) -> None:
        """The timer's session is logged: as when logging by hand, the form clears and says so."""
        self._logged(stopped.logged)  # type: ignore[arg-type]  (timer.Stopped keeps it untyped)

    def action_cancel_timer(self) -> None:
        running = self.running
        if running is None:
            return
        elapsed = format_minutes(running.minutes(self.tracker.now()))

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                with self.tracker.journal() as journal:
                    dropped = cancel_timer(journal)
            except TrackerError as err:
                self.notify(err.line, severity="error", markup=False)
            else:
                self.notify(Msg.TIMER_CANCELLED.value.format(topic=dropped.topic, elapsed=elapsed), markup=False)
            self.load_now()

        question = Msg.TIMER_CANCEL_QUESTION.value.format(topic=running.topic, elapsed=elapsed)
        self.app.push_screen(ConfirmDialog(question, yes="Drop"), answered)

    @on(TimerLine.PomodoroTurned)
    def _pomodoro_turned(self, event: TimerLine.PomodoroTurned) -> None:
        event.stop()
        phase = event.phase
        if phase.on_break:
            self.notify(Msg.POMODORO_BREAK.value.format(number=phase.number, minutes=BREAK_MINUTES), markup=False)
        else:
            self.notify(Msg.POMODORO_BACK.value.format(topic=event.timer.topic, number=phase.number), markup=False)

    def action_leave_form(self) -> None:
        self.query_one(SessionTable).focus()

    def action_focus_form(self) -> None:
        self.form.focus_field("duration")


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"
