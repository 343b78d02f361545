"""Every private part of Textual that tracker relies on, in this one module.

Each is here because Textual has no public way to do the same. Each buys speed that the
benchmark (bench/bench_tui.py) measures, or an error message the learner can read, except two
kept for measuring and testing (watch_frames for the benchmark, cursor_blinks for steady
screenshots). Each has a
test in tests/tui/test_tui_compat.py that fails naming the API when a Textual upgrade changes
it. Nothing else in tracker, its Pilot tests or its benchmark touches a `_name` of Textual:
they come here.

Tested with Textual 8.2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable

if TYPE_CHECKING:
    from textual.await_mount import AwaitMount

SegmentLines = list[list[Segment]]


# -- the app -------------------------------------------------------------------------------------
class OneLineFatalErrors:
    """App mixin (before App in the bases). Textual ends the app on an unhandled exception
    through `App._fatal_error`, which prints a traceback; this prints the line that
    `fatal_error_line(error)` returns instead, or the traceback when it returns None."""

    def fatal_error_line(self, error: BaseException | None) -> str | None:
        return None

    def _fatal_error(self) -> None:
        line = self.fatal_error_line(sys.exc_info()[1])
        if line is None:
            super()._fatal_error()  # type: ignore[misc]
            return
        app: App = self  # type: ignore[assignment]
        app.bell()
        app.panic(Text(line))  # Text: an error's brackets are not markup


class SwitchWithoutHold:
    """App mixin (before App in the bases). `App.switch_mode` holds frames back for 50 ms (it
    calls `App.delay_update`) to hide a new screen being built; a screen built already (ahead,
    or on an earlier visit) has nothing to hide, and `switch_mode_now` shows it at once.
    Measured: a switch takes about 55 ms with the hold, 20-25 ms without."""

    _hold_frames = True

    def switch_mode_now(self, mode: str) -> None:
        self._hold_frames = False
        try:
            self.switch_mode(mode)  # type: ignore[attr-defined]
        finally:
            self._hold_frames = True

    def delay_update(self, delay: float = 0.05) -> None:
        if self._hold_frames:
            super().delay_update(delay)  # type: ignore[misc]


def build_mode(app: App, mode: str) -> AwaitMount:
    """Build (compose and mount) a mode's screen without showing it, for the screens the app
    builds ahead in idle time: `App._init_mode`, what `switch_mode` calls on a first visit."""
    return app._init_mode(mode)


def watch_frames(app: App, frame_sent: Callable[[], None]) -> None:
    """Call `frame_sent()` each time the app sends a frame to the terminal (for the benchmark,
    which times a key press until its result is on screen): `App._display`, minus the frames a
    batch (`App._batch_count`, as during the hold of `delay_update`) keeps back."""
    display = app._display

    def timed(screen: Screen, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None and not app._batch_count:
            frame_sent()

    app._display = timed  # type: ignore[method-assign]


# -- styles ------------------------------------------------------------------------------------------
# Textual counts changes of the stylesheet (`App._css_update_count`) and restyles a screen whose
# count (`Screen._css_update_count`) differs when it is shown: the whole stylesheet parsed and
# applied again. Telling it a screen is styled already is most of what makes a switch cheap:
# measured, a switch takes 55-70 ms and a first visit 90-115 ms without these, 20-30 ms with.
def mark_styles_current(screen: Screen, app: App | None = None) -> None:
    """The screen is styled with the stylesheet as it is now."""
    screen._css_update_count = (app or screen.app)._css_update_count


def styles_current(screen: Screen) -> bool:
    """Whether the stylesheet has not changed since the screen was styled (a theme change does)."""
    return getattr(screen, "_css_update_count", None) == screen.app._css_update_count


# -- drawing a screen ahead ----------------------------------------------------------------------
def lay_out(screen: Screen) -> None:
    """Lay a screen out at the app's size even when it is not the current screen
    (`Screen._refresh_layout`)."""
    screen._refresh_layout(screen.app.size)


def draw_offscreen(screen: Screen) -> None:
    """Render every line of a screen that is not shown, so its widgets' caches are warm when it
    is (`Screen._compositor`). Measured: a first visit takes 110-150 ms without it, 25 ms with."""
    screen._compositor.render_update(full=True)


# -- tables ----------------------------------------------------------------------------------------
class CellCacheTable(DataTable):
    """A DataTable that keeps each rendered cell by what it shows. DataTable renders every
    visible cell again after any change to the table (`DataTable._render_cell`, keyed by a count
    of changes); with this, adding one row renders one row. Measured on Today: logging a session
    costs 15-20 ms less CPU. A subclass says what a row shows with `row_content(key)`."""

    #: Rendered cells kept (a screenful of a few tables, with room for cursor and hover variants).
    CELL_CACHE_SIZE = 4000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cells: dict[tuple[object, ...], SegmentLines] = {}

    def row_content(self, key: str | None) -> Hashable | None:
        """What the row with this key shows (None: don't keep its cells)."""
        return None

    def _render_cell(
        self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        if row_index < 0:
            content: Hashable | None = tuple(str(column.label) for column in self.ordered_columns)
        else:
            content = self.row_content(self.ordered_rows[row_index].key.value)
        key = (content, row_index, column_index, base_style, width, cursor, hover, self._show_hover_cursor,
               self._pseudo_class_state)
        lines = self._cells.get(key) if content is not None else None
        if lines is None:
            lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            if content is not None:
                if len(self._cells) >= self.CELL_CACHE_SIZE:
                    self._cells.clear()
                self._cells[key] = lines
        return lines


# -- for the tests -----------------------------------------------------------------------------------
def cursor_blinks() -> list[tuple[type, str]]:
    """The method the blink timer of each text widget calls (`Input._toggle_cursor`,
    `TextArea._toggle_cursor_blink_visible`): the Pilot tests make it do nothing, so the cursor
    stays drawn and screenshots are the same on every run."""
    from textual.widgets import (  # only the tests call this: TextArea stays off start-up
        Input,
        TextArea,
    )

    return [(Input, "_toggle_cursor"), (TextArea, "_toggle_cursor_blink_visible")]
