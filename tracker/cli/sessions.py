"""Daily commands: log a session, list sessions, see the numbers, declare a rest day."""


from datetime import timedelta
from typing import Annotated, Optional

import typer

from tracker import parse
from tracker.cli.output import print_json, print_table, progress_bar, say, show_rows
from tracker.errors import Msg, bad_input

KIND_HELP = "Activity: " + ", ".join(parse.ACTIVITY_KINDS) + "."
DATE_HELP = "YYYY-MM-DD, today or yesterday."


def register(app: typer.Typer) -> None:
    # Unknown options pass through as arguments, so `log -5m` reaches the duration check.
    app.command("log", context_settings={"ignore_unknown_options": True})(log)
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
    day: Annotated[Optional[str], typer.Option("--date", "-d", help=DATE_HELP)] = None,
    stuck: Annotated[bool, typer.Option("--stuck", help="Mark the session as a day you were stuck.")] = False,
) -> None:
    """Log a study session."""
    from tracker.cli.main import state
    from tracker.study import log_session
    from tracker.habit import daily_totals

    app_state = state(ctx)
    today = app_state.today()
    minimum = app_state.settings.daily_minimum  # a bad config.toml stops us before anything is written
    minutes = parse.parse_duration(duration)
    on_day = parse.parse_date(day, today)
    with app_state.open() as journal:
        logged = log_session(
            journal, minutes=minutes, topic=topic, day=on_day, note=note, resource=resource, kind=kind, stuck=stuck,
            today=today,
        )
        day_total = daily_totals(journal, on_day, on_day).get(on_day, 0)
    session = logged.session
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
    topic: Annotated[Optional[str], typer.Option("--topic", "-t", help="Only this topic.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List study sessions (default: the last 14 days)."""
    from tracker.cli.main import state
    from tracker.study import list_sessions

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
        [
            ("id", lambda r: r["id"]),
            ("date", lambda r: r["day"]),
            ("time", lambda r: parse.format_minutes(r["minutes"])),
            ("topic", lambda r: r["topic"]),
            ("resource", lambda r: r["resource"]),
            ("kind", lambda r: r["kind"]),
            ("stuck", lambda r: r["stuck"]),
            ("note", lambda r: r["note"]),
        ],
        empty="No sessions in that period. Log one: tracker log 30m TOPIC \"what you did\"",
        as_json=as_json,
    )
    if rows and not as_json:
        say(f"\n{len(rows)} sessions, {parse.format_minutes(sum(r['minutes'] for r in rows))} in all.")


def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Today against the daily minimum, streaks, this week by topic, plan against time spent."""
    from tracker.cli.main import state

    app_state = state(ctx)
    stats_ = _compute(app_state)
    if as_json:
        print_json(stats_.as_dict())
        return
    print_stats(stats_)


def _compute(app_state):
    from tracker.stats import compute_stats

    with app_state.read() as journal:
        return compute_stats(journal, app_state.settings, app_state.today())


def print_stats(stats_) -> None:
    fm = parse.format_minutes
    bar = progress_bar(stats_.today_minutes, stats_.daily_minimum)
    say(f"Today {stats_.today}: {fm(stats_.today_minutes)} of {fm(stats_.daily_minimum)}  {bar}")
    say(f"Streak: {stats_.current_streak} days (longest {stats_.longest_streak}); "
        f"{stats_.days_studied} days studied, {stats_.total_hours:g} hours in all.")
    say(f"\nThis week ({stats_.week}, from {stats_.week_start}): {fm(stats_.week_minutes)}")
    print_table(
        stats_.week_by_topic,
        [("topic", lambda r: r["topic"]), ("time", lambda r: fm(r["minutes"])), ("sessions", lambda r: r["sessions"])],
        empty="  nothing logged yet this week.",
    )
    if stats_.resources:
        say("\nPlan")
        print_table(
            stats_.resources,
            [
                ("resource", lambda r: r["title"]),
                ("status", lambda r: r["status"]),
                ("spent h", lambda r: r["spent_hours"]),
                ("planned h", lambda r: r["plan_hours"]),
                ("units", lambda r: f"{r['units_done']}/{r['units_total']}" if r["units_total"] else ""),
            ],
            empty="",
        )
    for item in stats_.due:
        details = [f"run `{item['command']}`"] if item.get("command") else []
        details += [item["detail"]] if item.get("detail") else []
        say(f"Due: {item['what']}" + (f" ({'; '.join(details)})" if details else ""))


def show_home(app_state) -> None:
    """What `tracker` shows with no command: the numbers of the day."""
    print_stats(_compute(app_state))


def rest(
    ctx: typer.Context,
    day: Annotated[Optional[str], typer.Argument(help=DATE_HELP)] = None,
) -> None:
    """Declare a rest day; with rest_days_keep_streak on, it keeps your streak alive."""
    from tracker.cli.main import state
    from tracker.study import declare_rest_day

    app_state = state(ctx)
    on_day = parse.parse_date(day, app_state.today())
    with app_state.open() as journal:
        declare_rest_day(journal, on_day)
    say(f"Rest day declared: {on_day.isoformat()}.")
    if not app_state.settings.rest_days_keep_streak:
        say("Rest days keep a streak alive only with rest_days_keep_streak = true in config.toml (see `tracker where`).")
