"""Daily commands: log a session, list sessions, see the numbers, declare a rest day."""


from datetime import date, timedelta
from typing import Annotated, Optional

import typer

from tracker import parse
from tracker.cli.context import state
from tracker.cli.home import day_stats, print_stats
from tracker.cli.options import DATE_HELP, AsJson, OnDay, OnlyTopic
from tracker.cli.output import column, print_json, say, show_rows
from tracker.errors import Msg, bad_input
from tracker.habit import daily_totals
from tracker.study import declare_rest_day, list_sessions, log_session

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
    app_state = state(ctx)
    today = app_state.today()
    minimum = app_state.settings.daily_minimum  # a bad config.toml stops us before anything is written
    with app_state.open() as journal:
        logged = log_session(  # checked by study.session_values, as the UI and the imports are
            journal, minutes=duration, topic=topic, day=day, note=note, resource=resource, kind=kind, stuck=stuck,
            today=today,
        )
        session = logged.session
        on_day, minutes = date.fromisoformat(session["day"]), session["minutes"]
        day_total = daily_totals(journal, on_day, on_day).get(on_day, 0)
    news = [f"new topic {session['topic']!r}"] if logged.topic_created else []
    if logged.resource_created:
        news.append(f"new resource {session['resource']!r}")
    extra = f" ({', '.join(news)})" if news else ""
    when = "today" if on_day == today else on_day.isoformat()
    verdict = "minimum met" if day_total >= minimum else f"{parse.format_minutes(minimum - day_total)} to go"
    say(f"Logged {parse.format_minutes(minutes)} of {session['topic']} on {on_day.isoformat()}{extra}.")
    say(f"{when.capitalize()}: {parse.format_minutes(day_total)} of {parse.format_minutes(minimum)} daily minimum, {verdict}.")


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
    """Declare a rest day; with rest_days_keep_streak on, it keeps your streak alive."""
    app_state = state(ctx)
    on_day = parse.parse_date(day, app_state.today())
    with app_state.open() as journal:
        declare_rest_day(journal, on_day)
    say(f"Rest day declared: {on_day.isoformat()}.")
    if not app_state.settings.rest_days_keep_streak:
        say("Rest days keep a streak alive only with rest_days_keep_streak = true in config.toml (see `tracker where`).")
