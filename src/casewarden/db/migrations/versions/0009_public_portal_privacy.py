"""Public portal privacy: free text sealed at rest, statistics publications numbered.

Messages and review-request details that earlier versions stored in the clear are sealed
here with the configured keyring (``casewarden db upgrade`` and ``serve`` hand it in);
without a keyring the migration refuses to run when there is anything to seal.

Revision ID: 0009
Revises: 0011
Create Date: 2026-12-09 10:00:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision: str = "0009"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The purposes bound into each sealed value (casewarden.privacy.models); repeated here
# because a migration must not depend on application code that may change.
_MESSAGE_BODY = "contact_message.body"
_REVIEW_DETAILS = "review_request.details"


def _keyring() -> Any:
    return context.config.attributes.get("keyring")


def _seal_column(table: str, clear: str, sealed: str, purpose: str) -> None:
    """Seal every value of ``clear`` into ``sealed``, row by row."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(f"SELECT id, {clear} FROM {table} WHERE {clear} IS NOT NULL")  # noqa: S608
    ).all()
    if not rows:
        return
    keyring = _keyring()
    if keyring is None:
        raise RuntimeError(
            f"{len(rows)} rows of {table}.{clear} are stored in the clear and must be sealed: "
            "run `casewarden db upgrade` with CASEWARDEN_ENCRYPTION_KEYS set"
        )
    for row_id, text in rows:
        connection.execute(
            sa.text(f"UPDATE {table} SET {sealed} = :blob WHERE id = :id"),  # noqa: S608
            {"blob": keyring.seal_text(text, purpose), "id": row_id},
        )


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("contact_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("body_sealed", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("marked", sa.JSON(), nullable=True))
    with op.batch_alter_table("review_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("details_sealed", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("details_marked", sa.JSON(), nullable=True))

    _seal_column("contact_message", "body", "body_sealed", _MESSAGE_BODY)
    _seal_column("review_request", "details", "details_sealed", _REVIEW_DETAILS)

    with op.batch_alter_table("contact_message", schema=None) as batch_op:
        batch_op.alter_column("body_sealed", existing_type=sa.LargeBinary(), nullable=False)
        batch_op.drop_column("body")
    with op.batch_alter_table("review_request", schema=None) as batch_op:
        batch_op.drop_column("details")

    # A month published again is a new, numbered publication: existing ones are number 1.
    with op.batch_alter_table("published_statistics", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("number", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
        batch_op.drop_constraint("uq_published_statistics_agency_id_period", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_published_statistics_agency_id_period_number"),
            ["agency_id", "period", "number"],
        )
    with op.batch_alter_table("published_statistics", schema=None) as batch_op:
        batch_op.alter_column("number", server_default=None, existing_type=sa.Integer())


def downgrade() -> None:
    """Revert this revision (the sealed text is not opened again: it stays sealed)."""
    raise RuntimeError("0009 cannot be reverted: it would put sealed messages in the clear")
