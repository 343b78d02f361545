"""The week as plain data: what the "My Week in ML" post says, before any template formats it,
and the few words the post and its templates share (dates, durations, lists, links)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from tracker.parse import format_minutes, plural
from tracker.store import Journal

#: Tags every post carries; the week's topics are added after them.
BASE_TAGS = ("machine-learning", "my-week-in-ml")
#: Links go to the web or to a page of the blog; javascript:, data: and the like are left out.
_SAFE_URL = re.compile(r"^(?:(?:https?|ftp)://|mailto:|/|\.{0,2}/|#|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)
#: Characters a reference label can't hold as written: brackets, backslashes and Markdown specials.
_LABEL_UNSAFE = re.compile(r"[^\w\s.,:;()'&/+#-]|_")


# -- the data -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnitRange:
    """Units of a resource, e.g. chapters 10-11 of 19, or "reached chapter 10 of 19" when only
    where the learner got to is known."""

    first: int
    last: int
    total: int | None
    word: str = "unit"
    #: True when no count before the week says where it started: `first` is then a guess (1),
    #: and the post says how far the learner got rather than claiming the whole range this week.
    reached: bool = False

    @property
    def finished(self) -> bool:
        return self.total is not None and self.last >= self.total

    @property
    def text(self) -> str:
        if self.reached:
            span = f"reached {self.word} {self.last}"
        elif self.first == self.last:
            span = f"{self.word} {self.last}"
        else:
            span = f"{self.word}s {self.first}-{self.last}"
        return f"{span} of {self.total}" if self.total is not None else span

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class WeekItem:
    """One bullet: a resource, or a topic studied without a resource."""

    name: str
    is_resource: bool
    minutes: int
    sessions: int
    days: int
    kinds: tuple[str, ...]
    notes: tuple[str, ...]
    topics: tuple[str, ...]
    units: UnitRange | None = None
    #: The reference-link label when the resource has a URL.
    link: str | None = None


@dataclass(frozen=True)
class WeekNumbers:
    minutes: int = 0
    sessions: int = 0
    days_studied: int = 0
    #: Days whose total reached the daily minimum.
    days_met: int = 0
    daily_minimum: int = 30
    #: The streak at the end of the week (or today, for the current week).
    streak: int = 0
    #: The habit strength (0-100, tracker.habit) at the end of the week (or today); None before
    #: anything was studied.
    habit_strength: int | None = None
    rest_days: int = 0
    #: Distinct checkpoints with a passing run during the week.
    checkpoints_passed: int = 0
    #: Card reviews during the week.
    cards_reviewed: int = 0
    #: The deck's expected retention in percent (mean predicted recall of reviewed cards), for the
    #: current week only: past cards' states are not kept, so an old week's can't be recomputed.
    cards_retention: int | None = None
    #: Each goal's target against actual at the end of the week (or today): tracker.goals' lines.
    goals: tuple[str, ...] = ()


@dataclass(frozen=True)
class MilestoneReached:
    title: str
    project: str
    due: date | None
    done_on: date
    link: str | None = None


@dataclass(frozen=True)
class LaterItem:
    topic: str
    text: str
    added_on: date


@dataclass(frozen=True)
class UpcomingItem:
    """A resource in progress or a milestone due, for "Upcoming Week" when no plan was written."""

    name: str
    is_resource: bool
    #: For a resource: the next unit ("chapter 11 of 19").
    next_unit: UnitRange | None = None
    #: For a milestone: its due day and project.
    due: date | None = None
    project: str = ""
    link: str | None = None


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class GroupMemberLine:
    """Another member of my study group, their week as they share it (None: not shared); never
    their notes."""

    name: str
    minutes: int | None = None
    days_met: int | None = None
    streak: int | None = None

    @property
    def figures(self) -> str:
        """'2h50m; minimum met on 4 days; a 2-day streak' (what they share of it)."""
        parts = [format_minutes(self.minutes)] if self.minutes is not None else []
        if self.days_met is not None:
            parts.append(f"minimum met on {plural(self.days_met, 'day')}")
        if self.streak is not None:
            parts.append(f"a {self.streak}-day streak")
        return "; ".join(parts) or "shares none of these figures"


@dataclass(frozen=True)
class WeekPost:
    """Everything the post says about one week; templates only format it."""

    week: str
    start: date
    end: date
    #: When the post is dated: now for the current week, noon of the last day for a past one.
    published: datetime
    title: str
    note_title: str = ""
    reflection: str = ""
    #: The learner's plan for next week (Markdown), written with `tracker week note --plan`.
    plan: str = ""
    items: tuple[WeekItem, ...] = ()
    numbers: WeekNumbers = field(default_factory=WeekNumbers)
    milestones: tuple[MilestoneReached, ...] = ()
    later: tuple[LaterItem, ...] = ()
    upcoming: tuple[UpcomingItem, ...] = ()
    links: tuple[Link, ...] = ()
    #: "My study group this week": the other members (a server journal's group only).
    group: tuple[GroupMemberLine, ...] = ()
    tags: tuple[str, ...] = BASE_TAGS
    summary: str = ""

    @property
    def empty(self) -> bool:
        return not self.items


@dataclass(frozen=True)
class WeekNoteText:
    """The learner's words for a week: a title, the reflection and the plan for the next week."""

    title: str = ""
    reflection: str = ""
    plan: str = ""

    @classmethod
    def stored(cls, journal: Journal, week: str) -> WeekNoteText:
        row = journal.row("SELECT title, reflection, next_plan FROM week_note WHERE week = :week", {"week": week}) or {}
        return cls(row.get("title") or "", row.get("reflection") or "", row.get("next_plan") or "")


# -- words ---------------------------------------------------------------------------------------
def us_date(day: date) -> str:
    """M/D/YYYY, the way the learners we serve date their posts (1/22/2022)."""
    return f"{day.month}/{day.day}/{day.year}"


def describe_minutes(minutes: int) -> str:
    """Time in words for prose: 45 minutes, 1 hour, 6.5 hours."""
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = f"{minutes / 60:.1f}".removesuffix(".0")
    return f"{hours} hour{'s' if hours != '1' else ''}"


def join_words(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class LinkBook:
    """Reference-style links: one label per URL and name, unique as Markdown compares labels."""

    def __init__(self) -> None:
        self.links: list[Link] = []
        self._by_key: dict[str, Link] = {}

    @staticmethod
    def _key(label: str) -> str:
        return " ".join(label.split()).casefold()

    @staticmethod
    def _plain(name: str) -> str:
        """The name without characters that end or escape a label (kramdown takes no `\\]` in one)."""
        return " ".join(_LABEL_UNSAFE.sub(" ", name).split()) or "link"

    def label(self, name: str, url: str | None) -> str | None:
        url = (url or "").strip()
        if not url or not _SAFE_URL.match(url):
            return None
        base = self._plain(name)
        label, number = base, 2
        while (found := self._by_key.get(self._key(label))) is not None:
            if found.url == url:
                return found.label
            label, number = f"{base} ({number})", number + 1
        link = Link(label, url)
        self._by_key[self._key(label)] = link
        self.links.append(link)
        return label
