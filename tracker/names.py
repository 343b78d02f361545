"""Finding a topic, resource or milestone by what the learner typed: one rule for every command,
the UI and the imports.

The rule, in order:
1. the exact name, ignoring case;
2. where the command takes ids (`ids=True`), a number such as `5` or `#5` is an id;
3. a unique prefix of a name, ignoring case ("hands" finds "Hands-On Machine Learning").
Several matches at a step are refused, listing them; nothing found says where to look.

Imports and logging name things whole (`exact=True`): a schedule row for "Resource 1" never
lands on "Resource 12"; a name not found there is a new topic or resource.

Code that already holds a row's id (the UI's tables) passes the int itself, which is always an id:
a resource titled "5" can't stand in for the resource whose id is 5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker import parse
from tracker.errors import Msg, bad_input
from tracker.store import Journal, Row

#: How many matches an "ambiguous" message lists before "...".
LISTED_MATCHES = 5
_ID = re.compile(r"#?([0-9]{1,18})")


@dataclass(frozen=True)
class Kind:
    """A kind of named thing: its table, the column that names it and the command that lists them."""

    thing: str
    table: str
    column: str
    list_command: str


TOPIC = Kind("topic", "topic", "name", "tracker topic list")
RESOURCE = Kind("resource", "resource", "title", "tracker resource list")
MILESTONE = Kind("milestone", "milestone", "title", "tracker milestone list")


def find(journal: Journal, kind: Kind, text: str | int, *, ids: bool = False, exact: bool = False) -> Row | None:
    """The row `text` names by the rule above, or None when nothing matches (an int is an id)."""
    if isinstance(text, int):
        return journal.row(f"SELECT * FROM {kind.table} WHERE id = :id", {"id": text})
    name = parse.clean_name(text, kind.thing)
    rows = journal.rows(f"SELECT * FROM {kind.table} WHERE lower({kind.column}) = lower(:name) ORDER BY id",
                        {"name": name})
    if rows or exact:
        return _one(kind, name, rows, ids)
    if ids and (number := _ID.fullmatch(name)):
        found = journal.row(f"SELECT * FROM {kind.table} WHERE id = :id", {"id": int(number.group(1))})
        if found:
            return found
    prefix = name.casefold()
    rows = [row for row in journal.rows(f"SELECT * FROM {kind.table} ORDER BY lower({kind.column}), id")
            if row[kind.column].casefold().startswith(prefix)]
    return _one(kind, name, rows, ids)


def require(journal: Journal, kind: Kind, text: str | int, *, ids: bool = False, exact: bool = False) -> Row:
    """The row `text` names; bad input when there is none."""
    found = find(journal, kind, text, ids=ids, exact=exact)
    if found is None:
        shown = f"#{text}" if isinstance(text, int) else text
        raise bad_input(Msg.NO_SUCH, thing=kind.thing, name=shown, hint=f" (see `{kind.list_command}`)")
    return found


def _one(kind: Kind, name: str, rows: list[Row], ids: bool) -> Row | None:
    """The one row, or None; several are refused, listing them (with ids where ids are taken)."""
    if len(rows) <= 1:
        return rows[0] if rows else None
    shown = [f"{row[kind.column]} (#{row['id']})" if ids else row[kind.column] for row in rows[:LISTED_MATCHES]]
    more = ", ..." if len(rows) > LISTED_MATCHES else ""
    raise bad_input(Msg.AMBIGUOUS if ids else Msg.AMBIGUOUS_NAME, thing=kind.thing, name=name,
                    matches=", ".join(shown) + more)
