"""The plain-text journal: export to CSV and Markdown files, import them back, and import a study
schedule from a spreadsheet.

The format is the one in README.md ("The plain-text journal"). Export, import into an empty journal
and export again gives byte-identical files, so rows are written in a stable order and every value
has exactly one spelling (see `_cell` and `_number`). Imports validate every value through
tracker.parse and write in one transaction: a bad row names its file and line and nothing is written.
"""

from __future__ import annotations

import csv
import io
import os
import re
import secrets
import shutil
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from tracker import parse
from tracker.cards.text import (
    SOURCES,
    clean_side,
    content_uid,
    normalize_tags,
    parse_rating,
)
from tracker.clock import today as config_today
from tracker.clock import utc_stamp
from tracker.csvtable import Table, read_table
from tracker.errors import Msg, TrackerError, bad_input, failure
from tracker.store import Journal

# -- the format: one place for file names and columns ---------------------------------------------
SESSIONS_FILE = "sessions.csv"
TOPICS_FILE = "topics.csv"
RESOURCES_FILE = "resources.csv"
PROGRESS_FILE = "progress.csv"
MILESTONES_FILE = "milestones.csv"
LATER_FILE = "later.csv"
WEEKS_FILE = "weeks.csv"
REST_DAYS_FILE = "rest_days.csv"
CHECKPOINT_RUNS_FILE = "checkpoint_runs.csv"
CARDS_FILE = "cards.csv"
REVIEWS_FILE = "reviews.csv"
TOPIC_NOTES_DIR = "topics"
WEEK_NOTES_DIR = "weeks"

STAMP_COLUMNS = ("created_at", "updated_at")
SESSION_COLUMNS = ("date", "minutes", "topic", "resource", "kind", "stuck", "note", *STAMP_COLUMNS)
TOPIC_COLUMNS = ("name", "parent", "notes_file", *STAMP_COLUMNS)
RESOURCE_COLUMNS = (
    "title", "kind", "provider", "url", "planned_hours", "fte_points", "cost", "units_total",
    "units_done", "status", *STAMP_COLUMNS,
)
PROGRESS_COLUMNS = ("resource", "date", "units_done", *STAMP_COLUMNS)
MILESTONE_COLUMNS = ("project", "title", "due", "done_on", "url", *STAMP_COLUMNS)
LATER_COLUMNS = ("topic", "text", "added_on", "done_on", *STAMP_COLUMNS)
WEEK_COLUMNS = ("week", "title", "reflection_file", "plan_file", *STAMP_COLUMNS)
REST_DAY_COLUMNS = ("date", *STAMP_COLUMNS)
CHECKPOINT_RUN_COLUMNS = ("checkpoint", "passed", "message", "seconds", "code_hash", "ran_at", *STAMP_COLUMNS)
CARD_COLUMNS = (
    "uid", "topic", "front", "back", "tags", "source", "state", "step", "stability", "difficulty", "due",
    "last_review", *STAMP_COLUMNS,
)
REVIEW_COLUMNS = ("card", "rating", "reviewed_at", "review_duration_ms", *STAMP_COLUMNS)

#: Columns a hand-written file must have; every other column may be left out.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    SESSIONS_FILE: ("date", "minutes", "topic"),
    TOPICS_FILE: ("name",),
    RESOURCES_FILE: ("title",),
    PROGRESS_FILE: ("resource", "date", "units_done"),
    MILESTONES_FILE: ("title",),
    LATER_FILE: ("topic", "text", "added_on"),
    WEEKS_FILE: ("week",),
    REST_DAYS_FILE: ("date",),
    CHECKPOINT_RUNS_FILE: ("checkpoint", "passed", "seconds", "ran_at"),
    CARDS_FILE: ("topic", "front"),
    REVIEWS_FILE: ("card", "rating", "reviewed_at"),
}
FILE_COLUMNS: dict[str, tuple[str, ...]] = {
    SESSIONS_FILE: SESSION_COLUMNS,
    TOPICS_FILE: TOPIC_COLUMNS,
    RESOURCES_FILE: RESOURCE_COLUMNS,
    PROGRESS_FILE: PROGRESS_COLUMNS,
    MILESTONES_FILE: MILESTONE_COLUMNS,
    LATER_FILE: LATER_COLUMNS,
    WEEKS_FILE: WEEK_COLUMNS,
    REST_DAYS_FILE: REST_DAY_COLUMNS,
    CHECKPOINT_RUNS_FILE: CHECKPOINT_RUN_COLUMNS,
    CARDS_FILE: CARD_COLUMNS,
    REVIEWS_FILE: REVIEW_COLUMNS,
}

#: A spreadsheet study schedule: one planned or done session a row.
SCHEDULE_COLUMNS = ("date", "minutes", "topic", "resource", "note")
SCHEDULE_REQUIRED = ("date", "minutes", "topic")

#: `stuck` is written as "yes" or empty; by hand, these spellings are also understood.
STUCK_YES = ("yes", "y", "true", "1", "x")
STUCK_NO = ("", "no", "n", "false", "0")
#: Slugs stay short and portable; names Windows reserves get a suffix so the files open there too.
MAX_SLUG_CHARS = 80
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(1, 10)] + [f"lpt{i}" for i in range(1, 10)]
)
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
#: Card, review and checkpoint times as the services store them (UTC to the second), so that text
#: order is time order; times in this form are kept as written, others are converted to it.
_UTC_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
#: FSRS card states (fsrs.State): 1 learning, 2 review, 3 relearning.
CARD_STATES = (1, 2, 3)
#: SQLite's NOCASE folds ASCII letters only; names are matched the same way here.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

#: (singular, plural) for summaries, in the order they are listed.
_NOUNS = {
    "sessions": ("session", "sessions"),
    "topics": ("topic", "topics"),
    "resources": ("resource", "resources"),
    "progress": ("progress entry", "progress entries"),
    "milestones": ("milestone", "milestones"),
    "later": ("learn-later item", "learn-later items"),
    "weeks": ("week note", "week notes"),
    "rest_days": ("rest day", "rest days"),
    "checkpoint_runs": ("checkpoint run", "checkpoint runs"),
    "cards": ("card", "cards"),
    "reviews": ("review", "reviews"),
}


# -- results --------------------------------------------------------------------------------------
def _counted(counts: Mapping[str, int], always: str | None = "sessions") -> str:
    """'1,204 sessions, 12 topics': the tables that have rows (and always `always`)."""
    parts = []
    for key, (one, many) in _NOUNS.items():
        number = counts.get(key, 0)
        if number or key == always:
            parts.append(f"{number:,} {one if number == 1 else many}")
    return ", ".join(parts)


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the directory, its files (relative, sorted) and rows per table."""

    directory: Path
    files: list[str]
    counts: dict[str, int]

    def summary(self) -> str:
        return f"{_counted(self.counts)} in {len(self.files)} files"


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote; names that were not declared in topics.csv/resources.csv but were
    referenced, and so were created, are listed."""

    counts: dict[str, int]
    topics_created: list[str] = field(default_factory=list)
    resources_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return _counted(self.counts)


@dataclass(frozen=True)
class ScheduleImport:
    """What a schedule import added."""

    added: int
    topics_created: list[str] = field(default_factory=list)
    resources_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# -- one spelling for every value -----------------------------------------------------------------
def _unix(text: str) -> str:
    """`\\n` line endings: the format's rule, and a lone `\\r` would not survive csv's quoting."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _number(value: float | int) -> str:
    """Whole numbers without a decimal point (70, not 70.0); others as Python's shortest repr,
    which reads back to the same float."""
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    return _unix(str(value))


def _markdown_text(text: str) -> str:
    """A Markdown file's text as import will read it back: `\\n` line endings, no surrounding
    space, no leading byte-order mark (editors add and remove it freely; files are read as
    utf-8-sig). Applied on export too, so exporting what was imported changes nothing."""
    text = _unix(text)
    while (trimmed := text.strip().lstrip("\ufeff")) != text:
        text = trimmed
    return text


def _nocase(name: str) -> str:
    return name.lower() if name.isascii() else name.translate(_ASCII_LOWER)


def _name_order(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def slugify(name: str) -> str:
    """A file name for a topic: ASCII lowercase, runs of anything else as '-'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:MAX_SLUG_CHARS].strip("-")
    if not slug:
        return "topic"
    return f"{slug}-topic" if slug in WINDOWS_RESERVED else slug


def unique_slugs(names: Sequence[str]) -> list[str]:
    """Slugs for names in the given order; a repeat gets -2, -3, ... (first free one)."""
    used: set[str] = set()
    slugs = []
    for name in names:
        base = candidate = slugify(name)
        number = 1
        while candidate in used:
            number += 1
            candidate = f"{base}-{number}"
        used.add(candidate)
        slugs.append(candidate)
    return slugs


def _week_file_stem(week: str) -> str:
    return week if _WEEK.fullmatch(week) else slugify(week)


# -- export ---------------------------------------------------------------------------------------
def export_journal(journal: Journal, directory: Path) -> ExportResult:
    """Write the whole journal into `directory` (new or empty), atomically: the files are built in
    a hidden sibling directory that is renamed into place, so a failure leaves no half export."""
    given, directory = Path(directory), Path(directory).absolute()
    _check_export_target(directory, given)
    with journal.transaction():  # one consistent snapshot while the UI may be writing
        tables = _export_tables(journal)
    parent = directory.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise failure(Msg.UNWRITABLE, path=parent, reason=err.strerror or err) from None
    staging = parent / f".{directory.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    emptied = False
    try:
        staging.mkdir()
        for relative, content in tables.files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("w", encoding="utf-8", newline="") as handle:
                handle.write(content)
        _check_export_target(directory, given)  # again: someone may have written there meanwhile
        if directory.is_dir():
            directory.rmdir()
            emptied = True
        staging.rename(directory)
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        if emptied:  # put the user's empty directory back
            with suppress(OSError):
                directory.mkdir(exist_ok=True)
        if isinstance(err, OSError):
            raise failure(Msg.UNWRITABLE, path=given, reason=err.strerror or err) from None
        raise
    return ExportResult(given, sorted(tables.files), tables.counts)


def _check_export_target(directory: Path, shown: Path) -> None:
    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        raise bad_input(Msg.EXPORT_TARGET, path=shown)
    if directory.is_dir() and any(directory.iterdir()):
        raise bad_input(Msg.EXPORT_TARGET, path=shown)


@dataclass
class _Export:
    files: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def csv(self, name: str, key: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(value) for value in row] for row in rows)
        self.files[name] = buffer.getvalue()
        self.counts[key] = len(rows)

    def markdown(self, relative: str, text: str) -> str:
        """Write `text` to `relative` when there is any; the cell that names it (or empty)."""
        text = _markdown_text(text)
        if not text:
            return ""
        self.files[relative] = text + "\n"
        return relative


def _export_tables(journal: Journal) -> _Export:
    out = _Export()
    sessions = journal.rows(
        "SELECT s.day, s.minutes, t.name AS topic, r.title AS resource, s.kind, s.stuck, s.note, "
        "s.created_at, s.updated_at FROM study_session s JOIN topic t ON t.id = s.topic_id "
        "LEFT JOIN resource r ON r.id = s.resource_id ORDER BY s.day, s.id"
    )
    out.csv(SESSIONS_FILE, "sessions", SESSION_COLUMNS, [
        (s["day"], s["minutes"], s["topic"], s["resource"], s["kind"], bool(s["stuck"]), s["note"],
         s["created_at"], s["updated_at"])
        for s in sessions
    ])

    topics = sorted(
        journal.rows(
            "SELECT t.name, p.name AS parent, t.notes, t.created_at, t.updated_at "
            "FROM topic t LEFT JOIN topic p ON p.id = t.parent_id"
        ),
        key=lambda t: _name_order(t["name"]),
    )
    slugs = unique_slugs([t["name"] for t in topics])
    out.csv(TOPICS_FILE, "topics", TOPIC_COLUMNS, [
        (t["name"], t["parent"], out.markdown(f"{TOPIC_NOTES_DIR}/{slug}.md", t["notes"] or ""),
         t["created_at"], t["updated_at"])
        for t, slug in zip(topics, slugs)
    ])

    resources = sorted(journal.rows("SELECT * FROM resource"), key=lambda r: _name_order(r["title"]))
    out.csv(RESOURCES_FILE, "resources", RESOURCE_COLUMNS, [
        tuple(r[column] for column in RESOURCE_COLUMNS) for r in resources
    ])

    progress = sorted(
        journal.rows(
            "SELECT p.id, r.title AS resource, p.day, p.units_done, p.created_at, p.updated_at "
            "FROM resource_progress p JOIN resource r ON r.id = p.resource_id"
        ),
        key=lambda p: (p["day"], p["id"]),  # a timeline, like sessions
    )
    out.csv(PROGRESS_FILE, "progress", PROGRESS_COLUMNS, [
        (p["resource"], p["day"], p["units_done"], p["created_at"], p["updated_at"]) for p in progress
    ])

    milestones = sorted(
        journal.rows("SELECT * FROM milestone"),
        key=lambda m: (_name_order(m["project"] or ""), m["due"] is None, m["due"] or "",
                       _name_order(m["title"]), m["id"]),
    )
    out.csv(MILESTONES_FILE, "milestones", MILESTONE_COLUMNS, [
        tuple(m[column] for column in MILESTONE_COLUMNS) for m in milestones
    ])

    later = sorted(
        journal.rows(
            "SELECT l.id, t.name AS topic, l.text, l.added_on, l.done_on, l.created_at, l.updated_at "
            "FROM learn_later l JOIN topic t ON t.id = l.topic_id"
        ),
        key=lambda l: (l["added_on"], l["id"]),
    )
    out.csv(LATER_FILE, "later", LATER_COLUMNS, [
        tuple(l[column] for column in LATER_COLUMNS) for l in later
    ])

    weeks = journal.rows("SELECT * FROM week_note ORDER BY week")
    week_rows = []
    for w in weeks:
        stem = _week_file_stem(w["week"])
        week_rows.append((
            w["week"], w["title"],
            out.markdown(f"{WEEK_NOTES_DIR}/{stem}.md", w["reflection"] or ""),
            out.markdown(f"{WEEK_NOTES_DIR}/{stem}.plan.md", w["next_plan"] or ""),
            w["created_at"], w["updated_at"],
        ))
    out.csv(WEEKS_FILE, "weeks", WEEK_COLUMNS, week_rows)

    rest_days = journal.rows("SELECT day, created_at, updated_at FROM rest_day ORDER BY day")
    out.csv(REST_DAYS_FILE, "rest_days", REST_DAY_COLUMNS, [
        (d["day"], d["created_at"], d["updated_at"]) for d in rest_days
    ])

    runs = journal.rows("SELECT * FROM checkpoint_run ORDER BY ran_at, id")
    out.csv(CHECKPOINT_RUNS_FILE, "checkpoint_runs", CHECKPOINT_RUN_COLUMNS, [
        tuple(bool(r["passed"]) if column == "passed" else r[column] for column in CHECKPOINT_RUN_COLUMNS)
        for r in runs
    ])

    cards = journal.rows(  # by uid: the identity that survives an import (ids don't)
        "SELECT c.*, t.name AS topic FROM card c JOIN topic t ON t.id = c.topic_id ORDER BY c.uid"
    )
    out.csv(CARDS_FILE, "cards", CARD_COLUMNS, [tuple(c[column] for column in CARD_COLUMNS) for c in cards])

    reviews = journal.rows(
        "SELECT c.uid AS card, r.rating, r.reviewed_at, r.review_duration_ms, r.created_at, r.updated_at "
        "FROM review r JOIN card c ON c.id = r.card_id ORDER BY r.reviewed_at, r.id"
    )
    out.csv(REVIEWS_FILE, "reviews", REVIEW_COLUMNS, [tuple(r[column] for column in REVIEW_COLUMNS) for r in reviews])
    return out


@contextmanager
def _row(path: Path, line: int) -> Iterator[None]:
    """Any problem with a value becomes one line that names the file and the line."""
    try:
        yield
    except TrackerError as err:
        raise bad_input(Msg.CSV_ROW, path=path, line=line, problem=err.line) from None


# -- reading values -------------------------------------------------------------------------------
class _Reader:
    """Value parsers that share the import's settings: today, the date shift, the default stamp."""

    def __init__(self, directory: Path, shift_days: int) -> None:
        self.directory = directory
        self.shift = timedelta(days=shift_days)
        self.today = config_today()
        self.stamp = utc_stamp()

    def day(self, text: str | None) -> str:
        return self._shifted(parse.parse_date(text or "", self.today))

    def optional_day(self, text: str | None) -> str | None:
        found = parse.parse_optional_date(text, self.today)
        return None if found is None else self._shifted(found)

    def _shifted(self, day: date) -> str:
        try:
            return (day + self.shift).isoformat()
        except OverflowError:
            raise bad_input(Msg.SHIFT_RANGE, value=day, days=self.shift.days) from None

    def week(self, text: str | None) -> str:
        raw = (text or "").strip().upper()
        match = _WEEK.fullmatch(raw)
        try:
            if not match:
                raise ValueError(raw)
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise bad_input(Msg.WEEK, value=text) from None
        return parse.iso_week_name(date.fromisoformat(self._shifted(monday)))

    def time(self, text: str | None, field: str) -> str:
        """A card, review or checkpoint time, moved by the shift: UTC to the second
        (2026-11-21T18:30:00Z). Other ISO 8601 times are converted; one without an offset is
        local time, as `tracker cards` takes it."""
        raw = (text or "").strip()
        if not raw:
            raise bad_input(Msg.EMPTY, field=field)
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            raise bad_input(Msg.STAMP, field=field, value=raw) from None
        if not self.shift and _UTC_TIME.fullmatch(raw):
            return raw
        try:
            utc = (moment + self.shift).astimezone(UTC)
        except OverflowError:
            raise bad_input(Msg.SHIFT_RANGE, value=raw, days=self.shift.days) from None
        return utc.replace(tzinfo=None, microsecond=0).isoformat() + "Z"  # isoformat: 4-digit years

    def optional_time(self, text: str | None, field: str) -> str | None:
        return self.time(text, field) if text and text.strip() else None

    def stamps(self, row: Mapping[str, str]) -> dict[str, str]:
        values = {}
        for column in STAMP_COLUMNS:
            raw = (row.get(column) or "").strip()
            if raw:
                try:
                    datetime.fromisoformat(raw)
                except ValueError:
                    raise bad_input(Msg.STAMP, field=column, value=raw) from None
            values[column] = raw or self.stamp
        return values

    def markdown(self, cell: str | None, field: str) -> str:
        """The text of the Markdown file a cell names (a path relative to the directory)."""
        relative = (cell or "").strip()
        if not relative:
            return ""
        pure = PurePosixPath(relative.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", relative):
            raise bad_input(Msg.LINKED_FILE_OUTSIDE, file=relative)
        path = self.directory.joinpath(*pure.parts)
        if not path.resolve().is_relative_to(self.directory.resolve()):  # a symlink pointing out
            raise bad_input(Msg.LINKED_FILE_OUTSIDE, file=relative)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise bad_input(Msg.LINKED_FILE_MISSING, file=relative) from None
        except OSError as err:
            raise bad_input(Msg.LINKED_FILE_UNREADABLE, file=relative, reason=err.strerror or err) from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise bad_input(Msg.LINKED_FILE_NOT_UTF8, file=relative) from None
        return parse.clean_text(_markdown_text(text), field)


def _optional_name(text: str | None, field: str) -> str | None:
    return parse.clean_name(text, field) if text and text.strip() else None


def _optional_text(text: str | None) -> str | None:
    value = _unix(text or "").strip()
    return value or None


def _yes_no(text: str | None, field: str) -> int:
    """`stuck` and `passed`: yes or empty, with the spellings of STUCK_YES and STUCK_NO."""
    raw = (text or "").strip().lower()
    if raw in STUCK_YES:
        return 1
    if raw in STUCK_NO:
        return 0
    raise bad_input(Msg.CHOICE, field=field, value=text, choices="yes, no (or empty)")


def _exact_text(text: str | None, field: str, limit: int = parse.MAX_NOTE_CHARS) -> str:
    """Text kept exactly as written but for `\\n` line endings (a checkpoint's message)."""
    value = _unix(text or "")
    if len(value) > limit:
        raise bad_input(Msg.TOO_LONG, field=field, size=len(value), limit=limit)
    return value


def _card_state(text: str | None) -> int:
    state = parse.parse_count(text, "state")
    if state is None:
        return CARD_STATES[0]
    if state not in CARD_STATES:
        raise bad_input(Msg.CHOICE, field="state", value=text, choices="1 learning, 2 review, 3 relearning")
    return state


def _optional_float(text: str | None, field: str) -> float | None:
    return parse.parse_number(text, field, "a number, like 2.5")


def _text(text: str | None, field: str, limit: int = parse.MAX_NOTE_CHARS) -> str:
    return parse.clean_text(_unix(text or ""), field, limit)


class _Names:
    """Topic or resource names as SQLite matches them (ASCII case folded), in first-seen order."""

    def __init__(self) -> None:
        self.declared: dict[str, tuple[str, int]] = {}  # key -> (name, line)
        self.referenced: dict[str, str] = {}

    def declare(self, name: str, line: int, thing: str) -> None:
        key = _nocase(name)
        if key in self.declared:
            raise bad_input(Msg.CSV_DUPLICATE, thing=thing, name=name, line=self.declared[key][1])
        self.declared[key] = (name, line)

    def refer(self, name: str | None) -> None:
        if name is not None:
            self.referenced.setdefault(_nocase(name), name)

    def knows(self, name: str) -> bool:
        key = _nocase(name)
        return key in self.declared or key in self.referenced

    def undeclared(self) -> list[str]:
        return [name for key, name in self.referenced.items() if key not in self.declared]


# -- import ---------------------------------------------------------------------------------------
def import_journal(journal: Journal, directory: Path, shift_days: int = 0) -> ImportResult:
    """Read an exported (or hand-written) journal directory into an empty journal.

    Only sessions.csv is required. Topics and resources named by sessions (and topics named by
    learn-later items, cards or as parents) but not declared are created. `shift_days` moves every date
    and week by that many days (a multiple of 7 keeps weekdays and weeks aligned); the demo uses
    it to bring the sample journal up to this week.
    """
    directory = Path(directory)
    if not (directory / SESSIONS_FILE).is_file():
        raise bad_input(Msg.IMPORT_SOURCE, path=directory)
    _refuse_non_empty(journal)
    data = _read_journal_files(directory, shift_days)
    with journal.transaction():
        _refuse_non_empty(journal)
        return _write_journal(journal, data)


_ALL_TABLES = (
    ("sessions", "study_session"), ("topics", "topic"), ("resources", "resource"),
    ("progress", "resource_progress"), ("milestones", "milestone"), ("later", "learn_later"),
    ("weeks", "week_note"), ("rest_days", "rest_day"), ("checkpoint_runs", "checkpoint_run"),
    ("cards", "card"), ("reviews", "review"),
)


def _refuse_non_empty(journal: Journal) -> None:
    counts = {key: int(journal.scalar(f"SELECT count(*) FROM {table}")) for key, table in _ALL_TABLES}
    if counts["sessions"]:
        raise bad_input(Msg.IMPORT_NOT_EMPTY, count=f"{counts['sessions']:,}")
    if any(counts.values()):
        raise bad_input(Msg.IMPORT_NOT_EMPTY_OTHER, what=_counted(counts, always=None))


@dataclass
class _JournalData:
    topics: list[dict[str, Any]] = field(default_factory=list)
    resources: list[dict[str, Any]] = field(default_factory=list)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    progress: list[dict[str, Any]] = field(default_factory=list)
    milestones: list[dict[str, Any]] = field(default_factory=list)
    later: list[dict[str, Any]] = field(default_factory=list)
    weeks: list[dict[str, Any]] = field(default_factory=list)
    rest_days: list[dict[str, Any]] = field(default_factory=list)
    checkpoint_runs: list[dict[str, Any]] = field(default_factory=list)
    cards: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    default_stamp: str = ""
    topic_names: _Names = field(default_factory=_Names)
    resource_names: _Names = field(default_factory=_Names)
    warnings: list[str] = field(default_factory=list)


def _table(directory: Path, name: str, data: _JournalData) -> Table | None:
    path = directory / name
    if name != SESSIONS_FILE and not path.exists():
        return None
    table = read_table(path, FILE_COLUMNS[name], REQUIRED_COLUMNS[name])
    data.warnings.extend(table.warning())
    return table


def _read_journal_files(directory: Path, shift_days: int) -> _JournalData:
    """Parse and validate every file before anything is written."""
    read = _Reader(directory, shift_days)
    data = _JournalData()
    topics, resources = data.topic_names, data.resource_names

    if table := _table(directory, TOPICS_FILE, data):
        for line, row in table.rows:
            with _row(table.path, line):
                name = parse.clean_name(row.get("name"), "topic")
                topics.declare(name, line, "topic")
                data.topics.append({
                    "name": name, "parent": _optional_name(row.get("parent"), "parent"),
                    "notes": read.markdown(row.get("notes_file"), "notes"), **read.stamps(row),
                })
        for topic in data.topics:
            topics.refer(topic["parent"])

    if table := _table(directory, RESOURCES_FILE, data):
        for line, row in table.rows:
            with _row(table.path, line):
                title = parse.clean_name(row.get("title"), "title")
                resources.declare(title, line, "resource")
                data.resources.append({
                    "title": title,
                    "kind": parse.choice(row.get("kind"), "kind", parse.RESOURCE_KINDS, "other"),
                    "provider": _optional_text(row.get("provider")),
                    "url": _optional_text(row.get("url")),
                    "planned_hours": parse.parse_number(row.get("planned_hours"), "planned hours", "hours, like 40 or 12.5"),
                    "fte_points": parse.parse_number(row.get("fte_points"), "FTE points", "points, like 0.5 for half a paper"),
                    "cost": parse.parse_number(row.get("cost"), "cost", "an amount, like 49.99 or 0"),
                    "units_total": parse.parse_count(row.get("units_total"), "units total"),
                    "units_done": parse.parse_count(row.get("units_done"), "units done") or 0,
                    "status": parse.choice(row.get("status"), "status", parse.RESOURCE_STATUSES, "planned"),
                    **read.stamps(row),
                })

    table = _table(directory, SESSIONS_FILE, data)
    assert table is not None
    for line, row in table.rows:
        with _row(table.path, line):
            topic = parse.clean_name(row.get("topic"), "topic")
            resource = _optional_name(row.get("resource"), "resource")
            topics.refer(topic)
            resources.refer(resource)
            data.sessions.append({
                "day": read.day(row.get("date")),
                "minutes": parse.parse_duration(row.get("minutes") or ""),
                "topic": topic, "resource": resource,
                "kind": parse.choice(row.get("kind"), "kind", parse.ACTIVITY_KINDS, "other"),
                "stuck": _yes_no(row.get("stuck"), "stuck"),
                "note": _text(row.get("note"), "note"),
                **read.stamps(row),
            })

    if table := _table(directory, PROGRESS_FILE, data):
        for line, row in table.rows:
            with _row(table.path, line):
                resource = parse.clean_name(row.get("resource"), "resource")
                if not resources.knows(resource):
                    raise bad_input(Msg.IMPORT_UNKNOWN_RESOURCE, name=resource)
                done = parse.parse_count(row.get("units_done"), "units done")
                if done is None:
                    raise bad_input(Msg.EMPTY, field="units done")
                data.progress.append({
                    "resource": resource, "day": read.day(row.get("date")), "units_done": done,
                    **read.stamps(row),
                })

    if table := _table(directory, MILESTONES_FILE, data):
        for line, row in table.rows:
            with _row(table.path, line):
                data.milestones.append({
                    "project": " ".join((row.get("project") or "").split()),
                    "title": parse.clean_name(row.get("title"), "title"),
                    "due": read.optional_day(row.get("due")),
                    "done_on": read.optional_day(row.get("done_on")),
                    "url": _optional_text(row.get("url")),
                    **read.stamps(row),
                })

    if table := _table(directory, LATER_FILE, data):
        for line, row in table.rows:
            with _row(table.path, line):
                topic = parse.clean_name(row.get("topic"), "topic")
                topics.refer(topic)
                data.later.append({
                    "topic": topic,
                    "text": parse.clean_required_text(_unix(row.get("text") or ""), "text"),
                    "added_on": read.day(row.get("added_on")),
                    "done_on": read.optional_day(row.get("done_on")),
                    **read.stamps(row),
                })

    if table := _table(directory, WEEKS_FILE, data):
        seen: dict[str, int] = {}
        for line, row in table.rows:
            with _row(table.path, line):
                week = read.week(row.get("week"))
                if week in seen:
                    raise bad_input(Msg.CSV_DUPLICATE, thing="week", name=week, line=seen[week])
                seen[week] = line
                data.weeks.append({
                    "week": week,
                    "title": _text(row.get("title"), "title", parse.MAX_NAME_CHARS),
                    "reflection": read.markdown(row.get("reflection_file"), "reflection"),
                    "next_plan": read.markdown(row.get("plan_file"), "next plan"),
                    **read.stamps(row),
                })

    if table := _table(directory, REST_DAYS_FILE, data):
        seen = {}
        for line, row in table.rows:
            with _row(table.path, line):
                day = read.day(row.get("date"))
                if day in seen:
                    raise bad_input(Msg.CSV_DUPLICATE, thing="rest day", name=day, line=seen[day])
                seen[day] = line
                data.rest_days.append({"day": day, **read.stamps(row)})

    if table := _table(directory, CHECKPOINT_RUNS_FILE, data):
        for line, row in table.rows:
            with _row(table.path, line):
                seconds = _optional_float(row.get("seconds"), "seconds")
                if seconds is None:
                    raise bad_input(Msg.EMPTY, field="seconds")
                data.checkpoint_runs.append({
                    "checkpoint": parse.clean_required_text(_unix(row.get("checkpoint") or ""), "checkpoint"),
                    "passed": _yes_no(row.get("passed"), "passed"),
                    "message": _exact_text(row.get("message"), "message"),
                    "seconds": seconds,
                    "code_hash": (row.get("code_hash") or "").strip(),
                    "ran_at": read.time(row.get("ran_at"), "ran_at"),
                    **read.stamps(row),
                })

    card_lines: dict[str, int] = {}  # uid -> line
    if table := _table(directory, CARDS_FILE, data):
        for line, row in table.rows:
            with _row(table.path, line):
                topic = parse.clean_name(row.get("topic"), "topic")
                source = parse.choice(row.get("source"), "source", SOURCES, "cli")
                front = clean_side(_unix(row.get("front") or ""), "front")
                uid = _optional_name(row.get("uid"), "uid") or content_uid(topic, front)  # as a CSV source
                if uid in card_lines:
                    raise bad_input(Msg.CSV_DUPLICATE, thing="card", name=uid, line=card_lines[uid])
                card_lines[uid] = line
                topics.refer(topic)
                data.cards.append({
                    "uid": uid, "topic": topic, "front": front,
                    "back": clean_side(_unix(row.get("back") or ""), "back", required=source != "checkpoint"),
                    "tags": normalize_tags(row.get("tags")),
                    "source": source,
                    "state": _card_state(row.get("state")),
                    "step": parse.parse_count(row.get("step"), "step"),
                    "stability": _optional_float(row.get("stability"), "stability"),
                    "difficulty": _optional_float(row.get("difficulty"), "difficulty"),
                    "due": read.optional_time(row.get("due"), "due") or read.stamp,  # new: due at once
                    "last_review": read.optional_time(row.get("last_review"), "last_review"),
                    **read.stamps(row),
                })

    if table := _table(directory, REVIEWS_FILE, data):
        for line, row in table.rows:
            with _row(table.path, line):
                uid = parse.clean_name(row.get("card"), "card")
                if uid not in card_lines:
                    raise bad_input(Msg.NO_SUCH, thing="card", name=uid, hint=f" in {CARDS_FILE}")
                data.reviews.append({
                    "card": uid,
                    "rating": parse_rating(row.get("rating") or ""),
                    "reviewed_at": read.time(row.get("reviewed_at"), "reviewed_at"),
                    "review_duration_ms": parse.parse_count(row.get("review_duration_ms"), "review duration"),
                    **read.stamps(row),
                })

    data.default_stamp = read.stamp
    return data


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"


def _write_journal(journal: Journal, data: _JournalData) -> ImportResult:
    stamp = {"created_at": data.default_stamp, "updated_at": data.default_stamp}
    topic_ids: dict[str, int] = {}
    for topic in data.topics:
        values = {key: topic[key] for key in ("name", "notes", *STAMP_COLUMNS)}
        topic_ids[_nocase(topic["name"])] = journal.insert(_insert_sql("topic", values) + " RETURNING id", values)
    topics_created = data.topic_names.undeclared()
    for name in topics_created:
        values = {"name": name, "notes": "", **stamp}
        topic_ids[_nocase(name)] = journal.insert(_insert_sql("topic", values) + " RETURNING id", values)
    parents = [
        {"id": topic_ids[_nocase(t["name"])], "parent_id": topic_ids[_nocase(t["parent"])]}
        for t in data.topics if t["parent"]
    ]
    if parents:
        journal.executemany("UPDATE topic SET parent_id = :parent_id WHERE id = :id", parents)

    resource_ids: dict[str, int] = {}
    for resource in data.resources:
        resource_ids[_nocase(resource["title"])] = journal.insert(
            _insert_sql("resource", resource) + " RETURNING id", resource
        )
    resources_created = data.resource_names.undeclared()
    for title in resources_created:
        values = {"title": title, "status": "active", **stamp}  # as plan.ensure_resource does
        resource_ids[_nocase(title)] = journal.insert(_insert_sql("resource", values) + " RETURNING id", values)

    session_columns = ("day", "minutes", "topic_id", "resource_id", "kind", "note", "stuck", *STAMP_COLUMNS)
    _insert_many(journal, "study_session", session_columns, [
        {**s, "topic_id": topic_ids[_nocase(s["topic"])],
         "resource_id": resource_ids[_nocase(s["resource"])] if s["resource"] else None}
        for s in data.sessions
    ])
    _insert_many(journal, "resource_progress", ("resource_id", "day", "units_done", *STAMP_COLUMNS), [
        {**p, "resource_id": resource_ids[_nocase(p["resource"])]} for p in data.progress
    ])
    _insert_many(journal, "milestone", MILESTONE_COLUMNS, data.milestones)
    _insert_many(journal, "learn_later", ("topic_id", "text", "added_on", "done_on", *STAMP_COLUMNS), [
        {**l, "topic_id": topic_ids[_nocase(l["topic"])]} for l in data.later
    ])
    _insert_many(journal, "week_note", ("week", "title", "reflection", "next_plan", *STAMP_COLUMNS), data.weeks)
    _insert_many(journal, "rest_day", ("day", *STAMP_COLUMNS), data.rest_days)
    _insert_many(journal, "checkpoint_run", CHECKPOINT_RUN_COLUMNS, data.checkpoint_runs)

    card_columns = ("uid", "topic_id", *(c for c in CARD_COLUMNS if c not in ("uid", "topic")))
    _insert_many(journal, "card", card_columns, [
        {**c, "topic_id": topic_ids[_nocase(c["topic"])]} for c in data.cards
    ])
    card_ids = {r["uid"]: r["id"] for r in journal.rows("SELECT id, uid FROM card")} if data.reviews else {}
    review_columns = ("card_id", *REVIEW_COLUMNS[1:])
    _insert_many(journal, "review", review_columns, [
        {**r, "card_id": card_ids[r["card"]]} for r in data.reviews
    ])

    counts = {
        "sessions": len(data.sessions), "topics": len(topic_ids), "resources": len(resource_ids),
        "progress": len(data.progress), "milestones": len(data.milestones), "later": len(data.later),
        "weeks": len(data.weeks), "rest_days": len(data.rest_days),
        "checkpoint_runs": len(data.checkpoint_runs), "cards": len(data.cards), "reviews": len(data.reviews),
    }
    return ImportResult(counts, topics_created, resources_created, data.warnings)


def _insert_many(journal: Journal, table: str, columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> None:
    if rows:
        journal.executemany(_insert_sql(table, columns), [{c: row[c] for c in columns} for row in rows])


# -- a spreadsheet schedule -----------------------------------------------------------------------
def import_schedule_csv(journal: Journal, path: Path, today: date) -> ScheduleImport:
    """Add the sessions of a spreadsheet (date, minutes, topic, resource, note), all or none.

    Every row is validated before anything is written; sessions are logged with the same rules
    as `tracker log`. Unknown columns are ignored with one warning.
    """
    from tracker import study

    path = Path(path)
    table = read_table(path, SCHEDULE_COLUMNS, SCHEDULE_REQUIRED, spreadsheet=True)
    entries = []
    for line, row in table.rows:
        with _row(path, line):
            entries.append((line, {
                "day": parse.parse_date(row.get("date") or "", today),
                "minutes": parse.parse_duration(row.get("minutes") or ""),
                "topic": parse.clean_name(row.get("topic"), "topic"),
                "resource": _optional_name(row.get("resource"), "resource"),
                "note": _text(row.get("note"), "note"),
            }))
    topics_created: list[str] = []
    resources_created: list[str] = []
    added = skipped = 0
    with journal.transaction():
        for line, entry in entries:
            if _already_logged(journal, entry):
                skipped += 1
                continue
            with _row(path, line):
                logged = study.log_session(journal, **entry)
            added += 1
            if logged.topic_created:
                topics_created.append(logged.session["topic"])
            if logged.resource_created:
                resources_created.append(logged.session["resource"])
    warnings = table.warning()
    if skipped:
        warnings.append(Msg.SCHEDULE_SKIPPED.value.format(path=path, count=skipped))
    return ScheduleImport(added, topics_created, resources_created, warnings)


def _already_logged(journal: Journal, entry: dict) -> bool:
    """A schedule row that matches a logged session (day, minutes, topic, note): importing the same
    spreadsheet again, with new rows added, must not double the old ones."""
    return bool(journal.scalar(
        "SELECT count(*) FROM study_session s JOIN topic t ON t.id = s.topic_id WHERE s.day = :day "
        "AND s.minutes = :minutes AND t.name = :topic COLLATE NOCASE AND s.note = :note",
        {"day": entry["day"].isoformat(), "minutes": entry["minutes"], "topic": entry["topic"],
         "note": entry["note"] or ""},
    ))


__all__ = [
    "ExportResult", "ImportResult", "ScheduleImport", "export_journal", "import_journal",
    "import_schedule_csv", "slugify", "unique_slugs", "FILE_COLUMNS", "REQUIRED_COLUMNS",
    "SCHEDULE_COLUMNS",
]
