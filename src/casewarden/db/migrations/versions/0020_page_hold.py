"""A page's legal hold and its last delivery, on the page.

A page-wide legal hold used to flag the comments the page had when it was placed, so the
comments received after it were not held. The hold is now a record on the page (when, by
whom, an optional sealed reason) that covers every comment of the page until released.
A standing page-wide hold (an ``archive:hold:set`` for the page, without a thread, not
followed by a release) becomes that record here; the flags it set stay.

The Pages screen's "last delivery" was the newest version of any comment of the page, a
grouped scan of every version; it is now a column intake keeps, filled here once.

Revision ID: 0020
Revises: 0014
Create Date: 2026-12-10 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_HOLD_SET = "archive:hold:set"
_HOLD_RELEASE = "archive:hold:release"


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("agency_page") as batch:
        batch.add_column(sa.Column("last_delivery_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("hold_placed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("hold_placed_by_type", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("hold_placed_by_id", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("hold_reason_sealed", sa.LargeBinary(), nullable=True))
    connection = op.get_bind()
    connection.execute(
        sa.text(
            "UPDATE agency_page SET last_delivery_at = (SELECT max(v.received_at) "
            "FROM comment_version v JOIN comment c ON c.id = v.comment_id "
            "WHERE c.page_pk = agency_page.id)"
        )
    )
    _standing_holds_onto_pages(connection)


def _standing_holds_onto_pages(connection: sa.Connection) -> None:
    audit = sa.table(
        "audit_entry",
        sa.column("seq", sa.BigInteger()),
        sa.column("occurred_at", sa.DateTime(timezone=True)),
        sa.column("actor_type", sa.String()),
        sa.column("actor_id", sa.BigInteger()),
        sa.column("tag", sa.String()),
        sa.column("subject_type", sa.String()),
        sa.column("subject_id", sa.String()),
        sa.column("details", sa.JSON()),
    )
    page = sa.table(
        "agency_page",
        sa.column("id", sa.BigInteger()),
        sa.column("hold_placed_at", sa.DateTime(timezone=True)),
        sa.column("hold_placed_by_type", sa.String()),
        sa.column("hold_placed_by_id", sa.BigInteger()),
    )
    rows = connection.execute(
        sa.select(audit)
        .where(audit.c.subject_type == "agency_page", audit.c.tag.in_([_HOLD_SET, _HOLD_RELEASE]))
        .order_by(audit.c.seq)
    )
    latest: dict[int, sa.Row[tuple[object, ...]]] = {}
    for row in rows:
        if (row.details or {}).get("thread") or not str(row.subject_id).isdigit():
            continue  # a thread's hold says nothing of the page as a whole
        latest[int(row.subject_id)] = row
    for page_pk, row in latest.items():
        if row.tag == _HOLD_SET:
            connection.execute(
                sa.update(page)
                .where(page.c.id == page_pk)
                .values(
                    hold_placed_at=row.occurred_at,
                    hold_placed_by_type=row.actor_type,
                    hold_placed_by_id=row.actor_id,
                )
            )


def downgrade() -> None:
    """Revert this revision."""
    # Before this revision a page's hold was its comments' flags: flag them all, so that
    # nothing on a held page becomes purgeable by going back.
    comment = sa.table("comment", sa.column("page_pk", sa.BigInteger()), sa.column("legal_hold"))
    page = sa.table("agency_page", sa.column("id"), sa.column("hold_placed_at"))
    held = sa.select(page.c.id).where(page.c.hold_placed_at.is_not(None))
    op.get_bind().execute(
        sa.update(comment).where(comment.c.page_pk.in_(held)).values(legal_hold=sa.true())
    )
    with op.batch_alter_table("agency_page") as batch:
        batch.drop_column("hold_reason_sealed")
        batch.drop_column("hold_placed_by_id")
        batch.drop_column("hold_placed_by_type")
        batch.drop_column("hold_placed_at")
        batch.drop_column("last_delivery_at")
