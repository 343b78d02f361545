"""Exporting a journal: one spec a CSV file (where its rows come from, in which order, how a cell
is spelled) drives the export, which lands in its folder whole or not at all."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.errors import Msg, bad_input, failure
from tracker.files import atomic_directory, write_tree
from tracker.plaintext.format import (
    CARD_COLUMNS, CARDS_FILE, CHECKPOINT_EVENT_COLUMNS, CHECKPOINT_EVENTS_FILE, CHECKPOINT_RUN_COLUMNS,
    CHECKPOINT_RUNS_FILE, FSRS_PARAMETER_COLUMNS, FSRS_PARAMETERS_FILE, GOAL_COLUMNS, GOALS_FILE, LATER_COLUMNS, LATER_FILE, MILESTONE_COLUMNS, MILESTONES_FILE, PROGRESS_COLUMNS,
    PROGRESS_FILE, RESOURCE_COLUMNS, RESOURCES_FILE, REST_DAY_COLUMNS, REST_DAYS_FILE, REVIEW_COLUMNS,
    REVIEWS_FILE, SESSION_COLUMNS, SESSIONS_FILE, TIMER_COLUMNS, TIMER_FILE, TOPIC_COLUMNS, TOPIC_NOTES_DIR, TOPICS_FILE, WEEK_COLUMNS,
    WEEK_NOTES_DIR, WEEKS_FILE, cell, counted, markdown_text, name_order, parameters_text, unique_slugs,
    week_file_stem,
)
from tracker.store import Journal, Row


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the directory, its files (relative, sorted) and rows per table."""

    directory: Path
    files: list[str]
    counts: dict[str, int]

    def summary(self) -> str:
        return f"{counted(self.counts)} in {len(self.files)} files"


def export_journal(journal: Journal, directory: Path) -> ExportResult:
    """Write the whole journal into `directory` (new or empty), atomically: the files are built in
    a hidden sibling directory that is renamed into place, so a failure leaves no half export."""
    given, directory = Path(directory), Path(directory).absolute()
    _check_export_target(directory, given)
    with journal.transaction(write=False):  # one snapshot; writers (the UI) go on meanwhile
        out = _export_files(journal)
    try:  # here, so that a parent that can't be made is the path named
        directory.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise failure(Msg.UNWRITABLE, path=directory.parent, reason=err.strerror or err) from None
    with atomic_directory(directory, given) as staging:
        write_tree(staging, out.files)
        _check_export_target(directory, given)  # again: someone may have written there meanwhile
    return ExportResult(given, sorted(out.files), out.counts)


def _check_export_target(directory: Path, shown: Path) -> None:
    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        raise bad_input(Msg.EXPORT_TARGET, path=shown)
    if directory.is_dir() and any(directory.iterdir()):
        raise bad_input(Msg.EXPORT_TARGET, path=shown)


@dataclass
class _Files:
    """The export's files by relative path, and the rows written per count key."""

    files: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def markdown(self, relative: str, text: str) -> str:
        """Write `text` to `relative` when there is any; the cell that names it (or empty)."""
        text = markdown_text(text)
        if not text:
            return ""
        self.files[relative] = text + "\n"
        return relative


#: How a cell is made from its row, for the columns not copied as they are.
Cell = Callable[[Row, _Files], Any]


@dataclass(frozen=True)
class _Spec:
    """One CSV file: `source` is SQL that names each column as the file does, or a function for
    rows SQL can't give; `order` sorts in Python where the database's collation would decide."""

    name: str
    key: str
    columns: tuple[str, ...]
    source: str | Callable[[Journal], list[Row]]
    order: Callable[[Row], Any] | None = None
    cells: Mapping[str, Cell] = field(default_factory=dict)


def _flag(column: str) -> Cell:
    """0/1 as "yes" or empty."""
    return lambda row, out: bool(row[column])


def _linked(path: Callable[[Row], str], column: str) -> Cell:
    """Long text in a Markdown file of its own; the cell names the file."""
    return lambda row, out: out.markdown(path(row), row[column] or "")


def _parameters(row: Row, out: _Files) -> str:
    """The stored JSON list, spelled as import writes it (so export, import, export is stable)."""
    try:
        return parameters_text(json.loads(row["parameters"]))
    except (TypeError, ValueError):
        return row["parameters"]


def _topics(journal: Journal) -> list[Row]:
    """Topics by name, each with the slug of its notes file (slugs depend on this order)."""
    topics = sorted(
        journal.rows(
            "SELECT t.name, p.name AS parent, t.notes, t.created_at, t.updated_at "
            "FROM topic t LEFT JOIN topic p ON p.id = t.parent_id"
        ),
        key=lambda t: name_order(t["name"]),
    )
    return [{**t, "slug": slug} for t, slug in zip(topics, unique_slugs([t["name"] for t in topics]))]


_FILES = (
    _Spec(
        SESSIONS_FILE, "sessions", SESSION_COLUMNS,
        "SELECT s.day AS date, s.minutes, t.name AS topic, r.title AS resource, s.kind, s.stuck, s.note, "
        "s.created_at, s.updated_at FROM study_session s JOIN topic t ON t.id = s.topic_id "
        "LEFT JOIN resource r ON r.id = s.resource_id ORDER BY s.day, s.id",
        cells={"stuck": _flag("stuck")},
    ),
    _Spec(
        TOPICS_FILE, "topics", TOPIC_COLUMNS, _topics,
        cells={"notes_file": _linked(lambda t: f"{TOPIC_NOTES_DIR}/{t['slug']}.md", "notes")},
    ),
    _Spec(
        RESOURCES_FILE, "resources", RESOURCE_COLUMNS, "SELECT * FROM resource",
        order=lambda r: name_order(r["title"]),
    ),
    _Spec(
        PROGRESS_FILE, "progress", PROGRESS_COLUMNS,
        "SELECT p.id, r.title AS resource, p.day AS date, p.units_done, p.created_at, p.updated_at "
        "FROM resource_progress p JOIN resource r ON r.id = p.resource_id",
        order=lambda p: (p["date"], p["id"]),  # a timeline, like sessions
    ),
    _Spec(
        MILESTONES_FILE, "milestones", MILESTONE_COLUMNS, "SELECT * FROM milestone",
        order=lambda m: (
            name_order(m["project"] or ""), m["due"] is None, m["due"] or "", name_order(m["title"]), m["id"],
        ),
    ),
    _Spec(
        LATER_FILE, "later", LATER_COLUMNS,
        "SELECT l.id, t.name AS topic, l.text, l.added_on, l.done_on, l.created_at, l.updated_at "
        "FROM learn_later l JOIN topic t ON t.id = l.topic_id",
        order=lambda l: (l["added_on"], l["id"]),
    ),
    _Spec(
        WEEKS_FILE, "weeks", WEEK_COLUMNS, "SELECT * FROM week_note ORDER BY week",
        cells={
            "reflection_file": _linked(lambda w: f"{WEEK_NOTES_DIR}/{week_file_stem(w['week'])}.md", "reflection"),
            "plan_file": _linked(lambda w: f"{WEEK_NOTES_DIR}/{week_file_stem(w['week'])}.plan.md", "next_plan"),
        },
    ),
    _Spec(
        REST_DAYS_FILE, "rest_days", REST_DAY_COLUMNS,
        "SELECT day AS date, created_at, updated_at FROM rest_day ORDER BY day",
    ),
    _Spec(
        CHECKPOINT_RUNS_FILE, "checkpoint_runs", CHECKPOINT_RUN_COLUMNS,
        "SELECT * FROM checkpoint_run ORDER BY ran_at, id", cells={"passed": _flag("passed")},
    ),
    _Spec(
        CHECKPOINT_EVENTS_FILE, "checkpoint_events", CHECKPOINT_EVENT_COLUMNS,
        "SELECT * FROM checkpoint_event ORDER BY at, id",
    ),
    _Spec(  # by uid: the identity that survives an import (ids don't)
        CARDS_FILE, "cards", CARD_COLUMNS,
        "SELECT c.*, t.name AS topic FROM card c JOIN topic t ON t.id = c.topic_id ORDER BY c.uid",
        cells={"suspended": _flag("suspended")},
    ),
    _Spec(
        REVIEWS_FILE, "reviews", REVIEW_COLUMNS,
        "SELECT c.uid AS card, r.rating, r.reviewed_at, r.review_duration_ms, r.source, r.anki_revlog_id, "
        "r.created_at, r.updated_at "
        "FROM review r JOIN card c ON c.id = r.card_id ORDER BY r.reviewed_at, r.id",
    ),
    _Spec(  # in the order they were set: an import inserts them in file order, so ids keep it
        GOALS_FILE, "goals", GOAL_COLUMNS,
        "SELECT g.kind, g.target, r.title AS resource, t.name AS topic, g.due, g.created_at, g.updated_at "
        "FROM goal g LEFT JOIN resource r ON r.id = g.resource_id LEFT JOIN topic t ON t.id = g.topic_id ORDER BY g.id",
    ),
    _Spec(  # at most one row; names as typed (found or created when it stops), as the table keeps them
        TIMER_FILE, "timer", TIMER_COLUMNS, "SELECT * FROM running_timer",
    ),
    _Spec(  # oldest first: an import inserts them in file order, so the last one stays in force
        FSRS_PARAMETERS_FILE, "fsrs_parameters", FSRS_PARAMETER_COLUMNS, "SELECT * FROM fsrs_parameters ORDER BY id",
        cells={"parameters": _parameters},
    ),
)


def _export_files(journal: Journal) -> _Files:
    out = _Files()
    for spec in _FILES:
        rows = journal.rows(spec.source) if isinstance(spec.source, str) else spec.source(journal)
        if spec.order is not None:
            rows = sorted(rows, key=spec.order)
        out.files[spec.name] = _csv(spec.columns, [_cells(spec, row, out) for row in rows])
        out.counts[spec.key] = len(rows)
    return out


def _cells(spec: _Spec, row: Row, out: _Files) -> list[str]:
    return [cell(spec.cells[c](row, out) if c in spec.cells else row[c]) for c in spec.columns]


def _csv(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()
