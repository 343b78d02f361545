"""A humane daily load (issue 16, item 3): daily limits on new cards and reviews, leeches, load
balancing of due dates; and the predicted recall the Review screen and stats show (item 5)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from testkit.clock import NOW

from tracker import cards
from tracker.cards import daily_load
from tracker.cards.daily_load import DailyLimits
from tracker.clock import utc_text
from tracker.errors import TrackerError
from tracker.plaintext import export_journal, import_journal
from tracker.store import stamps


def new_cards(journal, count: int, *, topic: str = "Activations", now: datetime = NOW) -> list[dict]:
    return [cards.add_card(journal, f"Question {i}?", f"Answer {i}.", topic, now=now - timedelta(hours=1)).card
            for i in range(count)]


def add_reviews(journal, card_id: int, count: int, at: datetime) -> None:
    for i in range(count):
        journal.insert(
            "INSERT INTO review (card_id, rating, reviewed_at, created_at, updated_at) "
            "VALUES (:card_id, 3, :at, :created_at, :updated_at) RETURNING id",
            {"card_id": card_id, "at": utc_text(at + timedelta(seconds=i)), **stamps()},
        )


def review_card(journal, *, stability: float = 10.0, due: datetime = NOW, uid: str | None = None) -> dict:
    """A card in the review state, last seen `stability` days before it is due."""
    card = cards.add_card(journal, f"Card {uid}?", "Yes.", "Memory", uid=uid, now=due - timedelta(days=30)).card
    journal.update("card", card["id"], {
        "state": 2, "step": None, "stability": stability, "difficulty": 5.0,
        "due": utc_text(due), "last_review": utc_text(due - timedelta(days=stability)),
    })
    return cards.get_card(journal, card["id"])


# -- daily limits -----------------------------------------------------------------------------------
def test_twenty_one_new_cards_due_twenty_shown(journal) -> None:
    new_cards(journal, 21)
    limits = DailyLimits(new_cards=20, reviews=200)
    assert len(cards.due_cards(journal, NOW)) == 21  # the listing: everything due
    queue = cards.due_cards(journal, NOW, limits=limits)
    assert len(queue) == 20 and cards.due_count(journal, NOW, limits=limits) == 20
    # Seeing a new card for the first time uses up one of the twenty.
    cards.rate(journal, queue[0], "good", now=NOW, fuzz=False)
    later = NOW + timedelta(minutes=1)
    assert len([c for c in cards.due_cards(journal, later, limits=limits) if c["last_review"] is None]) == 19


def test_after_two_hundred_reviews_today_none_more(journal) -> None:
    card = new_cards(journal, 1)[0]
    reviewed = review_card(journal, uid="old", due=NOW - timedelta(days=1))
    start_of_day = datetime(2026, 11, 21, 0, 30, tzinfo=timezone.utc)
    add_reviews(journal, card["id"], 199, start_of_day)
    limits = DailyLimits(new_cards=20, reviews=200)
    assert [c["id"] for c in cards.due_cards(journal, NOW, limits=limits)] == [reviewed["id"]]
    add_reviews(journal, card["id"], 1, start_of_day + timedelta(hours=5))
    assert cards.due_cards(journal, NOW, limits=limits) == []
    assert cards.due_count(journal, NOW, limits=limits) == 0 and cards.due_count(journal, NOW) == 2
    # The next study day starts afresh.
    assert len(cards.due_cards(journal, NOW + timedelta(days=1), limits=limits)) == 2


def test_the_study_day_boundary_decides_what_counts_as_today(journal) -> None:
    card = new_cards(journal, 1, now=NOW - timedelta(days=2))[0]
    review_card(journal, uid="old", due=NOW - timedelta(days=1))
    # 200 reviews at 02:00 UTC: today with days starting at midnight, yesterday with days at 4 a.m.
    add_reviews(journal, card["id"], 200, datetime(2026, 11, 21, 2, 0, tzinfo=timezone.utc))
    assert cards.due_cards(journal, NOW, limits=DailyLimits(day_starts_at=0)) == []
    assert len(cards.due_cards(journal, NOW, limits=DailyLimits(day_starts_at=4))) == 2


# -- leeches ----------------------------------------------------------------------------------------
def lapse(journal, card_id: int, now: datetime) -> tuple[cards.Rated, datetime]:
    """Forget a card in review, then relearn it until it is in review again."""
    rated = cards.rate(journal, card_id, 1, now=now, fuzz=False)
    while cards.get_card(journal, card_id)["state"] != 2:
        now = datetime.fromisoformat(cards.get_card(journal, card_id)["due"])
        cards.rate(journal, card_id, "good", now=now, fuzz=False)
    return rated, datetime.fromisoformat(cards.get_card(journal, card_id)["due"])


def test_a_card_forgotten_eight_times_is_a_suspended_leech_until_unsuspended(journal) -> None:
    card = cards.add_card(journal, "What is a Jacobian?", "First derivatives.", "Calculus", tags="calculus",
                          now=NOW - timedelta(days=400)).card
    now = NOW - timedelta(days=400)
    while cards.get_card(journal, card["id"])["state"] != 2:
        cards.rate(journal, card["id"], "good", now=now, fuzz=False)
        now = datetime.fromisoformat(cards.get_card(journal, card["id"])["due"])
    # Again while relearning is not a second lapse.
    cards.rate(journal, card["id"], 1, now=now, fuzz=False)
    cards.rate(journal, card["id"], 1, now=now + timedelta(minutes=10), fuzz=False)
    now = now + timedelta(minutes=20)
    while cards.get_card(journal, card["id"])["state"] != 2:
        cards.rate(journal, card["id"], "good", now=now, fuzz=False)
        now = datetime.fromisoformat(cards.get_card(journal, card["id"])["due"])
    assert daily_load.lapses(journal, card["id"]) == 1
    for expected in range(2, 8):
        rated, now = lapse(journal, card["id"], now)
        assert (rated.lapses, rated.leech) == (expected, False)
    assert not cards.get_card(journal, card["id"])["suspended"]

    rated, _ = lapse(journal, card["id"], now)
    assert (rated.lapses, rated.leech) == (8, True)
    row = cards.get_card(journal, card["id"])
    assert row["suspended"] == 1 and row["tags"] == "calculus leech"
    assert daily_load.lapses(journal, card["id"]) == 8
    far = NOW + timedelta(days=3650)
    assert card["id"] not in [c["id"] for c in cards.due_cards(journal, far)]
    assert cards.due_count(journal, far) == 0 and cards.next_due(journal, NOW) is None
    assert [c["id"] for c in cards.leeches(journal)] == [card["id"]]

    back = cards.set_suspended(journal, [card["id"]], False)
    assert back[0]["suspended"] == 0 and "leech" in back[0]["tags"].split()
    assert card["id"] in [c["id"] for c in cards.due_cards(journal, far)]
    assert cards.leeches(journal) == []


def test_leech_thresholds() -> None:
    assert [n for n in range(1, 21) if daily_load.is_leech_now(n)] == [8, 12, 16, 20]


def test_suspending_an_unknown_card_writes_nothing(journal) -> None:
    card = new_cards(journal, 1)[0]
    with pytest.raises(TrackerError):
        cards.set_suspended(journal, [card["id"], 999], True)
    assert cards.get_card(journal, card["id"])["suspended"] == 0


# -- load balancing ---------------------------------------------------------------------------------
def schedule_hundred(journal) -> list[str]:
    rows = [review_card(journal, stability=20.0, uid=f"card-{i:03d}") for i in range(100)]
    for row in rows:
        cards.rate(journal, row["id"], "good", now=NOW)
    return [cards.get_card(journal, row["id"])["due"] for row in rows]


def test_load_balancing_spreads_a_hundred_cards_over_several_days_deterministically(journal, tmp_path) -> None:
    from testkit.journals import blank_journal

    from tracker.store import open_journal

    unfuzzed = {
        cards.rate(journal, review_card(journal, stability=20.0, uid="alone")["id"], "good", now=NOW,
                   fuzz=False).card["due"]
    }
    cards.delete_card(journal, journal.scalar("SELECT id FROM card WHERE uid = 'alone'"))
    dues = schedule_hundred(journal)
    per_day = Counter(due[:10] for due in dues)
    low, high = daily_load.fuzz_range((datetime.fromisoformat(next(iter(unfuzzed))) - NOW).days, 36500)
    assert len(per_day) == high - low + 1 >= 5  # every day of the fuzz range is used...
    assert max(per_day.values()) - min(per_day.values()) <= 1  # ...and evenly
    assert all(NOW + timedelta(days=low) <= datetime.fromisoformat(d) <= NOW + timedelta(days=high) for d in dues)
    with open_journal(str(blank_journal(tmp_path / "again.db"))) as again:
        assert schedule_hundred(again) == dues  # the same history gives the same days


def test_short_intervals_are_not_moved(journal) -> None:
    card = new_cards(journal, 1)[0]
    rated = cards.rate(journal, card["id"], "good", now=NOW)
    assert rated.interval == "10m"


# -- predicted recall ---------------------------------------------------------------------------------
def test_retrievability_matches_fsrs(journal) -> None:
    from fsrs import Card, Scheduler, State

    row = review_card(journal, stability=12.0, due=NOW)
    ours = cards.retrievability(row, NOW + timedelta(days=3))
    theirs = Scheduler().get_card_retrievability(
        Card(state=State.Review, stability=12.0, difficulty=5.0, last_review=NOW - timedelta(days=12)),
        NOW + timedelta(days=3),
    )
    assert ours == pytest.approx(theirs, abs=1e-9)
    # R is 0.9 when the time since the last review equals the stability.
    assert cards.retrievability(row, NOW) == pytest.approx(0.9)
    assert cards.retrievability(new_cards(journal, 1)[0], NOW) is None
    assert cards.deck_retention(journal, NOW) == pytest.approx(0.9)


def test_stats_mention_the_expected_retention(journal) -> None:
    review_card(journal, stability=10.0, due=NOW)
    summary = cards.due_summary(journal, NOW)
    assert "expected retention 90%" in summary[0]["detail"] and summary[0]["expected_retention"] == 0.9


# -- plain-text export ---------------------------------------------------------------------------------
def test_suspended_and_review_sources_make_the_round_trip(journal, tmp_path: Path) -> None:
    from testkit.journals import blank_journal

    from tracker.store import open_journal

    row = review_card(journal, uid="t-kept")
    cards.set_suspended(journal, [row["id"]], True)
    journal.insert(
        "INSERT INTO review (card_id, rating, reviewed_at, source, anki_revlog_id, created_at, updated_at) "
        "VALUES (:id, 3, '2026-11-20T08:00:00Z', 'anki', 1763625600123, :created_at, :updated_at) RETURNING id",
        {"id": row["id"], **stamps()},
    )
    export_journal(journal, tmp_path / "one")
    text = (tmp_path / "one" / "reviews.csv").read_text(encoding="utf-8")
    assert "t-kept,3,2026-11-20T08:00:00Z,,anki,1763625600123," in text
    with open_journal(str(blank_journal(tmp_path / "other.db"))) as other:
        import_journal(other, tmp_path / "one")
        assert other.row("SELECT suspended FROM card WHERE uid = 't-kept'") == {"suspended": 1}
        assert other.row("SELECT source, anki_revlog_id FROM review") == {
            "source": "anki", "anki_revlog_id": 1763625600123}
        export_journal(other, tmp_path / "two")
    for name in ("cards.csv", "reviews.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
