"""Goals beyond the daily minimum: hours a week, days a week, a resource finished by a date, hours
on a topic by a date; each with its target against the actual and the days of safety buffer.

The rules, decided here once for the command line, Today, the Plan screen, stats, the post and the
burn-up:
- A week follows the `week_start` setting. A day counts for `weekly_days` when its minutes reach
  the daily minimum (the streak's rule; a rest day is not a study day).
- `topic_hours` counts the topic and every topic below it (hours on "CNNs" are hours on "Deep
  learning"), all time: the target is the total wanted by the due day.
- `finish_resource` needs the resource's remaining planned hours (plan minus spent) over the weeks
  left to the due day, against its pace: hours on it in the last four weeks (28 days to today) / 4.
- The road (Beeminder's): a straight line from the period's start (the week's first day at 0, or
  the day the goal was set at what was done before it) to the target at the period's last day.
  Buffer is how many days, counting today, one could study nothing and still be on the line at the
  end of each; on track means on the line at the end of yesterday.

It sits above plan, habit and topics, whose rules it reads.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from tracker import clock, names, parse
from tracker.config import Settings
from tracker.errors import Msg, bad_input
from tracker.habit import daily_totals
from tracker.plan import resource_by_id
from tracker.store import Journal, Row, stamps
from tracker.topics import walk_up

WEEKLY_HOURS = "weekly_hours"
WEEKLY_DAYS = "weekly_days"
FINISH_RESOURCE = "finish_resource"
TOPIC_HOURS = "topic_hours"
KINDS = (WEEKLY_HOURS, WEEKLY_DAYS, FINISH_RESOURCE, TOPIC_HOURS)
#: How a kind may be typed: the CLI's words (weekly-hours, finish, topic-hours) and the stored ones.
KIND_WORDS = {
    "weekly-hours": WEEKLY_HOURS, "weekly-days": WEEKLY_DAYS, "finish": FINISH_RESOURCE,
    "finish-resource": FINISH_RESOURCE, "topic-hours": TOPIC_HOURS, **{kind: kind for kind in KINDS},
}
#: A week has 168 hours; a weekly target above that is a typo.
HOURS_IN_WEEK = 168
#: The pace of a resource is read over this many days (four weeks).
PACE_DAYS = 28
#: Floors of road arithmetic: 2.5 h over a 5 h week is 3.5 days, never 3.4999999.
_EPSILON = 1e-9


# -- the one validator ----------------------------------------------------------------------------
def goal_values(
    journal: Journal | None, *, kind: str | None, target: Any = None, resource: str | int | None = None,
    topic: str | None = None, due: str | date | None = None, today: date | None,
) -> Row:
    """A goal's columns, checked (FieldErrors by field: kind, target, resource, topic, due): the
    one rule for the command line, the Plan screen's form and the import. A weekly goal needs a
    positive target (hours up to 168, days 1-7); a topic goal a positive target, an existing topic
    and a due day; a finish goal an existing resource with planned hours and a due day. Names
    follow tracker.names with exact=True (the whole title or name, ignoring case); a due day may
    be today but not before.

    The folder import passes no journal and no today: its names are looked up in its own files
    (the values then hold `resource` or `topic` names, not ids), and an old goal's due day may
    have passed."""
    fields = parse.Fields()
    chosen = fields.check("kind", _kind, kind)
    values: Row = {"kind": chosen, "target": None, "resource_id": None, "topic_id": None, "due": None}
    if chosen in (WEEKLY_HOURS, WEEKLY_DAYS, TOPIC_HOURS):
        values["target"] = fields.check("target", _target, target, chosen)
    if chosen == TOPIC_HOURS and journal is None:
        values["topic"] = fields.check("topic", parse.clean_name, topic, "topic")
    elif chosen == TOPIC_HOURS:
        found = fields.check("topic", _named, journal, names.TOPIC, topic, "topic")
        values["topic_id"] = found["id"] if found else None
    if chosen == FINISH_RESOURCE and journal is None:
        values["resource"] = fields.check("resource", parse.clean_name, resource, "resource")
    elif chosen == FINISH_RESOURCE:
        found = fields.check("resource", _named, journal, names.RESOURCE, resource, "resource")
        if found:
            values["resource_id"] = found["id"]
            if resource_by_id(journal, found["id"])["plan_hours"] is None:
                fields.fail("resource", bad_input(Msg.GOAL_NO_PLAN, title=found["title"]))
    if chosen in (FINISH_RESOURCE, TOPIC_HOURS):
        values["due"] = fields.check("due", _due, due, today)
    fields.done()
    return values


def _kind(text: str | None) -> str:
    word = str(text or "").strip().lower().replace("_", "-")
    found = KIND_WORDS.get(word) or KIND_WORDS.get(word.replace("-", "_"))
    if not word:
        raise bad_input(Msg.EMPTY, field="goal kind")
    if found is None:
        raise bad_input(Msg.CHOICE, field="goal kind", value=text, choices="weekly-hours, weekly-days, finish, topic-hours")
    return found


def _target(value: Any, kind: str) -> float:
    if value is None or not str(value).strip():
        raise bad_input(Msg.GOAL_NO_TARGET, unit="days a week" if kind == WEEKLY_DAYS else "hours")
    number = parse.parse_number(str(value).strip().removesuffix("h"), "target", "hours, like 5 or 2.5",
                                minimum=-math.inf)
    if number is None or number <= 0:
        raise bad_input(Msg.GOAL_NOT_POSITIVE, value=value)
    if kind == WEEKLY_DAYS and (number != int(number) or number > 7):
        raise bad_input(Msg.GOAL_DAYS, value=value)
    if kind == WEEKLY_HOURS and number > HOURS_IN_WEEK:
        raise bad_input(Msg.TOO_MANY, field="target", value=value, limit=f"the {HOURS_IN_WEEK} hours of a week")
    return number


def _named(journal: Journal, kind: names.Kind, text: str | int | None, field: str) -> Row:
    if isinstance(text, int):
        return names.require(journal, kind, text)
    if text is None or not str(text).strip():
        raise bad_input(Msg.EMPTY, field=field)
    return names.require(journal, kind, text, exact=True)


def _due(text: str | date | None, today: date | None) -> str:
    if text is None or not str(text).strip():
        raise bad_input(Msg.GOAL_NO_DUE)
    day = parse.parse_date(text, today or clock.today())
    if today is not None and day < today:
        raise bad_input(Msg.GOAL_PAST, day=day.isoformat(), today=today.isoformat())
    return day.isoformat()


# -- writes ---------------------------------------------------------------------------------------
def add_goal(
    journal: Journal, kind: str | None, *, target: Any = None, resource: str | int | None = None,
    topic: str | None = None, due: str | date | None = None, today: date,
) -> Row:
    with journal.transaction():
        values = goal_values(journal, kind=kind, target=target, resource=resource, topic=topic, due=due, today=today)
        columns = {**values, **stamps()}
        new_id = journal.insert(
            f"INSERT INTO goal ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)}) RETURNING id",
            columns,
        )
        return get_goal(journal, new_id)


def remove_goal(journal: Journal, goal_id: str | int) -> Row:
    """Remove a goal by its id (5 or #5); returns it as it was."""
    number = parse.parse_id(goal_id, "goal", " (see `tracker goal list`)")
    with journal.transaction():
        goal = get_goal(journal, number)
        journal.execute("DELETE FROM goal WHERE id = :id", {"id": number})
        return goal


_GOAL_QUERY = """
    SELECT g.id, g.kind, g.target, g.due, g.resource_id, r.title AS resource, g.topic_id, t.name AS topic,
           g.created_at
    FROM goal g LEFT JOIN resource r ON r.id = g.resource_id LEFT JOIN topic t ON t.id = g.topic_id
"""


def get_goal(journal: Journal, goal_id: int) -> Row:
    found = journal.row(_GOAL_QUERY + " WHERE g.id = :id", {"id": goal_id})
    if not found:
        raise bad_input(Msg.NO_SUCH, thing="goal", name=f"#{goal_id}", hint=" (see `tracker goal list`)")
    return found


def list_goals(journal: Journal) -> list[Row]:
    return journal.rows(_GOAL_QUERY + " ORDER BY g.id")


# -- progress -------------------------------------------------------------------------------------
@dataclass
class Progress:
    """One goal's target against the actual, as every interface shows it."""

    id: int
    kind: str
    #: What it is about: "this week", a resource's title, a topic's name.
    subject: str
    target: float
    actual: float
    #: "h" or "days".
    unit: str
    period_start: str
    period_end: str
    met: bool
    on_track: bool
    #: Days, counting today, one could study nothing and still be on the road.
    buffer_days: int
    #: The road's value at the end of today.
    line_today: float
    #: finish_resource and topic_hours: hours a week still needed, and the last four weeks' pace.
    needed_per_week: float | None = None
    pace_per_week: float | None = None
    #: The one line: "4.5 h of 5 h this week: on track, 2 days of buffer".
    text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def goal_progress(journal: Journal, today: date, settings: Settings | None = None) -> list[Progress]:
    """Every goal's progress on `today`, in id order."""
    settings = settings or Settings()
    goals = list_goals(journal)
    if not goals:
        return []
    _week, week_first, week_last = parse.week_bounds(today, settings.week_start_index)
    found = []
    for goal in goals:
        if goal["kind"] in (WEEKLY_HOURS, WEEKLY_DAYS):
            found.append(_weekly(journal, goal, settings, today, week_first, week_last))
        elif goal["kind"] == FINISH_RESOURCE:
            found.append(_finish(journal, goal, settings, today))
        elif goal["kind"] == TOPIC_HOURS:
            found.append(_topic(journal, goal, today))
    return found


def road(base: float, target: float, first: date, last: date, actual: float, today: date) -> tuple[int, bool, float]:
    """(buffer days, on track, the line at the end of today) on the straight road from `base` on
    the morning of `first` to `target` at the end of `last`."""
    days = (last - first).days + 1
    before = max(0, min(days, (today - first).days))  # whole days of the period before today
    rate = (target - base) / days
    line_today = base + rate * min(days, before + 1)
    if rate <= 0 or actual >= target:
        return max(0, days - before), True, line_today
    covered = min(days, math.floor((actual - base) / rate + _EPSILON))
    return max(0, covered - before), covered >= before, line_today


def _weekly(journal: Journal, goal: Row, settings: Settings, today: date, first: date, last: date) -> Progress:
    totals = daily_totals(journal, first, min(today, last))
    if goal["kind"] == WEEKLY_HOURS:
        actual, unit = round(sum(totals.values()) / 60, 2), "h"
    else:
        actual, unit = float(sum(1 for minutes in totals.values() if minutes >= settings.daily_minimum)), "days"
    target = goal["target"]
    buffer, on_track, line = road(0.0, target, first, last, actual, today)
    text = (Msg.GOAL_WEEKLY_HOURS if unit == "h" else Msg.GOAL_WEEKLY_DAYS).format(actual=_num(actual), target=_num(target))
    return _done(Progress(goal["id"], goal["kind"], "this week", target, actual, unit, first.isoformat(),
                          last.isoformat(), actual >= target, on_track, buffer, round(line, 2)), text)


def _start_day(goal: Row, today: date) -> date:
    """The day a goal was set: where its road starts (never after today)."""
    return min(today, clock.day_of_stamp(goal["created_at"]))


def _hours(journal: Journal, column: str, ids: list[int], start: date | None = None, end: date | None = None) -> float:
    if not ids:
        return 0.0
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    params: dict[str, Any] = {f"i{n}": value for n, value in enumerate(ids)}
    clause = ""
    if start is not None:
        clause += " AND day >= :start"
        params["start"] = start.isoformat()
    if end is not None:
        clause += " AND day <= :end"
        params["end"] = end.isoformat()
    minutes = journal.scalar(f"SELECT COALESCE(sum(minutes), 0) FROM study_session WHERE {column} IN ({marks}){clause}",
                             params)
    return minutes / 60


def _by_date(goal: Row, today: date, target: float, actual: float, before: float, pace: float, subject: str) -> Progress:
    """A goal due on a day: the road from the day it was set to the due day."""
    first, last = _start_day(goal, today), date.fromisoformat(goal["due"])
    buffer, _on_road, line = road(before, target, first, max(first, last), actual, today)
    days_left = (last - today).days + 1
    remaining = max(0.0, target - actual)
    needed = round(remaining / (days_left / 7), 2) if days_left > 0 else (0.0 if not remaining else math.inf)
    met = actual >= target
    on_track = met or (days_left > 0 and pace >= needed)  # the rule: the pace against the need
    text = Msg.GOAL_BY_DATE.format(subject=subject, actual=_num(actual), target=_num(target), due=goal["due"],
                                   needed=_num(needed), pace=_num(pace))
    return _done(Progress(goal["id"], goal["kind"], subject, target, round(actual, 2), "h", first.isoformat(),
                          last.isoformat(), met, on_track, buffer if days_left > 0 else 0, round(line, 2),
                          needed, round(pace, 2)), text)


def _finish(journal: Journal, goal: Row, settings: Settings, today: date) -> Progress:
    resource = resource_by_id(journal, goal["resource_id"], settings.fte_hours)
    target = resource["plan_hours"] or 0.0
    ids = [resource["id"]]
    actual = _hours(journal, "resource_id", ids)
    if resource["status"] == "done":
        actual = max(actual, target)
    before = _hours(journal, "resource_id", ids, end=_start_day(goal, today) - timedelta(days=1))
    pace = _hours(journal, "resource_id", ids, today - timedelta(days=PACE_DAYS - 1), today) / (PACE_DAYS / 7)
    return _by_date(goal, today, target, actual, min(before, target), pace, resource["title"])


def _topic(journal: Journal, goal: Row, today: date) -> Progress:
    ids = subtopic_ids(journal, goal["topic_id"])
    actual = _hours(journal, "topic_id", ids)
    before = _hours(journal, "topic_id", ids, end=_start_day(goal, today) - timedelta(days=1))
    pace = _hours(journal, "topic_id", ids, today - timedelta(days=PACE_DAYS - 1), today) / (PACE_DAYS / 7)
    return _by_date(goal, today, goal["target"], actual, min(before, goal["target"]), pace, goal["topic"])


def subtopic_ids(journal: Journal, topic_id: int) -> list[int]:
    """The topic and every topic below it (a loop in the tree can't make this spin)."""
    parent_of = {row["id"]: row["parent_id"] for row in journal.rows("SELECT id, parent_id FROM topic")}
    return sorted(tid for tid in parent_of if topic_id in walk_up(parent_of.get, tid))


def _done(progress: Progress, head: str) -> Progress:
    if progress.met:
        state = Msg.GOAL_MET.value
    elif progress.on_track:
        state = Msg.GOAL_ON_TRACK.format(buffer=parse.plural(progress.buffer_days, "day"))
    else:
        state = Msg.GOAL_BEHIND.value
    progress.text = f"{head}: {state}"
    return progress


def _num(value: float) -> str:
    """4.5, 5, 12.25: hours and days as people write them."""
    if math.isinf(value):
        return "∞"
    return f"{round(value, 2):g}"


def describe_goal(goal: Row) -> str:
    """A goal in a few words, for `goal list`, `goal remove` and the Plan screen."""
    if goal["kind"] == WEEKLY_HOURS:
        return f"{_num(goal['target'])} h a week"
    if goal["kind"] == WEEKLY_DAYS:
        return f"{_num(goal['target'])} days a week"
    if goal["kind"] == FINISH_RESOURCE:
        return f"finish {goal['resource']!r} by {goal['due']}"
    return f"{_num(goal['target'])} h on {goal['topic']!r} by {goal['due']}"
