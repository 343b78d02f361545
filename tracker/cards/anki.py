"""Taking cards to Anki: an .apkg with one deck per topic under "ML Study".

Anki matches an imported note to one it has by GUID, and decks and note types by id. All three
are stable here (GUID from the card's uid, fixed ids), so importing a newer export updates the
notes instead of adding copies. Schedules stay behind: Anki schedules the cards itself.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import genanki
from markdown_it import MarkdownIt

from tracker.cards.service import list_cards
from tracker.clock import utc_now
from tracker.errors import Msg, bad_input, failure
from tracker.files import atomic_write
from tracker.store import Journal

PARENT_DECK = "ML Study"
#: Fixed ids (genanki's advice: pick once at random in [2**30, 2**31) and never change them).
PARENT_DECK_ID = 1_598_732_164
MODEL_ID = 1_741_305_926
MODEL_NAME = "ML Study (tracker)"
FIELDS = ("Front", "Back", "Topic")
CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background-color: white; }
pre { background: #f4f4f4; padding: 0.5em; overflow-x: auto; }
code { font-family: monospace; }
.topic { color: #888; font-size: 14px; }"""


@dataclass(frozen=True)
class AnkiExport:
    path: Path
    notes: int
    decks: list[str]


def topic_deck_name(topic: str) -> str:
    return f"{PARENT_DECK}::{topic.replace('::', ':')}"


def topic_deck_id(topic: str) -> int:
    """A deck id that stays the same for a topic name, in genanki's recommended range."""
    digest = hashlib.sha256(topic_deck_name(topic).lower().encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


#: The uid of a card that came from Anki (`tracker cards import --anki --topic`): the prefix and
#: the note's own GUID, so exporting it again updates that note instead of adding a copy.
ANKI_UID_PREFIX = "anki:"


def note_guid(uid: str) -> str:
    if uid.startswith(ANKI_UID_PREFIX):
        return uid[len(ANKI_UID_PREFIX):]
    return genanki.guid_for(uid)


def markdown_to_html(text: str) -> str:
    """Learner Markdown as HTML; raw HTML in the text is escaped, not passed through."""
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text).strip()


def _model():  # a genanki.Model
    return genanki.Model(
        MODEL_ID, MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{
            "name": "Card 1",
            "qfmt": '<div class="topic">{{Topic}}</div>{{Front}}',
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
        }],
        css=CSS,
    )


def export_anki(journal: Journal, path: Path | str, topic: str | None = None, now: datetime | None = None) -> AnkiExport:
    """Write the cards (of one topic, or all) to an .apkg file, atomically."""
    path = Path(path)
    if path.is_dir():
        raise bad_input(Msg.APKG_TARGET, path=path)
    if path.suffix.lower() != ".apkg":
        path = path.with_name(path.name + ".apkg")
    cards = list_cards(journal, topic)
    if not cards:
        raise bad_input(Msg.NO_CARDS, what=f" in topic {topic!r}" if topic else " to export")
    model = _model()
    decks: dict[str, genanki.Deck] = {}
    for card in cards:
        name = topic_deck_name(card["topic"])
        if name not in decks:
            decks[name] = genanki.Deck(topic_deck_id(card["topic"]), name)
        decks[name].add_note(genanki.Note(
            model=model,
            fields=[markdown_to_html(card["front"]), markdown_to_html(card["back"]), _escape(card["topic"])],
            tags=card["tags"].split(),
            guid=note_guid(card["uid"]),
        ))
    parent = genanki.Deck(PARENT_DECK_ID, PARENT_DECK)
    package = genanki.Package([parent, *decks.values()])
    _write_atomically(package, path, utc_now(now).timestamp())
    return AnkiExport(path, len(cards), sorted(decks))


def _escape(text: str) -> str:
    return html.escape(text)


def _write_atomically(package, path: Path, timestamp: float) -> None:
    """genanki's own write_to_file leaves its scratch database in the temp folder and writes the
    target in place; this builds the collection in a folder that is removed, then writes the
    package atomically."""
    def fill(temporary: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="tracker-apkg-") as scratch:
            collection = Path(scratch) / "collection.anki2"
            conn = sqlite3.connect(collection)
            try:
                package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
                conn.commit()
            finally:
                conn.close()
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(collection, "collection.anki2")
                archive.writestr("media", "{}")

    try:
        atomic_write(path, fill)
    except OSError as err:  # the scratch folder, outside the target's folder
        raise failure(Msg.UNWRITABLE, path=path, reason=err.strerror or err) from None
