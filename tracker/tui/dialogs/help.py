"""Every key of every screen, in one place."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

#: (section title, [(keys as shown, what they do)]).
HelpSection = tuple[str, Sequence[tuple[str, str]]]


class HelpDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__(classes="dialog-screen")
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc closes · Ctrl+P finds any command"
            for title, keys in self.sections:
                yield Static(Content.from_markup("[b]$title[/b]", title=title), classes="help-title")
                width = max((len(key) for key, _ in keys), default=0)
                lines = [
                    Content.from_markup("[$accent]$key[/]  $what", key=key.ljust(width), what=what)
                    for key, what in keys
                ]
                yield Static(Content("\n").join(lines), classes="help-keys")

    def action_close(self) -> None:
        self.dismiss(None)
