"""A card made from a failed checkpoint asks without telling: the answer in the failure message
stays on the back, and `tracker cards list` shows a front that means something on one line."""

from __future__ import annotations

from pathlib import Path

from testkit.cli import run_tracker

from tracker import cards

#: What the activations checkpoint says when relu_prime(0) is 1 (checks.py, checklib.expect_close).
RELU_AT_ZERO = "relu_prime(0): got 1, expected 0; take the derivative at exactly 0 to be 0"


def test_the_front_names_the_checkpoint_and_the_call_but_not_the_answer(journal) -> None:
    made = cards.card_from_checkpoint_failure(journal, "03_activations", "Activations", RELU_AT_ZERO,
                                              back="ReLU's slope at 0 is taken as 0")
    front, back = made.card["front"], made.card["back"]
    assert front == "What must `relu_prime(0)` give, and why? (checkpoint `03_activations`)"
    assert "expected" not in front and "exactly 0" not in front and "\n" not in front
    assert back == f"ReLU's slope at 0 is taken as 0\n\nThe check said:\n\n> {RELU_AT_ZERO}"


def test_a_failure_that_names_no_call_asks_what_the_mistake_was(journal) -> None:
    made = cards.card_from_checkpoint_failure(journal, "notes.md block 2", "Backprop",
                                              "AssertionError at line 3\nassert np.isclose(g, 0.25)")
    assert made.card["front"] == "What was the mistake in checkpoint `notes.md block 2`, and what is right?"
    assert made.card["back"] == "The check said:\n\n> AssertionError at line 3\n> assert np.isclose(g, 0.25)"


def test_cards_list_shows_the_question(journal, db_path: Path) -> None:
    cards.card_from_checkpoint_failure(journal, "03_activations", "Activations", RELU_AT_ZERO)
    listed = run_tracker(db_path, "cards", "list")
    assert listed.exit_code == 0, listed.stderr
    assert "What must `relu_prime(0)` give, and why?" in listed.stdout
    assert "failed with:" not in listed.stdout and "exactly 0" not in listed.stdout
