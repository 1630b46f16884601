"""Locate workbench: leads, captures, verifications, evidence packages; staff units.

Also indexes the audit trail by subject, which is how a lead's chain of custody is read.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 09:30:20.231319
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "locate_lead",
        sa.Column("participant_ref", sa.String(length=32), nullable=False),
        sa.Column(
            "platform",
            sa.Enum(
                "facebook",
                "instagram",
                "x",
                "tiktok",
                "linkedin",
                "youtube",
                "other",
                name="leadplatform",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "category",
            sa.Enum(
                "whereabouts",
                "employment",
                "assets",
                name="leadcategory",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("posting_url_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("observation_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("captured_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attested_public", sa.Boolean(), nullable=False),
        sa.Column("attestation_version", sa.String(length=20), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "unverified",
                "verified",
                "rejected",
                "used_in_case",
                name="leadstate",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "recorded_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("unit", sa.String(length=40), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.BigInteger(), nullable=True),
        sa.Column("used_purpose", sa.String(length=40), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_locate_lead_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["staff_user.id"],
            name=op.f("fk_locate_lead_recorded_by_staff_user"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locate_lead")),
    )
    with op.batch_alter_table("locate_lead", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_locate_lead_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(
            "ix_locate_lead_participant", ["agency_id", "participant_ref"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_locate_lead_recorded_by"), ["recorded_by"], unique=False
        )
        batch_op.create_index(
            "ix_locate_lead_state", ["agency_id", "state", "created_at"], unique=False
        )

    op.create_table(
        "evidence_package",
        sa.Column("lead_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=False),
        sa.Column("zip_sha256", sa.String(length=64), nullable=False),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_evidence_package_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["locate_lead.id"],
            name=op.f("fk_evidence_package_lead_id_locate_lead"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_package")),
    )
    with op.batch_alter_table("evidence_package", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_package_agency_id"), ["agency_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_evidence_package_lead_id"), ["lead_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_evidence_package_manifest_sha256"), ["manifest_sha256"], unique=False
        )

    op.create_table(
        "lead_capture",
        sa.Column("lead_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("png", "jpeg", "html", "pdf", name="capturekind", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_lead_capture_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["locate_lead.id"],
            name=op.f("fk_lead_capture_lead_id_locate_lead"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_capture")),
    )
    with op.batch_alter_table("lead_capture", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lead_capture_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lead_capture_lead_id"), ["lead_id"], unique=False)

    op.create_table(
        "lead_verification",
        sa.Column("lead_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("reference_sealed", sa.LargeBinary(), nullable=False),
        sa.Column(
            "result",
            sa.Enum(
                "confirmed", "contradicted", name="verificationresult", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("note_sealed", sa.LargeBinary(), nullable=True),
        sa.Column(
            "verified_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_lead_verification_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["locate_lead.id"],
            name=op.f("fk_lead_verification_lead_id_locate_lead"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["verified_by"],
            ["staff_user.id"],
            name=op.f("fk_lead_verification_verified_by_staff_user"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_verification")),
    )
    with op.batch_alter_table("lead_verification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lead_verification_agency_id"), ["agency_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_lead_verification_lead_id"), ["lead_id"], unique=False)

    # Plain operations, not batch ones: on SQLite a batch that recreated audit_entry
    # would drop the triggers that keep it append-only.
    op.create_index("ix_audit_entry_subject", "audit_entry", ["subject_type", "subject_id"])
    op.add_column("staff_user", sa.Column("unit", sa.String(length=40), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("unit")
    op.drop_index("ix_audit_entry_subject", table_name="audit_entry")

    with op.batch_alter_table("lead_verification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lead_verification_lead_id"))
        batch_op.drop_index(batch_op.f("ix_lead_verification_agency_id"))

    op.drop_table("lead_verification")
    with op.batch_alter_table("lead_capture", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lead_capture_lead_id"))
        batch_op.drop_index(batch_op.f("ix_lead_capture_agency_id"))

    op.drop_table("lead_capture")
    with op.batch_alter_table("evidence_package", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_package_manifest_sha256"))
        batch_op.drop_index(batch_op.f("ix_evidence_package_lead_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_package_agency_id"))

    op.drop_table("evidence_package")
    with op.batch_alter_table("locate_lead", schema=None) as batch_op:
        batch_op.drop_index("ix_locate_lead_state")
        batch_op.drop_index(batch_op.f("ix_locate_lead_recorded_by"))
        batch_op.drop_index("ix_locate_lead_participant")
        batch_op.drop_index(batch_op.f("ix_locate_lead_agency_id"))

    op.drop_table("locate_lead")
