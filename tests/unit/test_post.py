"""The weekly "My Week in ML" post: the week's data, the templates, the HTML page, files, notes."""

from __future__ import annotations

import csv
import json
import os
import time
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tracker import study
from tracker import plan as plan_service
from tracker.config import Settings
from tracker.post import build_week, render_markdown, week_bounds, write_atomic
from tracker.sample import sample_directory
from testkit.paths import REPO, TEST_DATA

GOLDEN = TEST_DATA / "golden"
#: Set to 1 to rewrite the golden files from the current output (then review the diff).
UPDATE_GOLDEN = os.environ.get("TRACKER_UPDATE_GOLDEN") == "1"
#: The sample's reboot week (2026-10-05 .. 2026-10-11).
REBOOT_WEEK = "2026-W41"
NOW = datetime(2026, 11, 21, 18, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample journal, imported once for the module; tests copy it before writing."""
    from tracker.plaintext import import_journal
    from tracker.store import open_journal

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    with open_journal(str(path)) as handle:
        import_journal(handle, sample_directory())
    return path


def open_db(path: Path):
    from tracker.store import open_journal

    return open_journal(str(path))


def log(handle, day: str, minutes: int, topic: str, note: str = "", resource: str | None = None) -> None:
    study.log_session(handle, minutes=minutes, topic=topic, day=date.fromisoformat(day), note=note,
                                resource=resource)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} missing: run with TRACKER_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8")


def front_matter(text: str, fence: str = "---") -> str:
    match = re.match(rf"\A{re.escape(fence)}\n(.*?)\n{re.escape(fence)}\n", text, re.DOTALL)
    assert match, text[:200]
    return match[1]


# -- golden files: the sample journal's reboot week -----------------------------------------------
def test_golden_jekyll_post_of_the_sample_reboot_week(cli, sample_db: Path) -> None:
    result = cli("week", REBOOT_WEEK, db=sample_db)
    assert result.exit_code == 0, result.stderr
    golden(f"week-{REBOOT_WEEK}-jekyll.md", result.stdout)


def test_golden_hugo_post_of_the_sample_reboot_week(cli, sample_db: Path) -> None:
    result = cli("week", "2026-10-07", "--template", "hugo", db=sample_db)
    assert result.exit_code == 0, result.stderr
    golden(f"week-{REBOOT_WEEK}-hugo.md", result.stdout)
    meta = tomllib.loads(front_matter(result.stdout, "+++"))
    assert meta["title"] == "My Week in ML, 10/11/2026"
    assert meta["date"] == datetime(2026, 10, 11, 12, 0, tzinfo=UTC)
    assert meta["draft"] is False and "my-week-in-ml" in meta["tags"]


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


# -- the week as data -----------------------------------------------------------------------------
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
    settings = Settings(rest_days_keep_streak=rest_days)
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


# -- the command ---------------------------------------------------------------------------------
def test_an_empty_week_gives_a_short_post(cli, journal) -> None:
    result = cli("week", "2026-06-10")
    assert result.exit_code == 0, result.stderr
    assert "A quiet week: no study logged." in result.stdout
    assert "By the numbers" not in result.stdout and "Milestones" not in result.stdout
    assert "## My Week in Machine Learning - 6/8/2026" in result.stdout
    assert len(result.stdout.splitlines()) < 20
    page = cli("week", "2026-06-10", "--format", "html")
    assert page.exit_code == 0 and "A quiet week: no study logged." in page.stdout


def test_a_week_across_the_new_year_is_named_by_its_iso_week(cli, db_path: Path, tmp_path: Path) -> None:
    with open_db(db_path) as handle:
        log(handle, "2021-12-26", 30, "Calculus", "The Sunday before")
        log(handle, "2021-12-31", 40, "Calculus", "New Year's Eve")
        log(handle, "2022-01-01", 35, "Linear algebra", "New Year's Day")
        log(handle, "2022-01-03", 50, "CNNs", "First day of 2022-W01")
    assert week_bounds(date(2022, 1, 1)) == ("2021-W52", date(2021, 12, 27), date(2022, 1, 2))
    assert cli("week", "note", "2022-01-01", "--title", "Over the new year").exit_code == 0
    with open_db(db_path) as handle:
        assert study.get_week_note(handle, "2021-W52")["title"] == "Over the new year"
        assert study.get_week_note(handle, "2022-W52") is None

    written = cli("week", "2021-W52", "--out", f"{tmp_path}/")
    assert written.exit_code == 0, written.stderr
    text = (tmp_path / "2021-12-27-my-week-in-ml.md").read_text(encoding="utf-8")
    assert 'title: "My Week in ML, 1/2/2022"' in text and "date: 2022-01-02 12:00:00 +0000" in text
    assert "## Over the new year" in text and "## My Week in Machine Learning - 12/27/2021" in text
    assert "New Year's Eve" in text and "New Year's Day" in text
    assert "Sunday before" not in text and "First day of 2022-W01" not in text
    assert cli("week", "2022-01-01").stdout == text

    next_week = cli("week", "2022-W01").stdout
    assert "## My Week in Machine Learning - 1/3/2022" in next_week and "First day of 2022-W01" in next_week
    assert "Over the new year" not in next_week and "New Year's Day" not in next_week


def test_weeks_can_start_on_sunday(cli, db_path: Path, isolated_environment: Path) -> None:
    (isolated_environment / "config").mkdir(parents=True, exist_ok=True)
    (isolated_environment / "config" / "config.toml").write_text('week_start = "sunday"\n', encoding="utf-8")
    with open_db(db_path) as handle:
        log(handle, "2026-10-03", 30, "Calculus", "Saturday before")
        log(handle, "2026-10-04", 30, "Calculus", "First Sunday")
        log(handle, "2026-10-10", 30, "Calculus", "Last Saturday")
        log(handle, "2026-10-11", 30, "Calculus", "Next Sunday")
    text = cli("week", "2026-10-07").stdout
    assert "## My Week in Machine Learning - 10/4/2026" in text
    assert "First Sunday" in text and "Last Saturday" in text
    assert "Saturday before" not in text and "Next Sunday" not in text
    assert week_bounds(date(2026, 10, 7), 6) == ("2026-W41", date(2026, 10, 4), date(2026, 10, 10))


def test_bad_week_and_format_are_one_line_errors(cli) -> None:
    for args, words in ((("week", "someday"), "2026-W41"), (("week", "2026-W60"), "ISO week"),
                        (("week", "--format", "pdf"), "md, html"), (("week", "a", "b"), "unexpected extra")):
        result = cli(*args)
        assert result.exit_code == 2 and words in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


# -- escaping ------------------------------------------------------------------------------------
SCRIPT = "<script>alert(1)</script>"


class _Tags:
    """Start tags and link targets of an HTML page, as a browser's parser sees them."""

    def __init__(self, html: str) -> None:
        from html.parser import HTMLParser

        self.tags: list[str] = []
        self.hrefs: list[str] = []
        outer = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                outer.tags.append(tag)
                outer.hrefs += [value for name, value in attrs if name == "href"]

        Parser().feed(html)


def test_html_escapes_what_the_learner_wrote_exactly_once(cli, db_path: Path) -> None:
    with open_db(db_path) as handle:
        plan_service.add_resource(handle, "Tips & <b>tricks</b>", url="javascript:alert(2)")
        log(handle, "2026-10-06", 30, f"Web {SCRIPT}", f"Pasted {SCRIPT} by mistake; a < b && c > d",
            resource="Tips & <b>tricks</b>")
        study.add_later(handle, "Web", f"Why {SCRIPT}?", date(2026, 10, 6))
        study.set_week_note(
            handle, "2026-W41", title=f"Title {SCRIPT}",
            reflection='<img src=x onerror="alert(3)">\n\nQuotes: "it\'s" & `<code>`\n\n| a | b |\n|---|---|\n| 1 | 2 |',
        )
    page = cli("week", "2026-W41", "--format", "html")
    assert page.exit_code == 0, page.stderr
    html = page.stdout
    parsed = _Tags(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    assert not any(href.startswith("javascript:") for href in parsed.hrefs)
    assert "table" in parsed.tags  # Markdown tables still work
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a &lt; b &amp;&amp; c &gt; d" in html and "<code>&lt;code&gt;</code>" in html
    assert "&amp;lt;" not in html and "&amp;amp;" not in html and "&amp;quot;" not in html

    markdown = cli("week", "2026-W41").stdout
    assert r"**Tips & \<b\>tricks\</b\>**" in markdown  # names are plain text in the Markdown too
    assert "javascript:" not in markdown  # and a URL that runs code is not linked at all


# -- templates -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("line one\n{% if week.empty %}\n{% endfor %}\n", 3, "endfor"),
        ("one\ntwo\n{{ week.nope }}\n", 3, "nope"),
        ("{{ week.__class__.__init__.__globals__ }}\n", 1, "unsafe"),
        ("ok\n{{ '{0.__class__.__mro__}'.format(week) }}\n", 2, "unsafe"),
        ('\n\n\n{% include "missing.md.j2" %}\n', 4, "missing.md.j2"),
        ("{{ week.numbers.minutes / 0 }}\n", 1, "division"),
    ],
)
def test_template_errors_name_the_file_and_line(cli, sample_db: Path, tmp_path: Path, body: str, line: int, words: str) -> None:
    path = tmp_path / "mine.md.j2"
    path.write_text(body, encoding="utf-8")
    result = cli("week", "2026-W41", "--template", str(path), db=sample_db)
    assert result.exit_code == 2
    assert f"{path}, line {line}:" in result.stderr and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_template_in_the_config_folder_replaces_the_shipped_one(cli, journal, sample_db: Path, isolated_environment: Path) -> None:
    folder = isolated_environment / "config" / "templates"
    folder.mkdir(parents=True)
    (folder / "jekyll.md.j2").write_text("Custom {{ week.week }}: {{ week.items | length }} items\n{% include '_body.md.j2' %}",
                                         encoding="utf-8")
    (folder / "plain.md.j2").write_text("# {{ week.title }}\n", encoding="utf-8")
    listing = cli("week", "--list-templates").stdout
    assert re.search(r"jekyll\s+yours \(replaces the shipped one\)", listing)
    assert re.search(r"hugo\s+shipped", listing) and re.search(r"plain\s+yours", listing)
    custom = cli("week", "2026-W41", db=sample_db).stdout
    assert custom.startswith("Custom 2026-W41: 5 items\n") and "## Upcoming Week" in custom
    assert cli("week", "2026-W41", "-t", "plain", db=sample_db).stdout == "# My Week in ML, 10/11/2026\n"
    unknown = cli("week", "-t", "nonesuch")
    assert unknown.exit_code == 2 and "no template 'nonesuch'" in unknown.stderr and "hugo" in unknown.stderr


# -- files ---------------------------------------------------------------------------------------
def test_out_writes_the_posts_file_and_never_overwrites_without_force(cli, sample_db: Path, tmp_path: Path) -> None:
    posts = tmp_path / "_posts"
    posts.mkdir()
    first = cli("week", "2026-W41", "--out", str(posts), db=sample_db)
    target = posts / "2026-10-05-my-week-in-ml.md"
    assert first.exit_code == 0 and str(target) in first.stdout
    assert target.read_text(encoding="utf-8").startswith("---\nlayout: post\n")
    target.write_text("edited by hand\n", encoding="utf-8")
    again = cli("week", "2026-W41", "--out", str(posts), db=sample_db)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "edited by hand\n"
    forced = cli("week", "2026-W41", "--out", str(posts), "--force", db=sample_db)
    assert forced.exit_code == 0 and target.read_text(encoding="utf-8").startswith("---\nlayout: post\n")
    html = cli("week", "2026-W41", "--format", "html", "--out", str(posts), db=sample_db)
    assert html.exit_code == 0
    assert (posts / "2026-10-05-my-week-in-ml.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    named = tmp_path / "drafts" / "reboot.md"
    assert cli("week", "2026-W41", "--out", str(named), db=sample_db).exit_code == 0 and named.exists()
    assert sorted(path.name for path in posts.iterdir()) == ["2026-10-05-my-week-in-ml.html", "2026-10-05-my-week-in-ml.md"]


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


# -- the week's note -----------------------------------------------------------------------------
def test_week_note_sets_and_shows_the_reflection_and_plan(cli) -> None:
    saved = cli("week", "note", "2026-10-07", "--title", "Stuck in the mud", "--text", "Two weeks of nothing.",
                "--plan", "- Reboot")
    assert saved.exit_code == 0 and "2026-W41" in saved.stdout
    shown = cli("week", "note", "2026-W41").stdout
    assert "Stuck in the mud" in shown and "Two weeks of nothing." in shown and "- Reboot" in shown
    post = cli("week", "2026-10-05").stdout
    assert "## Stuck in the mud\n\nTwo weeks of nothing.\n" in post and "## Upcoming Week\n\n- Reboot\n" in post
    clash = cli("week", "note", "--edit", "--text", "x")
    assert clash.exit_code == 2 and "--edit" in clash.stderr


def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> Path:
    """$EDITOR is a Python script; it records the file it was given (path and text) in seen.json."""
    script = tmp_path / "editor.py"
    seen = tmp_path / "seen.json"
    script.write_text(
        "import json, pathlib, sys\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "text = path.read_text(encoding='utf-8')\n"
        f"pathlib.Path({str(seen)!r}).write_text(json.dumps([str(path), text]))\n"
        + textwrap.dedent(body),
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    return seen


def note_of(db_path: Path, week: str = "2026-W41"):
    with open_db(db_path) as handle:
        return study.get_week_note(handle, week)


def test_week_note_edit_saves_what_the_editor_wrote(cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli("week", "note", "2026-W41", "--title", "Old title", "--text", "Old text", "--plan", "- old plan")
    seen = fake_editor(tmp_path, monkeypatch, """
        text = text.replace("# Old title", "# The reboot").replace("Old text", "New reflection\\n\\nTwo paragraphs")
        path.write_text(text + "- new plan\\n", encoding="utf-8")
    """)
    result = cli("week", "note", "2026-W41", "--edit")
    assert result.exit_code == 0, result.stderr
    edited_path, prefilled = json.loads(seen.read_text())
    assert "# Old title" in prefilled and "Old text" in prefilled and "- old plan" in prefilled
    assert not Path(edited_path).exists()  # the temporary file is gone
    note = note_of(db_path)
    assert (note["title"], note["reflection"], note["next_plan"]) == (
        "The reboot", "New reflection\n\nTwo paragraphs", "- old plan\n- new plan")


@pytest.mark.parametrize(
    ("body", "code", "words"),
    [
        ("path.write_text('# Changed\\n'); sys.exit(3)\n", 1, "exited with status 3"),
        ("pass\n", 0, "No change"),
    ],
)
def test_week_note_edit_saves_nothing_when_the_editor_fails_or_changes_nothing(
    cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, code: int, words: str,
) -> None:
    fake_editor(tmp_path, monkeypatch, body)
    result = cli("week", "note", "2026-W41", "--edit")
    assert result.exit_code == code and words in (result.stdout + result.stderr)
    assert note_of(db_path) is None


def test_week_note_edit_without_an_editor_says_how_to_set_one(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    result = cli("week", "note", "--edit")
    assert result.exit_code == 1 and "$EDITOR" in result.stderr


# -- cost ----------------------------------------------------------------------------------------
def test_importing_the_post_service_and_command_loads_no_template_or_markdown_library() -> None:
    code = (
        "import json, sys\n"
        "import tracker.post, tracker.cli.week, tracker.cli.main\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & {'jinja2', 'markdown_it', 'markupsafe'})))"
    )
    found = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert found == []


# -- a real Jekyll build ---------------------------------------------------------------------------
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
