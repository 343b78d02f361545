"""Pilot tests of the Group screen (key 0): one line on a SQLite journal; on a real PostgreSQL
group, as ben, the week of each member with what they share (ada's minutes, never her notes)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.group import log_week, made_group  # noqa: E402
from testkit.tui import pilot_test, settle, tracker_app  # noqa: E402
from textual.widgets import DataTable, Static  # noqa: E402

from tracker.errors import Msg  # noqa: E402


async def open_group(pilot) -> None:
    await settle(pilot)
    await pilot.press("escape", "0")
    await settle(pilot)
    assert pilot.app.screen.NAME == "group"


def rows(screen) -> dict[str, list[str]]:
    table = screen.query_one("#group-table", DataTable)
    return {str(key.value): [str(cell) for cell in table.get_row(key)] for key in table.rows}


def screen_text(screen) -> str:
    """Every text the screen shows: its heading and each table cell."""
    heading = str(screen.query_one("#group-heading", Static).render())
    return "\n".join([heading, *(" | ".join(cells) for cells in rows(screen).values())])


@pilot_test
async def test_on_a_sqlite_journal_the_group_screen_is_one_line(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_group(pilot)
        heading = str(app.screen.query_one("#group-heading", Static).render())
        assert heading.startswith("Study groups need a server journal")
        assert heading.lower() == Msg.GROUP_NEEDS_SERVER.value.lower()
        assert not app.screen.query_one("#group-table", DataTable).display
        assert rows(app.screen) == {}
        assert not [n for n in app._notifications if n.severity == "error"]


@pilot_test
async def test_as_ben_the_group_screen_shows_adas_shared_week_and_not_her_notes(postgres_server) -> None:
    with made_group(postgres_server) as group:
        group.invite(group.ada, "--display-name", "Ada L.")
        group.invite(group.ben, "--display-name", "Ben")
        log_week(group)
        assert group.tracker(group.ada, "group", "share", "--no-habit").exit_code == 0
        app = tracker_app(group.urls[group.ben])
        async with app.run_test(size=(80, 24)) as pilot:
            await open_group(pilot)
            screen = app.screen
            table = screen.query_one("#group-table", DataTable)
            assert table.virtual_size.width <= table.scrollable_content_region.width  # fits 80 columns
            heading = str(screen.query_one("#group-heading", Static).render())
            assert heading == "2026-W47 · 16 Nov – 22 Nov (this week)"
            shown = rows(screen)
            # member, minutes, days met, streak, habit, checkpoints, title (40+30+20+35+45 minutes;
            # the minimum of 30 met on 4 days; a 2-day streak on Saturday; habit not shared)
            assert shown[group.ada] == ["Ada L.", "2h50m", "4", "2", "—", "2 (+1)", "Convolu…"]  # cut to fit
            assert shown[group.ben][:4] == ["Ben", "1h", "1", "1"]
            assert "secret" not in screen_text(screen) and "reflection" not in screen_text(screen)
            await pilot.press("p")
            await settle(pilot)
            assert str(screen.query_one("#group-heading", Static).render()) == "2026-W46 · 09 Nov – 15 Nov"
            assert rows(screen)[group.ada][1:3] == ["0m", "0"]
            await pilot.press("w")
            await settle(pilot)
            assert rows(screen)[group.ada][1] == "2h50m"
