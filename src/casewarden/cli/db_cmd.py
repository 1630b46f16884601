"""``casewarden db``: schema migrations, backups and restores."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casewarden.cli.context import context_of
from casewarden.cli.errors import EXIT_FAILURE, handles_errors
from casewarden.db import migrate

app = typer.Typer(help="Database schema, backups and restores.", no_args_is_help=True)


@app.command("upgrade")
@handles_errors
def upgrade(ctx: typer.Context) -> None:
    """Migrate the database to the newest schema (safe to repeat)."""
    from casewarden.backup.deployment import ensure_deployment_id

    cli = context_of(ctx)
    before, after = migrate.upgrade(cli.get_database(), keyring=cli.get_keyring())
    if before == after:
        typer.echo(f"database is up to date (revision {after})")
    else:
        typer.echo(f"database migrated from {before or 'empty'} to {after}")
    deployment, generated = ensure_deployment_id(cli.get_settings())
    if generated:
        typer.echo(
            f"deployment id {deployment} generated (kept in the data directory's "
            "deployment-id); keep it with the encryption keys"
        )


@app.command("current")
@handles_errors
def current(ctx: typer.Context) -> None:
    """Show the database's schema revision and the newest one available."""
    db = context_of(ctx).get_database()
    with db.engine.connect() as connection:
        revision = migrate.current_revision(connection)
    typer.echo(f"database: {revision or 'not migrated'}; newest: {migrate.head_revision()}")


@app.command("backup")
@handles_errors
def backup(
    ctx: typer.Context,
    destination: Annotated[
        Path,
        typer.Argument(
            help="A directory (the file is named casewarden-<deployment>-<time>.cwbackup; "
            "older backups there past CASEWARDEN_BACKUP_RETENTION_DAYS are deleted) or a "
            "new file's path."
        ),
    ],
) -> None:
    """Write a consistent copy of the database while it serves, with a manifest and checksum."""
    from casewarden.backup.service import create_backup

    cli = context_of(ctx)
    result = create_backup(
        settings=cli.get_settings(),
        database=cli.get_database(),
        keyring=cli.get_keyring(),
        destination=destination,
    )
    manifest = result.manifest
    typer.echo(
        f"backup written: {result.path} ({manifest.payload_bytes} bytes of {manifest.dialect}, "
        f"revision {manifest.schema_revision}, deployment {manifest.deployment_id})"
    )
    typer.echo(f"sha256 {result.sha256} (also in {result.path.name}.sha256)")
    typer.echo(f"keys needed to restore: {', '.join(manifest.keys) or 'none'}")
    for old in result.deleted_backups:
        typer.echo(f"deleted {old.name} (past the retention period)")
    if result.pruned_ledger_lines:
        typer.echo(f"dropped {result.pruned_ledger_lines} erasure ledger line(s) past retention")


@app.command("restore")
@handles_errors
def restore(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help="A backup file written by `db backup`.")],
    *,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace what the configured database holds (stop casewarden first)."
        ),
    ] = False,
) -> None:
    """Restore a backup into an empty database, replay the erasure ledger, verify the chain."""
    from casewarden.backup.service import restore_backup

    cli = context_of(ctx)
    result = restore_backup(
        settings=cli.get_settings(),
        database=cli.get_database(),
        keyring=cli.get_keyring(),
        source=source,
        replace_existing=force,
    )
    manifest = result.manifest
    typer.echo(
        f"restored the backup of {manifest.created_at} (deployment {manifest.deployment_id}, "
        f"revision {manifest.schema_revision})"
    )
    if result.upgraded_from is not None:
        typer.echo(f"schema upgraded from {result.upgraded_from} to {migrate.head_revision()}")
    replayed = result.replayed
    typer.echo(
        f"erasure ledger replayed ({replayed.ledger_lines} line(s)): erased again "
        f"{replayed.visits} visit record(s), {replayed.comments} comment(s), "
        f"{replayed.leads} lead(s)"
    )
    report = result.chain
    if report.ok:
        typer.echo(f"audit verify: audit chain intact: {report.entries} entries")
        return
    typer.secho(
        f"audit verify: audit chain BROKEN at entry #{report.broken_seq} "
        f"(row id {report.broken_id}): {report.reason}",
        err=True,
        fg=typer.colors.RED,
    )
    raise typer.Exit(EXIT_FAILURE)


@app.command("revision")
@handles_errors
def revision(
    message: Annotated[
        str, typer.Option("-m", "--message", help="What the migration does, one sentence.")
    ],
    postgres: Annotated[
        str | None,
        typer.Option(
            "--postgres",
            envvar="CASEWARDEN_TEST_POSTGRES_URL",
            metavar="<url>",
            help="Also check the new migration on this PostgreSQL database, in a scratch "
            "schema dropped afterwards.",
        ),
    ] = None,
) -> None:
    """Write a new migration for what the models add to the newest one (developers)."""
    from casewarden.db.revision import autogenerate_revision

    written = autogenerate_revision(message, postgres_url=postgres)
    typer.echo(
        f"wrote {written.path} (revision {written.revision}, revises {written.down_revision}); "
        f"checked on {' and '.join(written.checked_on)}: read it before committing"
    )
