"""``casewarden locate``: the locate workbench's sources and upkeep (purging expired leads)."""

from __future__ import annotations

from typing import Annotated

import typer

from casewarden.cli.context import context_of
from casewarden.cli.errors import handles_errors
from casewarden.locate import sources
from casewarden.locate.expiry import purge_all, purge_expired
from casewarden.locate.leads import LocateRules

app = typer.Typer(help="The locate workbench: sources and upkeep.", no_args_is_help=True)


@app.command("purge-expired")
@handles_errors
def purge_expired_leads(
    ctx: typer.Context,
    *,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count what would be purged; change nothing.")
    ] = False,
) -> None:
    """Delete unverified leads older than CASEWARDEN_LOCATE_UNVERIFIED_DAYS, with their captures."""
    cli = context_of(ctx)
    rules = LocateRules.from_settings(cli.get_settings())
    if dry_run:
        with cli.unit() as session:
            report = purge_expired(session=session, rules=rules, dry_run=True, limit=1_000_000)
        typer.echo(
            f"would purge {report.purged} unverified lead(s) recorded before "
            f"{report.cutoff:%Y-%m-%d %H:%M} UTC ({report.captures} captured copies)"
        )
        return
    purged = purge_all(cli.get_database(), rules)
    typer.echo(f"purged {purged} unverified lead(s) older than {rules.unverified_days} days")


@app.command("sources")
def list_sources() -> None:
    """List the locate sources of 22 CCR § 113100 that verify leads."""
    typer.echo(f"Locate sources ({sources.CITATION}):")
    for source in sources.SOURCES:
        note = "" if source.independent else "  (cannot verify a social-media lead)"
        typer.echo(f"  {source.code:<24}{source.name}{note}")
