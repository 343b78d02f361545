"""Reviews back from Anki (`tracker cards import --anki FILE [--topic NAME]`).

An .apkg or .colpkg is a zip holding an SQLite collection. It is read without the `anki` library
(its Rust backend is large, and tracker must not depend on it):
collection.anki21b (zstd-compressed, modern Anki's default) is preferred over collection.anki21
and collection.anki2 (plain SQLite), as Anki does; a modern package also holds a dummy anki2 that
tells old Anki versions to update, which is why the order matters. Only those member names are
read (never a path from the zip), each capped in size, into a temporary folder removed after.

Notes are matched to tracker's cards by GUID (anki.note_guid of the card's uid). Their review log
becomes review rows with source 'anki' and Anki's revlog id (so a second import adds nothing),
then every reviewed card is replayed through FSRS (memory.reschedule, the one replay). Revlog rows
skipped: type 4 and 5 (manual and rescheduled: a date set by hand, not a recall), ease 0 (the
same, in older versions), and rows whose card is not in the package (a card deleted in Anki keeps
its revlog; Anki ignores those too). Anki's suspended flag (queue -1) is not copied: tracker's
own flag (leeches, `tracker cards suspend`) stays as the learner set it here.
"""

from __future__ import annotations

import html
import re
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tracker.cards.anki import ANKI_UID_PREFIX, MODEL_ID, note_guid
from tracker.cards.memory import reschedule
from tracker.cards.service import insert_card
from tracker.cards.text import card_values
from tracker.clock import utc_now, utc_text
from tracker.errors import Msg, TrackerError, bad_input
from tracker.store import Journal, stamps
from tracker.topics import ensure_topic

#: The collections a package may hold, in the order Anki prefers them.
COLLECTION_MEMBERS = ("collection.anki21b", "collection.anki21", "collection.anki2")
#: col.ver of the collections this reads: 11 (legacy .anki2/.anki21, also genanki's), 18 (.anki21b).
KNOWN_VERSIONS = (11, 18)
#: A collection above this, uncompressed, is refused: a damaged file or a zip bomb.
MAX_MEMBER_MB = 512
#: Revlog types that are not a recall (manual: a due date set by hand; rescheduled: FSRS's
#: "reschedule cards" run), skipped like ease 0.
SKIPPED_REVLOG_TYPES = (4, 5)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Note:
    id: int
    guid: str
    model_id: int
    fields: list[str]
    tags: str


@dataclass(frozen=True)
class Revlog:
    id: int
    card_id: int
    ease: int
    time_ms: int
    type: int


@dataclass
class Package:
    """What tracker reads of an Anki collection."""

    version: int
    notes: list[Note] = field(default_factory=list)
    #: Anki card id -> its note id.
    cards: dict[int, int] = field(default_factory=dict)
    revlog: list[Revlog] = field(default_factory=list)


@dataclass(frozen=True)
class AnkiImport:
    reviews: int
    cards: int
    already: int
    new_cards: int
    topic: str | None
    #: Notes not from tracker that were left out (no --topic).
    foreign_skipped: int

    def summary(self) -> str:
        new = f"; {self.new_cards} new cards into {self.topic}" if self.topic else ""
        return f"Imported {self.reviews} reviews from Anki for {self.cards} cards ({self.already} already there){new}"


# -- reading the package ----------------------------------------------------------------------------
def read_package(path: Path | str) -> Package:
    """The notes, cards and review log of an .apkg/.colpkg; bad input (one line) for anything
    that is not a readable Anki package of a known version."""
    path = Path(path)
    limit = MAX_MEMBER_MB * 1024 * 1024
    if not zipfile.is_zipfile(path):
        raise bad_input(Msg.ANKI_NOT_PACKAGE, path=path, reason="not a zip file")
    scratch = Path(tempfile.mkdtemp(prefix="tracker-anki-"))
    try:
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                member = next((name for name in COLLECTION_MEMBERS if name in names), None)
                if member is None:
                    raise bad_input(Msg.ANKI_NOT_PACKAGE, path=path, reason="no collection inside")
                info = archive.getinfo(member)
                if info.file_size > limit:
                    raise bad_input(Msg.ANKI_TOO_LARGE, path=path, member=member, limit=MAX_MEMBER_MB)
                target = scratch / "collection.sqlite"  # our name, never one from the zip
                with archive.open(info) as source, open(target, "wb") as out:
                    if member.endswith("b"):
                        _unzstd(source, out, limit, path, member)
                    else:
                        _copy_capped(source, out, limit, path, member)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as err:
            raise bad_input(Msg.ANKI_NOT_PACKAGE, path=path, reason=str(err) or type(err).__name__) from None
        except OSError as err:
            raise bad_input(Msg.ANKI_DAMAGED, path=path, reason=err.strerror or err) from None
        return _read_collection(target, path)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _copy_capped(source, out, limit: int, path: Path, member: str) -> None:
    """Copy at most `limit` bytes: the size in the zip's directory can lie."""
    written = 0
    while chunk := source.read(_CHUNK):
        written += len(chunk)
        if written > limit:
            raise bad_input(Msg.ANKI_TOO_LARGE, path=path, member=member, limit=MAX_MEMBER_MB)
        out.write(chunk)


def _unzstd(source, out, limit: int, path: Path, member: str) -> None:
    import zstandard  # only for modern packages

    try:
        with zstandard.ZstdDecompressor().stream_reader(source) as reader:
            _copy_capped(reader, out, limit, path, member)
    except zstandard.ZstdError as err:
        raise bad_input(Msg.ANKI_DAMAGED, path=path, reason=f"zstd: {err}") from None


def _read_collection(database: Path, path: Path) -> Package:
    try:
        conn = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as err:
        raise bad_input(Msg.ANKI_DAMAGED, path=path, reason=err) from None
    try:
        row = conn.execute("SELECT ver FROM col").fetchone()
        version = int(row[0]) if row else None
        if version not in KNOWN_VERSIONS:
            raise bad_input(Msg.ANKI_VERSION, path=path, found=version,
                            known=" and ".join(map(str, KNOWN_VERSIONS)))
        package = Package(version)
        for nid, guid, mid, flds, tags in conn.execute("SELECT id, guid, mid, flds, tags FROM notes"):
            package.notes.append(Note(int(nid), str(guid), int(mid), str(flds).split("\x1f"), str(tags or "")))
        package.cards = {int(cid): int(nid) for cid, nid in conn.execute("SELECT id, nid FROM cards")}
        for rid, cid, ease, taken, kind in conn.execute("SELECT id, cid, ease, time, type FROM revlog ORDER BY id"):
            package.revlog.append(Revlog(int(rid), int(cid), int(ease), max(0, int(taken or 0)), int(kind)))
        return package
    except sqlite3.Error as err:  # not a database, or not Anki's tables
        raise bad_input(Msg.ANKI_DAMAGED, path=path, reason=err) from None
    except (TypeError, ValueError) as err:
        raise bad_input(Msg.ANKI_DAMAGED, path=path, reason=f"unexpected value: {err}") from None
    finally:
        conn.close()


# -- text -----------------------------------------------------------------------------------------
_BREAKS = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|pre|tr)>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")


def html_to_text(value: str) -> str:
    """An Anki field as plain text: line breaks where blocks ended, tags removed, entities
    (&amp;, &nbsp;) unescaped. Formatting (bold, code) is lost; the words stay."""
    text = _BREAKS.sub("\n", value)
    text = html.unescape(_TAGS.sub("", text)).replace("\xa0", " ")
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# -- merging into the journal ---------------------------------------------------------------------
def _usable(entry: Revlog) -> bool:
    return 1 <= entry.ease <= 4 and entry.type not in SKIPPED_REVLOG_TYPES


def _stamp(revlog_id: int) -> str:
    """A revlog id (ms since the epoch) as tracker stores a review time (UTC, to the second)."""
    return utc_text(datetime.fromtimestamp(revlog_id / 1000, tz=timezone.utc))


def import_anki(journal: Journal, path: Path | str, topic: str | None = None, now: datetime | None = None) -> AnkiImport:
    """Add the Anki reviews of tracker's cards (and, with `topic`, the notes not from tracker as
    new cards with their reviews), then replay every reviewed card through FSRS. One
    transaction: all or nothing."""
    path = Path(path)
    if topic is not None:
        topic = card_values(topic=topic)["topic"]
    package = read_package(path)
    by_note: dict[int, list[Revlog]] = {}
    for entry in package.revlog:
        nid = package.cards.get(entry.card_id)
        if nid is not None and _usable(entry):
            by_note.setdefault(nid, []).append(entry)
    moment = utc_text(utc_now(now))
    with journal.transaction():
        cards_by_guid = {note_guid(row["uid"]): row["id"] for row in journal.rows("SELECT id, uid FROM card")}
        known = {row["anki_revlog_id"] for row in journal.rows(
            "SELECT anki_revlog_id FROM review WHERE anki_revlog_id IS NOT NULL")}
        matched: dict[int, int] = {}  # Anki note id -> tracker card id
        foreign, deleted = [], []
        for note in package.notes:
            if note.guid in cards_by_guid:
                matched[note.id] = cards_by_guid[note.guid]
            elif note.model_id == MODEL_ID:  # tracker's note type: a card deleted in tracker
                if by_note.get(note.id):
                    deleted.append(note)
            else:
                foreign.append(note)
        if deleted:
            raise bad_input(Msg.ANKI_DELETED_CARDS, path=path, count=len(deleted),
                            front=_short(html_to_text(deleted[0].fields[0])))
        new_cards = 0
        if topic is not None and foreign:
            topic_id = ensure_topic(journal, topic)[0]
            for note in foreign:
                values = _new_card_values(note, topic, path)
                matched[note.id] = insert_card(journal, {
                    "uid": ANKI_UID_PREFIX + note.guid, "topic_id": topic_id, "front": values["front"],
                    "back": values["back"], "tags": values["tags"], "source": values["source"],
                    "due": moment, **stamps()})
                new_cards += 1
        rows, already, touched = [], 0, set()
        for nid, card_id in matched.items():
            for entry in by_note.get(nid, []):
                if entry.id in known:
                    already += 1
                    continue
                known.add(entry.id)
                touched.add(card_id)
                rows.append({"card_id": card_id, "rating": entry.ease, "reviewed_at": _stamp(entry.id),
                             "duration": entry.time_ms, "revlog": entry.id, **stamps()})
        if rows:
            journal.executemany(
                "INSERT INTO review (card_id, rating, reviewed_at, review_duration_ms, source, anki_revlog_id, "
                "created_at, updated_at) VALUES (:card_id, :rating, :reviewed_at, :duration, 'anki', :revlog, "
                ":created_at, :updated_at)", rows)
            reschedule(journal)
    return AnkiImport(len(rows), len(touched), already, new_cards, topic, 0 if topic is not None else len(foreign))


def _short(text: str, size: int = 40) -> str:
    line = next((part for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= size else line[: size - 1] + "…"


def _new_card_values(note: Note, topic: str, path: Path) -> Mapping[str, Any]:
    """A foreign note's card, checked by the one card validator (card_values)."""
    front = html_to_text(note.fields[0]) if note.fields else ""
    back = html_to_text(note.fields[1]) if len(note.fields) > 1 else ""
    try:
        return card_values(source="anki", front=front, back=back, topic=topic, tags=note.tags)
    except TrackerError as err:
        name = _short(front) or f"guid {note.guid}"
        raise bad_input(Msg.ANKI_BAD_NOTE, path=path, front=name, problem=err.line) from None
