"""``casewarden logs``: import existing web server logs into the visit statistics."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casewarden.agencies.service import get_agency_by_code
from casewarden.cli.context import context_of
from casewarden.cli.errors import EXIT_FAILURE, handles_errors
from casewarden.privacy import log_import
from casewarden.privacy.portal import portal_agency

app = typer.Typer(help="Existing web server logs.", no_args_is_help=True)


@app.command("import")
@handles_errors
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="An nginx or Apache combined-format log (.gz read as gzip).",
            dir_okay=False,
        ),
    ],
    *,
    agency: Annotated[
        str | None,
        typer.Option(help="Agency code the visits belong to (default: the portal's agency)."),
    ] = None,
    site: Annotated[
        list[str] | None,
        typer.Option(
            "--site",
            help="Host name of the logged site; referrers from it are internal (repeatable).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Import a file that was imported before.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Read and report; store nothing.")
    ] = False,
    show: Annotated[
        int, typer.Option("--show", min=0, help="Malformed lines to list (all are counted).")
    ] = 20,
) -> None:
    """Keep only the permitted fields of each line; report malformed lines by number.

    Exit status 1 when some lines were malformed (the rest are imported all the same).
    """
    cli = context_of(ctx)
    settings = cli.get_settings()
    with cli.unit() as session:
        target = (
            get_agency_by_code(session=session, code=agency)
            if agency
            else portal_agency(session=session, settings=settings)
        )
        report = log_import.import_log(
            session=session,
            path=file,
            agency_id=target.id,
            raw_ip_hours=settings.privacy_raw_ip_hours,
            own_hosts=frozenset(site or ()),
            force=force,
            dry_run=dry_run,
        )
    for problem in report.problems[:show]:
        typer.echo(f"{file.name}:{problem.line}: {problem.reason}", err=True)
    if report.malformed > show:
        typer.echo(f"… and {report.malformed - show} more malformed lines", err=True)
    stored = "would import" if dry_run else "imported"
    where = "" if dry_run else f" (import #{report.import_id}, agency {target.code})"
    typer.echo(
        f"read {report.lines:,} lines: {stored} {report.imported:,}, skipped {report.skipped:,}, "
        f"malformed {report.malformed:,}{where}"
    )
    if report.malformed:
        raise typer.Exit(EXIT_FAILURE)
