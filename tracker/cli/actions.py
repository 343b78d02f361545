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
    """One line for a prompt or tmux's status line; a journal not made yet shows an empty day.
    The parts are cached (tracker/status_cache.py) for the quick path's next run."""
    from tracker import config, status_cache
    from tracker.timer import timer_status

    data_dir, config_dir = status_cache.data_directory(), status_cache.config_directory()
    cacheable = (data_dir is not None and config_dir is not None
                 and data_dir == str(config.data_directory()) and config_dir == str(config.config_directory()))
    journal_file = status_cache.journal_file(app_state.db, data_dir) if cacheable else None
    before = status_cache.snapshot(journal_file, config_dir) if journal_file else None  # before anything is read
    settings, now = app_state.settings, clock.now()
    with app_state.read() as journal:
        found = timer_status(journal, settings, now)
    parts = status_parts(found)
    if before is not None:
        status_cache.write(before, parts, settings.day_starts_at, found.today.toordinal(), data_dir, config_dir)
    epoch = now.timestamp()
    if as_json:
        print_json(status_cache.status_dict(parts, epoch))
        return
    try:
        say(status_cache.status_line(parts, epoch, line_format))
    except (KeyError, IndexError, ValueError, AttributeError) as err:
        raise _bad_format(err) from None


def status_parts(found) -> dict:
    """What a status shows, as plain data the cache can keep (status_cache fills the line from it)."""
    timer = found.timer
    shown_timer = None
    if timer is not None:
        shown_timer = {"topic": timer.topic, "resource": timer.resource, "kind": timer.kind, "note": timer.note,
                       "started_at": clock.utc_text(timer.started_at), "started_epoch": timer.started_at.timestamp(),
                       "pomodoro_minutes": timer.pomodoro_minutes}
    return {"timer": shown_timer, "today": found.today.isoformat(), "today_minutes": found.today_minutes,
            "daily_minimum": found.daily_minimum, "streak": found.streak}


def status_values(found) -> dict[str, object]:
    """The placeholders' values (STATUS_PLACEHOLDERS) for one status."""
    from tracker import status_cache

    return status_cache.status_values(status_parts(found), found.now.timestamp())


def _bad_format(err: Exception):
    name = err.args[0] if isinstance(err, KeyError) else str(err)
    return bad_input(Msg.STATUS_FORMAT, name=name, names=", ".join("{" + key + "}" for key in STATUS_PLACEHOLDERS))


def format_status(line_format: str, values: dict[str, object]) -> str:
    """`--format` filled in; an unknown placeholder (or a lone brace) is bad input, naming them all."""
    try:
        return line_format.format_map(values)
    except (KeyError, IndexError, ValueError, AttributeError) as err:
        raise _bad_format(err) from None
