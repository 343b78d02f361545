"""Test journals made from the shipped sample."""

from __future__ import annotations

from pathlib import Path


def load_sample(db_path: Path) -> Path:
    """The sample journal as shipped (no date shift), in a new journal at `db_path`."""
    from tracker.plaintext import import_journal
    from tracker.sample import sample_directory
    from tracker.store import open_journal

    with open_journal(str(db_path)) as journal:
        import_journal(journal, sample_directory())
    return db_path
