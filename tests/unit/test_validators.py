"""One validator per entity (issue 12, item 1): each names every bad field at once, and the rules
the command line and the UI used to miss hold in the service layer."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from testkit.clock import TODAY

from tracker import plan, study, topics
from tracker.errors import FieldErrors, TrackerError
from tracker.plaintext import import_journal
from tracker.tui.week_draft import Draft, read_note

TOMORROW = TODAY + timedelta(days=1)


def test_a_validator_names_every_bad_field_and_its_line_is_the_first() -> None:
    with pytest.raises(FieldErrors) as caught:
        study.session_values(minutes="soon", topic="", day="2030-01-01", kind="nap", today=TODAY)
    assert list(caught.value.errors) == ["duration", "topic", "kind", "date"]
    assert caught.value.line == caught.value.errors["duration"] and caught.value.exit_code == 2
    with pytest.raises(FieldErrors) as caught:
        plan.resource_values(title=" ", hours="1e400", fte="x", status="later")
    assert set(caught.value.errors) == {"title", "hours", "fte", "status"}


def test_fewer_units_than_are_done_is_refused(journal) -> None:
    plan.add_resource(journal, "Book", units="16")
    plan.record_progress(journal, "Book", "16", TODAY, today=TODAY)
    with pytest.raises(FieldErrors) as caught:
        plan.update_resource(journal, "Book", units="2")
    assert "units 2 is fewer than the 16 already done of 'Book'" in caught.value.errors["units"]
    assert plan.find_resource(journal, "Book")["units_total"] == 16
    assert plan.update_resource(journal, "Book", units="20")["units_total"] == 20


def test_done_dates_may_not_lie_ahead_but_a_due_date_may(journal) -> None:
    plan.add_resource(journal, "Book", units="19")
    with pytest.raises(FieldErrors) as caught:
        plan.record_progress(journal, "Book", "3", TOMORROW, today=TODAY)
    assert caught.value.errors["date"].startswith(f"{TOMORROW} is in the future: record progress")
    with pytest.raises(TrackerError):
        plan.finish_resource(journal, "Book", date(2099, 1, 1), today=TODAY)
    milestone = plan.add_milestone(journal, "MNIST", due="2099-01-01", today=TODAY)
    assert milestone["due"] == "2099-01-01"
    with pytest.raises(FieldErrors) as caught:
        plan.finish_milestone(journal, "MNIST", "2099-01-01", today=TODAY)
    assert "record a milestone as reached on or before today" in caught.value.line
    assert plan.get_milestone(journal, milestone["id"])["done_on"] is None
    assert plan.finish_milestone(journal, "MNIST", TODAY, today=TODAY)["done_on"] == TODAY.isoformat()


def test_week_note_errors_are_named_by_the_editor_fields() -> None:
    with pytest.raises(FieldErrors) as caught:
        read_note(Draft(title="t" * 300, reflection="fine", plan="p" * 70_000))
    assert set(caught.value.errors) == {"title", "plan"}
    with pytest.raises(FieldErrors) as service:
        study.set_week_note(None, "2026-W47", title="t" * 300)  # type: ignore[arg-type]: refused before any write
    assert service.value.errors["title"] == caught.value.errors["title"]


def test_an_import_with_a_parent_loop_is_refused_in_one_line(journal, tmp_path: Path) -> None:
    (tmp_path / "sessions.csv").write_text("date,minutes,topic\n2026-11-20,30,A\n", encoding="utf-8")
    (tmp_path / "topics.csv").write_text("name,parent\nA,B\nB,A\n", encoding="utf-8")
    with pytest.raises(TrackerError) as caught:
        import_journal(journal, tmp_path)
    assert caught.value.line == (f"{tmp_path / 'topics.csv'}, line 2: 'B' is this topic or one of its subtopics: "
                                 "choose a broader topic as the parent")
    assert journal.scalar("SELECT count(*) FROM topic") == 0


def test_a_parent_loop_already_in_a_journal_cannot_make_a_walk_spin(journal) -> None:
    a = topics.add_topic(journal, "A")
    b = topics.add_topic(journal, "B", parent="A")
    journal.execute("UPDATE topic SET parent_id = :b WHERE id = :a", {"a": a["id"], "b": b["id"]})  # as old imports did
    added = topics.add_topic(journal, "C", parent="A")  # returns: the walk up stops at a topic seen twice
    assert added["parent_id"] == a["id"]
    with pytest.raises(TrackerError):
        topics.update_topic(journal, "A", parent="C")
    assert list(topics.walk_up({1: 2, 2: 1}.get, 1)) == [1, 2]


def test_an_empty_rename_is_refused(journal) -> None:
    topics.add_topic(journal, "CNNs")
    with pytest.raises(FieldErrors) as caught:
        topics.update_topic(journal, "CNNs", new_name="  ")
    assert caught.value.errors == {"name": "topic is empty: give a topic"}
