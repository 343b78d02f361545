"""`tracker cards optimize` and `tracker cards evaluate [--json]`."""

from __future__ import annotations

import json

from testkit.memory import load_history

from bench.bench_memory import simulate


def test_optimize_with_too_little_history_says_the_defaults_stay(cli) -> None:
    result = cli("cards", "optimize")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Kept FSRS's default parameters: only 0 reviews")


def test_evaluate_json_fields_then_optimize(cli, journal) -> None:
    load_history(journal, simulate())
    result = cli("cards", "evaluate", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"reviews", "fitted_on_reviews", "evaluated_on_reviews", "split_at", "scope",
                         "default", "fitted", "in_force"}
    assert set(data["default"]) == set(data["fitted"]) == {"log_loss", "rmse_bins"}
    assert data["fitted"]["log_loss"] < data["default"]["log_loss"]
    result = cli("cards", "optimize")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Fitted all 21 parameters to {data['reviews']} reviews")
    assert "In force: fitted on " in cli("cards", "evaluate").stdout


def test_evaluate_with_nothing_to_evaluate_is_one_line_exit_2(cli, journal) -> None:
    result = cli("cards", "evaluate")
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("tracker: too little history to evaluate: 0 reviews")


def test_a_bad_fitted_parameter_row_is_one_line_exit_2_and_nothing_is_written(cli, journal, tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "sessions.csv").write_text("date,minutes,topic\n2026-03-01,30,Calculus\n")
    (folder / "fsrs_parameters.csv").write_text(
        'fitted_on,reviews,scope,parameters\n2026-03-01T10:00:00Z,64,all,"[0.212, 1.2931]"\n')
    result = cli("import", str(folder))
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().count("\n") == 0
    assert "fsrs_parameters.csv, line 2: parameters '[0.212, 1.2931]' is not a JSON list of 21" in result.stderr
    assert journal.scalar("SELECT count(*) FROM study_session") == 0
    assert journal.scalar("SELECT count(*) FROM fsrs_parameters") == 0
