"""Single sign-on: an account's email and directory subject, and sign-ons under way.

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-08 02:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("staff_user") as batch:
        batch.add_column(sa.Column("email", sa.String(length=254), nullable=True))
        batch.add_column(sa.Column("oidc_issuer", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("oidc_subject", sa.String(length=255), nullable=True))
        batch.create_unique_constraint(op.f("uq_staff_user_email"), ["email"])
        batch.create_unique_constraint(
            op.f("uq_staff_user_oidc_issuer_oidc_subject"), ["oidc_issuer", "oidc_subject"]
        )
    op.create_table(
        "sso_attempt",
        sa.Column("state_hash", sa.String(length=64), nullable=False),
        sa.Column("binding_hash", sa.String(length=64), nullable=False),
        sa.Column("provider", sa.String(length=40), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("code_verifier", sa.String(length=128), nullable=False),
        sa.Column("next_path", sa.String(length=2048), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", _ID, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_attempt")),
        sa.UniqueConstraint("state_hash", name=op.f("uq_sso_attempt_state_hash")),
    )
    op.create_index(op.f("ix_sso_attempt_created_at"), "sso_attempt", ["created_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f("ix_sso_attempt_created_at"), table_name="sso_attempt")
    op.drop_table("sso_attempt")
    with op.batch_alter_table("staff_user") as batch:
        batch.drop_constraint(op.f("uq_staff_user_oidc_issuer_oidc_subject"), type_="unique")
        batch.drop_constraint(op.f("uq_staff_user_email"), type_="unique")
        batch.drop_column("oidc_subject")
        batch.drop_column("oidc_issuer")
        batch.drop_column("email")
