"""Anki's own collection work for the tests of `tracker cards import --anki`: the real `anki`
library (PyPI, a test dependency only) imports tracker's .apkg, answers cards through its own v3
scheduler at fixed times, adds a note of its own, and exports .apkg (modern and legacy) and .colpkg.

Everything that touches the anki library's API sits here, so an upgrade that breaks it fails these
fixtures in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Answer:
    """One answer given in Anki: which note (its first field contains `front`), the rating 1-4,
    when (a UTC datetime; Anki's revlog id is this moment in ms) and how long it took (ms)."""

    front: str
    rating: int
    at: datetime
    taken_ms: int = 4200


class AnkiCollection:
    """A real Anki collection in a temporary folder."""

    def __init__(self, folder: Path) -> None:
        from anki.collection import Collection

        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.col = Collection(str(folder / "collection.anki2"))

    def close(self) -> None:
        if self.col.db is not None:
            self.col.close()

    def import_apkg(self, path: Path) -> int:
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        log = self.col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=False)))
        return len(log.log.new)

    def card_id(self, front: str) -> int:
        nid = next(nid for nid, flds in self.col.db.all("SELECT id, flds FROM notes") if front in flds.split("\x1f")[0])
        return self.col.db.scalar("SELECT id FROM cards WHERE nid = ?", nid)

    def answer(self, answers: list[Answer]) -> list[int]:
        """Answer each card through the v3 scheduler (the states Anki itself computes), at the
        given times; returns the revlog ids written."""
        from anki.cards import Card

        ids = []
        for answer in answers:
            card_id = self.card_id(answer.front)
            # v3 answers only the top of the queue: the card's own deck (one card each here) makes it so
            self.col.decks.select(self.col.db.scalar("SELECT did FROM cards WHERE id = ?", card_id))
            entry = self._queued(card_id)
            if entry is None:
                # Anki counts due days from its real clock, not the answer times given here: make the
                # card due today, as a learner would (this writes a manual revlog row, type 4 or 5)
                self.col.sched.set_due_date([card_id], "0")
                entry = self._queued(card_id)
            card = Card(self.col, backend_card=entry.card)
            states = entry.states
            card.start_timer()
            built = self.col.sched.build_answer(card=card, states=states, rating=answer.rating - 1)  # CardAnswer: AGAIN is 0
            built.answered_at_millis = int(answer.at.timestamp() * 1000)
            built.milliseconds_taken = answer.taken_ms
            self.col.sched.answer_card(built)
            ids.append(built.answered_at_millis)
        return ids

    def _queued(self, card_id: int):
        queued = self.col.sched.get_queued_cards(fetch_limit=1000)
        return next((q for q in queued.cards if q.card.id == card_id), None)

    def add_note(self, front: str, back: str, deck: str = "Made in Anki") -> str:
        """A note made in Anki (the Basic note type), in a deck of its own; returns its GUID."""
        note = self.col.new_note(self.col.models.by_name("Basic"))
        note["Front"], note["Back"] = front, back
        self.col.add_note(note, self.col.decks.id(deck))
        return note.guid

    def suspend(self, front: str) -> None:
        self.col.sched.suspend_cards([self.card_id(front)])

    def revlog(self) -> list[tuple]:
        return [tuple(r) for r in self.col.db.all("SELECT id, cid, ease, time, type FROM revlog ORDER BY id")]

    def export_apkg(self, path: Path, legacy: bool = False) -> Path:
        from anki.collection import ExportAnkiPackageOptions

        self.col.export_anki_package(
            out_path=str(path),
            options=ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False, with_media=False,
                                             legacy=legacy),
            limit=None)
        return path

    def export_colpkg(self, path: Path) -> Path:
        """A whole-collection .colpkg; Anki closes the collection for it, so it is reopened."""
        from anki.collection import Collection

        self.col.export_collection_package(str(path), include_media=False, legacy=False)
        self.col = Collection(str(self.folder / "collection.anki2"))
        return path
