"""Account management for administrators: list, create, disable, enable, role, password reset."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from casewarden.accounts import service
from casewarden.accounts.roles import Permission, Role, authorize
from casewarden.errors import Conflict, InvalidInput
from casewarden.i18n import N_, gettext
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.refusals import words_for
from casewarden.web.templating import render

router = APIRouter(prefix="/console/accounts")

NOTICES = {
    "disabled": N_("The account is disabled and its sessions have ended."),
    "enabled": N_("The account can sign in again."),
    "role": N_("The role has changed; the person signs in again to use it."),
    "unit": N_("The unit has changed."),
    "second_factor": N_(
        "The second factor is reset: the person sets up an authenticator app at the next sign-in."
    ),
}


def _page(
    request: Request,
    session: DbSession,
    staff: Staff,
    *,
    error: str | None = None,
    notice: str | None = None,
    created: tuple[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    users = service.list_users(session=session, actor=staff.actor)
    return render(
        request,
        "console/accounts.html",
        {
            "users": users,
            "roles": list(Role),
            "error": error,
            "notice": notice,
            "created": created,
        },
        status_code=status_code,
    )


@router.get("", include_in_schema=False)
def accounts(
    request: Request, session: DbSession, staff: Staff, notice: str | None = None
) -> Response:
    """Accounts of the administrator's agency."""
    authorize(staff.actor, Permission.ACCOUNTS_MANAGE)
    return _page(request, session, staff, notice=NOTICES.get(notice or ""))


@router.post("", include_in_schema=False)
def create_account(
    request: Request,
    session: DbSession,
    staff: Staff,
    username: Annotated[str, Form(max_length=64)],
    display_name: Annotated[str, Form(max_length=120)],
    role: Annotated[str, Form(max_length=30)] = "",
) -> Response:
    """Create an account with a one-time password, shown once to the administrator."""
    authorize(staff.actor, Permission.ACCOUNTS_MANAGE)
    if not role:
        # No role is chosen for the administrator: a wrong default would grant too much.
        return _page(request, session, staff, error=gettext("Choose a role."), status_code=422)
    temporary = secrets.token_urlsafe(15)
    try:
        user = service.create_user(
            session=session,
            actor=staff.actor,
            username=username,
            display_name=display_name,
            role=role,
            password=temporary,
            agency=staff.user.agency,
            must_change_password=True,
        )
    except (InvalidInput, Conflict) as exc:
        session.rollback()
        return _page(request, session, staff, error=words_for(exc), status_code=422)
    return _page(request, session, staff, created=(user.username, temporary), status_code=201)


def _username(session: DbSession, user_id: int) -> str:
    return service.get_user_by_id(session=session, user_id=user_id).username


#: What each irreversible account action asks before it is done, and what it cannot undo.
CONFIRMATIONS = {
    "disable": (
        N_("Disable the account of %(user)s?"),
        N_(
            "The person is signed out everywhere at once and cannot sign in. You can enable "
            "the account again later, but the sessions ended now cannot be given back: any "
            "unsaved work in them is lost."
        ),
        N_("Disable the account"),
    ),
    "reset-password": (
        N_("Reset the password of %(user)s?"),
        N_(
            "The current password stops working at once and cannot be restored. You will see a "
            "one-time password to give to the person privately; they must choose a new one at "
            "their next sign-in."
        ),
        N_("Reset the password"),
    ),
    "reset-second-factor": (
        N_("Reset the second factor of %(user)s?"),
        N_(
            "Their authenticator app and recovery codes stop working at once and cannot be "
            "restored, and they are signed out everywhere. At their next sign-in, with their "
            "password, they set up an authenticator app again."
        ),
        N_("Reset the second factor"),
    ),
}

Confirmed = Annotated[str, Form(max_length=3)]


def _confirm(
    request: Request, session: DbSession, staff: Staff, user_id: int, action: str
) -> Response:
    """Ask before an irreversible action on an account, saying what cannot be undone."""
    authorize(staff.actor, Permission.ACCOUNTS_MANAGE)
    question, consequence, button = CONFIRMATIONS[action]
    return render(
        request,
        "console/account_confirm.html",
        {
            "username": _username(session, user_id),
            "question": question,
            "consequence": consequence,
            "button": button,
            "action": f"/console/accounts/{user_id}/{action}",
        },
    )


@router.post("/{user_id}/disable", include_in_schema=False)
def disable(
    request: Request,
    session: DbSession,
    staff: Staff,
    user_id: RecordId,
    confirmed: Confirmed = "",
) -> Response:
    """Disable an account, once the administrator has confirmed it."""
    if confirmed != "yes":
        return _confirm(request, session, staff, user_id, "disable")
    service.disable_user(session=session, actor=staff.actor, username=_username(session, user_id))
    return RedirectResponse("/console/accounts?notice=disabled", status_code=303)


@router.post("/{user_id}/enable", include_in_schema=False)
def enable(session: DbSession, staff: Staff, user_id: RecordId) -> Response:
    """Re-enable an account."""
    service.enable_user(session=session, actor=staff.actor, username=_username(session, user_id))
    return RedirectResponse("/console/accounts?notice=enabled", status_code=303)


@router.post("/{user_id}/role", include_in_schema=False)
def change_role(
    session: DbSession, staff: Staff, user_id: RecordId, role: Annotated[str, Form(max_length=30)]
) -> Response:
    """Give an account another role."""
    service.set_role(
        session=session, actor=staff.actor, username=_username(session, user_id), role=role
    )
    return RedirectResponse("/console/accounts?notice=role", status_code=303)


@router.post("/{user_id}/unit", include_in_schema=False)
def change_unit(
    request: Request,
    session: DbSession,
    staff: Staff,
    user_id: RecordId,
    unit: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Put an account in a work unit (an empty value: in none)."""
    username = _username(session, user_id)
    try:
        service.set_unit(session=session, actor=staff.actor, username=username, unit=unit)
    except InvalidInput as exc:
        session.rollback()
        return _page(request, session, staff, error=words_for(exc), status_code=422)
    return RedirectResponse("/console/accounts?notice=unit", status_code=303)


@router.post("/{user_id}/reset-password", include_in_schema=False)
def reset_password(
    request: Request,
    session: DbSession,
    staff: Staff,
    user_id: RecordId,
    confirmed: Confirmed = "",
) -> Response:
    """Issue a one-time password for an account, once the administrator has confirmed it."""
    if confirmed != "yes":
        return _confirm(request, session, staff, user_id, "reset-password")
    user, temporary = service.reset_password(
        session=session, actor=staff.actor, username=_username(session, user_id)
    )
    return _page(request, session, staff, created=(user.username, temporary))


@router.post("/{user_id}/reset-second-factor", include_in_schema=False)
def reset_second_factor(
    request: Request,
    session: DbSession,
    staff: Staff,
    user_id: RecordId,
    confirmed: Confirmed = "",
) -> Response:
    """Forget an account's authenticator app and recovery codes, once confirmed (audited)."""
    if confirmed != "yes":
        return _confirm(request, session, staff, user_id, "reset-second-factor")
    service.reset_second_factor(
        session=session, actor=staff.actor, username=_username(session, user_id)
    )
    return RedirectResponse("/console/accounts?notice=second_factor", status_code=303)
