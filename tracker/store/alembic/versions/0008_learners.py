"""Schema 8: learners and their privacy, enforced by PostgreSQL (study groups).

PostgreSQL only. On SQLite it only moves schema_version to 8: a SQLite file has one learner and
nothing to enforce, so a new SQLite journal is still made without Alembic
(migrations.SQLITE_UNCHANGED).

On a server every journal table (all but tracker_meta and alembic_version) gets
`learner text NOT NULL DEFAULT current_user` and an index on it; the rows already there belong to
whoever runs this upgrade (the default fills them). Uniqueness becomes per learner (two learners
may both have a topic "CNNs"). Row-level security (enabled, not forced: the admin who owns the
tables is not a learner, and superusers bypass it anyway) lets a role read and write only rows
whose learner is itself: `USING` hides the others' rows, `WITH CHECK` refuses writing one as
somebody else (SQLSTATE 42501).

group_share holds what each learner shows the group (their own row only, by RLS); the group_*
views, owned by the admin and so reading across learners, expose only what each shared:
- group_member: every member (a role in tracker_learner, or anyone with a share row) with their
  display name, daily minimum and flags (defaults for a member who never ran `group share`).
- group_daily: minutes per day, when any of minutes / days_met / streak / habit is shared (those
  three are computed from the daily totals). Without minutes shared, a day's minutes are cut at
  the member's daily minimum: exactly enough for days met, streak and habit strength (a day's
  credit is min(1, minutes / minimum)), nothing of how far past it they went.
- group_rest_day: declared rest days, when streak or habit is shared (they bridge both).
- group_checkpoint: each checkpoint's first passing run, when checkpoints is shared.
- group_week_title: non-empty week post titles, when titles is shared.
- group_note: session notes by day, only when notes is shared (off by default).
The list of these server-only objects, for the test that compares tables.py with the revisions,
is migrations.SERVER_ONLY.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from tracker.store import migrations

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: The journal tables at schema 8 (frozen here: tables.py changes later).
LEARNER_TABLES = (
    "topic", "resource", "study_session", "resource_progress", "milestone", "week_note", "learn_later",
    "rest_day", "goal", "running_timer", "checkpoint_run", "checkpoint_event", "fsrs_parameters", "card",
    "review",
)
#: The share flags: (column, shared by default).
SHARE_FLAGS = (("minutes", 1), ("days_met", 1), ("streak", 1), ("habit", 1), ("checkpoints", 1),
               ("titles", 1), ("notes", 0))
#: The daily minimum of a member who never said (tracker's default setting, frozen here).
DEFAULT_DAILY_MINIMUM = 30
#: The NOLOGIN role every learner is made a member of (tracker group init / invite).
LEARNER_ROLE = "tracker_learner"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _learners()
        _share_table()
        _views()
    migrations.record_version(bind, int(revision))


def downgrade() -> None:
    raise NotImplementedError("journals are restored from their backup, not downgraded")


def _own_rows(table: str) -> None:
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY {table}_own_rows ON {table} "
               "USING (learner = current_user) WITH CHECK (learner = current_user)")


def _learners() -> None:
    for table in LEARNER_TABLES:
        op.add_column(table, sa.Column("learner", sa.Text(), server_default=sa.text("CURRENT_USER"),
                                       nullable=False))
        op.create_index(f"ix_{table}_learner", table, ["learner"])
        _own_rows(table)
    op.drop_index("ux_topic_name_lower", table_name="topic")
    op.create_index("ux_topic_learner_name_lower", "topic", ["learner", sa.text("lower(name)")], unique=True)
    op.drop_index("ux_resource_title_lower", table_name="resource")
    op.create_index("ux_resource_learner_title_lower", "resource", ["learner", sa.text("lower(title)")], unique=True)
    op.drop_constraint("week_note_week_key", "week_note", type_="unique")
    op.create_unique_constraint("uq_week_note_learner_week", "week_note", ["learner", "week"])
    op.drop_constraint("card_uid_key", "card", type_="unique")
    op.create_unique_constraint("uq_card_learner_uid", "card", ["learner", "uid"])
    op.drop_index("ix_review_anki_revlog", table_name="review")
    op.create_index("ix_review_learner_anki_revlog", "review", ["learner", "anki_revlog_id"], unique=True,
                    postgresql_where=sa.text("anki_revlog_id IS NOT NULL"))
    for table, column in (("rest_day", "day"), ("running_timer", "id")):
        op.drop_constraint(f"{table}_pkey", table, type_="primary")
        op.create_primary_key(f"{table}_pkey", table, ["learner", column])


def _share_table() -> None:
    flags = [sa.Column(name, sa.Integer(), server_default=sa.text(str(default)), nullable=False)
             for name, default in SHARE_FLAGS]
    checks = [sa.CheckConstraint(f"{name} IN (0, 1)", name=f"ck_group_share_{name}") for name, _ in SHARE_FLAGS]
    op.create_table(
        "group_share",
        sa.Column("learner", sa.Text(), server_default=sa.text("CURRENT_USER"), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=True),
        sa.Column("daily_minimum", sa.Integer(), nullable=True),
        *flags,
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.CheckConstraint("daily_minimum IS NULL OR daily_minimum > 0", name="ck_group_share_daily_minimum"),
        *checks,
        sa.PrimaryKeyConstraint("learner"),
    )
    _own_rows("group_share")


def _views() -> None:
    flags = ", ".join(f"coalesce(s.{name}, {default}) AS {name}" for name, default in SHARE_FLAGS)
    op.execute(f"""
        CREATE VIEW group_member AS
        WITH members AS (
            SELECT r.rolname::text AS learner FROM pg_roles r
            JOIN pg_auth_members m ON m.member = r.oid
            JOIN pg_roles g ON g.oid = m.roleid AND g.rolname = '{LEARNER_ROLE}'
            UNION SELECT learner FROM group_share)
        SELECT members.learner, coalesce(s.display_name, members.learner) AS display_name,
               coalesce(s.daily_minimum, {DEFAULT_DAILY_MINIMUM}) AS daily_minimum, {flags}
        FROM members LEFT JOIN group_share s ON s.learner = members.learner""")
    op.execute("""
        CREATE VIEW group_daily AS
        SELECT t.learner, t.day,
               CASE WHEN m.minutes = 1 THEN sum(t.minutes) ELSE least(sum(t.minutes), m.daily_minimum) END::integer
               AS minutes
        FROM study_session t JOIN group_member m ON m.learner = t.learner
        WHERE 1 IN (m.minutes, m.days_met, m.streak, m.habit)
        GROUP BY t.learner, t.day, m.minutes, m.daily_minimum""")
    op.execute("""
        CREATE VIEW group_rest_day AS
        SELECT t.learner, t.day FROM rest_day t JOIN group_member m ON m.learner = t.learner
        WHERE 1 IN (m.streak, m.habit)""")
    op.execute("""
        CREATE VIEW group_checkpoint AS
        SELECT t.learner, t.checkpoint, min(t.ran_at) AS first_passed
        FROM checkpoint_run t JOIN group_member m ON m.learner = t.learner
        WHERE t.passed = 1 AND m.checkpoints = 1
        GROUP BY t.learner, t.checkpoint""")
    op.execute("""
        CREATE VIEW group_week_title AS
        SELECT t.learner, t.week, t.title FROM week_note t JOIN group_member m ON m.learner = t.learner
        WHERE t.title <> '' AND m.titles = 1""")
    op.execute("""
        CREATE VIEW group_note AS
        SELECT t.learner, t.day, t.note FROM study_session t JOIN group_member m ON m.learner = t.learner
        WHERE t.note <> '' AND m.notes = 1""")
