"""``casewarden keys``: encryption keys for data at rest."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.cli.context import context_of
from casewarden.cli.errors import fail, handles_errors
from casewarden.crypto.keyring import Keyring, generate_key
from casewarden.crypto.rotation import reseal_all

app = typer.Typer(help="Encryption keys for data at rest.", no_args_is_help=True)


@app.command("generate")
def generate(
    key_id: Annotated[str | None, typer.Option("--id", help="Key id (default: random).")] = None,
) -> None:
    """Print a new key entry for CASEWARDEN_ENCRYPTION_KEYS (put it first to rotate)."""
    typer.echo(generate_key(key_id))


@app.command("rotate")
@handles_errors
def rotate(ctx: typer.Context) -> None:
    """Re-seal every stored secret with the newest key on the ring."""
    cli = context_of(ctx)
    keyring = Keyring.parse(cli.get_settings().encryption_keys.get_secret_value())
    with cli.unit() as session:
        count = reseal_all(session, keyring)
        chain.record(
            session,
            subject=Subject(),
            actor=Actor.system(),
            tag=AuditTag.KEYS_RING_ROTATE,
            details={"resealed": count, "key": keyring.current_id},
        )
    typer.echo(f"re-sealed {count} value(s) with key {keyring.current_id}")


@app.command("export")
@handles_errors
def export(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Argument(
            help="A new file (0600) to carry to the key store: never beside the backups."
        ),
    ],
) -> None:
    """Write the keyring and deployment id to a private file, for the key backup."""
    from casewarden.backup.deployment import ensure_deployment_id

    cli = context_of(ctx)
    settings = cli.get_settings()
    keyring = Keyring.parse(settings.encryption_keys.get_secret_value())
    deployment, _generated = ensure_deployment_id(settings)
    body = (
        "# casewarden key backup: whoever holds this file can open every sealed value.\n"
        "# Keep it apart from the database backups (docs/operations.md).\n"
        f"CASEWARDEN_DEPLOYMENT_ID={deployment}\n"
        f"CASEWARDEN_ENCRYPTION_KEYS={settings.encryption_keys.get_secret_value()}\n"
    )
    try:
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise fail(f"{output} exists already; choose a new file") from None
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror}") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(body)
    with cli.unit() as session:
        chain.record(
            session,
            subject=Subject(),
            actor=Actor.system(),
            tag=AuditTag.KEYS_RING_EXPORT,
            details={"keys": len(keyring.keys), "current": keyring.current_id},
        )
    ids = ", ".join(kid for kid, _ in keyring.keys)
    typer.echo(f"wrote key(s) {ids} and deployment id {deployment} to {output}")
