"""``casewarden quarantine``: signed webhook changes that could not be read.

Meta's deliveries are stored whole or not acknowledged; a change inside one whose structure
casewarden cannot read (no id, an unknown verb, not an object) or an event for a comment of
another page is kept here, sealed, instead of being dropped. An administrator lists them,
opens one (audited) and marks it resolved.
"""

from __future__ import annotations

from typing import Annotated

import typer

from casewarden.actor import Actor
from casewarden.cli.context import context_of
from casewarden.cli.errors import handles_errors

app = typer.Typer(help="Webhook changes kept aside because they could not be read.")


@app.command("list")
@handles_errors
def list_changes(
    ctx: typer.Context,
    *,
    all_: Annotated[bool, typer.Option("--all", help="Include resolved ones.")] = False,
) -> None:
    """List quarantined changes: id, when, platform, page, reason (never their content)."""
    from casewarden.moderation.quarantine import waiting

    with context_of(ctx).unit() as session:
        rows = waiting(session, include_resolved=all_)
        if not rows:
            typer.echo("nothing in quarantine")
            return
        for row in rows:
            state = f"resolved {row.resolved_at:%Y-%m-%d}" if row.resolved_at else "open"
            typer.echo(
                f"{row.id}\t{row.received_at:%Y-%m-%d %H:%M}\t{row.platform}\t"
                f"page {row.page_external_id or '-'}\t{row.reason}\t{state}"
            )


@app.command("show")
@handles_errors
def show(ctx: typer.Context, change_id: Annotated[int, typer.Argument()]) -> None:
    """Print one quarantined change as it arrived (JSON); the viewing is audited."""
    from casewarden.crypto.keyring import Keyring
    from casewarden.moderation.quarantine import open_change

    cli = context_of(ctx)
    keyring = Keyring.parse(cli.get_settings().encryption_keys.get_secret_value())
    with cli.unit() as session:
        change, payload = open_change(
            session=session, keyring=keyring, actor=Actor.system(), change_id=change_id
        )
        typer.echo(f"# {change.id}: {change.reason}, page {change.page_external_id or '-'}")
    typer.echo(payload)


@app.command("resolve")
@handles_errors
def resolve_change(ctx: typer.Context, change_id: Annotated[int, typer.Argument()]) -> None:
    """Mark a quarantined change as looked at (audited); it stays sealed in the archive."""
    from casewarden.moderation.quarantine import resolve

    with context_of(ctx).unit() as session:
        resolve(session=session, actor=Actor.system(), change_id=change_id)
    typer.echo(f"resolved {change_id}")
