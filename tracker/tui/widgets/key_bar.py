"""The bottom line: the keys of the screen and of the focused widget, each clickable.

One widget drawing one line of text. Textual's Footer builds a widget per key and rebuilds them on
every focus change or screen switch, which cost more than the switch itself on a slow machine.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    def __init__(self) -> None:
        super().__init__()
        #: (first cell, last cell + 1, key) of each item drawn, for clicks.
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Content:
        app = self.app
        seen: set[str] = set()
        items: list[tuple[str, Content]] = []
        palette = None
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = (key, self._item(app.get_key_display(binding), "palette", True))
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            items.append((key, self._item(app.get_key_display(binding), binding.description, active.enabled)))
        room = self.size.width - (palette[1].cell_length + 2 if palette else 0)
        while items and sum(item.cell_length + 2 for _key, item in items) - 2 > room:
            items.pop()  # the app's keys come last: ? and the palette still list them all
        parts: list[Content] = []
        self._spans = []
        position = 0
        for key, item in items:
            if parts:
                parts.append(Content("  "))
                position += 2
            parts.append(item)
            self._spans.append((position, position + item.cell_length, key))
            position += item.cell_length
        if palette is not None:
            key, item = palette
            gap = max(2, self.size.width - position - item.cell_length)
            parts.append(Content(" " * gap))
            position += gap
            parts.append(item)
            self._spans.append((position, position + item.cell_length, key))
        return Content.assemble(*parts)

    @staticmethod
    def _item(label: str, description: str, enabled: bool) -> Content:
        if not enabled:
            return Content.from_markup("[dim]$label $description[/]", label=label, description=description)
        return Content.from_markup("[b $text-accent]$label[/] $description", label=label, description=description)

    def on_click(self, event: Click) -> None:
        x = event.x - self.styles.padding.left
        for start, end, key in self._spans:
            if start <= x < end:
                self.app.simulate_key(key)
                return
