"""The plain-text journal (export/import) and the spreadsheet schedule import."""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testkit.journals import blank_journal
from testkit.paths import REPO

from tracker import cards, parse, plan, study, timer
from tracker.errors import TrackerError
from tracker.plaintext import (
    FILE_COLUMNS,
    export_journal,
    import_journal,
    import_schedule_csv,
    unique_slugs,
)
from tracker.spacing import DEFAULT_PARAMETERS, parameters_in_force
from tracker.store import Journal, open_journal, stamps
from tracker.topics import add_topic, update_topic

NOW = "2026-03-10T09:00:00+00:00"
STAMP = "2026-03-10T09:00:00Z"
TODAY = date(2026, 3, 10)
TABLES = ("study_session", "topic", "resource", "resource_progress", "milestone", "learn_later",
          "week_note", "rest_day", "checkpoint_run", "checkpoint_event", "card", "review", "goal", "running_timer",
          "fsrs_parameters")
#: A first-4 fit as `tracker cards optimize` stores it; 0.1 + 0.2 must read back exactly.
FITTED = [0.1 + 0.2, 1.1, 2.5, 9.75, *DEFAULT_PARAMETERS[4:]]
JACOBIAN_FRONT = "What is a **Jacobian**?\n\n- a matrix\n- of \"partial\" derivatives, ∂f/∂x"


# -- fixtures and helpers -------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_NOW", NOW)


@pytest.fixture
def journal(tmp_path: Path):
    with open_journal(str(blank_journal(tmp_path / "j.db"))) as opened:
        yield opened


@pytest.fixture
def other(tmp_path: Path):
    """A second, empty journal to import into."""
    with open_journal(str(blank_journal(tmp_path / "other.db"))) as opened:
        yield opened


def files_of(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*")) if path.is_file()
    }


def row_counts(journal: Journal) -> dict[str, int]:
    return {table: journal.scalar(f"SELECT count(*) FROM {table}") for table in TABLES}


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def record_run(journal: Journal, checkpoint: str, passed: bool, message: str, seconds: float,
               ran_at: str, code_hash: str = "", sandbox: str = "", checks: tuple[int, int] | None = None) -> None:
    """A checkpoint run as the checkpoint runner records it (checks passed of total; None for a block)."""
    passed_checks, total = checks or (None, None)
    journal.insert(
        "INSERT INTO checkpoint_run (checkpoint, passed, message, seconds, code_hash, ran_at, sandbox, checks_passed, "
        "checks_total, created_at, updated_at) VALUES (:checkpoint, :passed, :message, :seconds, :code_hash, "
        ":ran_at, :sandbox, :checks_passed, :checks_total, :created_at, :updated_at) RETURNING id",
        {"checkpoint": checkpoint, "passed": int(passed), "message": message, "seconds": seconds,
         "code_hash": code_hash, "ran_at": ran_at, "sandbox": sandbox, "checks_passed": passed_checks,
         "checks_total": total, **stamps()},
    )


def record_event(journal: Journal, checkpoint: str, kind: str, at: str) -> None:
    """A hint read, a give-up or a reset, as tracker.checkpoints.events stores it."""
    journal.insert(
        "INSERT INTO checkpoint_event (checkpoint, kind, at, created_at, updated_at) "
        "VALUES (:checkpoint, :kind, :at, :created_at, :updated_at) RETURNING id",
        {"checkpoint": checkpoint, "kind": kind, "at": at, **stamps()},
    )


def add_review(journal: Journal, card_id: int, rating: int, reviewed_at: str, duration_ms: int | None) -> None:
    journal.insert(
        "INSERT INTO review (card_id, rating, reviewed_at, review_duration_ms, created_at, updated_at) "
        "VALUES (:card_id, :rating, :reviewed_at, :duration, :created_at, :updated_at) RETURNING id",
        {"card_id": card_id, "rating": rating, "reviewed_at": reviewed_at, "duration": duration_ms, **stamps()},
    )


def exact_values(journal: Journal) -> dict[str, list[tuple]]:
    """The non-text values of runs, cards and reviews, which must come back exactly (floats too)."""
    return {
        "runs": [tuple(r.values()) for r in journal.rows(
            "SELECT passed, seconds, code_hash, ran_at, sandbox, checks_passed, checks_total, created_at "
            "FROM checkpoint_run ORDER BY ran_at, id")],
        "events": [tuple(e.values()) for e in journal.rows(
            "SELECT checkpoint, kind, at, created_at FROM checkpoint_event ORDER BY at, id")],
        "cards": [tuple(c.values()) for c in journal.rows(
            "SELECT uid, tags, source, state, step, stability, difficulty, due, last_review, created_at "
            "FROM card ORDER BY uid")],
        "reviews": [tuple(r.values()) for r in journal.rows(
            "SELECT c.uid, r.rating, r.reviewed_at, r.review_duration_ms, r.created_at FROM review r "
            "JOIN card c ON c.id = r.card_id ORDER BY r.reviewed_at, r.id")],
        "fsrs_parameters": [tuple(r.values()) for r in journal.rows(
            "SELECT id, fitted_on, reviews, scope, parameters, created_at, updated_at FROM fsrs_parameters ORDER BY id")],
    }


def add_fit(journal: Journal, parameters: list[float], fitted_on: str, reviews: int, scope: str) -> None:
    """A fit, as tracker.cards.memory.optimize stores it."""
    journal.insert(
        "INSERT INTO fsrs_parameters (fitted_on, reviews, scope, parameters, created_at, updated_at) "
        "VALUES (:fitted_on, :reviews, :scope, :parameters, :created_at, :updated_at) RETURNING id",
        {"fitted_on": fitted_on, "reviews": reviews, "scope": scope, "parameters": json.dumps(parameters),
         **stamps()},
    )


def sample_journal(journal: Journal) -> None:
    add_topic(journal, "Linear Algebra", notes="# Vectors\n\nA line, with \"quotes\".")
    add_topic(journal, "Backprop", parent="Linear Algebra")
    study.log_session(journal, minutes=45, topic="Backprop", day=date(2026, 3, 9), resource="CS231n",
                      kind="watch", stuck=True, note='chain rule, "by hand"\nsecond line — ünïcödé 🙂')
    study.log_session(journal, minutes=90, topic="Linear Algebra", day=date(2026, 3, 2))
    plan.add_resource(journal, "Deep Learning Book", kind="book", fte=0.5, cost="49.99", units=20)
    plan.add_resource(journal, "fast.ai", kind="course", hours=70, url="https://course.fast.ai")
    plan.record_progress(journal, "Deep Learning Book", 3, date(2026, 3, 9))
    plan.add_milestone(journal, "Ship MNIST", project="mnist", due=date(2026, 3, 20))
    study.add_later(journal, "Backprop", "Jacobians, properly", date(2026, 3, 9))
    study.set_week_note(journal, "2026-W11", title="Week 11", reflection="Good week.\nTired.", next_plan="")
    study.declare_rest_day(journal, date(2026, 3, 8))
    record_run(journal, "softmax", False, "row sums are 0.98, not 1\n  (check the max trick)", 0.1 + 0.2,
               "2026-03-09T20:15:00Z", "ab12", sandbox="bwrap", checks=(4, 6))
    record_event(journal, "softmax", "hint", "2026-03-09T20:10:00Z")
    record_event(journal, "softmax", "reset", "2026-03-09T20:12:00Z")
    record_run(journal, "notes/linear algebra.md#2", True, "", 1.5, "2026-03-08T07:00:00Z")
    card = cards.add_card(journal, JACOBIAN_FRONT, "The matrix of first derivatives.\n\n$J_{ij} = ∂f_i/∂x_j$",
                          "Backprop", tags="calculus, #ml", uid="t-jacobian").card
    cards.rate(journal, card, "good", duration_ms=4200, fuzz=False)  # real FSRS floats
    cards.add_card(journal, "Checkpoint `softmax` failed", "", "Backprop", source="checkpoint", uid="c-softmax")
    add_fit(journal, list(DEFAULT_PARAMETERS), "2026-03-01T08:00:00Z", 120, "all")  # older, no longer in force
    add_fit(journal, FITTED, "2026-03-09T21:00:00Z", 140, "first-4")  # after the rating: the card's floats stay


# -- export ---------------------------------------------------------------------------------------
def test_export_writes_the_documented_files(journal: Journal, tmp_path: Path) -> None:
    sample_journal(journal)
    result = export_journal(journal, tmp_path / "out")
    files = files_of(tmp_path / "out")
    assert sorted(files) == result.files
    assert set(FILE_COLUMNS) <= set(files)
    assert "weeks/2026-W11.md" in files and "weeks/2026-W11.plan.md" not in files  # empty plan: no file
    assert files["topics/linear-algebra.md"] == b'# Vectors\n\nA line, with "quotes".\n'
    assert result.counts["sessions"] == 2 and result.counts["topics"] == 2
    assert "2 sessions" in result.summary()

    sessions = files["sessions.csv"].decode()
    assert sessions.splitlines()[0] == "date,minutes,topic,resource,kind,stuck,note,created_at,updated_at"
    assert sessions.startswith(  # by date: the later-logged session of 2 March comes first
        "date,minutes,topic,resource,kind,stuck,note,created_at,updated_at\n"
        f"2026-03-02,90,Linear Algebra,,other,,,{STAMP},{STAMP}\n"
        f'2026-03-09,45,Backprop,CS231n,watch,yes,"chain rule, ""by hand""\nsecond line'
    )
    assert "\r" not in sessions
    resources = files["resources.csv"].decode().splitlines()
    assert f"Deep Learning Book,book,,,,0.5,49.99,20,3,active,{STAMP},{STAMP}" in resources
    assert f"fast.ai,course,,https://course.fast.ai,70,,,,0,planned,{STAMP},{STAMP}" in resources
    weeks = files["weeks.csv"].decode().splitlines()
    assert weeks[1] == f"2026-W11,Week 11,weeks/2026-W11.md,,{STAMP},{STAMP}"

    runs = files["checkpoint_runs.csv"].decode()
    assert runs == (  # by ran_at; 0.1 + 0.2 written so that it reads back exactly
        "checkpoint,passed,message,seconds,code_hash,ran_at,sandbox,checks_passed,checks_total,created_at,updated_at\n"
        f"notes/linear algebra.md#2,yes,,1.5,,2026-03-08T07:00:00Z,,,,{STAMP},{STAMP}\n"
        f'softmax,,"row sums are 0.98, not 1\n  (check the max trick)",0.30000000000000004,ab12,'
        f"2026-03-09T20:15:00Z,bwrap,4,6,{STAMP},{STAMP}\n"
    )
    assert files["checkpoint_events.csv"].decode() == (  # by time
        "checkpoint,kind,at,created_at,updated_at\n"
        f"softmax,hint,2026-03-09T20:10:00Z,{STAMP},{STAMP}\n"
        f"softmax,reset,2026-03-09T20:12:00Z,{STAMP},{STAMP}\n"
    )
    card = journal.row("SELECT * FROM card WHERE uid = 't-jacobian'")
    assert isinstance(card["stability"], float) and not card["stability"].is_integer()
    cards_csv = files["cards.csv"].decode()
    assert cards_csv.splitlines()[0] == (
        "uid,topic,front,back,tags,source,state,step,stability,difficulty,due,last_review,suspended,created_at,updated_at"
    )
    assert cards_csv.index("c-softmax,") < cards_csv.index("t-jacobian,")  # by uid
    quoted_front = JACOBIAN_FRONT.replace('"', '""')
    assert (
        f't-jacobian,Backprop,"{quoted_front}","The matrix of first derivatives.\n\n$J_{{ij}} = ∂f_i/∂x_j$",'
        f"calculus ml,cli,{card['state']},{card['step'] if card['step'] is not None else ''},"
        f"{card['stability']!r},{card['difficulty']!r},{card['due']},{STAMP},,{STAMP},{STAMP}\n"
    ) in cards_csv
    assert f"c-softmax,Backprop,Checkpoint `softmax` failed,,,checkpoint,1,0,,,{STAMP},,,{STAMP},{STAMP}\n" in cards_csv
    assert files["reviews.csv"].decode() == (
        "card,rating,reviewed_at,review_duration_ms,source,anki_revlog_id,created_at,updated_at\n"
        f"t-jacobian,3,{STAMP},4200,tracker,,{STAMP},{STAMP}\n"
    )
    assert result.counts["checkpoint_runs"] == 2 and result.counts["cards"] == 2 and result.counts["reviews"] == 1


def test_export_refuses_a_non_empty_target(journal: Journal, tmp_path: Path) -> None:
    write(tmp_path / "full" / "keep.txt", "mine")
    with pytest.raises(TrackerError, match="exists and is not empty") as caught:
        export_journal(journal, tmp_path / "full")
    assert caught.value.exit_code == 2
    write(tmp_path / "a-file", "mine")
    with pytest.raises(TrackerError, match="exists and is not empty"):
        export_journal(journal, tmp_path / "a-file")
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"


def test_export_into_an_empty_or_new_directory_leaves_no_temporary_files(journal: Journal, tmp_path: Path) -> None:
    sample_journal(journal)
    (tmp_path / "empty").mkdir()
    export_journal(journal, tmp_path / "empty")
    export_journal(journal, tmp_path / "new" / "nested")
    assert files_of(tmp_path / "empty") == files_of(tmp_path / "new" / "nested")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "j.db", "j.db-shm", "j.db-wal", "new"]


def test_a_failed_export_leaves_nothing_behind(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    sample_journal(journal)
    (tmp_path / "out").mkdir()

    def disk_full(self: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "rename", disk_full)
    with pytest.raises(TrackerError, match="can't write to .*out: No space left on device") as caught:
        export_journal(journal, tmp_path / "out")
    assert caught.value.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.db", "j.db-shm", "j.db-wal", "out"]
    assert list((tmp_path / "out").iterdir()) == []


def test_topic_slugs_are_deduplicated_deterministically(journal: Journal, tmp_path: Path) -> None:
    assert unique_slugs(["Linear Algebra", "linear algebra!", "Linear-Algebra 2", "Réseaux", "深層学習", "NUL"]) == [
        "linear-algebra", "linear-algebra-2", "linear-algebra-2-2", "reseaux", "topic", "nul-topic",
    ]
    assert unique_slugs(["a", "A!", "a 2"]) == ["a", "a-2", "a-2-2"]
    for name in ("C++", "c", "C#", "深層学習", "強化学習"):
        add_topic(journal, name, notes=f"notes on {name}")
    export_journal(journal, tmp_path / "out")
    topics = (tmp_path / "out" / "topics.csv").read_text().splitlines()[1:]
    assert [line.split(",")[2] for line in topics] == [
        "topics/c.md", "topics/c-2.md", "topics/c-3.md", "topics/topic.md", "topics/topic-2.md",
    ]
    assert (tmp_path / "out" / "topics" / "topic-2.md").read_text() == "notes on 深層学習\n"  # 強 sorts before 深


# -- round trip -----------------------------------------------------------------------------------
def test_round_trip_of_the_sample(journal: Journal, other: Journal, tmp_path: Path) -> None:
    sample_journal(journal)
    export_journal(journal, tmp_path / "one")
    result = import_journal(other, tmp_path / "one")
    assert result.topics_created == [] and result.resources_created == [] and result.warnings == []
    assert result.counts == {"sessions": 2, "topics": 2, "resources": 3, "progress": 1, "milestones": 1,
                             "later": 1, "weeks": 1, "rest_days": 1, "checkpoint_runs": 2,
                             "checkpoint_events": 2, "cards": 2, "reviews": 1, "goals": 0,
                             "timer": 0, "fsrs_parameters": 2}
    assert "2 checkpoint runs, 2 checkpoint events, 2 cards, 1 review" in result.summary()
    export_journal(other, tmp_path / "two")
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")
    assert exact_values(other) == exact_values(journal)
    assert cards.get_card(other, other.scalar("SELECT id FROM card WHERE uid = 't-jacobian'"))["front"] == JACOBIAN_FRONT
    assert [(s["topic"], s["minutes"], s["stuck"]) for s in study.list_sessions(other)] == [
        ("Linear Algebra", 90, False), ("Backprop", 45, True)
    ]
    assert row_counts(other) == row_counts(journal)
    assert parameters_in_force(other) == tuple(FITTED)  # the newest fit is still the one in force


_TRICKY = list(',;"\'\n\r\t  \\é—🙂\u2028\u00a0\ufeff\x00\x0b') + ["\r\n", '""', "=SUM(A1)"] + [
    "+1", "-", "@A1", "'", "''", "'=", "'tis",  # formula-like starts, and the apostrophe that guards them
]
texts = st.lists(
    st.one_of(st.sampled_from(_TRICKY), st.text(st.characters(codec="utf-8"), max_size=6)), max_size=8,
).map("".join)
names = st.text(
    st.one_of(st.sampled_from(list("aAbB  -,\"'é🙂ß=+@")), st.characters(codec="utf-8", exclude_categories=["Cc"])),
    min_size=1, max_size=12,
).filter(lambda s: s.split())  # names refuse control characters (they would reach the terminal raw)
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
utc_times = st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")
)
any_float = st.floats(min_value=0, allow_nan=False, allow_infinity=False)
#: FSRS-like stability (days) and difficulty (1-10), and now and then any float: all must read back exactly.
stabilities = st.one_of(st.none(), st.floats(min_value=0.001, max_value=36_500), any_float)
difficulties = st.one_of(st.none(), st.floats(min_value=1, max_value=10), any_float)
hex_text = st.text("0123456789abcdef", max_size=64)
uids = st.one_of(st.uuids().map(str), st.text("0123456789abcdef", min_size=24, max_size=24).map("t-{}".format))
amounts = st.one_of(
    st.none(), st.integers(0, 500),
    st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False),
)


@st.composite
def journals(draw: st.DrawFn) -> dict:
    """A journal as the services would build it, with hostile text everywhere."""
    topics = draw(st.lists(st.tuples(names, texts), max_size=5))
    pool = [name for name, _ in topics] + draw(st.lists(names, min_size=1, max_size=3))
    parents = [draw(st.one_of(st.none(), st.sampled_from(pool))) for _ in topics]
    resources = draw(st.lists(st.fixed_dictionaries({
        "title": names, "kind": st.sampled_from(parse.RESOURCE_KINDS),
        "status": st.sampled_from(parse.RESOURCE_STATUSES),
        "effort": st.one_of(st.none(), st.tuples(st.sampled_from(["hours", "fte"]), amounts.filter(lambda a: a is not None))),
        "cost": amounts, "units": st.one_of(st.none(), st.integers(1, 40)),
        "url": st.one_of(st.none(), texts), "provider": st.one_of(st.none(), texts),
        "progress": st.lists(st.tuples(st.integers(0, 40), days), max_size=3),
    }), max_size=4))
    titles = [r["title"] for r in resources] + draw(st.lists(names, max_size=2))
    sessions = draw(st.lists(st.fixed_dictionaries({
        "day": days, "minutes": st.integers(1, parse.MAX_SESSION_MINUTES), "topic": st.sampled_from(pool),
        "resource": st.one_of(st.none(), st.sampled_from(titles)) if titles else st.none(),
        "kind": st.sampled_from(parse.ACTIVITY_KINDS), "stuck": st.booleans(), "note": texts,
    }), max_size=12))
    milestones = draw(st.lists(st.tuples(names, st.one_of(st.none(), names), st.one_of(st.none(), days),
                                         st.one_of(st.none(), days), st.one_of(st.none(), texts)), max_size=3))
    later = draw(st.lists(st.tuples(st.sampled_from(pool), texts.filter(str.strip), days,
                                    st.one_of(st.none(), days)), max_size=3))
    weeks = draw(st.lists(st.tuples(days, texts, texts, texts), max_size=3))
    rest = draw(st.lists(days, max_size=3))
    runs = draw(st.lists(st.tuples(texts.filter(str.strip).map(str.strip), st.booleans(), texts,
                                   st.one_of(any_float, st.floats(0, 30)), utc_times, hex_text), max_size=4))
    card_specs = draw(st.lists(st.fixed_dictionaries({
        "uid": uids, "topic": st.sampled_from(pool), "front": texts.filter(str.strip), "back": texts,
        "tags": st.one_of(st.none(), texts), "source": st.sampled_from(cards.SOURCES),
        "fsrs": st.one_of(st.none(), st.fixed_dictionaries({
            "state": st.integers(1, 3), "step": st.one_of(st.none(), st.integers(0, 5)),
            "stability": stabilities, "difficulty": difficulties, "due": utc_times,
            "last_review": st.one_of(st.none(), utc_times),
        })),
    }), max_size=4))
    reviews = draw(st.lists(st.tuples(st.integers(0, 10), st.integers(1, 4), utc_times,
                                      st.one_of(st.none(), st.integers(0, 10**9))), max_size=6))
    timer = draw(st.one_of(st.none(), st.fixed_dictionaries({  # names as typed: new ones too
        "topic": st.one_of(st.sampled_from(pool), names), "resource": st.one_of(st.none(), names),
        "kind": st.sampled_from(parse.ACTIVITY_KINDS), "note": texts,
        "at": st.integers(0, parse.MAX_SESSION_MINUTES * 60).map(lambda s: datetime.fromisoformat(NOW) - timedelta(seconds=s)),
        "pomodoro": st.one_of(st.none(), st.integers(1, 180)),
    })))
    return {"topics": list(zip(topics, parents)), "resources": resources, "sessions": sessions,
            "milestones": milestones, "later": later, "weeks": weeks, "rest": rest, "runs": runs,
            "cards": card_specs, "reviews": reviews, "timer": timer}


def build(journal: Journal, spec: dict) -> None:
    for (name, notes), parent in spec["topics"]:
        add_topic(journal, name, notes=notes)
        if parent is not None:
            try:
                update_topic(journal, name, parent=parent)
            except TrackerError:  # a parent loop, which the journal refuses
                pass
    for r in spec["resources"]:
        effort = dict([r["effort"]]) if r["effort"] else {}
        try:
            row = plan.add_resource(journal, r["title"], kind=r["kind"], status=r["status"], cost=r["cost"],
                                    units=r["units"], url=r["url"], provider=r["provider"], **effort)
        except TrackerError:  # the same title twice
            continue
        for done, day in r["progress"]:
            if r["units"] is None or done <= r["units"]:
                plan.record_progress(journal, str(row["id"]), done, day)
    for s in spec["sessions"]:
        study.log_session(journal, **s)
    for title, project, due, done, url in spec["milestones"]:
        milestone = plan.add_milestone(journal, title, project=project, due=due, url=url)
        if done:
            plan.finish_milestone(journal, str(milestone["id"]), done)
    for topic, text, added, done in spec["later"]:
        item = study.add_later(journal, topic, text, added)
        if done:
            study.finish_later(journal, item["id"], done)
    for day, title, reflection, next_plan in spec["weeks"]:
        study.set_week_note(journal, parse.iso_week_name(day), title=title, reflection=reflection, next_plan=next_plan)
    for day in spec["rest"]:
        study.declare_rest_day(journal, day)
    for checkpoint, passed, message, seconds, ran_at, code_hash in spec["runs"]:
        record_run(journal, checkpoint, passed, message, seconds, ran_at, code_hash)
    card_ids = []
    for c in spec["cards"]:
        try:
            added = cards.add_card(journal, c["front"], c["back"], c["topic"], tags=c["tags"], source=c["source"],
                                   uid=c["uid"])
        except TrackerError:  # an empty back (allowed for checkpoint cards only)
            continue
        if added.created:
            card_ids.append(added.card["id"])
            if c["fsrs"]:
                journal.update("card", added.card["id"], c["fsrs"])
    for index, rating, reviewed_at, duration in spec["reviews"]:
        if card_ids:
            add_review(journal, card_ids[index % len(card_ids)], rating, reviewed_at, duration)
    if spec["timer"]:
        timer.start_timer(journal, now=datetime.fromisoformat(NOW), **spec["timer"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(spec=journals())
def test_export_import_export_is_byte_identical(spec: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with open_journal(str(blank_journal(root / "a.db"))) as first, \
                open_journal(str(blank_journal(root / "b.db"))) as second:
            build(first, spec)
            exported = export_journal(first, root / "one")
            imported = import_journal(second, root / "one")
            export_journal(second, root / "two")
            assert imported.counts == exported.counts
            assert imported.topics_created == [] and imported.resources_created == []
            assert row_counts(second) == row_counts(first)
            assert exact_values(second) == exact_values(first)
        assert files_of(root / "one") == files_of(root / "two")
        for content in files_of(root / "one").values():
            assert b"\r" not in content


#: Texts a spreadsheet would run as formulas, and texts that start with the apostrophe that guards them.
FORMULAS = ['=HYPERLINK("https://evil.example","click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\tleading tab", "'=already quoted", "''two", "'", "'tis the season"]


def test_formula_like_cells_are_guarded_in_the_export_and_read_back_exactly(
    journal: Journal, other: Journal, tmp_path: Path,
) -> None:
    import csv

    for index, text in enumerate(FORMULAS):
        study.log_session(journal, minutes=10 + index, topic="-Topic" if index else "=Topic", day=date(2026, 3, 9),
                          note=text)
        plan.add_milestone(journal, f"@Milestone {index}", project=f"+Project {index}", url=text)
    export_journal(journal, tmp_path / "one")
    for name in ("sessions.csv", "milestones.csv", "topics.csv"):
        with open(tmp_path / "one" / name, encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for value in row:
                    assert not value.startswith(("=", "+", "-", "@", "\t")), (name, value)
    notes = (tmp_path / "one" / "sessions.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in notes and "''=already quoted" in notes and ",'tis the season," in notes

    import_journal(other, tmp_path / "one")
    export_journal(other, tmp_path / "two")
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")
    texts = "SELECT s.note, t.name, m.project, m.url FROM study_session s JOIN topic t ON t.id = s.topic_id " \
            "JOIN milestone m ON m.title = '@Milestone ' || (s.minutes - 10) ORDER BY s.minutes"
    assert other.rows(texts) == journal.rows(texts)
    assert "'=already quoted" in [row["note"] for row in other.rows(texts)]


def test_the_schedule_import_reads_a_guarded_cell_as_the_export_meant_it(journal: Journal, tmp_path: Path) -> None:
    """An exported sessions.csv, or one saved from a spreadsheet, can be imported as a schedule."""
    path = write(tmp_path / "plan.csv", "date,minutes,topic,resource,note\n"
                                        "2026-03-09,30,'-Topic,,'=SUM(A1)\n2026-03-09,20,Other,,'tis\n")
    import_schedule_csv(journal, path, TODAY)
    assert sorted((s["topic"], s["note"]) for s in study.list_sessions(journal)) == [
        ("-Topic", "=SUM(A1)"), ("Other", "'tis"),
    ]


@given(st.text())
def test_the_formula_guard_is_undone_exactly(text: str) -> None:
    from tracker.csvtable import guard_formula, unguard_formula

    guarded = guard_formula(text)
    assert unguard_formula(guarded) == text
    assert not guarded.startswith(("=", "+", "-", "@", "\t"))


# -- import ---------------------------------------------------------------------------------------
def test_import_refuses_a_journal_that_is_not_empty(journal: Journal, other: Journal, tmp_path: Path) -> None:
    sample_journal(journal)
    export_journal(journal, tmp_path / "out")
    with pytest.raises(TrackerError, match="already has 2 sessions") as caught:
        import_journal(journal, tmp_path / "out")
    assert caught.value.exit_code == 2
    add_topic(other, "Only a topic")
    with pytest.raises(TrackerError, match="already has 1 topic:"):
        import_journal(other, tmp_path / "out")
    assert row_counts(other)["topic"] == 1


@pytest.mark.parametrize("what", ["checkpoint run", "card"])
def test_import_refuses_a_journal_with_only_runs_or_cards(
    journal: Journal, other: Journal, tmp_path: Path, what: str,
) -> None:
    sample_journal(journal)
    export_journal(journal, tmp_path / "out")
    if what == "card":
        cards.add_card(other, "front", "back", "Topic")
        message = "already has 1 topic, 1 card:"
    else:
        record_run(other, "softmax", True, "", 0.5, "2026-03-01T10:00:00Z")
        message = "already has 1 checkpoint run:"
    before = row_counts(other)
    with pytest.raises(TrackerError, match=message):
        import_journal(other, tmp_path / "out")
    assert row_counts(other) == before


def test_a_minimal_hand_written_directory_imports(journal: Journal, tmp_path: Path) -> None:
    write(tmp_path / "in" / "sessions.csv",
          "Date, Minutes ,topic,resource\n2026-03-01,1h30m,Calculus,3Blue1Brown\n\n2026-03-02,45m,calculus,\n")
    result = import_journal(journal, tmp_path / "in")
    assert result.topics_created == ["Calculus"] and result.resources_created == ["3Blue1Brown"]
    sessions = study.list_sessions(journal)
    assert [(s["day"], s["minutes"], s["topic"], s["resource"], s["kind"]) for s in sessions] == [
        ("2026-03-01", 90, "Calculus", "3Blue1Brown", "other"), ("2026-03-02", 45, "Calculus", None, "other"),
    ]
    assert {s["created_at"] for s in sessions} == {STAMP}
    assert plan.find_resource(journal, "3Blue1Brown")["status"] == "active"


def test_import_warns_about_unknown_columns(journal: Journal, tmp_path: Path) -> None:
    write(tmp_path / "in" / "sessions.csv", "date,minutes,topic,mood\n2026-03-01,30,Calculus,fine\n")
    result = import_journal(journal, tmp_path / "in")
    assert result.warnings == [f"{tmp_path / 'in' / 'sessions.csv'}: ignored unknown column(s) mood"]


def test_a_bad_row_names_its_line_and_nothing_is_written(journal: Journal, tmp_path: Path) -> None:
    sessions = write(tmp_path / "in" / "sessions.csv",
                     'date,minutes,topic,note\n2026-03-01,30,Calculus,"two\nlines"\n2026-03-02,ninety,Calculus,\n')
    before = row_counts(journal)
    with pytest.raises(TrackerError) as caught:
        import_journal(journal, tmp_path / "in")
    assert caught.value.line == f"{sessions}, line 4: can't read duration 'ninety': use 45m, 1h30m, 1.5h or 90 (minutes)"
    assert caught.value.exit_code == 2
    assert row_counts(journal) == before


def test_a_bad_row_in_any_file_rolls_everything_back(journal: Journal, other: Journal, tmp_path: Path) -> None:
    sample_journal(journal)
    export_journal(journal, tmp_path / "out")
    rest = tmp_path / "out" / "rest_days.csv"
    rest.write_text(rest.read_text() + "2026-02-30,,\n", encoding="utf-8")
    with pytest.raises(TrackerError, match=r"rest_days.csv, line 3: can't read date '2026-02-30'"):
        import_journal(other, tmp_path / "out")
    assert set(row_counts(other).values()) == {0}


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("topics.csv", "name\nCalculus\ncalculus\n", "line 3: topic 'calculus' is already on line 2"),
        ("topics.csv", "name,notes_file\nCalculus,../secret.md\n", "line 2: ../secret.md is outside the journal"),
        ("topics.csv", "name,notes_file\nCalculus,link.md\n", "line 2: link.md is outside the journal"),
        ("topics.csv", "name,notes_file\nCalculus,topics/missing.md\n", "line 2: topics/missing.md (named in this row) does not exist"),
        ("weeks.csv", "week\n2026-W54\n", "line 2: can't read week '2026-W54'"),
        ("progress.csv", "resource,date,units_done\nNobody's Book,2026-03-01,3\n", "line 2: resource \"Nobody's Book\" is neither"),
        ("resources.csv", "title,planned_hours\nBook,lots\n", "line 2: planned hours 'lots' is not a number"),
        ("milestones.csv", "title,created_at\nShip,yesterday-ish\n", "line 2: can't read created_at 'yesterday-ish'"),
        ("later.csv", "topic,text\nCalculus,limits\n", "missing column(s) added_on"),
        ("checkpoint_runs.csv", "checkpoint,passed,seconds,ran_at\nsoftmax,maybe,0.5,2026-03-01T10:00:00Z\n",
         "checkpoint_runs.csv, line 2: passed 'maybe' is not one of: yes, no (or empty)"),
        ("checkpoint_runs.csv", "checkpoint,passed,seconds,ran_at\nsoftmax,yes,,2026-03-01T10:00:00Z\n",
         "checkpoint_runs.csv, line 2: seconds is empty"),
        ("checkpoint_runs.csv", "checkpoint,passed,seconds,ran_at\nsoftmax,yes,0.5,last night\n",
         "checkpoint_runs.csv, line 2: can't read ran_at 'last night'"),
        ("checkpoint_runs.csv", "checkpoint,passed,ran_at\nsoftmax,yes,2026-03-01T10:00:00Z\n",
         "missing column(s) seconds"),
        ("cards.csv", "uid,topic,front,back\nu1,Calculus,What?,That.\nu1,Calculus,Why?,Because.\n",
         "cards.csv, line 3: card 'u1' is already on line 2"),
        ("cards.csv", "topic,front,back,state\nCalculus,What?,That.,4\n",
         "cards.csv, line 2: state '4' is not one of: 1 learning, 2 review, 3 relearning"),
        ("cards.csv", "topic,front,back,stability\nCalculus,What?,That.,-1\n",
         "cards.csv, line 2: stability '-1' can't be negative"),
        ("cards.csv", "topic,front,back,due\nCalculus,What?,That.,next tuesday\n",
         "cards.csv, line 2: can't read due 'next tuesday'"),
        ("cards.csv", "topic,front,back\nCalculus,What?,\n", "cards.csv, line 2: back is empty"),
        ("cards.csv", 'topic,front,back\nCalculus,"  \n ",That.\n', "cards.csv, line 2: front is empty"),
        ("reviews.csv", "card,rating,reviewed_at\nnope,3,2026-03-01T10:00:00Z\n",
         "reviews.csv, line 2: no card 'nope' in cards.csv"),
    ],
)
def test_bad_values_in_optional_files(journal: Journal, tmp_path: Path, file: str, content: str, message: str) -> None:
    write(tmp_path / "in" / "sessions.csv", "date,minutes,topic,stuck\n2026-03-01,30,Calculus,yes\n")
    write(tmp_path / "in" / file, content)
    write(tmp_path / "secret.md", "not yours")
    (tmp_path / "in" / "link.md").symlink_to(tmp_path / "secret.md")
    with pytest.raises(TrackerError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_journal(journal, tmp_path / "in")
    assert set(row_counts(journal).values()) == {0}


def test_bad_reviews_name_their_line_and_nothing_is_written(journal: Journal, tmp_path: Path) -> None:
    write(tmp_path / "in" / "sessions.csv", "date,minutes,topic\n2026-03-01,30,Calculus\n")
    write(tmp_path / "in" / "cards.csv", "uid,topic,front,back\nu1,Calculus,What?,That.\nu2,Calculus,Why?,Because.\n")
    reviews = write(tmp_path / "in" / "reviews.csv",
                    "card,rating,reviewed_at\nu1,good,2026-03-01T10:00:00Z\nu2,5,2026-03-01T10:01:00Z\n")
    with pytest.raises(TrackerError) as caught:
        import_journal(journal, tmp_path / "in")
    assert caught.value.line == f"{reviews}, line 3: rating '5' is not one of: 1 again, 2 hard, 3 good, 4 easy"
    reviews.write_text("card,rating,reviewed_at\nu1,good,2026-03-01T10:00:00Z\nu3,1,2026-03-01T10:01:00Z\n")
    with pytest.raises(TrackerError) as caught:
        import_journal(journal, tmp_path / "in")
    assert caught.value.line == f"{reviews}, line 3: no card 'u3' in cards.csv"
    assert set(row_counts(journal).values()) == {0}


def test_fitted_parameters_are_written_oldest_first_with_the_json_list(journal: Journal, tmp_path: Path) -> None:
    sample_journal(journal)
    result = export_journal(journal, tmp_path / "out")
    lines = (tmp_path / "out" / "fsrs_parameters.csv").read_text().splitlines()
    assert lines[0] == "fitted_on,reviews,scope,parameters,created_at,updated_at"
    assert lines[1].startswith('2026-03-01T08:00:00Z,120,all,"[0.212, 1.2931, 2.3065, ')
    assert lines[2] == f'2026-03-09T21:00:00Z,140,first-4,"{json.dumps(FITTED)}",{STAMP},{STAMP}'
    assert "[0.30000000000000004, 1.1, 2.5, 9.75, 6.4133, " in lines[2]
    assert result.counts["fsrs_parameters"] == 2 and "2 fitted parameter sets" in result.summary()


def test_hand_written_fitted_parameters_are_shifted_and_spelled_as_export_does(journal: Journal, tmp_path: Path) -> None:
    write(tmp_path / "in" / "sessions.csv", "date,minutes,topic\n2026-03-01,30,Calculus\n")
    spelled = "[" + ",".join(["1"] * 4 + [str(w) for w in DEFAULT_PARAMETERS[4:]]) + "]"  # ints, no spaces
    write(tmp_path / "in" / "fsrs_parameters.csv",
          f'fitted_on,reviews,parameters\n2026-03-01T10:00:00+02:00,64,"{spelled}"\n')
    result = import_journal(journal, tmp_path / "in", shift_days=7)
    assert result.counts["fsrs_parameters"] == 1
    row = journal.row("SELECT fitted_on, reviews, scope, parameters FROM fsrs_parameters")
    assert (row["fitted_on"], row["reviews"], row["scope"]) == ("2026-03-08T08:00:00Z", 64, "all")
    assert row["parameters"] == json.dumps([1.0] * 4 + list(DEFAULT_PARAMETERS[4:]))
    assert parameters_in_force(journal) == (1.0,) * 4 + DEFAULT_PARAMETERS[4:]


_GOOD = json.dumps(list(DEFAULT_PARAMETERS))


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (f'2026-03-01T10:00:00Z,64,some,"{_GOOD}"', "scope 'some' is not one of: all, first-4"),
        (f'2026-03-01T10:00:00Z,many,all,"{_GOOD}"', "reviews 'many' is not a number"),
        (f'2026-03-01T10:00:00Z,,all,"{_GOOD}"', "reviews is empty"),
        (f'yesterday,64,all,"{_GOOD}"', "can't read fitted_on 'yesterday'"),
        ('2026-03-01T10:00:00Z,64,all,"[0.212, 1.2931]"', "parameters '[0.212, 1.2931]' is not a JSON list of 21"),
        ('2026-03-01T10:00:00Z,64,all,"[NaN' + ", 1.0" * 20 + ']"', "is not a JSON list of 21 finite numbers"),
        ('2026-03-01T10:00:00Z,64,all,"[' + ", ".join(['""'] * 21) + ']"', "is not a JSON list of 21 finite numbers"),
        ("2026-03-01T10:00:00Z,64,all,0.212 1.2931", "parameters '0.212 1.2931' is not a JSON list"),
        ("2026-03-01T10:00:00Z,64,all,", "parameters is empty"),
        ('2026-03-01T10:00:00Z,64,all,"[-5' + _GOOD[6:] + '"', "outside what the scheduler accepts"),
    ],
)
def test_a_bad_fitted_parameter_row_names_its_line_and_nothing_is_written(
    journal: Journal, tmp_path: Path, row: str, problem: str,
) -> None:
    write(tmp_path / "in" / "sessions.csv", "date,minutes,topic\n2026-03-01,30,Calculus\n")
    path = write(tmp_path / "in" / "fsrs_parameters.csv",
                 f'fitted_on,reviews,scope,parameters\n2026-03-01T09:00:00Z,64,all,"{_GOOD}"\n{row}\n')
    with pytest.raises(TrackerError) as caught:
        import_journal(journal, tmp_path / "in")
    assert caught.value.exit_code == 2
    assert caught.value.line.startswith(f"{path}, line 3: ") and problem in caught.value.line, caught.value.line
    assert "\n" not in caught.value.line
    assert set(row_counts(journal).values()) == {0}


def test_hand_written_cards_get_their_content_uid_and_utc_times(journal: Journal, tmp_path: Path) -> None:
    write(tmp_path / "in" / "sessions.csv", "date,minutes,topic\n2026-03-01,30,Calculus\n")
    write(tmp_path / "in" / "cards.csv",
          "topic,front,back,tags,due,last_review\n"
          'Probability,"What is\r\nBayes\' rule?",P(A|B) = P(B|A)P(A)/P(B),"#stats, bayes",'
          "2026-03-12T10:00:00+02:00,2026-03-05 08:15:30.250+00:00\n"
          "Probability,Is a coin fair?,Test it.,,,\n")
    # no uid: the identity `tracker cards import` gives a CSV card (topic and front, whitespace folded)
    uid = cards.text.content_uid("probability", "What is Bayes' rule?")
    write(tmp_path / "in" / "reviews.csv", f"card,rating,reviewed_at\n{uid},easy,2026-03-05T08:15:30Z\n")
    result = import_journal(journal, tmp_path / "in")
    assert result.topics_created == ["Calculus", "Probability"] and result.counts["reviews"] == 1
    first, second = cards.list_cards(journal, "Probability")
    assert (first["uid"], first["front"], first["tags"]) == (uid, "What is\nBayes' rule?", "stats bayes")
    assert (first["due"], first["last_review"], first["state"], first["step"]) == (
        "2026-03-12T08:00:00Z", "2026-03-05T08:15:30Z", 1, None)
    assert (second["due"], second["last_review"]) == (STAMP, None)  # a new card is due at once
    assert journal.row("SELECT rating, review_duration_ms FROM review") == {"rating": 4, "review_duration_ms": None}


def test_a_directory_without_sessions_csv_is_not_a_journal(journal: Journal, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    with pytest.raises(TrackerError, match="neither a journal directory"):
        import_journal(journal, tmp_path / "in")


def test_shift_days_moves_every_date_and_week(journal: Journal, other: Journal, tmp_path: Path) -> None:
    study.log_session(journal, minutes=30, topic="Calculus", day=date(2026, 12, 24))
    plan.add_resource(journal, "Book", units=10)
    plan.record_progress(journal, "Book", 2, date(2026, 12, 23))
    milestone = plan.add_milestone(journal, "Ship", due=date(2026, 12, 30))
    plan.finish_milestone(journal, str(milestone["id"]), date(2026, 12, 29))
    item = study.add_later(journal, "Calculus", "limits", date(2026, 12, 21))
    study.finish_later(journal, item["id"], date(2026, 12, 22))
    study.set_week_note(journal, "2026-W52", reflection="almost done")
    study.set_week_note(journal, "2026-W53", reflection="the last one")
    study.declare_rest_day(journal, date(2026, 12, 27))
    record_run(journal, "softmax", True, "", 0.25, "2026-12-24T23:30:00Z")
    card = cards.add_card(journal, "What?", "That.", "Calculus", uid="u1").card
    journal.update("card", card["id"], {"state": 2, "stability": 3.2, "due": "2026-12-28T06:00:00Z",
                                        "last_review": "2026-12-25T06:00:00Z"})
    add_review(journal, card["id"], 3, "2026-12-25T06:00:00Z", 1500)
    export_journal(journal, tmp_path / "out")

    import_journal(other, tmp_path / "out", shift_days=7)
    assert other.scalar("SELECT ran_at FROM checkpoint_run") == "2026-12-31T23:30:00Z"
    assert other.row("SELECT due, last_review, stability FROM card") == {
        "due": "2027-01-04T06:00:00Z", "last_review": "2027-01-01T06:00:00Z", "stability": 3.2}
    assert other.scalar("SELECT reviewed_at FROM review") == "2027-01-01T06:00:00Z"
    assert other.scalar("SELECT created_at FROM card") == STAMP  # stamps say when rows were written: kept
    assert [s["day"] for s in study.list_sessions(other)] == ["2026-12-31"]
    assert other.scalar("SELECT day FROM resource_progress") == "2026-12-30"
    assert plan.list_milestones(other)[0]["due"] == "2027-01-06"
    assert plan.list_milestones(other)[0]["done_on"] == "2027-01-05"
    assert study.list_later(other, include_done=True)[0]["added_on"] == "2026-12-28"
    assert study.list_later(other, include_done=True)[0]["done_on"] == "2026-12-29"
    assert [w["week"] for w in study.list_week_notes(other)] == ["2026-W53", "2027-W01"]
    assert study.list_rest_days(other) == ["2027-01-03"]
    export_journal(other, tmp_path / "shifted")
    assert (tmp_path / "shifted" / "weeks" / "2027-W01.md").read_text() == "the last one\n"


def test_shift_days_backwards(journal: Journal, other: Journal, tmp_path: Path) -> None:
    study.log_session(journal, minutes=30, topic="Calculus", day=date(2026, 1, 5))
    study.set_week_note(journal, "2026-W02", title="second week")
    record_run(journal, "softmax", False, "nope", 2.0, "2026-01-05T00:10:00Z")
    export_journal(journal, tmp_path / "out")
    import_journal(other, tmp_path / "out", shift_days=-14)
    assert other.scalar("SELECT ran_at FROM checkpoint_run") == "2025-12-22T00:10:00Z"
    assert [s["day"] for s in study.list_sessions(other)] == ["2025-12-22"]
    assert [w["week"] for w in study.list_week_notes(other)] == ["2025-W52"]


# -- a spreadsheet schedule -----------------------------------------------------------------------
def test_schedule_import_adds_sessions(journal: Journal, tmp_path: Path) -> None:
    add_topic(journal, "Calculus")
    path = write(tmp_path / "plan.csv",
                 "date,minutes,topic,resource,note\n"
                 "2026-03-01,1h30m,calculus,3Blue1Brown,\"limits, then derivatives\"\n"
                 "\n"
                 "yesterday,45,Probability,,\n")
    outcome = import_schedule_csv(journal, path, TODAY)
    assert outcome.added == 2 and outcome.warnings == []
    assert outcome.topics_created == ["Probability"] and outcome.resources_created == ["3Blue1Brown"]
    assert [(s["day"], s["minutes"], s["topic"], s["resource"], s["note"]) for s in study.list_sessions(journal)] == [
        ("2026-03-01", 90, "Calculus", "3Blue1Brown", "limits, then derivatives"),
        ("2026-03-09", 45, "Probability", None, ""),
    ]


def test_schedule_import_warns_about_unknown_columns(journal: Journal, tmp_path: Path) -> None:
    path = write(tmp_path / "plan.csv", "date,minutes,topic,Mood,done?\n2026-03-01,30,Calculus,good,x\n")
    outcome = import_schedule_csv(journal, path, TODAY)
    assert outcome.added == 1
    assert outcome.warnings == [f"{path}: ignored unknown column(s) mood, done?"]


def test_schedule_import_needs_the_required_columns(journal: Journal, tmp_path: Path) -> None:
    path = write(tmp_path / "plan.csv", "date,topic,note\n2026-03-01,Calculus,\n")
    with pytest.raises(TrackerError) as caught:
        import_schedule_csv(journal, path, TODAY)
    assert caught.value.line == f"{path}: missing column(s) minutes; the columns are date, minutes, topic, resource, note"
    assert caught.value.exit_code == 2


def test_schedule_bad_duration_on_line_4_writes_nothing(journal: Journal, tmp_path: Path) -> None:
    path = write(tmp_path / "plan.csv",
                 "date,minutes,topic\n2026-03-01,30,Calculus\n2026-03-02,45m,Calculus\n2026-03-03,3 hours,Calculus\n")
    with pytest.raises(TrackerError, match="line 4: can't read duration '3 hours'"):
        import_schedule_csv(journal, path, TODAY)
    assert set(row_counts(journal).values()) == {0}


def test_schedule_from_excel_with_bom_crlf_and_spaced_headers(journal: Journal, tmp_path: Path) -> None:
    path = write(tmp_path / "plan.csv",
                 "\ufeff Date ,MINUTES, Topic ,Resource,Note\r\n2026-03-01,30,Calculus,,café ☕\r\n,,,,\r\n",
                 encoding="utf-8")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    outcome = import_schedule_csv(journal, path, TODAY)
    assert outcome.added == 1 and outcome.warnings == []
    assert study.list_sessions(journal)[0]["note"] == "café ☕"


def test_schedule_with_semicolons(journal: Journal, tmp_path: Path) -> None:
    path = write(tmp_path / "plan.csv", "date;minutes;topic\n2026-03-01;30;Calculus\n")
    assert import_schedule_csv(journal, path, TODAY).added == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"date,minutes,topic\n2026-03-01,30,Caf\xe9\n", "line 2 is not UTF-8 text"),
        (b"\xff\xfed\x00a\x00t\x00e\x00", "line 1 is not UTF-8 text"),
        (b"PK\x03\x04\x00\x00", "NUL bytes"),
        (b"", "the file is empty"),
    ],
)
def test_schedule_that_is_not_a_csv(journal: Journal, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(content)
    with pytest.raises(TrackerError, match=message) as caught:
        import_schedule_csv(journal, path, TODAY)
    assert caught.value.exit_code == 2
    assert caught.value.line.startswith(str(path))


def test_schedule_row_with_too_many_cells(journal: Journal, tmp_path: Path) -> None:
    path = write(tmp_path / "plan.csv", "date,minutes,topic\n2026-03-01,30,Calculus,oops\n")
    with pytest.raises(TrackerError, match="line 2: 4 cells, but the header names 3 columns"):
        import_schedule_csv(journal, path, TODAY)


def test_column_lists_match_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, columns in FILE_COLUMNS.items():
        assert f"| `{name}` | {', '.join(columns)} |" in readme


def test_goals_round_trip_byte_identical(journal: Journal, other: Journal, tmp_path: Path) -> None:
    from tracker import goals

    plan.add_resource(journal, "Deep Learning", hours="40")
    add_topic(journal, "Linear algebra")
    goals.add_goal(journal, "weekly-hours", target="7.5", today=TODAY)
    goals.add_goal(journal, "finish", resource="Deep Learning", due="2026-06-30", today=TODAY)
    goals.add_goal(journal, "topic-hours", topic="Linear algebra", target="20", due="2026-05-01", today=TODAY)
    goals.add_goal(journal, "weekly-days", target="5", today=TODAY)
    study.log_session(journal, minutes=30, topic="Linear algebra", day=TODAY, today=TODAY)
    export_journal(journal, tmp_path / "one")
    assert (tmp_path / "one" / "goals.csv").read_text() == (
        "kind,target,resource,topic,due,created_at,updated_at\n"
        f"weekly_hours,7.5,,,,{STAMP},{STAMP}\n"
        f"finish_resource,,Deep Learning,,2026-06-30,{STAMP},{STAMP}\n"
        f"topic_hours,20,,Linear algebra,2026-05-01,{STAMP},{STAMP}\n"
        f"weekly_days,5,,,,{STAMP},{STAMP}\n"
    )
    assert import_journal(other, tmp_path / "one").counts["goals"] == 4
    export_journal(other, tmp_path / "two")
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")


def test_a_goal_on_an_unknown_resource_names_its_line(journal: Journal, tmp_path: Path) -> None:
    write(tmp_path / "j" / "sessions.csv", "date,minutes,topic\n2026-03-01,30,Calculus\n")
    write(tmp_path / "j" / "goals.csv", "kind,target,resource,due\nweekly-hours,5,,\nfinish,,Ghost,2020-01-01\n")
    with pytest.raises(TrackerError, match="goals.csv, line 3: resource 'Ghost' is neither in resources.csv"):
        import_journal(journal, tmp_path / "j")
    assert journal.scalar("SELECT count(*) FROM goal") == 0


# -- the running timer ----------------------------------------------------------------------------
def test_no_timer_writes_the_header_alone(journal: Journal, tmp_path: Path) -> None:
    study.log_session(journal, minutes=30, topic="Calculus", day=TODAY, today=TODAY)
    export_journal(journal, tmp_path / "one")
    assert (tmp_path / "one" / "timer.csv").read_text() == (
        "topic,resource,kind,note,started_at,pomodoro_minutes,created_at,updated_at\n"
    )


def test_a_running_timer_round_trips_byte_identical(journal: Journal, other: Journal, tmp_path: Path) -> None:
    study.log_session(journal, minutes=30, topic="Calculus", day=TODAY, today=TODAY)
    # 25 minutes before NOW (09:00Z), on a topic and a resource no session names yet
    timer.start_timer(journal, "Backprop", 'chain rule, "by hand"', resource="CS231n", kind="watch", at="-25m",
                      pomodoro=25, now=datetime.fromisoformat(NOW))
    result = export_journal(journal, tmp_path / "one")
    assert result.counts["timer"] == 1 and "1 running timer" in result.summary()
    assert (tmp_path / "one" / "timer.csv").read_text() == (
        "topic,resource,kind,note,started_at,pomodoro_minutes,created_at,updated_at\n"
        f'Backprop,CS231n,watch,"chain rule, ""by hand""",2026-03-10T08:35:00Z,25,{STAMP},{STAMP}\n'
    )
    imported = import_journal(other, tmp_path / "one")
    assert imported.counts["timer"] == 1
    # names as typed: the topic and resource are made when the timer stops, not by the import
    assert imported.topics_created == [] and other.scalar("SELECT count(*) FROM topic") == 1
    assert timer.current_timer(other) == timer.current_timer(journal)
    export_journal(other, tmp_path / "two")
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")
    stopped = timer.stop_timer(other, now=datetime.fromisoformat(NOW))
    assert (stopped.session["topic"], stopped.session["minutes"]) == ("Backprop", 25)


def _journal_with_timer(tmp_path: Path, rows: str) -> Path:
    folder = tmp_path / "j"
    write(folder / "sessions.csv", "date,minutes,topic\n2026-03-01,30,Calculus\n")
    write(folder / "timer.csv", "topic,started_at,pomodoro_minutes,kind\n" + rows)
    return folder


def test_a_hand_written_timer_in_local_time_is_stored_in_utc(journal: Journal, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    import time
    time.tzset()
    try:
        import_journal(journal, _journal_with_timer(tmp_path, "Calculus,2026-03-10T09:40,,\n"))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert journal.row("SELECT topic, kind, started_at, pomodoro_minutes FROM running_timer") == {
        "topic": "Calculus", "kind": "other", "started_at": "2026-03-10T08:40:00Z", "pomodoro_minutes": None,
    }


@pytest.mark.parametrize(("rows", "message"), [
    ("Calculus,2026-03-10T09:30:00Z,,\n", "timer.csv, line 2: start time .* is in the future"),
    ("Calculus,2026-03-09T08:00:00Z,,\n", "timer.csv, line 2: start time .* more than a day"),
    ("Calculus,2026-03-10T08:00:00Z,0,\n", "timer.csv, line 2: pomodoro '0' must be a whole number"),
    ("Calculus,2026-03-10T08:00:00Z,,dance\n", "timer.csv, line 2: .*kind"),
    (",2026-03-10T08:00:00Z,,\n", "timer.csv, line 2: .*topic"),
    ("Calculus,,,\n", "timer.csv, line 2: started_at"),
    ("Calculus,2026-03-10T08:00:00Z,,\nBackprop,2026-03-10T08:30:00Z,,\n",
     "timer.csv, line 3: only one timer runs at a time, and line 2 already holds it"),
])
def test_a_bad_timer_names_its_line_and_nothing_is_written(journal: Journal, tmp_path: Path, rows: str,
                                                          message: str) -> None:
    with pytest.raises(TrackerError, match=message) as raised:
        import_journal(journal, _journal_with_timer(tmp_path, rows))
    assert raised.value.exit_code == 2
    assert row_counts(journal) == dict.fromkeys(TABLES, 0)


def test_a_journal_with_only_a_running_timer_is_not_empty(journal: Journal, tmp_path: Path) -> None:
    timer.start_timer(journal, "Calculus", now=datetime.fromisoformat(NOW))
    with pytest.raises(TrackerError, match="the journal already has 1 running timer"):
        import_journal(journal, _journal_with_timer(tmp_path, ""))
