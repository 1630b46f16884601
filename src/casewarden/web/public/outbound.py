"""Outbound links: a redirect that records the next site visited, only to listed addresses."""

from __future__ import annotations

from fastapi import APIRouter, Path
from fastapi.responses import RedirectResponse, Response

from casewarden.errors import NotFound
from casewarden.privacy.content import load_content
from casewarden.privacy.models import VisitKind
from casewarden.privacy.network import site_of
from casewarden.web.deps import SettingsDep
from casewarden.web.public.deps import VisitorDep

router = APIRouter()


@router.get("/out/{slug}", include_in_schema=False)
def outbound(
    visitor: VisitorDep, settings: SettingsDep, slug: str = Path(max_length=60)
) -> Response:
    """Send the visitor to a listed site; an unknown name is 404, never a redirect."""
    link = load_content(settings.portal_content_dir).links.get(slug)
    if link is None:
        raise NotFound("No such link.")
    visitor.record(VisitKind.OUTBOUND, next_site=site_of(link.url))
    response = RedirectResponse(link.url, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    return visitor.finish(response)
