"""The plain-text format: which files a journal folder holds, their columns, and the one way each
value is written, so that export, import and export again gives the same bytes."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from tracker.csvtable import guard_formula

SESSIONS_FILE = "sessions.csv"
TOPICS_FILE = "topics.csv"
RESOURCES_FILE = "resources.csv"
PROGRESS_FILE = "progress.csv"
MILESTONES_FILE = "milestones.csv"
LATER_FILE = "later.csv"
WEEKS_FILE = "weeks.csv"
REST_DAYS_FILE = "rest_days.csv"
CHECKPOINT_RUNS_FILE = "checkpoint_runs.csv"
CHECKPOINT_EVENTS_FILE = "checkpoint_events.csv"
CARDS_FILE = "cards.csv"
REVIEWS_FILE = "reviews.csv"
GOALS_FILE = "goals.csv"
TIMER_FILE = "timer.csv"
FSRS_PARAMETERS_FILE = "fsrs_parameters.csv"
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
CHECKPOINT_RUN_COLUMNS = (
    "checkpoint", "passed", "message", "seconds", "code_hash", "ran_at", "sandbox", "checks_passed", "checks_total",
    *STAMP_COLUMNS,
)
CHECKPOINT_EVENT_COLUMNS = ("checkpoint", "kind", "at", *STAMP_COLUMNS)
CARD_COLUMNS = (
    "uid", "topic", "front", "back", "tags", "source", "state", "step", "stability", "difficulty", "due",
    "last_review", "suspended", *STAMP_COLUMNS,
)
REVIEW_COLUMNS = ("card", "rating", "reviewed_at", "review_duration_ms", "source", "anki_revlog_id", *STAMP_COLUMNS)
#: Where a review was made: here, or in Anki (read back with its revlog id).
REVIEW_SOURCES = ("tracker", "anki")
GOAL_COLUMNS = ("kind", "target", "resource", "topic", "due", *STAMP_COLUMNS)
#: The running timer, as the running_timer table holds it: a header alone when none runs.
TIMER_COLUMNS = ("topic", "resource", "kind", "note", "started_at", "pomodoro_minutes", *STAMP_COLUMNS)
#: FSRS parameters fitted by `tracker cards optimize`, oldest first (the last row is in force);
#: `parameters` is a JSON list of the 21 FSRS-6 parameters.
FSRS_PARAMETER_COLUMNS = ("fitted_on", "reviews", "scope", "parameters", *STAMP_COLUMNS)
#: What a fit covered: every parameter, or only the first 4 (too little history for the rest).
FSRS_SCOPES = ("all", "first-4")

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
    CHECKPOINT_EVENTS_FILE: ("checkpoint", "kind", "at"),
    CARDS_FILE: ("topic", "front"),
    REVIEWS_FILE: ("card", "rating", "reviewed_at"),
    GOALS_FILE: ("kind",),
    TIMER_FILE: ("topic", "started_at"),
    FSRS_PARAMETERS_FILE: ("fitted_on", "reviews", "parameters"),
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
    CHECKPOINT_EVENTS_FILE: CHECKPOINT_EVENT_COLUMNS,
    CARDS_FILE: CARD_COLUMNS,
    REVIEWS_FILE: REVIEW_COLUMNS,
    GOALS_FILE: GOAL_COLUMNS,
    TIMER_FILE: TIMER_COLUMNS,
    FSRS_PARAMETERS_FILE: FSRS_PARAMETER_COLUMNS,
}

#: `stuck` is written as "yes" or empty; by hand, these spellings are also understood.
STUCK_YES = ("yes", "y", "true", "1", "x")
STUCK_NO = ("", "no", "n", "false", "0")
#: Slugs stay short and portable; names Windows reserves get a suffix so the files open there too.
MAX_SLUG_CHARS = 80
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(1, 10)] + [f"lpt{i}" for i in range(1, 10)]
)
WEEK = re.compile(r"(\d{4})-W(\d{2})")
#: Card, review and checkpoint times as the services store them (UTC to the second), so that text
#: order is time order; times in this form are kept as written, others are converted to it.
UTC_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
#: FSRS card states (fsrs.State): 1 learning, 2 review, 3 relearning.
CARD_STATES = (1, 2, 3)
#: SQLite's NOCASE folds ASCII letters only; names are matched the same way here.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

#: Count keys (of ExportResult and ImportResult) with (singular, plural), in the order listed.
NOUNS = {
    "sessions": ("session", "sessions"),
    "topics": ("topic", "topics"),
    "resources": ("resource", "resources"),
    "progress": ("progress entry", "progress entries"),
    "milestones": ("milestone", "milestones"),
    "later": ("learn-later item", "learn-later items"),
    "weeks": ("week note", "week notes"),
    "rest_days": ("rest day", "rest days"),
    "checkpoint_runs": ("checkpoint run", "checkpoint runs"),
    "checkpoint_events": ("checkpoint event", "checkpoint events"),
    "cards": ("card", "cards"),
    "reviews": ("review", "reviews"),
    "goals": ("goal", "goals"),
    "timer": ("running timer", "running timers"),
    "fsrs_parameters": ("fitted parameter set", "fitted parameter sets"),
}


def counted(counts: Mapping[str, int], always: str | None = "sessions") -> str:
    """'1,204 sessions, 12 topics': the tables that have rows (and always `always`)."""
    parts = []
    for key, (one, many) in NOUNS.items():
        number = counts.get(key, 0)
        if number or key == always:
            parts.append(f"{number:,} {one if number == 1 else many}")
    return ", ".join(parts)


# -- one spelling for every value -----------------------------------------------------------------
def unix(text: str) -> str:
    """`\\n` line endings: the format's rule, and a lone `\\r` would not survive csv's quoting."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def number(value: float | int) -> str:
    """Whole numbers without a decimal point (70, not 70.0); others as Python's shortest repr,
    which reads back to the same float."""
    as_float = float(value)
    if as_float.is_integer() and abs(as_float) < 1e15:
        return str(int(as_float))
    return repr(as_float)


def parameters_text(values: Sequence[float]) -> str:
    """FSRS parameters as the journal and the file keep them: a JSON list of floats, each as
    Python's shortest repr (which reads back to the same float)."""
    return json.dumps([float(w) for w in values])


def cell(value: Any) -> str:
    """A value as a CSV cell: None is empty, True is "yes" and False empty; a text a spreadsheet
    would run as a formula is guarded (csvtable.guard_formula, which every read reverses)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number(value)
    return guard_formula(unix(str(value)))


def markdown_text(text: str) -> str:
    """A Markdown file's text as import will read it back: `\\n` line endings, no surrounding
    space, no leading byte-order mark (editors add and remove it freely; files are read as
    utf-8-sig). Applied on export too, so exporting what was imported changes nothing."""
    text = unix(text)
    while (trimmed := text.strip().lstrip("\ufeff")) != text:
        text = trimmed
    return text


def nocase(name: str) -> str:
    return name.lower() if name.isascii() else name.translate(_ASCII_LOWER)


def name_order(name: str) -> tuple[str, str]:
    """Names sort case-folded (ties by spelling), the same on SQLite and PostgreSQL."""
    return (name.casefold(), name)


# -- file names -----------------------------------------------------------------------------------
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
        suffix = 1
        while candidate in used:
            suffix += 1
            candidate = f"{base}-{suffix}"
        used.add(candidate)
        slugs.append(candidate)
    return slugs


def week_file_stem(week: str) -> str:
    """A week note's file name: the ISO week itself, or a slug of a week that is not one."""
    return week if WEEK.fullmatch(week) else slugify(week)
