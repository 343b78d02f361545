"""Daily commands: log a session, list sessions, see the numbers, declare a rest day."""


from datetime import timedelta
from typing import Annotated, Optional

import typer

from tracker import parse
from tracker.cli import actions
from tracker.cli.context import state
from tracker.cli.home import day_stats, print_stats
from tracker.cli.options import DATE_HELP, AsJson, OnDay, OnlyTopic
from tracker.cli.output import column, print_json, say, show_rows
from tracker.errors import Msg, bad_input
from tracker.habit import rest_day_set
from tracker.study import declare_rest_day, list_sessions

KIND_HELP = "Activity: " + ", ".join(parse.ACTIVITY_KINDS) + "."


def register(app: typer.Typer) -> None:
    # An unknown option (`--stuk`) is refused, never stored as a note; a note that starts with a
    # dash goes after `--`.
    app.command("log")(log)
    app.command("sessions")(sessions)
    app.command("stats")(stats)
    app.command("rest")(rest)


def log(
    ctx: typer.Context,
    duration: Annotated[str, typer.Argument(help="45m, 1h30m, 1.5h or 90 (minutes).")],
    topic: Annotated[str, typer.Argument(help="What you studied; a new topic is created.")],
    note: Annotated[Optional[str], typer.Argument(help="What you did, learned or got stuck on.")] = None,
    resource: Annotated[Optional[str], typer.Option("--resource", "-r", help="Course, book or link; a new one is created.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help=KIND_HELP)] = None,
    day: OnDay = None,
    stuck: Annotated[bool, typer.Option("--stuck", help="Mark the session as a day you were stuck.")] = False,
) -> None:
    """Log a study session."""
    actions.log(state(ctx), duration=duration, topic=topic, note=note, resource=resource, kind=kind, day=day,
                stuck=stuck)


def sessions(
    ctx: typer.Context,
    week: Annotated[Optional[str], typer.Option("--week", help="Sessions of the week holding this day (or an ISO week, 2026-W41). " + DATE_HELP)] = None,
    start: Annotated[Optional[str], typer.Option("--from", help="First day. " + DATE_HELP)] = None,
    end: Annotated[Optional[str], typer.Option("--to", help="Last day. " + DATE_HELP)] = None,
    topic: OnlyTopic = None,
    as_json: AsJson = False,
) -> None:
    """List study sessions (default: the last 14 days)."""
    app_state = state(ctx)
    today = app_state.today()
    if week and (start or end):
        raise bad_input(Msg.OPTIONS_CLASH, first="--week", second="--from/--to")
    if week:
        _name, first, last = parse.week_bounds(parse.parse_week_day(week, today), app_state.settings.week_start_index)
    elif start or end:
        first = parse.parse_date(start, today) if start else None
        last = parse.parse_date(end, today) if end else None
    else:
        first, last = today - timedelta(days=13), today
    if first and last and first > last:
        raise bad_input(Msg.DATE_RANGE, start=first, end=last)
    with app_state.read() as journal:
        rows = list_sessions(journal, first, last, topic)
    show_rows(
        rows,
        [column("id"), column("date", "day"), ("time", lambda r: parse.format_minutes(r["minutes"])), column("topic"),
         column("resource"), column("kind"), column("stuck"), column("note")],
        empty="No sessions in that period. Log one: tracker log 30m TOPIC \"what you did\"",
        as_json=as_json,
    )
    if rows and not as_json:
        say(f"\n{parse.plural(len(rows), 'session')}, {parse.format_minutes(sum(r['minutes'] for r in rows))} in all.")


def stats(ctx: typer.Context, as_json: AsJson = False) -> None:
    """Today against the daily minimum, streaks, this week by topic, plan against time spent."""
    numbers = day_stats(state(ctx))
    if as_json:
        print_json(numbers.as_dict())
        return
    print_stats(numbers)


def rest(
    ctx: typer.Context,
    day: Annotated[Optional[str], typer.Argument(help=DATE_HELP)] = None,
) -> None:
    """Declare a rest day: it keeps your streak and holds your habit strength, up to
    rest_days_per_month (2 by default) in a calendar month."""
    app_state = state(ctx)
    settings = app_state.settings
    on_day = parse.parse_date(day, app_state.today())
    with app_state.open() as journal:
        declare_rest_day(journal, on_day)
        counts = on_day in rest_day_set(journal, settings)
    say(f"Rest day declared: {on_day.isoformat()}.")
    if not settings.rest_days_keep_streak:
        say(Msg.REST_DAYS_OFF.value)
    elif not counts:
        say(Msg.REST_OVER_BUDGET.value.format(days=parse.plural(settings.rest_days_per_month, "rest day")))
