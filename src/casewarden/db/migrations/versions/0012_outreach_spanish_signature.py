"""Outreach: a Spanish signature beside the English one, and the agency's Spanish title.

Revision ID: 0012
Revises: 0013
Create Date: 2026-12-08 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Spanish posts carry a Spanish self-identification; existing agencies start from this.
DEFAULT_SIGNATURE_ES = "— {name}, Representante de Manutención de Menores"


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("outreach_profile") as batch:
        batch.add_column(
            sa.Column(
                "signature_template_es",
                sa.String(length=200),
                nullable=False,
                server_default=DEFAULT_SIGNATURE_ES,
            )
        )
        batch.add_column(sa.Column("title_es", sa.String(length=100), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("outreach_profile") as batch:
        batch.drop_column("title_es")
        batch.drop_column("signature_template_es")
