"""Pilot tests of the Review screen: due cards revealed and rated with keys, the empty state,
adding a card; and a snapshot of a revealed card."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import NOW  # noqa: E402
from testkit.tui import pilot_test, settle, tracker_app  # noqa: E402

from tracker import cards  # noqa: E402
from tracker.store import open_journal  # noqa: E402


def add_cards(db_path: Path) -> list[dict]:
    with open_journal(str(db_path)) as journal:
        return [
            cards.add_card(journal, "What does **ReLU** do to a negative input?", "It returns `0`.", "Activations",
                           now=NOW - timedelta(days=1)).card,
            cards.add_card(journal, "Why scale dot products by $\\sqrt{d_k}$?", "So softmax does not saturate.",
                           "Attention", now=NOW).card,
        ]


def reviews(db_path: Path) -> list[dict]:
    with open_journal(str(db_path)) as journal:
        return journal.rows("SELECT card_id, rating, reviewed_at FROM review ORDER BY id")


def text(app, widget_id: str) -> str:
    return str(app.screen.query_one(widget_id).content)


async def open_review(pilot) -> None:
    await settle(pilot)
    await pilot.press("escape", "9")
    await settle(pilot)
    assert pilot.app.screen.NAME == "review"


@pilot_test
async def test_today_names_the_key_that_opens_the_due_cards(db_path: Path) -> None:
    add_cards(db_path)
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        due = text(app, "#due")
        assert "2 cards to review" in due and "press 9 for Review" in due
        assert "tracker cards review" not in due  # the command line's hint, not the UI's


@pilot_test
async def test_due_cards_are_revealed_and_rated_with_keys(db_path: Path) -> None:
    from tracker.tui.screens.review import CardReviewed

    first, second = add_cards(db_path)
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        screen = app.screen
        assert text(app, "#review-count") == "2 cards due"
        assert screen.card["id"] == first["id"]  # the longest overdue first
        assert "ReLU" in screen.query_one("#review-front-md").source
        assert not screen.query_one("#review-back").display

        await pilot.press("space")
        await settle(pilot)
        assert screen.query_one("#review-back").display
        assert screen.query_one("#review-back-md").source == "It returns `0`."
        choices = text(app, "#review-choices")
        assert "1 Again · " in choices and "4 Easy · " in choices
        good = screen.revealed.choices[2]
        assert f"3 Good · {good.interval}" in choices

        await pilot.press("3")
        await settle(pilot)
        assert [(r["card_id"], r["rating"]) for r in reviews(db_path)] == [(first["id"], 3)]
        with open_journal(str(db_path)) as journal:
            assert cards.get_card(journal, first["id"])["due"] == good.due
        assert screen.card["id"] == second["id"] and screen.revealed is None
        assert text(app, "#review-count") == "1 card due · 1 reviewed · expected retention 100%"

        await pilot.press("enter", "4")
        await settle(pilot)
        assert [(r["card_id"], r["rating"], r["reviewed_at"]) for r in reviews(db_path)] == [
            (first["id"], 3, "2026-11-21T18:30:00Z"), (second["id"], 4, "2026-11-21T18:30:00Z"),
        ]
        assert screen.card is None
        assert text(app, "#review-empty").startswith("Nothing due. Next card due 2026-11-2")
        assert [type(m) for m in app.changes] == [CardReviewed, CardReviewed]


@pilot_test
async def test_number_keys_switch_screens_until_the_answer_is_shown(db_path: Path) -> None:
    add_cards(db_path)
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert app.screen.NAME == "plan"
        assert reviews(db_path) == []


@pilot_test
async def test_the_empty_state_and_a_card_added_from_the_screen(db_path: Path) -> None:
    from tracker.tui.screens.review import CardAdded

    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        assert text(app, "#review-empty").startswith("No cards yet.")
        assert text(app, "#review-count") == "0 cards due"
        await pilot.press("a")
        await settle(pilot)
        form = app.screen.form
        form.set_values({"front": "What is a gradient?", "topic": "Calculus"})
        form.focus_field("front")
        await pilot.press("enter")
        await settle(pilot)
        assert set(form.errors()) == {"back"}
        form.set_values({"back": "The vector of partial derivatives."})
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.NAME == "review"
        assert app.screen.card["front"] == "What is a gradient?" and app.screen.card["topic"] == "Calculus"
        assert [type(m) for m in app.changes] == [CardAdded]


def test_review_screen_with_the_answer_shown(snap_compare, db_path: Path) -> None:
    pytest.importorskip("pytest_textual_snapshot")
    add_cards(db_path)

    async def reveal(pilot) -> None:
        await open_review(pilot)
        await pilot.press("space")
        await settle(pilot)

    assert snap_compare(tracker_app(db_path), terminal_size=(80, 24), run_before=reveal)
