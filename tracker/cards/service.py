"""Cards and their reviews: add, edit, list, what is due, reveal, rate; counts for stats, the post
and the charts.

FSRS (the `fsrs` package) is imported only when a card is revealed or rated, so listings, counts
and `tracker stats` don't pay for it. Every time is stored as UTC text to the second
(`2026-11-21T18:30:00Z`) and shown in local time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from tracker import config, parse
from tracker.cards import daily_load
from tracker.cards.daily_load import DailyLimits
from tracker.cards.failure_card import failure_back, failure_front
from tracker.cards.text import (
    RATINGS,
    card_values,
    checkpoint_uid,
    clean_side,
    format_interval,
    parse_rating,
)
from tracker.clock import (
    day_of_stamp,
    local_day_bounds,
    local_text,
    parse_utc,
    utc_now,
    utc_text,
)
from tracker.errors import Msg, bad_input
from tracker.spacing import DEFAULT_PARAMETERS, parameters_in_force
from tracker.spacing import fsrs_scheduler as _scheduler
from tracker.store import Journal, Row, stamps
from tracker.topics import ensure_topic, require_topic

CARD_COLUMNS = """
    c.id, c.uid, t.name AS topic, c.topic_id, c.front, c.back, c.tags, c.source, c.state, c.step,
    c.stability, c.difficulty, c.due, c.last_review, c.suspended, c.created_at, c.updated_at
"""
CARD_FROM = "FROM card c JOIN topic t ON t.id = c.topic_id"


def checked_retention(value: float | None) -> float:
    """The FSRS desired retention; None means the learner's setting."""
    if value is None:
        value = config.load_settings().desired_retention
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise bad_input(Msg.RETENTION, value=value) from None
    if not config.RETENTION_LOW <= number <= config.RETENTION_HIGH:  # (nan is refused here too)
        raise bad_input(Msg.RETENTION, value=value)
    return number


def _fsrs_card(card: Mapping[str, Any]):  # an fsrs.Card
    from fsrs import Card, State

    return Card(
        card_id=card["id"], state=State(card["state"]), step=card["step"], stability=card["stability"],
        difficulty=card["difficulty"], due=parse_utc(card["due"]),
        last_review=parse_utc(card["last_review"]) if card["last_review"] else None,
    )


# -- reading --------------------------------------------------------------------------------------
def get_card(journal: Journal, card_id: int) -> Row | None:
    return journal.row(f"SELECT {CARD_COLUMNS} {CARD_FROM} WHERE c.id = :id", {"id": card_id})


def require_card(journal: Journal, ref: int | str | Mapping[str, Any]) -> Row:
    """A card by id (or a card row, whose id is used)."""
    raw = ref["id"] if isinstance(ref, Mapping) else ref
    hint = " (see `tracker cards list`)"
    found = get_card(journal, parse.parse_id(raw, "card", hint))
    if not found:
        raise bad_input(Msg.NO_SUCH, thing="card", name=str(raw), hint=hint)
    return found


def _topic_filter(journal: Journal, topic: str | None) -> tuple[str, dict[str, Any]]:
    if not topic:
        return "", {}
    return " AND c.topic_id = :topic_id", {"topic_id": require_topic(journal, topic)["id"]}


def list_cards(journal: Journal, topic: str | None = None) -> list[Row]:
    where, params = _topic_filter(journal, topic)
    return journal.rows(f"SELECT {CARD_COLUMNS} {CARD_FROM} WHERE 1 = 1{where} ORDER BY t.name, c.id", params)


def due_cards(
    journal: Journal, now: datetime | None = None, *, topic: str | None = None, limit: int | None = None,
    limits: DailyLimits | None = None,
) -> list[Row]:
    """Cards due at `now` (default: now), the longest overdue first: the review queue. Suspended
    cards are never due. With `limits`, what the day's limits leave (daily_load.limit_queue)."""
    moment = utc_now(now)
    where, params = _topic_filter(journal, topic)
    params["now"] = utc_text(moment)
    clause = f" LIMIT {int(limit)}" if limit and limits is None else ""
    rows = journal.rows(
        f"SELECT {CARD_COLUMNS} {CARD_FROM} WHERE c.due <= :now AND c.suspended = 0{where} ORDER BY c.due, c.id{clause}",
        params,
    )
    if limits is not None:
        rows = daily_load.limit_queue(rows, daily_load.day_load(journal, moment, limits.day_starts_at), limits)
        rows = rows[: int(limit)] if limit else rows
    return rows


def due_count(
    journal: Journal, now: datetime | None = None, topic: str | None = None, limits: DailyLimits | None = None,
) -> int:
    """How many cards are due (suspended ones never are); with `limits`, how many today's limits leave."""
    if limits is not None:
        return len(due_cards(journal, now, topic=topic, limits=limits))
    where, params = _topic_filter(journal, topic)
    params["now"] = utc_text(utc_now(now))
    return journal.scalar(f"SELECT count(*) FROM card c WHERE c.due <= :now AND c.suspended = 0{where}", params)


def next_due(journal: Journal, now: datetime | None = None) -> str | None:
    """When the next card that is not due yet falls due (UTC text), or None."""
    return journal.scalar(
        "SELECT min(due) FROM card WHERE due > :now AND suspended = 0", {"now": utc_text(utc_now(now))}
    )


def leeches(journal: Journal) -> list[Row]:
    """Suspended cards tagged leech: the ones to rewrite."""
    rows = journal.rows(f"SELECT {CARD_COLUMNS} {CARD_FROM} WHERE c.suspended = 1 ORDER BY t.name, c.id")
    return [row for row in rows if daily_load.LEECH_TAG in row["tags"].split()]


def set_suspended(journal: Journal, refs: Iterable[int | str], suspended: bool) -> list[Row]:
    """Suspend cards (never due) or bring them back (due as FSRS scheduled them, or now if that
    passed). All cards or none: an unknown id writes nothing. The leech tag stays, as history."""
    with journal.transaction():
        found = [require_card(journal, ref) for ref in refs]
        for card in found:
            if bool(card["suspended"]) != suspended:
                journal.update("card", card["id"], {"suspended": int(suspended)})
        return [get_card(journal, card["id"]) for card in found]


# -- writing --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AddedCard:
    card: Row
    #: False when a card with the same identity was already there (it is returned unchanged).
    created: bool
    topic_created: bool = False


def add_card(
    journal: Journal, front: str, back: str, topic: str, *, tags: str | Iterable[str] | None = None,
    source: str = "cli", uid: str | None = None, now: datetime | None = None,
) -> AddedCard:
    """Add a card, due at once. A new topic is created. With a `uid` that already exists, nothing
    is written and the existing card is returned (so re-reading a source never duplicates)."""
    values = card_values(source=source, front=front, back=back, topic=topic, tags=tags or "")
    topic = values.pop("topic")
    values.update(due=utc_text(utc_now(now)), **stamps())
    with journal.transaction():
        if uid:
            existing = journal.scalar("SELECT id FROM card WHERE uid = :uid", {"uid": uid})
            if existing:
                return AddedCard(get_card(journal, existing), created=False)
        values["topic_id"], topic_created = ensure_topic(journal, topic)
        if not uid:
            uid = str(uuid.uuid4())
        values["uid"] = uid
        new_id = insert_card(journal, values)
        return AddedCard(get_card(journal, new_id), created=True, topic_created=topic_created)


def insert_card(journal: Journal, values: Mapping[str, Any]) -> int:
    """A new card row; `values` were checked by the caller (add, notes, CSV import)."""
    return journal.insert(
        "INSERT INTO card (uid, topic_id, front, back, tags, source, state, step, due, created_at, updated_at) "
        "VALUES (:uid, :topic_id, :front, :back, :tags, :source, 1, 0, :due, :created_at, :updated_at) RETURNING id",
        values,
    )


def update_card(
    journal: Journal, ref: int | str | Mapping[str, Any], *, front: str | None = None, back: str | None = None,
    tags: str | Iterable[str] | None = None, topic: str | None = None,
) -> Row:
    """Change what a card says; its uid (and so its Anki note) and its schedule stay."""
    with journal.transaction():
        card = require_card(journal, ref)
        changes = card_values(source=card["source"], front=front, back=back, tags=tags, topic=topic)
        del changes["source"]
        if "topic" in changes:
            changes["topic_id"] = ensure_topic(journal, changes.pop("topic"))[0]
        journal.update("card", card["id"], changes)
        return get_card(journal, card["id"])


def delete_card(journal: Journal, ref: int | str | Mapping[str, Any]) -> Row:
    """Delete a card and its reviews; returns the card as it was."""
    with journal.transaction():
        card = require_card(journal, ref)
        journal.execute("DELETE FROM review WHERE card_id = :id", {"id": card["id"]})
        journal.execute("DELETE FROM card WHERE id = :id", {"id": card["id"]})
        return card


def card_from_checkpoint_failure(
    journal: Journal, checkpoint: str, topic: str, message: str, back: str = "", now: datetime | None = None,
) -> AddedCard:
    """A card that asks what went wrong in a failed checkpoint, without giving the answer away
    (cards/failure_card.py); `back` is the learner's answer, above the failure message. Offering it
    twice for the same failure gives the same card."""
    checkpoint = parse.clean_name(checkpoint, "checkpoint")
    message = clean_side(message, "message")
    return add_card(
        journal, failure_front(checkpoint, message), failure_back(message, back), topic,
        tags=["checkpoint"], source="checkpoint", uid=checkpoint_uid(checkpoint, message), now=now,
    )


# -- reviewing ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RatingChoice:
    """What one rating would do; the review screen shows it on its button (Good · 3d)."""

    rating: int
    name: str
    due: str
    interval: str


@dataclass(frozen=True)
class Reveal:
    card: Row
    back: str
    choices: list[RatingChoice] = field(default_factory=list)


@dataclass(frozen=True)
class Rated:
    card: Row
    rating: int
    review_id: int
    #: Time until the card is due again, as text (10m, 3d).
    interval: str
    #: True when this rating made the card a leech: it is now suspended and tagged leech.
    leech: bool = False
    lapses: int = 0


def reveal(
    card: Mapping[str, Any], now: datetime | None = None, retention: float | None = None,
    parameters: tuple[float, ...] = DEFAULT_PARAMETERS,
) -> Reveal:
    """The back of a card and, for each rating, when the card would come back (without fuzz).
    `parameters`: spacing.parameters_in_force(journal), so the buttons say what `rate` will do."""
    from fsrs import Rating

    moment = utc_now(now)
    scheduler = _scheduler(checked_retention(retention), False, parameters=tuple(parameters))
    choices = []
    for number, name in RATINGS.items():
        scheduled, _log = scheduler.review_card(_fsrs_card(card), Rating(number), moment)
        choices.append(RatingChoice(number, name, utc_text(scheduled.due), format_interval(scheduled.due - moment)))
    return Reveal(dict(card), card["back"], choices)


def rate(
    journal: Journal, card: int | str | Mapping[str, Any], rating: int | str, *, now: datetime | None = None,
    duration_ms: int | None = None, retention: float | None = None, fuzz: bool = True, day_starts_at: int = 0,
) -> Rated:
    """Record one review and reschedule the card with FSRS, in one transaction.

    `duration_ms` is how long the learner looked at the card. With `fuzz`, an interval of 3 days or
    more is moved, within FSRS's fuzz range, to the study day with the fewest cards due (load
    balancing, daily_load.balanced_days): cards added together don't stay together and no day
    gets a pile. The 8th lapse makes the card a leech (suspended, tagged leech).
    """
    from fsrs import Rating

    number = parse_rating(rating)
    if duration_ms is not None and (int(duration_ms) < 0):
        raise bad_input(Msg.NUMBER, field="review duration", value=duration_ms, hint="milliseconds, 0 or more")
    moment = utc_now(now)
    retention = checked_retention(retention)
    with journal.transaction():
        scheduler = _scheduler(retention, False, parameters=parameters_in_force(journal))
        row = require_card(journal, card)
        scheduled, _log = scheduler.review_card(_fsrs_card(row), Rating(number), moment, duration_ms)
        if fuzz and scheduled.due - moment >= timedelta(days=2.5):
            reviews_before = journal.scalar("SELECT count(*) FROM review WHERE card_id = :id", {"id": row["id"]})
            days = daily_load.balanced_days(
                journal, row, (scheduled.due - moment).days, moment, review_count=reviews_before + 1,
                day_starts_at=day_starts_at, maximum_days=scheduler.maximum_interval,
            )
            scheduled.due = moment + timedelta(days=days)
        changes = {
            "state": int(scheduled.state), "step": scheduled.step, "stability": scheduled.stability,
            "difficulty": scheduled.difficulty, "due": utc_text(scheduled.due), "last_review": utc_text(moment),
        }
        lapse_count, leech = 0, False
        if number == 1 and row["state"] == daily_load.REVIEW_STATE:
            lapse_count = daily_load.lapses(journal, row["id"]) + 1  # this review is not stored yet
            leech = daily_load.is_leech_now(lapse_count)
        if leech:
            changes.update(suspended=1, tags=daily_load.with_tag(row["tags"], daily_load.LEECH_TAG))
        journal.update("card", row["id"], changes)
        review_id = journal.insert(
            "INSERT INTO review (card_id, rating, reviewed_at, review_duration_ms, created_at, updated_at) "
            "VALUES (:card_id, :rating, :reviewed_at, :duration, :created_at, :updated_at) RETURNING id",
            {"card_id": row["id"], "rating": number, "reviewed_at": utc_text(moment),
             "duration": None if duration_ms is None else int(duration_ms), **stamps()},
        )
        updated = get_card(journal, row["id"])
    return Rated(updated, number, review_id, format_interval(scheduled.due - moment), leech, lapse_count)


def card_reviews(journal: Journal, card_id: int) -> list[Row]:
    return journal.rows(
        "SELECT id, rating, reviewed_at, review_duration_ms FROM review WHERE card_id = :id ORDER BY reviewed_at, id",
        {"id": card_id},
    )


# -- numbers for stats, the weekly post and the charts ----------------------------------------------
def reviews_between(journal: Journal, start_day: date, end_day: date, day_starts_at: int = 0) -> int:
    """Reviews from the start of `start_day` to the end of `end_day`, study days, both included."""
    first, after = local_day_bounds(start_day, end_day, day_starts_at)
    return journal.scalar(
        "SELECT count(*) FROM review WHERE reviewed_at >= :first AND reviewed_at < :after",
        {"first": first, "after": after},
    )


def reviews_per_day(journal: Journal, start: date, end: date, day_starts_at: int = 0) -> list[dict[str, Any]]:
    """One item per study day from start to end (days without reviews too):
    {"day": "YYYY-MM-DD", "reviews": n, "again": m}. Retention that day is 1 - again/reviews."""
    first, after = local_day_bounds(start, end, day_starts_at)
    rows = journal.rows(
        "SELECT reviewed_at, rating FROM review WHERE reviewed_at >= :first AND reviewed_at < :after",
        {"first": first, "after": after},
    )
    days = {start + timedelta(days=offset): [0, 0] for offset in range((end - start).days + 1)}
    for row in rows:
        counts = days.get(day_of_stamp(row["reviewed_at"], day_starts_at))
        if counts is not None:
            counts[0] += 1
            counts[1] += row["rating"] == 1
    return [{"day": day.isoformat(), "reviews": n, "again": again} for day, (n, again) in days.items()]


def due_summary(
    journal: Journal, now: datetime | None = None, week_start: date | None = None, day_starts_at: int = 0,
) -> list[dict[str, Any]]:
    """The cards line of `tracker stats` (items of Stats.due): plain SQL counts, no FSRS import.
    With `week_start`, it also counts the reviews of that week (study days). Nothing when there
    are no cards."""
    moment = utc_now(now)
    stamp = utc_text(moment)
    due = journal.scalar("SELECT count(*) FROM card WHERE due <= :now AND suspended = 0", {"now": stamp})
    if not due and not journal.scalar("SELECT EXISTS (SELECT 1 FROM card)"):
        return []
    reviewed = None
    if week_start is not None:
        reviewed = reviews_between(journal, week_start, week_start + timedelta(days=6), day_starts_at)
    details = []
    if not due:
        upcoming = next_due(journal, moment)
        details.append(f"next at {local_text(upcoming)}" if upcoming else "")
    if reviewed is not None:
        details.append(f"{reviewed} reviewed this week")
    retention = daily_load.deck_retention(journal, moment)
    if retention is not None:
        details.append(f"expected retention {daily_load.percent(retention)}")
    what = f"{due} card{'s' if due != 1 else ''} to review" if due else "no cards"
    return [{
        "what": what, "detail": "; ".join(d for d in details if d), "kind": "cards", "count": due,
        "command": "tracker cards review" if due else None,
        "reviewed_this_week": reviewed,
        "expected_retention": None if retention is None else round(retention, 4),
    }]
