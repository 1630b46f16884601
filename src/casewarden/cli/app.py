"""The root ``casewarden`` command and its groups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casewarden.cli import (
    agency_cmd,
    archive_cmd,
    audit_cmd,
    db_cmd,
    dev_cmd,
    evidence_cmd,
    import_cmd,
    keys_cmd,
    logs_cmd,
    pages_cmd,
    privacy_cmd,
    scan_cmd,
    serve_cmd,
    user_cmd,
    worker_cmd,
)
from casewarden.cli.context import CliContext

app = typer.Typer(
    name="casewarden",
    help="Keeps child support case information where it belongs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(db_cmd.app, name="db")
app.add_typer(user_cmd.app, name="user")
app.add_typer(agency_cmd.app, name="agency")
app.add_typer(audit_cmd.app, name="audit")
app.add_typer(pages_cmd.app, name="pages")
app.add_typer(archive_cmd.app, name="archive")
app.add_typer(keys_cmd.app, name="keys")
app.add_typer(dev_cmd.app, name="dev")
app.add_typer(evidence_cmd.app, name="evidence")
app.add_typer(evidence_cmd.locate_app, name="locate")
app.add_typer(logs_cmd.app, name="logs")
app.add_typer(privacy_cmd.app, name="privacy")
app.command("serve")(serve_cmd.serve)
app.command("worker")(worker_cmd.worker)
app.command("import")(import_cmd.import_comments)
app.command("scan")(scan_cmd.scan)


@app.callback()
def root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            envvar="CASEWARDEN_CONFIG",
            help="A TOML settings file; CASEWARDEN_* variables override it.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """casewarden: agency page moderation, staff voice rules, locate workbench, privacy portal."""
    if not isinstance(ctx.obj, CliContext):
        ctx.obj = CliContext(config_file=config)
    elif config is not None:
        ctx.obj.config_file = config
    ctx.call_on_close(ctx.obj.close)


def main() -> None:
    """Console-script entry point."""
    app()
