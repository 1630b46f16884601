"""Registering, listing and retiring agency pages; handing out their tokens for one call."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor, ActorKind
from casewarden.agencies.models import Agency
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.crypto.keyring import Keyring
from casewarden.db.scope import elevated
from casewarden.errors import Conflict, InvalidInput, NotFound
from casewarden.i18n import N_
from casewarden.pages.models import TOKEN_PURPOSE, AgencyPage
from casewarden.platforms.interfaces import PageRef, Platform
from casewarden.policy import Action, Purpose, Resource, ResourceKind, enforce

_PAGE_ID = re.compile(r"^[0-9]{3,32}$")
_TOKEN = re.compile(r"^[A-Za-z0-9._|\-]{16,1024}$")
_PAGE = Subject(type="agency_page", purpose=str(Purpose.PAGE_MODERATION))


def _platform(platform: Platform | str) -> Platform:
    """The platform named, or a clear error."""
    try:
        return Platform(platform)
    except ValueError:
        raise InvalidInput(N_("Platform must be facebook or instagram.")) from None


def _registered(session: Session, platform: Platform, page_id: str) -> AgencyPage:
    """The session's agency's active page with this platform id, or NotFound."""
    page = session.scalar(
        select(AgencyPage).where(
            AgencyPage.platform == platform,
            AgencyPage.page_id == page_id,
            AgencyPage.active.is_(True),
        )
    )
    if page is None:
        raise NotFound(
            N_("No registered %(platform)s page %(page_id)s."),
            values={"platform": platform, "page_id": page_id},
        )
    return page


def register_page(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    agency: Agency,
    platform: Platform | str,
    page_id: str,
    token: str,
    name: str | None = None,
) -> AgencyPage:
    """Connect an agency page; only administrators (or the operator's CLI) may."""
    authorize(actor, Permission.PAGES_MANAGE)
    decision = enforce(
        actor,
        Action.PAGE_REGISTER,
        Resource(kind=ResourceKind.AGENCY_PAGE, id=page_id[:64]),
        Purpose.PAGE_MODERATION,
        agency_id=agency.id,
    )
    parsed = _platform(platform)
    page_id = page_id.strip()
    if not _PAGE_ID.match(page_id):
        raise InvalidInput(N_("A page id is the platform's numeric id (3-32 digits)."))
    token = token.strip()
    if not _TOKEN.match(token):
        raise InvalidInput(N_("That does not look like a page access token."))
    with elevated(session):
        taken = session.scalar(
            select(AgencyPage.id).where(
                AgencyPage.platform == parsed, AgencyPage.page_id == page_id
            )
        )
    if taken is not None:
        raise Conflict(
            N_("The %(platform)s page %(page_id)s is registered already."),
            values={"platform": parsed, "page_id": page_id},
        )
    page = AgencyPage(
        agency_id=agency.id,
        platform=parsed,
        page_id=page_id,
        name=(name or f"{parsed.value.title()} page {page_id}").strip()[:200],
        token_sealed=keyring.seal_text(token, TOKEN_PURPOSE),
        registered_by=actor.id if actor.kind is ActorKind.STAFF else None,
    )
    session.add(page)
    session.flush()
    chain.record(
        session,
        subject=Subject(
            type="agency_page",
            id=str(page.id),
            agency_id=agency.id,
            purpose=str(Purpose.PAGE_MODERATION),
            citation=decision.citation,
        ),
        actor=actor,
        tag=AuditTag.PAGES_PAGE_REGISTER,
        details={"platform": str(parsed), "page_id": page_id},
    )
    return page


def list_pages(*, session: Session, include_retired: bool = False) -> list[AgencyPage]:
    """Pages of the session's agency (every agency for the system scope)."""
    query = select(AgencyPage).order_by(AgencyPage.platform, AgencyPage.page_id)
    if not include_retired:
        query = query.where(AgencyPage.active.is_(True))
    return list(session.scalars(query))


def get_page(*, session: Session, page_pk: int) -> AgencyPage:
    """An active page of the session's agency by its casewarden id."""
    page = session.scalar(
        select(AgencyPage).where(AgencyPage.id == page_pk, AgencyPage.active.is_(True))
    )
    if page is None:
        raise NotFound(N_("No such agency page."))
    return page


def find_page(*, session: Session, platform: Platform, page_id: str) -> AgencyPage | None:
    """The active registered page for a platform id, whatever its agency (webhook intake)."""
    with elevated(session):
        return session.scalar(
            select(AgencyPage).where(
                AgencyPage.platform == platform,
                AgencyPage.page_id == page_id,
                AgencyPage.active.is_(True),
            )
        )


def retire_page(
    *, session: Session, actor: Actor, platform: Platform | str, page_id: str
) -> AgencyPage:
    """Disconnect a page: its token is destroyed, its archive kept."""
    authorize(actor, Permission.PAGES_MANAGE)
    parsed = _platform(platform)
    page = _registered(session, parsed, page_id)
    page.active = False
    page.token_sealed = None
    session.flush()
    chain.record(
        session,
        subject=_PAGE.of(page),
        actor=actor,
        tag=AuditTag.PAGES_PAGE_RETIRE,
    )
    return page


def replace_token(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    platform: Platform | str,
    page_id: str,
    token: str,
) -> AgencyPage:
    """Seal a new access token for a connected page (the old one leaked or expired)."""
    authorize(actor, Permission.PAGES_MANAGE)
    parsed = _platform(platform)
    token = token.strip()
    if not _TOKEN.match(token):
        raise InvalidInput(N_("That does not look like a page access token."))
    page = _registered(session, parsed, page_id)
    page.token_sealed = keyring.seal_text(token, TOKEN_PURPOSE)
    session.flush()
    chain.record(
        session,
        subject=_PAGE.of(page),
        actor=actor,
        tag=AuditTag.PAGES_PAGE_SET_TOKEN,
    )
    return page


def page_ref(page: AgencyPage, keyring: Keyring) -> PageRef:
    """The page with its token opened, for one platform call."""
    if not page.active or page.token_sealed is None:
        raise NotFound(N_("That page is no longer connected."))
    return PageRef(page.platform, page.page_id, keyring.open_text(page.token_sealed, TOKEN_PURPOSE))
