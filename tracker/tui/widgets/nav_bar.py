"""The top line: the app's name and every registered screen, the current one highlighted.

Each entry is a link: clicking it switches screen, like its number key does.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from tracker.tui.screens import SCREENS


class NavBar(Widget):
    """Renders from the screen registry, so a newly registered screen appears here by itself."""

    def __init__(self, current: str, id: str | None = "nav") -> None:
        super().__init__(id=id)
        self.current = current

    def render(self) -> Content:
        full = self._line(short=False)
        return full if full.cell_length <= self.size.width else self._line(short=True)

    def _line(self, short: bool) -> Content:
        parts = [Content.from_markup("[b] tracker [/b]")]
        for entry in SCREENS:
            title = entry.title if (entry.name == self.current or not short) else (entry.short or entry.title[:4])
            style = "b $text on $accent " if entry.name == self.current else ""
            markup = f"[{style}@click=app.go('{entry.name}')]$text[/]"
            parts.append(Content.from_markup(markup, text=Content(f" {entry.key} {title} ")))
        return Content(" ").join(parts)
