"""Printing results: aligned plain-text tables for people, JSON for scripts.

Plain text keeps the quick commands free of heavy imports (rich costs ~100 ms to load). Every line
goes through tracker.display.shown, so a control character in learner text (a note, a name, a URL)
is shown, never obeyed by the terminal; JSON keeps the text exact, with such characters escaped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tracker.display import shown

#: A table column: its title, and what it shows of a row.
Column = tuple[str, Callable[[dict[str, Any]], Any]]


def column(title: str, key: str | None = None) -> Column:
    """A column that shows one field of each row: `key`, or the field named like the title."""
    name = key or title
    return title, lambda row: row[name]


def say(line: str = "") -> None:
    """One reply on stdout; its learner text shown harmlessly (line breaks and tabs kept)."""
    sys.stdout.write(shown(line, lines=True) + "\n")


def warn(line: str) -> None:
    sys.stderr.write(f"warning: {shown(line, lines=True)}\n")


#: json.dumps escapes C0 controls but leaves DEL and the C1 controls raw (with ensure_ascii=False);
#: as \u escapes they are the same JSON to a script and nothing to a terminal.
_JSON_RAW_CONTROLS = str.maketrans({code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)})


def print_json(data: Any) -> None:
    import json  # not for the plain-text replies of the quick commands

    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write(text.translate(_JSON_RAW_CONTROLS) + "\n")


def cell(value: Any) -> str:
    """A value as one table cell: on one line (runs of spaces, tabs and line breaks as one space),
    its control characters shown."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:g}"
    return shown(" ".join(str(value).split()))


def print_table(rows: Iterable[dict[str, Any]], columns: Sequence[Column], empty: str) -> None:
    """Columns sized to their content; the last column is cut to fit the terminal."""
    body = [[cell(getter(row)) for _title, getter in columns] for row in rows]
    if not body:
        say(empty)
        return
    titles = [title for title, _getter in columns]
    widths = [max(len(titles[i]), *(len(line[i]) for line in body)) for i in range(len(titles))]
    import shutil

    room = shutil.get_terminal_size((120, 24)).columns - sum(widths[:-1]) - 2 * (len(widths) - 1)
    widths[-1] = max(min(widths[-1], room), len(titles[-1]), 10)
    for line in [titles, ["-" * w for w in widths], *body]:
        parts = [_fit(text, width) for text, width in zip(line, widths)]
        say("  ".join(parts).rstrip())


def show_rows(rows: list[dict[str, Any]], columns: Sequence[Column], empty: str, as_json: bool) -> None:
    """A listing command's output: JSON for scripts, a table for people."""
    if as_json:
        print_json(rows)
    else:
        print_table(rows, columns, empty)


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def unit_progress(row: dict[str, Any]) -> str:
    """How far through a resource's chapters or lessons: '10/19' ('' when it has none)."""
    return f"{row['units_done']}/{row['units_total']}" if row["units_total"] else ""


def progress_bar(done: float, total: float, width: int = 20) -> str:
    share = 0.0 if not total else max(0.0, min(1.0, done / total))
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)
