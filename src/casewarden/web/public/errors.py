"""Error pages for the public portal, in the visitor's language and the portal's layout."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from casewarden import i18n
from casewarden.config import Settings
from casewarden.i18n import N_
from casewarden.privacy import visits
from casewarden.web.public import routing, visit_cookie
from casewarden.web.public.deps import STOP_LABELS, finish_headers
from casewarden.web.templating import render

#: What the public is told, in their language; the English detail stays in the log and API.
MESSAGES = {
    403: N_(
        "This form has expired or did not come from this website. Go back, reload the page "
        "and try again."
    ),
    405: N_("This address does not accept that kind of request."),
    413: N_("What was sent is too large."),
    422: N_("Some of what was sent could not be accepted. Go back and check the form."),
    503: N_("This service is not available right now. Please try again later."),
}
GENERIC = N_("Something went wrong. Please try again later.")


def public_error(request: Request, status: int, message: str) -> Response:
    """The portal's error page (no database: the failed request's session is gone).

    ``message`` is the English explanation given to API clients; the page shows a
    translated sentence for the status instead.
    """
    settings: Settings = request.app.state.settings
    choice = routing.choose(request)
    # Unmatched paths never ran the app's locale dependency.
    i18n.set_locale(choice.locale)
    current = routing.strip_prefix(request.url.path)
    stop = visits.collection_stop(
        gpc=request.headers.get("sec-gpc"),
        dnt=request.headers.get("dnt"),
        cookie=visit_cookie.presented(request),
    )
    name = (
        settings.default_agency_name
        if settings.effective_portal_agency_code == settings.default_agency_code
        else settings.effective_portal_agency_code
    )
    response = render(
        request,
        "public/error.html",
        {
            "status": status,
            "message": MESSAGES.get(status, GENERIC),
            "agency_name": name,
            "prefix": choice.prefix,
            "current_page": current,
            "switch": {
                locale: routing.localized_path("/", prefix)
                for locale, prefix in routing.PREFIXES.items()
            },
            "statistics_stop": STOP_LABELS.get(stop) if stop else None,
            "url": lambda target: routing.localized_path(target, choice.prefix),
        },
        status_code=status,
    )
    finish_headers(response, choice)
    return response
