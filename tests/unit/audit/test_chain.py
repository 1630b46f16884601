"""The audit chain: links, hashes, tamper detection, append-only storage, export."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from casewarden.actor import Actor, ActorKind
from casewarden.audit import chain
from casewarden.audit.event import AuditEvent
from casewarden.audit.models import AuditEntry
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.audit.verify import export_jsonl, line_matches, verify_chain
from casewarden.clock import utcnow

STAFF = Actor(kind=ActorKind.STAFF, id=7, agency_id=None, role="admin")


def _event(n: int = 0, **overrides: object) -> AuditEvent:
    values: dict[str, object] = {
        "actor": STAFF,
        "tag": AuditTag.ACCOUNTS_USER_CREATE,
        "subject_type": "staff_user",
        "subject_id": str(n),
        "purpose": "administration",
    }
    values.update(overrides)
    return AuditEvent(**values)  # type: ignore[arg-type]


def _entries(session: Session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def _disable_append_only(session: Session) -> None:
    """What an intruder with database access does first."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
    else:
        session.execute(text("DROP TRIGGER audit_entry_no_update"))
        session.execute(text("DROP TRIGGER audit_entry_no_delete"))


def test_entries_link_to_their_predecessor(session: Session) -> None:
    for n in range(3):
        chain.append(session, _event(n))
    first, second, third = _entries(session)
    assert (first.seq, second.seq, third.seq) == (1, 2, 3)
    assert first.prev_hash == chain.GENESIS_HASH
    assert second.prev_hash == first.entry_hash
    assert third.prev_hash == second.entry_hash
    assert len({first.entry_hash, second.entry_hash, third.entry_hash}) == 3


def test_hash_is_sha256_of_canonical_json(session: Session) -> None:
    chain.append(session, _event(1, details={"count": 2, "role": "admin"}))
    (entry,) = _entries(session)
    body = chain.body_of(entry)
    assert entry.entry_hash == chain.entry_hash(body)
    # Canonical: sorted keys, no spaces; a reader in another language can recompute it.
    encoded = chain.canonical_json(body)
    assert b" " not in encoded.replace(b"staff_user", b"")
    assert json.loads(encoded) == body
    assert list(json.loads(encoded)) == sorted(body)


def test_entry_records_who_what_on_what_why_outcome_and_when(session: Session) -> None:
    before = utcnow()
    chain.append(
        session,
        _event(
            42,
            tag=AuditTag.AUTHZ_PERMISSION_DENY,
            citation="Family Code § 17212",
            outcome=Outcome.DENIED,
        ),
    )
    (entry,) = _entries(session)
    assert (entry.actor_type, entry.actor_id) == ("staff", 7)
    assert entry.tag == "authz:permission:deny"
    assert (entry.subject_type, entry.subject_id) == ("staff_user", "42")
    assert (entry.purpose, entry.citation) == ("administration", "Family Code § 17212")
    assert entry.outcome == "denied"
    assert before <= entry.occurred_at <= utcnow()
    assert entry.occurred_at.tzinfo is not None


@pytest.mark.parametrize(
    "details",
    [
        {"comment": "my SSN is 123-45-6789"},  # free text with spaces
        {"name": "María <script>"},
        {"Bad Key": "x"},
        {"nested": {"a": 1}},
        {"too_long": "x" * 129},
    ],
)
def test_details_refuse_free_text(details: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="audit detail"):
        _event(details=details)


def test_verify_accepts_an_untouched_chain(session: Session) -> None:
    for n in range(5):
        chain.append(session, _event(n))
    report = verify_chain(session)
    assert report.ok
    assert report.entries == 5


def test_verify_of_an_empty_chain_is_ok(session: Session) -> None:
    report = verify_chain(session)
    assert report.ok
    assert report.entries == 0


def test_the_database_refuses_update_and_delete(session: Session) -> None:
    chain.append(session, _event(1))
    for statement in (
        "UPDATE audit_entry SET outcome = 'failure'",
        "DELETE FROM audit_entry",
    ):
        with pytest.raises(DatabaseError, match="append-only"), session.begin_nested():
            session.execute(text(statement))
    assert len(_entries(session)) == 1


@pytest.mark.parametrize(
    ("tamper", "broken_seq", "reason"),
    [
        ("UPDATE audit_entry SET outcome = 'failure' WHERE seq = 3", 3, "contents"),
        ("UPDATE audit_entry SET subject_id = '999' WHERE seq = 2", 2, "contents"),
        ("DELETE FROM audit_entry WHERE seq = 3", 4, "missing"),
        ("UPDATE audit_entry SET prev_hash = entry_hash WHERE seq = 4", 4, "link"),
    ],
)
def test_verify_names_the_first_broken_entry(
    session: Session, tamper: str, broken_seq: int, reason: str
) -> None:
    for n in range(5):
        chain.append(session, _event(n))
    _disable_append_only(session)
    session.execute(text(tamper))
    report = verify_chain(session)
    assert not report.ok
    assert report.broken_seq == broken_seq
    assert reason in (report.reason or "")


def test_rehashed_tampering_still_breaks_the_next_link(session: Session) -> None:
    for n in range(3):
        chain.append(session, _event(n))
    _disable_append_only(session)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.seq == 2)).one()
    body = chain.body_of(entry)
    body["outcome"] = "failure"
    session.execute(
        text("UPDATE audit_entry SET outcome = 'failure', entry_hash = :h WHERE seq = 2"),
        {"h": chain.entry_hash(body)},
    )
    report = verify_chain(session)
    assert report.broken_seq == 3
    assert "link" in (report.reason or "")


def test_export_writes_the_date_range_as_verifiable_json_lines(session: Session) -> None:
    start = utcnow()
    with time_machine.travel(start - timedelta(days=2), tick=False):
        chain.append(session, _event(1))
    with time_machine.travel(start, tick=False):
        chain.append(session, _event(2))
    with time_machine.travel(start + timedelta(days=2), tick=False):
        chain.append(session, _event(3))

    out = io.StringIO()
    count = export_jsonl(
        session, out, since=start - timedelta(hours=1), until=start + timedelta(hours=1)
    )
    lines = out.getvalue().splitlines()
    assert count == 1
    assert len(lines) == 1
    assert json.loads(lines[0])["subject"]["id"] == "2"
    assert line_matches(lines[0])
    assert not line_matches(lines[0].replace('"2"', '"3"'))
