"""``casewarden evidence``: checking litigation evidence packages; ``casewarden locate``: upkeep.

``evidence verify`` needs no database: it recomputes every hash in the package and
names each file that does not match. With ``--check-records`` it also asks this
deployment's database whether it issued the package and whether the custody entries
are in its audit chain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casewarden.cli.context import context_of
from casewarden.cli.errors import EXIT_FAILURE, handles_errors
from casewarden.locate import sources
from casewarden.locate.evidence_check import check_package, check_records
from casewarden.locate.expiry import purge_all, purge_expired
from casewarden.locate.leads import LocateRules

app = typer.Typer(help="Litigation evidence packages.", no_args_is_help=True)
locate_app = typer.Typer(help="The locate workbench: sources and upkeep.", no_args_is_help=True)


@app.command("verify")
@handles_errors
def verify(
    ctx: typer.Context,
    package: Annotated[
        Path, typer.Argument(help="The evidence package (ZIP).", dir_okay=False, exists=False)
    ],
    check_records_: Annotated[
        bool,
        typer.Option(
            "--check-records",
            help="Also check with this deployment's database that it issued the package and "
            "that every custody entry is in its audit chain.",
        ),
    ] = False,
) -> None:
    """Recompute every hash in an evidence package; exit 0 when intact, 1 otherwise."""
    report = check_package(package)
    if check_records_:
        with context_of(ctx).unit() as session:
            check_records(session, report)
    typer.echo(
        f"package {report.package_id} of lead {report.lead_id}, made {report.created_at or '?'}"
    )
    typer.echo(f"manifest.json SHA-256 {report.manifest_sha256}")
    typer.echo(f"ZIP SHA-256 {report.zip_sha256}")
    for note in report.notes:
        typer.echo(f"note: {note}")
    if report.intact:
        typer.secho(
            f"intact: {report.files_checked} file(s) match manifest.json",
            fg=typer.colors.GREEN,
        )
        return
    for finding in report.findings:
        typer.secho(f"TAMPERED {finding}", err=True, fg=typer.colors.RED)
    typer.secho(
        f"not intact: {len(report.findings)} problem(s) in {package.name}",
        err=True,
        fg=typer.colors.RED,
    )
    raise typer.Exit(EXIT_FAILURE)


@locate_app.command("purge-expired")
@handles_errors
def purge_expired_leads(
    ctx: typer.Context,
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


@locate_app.command("sources")
def list_sources() -> None:
    """List the locate sources of 22 CCR § 113100 that verify leads."""
    typer.echo(f"Locate sources ({sources.CITATION}):")
    for source in sources.SOURCES:
        note = "" if source.independent else "  (cannot verify a social-media lead)"
        typer.echo(f"  {source.code:<24}{source.name}{note}")
