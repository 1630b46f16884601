"""Visit information reaches a third party only with the person's recorded permission."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import casewarden
from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Role
from casewarden.accounts.service import actor_for
from casewarden.agencies.models import Agency
from casewarden.audit.models import AuditEntry
from casewarden.clock import utcnow
from casewarden.db.scope import Scope
from casewarden.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from casewarden.privacy import disclosures, requests
from casewarden.privacy.disclosures import DisclosureRefused
from casewarden.privacy.models import (
    DisclosurePermission,
    PermissionState,
    ReviewRequest,
    ReviewStatus,
)
from tests.conftest import scoped
from tests.factories import make_agency, make_user
from tests.privacy_factories import make_review_request, make_visit

REF = "9" * 32
TODAY = date(2026, 11, 21)


def _permitted(session: Session, agency: Agency) -> tuple[ReviewRequest, int]:
    """A permission recorded by a privacy officer and confirmed by a supervisor."""
    review, permission_id, _ = _recorded(session, agency)
    supervisor = actor_for(make_user(session, agency, role=Role.SUPERVISOR))
    disclosures.confirm_permission(session=session, actor=supervisor, permission_id=permission_id)
    return review, permission_id


def _recorded(session: Session, agency: Agency) -> tuple[ReviewRequest, int, StaffUser]:
    """A permission recorded by a privacy officer, waiting for the second person."""
    recorder = make_user(session, agency, role=Role.PRIVACY_OFFICER)
    officer = actor_for(recorder)
    review = make_review_request(session, agency, visit_reference=REF)
    requests.verify_identity(
        session=session, actor=officer, request_id=review.id, method="notarized_request"
    )
    permission = requests.record_permission(
        session=session,
        actor=officer,
        request_id=review.id,
        recipient="Legal Aid of Sacramento",
        purpose="Evidence for a hearing the person is a party to",
        evidence="signed_written",
        granted_on=TODAY,
        today=TODAY,
    )
    return review, permission.id, recorder


def test_a_permitted_disclosure_carries_truncated_visits_and_is_audited(
    session: Session,
) -> None:
    agency = make_agency(session)
    make_visit(session, agency, session_ref=REF, page="/forms")
    make_visit(session, agency, session_ref="0" * 32, page="/other-person")
    review, permission_id = _permitted(session, agency)
    officer = actor_for(make_user(session, agency, role=Role.PRIVACY_OFFICER))
    rows = disclosures.disclose_visits(
        session=session,
        actor=officer,
        request_id=review.id,
        permission_id=permission_id,
        recipient=" legal aid of  sacramento ",
    )
    assert [row.page for row in rows] == ["/forms"]
    assert rows[0].client_network == "203.0.113.0/24"
    assert not hasattr(rows[0], "client_ip")
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "privacy:disclosure:export")
    ).one()
    assert entry.details == {"records": 1, "request_id": review.id}


def _revoke(session: Session, agency: Agency, review: ReviewRequest, permission_id: int) -> None:
    officer = actor_for(make_user(session, agency, role=Role.PRIVACY_OFFICER))
    requests.revoke_permission(
        session=session, actor=officer, request_id=review.id, permission_id=permission_id
    )


@pytest.mark.parametrize(
    ("tamper", "recipient", "reason"),
    [
        (None, "Someone Else Inc.", "other_recipient"),
        ("revoke", "Legal Aid of Sacramento", "revoked"),
        ("unverify", "Legal Aid of Sacramento", "identity_not_verified"),
        ("no_reference", "Legal Aid of Sacramento", "no_visit_reference"),
        ("wrong_request", "Legal Aid of Sacramento", "no_permission"),
        ("no_such_permission", "Legal Aid of Sacramento", "no_permission"),
    ],
)
def test_every_other_disclosure_is_refused_and_audited(
    session: Session, tamper: str | None, recipient: str, reason: str
) -> None:
    agency = make_agency(session)
    make_visit(session, agency, session_ref=REF)
    review, permission_id = _permitted(session, agency)
    request_id = review.id
    if tamper == "revoke":
        _revoke(session, agency, review, permission_id)
    elif tamper == "unverify":
        review.status, review.verified_at = ReviewStatus.RECEIVED, None
    elif tamper == "no_reference":
        review.visit_reference = None
    elif tamper == "wrong_request":
        request_id = make_review_request(session, agency).id
    elif tamper == "no_such_permission":
        permission_id += 1000
    session.flush()
    officer = actor_for(make_user(session, agency, role=Role.PRIVACY_OFFICER))
    with pytest.raises(DisclosureRefused) as caught:
        disclosures.disclose_visits(
            session=session,
            actor=officer,
            request_id=request_id,
            permission_id=permission_id,
            recipient=recipient,
        )
    event = caught.value.audit_event
    assert event is not None
    assert event.details == {"reason": reason}


@pytest.mark.parametrize(
    "role", [Role.ADMIN, Role.SUPERVISOR, Role.PAGE_MODERATOR, Role.CASEWORKER]
)
def test_only_privacy_officers_disclose(session: Session, role: Role) -> None:
    agency = make_agency(session)
    review, permission_id = _permitted(session, agency)
    with pytest.raises(PermissionDenied):
        disclosures.disclose_visits(
            session=session,
            actor=actor_for(make_user(session, agency, role=role)),
            request_id=review.id,
            permission_id=permission_id,
            recipient="Legal Aid of Sacramento",
        )


#: Modules that may read visit records, and why. Any other reader is a new way for
#: electronically collected personal information to travel, and must be a decision.
VISIT_READERS = {
    "privacy/models.py": "defines the table",
    "privacy/visits.py": "records visits; the browser's own review and discard",
    "privacy/statistics.py": "aggregates permitted fields, suppressed",
    "privacy/records.py": "counts a person's records for a verified review",
    "privacy/disclosures.py": "the permission-checked third-party gate",
    "privacy/maintenance.py": "truncates, looks up domains, purges",
    "privacy/log_import.py": "writes imported visits (never reads them out)",
    "backup/replay.py": "deletes discarded visits again after a restore (erasure ledger)",
}


def test_visit_records_are_read_only_where_allowed() -> None:
    root = Path(casewarden.__file__).parent
    readers = set()
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        if "VisitRecord" in names | attributes or "visit_record" in path.read_text():
            readers.add(path.relative_to(root).as_posix())
    unexpected = readers - set(VISIT_READERS) - {"db/migrations/versions/0005_privacy_portal.py"}
    assert unexpected == set(), f"new readers of visit records: {sorted(unexpected)}"
    assert readers >= {"privacy/disclosures.py", "privacy/statistics.py"}, "the scan must see them"


def test_permissions_cannot_be_dated_in_the_future(session: Session) -> None:
    agency = make_agency(session)
    officer = actor_for(make_user(session, agency, role=Role.PRIVACY_OFFICER))
    review = make_review_request(session, agency, status=ReviewStatus.VERIFIED)
    review.verified_at = utcnow()
    with pytest.raises(Exception, match="future"):
        requests.record_permission(
            session=session,
            actor=officer,
            request_id=review.id,
            recipient="X Agency",
            purpose="Some purpose",
            evidence="signed_written",
            granted_on=date(2099, 1, 1),
            today=TODAY,
        )


def _disclose(session: Session, agency: Agency, review: ReviewRequest, permission_id: int) -> None:
    disclosures.disclose_visits(
        session=session,
        actor=actor_for(make_user(session, agency, role=Role.PRIVACY_OFFICER)),
        request_id=review.id,
        permission_id=permission_id,
        recipient="Legal Aid of Sacramento",
    )


def _tags(session: Session) -> list[tuple[str, str, dict[str, object]]]:
    return [
        (entry.tag, entry.outcome, entry.details)
        for entry in session.scalars(
            select(AuditEntry)
            .where(AuditEntry.tag.like("privacy:%"))
            .where(AuditEntry.subject_type == "disclosure_permission")
            .order_by(AuditEntry.seq)
        )
    ]


def test_a_recorded_permission_is_pending_and_discloses_nothing(session: Session) -> None:
    agency = make_agency(session)
    make_visit(session, agency, session_ref=REF)
    review, permission_id, recorder = _recorded(session, agency)
    supervisor = actor_for(make_user(session, agency, role=Role.SUPERVISOR))
    [pending] = disclosures.pending_permissions(session=session, actor=supervisor)
    assert (pending.permission.id, pending.permission.state) == (
        permission_id,
        PermissionState.PENDING,
    )
    assert pending.recorded_by == recorder.display_name
    with pytest.raises(DisclosureRefused) as caught:
        _disclose(session, agency, review, permission_id)
    assert caught.value.audit_event is not None
    assert caught.value.audit_event.details == {"reason": "pending"}
    assert _tags(session) == []


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ADMIN])
def test_a_supervisor_or_an_administrator_confirms_and_it_is_audited(
    session: Session, role: Role
) -> None:
    agency = make_agency(session)
    make_visit(session, agency, session_ref=REF)
    review, permission_id, _ = _recorded(session, agency)
    second = make_user(session, agency, role=role)
    confirmed = disclosures.confirm_permission(
        session=session, actor=actor_for(second), permission_id=permission_id
    )
    assert confirmed.state is PermissionState.CONFIRMED
    assert confirmed.confirmed_by_id == second.id
    _disclose(session, agency, review, permission_id)
    assert _tags(session) == [
        ("privacy:permission:confirm", "success", {"request_id": review.id}),
        ("privacy:disclosure:export", "success", {"records": 1, "request_id": review.id}),
    ]
    assert disclosures.pending_permissions(session=session, actor=actor_for(second)) == []


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.PAGE_MODERATOR, Role.CASEWORKER])
def test_no_other_role_confirms(session: Session, role: Role) -> None:
    agency = make_agency(session)
    _, permission_id, _ = _recorded(session, agency)
    actor = actor_for(make_user(session, agency, role=role))
    with pytest.raises(PermissionDenied):
        disclosures.confirm_permission(session=session, actor=actor, permission_id=permission_id)
    with pytest.raises(PermissionDenied):
        disclosures.pending_permissions(session=session, actor=actor)


@pytest.mark.parametrize("decide", ["confirm", "refuse"])
def test_whoever_recorded_it_never_decides_on_it(session: Session, decide: str) -> None:
    """Even after becoming a supervisor, the recorder is not the second person."""
    agency = make_agency(session)
    _, permission_id, recorder = _recorded(session, agency)
    recorder.role = Role.SUPERVISOR
    session.flush()
    decision = {
        "confirm": lambda: disclosures.confirm_permission(
            session=session, actor=actor_for(recorder), permission_id=permission_id
        ),
        "refuse": lambda: disclosures.refuse_permission(
            session=session,
            actor=actor_for(recorder),
            permission_id=permission_id,
            reason="I changed my mind",
        ),
    }[decide]
    with pytest.raises(disclosures.SecondPersonRequired) as caught:
        decision()
    event = caught.value.audit_event
    assert event is not None
    assert (event.tag, event.outcome) == (f"privacy:permission:{decide}", "denied")
    assert event.details == {"reason": "recorded_by_same_person"}
    assert session.get(DisclosurePermission, permission_id).state is PermissionState.PENDING  # type: ignore[union-attr]


def test_a_refused_permission_discloses_nothing_and_keeps_its_reason(session: Session) -> None:
    agency = make_agency(session)
    make_visit(session, agency, session_ref=REF)
    review, permission_id, _ = _recorded(session, agency)
    supervisor = actor_for(make_user(session, agency, role=Role.SUPERVISOR))
    with pytest.raises(InvalidInput):
        disclosures.refuse_permission(
            session=session, actor=supervisor, permission_id=permission_id, reason=" no "
        )
    refused = disclosures.refuse_permission(
        session=session,
        actor=supervisor,
        permission_id=permission_id,
        reason="The signature does not match the one on file",
    )
    assert refused.state is PermissionState.REFUSED
    assert refused.refusal_reason == "The signature does not match the one on file"
    with pytest.raises(DisclosureRefused) as caught:
        _disclose(session, agency, review, permission_id)
    assert caught.value.audit_event is not None
    assert caught.value.audit_event.details == {"reason": "refused"}
    assert _tags(session) == [("privacy:permission:refuse", "success", {"request_id": review.id})]
    with pytest.raises(Conflict, match="already refused"):
        disclosures.confirm_permission(
            session=session, actor=supervisor, permission_id=permission_id
        )


def test_another_agencys_supervisor_cannot_confirm(session: Session) -> None:
    agency, other = make_agency(session), make_agency(session)
    _, permission_id, _ = _recorded(session, agency)
    outsider = actor_for(make_user(session, other, role=Role.SUPERVISOR))
    scoped(session, Scope.for_agency(other.id))
    assert disclosures.pending_permissions(session=session, actor=outsider) == []
    with pytest.raises(NotFound):
        disclosures.confirm_permission(session=session, actor=outsider, permission_id=permission_id)
