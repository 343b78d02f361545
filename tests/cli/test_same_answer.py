"""The same bad value gets the same answer everywhere (issue 12, item 1): the command line, the UI's
forms and the imports all call one validator per entity, so each names the same field with the
same line (an import adds "path, line N: ")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from testkit.clock import TODAY

from tracker.tui import forms

NINES = "9" * 400
ESCAPE = "a\x1b[2Jb"


@dataclass(frozen=True)
class Case:
    """One bad value: how the form reads it, how the command line and the imports are given it."""

    name: str
    read: Callable[[], Any]
    field: str
    cli: tuple[str, ...]
    #: (command, file name, CSV text): the import's bad row is on line 2.
    imports: tuple[tuple[str, str, str], ...]
    #: Commands to run first, so the bad one reaches its check.
    setup: tuple[tuple[str, ...], ...] = ()


def _session(**values: str) -> Callable[[], Any]:
    return lambda: forms.read_session({"duration": "30m", "topic": "T", **values}, TODAY, with_date=True)


def _resource(**values: str) -> Callable[[], Any]:
    return lambda: forms.read_resource({"title": "Book", **values})


SESSIONS = "date,minutes,topic,kind\n"
CASES = [
    Case("duration overflow", _session(duration=NINES), "duration", ("log", NINES, "T"),
         (("import", "sessions.csv", f"{SESSIONS}2026-11-20,{NINES},T,\n"),
          ("import", "schedule.csv", f"date,minutes,topic\n2026-11-20,{NINES},T\n"))),
    Case("duration zero", _session(duration="0"), "duration", ("log", "0", "T"),
         (("import", "schedule.csv", "date,minutes,topic\n2026-11-20,0,T\n"),)),
    Case("future session", _session(date="2030-01-01"), "date", ("log", "30m", "T", "--date", "2030-01-01"),
         (("import", "schedule.csv", "date,minutes,topic\n2030-01-01,30,T\n"),)),
    Case("activity kind", _session(kind="nap"), "kind", ("log", "30m", "T", "--kind", "nap"),
         (("import", "sessions.csv", f"{SESSIONS}2026-11-20,30,T,nap\n"),)),
    Case("empty topic", _session(topic=" "), "topic", ("log", "30m", " "),
         (("import", "schedule.csv", "date,minutes,topic\n2026-11-20,30, \n"),)),
    Case("units overflow", _resource(units="1e30"), "units", ("resource", "add", "Book", "--units", "1e30"),
         (("import", "resources.csv", "title,units_total\nBook,1e30\n"),)),
    Case("negative cost", _resource(cost="-3"), "cost", ("resource", "add", "Book", "--cost", "-3"),
         (("import", "resources.csv", "title,cost\nBook,-3\n"),)),
    Case("huge cost", _resource(cost="1" + "0" * 400), "cost", ("resource", "add", "Book", "--cost", "1" + "0" * 400),
         (("import", "resources.csv", f"title,cost\nBook,1{'0' * 400}\n"),)),
    Case("progress not a number", lambda: forms.read_progress({"units_done": "ten"}), "units_done",
         ("resource", "progress", "Book", "ten"),
         (("import", "progress.csv", "resource,date,units_done\nBook,2026-11-20,ten\n"),),
         setup=(("resource", "add", "Book"),)),
    Case("milestone due", lambda: forms.read_milestone({"title": "M", "due": "soon"}, TODAY), "due",
         ("milestone", "add", "M", "--due", "soon"),
         (("import", "milestones.csv", "title,due\nM,soon\n"),)),
    Case("milestone title", lambda: forms.read_milestone({"title": ESCAPE}, TODAY), "title",
         ("milestone", "add", ESCAPE),
         (("import", "milestones.csv", f"title\n{ESCAPE}\n"),)),
    Case("topic name", lambda: forms.read_topic({"name": ESCAPE}), "name", ("topic", "add", ESCAPE),
         (("import", "topics.csv", f"name\n{ESCAPE}\n"),)),
    Case("later text", lambda: forms.read_later({"text": "  "}), "text", ("later", "add", "T", "  "),
         (("import", "later.csv", "topic,text,added_on\nT,  ,2026-11-20\n"),)),
]


def _folder(tmp_path: Path, name: str, text: str) -> Path:
    """A journal folder holding `name` (and the sessions.csv every folder needs, on resource Book)."""
    folder = tmp_path / "journal"
    folder.mkdir(parents=True, exist_ok=True)
    if name != "sessions.csv":
        (folder / "sessions.csv").write_text("date,minutes,topic,resource\n2026-11-20,30,T,Book\n", encoding="utf-8")
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_same_bad_value_gets_the_same_line_everywhere(case: Case, cli, tmp_path: Path) -> None:
    with pytest.raises(forms.FormErrors) as caught:
        case.read()
    assert list(caught.value.errors) == [case.field]
    line = caught.value.errors[case.field]

    for setup in case.setup:
        assert cli(*setup).exit_code == 0
    typed = cli(*case.cli)
    assert (typed.exit_code, typed.stderr) == (2, f"tracker: {line}\n")

    for number, (command, name, text) in enumerate(case.imports):
        if name == "schedule.csv":
            source = tmp_path / name
            source.write_text(text, encoding="utf-8")
            problem = source
        else:
            source = _folder(tmp_path / str(number), name, text)
            problem = source / name
        imported = cli(command, str(source), db=tmp_path / f"import-{number}.db")
        assert (imported.exit_code, imported.stderr) == (2, f"tracker: {problem}, line 2: {line}\n")


def test_a_card_gets_the_same_line_from_the_command_line_and_both_imports(cli, tmp_path: Path) -> None:
    from tracker.cards.text import card_values
    from tracker.errors import FieldErrors

    with pytest.raises(FieldErrors) as caught:
        card_values(front="  ", back="b", topic="T")
    line = caught.value.errors["front"]
    typed = cli("cards", "add", "  ", "b", "--topic", "T")
    assert (typed.exit_code, typed.stderr) == (2, f"tracker: {line}\n")
    sheet = tmp_path / "cards.csv"
    sheet.write_text("front,back,topic\n  ,b,T\n", encoding="utf-8")
    from_sheet = cli("cards", "import", str(sheet))
    assert (from_sheet.exit_code, from_sheet.stderr) == (2, f"tracker: {sheet}, line 2: {line}\n")
    folder = _folder(tmp_path, "cards.csv", "topic,front,back\nT,  ,b\n")
    from_folder = cli("import", str(folder), db=tmp_path / "folder.db")
    assert (from_folder.exit_code, from_folder.stderr) == (2, f"tracker: {folder / 'cards.csv'}, line 2: {line}\n")


@pytest.mark.parametrize("args", [
    ("log", "30m", "\udcff"),  # the raw byte 0xff as Python hands it over from argv
    ("log", NINES, "T"),
    ("resource", "add", "Book", "--units", "1e30"),
    ("later", "done", str(2**64)),
    ("cards", "edit", str(2**64), "--front", "x"),
    ("week", "0001-W01"),
    ("week", "9999-W52"),
    ("topic", "update", "T", "--rename", ""),
    ("log", "45m", "T", "--stuk"),
], ids=lambda args: " ".join(args)[:40])
def test_bad_arguments_are_one_line_exit_2_and_write_nothing(args: tuple[str, ...], cli) -> None:
    assert cli("log", "30m", "T").exit_code == 0
    before = cli("sessions", "--json").stdout
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "unexpected error" not in result.stderr
    assert cli("sessions", "--json").stdout == before
