"""Reading the CSV files people write or export: a header row, names matched case-insensitively,
each row with the line it starts on, so every error can name its file and line.

One reader for the plain-text journal, the spreadsheet schedule and the cards import; and the
one rule for cells a spreadsheet would run as formulas, which the export applies and every read
reverses.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import Msg, bad_input, failure


#: A spreadsheet reads a cell that starts with one of these as a formula (`=HYPERLINK(...)`,
#: `@SUM(...)`, `+1+cmd|...`; a leading tab too, in some). A written cell that starts with one, or
#: with the apostrophe that guards them, gets an apostrophe in front: a spreadsheet shows that as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t")
GUARD = "'"


def guard_formula(text: str) -> str:
    """A cell as the export writes it: `=SUM(A1)` as `'=SUM(A1)`, and a text that really starts
    with `'=` or `''` with one apostrophe more, so that `unguard_formula` gives it back exactly."""
    return GUARD + text if text.startswith(FORMULA_STARTS) or _looks_guarded(text) else text


def unguard_formula(text: str) -> str:
    """A cell as read: one apostrophe before `=`, `+`, `-`, `@`, a tab or another apostrophe is taken
    off (`'=SUM(A1)` is `=SUM(A1)`); any other cell, `'tis` too, is kept as written."""
    return text[1:] if text[:1] == GUARD and _looks_guarded(text) else text


def _looks_guarded(text: str) -> bool:
    return text.startswith(GUARD) and text[1:].startswith((*FORMULA_STARTS, GUARD))


@dataclass(frozen=True)
class Table:
    path: Path
    #: (line where the row starts, header-named cells); blank rows are left out.
    rows: list[tuple[int, dict[str, str]]]
    unknown: list[str]

    def warning(self) -> list[str]:
        if not self.unknown:
            return []
        return [Msg.CSV_UNKNOWN_COLUMNS.value.format(path=self.path, columns=", ".join(self.unknown))]


def _read_text(path: Path, spreadsheet: bool) -> str:
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
    if spreadsheet and "\x00" in text:  # an exported journal may hold NUL in a note; a schedule won't
        raise bad_input(Msg.CSV_UNREADABLE, path=path, problem=Msg.CSV_BINARY.value)
    return text


def _guess_delimiter(text: str) -> str:
    """Spreadsheets in some locales save with ';' (or tabs): decide from the header line."""
    header = text.split("\n", 1)[0]
    if header.count(",") == 0:
        for candidate in (";", "\t"):
            if header.count(candidate):
                return candidate
    return ","


def read_table(
    path: Path, columns: Sequence[str], required: Sequence[str], *, spreadsheet: bool = False,
) -> Table:
    """Read a CSV file with a header row; column names match case-insensitively, spaces stripped.
    A `spreadsheet` file may use ';' or tabs and is refused when it holds NUL bytes (binary).
    Cells come back unguarded (`unguard_formula`): a file tracker exported may be read by any of
    the three imports, and a spreadsheet saves a cell typed as `'=x` as `=x`, never with the `'`."""
    text = _read_text(path, spreadsheet)
    delimiter = _guess_delimiter(text) if spreadsheet else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header: list[str] | None = None
        for cells in reader:
            if any(cell.strip() for cell in cells):
                header = [cell.strip().lower() for cell in cells]
                break
        if header is None:
            problem = Msg.CSV_EMPTY.value.format(columns=", ".join(columns))
            raise bad_input(Msg.CSV_UNREADABLE, path=path, problem=problem)
        named = [name for name in header if name]
        for name in named:
            if named.count(name) > 1:
                problem = Msg.CSV_DUPLICATE_COLUMN.value.format(column=name)
                raise bad_input(Msg.CSV_UNREADABLE, path=path, problem=problem)
        missing = [name for name in required if name not in header]
        if missing:
            raise bad_input(Msg.CSV_HEADER, path=path, columns=", ".join(missing), expected=", ".join(columns))
        unknown = [name for name in named if name not in columns]
        keep = [(index, name) for index, name in enumerate(header) if name in columns]
        rows = []
        end = reader.line_num
        for cells in reader:
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            extra = [cell for cell in cells[len(header):] if cell.strip()]
            if extra:
                problem = Msg.CSV_EXTRA_CELLS.value.format(count=len(cells), columns=len(header))
                raise bad_input(Msg.CSV_ROW, path=path, line=line, problem=problem)
            rows.append((line, {name: unguard_formula(cells[index]) if index < len(cells) else ""
                                for index, name in keep}))
    except csv.Error as err:
        problem = Msg.CSV_BAD_SYNTAX.value.format(line=reader.line_num, reason=err)
        raise bad_input(Msg.CSV_UNREADABLE, path=path, problem=problem) from None
    return Table(path, rows, unknown)
