"""The public-records archive: legal holds, retention, and redacted exports.

Posts on a government page are public records. casewarden keeps every comment, version,
decision and action until its retention period ends (set per category in settings),
unless a legal hold stops the clock. An export for a public-records request releases
the text with protected information redacted by the detection engine, and lists each
redaction (type and offsets) so the release can be reviewed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.chain import format_time
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.db import erasure_ledger
from casewarden.errors import Conflict, InvalidInput, NotFound
from casewarden.i18n import N_
from casewarden.moderation.models import (
    BODY_PURPOSE,
    Comment,
    CommentVersion,
    ModerationDecision,
    PlatformAction,
    ThreadHold,
    ThreatAlert,
)
from casewarden.pages.models import HOLD_REASON_PURPOSE, AgencyPage
from casewarden.policy import Action, Purpose, Resource, ResourceKind, enforce

#: ``redact(text) -> (redacted_text, [(type, start, end), ...])``
Redactor = Callable[[str], tuple[str, list[tuple[str, int, int]]]]


#: The longest reason a page-wide hold keeps (a sentence or two: a case or request number).
HOLD_REASON_MAX = 500  # the refusal below names it: change both


def set_hold(
    *,
    session: Session,
    actor: Actor,
    hold: bool,
    comment_id: int | None = None,
    page_pk: int | None = None,
    post_external_id: str | None = None,
    keyring: Keyring | None = None,
    reason: str | None = None,
) -> int:
    """Place or release a legal hold on a comment, a thread, or a whole page; returns count.

    A comment's hold flags it. A thread's hold is a record (``ThreadHold``) and flags the
    thread's comments; intake flags those that arrive later, and retention spares them all
    while the record stands. A page-wide hold is a record on the page (when, by whom, the
    optional ``reason`` sealed with ``keyring``) that covers every comment of the page,
    later ones included, until it is released; releasing it clears the flags of the page's
    comments, except those of a held thread: only the thread's own release ends that.
    """
    authorize(actor, Permission.ARCHIVE_HOLD)
    reason = (reason or "").strip() or None
    page_wide = comment_id is None and page_pk is not None and not post_external_id
    if reason is not None and not (page_wide and hold):
        raise InvalidInput(N_("A reason is recorded only when a hold is placed on a whole page."))
    if reason is not None and len(reason) > HOLD_REASON_MAX:
        raise InvalidInput(N_("The reason for a hold is longer than 500 characters."))
    query = update(Comment)
    if comment_id is not None:
        query = query.where(Comment.id == comment_id)
    elif page_pk is not None:
        query = query.where(Comment.page_pk == page_pk)
        if post_external_id:
            query = query.where(
                (Comment.post_external_id == post_external_id)
                | (Comment.external_id == post_external_id)
            )
    else:
        raise InvalidInput(N_("Name a comment, or a page (and optionally a thread)."))
    if comment_id is None and page_pk is not None and post_external_id:
        _thread_hold(
            session=session, actor=actor, hold=hold, page_pk=page_pk, thread=post_external_id
        )
    if page_wide and page_pk is not None:
        covered = _page_hold(
            session=session, actor=actor, hold=hold, page_pk=page_pk, keyring=keyring, reason=reason
        )
    if comment_id is None and not hold:
        # A threat escalated to the supervisors was held as evidence on its own: releasing
        # the page or thread around it does not end that; only its own release does.
        query = query.where(Comment.id.not_in(select(ThreatAlert.comment_id)))
    if not hold:
        # A held thread's comments stay held until the thread itself is released (its
        # record is gone by now when it is the thread being released).
        query = query.where(~in_held_thread())
    if page_wide and hold:
        count = covered  # the page's record covers its comments, later ones too: no flags
    else:
        result = session.execute(query.values(legal_hold=hold))
        count = int(getattr(result, "rowcount", 0) or 0)
    chain.record(
        session,
        subject=Subject(
            type="comment" if comment_id is not None else "agency_page",
            id=str(comment_id if comment_id is not None else page_pk),
            agency_id=actor.agency_id,
            purpose=str(Purpose.PAGE_MODERATION),
        ),
        actor=actor,
        tag=AuditTag.ARCHIVE_HOLD_SET if hold else AuditTag.ARCHIVE_HOLD_RELEASE,
        details={"comments": count, "thread": post_external_id}
        if comment_id is None and post_external_id
        else {"comments": count},
    )
    return count


def in_held_thread() -> ColumnElement[bool]:
    """Whether a comment belongs to a thread on legal hold (its post or one of its comments)."""
    return exists().where(
        ThreadHold.page_pk == Comment.page_pk,
        or_(
            ThreadHold.post_external_id == Comment.post_external_id,
            ThreadHold.post_external_id == Comment.external_id,
        ),
    )


def _thread_hold(*, session: Session, actor: Actor, hold: bool, page_pk: int, thread: str) -> None:
    """Place or end a thread's hold record (placing it twice keeps the first)."""
    if len(thread) > 128:
        raise InvalidInput(N_("A thread is named by its post's id, at most 128 characters."))
    page = session.scalar(select(AgencyPage).where(AgencyPage.id == page_pk))
    if page is None:
        raise NotFound(N_("No such agency page."))
    found = session.scalar(
        select(ThreadHold).where(
            ThreadHold.page_pk == page_pk, ThreadHold.post_external_id == thread
        )
    )
    if not hold:
        if found is not None:
            session.delete(found)
            session.flush()
        return
    if found is not None:
        return
    try:
        with session.begin_nested():
            session.add(
                ThreadHold(
                    agency_id=page.agency_id,
                    page_pk=page_pk,
                    post_external_id=thread,
                    placed_at=utcnow(),
                    placed_by_type=str(actor.kind),
                    placed_by_id=actor.id,
                )
            )
    except IntegrityError:
        pass  # placed by someone else a moment ago: the thread is held, as asked


def _page_hold(
    *,
    session: Session,
    actor: Actor,
    hold: bool,
    page_pk: int,
    keyring: Keyring | None,
    reason: str | None,
) -> int:
    """Place or end a page's hold record; returns the comments the page has now."""
    page = session.scalar(select(AgencyPage).where(AgencyPage.id == page_pk))
    if page is None:
        raise NotFound(N_("No such agency page."))
    if hold and page.on_hold:
        raise Conflict(N_("The page is already on legal hold."))
    if hold:
        if reason is not None and keyring is None:
            raise InvalidInput(N_("A hold's reason is sealed: casewarden needs its keys for it."))
        page.hold_placed_at = utcnow()
        page.hold_placed_by_type = str(actor.kind)
        page.hold_placed_by_id = actor.id
        page.hold_reason_sealed = (
            keyring.seal_text(reason, HOLD_REASON_PURPOSE)
            if keyring is not None and reason is not None
            else None
        )
    else:
        page.hold_placed_at = page.hold_placed_by_type = page.hold_placed_by_id = None
        page.hold_reason_sealed = None
    session.flush()
    return int(
        session.scalar(select(func.count()).select_from(Comment).where(Comment.page_pk == page_pk))
        or 0
    )


def purge_expired(*, session: Session, now: datetime | None = None) -> int:
    """Delete comments past retention and not on hold (versions, decisions, actions go too)."""
    moment = now or utcnow()
    ids = list(
        session.scalars(
            select(Comment.id).where(
                Comment.retain_until.is_not(None),
                Comment.retain_until < moment,
                Comment.legal_hold.is_(False),
                # A page-wide hold covers every comment of the page, the newest included.
                Comment.page_pk.not_in(
                    select(AgencyPage.id).where(AgencyPage.hold_placed_at.is_not(None))
                ),
                # A thread's hold covers its comments whether or not their flag was set (one
                # stored while the hold was being placed may have missed it).
                ~in_held_thread(),
            )
        )
    )
    delete_comments(session=session, ids=ids)
    erasure_ledger.record(session, erasure_ledger.ErasureKind.COMMENTS, map(str, ids))
    if ids:
        chain.record(
            session,
            subject=Subject(),
            actor=Actor.system(),
            tag=AuditTag.ARCHIVE_RETENTION_PURGE,
            details={"comments": len(ids)},
        )
    return len(ids)


def delete_comments(*, session: Session, ids: list[int]) -> None:
    """Delete comments with their versions, decisions and platform actions."""
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(delete(PlatformAction).where(PlatformAction.comment_id.in_(chunk)))
        session.execute(delete(ModerationDecision).where(ModerationDecision.comment_id.in_(chunk)))
        session.execute(delete(CommentVersion).where(CommentVersion.comment_id.in_(chunk)))
        session.execute(delete(Comment).where(Comment.id.in_(chunk)))


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What an export contained."""

    comments: int
    versions: int
    redactions: int
    sha256: str


def export_release(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    redactor: Redactor,
    page_pk: int,
    post_external_id: str | None,
    out: io.BufferedIOBase | io.BytesIO,
) -> ExportSummary:
    """Write a public-records ZIP: redacted records, the list of redactions, a manifest."""
    authorize(actor, Permission.ARCHIVE_EXPORT)
    page = session.scalar(select(AgencyPage).where(AgencyPage.id == page_pk))
    if page is None:
        raise NotFound(N_("No such agency page."))
    enforce(
        actor,
        Action.ARCHIVE_EXPORT,
        Resource(kind=ResourceKind.ARCHIVE, id=str(page_pk)),
        Purpose.PAGE_MODERATION,
        agency_id=page.agency_id,
    )
    query = select(Comment).where(Comment.page_pk == page_pk)
    if post_external_id:
        query = query.where(
            (Comment.post_external_id == post_external_id)
            | (Comment.external_id == post_external_id)
        )
    comments = list(session.scalars(query.order_by(Comment.id)))
    records = io.StringIO()
    redactions = io.StringIO()
    writer = csv.writer(redactions)
    writer.writerow(["comment_id", "external_id", "version", "type", "start", "end"])
    version_count = redaction_count = 0
    listed: list[dict[str, object]] = []
    for comment in comments:
        versions = session.scalars(
            select(CommentVersion)
            .where(CommentVersion.comment_id == comment.id)
            .order_by(CommentVersion.version)
        ).all()
        actions = session.scalars(
            select(PlatformAction)
            .where(PlatformAction.comment_id == comment.id)
            .order_by(PlatformAction.id)
        ).all()
        released_versions = []
        for version in versions:
            text = (
                keyring.open_text(version.body_sealed, BODY_PURPOSE)
                if version.body_sealed
                else None
            )
            redacted, spans = redactor(text) if text else (text, [])
            for kind, start, end in spans:
                writer.writerow(
                    [comment.id, comment.external_id, version.version, kind, start, end]
                )
                listed.append(
                    {
                        "comment_id": comment.id,
                        "version": version.version,
                        "kind": kind,
                        "start": start,
                        "end": end,
                    }
                )
            redaction_count += len(spans)
            version_count += 1
            released_versions.append(
                {
                    "version": version.version,
                    "verb": str(version.verb),
                    "received_at": format_time(version.received_at),
                    "text": redacted,
                }
            )
        record = {
            "comment_id": comment.id,
            "platform": str(comment.platform),
            "external_id": comment.external_id,
            "kind": str(comment.kind),
            "post_id": comment.post_external_id,
            "parent_id": comment.parent_external_id,
            "status": str(comment.status),
            "categories": comment.categories,
            "versions": released_versions,
            "actions": [
                {
                    "operation": str(a.operation),
                    "state": str(a.state),
                    "done_at": format_time(a.done_at) if a.done_at else None,
                    "decision": a.decision_id,
                }
                for a in actions
            ],
        }
        records.write(json.dumps(record, ensure_ascii=False) + "\n")
    files = {
        "records.jsonl": records.getvalue().encode(),
        "redactions.csv": redactions.getvalue().encode(),
    }
    manifest = {
        "page": {"platform": str(page.platform), "page_id": page.page_id},
        "thread": post_external_id,
        "generated_at": format_time(utcnow()),
        "comments": len(comments),
        "versions": version_count,
        "redactions": redaction_count,
        "redactions_by_kind": dict(sorted(Counter(str(r["kind"]) for r in listed).items())),
        "redaction_list": listed,
        "files": {name: hashlib.sha256(body).hexdigest() for name, body in files.items()},
        "note": (
            "Everything Family Code § 17212 protects is replaced by its category: identifiers "
            "by their type ([US_SSN]), facts of someone's case by [CASE_DETAILS]. Each "
            "removal is listed here and in redactions.csv (offsets in the original text)."
        ),
    }
    files["manifest.json"] = json.dumps(manifest, indent=2).encode()
    digest = hashlib.sha256(files["manifest.json"]).hexdigest()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    chain.record(
        session,
        subject=Subject(
            type="agency_page",
            id=str(page_pk),
            agency_id=page.agency_id,
            purpose=str(Purpose.PAGE_MODERATION),
        ),
        actor=actor,
        tag=AuditTag.ARCHIVE_EXPORT_CREATE,
        details={
            "comments": len(comments),
            "redactions": redaction_count,
            "manifest": digest[:32],
        },
    )
    return ExportSummary(
        comments=len(comments), versions=version_count, redactions=redaction_count, sha256=digest
    )
