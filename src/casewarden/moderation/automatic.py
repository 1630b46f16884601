"""The automatic decision for one comment version: scan, decide, plan the platform call."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit.event import AuditEvent
from casewarden.audit.tags import AuditTag
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.moderation import threats
from casewarden.moderation.grounds import MODERATED_COMMENT, citation_for, retention_class
from casewarden.moderation.interfaces import ScanAction, ScanLike, Scanner
from casewarden.moderation.models import (
    BODY_PURPOSE,
    ActionState,
    Comment,
    CommentStatus,
    CommentVersion,
    ModerationDecision,
    PlatformAction,
    PlatformOperation,
    ReviewState,
)
from casewarden.policy import Action, Purpose, Resource, ResourceKind, decide

SYSTEM = Actor.system()


def retention_days(settings: Settings, retention: str) -> int:
    """Days a comment of a retention class is kept after its last activity."""
    if retention == "disclosure":
        return settings.retention_days_disclosure
    if retention == "offensive":
        return settings.retention_days_offensive
    return settings.retention_days_ordinary


def findings_record(scan: ScanLike) -> list[dict[str, object]]:
    """Findings as stored: type, offsets, score, recognizer — never the matched text.

    Post-level signals (a profanity, a threat phrase) are kept the same way, typed by
    their category, so that moderators see which words made the engine hide a post.
    """
    record: list[dict[str, object]] = [
        {
            "type": str(f.type),
            "start": f.start,
            "end": f.end,
            "score": round(float(f.score), 3),
            "recognizer": f.recognizer,
        }
        for f in scan.findings
    ]
    for signal in getattr(scan, "signals", ()):
        # The trained classifier names the (up to three) words that weighed most; each is
        # kept, so the console highlights all of them.
        spans = getattr(signal, "words", ()) or ((signal.start, signal.end),)
        for start, end in spans:
            record.append(
                {
                    "type": str(getattr(signal.category, "value", signal.category)),
                    "start": int(start),
                    "end": int(end),
                    "score": round(float(signal.score), 3),
                    "recognizer": f"{signal.classifier}/{signal.rule}",
                }
            )
    return record


def automatic_key(version_id: int) -> str:
    """The unique key of a version's one automatic decision."""
    return f"auto:{version_id}"


def decide_version(
    *,
    session: Session,
    settings: Settings,
    keyring: Keyring,
    scanner: Scanner,
    version: CommentVersion,
    comment: Comment,
    now: datetime,
    existing: ModerationDecision | bool | None = True,
) -> ModerationDecision:
    """The automatic decision for ``version``, made once: a retry finds the first one.

    ``existing`` is the decision already looked up in bulk (or None when there is none);
    left at True it is looked up here. Nothing is flushed: a batch flushes once.
    """
    key = automatic_key(version.id)
    if existing is True:
        existing = session.scalar(
            select(ModerationDecision).where(ModerationDecision.automatic_key == key)
        )
    if isinstance(existing, ModerationDecision):
        return existing
    text = keyring.open_text(version.body_sealed, BODY_PURPOSE) if version.body_sealed else ""
    scan = scanner.scan(text)
    categories = sorted({str(c) for c in scan.categories})
    outcome = ScanAction(str(scan.action))
    decision = ModerationDecision(
        comment_id=comment.id,
        version_id=version.id,
        automatic_key=key,
        decided_at=now,
        actor_type=str(SYSTEM.kind),
        actor_id=None,
        outcome=str(outcome),
        categories=categories,
        rules=sorted({f.recognizer for f in scan.findings}),
        citation=citation_for(categories) if outcome is not ScanAction.ALLOW else None,
        findings=findings_record(scan),
        language=str(scan.language)[:5],
        case_specific=bool(scan.case_specific),
    )
    session.add(decision)
    comment.categories = categories
    comment.case_specific = bool(scan.case_specific)
    hidden = outcome is ScanAction.HIDE or comment.status is CommentStatus.HIDDEN
    comment.retain_until = now + timedelta(
        days=retention_days(settings, retention_class(categories, hidden=hidden))
    )
    if outcome is ScanAction.HIDE:
        _plan_hide(session, comment, decision, now)
        if threats.THREAT in categories:
            threats.escalate(session, comment=comment, actor=SYSTEM, now=now)
    elif outcome is ScanAction.REVIEW:
        comment.review_state = ReviewState.QUEUED
    elif comment.status is CommentStatus.HIDDEN and version.version > 1:
        # An edit cleaned a hidden comment: casewarden never un-hides on its own, but a
        # moderator should look at it again.
        comment.review_state = ReviewState.QUEUED
    return decision


def _plan_hide(
    session: Session, comment: Comment, decision: ModerationDecision, now: datetime
) -> None:
    verdict = decide(
        SYSTEM,
        Action.COMMENT_HIDE,
        Resource(
            kind=ResourceKind.COMMENT, id=comment.external_id, registered_page=comment.page.active
        ),
        Purpose.PAGE_MODERATION,
    )
    comment.review_state = ReviewState.QUEUED
    if not verdict.allowed:
        # The page was disconnected: nothing may be done through it; people must look.
        decision.note = "page_disconnected"
        return
    if comment.status is CommentStatus.HIDDEN:
        decision.note = "already_hidden"
        return
    session.add(
        PlatformAction(
            comment_id=comment.id,
            decision=decision,
            operation=PlatformOperation.HIDE,
            # One automatic hide per version (the decision's id is not known before the flush).
            idempotency_key=f"{decision.automatic_key}:{PlatformOperation.HIDE}",
            state=ActionState.PLANNED,
            planned_at=now,
        )
    )


def hidden_event(comment: Comment, decision: ModerationDecision, actor: Actor) -> AuditEvent:
    """The audit event saying a comment is now hidden on the platform, with rule and citation."""
    return (
        MODERATED_COMMENT.citing(decision.citation)
        .of(comment)
        .event(
            actor=actor,
            tag=AuditTag.MODERATION_COMMENT_HIDE,
            details={
                "decision": decision.id,
                "categories": "+".join(decision.categories)[:128] or None,
                "automatic": decision.automatic_key is not None,
            },
        )
    )
