"""The journal's tables as SQLModel classes: typed rows, validation, and portable DDL for server
databases. The SQLite schema itself is built by the versioned scripts in store/sql/;
tests/test_store.py checks that both describe the same columns.

Importing this module costs about half a second (SQLAlchemy, pydantic), so quick commands don't.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from sqlmodel import Field, SQLModel


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
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=200)
    parent_id: Optional[int] = Field(default=None, foreign_key="topic.id")
    notes: str = ""


class Resource(Stamped, table=True):
    __tablename__ = "resource"
    id: Optional[int] = Field(default=None, primary_key=True)
    title: str = Field(unique=True, max_length=200)
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
    id: Optional[int] = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    minutes: int = Field(gt=0, le=24 * 60)
    topic_id: int = Field(foreign_key="topic.id", index=True)
    resource_id: Optional[int] = Field(default=None, foreign_key="resource.id", index=True)
    kind: str = "other"
    note: str = ""
    stuck: bool = False


class ResourceProgress(Stamped, table=True):
    __tablename__ = "resource_progress"
    id: Optional[int] = Field(default=None, primary_key=True)
    resource_id: int = Field(foreign_key="resource.id")
    day: date
    units_done: int = Field(ge=0)


class Milestone(Stamped, table=True):
    __tablename__ = "milestone"
    id: Optional[int] = Field(default=None, primary_key=True)
    project: str = ""
    title: str
    due: Optional[date] = None
    done_on: Optional[date] = None
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
    added_on: date
    done_on: Optional[date] = None


class RestDay(Stamped, table=True):
    __tablename__ = "rest_day"
    day: date = Field(primary_key=True)


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
    id: Optional[int] = Field(default=None, primary_key=True)
    checkpoint: str = Field(index=True)
    passed: bool
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
    id: Optional[int] = Field(default=None, primary_key=True)
    checkpoint: str = Field(index=True)
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
    id: Optional[int] = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    topic_id: int = Field(foreign_key="topic.id", index=True)
    front: str
    back: str = ""
    tags: str = ""
    source: str = "cli"
    state: int = 1
    step: Optional[int] = None
    stability: Optional[float] = None
    difficulty: Optional[float] = None
    due: str = Field(index=True)
    last_review: Optional[str] = None
    #: A suspended card (a leech, or by hand) is never due until unsuspended (schema 7).
    suspended: bool = False


class Review(Stamped, table=True):
    """One rating of a card (1 again, 2 hard, 3 good, 4 easy) at a UTC time."""

    __tablename__ = "review"
    id: Optional[int] = Field(default=None, primary_key=True)
    card_id: int = Field(foreign_key="card.id", index=True)
    rating: int = Field(ge=1, le=4)
    reviewed_at: str = Field(index=True)
    review_duration_ms: Optional[int] = None
    #: 'tracker', or 'anki' for a review read back from Anki, with Anki's revlog id (schema 7).
    source: str = "tracker"
    anki_revlog_id: Optional[int] = None
