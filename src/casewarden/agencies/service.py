"""Creating and listing agencies."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.agencies.models import Agency, AgencyKind
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.errors import Conflict, InvalidInput, NotFound
from casewarden.i18n import N_

_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")


def create_agency(
    *, session: Session, actor: Actor, code: str, name: str, kind: AgencyKind = AgencyKind.LOCAL
) -> Agency:
    """Register an agency; its code is the short, permanent handle used in configuration."""
    if not _CODE.match(code):
        raise InvalidInput(
            N_(
                "Agency code must be 2-40 lowercase letters, digits or hyphens, starting with "
                "a letter or digit."
            )
        )
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidInput(N_("Agency name must be 1-200 characters."))
    if session.scalar(select(Agency.id).where(Agency.code == code)) is not None:
        raise Conflict(N_("An agency with code %(code)r exists already."), values={"code": code})
    agency = Agency(code=code, name=name, kind=kind)
    session.add(agency)
    session.flush()
    chain.record(
        session,
        subject=Subject(
            type="agency", id=str(agency.id), agency_id=agency.id, purpose="administration"
        ),
        actor=actor,
        tag=AuditTag.AGENCY_CREATE,
    )
    return agency


def get_agency_by_code(*, session: Session, code: str) -> Agency:
    """The agency with this code."""
    agency = session.scalar(select(Agency).where(Agency.code == code))
    if agency is None:
        raise NotFound(N_("No agency with code %(code)r."), values={"code": code})
    return agency


def list_agencies(*, session: Session) -> list[Agency]:
    """Every agency, by code."""
    return list(session.scalars(select(Agency).order_by(Agency.code)))


def ensure_default_agency(*, session: Session, code: str, name: str) -> Agency:
    """The agency named in settings, created on first start."""
    existing = session.scalar(select(Agency).where(Agency.code == code))
    if existing is not None:
        return existing
    return create_agency(session=session, actor=Actor.system(), code=code, name=name)


_ADDRESS = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[a-z]{2,24}$", re.IGNORECASE)


def set_alert_email(*, session: Session, actor: Actor, code: str, address: str) -> Agency:
    """Set (or clear, with '') the address the agency's threat alerts are emailed to."""
    agency = session.scalar(select(Agency).where(Agency.code == code))
    if agency is None:
        raise NotFound(N_("No agency with code %(code)r."), values={"code": code[:40]})
    address = address.strip()
    if address and not _ADDRESS.match(address):
        raise InvalidInput(N_("That is not an email address."))
    agency.alert_email = address or None
    chain.record(
        session,
        subject=Subject(
            type="agency", id=str(agency.id), agency_id=agency.id, purpose="administration"
        ),
        actor=actor,
        tag=AuditTag.AGENCY_UPDATE,
        details={"alert_email": bool(address)},
    )
    return agency
