"""Cards from a spreadsheet: a CSV file with a header row naming front, back, topic (and tags).

Every row is checked (`card_values`, as `tracker cards add` is) before anything is written; the
first bad row stops the import with its line number. A card already in the journal (same topic and front) is skipped, so importing the
same file twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tracker.cards.service import insert_card
from tracker.cards.text import card_values, content_uid, normalized_front
from tracker.clock import utc_now, utc_text
from tracker.csvtable import read_table
from tracker.errors import Msg, TrackerError, bad_input
from tracker.store import Journal, stamps
from tracker.topics import ensure_topic, find_topic

COLUMNS = ("front", "back", "topic", "tags")
REQUIRED = ("front", "back", "topic")


@dataclass
class CsvImport:
    added: int = 0
    #: Rows whose card (same topic and front) was already in the journal.
    skipped: int = 0
    topics_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def import_csv(journal: Journal, path: Path | str, now: datetime | None = None) -> CsvImport:
    """Add the cards of a CSV file, all or none."""
    path = Path(path)
    table = read_table(path, COLUMNS, REQUIRED, spreadsheet=True)
    rows, warnings = table.rows, table.warning()
    cards = []
    first_line: dict[tuple[str, str], int] = {}
    for line, row in rows:
        try:
            card = card_values(front=row.get("front") or "", back=row.get("back") or "",
                               topic=row.get("topic") or "", tags=row.get("tags") or "")
        except TrackerError as err:
            raise bad_input(Msg.CSV_ROW, path=path, line=line, problem=err.line) from None
        key = (card["topic"].lower(), normalized_front(card["front"]))
        if key in first_line:
            problem = Msg.CSV_DUPLICATE.value.format(thing="card", name=card["front"][:60], line=first_line[key])
            raise bad_input(Msg.CSV_ROW, path=path, line=line, problem=problem)
        first_line[key] = line
        cards.append(card)
    result = CsvImport(warnings=warnings)
    due = utc_text(utc_now(now))
    with journal.transaction():
        fronts: dict[int, set[str]] = {}
        for card in cards:
            topic = find_topic(journal, card["topic"], exact=True)  # an import names topics whole
            topic_id, created = (topic["id"], False) if topic else ensure_topic(journal, card["topic"])
            if created:
                result.topics_created.append(card["topic"])
            if topic_id not in fronts:
                fronts[topic_id] = {
                    normalized_front(r["front"])
                    for r in journal.rows("SELECT front FROM card WHERE topic_id = :id", {"id": topic_id})
                }
            key = normalized_front(card["front"])
            uid = content_uid(topic["name"] if topic else card["topic"], card["front"])
            if key in fronts[topic_id] or journal.scalar("SELECT 1 FROM card WHERE uid = :uid", {"uid": uid}):
                result.skipped += 1
                continue
            fronts[topic_id].add(key)
            insert_card(journal, {
                "uid": uid, "topic_id": topic_id, "front": card["front"], "back": card["back"],
                "tags": card["tags"], "source": "csv", "due": due, **stamps(),
            })
            result.added += 1
    return result
