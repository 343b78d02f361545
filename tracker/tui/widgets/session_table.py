"""A table of study sessions, one row per session, keyed by the session's id."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date

from rich.text import Text
from textual import on

from tracker.parse import format_minutes
from tracker.store import Row
from tracker.tui.formatting import cut, share_widths
from tracker.tui.widgets.fitted_table import FittedTable

#: Cells a column costs beyond its text: one of padding on each side.
CELL_PADDING = 2
#: The border and a vertical scrollbar.
FRAME = 4


class SessionTable(FittedTable):
    """Sessions with the cursor kept on the same session across reloads; text columns share the
    width so the note stays visible at 80 columns, and share it again when the width changes.
    Logging one session renders one new row, not the whole table again (CellCacheTable keeps
    cells by what they show)."""

    def __init__(self, *, show_day: bool = True, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.show_day = show_day
        self.sessions: dict[int, Row] = {}
        #: What each row shows, by row key: the cell cache's key (see row_content).
        self._contents: dict[str, tuple[tuple[str, str], ...]] = {}

    def on_mount(self) -> None:
        if self.show_day:
            self.add_column("day", key="day")
        for column in ("time", "topic", "resource", "kind", "", "note"):
            self.add_column(column, key=column or "stuck")

    def _text_widths(self, width: int, rows: Sequence[Row]) -> dict[str, int]:
        """Topic and resource get their share, but no more than their longest cell needs (or the
        header), so what they leave goes to the note instead of standing empty."""
        fixed = 5 + 8 + 1 + (6 if self.show_day else 0)
        columns = 7 if self.show_day else 6
        room = width - FRAME - CELL_PADDING * columns - fixed
        caps = {name: min(cap, max([len(name), *(len(row[name] or "") for row in rows)]))
                for name, cap in (("topic", 24), ("resource", 28))}
        return share_widths(room, {"topic": 0.3, "resource": 0.25, "note": 0.45}, caps)

    def set_sessions(self, rows: Sequence[Row]) -> None:
        keep = self.selected()
        width = self.fit_width()
        widths = self._text_widths(width, rows)
        self.clear()
        self._contents.clear()
        self.sessions = {row["id"]: row for row in rows}
        stuck = self.app.styled("!", "text-error", bold=True)  # type: ignore[attr-defined]
        for row in rows:
            # Text, not str: a str cell is read as markup, and notes may hold brackets.
            cells = [
                Text(format_minutes(row["minutes"])),
                Text(cut(row["topic"], widths["topic"])),
                Text(cut(row["resource"], widths["resource"])),
                Text(cut(row["kind"], 8)),
                stuck if row["stuck"] else Text(""),
                Text(cut(row["note"], widths["note"])),
            ]
            if self.show_day:
                cells.insert(0, Text(date.fromisoformat(row["day"]).strftime("%a %d")))
            self._contents[str(row["id"])] = tuple((cell.plain, str(cell.style)) for cell in cells)
            self.add_row(*cells, key=str(row["id"]))
        if keep and keep["id"] in self.sessions:
            self.move_cursor(row=self.get_row_index(str(keep["id"])))
        self.fitted(width)

    @on(FittedTable.WidthChanged)
    def _refit(self, event: FittedTable.WidthChanged) -> None:
        """The table has its rows: it cuts them again itself, and the screen need not redraw."""
        event.stop()
        self.set_sessions(list(self.sessions.values()))

    def row_content(self, key: str | None) -> Hashable | None:
        return self._contents.get(key) if key is not None else None

    def selected(self) -> Row | None:
        """The session under the cursor, if any."""
        if not self.row_count or self.cursor_row < 0:
            return None
        key = self.coordinate_to_cell_key((self.cursor_row, 0)).row_key.value
        return self.sessions.get(int(key)) if key is not None else None
