"""A table of study sessions, one row per session, keyed by the session's id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable

from tracker.parse import format_minutes
from tracker.store import Row
from tracker.tui.formatting import cut, share_widths

SegmentLines = list[list[Segment]]

#: Cells a column costs beyond its text: one of padding on each side.
CELL_PADDING = 2
#: The border and a vertical scrollbar.
FRAME = 4
#: Rendered cells kept (a screenful of a few tables, with room for cursor and hover variants).
CELL_CACHE_SIZE = 4000


class SessionTable(DataTable):
    """Sessions with the cursor kept on the same session across reloads; text columns share the
    width so the note stays visible at 80 columns."""

    def __init__(self, *, show_day: bool = True, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.show_day = show_day
        self.rows_shown: list[Row] = []
        self.sessions: dict[int, Row] = {}
        #: What each row shows, by row key: the cell cache's key (see _render_cell).
        self._contents: dict[str, tuple[tuple[str, str], ...]] = {}
        self._cells: dict[tuple[object, ...], SegmentLines] = {}

    def on_mount(self) -> None:
        if self.show_day:
            self.add_column("day", key="day")
        for column in ("time", "topic", "resource", "kind", "", "note"):
            self.add_column(column, key=column or "stuck")

    def _text_widths(self) -> dict[str, int]:
        width = self.size.width or self.app.size.width
        fixed = 5 + 8 + 1 + (6 if self.show_day else 0)
        columns = 7 if self.show_day else 6
        room = width - FRAME - CELL_PADDING * columns - fixed
        return share_widths(room, {"topic": 0.3, "resource": 0.25, "note": 0.45}, {"topic": 24, "resource": 28})

    def set_sessions(self, rows: Sequence[Row]) -> None:
        keep = self.selected()
        widths = self._text_widths()
        self.clear()
        self._contents.clear()
        self.rows_shown = list(rows)
        self.sessions = {row["id"]: row for row in rows}
        stuck = self.app.styled("!", "text-error", bold=True)  # type: ignore[attr-defined]
        for row in rows:
            # Text, not str: a str cell is read as markup, and notes may hold brackets.
            cells = [
                Text(format_minutes(row["minutes"])),
                Text(cut(row["topic"], widths["topic"])),
                Text(cut(row["resource"], widths["resource"])),
                Text(row["kind"] or ""),
                stuck if row["stuck"] else Text(""),
                Text(cut(row["note"], widths["note"])),
            ]
            if self.show_day:
                cells.insert(0, Text(date.fromisoformat(row["day"]).strftime("%a %d")))
            self._contents[str(row["id"])] = tuple((cell.plain, str(cell.style)) for cell in cells)
            self.add_row(*cells, key=str(row["id"]))
        if keep and keep["id"] in self.sessions:
            self.move_cursor(row=self.get_row_index(str(keep["id"])))

    def _render_cell(
        self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        """DataTable renders every cell again after any change to the table (its cache counts
        changes); here a cell is also kept by what it shows, so logging one session renders one
        row rather than the whole table: most of the cost of showing the new session."""
        if row_index < 0:
            content: object = tuple(str(column.label) for column in self.ordered_columns)
        else:
            content = self._contents.get(self._row_locations.get_key(row_index).value)
        key = (content, row_index, column_index, base_style, width, cursor, hover, self._show_hover_cursor,
               self._pseudo_class_state)
        lines = self._cells.get(key) if content is not None else None
        if lines is None:
            lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            if content is not None:
                if len(self._cells) >= CELL_CACHE_SIZE:
                    self._cells.clear()
                self._cells[key] = lines
        return lines

    def selected(self) -> Row | None:
        """The session under the cursor, if any."""
        if not self.row_count or self.cursor_row < 0:
            return None
        key = self.coordinate_to_cell_key((self.cursor_row, 0)).row_key.value
        return self.sessions.get(int(key)) if key is not None else None
