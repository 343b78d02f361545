"""The Textual app: the screens (one mode each), global keys, the command palette, themes, undo.

`make_app()` builds it for the command line and for the tests alike.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Iterable
from contextlib import suppress
from datetime import date, datetime
from functools import partial
from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.color import Color, ColorParseError
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widget import AwaitMount
from textual.worker import Worker, WorkerFailed, WorkerState

from tracker import clock, study
from tracker.config import Settings
from tracker.display import shown
from tracker.errors import Msg, TrackerError
from tracker.store import Journal, Row, open_journal
from tracker.tui import keys
from tracker.tui.compat import (
    OneLineFatalErrors,
    SwitchWithoutHold,
    build_mode,
    mark_styles_current,
)
from tracker.tui.dialogs.confirm import ConfirmDialog
from tracker.tui.dialogs.help import HelpDialog, HelpSection
from tracker.tui.formatting import cut
from tracker.tui.freshness import JournalWatch
from tracker.tui.messages import (
    JournalChanged,
    JournalWritten,
    LaterAdded,
    LaterDone,
    MilestoneAdded,
    MilestoneDone,
    ProgressRecorded,
    ResourceSaved,
    SessionDeleted,
    SessionEdited,
    SessionLogged,
    SessionRestored,
    TopicAdded,
)
from tracker.tui.screens import SCREENS, ScreenEntry, preload
from tracker.tui.screens.base import TrackerScreen

#: Every screen's own stylesheet (screens/*.tcss), beside the app's.
SCREEN_STYLESHEETS = sorted(str(path) for path in (Path(__file__).parent / "screens").glob("*.tcss"))
#: Seconds between two steps of building a screen ahead: room for keys and frames.
PREPARE_PAUSE = 0.03
#: Seconds without a key press (or click) before the next screen is built.
IDLE_BEFORE_BUILDING = 0.8
DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
#: The longest line a failed worker's notification shows (the rest is in Textual's log).
FAILURE_LINE_CHARS = 200


class TrackerApp(OneLineFatalErrors, SwitchWithoutHold, App[int]):
    """One journal location; each action opens the journal for itself (cheap with SQLite, safe
    from worker threads, and always sees what the command line wrote meanwhile)."""

    #: Unexpected errors end the app with one line; `tracker --debug` shows the traceback.
    show_tracebacks = False

    #: The screens' stylesheets too, read once at start-up: a screen that brought its own would
    #: restyle the screen on display (and so redraw it whole) when first built.
    CSS_PATH = ["app.tcss", *SCREEN_STYLESHEETS]
    TITLE = "tracker"
    #: Build the other screens in idle time after start-up (the tests that don't need it turn it off).
    PREPARE_SCREENS = True
    #: How long (ms) a write from the UI waits for another tracker's: a quick one takes a few ms, and
    #: longer would freeze the UI; then the journal is busy (one line, and the form keeps its text).
    SAVE_WAIT_MS = 1_000
    DEFAULT_MODE = "today"
    BINDINGS = [
        *keys.screen_bindings(SCREENS),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False, priority=True),
        Binding("u", "undo", "Undo delete"),
        Binding("ctrl+r,f5", "refresh", "Refresh", show=False, priority=True),
        Binding("ctrl+t", "toggle_theme", "Dark/light theme", show=False, priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        # Moving between fields is the app's first step with a key, not the field's: keys typed
        # after a tab while the UI was busy (or pasted) would otherwise land in the field left.
        Binding("tab", "focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True),
    ]

    def fatal_error_line(self, error: BaseException | None) -> str | None:
        """One line instead of Textual's traceback, unless the learner asked for it (--debug)."""
        if self.show_tracebacks:
            return None
        return f"tracker: unexpected error: {type(error).__name__}: {error}. Run again with --debug to see the traceback."

    def __init__(self, journal_location: str, settings: Settings, now: datetime | None = None) -> None:
        super().__init__()
        self.journal_location = journal_location
        self.settings = settings
        self._now = now
        #: The row of the last deleted session, for `u`.
        self.last_deleted: Row | None = None
        #: Every change saved through the UI, in order (the notifications say the same).
        self.changes: list[JournalChanged] = []
        #: When the learner last pressed a key or clicked (monotonic seconds; see _when_idle).
        self.last_input = 0.0
        #: The screen of each mode built so far (ahead, or on its first visit), by mode name.
        self.screens_built: dict[str, Screen] = {}
        #: Passes each change to the journal on to the screens (this UI's writes and others').
        self.watch = JournalWatch(self)
        for entry in SCREENS:
            self.add_mode(entry.name, partial(self._build_screen, entry))
        wanted = settings.theme.strip()
        theme = {"dark": DARK_THEME, "light": LIGHT_THEME}.get(wanted.lower(), wanted)
        #: Said once the UI is up: the theme config.toml names, when the UI has no such theme.
        self.unknown_theme = "" if theme in self.available_themes else wanted
        self.theme = theme if not self.unknown_theme else DARK_THEME

    def _build_screen(self, entry: ScreenEntry) -> Screen:
        screen = entry.load()()
        self.screens_built[entry.name] = screen
        return screen

    # -- services the screens use --------------------------------------------------------------
    def journal(self, busy_timeout_ms: int | None = None) -> Journal:
        """A Journal for one action (`with app.journal() as journal:`), in any thread."""
        return open_journal(self.journal_location, busy_timeout_ms=busy_timeout_ms if busy_timeout_ms is not None else self.SAVE_WAIT_MS)

    def now(self) -> datetime:
        return self._now or clock.now()

    def today(self) -> date:
        """The study day it is now (the day starts at the `day_starts_at` setting)."""
        return clock.study_day(self.now(), self.settings.day_starts_at)

    def styled(self, text: str, variable: str = "", bold: bool = False) -> Text:
        """Text in a theme colour ("success", "warning", "error", "accent", "text-muted"...),
        for table cells, which measure Rich Text but not Content."""
        color = self.theme_color(variable) if variable else None
        return Text(text, style=Style(color=color, bold=bold) if (color or bold) else "", end="")

    def theme_color(self, variable: str) -> str | None:
        """A theme variable as an opaque hex colour (translucent ones blended on the background)."""
        try:
            color = Color.parse(self.theme_variables[variable])
            if color.a < 1:
                color = Color.parse(self.theme_variables["background"]).blend(color.with_alpha(1), color.a)
        except (KeyError, ColorParseError):
            return None
        return color.hex6

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.unknown_theme:
            self.notify(Msg.UNKNOWN_THEME.value.format(theme=self.unknown_theme), severity="warning", markup=False)

    def on_ready(self) -> None:
        """Once Today is on screen, load the other screens' code in a thread, so the first visit
        of Week or Checkpoints doesn't wait for jinja2 or markdown-it to import; then build each
        screen while the learner reads Today."""
        # The first screen was styled with the stylesheet as it is now, but Textual doesn't note
        # that, so coming back to it would parse and apply the whole stylesheet again.
        mark_styles_current(self.screen, self)
        self.watch.start()  # here, not at mount: its read connection is not part of start-up
        loading = self.run_worker(preload, thread=True, group="preload", exit_on_error=False,
                             description="Loading the screens' code")
        if self.PREPARE_SCREENS:
            self.run_worker(self._prepare_screens(loading), group="prepare", exit_on_error=False,
                            description="Building the screens ahead")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self.last_input = time.monotonic()
        await super().on_event(event)

    async def _when_idle(self) -> None:
        """Until the learner has pressed nothing for a moment: building a screen holds the UI for
        up to a few hundred ms on a long journal, which must not land in the middle of typing."""
        while (wait := self.last_input + IDLE_BEFORE_BUILDING - time.monotonic()) > 0:
            await asyncio.sleep(wait)

    async def _prepare_screens(self, preload: Worker) -> None:
        """Compose, read, lay out and draw each screen not yet shown, one step at a time and only
        while the learner is idle. A first visit then costs what a return does (composing and
        styling a screen takes 100-150 ms here, some of them more).

        Afterwards the objects alive are frozen out of the garbage collector's scans: they live
        as long as the app, and a full scan of them stalled a frame by 50-70 ms now and then."""
        with suppress(WorkerFailed):
            await preload.wait()
        for entry in SCREENS:
            await self._when_idle()
            if not self.is_running:
                return  # quitting: Textual is closing the screens built so far
            if entry.name in self.screens_built:
                continue  # the learner got there first
            await build_mode(self, entry.name)
            screen = self.screens_built[entry.name]
            if isinstance(screen, TrackerScreen):
                await screen.settle()  # a slow read, the Week's preview: what they show is laid out too
                await self._when_idle()
                await screen.prepare_offscreen()
            await asyncio.sleep(PREPARE_PAUSE)
        gc.freeze()

    def _theme_changed(self, _theme: object) -> None:
        """Table cells carry the theme's colours: draw them again."""
        reload = getattr(self.screen, "reload", None)
        if reload:
            reload(redraw=True)

    def remember_deleted(self, row: Row) -> None:
        self.last_deleted = row
        self.refresh_bindings()

    # -- actions ----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.screen, ModalScreen) and action in ("go", "help", "undo", "refresh"):
            return False
        if action == "undo":
            return self.last_deleted is not None
        return True

    def unsaved(self) -> list[str]:
        """What quitting would lose: each built screen that holds work not in the journal yet says
        what in its `unsaved()` (Week: the note being written; Today: a session kept for a busy
        journal; Checkpoints: a run's result kept the same way)."""
        return [item for screen in self.screens_built.values() for item in getattr(screen, "unsaved", list)()]

    async def action_quit(self) -> None:
        """Quit, but never drop unsaved work without asking, once, naming all of it."""
        unsaved = self.unsaved()
        if not unsaved:
            self.exit()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.exit()

        self.push_screen(ConfirmDialog(Msg.QUIT_UNSAVED.value.format(what="; ".join(unsaved)), yes="Quit"), answered)

    def action_go(self, name: str) -> AwaitMount | None:
        """Switch to a registered screen; one built already (ahead, or on an earlier visit) shows
        at once, without the frames Textual holds back to hide a screen being built."""
        if name in self.screens_built:
            self.switch_mode_now(name)
            return None
        return self.switch_mode(name)

    async def run_on_screen(self, name: str, action: str) -> None:
        """A palette command of another screen: switch there, then run it as its key would."""
        if (mounting := self.action_go(name)) is not None:
            await mounting  # a first visit: the screen is being built
        await self.screen.run_action(action)

    def action_refresh(self) -> None:
        """Read the journal again and draw it all again (other processes' writes show anyway)."""
        if isinstance(self.screen, TrackerScreen):
            self.screen.refresh_all()

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def action_help(self) -> None:
        self.push_screen(HelpDialog(self.help_sections()))

    def action_undo(self) -> None:
        """Put back the last deleted session, with its id and timestamps."""
        row = self.last_deleted
        if row is None:
            return
        try:
            with self.journal() as journal:
                restored = study.restore_session(journal, row)
        except TrackerError as err:
            self.notify(err.line, severity="error")
            return
        self.last_deleted = None
        self.refresh_bindings()
        self.post_message(SessionRestored(restored))
        self.action_refresh()

    def on_unmount(self) -> None:
        self.watch.stop()

    # -- messages up --------------------------------------------------------------------------------
    @on(JournalWritten)
    def _written_in_a_worker(self, message: JournalWritten) -> None:
        self.watch.changed(message.change)

    @on(JournalChanged)  # any other screen's own JournalChanged subclass (Week, Checkpoints, Review)
    @on(SessionLogged)
    @on(SessionEdited)
    @on(SessionDeleted)
    @on(SessionRestored)
    @on(ResourceSaved)
    @on(ProgressRecorded)
    @on(MilestoneAdded)
    @on(MilestoneDone)
    @on(TopicAdded)
    @on(LaterAdded)
    @on(LaterDone)
    def _journal_changed(self, message: JournalChanged) -> None:
        self.changes.append(message)
        self.notify(message.summary, timeout=5)

    def notify(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information",
        timeout: float | None = None, markup: bool = False,
    ) -> None:
        """Every notification (the app's and, through Widget.notify, every screen's) is plain text:
        they name topics, notes and errors, where `[x]` is not markup and a control character is
        shown, not sent. `markup` is ignored: Widget.notify passes True whether asked or not."""
        options = {} if timeout is None else {"timeout": timeout}
        super().notify(shown(str(message), lines=True), title=shown(title), severity=severity, markup=False, **options)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        """The one place where a failed worker is handled: the app's own and every screen's (a
        screen passes its workers' failures on, as Textual tells only the node that ran one). The
        learner reads one line; the screen draws again whatever showed the work under way. With
        --debug the error also ends the app with its traceback, as any unexpected error does."""
        worker = event.worker
        if event.state is not WorkerState.ERROR or worker.error is None:
            return
        self.notify(failure_line(worker), severity="error", timeout=10, markup=False)
        if isinstance(worker.node, TrackerScreen):
            worker.node.worker_failed(worker)
        if self.show_tracebacks and not isinstance(worker.error, TrackerError):
            raise worker.error  # a TrackerError (a busy journal, say) is known: its line is enough

    # -- discoverability ------------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for entry in SCREENS:
            yield SystemCommand(f"Go to {entry.title} ({entry.key})", entry.description, partial(self.action_go, entry.name))
        yield SystemCommand("Toggle dark/light theme (ctrl+t)", "Switch between the dark and light themes", self.action_toggle_theme)
        yield SystemCommand("Refresh (ctrl+r)", "Read the journal again", self.action_refresh)
        yield SystemCommand("Help (?)", "Every key of every screen", self.action_help)
        if self.last_deleted is not None:
            yield SystemCommand("Undo delete (u)", "Put back the last deleted session", self.action_undo)
        if isinstance(screen, ModalScreen):
            return  # a dialog's keys are on it; no screen's command runs from one
        for entry, binding in keys.screen_commands(SCREENS, getattr(screen, "NAME", "")):
            yield SystemCommand(f"{entry.title}: {binding.description} ({keys.first_key(binding)})",
                                binding.tooltip or f"{binding.description} on {entry.title}",
                                partial(self.run_on_screen, entry.name, binding.action))

    def help_sections(self) -> list[HelpSection]:
        """Every key of the app and of each registered screen, for the help dialog."""
        sections: list[HelpSection] = [
            ("Everywhere", [
                *keys.merged_keys(b for b in keys.described(type(self).BINDINGS) if not b.action.startswith("go(")),
                ("ctrl+p", "Command palette: find any command of any screen"),
                (keys.alt_keys(SCREENS), "Switch screen, also while typing in a field"),
                ("esc", "Leave a text field (then single keys work)"),
            ]),
            ("Screens", [(entry.key, f"{entry.title}: {entry.description}") for entry in SCREENS]),
        ]
        return [*sections, *keys.screen_help(SCREENS)]


def make_app(journal_location: str, settings: Settings, now: datetime | None = None) -> TrackerApp:
    """The app on a journal. The journal is opened (created or upgraded) first, so a wrong --db
    fails here with its one-line TrackerError, before any screen is drawn.

    `now` fixes the clock (tests, screenshots); otherwise the live time, or $TRACKER_NOW.
    """
    with open_journal(journal_location):
        pass
    return TrackerApp(journal_location, settings, now=now)


def failure_line(worker: Worker) -> str:
    """What the notification of a failed worker says: a TrackerError's own line, else what
    failed and the error, in one line (never a traceback)."""
    error = worker.error
    if isinstance(error, TrackerError):
        return error.line
    what = worker.description or "Work in the background"
    return cut(f"{what} failed: {type(error).__name__}: {error}", FAILURE_LINE_CHARS)

