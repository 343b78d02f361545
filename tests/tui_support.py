"""What the Pilot tests share: the fixed clock, running an async test, waiting for workers."""

from __future__ import annotations

import asyncio
import functools
from datetime import datetime
from pathlib import Path

from conftest import FIXED_NOW

NOW = datetime.fromisoformat(FIXED_NOW)
TODAY = NOW.date()


def tracker_app(db_path: Path, settings=None):
    """The app on a test journal, with the fixed clock (and default settings unless given)."""
    from tracker.config import Settings
    from tracker.tui.app import make_app

    return make_app(str(db_path), settings or Settings(), now=NOW)


def pilot_test(test):
    """Run an async test with asyncio (no async plugin needed); fixtures pass through."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


async def settle(pilot, delay: float = 0.0) -> None:
    """Wait for the screens' workers (reads, runs, the preview) and the messages they send back;
    `delay` covers a debounce. Twice, because a worker's result can start another."""
    await pilot.pause(delay)
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def load_sample(db_path: Path) -> Path:
    """The sample journal as shipped (no date shift), in a new journal at `db_path`."""
    from tracker.plaintext import import_journal
    from tracker.sample import sample_directory
    from tracker.store import open_journal

    with open_journal(str(db_path)) as journal:
        import_journal(journal, sample_directory())
    return db_path


def drawn_text(widget) -> str:
    """The lines a widget draws now, as plain text (what the learner sees of it)."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))
