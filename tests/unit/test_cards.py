"""Spaced-repetition cards: FSRS scheduling, reviews, notes and CSV sources, Anki export, the CLI."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tracker import cards
from tracker.errors import TrackerError

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)


def stored(text: str) -> datetime:
    return datetime.fromisoformat(text)


def interval_after(journal, card_id: int) -> timedelta:
    row = cards.get_card(journal, card_id)
    return stored(row["due"]) - stored(row["last_review"])


# -- scheduling -------------------------------------------------------------------------------------
def test_intervals_grow_with_good_and_reset_with_again(journal) -> None:
    card = cards.add_card(journal, "Why ReLU?", "No vanishing gradient for x > 0", "Activations", now=T0).card
    now = T0
    intervals = []
    for _ in range(5):
        cards.rate(journal, card["id"], "good", now=now, fuzz=False, retention=0.9)
        intervals.append(interval_after(journal, card["id"]))
        now = stored(cards.get_card(journal, card["id"])["due"])
    # Two learning steps of minutes, then whole days that keep growing.
    assert intervals[0] < timedelta(hours=1)
    assert intervals[1] >= timedelta(days=1)
    assert intervals[1] < intervals[2] < intervals[3] < intervals[4]
    assert cards.get_card(journal, card["id"])["state"] == 2  # review

    cards.rate(journal, card["id"], 1, now=now, fuzz=False, retention=0.9)
    after_again = cards.get_card(journal, card["id"])
    assert after_again["state"] == 3  # relearning
    assert interval_after(journal, card["id"]) < timedelta(hours=1)
    # Good again leaves relearning with a shorter interval than before the lapse.
    cards.rate(journal, card["id"], "3", now=stored(after_again["due"]), fuzz=False, retention=0.9)
    assert timedelta(days=1) <= interval_after(journal, card["id"]) < intervals[4]

    reviews = cards.card_reviews(journal, card["id"])
    assert [r["rating"] for r in reviews] == [3, 3, 3, 3, 3, 1, 3]
    assert reviews[0]["reviewed_at"] == "2026-11-02T08:00:00Z"
    assert all(r["reviewed_at"].endswith("Z") for r in reviews)


def test_a_higher_desired_retention_brings_cards_back_sooner(journal) -> None:
    due_in = {}
    for retention in (0.8, 0.95):
        card = cards.add_card(journal, f"Card at {retention}", "back", "Math", now=T0).card
        cards.rate(journal, card, "easy", now=T0, fuzz=False, retention=retention)
        due_in[retention] = interval_after(journal, card["id"])
    assert due_in[0.95] < due_in[0.8]


def test_reveal_shows_what_each_rating_would_schedule(journal) -> None:
    card = cards.add_card(journal, "Front", "The back", "Math", now=T0).card
    shown = cards.reveal(card, now=T0, retention=0.9)
    assert shown.back == "The back"
    assert [c.name for c in shown.choices] == ["again", "hard", "good", "easy"]
    good = next(c for c in shown.choices if c.name == "good")
    rated = cards.rate(journal, card, "good", now=T0, fuzz=False, retention=0.9)
    assert rated.card["due"] == good.due
    assert rated.interval == good.interval == "10m"
    assert cards.get_card(journal, card["id"])["due"] == good.due  # reveal itself wrote nothing
    assert journal.scalar("SELECT count(*) FROM review") == 1


@pytest.mark.parametrize("bad", ["5", "0", "meh", ""])
def test_a_bad_rating_or_retention_writes_nothing(journal, bad) -> None:
    card = cards.add_card(journal, "Front", "Back", "Math", now=T0).card
    with pytest.raises(TrackerError, match="not one of: 1 again"):
        cards.rate(journal, card, bad, now=T0)
    with pytest.raises(TrackerError, match="desired_retention"):
        cards.rate(journal, card, "good", now=T0, retention=1.5)
    assert journal.scalar("SELECT count(*) FROM review") == 0
    assert cards.get_card(journal, card["id"]) == card


def test_a_review_that_fails_halfway_leaves_the_card_as_it_was(journal, monkeypatch) -> None:
    card = cards.add_card(journal, "Front", "Back", "Math", now=T0).card

    def broken_insert(sql, params):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(journal, "insert", broken_insert)
    with pytest.raises(sqlite3.OperationalError):
        cards.rate(journal, card, "good", now=T0)
    monkeypatch.undo()
    assert cards.get_card(journal, card["id"]) == card


def test_due_cards_come_longest_overdue_first_and_counts_match(journal) -> None:
    now = datetime(2026, 11, 21, 18, 30, tzinfo=timezone.utc)
    for days, front in ((-3, "three days late"), (2, "in two days"), (-1, "one day late"), (0, "due now")):
        cards.add_card(journal, front, "back", "Math", now=now + timedelta(days=days))
    assert [c["front"] for c in cards.due_cards(journal, now)] == ["three days late", "one day late", "due now"]
    assert [c["front"] for c in cards.due_cards(journal, now, limit=1)] == ["three days late"]
    assert cards.due_count(journal, now) == 3
    assert cards.next_due(journal, now) == "2026-11-23T18:30:00Z"
    assert cards.due_cards(journal, now - timedelta(days=10)) == []


# -- numbers for stats, post and charts -------------------------------------------------------------
@pytest.fixture
def auckland(monkeypatch):
    """Local time 13 hours ahead of UTC (New Zealand summer)."""
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def test_reviews_are_counted_per_local_day(journal, auckland) -> None:
    card = cards.add_card(journal, "Front", "Back", "Math", now=T0).card
    # 23:30 UTC on the 19th is already the 20th in Auckland; 10:00 UTC on the 20th is 23:00 there.
    for moment, rating in (("2026-11-19T23:30:00+00:00", 3), ("2026-11-20T10:00:00+00:00", 1),
                           ("2026-11-20T11:30:00+00:00", 3)):
        cards.rate(journal, card, rating, now=datetime.fromisoformat(moment), fuzz=False, retention=0.9)
    days = cards.reviews_per_day(journal, date(2026, 11, 19), date(2026, 11, 21))
    assert days == [
        {"day": "2026-11-19", "reviews": 0, "again": 0},
        {"day": "2026-11-20", "reviews": 2, "again": 1},
        {"day": "2026-11-21", "reviews": 1, "again": 0},
    ]
    assert cards.reviews_between(journal, date(2026, 11, 20), date(2026, 11, 20)) == 2
    assert cards.reviews_between(journal, date(2026, 11, 19), date(2026, 11, 21)) == 3
    assert cards.reviews_between(journal, date(2026, 11, 22), date(2026, 11, 30)) == 0


def test_stats_show_due_cards_and_the_weeks_reviews(cli, journal) -> None:
    now = datetime(2026, 11, 21, 18, 30, tzinfo=timezone.utc)
    first = cards.add_card(journal, "A", "a", "Math", now=now - timedelta(days=2)).card
    cards.add_card(journal, "B", "b", "Math", now=now - timedelta(hours=1))
    cards.add_card(journal, "C", "c", "Math", now=now + timedelta(days=1))
    cards.rate(journal, first, "again", now=now - timedelta(days=1), fuzz=False, retention=0.9)
    result = cli("stats")
    assert result.exit_code == 0, result.output
    assert "Due: 2 cards to review (run `tracker cards review`; 1 reviewed this week)" in result.stdout
    due = json.loads(cli("stats", "--json").stdout)["due"]
    assert [(d["kind"], d["count"], d["reviewed_this_week"]) for d in due] == [("cards", 2, 1)]


def test_stats_say_nothing_about_cards_in_a_journal_without_any(cli) -> None:
    cli("log", "30m", "Math")
    assert json.loads(cli("stats", "--json").stdout)["due"] == []


def test_stats_count_due_cards_without_loading_fsrs_genanki_or_markdown(db_path) -> None:
    code = (
        "import json, sys\n"
        "from datetime import date\n"
        "from tracker.config import Settings\n"
        "from tracker.store import open_journal\n"
        "from tracker.stats import compute_stats\n"
        f"journal = open_journal({str(db_path)!r})\n"
        "journal.execute(\"INSERT INTO topic (name, created_at, updated_at) VALUES ('Math', 'x', 'x')\")\n"
        "journal.execute(\"INSERT INTO card (uid, topic_id, front, back, due, created_at, updated_at) "
        "VALUES ('u', 1, 'f', 'b', '2026-11-01T00:00:00Z', 'x', 'x')\")\n"
        "stats = compute_stats(journal, Settings(), date(2026, 11, 21))\n"
        "print(json.dumps([stats.due[0]['count'], sorted({m.split('.')[0] for m in sys.modules} & "
        "{'fsrs', 'genanki', 'markdown_it', 'sqlalchemy', 'pydantic'})]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [1, []]


# -- cards from notes -----------------------------------------------------------------------------
NOTES = """# Activations

Some prose. Q: in the middle of a paragraph is not a card.

```card nn vanishing
Why does a deep stack of **sigmoids** learn slowly?
---
sigmoid'(x) is at most 0.25, so the gradient
shrinks at every layer.
```

Q: What does a dead ReLU unit receive in backprop?
A: Zero gradient,
so it never recovers.

```python
# Q: not a card either
```

```card
A card block without a separator
```

Q: A question without an answer

- Q: Which activation for probabilities?
  A: Sigmoid (or softmax over classes).
"""


def test_cards_are_read_from_card_blocks_and_q_a_paragraphs() -> None:
    found, problems = cards.cards_in_markdown(NOTES, "activations.md")
    assert [(c.front, c.back, c.tags, c.line) for c in found] == [
        ("Why does a deep stack of **sigmoids** learn slowly?",
         "sigmoid'(x) is at most 0.25, so the gradient\nshrinks at every layer.", "nn vanishing", 5),
        ("What does a dead ReLU unit receive in backprop?", "Zero gradient,\nso it never recovers.", "", 12),
        ("Which activation for probabilities?", "Sigmoid (or softmax over classes).", "", 26),
    ]
    assert problems == [
        "activations.md, line 20: a card block needs a line '---' between its front and its back",
        "activations.md, line 24: a Q: line needs an A: line after it in the same paragraph",
    ]


def test_reading_notes_again_adds_no_copies_and_updates_changed_backs(journal) -> None:
    from tracker.topics import add_topic, update_topic

    add_topic(journal, "Activations", notes=NOTES)
    add_topic(journal, "Empty topic")
    first = cards.sync_from_notes(journal, now=T0)
    assert (first.added, first.updated, first.unchanged, first.topics) == (3, 0, 0, 1)
    assert len(first.problems) == 2
    uids = {c["front"]: c["uid"] for c in cards.list_cards(journal)}
    assert cards.sync_from_notes(journal).added == 0
    assert journal.scalar("SELECT count(*) FROM card") == 3

    reviewed = next(c for c in cards.list_cards(journal) if c["front"].startswith("What does a dead"))
    cards.rate(journal, reviewed, "good", now=T0, fuzz=False, retention=0.9)
    schedule = cards.get_card(journal, reviewed["id"])["due"]
    changed = NOTES.replace("Zero gradient,", "No gradient at all,").replace(
        "- Q: Which activation for probabilities?\n  A: Sigmoid (or softmax over classes).\n", "")
    update_topic(journal, "Activations", notes=changed)
    again = cards.sync_from_notes(journal, topic="activations")
    assert (again.added, again.updated, again.unchanged) == (0, 1, 1)
    assert [m["front"] for m in again.missing] == ["Which activation for probabilities?"]
    after = cards.get_card(journal, reviewed["id"])
    assert after["back"] == "No gradient at all,\nso it never recovers."
    assert after["due"] == schedule and after["uid"] == reviewed["uid"]
    # A renamed topic keeps its cards: matching is by topic and front, not by the old name's hash.
    update_topic(journal, "Activations", new_name="Activation functions")
    assert cards.sync_from_notes(journal).added == 0
    assert {c["front"]: c["uid"] for c in cards.list_cards(journal)} == uids


def test_from_notes_command_reads_a_file_into_a_topic(cli, tmp_path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    result = cli("cards", "from-notes", "--file", str(notes), "--topic", "Activations")
    assert result.exit_code == 0, result.output
    assert "cards: 3 new, 0 updated, 0 unchanged, from 1 topic" in result.stdout
    assert "line 20: a card block needs a line '---'" in result.stderr
    assert "0 new" in cli("cards", "from-notes", "--file", str(notes), "--topic", "Activations").stdout
    missing_topic = cli("cards", "from-notes", "--file", str(notes))
    assert missing_topic.exit_code == 2 and "--file needs --topic" in missing_topic.stderr


# -- CSV --------------------------------------------------------------------------------------------
def test_csv_import_adds_cards_and_skips_them_the_second_time(cli, journal, tmp_path) -> None:
    path = tmp_path / "cards.csv"
    path.write_text(
        "front,back,topic,tags\n"
        "What is a tensor?,An n-dimensional array,Linear algebra,basics\n"
        "\"Multi-line\nfront\",back,CNNs,\n",
        encoding="utf-8",
    )
    result = cli("cards", "import", str(path))
    assert result.exit_code == 0, result.output
    assert "Imported 2 cards" in result.stdout and "New topics: Linear algebra, CNNs" in result.stdout
    rows = cards.list_cards(journal)
    assert {(r["front"], r["topic"], r["tags"], r["source"]) for r in rows} == {
        ("What is a tensor?", "Linear algebra", "basics", "csv"), ("Multi-line\nfront", "CNNs", "", "csv")}
    again = cli("cards", "import", str(path))
    assert "Imported 0 cards" in again.stdout and "2 already there" in again.stdout
    assert journal.scalar("SELECT count(*) FROM card") == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("front,back,topic\nQ1,A1,Math\nQ2,,Math\n", "line 3: back is empty"),
        ("front,back,topic\nQ1,A1,Math\n\n\"Q\n2\",A2,\n", "line 4: topic is empty"),
        ("front,back,topic\nQ1,A1,Math\n Q1 ,A2,math\n", "line 3: card 'Q1' is already on line 2"),
        ("front,back\nQ1,A1\n", "missing column(s) topic"),
        ("front,back,topic\nQ1,A1,Math,extra\n", "line 2: 4 cells"),
    ],
)
def test_a_bad_csv_row_names_its_line_and_writes_nothing(cli, db_path, tmp_path, body, message) -> None:
    path = tmp_path / "cards.csv"
    path.write_text(body, encoding="utf-8")
    result = cli("cards", "import", str(path))
    assert result.exit_code == 2
    assert message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM card").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM topic").fetchone()[0] == 0


# -- Anki -------------------------------------------------------------------------------------------
def read_apkg(path: Path, scratch: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        collection = next(n for n in names if n in ("collection.anki21", "collection.anki2"))
        archive.extract(collection, scratch)
    conn = sqlite3.connect(scratch / collection)
    try:
        notes = conn.execute("SELECT id, guid, mid, flds, tags FROM notes").fetchall()
        card_decks = dict(conn.execute("SELECT nid, did FROM cards").fetchall())
        decks = {int(k): v["name"] for k, v in json.loads(conn.execute("SELECT decks FROM col").fetchone()[0]).items()}
        models = {int(k): v for k, v in json.loads(conn.execute("SELECT models FROM col").fetchone()[0]).items()}
    finally:
        conn.close()
    return {
        "notes": {fields.split("\x1f")[0]: {"guid": guid, "mid": mid, "fields": fields.split("\x1f"),
                                            "tags": tags.split(), "deck": decks[card_decks[nid]]}
                  for nid, guid, mid, fields, tags in notes},
        "decks": decks, "models": models,
    }


def test_anki_export_has_a_deck_per_topic_and_stable_guids(cli, journal, tmp_path) -> None:
    cards.add_card(journal, "Why **ReLU**?", "No vanishing gradient for `x > 0`", "Activations", tags=["nn"])
    cards.add_card(journal, "<script>alert(1)</script> & friends", "escaped", "CNNs")
    target = tmp_path / "out" / "cards.apkg"
    result = cli("cards", "export", "--anki", str(target))
    assert result.exit_code == 0, result.output
    assert "Exported 2 cards in 2 decks" in result.stdout
    first = read_apkg(target, tmp_path / "first")
    relu = first["notes"]["<p>Why <strong>ReLU</strong>?</p>"]
    assert relu["fields"] == ["<p>Why <strong>ReLU</strong>?</p>",
                              "<p>No vanishing gradient for <code>x &gt; 0</code></p>", "Activations"]
    assert relu["tags"] == ["nn"] and relu["deck"] == "ML Study::Activations"
    escaped = first["notes"]["<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends</p>"]
    assert escaped["deck"] == "ML Study::CNNs"
    assert "ML Study" in first["decks"].values()
    assert [f["name"] for f in next(iter(first["models"].values()))["flds"]] == ["Front", "Back", "Topic"]
    assert len({n["guid"] for n in first["notes"].values()}) == 2

    card_id = cards.list_cards(journal, "Activations")[0]["id"]
    cards.update_card(journal, card_id, back="Its gradient is 1 where it is active")
    cards.add_card(journal, "New card", "later", "CNNs")
    assert cli("cards", "export", "--anki", str(target)).exit_code == 0
    second = read_apkg(target, tmp_path / "second")
    relu_again = second["notes"]["<p>Why <strong>ReLU</strong>?</p>"]
    assert relu_again["guid"] == relu["guid"]
    assert relu_again["fields"][1] == "<p>Its gradient is 1 where it is active</p>"
    assert second["notes"][escaped["fields"][0]]["guid"] == escaped["guid"]
    assert {k: v for k, v in second["decks"].items() if v in first["decks"].values()} == first["decks"]
    assert set(second["models"]) == set(first["models"])
    assert len(second["notes"]) == 3
    assert [p.name for p in target.parent.iterdir()] == ["cards.apkg"]  # no temporary file left


def test_export_without_cards_is_refused(cli, journal, tmp_path) -> None:
    result = cli("cards", "export", "--anki", str(tmp_path / "x.apkg"))
    assert result.exit_code == 2 and "no cards to export" in result.stderr
    assert not (tmp_path / "x.apkg").exists()


# -- the command line -------------------------------------------------------------------------------
def test_review_in_the_terminal_is_driven_by_stdin(cli, db_path) -> None:
    cli("cards", "add", "Why ReLU?", "No vanishing gradient", "--topic", "Activations")
    cli("cards", "add", "What is softmax?", "exp(x) / sum(exp(x))", "--topic", "Activations")
    cli("cards", "add", "Third card", "never reached", "--topic", "Activations")
    # card 1: reveal, a wrong key then 3; card 2: reveal, 1; card 3: quit before the answer.
    result = cli("cards", "review", input="\nx\n3\n\nagain\nq\n")
    assert result.exit_code == 0, result.output
    assert "Why ReLU?" in result.stdout and "No vanishing gradient" in result.stdout
    assert "never reached" not in result.stdout
    assert "rating 'x' is not one of" in result.stderr
    assert "Good: back in 10m (2026-11-21 18:40)" in result.stdout
    assert "Again: back in 1m" in result.stdout
    assert "Reviewed 2 cards (1 again); 1 still due." in result.stdout
    with sqlite3.connect(db_path) as conn:
        reviews = conn.execute("SELECT card_id, rating, reviewed_at, review_duration_ms FROM review ORDER BY id").fetchall()
    assert [r[:3] for r in reviews] == [(1, 3, "2026-11-21T18:30:00Z"), (2, 1, "2026-11-21T18:30:00Z")]
    assert all(r[3] is not None and r[3] >= 0 for r in reviews)
    due = json.loads(cli("cards", "due", "--json").stdout)
    assert [c["front"] for c in due] == ["Third card"]
    assert due[0]["due_local"] == "2026-11-21 18:30" and due[0]["state_name"] == "new"


def test_review_stops_at_the_end_of_input_and_with_nothing_due(cli) -> None:
    assert "No cards due." in cli("cards", "review").stdout
    cli("cards", "add", "Front", "Back", "-t", "Math")
    result = cli("cards", "review", input="\n")
    assert result.exit_code == 0 and "Reviewed 0 cards" in result.stdout


def test_add_edit_delete_and_bad_input(cli, db_path) -> None:
    added = cli("cards", "add", "Front", "Back", "-t", "Math", "-g", "one", "-g", "#two,three")
    assert "Added card 1 to Math (new topic 'Math')" in added.stdout
    listed = json.loads(cli("cards", "list", "--json").stdout)
    assert listed[0]["tags"] == "one two three" and listed[0]["source"] == "cli"
    uid = listed[0]["uid"]
    assert cli("cards", "edit", "1", "--back", "New back", "--tags", "").exit_code == 0
    edited = json.loads(cli("cards", "list", "--json").stdout)[0]
    assert (edited["back"], edited["tags"], edited["uid"]) == ("New back", "", uid)
    for args, message in (
        (("cards", "add", " ", "Back", "-t", "Math"), "front is empty"),
        (("cards", "add", "Front", "", "-t", "Math"), "back is empty"),
        (("cards", "edit", "99", "--back", "x"), "no card '99'"),
        (("cards", "delete", "abc"), "no card 'abc'"),
    ):
        result = cli(*args)
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)
    assert "Deleted card 1" in cli("cards", "delete", "1").stdout
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM card").fetchone()[0] == 0


def test_a_failed_checkpoint_becomes_one_card(journal) -> None:
    message = "relu_grad(-2.0) returned 1.0; expected 0.0"
    made = cards.card_from_checkpoint_failure(journal, "03_activations", "Activations", message)
    assert made.created and made.card["source"] == "checkpoint" and made.card["back"] == ""
    assert "> relu_grad(-2.0) returned 1.0; expected 0.0" in made.card["front"]
    again = cards.card_from_checkpoint_failure(journal, "03_activations", "Activations", message)
    assert not again.created and again.card["id"] == made.card["id"]
    assert journal.scalar("SELECT count(*) FROM card") == 1


def test_review_honours_limit_and_ctrl_c_keeps_what_was_rated(cli, db_path, monkeypatch) -> None:
    for front in ("One", "Two", "Three"):
        cli("cards", "add", front, "back", "-t", "Math")
    limited = cli("cards", "review", "--limit", "1", input="\n4\n\n4\n")
    assert "Reviewed 1 card (0 again); 2 still due." in limited.stdout

    import tracker.cli.cards as cards_cli

    answers = iter(["", "3"])

    def ask(prompt: str):
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(cards_cli, "_ask", ask)
    interrupted = cli("cards", "review")
    assert interrupted.exit_code == 0, interrupted.output
    assert "Reviewed 1 card (0 again); 1 still due." in interrupted.stdout
    with sqlite3.connect(db_path) as conn:
        assert [r[0] for r in conn.execute("SELECT rating FROM review ORDER BY id")] == [4, 3]
