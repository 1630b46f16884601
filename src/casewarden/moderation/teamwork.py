"""Teamwork on the review queue: who has a comment open, who it is assigned to, staff notes.

A comment opened in the review screen is *claimed* by that moderator for a lease of a few
minutes, held in the database so that every web process sees it. While the lease is live only
the holder decides the comment; a colleague reads it, is told who has it, and a supervisor may
take it over (audited). The claim renews while the holder works and ends with their decision,
when they sign out, or when the lease runs out. Assignments and internal notes are sealed like a
decision's reason, audited by id, and never sent to the platform.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import CursorResult, case, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Permission, authorize, has_permission
from casewarden.actor import Actor, ActorKind
from casewarden.audit import chain
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.db.scope import elevated
from casewarden.errors import Conflict, InvalidInput, NotFound
from casewarden.i18n import N_
from casewarden.moderation.grounds import MODERATED_COMMENT
from casewarden.moderation.models import (
    ASSIGNMENT_NOTE_PURPOSE,
    NOTE_PURPOSE,
    Comment,
    CommentAssignment,
    CommentClaim,
    CommentNote,
)

#: How long a comment stays with the moderator who opened it without a sign of work.
LEASE = timedelta(minutes=5)
#: The longest internal note or assignment note kept.
MAX_NOTE_CHARS = 2000


class ClaimHeld(Conflict):
    """A colleague has the comment open: only they decide it until their lease runs out."""

    TEMPLATE = N_(
        "Comment #%(comment)s is open with %(name)s, who is deciding it. Wait until they "
        "finish or their claim runs out, or ask a supervisor to take it over."
    )

    def __init__(self, *, comment_id: int, holder_id: int, holder_name: str) -> None:
        # The exception's own text stays ids only (it may reach a log); the name is for screens.
        super().__init__(f"comment {comment_id} is claimed by staff {holder_id}")
        self.wording = (self.TEMPLATE, {"comment": comment_id, "name": holder_name})
        self.public_message = self.TEMPLATE % self.wording[1]
        self.comment_id = comment_id
        self.holder_id = holder_id
        self.holder_name = holder_name


@dataclass(frozen=True, slots=True)
class ClaimView:
    """Who has a comment open, until when, and whether it is the one asking."""

    comment_id: int
    holder_id: int
    holder_name: str
    expires_at: datetime
    mine: bool


def _staff_id(actor: Actor) -> int | None:
    return actor.id if actor.kind is ActorKind.STAFF else None


def _comment(session: Session, comment_id: int) -> Comment:
    comment = session.scalar(select(Comment).where(Comment.id == comment_id))
    if comment is None:
        raise NotFound(N_("No such comment."))
    return comment


def _current(session: Session, comment_id: int) -> CommentClaim | None:
    return session.scalar(
        select(CommentClaim)
        .where(CommentClaim.comment_id == comment_id)
        .execution_options(populate_existing=True)
    )


def _view(claim: CommentClaim, actor: Actor) -> ClaimView:
    return ClaimView(
        comment_id=claim.comment_id,
        holder_id=claim.holder_id,
        holder_name=claim.holder.display_name,
        expires_at=claim.expires_at,
        mine=claim.holder_id == _staff_id(actor),
    )


def _acquire(session: Session, *, holder_id: int, comment: Comment, now: datetime) -> CommentClaim:
    """Take the claim, renew one's own, or find a colleague's live claim left as it is.

    One conditional UPDATE (mine, or run out) and, when there is no row, one INSERT that the
    unique comment id turns into a refusal for whichever process comes second.
    """
    until = now + LEASE
    taken = cast(
        CursorResult[object],
        session.execute(
            update(CommentClaim)
            .where(
                CommentClaim.comment_id == comment.id,
                or_(CommentClaim.holder_id == holder_id, CommentClaim.expires_at <= now),
            )
            .values(
                claimed_at=case(
                    (CommentClaim.holder_id == holder_id, CommentClaim.claimed_at), else_=now
                ),
                holder_id=holder_id,
                expires_at=until,
            )
            .execution_options(synchronize_session=False)
        ),
    ).rowcount
    if not taken and _current(session, comment.id) is None:
        try:
            with session.begin_nested():
                session.add(
                    CommentClaim(
                        comment_id=comment.id,
                        agency_id=comment.agency_id,
                        holder_id=holder_id,
                        claimed_at=now,
                        expires_at=until,
                    )
                )
        except IntegrityError:
            # Another process claimed it between the two statements: theirs it is. Any other
            # integrity error (no such member of staff) leaves no claim, and is raised.
            claim = _current(session, comment.id)
            if claim is None:
                raise
            return claim
    claim = _current(session, comment.id)
    assert claim is not None  # taken, inserted, or a colleague's
    return claim


def claim(
    *, session: Session, actor: Actor, comment_id: int, now: datetime | None = None
) -> ClaimView | None:
    """Open a comment: it is the actor's for a lease, or the colleague's who has it already."""
    authorize(actor, Permission.MODERATION_REVIEW)
    holder_id = _staff_id(actor)
    if holder_id is None:
        return None
    claimed = _acquire(
        session, holder_id=holder_id, comment=_comment(session, comment_id), now=now or utcnow()
    )
    return _view(claimed, actor)


def hold_for_decision(*, session: Session, actor: Actor, comment: Comment, now: datetime) -> None:
    """Make sure the actor holds the comment before deciding it; refuse if a colleague does."""
    holder_id = _staff_id(actor)
    if holder_id is None:
        return
    claimed = _acquire(session, holder_id=holder_id, comment=comment, now=now)
    if claimed.holder_id != holder_id:
        raise ClaimHeld(
            comment_id=comment.id,
            holder_id=claimed.holder_id,
            holder_name=claimed.holder.display_name,
        )


def refuse_if_held(*, session: Session, actor: Actor, comment_id: int, now: datetime) -> None:
    """Refuse an action on a comment (a reply) while a colleague has it open."""
    claimed = _current(session, comment_id)
    if claimed is not None and claimed.expires_at > now and claimed.holder_id != _staff_id(actor):
        raise ClaimHeld(
            comment_id=comment_id,
            holder_id=claimed.holder_id,
            holder_name=claimed.holder.display_name,
        )


def release(*, session: Session, actor: Actor, comment_id: int) -> None:
    """End the actor's claim on a comment (their decision is recorded)."""
    session.execute(
        delete(CommentClaim)
        .where(CommentClaim.comment_id == comment_id, CommentClaim.holder_id == _staff_id(actor))
        .execution_options(synchronize_session=False)
    )


def release_all(*, session: Session, holder_id: int) -> int:
    """End every claim a member of staff holds (they signed out); returns how many ended.

    Not audited, as claiming and releasing are not: only a take-over is.
    """
    # Signing out runs before any agency scope is set: the holder's id bounds the delete.
    with elevated(session):
        ended = cast(
            CursorResult[object],
            session.execute(
                delete(CommentClaim)
                .where(CommentClaim.holder_id == holder_id)
                .execution_options(synchronize_session=False)
            ),
        )
    return int(ended.rowcount or 0)


def take_over(
    *, session: Session, actor: Actor, comment_id: int, now: datetime | None = None
) -> ClaimView:
    """A supervisor takes a comment a colleague has open; the colleague's claim ends, audited."""
    authorize(actor, Permission.MODERATION_TAKE_OVER)
    holder_id = _staff_id(actor)
    if holder_id is None:
        raise InvalidInput(N_("Only a person can take over a comment."))
    moment = now or utcnow()
    comment = _comment(session, comment_id)
    before = _current(session, comment.id)
    previous = before.holder_id if before and before.expires_at > moment else None
    if previous is not None and previous != holder_id:
        assert before is not None
        before.holder_id = holder_id
        before.claimed_at = moment
        before.expires_at = moment + LEASE
        session.flush()
        chain.record(
            session,
            subject=MODERATED_COMMENT.of(comment),
            actor=actor,
            tag=AuditTag.MODERATION_COMMENT_TAKE_OVER,
            details={"claim": before.id, "previous_holder": previous},
        )
    claimed = _acquire(session, holder_id=holder_id, comment=comment, now=moment)
    return _view(claimed, actor)


def claims_for(
    *, session: Session, actor: Actor, comment_ids: Sequence[int], now: datetime | None = None
) -> dict[int, ClaimView]:
    """The live claims on some comments (the queue marks those open with a colleague)."""
    if not comment_ids:
        return {}
    moment = now or utcnow()
    found = session.scalars(
        select(CommentClaim).where(
            CommentClaim.comment_id.in_(comment_ids), CommentClaim.expires_at > moment
        )
    )
    return {claimed.comment_id: _view(claimed, actor) for claimed in found}


def _note_text(text: str, *, required: bool) -> str | None:
    cleaned = text.strip()
    if len(cleaned) > MAX_NOTE_CHARS:
        raise InvalidInput(
            N_("Keep the note under %(limit)s characters."), values={"limit": MAX_NOTE_CHARS}
        )
    if required and not cleaned:
        raise InvalidInput(N_("Write the note first."))
    return cleaned or None


@dataclass(frozen=True, slots=True)
class AssignmentView:
    """Who a comment is assigned to, by whom, when, and the note (opened)."""

    assignee_id: int
    assignee_name: str
    assigned_by_name: str
    assigned_at: datetime
    note: str | None


def colleagues(*, session: Session, actor: Actor) -> list[StaffUser]:
    """The active moderators and supervisors of the actor's agency, to assign a comment to."""
    authorize(actor, Permission.MODERATION_REVIEW)
    staff = session.scalars(
        select(StaffUser)
        .where(StaffUser.agency_id == actor.agency_id, StaffUser.is_active.is_(True))
        .order_by(StaffUser.display_name, StaffUser.id)
    )
    return [user for user in staff if has_permission(user.role, Permission.MODERATION_REVIEW)]


def assign(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    comment_id: int,
    assignee_id: int,
    note: str = "",
    now: datetime | None = None,
) -> CommentAssignment:
    """Assign a comment to a colleague (a moderator or supervisor of its agency), audited."""
    authorize(actor, Permission.MODERATION_REVIEW)
    comment = _comment(session, comment_id)
    assignee = session.scalar(select(StaffUser).where(StaffUser.id == assignee_id))
    if (
        assignee is None
        or assignee.agency_id != comment.agency_id
        or not assignee.is_active
        or not has_permission(assignee.role, Permission.MODERATION_REVIEW)
    ):
        raise InvalidInput(N_("Assign the comment to a moderator or supervisor of your agency."))
    text = _note_text(note, required=False)
    assigner_id = _staff_id(actor)
    if assigner_id is None:
        raise InvalidInput(N_("Only a person can assign a comment."))
    moment = now or utcnow()
    assignment = session.scalar(
        select(CommentAssignment).where(CommentAssignment.comment_id == comment.id)
    ) or CommentAssignment(comment_id=comment.id, agency_id=comment.agency_id)
    assignment.assignee_id = assignee.id
    assignment.assigned_by_id = assigner_id
    assignment.assigned_at = moment
    assignment.note_sealed = keyring.seal_text(text, ASSIGNMENT_NOTE_PURPOSE) if text else None
    session.add(assignment)
    session.flush()
    session.refresh(assignment)
    chain.record(
        session,
        subject=MODERATED_COMMENT.of(comment),
        actor=actor,
        tag=AuditTag.MODERATION_COMMENT_ASSIGN,
        details={
            "assignment": assignment.id,
            "assignee": assignee.id,
            "note_given": text is not None,
        },
    )
    return assignment


def assignment_of(*, session: Session, keyring: Keyring, comment_id: int) -> AssignmentView | None:
    """The comment's current assignment, its note opened (None when it is not assigned)."""
    found = session.scalar(
        select(CommentAssignment).where(CommentAssignment.comment_id == comment_id)
    )
    if found is None:
        return None
    return AssignmentView(
        assignee_id=found.assignee_id,
        assignee_name=found.assignee.display_name,
        assigned_by_name=found.assigned_by.display_name,
        assigned_at=found.assigned_at,
        note=keyring.open_text(found.note_sealed, ASSIGNMENT_NOTE_PURPOSE)
        if found.note_sealed
        else None,
    )


def assignees_for(*, session: Session, comment_ids: Sequence[int]) -> dict[int, str]:
    """Who each of some comments is assigned to, by name (the queue's rows)."""
    if not comment_ids:
        return {}
    found = session.scalars(
        select(CommentAssignment).where(CommentAssignment.comment_id.in_(comment_ids))
    )
    return {row.comment_id: row.assignee.display_name for row in found}


@dataclass(frozen=True, slots=True)
class NoteView:
    """An internal note, opened, with its author's name."""

    id: int
    author_name: str
    written_at: datetime
    text: str


def add_note(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    comment_id: int,
    text: str,
    now: datetime | None = None,
) -> CommentNote:
    """Add an internal note to a comment: sealed, audited by id, never sent to the platform."""
    authorize(actor, Permission.MODERATION_REVIEW)
    comment = _comment(session, comment_id)
    body = _note_text(text, required=True)
    author_id = _staff_id(actor)
    if body is None or author_id is None:
        raise InvalidInput(N_("Only a person can write a note."))
    note = CommentNote(
        comment_id=comment.id,
        agency_id=comment.agency_id,
        author_id=author_id,
        written_at=now or utcnow(),
        body_sealed=keyring.seal_text(body, NOTE_PURPOSE),
    )
    session.add(note)
    session.flush()
    chain.record(
        session,
        subject=MODERATED_COMMENT.of(comment),
        actor=actor,
        tag=AuditTag.MODERATION_COMMENT_NOTE,
        details={"note": note.id},
    )
    return note


def notes(*, session: Session, actor: Actor, keyring: Keyring, comment_id: int) -> list[NoteView]:
    """A comment's internal notes, oldest first, opened."""
    authorize(actor, Permission.MODERATION_REVIEW)
    found = session.scalars(
        select(CommentNote)
        .where(CommentNote.comment_id == comment_id)
        .order_by(CommentNote.written_at, CommentNote.id)
    )
    return [
        NoteView(
            id=note.id,
            author_name=note.author.display_name,
            written_at=note.written_at,
            text=keyring.open_text(note.body_sealed, NOTE_PURPOSE),
        )
        for note in found
    ]
