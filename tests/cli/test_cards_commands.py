"""The `tracker cards` commands (add, edit, delete, due, review, from-notes, import, export) and the
due cards `tracker stats` shows."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from testkit.cards import NOTES

from tracker import cards


# -- due cards in stats -----------------------------------------------------------------------------
def test_stats_show_due_cards_and_the_weeks_reviews(cli, journal) -> None:
    now = datetime(2026, 11, 21, 18, 30, tzinfo=timezone.utc)
    first = cards.add_card(journal, "A", "a", "Math", now=now - timedelta(days=2)).card
    cards.add_card(journal, "B", "b", "Math", now=now - timedelta(hours=1))
    cards.add_card(journal, "C", "c", "Math", now=now + timedelta(days=1))
    cards.rate(journal, first, "again", now=now - timedelta(days=1), fuzz=False, retention=0.9)
    result = cli("stats")
    assert result.exit_code == 0, result.output
    # Card A, rated Again a day ago, is the one reviewed card: its predicted recall is the deck's.
    recall = cards.retrievability(cards.get_card(journal, first["id"]), now)
    assert ("Due: 2 cards to review (run `tracker cards review`; 1 reviewed this week; "
            f"expected retention {round(recall * 100)}%)") in result.stdout
    due = json.loads(cli("stats", "--json").stdout)["due"]
    assert [(d["kind"], d["count"], d["reviewed_this_week"]) for d in due] == [("cards", 2, 1)]
    assert due[0]["expected_retention"] == round(recall, 4)


def test_stats_say_nothing_about_cards_in_a_journal_without_any(cli) -> None:
    cli("log", "30m", "Math")
    assert json.loads(cli("stats", "--json").stdout)["due"] == []


# -- cards from notes -------------------------------------------------------------------------------
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


# -- review and editing -----------------------------------------------------------------------------
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
