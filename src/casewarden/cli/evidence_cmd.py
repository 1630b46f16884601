"""``casewarden evidence``: checking litigation evidence packages.

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
from casewarden.locate.evidence_check import check_package, check_records

app = typer.Typer(help="Litigation evidence packages.", no_args_is_help=True)


@app.command("verify")
@handles_errors
def verify(
    ctx: typer.Context,
    package: Annotated[
        Path, typer.Argument(help="The evidence package (ZIP).", dir_okay=False, exists=False)
    ],
    *,
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
