"""The archive: redacted public-records releases, legal holds and retention."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit.models import AuditEntry
from casewarden.clock import utcnow
from casewarden.errors import PermissionDenied
from casewarden.moderation import archive
from casewarden.moderation.models import Comment, CommentVersion
from casewarden.moderation.redaction import redactor_for
from casewarden.pages.models import AgencyPage
from casewarden.platforms.fake_graph import FakeGraph
from casewarden.process.runtime import ProcessRuntime
from tests.moderation_payloads import feed_change
from tests.unit.moderation.conftest import deliver

SYSTEM = Actor.system()


@pytest.fixture
def archived(
    session: Session, runtime: ProcessRuntime, page: AgencyPage, fake: FakeGraph
) -> AgencyPage:
    deliver(
        session,
        runtime,
        feed_change("c-1", "my ssn is 536-22-4187, call me", post_id="104723_1"),
        feed_change("c-2", "When are you open?", post_id="104723_1"),
        feed_change("c-3", "Different thread here", post_id="104723_2"),
    )
    runtime.worker().drain()
    return page


def _release(
    session: Session, runtime: ProcessRuntime, page: AgencyPage, thread: str | None = None
) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    archive.export_release(
        session=session,
        actor=SYSTEM,
        keyring=runtime.keyring,
        redactor=redactor_for(runtime.settings),
        page_pk=page.id,
        post_external_id=thread,
        out=buffer,
    )
    buffer.seek(0)
    return zipfile.ZipFile(buffer)


def test_a_release_redacts_and_lists_every_redaction(
    session: Session, runtime: ProcessRuntime, archived: AgencyPage
) -> None:
    bundle = _release(session, runtime, archived)
    records = [json.loads(line) for line in bundle.read("records.jsonl").decode().splitlines()]
    texts = [v["text"] for r in records for v in r["versions"]]
    assert "my ssn is [US_SSN], call me" in texts
    assert not any("4187" in (t or "") for t in texts)
    rows = list(csv.DictReader(io.StringIO(bundle.read("redactions.csv").decode())))
    assert [(r["external_id"], r["type"], r["start"], r["end"]) for r in rows] == [
        ("c-1", "US_SSN", "10", "21")
    ]
    manifest = json.loads(bundle.read("manifest.json"))
    for name, digest in manifest["files"].items():
        assert hashlib.sha256(bundle.read(name)).hexdigest() == digest
    assert manifest["comments"] == 3
    assert (
        session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.tag == "archive:export:create")
        )
        == 1
    )


def test_a_thread_release_holds_only_that_thread(
    session: Session, runtime: ProcessRuntime, archived: AgencyPage
) -> None:
    records = (
        _release(session, runtime, archived, thread="104723_2")
        .read("records.jsonl")
        .decode()
        .splitlines()
    )
    assert [json.loads(r)["external_id"] for r in records] == ["c-3"]


def test_only_permitted_roles_export(
    session: Session, runtime: ProcessRuntime, archived: AgencyPage
) -> None:
    from casewarden.actor import ActorKind

    moderator = Actor(
        kind=ActorKind.STAFF, id=1, agency_id=archived.agency_id, role="page_moderator"
    )
    with pytest.raises(PermissionDenied):
        archive.export_release(
            session=session,
            actor=moderator,
            keyring=runtime.keyring,
            redactor=redactor_for(runtime.settings),
            page_pk=archived.id,
            post_external_id=None,
            out=io.BytesIO(),
        )


def test_retention_purges_expired_comments_but_not_held_ones(
    session: Session, runtime: ProcessRuntime, archived: AgencyPage
) -> None:
    held = session.scalars(select(Comment).where(Comment.external_id == "c-1")).one()
    archive.set_hold(session=session, actor=SYSTEM, hold=True, comment_id=held.id)
    later = utcnow() + timedelta(days=runtime.settings.retention_days_disclosure + 1)
    purged = archive.purge_expired(session=session, now=later)
    assert purged == 2
    remaining = list(session.scalars(select(Comment.external_id)))
    assert remaining == ["c-1"]
    assert session.scalar(select(func.count()).select_from(CommentVersion)) == 1
    tags = set(session.scalars(select(AuditEntry.tag)))
    assert {"archive:hold:set", "archive:retention:purge"} <= tags


def test_nothing_is_purged_before_its_time(
    session: Session, runtime: ProcessRuntime, archived: AgencyPage
) -> None:
    assert archive.purge_expired(session=session, now=utcnow()) == 0


def test_a_hold_needs_a_target(session: Session) -> None:
    from casewarden.errors import InvalidInput

    with pytest.raises(InvalidInput):
        archive.set_hold(session=session, actor=SYSTEM, hold=True)


# A page-wide hold is a record on the page: it covers what arrives after it ---------------


def _after_retention(runtime: ProcessRuntime) -> datetime:
    return utcnow() + timedelta(days=runtime.settings.retention_days_disclosure + 1)


def test_a_page_hold_covers_comments_received_after_it(
    session: Session, runtime: ProcessRuntime, archived: AgencyPage
) -> None:
    archive.set_hold(session=session, actor=SYSTEM, hold=True, page_pk=archived.id)
    session.commit()
    deliver(session, runtime, feed_change("c-4", "Arrived after the hold", post_id="104723_3"))
    runtime.worker().drain()
    later = _after_retention(runtime)

    assert archive.purge_expired(session=session, now=later) == 0
    session.expire_all()
    comments = session.scalars(select(Comment).order_by(Comment.external_id)).all()
    assert [(c.external_id, c.held) for c in comments] == [
        ("c-1", True),
        ("c-2", True),
        ("c-3", True),
        ("c-4", True),
    ]

    archive.set_hold(session=session, actor=SYSTEM, hold=False, page_pk=archived.id)
    assert archive.purge_expired(session=session, now=later) == 4


def test_a_page_hold_keeps_when_who_and_a_sealed_reason(
    session: Session, runtime: ProcessRuntime, archived: AgencyPage
) -> None:
    reason = "Public-records request PRR-2026-0142 (Rosa Díaz)"
    archive.set_hold(
        session=session,
        actor=SYSTEM,
        hold=True,
        page_pk=archived.id,
        keyring=runtime.keyring,
        reason=f"  {reason} ",
    )
    session.refresh(archived)
    assert archived.hold_placed_at is not None
    assert (archived.hold_placed_by_type, archived.hold_placed_by_id) == ("system", None)
    sealed = archived.hold_reason_sealed
    assert sealed is not None
    assert b"PRR-2026" not in sealed
    assert runtime.keyring.open_text(sealed, "agency_page.hold_reason") == reason
    entry = session.scalars(select(AuditEntry).where(AuditEntry.tag == "archive:hold:set")).one()
    assert entry.details == {"comments": 3}  # the audit chain never holds the reason

    archive.set_hold(session=session, actor=SYSTEM, hold=False, page_pk=archived.id)
    session.refresh(archived)
    assert (archived.hold_placed_at, archived.hold_reason_sealed) == (None, None)
    assert session.scalar(select(func.count()).select_from(Comment).where(Comment.legal_hold)) == 0


@pytest.mark.parametrize(
    ("first", "second", "error", "message"),
    [
        ({}, {}, "Conflict", "already on legal hold"),
        (None, {"post_external_id": "104723_1", "reason": "why"}, "InvalidInput", "whole page"),
        (None, {"reason": "x" * 501}, "InvalidInput", "longer than 500 characters"),
    ],
    ids=["twice", "reason-on-a-thread", "reason-too-long"],
)
def test_page_holds_refuse_what_they_cannot_record(
    session: Session,
    runtime: ProcessRuntime,
    archived: AgencyPage,
    first: dict[str, str] | None,
    second: dict[str, str],
    error: str,
    message: str,
) -> None:
    from casewarden import errors

    if first is not None:
        archive.set_hold(session=session, actor=SYSTEM, hold=True, page_pk=archived.id, **first)
    with pytest.raises(getattr(errors, error), match=message):
        archive.set_hold(
            session=session,
            actor=SYSTEM,
            hold=True,
            page_pk=archived.id,
            keyring=runtime.keyring,
            **second,
        )


def test_releasing_a_thread_leaves_the_page_hold(
    session: Session, runtime: ProcessRuntime, archived: AgencyPage
) -> None:
    archive.set_hold(session=session, actor=SYSTEM, hold=True, page_pk=archived.id)
    archive.set_hold(
        session=session, actor=SYSTEM, hold=False, page_pk=archived.id, post_external_id="104723_2"
    )
    assert archive.purge_expired(session=session, now=_after_retention(runtime)) == 0


# A thread's hold is a record too: it covers the thread's comments received after it ----------


def _held_after(session: Session, runtime: ProcessRuntime) -> dict[str, bool]:
    session.expire_all()
    return {c.external_id: c.held for c in session.scalars(select(Comment))}


@pytest.mark.parametrize(
    ("target", "held"),
    [
        ("thread", {"c-1": True, "c-2": True, "c-3": False, "c-4": True, "c-5": False}),
        ("comment", {"c-1": True, "c-2": False, "c-3": False, "c-4": False, "c-5": False}),
    ],
)
def test_a_thread_hold_covers_comments_received_after_it_a_comments_hold_does_not(
    session: Session,
    runtime: ProcessRuntime,
    archived: AgencyPage,
    target: str,
    held: dict[str, bool],
) -> None:
    first = session.scalars(select(Comment).where(Comment.external_id == "c-1")).one()
    where = (
        {"page_pk": archived.id, "post_external_id": "104723_1"}
        if target == "thread"
        else {"comment_id": first.id}
    )
    archive.set_hold(session=session, actor=SYSTEM, hold=True, **where)  # type: ignore[arg-type]
    session.commit()
    deliver(
        session,
        runtime,
        feed_change("c-4", "Arrived after the hold", post_id="104723_1"),
        feed_change("c-5", "Arrived in another thread", post_id="104723_2"),
    )
    runtime.worker().drain()
    assert _held_after(session, runtime) == held
    later = _after_retention(runtime)
    assert archive.purge_expired(session=session, now=later) == list(held.values()).count(False)
    assert sorted(session.scalars(select(Comment.external_id))) == sorted(
        name for name, kept in held.items() if kept
    )


def test_a_thread_hold_outlasts_a_lost_flag_and_ends_with_its_release(
    session: Session, runtime: ProcessRuntime, archived: AgencyPage
) -> None:
    thread = {"page_pk": archived.id, "post_external_id": "104723_1"}
    archive.set_hold(session=session, actor=SYSTEM, hold=True, **thread)  # type: ignore[arg-type]
    # A comment stored while the hold was being placed may miss its flag: the record holds it.
    session.execute(update(Comment).values(legal_hold=False))
    later = _after_retention(runtime)
    assert archive.purge_expired(session=session, now=later) == 1  # c-3, another thread
    archive.set_hold(session=session, actor=SYSTEM, hold=False, **thread)  # type: ignore[arg-type]
    assert archive.purge_expired(session=session, now=later) == 2


def test_releasing_the_page_or_a_comment_leaves_a_held_thread_held(
    session: Session, runtime: ProcessRuntime, archived: AgencyPage
) -> None:
    first = session.scalars(select(Comment).where(Comment.external_id == "c-1")).one()
    thread = {"page_pk": archived.id, "post_external_id": "104723_1"}
    archive.set_hold(session=session, actor=SYSTEM, hold=True, **thread)  # type: ignore[arg-type]
    archive.set_hold(session=session, actor=SYSTEM, hold=True, page_pk=archived.id)
    archive.set_hold(session=session, actor=SYSTEM, hold=False, page_pk=archived.id)
    archive.set_hold(session=session, actor=SYSTEM, hold=False, comment_id=first.id)
    assert _held_after(session, runtime) == {"c-1": True, "c-2": True, "c-3": False}
    assert archive.purge_expired(session=session, now=_after_retention(runtime)) == 1
