"""Cross-site request forgery protection for every state-changing request.

Two kinds of token, chosen by whether the browser holds a console session:

* signed in: HMAC(secret, SHA-256 of the session token). The attacker cannot
  read it, so the token alone proves the form came from our page.
* not signed in (the sign-in form, public forms): a signed, time-limited token
  that needs no cookie, because public pages must work with cookies refused. A
  cross-site page could fetch such a token, so these requests must also show a
  same-origin ``Origin`` or ``Referer`` header, which browsers send on POST.

Routes that authenticate otherwise (Meta's signed webhooks) opt out with
:func:`csrf_exempt`.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from fastapi import Request

from casewarden.actor import Actor
from casewarden.audit.event import AuditEvent
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.config import Settings
from casewarden.errors import PermissionDenied
from casewarden.i18n import N_
from casewarden.keys import keyed_ref, token_hash
from casewarden.web.session_cookie import session_token

FORM_FIELD = "csrf_token"
HEADER = "x-csrf-token"
_ANONYMOUS_MAX_AGE = 4 * 3600
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_EXEMPT_ATTR = "__casewarden_csrf_exempt__"

F = TypeVar("F", bound=Callable[..., Any])


class CsrfRejected(PermissionDenied):
    """The form's token is missing, wrong, stale, or it came from another site."""

    public_message = N_(
        "This form has expired or did not come from casewarden. Go back, reload the page "
        "and try again."
    )


def csrf_exempt(endpoint: F) -> F:
    """Mark an endpoint that authenticates its requests by other means."""
    setattr(endpoint, _EXEMPT_ATTR, True)
    return endpoint


def _session_token_for(settings: Settings, cookie_token: str) -> str:
    return "s." + keyed_ref(settings.secret_key, "csrf-session", token_hash(cookie_token))


def _anonymous_token(settings: Settings, issued: int) -> str:
    return f"a.{issued}.{keyed_ref(settings.secret_key, 'csrf-anonymous', str(issued))}"


def token_for(request: Request, settings: Settings) -> str:
    """The token to put in this page's forms."""
    cookie = session_token(request)
    if cookie:
        return _session_token_for(settings, cookie)
    return _anonymous_token(settings, int(time.time()))


def _valid(request: Request, settings: Settings, submitted: str) -> str | None:
    """Why the token is not acceptable, or None when it is."""
    if not submitted or len(submitted) > 200:
        return "missing"
    cookie = session_token(request)
    # A form rendered before sign-in (or after the cookie expired) may still carry an
    # anonymous token; it is accepted only under the anonymous rules below.
    if cookie and hmac.compare_digest(submitted, _session_token_for(settings, cookie)):
        return None
    if not submitted.startswith("a."):
        return "mismatch"
    _, _, rest = submitted.partition(".")
    issued_text, _, _mac = rest.partition(".")
    if not issued_text.isdigit():
        return "malformed"
    issued = int(issued_text)
    if not hmac.compare_digest(submitted, _anonymous_token(settings, issued)):
        return "mismatch"
    if not 0 <= time.time() - issued <= _ANONYMOUS_MAX_AGE:
        return "stale"
    if not _same_origin(request):
        return "cross_origin"
    return None


def _same_origin(request: Request) -> bool:
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    return (parts.scheme, parts.netloc) == (request.url.scheme, request.url.netloc)


async def csrf_protect(request: Request) -> None:
    """App-wide dependency: refuse unsafe requests without a valid token."""
    if request.method in _SAFE_METHODS:
        return
    endpoint = request.scope.get("endpoint")
    if endpoint is not None and getattr(endpoint, _EXEMPT_ATTR, False):
        return
    settings: Settings = request.app.state.settings
    submitted = request.headers.get(HEADER, "")
    if not submitted:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(FORM_FIELD)
            submitted = value if isinstance(value, str) else ""
    reason = _valid(request, settings, submitted)
    if reason is None:
        return
    raise CsrfRejected().audited(
        AuditEvent(
            actor=Actor.anonymous(),
            tag=AuditTag.AUTH_CSRF_REJECT,
            outcome=Outcome.DENIED,
            details={"reason": reason},
        )
    )
