"""The UI's plain-Python parts: form reading, layout arithmetic, and how the command line opens it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tracker.config import Settings
from tracker.tui import forms
from tracker.tui.formatting import bar, first_line, share_widths

TODAY = date(2026, 11, 21)


def test_a_good_session_form_reads_into_service_arguments() -> None:
    values = forms.read_session(
        {"duration": "1.5h", "topic": "  Back   propagation ", "resource": "", "kind": "CODE", "note": " n ",
         "stuck": True, "date": "yesterday"},
        TODAY, with_date=True,
    )
    assert values == {
        "minutes": 90, "topic": "Back propagation", "resource": None, "kind": "code", "note": "n", "stuck": True,
        "day": date(2026, 11, 20),
    }
    assert forms.read_session({"duration": "45", "topic": "CNNs"}, TODAY)["day"] == TODAY


def test_every_bad_field_is_named_at_once() -> None:
    with pytest.raises(forms.FormErrors) as caught:
        forms.read_session({"duration": "", "topic": " ", "kind": "nap", "note": "x" * 70_000, "date": "soon"},
                           TODAY, with_date=True)
    errors = caught.value.errors
    assert set(errors) == {"duration", "topic", "kind", "note", "date"}
    assert errors["duration"] == "duration is empty: give a duration"
    assert errors["kind"].startswith("kind 'nap' is not one of: read, watch")
    assert "limit is 65,536" in errors["note"]


def test_resource_form_checks_numbers_and_refuses_hours_with_fte() -> None:
    with pytest.raises(forms.FormErrors) as caught:
        forms.read_resource({"title": "Book", "hours": "40", "fte": "0.5", "cost": "-3", "units": "2.5"})
    assert set(caught.value.errors) == {"fte", "cost", "units"}
    assert "can't be used together" in caught.value.errors["fte"]
    read = forms.read_resource({"title": "Book", "fte": "0.5", "cost": "$55", "kind": "book", "status": ""})
    assert (read["title"], read["fte"], read["hours"], read["cost"], read["kind"]) == ("Book", "0.5", "", "$55", "book")


def test_milestone_later_topic_and_progress_forms() -> None:
    assert forms.read_milestone({"title": "MNIST", "project": "", "due": "2026-12-01"}, TODAY)["due"] == date(2026, 12, 1)
    with pytest.raises(forms.FormErrors) as caught:
        forms.read_milestone({"title": "", "due": "tomorrow"}, TODAY)
    assert set(caught.value.errors) == {"title", "due"}
    with pytest.raises(forms.FormErrors):
        forms.read_later({"text": "   "})
    assert forms.read_topic({"name": "ResNets", "parent": ""}) == {"name": "ResNets", "parent": None}
    assert forms.read_progress({"units_done": "10"}) == 10
    with pytest.raises(forms.FormErrors) as caught:
        forms.read_progress({"units_done": "ten"})
    assert "units done 'ten' is not a number" in caught.value.errors["units_done"]


@pytest.mark.parametrize("room", [0, 20, 44, 80, 300])
def test_column_widths_share_the_room(room: int) -> None:
    widths = share_widths(room, {"topic": 0.3, "resource": 0.25, "note": 0.45}, {"topic": 24, "resource": 28})
    assert all(width >= 6 for width in widths.values())
    assert widths["topic"] <= 24 and widths["resource"] <= 28
    if room >= 18:
        assert sum(widths.values()) == room


def test_bars_and_notes() -> None:
    assert bar(5, 10, 10) == "█████░░░░░"
    assert bar(30, 10, 4) == "████"
    assert bar(1, None, 3) == "   "
    assert first_line("# Title\n\n## Sub\nFirst words.\nMore") == "First words."


def test_the_ui_data_layer_imports_no_textual() -> None:
    """tracker.tui.data, forms and formatting run in worker threads and tests: plain Python."""
    code = (
        "import json, sys\n"
        "import tracker.tui, tracker.tui.data, tracker.tui.forms, tracker.tui.formatting, tracker.tui.screens\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))"
    )
    found = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert found == []


def test_no_sql_in_the_ui() -> None:
    """The UI reads and writes through the services only."""
    import tracker.tui

    folder = Path(tracker.tui.__file__).parent
    offenders = [
        str(path.relative_to(folder))
        for path in folder.rglob("*.py")
        for word in ("SELECT ", "INSERT ", "UPDATE ", "DELETE FROM", ".execute(", ".rows(")
        if word in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


# -- how the command line opens the UI --------------------------------------------------------------------
def test_tracker_without_a_command_prints_the_day_when_not_at_a_terminal(cli) -> None:
    cli("log", "45m", "CNNs")
    result = cli()
    assert result.exit_code == 0, result.stderr
    assert "Today 2026-11-21: 45m of 30m" in result.stdout


def test_tracker_without_a_command_opens_the_ui_at_a_terminal(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> None:
    import tracker.tui
    from tracker.cli.main import AppState, open_ui_or_print

    opened = []
    monkeypatch.setattr(tracker.tui, "run_ui", lambda location, settings, debug=False: opened.append((location, settings)) or 0)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    open_ui_or_print(AppState(db=str(db_path)))
    assert opened == [(str(db_path), Settings())]


def test_demo_without_a_terminal_prints_instead_of_opening_the_ui(cli) -> None:
    result = cli("demo", db=None)
    assert result.exit_code == 0, result.stderr
    assert "Demo journal" in result.stdout and "Streak:" in result.stdout


def test_an_emptied_field_in_the_resource_dialog_clears_it(journal) -> None:
    from tracker import plan

    plan.add_resource(journal, "Book", cost="55", units="19")
    fields = forms.read_resource({"title": "Book", "cost": "", "units": "", "kind": "book", "status": "active"})
    row = plan.update_resource(journal, "Book", **fields)
    assert (row["cost"], row["units_total"], row["kind"]) == (None, None, "book")
