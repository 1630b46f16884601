"""``casewarden db``: schema migrations."""

from __future__ import annotations

import typer

from casewarden.cli.context import context_of
from casewarden.cli.errors import handles_errors
from casewarden.db import migrate

app = typer.Typer(help="Database schema.", no_args_is_help=True)


@app.command("upgrade")
@handles_errors
def upgrade(ctx: typer.Context) -> None:
    """Migrate the database to the newest schema (safe to repeat)."""
    cli = context_of(ctx)
    before, after = migrate.upgrade(cli.get_database(), keyring=cli.get_keyring())
    if before == after:
        typer.echo(f"database is up to date (revision {after})")
    else:
        typer.echo(f"database migrated from {before or 'empty'} to {after}")


@app.command("current")
@handles_errors
def current(ctx: typer.Context) -> None:
    """Show the database's schema revision and the newest one available."""
    db = context_of(ctx).get_database()
    with db.engine.connect() as connection:
        revision = migrate.current_revision(connection)
    typer.echo(f"database: {revision or 'not migrated'}; newest: {migrate.head_revision()}")
