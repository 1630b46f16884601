"""Privacy: a second person confirms or refuses a permission to disclose to a third party.

Permissions recorded before this revision have no confirmation, so they are pending:
nothing is disclosed under them until a supervisor or an administrator confirms them.

Revision ID: 0014
Revises: 0018
Create Date: 2026-12-09 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STAFF = ("confirmed_by_id", "refused_by_id")


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("disclosure_permission", schema=None) as batch_op:
        for column in _STAFF:
            batch_op.add_column(
                sa.Column(column, sa.BigInteger().with_variant(sa.Integer(), "sqlite"))
            )
            batch_op.create_foreign_key(
                batch_op.f(f"fk_disclosure_permission_{column}_staff_user"),
                "staff_user",
                [column],
                ["id"],
                ondelete="RESTRICT",
            )
        batch_op.add_column(sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("refused_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("refusal_reason", sa.String(length=1000), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("disclosure_permission", schema=None) as batch_op:
        batch_op.drop_column("refusal_reason")
        batch_op.drop_column("refused_at")
        batch_op.drop_column("confirmed_at")
        for column in reversed(_STAFF):
            batch_op.drop_constraint(
                batch_op.f(f"fk_disclosure_permission_{column}_staff_user"),
                type_="foreignkey",
            )
            batch_op.drop_column(column)
