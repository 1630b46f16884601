"""Factories for the privacy portal's records; each makes what a test names and nothing more."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from functools import cache

from sqlalchemy.orm import Session

from casewarden.agencies.models import Agency
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring, generate_key
from casewarden.privacy.models import (
    MESSAGE_BODY_PURPOSE,
    REVIEW_DETAILS_PURPOSE,
    ContactMessage,
    MessageTopic,
    ReviewRequest,
    ReviewStatus,
    VisitKind,
    VisitRecord,
)

_sequence = itertools.count(1)


@cache
def keyring() -> Keyring:
    """The keyring privacy records are sealed with in unit tests (the app has its own)."""
    return Keyring.parse(generate_key("privacy1"))


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
    marked: list[dict[str, object]] | None = None,
    sealed_with: Keyring | None = None,
) -> ContactMessage:
    """A contact-form message, sealed with ``sealed_with`` (the test keyring by default)."""
    n = next(_sequence)
    message = ContactMessage(
        agency_id=agency.id,
        reference=f"C-TEST-{n:04d}",
        received_at=utcnow(),
        topic=MessageTopic.GENERAL,
        name=name,
        email=email,
        phone=phone,
        body_sealed=(sealed_with or keyring()).seal_text(body, MESSAGE_BODY_PURPOSE),
        marked=marked,
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
    details: str | None = None,
    sealed_with: Keyring | None = None,
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
        details_sealed=(
            (sealed_with or keyring()).seal_text(details, REVIEW_DETAILS_PURPOSE)
            if details
            else None
        ),
        language="en",
    )
    session.add(request)
    session.flush()
    return request
