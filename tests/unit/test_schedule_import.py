"""The spreadsheet schedule import keeps every row: rows are counted against the journal (a
multiset keyed on the file's columns), names are matched whole, and a bad row writes nothing.

Speed is measured in bench/bench_import.py, not here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker import plan, study
from tracker.errors import TrackerError
from tracker.plaintext import import_schedule_csv
from tracker.store import Journal

TODAY = date(2026, 3, 10)
HEADER = "date,minutes,topic,resource,note\n"


def schedule(tmp_path: Path, text: str, name: str = "plan.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def sessions(journal: Journal) -> list[tuple]:
    return [(s["day"], s["minutes"], s["topic"], s["resource"], s["note"]) for s in study.list_sessions(journal)]


def log(journal: Journal, day: str, minutes: int, topic: str, resource: str | None = None, note: str = "") -> None:
    study.log_session(journal, day=date.fromisoformat(day), minutes=minutes, topic=topic, resource=resource,
                      note=note, today=TODAY)


def test_two_rows_that_look_alike_are_two_sessions(journal: Journal, tmp_path: Path) -> None:
    path = schedule(tmp_path, HEADER + "2022-01-05,30,numpy,,\n2022-01-05,30,numpy,,\n")
    outcome = import_schedule_csv(journal, path, TODAY)
    assert outcome.added == 2 and outcome.warnings == []
    assert outcome.topics_created == ["numpy"]
    assert sessions(journal) == [("2022-01-05", 30, "numpy", None, "")] * 2


def test_importing_the_same_file_again_adds_nothing_and_says_what_matched(journal: Journal, tmp_path: Path) -> None:
    path = schedule(tmp_path, HEADER + "2022-01-05,30,numpy,,\n2022-01-05,30,numpy,,\n"
                                       "2022-01-05,30,numpy,CS231n,lecture 2\n")
    assert import_schedule_csv(journal, path, TODAY).added == 3
    again = import_schedule_csv(journal, path, TODAY)
    assert again.added == 0 and again.topics_created == [] and again.resources_created == []
    assert again.warnings == [f"{path}: 3 row(s) match sessions already in the journal "
                              "(same date, minutes, topic, resource and note) and were skipped"]
    assert len(sessions(journal)) == 3


def test_reimport_after_appending_rows_adds_only_the_new_ones(journal: Journal, tmp_path: Path) -> None:
    first = HEADER + "2022-01-05,30,numpy,,\n2022-01-06,45,numpy,,broadcasting\n"
    path = schedule(tmp_path, first)
    assert import_schedule_csv(journal, path, TODAY).added == 2
    path.write_text(first + "2022-01-05,30,numpy,,\n2022-01-07,1h,pandas,,\n", encoding="utf-8")
    outcome = import_schedule_csv(journal, path, TODAY)
    assert outcome.added == 2  # the second 2022-01-05 session, and 2022-01-07
    assert outcome.warnings == [f"{path}: 2 row(s) match sessions already in the journal "
                                "(same date, minutes, topic, resource and note) and were skipped"]
    assert sessions(journal) == [
        ("2022-01-05", 30, "numpy", None, ""), ("2022-01-05", 30, "numpy", None, ""),
        ("2022-01-06", 45, "numpy", None, "broadcasting"), ("2022-01-07", 60, "pandas", None, ""),
    ]
    assert import_schedule_csv(journal, path, TODAY).added == 0


def test_an_empty_resource_cell_is_not_any_resource(journal: Journal, tmp_path: Path) -> None:
    log(journal, "2022-01-05", 30, "numpy", resource="CS231n")
    path = schedule(tmp_path, HEADER + "2022-01-05,30,numpy,,\n2022-01-05,30,numpy,CS231n,\n")
    outcome = import_schedule_csv(journal, path, TODAY)
    assert outcome.added == 1 and "1 row(s) match" in outcome.warnings[0]
    assert sorted(sessions(journal), key=str) == [
        ("2022-01-05", 30, "numpy", "CS231n", ""), ("2022-01-05", 30, "numpy", None, ""),
    ]


def test_a_file_without_resource_or_note_columns_matches_on_the_columns_it_has(
    journal: Journal, tmp_path: Path,
) -> None:
    log(journal, "2022-01-05", 30, "numpy", resource="CS231n", note="slicing")
    path = schedule(tmp_path, "date,minutes,topic\n2022-01-05,30,numpy\n2022-01-06,30,numpy\n2022-01-06,30,numpy\n")
    outcome = import_schedule_csv(journal, path, TODAY)
    assert outcome.added == 2  # 2022-01-05 is the logged session, whatever its resource and note
    assert sessions(journal) == [
        ("2022-01-05", 30, "numpy", "CS231n", "slicing"), ("2022-01-06", 30, "numpy", None, ""),
        ("2022-01-06", 30, "numpy", None, ""),
    ]
    assert outcome.warnings == [f"{path}: 1 row(s) match sessions already in the journal "
                                "(same date, minutes and topic) and were skipped"]
    assert import_schedule_csv(journal, path, TODAY).added == 0


def test_topic_names_match_whatever_their_case(journal: Journal, tmp_path: Path) -> None:
    log(journal, "2022-01-05", 30, "NumPy")
    path = schedule(tmp_path, HEADER + "2022-01-05,30,numpy,,\n2022-01-05,30,NUMPY,,\n"
                                       "2022-01-06,30,pandas,,\n2022-01-06,30,Pandas,,\n")
    outcome = import_schedule_csv(journal, path, TODAY)
    assert outcome.added == 3  # one numpy row is the logged session; the other is a second one
    assert outcome.topics_created == ["pandas"]  # created once, by its first spelling
    assert sessions(journal) == [("2022-01-05", 30, "NumPy", None, "")] * 2 + [("2022-01-06", 30, "pandas", None, "")] * 2
    assert import_schedule_csv(journal, path, TODAY).added == 0


def test_resource_1_is_never_resource_12(journal: Journal, tmp_path: Path) -> None:
    plan.add_resource(journal, "Resource 12", status="active")
    log(journal, "2022-01-05", 30, "numpy", resource="Resource 12")
    path = schedule(tmp_path, HEADER + "2022-01-05,30,numpy,Resource 1,\n2022-01-06,30,numpy,resource 12,\n")
    outcome = import_schedule_csv(journal, path, TODAY)
    assert outcome.added == 2 and outcome.warnings == []
    assert outcome.resources_created == ["Resource 1"]
    assert sessions(journal) == [
        ("2022-01-05", 30, "numpy", "Resource 12", ""), ("2022-01-05", 30, "numpy", "Resource 1", ""),
        ("2022-01-06", 30, "numpy", "Resource 12", ""),
    ]


def test_a_future_row_in_the_middle_writes_nothing(journal: Journal, tmp_path: Path) -> None:
    """The rule of `tracker log`: study can't be logged ahead."""
    path = schedule(tmp_path, HEADER + "2026-03-01,30,Calculus,,\n2026-03-11,30,Calculus,,\n2026-03-02,30,Calculus,,\n")
    with pytest.raises(TrackerError) as caught:
        import_schedule_csv(journal, path, TODAY)
    assert caught.value.exit_code == 2
    assert caught.value.line == (f"{path}, line 3: 2026-03-11 is in the future: log a session on or before "
                                 "today (2026-03-10)")
    assert journal.scalar("SELECT count(*) FROM study_session") == 0
    assert journal.scalar("SELECT count(*) FROM topic") == 0


def test_the_import_checks_values_as_tracker_log_does(journal: Journal, tmp_path: Path) -> None:
    """One rule for a session's values: what `tracker log` refuses, the import refuses with the same words."""
    with pytest.raises(TrackerError) as logged:
        study.log_session(journal, day=date(2026, 3, 11), minutes=30, topic="Calculus", today=TODAY)
    path = schedule(tmp_path, HEADER + "2026-03-11,30,Calculus,,\n")
    with pytest.raises(TrackerError) as imported:
        import_schedule_csv(journal, path, TODAY)
    assert imported.value.line == f"{path}, line 2: {logged.value.line}"
