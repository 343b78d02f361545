"""What each screen shows, read through the services in one call per screen.

Plain Python (no Textual, no SQL): these run in worker threads, each on a Journal opened for that
one read, and return values the screens only display.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from tracker import clock, goals, parse, plan, study
from tracker.config import Settings
from tracker.stats import Stats, compute_stats
from tracker.store import Journal, Row
from tracker.topics import list_topics


@dataclass(frozen=True)
class TodayData:
    today: date
    stats: Stats
    sessions: list[Row]
    #: What is due, from the stats: {"what": ..., "detail": ...} (checkpoint re-checks, cards).
    due: list[dict[str, Any]]
    #: Topic names, most recently studied first (the first match is the likeliest completion);
    #: None when not read this time (they change rarely, and reading them costs on a long journal).
    topics: list[str] | None = field(default=None, compare=False)
    #: Resource titles, active ones first; None when not read this time.
    resources: list[str] | None = field(default=None, compare=False)

    @property
    def streak_pending(self) -> bool:
        """The streak is alive but today does not count yet."""
        return self.stats.current_streak > 0 and self.stats.today_minutes < self.stats.daily_minimum


def topic_names(journal: Journal) -> list[str]:
    topics = list_topics(journal)
    topics.sort(key=lambda row: row["last_day"] or "", reverse=True)
    return [row["name"] for row in topics]


def resource_titles(journal: Journal, settings: Settings) -> list[str]:
    rank = {"active": 0, "planned": 1, "done": 2, "dropped": 3}
    rows = plan.list_resources(journal, settings.fte_hours)
    rows.sort(key=lambda row: (rank.get(row["status"], 4), -(row["last_day"] is not None), row["title"].lower()))
    return [row["title"] for row in rows]


def today_data(
    journal: Journal, settings: Settings, now: datetime, suggestions: bool = True,
) -> TodayData:
    """`suggestions`: read the topic and resource names too (they change rarely)."""
    today = clock.study_day(now, settings.day_starts_at)
    stats = compute_stats(journal, settings, today, now, with_resources=False)
    return TodayData(
        today=today,
        stats=stats,
        sessions=study.list_sessions(journal, today, today),
        due=stats.due,
        topics=topic_names(journal) if suggestions else None,
        resources=resource_titles(journal, settings) if suggestions else None,
    )


# -- the journal, week by week --------------------------------------------------------------------
@dataclass(frozen=True)
class WeekSessions:
    start: date
    end: date
    sessions: list[Row]
    topic: str | None
    topics: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return parse.iso_week_name(self.start)

    @property
    def minutes(self) -> int:
        return sum(row["minutes"] for row in self.sessions)


def week_sessions(journal: Journal, settings: Settings, day: date, topic: str | None = None) -> WeekSessions:
    """The sessions of the week holding `day`; an unknown topic raises the service's TrackerError."""
    start = parse.week_start(day, settings.week_start_index)
    end = start + timedelta(days=6)
    rows = study.list_sessions(journal, start, end, topic or None)
    return WeekSessions(start, end, rows, topic or None, topic_names(journal))


# -- the plan ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlanData:
    resources: list[Row]
    #: Each goal with its progress on the day read (tracker.goals), in id order.
    goals: list[Any] = field(default_factory=list)

    @property
    def planned_hours(self) -> float:
        return sum(row["plan_hours"] or 0 for row in self.resources if row["status"] != "dropped")

    @property
    def spent_hours(self) -> float:
        return sum(row["spent_hours"] for row in self.resources)

    @property
    def cost(self) -> float:
        return sum(row["cost"] or 0 for row in self.resources)


def plan_data(journal: Journal, settings: Settings, today: date | None = None) -> PlanData:
    """The resources, and the goals' progress on `today` when given."""
    found = goals.goal_progress(journal, today, settings) if today is not None else []
    return PlanData(plan.list_resources(journal, settings.fte_hours), found)


# -- milestones ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class MilestoneData:
    milestones: list[Row]

    @property
    def projects(self) -> list[str]:
        return list(dict.fromkeys(row["project"] for row in self.milestones if row["project"]))


def milestone_data(journal: Journal) -> MilestoneData:
    return MilestoneData(plan.list_milestones(journal))


# -- topics ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TopicsData:
    topics: list[Row]
    #: Open learn-later items by topic name.
    later: dict[str, list[Row]]
    #: A one-line checkpoint status by topic name (only topics that have a checkpoint).
    checkpoints: dict[str, str]


def topics_data(journal: Journal, today: date) -> TopicsData:
    later: dict[str, list[Row]] = defaultdict(list)
    for item in study.list_later(journal):
        later[item["topic"]].append(item)
    return TopicsData(list_topics(journal), dict(later), checkpoint_lines(journal, today))


# -- checkpoints ----------------------------------------------------------------------------------
def checkpoint_lines(journal: Journal, today: date) -> dict[str, str]:
    """'activations: passed, re-check 2026-12-01' and the like, by topic name (lower case)."""
    # Here, not at the top: Today imports this module, and start-up need not load the checkpoint
    # service (20-50 ms) until the Topics screen reads.
    from tracker.checkpoints.history import overview

    lines: dict[str, list[str]] = defaultdict(list)
    for row in overview(journal, today):
        if not row["topic"]:
            continue
        detail = f", re-check {row['due']}" if row["due"] and row["state"] == "passed" else ""
        lines[row["topic"].lower()].append(f"{row['name']}: {row['state']}{detail}")
    return {topic: "; ".join(found) for topic, found in lines.items()}
