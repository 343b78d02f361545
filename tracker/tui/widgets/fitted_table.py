"""A table whose text is cut to fit its width, laid out again whenever that width changes."""

from __future__ import annotations

from textual.events import Resize
from textual.message import Message

from tracker.tui.compat import CellCacheTable


class FittedTable(CellCacheTable):
    """Its owner cuts the cells to `fit_width()` and says so with `fitted()`. When the table's own
    width changes (the terminal resized, or a screen shown again at a size it was not drawn
    for), it posts `WidthChanged` so the owner lays the rows out again.

    The table's own Resize, not the screen's: when the screen hears of a new terminal size its
    tables still have their old one, so widths computed then are the old widths."""

    class WidthChanged(Message):
        """The table is now wider or narrower than the width its cells were cut for."""

        def __init__(self, table: FittedTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> FittedTable:
            return self.table

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        #: The width the cells shown were cut for (0: nothing drawn yet).
        self._fitted_width = 0

    def fit_width(self) -> int:
        """The width to cut cells for: the table's, border and scrollbar included (before its
        first layout, the terminal's)."""
        return self.outer_size.width or self.app.size.width

    def fitted(self, width: int) -> None:
        """The cells shown now were cut for `width`. Each column becomes as wide as its widest
        cell now, at once: DataTable only ever widens a column (cells cut shorter would sit in
        columns as wide as before), and measures new rows only when idle."""
        self._fitted_width = width
        for key, column in self.columns.items():
            if column.auto_width:
                cells = (getattr(cell, "cell_len", len(str(cell))) for cell in self.get_column(key))
                column.content_width = max([column.label.cell_len, *cells])
        self.refresh()

    def on_resize(self, event: Resize) -> None:
        if self._fitted_width and self.outer_size.width and self.outer_size.width != self._fitted_width:
            self._fitted_width = self.outer_size.width  # once per new width, however many Resizes
            self.post_message(self.WidthChanged(self))
