"""Every command through Typer's CliRunner, on a temporary journal, with a fixed today."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tracker.store import open_journal


def count(db_path, table: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_log_creates_topic_and_resource_and_says_so(cli, db_path) -> None:
    result = cli("log", "45m", "Backpropagation", "Chain rule by hand", "--resource", "CS231n", "--kind", "exercise")
    assert result.exit_code == 0, result.output
    assert "Logged 45m of Backpropagation on 2026-11-21" in result.stdout
    assert "new topic 'Backpropagation'" in result.stdout
    assert "new resource 'CS231n'" in result.stdout
    assert "15m to go" not in result.stdout and "minimum met" in result.stdout
    again = cli("log", "20m", "backpropagation", "--date", "yesterday", "--stuck")
    assert "new topic" not in again.stdout
    assert "10m to go" in again.stdout
    with open_journal(str(db_path)) as journal:
        rows = journal.rows("SELECT day, minutes, kind, note, stuck, resource_id FROM study_session ORDER BY id")
    assert rows == [
        {"day": "2026-11-21", "minutes": 45, "kind": "exercise", "note": "Chain rule by hand", "stuck": 0, "resource_id": 1},
        {"day": "2026-11-20", "minutes": 20, "kind": "other", "note": "", "stuck": 1, "resource_id": None},
    ]
    assert count(db_path, "topic") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "0m", "CNNs"], "more than zero"),
        (["log", "-5m", "CNNs"], "goes after --"),
        (["log", "--", "-5m", "CNNs"], "more than zero"),
        (["log", "45m", "CNNs", "--stuk"], "No such option: --stuk"),
        (["log", "soon", "CNNs"], "can't read duration"),
        (["log", "30m", "CNNs", "--date", "2026-02-30"], "can't read date"),
        (["log", "30m", "CNNs", "--date", "2026-11-22"], "is in the future"),
        (["log", "30m", "CNNs", "--date", "0001-01-01"], "check the year"),
        (["log", "30m", "  "], "topic is empty"),
        (["log", "30m", "CNNs", "--kind", "nap"], "kind 'nap' is not one of"),
        (["log", "30m", "CNNs", "x" * 1_000_000], "limit is 65,536"),
    ],
)
def test_bad_log_input_is_one_line_exit_2_and_nothing_written(cli, db_path, args, message) -> None:
    cli("log", "10m", "Seed")  # the journal exists with one session
    result = cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert count(db_path, "study_session") == 1
    assert count(db_path, "topic") == 1


def test_a_note_that_starts_with_a_dash_follows_two_dashes(cli, db_path) -> None:
    assert cli("log", "45m", "CNNs", "--", "--stride 2 halves the size").exit_code == 0
    with open_journal(str(db_path)) as journal:
        assert journal.scalar("SELECT note FROM study_session") == "--stride 2 halves the size"


def test_sessions_lists_a_week_a_range_and_a_topic_as_text_and_json(cli) -> None:
    cli("log", "30m", "NumPy", "broadcasting", "--date", "2026-11-16")
    cli("log", "40m", "CNNs", "conv by hand", "--date", "2026-11-20")
    cli("log", "50m", "CNNs", "pooling", "--date", "2026-11-09")
    week = cli("sessions", "--week", "2026-11-18", "--json")
    assert [row["note"] for row in json.loads(week.stdout)] == ["broadcasting", "conv by hand"]
    assert json.loads(cli("sessions", "--week", "2026-W47", "--json").stdout) == json.loads(week.stdout)
    ranged = cli("sessions", "--from", "2026-11-01", "--to", "2026-11-17", "--json")
    assert [row["minutes"] for row in json.loads(ranged.stdout)] == [50, 30]
    by_topic = cli("sessions", "--from", "2026-11-01", "--topic", "cnns")
    assert "conv by hand" in by_topic.stdout and "broadcasting" not in by_topic.stdout
    assert "2 sessions, 1h30m in all." in by_topic.stdout
    clash = cli("sessions", "--week", "today", "--from", "2026-11-01")
    assert clash.exit_code == 2 and "can't be used together" in clash.stderr
    backwards = cli("sessions", "--from", "2026-11-10", "--to", "2026-11-01")
    assert backwards.exit_code == 2 and "is after" in backwards.stderr
    missing = cli("sessions", "--topic", "Quantum")
    assert missing.exit_code == 2 and "no topic 'Quantum'" in missing.stderr


def test_stats_reports_today_streaks_week_and_plan(cli) -> None:
    cli("resource", "add", "HOML", "--kind", "book", "--fte", "0.5", "--units", "19")
    for day in ("2026-11-18", "2026-11-19", "2026-11-20"):
        cli("log", "30m", "CNNs", "--date", day, "--resource", "HOML")
    cli("log", "20m", "RNNs")  # today, below the minimum
    data = json.loads(cli("stats", "--json").stdout)
    assert data["today_minutes"] == 20 and data["daily_minimum"] == 30
    assert data["current_streak"] == 3 and data["longest_streak"] == 3
    assert data["week"] == "2026-W47" and data["week_minutes"] == 110
    assert data["week_by_topic"][0] == {"topic": "CNNs", "minutes": 90, "sessions": 3}
    homl = next(r for r in data["resources"] if r["title"] == "HOML")
    assert homl["plan_hours"] == 75 and homl["spent_hours"] == 1.5
    text = cli("stats").stdout
    assert "Streak: 3 days" in text and "20m of 30m" in text


def test_daily_minimum_comes_from_settings(cli, isolated_environment) -> None:
    config = isolated_environment / "config"
    config.mkdir()
    (config / "config.toml").write_text("daily_minimum = 15\nrest_days_keep_streak = true\n")
    cli("log", "20m", "CNNs", "--date", "2026-11-19")
    cli("rest", "2026-11-20")
    data = json.loads(cli("stats", "--json").stdout)
    assert data["daily_minimum"] == 15
    assert data["current_streak"] == 1


def test_resource_lifecycle(cli) -> None:
    added = cli("resource", "add", "Hands-On Machine Learning", "--kind", "book", "--fte", "0.5", "--cost", "55",
                "--units", "19", "--url", "https://example.org/homl")
    assert added.exit_code == 0 and "75h planned" in added.stdout
    assert cli("resource", "progress", "hands-on", "10").exit_code == 0
    too_far = cli("resource", "progress", "hands-on", "25")
    assert too_far.exit_code == 2 and "more than the 19 units" in too_far.stderr
    assert cli("resource", "update", "Hands-On", "--hours", "80", "--cost", "60").exit_code == 0
    rows = json.loads(cli("resource", "list", "--json").stdout)
    assert rows[0]["plan_hours"] == 80 and rows[0]["fte_points"] is None
    assert rows[0]["units_done"] == 10 and rows[0]["status"] == "active" and rows[0]["cost"] == 60
    cleared = cli("resource", "update", "Hands-On", "--cost", "")
    assert cleared.exit_code == 0
    assert json.loads(cli("resource", "list", "--json").stdout)[0]["cost"] is None
    assert cli("resource", "done", "1").exit_code == 0
    done = json.loads(cli("resource", "list", "--json").stdout)[0]
    assert done["status"] == "done" and done["units_done"] == 19
    listing = cli("resource", "list").stdout
    assert "19/19" in listing
    both = cli("resource", "add", "X", "--hours", "3", "--fte", "1")
    assert both.exit_code == 2 and "hours and FTE points can't be used together" in both.stderr
    duplicate = cli("resource", "add", "hands-on machine learning")
    assert duplicate.exit_code == 2 and "already a resource" in duplicate.stderr
    logged = cli("log", "1h", "CNNs", "--resource", "hands-on machine learning")  # whole names, any case
    assert "new resource" not in logged.stdout
    typo = cli("log", "1h", "CNNs", "--resource", "hands-on")  # logging names things whole: a new one
    assert "new resource 'hands-on'" in typo.stdout
    bad_cost = cli("resource", "add", "Y", "--cost", "lots")
    assert bad_cost.exit_code == 2 and "cost 'lots' is not a number" in bad_cost.stderr


def test_ambiguous_resource_names_are_refused(cli) -> None:
    cli("resource", "add", "Deep Learning Specialization")
    cli("resource", "add", "Deep Learning Book")
    result = cli("resource", "progress", "deep learning", "3")
    assert result.exit_code == 2 and "matches several" in result.stderr


def test_milestones(cli) -> None:
    cli("milestone", "add", "MNIST net from scratch", "--project", "NumPy nets", "--due", "2026-11-01")
    cli("milestone", "add", "REINFORCE in NumPy", "--project", "NumPy nets", "--due", "2026-12-15")
    listing = cli("milestone", "list").stdout
    assert "OVERDUE" in listing
    assert cli("milestone", "done", "mnist").exit_code == 0
    rows = json.loads(cli("milestone", "list", "--json").stdout)
    assert {r["title"]: r["done_on"] for r in rows} == {"MNIST net from scratch": "2026-11-21", "REINFORCE in NumPy": None}
    open_rows = json.loads(cli("milestone", "list", "--open", "--json").stdout)
    assert [r["title"] for r in open_rows] == ["REINFORCE in NumPy"]
    assert cli("milestone", "add", "X", "--due", "someday").exit_code == 2
    assert cli("milestone", "update", "REINFORCE", "--due", "2027-01-10", "--project", "RL").exit_code == 0
    assert cli("milestone", "update", "mnist", "--reopen").exit_code == 0
    rows = {r["title"]: r for r in json.loads(cli("milestone", "list", "--json").stdout)}
    assert rows["REINFORCE in NumPy"]["due"] == "2027-01-10" and rows["REINFORCE in NumPy"]["project"] == "RL"
    assert rows["MNIST net from scratch"]["done_on"] is None


def test_topics_and_learn_later(cli) -> None:
    cli("topic", "add", "Backpropagation", "--parent", "Neural networks", "--notes", "# Chain rule")
    cli("later", "add", "CNNs", "Why do residual connections help?")
    cli("later", "add", "CNNs", "Depthwise separable convolutions")
    topics = {r["name"]: r for r in json.loads(cli("topic", "list", "--json").stdout)}
    assert topics["Backpropagation"]["parent"] == "Neural networks"
    assert topics["Backpropagation"]["notes"] == "# Chain rule"
    assert topics["CNNs"]["open_later"] == 2
    assert cli("later", "done", "1").exit_code == 0
    open_items = json.loads(cli("later", "list", "--json").stdout)
    assert [r["text"] for r in open_items] == ["Depthwise separable convolutions"]
    every = json.loads(cli("later", "list", "--all", "--json").stdout)
    assert every[0]["done_on"] == "2026-11-21"
    assert cli("later", "done", "99").exit_code == 2
    loop = cli("topic", "update", "Neural networks", "--parent", "Backpropagation")
    assert loop.exit_code == 2 and "one of its subtopics" in loop.stderr
    assert cli("topic", "add", "C++", "--parent", "c++").exit_code == 2
    assert cli("topic", "update", "Backpropagation", "--rename", "Backprop").exit_code == 0
    assert "Backprop" in cli("topic", "list").stdout


def test_where_prints_the_locations(cli, db_path, isolated_environment) -> None:
    result = cli("where")
    assert str(db_path) in result.stdout
    assert str(isolated_environment / "config" / "config.toml") in result.stdout


def test_default_journal_lives_in_the_data_directory(cli, isolated_environment) -> None:
    assert cli("log", "30m", "CNNs", db=None).exit_code == 0
    assert (isolated_environment / "data" / "journal.db").exists()


def test_tracker_db_environment_variable(cli, tmp_path, monkeypatch) -> None:
    target = tmp_path / "elsewhere.db"
    monkeypatch.setenv("TRACKER_DB", str(target))
    assert cli("log", "30m", "CNNs", db=None).exit_code == 0
    assert count(target, "study_session") == 1


def test_a_mistyped_journal_path_is_reported_by_reading_commands(cli, tmp_path) -> None:
    missing = tmp_path / "typo" / "journl.db"
    for command in (["stats"], ["sessions"], ["resource", "list"], ["week"]):
        result = cli(*command, db=missing)
        assert result.exit_code == 2, command
        assert "no journal" in result.stderr and "tracker log" in result.stderr
    assert not missing.parent.exists()
    assert cli("log", "30m", "CNNs", db=missing).exit_code == 0, "logging starts a journal there"


def test_a_sqlalchemy_url_works_too(cli, tmp_path) -> None:
    url = f"sqlite+pysqlite:///{tmp_path / 'url.db'}"
    assert cli("--db", url, "log", "30m", "CNNs", db=None).exit_code == 0
    rows = json.loads(cli("--db", url, "sessions", "--json", db=None).stdout)
    assert rows[0]["topic"] == "CNNs"


def test_a_file_that_is_not_a_journal_is_left_untouched(cli, tmp_path) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("my precious notes\n")
    other_db = tmp_path / "other.db"
    with sqlite3.connect(other_db) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
    before = other_db.read_bytes()
    for target in (text_file, other_db):
        result = cli("log", "30m", "CNNs", db=target)
        assert result.exit_code == 2
        assert "is not a tracker journal" in result.stderr
    assert text_file.read_text() == "my precious notes\n"
    assert other_db.read_bytes() == before
    assert not (tmp_path / "other.db-wal").exists()


def test_an_unwritable_location_is_exit_1(cli, tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("log", "30m", "CNNs", db=blocker / "sub" / "journal.db")
    assert result.exit_code == 1
    assert "can't write to" in result.stderr


def test_unexpected_errors_are_one_line_unless_debug(cli, monkeypatch) -> None:
    import tracker.study

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(tracker.study, "log_session", broken)  # cli/actions.py looks it up when it logs
    result = cli("log", "30m", "CNNs")
    assert result.exit_code == 1
    assert "unexpected error: RuntimeError: disk on fire" in result.stderr
    assert "--debug" in result.stderr
    debug = cli("--debug", "log", "30m", "CNNs")
    assert isinstance(debug.exception, RuntimeError)


def test_usage_errors_exit_2(cli) -> None:
    assert cli("log").exit_code == 2
    assert cli("frobnicate").exit_code == 2


def test_no_command_shows_the_day(cli) -> None:
    cli("log", "30m", "CNNs")
    result = cli()
    assert result.exit_code == 0
    assert "Today 2026-11-21" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("daily_minimum = 'thirty'", "daily_minimum should be a whole number"),
        ("daily_minimum = 0", "daily_minimum should be more than 0, not 0"),
        ("week_start = 'friday'", "week_start should be"),
        ("daily_minimum = [", "not valid TOML"),
    ],
)
def test_a_bad_setting_is_named_in_one_line(cli, db_path, isolated_environment, content, message) -> None:
    config = isolated_environment / "config"
    config.mkdir()
    (config / "config.toml").write_text(content + "\n")
    result = cli("log", "30m", "CNNs")
    assert result.exit_code == 2
    assert not db_path.exists(), "nothing is written"
    assert message in result.stderr and "config.toml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("line", ["theme = 5", "checkpoint_timeout = nan", "fte_hours = inf", "daily_minimum = 0"])
def test_settings_that_no_tracker_could_use_are_refused_before_anything_runs(cli, db_path, line) -> None:
    from tracker import config

    config.config_file().parent.mkdir(parents=True, exist_ok=True)
    config.config_file().write_text(line + "\n", encoding="utf-8")
    result = cli("log", "30m", "CNNs")
    assert result.exit_code == 2 and line.split()[0] in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not db_path.exists() or count(db_path, "study_session") == 0


def test_an_empty_db_is_refused_not_taken_for_the_default_journal(cli) -> None:
    from tracker import config

    result = cli("--db", "", "log", "30m", "CNNs", db=None)
    assert result.exit_code == 2 and "--db is empty" in result.stderr
    assert not config.default_journal_path().exists()
