"""The `tracker week` command: the weekly "My Week in ML" post of the sample journal against golden
files, weeks and their errors, escaping in the HTML page, templates, --out files and `tracker week
note`. The week as data is tested in tests/unit/test_post.py."""

from __future__ import annotations

import json
import os
import re
import sys
import textwrap
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from testkit.journals import load_sample
from testkit.paths import TEST_DATA
from testkit.weeks import REBOOT_WEEK, log, open_db

from tracker import plan as plan_service
from tracker import study
from tracker.post import week_bounds

#: One worker runs this module, so its module-scoped fixture runs once (pytest-xdist).
pytestmark = pytest.mark.xdist_group("week-commands")

GOLDEN = TEST_DATA / "golden"
#: Set to 1 to rewrite the golden files from the current output (then review the diff).
UPDATE_GOLDEN = os.environ.get("TRACKER_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample journal, imported once for the module; tests copy it before writing."""
    return load_sample(tmp_path_factory.mktemp("sample") / "sample.db")


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


# -- golden files: the sample journal's reboot week ----------------------------------------------
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


# -- weeks ---------------------------------------------------------------------------------------
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
    assert cli("week", "2022-01-01", "--out", "-").stdout == text  # - prints, past the remembered folder

    next_week = cli("week", "2022-W01", "--out", "-").stdout
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
