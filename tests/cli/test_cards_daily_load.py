"""`tracker cards suspend|unsuspend|leeches|list|review` with the daily load of issue 16, and the
desired_retention bounds: one line, exit 2, nothing written."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from testkit.clock import NOW

from tracker import cards, config
from tracker.store import stamps


def write_config(text: str) -> None:
    config.config_file().parent.mkdir(parents=True, exist_ok=True)
    config.config_file().write_text(text, encoding="utf-8")


@pytest.mark.parametrize("value", ["1.5", "0.98", "0.69"])
def test_a_retention_outside_the_bounds_is_one_line_exit_2_nothing_written(cli, journal, value) -> None:
    card = cards.add_card(journal, "Why ReLU?", "No vanishing gradient.", "Activations", now=NOW).card
    write_config(f"desired_retention = {value}\n")
    result = cli("cards", "review", input="\n3\n")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert f"desired_retention should be a number from 0.70 to 0.97, not {value}" in result.stderr
    assert journal.scalar("SELECT count(*) FROM review") == 0
    assert cards.get_card(journal, card["id"])["due"] == card["due"]


def test_the_bounds_themselves_are_accepted(cli, journal) -> None:
    for value in ("0.7", "0.97"):
        write_config(f"desired_retention = {value}\n")
        assert cli("cards", "due").exit_code == 0


def test_suspend_list_and_unsuspend(cli, journal) -> None:
    first = cards.add_card(journal, "Why ReLU?", "No vanishing gradient.", "Activations", now=NOW).card
    second = cards.add_card(journal, "Why LSTM?", "Gates.", "RNNs", now=NOW).card
    result = cli("cards", "suspend", str(first["id"]))
    assert result.exit_code == 0 and f"Suspended 1 card: {first['id']}" in result.stdout
    listing = cli("cards", "list").stdout
    lines = {"relu": next(l for l in listing.splitlines() if "Why ReLU" in l),
             "lstm": next(l for l in listing.splitlines() if "Why LSTM" in l)}
    assert "suspended" in lines["relu"] and "suspended" not in lines["lstm"]
    assert [c["suspended"] for c in json.loads(cli("cards", "list", "--json").stdout)] == [1, 0]
    assert [c["id"] for c in json.loads(cli("cards", "due", "--json").stdout)] == [second["id"]]

    bad = cli("cards", "unsuspend", str(first["id"]), "999")
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "no card '999'" in bad.stderr
    assert cards.get_card(journal, first["id"])["suspended"] == 1  # all or nothing

    back = cli("cards", "unsuspend", str(first["id"]))
    assert back.exit_code == 0 and "Unsuspended 1 card" in back.stdout
    assert len(json.loads(cli("cards", "due", "--json").stdout)) == 2


def test_review_honours_the_new_cards_limit_and_says_what_waits(cli, journal) -> None:
    for i in range(3):
        cards.add_card(journal, f"Question {i}?", f"Answer {i}.", "Activations", now=NOW - timedelta(hours=1))
    write_config("new_cards_per_day = 2\n")
    result = cli("cards", "review", input="\n3\n\n3\n")
    assert result.exit_code == 0
    assert "2 cards due." in result.stdout
    assert journal.scalar("SELECT count(*) FROM review") == 2
    assert "1 more card due wait for tomorrow (new_cards_per_day 2, reviews_per_day 200" in result.stdout


def test_a_leech_is_announced_in_the_review_and_listed(cli, journal) -> None:
    card = cards.add_card(journal, "What is a Jacobian?", "First derivatives.", "Calculus",
                          now=NOW - timedelta(days=300)).card
    # Seven lapses in the history: in review (state 2), then Again, then back to review.
    journal.update("card", card["id"], {"state": 2, "step": None, "stability": 5.0, "difficulty": 7.0,
                                        "due": "2026-11-21T00:00:00Z", "last_review": "2026-11-16T00:00:00Z"})
    day = NOW - timedelta(days=200)
    history = [3, 3, 3] + [1, 3] * 7
    for rating in history:
        journal.insert(
            "INSERT INTO review (card_id, rating, reviewed_at, created_at, updated_at) "
            "VALUES (:id, :rating, :at, :created_at, :updated_at) RETURNING id",
            {"id": card["id"], "rating": rating, "at": day.strftime("%Y-%m-%dT%H:%M:%SZ"), **stamps()},
        )
        day += timedelta(days=5)
    result = cli("cards", "review", input="\n1\n")
    assert result.exit_code == 0
    assert f"card {card['id']} is a leech: forgotten 8 times, so it is suspended and tagged leech" in result.stderr
    row = cards.get_card(journal, card["id"])
    assert row["suspended"] == 1 and "leech" in row["tags"].split()
    leeches = cli("cards", "leeches")
    assert leeches.exit_code == 0 and "Jacobian" in leeches.stdout
