"""Factories for the privacy portal's records; each makes what a test names and nothing more."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from casewarden.agencies.models import Agency
from casewarden.clock import utcnow
from casewarden.privacy.models import (
    ContactMessage,
    MessageTopic,
    ReviewRequest,
    ReviewStatus,
    VisitKind,
    VisitRecord,
)

_sequence = itertools.count(1)


def make_visit(
    session: Session,
    agency: Agency,
    *,
    when: datetime | None = None,
    kind: VisitKind = VisitKind.PAGE,
    page: str = "/",
    session_ref: str | None = None,
    client_ip: str | None = "203.0.113.9",
    client_network: str = "203.0.113.0/24",
    browser: str = "Firefox",
    os: str = "Linux",
    referrer_site: str | None = None,
    next_site: str | None = None,
    form_downloaded: str | None = None,
) -> VisitRecord:
    """One visit record of ``agency``."""
    visit = VisitRecord(
        agency_id=agency.id,
        occurred_at=when or utcnow(),
        kind=kind,
        page=page,
        session_ref=session_ref,
        client_ip=client_ip,
        client_network=client_network,
        browser=browser,
        os=os,
        referrer_site=referrer_site,
        next_site=next_site,
        form_downloaded=form_downloaded,
    )
    session.add(visit)
    session.flush()
    return visit


def make_message(
    session: Session,
    agency: Agency,
    *,
    name: str | None = "Rosa Díaz",
    email: str | None = "rosa@example.org",
    phone: str | None = None,
    body: str = "When is the office open?",
) -> ContactMessage:
    """A contact-form message."""
    n = next(_sequence)
    message = ContactMessage(
        agency_id=agency.id,
        reference=f"C-TEST-{n:04d}",
        received_at=utcnow(),
        topic=MessageTopic.GENERAL,
        name=name,
        email=email,
        phone=phone,
        body=body,
        language="en",
    )
    session.add(message)
    session.flush()
    return message


def make_review_request(
    session: Session,
    agency: Agency,
    *,
    name: str = "Rosa Díaz",
    email: str | None = "rosa@example.org",
    phone: str | None = None,
    visit_reference: str | None = None,
    status: ReviewStatus = ReviewStatus.RECEIVED,
    due_on: date | None = None,
) -> ReviewRequest:
    """A review request as the public form would store it."""
    n = next(_sequence)
    request = ReviewRequest(
        agency_id=agency.id,
        reference=f"R-TEST-{n:04d}",
        received_at=utcnow(),
        due_on=due_on or (utcnow().date() + timedelta(days=30)),
        status=status,
        requester_name=name,
        email=email,
        phone=phone,
        visit_reference=visit_reference,
        language="en",
    )
    session.add(request)
    session.flush()
    return request
