"""The weekly post lists each goal's target against actual (issue 15, item 2)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from testkit.weeks import log

from tracker import goals
from tracker.config import Settings
from tracker.post import build_week, render_markdown

NOW = datetime(2026, 11, 21, 18, 30, tzinfo=UTC)


def test_the_post_shows_the_goals_at_the_end_of_its_week(journal) -> None:
    log(journal, "2026-11-16", 90, "Calculus")
    log(journal, "2026-11-18", 180, "Calculus")
    goals.add_goal(journal, "weekly-hours", target="5", today=NOW.date())
    this_week = build_week(journal, date(2026, 11, 18), Settings(), NOW)
    # 4.5 h over a 5 h road (5/7 h a day) covers 6 days; 5 lie before Saturday: 1 day of buffer.
    assert this_week.numbers.goals == ("4.5 h of 5 h this week: on track, 1 day of buffer",)
    assert "\n\n**Goals:** 4.5 h of 5 h this week: on track, 1 day of buffer.\n" in render_markdown(this_week)
    last_week = build_week(journal, date(2026, 11, 10), Settings(), NOW)
    assert last_week.numbers.goals == ("0 h of 5 h this week: behind",)


def test_no_goals_no_line(journal) -> None:
    log(journal, "2026-11-16", 90, "Calculus")
    post = build_week(journal, date(2026, 11, 18), Settings(), NOW)
    assert post.numbers.goals == () and "**Goals:**" not in render_markdown(post)
