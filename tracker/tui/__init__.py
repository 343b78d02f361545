"""The terminal UI (Textual): daily logging, the journal, the plan, milestones and topics.

Importing this package is cheap: Textual loads only when `run_ui` (or `tracker.tui.app`) runs,
so the quick commands never pay for it.
"""

from __future__ import annotations

from datetime import datetime

from tracker.config import Settings


def run_ui(journal_location: str, settings: Settings, now: datetime | None = None, debug: bool = False) -> int:
    """Open the UI on a journal and return an exit code when the learner quits.

    The journal is opened (created or upgraded) before the UI starts, so a bad --db is one clear
    line from the command line rather than a broken screen.
    """
    # Here, not at the top: `tracker log` and the other quick commands import this package and
    # must not load Textual.
    from tracker.tui.app import make_app

    app = make_app(journal_location, settings, now=now)
    app.show_tracebacks = debug
    app.run()
    return app.return_code or 0
