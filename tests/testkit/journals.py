"""Test journals: new empty ones, and ones made from the shipped sample."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path


@functools.cache
def _blank_template() -> Path:
    """One new journal per test process, made by the store itself (its schema, its pragmas)."""
    from tracker.store import open_journal

    folder = Path(tempfile.mkdtemp(prefix="tracker-blank-journal-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    template = folder / "journal.db"
    with open_journal(str(template)):
        pass
    return template


def blank_journal(db_path: Path) -> Path:
    """A new, empty journal at `db_path` unless a file is there already, for tests about what goes
    in a journal, not about making one: a copy of the process's template (the same bytes a new
    journal has) takes 2 ms, and making one (the schema, the revision stamps) 50-60 ms, hundreds
    of times over in the suite."""
    if not db_path.exists():
        shutil.copyfile(_blank_template(), db_path)
    return db_path


def load_sample(db_path: Path) -> Path:
    """The sample journal as shipped (no date shift), in a new journal at `db_path`."""
    from tracker.plaintext import import_journal
    from tracker.sample import sample_directory
    from tracker.store import open_journal

    with open_journal(str(blank_journal(db_path))) as journal:
        import_journal(journal, sample_directory())
    return db_path
