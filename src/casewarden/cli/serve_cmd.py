"""``casewarden serve``: migrate, then serve the public portal and the console over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from casewarden.cli.context import context_of
from casewarden.cli.errors import handles_errors
from casewarden.db import migrate
from casewarden.logging_setup import configure


@handles_errors
def serve(
    ctx: typer.Context,
    *,
    host: Annotated[
        str | None, typer.Option(help="Address to bind (default from settings).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings).")] = None,
    migrate_first: Annotated[
        bool, typer.Option("--migrate/--no-migrate", help="Migrate the database before serving.")
    ] = True,
    with_worker: Annotated[
        bool,
        typer.Option(
            "--worker/--no-worker",
            help="Run the moderation worker with the server (CASEWARDEN_WORKER_IN_SERVE).",
        ),
    ] = True,
) -> None:
    """Serve casewarden (migrating the database first)."""
    import uvicorn

    from casewarden.web.app import create_app

    cli = context_of(ctx)
    settings = cli.get_settings()
    configure(settings.log_level, fmt=settings.log_format)
    database = cli.get_database()
    if migrate_first:
        before, after = migrate.upgrade(database, keyring=cli.get_keyring())
        if before != after:
            typer.echo(f"database migrated from {before or 'empty'} to {after}", err=True)
    else:
        migrate.check_schema(database)
    # The detection engine is built before anything is served: a missing or altered model
    # stops the start with a clear message instead of failing on the first comment.
    from casewarden.moderation.scanning import build_scanner

    build_scanner(settings)
    run_worker = settings.worker_in_serve and with_worker
    # On SQLite the worker is a thread: one process shares SQLite's single writer fairly
    # (db/writer_lock.py). On PostgreSQL it is a process of its own: in one process the
    # request threads and the worker compete for the GIL and the worker falls behind
    # (docs/benchmarks.md, moderation).
    worker_thread = run_worker and database.dialect == "sqlite"
    child = _start_worker_process(cli.config_file) if run_worker and not worker_thread else None
    app = create_app(settings, database=database, run_worker=worker_thread)
    bind_host, bind_port = host or settings.host, port or settings.port
    typer.echo(
        f"casewarden serving the public portal on http://{bind_host}:{bind_port}/ "
        f"and the console on http://{bind_host}:{bind_port}/console/",
        err=True,
    )
    try:
        uvicorn.run(
            app,
            host=bind_host,
            port=bind_port,
            proxy_headers=True,
            forwarded_allow_ips=settings.forwarded_allow_ips,
            access_log=False,
            log_config=None,
            server_header=False,
        )
    finally:
        if child is not None:
            child.terminate()
            child.wait(timeout=30)


def _start_worker_process(config_file: Path | None) -> subprocess.Popen[bytes]:
    """``casewarden worker`` as a child process with the same environment and config file."""
    command = [sys.executable, "-m", "casewarden"]
    if config_file is not None:
        command += ["--config", str(config_file)]
    return subprocess.Popen(  # noqa: S603 - our own CLI, fixed arguments
        [*command, "worker", "--exit-with-parent", str(os.getpid())]
    )
