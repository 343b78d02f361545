"""The live timer: at most one, kept in the journal (running_timer, id 1) so it survives the
terminal closing and every terminal and the UI see it. Stopping it logs a session through
study.log_session, the one session rule, and removes the timer in the same transaction.

A forgotten timer (still running after its study day ended, or longer than max_session_hours) is
not logged as it stands: the learner gives the real end (`at`) or says to keep it (`force`).
study is imported inside the functions that write, so `tracker status` doesn't pay for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tracker import clock, parse
from tracker.config import Settings
from tracker.errors import Msg, TrackerError, bad_input
from tracker.store import Journal, Row, stamps

#: A pomodoro longer than this is a typo (minutes typed as seconds, say).
MAX_POMODORO_MINUTES = 180
_CLOCK_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_RELATIVE = re.compile(r"([+-])\s*(\S+)")

_INSERT_TIMER = (
    "INSERT INTO running_timer (id, topic, resource, kind, note, started_at, pomodoro_minutes, created_at, "
    "updated_at) VALUES (1, :topic, :resource, :kind, :note, :started_at, :pomodoro_minutes, :created_at, "
    ":updated_at)"
)


@dataclass(frozen=True)
class Timer:
    """The running timer; `started_at` is an aware datetime (stored in UTC)."""

    topic: str
    resource: str | None
    kind: str
    note: str
    started_at: datetime
    pomodoro_minutes: int | None = None

    def elapsed(self, now: datetime) -> timedelta:
        return max(timedelta(0), now - self.started_at)

    def minutes(self, now: datetime) -> int:
        """Whole minutes run by `now`, rounded as a session's minutes are."""
        return round(self.elapsed(now).total_seconds() / 60)

    def pomodoro_left(self, now: datetime) -> int | None:
        """Minutes left of the pomodoro (0 once it is over: time for the break); None without one."""
        if not self.pomodoro_minutes:
            return None
        left = self.pomodoro_minutes * 60 - self.elapsed(now).total_seconds()
        return max(0, -int(-left // 60))  # whole minutes, rounded up: "1m" until the very end

    def as_dict(self, now: datetime) -> Row:
        return {
            "topic": self.topic, "resource": self.resource, "kind": self.kind, "note": self.note,
            "started_at": clock.utc_text(self.started_at), "elapsed_minutes": self.minutes(now),
            "pomodoro_minutes": self.pomodoro_minutes, "pomodoro_left_minutes": self.pomodoro_left(now),
        }


@dataclass(frozen=True)
class Started:
    timer: Timer
    #: What `switch` logged of the timer that ran before; None when none ran.
    switched: Stopped | None = None


@dataclass(frozen=True)
class Stopped:
    timer: Timer
    ended_at: datetime
    #: study.LoggedSession: the session logged, and whether its topic or resource were new.
    logged: object

    @property
    def session(self) -> Row:
        return self.logged.session  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Status:
    """`tracker status`: the running timer, today's minutes against the minimum, the streak."""

    timer: Timer | None
    now: datetime
    today: date
    today_minutes: int
    daily_minimum: int
    streak: int

    def as_dict(self) -> Row:
        return {
            "timer": self.timer.as_dict(self.now) if self.timer else None,
            "today": self.today.isoformat(), "today_minutes": self.today_minutes,
            "daily_minimum": self.daily_minimum, "minimum_met": self.today_minutes >= self.daily_minimum,
            "streak": self.streak,
        }


# -- reading ------------------------------------------------------------------------------------
def current_timer(journal: Journal) -> Timer | None:
    row = journal.row("SELECT topic, resource, kind, note, started_at, pomodoro_minutes FROM running_timer WHERE id = 1")
    if row is None:
        return None
    return Timer(row["topic"], row["resource"], row["kind"], row["note"], clock.parse_utc(row["started_at"]),
                 row["pomodoro_minutes"])


def timer_status(journal: Journal, settings: Settings, now: datetime) -> Status:
    """One quick read: the timer, today's total and the streak (habit.streak_on, as stats counts it)."""
    from tracker.habit import daily_totals, streak_on

    today = study_day(now, settings)
    with journal.transaction(write=False):
        timer = current_timer(journal)
        minutes = daily_totals(journal, today, today).get(today, 0)
        streak = streak_on(journal, settings, today)
    return Status(timer, now, today, minutes, settings.daily_minimum, streak)


def study_day(moment: datetime, settings: Settings | None = None) -> date:
    """The study day a moment belongs to (the day starts at `day_starts_at`): the one helper the
    timer dates its sessions and its day's end by."""
    return clock.study_day(moment, _day_starts_at(settings))


def _day_starts_at(settings: Settings | None) -> int:
    return int(getattr(settings, "day_starts_at", 0) or 0) if settings is not None else 0


# -- times as typed -----------------------------------------------------------------------------
def parse_moment(text: str | None, *, now: datetime, on_day: date, base: datetime | None = None,
                 sign: str = "-") -> datetime:
    """A time as typed for --at: HH:MM (on `on_day`), an ISO date and time (local unless it says
    otherwise), or a duration with `sign` (`-20m`: 20 minutes before now, for a start; `+45m`: 45
    minutes after `base`, the start, for a stop). None is now."""
    if text is None:
        return now
    raw = str(text).strip()
    relative = "-20m (20 minutes ago)" if sign == "-" else "+45m (45 minutes after the start)"
    wrong = bad_input(Msg.TIMER_TIME, value=text, relative=relative)
    if found := _CLOCK_TIME.fullmatch(raw):
        hour, minute = int(found[1]), int(found[2])
        if hour > 23 or minute > 59:
            raise wrong
        return datetime.combine(on_day, time(hour, minute)).astimezone(now.tzinfo)
    if found := _RELATIVE.fullmatch(raw):
        if found[1] != sign:
            raise wrong
        try:
            minutes = parse.parse_duration(found[2])
        except TrackerError:
            raise wrong from None
        return (now if sign == "-" else (base or now)) + timedelta(minutes=sign_factor(sign) * minutes)
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise wrong from None
    if "T" not in raw.upper() and " " not in raw:
        raise wrong  # a date alone says no time
    return (moment if moment.tzinfo else moment.astimezone()).astimezone(now.tzinfo)


def sign_factor(sign: str) -> int:
    return -1 if sign == "-" else 1


def _shown(moment: datetime, now: datetime) -> str:
    """A moment as the learner reads it: HH:MM today, else YYYY-MM-DD HH:MM (local time)."""
    local, here = moment.astimezone(), now.astimezone()
    return local.strftime("%H:%M") if local.date() == here.date() else local.strftime("%Y-%m-%d %H:%M")


# -- writing ------------------------------------------------------------------------------------
def timer_values(
    *, topic: str, note: str | None = None, resource: str | None = None, kind: str | None = None,
    at: str | datetime | None = None, now: datetime, pomodoro: str | int | None = None,
    settings: Settings | None = None,
) -> Row:
    """A timer's values, checked (FieldErrors by field: topic, resource, kind, note, at, pomodoro).
    Topic, resource, kind and note are checked by study.session_values, the one session rule, so a
    name refused by `tracker log` is refused at start, not an hour later at stop."""
    from tracker.study import session_values

    fields = parse.Fields()
    started = fields.check("at", _start_moment, at, now, settings)
    day = study_day(started or now, settings)
    session = fields.check("topic", lambda: session_values(
        minutes=1, topic=topic, day=day, note=note, resource=resource, kind=kind, today=study_day(now, settings)))
    minutes = fields.check("pomodoro", _pomodoro, pomodoro)
    fields.done()
    return {
        "topic": session["topic"], "resource": session["resource"], "kind": session["kind"],
        "note": session["note"], "started_at": started, "pomodoro_minutes": minutes,
    }


def _start_moment(at: str | datetime | None, now: datetime, settings: Settings | None) -> datetime:
    moment = at if isinstance(at, datetime) else parse_moment(at, now=now, on_day=now.astimezone().date())
    if moment > now:
        raise bad_input(Msg.TIMER_START_FUTURE, at=_shown(moment, now), now=_shown(now, now))
    if now - moment > timedelta(minutes=parse.MAX_SESSION_MINUTES):
        raise bad_input(Msg.TIMER_START_TOO_EARLY, at=_shown(moment, now))
    return moment.replace(microsecond=0)


def _pomodoro(value: str | int | None) -> int | None:
    try:
        minutes = parse.parse_count(value, "pomodoro", MAX_POMODORO_MINUTES)
    except TrackerError:
        minutes = 0
    if minutes == 0:
        raise bad_input(Msg.TIMER_POMODORO, value=value, limit=MAX_POMODORO_MINUTES)
    return minutes


def start_timer(
    journal: Journal, topic: str, note: str | None = None, resource: str | None = None,
    kind: str | None = None, at: str | datetime | None = None, *, now: datetime, switch: bool = False,
    pomodoro: str | int | None = None, settings: Settings | None = None,
) -> Started:
    """Start the timer. While one runs this is refused, naming it, unless `switch`: then the
    running one stops at the new one's start (logged, by stop's rules) in the same transaction."""
    values = timer_values(topic=topic, note=note, resource=resource, kind=kind, at=at, now=now, pomodoro=pomodoro,
                          settings=settings)
    with journal.transaction():
        running = current_timer(journal)
        switched = None
        if running is not None:
            if not switch:
                raise bad_input(Msg.TIMER_RUNNING, topic=running.topic, since=_shown(running.started_at, now),
                                elapsed=parse.format_minutes(running.minutes(now)))
            # Stopped "now" at the new start, so a forgotten timer is refused as `tracker stop` refuses it.
            switched = stop_timer(journal, now=values["started_at"], today=study_day(now, settings), settings=settings)
        journal.execute(_INSERT_TIMER, {**values, "started_at": clock.utc_text(values["started_at"]), **stamps()})
        timer = Timer(values["topic"], values["resource"], values["kind"], values["note"], values["started_at"],
                      values["pomodoro_minutes"])
    return Started(timer, switched)


def stop_timer(
    journal: Journal, note: str | None = None, at: str | datetime | None = None, *, now: datetime,
    today: date | None = None, force: bool = False, settings: Settings | None = None,
) -> Stopped:
    """Stop the timer and log its session, in one transaction. Refused (nothing written): no timer;
    an end before the start or after now; a session over 24 h; a forgotten timer stopped now
    without `force` (see the module's docstring)."""
    from tracker.study import log_session

    max_hours = float(getattr(settings, "max_session_hours", DEFAULT_MAX_SESSION_HOURS))
    with journal.transaction():
        timer = current_timer(journal)
        if timer is None:
            raise bad_input(Msg.NO_TIMER)
        start_day = study_day(timer.started_at, settings)
        ended = _stop_moment(at, timer, now, start_day)
        minutes = round((ended - timer.started_at).total_seconds() / 60)
        if minutes > parse.MAX_SESSION_MINUTES:
            raise bad_input(Msg.TIMER_TOO_LONG, topic=timer.topic, elapsed=parse.format_minutes(minutes),
                            since=_shown(timer.started_at, now))
        if at is None and not force:
            why = _forgotten(timer, ended, start_day, max_hours, settings)
            if why:
                raise bad_input(Msg.TIMER_FORGOTTEN, topic=timer.topic, elapsed=parse.format_minutes(minutes),
                                since=_shown(timer.started_at, now), why=why)
        if minutes < 1:
            raise bad_input(Msg.TIMER_TOO_SHORT)
        notes = [text for text in (timer.note, (note or "").strip()) if text]
        logged = log_session(
            journal, minutes=minutes, topic=timer.topic, day=start_day, note="\n".join(notes) or None,
            resource=timer.resource, kind=timer.kind, today=today or study_day(now, settings),
        )
        journal.execute("DELETE FROM running_timer WHERE id = 1")
    return Stopped(timer, ended, logged)


#: The default of config's max_session_hours, for callers that pass no settings.
DEFAULT_MAX_SESSION_HOURS = 4.0


def _stop_moment(at: str | datetime | None, timer: Timer, now: datetime, start_day: date) -> datetime:
    on_day = timer.started_at.astimezone().date()
    ended = at if isinstance(at, datetime) else parse_moment(at, now=now, on_day=on_day, base=timer.started_at,
                                                              sign="+")
    if ended < timer.started_at:
        raise bad_input(Msg.TIMER_STOP_BEFORE_START, at=_shown(ended, now), start=_shown(timer.started_at, now))
    if ended > now:
        raise bad_input(Msg.TIMER_STOP_FUTURE, at=_shown(ended, now), now=_shown(now, now))
    return ended


def _forgotten(timer: Timer, ended: datetime, start_day: date, max_hours: float,
               settings: Settings | None) -> str:
    """Why a timer stopped at `ended` looks forgotten ('' when it doesn't)."""
    if ended >= clock.day_start(start_day + timedelta(days=1), _day_starts_at(settings)):
        return Msg.TIMER_PAST_DAY.value.format(day=start_day.isoformat())
    if ended - timer.started_at > timedelta(hours=max_hours):
        return Msg.TIMER_OVER_MAX.value.format(hours=f"{max_hours:g}")
    return ""


def cancel_timer(journal: Journal) -> Timer:
    """Drop the running timer without logging anything."""
    with journal.transaction():
        timer = current_timer(journal)
        if timer is None:
            raise bad_input(Msg.NO_TIMER)
        journal.execute("DELETE FROM running_timer WHERE id = 1")
    return timer

