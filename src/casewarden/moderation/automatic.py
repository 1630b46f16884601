"""The automatic decision for one comment version: scan, decide, plan the platform call."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.tags import AuditTag
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.moderation.grounds import citation_for, retention_class
from casewarden.moderation.interfaces import ScanLike, Scanner
from casewarden.moderation.models import (
    BODY_PURPOSE,
    ActionState,
    Comment,
    CommentStatus,
    CommentVersion,
    ModerationDecision,
    PlatformAction,
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
    """Findings as stored: type, offsets, score, recognizer — never the matched text."""
    return [
        {
            "type": f.type,
            "start": f.start,
            "end": f.end,
            "score": round(float(f.score), 3),
            "recognizer": f.recognizer,
        }
        for f in scan.findings
    ]


def decide_version(
    *,
    session: Session,
    settings: Settings,
    keyring: Keyring,
    scanner: Scanner,
    version: CommentVersion,
    comment: Comment,
    now: datetime,
) -> ModerationDecision:
    """The automatic decision for ``version``, made once: a retry finds the first one."""
    key = f"auto:{version.id}"
    existing = session.scalar(
        select(ModerationDecision).where(ModerationDecision.automatic_key == key)
    )
    if existing is not None:
        return existing
    text = keyring.open_text(version.body_sealed, BODY_PURPOSE) if version.body_sealed else ""
    scan = scanner.scan(text)
    categories = sorted(set(scan.categories))
    outcome = str(scan.action)
    decision = ModerationDecision(
        comment_id=comment.id,
        version_id=version.id,
        automatic_key=key,
        decided_at=now,
        actor_type=str(SYSTEM.kind),
        actor_id=None,
        outcome=outcome,
        categories=categories,
        rules=sorted({f.recognizer for f in scan.findings}),
        citation=citation_for(categories) if outcome != "allow" else None,
        findings=findings_record(scan),
        language=str(scan.language)[:5],
        case_specific=bool(scan.case_specific),
    )
    session.add(decision)
    session.flush()
    comment.categories = categories
    comment.case_specific = bool(scan.case_specific)
    hidden = outcome == "hide"
    comment.retain_until = now + timedelta(
        days=retention_days(
            settings, retention_class(categories, hidden or comment.status is CommentStatus.HIDDEN)
        )
    )
    if outcome == "hide":
        _plan_hide(session, comment, decision, now)
    elif outcome == "review":
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
    if not verdict.allowed:
        # The page was disconnected: nothing may be done through it; people must look.
        comment.review_state = ReviewState.QUEUED
        decision.note = "page_disconnected"
        return
    comment.review_state = ReviewState.QUEUED
    if comment.status is CommentStatus.HIDDEN:
        decision.note = "already_hidden"
        return
    session.add(
        PlatformAction(
            comment_id=comment.id,
            decision_id=decision.id,
            operation="hide",
            idempotency_key=f"{decision.id}:hide",
            state=ActionState.PLANNED,
            planned_at=now,
        )
    )


def audit_hidden(
    session: Session, comment: Comment, decision: ModerationDecision, actor: Actor
) -> None:
    """Record that a comment is now hidden on the platform, with rule and citation."""
    chain.append(
        session,
        chain.AuditEvent(
            actor=actor,
            tag=AuditTag.MODERATION_COMMENT_HIDE,
            subject_type="comment",
            subject_id=str(comment.id),
            agency_id=comment.agency_id,
            purpose=str(Purpose.PAGE_MODERATION),
            citation=decision.citation,
            details={
                "decision": decision.id,
                "categories": "+".join(decision.categories)[:128] or None,
                "automatic": decision.automatic_key is not None,
            },
        ),
    )
