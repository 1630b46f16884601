"""The portal's information pages: home, services, privacy policy, comment policy, accessibility."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from casewarden import i18n
from casewarden.privacy.content import load_content
from casewarden.web.deps import SettingsDep
from casewarden.web.public.deps import VisitorDep, page
from casewarden.web.public.routing import PREFIXES, localized

router = APIRouter()


@localized(router, "/")
def home(request: Request, visitor: VisitorDep, settings: SettingsDep) -> Response:
    """General information about child support services."""
    links = load_content(settings.portal_content_dir).links.values()
    return page(request, visitor, "public/home.html", {"links": list(links)})


def _language_root(request: Request) -> Response:
    """``/es`` and ``/en`` without the slash."""
    return RedirectResponse(request.url.path + "/", status_code=308)


for _prefix in PREFIXES.values():
    router.add_api_route(_prefix, _language_root, methods=["GET"], include_in_schema=False)


@localized(router, "/services")
def services(request: Request, visitor: VisitorDep) -> Response:
    """What child support services do."""
    return page(request, visitor, "public/services.html")


@localized(router, "/privacy")
def privacy_policy(request: Request, visitor: VisitorDep, settings: SettingsDep) -> Response:
    """The privacy policy, with this deployment's own windows and threshold."""
    return page(
        request,
        visitor,
        "public/privacy.html",
        {
            "raw_ip_hours": settings.privacy_raw_ip_hours,
            "retention_days": settings.privacy_visit_retention_days,
            "threshold": settings.privacy_suppression_threshold,
        },
    )


@localized(router, "/comment-policy")
def comment_policy(request: Request, visitor: VisitorDep) -> Response:
    """The rules for comments on the agency's pages, generated from the rules that hide posts."""
    from casewarden.detect import comment_policy as generate

    return page(
        request, visitor, "public/comment_policy.html", {"policy": generate(i18n.current_locale())}
    )


@localized(router, "/accessibility")
def accessibility(request: Request, visitor: VisitorDep) -> Response:
    """How the portal meets WCAG 2.1 AA, and how to report a problem."""
    return page(request, visitor, "public/accessibility.html")
