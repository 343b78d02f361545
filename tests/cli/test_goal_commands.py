"""`tracker goal` (issue 15, item 2): add, list, remove; bad input is one line, exit 2, nothing
written; `tracker stats` shows the goals."""

from __future__ import annotations

import json

import pytest


def goal_count(cli) -> int:
    return len(json.loads(cli("goal", "list", "--json").stdout))


def test_add_list_remove(cli) -> None:
    assert cli("log", "90m", "Calculus", "--date", "2026-11-16").exit_code == 0
    assert cli("resource", "add", "Deep Learning", "--hours", "40").exit_code == 0
    added = cli("goal", "add", "weekly-hours", "5")
    assert added.exit_code == 0 and added.stdout == "Added goal #1: 5 h a week.\n"
    assert cli("goal", "add", "weekly-days", "3").exit_code == 0
    assert cli("goal", "add", "finish", "deep learning", "--by", "2026-12-31").stdout == \
        "Added goal #3: finish 'Deep Learning' by 2026-12-31.\n"
    assert cli("goal", "add", "topic-hours", "Calculus", "20", "--by", "2027-01-31").exit_code == 0
    listed = cli("goal", "list")
    assert "1.5 h of 5 h this week: behind" in listed.stdout
    assert "1 of 3 days this week: behind" in listed.stdout
    rows = json.loads(cli("goal", "list", "--json").stdout)
    assert [row["kind"] for row in rows] == ["weekly_hours", "weekly_days", "finish_resource", "topic_hours"]
    assert rows[0]["actual"] == 1.5 and rows[0]["target"] == 5 and rows[0]["buffer_days"] == 0
    assert rows[2]["resource"] == "Deep Learning" and rows[2]["needed_per_week"] == 6.83  # 40 h over 41 days
    stats = json.loads(cli("stats", "--json").stdout)
    assert [goal["text"] for goal in stats["goals"]] == [row["text"] for row in rows]
    assert "Goals\n  #1 1.5 h of 5 h this week: behind\n" in cli("stats").stdout
    removed = cli("goal", "remove", "2")
    assert removed.exit_code == 0 and removed.stdout == "Removed goal #2: 3 days a week.\n"
    assert goal_count(cli) == 3


@pytest.mark.parametrize(("args", "line"), [
    (("weekly-hours",), "tracker: the goal has no target: give the hours it aims at, like 5\n"),
    (("weekly-hours", "0"), "tracker: target '0' must be more than zero\n"),
    (("weekly-days", "9"), "tracker: target '9' is not a number of days a week: give a whole number from 1 to 7\n"),
    (("finish", "Nothing", "--by", "2026-12-31"), "tracker: no resource 'Nothing' (see `tracker resource list`)\n"),
    (("finish", "Deep Learning", "--by", "2026-01-01"),
     "tracker: due day 2026-01-01 is in the past: give today (2026-11-21) or a later day\n"),
    (("topic-hours", "Calculus", "--by", "2026-12-31"), "tracker: the goal has no target: give the hours it aims at, like 5\n"),
    (("topic-hours", "Nothing", "5", "--by", "2026-12-31"), "tracker: no topic 'Nothing' (see `tracker topic list`)\n"),
])
def test_bad_goals_are_one_line_exit_2_and_nothing_written(cli, args, line) -> None:
    cli("log", "30m", "Calculus")
    cli("resource", "add", "Deep Learning", "--hours", "40")
    result = cli("goal", "add", *args)
    assert (result.exit_code, result.stderr, result.stdout) == (2, line, "")
    assert goal_count(cli) == 0


def test_remove_of_an_unknown_goal(cli) -> None:
    result = cli("goal", "remove", "7")
    assert (result.exit_code, result.stderr) == (2, "tracker: no goal '#7' (see `tracker goal list`)\n")


def test_no_goals(cli) -> None:
    cli("log", "30m", "Calculus")
    assert cli("goal", "list").stdout == "No goals yet. Add one: tracker goal add weekly-hours 5\n"


def test_delete_refuses_a_resource_a_goal_names(cli) -> None:
    cli("resource", "add", "Deep Learning", "--hours", "40")
    cli("goal", "add", "finish", "Deep Learning", "--by", "2026-12-31")
    result = cli("resource", "delete", "Deep Learning")
    assert result.exit_code == 2 and "still has 1 goal" in result.stderr
