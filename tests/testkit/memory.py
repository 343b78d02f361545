"""A simulated review history (bench/bench_memory.py's learner) put into a journal, for the
tests of tracker.cards.memory and of `tracker cards optimize|evaluate`."""

from __future__ import annotations

from testkit.clock import NOW
from tracker import cards
from tracker.cards import service
from tracker.store import stamps


def load_history(journal, rows) -> None:
    """Simulated review rows into the journal: one card per simulated card, all in one topic."""
    first = cards.add_card(journal, "card 1", "a", "Memory", now=NOW).card
    with journal.transaction():
        ids = {1: first["id"]}
        for card_id in sorted({r["card_id"] for r in rows} - {1}):
            ids[card_id] = service.insert_card(journal, {
                "uid": f"sim-{card_id}", "topic_id": first["topic_id"], "front": f"card {card_id}", "back": "a",
                "tags": "", "source": "cli", "due": "2026-01-01T00:00:00Z", **stamps()})
        journal.executemany(
            "INSERT INTO review (card_id, rating, reviewed_at, created_at, updated_at) "
            "VALUES (:card_id, :rating, :reviewed_at, :created_at, :updated_at)",
            [{**r, "card_id": ids[r["card_id"]], **stamps()} for r in rows])
