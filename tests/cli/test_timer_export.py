"""The running timer through `tracker export` and `tracker import` (fixed now: 2026-11-21 18:30 UTC)."""

from __future__ import annotations

import json
from pathlib import Path


def test_a_running_timer_survives_export_and_import(cli, tmp_path: Path) -> None:
    assert cli("log", "30m", "CNNs").exit_code == 0
    assert cli("start", "Backprop", "by hand", "--at", "-25m", "--pomodoro", "25").exit_code == 0
    assert cli("export", str(tmp_path / "one")).stdout.endswith(": 1 session, 1 topic, 1 running timer in 15 files.\n")
    other = tmp_path / "other.db"
    imported = cli("import", str(tmp_path / "one"), db=other)
    assert imported.exit_code == 0, imported.output
    status = json.loads(cli("status", "--json", db=other).stdout)["timer"]
    assert (status["topic"], status["note"], status["started_at"], status["pomodoro_minutes"],
            status["elapsed_minutes"]) == ("Backprop", "by hand", "2026-11-21T18:05:00Z", 25, 25)


def test_a_timer_started_in_the_future_is_refused_on_its_line(cli, tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "j"
    folder.mkdir()
    (folder / "sessions.csv").write_text("date,minutes,topic\n2026-11-20,30,CNNs\n")
    (folder / "timer.csv").write_text("topic,started_at\nBackprop,2026-11-21T19:00:00Z\n")
    result = cli("import", str(folder))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"tracker: {folder / 'timer.csv'}, line 2: start time 19:00 is in the future (it is 18:30): give a time before now"
    ]
    assert json.loads(cli("sessions", "--from", "2026-11-01", "--json").stdout) == []
