"""The public portal's one cookie: a random tag, or the constant opt-out value.

``cw_visit`` over HTTP, ``__Host-cw_visit`` over HTTPS (the prefix makes the browser
refuse it unless Secure, Path=/ and without Domain); HttpOnly and SameSite=Lax
always. The tag is a session cookie (no expiry: gone when the browser closes);
the opt-out value lasts a year so the choice is remembered. See
``casewarden.privacy.visits`` for why neither can track anyone.
"""

from __future__ import annotations

from fastapi import Request, Response

from casewarden.privacy.visits import OPTED_OUT

_PLAIN_NAME = "cw_visit"
_HTTPS_NAME = "__Host-cw_visit"
OPT_OUT_SECONDS = 365 * 24 * 3600


def _https(request: Request) -> bool:
    return request.url.scheme == "https"


def cookie_name(request: Request) -> str:
    """The cookie's name for this request's scheme."""
    return _HTTPS_NAME if _https(request) else _PLAIN_NAME


def presented(request: Request) -> str | None:
    """What the browser sent in the cookie, if anything."""
    return request.cookies.get(cookie_name(request))


def give_tag(response: Response, request: Request, tag: str) -> None:
    """Hand the browser its random tag for this browsing session."""
    response.set_cookie(
        cookie_name(request), tag, path="/", secure=_https(request), httponly=True, samesite="lax"
    )


def give_opt_out(response: Response, request: Request) -> None:
    """Remember the opt-out: the same constant value for every browser that chose it."""
    response.set_cookie(
        cookie_name(request),
        OPTED_OUT,
        max_age=OPT_OUT_SECONDS,
        path="/",
        secure=_https(request),
        httponly=True,
        samesite="lax",
    )


def forget(response: Response, request: Request) -> None:
    """Remove the cookie."""
    response.delete_cookie(
        cookie_name(request), path="/", secure=_https(request), httponly=True, samesite="lax"
    )
