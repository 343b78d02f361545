"""The weekly "My Week in ML" post: the week's data, writing its file, what importing it costs, and a
real Jekyll build. The `tracker week` command (golden files, templates, the HTML page, notes) is in
tests/cli/test_week_commands.py."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from testkit.journals import load_sample
from testkit.paths import REPO
from testkit.weeks import REBOOT_WEEK, log, open_db

from tracker import plan as plan_service
from tracker import study
from tracker.config import Settings
from tracker.post import build_week, render_markdown, week_bounds, write_atomic
from tracker.sample import sample_directory

#: One worker runs this module, so its module-scoped fixture runs once (pytest-xdist).
pytestmark = pytest.mark.xdist_group("post")

NOW = datetime(2026, 11, 21, 18, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample journal, imported once for the module; tests copy it before writing."""
    return load_sample(tmp_path_factory.mktemp("sample") / "sample.db")


# -- the sample journal's reboot week ------------------------------------------------------------
def test_the_reboot_week_agrees_with_the_sample_files(sample_db: Path) -> None:
    """Totals and bullets, checked against sessions.csv read independently of the journal."""
    with (sample_directory() / "sessions.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if "2026-10-05" <= row["date"] <= "2026-10-11"]
    per_name: dict[str, int] = {}
    for row in rows:
        name = row["resource"] or row["topic"]
        per_name[name] = per_name.get(name, 0) + int(row["minutes"])
    with open_db(sample_db) as handle:
        post = build_week(handle, date(2026, 10, 7), Settings(), NOW)
    assert post.week == REBOOT_WEEK and (post.start, post.end) == (date(2026, 10, 5), date(2026, 10, 11))
    assert post.numbers.sessions == len(rows)
    assert post.numbers.minutes == sum(int(row["minutes"]) for row in rows)
    assert post.numbers.days_studied == len({row["date"] for row in rows})
    assert {item.name: item.minutes for item in post.items} == per_name
    assert [item.minutes for item in post.items] == sorted(per_name.values(), reverse=True)
    nielsen = next(item for item in post.items if item.name.startswith("Neural Networks and Deep Learning"))
    assert str(nielsen.units) == "chapters 1-2 of 6"
    assert post.note_title == "The reboot" and post.plan.startswith("- MLP from scratch")
    assert [m.title for m in post.milestones] == ["Backprop with a gradient check"]


# -- the week as data ----------------------------------------------------------------------------
def test_a_week_groups_sessions_by_resource_then_topic_and_counts_units(journal, settings) -> None:
    plan_service.add_resource(journal, "HOML", kind="book", units=19, url="https://example.org/homl")
    plan_service.record_progress(journal, "HOML", 9, date(2026, 10, 1))  # last week
    log(journal, "2026-10-05", 45, "Neural networks", "Chapter 10 again", resource="HOML")
    plan_service.record_progress(journal, "HOML", 10, date(2026, 10, 5))
    log(journal, "2026-10-07", 50, "CNNs", "Chapter 11: convolutions", resource="HOML")
    plan_service.record_progress(journal, "HOML", 11, date(2026, 10, 7))
    log(journal, "2026-10-06", 20, "NumPy basics", "broadcasting")
    log(journal, "2026-10-08", 15, "NumPy basics")
    log(journal, "2026-10-12", 90, "NumPy basics", "next week: not counted")

    post = build_week(journal, date(2026, 10, 9), settings, NOW)
    homl, numpy_ = post.items
    assert (homl.name, homl.minutes, homl.sessions, homl.is_resource) == ("HOML", 95, 2, True)
    assert str(homl.units) == "chapters 10-11 of 19" and homl.topics == ("Neural networks", "CNNs")
    assert (numpy_.name, numpy_.minutes, numpy_.notes, numpy_.is_resource) == ("NumPy basics", 35, ("broadcasting",), False)
    assert post.numbers.days_studied == 4 and post.numbers.days_met == 2  # 45 and 50 reach 30m; 20 and 15 don't
    assert [(link.label, link.url) for link in post.links] == [("HOML", "https://example.org/homl")]
    assert "- **[HOML]** - Chapter 10 again. Chapter 11: convolutions. (chapters 10-11 of 19, 1h35m)" in render_markdown(post)


def test_the_streak_counts_days_before_the_week(journal, settings) -> None:
    for offset in range(13):  # 2026-09-28 .. 2026-10-10: a week before, then six days of this one
        log(journal, (date(2026, 9, 28) + timedelta(days=offset)).isoformat(), 30, "Calculus")
    post = build_week(journal, date(2026, 10, 5), settings, NOW)
    assert post.numbers.streak == 13
    assert post.numbers.days_met == 6
    assert "a 13-day streak" in render_markdown(post)


@pytest.mark.parametrize(("run_length", "rest_days"), [(3, False), (41, True), (42, False), (43, True), (170, True), (400, False)])
def test_the_streak_agrees_with_tracker_stats(journal, run_length: int, rest_days: bool) -> None:
    """The post reads a window of days, widened only while every day counted; stats groups them all."""
    import random

    from tracker.habit import streaks_for
    from tracker.store import stamps

    rng = random.Random(run_length)
    # Every rest day counts here (a budget no month reaches): long runs must occur.
    settings = Settings(rest_days_keep_streak=rest_days, rest_days_per_month=31)
    end = date(2026, 10, 11)
    sessions, rest = [], []
    for back in range(600):
        day = end - timedelta(days=back)
        if 0 < back < run_length and rest_days and rng.random() < 0.1:
            rest.append({"day": day.isoformat(), **stamps()})
        elif back < run_length:
            sessions.append({"day": day.isoformat(), "minutes": 30})
        elif back > run_length and rng.random() < 0.7:
            sessions.append({"day": day.isoformat(), "minutes": rng.choice([10, 20, 30, 45])})
    journal.execute("INSERT INTO topic (name, created_at, updated_at) VALUES ('Calculus', 'x', 'x')")
    journal.executemany(
        "INSERT INTO study_session (day, minutes, topic_id, created_at, updated_at) VALUES (:day, :minutes, 1, 'x', 'x')",
        sessions,
    )
    journal.executemany("INSERT INTO rest_day (day, created_at, updated_at) VALUES (:day, :created_at, :updated_at)", rest)
    for anchor in (end, end - timedelta(days=3)):
        post = build_week(journal, anchor, settings, datetime.combine(anchor, datetime.min.time(), UTC))
        expected = streaks_for(journal, settings, anchor).current
        assert post.numbers.streak == expected
    assert expected == run_length - 3 - sum(1 for row in rest if row["day"] <= anchor.isoformat())  # long runs do occur


def test_checkpoints_passed_and_cards_reviewed_count_in_the_week(journal, settings) -> None:
    from tracker.store import stamps

    log(journal, "2026-10-06", 30, "Activations")
    runs = [("relu", 0, "2026-10-05T09:00:00Z"), ("relu", 1, "2026-10-05T09:10:00Z"), ("relu", 1, "2026-10-08T10:00:00Z"),
            ("softmax", 1, "2026-10-11T23:59:59Z"), ("softmax", 1, "2026-10-12T00:00:00Z"), ("mse", 1, "2026-10-04T23:59:59Z"),
            ("mse", 0, "2026-10-07T12:00:00Z")]
    journal.executemany(
        "INSERT INTO checkpoint_run (checkpoint, passed, seconds, ran_at, created_at, updated_at) "
        "VALUES (:checkpoint, :passed, 0.1, :ran_at, :created_at, :updated_at)",
        [{"checkpoint": c, "passed": p, "ran_at": at, **stamps()} for c, p, at in runs],
    )
    journal.execute("INSERT INTO card (uid, topic_id, front, due, created_at, updated_at) "
                    "VALUES ('u1', 1, 'What does ReLU do?', '2026-10-05T00:00:00Z', 'x', 'x')")
    journal.executemany(
        "INSERT INTO review (card_id, rating, reviewed_at, created_at, updated_at) VALUES (1, 3, :at, 'x', 'x')",
        [{"at": at} for at in ("2026-10-04T23:59:59Z", "2026-10-05T00:00:00Z", "2026-10-11T23:59:59Z", "2026-10-12T00:00:00Z")],
    )
    post = build_week(journal, date(2026, 10, 7), settings, NOW)
    assert post.numbers.checkpoints_passed == 2  # relu and softmax; mse passed only the week before
    assert post.numbers.cards_reviewed == 2
    assert "2 checkpoints passed; 2 cards reviewed." in render_markdown(post)


def test_without_a_plan_upcoming_lists_resources_in_progress_and_milestones_due(journal, settings) -> None:
    plan_service.add_resource(journal, "CS231n", kind="course", units=16, status="active", url="https://cs231n.github.io/")
    plan_service.add_resource(journal, "Old book", status="done")
    plan_service.record_progress(journal, "CS231n", 3, date(2026, 10, 6))
    plan_service.add_milestone(journal, "MNIST net", project="NumPy nets", due=date(2026, 10, 15))
    plan_service.add_milestone(journal, "Far away", due=date(2027, 1, 1))
    plan_service.add_milestone(journal, "Gradient check", due=date(2026, 10, 10))
    plan_service.finish_milestone(journal, "Gradient check", date(2026, 10, 9))

    post = build_week(journal, date(2026, 10, 7), settings, NOW)
    assert [(u.name, str(u.next_unit or ""), u.due) for u in post.upcoming] == [
        ("CS231n", "lesson 4 of 16", None), ("MNIST net", "", date(2026, 10, 15)),
    ]
    assert [m.title for m in post.milestones] == ["Gradient check"]
    upcoming = render_markdown(post).split("## Upcoming Week")[1]
    assert "**[CS231n]**: lesson 4 of 16" in upcoming and "**MNIST net** (NumPy nets), due 10/15/2026" in upcoming
    assert "Old book" not in upcoming and "Far away" not in upcoming

    study.set_week_note(journal, "2026-W41", next_plan="- Lecture 5\n- Finish the MNIST net")
    post = build_week(journal, date(2026, 10, 7), settings, NOW)
    assert post.upcoming == ()
    assert render_markdown(post).split("## Upcoming Week")[1].startswith("\n\n- Lecture 5\n- Finish the MNIST net\n")


def test_the_current_week_is_dated_now_with_its_offset(journal, settings) -> None:
    moment = datetime(2026, 11, 21, 9, 15, 7, 123, tzinfo=timezone(timedelta(hours=13)))
    post = build_week(journal, moment.date(), settings, moment)
    assert post.published == moment.replace(microsecond=0)
    text = render_markdown(post)
    assert 'title: "My Week in ML, 11/21/2026"' in text and "date: 2026-11-21 09:15:07 +1300" in text


# -- files ---------------------------------------------------------------------------------------
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.errors import TrackerError

    target = tmp_path / "post.md"
    target.write_text("old\n", encoding="utf-8")

    def no_space(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(TrackerError) as error:
        write_atomic(target, "new\n", force=True)
    assert error.value.exit_code == 1 and "No space left" in error.value.line
    assert target.read_text(encoding="utf-8") == "old\n" and list(tmp_path.iterdir()) == [target]


# -- cost ----------------------------------------------------------------------------------------
def test_importing_the_post_service_and_command_loads_no_template_or_markdown_library() -> None:
    code = (
        "import json, sys\n"
        "import tracker.post, tracker.cli.week, tracker.cli.main\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & {'jinja2', 'markdown_it', 'markupsafe'})))"
    )
    found = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert found == []


# -- a real Jekyll build -------------------------------------------------------------------------
_JEKYLL: list[str | None] = []


def jekyll_or_skip() -> str:
    """Debian's jekyll; installed once through .ci/system-packages when missing, else a skip."""
    if not _JEKYLL:
        found = shutil.which("jekyll")
        if not found and shutil.which("apt-get"):
            try:
                subprocess.run(["bash", str(REPO / ".ci" / "system-packages")], capture_output=True, timeout=900, check=False)
            except (OSError, subprocess.TimeoutExpired):
                pass
            found = shutil.which("jekyll")
        _JEKYLL.append(found)
    if not _JEKYLL[0]:
        pytest.skip("jekyll is not installed and `bash .ci/system-packages` could not install it "
                    "(it needs apt-get, and root or sudo)")
    return _JEKYLL[0]


def run_tracker(*args: str, **env: str) -> None:
    environ = {k: v for k, v in os.environ.items() if k != "TRACKER_NOW"}  # the real clock, as a learner's
    subprocess.run([sys.executable, "-m", "tracker", *args], check=True, capture_output=True, env={**environ, **env})


SITE_FILES = {
    "_config.yml": "title: My Week in ML\nmarkdown: kramdown\nfuture: false\n",
    "_layouts/default.html": "<!DOCTYPE html>\n<html><head><title>{{ page.title }}</title></head>\n<body>{{ content }}</body></html>\n",
    "_layouts/post.html": "---\nlayout: default\n---\n<h1 class=\"post-title\">{{ page.title }}</h1>\n{{ content }}\n",
}


def test_a_real_jekyll_build_shows_the_posts_headings_and_links(tmp_path: Path) -> None:
    from tracker.post import us_date
    from tracker.sample import make_demo_journal

    jekyll = jekyll_or_skip()
    site = tmp_path / "site"
    for name, text in SITE_FILES.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    posts = f"{site / '_posts'}/"
    # The demo journal on the real calendar: its reboot week is six weeks before this one.
    today = date.today()
    demo = make_demo_journal(tmp_path, today)
    reboot_day = today - timedelta(weeks=6)
    _, reboot_monday, reboot_sunday = week_bounds(reboot_day)
    run_tracker("--db", str(demo), "week", reboot_day.isoformat(), "--out", posts, TZ="UTC")
    # This week's post, written at UTC+9 and built at UTC: only the offset in its date keeps
    # Jekyll from taking it for a post of the future and leaving it out.
    run_tracker("--db", str(demo), "week", "--out", posts, TZ="Asia/Tokyo")
    # Jekyll replaces a front-matter date equal to its own start time (to the second) with the file
    # name's date; wait a second so the page lands where its front matter says.
    time.sleep(1.1)
    result = subprocess.run(
        [jekyll, "build", "--source", str(site), "--destination", str(site / "_site"), "--disable-disk-cache"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "TZ": "UTC"}, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    built = {path.parent.relative_to(site / "_site").as_posix(): path for path in (site / "_site").rglob("my-week-in-ml.html")}
    assert len(built) == 2, (sorted(built), {p.name: p.read_text()[:300] for p in (site / "_posts").iterdir()},
                             result.stdout[-800:])
    page = built[reboot_sunday.strftime("%Y/%m/%d")].read_text(encoding="utf-8")
    heading = r"<h{level}[^>]*>{text}</h{level}>"
    assert re.search(heading.format(level=1, text=re.escape(f"My Week in ML, {us_date(reboot_sunday)}")), page)
    for level, text in ((2, "The reboot"), (2, f"My Week in Machine Learning - {us_date(reboot_monday)}"),
                        (3, "Milestones reached"), (2, "Upcoming Week")):
        assert re.search(heading.format(level=level, text=re.escape(text)), page), text
    for url, title in (
        ("https://github.com/ageron/handson-ml3", "Hands-On Machine Learning"),
        ("http://neuralnetworksanddeeplearning.com/", "Neural Networks and Deep Learning (Nielsen)"),
        ("https://www.youtube.com/watch?v=VMj-3S1tku0", "The spelled-out intro to neural networks and backpropagation: building micrograd"),
        ("https://github.com/example-learner/numpy-nets", "Backprop with a gradient check"),
    ):
        assert f'<a href="{url}">{title}</a>' in page
    assert "]:" not in page and "[Hands-On" not in page  # every reference link was resolved
