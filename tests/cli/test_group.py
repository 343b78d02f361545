"""Study groups on PostgreSQL (issue 17 item 4): learners are roles, row-level security keeps each
learner's rows theirs (shown with real queries, psycopg and the real psql), and the group views
and `tracker group status` hold only what each member shares. PostgreSQL only: skipped without
a server (the postgres_server fixture says why)."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta

import pytest

from tests.testkit.cli import run_tracker
from tests.testkit.clock import TODAY
from tests.testkit.group import MONDAY, Group, log_week, made_group
from tracker.errors import Msg
from tracker.habit import habit_strength, strength_percent


@pytest.fixture
def group(postgres_server):
    with made_group(postgres_server) as made:
        yield made


def _line(ran) -> str:  # noqa: ANN001
    """The one line a refused command printed (without the `tracker: ` prefix)."""
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1, ran.stderr
    return lines[0].removeprefix("tracker: ")


def _ok(ran) -> str:  # noqa: ANN001
    assert ran.exit_code == 0, ran.stderr + ran.stdout
    return ran.stdout


def test_invite_makes_a_login_role_shown_once_and_bad_names_are_refused(group: Group) -> None:
    out = group.invite(group.ada, "--display-name", "Ada L.")
    assert out.count(group.passwords[group.ada]) == 2  # in the line with the password, and in the URL
    assert group.urls[group.ada].startswith(f"postgresql+psycopg://{group.ada}:")
    assert group.urls[group.ada].endswith(f"@127.0.0.1:{group.server.port}/{group.db}")
    with group.connect(group.ada) as conn:
        assert conn.execute("SELECT current_user, pg_has_role('tracker_learner', 'MEMBER')").fetchone() == (group.ada, True)
    with group.server.admin() as conn:
        assert conn.execute("SELECT rolcanlogin, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = %s",
                            (group.ada,)).fetchone() == (True, False, False)
    again = run_tracker(group.admin_url, "group", "invite", group.ada)
    assert (again.exit_code, again.stdout) == (2, "")
    assert _line(again) == f"there is already a role {group.ada!r} on this server: choose another name"
    for bad in ("Ada", "1ada", "ada-l", "ada; DROP TABLE topic", "a" * 64, "", "pg_ada", "tracker_learner"):
        refused = run_tracker(group.admin_url, "group", "invite", bad)
        assert refused.exit_code == 2, bad
        _line(refused)
    with group.server.admin() as conn:
        assert conn.execute("SELECT count(*) FROM pg_roles WHERE rolname ILIKE 'ada%%' AND rolname <> %s",
                            (group.ada,)).fetchone() == (0,)


def test_a_learner_can_read_and_change_only_their_own_rows(group: Group) -> None:
    group.invite(group.ada)
    group.invite(group.ben)
    log_week(group)
    ada, ben = group.ada, group.ben
    with group.connect(ben) as conn:
        for table in ("study_session", "card", "review", "checkpoint_run", "topic", "week_note"):
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE learner <> current_user").fetchone() == (0,), table
        assert conn.execute("SELECT count(*) FROM study_session").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM card").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM review").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM checkpoint_run").fetchone() == (0,)
        assert conn.execute("SELECT name FROM topic").fetchall() == [("CNNs",)]  # his own, same name as ada's
        assert conn.execute("SELECT count(*) FROM study_session WHERE note LIKE 'ada%%'").fetchone() == (0,)
        for table in ("study_session", "card", "review", "checkpoint_run", "topic"):
            assert conn.execute(f"UPDATE {table} SET updated_at = 'x' WHERE learner = %s", (ada,)).rowcount == 0
            assert conn.execute(f"DELETE FROM {table} WHERE learner = %s", (ada,)).rowcount == 0
        import psycopg

        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO study_session (day, minutes, topic_id, learner, created_at, updated_at) "
                         "SELECT '2026-11-21', 30, id, %s, 'x', 'x' FROM topic", (ada,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE study_session SET learner = %s", (ada,))  # giving a row away
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("ALTER TABLE study_session DISABLE ROW LEVEL SECURITY")
    with group.connect(ada) as conn:
        assert conn.execute("SELECT count(*), sum(minutes) FROM study_session").fetchone() == (5, 170)
        assert conn.execute("SELECT count(*) FROM review").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM checkpoint_run").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM topic").fetchone() == (1,)
    # The learners' own commands see their own journals only.
    assert "ben private" not in _ok(group.tracker(ada, "sessions"))
    assert "ada secret" not in _ok(group.tracker(ben, "sessions"))


def test_hand_written_sql_through_psql_cannot_reach_another_learners_rows(group: Group) -> None:
    group.invite(group.ada)
    group.invite(group.ben)
    log_week(group)
    script = (
        "SELECT 'seen', count(*) FROM study_session WHERE learner = 'ADA';\n"
        "SELECT 'notes', count(*) FROM study_session WHERE note LIKE 'ada%';\n"
        "UPDATE study_session SET note = 'hacked' WHERE learner = 'ADA';\n"
        "DELETE FROM card WHERE learner = 'ADA';\n"
        "DELETE FROM checkpoint_run;\n"
        "INSERT INTO topic (name, learner, created_at, updated_at) VALUES ('planted', 'ADA', 'x', 'x');\n"
    ).replace("ADA", group.ada)
    ran = subprocess.run(
        [str(group.server.bin_dir / "psql"), "-X", "-A", "-t", "-h", "127.0.0.1", "-p", str(group.server.port),
         "-U", group.ben, "-d", group.db, "-c", script.split("\n")[0], *sum((["-c", s] for s in script.split("\n")[1:] if s), [])],
        env={"PGPASSWORD": group.passwords[group.ben], "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=60)
    assert ran.stdout.splitlines() == ["seen|0", "notes|0", "UPDATE 0", "DELETE 0", "DELETE 0"], ran.stdout + ran.stderr
    assert 'new row violates row-level security policy for table "topic"' in ran.stderr
    with group.connect(group.ada) as conn:
        assert conn.execute("SELECT count(*) FROM study_session WHERE note = 'hacked'").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM card").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM checkpoint_run").fetchone() == (3,)
    with group.server.admin(group.db) as conn:
        assert conn.execute("SELECT count(*) FROM topic WHERE name = 'planted'").fetchone() == (0,)


def test_the_group_views_hold_only_what_each_member_shares(group: Group) -> None:
    group.invite(group.ada, "--display-name", "Ada L.")
    group.invite(group.ben)
    log_week(group)
    ada, ben = group.ada, group.ben
    with group.connect(ben) as conn:
        member = conn.execute("SELECT display_name, daily_minimum, minutes, days_met, streak, habit, checkpoints, "
                              "titles, notes FROM group_member WHERE learner = %s", (ada,)).fetchone()
        assert member == ("Ada L.", 30, 1, 1, 1, 1, 1, 1, 0)
        assert conn.execute("SELECT day, minutes FROM group_daily WHERE learner = %s ORDER BY day", (ada,)).fetchall() == [
            ("2026-11-16", 40), ("2026-11-17", 30), ("2026-11-19", 20), ("2026-11-20", 35), ("2026-11-21", 45)]
        assert conn.execute("SELECT checkpoint FROM group_checkpoint WHERE learner = %s ORDER BY 1", (ada,)).fetchall() == [
            ("conv2d",), ("softmax",)]
        assert conn.execute("SELECT title FROM group_week_title WHERE learner = %s", (ada,)).fetchall() == [
            ("Convolutions click",)]
        assert conn.execute("SELECT count(*) FROM group_note").fetchone() == (0,)  # notes: never by default
        columns = {(row[0], row[1]) for row in conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_name LIKE 'group\\_%%' "
            "AND table_name NOT IN ('group_share', 'group_note')")}
        assert {name for _, name in columns} & {"note", "reflection", "next_plan", "front", "back", "message"} == set()
        assert conn.execute("SELECT learner FROM group_share").fetchall() == []  # ada's row (her display name): hers
    _ok(group.tracker(ada, "group", "share", "--no-minutes", "--notes"))
    with group.connect(ben) as conn:
        assert conn.execute("SELECT minutes, notes FROM group_member WHERE learner = %s", (ada,)).fetchone() == (0, 1)
        # Without minutes a day is cut at her minimum: days met, streak and habit, nothing more.
        assert conn.execute("SELECT day, minutes FROM group_daily WHERE learner = %s ORDER BY day", (ada,)).fetchall() == [
            ("2026-11-16", 30), ("2026-11-17", 30), ("2026-11-19", 20), ("2026-11-20", 30), ("2026-11-21", 30)]
        assert sorted(conn.execute("SELECT note FROM group_note WHERE learner = %s", (ada,)).fetchall()) == [
            ("ada secret monday",), ("ada secret saturday",), ("ada thursday",)]
        assert conn.execute("SELECT count(*) FROM group_note WHERE learner = %s", (ben,)).fetchone() == (0,)
    status = json.loads(_ok(group.tracker(ben, "group", "status", "--json")))
    shown = {m["learner"]: m for m in status["members"]}
    assert shown[ada]["minutes"] is None
    assert shown[ada]["days_met"] == 4
    _ok(group.tracker(ada, "group", "share", "--no-days-met", "--no-streak", "--no-habit"))
    with group.connect(ben) as conn:
        assert conn.execute("SELECT count(*) FROM group_daily WHERE learner = %s", (ada,)).fetchone() == (0,)


def test_group_status_counts_each_members_week_from_what_they_share(group: Group) -> None:
    group.invite(group.ada, "--display-name", "Ada L.")
    group.invite(group.ben)
    log_week(group)
    ada, ben = group.ada, group.ben
    _ok(group.tracker(ben, "group", "share", "--no-checkpoints", "--daily-minimum", "45"))
    status = json.loads(_ok(group.tracker(ben, "group", "status", "--json")))
    assert (status["week"], status["week_start"], status["week_end"]) == ("2026-W47", "2026-11-16", "2026-11-22")
    shown = {m["learner"]: m for m in status["members"]}
    assert set(shown) == {ada, ben}
    totals = {MONDAY + timedelta(days=d): m for d, m in ((0, 40), (1, 30), (3, 20), (4, 35), (5, 45))}
    assert shown[ada] == {
        "learner": ada, "display_name": "Ada L.", "daily_minimum": 30, "minutes": 170, "days_met": 4, "streak": 2,
        "habit_strength": strength_percent(habit_strength(totals, set(), 30, TODAY)),
        "checkpoints_passed": 2, "checkpoints_this_week": 1, "title": "Convolutions click"}
    assert shown[ada]["habit_strength"] > 0
    assert shown[ben] == {
        "learner": ben, "display_name": ben, "daily_minimum": 45, "minutes": 60, "days_met": 1, "streak": 1,
        "habit_strength": strength_percent(habit_strength({TODAY: 60}, set(), 45, TODAY)),
        "checkpoints_passed": None, "checkpoints_this_week": None, "title": None}
    table = _ok(group.tracker(ada, "group", "status")).splitlines()
    assert table[0] == "Study group, week 2026-W47 (2026-11-16 to 2026-11-22)"
    assert table[3].split() == ["Ada", "L.", "2h50m", "4", "2", f"{shown[ada]['habit_strength']}%", "2", "(+1)",
                                "Convolutions", "click"]
    assert table[4].split() == [ben, "1h", "1", "1", f"{shown[ben]['habit_strength']}%", "—", "—"]
    earlier = json.loads(_ok(group.tracker(ben, "group", "status", "--week", "2026-W45", "--json")))
    assert {m["learner"]: (m["minutes"], m["checkpoints_passed"]) for m in earlier["members"]} == {
        ada: (0, 1), ben: (0, None)}
    shares = _ok(group.tracker(ben, "group", "share"))
    assert shares.strip() == (f"{ben} shares: minutes, days_met, streak, habit, titles; "
                              "keeps private: checkpoints, notes; daily minimum 45")


def test_another_learners_row_is_not_yours_and_a_learner_is_no_admin(group: Group) -> None:
    group.invite(group.ada)
    group.invite(group.ben)
    log_week(group)
    from tracker.errors import TrackerError
    from tracker.store import open_journal

    with open_journal(group.urls[group.ben]) as journal:
        with pytest.raises(TrackerError) as refused:
            with journal.transaction():
                journal.execute("INSERT INTO rest_day (day, learner, created_at, updated_at) "
                                "VALUES ('2026-11-20', :ada, 'x', 'x')", {"ada": group.ada})
        assert refused.value.exit_code == 2
        assert str(refused.value).startswith("not yours: ")
        assert "\n" not in str(refused.value)
    # What ben can't see is simply not there for him: the usual "no such" line.
    with group.connect(group.ada) as conn:
        ada_card = conn.execute("SELECT id FROM card").fetchone()[0]
    missing = group.tracker(group.ben, "cards", "delete", str(ada_card))
    assert missing.exit_code == 2 and _line(missing).startswith("no "), missing.stderr
    for command in (("init",), ("invite", "cyd")):
        ran = group.tracker(group.ben, "group", *command)
        assert ran.exit_code == 2
        assert _line(ran) == Msg.GROUP_NEEDS_ADMIN.value.format(command=command[0], role=group.ben)
    with group.server.admin() as conn:
        assert conn.execute("SELECT count(*) FROM pg_roles WHERE rolname = 'cyd'").fetchone() == (0,)


def test_a_learner_opening_a_journal_the_admin_has_not_upgraded_gets_one_line(group: Group) -> None:
    group.invite(group.ada)
    with group.server.admin(group.db) as conn:
        conn.execute("UPDATE tracker_meta SET value = '7' WHERE key = 'schema_version'")
        conn.execute("UPDATE alembic_version SET version_num = '0007'")
    ran = group.tracker(group.ada, "sessions")
    assert ran.exit_code == 2
    assert _line(ran).endswith("ask the server's admin to run `tracker group init`")


def test_group_commands_on_a_sqlite_journal_are_one_line(tmp_path) -> None:  # noqa: ANN001
    db = tmp_path / "journal.db"
    for command in (("init",), ("invite", "ada"), ("share", "--no-minutes"), ("status",)):
        ran = run_tracker(db, "group", *command)
        assert (ran.exit_code, ran.stdout) == (2, ""), command
        assert _line(ran) == "study groups need a server journal (TRACKER_DB=postgresql+psycopg://...)"
    assert not db.exists()
