"""What `tracker` (and `tracker demo`) show: the terminal UI at a terminal, else the day's numbers,
which `tracker stats` prints too."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from tracker import parse, tui
from tracker.cli.context import AppState
from tracker.cli.output import column, print_table, progress_bar, say, unit_progress

if TYPE_CHECKING:
    from tracker.stats import Stats


def open_ui_or_print(app_state: AppState) -> bool:
    """The terminal UI when a person is at a terminal (True once it closed); the day's numbers
    when piped or scripted (False)."""
    if sys.stdout.isatty() and sys.stdin.isatty():
        code = tui.run_ui(app_state.location, app_state.settings, debug=app_state.debugging)
        if code:
            raise typer.Exit(code)
        return True
    show_home(app_state)
    return False


def show_home(app_state: AppState) -> None:
    """What `tracker` shows with no command: the numbers of the day."""
    print_stats(day_stats(app_state))


def day_stats(app_state: AppState) -> Stats:
    # tracker.stats (~8 ms with tracker.cards, for the due cards): not for tracker log
    from tracker.stats import compute_stats

    with app_state.read() as journal:
        return compute_stats(journal, app_state.settings, app_state.today())


def print_stats(stats: Stats) -> None:
    fm = parse.format_minutes
    bar = progress_bar(stats.today_minutes, stats.daily_minimum)
    say(f"Today {stats.today}: {fm(stats.today_minutes)} of {fm(stats.daily_minimum)}  {bar}")
    say(f"Streak: {parse.plural(stats.current_streak, 'day')} (longest {stats.longest_streak}); "
        f"habit strength {stats.habit_strength}%; "
        f"{parse.plural(stats.days_studied, 'day')} studied, {stats.total_hours:g} hours in all.")
    say(f"\nThis week ({stats.week}, from {stats.week_start}): {fm(stats.week_minutes)}")
    print_table(
        stats.week_by_topic,
        [column("topic"), ("time", lambda r: fm(r["minutes"])), column("sessions")],
        empty="  nothing logged yet this week.",
    )
    if stats.goals:
        say("\nGoals")
        for goal in stats.goals:
            say(f"  #{goal['id']} {goal['text']}")
    if stats.resources:
        say("\nPlan")
        print_table(
            stats.resources,
            [column("resource", "title"), column("status"), column("spent h", "spent_hours"),
             column("planned h", "plan_hours"), ("units", unit_progress)],
            empty="",
        )
    for item in stats.due:
        details = [f"run `{item['command']}`"] if item.get("command") else []
        details += [item["detail"]] if item.get("detail") else []
        say(f"Due: {item['what']}" + (f" ({'; '.join(details)})" if details else ""))
