"""A person's reason for a decision (restoring a disclosure, deleting, asking a supervisor), sealed.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 02:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("moderation_decision") as batch:
        batch.add_column(sa.Column("reason_sealed", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("moderation_decision") as batch:
        batch.drop_column("reason_sealed")
