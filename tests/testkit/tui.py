"""What the Pilot tests share: the fixed clock, running an async test, waiting for workers."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from testkit.clock import NOW, TODAY  # noqa: F401  (re-exported for the Pilot tests)
from testkit.journals import load_sample  # noqa: F401


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


def drawn_text(widget) -> str:
    """The lines a widget draws now, as plain text (what the learner sees of it)."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))
