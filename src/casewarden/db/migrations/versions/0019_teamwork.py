"""Teamwork on the review queue: claims with a lease, assignments with a note, internal notes.

Revision ID: 0019
Revises: 0014
Create Date: 2026-12-07 03:51:30.825708
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "comment_assignment",
        sa.Column("comment_id", _ID, nullable=False),
        sa.Column("assignee_id", _ID, nullable=False),
        sa.Column("assigned_by_id", _ID, nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("id", _ID, nullable=False),
        sa.Column("agency_id", _ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_comment_assignment_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["assigned_by_id"],
            ["staff_user.id"],
            name=op.f("fk_comment_assignment_assigned_by_id_staff_user"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["staff_user.id"],
            name=op.f("fk_comment_assignment_assignee_id_staff_user"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["comment.id"],
            name=op.f("fk_comment_assignment_comment_id_comment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_assignment")),
        sa.UniqueConstraint("comment_id", name=op.f("uq_comment_assignment_comment_id")),
    )
    with op.batch_alter_table("comment_assignment") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_comment_assignment_agency_id"), ["agency_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_comment_assignment_assignee_id"), ["assignee_id"], unique=False
        )

    op.create_table(
        "comment_claim",
        sa.Column("comment_id", _ID, nullable=False),
        sa.Column("holder_id", _ID, nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", _ID, nullable=False),
        sa.Column("agency_id", _ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_comment_claim_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["comment.id"],
            name=op.f("fk_comment_claim_comment_id_comment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["staff_user.id"],
            name=op.f("fk_comment_claim_holder_id_staff_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_claim")),
        sa.UniqueConstraint("comment_id", name=op.f("uq_comment_claim_comment_id")),
    )
    with op.batch_alter_table("comment_claim") as batch_op:
        batch_op.create_index(batch_op.f("ix_comment_claim_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "comment_note",
        sa.Column("comment_id", _ID, nullable=False),
        sa.Column("author_id", _ID, nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("body_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("id", _ID, nullable=False),
        sa.Column("agency_id", _ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_comment_note_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["staff_user.id"],
            name=op.f("fk_comment_note_author_id_staff_user"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["comment.id"],
            name=op.f("fk_comment_note_comment_id_comment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_note")),
    )
    with op.batch_alter_table("comment_note") as batch_op:
        batch_op.create_index(batch_op.f("ix_comment_note_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index("ix_comment_note_comment", ["comment_id", "written_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("comment_note") as batch_op:
        batch_op.drop_index("ix_comment_note_comment")
        batch_op.drop_index(batch_op.f("ix_comment_note_agency_id"))

    op.drop_table("comment_note")
    with op.batch_alter_table("comment_claim") as batch_op:
        batch_op.drop_index(batch_op.f("ix_comment_claim_agency_id"))

    op.drop_table("comment_claim")
    with op.batch_alter_table("comment_assignment") as batch_op:
        batch_op.drop_index(batch_op.f("ix_comment_assignment_assignee_id"))
        batch_op.drop_index(batch_op.f("ix_comment_assignment_agency_id"))

    op.drop_table("comment_assignment")
