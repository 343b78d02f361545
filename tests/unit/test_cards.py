"""Spaced-repetition cards: FSRS scheduling, reviews, due counts, cards read from notes and from failed
checkpoints. The `tracker cards` commands (CSV import, Anki export, review) are in
tests/cli/test_cards_commands.py."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone

import pytest
from testkit.cards import NOTES

from tracker import cards
from tracker.errors import TrackerError

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)


def stored(text: str) -> datetime:
    return datetime.fromisoformat(text)


def interval_after(journal, card_id: int) -> timedelta:
    row = cards.get_card(journal, card_id)
    return stored(row["due"]) - stored(row["last_review"])


# -- scheduling -------------------------------------------------------------------------------------
def test_intervals_grow_with_good_and_reset_with_again(journal) -> None:
    card = cards.add_card(journal, "Why ReLU?", "No vanishing gradient for x > 0", "Activations", now=T0).card
    now = T0
    intervals = []
    for _ in range(5):
        cards.rate(journal, card["id"], "good", now=now, fuzz=False, retention=0.9)
        intervals.append(interval_after(journal, card["id"]))
        now = stored(cards.get_card(journal, card["id"])["due"])
    # Two learning steps of minutes, then whole days that keep growing.
    assert intervals[0] < timedelta(hours=1)
    assert intervals[1] >= timedelta(days=1)
    assert intervals[1] < intervals[2] < intervals[3] < intervals[4]
    assert cards.get_card(journal, card["id"])["state"] == 2  # review

    cards.rate(journal, card["id"], 1, now=now, fuzz=False, retention=0.9)
    after_again = cards.get_card(journal, card["id"])
    assert after_again["state"] == 3  # relearning
    assert interval_after(journal, card["id"]) < timedelta(hours=1)
    # Good again leaves relearning with a shorter interval than before the lapse.
    cards.rate(journal, card["id"], "3", now=stored(after_again["due"]), fuzz=False, retention=0.9)
    assert timedelta(days=1) <= interval_after(journal, card["id"]) < intervals[4]

    reviews = cards.card_reviews(journal, card["id"])
    assert [r["rating"] for r in reviews] == [3, 3, 3, 3, 3, 1, 3]
    assert reviews[0]["reviewed_at"] == "2026-11-02T08:00:00Z"
    assert all(r["reviewed_at"].endswith("Z") for r in reviews)


def test_a_higher_desired_retention_brings_cards_back_sooner(journal) -> None:
    due_in = {}
    for retention in (0.8, 0.95):
        card = cards.add_card(journal, f"Card at {retention}", "back", "Math", now=T0).card
        cards.rate(journal, card, "easy", now=T0, fuzz=False, retention=retention)
        due_in[retention] = interval_after(journal, card["id"])
    assert due_in[0.95] < due_in[0.8]


def test_reveal_shows_what_each_rating_would_schedule(journal) -> None:
    card = cards.add_card(journal, "Front", "The back", "Math", now=T0).card
    shown = cards.reveal(card, now=T0, retention=0.9)
    assert shown.back == "The back"
    assert [c.name for c in shown.choices] == ["again", "hard", "good", "easy"]
    good = next(c for c in shown.choices if c.name == "good")
    rated = cards.rate(journal, card, "good", now=T0, fuzz=False, retention=0.9)
    assert rated.card["due"] == good.due
    assert rated.interval == good.interval == "10m"
    assert cards.get_card(journal, card["id"])["due"] == good.due  # reveal itself wrote nothing
    assert journal.scalar("SELECT count(*) FROM review") == 1


@pytest.mark.parametrize("bad", ["5", "0", "meh", ""])
def test_a_bad_rating_or_retention_writes_nothing(journal, bad) -> None:
    card = cards.add_card(journal, "Front", "Back", "Math", now=T0).card
    with pytest.raises(TrackerError, match="not one of: 1 again"):
        cards.rate(journal, card, bad, now=T0)
    with pytest.raises(TrackerError, match="desired_retention"):
        cards.rate(journal, card, "good", now=T0, retention=1.5)
    assert journal.scalar("SELECT count(*) FROM review") == 0
    assert cards.get_card(journal, card["id"]) == card


def test_a_review_that_fails_halfway_leaves_the_card_as_it_was(journal, monkeypatch) -> None:
    card = cards.add_card(journal, "Front", "Back", "Math", now=T0).card

    def broken_insert(sql, params):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(journal, "insert", broken_insert)
    with pytest.raises(sqlite3.OperationalError):
        cards.rate(journal, card, "good", now=T0)
    monkeypatch.undo()
    assert cards.get_card(journal, card["id"]) == card


def test_due_cards_come_longest_overdue_first_and_counts_match(journal) -> None:
    now = datetime(2026, 11, 21, 18, 30, tzinfo=timezone.utc)
    for days, front in ((-3, "three days late"), (2, "in two days"), (-1, "one day late"), (0, "due now")):
        cards.add_card(journal, front, "back", "Math", now=now + timedelta(days=days))
    assert [c["front"] for c in cards.due_cards(journal, now)] == ["three days late", "one day late", "due now"]
    assert [c["front"] for c in cards.due_cards(journal, now, limit=1)] == ["three days late"]
    assert cards.due_count(journal, now) == 3
    assert cards.next_due(journal, now) == "2026-11-23T18:30:00Z"
    assert cards.due_cards(journal, now - timedelta(days=10)) == []


# -- numbers for stats, post and charts -------------------------------------------------------------
@pytest.fixture
def auckland(monkeypatch):
    """Local time 13 hours ahead of UTC (New Zealand summer)."""
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def test_reviews_are_counted_per_local_day(journal, auckland) -> None:
    card = cards.add_card(journal, "Front", "Back", "Math", now=T0).card
    # 23:30 UTC on the 19th is already the 20th in Auckland; 10:00 UTC on the 20th is 23:00 there.
    for moment, rating in (("2026-11-19T23:30:00+00:00", 3), ("2026-11-20T10:00:00+00:00", 1),
                           ("2026-11-20T11:30:00+00:00", 3)):
        cards.rate(journal, card, rating, now=datetime.fromisoformat(moment), fuzz=False, retention=0.9)
    days = cards.reviews_per_day(journal, date(2026, 11, 19), date(2026, 11, 21))
    assert days == [
        {"day": "2026-11-19", "reviews": 0, "again": 0},
        {"day": "2026-11-20", "reviews": 2, "again": 1},
        {"day": "2026-11-21", "reviews": 1, "again": 0},
    ]
    assert cards.reviews_between(journal, date(2026, 11, 20), date(2026, 11, 20)) == 2
    assert cards.reviews_between(journal, date(2026, 11, 19), date(2026, 11, 21)) == 3
    assert cards.reviews_between(journal, date(2026, 11, 22), date(2026, 11, 30)) == 0


def test_stats_count_due_cards_without_loading_fsrs_genanki_or_markdown(db_path) -> None:
    code = (
        "import json, sys\n"
        "from datetime import date\n"
        "from tracker.config import Settings\n"
        "from tracker.store import open_journal\n"
        "from tracker.stats import compute_stats\n"
        f"journal = open_journal({str(db_path)!r})\n"
        "journal.execute(\"INSERT INTO topic (name, created_at, updated_at) VALUES ('Math', 'x', 'x')\")\n"
        "journal.execute(\"INSERT INTO card (uid, topic_id, front, back, due, created_at, updated_at) "
        "VALUES ('u', 1, 'f', 'b', '2026-11-01T00:00:00Z', 'x', 'x')\")\n"
        "stats = compute_stats(journal, Settings(), date(2026, 11, 21))\n"
        "print(json.dumps([stats.due[0]['count'], sorted({m.split('.')[0] for m in sys.modules} & "
        "{'fsrs', 'genanki', 'markdown_it', 'sqlalchemy', 'pydantic'})]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [1, []]


# -- cards from notes -------------------------------------------------------------------------------
def test_cards_are_read_from_card_blocks_and_q_a_paragraphs() -> None:
    found, problems = cards.cards_in_markdown(NOTES, "activations.md")
    assert [(c.front, c.back, c.tags, c.line) for c in found] == [
        ("Why does a deep stack of **sigmoids** learn slowly?",
         "sigmoid'(x) is at most 0.25, so the gradient\nshrinks at every layer.", "nn vanishing", 5),
        ("What does a dead ReLU unit receive in backprop?", "Zero gradient,\nso it never recovers.", "", 12),
        ("Which activation for probabilities?", "Sigmoid (or softmax over classes).", "", 26),
    ]
    assert problems == [
        "activations.md, line 20: a card block needs a line '---' between its front and its back",
        "activations.md, line 24: a Q: line needs an A: line after it in the same paragraph",
    ]


def test_reading_notes_again_adds_no_copies_and_updates_changed_backs(journal) -> None:
    from tracker.topics import add_topic, update_topic

    add_topic(journal, "Activations", notes=NOTES)
    add_topic(journal, "Empty topic")
    first = cards.sync_from_notes(journal, now=T0)
    assert (first.added, first.updated, first.unchanged, first.topics) == (3, 0, 0, 1)
    assert len(first.problems) == 2
    uids = {c["front"]: c["uid"] for c in cards.list_cards(journal)}
    assert cards.sync_from_notes(journal).added == 0
    assert journal.scalar("SELECT count(*) FROM card") == 3

    reviewed = next(c for c in cards.list_cards(journal) if c["front"].startswith("What does a dead"))
    cards.rate(journal, reviewed, "good", now=T0, fuzz=False, retention=0.9)
    schedule = cards.get_card(journal, reviewed["id"])["due"]
    changed = NOTES.replace("Zero gradient,", "No gradient at all,").replace(
        "- Q: Which activation for probabilities?\n  A: Sigmoid (or softmax over classes).\n", "")
    update_topic(journal, "Activations", notes=changed)
    again = cards.sync_from_notes(journal, topic="activations")
    assert (again.added, again.updated, again.unchanged) == (0, 1, 1)
    assert [m["front"] for m in again.missing] == ["Which activation for probabilities?"]
    after = cards.get_card(journal, reviewed["id"])
    assert after["back"] == "No gradient at all,\nso it never recovers."
    assert after["due"] == schedule and after["uid"] == reviewed["uid"]
    # A renamed topic keeps its cards: matching is by topic and front, not by the old name's hash.
    update_topic(journal, "Activations", new_name="Activation functions")
    assert cards.sync_from_notes(journal).added == 0
    assert {c["front"]: c["uid"] for c in cards.list_cards(journal)} == uids


# -- cards from failed checkpoints ------------------------------------------------------------------
def test_a_failed_checkpoint_becomes_one_card(journal) -> None:
    message = "relu_grad(-2.0) returned 1.0; expected 0.0"
    made = cards.card_from_checkpoint_failure(journal, "03_activations", "Activations", message)
    assert made.created and made.card["source"] == "checkpoint"
    assert made.card["front"] == "What must `relu_grad(-2.0)` give, and why? (checkpoint `03_activations`)"
    assert made.card["back"] == "The check said:\n\n> relu_grad(-2.0) returned 1.0; expected 0.0"
    again = cards.card_from_checkpoint_failure(journal, "03_activations", "Activations", message)
    assert not again.created and again.card["id"] == made.card["id"]
    assert journal.scalar("SELECT count(*) FROM card") == 1


