"""The quick commands' work and their replies, without Typer: `tracker log`, `start`, `stop`,
`cancel` and `status`. The Typer commands (cli/sessions.py, cli/timer.py) and the lean parser
(cli/quick.py) both call these, so the two paths can't drift apart in what they do or print.

Only the standard library, the services these commands need and cli/output.py are imported here:
no typer, rich, textual, sqlmodel or pandas, so a shell prompt can run `tracker status` each time.
"""

from __future__ import annotations

from datetime import date

from tracker import clock, parse
from tracker.cli.context import AppState
from tracker.cli.output import print_json, say
from tracker.errors import Msg, bad_input

#: What `tracker status --format` can show; the README's timer section lists them.
STATUS_PLACEHOLDERS = {
    "timer": "the running timer: topic and time run (with the pomodoro's minutes left); empty when none runs",
    "topic": "the running timer's topic; empty when none runs",
    "elapsed": "how long the timer has run, like 25m or 1h05m; empty when none runs",
    "elapsed_minutes": "the same in minutes (0 when none runs)",
    "pomodoro": "the pomodoro's minutes left (like 5m left), or 'break' once it is over; empty without one",
    "today": "minutes logged today, like 45m",
    "today_minutes": "the same in minutes",
    "minimum": "the daily minimum, like 30m",
    "minimum_minutes": "the same in minutes",
    "left": "what is left of the daily minimum, like 15m; empty once it is met",
    "met": "a check mark (✓) once today met the minimum, else empty",
    "streak": "the current streak in days",
}


# -- replies ------------------------------------------------------------------------------------
def session_reply(logged, today: date, day_total: int, minimum: int) -> None:
    """What logging a session says (`tracker log` and `tracker stop`)."""
    session = logged.session
    on_day, minutes = date.fromisoformat(session["day"]), session["minutes"]
    news = [f"new topic {session['topic']!r}"] if logged.topic_created else []
    if logged.resource_created:
        news.append(f"new resource {session['resource']!r}")
    extra = f" ({', '.join(news)})" if news else ""
    when = "today" if on_day == today else on_day.isoformat()
    verdict = "minimum met" if day_total >= minimum else f"{parse.format_minutes(minimum - day_total)} to go"
    fm = parse.format_minutes
    say(f"Logged {fm(minutes)} of {session['topic']} on {on_day.isoformat()}{extra}.")
    say(f"{when.capitalize()}: {fm(day_total)} of {fm(minimum)} daily minimum, {verdict}.")


def _day_total(journal, day_text: str) -> int:
    from tracker.habit import daily_totals

    on_day = date.fromisoformat(day_text)
    return daily_totals(journal, on_day, on_day).get(on_day, 0)


# -- the commands -------------------------------------------------------------------------------
def log(app_state: AppState, *, duration: str, topic: str, note: str | None = None, resource: str | None = None,
        kind: str | None = None, day: str | None = None, stuck: bool = False) -> None:
    from tracker.study import log_session

    today = app_state.today()
    minimum = app_state.settings.daily_minimum  # a bad config.toml stops us before anything is written
    with app_state.open() as journal:
        logged = log_session(  # checked by study.session_values, as the UI and the imports are
            journal, minutes=duration, topic=topic, day=day, note=note, resource=resource, kind=kind, stuck=stuck,
            today=today,
        )
        total = _day_total(journal, logged.session["day"])
    session_reply(logged, today, total, minimum)


def start(app_state: AppState, *, topic: str, note: str | None = None, resource: str | None = None,
          kind: str | None = None, at: str | None = None, switch: bool = False, pomodoro: str | None = None) -> None:
    from tracker.timer import start_timer

    settings, now = app_state.settings, clock.now()
    with app_state.open() as journal:
        started = start_timer(journal, topic, note, resource, kind, at, now=now, switch=switch, pomodoro=pomodoro,
                              settings=settings)
        total = _day_total(journal, started.switched.session["day"]) if started.switched else 0
    if started.switched:
        session_reply(started.switched.logged, app_state.today(), total, settings.daily_minimum)
    timer = started.timer
    details = [f"with {timer.resource}"] if timer.resource else []
    if timer.pomodoro_minutes:
        details.append(f"pomodoro {parse.format_minutes(timer.pomodoro_minutes)}")
    extra = f" ({', '.join(details)})" if details else ""
    say(f"Started {timer.topic} at {timer.started_at.astimezone().strftime('%H:%M')}{extra}: "
        "`tracker stop` logs it, `tracker cancel` drops it.")


def stop(app_state: AppState, *, note: str | None = None, at: str | None = None, force: bool = False) -> None:
    from tracker.timer import stop_timer

    settings, now = app_state.settings, clock.now()
    with app_state.open() as journal:
        stopped = stop_timer(journal, note, at, now=now, today=app_state.today(), force=force, settings=settings)
        total = _day_total(journal, stopped.session["day"])
    session_reply(stopped.logged, app_state.today(), total, settings.daily_minimum)


def cancel(app_state: AppState) -> None:
    from tracker.timer import cancel_timer

    now = clock.now()
    with app_state.open() as journal:
        timer = cancel_timer(journal)
    say(f"Cancelled the timer on {timer.topic} ({parse.format_minutes(timer.minutes(now))}, not logged).")


def status(app_state: AppState, *, as_json: bool = False, line_format: str | None = None) -> None:
    """One line for a prompt or tmux's status line; a journal not made yet shows an empty day."""
    from tracker.timer import timer_status

    settings, now = app_state.settings, clock.now()
    with app_state.read() as journal:
        found = timer_status(journal, settings, now)
    if as_json:
        print_json(found.as_dict())
        return
    values = status_values(found)
    if line_format is not None:
        say(format_status(line_format, values))
        return
    timer = f"{values['timer']} running" if values["timer"] else "no timer"
    verdict = "minimum met" if values["met"] else f"{values['left']} to go"
    say(f"{timer} | today {values['today']} of {values['minimum']}, {verdict} | "
        f"streak {parse.plural(found.streak, 'day')}")


def status_values(found) -> dict[str, object]:
    """The placeholders' values (STATUS_PLACEHOLDERS) for one status."""
    fm = parse.format_minutes
    timer, now = found.timer, found.now
    pomodoro = ""
    if timer is not None and timer.pomodoro_minutes:
        left = timer.pomodoro_left(now)
        pomodoro = f"{fm(left)} left" if left else "break"
    elapsed = timer.minutes(now) if timer else 0
    shown_timer = ""
    if timer is not None:
        shown_timer = f"{timer.topic} {fm(elapsed)}" + (f" ({pomodoro})" if pomodoro else "")
    met = found.today_minutes >= found.daily_minimum
    return {
        "timer": shown_timer, "topic": timer.topic if timer else "", "elapsed": fm(elapsed) if timer else "",
        "elapsed_minutes": elapsed, "pomodoro": pomodoro, "today": fm(found.today_minutes),
        "today_minutes": found.today_minutes, "minimum": fm(found.daily_minimum),
        "minimum_minutes": found.daily_minimum, "left": "" if met else fm(found.daily_minimum - found.today_minutes),
        "met": "✓" if met else "", "streak": found.streak,
    }


def format_status(line_format: str, values: dict[str, object]) -> str:
    """`--format` filled in; an unknown placeholder (or a lone brace) is bad input, naming them all."""
    try:
        return line_format.format_map(values)
    except (KeyError, IndexError, ValueError, AttributeError) as err:
        name = err.args[0] if isinstance(err, KeyError) else str(err)
        raise bad_input(Msg.STATUS_FORMAT, name=name, names=", ".join("{" + key + "}" for key in STATUS_PLACEHOLDERS)) \
            from None
