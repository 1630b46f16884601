"""Sign-in (password, then the second factor), sign-out and the person's own password."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from casewarden.accounts import second_factor, service, signin
from casewarden.config import Settings
from casewarden.errors import InvalidInput
from casewarden.i18n import N_
from casewarden.moderation import teamwork
from casewarden.web.deps import AnyStaff, DbSession, KeyringDep, Pending, SettingsDep
from casewarden.web.qr import qr_svg
from casewarden.web.refusals import words_for
from casewarden.web.session_cookie import (
    clear_session_cookie,
    session_token,
    set_session_cookie,
)
from casewarden.web.templating import render

router = APIRouter(prefix="/console")

NOTICES = {
    "expired": N_("Your session has ended. Please sign in again."),
    "signed_out": N_("You have signed out."),
    "must_change": N_("Choose a new password before you continue."),
    "password_changed": N_("Your password has been changed."),
}


def safe_next(target: str | None) -> str:
    # Only local console paths: an open redirect would let a phishing link borrow our name.
    if target and target.startswith("/console/") and not target.startswith("/console//"):
        return target
    return "/console/"


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def login_page(
    request: Request,
    settings: Settings,
    *,
    next: str | None,
    notice: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    """The sign-in page: the password form, and a button per configured directory."""
    directories = [(name, provider.label) for name, provider in settings.oidc_providers.items()]
    return render(
        request,
        "console/login.html",
        {
            "next": safe_next(next),
            "notice": notice,
            "error": error,
            "directories": directories,
        },
        status_code=status_code,
    )


@router.get("/login", include_in_schema=False)
def login_form(
    request: Request, settings: SettingsDep, next: str | None = None, notice: str | None = None
) -> Response:
    """The sign-in page."""
    return login_page(request, settings, next=next, notice=NOTICES.get(notice or ""))


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    username: Annotated[str, Form(max_length=256)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form(max_length=2048)] = "/console/",
) -> Response:
    """Check credentials; on success open a session and go where the person was heading."""
    result = signin.sign_in(
        session=session,
        settings=settings,
        username=username,
        password=password,
        client=_client(request),
    )
    if not result.ok or result.token is None:
        status = 429 if result.retry_after_seconds else 401
        response: Response = login_page(
            request, settings, next=next, error=result.message, status_code=status
        )
        if result.retry_after_seconds:
            response.headers["Retry-After"] = str(result.retry_after_seconds)
        return response
    target = safe_next(next)
    if result.second_factor is not None:
        target = f"/console/login/second-factor?next={quote(target, safe='')}"
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, result.token, settings)
    return response


def _second_factor_page(
    request: Request,
    session: DbSession,
    keyring: KeyringDep,
    pending: Pending,
    next: str | None,
    *,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    enrolling = None
    if not second_factor.is_enrolled(pending.user):
        enrolling = signin.enrolment(session=session, keyring=keyring, user=pending.user)
        session.commit()  # the same secret must greet a reload of this page
    return render(
        request,
        "console/second_factor.html",
        {
            "next": safe_next(next),
            "enrolling": enrolling,
            "qr_svg": qr_svg(enrolling.uri) if enrolling else None,
            "error": error,
            "notice": None,
        },
        status_code=status_code,
    )


@router.get("/login/second-factor", include_in_schema=False)
def second_factor_form(
    request: Request,
    session: DbSession,
    keyring: KeyringDep,
    pending: Pending,
    next: str | None = None,
) -> Response:
    """The code from the authenticator app; the first time, enrolling the app."""
    return _second_factor_page(request, session, keyring, pending, next)


@router.post("/login/second-factor", include_in_schema=False)
def give_second_factor(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    keyring: KeyringDep,
    pending: Pending,
    code: Annotated[str, Form(max_length=64)],
    next: Annotated[str, Form(max_length=2048)] = "/console/",
) -> Response:
    """Check the code; on success the session is whole (after enrolment: the recovery codes)."""
    result = signin.give_second_factor(
        session=session,
        settings=settings,
        keyring=keyring,
        session_id=pending.session_id,
        code=code,
        client=_client(request),
    )
    if not result.ok:
        status = 429 if result.retry_after_seconds else 401
        response: Response = _second_factor_page(
            request, session, keyring, pending, next, error=result.message, status_code=status
        )
        if result.retry_after_seconds:
            response.headers["Retry-After"] = str(result.retry_after_seconds)
        return response
    if result.recovery_codes:
        response = render(
            request,
            "console/recovery_codes.html",
            {"codes": result.recovery_codes, "next": safe_next(next)},
        )
    else:
        response = RedirectResponse(safe_next(next), status_code=303)
    if result.token is not None:
        set_session_cookie(response, request, result.token, settings)
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, session: DbSession) -> Response:
    """End the session, free the comments its user had open, and forget the cookie."""
    user_id = signin.sign_out(session=session, token=session_token(request))
    if user_id is not None:
        teamwork.release_all(session=session, holder_id=user_id)
    response = RedirectResponse("/console/login?notice=signed_out", status_code=303)
    clear_session_cookie(response, request)
    return response


@router.get("/account/password", include_in_schema=False)
def password_form(request: Request, staff: AnyStaff, notice: str | None = None) -> Response:
    """The change-password page."""
    return render(
        request,
        "console/password.html",
        {"notice": NOTICES.get(notice or ""), "error": None},
    )


@router.post("/account/password", include_in_schema=False)
def change_password(
    request: Request,
    session: DbSession,
    staff: AnyStaff,
    current: Annotated[str, Form(max_length=1024)],
    new: Annotated[str, Form(max_length=1024)],
    confirm: Annotated[str, Form(max_length=1024)],
) -> Response:
    """Replace the person's password; their other sessions end."""
    try:
        if new != confirm:
            raise InvalidInput(N_("The new password and its confirmation differ."))
        service.change_own_password(
            session=session,
            user=staff.user,
            current=current,
            new=new,
            keep_session_id=staff.session_id,
        )
    except InvalidInput as exc:
        return render(
            request,
            "console/password.html",
            {"notice": None, "error": words_for(exc)},
            status_code=422,
        )
    return RedirectResponse("/console/?notice=password_changed", status_code=303)
