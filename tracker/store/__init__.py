"""Storage: the journal database, its schema versions and backups.

Two ways in, by need:
- `open_journal()` gives a `Journal`, a thin handle over a DB-API connection that runs named-parameter
  SQL. For SQLite (the default) it is stdlib sqlite3 and costs a few milliseconds to import, which
  keeps `tracker log` and `tracker stats` quick; other SQLAlchemy URLs go through SQLAlchemy.
- `tracker.store.tables` declares the same schema as SQLModel classes for code that wants typed
  rows or validation; a test keeps the two in step.

Every committed write publishes a `Change` (tracker.store.changes), which the UI listens to.
"""

from tracker.store.changes import Change, subscribe, unsubscribe
from tracker.store.database import Journal, Row, day_range, shown_location, stamps, where, with_login
from tracker.store.sqlite import is_server_url, open_journal

__all__ = ["Change", "Journal", "Row", "day_range", "is_server_url", "open_journal", "shown_location", "stamps", "subscribe", "unsubscribe", "where", "with_login"]
