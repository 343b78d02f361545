"""Group: my study group's week on a server journal, as `tracker group status` shows it (the same
cells, tracker.group.member_cells): each member's minutes, days met, streak, habit strength,
checkpoints and week title; — where a member doesn't share it. A SQLite journal has one learner:
the screen says so in one line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from tracker import group
from tracker.errors import Msg
from tracker.store import Journal
from tracker.tui.formatting import cut
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.fitted_table import FittedTable


@dataclass(frozen=True)
class GroupData:
    #: The group's week; None on a SQLite journal (then `line` says why).
    week: group.GroupWeek | None
    line: str = ""


def needs_server_line() -> str:
    text = Msg.GROUP_NEEDS_SERVER.value
    return text[:1].upper() + text[1:]


class GroupScreen(TrackerScreen):
    NAME = "group"
    #: What the group views are read from (this learner's own writes; the others' show on return).
    TABLES = frozenset({"study_session", "rest_day", "checkpoint_run", "week_note", "group_share"})
    AUTO_FOCUS = "#group-table"
    BINDINGS = [
        Binding("p", "week(-1)", "Prev week"),
        Binding("n", "week(1)", "Next week"),
        Binding("w", "this_week", "This week"),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: A day in the week shown (None: this week).
        self.day: date | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="screen-header"):
            yield Static("", id="group-heading")
        yield FittedTable(id="group-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.table.border_title = "Study group"

    @property
    def table(self) -> FittedTable:
        return self.query_one("#group-table", FittedTable)

    def fetch(self, journal: Journal) -> GroupData:
        if not group.is_server(journal):
            return GroupData(None, needs_server_line())
        today = self.tracker.today()
        return GroupData(group.status(journal, self.tracker.settings, self.day or today, today))

    def show(self, data: GroupData) -> None:
        heading = self.query_one("#group-heading", Static)
        table = self.table
        if data.week is None:
            heading.update(data.line)
            table.clear(columns=True)
            table.display = False
            return
        table.clear()
        if not table.columns:
            for label in group.COLUMNS:
                table.add_column(label, key=label)
        table.display = True
        week = data.week
        start, end = date.fromisoformat(week.week_start), date.fromisoformat(week.week_end)
        this_week = " (this week)" if start <= self.tracker.today() <= end else ""
        heading.update(f"{week.week} · {start:%d %b} – {end:%d %b}{this_week}")
        width = table.fit_width()
        #: The other columns take at most 53 cells, 14 of padding, 2 of border and 2 of scrollbar.
        title_width = max(8, width - 72)
        for member in week.members:
            cells = group.member_cells(member)
            cells["member"] = cut(cells["member"], 16)
            cells["title"] = cut(cells["title"], title_width)
            table.add_row(*(Text(cells[column]) for column in group.COLUMNS), key=member.learner)
        table.fitted(width)
        table.border_subtitle = "p / n previous, next week · w this week" if week.members else "no members yet"

    def action_week(self, delta: int) -> None:
        self.day = (self.day or self.tracker.today()) + timedelta(days=7 * delta)
        self.load_now()

    def action_this_week(self) -> None:
        self.day = None
        self.load_now()
