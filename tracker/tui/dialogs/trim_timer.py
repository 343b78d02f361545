"""A forgotten timer (past its day's end, or longer than max_session_hours): stop it at the time
the learner really stopped, keep it as it stands, or leave it running for now.

The dialog only collects the answer and shows the service's refusal beside the field; the
screen's `stop(at, force)` writes (tracker.timer.stop_timer: the one rule for ending a timer).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tracker.display import shown
from tracker.errors import TrackerError

#: stop(at, force): stops the timer and returns what was logged, or raises TrackerError.
Stop = Callable[[str | None, bool], Any]


class TrimTimerDialog(ModalScreen[Any]):
    """Returns what `stop` returned, or None when the learner left the timer running."""

    BINDINGS = [
        Binding("escape", "leave", "Not now"),
        Binding("ctrl+o", "keep", "Keep as is", show=False, priority=True),  # ctrl+k is the field's
    ]

    def __init__(self, hint: str, end: str, stop: Stop, *, can_keep: bool, keep_label: str) -> None:
        super().__init__(classes="dialog-screen", id="trim-timer-dialog")
        self.hint = hint
        self.end = end
        self.stop = stop
        self.can_keep = can_keep
        self.keep_label = keep_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog trim") as box:
            box.border_title = "Forgotten timer?"
            box.border_subtitle = "Enter stops at that time · Esc leaves it running"
            yield Static(Content(shown(self.hint, lines=True)), classes="dialog-hint")
            with Horizontal(classes="field-row"):
                yield Label("Stopped at", classes="field-label")
                yield Input(self.end, compact=True, id="trim-end", select_on_focus=False)
            yield Static("", classes="field-error", id="trim-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Stop at this time ⏎", variant="primary", compact=True, id="trim")
                if self.can_keep:
                    yield Button(f"{self.keep_label} (ctrl+o)", compact=True, id="keep")
                yield Button("Not now (esc)", compact=True, id="leave")

    def on_mount(self) -> None:
        self.query_one("#trim-end", Input).focus()

    @on(Input.Submitted, "#trim-end")
    def _submitted(self) -> None:
        self._stop(self.query_one("#trim-end", Input).value, force=False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "trim":
            self._submitted()
        elif event.button.id == "keep":
            self.action_keep()
        else:
            self.action_leave()

    def action_keep(self) -> None:
        if self.can_keep:
            self._stop(None, force=True)

    def action_leave(self) -> None:
        self.dismiss(None)

    def _stop(self, at: str | None, force: bool) -> None:
        try:
            result = self.stop(at, force)
        except TrackerError as err:
            error = self.query_one("#trim-error", Static)
            error.update(Content(shown(err.line)))
            error.add_class("shown")
            return
        self.dismiss(result)
