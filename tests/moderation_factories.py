"""Factories for moderation tests: a registered page, the runtime, deliveries."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.agencies.models import Agency
from casewarden.crypto.keyring import Keyring
from casewarden.pages.models import AgencyPage
from casewarden.pages.service import register_page
from casewarden.platforms.interfaces import Platform
from tests.moderation_payloads import PAGE_ID

PAGE_TOKEN = "EAAB" + "t" * 40


def make_page(
    session: Session,
    agency: Agency,
    keyring: Keyring,
    *,
    page_id: str = PAGE_ID,
    platform: Platform = Platform.FACEBOOK,
) -> AgencyPage:
    """A registered agency page with a sealed token."""
    return register_page(
        session=session,
        actor=Actor.system(),
        keyring=keyring,
        agency=agency,
        platform=platform,
        page_id=page_id,
        token=PAGE_TOKEN,
        name="County Child Support",
    )
