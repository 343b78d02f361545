"""The top line: the app's name and every registered screen, the current one highlighted.

Each entry is a link: clicking it switches screen, like its number key does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from tracker.tui.screens import ScreenEntry


class NavBar(Widget):
    """Renders the screen registry it is given (screens.SCREENS), so a newly registered screen
    appears here by itself; the screens hand it down, as widgets import no screen."""

    def __init__(self, current: str, entries: Sequence[ScreenEntry], id: str | None = "nav") -> None:
        super().__init__(id=id)
        self.current = current
        self.entries = tuple(entry for entry in entries if entry.in_nav_bar)

    def render(self) -> Content:
        for level in ("full", "short", "shorter", "keys"):
            line = self._line(level)
            if line.cell_length <= self.size.width:
                break
        return line

    def _line(self, level: str) -> Content:
        """'full': the app's name and every title; 'short': short titles but the current one's;
        'shorter': short titles only; 'keys': only the keys of the screens not shown."""
        parts = [Content.from_markup("[b] tracker [/b] ")] if level == "full" else []
        for entry in self.entries:
            short = f" {entry.short or entry.title[:5]}"
            if level == "full" or (entry.name == self.current and level in ("short", "keys")):
                title = f" {entry.title}"
            else:
                title = short if level in ("short", "shorter") else ""
            style = "b $text on $accent " if entry.name == self.current else ""
            markup = f"[{style}@click=app.go('{entry.name}')]$text[/]"
            parts.append(Content.from_markup(markup, text=Content(f" {entry.key}{title} ")))
        return Content.assemble(*parts)
