"""``casewarden pages``: connect the agency's Facebook and Instagram pages."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from casewarden.actor import Actor
from casewarden.agencies.service import ensure_default_agency, get_agency_by_code
from casewarden.cli.context import context_of
from casewarden.cli.errors import handles_errors
from casewarden.crypto.keyring import Keyring
from casewarden.pages import service
from casewarden.platforms.interfaces import Platform

app = typer.Typer(help="Agency pages on Facebook and Instagram.", no_args_is_help=True)


@app.command("add")
@handles_errors
def add(
    ctx: typer.Context,
    platform: Annotated[Platform, typer.Option("--platform", help="facebook or instagram.")],
    page_id: Annotated[str, typer.Option("--page-id", help="The platform's numeric page id.")],
    token: Annotated[
        str, typer.Option("--token", help="The page access token, or - to read it from stdin.")
    ],
    name: Annotated[str | None, typer.Option("--name", help="A label for the console.")] = None,
    agency: Annotated[
        str | None, typer.Option("--agency", help="Agency code (default: the configured one).")
    ] = None,
) -> None:
    """Register an agency-owned page; its token is stored encrypted."""
    cli = context_of(ctx)
    settings = cli.get_settings()
    secret = sys.stdin.readline().strip() if token == "-" else token  # noqa: S105 - "-" is stdin
    keyring = Keyring.parse(settings.encryption_keys.get_secret_value())
    with cli.unit() as session:
        owner = (
            get_agency_by_code(session=session, code=agency)
            if agency
            else ensure_default_agency(
                session=session,
                code=settings.default_agency_code,
                name=settings.default_agency_name,
            )
        )
        page = service.register_page(
            session=session,
            actor=Actor.system(),
            keyring=keyring,
            agency=owner,
            platform=platform,
            page_id=page_id,
            token=secret,
            name=name,
        )
        typer.echo(f"registered {page.platform} page {page.page_id} for {owner.code}")


@app.command("list")
@handles_errors
def list_(ctx: typer.Context) -> None:
    """List connected pages (never their tokens)."""
    with context_of(ctx).unit() as session:
        for page in service.list_pages(session=session):
            typer.echo(f"{page.platform}\t{page.page_id}\t{page.name}")


@app.command("remove")
@handles_errors
def remove(
    ctx: typer.Context,
    platform: Annotated[Platform, typer.Option("--platform")],
    page_id: Annotated[str, typer.Option("--page-id")],
) -> None:
    """Disconnect a page: its token is destroyed; its archive is kept."""
    with context_of(ctx).unit() as session:
        page = service.retire_page(
            session=session, actor=Actor.system(), platform=platform, page_id=page_id
        )
        typer.echo(f"removed {page.platform} page {page.page_id}")
