"""Reading a week of the journal into the post's data (tracker.post.model).

`build_week()` reads one week of the journal. Every query is bounded by the week's dates (or by a
resource id, through an index), except the streak and the habit strength, which need the days
before it: grouped queries bounded by a window that grows (the streak) or by 400 days (the
strength), so the post costs the same on a ten-year journal as on a one-month one.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from tracker.cards import deck_retention, reviews_between
from tracker.clock import local_day_bounds, study_day
from tracker.config import Settings
from tracker.goals import goal_progress
from tracker.habit import streak_on, strength_on, strength_percent
from tracker.parse import week_bounds
from tracker.post.model import (
    BASE_TAGS,
    GroupMemberLine,
    LaterItem,
    LinkBook,
    MilestoneReached,
    UnitRange,
    UpcomingItem,
    WeekItem,
    WeekNoteText,
    WeekNumbers,
    WeekPost,
    describe_minutes,
    join_words,
    us_date,
)
from tracker.store import Journal

#: How many of the week's topics become tags, and how many name the one-line summary.
TOPIC_TAGS = 5
SUMMARY_TOPICS = 3
#: "Upcoming Week" without a written plan: at most this many resources and milestones.
UPCOMING_LIMIT = 5
#: A resource's units, by its kind, so progress reads "chapters 10-11" rather than "units 10-11".
UNIT_WORDS = {
    "book": "chapter", "course": "lesson", "video": "part", "tutorial": "lesson", "paper": "section",
    "article": "part",
}
#: A past week's post is dated at noon of its last day: any build after that shows it.
PAST_POST_TIME = time(12, 0)



# -- naming and dating weeks --------------------------------------------------------------------
def _retention(journal: Journal, start: date, end: date, now: datetime, day_starts_at: int) -> int | None:
    """Expected retention in percent now, when the week holds now (see WeekNumbers.cards_retention)."""
    if not start <= study_day(now, day_starts_at) <= end:
        return None
    value = deck_retention(journal, now)
    return None if value is None else round(value * 100)


def _published(start: date, end: date, now: datetime, day_starts_at: int = 0) -> datetime:
    if start <= study_day(now, day_starts_at) <= end:
        return now.replace(microsecond=0)
    return datetime.combine(end, PAST_POST_TIME).astimezone()


# -- building the week --------------------------------------------------------------------------
def build_week(
    journal: Journal, day: date, settings: Settings, now: datetime, note: WeekNoteText | None = None,
) -> WeekPost:
    """The post's data for the week holding `day`, as of `now`; `note` replaces the stored note
    (the Week screen previews the words being typed)."""
    name, start, end = week_bounds(day, settings.week_start_index)
    span = {"start": start.isoformat(), "end": end.isoformat()}
    links = LinkBook()

    sessions = journal.rows(
        """SELECT s.day, s.minutes, s.kind, s.note, s.topic_id, t.name AS topic, s.resource_id,
                  r.title AS resource, r.url
           FROM study_session s
           JOIN topic t ON t.id = s.topic_id
           LEFT JOIN resource r ON r.id = s.resource_id
           WHERE s.day BETWEEN :start AND :end
           ORDER BY s.day, s.id""",
        span,
    )
    progress = _unit_progress(journal, {row["resource_id"] for row in sessions if row["resource_id"]}, start, end)
    items = _items(sessions, progress, links)

    by_day: dict[str, int] = {}
    for row in sessions:
        by_day[row["day"]] = by_day.get(row["day"], 0) + row["minutes"]
    anchor = min(study_day(now, settings.day_starts_at), end)
    streak = streak_on(journal, settings, anchor) if anchor >= start else 0
    strength = (strength_percent(strength_on(journal, settings, anchor, today=study_day(now, settings.day_starts_at)))
                if anchor >= start else None)
    numbers = WeekNumbers(
        minutes=sum(by_day.values()),
        sessions=len(sessions),
        days_studied=len(by_day),
        days_met=sum(1 for minutes in by_day.values() if minutes >= settings.daily_minimum),
        daily_minimum=settings.daily_minimum,
        streak=streak,
        habit_strength=strength or None,
        rest_days=journal.scalar("SELECT count(*) FROM rest_day WHERE day BETWEEN :start AND :end", span) or 0,
        checkpoints_passed=_checkpoints_passed(journal, start, end, settings.day_starts_at),
        cards_reviewed=reviews_between(journal, start, end, settings.day_starts_at),
        cards_retention=_retention(journal, start, end, now, settings.day_starts_at),
        goals=tuple(goal.text for goal in goal_progress(journal, anchor, settings)) if anchor >= start else (),
    )

    milestones = tuple(
        MilestoneReached(
            title=row["title"], project=row["project"] or "",
            due=date.fromisoformat(row["due"]) if row["due"] else None,
            done_on=date.fromisoformat(row["done_on"]), link=links.label(row["title"], row["url"]),
        )
        for row in journal.rows(
            "SELECT title, project, due, done_on, url FROM milestone "
            "WHERE done_on BETWEEN :start AND :end ORDER BY done_on, id",
            span,
        )
    )
    later = tuple(
        LaterItem(topic=row["topic"], text=row["text"], added_on=date.fromisoformat(row["added_on"]))
        for row in journal.rows(
            "SELECT t.name AS topic, l.text, l.added_on FROM learn_later l JOIN topic t ON t.id = l.topic_id "
            "WHERE l.added_on BETWEEN :start AND :end ORDER BY l.added_on, l.id",
            span,
        )
    )

    note = note if note is not None else WeekNoteText.stored(journal, name)
    plan = note.plan.strip()
    upcoming = () if plan else _upcoming(journal, items, start, end, links)

    published = _published(start, end, now, settings.day_starts_at)
    topic_minutes = _topic_minutes(sessions)
    return WeekPost(
        week=name,
        start=start,
        end=end,
        published=published,
        title=f"My Week in ML, {us_date(published.date())}",
        note_title=note.title.strip(),
        reflection=note.reflection.strip(),
        plan=plan,
        items=items,
        numbers=numbers,
        milestones=milestones,
        later=later,
        upcoming=upcoming,
        links=tuple(links.links),
        group=_group(journal, day, settings, study_day(now, settings.day_starts_at)),
        tags=_tags(topic_minutes),
        summary=_summary(numbers, topic_minutes, milestones),
    )


def _group(journal: Journal, day: date, settings: Settings, today: date) -> tuple[GroupMemberLine, ...]:
    """The other members' shared figures, for a server journal with a study group when the
    post_group_section setting is on; nothing on SQLite (a file has one learner)."""
    from tracker import group

    if not settings.post_group_section or not group.is_server(journal):
        return ()
    me = journal.scalar("SELECT current_user")
    return tuple(GroupMemberLine(member.display_name, member.minutes, member.days_met, member.streak)
                 for member in group.status(journal, settings, day, today).members if member.learner != me)


def _unit_progress(journal: Journal, resource_ids: set[int], start: date, end: date) -> dict[int, UnitRange]:
    """Units finished during the week per resource: from the last count before it to the week's last.

    With no count before the week, the range is only known when the week's first count is the
    first unit (the resource was begun then: "chapters 1-2 of 6"); a first count at chapter 10
    says where the learner got to, not that chapters 1-10 took one week ("reached chapter 10").
    The queries go through the (resource_id, day) index, one resource at a time.
    """
    if not resource_ids:
        return {}
    ids = sorted(resource_ids)
    params: dict[str, Any] = {f"r{i}": rid for i, rid in enumerate(ids)}
    params.update(start=start.isoformat(), end=end.isoformat())
    in_list = ", ".join(f":r{i}" for i in range(len(ids)))
    rows = journal.rows(
        f"""SELECT r.id, r.kind, r.units_total,
                   (SELECT p.units_done FROM resource_progress p WHERE p.resource_id = r.id
                    AND p.day < :start ORDER BY p.day DESC, p.id DESC LIMIT 1) AS before,
                   (SELECT p.units_done FROM resource_progress p WHERE p.resource_id = r.id
                    AND p.day BETWEEN :start AND :end ORDER BY p.day DESC, p.id DESC LIMIT 1) AS last,
                   (SELECT p.units_done FROM resource_progress p WHERE p.resource_id = r.id
                    AND p.day BETWEEN :start AND :end ORDER BY p.day, p.id LIMIT 1) AS first_in_week
            FROM resource r WHERE r.id IN ({in_list})""",
        params,
    )
    ranges = {}
    for row in rows:
        if row["last"] is None:
            continue
        first, last = (row["before"] or 0) + 1, row["last"]
        reached = row["before"] is None and row["first_in_week"] > 1
        if last >= first:
            ranges[row["id"]] = UnitRange(first, last, row["units_total"], UNIT_WORDS.get(row["kind"], "unit"), reached)
    return ranges


def _items(sessions: list[dict[str, Any]], progress: dict[int, UnitRange], links: LinkBook) -> tuple[WeekItem, ...]:
    """One item per resource, and one per topic for the sessions without a resource."""
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in sessions:
        key = ("resource", row["resource_id"]) if row["resource_id"] else ("topic", row["topic_id"])
        groups.setdefault(key, []).append(row)
    drafts = []
    for (what, key_id), rows in groups.items():
        is_resource = what == "resource"
        name = rows[0]["resource"] if is_resource else rows[0]["topic"]
        drafts.append({
            "name": name,
            "is_resource": is_resource,
            "minutes": sum(row["minutes"] for row in rows),
            "sessions": len(rows),
            "days": len({row["day"] for row in rows}),
            "kinds": _unique(row["kind"] for row in rows),
            "notes": _unique(" ".join(row["note"].split()) for row in rows if row["note"].strip()),
            "topics": _unique(row["topic"] for row in rows),
            "units": progress.get(key_id) if is_resource else None,
            "url": rows[0]["url"] if is_resource else None,
        })
    drafts.sort(key=lambda draft: (-draft["minutes"], draft["name"].casefold()))
    # Links are numbered in the order the post shows them.
    return tuple(WeekItem(**{k: v for k, v in draft.items() if k != "url"}, link=links.label(draft["name"], draft["url"]))
                 for draft in drafts)


def _unique(values: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _checkpoints_passed(journal: Journal, start: date, end: date, day_starts_at: int = 0) -> int:
    """Checkpoints passed in the week (study days, stored as UTC times)."""
    first, after = local_day_bounds(start, end, day_starts_at)
    return journal.scalar(
        "SELECT count(DISTINCT checkpoint) FROM checkpoint_run "
        "WHERE passed = 1 AND ran_at >= :first AND ran_at < :after",
        {"first": first, "after": after},
    ) or 0


def _upcoming(
    journal: Journal, items: tuple[WeekItem, ...], start: date, end: date, links: LinkBook,
) -> tuple[UpcomingItem, ...]:
    """Resources in progress (this week's first) and milestones open at the week's end, due by next week's."""
    worked = {item.name: index for index, item in enumerate(items) if item.is_resource}
    resources = journal.rows(
        """SELECT r.title, r.url, r.kind, r.units_total,
                  (SELECT p.units_done FROM resource_progress p WHERE p.resource_id = r.id
                   AND p.day <= :end ORDER BY p.day DESC, p.id DESC LIMIT 1) AS done
           FROM resource r WHERE r.status = 'active'""",
        {"end": end.isoformat()},
    )
    resources.sort(key=lambda row: (worked.get(row["title"], len(worked)), row["title"].casefold()))
    upcoming = []
    for row in resources[:UPCOMING_LIMIT]:
        total, done = row["units_total"], row["done"] or 0
        next_unit = None
        if total is not None and done < total:
            next_unit = UnitRange(done + 1, done + 1, total, UNIT_WORDS.get(row["kind"], "unit"))
        upcoming.append(UpcomingItem(name=row["title"], is_resource=True, next_unit=next_unit,
                                     link=links.label(row["title"], row["url"])))
    for row in journal.rows(
        """SELECT title, project, due, url FROM milestone
           WHERE due IS NOT NULL AND due <= :next_end AND (done_on IS NULL OR done_on > :end)
           ORDER BY due, id LIMIT :limit""",
        {"end": end.isoformat(), "next_end": (end + timedelta(days=7)).isoformat(), "limit": UPCOMING_LIMIT},
    ):
        upcoming.append(UpcomingItem(name=row["title"], is_resource=False, due=date.fromisoformat(row["due"]),
                                     project=row["project"] or "", link=links.label(row["title"], row["url"])))
    return tuple(upcoming)


def _topic_minutes(sessions: list[dict[str, Any]]) -> list[str]:
    """The week's topics, most studied first."""
    minutes: dict[str, int] = {}
    for row in sessions:
        minutes[row["topic"]] = minutes.get(row["topic"], 0) + row["minutes"]
    return sorted(minutes, key=lambda topic: (-minutes[topic], topic.casefold()))


def _tags(topics: list[str]) -> tuple[str, ...]:
    slugs = [re.sub(r"[^a-z0-9]+", "-", topic.casefold()).strip("-") for topic in topics[:TOPIC_TAGS]]
    return tuple(dict.fromkeys([*BASE_TAGS, *(slug for slug in slugs if slug)]))


def _summary(numbers: WeekNumbers, topics: list[str], milestones: tuple[MilestoneReached, ...]) -> str:
    """One line for sharing (the post's description)."""
    if not numbers.sessions:
        text = "A quiet week: no study logged."
    else:
        days = f"{numbers.days_studied} day{'s' if numbers.days_studied != 1 else ''}"
        named = topics[:SUMMARY_TOPICS] + (["more"] if len(topics) > SUMMARY_TOPICS else [])
        text = f"{describe_minutes(numbers.minutes)} of machine learning study on {days}: {join_words(named)}."
    if milestones:
        label = "Milestone" if len(milestones) == 1 else "Milestones"
        text += f" {label} reached: {join_words([m.title for m in milestones])}."
    return text
