"""Alembic's environment for journals: online only, on the connection tracker.store.migrations
hands over (config.attributes["connection"]) inside the transaction it holds, so every revision
of one upgrade commits or rolls back together (transaction_per_migration=False).

Adding a schema version (say 8):
1. Change tracker/store/tables.py (the one description of the schema).
2. Add versions/0008_<what>.py with `revision = "0008"`, `down_revision = "0007"`; write its
   operations by hand or from autogenerate against a head journal (`alembic.autogenerate.
   produce_migrations(MigrationContext.configure(conn), SQLModel.metadata)`), then tidy. A
   revision never imports tables.py (it changes later); on SQLite, ALTERs that SQLite lacks go
   through `with op.batch_alter_table(...)` (render_as_batch is on for SQLite here).
3. End upgrade() with `migrations.record_version(op.get_bind(), 8)`: older trackers read
   tracker_meta.schema_version and refuse a newer journal.
4. Set migrations.SCHEMA_VERSION = 8 (tests/unit/test_migrations.py checks it is the head and
   that a journal the revisions built agrees with tables.py on SQLite and PostgreSQL).
"""

from alembic import context

if context.is_offline_mode():
    raise RuntimeError("journals are upgraded online, by tracker itself")

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=None,
    transaction_per_migration=False,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():  # joins the caller's transaction
    context.run_migrations()
