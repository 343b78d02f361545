"""The journal's tables as SQLModel classes: the one complete description of the schema (every
column's type, nullability and server default, the CHECK constraints, foreign keys with their ON
DELETE, the indexes by name, case-insensitive names). Columns store what SQLite stores, on every
engine: days and times as ISO 8601 text (which orders as time does), flags as 0/1 integers, so
every query and the plain-text export read the same values from a SQLite file and from a
PostgreSQL server.

Journals are built and upgraded by the Alembic revisions in store/alembic/versions/, never from
these classes; tests/unit/test_migrations.py checks that a journal the revisions built agrees
with them on both engines. A change here needs a new revision (see store/alembic/env.py).

Importing this module costs about half a second (SQLAlchemy, pydantic), so quick commands don't.
"""

from __future__ import annotations

from typing import Optional

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DefaultClause,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    text,
)
from sqlmodel import AutoString, Field, SQLModel

#: Case-insensitive text on SQLite (what the scripts made: UNIQUE COLLATE NOCASE); plain text
#: elsewhere, where uniqueness ignoring case is a unique index on lower(column).
NOCASE_TEXT = Text().with_variant(Text(collation="NOCASE"), "sqlite")


def unique_ignoring_case(table: str, column: str) -> tuple:
    """One rule, two spellings: SQLite's unique constraint on the NOCASE column, PostgreSQL's
    unique index on lower(column). Both fold ASCII only, like the services' lower(col) = lower(:x)
    lookups (SQLite's lower() and NOCASE fold ASCII; the services compare the same way)."""
    return (
        # Unnamed, as the scripts' inline UNIQUE made it.
        UniqueConstraint(column).ddl_if(dialect="sqlite"),
        Index(f"ux_{table}_{column}_lower", text(f"lower({column})"), unique=True).ddl_if(dialect="postgresql"),
    )


def flag(table: str, column: str) -> CheckConstraint:
    """A 0/1 flag column (SQLite has no booleans; the services and exports read 0 and 1)."""
    return CheckConstraint(f"{column} IN (0, 1)", name=f"ck_{table}_{column}")


class Stamped(SQLModel):
    """Every table records when a row was made and last changed (UTC, ISO 8601)."""

    created_at: str
    updated_at: str


class TrackerMeta(SQLModel, table=True):
    __tablename__ = "tracker_meta"
    key: str = Field(primary_key=True)
    value: str


class Topic(Stamped, table=True):
    __tablename__ = "topic"
    __table_args__ = unique_ignoring_case("topic", "name")
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, sa_type=NOCASE_TEXT)
    parent_id: Optional[int] = Field(default=None, foreign_key="topic.id", ondelete="SET NULL")
    notes: str = ""


class Resource(Stamped, table=True):
    __tablename__ = "resource"
    __table_args__ = unique_ignoring_case("resource", "title")
    id: Optional[int] = Field(default=None, primary_key=True)
    title: str = Field(max_length=200, sa_type=NOCASE_TEXT)
    url: Optional[str] = None
    kind: str = "other"
    provider: Optional[str] = None
    planned_hours: Optional[float] = Field(default=None, ge=0)
    fte_points: Optional[float] = Field(default=None, ge=0)
    cost: Optional[float] = Field(default=None, ge=0)
    units_total: Optional[int] = Field(default=None, ge=0)
    units_done: int = Field(default=0, ge=0)
    status: str = "planned"


class StudySession(Stamped, table=True):
    __tablename__ = "study_session"
    __table_args__ = (
        CheckConstraint("minutes > 0", name="ck_study_session_minutes"),
        flag("study_session", "stuck"),
        Index("ix_study_session_day", "day"),
        Index("ix_study_session_topic", "topic_id"),
        Index("ix_study_session_resource", "resource_id"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    day: str
    minutes: int = Field(gt=0, le=24 * 60)
    topic_id: int = Field(foreign_key="topic.id")
    resource_id: Optional[int] = Field(default=None, foreign_key="resource.id", ondelete="SET NULL")
    kind: str = "other"
    note: str = ""
    stuck: int = Field(default=0, ge=0, le=1)


class ResourceProgress(Stamped, table=True):
    __tablename__ = "resource_progress"
    __table_args__ = (Index("ix_resource_progress_resource", "resource_id", "day"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    resource_id: int = Field(foreign_key="resource.id", ondelete="CASCADE")
    day: str
    units_done: int = Field(ge=0)


class Milestone(Stamped, table=True):
    __tablename__ = "milestone"
    id: Optional[int] = Field(default=None, primary_key=True)
    project: str = ""
    title: str
    due: Optional[str] = None
    done_on: Optional[str] = None
    url: Optional[str] = None


class WeekNote(Stamped, table=True):
    __tablename__ = "week_note"
    id: Optional[int] = Field(default=None, primary_key=True)
    week: str = Field(unique=True)
    title: str = ""
    reflection: str = ""
    next_plan: str = ""


class LearnLater(Stamped, table=True):
    __tablename__ = "learn_later"
    id: Optional[int] = Field(default=None, primary_key=True)
    topic_id: int = Field(foreign_key="topic.id")
    text: str
    added_on: str
    done_on: Optional[str] = None


class RestDay(Stamped, table=True):
    __tablename__ = "rest_day"
    day: str = Field(primary_key=True)


class Goal(Stamped, table=True):
    """A goal beyond the daily minimum: kind 'weekly_hours' or 'weekly_days' (target hours or
    days a week), 'finish_resource' (its resource done by `due`) or 'topic_hours' (target hours on
    its topic by `due`)."""

    __tablename__ = "goal"
    id: Optional[int] = Field(default=None, primary_key=True)
    kind: str
    target: Optional[float] = None
    resource_id: Optional[int] = Field(default=None, foreign_key="resource.id")
    topic_id: Optional[int] = Field(default=None, foreign_key="topic.id")
    due: Optional[str] = None


class RunningTimer(Stamped, table=True):
    """The live timer, at most one row (id 1); topic and resource are the names as typed."""

    __tablename__ = "running_timer"
    __table_args__ = (CheckConstraint("id = 1", name="ck_running_timer_one"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    topic: str
    resource: Optional[str] = None
    kind: str = "other"
    note: str = ""
    started_at: str
    pomodoro_minutes: Optional[int] = None


class CheckpointRun(Stamped, table=True):
    """One run of a checkpoint; `checkpoint` is a curriculum name or `file.md#block-N`."""

    __tablename__ = "checkpoint_run"
    __table_args__ = (flag("checkpoint_run", "passed"), Index("ix_checkpoint_run_checkpoint", "checkpoint", "ran_at"))
    id: Optional[int] = Field(default=None, primary_key=True)
    checkpoint: str
    passed: int = Field(ge=0, le=1)
    message: str = ""
    seconds: float
    code_hash: str = ""
    ran_at: str
    #: Where the code ran: 'bwrap', or 'none' (resource limits only); '' for runs before schema 4.
    sandbox: str = ""
    #: How many of the checkpoint's checks passed, of how many (None before schema 5, and for a
    #: notes block, which is one assertion).
    checks_passed: Optional[int] = None
    checks_total: Optional[int] = None


class CheckpointEvent(Stamped, table=True):
    """Something that happened to a checkpoint between runs: kind 'hint' (read the hint),
    'give-up' (asked for the solution before passing) or 'reset' (the stub put back)."""

    __tablename__ = "checkpoint_event"
    __table_args__ = (Index("ix_checkpoint_event_checkpoint", "checkpoint", "at"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    checkpoint: str
    kind: str
    at: str


class FsrsParameters(Stamped, table=True):
    """FSRS parameters fitted to the learner's reviews; the newest row is in force."""

    __tablename__ = "fsrs_parameters"
    id: Optional[int] = Field(default=None, primary_key=True)
    fitted_on: str
    reviews: int
    #: 'all' parameters fitted, or 'first-4' when the history was too short for more.
    scope: str = "all"
    #: A JSON list of floats.
    parameters: str


class Card(Stamped, table=True):
    """A spaced-repetition card and its FSRS state; `uid` is its stable identity (Anki GUIDs)."""

    __tablename__ = "card"
    __table_args__ = (
        flag("card", "suspended"),
        Index("ix_card_due", "due"),
        Index("ix_card_topic", "topic_id"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    topic_id: int = Field(foreign_key="topic.id")
    front: str
    back: str = ""
    tags: str = ""
    source: str = "cli"
    state: int = 1
    step: Optional[int] = None
    stability: Optional[float] = None
    difficulty: Optional[float] = None
    due: str
    last_review: Optional[str] = None
    #: A suspended card (a leech, or by hand) is never due until unsuspended (schema 7).
    suspended: int = Field(default=0, ge=0, le=1)


class Review(Stamped, table=True):
    """One rating of a card (1 again, 2 hard, 3 good, 4 easy) at a UTC time."""

    __tablename__ = "review"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 4", name="ck_review_rating"),
        Index("ix_review_reviewed_at", "reviewed_at"),
        Index("ix_review_card", "card_id"),
        Index("ix_review_anki_revlog", "anki_revlog_id", unique=True,
              sqlite_where=text("anki_revlog_id IS NOT NULL"),
              postgresql_where=text("anki_revlog_id IS NOT NULL")),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    card_id: int = Field(foreign_key="card.id", ondelete="CASCADE")
    rating: int = Field(ge=1, le=4)
    reviewed_at: str
    review_duration_ms: Optional[int] = None
    #: 'tracker', or 'anki' for a review read back from Anki, with Anki's revlog id (schema 7): the
    #: review's time in milliseconds, past what 32 bits hold (SQLite's INTEGER is 64 bits already).
    source: str = "tracker"
    anki_revlog_id: Optional[int] = Field(default=None, sa_type=BigInteger().with_variant(Integer(), "sqlite"))


def _defaults_in_the_database() -> None:
    """A default given above is also the column's default in the database (as in the SQL
    scripts): the services insert with plain SQL and leave such columns out."""
    from sqlalchemy import literal_column

    for table in SQLModel.metadata.tables.values():
        for column in table.columns:
            default = column.default
            if default is None or column.server_default is not None or not default.is_scalar:
                continue
            value = default.arg
            literal = f"'{value}'" if isinstance(value, str) else str(int(value) if isinstance(value, bool) else value)
            column.server_default = DefaultClause(literal_column(literal))


def _text_as_in_the_scripts() -> None:
    """Text columns are TEXT, as the SQL scripts made them (no length: the 200-character limit on
    names is the validators'); SQLModel would make them VARCHAR."""
    for table in SQLModel.metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, AutoString):
                column.type = Text()


_defaults_in_the_database()
_text_as_in_the_scripts()
