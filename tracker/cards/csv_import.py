"""Cards from a spreadsheet: a CSV file with a header row naming front, back, topic (and tags).

Every row is checked before anything is written; the first bad row stops the import with its
line number. A card already in the journal (same topic and front) is skipped, so importing the
same file twice adds nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tracker import parse
from tracker.cards.service import (
    _insert_card,
    _now_utc,
    clean_side,
    content_uid,
    normalize_tags,
    normalized_front,
    utc_text,
)
from tracker.errors import Msg, TrackerError, bad_input, failure
from tracker.store import Journal, stamps

COLUMNS = ("front", "back", "topic", "tags")
REQUIRED = ("front", "back", "topic")


@dataclass
class CsvImport:
    added: int = 0
    #: Rows whose card (same topic and front) was already in the journal.
    skipped: int = 0
    topics_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _read_rows(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """(line, cells by column) for each non-blank row, and warnings (unknown columns)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise bad_input(Msg.NO_SUCH, thing="file", name=str(path), hint="") from None
    except IsADirectoryError:
        raise bad_input(Msg.CSV_UNREADABLE, path=path, problem="it is a directory") from None
    except OSError as err:
        raise failure(Msg.CSV_UNREADABLE, path=path, problem=err.strerror or err) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise bad_input(Msg.CSV_UNREADABLE, path=path, problem=Msg.CSV_NOT_UTF8.value.format(line=line)) from None
    if "\x00" in text:
        raise bad_input(Msg.CSV_UNREADABLE, path=path, problem=Msg.CSV_BINARY.value)
    first_line = text.split("\n", 1)[0]
    delimiter = next((d for d in (",", ";", "\t") if d in first_line), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        header = None
        for cells in reader:
            if any(cell.strip() for cell in cells):
                header = [cell.strip().lower() for cell in cells]
                break
        if header is None:
            problem = Msg.CSV_EMPTY.value.format(columns=", ".join(REQUIRED))
            raise bad_input(Msg.CSV_UNREADABLE, path=path, problem=problem)
        named = [name for name in header if name]
        for name in named:
            if named.count(name) > 1:
                raise bad_input(Msg.CSV_UNREADABLE, path=path, problem=Msg.CSV_DUPLICATE_COLUMN.value.format(column=name))
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise bad_input(Msg.CSV_HEADER, path=path, columns=", ".join(missing), expected=", ".join(COLUMNS))
        unknown = [name for name in named if name not in COLUMNS]
        end = reader.line_num
        for cells in reader:
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if any(cell.strip() for cell in cells[len(header):]):
                problem = Msg.CSV_EXTRA_CELLS.value.format(count=len(cells), columns=len(header))
                raise bad_input(Msg.CSV_ROW, path=path, line=line, problem=problem)
            rows.append((line, {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name in COLUMNS}))
    except csv.Error as err:
        problem = Msg.CSV_BAD_SYNTAX.value.format(line=reader.line_num, reason=err)
        raise bad_input(Msg.CSV_UNREADABLE, path=path, problem=problem) from None
    warnings = [Msg.CSV_UNKNOWN_COLUMNS.value.format(path=path, columns=", ".join(unknown))] if unknown else []
    return rows, warnings


def import_csv(journal: Journal, path: Path | str, now: datetime | None = None) -> CsvImport:
    """Add the cards of a CSV file, all or none."""
    from tracker.journal import ensure_topic, find_topic

    path = Path(path)
    rows, warnings = _read_rows(path)
    cards = []
    first_line: dict[tuple[str, str], int] = {}
    for line, row in rows:
        try:
            card = {
                "front": clean_side(row.get("front"), "front"),
                "back": clean_side(row.get("back"), "back"),
                "topic": parse.clean_name(row.get("topic"), "topic"),
                "tags": normalize_tags(row.get("tags")),
            }
        except TrackerError as err:
            raise bad_input(Msg.CSV_ROW, path=path, line=line, problem=err.line) from None
        key = (card["topic"].lower(), normalized_front(card["front"]))
        if key in first_line:
            problem = Msg.CSV_DUPLICATE.value.format(thing="card", name=card["front"][:60], line=first_line[key])
            raise bad_input(Msg.CSV_ROW, path=path, line=line, problem=problem)
        first_line[key] = line
        cards.append(card)
    result = CsvImport(warnings=warnings)
    due = utc_text(_now_utc(now))
    with journal.transaction():
        fronts: dict[int, set[str]] = {}
        for card in cards:
            topic = find_topic(journal, card["topic"])
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
            _insert_card(journal, {
                "uid": uid, "topic_id": topic_id, "front": card["front"], "back": card["back"],
                "tags": card["tags"], "source": "csv", "due": due, **stamps(),
            })
            result.added += 1
    return result
