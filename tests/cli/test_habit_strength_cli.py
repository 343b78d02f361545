"""`tracker stats` shows the habit strength (hand-computed values in tests/unit/test_habit_strength.py)."""

from __future__ import annotations

import json
from datetime import timedelta

from testkit.clock import TODAY


def test_stats_command_prints_the_strength(cli) -> None:
    for back in range(1, 31):
        assert cli("log", "30m", "CNNs", "--date", (TODAY - timedelta(days=back)).isoformat()).exit_code == 0
    data = json.loads(cli("stats", "--json").stdout)
    assert data["habit_strength"] == 80 and data["current_streak"] == 30
    assert "habit strength 80%" in cli("stats").stdout


def test_a_negative_budget_is_refused(cli, isolated_environment, db_path) -> None:
    config = isolated_environment / "config"
    config.mkdir()
    (config / "config.toml").write_text("rest_days_per_month = -1\n")
    result = cli("log", "30m", "CNNs")
    assert result.exit_code == 2 and "rest_days_per_month" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not db_path.exists()                          # nothing written


def test_rest_days_count_by_default_up_to_the_month_budget(cli) -> None:
    """Declared rest days keep the streak with no setting; a third in one month says it won't."""
    month_start = TODAY.replace(day=1)
    study_days = [month_start + timedelta(days=offset) for offset in range(0, 6) if offset not in (2, 4)]
    for day in study_days:
        assert cli("log", "30m", "CNNs", "--date", day.isoformat()).exit_code == 0
    for offset in (2, 4):
        said = cli("rest", (month_start + timedelta(days=offset)).isoformat())
        assert said.exit_code == 0 and "ordinary day" not in said.stdout
    third = cli("rest", (month_start + timedelta(days=6)).isoformat())
    assert third.exit_code == 0 and "already has the 2 rest days that count" in third.stdout
