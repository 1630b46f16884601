"""Running totals for /metrics, and when each page token expires.

Revision ID: 0016
Revises: 0010
Create Date: 2026-12-08 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "metric_count",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", "label", name=op.f("pk_metric_count")),
    )
    with op.batch_alter_table("agency_page") as batch:
        batch.add_column(sa.Column("token_expires_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("token_checked_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("agency_page") as batch:
        batch.drop_column("token_checked_at")
        batch.drop_column("token_expires_at")
    op.drop_table("metric_count")
