"""A thread's legal hold is a record that covers the thread's later comments.

A thread's hold used to flag the comments the thread had when it was placed, so comments
arriving afterwards were not held. It is now a ``thread_hold`` row (page, post, when, by
whom): retention spares the thread's comments while it stands and intake flags the new
ones. A standing thread hold (an ``archive:hold:set`` naming the thread, followed neither by
the thread's release nor by a release of the whole page, which cleared its flags) becomes
that row here; the flags it set stay.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 04:53:16.094102
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_HOLD_SET = "archive:hold:set"
_HOLD_RELEASE = "archive:hold:release"


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "thread_hold",
        sa.Column("page_pk", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("post_external_id", sa.String(length=128), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("placed_by_type", sa.String(length=20), nullable=False),
        sa.Column("placed_by_id", sa.BigInteger(), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "agency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_thread_hold_agency_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["page_pk"],
            ["agency_page.id"],
            name=op.f("fk_thread_hold_page_pk_agency_page"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thread_hold")),
        sa.UniqueConstraint(
            "page_pk", "post_external_id", name=op.f("uq_thread_hold_page_pk_post_external_id")
        ),
    )
    with op.batch_alter_table("thread_hold") as batch_op:
        batch_op.create_index(batch_op.f("ix_thread_hold_agency_id"), ["agency_id"], unique=False)
    _standing_thread_holds(op.get_bind())


def _standing_thread_holds(connection: sa.Connection) -> None:
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
    page = sa.table("agency_page", sa.column("id", sa.BigInteger()), sa.column("agency_id"))
    rows = connection.execute(
        sa.select(audit)
        .where(audit.c.subject_type == "agency_page", audit.c.tag.in_([_HOLD_SET, _HOLD_RELEASE]))
        .order_by(audit.c.seq)
    )
    standing: dict[tuple[int, str], sa.Row[tuple[object, ...]]] = {}
    for row in rows:
        if not str(row.subject_id).isdigit():
            continue
        page_pk, thread = int(row.subject_id), (row.details or {}).get("thread")
        if thread and row.tag == _HOLD_SET:
            standing[(page_pk, str(thread))] = row
        elif thread:
            standing.pop((page_pk, str(thread)), None)
        elif row.tag == _HOLD_RELEASE:
            # Releasing the whole page cleared every flag of the page, its threads' too.
            standing = {key: held for key, held in standing.items() if key[0] != page_pk}
    agencies = {
        int(pk): agency for pk, agency in connection.execute(sa.select(page.c.id, page.c.agency_id))
    }
    hold = sa.table(
        "thread_hold",
        sa.column("agency_id"),
        sa.column("page_pk"),
        sa.column("post_external_id"),
        sa.column("placed_at"),
        sa.column("placed_by_type"),
        sa.column("placed_by_id"),
    )
    for (page_pk, thread), row in standing.items():
        if page_pk in agencies:
            connection.execute(
                sa.insert(hold).values(
                    agency_id=agencies[page_pk],
                    page_pk=page_pk,
                    post_external_id=thread,
                    placed_at=row.occurred_at,
                    placed_by_type=row.actor_type,
                    placed_by_id=row.actor_id,
                )
            )


def downgrade() -> None:
    """Revert this revision."""
    # Before this revision a thread's hold was its comments' flags: flag them all, so that
    # nothing of a held thread becomes purgeable by going back.
    comment = sa.table(
        "comment",
        sa.column("page_pk"),
        sa.column("post_external_id"),
        sa.column("external_id"),
        sa.column("legal_hold"),
    )
    hold = sa.table("thread_hold", sa.column("page_pk"), sa.column("post_external_id"))
    in_held_thread = (
        sa.select(hold.c.page_pk)
        .where(
            hold.c.page_pk == comment.c.page_pk,
            sa.or_(
                hold.c.post_external_id == comment.c.post_external_id,
                hold.c.post_external_id == comment.c.external_id,
            ),
        )
        .exists()
    )
    op.get_bind().execute(sa.update(comment).where(in_held_thread).values(legal_hold=sa.true()))
    with op.batch_alter_table("thread_hold") as batch_op:
        batch_op.drop_index(batch_op.f("ix_thread_hold_agency_id"))

    op.drop_table("thread_hold")
