"""One rule for names (exact, then an id where a command takes ids, then a unique beginning), and
merging or deleting a topic or resource so a typo can be fixed (issue 12, items 2 and 3)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

TABLES = ("topic", "resource", "study_session", "resource_progress", "learn_later", "card", "checkpoint_run",
          "milestone")


def dump(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of the tables a merge or delete touches, to show a refusal changed nothing."""
    with sqlite3.connect(db_path) as conn:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in TABLES}


def refused(result, *words: str) -> None:
    """Exit 2 with one line on stderr that says each of `words`."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def resources(cli) -> dict[str, dict]:
    return {row["title"]: row for row in json.loads(cli("resource", "list", "--json").stdout)}


# -- names ------------------------------------------------------------------------------------------
def test_a_resource_titled_with_a_number_is_found_by_its_title_before_ids(cli) -> None:
    for title in ("Resource A", "Resource B", "Resource C", "Resource D", "5"):
        assert cli("resource", "add", title).exit_code == 0
    assert cli("resource", "done", "5").exit_code == 0
    found = resources(cli)
    assert found["5"]["status"] == "done"
    assert found["Resource D"]["status"] == "planned"  # id 4... and the one whose id is 5 is "5" itself
    assert cli("resource", "done", "#1").exit_code == 0
    assert resources(cli)["Resource A"]["status"] == "done"


def test_a_log_names_a_resource_whole(cli) -> None:
    cli("resource", "add", "Resource 12")
    first = cli("log", "30m", "T", "--resource", "Resource 1")  # not "Resource 12": a new resource
    assert first.exit_code == 0 and "new resource 'Resource 1'" in first.stdout
    assert cli("log", "30m", "T", "--resource", "resource 1").exit_code == 0
    found = resources(cli)
    assert found["Resource 1"]["spent_hours"] == 1 and found["Resource 12"]["spent_hours"] == 0


def test_a_unique_beginning_finds_a_resource_and_several_are_listed(cli, db_path: Path) -> None:
    cli("resource", "add", "Deep Learning Book")
    cli("resource", "add", "Deep Learning Specialization")
    cli("resource", "add", "Hands-On Machine Learning", "--units", "19")
    assert cli("resource", "progress", "hands", "3").exit_code == 0
    before = dump(db_path)
    refused(cli("resource", "progress", "deep", "3"), "matches several", "Deep Learning Book (#1)",
            "Deep Learning Specialization (#2)")
    refused(cli("resource", "progress", "machine", "3"), "no resource 'machine'")  # a beginning, not any part
    assert dump(db_path) == before


def test_topics_are_never_named_by_a_number(cli) -> None:
    cli("topic", "add", "CNNs")
    refused(cli("topic", "update", "1", "--notes", "x"), "no topic '1'")
    assert cli("topic", "update", "cn", "--notes", "conv").exit_code == 0


def test_milestones_with_the_same_title_are_told_apart_by_id(cli, db_path: Path) -> None:
    cli("milestone", "add", "Write-up", "--project", "A")
    cli("milestone", "add", "Write-up", "--project", "B")
    before = dump(db_path)
    refused(cli("milestone", "done", "write-up"), "matches several", "(#1)", "(#2)", "the id")
    assert dump(db_path) == before
    assert cli("milestone", "done", "#2").exit_code == 0
    rows = {row["project"]: row for row in json.loads(cli("milestone", "list", "--json").stdout)}
    assert rows["B"]["done_on"] and not rows["A"]["done_on"]


# -- renames ----------------------------------------------------------------------------------------
def test_a_rename_onto_a_taken_name_points_at_merge(cli, db_path: Path) -> None:
    cli("log", "30m", "Activation")
    cli("log", "30m", "Activations", "--resource", "Hands-On ML")
    cli("log", "30m", "Activations", "--resource", "handson")
    before = dump(db_path)
    refused(cli("topic", "update", "Activation", "--rename", "activations"),
            "already a topic 'Activations'", "tracker topic merge Activation Activations")
    refused(cli("resource", "update", "handson", "--title", "HANDS-ON ML"),
            "already a resource 'Hands-On ML'", "tracker resource merge handson 'Hands-On ML'")
    refused(cli("topic", "update", "Activations", "--rename", ""), "topic is empty")
    refused(cli("topic", "update", "Activations", "--rename", "   "), "topic is empty")
    assert dump(db_path) == before
    assert cli("topic", "update", "activation", "--rename", "ACTIVATION").exit_code == 0  # its own name


# -- merge ------------------------------------------------------------------------------------------
def test_topic_merge_moves_everything_and_says_what(cli, db_path: Path) -> None:
    cli("log", "30m", "Activation", "--resource", "handson")
    cli("log", "20m", "Activation")
    cli("log", "45m", "Activations")
    cli("later", "add", "Activation", "why ReLU?")
    cli("cards", "add", "What is ReLU?", "max(0, x)", "--topic", "Activation")
    cli("topic", "add", "Leaky ReLU", "--parent", "Activation")
    result = cli("topic", "merge", "Activation", "Activations")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == ("Merged 'Activation' into 'Activations': "
                                     "moved 2 sessions, 1 learn-later item, 1 card, 1 subtopic.")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT name FROM topic ORDER BY name").fetchall() == [("Activations",), ("Leaky ReLU",)]
        target = conn.execute("SELECT id FROM topic WHERE name = 'Activations'").fetchone()[0]
        for table in ("study_session", "learn_later", "card"):
            assert {row[0] for row in conn.execute(f"SELECT topic_id FROM {table}")} == {target}
        assert conn.execute("SELECT parent_id FROM topic WHERE name = 'Leaky ReLU'").fetchone()[0] == target


def test_merging_a_topic_into_its_own_subtopic_leaves_no_loop(cli, db_path: Path) -> None:
    cli("topic", "add", "ML")
    cli("topic", "add", "Neural nets", "--parent", "ML")
    cli("topic", "add", "CNNs", "--parent", "Neural nets")
    cli("topic", "add", "RNNs", "--parent", "Neural nets")
    assert cli("topic", "merge", "Neural nets", "CNNs").exit_code == 0
    with sqlite3.connect(db_path) as conn:
        parents = dict(conn.execute("SELECT t.name, p.name FROM topic t LEFT JOIN topic p ON p.id = t.parent_id"))
    assert parents == {"ML": None, "CNNs": "ML", "RNNs": "CNNs"}
    assert cli("topic", "add", "Pooling", "--parent", "RNNs").exit_code == 0  # no loop to walk forever


def test_topic_merge_moves_the_notes_and_their_checkpoint_runs(cli, db_path: Path) -> None:
    block = "```python checkpoint\nassert 1 + 1 == 2\n```\n"
    cli("topic", "add", "Backprop", "--notes", "Chain rule.\n\n" + block)
    cli("topic", "add", "backprop typo", "--notes", block)
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO checkpoint_run (checkpoint, passed, seconds, ran_at, created_at, updated_at) "
                     "VALUES ('topic backprop typo#1', 1, 0.1, 'x', 'x', 'x')")
    assert "1 note" in cli("topic", "merge", "backprop typo", "Backprop").stdout
    with sqlite3.connect(db_path) as conn:
        notes = conn.execute("SELECT notes FROM topic").fetchone()[0]
        assert notes.count("```python checkpoint") == 2 and notes.startswith("Chain rule.")
        assert conn.execute("SELECT checkpoint FROM checkpoint_run").fetchall() == [("topic Backprop#2",)]


def test_resource_merge_moves_sessions_and_progress(cli, db_path: Path) -> None:
    cli("resource", "add", "Hands-On ML", "--units", "19")
    cli("log", "30m", "CNNs", "--resource", "handson")
    cli("log", "30m", "RNNs", "--resource", "handson")
    cli("resource", "update", "handson", "--units", "19", "--url", "https://example.org")
    cli("resource", "progress", "handson", "4")
    result = cli("resource", "merge", "handson", "Hands-On ML")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Merged 'handson' into 'Hands-On ML': moved 2 sessions, 1 progress record."
    (row,) = resources(cli).values()
    assert (row["title"], row["spent_hours"], row["units_done"], row["url"]) == ("Hands-On ML", 1, 4, "https://example.org")


def test_merge_refusals_change_nothing(cli, db_path: Path) -> None:
    cli("log", "30m", "CNNs", "--resource", "CS231n")
    before = dump(db_path)
    refused(cli("topic", "merge", "CNNs", "cnns"), "merged into itself")
    refused(cli("topic", "merge", "CNNs", "Nope"), "no topic 'Nope'")
    refused(cli("resource", "merge", "CS231n", "1"), "merged into itself")
    refused(cli("resource", "merge", "Nope", "CS231n"), "no resource 'Nope'")
    assert dump(db_path) == before


# -- delete -----------------------------------------------------------------------------------------
def test_delete_is_refused_while_anything_uses_it(cli, db_path: Path) -> None:
    cli("log", "30m", "CNNs", "--resource", "CS231n")
    cli("later", "add", "CNNs", "pooling")
    before = dump(db_path)
    refused(cli("topic", "delete", "CNNs"), "topic 'CNNs' still has 1 session, 1 learn-later item",
            "tracker topic merge CNNs INTO")
    refused(cli("resource", "delete", "cs231n"), "resource 'CS231n' still has 1 session", "tracker resource merge")
    assert dump(db_path) == before


@pytest.mark.parametrize(("command", "name"), [("topic", "Unused"), ("resource", "Unused")])
def test_delete_removes_what_nothing_uses(cli, db_path: Path, command: str, name: str) -> None:
    cli(command, "add", name)
    result = cli(command, "delete", "unus")
    assert result.exit_code == 0 and result.stdout.strip() == f"Deleted {command} {name!r}."
    with sqlite3.connect(db_path) as conn:
        assert conn.execute(f"SELECT count(*) FROM {command}").fetchone()[0] == 0
