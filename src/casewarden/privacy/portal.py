"""Which agency the public portal serves.

A deployment's portal speaks for one agency (``portal_agency_code``, by default the
agency created on first start). Anonymous requests write that agency's visit
records and requests, and read nothing else.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from casewarden.agencies.models import Agency
from casewarden.agencies.service import ensure_default_agency
from casewarden.config import Settings


def portal_agency(*, session: Session, settings: Settings) -> Agency:
    """The portal's agency, created on first use like the default agency."""
    code = settings.effective_portal_agency_code
    name = (
        settings.default_agency_name
        if code == settings.default_agency_code
        else f"Child Support Agency {code}"
    )
    return ensure_default_agency(session=session, code=code, name=name)
