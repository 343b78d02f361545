"""`tracker cards import --anki FILE [--topic NAME]` against files made by the real Anki library:
tracker's .apkg imported into an Anki collection, cards answered by Anki's own scheduler, then
exported (.apkg modern and legacy, .colpkg) and read back."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import timedelta

import pytest
from testkit.anki import AnkiCollection, Answer
from testkit.clock import NOW

from tracker import cards
from tracker.cards import anki_import
from tracker.cards.anki import note_guid
from tracker.clock import parse_utc

pytest.importorskip("anki")
#: `cli` runs on the SQLite file; the journal it is compared with must be that file.
pytestmark = pytest.mark.sqlite_only

RELU, ADAM, DROPOUT = "Why ReLU?", "What is Adam?", "What is dropout?"
DAY = timedelta(days=1)
ANSWERS = [
    Answer(RELU, 1, NOW - 9 * DAY, 5000),
    Answer(RELU, 3, NOW - 9 * DAY + timedelta(minutes=10), 3000),
    Answer(ADAM, 3, NOW - 9 * DAY + timedelta(hours=1)),
    Answer(RELU, 3, NOW - 7 * DAY),
    Answer(ADAM, 4, NOW - 6 * DAY, 2500),
]


def _dump(journal) -> dict:
    return {table: [tuple(r.values()) for r in journal.rows(f"SELECT * FROM {table} ORDER BY id")]
            for table in ("card", "review", "topic")}


@pytest.fixture
def anki_files(cli, journal, tmp_path):
    """Tracker's two cards, taken to Anki and reviewed there; a note made in Anki too. Returns
    a function giving the package of a kind (apkg, legacy, colpkg) and the collection."""
    cards.add_card(journal, RELU, "No **vanishing** gradient for x > 0", "Activations", now=NOW - 10 * DAY)
    cards.add_card(journal, ADAM, "Momentum & RMSprop", "Optim", now=NOW - 10 * DAY)
    exported = tmp_path / "tracker.apkg"
    assert cli("cards", "export", "--anki", str(exported)).exit_code == 0
    collection = AnkiCollection(tmp_path / "anki")
    assert collection.import_apkg(exported) == 2
    guid = collection.add_note(DROPOUT, "Randomly <b>zeroing</b> units&nbsp;in training &amp; not at test<br>time")
    revlog_ids = collection.answer([*ANSWERS, Answer(DROPOUT, 3, NOW - 5 * DAY)])

    def package(kind: str):
        target = tmp_path / f"out-{kind}.{'colpkg' if kind == 'colpkg' else 'apkg'}"
        if kind == "colpkg":
            return collection.export_colpkg(target)
        return collection.export_apkg(target, legacy=kind == "legacy")

    package.guid = guid
    package.revlog_ids = revlog_ids
    package.collection = collection
    yield package
    collection.close()


@pytest.mark.parametrize("kind", ["apkg", "legacy", "colpkg"])
def test_reviews_come_back_from_anki(cli, journal, anki_files, kind) -> None:
    path = anki_files(kind)
    members = set(zipfile.ZipFile(path).namelist())
    assert ("collection.anki21b" in members) == (kind != "legacy")  # what modern Anki writes by default
    before = {row["front"]: dict(row) for row in cards.list_cards(journal)}

    result = cli("cards", "import", "--anki", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Imported 5 reviews from Anki for 2 cards (0 already there).",
        "1 note(s) not from tracker skipped; import them with --topic NAME.",
    ]
    rows = journal.rows("SELECT c.front, r.rating, r.reviewed_at, r.review_duration_ms, r.source, r.anki_revlog_id "
                        "FROM review r JOIN card c ON c.id = r.card_id ORDER BY r.reviewed_at")
    assert [(r["front"], r["rating"], r["reviewed_at"], r["review_duration_ms"], r["source"]) for r in rows] == [
        (a.front, a.rating, a.at.strftime("%Y-%m-%dT%H:%M:%SZ"), a.taken_ms, "anki") for a in ANSWERS]
    assert [r["anki_revlog_id"] for r in rows] == anki_files.revlog_ids[:5]
    after = {row["front"]: dict(row) for row in cards.list_cards(journal)}
    for front, last in ((RELU, ANSWERS[3]), (ADAM, ANSWERS[4])):
        assert before[front]["last_review"] is None
        assert after[front]["last_review"] == last.at.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert after[front]["state"] == 2 and after[front]["stability"] > 0  # in review after Good/Easy
        assert after[front]["due"] > after[front]["last_review"]
    # Easy after Good days apart gives a longer interval than Good
    assert after[ADAM]["stability"] > after[RELU]["stability"]

    again = cli("cards", "import", "--anki", str(path))
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("Imported 0 reviews from Anki for 0 cards (5 already there).")
    assert journal.scalar("SELECT count(*) FROM review") == 5
    assert {row["front"]: dict(row) for row in cards.list_cards(journal)} == after


def test_the_replay_matches_tracker_rating_the_same_answers(cli, journal, anki_files, tmp_path) -> None:
    """Anki's reviews go through the same FSRS replay as tracker's (memory.reschedule)."""
    assert cli("cards", "import", "--anki", str(anki_files("apkg"))).exit_code == 0
    imported = {row["front"]: dict(row) for row in cards.list_cards(journal)}
    other = tmp_path / "other.db"
    from testkit.journals import blank_journal

    from tracker.cards.daily_load import fuzz_range
    from tracker.cards.memory import reschedule
    from tracker.store import open_journal

    blank_journal(other)
    with open_journal(str(other)) as second:
        for front, back, topic in ((RELU, "x", "Activations"), (ADAM, "y", "Optim")):
            cards.add_card(second, front, back, topic, now=NOW - 10 * DAY)
        for answer in ANSWERS:
            card = next(c for c in cards.list_cards(second) if c["front"] == answer.front)
            cards.rate(second, card, answer.rating, now=answer.at, duration_ms=answer.taken_ms, fuzz=False)
        with second.transaction():
            reschedule(second)
        replayed = {row["front"]: dict(row) for row in cards.list_cards(second)}
    for front in (RELU, ADAM):
        # (due: balanced within FSRS's fuzz range by load, ties seeded by the card's uid, which differs)
        for key in ("state", "stability", "difficulty", "last_review"):
            assert imported[front][key] == replayed[front][key], (front, key)
        days = {name: (parse_utc(row[front]["due"]) - parse_utc(row[front]["last_review"])).days
                for name, row in (("imported", imported), ("replayed", replayed))}
        low, high = fuzz_range(days["replayed"], 36500)
        assert abs(days["imported"] - days["replayed"]) <= high - low, days


def test_notes_made_in_anki_become_cards_with_topic(cli, journal, anki_files) -> None:
    path = anki_files("apkg")
    result = cli("cards", "import", "--anki", str(path), "--topic", "Regularization")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Imported 6 reviews from Anki for 3 cards (0 already there); 1 new cards into Regularization."
    card = next(c for c in cards.list_cards(journal) if c["topic"] == "Regularization")
    assert card["front"] == DROPOUT
    assert card["back"] == "Randomly zeroing units in training & not at test\ntime"
    assert card["source"] == "anki"
    assert note_guid(card["uid"]) == anki_files.guid  # a re-export updates the same Anki note
    assert card["last_review"] == (NOW - 5 * DAY).strftime("%Y-%m-%dT%H:%M:%SZ")
    again = cli("cards", "import", "--anki", str(path), "--topic", "Regularization")
    assert again.stdout.strip() == "Imported 0 reviews from Anki for 0 cards (6 already there); 0 new cards into Regularization."
    assert journal.scalar("SELECT count(*) FROM card") == 3


def test_suspended_in_anki_leaves_trackers_flag(cli, journal, anki_files) -> None:
    anki_files.collection.suspend(RELU)
    assert cli("cards", "import", "--anki", str(anki_files("apkg"))).exit_code == 0
    assert journal.scalar("SELECT count(*) FROM card WHERE suspended = 1") == 0


def test_anki_reviews_count_in_stats_and_the_optimizer(cli, journal, anki_files) -> None:
    assert cli("cards", "import", "--anki", str(anki_files("apkg"))).exit_code == 0
    assert cards.reviews_between(journal, (NOW - 10 * DAY).date(), NOW.date()) == 5
    # 2 reviews a day or more after the card's previous one (ReLU day 3, Adam day 4): the optimizer's items
    result = cli("cards", "optimize")
    assert result.exit_code == 0, result.output
    assert "only 2 reviews came a day or more after" in result.stdout
    from tracker.cards import memory

    items, reviews = memory._history(journal)
    assert reviews == 5 and len(items) == 2


# -- bad input: one line, exit 2, nothing written ------------------------------------------------
def _zip(path, members: dict):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _collection_bytes(tmp_path, version: int) -> bytes:
    db = tmp_path / f"v{version}.sqlite"
    conn = sqlite3.connect(db)
    conn.executescript(f"CREATE TABLE col (ver INTEGER); INSERT INTO col VALUES ({version});"
                       "CREATE TABLE notes (id, guid, mid, flds, tags); CREATE TABLE cards (id, nid);"
                       "CREATE TABLE revlog (id, cid, ease, time, type);")
    conn.commit()
    conn.close()
    return db.read_bytes()


def _assert_refused(cli, journal, args, start: str) -> None:
    before = _dump(journal)
    result = cli("cards", "import", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert result.stderr.startswith(f"tracker: {start}"), result.stderr
    assert _dump(journal) == before


def test_bad_packages_are_one_line_exit_2(cli, journal, tmp_path) -> None:
    cards.add_card(journal, RELU, "x", "Activations", now=NOW)
    text = tmp_path / "notes.apkg"
    text.write_text("not a zip")
    _assert_refused(cli, journal, ["--anki", str(text)], f"{text} is not an Anki package (not a zip file)")
    empty = _zip(tmp_path / "empty.apkg", {"media": "{}", "../../evil": "x"})
    _assert_refused(cli, journal, ["--anki", str(empty)], f"{empty} is not an Anki package (no collection inside)")
    damaged = _zip(tmp_path / "damaged.apkg", {"collection.anki21": b"SQLite format 3\x00" + b"\x07" * 4000})
    _assert_refused(cli, journal, ["--anki", str(damaged)], f"{damaged}: the Anki collection inside is damaged")
    bad_zstd = _zip(tmp_path / "zstd.apkg", {"collection.anki21b": b"\x28\xb5\x2f\xfd garbage"})
    _assert_refused(cli, journal, ["--anki", str(bad_zstd)], f"{bad_zstd}: the Anki collection inside is damaged")
    version = _zip(tmp_path / "v99.apkg", {"collection.anki2": _collection_bytes(tmp_path, 99)})
    _assert_refused(cli, journal, ["--anki", str(version)],
                    f"{version}: Anki collection schema version 99 is unknown (this tracker reads 11 and 18)")
    _assert_refused(cli, journal, [], "give either a CSV file or --anki FILE, not neither")
    _assert_refused(cli, journal, [str(text), "--anki", str(text)], "give either a CSV file or --anki FILE, not both")


def test_too_large_a_member_is_refused(cli, journal, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(anki_import, "MAX_MEMBER_MB", 0)
    package = _zip(tmp_path / "big.apkg", {"collection.anki2": _collection_bytes(tmp_path, 11)})
    _assert_refused(cli, journal, ["--anki", str(package)], f"{package}: collection.anki2 is over 0 MB uncompressed")


def test_zip_size_that_lies_is_capped(tmp_path, monkeypatch) -> None:
    """The size in the zip's directory is not trusted: copying stops at the cap."""
    import io

    monkeypatch.setattr(anki_import, "_CHUNK", 16)
    with pytest.raises(Exception) as raised:
        anki_import._copy_capped(io.BytesIO(b"x" * 100), io.BytesIO(), 50, tmp_path / "p", "collection.anki2")
    assert "over" in str(raised.value)


def test_reviewed_note_of_a_card_deleted_in_tracker_is_refused(cli, journal, anki_files) -> None:
    path = anki_files("apkg")
    relu = next(c for c in cards.list_cards(journal) if c["front"] == RELU)
    cards.delete_card(journal, relu["id"])
    _assert_refused(cli, journal, ["--anki", str(path)],
                    f"{path}: 1 reviewed note(s) from tracker match no card here any more (deleted in tracker?), "
                    f"first {RELU!r}")


def test_revlog_of_a_card_missing_from_the_package_is_skipped(tmp_path, journal) -> None:
    card = cards.add_card(journal, RELU, "x", "Activations", now=NOW).card
    db = tmp_path / "c.sqlite"
    conn = sqlite3.connect(db)
    conn.executescript("CREATE TABLE col (ver INTEGER); INSERT INTO col VALUES (11);"
                       "CREATE TABLE notes (id, guid, mid, flds, tags); CREATE TABLE cards (id, nid);"
                       "CREATE TABLE revlog (id, cid, ease, time, type);")
    ms = int((NOW - DAY).timestamp() * 1000)
    conn.execute("INSERT INTO notes VALUES (1, ?, 1741305926, 'Why ReLU?\x1fx\x1fActivations', '')",
                 (note_guid(card["uid"]),))
    conn.execute("INSERT INTO cards VALUES (10, 1)")
    conn.executemany("INSERT INTO revlog VALUES (?, ?, ?, 1000, ?)", [
        (ms, 10, 3, 0), (ms + 1000, 99, 3, 1),  # card 99 is not in the package
        (ms + 2000, 10, 0, 1), (ms + 3000, 10, 3, 4), (ms + 4000, 10, 2, 1)])  # ease 0 and manual: skipped
    conn.commit()
    conn.close()
    package = _zip(tmp_path / "hand.apkg", {"collection.anki2": db.read_bytes()})
    done = anki_import.import_anki(journal, package)
    assert (done.reviews, done.cards, done.already) == (2, 1, 0)
    assert [r["rating"] for r in journal.rows("SELECT rating FROM review ORDER BY reviewed_at")] == [3, 2]
