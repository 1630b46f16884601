"""Single sign-on through a directory (OpenID Connect): setting out, and coming back."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from casewarden.accounts import sso
from casewarden.web.console.auth import login_page, safe_next
from casewarden.web.deps import DbSession, OidcDep, SettingsDep
from casewarden.web.session_cookie import set_session_cookie

router = APIRouter(prefix="/console/login/sso")

# The cookie that binds a sign-on to the browser that began it; gone once it is back.
_PLAIN_BINDING = "cw_sso"
_HTTPS_BINDING = "__Host-cw_sso"
_BINDING_SECONDS = 600
ProviderName = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
Parameter = Annotated[str | None, Query(max_length=2048)]


def _binding_cookie(request: Request) -> str:
    return _HTTPS_BINDING if request.url.scheme == "https" else _PLAIN_BINDING


def _forget_binding(response: Response, request: Request) -> None:
    response.delete_cookie(
        _binding_cookie(request),
        path="/",
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="lax",
    )


@router.get("/{provider}", include_in_schema=False)
def start(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    oidc: OidcDep,
    provider: ProviderName,
    next: Parameter = None,
) -> Response:
    """Send the browser to the directory's sign-in, with a cookie that binds it to this try."""
    started = sso.begin(
        session=session,
        settings=settings,
        client=oidc.get(provider),
        provider_name=provider,
        next_path=safe_next(next),
    )
    if started.url is None or started.binding is None:
        return login_page(request, settings, next=next, error=started.message, status_code=503)
    response = RedirectResponse(started.url, status_code=303)
    # Lax, not Strict: the directory sends the browser back with a top-level GET.
    response.set_cookie(
        _binding_cookie(request),
        started.binding,
        max_age=_BINDING_SECONDS,
        path="/",
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="lax",
    )
    return response


@router.get("/{provider}/callback", include_in_schema=False)
def callback(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    oidc: OidcDep,
    provider: ProviderName,
    state: Parameter = None,
    code: Parameter = None,
    error: Parameter = None,
) -> Response:
    """Check what the directory sent back; open a session or say it did not work."""
    outcome = sso.complete(
        session=session,
        settings=settings,
        client=oidc.get(provider),
        provider_name=provider,
        state=state,
        code=code,
        error=error,
        binding=request.cookies.get(_binding_cookie(request)),
    )
    result = outcome.sign_in
    response: Response
    if not result.ok or result.token is None:
        response = login_page(request, settings, next=None, error=result.message, status_code=401)
    else:
        target = safe_next(outcome.next_path)
        if result.second_factor is not None:
            target = f"/console/login/second-factor?next={quote(target, safe='')}"
        response = RedirectResponse(target, status_code=303)
        set_session_cookie(response, request, result.token, settings)
    _forget_binding(response, request)
    return response
