"""``casewarden user``: staff accounts."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from casewarden.accounts import service
from casewarden.accounts.roles import Role, StatewideAccess
from casewarden.actor import Actor
from casewarden.agencies.models import Agency
from casewarden.agencies.service import ensure_default_agency, get_agency_by_code
from casewarden.cli.context import CliContext, context_of
from casewarden.cli.errors import fail, handles_errors
from casewarden.db.engine import CasewardenSession
from casewarden.files import private_directory, private_file

app = typer.Typer(help="Staff accounts.", no_args_is_help=True)

_ROLES = ", ".join(role.value for role in Role)


def _agency(cli: CliContext, session: CasewardenSession, code: str | None) -> Agency:
    if code:
        return get_agency_by_code(session=session, code=code)
    settings = cli.get_settings()
    return ensure_default_agency(
        session=session, code=settings.default_agency_code, name=settings.default_agency_name
    )


def _read_password(*, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@app.command("create")
@handles_errors
def create(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Sign-in name (lowercase).")],
    role: Annotated[str, typer.Option("--role", help=f"One of: {_ROLES}.")],
    name: Annotated[str, typer.Option("--name", help="Name shown in the console.")],
    *,
    agency: Annotated[
        str | None, typer.Option("--agency", help="Agency code (default: the configured one).")
    ] = None,
    statewide: Annotated[
        StatewideAccess,
        typer.Option("--statewide", help="State department accounts only: read or write."),
    ] = StatewideAccess.NONE,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    must_change: Annotated[
        bool, typer.Option("--must-change/--no-must-change", help="Require a change at sign-in.")
    ] = True,
) -> None:
    """Create a staff account."""
    cli = context_of(ctx)
    parsed_role = Role.parse(role)
    password = _read_password(from_stdin=password_stdin)
    with cli.unit() as session:
        user = service.create_user(
            session=session,
            actor=Actor.system(),
            username=username,
            display_name=name,
            role=parsed_role,
            password=password,
            agency=_agency(cli, session, agency),
            must_change_password=must_change,
            statewide=statewide,
        )
        typer.echo(f"created {user.username} ({user.role}) in {user.agency.code}")


@app.command("list")
@handles_errors
def list_(
    ctx: typer.Context,
    *,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines output.")] = False,
) -> None:
    """List staff accounts."""
    with context_of(ctx).unit() as session:
        for user in service.list_users(session=session, actor=Actor.system()):
            row = {
                "username": user.username,
                "role": str(user.role),
                "agency": user.agency.code,
                "active": user.is_active,
                "statewide": str(user.statewide),
                "unit": user.unit,
            }
            if as_json:
                typer.echo(json.dumps(row))
            else:
                status = "active" if user.is_active else "disabled"
                typer.echo(f"{user.username}\t{user.role}\t{user.agency.code}\t{status}")


@app.command("disable")
@handles_errors
def disable(ctx: typer.Context, username: str) -> None:
    """Disable an account and end its sessions."""
    with context_of(ctx).unit() as session:
        user = service.disable_user(session=session, actor=Actor.system(), username=username)
        typer.echo(f"disabled {user.username}")


@app.command("enable")
@handles_errors
def enable(ctx: typer.Context, username: str) -> None:
    """Re-enable a disabled account."""
    with context_of(ctx).unit() as session:
        user = service.enable_user(session=session, actor=Actor.system(), username=username)
        typer.echo(f"enabled {user.username}")


@app.command("set-role")
@handles_errors
def set_role(
    ctx: typer.Context,
    username: str,
    role: Annotated[str, typer.Argument(help=f"One of: {_ROLES}.")],
) -> None:
    """Change an account's role."""
    parsed = Role.parse(role)
    with context_of(ctx).unit() as session:
        user = service.set_role(
            session=session, actor=Actor.system(), username=username, role=parsed
        )
        typer.echo(f"{user.username} is now {user.role}")


@app.command("set-unit")
@handles_errors
def set_unit(
    ctx: typer.Context,
    username: str,
    unit: Annotated[
        str, typer.Argument(help="Unit code within the agency, e.g. locate-east; '-' for none.")
    ],
) -> None:
    """Put an account in a work unit (locate leads are shared within a unit)."""
    with context_of(ctx).unit() as session:
        user = service.set_unit(
            session=session,
            actor=Actor.system(),
            username=username,
            unit=None if unit == "-" else unit,
        )
        typer.echo(f"{user.username} is in unit {user.unit or '(none)'}")


@app.command("set-sso")
@handles_errors
def set_sso(
    ctx: typer.Context,
    username: str,
    email: Annotated[
        str,
        typer.Argument(help="Work email the directory vouches for; '-' for none."),
    ],
) -> None:
    """Let an account sign in through its directory by this email (unbinds its old subject)."""
    with context_of(ctx).unit() as session:
        user = service.set_sso_email(
            session=session,
            actor=Actor.system(),
            username=username,
            email=None if email == "-" else email,
        )
        state = "may sign in through its directory" if user.email else "has no directory email"
        typer.echo(f"{user.username} {state}")


@app.command("reset-password")
@handles_errors
def reset_password(ctx: typer.Context, username: str) -> None:
    """Give an account a one-time password that must be changed at sign-in."""
    with context_of(ctx).unit() as session:
        user, temporary = service.reset_password(
            session=session, actor=Actor.system(), username=username
        )
        typer.echo(f"temporary password for {user.username}: {temporary}")


@app.command("reset-second-factor")
@handles_errors
def reset_second_factor(ctx: typer.Context, username: str) -> None:
    """Forget an account's authenticator app and recovery codes; it enrols again at sign-in."""
    with context_of(ctx).unit() as session:
        user = service.reset_second_factor(session=session, actor=Actor.system(), username=username)
        typer.echo(f"second factor of {user.username} reset; it enrols again at sign-in")


@app.command("bootstrap-admin")
@handles_errors
def bootstrap_admin(ctx: typer.Context) -> None:
    """Create the first administrator when there is none, and say how to sign in."""
    cli = context_of(ctx)
    settings = cli.get_settings()
    with cli.unit() as session:
        result = service.bootstrap_admin(session=session, agency=_agency(cli, session, None))
        if result is None:
            typer.echo("an administrator exists already; nothing to do")
            return
        username, password = result.user.username, result.password
    note = settings.data_dir / "initial-admin-password.txt"
    try:
        private_directory(note.parent)
        private_file(note)
        note.write_text(f"username: {username}\npassword: {password}\n")
    except OSError as exc:
        raise fail(f"created {username} but could not write {note}: {exc}") from None
    typer.secho(
        f"\nFirst administrator created.\n  username: {username}\n  password: {password}\n"
        f"  (also in {note}; you will choose a new password at first sign-in)\n",
        fg=typer.colors.GREEN,
    )
