"""Composing, approving, scheduling and publishing what staff say on agency pages.

Everything passes three checks, in this order: the role's permission, the outbound
guard, and the social-media policy. A refusal names the rule and its citation and is
audited; only text that passed is ever stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor, ActorKind
from casewarden.audit import chain
from casewarden.audit.event import AuditEvent, Details, Subject
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.errors import Conflict, InvalidInput, NotFound
from casewarden.i18n import N_
from casewarden.moderation import teamwork
from casewarden.moderation.interfaces import Scanner
from casewarden.moderation.models import Comment, CommentStatus
from casewarden.outreach import guard
from casewarden.outreach.models import MessageKind, MessageState, OutboundMessage
from casewarden.outreach.profile import check_self_identification, get_profile, signature_for
from casewarden.pages.models import AgencyPage
from casewarden.pages.service import list_pages
from casewarden.policy import Action, Purpose, Resource, ResourceKind, enforce

_DEFAULT_PURPOSE = {
    MessageKind.POST: Purpose.GENERAL_INFORMATION,
    MessageKind.REPLY: Purpose.GENERAL_QUESTION_ANSWER,
}
_PUBLISH_ACTION = {MessageKind.POST: Action.POST_PUBLISH, MessageKind.REPLY: Action.REPLY_PUBLISH}
MAX_SCHEDULE_AHEAD = timedelta(days=180)


GuardRefused = guard.GuardRefused


def message_subject(message: OutboundMessage, citation: str | None = None) -> Subject:
    """How the audit chain names a message: the purpose of its kind, and any law cited."""
    purpose = str(_DEFAULT_PURPOSE[message.kind])
    return Subject(type="outbound_message", purpose=purpose, citation=citation).of(message)


def message_state(message: OutboundMessage) -> Details:
    """What each entry about a message keeps: its kind, page and state, never its text."""
    return {"kind": str(message.kind), "page": message.page_pk, "state": str(message.state)}


@dataclass(frozen=True, slots=True)
class Draft:
    """What a person asked to publish."""

    page_pk: int
    kind: MessageKind
    body: str
    in_reply_to: int | None = None
    scheduled_for: datetime | None = None
    purpose: str | None = None
    language: str = "en"


def _page(session: Session, page_pk: int) -> AgencyPage:
    page = session.scalar(
        select(AgencyPage).where(AgencyPage.id == page_pk, AgencyPage.active.is_(True))
    )
    if page is None:
        raise NotFound(N_("That is not one of the agency's connected pages."))
    return page


def refuse_unregistered(actor: Actor, *, detail: str) -> None:
    """Refuse (and audit) acting through a page or token that is not in the registry."""
    enforce(
        actor,
        Action.POST_PUBLISH,
        Resource(kind=ResourceKind.PERSONAL_ACCOUNT, id=detail[:64]),
        Purpose.GENERAL_INFORMATION,
    )


def refuse_private_message(actor: Actor) -> None:
    """casewarden never sends private messages; asking for one is refused and audited."""
    enforce(
        actor,
        Action.MESSAGE_SEND,
        Resource(kind=ResourceKind.PRIVATE_MESSAGE),
        Purpose.GENERAL_QUESTION_ANSWER,
    )


def check_text(*, session: Session, scanner: Scanner, body: str) -> guard.GuardReport:
    """Run the guard on staff text, allowing links to the agency's own pages."""
    own = {page.page_id for page in list_pages(session=session)}
    return guard.check(body, scanner=scanner, own_pages=own)


@dataclass(frozen=True, slots=True, kw_only=True)
class SendingRefusal:
    """Why a stored post or reply may not go out after all, and the refusal's audit entry."""

    sentence: str
    audit_event: AuditEvent | None


def refusal_before_sending(
    *, session: Session, scanner: Scanner, message: OutboundMessage
) -> SendingRefusal | None:
    """Read a stored post or reply again, as it will appear, just before it goes out."""
    author = Actor(kind=ActorKind.STAFF, id=message.author_id, agency_id=message.agency_id)
    first_name = session.scalar(select(StaffUser.display_name).where(StaffUser.id == author.id))
    unsigned = message.signature
    if first_name and first_name.split():
        unsigned = unsigned.replace(first_name.split()[0][:40], " ", 1)
    profile = get_profile(session, message.agency_id)
    try:
        check_self_identification(
            unsigned, language=message.language, title_es=profile.title_es or ""
        )
    except InvalidInput as exc:
        return SendingRefusal(sentence=exc.public_message, audit_event=None)
    # The writer's first name in the signature is the agency's staff speaking, not a person
    # named in a post: it is read without it.
    report = check_text(
        session=session, scanner=scanner, body=f"{message.body.rstrip()}\n\n{unsigned}"
    )
    try:
        _enforce_publishing(
            author,
            Draft(page_pk=message.page_pk, kind=message.kind, body=message.body),
            message.page,
            report,
        )
    except GuardRefused as refused:
        event, refused.audit_event = refused.audit_event, None
        return SendingRefusal(sentence=refused.public_message, audit_event=event)
    return None


def _enforce_publishing(
    actor: Actor,
    draft: Draft,
    page: AgencyPage,
    report: guard.GuardReport,
) -> str:
    return guard.enforce_report(
        actor,
        report,
        action=_PUBLISH_ACTION[draft.kind],
        resource=Resource(
            kind=(
                ResourceKind.COMMENT
                if draft.kind is MessageKind.REPLY
                else ResourceKind.AGENCY_PAGE
            ),
            id=str(page.id),
            registered_page=page.active,
        ),
        purpose=draft.purpose or _DEFAULT_PURPOSE[draft.kind],
        agency_id=page.agency_id,
    )


def submit(
    *,
    session: Session,
    actor: Actor,
    author: StaffUser,
    scanner: Scanner,
    draft: Draft,
    now: datetime | None = None,
) -> OutboundMessage:
    """Check and store a post or reply; returns it PUBLISHING, AWAITING_APPROVAL or SCHEDULED."""
    authorize(actor, Permission.OUTREACH_COMPOSE)
    moment = now or utcnow()
    page = _page(session, draft.page_pk)
    if draft.kind is MessageKind.REPLY:
        if draft.in_reply_to is None:
            raise InvalidInput(N_("Choose the comment to reply to."))
        comment = session.scalar(select(Comment).where(Comment.id == draft.in_reply_to))
        if comment is None or comment.page_pk != page.id:
            raise NotFound(N_("Replies go only to comments on the agency's own pages."))
        if comment.status is not CommentStatus.VISIBLE:
            raise Conflict(
                N_("That comment is not public; a public reply would draw attention to it.")
            )
        # A reply is a decision too: not while a colleague has the comment open.
        teamwork.refuse_if_held(session=session, actor=actor, comment_id=comment.id, now=moment)
    if draft.scheduled_for is not None and not (
        moment < draft.scheduled_for <= moment + MAX_SCHEDULE_AHEAD
    ):
        raise InvalidInput(N_("A scheduled time must be in the future, within 180 days."))
    report = check_text(session=session, scanner=scanner, body=draft.body)
    citation = _enforce_publishing(actor, draft, page, report)
    profile = get_profile(session, page.agency_id)
    language = draft.language if draft.language in ("en", "es") else "en"
    needs_approval = draft.kind is MessageKind.POST and profile.require_post_approval
    state = (
        MessageState.AWAITING_APPROVAL
        if needs_approval
        else MessageState.SCHEDULED
        if draft.scheduled_for
        else MessageState.PUBLISHING
    )
    message = OutboundMessage(
        agency_id=page.agency_id,
        page_pk=page.id,
        kind=draft.kind,
        in_reply_to=draft.in_reply_to,
        body=draft.body.strip(),
        signature=signature_for(profile, author.display_name, language=language),
        language=language,
        state=state,
        author_id=author.id,
        scheduled_for=draft.scheduled_for,
    )
    session.add(message)
    session.flush()
    chain.record(
        session,
        subject=message_subject(message, citation=citation),
        actor=actor,
        tag=AuditTag.OUTREACH_MESSAGE_SUBMIT,
        details=message_state(message),
    )
    return message


def get_message(session: Session, message_id: int) -> OutboundMessage:
    """A message of the session's agency."""
    message = session.scalar(select(OutboundMessage).where(OutboundMessage.id == message_id))
    if message is None:
        raise NotFound(N_("No such post or reply."))
    return message


def approve(
    *, session: Session, actor: Actor, message_id: int, now: datetime | None = None
) -> OutboundMessage:
    """The second person approves a post; it is then scheduled or published."""
    authorize(actor, Permission.OUTREACH_APPROVE)
    message = get_message(session, message_id)
    if message.state is not MessageState.AWAITING_APPROVAL:
        raise Conflict(N_("Only a post awaiting approval can be approved."))
    if actor.kind is ActorKind.STAFF and actor.id == message.author_id:
        raise Conflict(N_("Posts need a second person: you cannot approve your own."))
    moment = now or utcnow()
    message.approved_by, message.approved_at = actor.id, moment
    if message.scheduled_for and message.scheduled_for > moment:
        message.state = MessageState.SCHEDULED
    else:
        message.state = MessageState.PUBLISHING
    session.flush()
    chain.record(
        session,
        subject=message_subject(message),
        actor=actor,
        tag=AuditTag.OUTREACH_MESSAGE_APPROVE,
        details=message_state(message),
    )
    return message


def reject(*, session: Session, actor: Actor, message_id: int) -> OutboundMessage:
    """Turn a post down; it is kept, marked rejected."""
    authorize(actor, Permission.OUTREACH_APPROVE)
    message = get_message(session, message_id)
    if message.state is not MessageState.AWAITING_APPROVAL:
        raise Conflict(N_("Only a post awaiting approval can be rejected."))
    message.state = MessageState.REJECTED
    session.flush()
    chain.record(
        session,
        subject=message_subject(message),
        actor=actor,
        tag=AuditTag.OUTREACH_MESSAGE_REJECT,
        details=message_state(message),
    )
    return message


def cancel(*, session: Session, actor: Actor, message_id: int) -> OutboundMessage:
    """Withdraw a post or reply that is not published yet."""
    authorize(actor, Permission.OUTREACH_COMPOSE)
    message = get_message(session, message_id)
    if message.state not in (
        MessageState.AWAITING_APPROVAL,
        MessageState.SCHEDULED,
        MessageState.DRAFT,
    ):
        raise Conflict(N_("Only unpublished posts can be cancelled."))
    message.state = MessageState.CANCELLED
    session.flush()
    chain.record(
        session,
        subject=message_subject(message),
        actor=actor,
        tag=AuditTag.OUTREACH_MESSAGE_CANCEL,
        details=message_state(message),
    )
    return message


def list_messages(
    *,
    session: Session,
    actor: Actor,
    states: tuple[MessageState, ...] | None = None,
    page_pk: int | None = None,
) -> list[OutboundMessage]:
    """Posts and replies of the agency, newest first."""
    authorize(actor, Permission.OUTREACH_COMPOSE)
    query = select(OutboundMessage)
    if states:
        query = query.where(OutboundMessage.state.in_(states))
    if page_pk is not None:
        query = query.where(OutboundMessage.page_pk == page_pk)
    return list(session.scalars(query.order_by(OutboundMessage.id.desc()).limit(200)))


def due(session: Session, now: datetime) -> list[int]:
    """Messages ready to go out: approved or immediate ones, and scheduled ones now due."""
    return list(
        session.scalars(
            select(OutboundMessage.id).where(
                (OutboundMessage.state == MessageState.PUBLISHING)
                | (
                    (OutboundMessage.state == MessageState.SCHEDULED)
                    & (OutboundMessage.scheduled_for <= now)
                )
            )
        )
    )


def awaiting_approval_count(*, session: Session, actor: Actor) -> int:
    """Posts waiting for a second person (the console's home page)."""
    authorize(actor, Permission.OUTREACH_APPROVE)
    return (
        session.scalar(
            select(func.count())
            .select_from(OutboundMessage)
            .where(OutboundMessage.state == MessageState.AWAITING_APPROVAL)
        )
        or 0
    )
