"""``casewarden audit``: verify and export the audit chain."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.audit.verify import export_jsonl, verify_chain
from casewarden.cli.context import context_of
from casewarden.cli.errors import EXIT_FAILURE, fail, handles_errors

app = typer.Typer(help="The tamper-evident audit chain.", no_args_is_help=True)


def _moment(value: str | None, *, end: bool) -> datetime | None:
    """Parse a date or datetime; a bare date as --until includes that whole day."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            start = datetime(day.year, day.month, day.day, tzinfo=UTC)
            return start + timedelta(days=1) if end else start
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD) or ISO datetime") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@app.command("verify")
@handles_errors
def verify(ctx: typer.Context) -> None:
    """Recompute every entry's hash and link; name the first broken entry."""
    with context_of(ctx).unit() as session:
        report = verify_chain(session)
        chain.record(
            session,
            subject=Subject(),
            actor=Actor.system(),
            tag=AuditTag.AUDIT_CHAIN_VERIFY,
            outcome=Outcome.SUCCESS if report.ok else Outcome.FAILURE,
            details={"entries": report.entries, "broken_seq": report.broken_seq, "via": "cli"},
        )
    if report.ok:
        typer.echo(f"audit chain intact: {report.entries} entries")
        return
    typer.secho(
        f"audit chain BROKEN at entry #{report.broken_seq} (row id {report.broken_id}): "
        f"{report.reason}",
        err=True,
        fg=typer.colors.RED,
    )
    raise typer.Exit(EXIT_FAILURE)


@app.command("export")
@handles_errors
def export(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date/time (inclusive, UTC).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Up to this date (whole day) or time (exclusive).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Write audit entries in a date range as JSON Lines, each with its hash."""
    start, stop = _moment(since, end=False), _moment(until, end=True)
    if start and stop and start >= stop:
        raise typer.BadParameter("--since must be before --until")
    with context_of(ctx).unit() as session:
        try:
            if output is None:
                count = export_jsonl(session, sys.stdout, since=start, until=stop)
            else:
                with output.open("w", encoding="utf-8") as handle:
                    count = export_jsonl(session, handle, since=start, until=stop)
        except OSError as exc:
            raise fail(f"cannot write {output}: {exc.strerror}") from None
        chain.record(
            session,
            subject=Subject(),
            actor=Actor.system(),
            tag=AuditTag.AUDIT_CHAIN_EXPORT,
            details={"entries": count, "via": "cli"},
        )
    typer.echo(f"exported {count} entries", err=True)
