"""What the post says was done this week on a resource with units, and the one rule for where a
post is written (--out, the UI's folder)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from testkit.cli import run_tracker
from testkit.clock import NOW
from testkit.weeks import log

from tracker import plan as plan_service
from tracker.errors import TrackerError
from tracker.post import build_week, output_path, render_markdown
from tracker.tui.week_draft import post_target

FILENAME = "2026-10-05-my-week-in-ml.md"


def homl_units(journal, settings) -> str:
    post = build_week(journal, date(2026, 10, 7), settings, NOW)
    (item,) = post.items
    return str(item.units)


@pytest.fixture
def homl(journal):
    plan_service.add_resource(journal, "HOML", kind="book", units=19)
    log(journal, "2026-10-06", 45, "CNNs", "Chapter 10", resource="HOML")
    return journal


def test_first_progress_past_the_first_chapter_says_where_the_learner_got_to(homl, settings) -> None:
    plan_service.record_progress(homl, "HOML", 10, date(2026, 10, 6))
    assert homl_units(homl, settings) == "reached chapter 10 of 19"
    post = build_week(homl, date(2026, 10, 7), settings, NOW)
    assert "(reached chapter 10 of 19, 45m)" in render_markdown(post)


def test_first_progress_twice_in_a_week_still_says_only_where_it_got_to(homl, settings) -> None:
    plan_service.record_progress(homl, "HOML", 10, date(2026, 10, 5))
    plan_service.record_progress(homl, "HOML", 12, date(2026, 10, 7))
    assert homl_units(homl, settings) == "reached chapter 12 of 19"


def test_a_book_begun_this_week_reads_as_its_range(homl, settings) -> None:
    plan_service.record_progress(homl, "HOML", 1, date(2026, 10, 5))
    plan_service.record_progress(homl, "HOML", 3, date(2026, 10, 7))
    assert homl_units(homl, settings) == "chapters 1-3 of 19"


def test_later_progress_reads_as_the_weeks_range(homl, settings) -> None:
    plan_service.record_progress(homl, "HOML", 10, date(2026, 9, 30))  # last week
    plan_service.record_progress(homl, "HOML", 12, date(2026, 10, 7))
    assert homl_units(homl, settings) == "chapters 11-12 of 19"


# -- where the post goes --------------------------------------------------------------------------
@pytest.mark.parametrize("target", [output_path, post_target])
def test_a_path_without_md_or_html_is_a_folder_and_one_with_is_the_file(tmp_path: Path, target) -> None:
    assert target(str(tmp_path / "content" / "posts"), FILENAME) == tmp_path / "content" / "posts" / FILENAME
    assert target(str(tmp_path / "drafts" / "Reboot.MD"), FILENAME) == tmp_path / "drafts" / "Reboot.MD"
    assert target(str(tmp_path / "week.html"), FILENAME) == tmp_path / "week.html"
    assert target(f"{tmp_path / 'odd.md'}/", FILENAME) == tmp_path / "odd.md" / FILENAME
    assert target("", FILENAME) == Path(".") / FILENAME
    (tmp_path / "notes.txt").write_text("a file", encoding="utf-8")
    with pytest.raises(TrackerError, match="is a file, not a folder"):
        target(str(tmp_path / "notes.txt"), FILENAME)


def test_hugo_out_on_a_fresh_site_makes_the_posts_folder(journal, db_path: Path, tmp_path: Path, monkeypatch) -> None:
    log(journal, "2026-11-18", 30, "Calculus")
    monkeypatch.chdir(tmp_path)
    result = run_tracker(db_path, "week", "--template", "hugo", "--out", "content/posts")
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "content" / "posts" / "2026-11-16-my-week-in-ml.md"
    assert written.is_file() and written.read_text(encoding="utf-8").startswith("+++\n")


def test_only_a_folder_the_post_was_written_into_is_remembered(tmp_path: Path) -> None:
    from tracker.config import load_settings
    from tracker.post import remember_posts_folder

    assert remember_posts_folder(tmp_path / "drafts" / "reboot.md", FILENAME) == ""
    assert load_settings().posts_folder == ""
    said = remember_posts_folder(tmp_path / "_posts" / FILENAME, FILENAME)
    assert said.startswith("Remembered posts_folder") and load_settings().posts_folder == str(tmp_path / "_posts")
