"""FSRS fitted to the learner (tracker.cards.memory): a history simulated from known parameters is
fitted better than the defaults, too little history keeps them, and the parameters in force
schedule the next review."""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta

import pytest
from testkit.clock import NOW
from testkit.journals import blank_journal
from testkit.memory import load_history

from bench.bench_memory import TRUE_PARAMETERS, simulate
from tracker import cards
from tracker.cards import daily_load, memory
from tracker.clock import parse_utc, utc_text
from tracker.errors import TrackerError
from tracker.spacing import DEFAULT_PARAMETERS, PARAMETER_COUNT, parameters_in_force
from tracker.store import open_journal, stamps


def test_the_default_parameters_are_the_libraries_own() -> None:
    import fsrs_rs_python
    from fsrs import Scheduler

    assert len(DEFAULT_PARAMETERS) == PARAMETER_COUNT == len(fsrs_rs_python.DEFAULT_PARAMETERS)
    assert DEFAULT_PARAMETERS == pytest.approx(Scheduler().parameters)
    assert DEFAULT_PARAMETERS == pytest.approx(fsrs_rs_python.DEFAULT_PARAMETERS, rel=1e-6)


def test_a_fit_to_a_simulated_learner_predicts_later_reviews_better_than_the_defaults() -> None:
    items = memory.items_from_reviews(simulate())
    cut = int(len(items) * memory.TRAIN_SHARE)
    train, test = items[:cut], items[cut:]
    fitted, scope = memory.fit(train)
    assert scope == "all" and len(fitted) == 21
    default = memory.metrics(test, memory.predictions(test, DEFAULT_PARAMETERS))
    fit = memory.metrics(test, memory.predictions(test, fitted))
    true = memory.metrics(test, memory.predictions(test, TRUE_PARAMETERS))
    assert fit["log_loss"] < default["log_loss"] - 0.003
    assert fit["rmse_bins"] < default["rmse_bins"]
    assert true["log_loss"] <= fit["log_loss"] + 0.005


def test_our_metrics_agree_with_fsrs_rs() -> None:
    from fsrs_rs_python import FSRS

    # Item by item (fsrs-rs's evaluate chooses its own subset of a whole history).
    items = memory.items_from_reviews(simulate(days=60, new_per_day=3, new_days=40))[-40:]
    model = FSRS(list(DEFAULT_PARAMETERS))
    for item, predicted in zip(items, memory.predictions(items, DEFAULT_PARAMETERS)):
        ours = memory.metrics([item], [predicted])["log_loss"]
        assert ours == pytest.approx(model.evaluate(memory._rs_items([item])).log_loss, abs=1e-4)


def test_metrics_of_a_perfect_and_a_useless_prediction() -> None:
    items = memory.items_from_reviews([
        {"card_id": 1, "rating": 3, "reviewed_at": "2026-01-01T10:00:00Z"},
        {"card_id": 1, "rating": 3, "reviewed_at": "2026-01-03T10:00:00Z"},
        {"card_id": 1, "rating": 1, "reviewed_at": "2026-01-09T10:00:00Z"},
    ])
    assert [(item.days, item.recalled) for item in items] == [(2, 1), (6, 0)]
    assert memory.metrics(items, [1.0, 0.0])["rmse_bins"] == pytest.approx(0)
    assert memory.metrics(items, [0.5, 0.5])["log_loss"] == pytest.approx(0.6931, abs=1e-4)


def test_too_little_history_keeps_the_defaults_and_writes_nothing(journal) -> None:
    load_history(journal, simulate(days=6, new_per_day=3, new_days=3))
    before = journal.rows("SELECT id, due FROM card ORDER BY id")
    result = memory.optimize(journal, NOW)
    assert not result.fitted
    assert result.message.startswith("kept FSRS's default parameters: only ")
    assert journal.scalar("SELECT count(*) FROM fsrs_parameters") == 0
    assert journal.rows("SELECT id, due FROM card ORDER BY id") == before
    assert parameters_in_force(journal) == DEFAULT_PARAMETERS


def test_optimize_stores_the_fit_and_reschedules_with_it(journal) -> None:
    rows = simulate(days=150, new_per_day=4, new_days=120)
    load_history(journal, rows)
    result = memory.optimize(journal, NOW)
    assert result.fitted and result.scope == "all" and result.reviews == len(rows)
    stored = journal.row("SELECT fitted_on, reviews, scope, parameters FROM fsrs_parameters")
    assert (stored["fitted_on"], stored["reviews"], stored["scope"]) == ("2026-11-21T18:30:00Z", len(rows), "all")
    assert parameters_in_force(journal) == pytest.approx(json.loads(stored["parameters"]))
    assert parameters_in_force(journal) != pytest.approx(DEFAULT_PARAMETERS)
    assert result.rescheduled == journal.scalar("SELECT count(DISTINCT card_id) FROM review")
    assert journal.scalar("SELECT count(*) FROM card WHERE stability IS NULL") == 0


def test_the_parameters_in_force_change_the_next_interval(journal) -> None:
    card = cards.add_card(journal, "Q", "A", "Memory", now=NOW - timedelta(days=10)).card
    cards.rate(journal, card, "good", now=NOW - timedelta(days=10), fuzz=False, retention=0.9)
    cards.rate(journal, card, "good", now=NOW - timedelta(days=9, hours=23), fuzz=False, retention=0.9)
    card = cards.get_card(journal, card["id"])
    default_choice = cards.reveal(card, NOW, retention=0.9).choices[2]
    # A learner who forgets much faster than the defaults: stability grows far less after Good.
    slow = list(DEFAULT_PARAMETERS)
    slow[8] = 0.5
    with journal.transaction():
        journal.insert(
            "INSERT INTO fsrs_parameters (fitted_on, reviews, scope, parameters, created_at, updated_at) "
            "VALUES ('2026-11-20T00:00:00Z', 40, 'all', :p, :created_at, :updated_at) RETURNING id",
            {"p": json.dumps(slow), **stamps()})
    fitted_choice = cards.reveal(card, NOW, retention=0.9, parameters=parameters_in_force(journal)).choices[2]
    rated = cards.rate(journal, card, "good", now=NOW, fuzz=False, retention=0.9)
    assert parse_utc(fitted_choice.due) < parse_utc(default_choice.due)
    assert rated.card["due"] == fitted_choice.due


def test_a_vector_of_another_fsrs_version_is_refused() -> None:
    with pytest.raises(TrackerError, match="returned 19 FSRS parameters, and the scheduler .FSRS-6. needs 21"):
        memory.checked_parameters(DEFAULT_PARAMETERS[:19])


def test_evaluate_compares_defaults_and_fit_on_later_reviews(journal) -> None:
    load_history(journal, simulate())
    result = memory.evaluate(journal)
    assert result["fitted_on_reviews"] > 4 * result["evaluated_on_reviews"] - 5
    assert result["split_at"] > "2026-01-01"
    assert result["fitted"]["log_loss"] < result["default"]["log_loss"]
    assert result["in_force"] is None
    assert journal.scalar("SELECT count(*) FROM fsrs_parameters") == 0


def test_evaluate_without_history_is_one_line_of_bad_input(journal) -> None:
    with pytest.raises(TrackerError) as raised:
        memory.evaluate(journal)
    assert raised.value.exit_code == 2
    assert raised.value.line.startswith("too little history to evaluate: 0 reviews")


# -- reschedule goes through load balancing --------------------------------------------------------
def same_history(journal, count: int = 100) -> list[int]:
    """`count` cards reviewed Good at the same moments: replayed without balancing, all due on one day."""
    ids = [cards.add_card(journal, f"Q {i}", "A", "Memory", uid=f"same-{i:03d}", now=NOW - timedelta(days=40)).card["id"]
           for i in range(count)]
    moments = [NOW - timedelta(days=40), NOW - timedelta(days=37), NOW - timedelta(days=25)]
    with journal.transaction():
        journal.executemany(
            "INSERT INTO review (card_id, rating, reviewed_at, created_at, updated_at) "
            "VALUES (:card_id, 3, :at, :created_at, :updated_at)",
            [{"card_id": card_id, "at": utc_text(at), **stamps()} for card_id in ids for at in moments])
    return ids


def rescheduled_dues(journal) -> list[str]:
    with journal.transaction():
        assert memory.reschedule(journal) == journal.scalar("SELECT count(DISTINCT card_id) FROM review")
    return [r["due"] for r in journal.rows("SELECT due FROM card ORDER BY uid")]


def test_reschedule_spreads_a_hundred_same_histories_over_several_days_the_same_way_twice(
    journal, tmp_path,
) -> None:
    from fsrs import Card, Rating

    from tracker.spacing import fsrs_scheduler

    same_history(journal)
    dues = rescheduled_dues(journal)
    # The one date FSRS gives that history without fuzz, and the fuzz range around it.
    scheduler = fsrs_scheduler(0.9, False)
    card = Card()
    for at in (NOW - timedelta(days=40), NOW - timedelta(days=37), NOW - timedelta(days=25)):
        card, _log = scheduler.review_card(card, Rating.Good, at)
    last = NOW - timedelta(days=25)
    low, high = daily_load.fuzz_range((card.due - last).days, 36500)
    per_day = Counter(due[:10] for due in dues)
    assert high - low >= 4 and len(per_day) == high - low + 1  # every day of the range is used...
    assert max(per_day.values()) - min(per_day.values()) <= 1  # ...evenly, not 100 on one day
    assert all(last + timedelta(days=low) <= parse_utc(d) <= last + timedelta(days=high) for d in dues)
    assert journal.scalar("SELECT count(*) FROM card WHERE state = 2 AND stability = :s",
                          {"s": card.stability}) == 100  # the replayed memory state itself is kept
    assert rescheduled_dues(journal) == dues  # again (optimize twice, a second Anki import): no reshuffle
    with open_journal(str(blank_journal(tmp_path / "again.db"))) as again:
        same_history(again)
        assert rescheduled_dues(again) == dues  # the same history gives the same days


def test_optimize_balances_the_due_dates_it_puts_back(journal) -> None:
    load_history(journal, simulate(days=150, new_per_day=4, new_days=120))
    assert memory.optimize(journal, NOW).fitted
    after = [r["due"] for r in journal.rows("SELECT due FROM card ORDER BY id")]
    with journal.transaction():
        memory.reschedule(journal)
    assert [r["due"] for r in journal.rows("SELECT due FROM card ORDER BY id")] == after
