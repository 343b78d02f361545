"""export, import, demo through the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path


def test_export_then_import_into_a_new_journal_round_trips(cli, tmp_path: Path) -> None:
    cli("resource", "add", "HOML", "--kind", "book", "--fte", "0.5", "--units", "19")
    cli("log", "45m", "CNNs", "pooling, \"max\" vs average\nsecond line", "--resource", "HOML", "--stuck")
    cli("later", "add", "CNNs", "Dilated convolutions")
    first, second = tmp_path / "first", tmp_path / "second"
    exported = cli("export", str(first))
    assert exported.exit_code == 0, exported.output
    assert (first / "sessions.csv").exists()
    other = tmp_path / "other.db"
    imported = cli("import", str(first), db=other)
    assert imported.exit_code == 0, imported.output
    assert cli("export", str(second), db=other).exit_code == 0
    for path in sorted(first.rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path.name
    rows = json.loads(cli("sessions", "--json", db=other).stdout)
    assert rows[0]["note"] == "pooling, \"max\" vs average\nsecond line" and rows[0]["stuck"] is True


def test_export_refuses_a_non_empty_directory(cli, journal, tmp_path: Path) -> None:
    target = tmp_path / "full"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    result = cli("export", str(target))
    assert result.exit_code == 2 and "not empty" in result.stderr
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_schedule_csv_import_and_a_bad_row_writes_nothing(cli, tmp_path: Path, db_path: Path) -> None:
    good = tmp_path / "schedule.csv"
    good.write_text("date,minutes,topic,resource,note,mood\n2026-11-02,45m,CNNs,CS231n,conv layers,ok\n"
                    "2026-11-03,1h,RNNs,,,meh\n")
    result = cli("import", str(good))
    assert result.exit_code == 0, result.output
    assert "Imported 2 sessions" in result.stdout
    assert "mood" in result.stderr  # the unknown column is named in a warning
    again = cli("import", str(good))  # the same spreadsheet again: nothing doubles
    assert "Imported 0 sessions" in again.stdout and "2 row(s) match sessions already" in again.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("date,minutes,topic\n2026-11-04,30m,CNNs\n2026-11-05,soon,CNNs\n")
    refused = cli("import", str(bad))
    assert refused.exit_code == 2
    assert "line 3" in refused.stderr
    assert len(json.loads(cli("sessions", "--from", "2026-11-01", "--json").stdout)) == 2


def test_import_of_something_else_is_refused(cli, tmp_path: Path) -> None:
    note = tmp_path / "notes.txt"
    note.write_text("hello")
    result = cli("import", str(note))
    assert result.exit_code == 2 and "neither a journal directory" in result.stderr


def test_demo_uses_a_temporary_copy_and_never_the_users_journal(cli, isolated_environment: Path) -> None:
    result = cli("demo", "--no-ui", db=None)
    assert result.exit_code == 0, result.output
    assert "Streak:" in result.stdout and "This week (2026-W47" in result.stdout
    assert "cards to review" in result.stdout  # read from the sample's topic notes
    assert not (isolated_environment / "data" / "journal.db").exists()
    demo_path = result.stdout.split("sample): ", 1)[1].splitlines()[0]
    sessions = json.loads(cli("sessions", "--from", "2026-08-01", "--json", db=Path(demo_path)).stdout)
    assert len(sessions) > 80
    assert max(row["day"] for row in sessions) <= "2026-11-21"
    shutil.rmtree(Path(demo_path).parent)  # --no-ui keeps the demo for the learner to explore; tests don't
