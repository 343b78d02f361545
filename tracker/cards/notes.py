"""Cards written inside a topic's Markdown notes, so a learner Ankifies while taking notes.

Two conventions, read with markdown-it-py:

A fenced `card` block; a line `---` parts the front from the back, words after `card` are tags:

    ```card activation-functions
    Why does a deep stack of sigmoids learn slowly?
    ---
    sigmoid'(x) is at most 0.25, so the gradient shrinks at every layer.
    ```

A paragraph that starts with `Q:` and has a line starting with `A:`:

    Q: What does a dead ReLU unit receive in backprop?
    A: Zero gradient, so it never recovers.

A card's identity is its topic and front: reading the notes again updates the back of a card
whose front is unchanged and never duplicates one. A card whose front is gone from the notes is
kept (with its reviews) and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from markdown_it import MarkdownIt

from tracker.cards.service import insert_card
from tracker.cards.text import (
    MAX_SIDE_CHARS,
    content_uid,
    normalize_tags,
    normalized_front,
)
from tracker.clock import utc_now, utc_text
from tracker.errors import Msg
from tracker.store import Journal, Row, stamps
from tracker.topics import ensure_topic, require_topic

FENCE_INFO = "card"
#: The line that parts front from back inside a card block.
SEPARATOR = "---"
_QUESTION = re.compile(r"^Q:\s*", re.IGNORECASE)
_ANSWER = re.compile(r"^A:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class NoteCard:
    front: str
    back: str
    tags: str
    #: 1-based line of the card in the notes.
    line: int


def cards_in_markdown(markdown: str, source: str = "notes") -> tuple[list[NoteCard], list[str]]:
    """The cards of a Markdown text in order, and one line per block that could not be read."""
    found: list[NoteCard] = []
    problems: list[str] = []
    seen: dict[str, int] = {}

    def keep(card: NoteCard) -> None:
        key = normalized_front(card.front)
        if key in seen:
            problems.append(_problem(source, card.line, Msg.CARD_SAME_FRONT.value.format(line=seen[key])))
            return
        for side, text in (("front", card.front), ("back", card.back)):
            if not text:
                problems.append(_problem(source, card.line, Msg.CARD_EMPTY_SIDE.value.format(side=side)))
                return
            if len(text) > MAX_SIDE_CHARS:
                problem = Msg.TOO_LONG.value.format(field=side, size=len(text), limit=MAX_SIDE_CHARS)
                problems.append(_problem(source, card.line, problem))
                return
        seen[key] = card.line
        found.append(card)

    tokens = MarkdownIt("commonmark").parse(markdown)
    for index, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else 0
        if token.type == "fence":
            words = token.info.split()
            if not words or words[0].lower() != FENCE_INFO:
                continue
            lines = token.content.splitlines()
            parts = [i for i, text in enumerate(lines) if text.strip() == SEPARATOR]
            if not parts:
                problems.append(_problem(source, line, Msg.CARD_NO_BACK.value))
                continue
            cut = parts[0]
            front = "\n".join(lines[:cut]).strip()
            back = "\n".join(lines[cut + 1:]).strip()
            keep(NoteCard(front, back, normalize_tags(words[1:]), line))
        elif token.type == "inline" and index and tokens[index - 1].type == "paragraph_open":
            text = token.content
            if not _QUESTION.match(text):
                continue
            lines = text.splitlines()
            answer_at = next((i for i, t in enumerate(lines) if i and _ANSWER.match(t)), None)
            if answer_at is None:
                problems.append(_problem(source, line, Msg.QA_NO_ANSWER.value))
                continue
            front = _QUESTION.sub("", "\n".join(lines[:answer_at]), count=1).strip()
            back = _ANSWER.sub("", "\n".join(lines[answer_at:]), count=1).strip()
            keep(NoteCard(front, back, "", line))
    return found, problems


def _problem(source: str, line: int, problem: str) -> str:
    return Msg.NOTES_CARD.value.format(source=source, line=line, problem=problem)


@dataclass
class NotesSync:
    """What reading notes did: counts, the cards gone from the notes (kept), unreadable blocks."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    topics: int = 0
    missing: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        topics = f"{self.topics} topic{'' if self.topics == 1 else 's'}"
        return f"cards: {self.added} new, {self.updated} updated, {self.unchanged} unchanged, from {topics}"


def sync_from_notes(journal: Journal, topic: str | None = None, now: datetime | None = None) -> NotesSync:
    """Read the cards of every topic's notes (or one topic's) into the journal, in one transaction."""
    result = NotesSync()
    with journal.transaction():
        if topic:
            topics = [require_topic(journal, topic)]
        else:
            topics = journal.rows("SELECT id, name, notes FROM topic WHERE notes <> '' ORDER BY name")
        for row in topics:
            _sync_topic(journal, row, row["notes"] or "", f"topic {row['name']}", result, now)
    return result


def sync_from_markdown(
    journal: Journal, topic: str, markdown: str, source: str, now: datetime | None = None,
) -> NotesSync:
    """Read the cards of a Markdown text (a notes file) into a topic; the topic is created if new."""
    result = NotesSync()
    with journal.transaction():
        topic_id, _created = ensure_topic(journal, topic)
        row = journal.row("SELECT id, name FROM topic WHERE id = :id", {"id": topic_id})
        _sync_topic(journal, row, markdown, source, result, now)
    return result


def _sync_topic(journal: Journal, topic: Row, markdown: str, source: str, result: NotesSync,
                now: datetime | None) -> None:
    cards, problems = cards_in_markdown(markdown, source)
    result.problems += problems
    result.topics += 1
    # Match on the topic and the front as written (not the uid), so a renamed topic still matches.
    existing = {
        normalized_front(row["front"]): row
        for row in journal.rows(
            "SELECT id, uid, front, back, tags, source FROM card WHERE topic_id = :id AND source IN ('notes', 'csv')",
            {"id": topic["id"]},
        )
    }
    due = utc_text(utc_now(now))
    present = set()
    for card in cards:
        key = normalized_front(card.front)
        present.add(key)
        old = existing.get(key)
        if old is None:
            uid = content_uid(topic["name"], card.front)
            if journal.scalar("SELECT 1 FROM card WHERE uid = :uid", {"uid": uid}):
                uid = f"{uid}-{topic['id']}"  # the same front under a topic renamed since
            insert_card(journal, {
                "uid": uid, "topic_id": topic["id"], "front": card.front, "back": card.back, "tags": card.tags,
                "source": "notes", "due": due, **stamps(),
            })
            result.added += 1
        elif old["source"] == "notes" and (old["front"], old["back"], old["tags"]) != (card.front, card.back, card.tags):
            journal.update("card", old["id"], {"front": card.front, "back": card.back, "tags": card.tags})
            result.updated += 1
        else:
            result.unchanged += 1
    for key, old in existing.items():
        if old["source"] == "notes" and key not in present:
            result.missing.append({"id": old["id"], "topic": topic["name"], "front": old["front"]})
