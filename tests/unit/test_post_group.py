"""The week post's optional "My study group this week" (issue 17 item 6): on a server journal with
other members, one line each with what they share (never notes); nothing on SQLite, nothing when
the post_group_section setting is off."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from testkit.group import log_week, made_group
from testkit.weeks import log

from tracker.config import Settings
from tracker.post import build_week, render_markdown
from tracker.post.model import GroupMemberLine
from tracker.store import open_journal

NOW = datetime(2026, 11, 21, 18, 30, tzinfo=UTC)
SECTION = "### My study group this week"


def test_as_ben_the_post_lists_adas_shared_week_and_not_his_own_or_her_notes(postgres_server) -> None:
    with made_group(postgres_server) as group:
        group.invite(group.ada, "--display-name", "Ada L.")
        group.invite(group.ben, "--display-name", "Ben")
        log_week(group)
        with open_journal(group.urls[group.ben]) as journal:
            post = build_week(journal, date(2026, 11, 18), Settings(), NOW)
            text = render_markdown(post)
            assert post.group == (GroupMemberLine("Ada L.", 170, 4, 2),)
            assert f"\n{SECTION}\n\n- **Ada L.**: 2h50m; minimum met on 4 days; a 2-day streak\n\n## Upcoming Week" in text
            assert "Ben**" not in text and "secret" not in text and "ada reflection" not in text
            off = build_week(journal, date(2026, 11, 18), replace(Settings(), post_group_section=False), NOW)
            assert off.group == () and SECTION not in render_markdown(off)
        assert group.tracker(group.ada, "group", "share", "--no-minutes", "--no-streak").exit_code == 0
        with open_journal(group.urls[group.ben]) as journal:
            text = render_markdown(build_week(journal, date(2026, 11, 18), Settings(), NOW))
            assert "- **Ada L.**: minimum met on 4 days\n" in text
            # a week before: Ada studied nothing that week
            last = render_markdown(build_week(journal, date(2026, 11, 10), Settings(), NOW))
            assert "- **Ada L.**: minimum met on 0 days\n" in last


@pytest.mark.sqlite_only
def test_a_sqlite_post_has_no_group_section(journal) -> None:
    log(journal, "2026-11-16", 90, "Calculus")
    post = build_week(journal, date(2026, 11, 18), Settings(), NOW)
    assert post.group == () and "study group" not in render_markdown(post)


def test_a_member_sharing_none_of_the_figures_says_so() -> None:
    assert GroupMemberLine("Cy").figures == "shares none of these figures"
    assert GroupMemberLine("Cy", 61, 1, 0).figures == "1h01m; minimum met on 1 day; a 0-day streak"
