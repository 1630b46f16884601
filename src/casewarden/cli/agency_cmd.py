"""``casewarden agency``: the agencies this deployment serves."""

from __future__ import annotations

from typing import Annotated

import typer

from casewarden.actor import Actor
from casewarden.agencies import service
from casewarden.agencies.models import AgencyKind
from casewarden.cli.context import context_of
from casewarden.cli.errors import handles_errors

app = typer.Typer(help="Agencies (tenancy).", no_args_is_help=True)


@app.command("create")
@handles_errors
def create(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="Short permanent code, e.g. lcsa-sacramento.")],
    name: Annotated[str, typer.Argument(help="Full name of the agency.")],
    *,
    state: Annotated[
        bool, typer.Option("--state", help="The state department rather than a county LCSA.")
    ] = False,
) -> None:
    """Register an agency."""
    with context_of(ctx).unit() as session:
        agency = service.create_agency(
            session=session,
            actor=Actor.system(),
            code=code,
            name=name,
            kind=AgencyKind.STATE if state else AgencyKind.LOCAL,
        )
        typer.echo(f"created agency {agency.code} (id {agency.id})")


@app.command("list")
@handles_errors
def list_(ctx: typer.Context) -> None:
    """List agencies."""
    with context_of(ctx).unit() as session:
        for agency in service.list_agencies(session=session):
            typer.echo(f"{agency.code}\t{agency.kind}\t{agency.name}")


@app.command("alert-email")
@handles_errors
def alert_email(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="The agency's code.")],
    address: Annotated[
        str, typer.Argument(help="Where threat alerts go (a supervisors' mailbox); '' clears it.")
    ],
) -> None:
    """Set where the agency's threat alerts are emailed (ids and a console link only)."""
    with context_of(ctx).unit() as session:
        agency = service.set_alert_email(
            session=session, actor=Actor.system(), code=code, address=address
        )
        typer.echo(f"agency {agency.code}: threat alerts to {agency.alert_email or 'nobody'}")
