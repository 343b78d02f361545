"""What every command shares: the global options' choices, the journal they name, and today.

The global callback in cli/main.py stores an `AppState` on the root Typer context; commands get it
back with `state(ctx)` and open the journal through it, so none of them imports cli/main.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from tracker import clock, config
from tracker.errors import Msg, bad_input
from tracker.store import Journal, open_journal

if TYPE_CHECKING:  # only for the annotation: the quick path (cli/quick.py) runs without Typer
    import typer

#: Set to 1 to see the traceback of an unexpected error, as --debug does.
DEBUG_ENV = "TRACKER_DEBUG"


@dataclass
class AppState:
    """What the global options chose, handed to every command through the Typer context."""

    db: str | None = None
    debug: bool = False
    _settings: config.Settings | None = field(default=None, repr=False)

    @property
    def location(self) -> str:
        if self.db is not None and not self.db.strip():  # `--db ''` is a slip, not "the default"
            raise bad_input(Msg.EMPTY, field="--db")
        return config.journal_location(self.db)

    @property
    def settings(self) -> config.Settings:
        if self._settings is None:
            self._settings = config.load_settings()
        return self._settings

    @property
    def debugging(self) -> bool:
        """Whether an unexpected error shows its traceback: --debug, or $TRACKER_DEBUG=1."""
        return self.debug or os.environ.get(DEBUG_ENV) == "1"

    def open(self, create: bool = True) -> Journal:
        """The journal for a command that writes (created when it does not exist yet); a
        read-only journal is refused in one line before the command starts."""
        return open_journal(self.location, create=create)

    def read(self) -> Journal:
        """The journal for a command that only reads: a --db or $TRACKER_DB that names no journal
        is a typo to report, not a new empty journal to create (the default one is created);
        a journal that can't be written is read read-only."""
        chosen = self.db or os.environ.get(config.DB_ENV)
        return open_journal(self.location, create=not chosen, write=False)

    def today(self) -> date:
        """The study day it is now: every command's default date (the day starts at `day_starts_at`)."""
        return clock.today(self.settings.day_starts_at)


def state(ctx: typer.Context) -> AppState:
    """The AppState of the running command (set by the global callback)."""
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState()
    return root.obj
