"""``casewarden keys``: encryption keys for data at rest."""

from __future__ import annotations

from typing import Annotated

import typer

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.tags import AuditTag
from casewarden.cli.context import context_of
from casewarden.cli.errors import handles_errors
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
        chain.append(
            session,
            chain.AuditEvent(
                actor=Actor.system(),
                tag=AuditTag.KEYS_RING_ROTATE,
                details={"resealed": count, "key": keyring.current_id},
            ),
        )
    typer.echo(f"re-sealed {count} value(s) with key {keyring.current_id}")
