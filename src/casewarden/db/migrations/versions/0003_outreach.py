"""Outreach: posts and replies as the agency, outreach profiles, automatic DM answers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 09:18:39.561129
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "outreach_profile",
        sa.Column("signature_template", sa.String(length=200), nullable=False),
        sa.Column("redirect_reply_en", sa.Text(), nullable=False),
        sa.Column("redirect_reply_es", sa.Text(), nullable=False),
        sa.Column("private_channels_en", sa.Text(), nullable=False),
        sa.Column("private_channels_es", sa.Text(), nullable=False),
        sa.Column("require_post_approval", sa.Boolean(), nullable=False),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_outreach_profile_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_profile")),
        sa.UniqueConstraint("agency_id", name=op.f("uq_outreach_profile_agency_id")),
    )
    with op.batch_alter_table("outreach_profile", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outreach_profile_agency_id"), ["agency_id"], unique=False
        )

    op.create_table(
        "private_message_answer",
        sa.Column("page_pk", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("sender_key", sa.String(length=64), nullable=False),
        sa.Column("thread_ref", sa.String(length=128), nullable=True),
        sa.Column(
            "state",
            sa.Enum("pending", "sent", "failed", name="answerstate", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.ForeignKeyConstraint(
            ["page_pk"],
            ["agency_page.id"],
            name=op.f("fk_private_message_answer_page_pk_agency_page"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_private_message_answer")),
        sa.UniqueConstraint(
            "page_pk", "sender_key", name=op.f("uq_private_message_answer_page_pk_sender_key")
        ),
    )
    op.create_table(
        "outbound_message",
        sa.Column("page_pk", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("post", "reply", name="messagekind", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column(
            "in_reply_to", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "draft",
                "awaiting_approval",
                "scheduled",
                "publishing",
                "sending",
                "published",
                "rejected",
                "cancelled",
                "failed",
                name="messagestate",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("author_id", sa.BigInteger(), nullable=False),
        sa.Column("approved_by", sa.BigInteger(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scheduled_for", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("platform_object_id", sa.String(length=128), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_outbound_message_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["in_reply_to"],
            ["comment.id"],
            name=op.f("fk_outbound_message_in_reply_to_comment"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["page_pk"],
            ["agency_page.id"],
            name=op.f("fk_outbound_message_page_pk_agency_page"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbound_message")),
    )
    with op.batch_alter_table("outbound_message", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbound_message_agency_id"), ["agency_id"], unique=False
        )
        batch_op.create_index("ix_outbound_message_state", ["agency_id", "state"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("outbound_message", schema=None) as batch_op:
        batch_op.drop_index("ix_outbound_message_state")
        batch_op.drop_index(batch_op.f("ix_outbound_message_agency_id"))

    op.drop_table("outbound_message")
    op.drop_table("private_message_answer")
    with op.batch_alter_table("outreach_profile", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outreach_profile_agency_id"))

    op.drop_table("outreach_profile")
