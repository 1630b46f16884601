"""Moderation: agency pages, comments and versions, work queue, decisions, platform actions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 09:12:42.687484
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "agency_page",
        sa.Column(
            "platform",
            sa.Enum("facebook", "instagram", name="platform", native_enum=False, length=12),
            nullable=False,
        ),
        sa.Column("page_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("token_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("registered_by", sa.BigInteger(), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_agency_page_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_page")),
        sa.UniqueConstraint("platform", "page_id", name=op.f("uq_agency_page_platform_page_id")),
    )
    with op.batch_alter_table("agency_page", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agency_page_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "comment",
        sa.Column("page_pk", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "platform",
            sa.Enum("facebook", "instagram", name="platform", native_enum=False, length=12),
            nullable=False,
        ),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("comment", "reply", "post", name="itemkind", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column("post_external_id", sa.String(length=128), nullable=True),
        sa.Column("parent_external_id", sa.String(length=128), nullable=True),
        sa.Column("author_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("created_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "visible",
                "hidden",
                "removed",
                "deleted",
                name="commentstatus",
                native_enum=False,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column(
            "review_state",
            sa.Enum(
                "none",
                "queued",
                "confirmed",
                "restored",
                "dismissed",
                "escalated",
                name="reviewstate",
                native_enum=False,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("category_codes", sa.String(length=120), nullable=False),
        sa.Column("case_specific", sa.Boolean(), nullable=False),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("legal_hold", sa.Boolean(), nullable=False),
        sa.Column("retain_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_comment_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["page_pk"],
            ["agency_page.id"],
            name=op.f("fk_comment_page_pk_agency_page"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment")),
        sa.UniqueConstraint(
            "platform", "external_id", name=op.f("uq_comment_platform_external_id")
        ),
    )
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comment_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index("ix_comment_review", ["agency_id", "review_state"], unique=False)
        batch_op.create_index("ix_comment_thread", ["page_pk", "post_external_id"], unique=False)

    op.create_table(
        "comment_version",
        sa.Column(
            "comment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "verb",
            sa.Enum("add", "edited", "remove", name="verb", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column("delivery_key", sa.String(length=64), nullable=False),
        sa.Column("body_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("event_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["comment.id"],
            name=op.f("fk_comment_version_comment_id_comment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_version")),
        sa.UniqueConstraint(
            "comment_id", "version", name=op.f("uq_comment_version_comment_id_version")
        ),
        sa.UniqueConstraint("delivery_key", name=op.f("uq_comment_version_delivery_key")),
    )
    op.create_table(
        "moderation_decision",
        sa.Column(
            "comment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "version_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("automatic_key", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_type", sa.String(length=20), nullable=False),
        sa.Column("actor_id", sa.BigInteger(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("citation", sa.String(length=200), nullable=True),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=True),
        sa.Column("case_specific", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=40), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["comment.id"],
            name=op.f("fk_moderation_decision_comment_id_comment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["comment_version.id"],
            name=op.f("fk_moderation_decision_version_id_comment_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_decision")),
        sa.UniqueConstraint("automatic_key", name=op.f("uq_moderation_decision_automatic_key")),
    )
    with op.batch_alter_table("moderation_decision", schema=None) as batch_op:
        batch_op.create_index(
            "ix_moderation_decision_comment", ["comment_id", "decided_at"], unique=False
        )

    op.create_table(
        "moderation_task",
        sa.Column(
            "version_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "running",
                "done",
                "failed",
                name="taskstate",
                native_enum=False,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_owner", sa.String(length=80), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=80), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["comment_version.id"],
            name=op.f("fk_moderation_task_version_id_comment_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_task")),
        sa.UniqueConstraint("version_id", name=op.f("uq_moderation_task_version_id")),
    )
    with op.batch_alter_table("moderation_task", schema=None) as batch_op:
        batch_op.create_index("ix_moderation_task_ready", ["state", "available_at"], unique=False)

    op.create_table(
        "platform_action",
        sa.Column(
            "comment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "decision_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("operation", sa.String(length=20), nullable=False),
        sa.Column("idempotency_key", sa.String(length=80), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "planned",
                "sending",
                "done",
                "failed",
                name="actionstate",
                native_enum=False,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("planned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["comment.id"],
            name=op.f("fk_platform_action_comment_id_comment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["moderation_decision.id"],
            name=op.f("fk_platform_action_decision_id_moderation_decision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_action")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_platform_action_idempotency_key")),
    )
    with op.batch_alter_table("platform_action", schema=None) as batch_op:
        batch_op.create_index("ix_platform_action_state", ["state"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("platform_action", schema=None) as batch_op:
        batch_op.drop_index("ix_platform_action_state")

    op.drop_table("platform_action")
    with op.batch_alter_table("moderation_task", schema=None) as batch_op:
        batch_op.drop_index("ix_moderation_task_ready")

    op.drop_table("moderation_task")
    with op.batch_alter_table("moderation_decision", schema=None) as batch_op:
        batch_op.drop_index("ix_moderation_decision_comment")

    op.drop_table("moderation_decision")
    op.drop_table("comment_version")
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_index("ix_comment_thread")
        batch_op.drop_index("ix_comment_review")
        batch_op.drop_index(batch_op.f("ix_comment_agency_id"))

    op.drop_table("comment")
    with op.batch_alter_table("agency_page", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agency_page_agency_id"))

    op.drop_table("agency_page")
