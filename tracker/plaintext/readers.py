"""Reading a journal folder into rows: every file is parsed and validated before anything is
written, and a bad value names its file and line."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker import parse
from tracker.cards.text import SOURCES, clean_side, content_uid, normalize_tags, parse_rating
from tracker.csvtable import read_table
from tracker.errors import Msg, bad_input
from tracker.plaintext.cells import (
    Reader, card_state, exact_text, optional_float, optional_name, optional_text, plain_text,
    required_float, required_text, row_errors, yes_no,
)
from tracker.plaintext.format import (
    CARDS_FILE, CHECKPOINT_RUNS_FILE, FILE_COLUMNS, LATER_FILE, MILESTONES_FILE, PROGRESS_FILE,
    REQUIRED_COLUMNS, RESOURCES_FILE, REST_DAYS_FILE, REVIEWS_FILE, SESSIONS_FILE, TOPICS_FILE,
    WEEKS_FILE, nocase, unix,
)

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
    cards: Rows = field(default_factory=list)
    reviews: Rows = field(default_factory=list)
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
    return reading.data


class _Reading:
    """One read of a folder: one method a file, each turning a row into values."""

    def __init__(self, directory: Path, shift_days: int) -> None:
        self.read = Reader(directory, shift_days)
        self.data = JournalData(default_stamp=self.read.stamp)
        self.first_lines: dict[str, dict[str, int]] = {}  # thing -> key -> the line it was on

    def _once(self, thing: str, key: str, line: int) -> None:
        """A week, a rest day or a card uid may appear only once."""
        seen = self.first_lines.setdefault(thing, {})
        if key in seen:
            raise bad_input(Msg.CSV_DUPLICATE, thing=thing, name=key, line=seen[key])
        seen[key] = line

    def topic(self, row: Mapping[str, str], line: int) -> None:
        name = parse.clean_name(row.get("name"), "topic")
        self.data.topic_names.declare(name, line, "topic")
        parent = optional_name(row.get("parent"), "parent")
        self.data.topics.append({
            "name": name, "parent": parent,
            "notes": self.read.markdown(row.get("notes_file"), "notes"), **self.read.stamps(row),
        })
        self.data.topic_names.refer(parent)

    def resource(self, row: Mapping[str, str], line: int) -> None:
        title = parse.clean_name(row.get("title"), "title")
        self.data.resource_names.declare(title, line, "resource")
        self.data.resources.append({
            "title": title,
            "kind": parse.choice(row.get("kind"), "kind", parse.RESOURCE_KINDS, "other"),
            "provider": optional_text(row.get("provider")),
            "url": optional_text(row.get("url")),
            "planned_hours": parse.parse_number(row.get("planned_hours"), "planned hours", "hours, like 40 or 12.5"),
            "fte_points": parse.parse_number(row.get("fte_points"), "FTE points", "points, like 0.5 for half a paper"),
            "cost": parse.parse_number(row.get("cost"), "cost", "an amount, like 49.99 or 0"),
            "units_total": parse.parse_count(row.get("units_total"), "units total"),
            "units_done": parse.parse_count(row.get("units_done"), "units done") or 0,
            "status": parse.choice(row.get("status"), "status", parse.RESOURCE_STATUSES, "planned"),
            **self.read.stamps(row),
        })

    def session(self, row: Mapping[str, str], line: int) -> None:
        topic = parse.clean_name(row.get("topic"), "topic")
        resource = optional_name(row.get("resource"), "resource")
        self.data.topic_names.refer(topic)
        self.data.resource_names.refer(resource)
        self.data.sessions.append({
            "day": self.read.day(row.get("date")),
            "minutes": parse.parse_duration(row.get("minutes") or ""),
            "topic": topic, "resource": resource,
            "kind": parse.choice(row.get("kind"), "kind", parse.ACTIVITY_KINDS, "other"),
            "stuck": yes_no(row.get("stuck"), "stuck"),
            "note": plain_text(row.get("note"), "note"),
            **self.read.stamps(row),
        })

    def progress(self, row: Mapping[str, str], line: int) -> None:
        resource = parse.clean_name(row.get("resource"), "resource")
        if not self.data.resource_names.knows(resource):
            raise bad_input(Msg.IMPORT_UNKNOWN_RESOURCE, name=resource)
        done = parse.parse_count(row.get("units_done"), "units done")
        if done is None:
            raise bad_input(Msg.EMPTY, field="units done")
        self.data.progress.append({
            "resource": resource, "day": self.read.day(row.get("date")), "units_done": done,
            **self.read.stamps(row),
        })

    def milestone(self, row: Mapping[str, str], line: int) -> None:
        self.data.milestones.append({
            "project": " ".join((row.get("project") or "").split()),
            "title": parse.clean_name(row.get("title"), "title"),
            "due": self.read.optional_day(row.get("due")),
            "done_on": self.read.optional_day(row.get("done_on")),
            "url": optional_text(row.get("url")),
            **self.read.stamps(row),
        })

    def later(self, row: Mapping[str, str], line: int) -> None:
        topic = parse.clean_name(row.get("topic"), "topic")
        self.data.topic_names.refer(topic)
        self.data.later.append({
            "topic": topic,
            "text": required_text(row.get("text"), "text"),
            "added_on": self.read.day(row.get("added_on")),
            "done_on": self.read.optional_day(row.get("done_on")),
            **self.read.stamps(row),
        })

    def week(self, row: Mapping[str, str], line: int) -> None:
        week = self.read.week(row.get("week"))
        self._once("week", week, line)
        self.data.weeks.append({
            "week": week,
            "title": plain_text(row.get("title"), "title", parse.MAX_NAME_CHARS),
            "reflection": self.read.markdown(row.get("reflection_file"), "reflection"),
            "next_plan": self.read.markdown(row.get("plan_file"), "next plan"),
            **self.read.stamps(row),
        })

    def rest_day(self, row: Mapping[str, str], line: int) -> None:
        day = self.read.day(row.get("date"))
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
            **self.read.stamps(row),
        })

    def card(self, row: Mapping[str, str], line: int) -> None:
        topic = parse.clean_name(row.get("topic"), "topic")
        source = parse.choice(row.get("source"), "source", SOURCES, "cli")
        front = clean_side(unix(row.get("front") or ""), "front")
        uid = optional_name(row.get("uid"), "uid") or content_uid(topic, front)  # as a CSV source
        self._once("card", uid, line)
        self.data.topic_names.refer(topic)
        self.data.cards.append({
            "uid": uid, "topic": topic, "front": front,
            "back": clean_side(unix(row.get("back") or ""), "back", required=source != "checkpoint"),
            "tags": normalize_tags(row.get("tags")),
            "source": source,
            "state": card_state(row.get("state")),
            "step": parse.parse_count(row.get("step"), "step", limit=parse.MAX_ID),
            "stability": optional_float(row.get("stability"), "stability"),
            "difficulty": optional_float(row.get("difficulty"), "difficulty"),
            "due": self.read.optional_time(row.get("due"), "due") or self.read.stamp,  # new: due at once
            "last_review": self.read.optional_time(row.get("last_review"), "last_review"),
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
            **self.read.stamps(row),
        })


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
    (CARDS_FILE, _Reading.card),
    (REVIEWS_FILE, _Reading.review),
)
