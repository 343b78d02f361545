"""What a card is made of, before any journal is involved: its sides, tags, identity, ratings
and states, and how an interval reads. Shared by the service, the notes reader and the imports."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from tracker import parse
from tracker.errors import Msg, bad_input

#: A card is one fact; a side longer than this is a page of notes, not a card.
MAX_SIDE_CHARS = 10_000
SOURCES = ("cli", "notes", "csv", "checkpoint", "anki")
#: FSRS ratings, as the learner presses them (1-4) and names them.
RATINGS = {1: "again", 2: "hard", 3: "good", 4: "easy"}
#: FSRS card states (fsrs.State values); a card never reviewed is shown as "new".
STATES = {1: "learning", 2: "review", 3: "relearning"}

# -- intervals -------------------------------------------------------------------------------------
def format_interval(delta: timedelta) -> str:
    """How long until a card comes back, the way Anki's buttons say it: 10m, 5h, 3d, 2mo, 1.5y."""
    seconds = max(0, round(delta.total_seconds()))
    minutes = seconds / 60
    if minutes < 60:
        return f"{max(1, round(minutes))}m"
    if minutes < 24 * 60:
        return f"{round(minutes / 60)}h"
    days = minutes / (24 * 60)
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}".rstrip("0").rstrip(".") + "mo"
    return f"{days / 365:.1f}".rstrip("0").rstrip(".") + "y"


# -- identity and values ----------------------------------------------------------------------------
def normalized_front(front: str) -> str:
    """The front with whitespace collapsed: reflowing a note doesn't make it a different card."""
    return " ".join(front.split())


def content_uid(topic: str, front: str) -> str:
    """The stable identity of a card read from notes or a CSV file: topic and front, hashed."""
    key = f"{topic.lower()}\n{normalized_front(front)}"
    return "t-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def checkpoint_uid(checkpoint: str, message: str) -> str:
    key = f"{checkpoint}\n{normalized_front(message)}"
    return "c-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def normalize_tags(tags: str | Iterable[str] | None) -> str:
    """Tags as stored: space-separated, no '#', no duplicates (Anki tags can't hold spaces)."""
    if tags is None:
        return ""
    words = re.split(r"[\s,]+", tags) if isinstance(tags, str) else [w for t in tags for w in re.split(r"[\s,]+", t)]
    seen: list[str] = []
    for word in words:
        word = word.strip().lstrip("#")
        if word and word not in seen:
            seen.append(word)
    return " ".join(seen)


def clean_side(text: str | None, side: str, required: bool = True) -> str:
    value = parse.clean_text(text, side, MAX_SIDE_CHARS)
    if required and not value:
        raise bad_input(Msg.EMPTY, field=side)
    return value


def card_values(
    *, front: str | None = None, back: str | None = None, topic: str | None = None,
    tags: str | Iterable[str] | None = None, source: str | None = None,
) -> dict[str, Any]:
    """A card's fields, checked: the one rule for `tracker cards`, the UI and the imports
    (FieldErrors by field: front, back, topic, source). Only fields given (not None) come back;
    a checkpoint card's back may be empty, for the learner to fill in."""
    fields = parse.Fields()
    values: dict[str, Any] = {}
    if source is not None:
        values["source"] = fields.check("source", parse.choice, source, "source", SOURCES, "cli")
    if front is not None:
        values["front"] = fields.check("front", clean_side, front, "front")
    if back is not None:
        values["back"] = fields.check("back", clean_side, back, "back", values.get("source") != "checkpoint")
    if topic is not None:
        values["topic"] = fields.check("topic", parse.clean_name, topic, "topic")
    if tags is not None:
        values["tags"] = normalize_tags(tags)
    fields.done()
    return values


def parse_rating(value: int | str) -> int:
    """1-4 or again/hard/good/easy (or their first letter)."""
    raw = str(value).strip().lower()
    if raw in ("1", "2", "3", "4"):
        return int(raw)
    for number, name in RATINGS.items():
        if raw and (raw == name or raw == name[0]):
            return number
    raise bad_input(Msg.RATING, value=value)


def state_name(card: Mapping[str, Any]) -> str:
    return "new" if not card.get("last_review") else STATES.get(card["state"], str(card["state"]))
