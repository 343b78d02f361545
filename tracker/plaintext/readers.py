"""Reading a journal folder into rows: every file is parsed and validated before anything is
written, and a bad value names its file and line."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker import clock, goals, parse, plan, study, timer, topics
from tracker.cards.memory import checked_parameters
from tracker.cards.text import card_values, content_uid, parse_rating
from tracker.csvtable import read_table
from tracker.errors import Msg, bad_input
from tracker.plaintext.cells import (
    Reader, card_state, exact_text, optional_float, optional_name, required_float, required_text, row_errors,
    yes_no,
)
from tracker.plaintext.format import (
    CARDS_FILE, CHECKPOINT_EVENTS_FILE, CHECKPOINT_RUNS_FILE, FILE_COLUMNS, FSRS_PARAMETERS_FILE, FSRS_SCOPES,
    GOALS_FILE, LATER_FILE, MILESTONES_FILE,
    PROGRESS_FILE, REQUIRED_COLUMNS, RESOURCES_FILE, REST_DAYS_FILE, REVIEW_SOURCES, REVIEWS_FILE, SESSIONS_FILE,
    TIMER_FILE, TOPICS_FILE, WEEKS_FILE, nocase, parameters_text, unix,
)
from tracker.spacing import PARAMETER_COUNT

Rows = list[dict[str, Any]]


class Names:
    """Topic or resource names as SQLite matches them (ASCII case folded), in first-seen order."""

    def __init__(self) -> None:
        self.declared: dict[str, tuple[str, int]] = {}  # key -> (name, line)
        self.referenced: dict[str, str] = {}

    def declare(self, name: str, line: int, thing: str) -> None:
        key = nocase(name)
        if key in self.declared:
            raise bad_input(Msg.CSV_DUPLICATE, thing=thing, name=name, line=self.declared[key][1])
        self.declared[key] = (name, line)

    def refer(self, name: str | None) -> None:
        if name is not None:
            self.referenced.setdefault(nocase(name), name)

    def knows(self, name: str) -> bool:
        key = nocase(name)
        return key in self.declared or key in self.referenced

    def undeclared(self) -> list[str]:
        return [name for key, name in self.referenced.items() if key not in self.declared]


@dataclass
class JournalData:
    """A folder's rows, validated, with names as written (load turns them into ids)."""

    topics: Rows = field(default_factory=list)
    resources: Rows = field(default_factory=list)
    sessions: Rows = field(default_factory=list)
    progress: Rows = field(default_factory=list)
    milestones: Rows = field(default_factory=list)
    later: Rows = field(default_factory=list)
    weeks: Rows = field(default_factory=list)
    rest_days: Rows = field(default_factory=list)
    checkpoint_runs: Rows = field(default_factory=list)
    checkpoint_events: Rows = field(default_factory=list)
    cards: Rows = field(default_factory=list)
    reviews: Rows = field(default_factory=list)
    goals: Rows = field(default_factory=list)
    timer: Rows = field(default_factory=list)
    fsrs_parameters: Rows = field(default_factory=list)
    default_stamp: str = ""
    topic_names: Names = field(default_factory=Names)
    resource_names: Names = field(default_factory=Names)
    warnings: list[str] = field(default_factory=list)


def read_journal_files(directory: Path, shift_days: int) -> JournalData:
    """Parse and validate every file before anything is written; only sessions.csv must exist."""
    reading = _Reading(directory, shift_days)
    for name, read_row in _ROW_READERS:
        path = directory / name
        if name != SESSIONS_FILE and not path.exists():
            continue
        table = read_table(path, FILE_COLUMNS[name], REQUIRED_COLUMNS[name])
        reading.data.warnings.extend(table.warning())
        for line, row in table.rows:
            with row_errors(table.path, line):
                read_row(reading, row, line)
        if name == TOPICS_FILE:
            reading.refuse_parent_loops(table.path)
    return reading.data


class _Reading:
    """One read of a folder: one method a file, each turning a row into values."""

    def __init__(self, directory: Path, shift_days: int) -> None:
        self.read = Reader(directory, shift_days)
        self.data = JournalData(default_stamp=self.read.stamp)
        self.first_lines: dict[str, dict[str, int]] = {}  # thing -> key -> the line it was on
        self.totals: dict[str, dict[str, Any]] = {}  # resource key -> its checked values

    def _once(self, thing: str, key: str, line: int) -> None:
        """A week, a rest day or a card uid may appear only once."""
        seen = self.first_lines.setdefault(thing, {})
        if key in seen:
            raise bad_input(Msg.CSV_DUPLICATE, thing=thing, name=key, line=seen[key])
        seen[key] = line

    def topic(self, row: Mapping[str, str], line: int) -> None:
        values = topics.topic_values(name=row.get("name") or "", parent=row.get("parent") or "",
                                     notes=self.read.markdown(row.get("notes_file"), "notes"))
        self.data.topic_names.declare(values["name"], line, "topic")
        self.data.topics.append({**values, **self.read.stamps(row)})
        self.data.topic_names.refer(values["parent"])

    def refuse_parent_loops(self, path: Path) -> None:
        """A topic under itself, through its parents, is refused on its line, as `tracker topic`
        refuses it (a loop would make every walk up the tree spin)."""
        parent_of = {nocase(t["name"]): nocase(t["parent"]) if t["parent"] else None for t in self.data.topics}
        for topic in self.data.topics:
            key = nocase(topic["name"])
            if key in topics.walk_up(parent_of.get, parent_of[key]):
                with row_errors(path, self.data.topic_names.declared[key][1]):
                    raise bad_input(Msg.TOPIC_LOOP, parent=topic["parent"])

    def resource(self, row: Mapping[str, str], line: int) -> None:
        values = plan.resource_values(
            title=row.get("title") or "", kind=row.get("kind") or "", provider=unix(row.get("provider") or ""),
            url=unix(row.get("url") or ""), hours=row.get("planned_hours") or "", fte=row.get("fte_points") or "",
            cost=row.get("cost") or "", units=row.get("units_total") or "", done=row.get("units_done") or "",
            status=row.get("status") or "",
        )
        self.data.resource_names.declare(values["title"], line, "resource")
        self.totals[nocase(values["title"])] = values
        self.data.resources.append({**values, **self.read.stamps(row)})

    def session(self, row: Mapping[str, str], line: int) -> None:
        values = study.session_values(  # as `tracker log` checks them; no "future" here: see load
            minutes=row.get("minutes") or "", topic=row.get("topic") or "", resource=row.get("resource"),
            kind=row.get("kind"), note=unix(row.get("note") or ""), stuck=yes_no(row.get("stuck"), "stuck"),
            day=row.get("date") or "",
        )
        self.data.topic_names.refer(values["topic"])
        self.data.resource_names.refer(values["resource"])
        self.data.sessions.append({**values, "day": self.read.shifted(values["day"]), **self.read.stamps(row)})

    def progress(self, row: Mapping[str, str], line: int) -> None:
        resource = parse.clean_name(row.get("resource"), "resource")
        if not self.data.resource_names.knows(resource):
            raise bad_input(Msg.IMPORT_UNKNOWN_RESOURCE, name=resource)
        values = plan.progress_values(units_done=row.get("units_done") or "", day=row.get("date") or "",
                                      resource=self.totals.get(nocase(resource)))
        self.data.progress.append({
            "resource": resource, "day": self.read.shifted(values["day"]), "units_done": values["units_done"],
            **self.read.stamps(row),
        })

    def milestone(self, row: Mapping[str, str], line: int) -> None:
        values = plan.milestone_values(
            title=row.get("title") or "", project=row.get("project") or "", due=row.get("due") or "",
            url=unix(row.get("url") or ""), done_on=row.get("done_on") or "",
        )
        self.data.milestones.append({
            **values, "due": self.read.shifted(values["due"]), "done_on": self.read.shifted(values["done_on"]),
            **self.read.stamps(row),
        })

    def later(self, row: Mapping[str, str], line: int) -> None:
        values = study.later_values(topic=row.get("topic") or "", text=unix(row.get("text") or ""))
        self.data.topic_names.refer(values["topic"])
        self.data.later.append({
            **values,
            "added_on": self.read.day(row.get("added_on")),
            "done_on": self.read.optional_day(row.get("done_on")),
            **self.read.stamps(row),
        })

    def week(self, row: Mapping[str, str], line: int) -> None:
        week = self.read.week(row.get("week"))
        self._once("week", week, line)
        values = study.week_note_values(
            title=unix(row.get("title") or ""), reflection=self.read.markdown(row.get("reflection_file"), "reflection"),
            next_plan=self.read.markdown(row.get("plan_file"), "next plan"),
        )
        self.data.weeks.append({"week": week, **values, **self.read.stamps(row)})

    def rest_day(self, row: Mapping[str, str], line: int) -> None:
        day = self.read.shifted(study.rest_day_value(row.get("date") or "", self.read.today))
        self._once("rest day", day, line)
        self.data.rest_days.append({"day": day, **self.read.stamps(row)})

    def checkpoint_run(self, row: Mapping[str, str], line: int) -> None:
        seconds = required_float(row.get("seconds"), "seconds")
        self.data.checkpoint_runs.append({
            "checkpoint": required_text(row.get("checkpoint"), "checkpoint"),
            "passed": yes_no(row.get("passed"), "passed"),
            "message": exact_text(row.get("message"), "message"),
            "seconds": seconds,
            "code_hash": (row.get("code_hash") or "").strip(),
            "ran_at": self.read.time(row.get("ran_at"), "ran_at"),
            "sandbox": (row.get("sandbox") or "").strip(),
            "checks_passed": parse.parse_count(row.get("checks_passed"), "checks_passed", limit=parse.MAX_ID),
            "checks_total": parse.parse_count(row.get("checks_total"), "checks_total", limit=parse.MAX_ID),
            **self.read.stamps(row),
        })

    def checkpoint_event(self, row: Mapping[str, str], line: int) -> None:
        self.data.checkpoint_events.append({
            "checkpoint": required_text(row.get("checkpoint"), "checkpoint"),
            "kind": required_text(row.get("kind"), "kind"),
            "at": self.read.time(row.get("at"), "at"),
            **self.read.stamps(row),
        })

    def card(self, row: Mapping[str, str], line: int) -> None:
        values = card_values(topic=row.get("topic") or "", source=row.get("source") or "",
                             front=unix(row.get("front") or ""), back=unix(row.get("back") or ""),
                             tags=row.get("tags") or "")
        uid = optional_name(row.get("uid"), "uid") or content_uid(values["topic"], values["front"])  # as a CSV source
        self._once("card", uid, line)
        self.data.topic_names.refer(values["topic"])
        self.data.cards.append({
            "uid": uid, **values,
            "state": card_state(row.get("state")),
            "step": parse.parse_count(row.get("step"), "step", limit=parse.MAX_ID),
            "stability": optional_float(row.get("stability"), "stability"),
            "difficulty": optional_float(row.get("difficulty"), "difficulty"),
            "due": self.read.optional_time(row.get("due"), "due") or self.read.stamp,  # new: due at once
            "last_review": self.read.optional_time(row.get("last_review"), "last_review"),
            "suspended": yes_no(row.get("suspended"), "suspended"),
            **self.read.stamps(row),
        })

    def review(self, row: Mapping[str, str], line: int) -> None:
        uid = parse.clean_name(row.get("card"), "card")
        if uid not in self.first_lines.get("card", {}):
            raise bad_input(Msg.NO_SUCH, thing="card", name=uid, hint=f" in {CARDS_FILE}")
        self.data.reviews.append({
            "card": uid,
            "rating": parse_rating(row.get("rating") or ""),
            "reviewed_at": self.read.time(row.get("reviewed_at"), "reviewed_at"),
            "review_duration_ms": parse.parse_count(row.get("review_duration_ms"), "review duration", limit=parse.MAX_ID),
            "source": _review_source(row.get("source")),
            "anki_revlog_id": self._anki_revlog_id(row.get("anki_revlog_id"), line),
            **self.read.stamps(row),
        })

    def _anki_revlog_id(self, text: str | None, line: int) -> int | None:
        """Anki's revlog id of a review read back from Anki; each appears once."""
        value = parse.parse_count(text, "anki_revlog_id", limit=2**63 - 1)
        if value is not None:
            self._once("anki_revlog_id", str(value), line)
        return value

    def goal(self, row: Mapping[str, str], line: int) -> None:
        values = goals.goal_values(None, kind=row.get("kind") or "", target=row.get("target") or "",
                                   resource=row.get("resource") or "", topic=row.get("topic") or "",
                                   due=row.get("due") or "", today=None)
        if values.get("resource") is not None and not self.data.resource_names.knows(values["resource"]):
            raise bad_input(Msg.IMPORT_UNKNOWN_RESOURCE, name=values["resource"])
        self.data.topic_names.refer(values.get("topic"))
        self.data.goals.append({**values, "due": self.read.shifted(values["due"]), **self.read.stamps(row)})

    def timer(self, row: Mapping[str, str], line: int) -> None:
        """The running timer, checked by timer.timer_values as `tracker start` checks it (so a start in
        the future, or more than a day before now, is refused here too); at most one row."""
        if self.data.timer:
            raise bad_input(Msg.IMPORT_SECOND_TIMER, line=self.data.timer[0]["line"])
        started = self.read.time(row.get("started_at"), "started_at")
        values = timer.timer_values(
            topic=row.get("topic") or "", note=unix(row.get("note") or ""), resource=row.get("resource"),
            kind=row.get("kind"), at=clock.parse_utc(started), now=clock.now(),
            pomodoro=row.get("pomodoro_minutes") or None,
        )
        # Not referred to: the table keeps names as typed, found or created when the timer stops.
        self.data.timer.append({**values, "started_at": started, "line": line, **self.read.stamps(row)})

    def fsrs_parameter_set(self, row: Mapping[str, str], line: int) -> None:
        """A fit of `tracker cards optimize`, checked as optimize checks a fit before storing it
        (memory.checked_parameters: 21 finite floats the scheduler accepts)."""
        reviews = parse.parse_count(row.get("reviews"), "reviews", limit=parse.MAX_ID)
        if reviews is None:
            raise bad_input(Msg.EMPTY, field="reviews")
        scope = (row.get("scope") or "").strip() or FSRS_SCOPES[0]
        if scope not in FSRS_SCOPES:
            raise bad_input(Msg.CHOICE, field="scope", value=row.get("scope"), choices=", ".join(FSRS_SCOPES))
        self.data.fsrs_parameters.append({
            "fitted_on": self.read.time(row.get("fitted_on"), "fitted_on"),
            "reviews": reviews,
            "scope": scope,
            "parameters": parameters_text(checked_parameters(_parameter_list(row.get("parameters")))),
            **self.read.stamps(row),
        })


def _parameter_list(text: str | None) -> list[float]:
    """The cell's shape: a JSON list of 21 finite numbers (not strings or booleans, which float()
    would take, nor NaN, which JSON here would); memory.checked_parameters then checks the values."""
    raw = (text or "").strip()
    if not raw:
        raise bad_input(Msg.EMPTY, field="parameters")
    try:
        values = json.loads(raw)
    except ValueError:
        values = None
    if not isinstance(values, list) or len(values) != PARAMETER_COUNT or not all(
        isinstance(w, (int, float)) and not isinstance(w, bool) and math.isfinite(w) for w in values
    ):
        shown = raw if len(raw) <= 60 else raw[:57] + "..."
        raise bad_input(Msg.FSRS_PARAMETERS_CELL, value=repr(shown), expected=PARAMETER_COUNT)
    return values


def _review_source(text: str | None) -> str:
    value = (text or "").strip().lower() or REVIEW_SOURCES[0]
    if value not in REVIEW_SOURCES:
        raise bad_input(Msg.CHOICE, field="source", value=text, choices=", ".join(REVIEW_SOURCES))
    return value


#: The files in the order they are read: progress needs the resources, reviews the cards.
_ROW_READERS: tuple[tuple[str, Callable[[_Reading, Mapping[str, str], int], None]], ...] = (
    (TOPICS_FILE, _Reading.topic),
    (RESOURCES_FILE, _Reading.resource),
    (SESSIONS_FILE, _Reading.session),
    (PROGRESS_FILE, _Reading.progress),
    (MILESTONES_FILE, _Reading.milestone),
    (LATER_FILE, _Reading.later),
    (WEEKS_FILE, _Reading.week),
    (REST_DAYS_FILE, _Reading.rest_day),
    (CHECKPOINT_RUNS_FILE, _Reading.checkpoint_run),
    (CHECKPOINT_EVENTS_FILE, _Reading.checkpoint_event),
    (CARDS_FILE, _Reading.card),
    (REVIEWS_FILE, _Reading.review),
    (GOALS_FILE, _Reading.goal),
    (TIMER_FILE, _Reading.timer),
    (FSRS_PARAMETERS_FILE, _Reading.fsrs_parameter_set),
)
