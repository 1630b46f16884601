"""Locate: a lead can be assigned to a caseworker (leads recorded outside any unit).

Revision ID: 0011
Revises: 0012
Create Date: 2026-12-08 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("locate_lead", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "assigned_to",
                sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                nullable=True,
            )
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_locate_lead_assigned_to_staff_user"),
            "staff_user",
            ["assigned_to"],
            ["id"],
            ondelete="RESTRICT",
        )
        batch_op.create_index(
            batch_op.f("ix_locate_lead_assigned_to"), ["assigned_to"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("locate_lead", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_locate_lead_assigned_to"))
        batch_op.drop_constraint(
            batch_op.f("fk_locate_lead_assigned_to_staff_user"), type_="foreignkey"
        )
        batch_op.drop_column("assigned_to")
