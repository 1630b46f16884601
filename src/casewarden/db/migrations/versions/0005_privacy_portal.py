"""Privacy portal: visit records, log imports, contact messages and their forwards, review
requests (findings, corrections, disclosure permissions), published statistics.

visit_record has few indexes on purpose (the log importer writes ~100,000 rows a second);
the partial ones cover only the rows that hold a raw address or a session reference.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 09:33:31.683540
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "log_import",
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("imported", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("malformed", sa.Integer(), nullable=False),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_log_import_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_import")),
    )
    with op.batch_alter_table("log_import", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_log_import_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_log_import_file_sha256"), ["file_sha256"], unique=False
        )

    op.create_table(
        "contact_message",
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "topic",
            sa.Enum(
                "general",
                "website",
                "accessibility",
                "privacy",
                "other",
                name="messagetopic",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=120), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "answered",
                "forwarded",
                "closed",
                name="messagestatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "handled_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_contact_message_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["handled_by_id"],
            ["staff_user.id"],
            name=op.f("fk_contact_message_handled_by_id_staff_user"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_message")),
        sa.UniqueConstraint("reference", name=op.f("uq_contact_message_reference")),
    )
    with op.batch_alter_table("contact_message", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_message_agency_id"), ["agency_id"], unique=False
        )

    op.create_table(
        "published_statistics",
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("tables", sa.JSON(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "published_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_published_statistics_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["staff_user.id"],
            name=op.f("fk_published_statistics_published_by_id_staff_user"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_statistics")),
        sa.UniqueConstraint(
            "agency_id", "period", name=op.f("uq_published_statistics_agency_id_period")
        ),
    )
    with op.batch_alter_table("published_statistics", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_published_statistics_agency_id"), ["agency_id"], unique=False
        )

    op.create_table(
        "review_request",
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "verified",
                "responded",
                "closed",
                name="reviewstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("requester_name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("mailing_address", sa.String(length=300), nullable=True),
        sa.Column("details", sa.Text(), nullable=True),
        sa.Column("visit_reference", sa.String(length=32), nullable=True),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column(
            "verification_method",
            sa.Enum(
                "photo_id_in_person",
                "notarized_request",
                "matching_details",
                "not_verified",
                name="verificationmethod",
                native_enum=False,
                length=30,
            ),
            nullable=True,
        ),
        sa.Column("verification_note", sa.String(length=1000), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "verified_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column(
            "response_method",
            sa.Enum(
                "mail",
                "email",
                "in_person",
                "phone",
                name="responsemethod",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "responded_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_review_request_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["responded_by_id"],
            ["staff_user.id"],
            name=op.f("fk_review_request_responded_by_id_staff_user"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["verified_by_id"],
            ["staff_user.id"],
            name=op.f("fk_review_request_verified_by_id_staff_user"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_request")),
        sa.UniqueConstraint("reference", name=op.f("uq_review_request_reference")),
    )
    with op.batch_alter_table("review_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_request_agency_id"), ["agency_id"], unique=False
        )

    op.create_table(
        "visit_record",
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("page", "download", "outbound", name="visitkind", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column("page", sa.String(length=200), nullable=False),
        sa.Column("session_ref", sa.String(length=32), nullable=True),
        sa.Column("client_ip", sa.String(length=45), nullable=True),
        sa.Column("client_network", sa.String(length=49), nullable=False),
        sa.Column("client_domain", sa.String(length=253), nullable=True),
        sa.Column("browser", sa.String(length=50), nullable=False),
        sa.Column("os", sa.String(length=50), nullable=False),
        sa.Column("referrer_site", sa.String(length=253), nullable=True),
        sa.Column("next_site", sa.String(length=300), nullable=True),
        sa.Column("form_downloaded", sa.String(length=100), nullable=True),
        sa.Column(
            "log_import_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_visit_record_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["log_import_id"],
            ["log_import.id"],
            name=op.f("fk_visit_record_log_import_id_log_import"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_record")),
    )
    with op.batch_alter_table("visit_record", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visit_record_agency_time", ["agency_id", "occurred_at"], unique=False
        )
        batch_op.create_index(
            "ix_visit_record_client_ip",
            ["client_ip"],
            unique=False,
            sqlite_where=sa.text("client_ip IS NOT NULL"),
            postgresql_where=sa.text("client_ip IS NOT NULL"),
        )
        batch_op.create_index(
            "ix_visit_record_session_ref",
            ["session_ref"],
            unique=False,
            sqlite_where=sa.text("session_ref IS NOT NULL"),
            postgresql_where=sa.text("session_ref IS NOT NULL"),
        )

    op.create_table(
        "contact_forward",
        sa.Column(
            "message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("destination", sa.String(length=200), nullable=False),
        sa.Column(
            "reason",
            sa.Enum(
                "authorized_action",
                "law_enforcement",
                "required_by_law",
                name="forwardreason",
                native_enum=False,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("explanation", sa.String(length=1000), nullable=False),
        sa.Column(
            "forwarded_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("forwarded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_contact_forward_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["forwarded_by_id"],
            ["staff_user.id"],
            name=op.f("fk_contact_forward_forwarded_by_id_staff_user"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["contact_message.id"],
            name=op.f("fk_contact_forward_message_id_contact_message"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_forward")),
    )
    with op.batch_alter_table("contact_forward", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_forward_agency_id"), ["agency_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contact_forward_message_id"), ["message_id"], unique=False
        )

    op.create_table(
        "disclosure_permission",
        sa.Column(
            "request_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.String(length=500), nullable=False),
        sa.Column(
            "evidence",
            sa.Enum(
                "signed_written",
                "verified_electronic",
                name="permissionevidence",
                native_enum=False,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("granted_on", sa.Date(), nullable=False),
        sa.Column(
            "recorded_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_disclosure_permission_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["staff_user.id"],
            name=op.f("fk_disclosure_permission_recorded_by_id_staff_user"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["review_request.id"],
            name=op.f("fk_disclosure_permission_request_id_review_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosure_permission")),
    )
    with op.batch_alter_table("disclosure_permission", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_disclosure_permission_agency_id"), ["agency_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_disclosure_permission_request_id"), ["request_id"], unique=False
        )

    op.create_table(
        "review_correction",
        sa.Column(
            "request_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("requested_value", sa.String(length=1000), nullable=False),
        sa.Column(
            "decision",
            sa.Enum("made", "refused", name="correctiondecision", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=1000), nullable=False),
        sa.Column(
            "decided_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_review_correction_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_user.id"],
            name=op.f("fk_review_correction_decided_by_id_staff_user"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["review_request.id"],
            name=op.f("fk_review_correction_request_id_review_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_correction")),
    )
    with op.batch_alter_table("review_correction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_correction_agency_id"), ["agency_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_review_correction_request_id"), ["request_id"], unique=False
        )

    op.create_table(
        "review_finding",
        sa.Column(
            "request_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.String(length=300), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_review_finding_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["review_request.id"],
            name=op.f("fk_review_finding_request_id_review_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_finding")),
    )
    with op.batch_alter_table("review_finding", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_finding_agency_id"), ["agency_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_review_finding_request_id"), ["request_id"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("review_finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_finding_request_id"))
        batch_op.drop_index(batch_op.f("ix_review_finding_agency_id"))

    op.drop_table("review_finding")
    with op.batch_alter_table("review_correction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_correction_request_id"))
        batch_op.drop_index(batch_op.f("ix_review_correction_agency_id"))

    op.drop_table("review_correction")
    with op.batch_alter_table("disclosure_permission", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disclosure_permission_request_id"))
        batch_op.drop_index(batch_op.f("ix_disclosure_permission_agency_id"))

    op.drop_table("disclosure_permission")
    with op.batch_alter_table("contact_forward", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_forward_message_id"))
        batch_op.drop_index(batch_op.f("ix_contact_forward_agency_id"))

    op.drop_table("contact_forward")
    with op.batch_alter_table("visit_record", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_visit_record_session_ref",
            sqlite_where=sa.text("session_ref IS NOT NULL"),
            postgresql_where=sa.text("session_ref IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_visit_record_client_ip",
            sqlite_where=sa.text("client_ip IS NOT NULL"),
            postgresql_where=sa.text("client_ip IS NOT NULL"),
        )
        batch_op.drop_index("ix_visit_record_agency_time")

    op.drop_table("visit_record")
    with op.batch_alter_table("review_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_request_agency_id"))

    op.drop_table("review_request")
    with op.batch_alter_table("published_statistics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_published_statistics_agency_id"))

    op.drop_table("published_statistics")
    with op.batch_alter_table("contact_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_message_agency_id"))

    op.drop_table("contact_message")
    with op.batch_alter_table("log_import", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_log_import_file_sha256"))
        batch_op.drop_index(batch_op.f("ix_log_import_agency_id"))

    op.drop_table("log_import")
