"""Pilot tests of what the Review screen shows of memory (issue 16): the predicted recall of the
card on screen, the deck's expected retention, and the leeches (key l)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import NOW  # noqa: E402
from testkit.tui import pilot_test, settle, tracker_app  # noqa: E402

from tracker import cards  # noqa: E402
from tracker.clock import utc_text  # noqa: E402
from tracker.store import open_journal  # noqa: E402


def reviewed_card(journal, front: str, stability: float, days_ago: int, due) -> dict:
    card = cards.add_card(journal, front, "Yes.", "Memory", now=NOW - timedelta(days=60)).card
    journal.update("card", card["id"], {"state": 2, "step": None, "stability": stability, "difficulty": 5.0,
                                        "due": utc_text(due), "last_review": utc_text(NOW - timedelta(days=days_ago))})
    return cards.get_card(journal, card["id"])


@pilot_test
async def test_the_review_screen_shows_predicted_recall_expected_retention_and_leeches(db_path: Path) -> None:
    app = tracker_app(db_path)
    with open_journal(str(db_path)) as journal:
        due = reviewed_card(journal, "Is the card on screen remembered?", 10.0, 10, NOW - timedelta(hours=1))
        reviewed_card(journal, "A card not due", 100.0, 5, NOW + timedelta(days=50))
        leech = reviewed_card(journal, "A leech to rewrite", 1.0, 1, NOW - timedelta(days=1))
        journal.update("card", leech["id"], {"suspended": 1, "tags": "leech"})
        deck = cards.deck_retention(journal, NOW)
    assert 0.9 < deck < 1
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("escape", "9")
        await settle(pilot)
        screen = app.screen
        assert screen.NAME == "review" and screen.card["id"] == due["id"]  # the leech is not due
        assert screen.query_one("#review-front").border_subtitle == "review · predicted recall 90%"
        assert str(screen.query_one("#review-count").content) == (
            f"1 card due · expected retention {round(deck * 100)}%")
        assert not screen.query_one("#review-leeches").display
        await pilot.press("l")
        await settle(pilot)
        assert screen.query_one("#review-leeches").display
        assert f"{leech['id']:>4}  Memory: A leech to rewrite" in str(screen.query_one("#review-leeches").content)


@pilot_test
async def test_the_buttons_say_what_the_fitted_parameters_will_do(db_path: Path) -> None:
    """After `cards optimize`, the intervals shown on reveal come from the parameters in force."""
    import json

    from tracker.spacing import DEFAULT_PARAMETERS
    from tracker.store import stamps

    fitted = (DEFAULT_PARAMETERS[0] * 4, DEFAULT_PARAMETERS[1] * 4, DEFAULT_PARAMETERS[2] * 4,
              DEFAULT_PARAMETERS[3] * 4, *DEFAULT_PARAMETERS[4:])
    app = tracker_app(db_path)
    with open_journal(str(db_path)) as journal:
        card = cards.add_card(journal, "What does a fitted w0 change?", "First intervals.", "Memory",
                              now=NOW - timedelta(days=1)).card
        journal.execute(
            "INSERT INTO fsrs_parameters (fitted_on, reviews, scope, parameters, created_at, updated_at) "
            "VALUES ('2026-11-20', 500, 'first-4', :parameters, :created_at, :updated_at)",
            {"parameters": json.dumps(fitted), **stamps()},
        )
        card = cards.get_card(journal, card["id"])
    defaults = cards.reveal(card, NOW, retention=0.9)
    expected = cards.reveal(card, NOW, retention=0.9, parameters=fitted)
    assert expected != defaults  # the fitted parameters do change what the buttons say
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("escape", "9")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert app.screen.revealed == expected
