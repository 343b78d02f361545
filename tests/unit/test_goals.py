"""Goals beyond the daily minimum (issue 15, item 2): the one validator, target against actual with
hand-computed figures, the road's buffer, and goals carried along by merges.

Today is Saturday 2026-11-21 (testkit.clock); the Monday week is 16-22 November, five of its days
lie before today."""

from __future__ import annotations

from datetime import date

import pytest
from testkit.clock import TODAY

from tracker import goals, plan, study, topics
from tracker.config import Settings
from tracker.errors import FieldErrors, TrackerError
from tracker.merge import (
    delete_resource,
    delete_topic,
    merge_resources,
    merge_topics,
    restore,
)
from tracker.store import Journal

WEEK_DAY = {name: date(2026, 11, 16 + n) for n, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}


def log(journal: Journal, day: date, minutes: int, topic: str = "Calculus", resource: str | None = None) -> None:
    study.log_session(journal, minutes=minutes, topic=topic, resource=resource, day=day, today=TODAY)


def progress(journal: Journal, settings: Settings | None = None) -> list[goals.Progress]:
    return goals.goal_progress(journal, TODAY, settings)


def count(journal: Journal) -> int:
    return journal.scalar("SELECT count(*) FROM goal")


# -- the validator --------------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "given", "field", "line"), [
    ("weekly-hours", {}, "target", "the goal has no target: give the hours it aims at, like 5"),
    ("weekly-days", {"target": " "}, "target", "the goal has no target: give the days a week it aims at, like 5"),
    ("weekly-hours", {"target": "0"}, "target", "target '0' must be more than zero"),
    ("weekly-hours", {"target": "-2"}, "target", "target '-2' must be more than zero"),
    ("weekly-hours", {"target": "169"}, "target", "target '169' is more than the 168 hours of a week: check the number"),
    ("weekly-days", {"target": "8"}, "target", "target '8' is not a number of days a week: give a whole number from 1 to 7"),
    ("weekly-days", {"target": "2.5"}, "target", "target '2.5' is not a number of days a week: give a whole number from 1 to 7"),
    ("finish", {"resource": "Nope", "due": "2026-12-31"}, "resource", "no resource 'Nope' (see `tracker resource list`)"),
    ("finish", {"resource": "Deep", "due": "2026-12-31"}, "resource", "no resource 'Deep' (see `tracker resource list`)"),
    ("finish", {"resource": "Deep Learning", "due": "2026-11-20"}, "due",
     "due day 2026-11-20 is in the past: give today (2026-11-21) or a later day"),
    ("finish", {"resource": "Deep Learning"}, "due", "the goal has no due day: give the day it should be reached by (YYYY-MM-DD; --by on the command line)"),
    ("finish", {"resource": "No plan", "due": "2026-12-31"}, "resource",
     "'No plan' has no planned hours, so its pace can't be measured: `tracker resource update` it with --hours or --fte first"),
    ("topic-hours", {"topic": "Calc", "target": "20", "due": "2026-12-31"}, "topic", "no topic 'Calc' (see `tracker topic list`)"),
    ("walk", {}, "kind", "goal kind 'walk' is not one of: weekly-hours, weekly-days, finish, topic-hours"),
])
def test_bad_goals_are_refused_by_field_and_nothing_is_written(journal, kind, given, field, line) -> None:
    plan.add_resource(journal, "Deep Learning", hours="40")
    plan.add_resource(journal, "No plan")
    topics.add_topic(journal, "Calculus")
    with pytest.raises(FieldErrors) as caught:
        goals.add_goal(journal, kind, today=TODAY, **given)
    assert caught.value.errors[field] == line and caught.value.exit_code == 2
    assert count(journal) == 0


def test_every_bad_field_is_named_at_once(journal) -> None:
    with pytest.raises(FieldErrors) as caught:
        goals.goal_values(journal, kind="topic-hours", target="0", topic="", due="2020-01-01", today=TODAY)
    assert list(caught.value.errors) == ["target", "topic", "due"]


def test_names_are_whole_ignoring_case_and_today_is_a_due_day(journal) -> None:
    plan.add_resource(journal, "Deep Learning", fte="0.1")  # 15 h planned through FTE points
    topics.add_topic(journal, "Calculus")
    added = goals.add_goal(journal, "finish", resource="deep learning", due="today", today=TODAY)
    assert (added["resource"], added["due"], added["target"]) == ("Deep Learning", "2026-11-21", None)
    topic_goal = goals.add_goal(journal, "topic_hours", topic="CALCULUS", target="12.5h", due="2027-01-01", today=TODAY)
    assert (topic_goal["topic"], topic_goal["target"]) == ("Calculus", 12.5)
    assert goals.describe_goal(topic_goal) == "12.5 h on 'Calculus' by 2027-01-01"


def test_remove_names_the_goal_by_id(journal) -> None:
    goal = goals.add_goal(journal, "weekly-hours", target="5", today=TODAY)
    with pytest.raises(TrackerError, match="no goal '#99'"):
        goals.remove_goal(journal, "99")
    with pytest.raises(TrackerError, match="no goal 'x'"):
        goals.remove_goal(journal, "x")
    assert goals.remove_goal(journal, f"#{goal['id']}")["id"] == goal["id"] and count(journal) == 0


# -- progress, hand-computed ----------------------------------------------------------------------
def test_weekly_hours_behind_then_on_track(journal) -> None:
    goals.add_goal(journal, "weekly-hours", target="5", today=TODAY)
    log(journal, date(2026, 11, 15), 600)  # the Sunday before: last week
    for day, minutes in (("mon", 60), ("tue", 60), ("thu", 90)):
        log(journal, WEEK_DAY[day], minutes)
    # 3.5 h; the road rises 5/7 h a day: 3.5 / (5/7) = 4.9 -> it covers 4 days, and 5 have passed.
    [weekly] = progress(journal)
    assert (weekly.actual, weekly.buffer_days, weekly.on_track, weekly.met) == (3.5, 0, False, False)
    assert weekly.line_today == 4.29  # 6 days of 5/7 h
    assert weekly.text == "3.5 h of 5 h this week: behind"
    log(journal, WEEK_DAY["sat"], 60)
    # 4.5 h covers 4.5 / (5/7) = 6.3 -> 6 days: today, and no more.
    [weekly] = progress(journal)
    assert (weekly.actual, weekly.buffer_days, weekly.on_track) == (4.5, 1, True)
    assert weekly.text == "4.5 h of 5 h this week: on track, 1 day of buffer"
    assert (weekly.period_start, weekly.period_end) == ("2026-11-16", "2026-11-22")


def test_the_week_follows_week_start(journal) -> None:
    goals.add_goal(journal, "weekly-hours", target="5", today=TODAY)
    log(journal, date(2026, 11, 15), 60)
    for day in ("mon", "tue", "thu", "sat"):
        log(journal, WEEK_DAY[day], 60)
    assert progress(journal)[0].actual == 4
    [sunday_week] = progress(journal, Settings(week_start="sunday"))
    assert (sunday_week.period_start, sunday_week.period_end, sunday_week.actual) == ("2026-11-15", "2026-11-21", 5)
    assert sunday_week.met and sunday_week.text == "5 h of 5 h this week: met"


def test_weekly_days_count_days_that_reach_the_daily_minimum(journal) -> None:
    goals.add_goal(journal, "weekly-days", target="5", today=TODAY)
    for day, minutes in (("mon", 30), ("tue", 45), ("wed", 29), ("thu", 90), ("sat", 30)):
        log(journal, WEEK_DAY[day], minutes)
    # 4 days reach 30 minutes (Wednesday's 29 does not): 4 / (5/7) = 5.6 -> 5 days covered, 5 passed.
    [days] = progress(journal)
    assert (days.actual, days.unit, days.buffer_days, days.on_track) == (4, "days", 0, True)
    assert days.text == "4 of 5 days this week: on track, 0 days of buffer"
    [lenient] = progress(journal, Settings(daily_minimum=20))
    assert lenient.actual == 5 and lenient.met


def test_finish_resource_needs_against_pace(journal) -> None:
    plan.add_resource(journal, "Book", hours="40")
    log(journal, date(2026, 10, 20), 120, resource="Book")  # before the four weeks (25 Oct - 21 Nov)
    log(journal, date(2026, 11, 1), 300, resource="Book")
    log(journal, date(2026, 11, 15), 180, resource="Book")
    log(journal, date(2026, 11, 16), 600, topic="Other")
    goals.add_goal(journal, "finish", resource="Book", due="2026-12-31", today=TODAY)
    goals.add_goal(journal, "finish", resource="Book", due="2027-06-30", today=TODAY)
    soon, later = progress(journal)
    # 10 h spent of 40: 30 h left. To 31 Dec: 41 days = 5.857 weeks -> 5.12 h/week; pace 8 h / 4 = 2.
    assert (soon.actual, soon.target, soon.needed_per_week, soon.pace_per_week) == (10, 40, 5.12, 2)
    assert not soon.on_track and soon.text == "Book: 10 h of 40 h by 2026-12-31, needs 5.12 h/week, pace 2: behind"
    # To 30 June: 222 days = 31.71 weeks -> 0.95 h/week, which a pace of 2 keeps.
    assert (later.needed_per_week, later.on_track) == (0.95, True)
    plan.finish_resource(journal, "Book", TODAY, today=TODAY)
    assert progress(journal)[0].met and progress(journal)[0].text.endswith(": met")


def test_topic_hours_count_subtopics_and_the_road_starts_when_the_goal_was_set(journal) -> None:
    topics.add_topic(journal, "ML")
    topics.add_topic(journal, "CNNs", parent="ML")
    log(journal, date(2026, 10, 30), 120, topic="ML")  # before the goal: the road's start
    log(journal, date(2026, 11, 5), 300, topic="ML")
    log(journal, date(2026, 11, 12), 300, topic="CNNs")
    log(journal, date(2026, 11, 12), 600, topic="Other")
    goal = goals.add_goal(journal, "topic-hours", topic="ML", target="20", due="2026-12-10", today=TODAY)
    journal.update("goal", goal["id"], {"created_at": "2026-11-01T10:00:00Z"})
    [topic] = progress(journal)
    # 12 h; the road climbs from 2 h on 1 Nov to 20 h on 10 Dec (40 days): 0.45 h a day. 10 h above
    # the start cover 22.2 -> 22 days, 20 have passed: 2 days of buffer. 8 h left over 20 days
    # (2.857 weeks) is 2.8 h/week; the pace is 12 h / 4 = 3.
    assert (topic.actual, topic.buffer_days, topic.needed_per_week, topic.pace_per_week) == (12, 2, 2.8, 3)
    assert topic.text == "ML: 12 h of 20 h by 2026-12-10, needs 2.8 h/week, pace 3: on track, 2 days of buffer"


def test_the_road() -> None:
    first, last = date(2026, 11, 16), date(2026, 11, 22)
    assert goals.road(0, 7, first, last, 0, first) == (0, True, 1)  # the first morning: on the line
    assert goals.road(0, 7, first, last, 3, date(2026, 11, 18)) == (1, True, 3)
    assert goals.road(0, 7, first, last, 1, date(2026, 11, 18)) == (0, False, 3)
    assert goals.road(0, 7, first, last, 7, date(2026, 11, 18)) == (5, True, 3)  # met: the rest of the week


def test_no_goals_is_an_empty_list(journal) -> None:
    assert progress(journal) == []


# -- merges and deletes ---------------------------------------------------------------------------
def test_a_goal_moves_with_a_merged_resource_and_blocks_a_delete(journal) -> None:
    plan.add_resource(journal, "Book", hours="40")
    plan.add_resource(journal, "Bok", hours="10")
    goal = goals.add_goal(journal, "finish", resource="Bok", due="2026-12-31", today=TODAY)
    with pytest.raises(TrackerError, match="resource 'Bok' still has 1 goal"):
        delete_resource(journal, "Bok")
    snapshot = merge_resources(journal, "Bok", "Book")
    assert snapshot.summary == "moved 1 goal"
    assert goals.get_goal(journal, goal["id"])["resource"] == "Book"
    restore(journal, snapshot)
    assert goals.get_goal(journal, goal["id"])["resource"] == "Bok"


def test_a_goal_moves_with_a_merged_topic_and_blocks_a_delete(journal) -> None:
    topics.add_topic(journal, "Calculus")
    topics.add_topic(journal, "Calc")
    goal = goals.add_goal(journal, "topic-hours", topic="Calc", target="3", due="2026-12-31", today=TODAY)
    with pytest.raises(TrackerError, match="topic 'Calc' still has 1 goal"):
        delete_topic(journal, "Calc")
    merge_topics(journal, "Calc", "Calculus")
    assert goals.get_goal(journal, goal["id"])["topic"] == "Calculus"
