"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
"""

import sqlalchemy as sa
from alembic import op

from tracker.store import migrations

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}
    migrations.record_version(op.get_bind(), int(revision))


def downgrade() -> None:
    raise NotImplementedError("journals are restored from their backup, not downgraded")
