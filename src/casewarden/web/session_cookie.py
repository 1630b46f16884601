"""The console's session cookie: a random token only, HttpOnly, SameSite=Lax, Secure on HTTPS."""

from __future__ import annotations

from fastapi import Request, Response

from casewarden.config import Settings

_PLAIN_NAME = "cw_session"
# The __Host- prefix makes the browser refuse the cookie unless it is Secure, has
# Path=/ and no Domain: a sibling subdomain cannot plant or overwrite it.
_HTTPS_NAME = "__Host-cw_session"


def _is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def cookie_name(request: Request) -> str:
    """The cookie's name for this request's scheme."""
    return _HTTPS_NAME if _is_https(request) else _PLAIN_NAME


def session_token(request: Request) -> str | None:
    """The session token the browser presented, if any."""
    return request.cookies.get(cookie_name(request))


def set_session_cookie(
    response: Response, request: Request, token: str, settings: Settings
) -> None:
    """Hand the browser its session token; it lives no longer than the absolute timeout."""
    response.set_cookie(
        cookie_name(request),
        token,
        max_age=settings.session_absolute_hours * 3600,
        path="/",
        secure=_is_https(request),
        httponly=True,
        samesite="lax",
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    """Tell the browser to forget its session token."""
    response.delete_cookie(
        cookie_name(request), path="/", secure=_is_https(request), httponly=True, samesite="lax"
    )
