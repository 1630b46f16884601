"""``casewarden import``: historic comments through the moderation pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casewarden.cli.context import context_of
from casewarden.cli.errors import EXIT_FAILURE, fail, handles_errors
from casewarden.moderation import importer
from casewarden.moderation.intake import receive
from casewarden.moderation.scanning import build_scanner
from casewarden.moderation.webhook import ParsedDelivery
from casewarden.platforms.interfaces import Platform
from casewarden.process.runtime import ProcessRuntime


@handles_errors
def import_comments(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="JSON Lines or CSV file of comments.")],
    *,
    platform: Annotated[Platform, typer.Option("--platform")] = Platform.FACEBOOK,
    page_id: Annotated[
        str | None, typer.Option("--page-id", help="The page the comments belong to.")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, csv, or auto (by extension).")
    ] = "auto",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Scan and report only; store and change nothing.")
    ] = False,
) -> None:
    """Import a page's historic comments: stored, scanned and acted on like live ones."""
    if fmt == "auto":
        fmt = "csv" if path.suffix.lower() == ".csv" else "jsonl"
    if fmt not in ("csv", "jsonl"):
        raise typer.BadParameter("--format must be jsonl, csv or auto")
    cli = context_of(ctx)
    settings = cli.get_settings()
    summary = importer.ImportSummary()
    try:
        handle = importer.open_for_import(path)
    except OSError as exc:
        raise fail(f"cannot read {path}: {exc.strerror}") from None
    with handle:
        stream = importer.items(
            handle, fmt=fmt, platform=platform, page_id=page_id, summary=summary
        )
        if dry_run:
            scanner = build_scanner(settings)
            for item in stream:
                result = scanner.scan(item.message or "")
                summary.actions[str(result.action)] += 1
                summary.categories.update(str(c) for c in result.categories)
        else:
            runtime = ProcessRuntime.build(settings, cli.get_database())
            worker = runtime.worker()
            for batch in importer.chunks(stream):
                with cli.unit() as session:
                    report = receive(
                        session=session,
                        keyring=runtime.keyring,
                        secret=settings.secret_key,
                        delivery=ParsedDelivery(items=batch),
                    )
                summary.stored += report.stored
                summary.duplicates += report.duplicates
                summary.unknown_pages += report.unknown_pages
                worker.drain()
            worker.pool.shutdown(wait=True)
            runtime.close()
    for problem in summary.rejected:
        typer.echo(f"line {problem.line}: {problem.reason}", err=True)
    if dry_run:
        actions = ", ".join(f"{k} {v}" for k, v in sorted(summary.actions.items())) or "none"
        categories = ", ".join(f"{k} {v}" for k, v in sorted(summary.categories.items())) or "none"
        typer.echo(
            f"dry run: {summary.read} comments read; would {actions}; categories: {categories}"
        )
    else:
        typer.echo(
            f"imported {summary.read} comments: {summary.stored} stored, {summary.duplicates} "
            f"already known, {summary.unknown_pages} for unregistered pages"
        )
        if summary.unknown_pages:
            typer.echo(
                f"error: {summary.unknown_pages} comments name a page that is not registered "
                "(nothing of them was stored): register it with `casewarden pages add`, then "
                "import the file again",
                err=True,
            )
    if summary.rejected:
        typer.echo(f"{len(summary.rejected)} lines rejected (listed above)", err=True)
    if summary.rejected or summary.unknown_pages:
        raise typer.Exit(EXIT_FAILURE)
