"""Threat alerts escalated to supervisors, and each agency's alert address.

Revision ID: 0013
Revises: 0008
Create Date: 2026-12-07 02:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "threat_alert",
        sa.Column("comment_id", _ID, nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("owner_id", sa.BigInteger(), nullable=True),
        sa.Column("emailed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("email_attempts", sa.Integer(), nullable=False),
        sa.Column("id", _ID, nullable=False),
        sa.Column("agency_id", _ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_threat_alert_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["comment.id"],
            name=op.f("fk_threat_alert_comment_id_comment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_threat_alert")),
        sa.UniqueConstraint("comment_id", name=op.f("uq_threat_alert_comment_id")),
    )
    op.create_index(op.f("ix_threat_alert_agency_id"), "threat_alert", ["agency_id"], unique=False)
    with op.batch_alter_table("agency") as batch:
        batch.add_column(sa.Column("alert_email", sa.String(length=254), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("agency") as batch:
        batch.drop_column("alert_email")
    op.drop_index(op.f("ix_threat_alert_agency_id"), table_name="threat_alert")
    op.drop_table("threat_alert")
