"""The root ``casewarden`` command and its groups.

Start-up is lazy. Each command lives in its own module, and some pull in the whole
application (SQLAlchemy, Alembic, the web stack: about half a second). The root group below
imports a command's module only when that command is needed — to run it, or to list it in
``--help`` — so ``casewarden scan`` starts with the detection engine alone. This is click's
documented "lazy loading subcommands" pattern, applied to the group Typer builds; each
command is still built by Typer exactly as an eager ``add_typer``/``command`` would build it.

A new command is one line in ``COMMANDS`` (in the order ``--help`` lists them).
"""

from __future__ import annotations

import importlib
from collections.abc import MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from casewarden.files import restrict_umask

if TYPE_CHECKING:
    from typer._click import Command, Context

#: Command name -> (module, attribute): a Typer group, or a function that is the command.
COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("casewarden.cli.serve_cmd", "serve"),
    "worker": ("casewarden.cli.worker_cmd", "worker"),
    "import": ("casewarden.cli.import_cmd", "import_comments"),
    "scan": ("casewarden.cli.scan_cmd", "scan"),
    "detect": ("casewarden.cli.detect_cmd", "app"),
    "db": ("casewarden.cli.db_cmd", "app"),
    "user": ("casewarden.cli.user_cmd", "app"),
    "agency": ("casewarden.cli.agency_cmd", "app"),
    "audit": ("casewarden.cli.audit_cmd", "app"),
    "pages": ("casewarden.cli.pages_cmd", "app"),
    "quarantine": ("casewarden.cli.quarantine_cmd", "app"),
    "archive": ("casewarden.cli.archive_cmd", "app"),
    "keys": ("casewarden.cli.keys_cmd", "app"),
    "dev": ("casewarden.cli.dev_cmd", "app"),
    "evidence": ("casewarden.cli.evidence_cmd", "app"),
    "locate": ("casewarden.cli.locate_cmd", "app"),
    "logs": ("casewarden.cli.logs_cmd", "app"),
    "privacy": ("casewarden.cli.privacy_cmd", "app"),
}
#: Commands that need neither settings nor the database: the shared context (whose module
#: imports the database layer) is not built for them.
WITHOUT_CONTEXT = frozenset({"scan"})

_SETTINGS: dict[str, Any] = {
    "no_args_is_help": True,
    "add_completion": False,
    "pretty_exceptions_enable": False,
}


def _build(name: str) -> Command:
    """Import the command's module and build its click command as the eager app would: a
    holder app with the root's settings registers it the same way, and Typer builds it."""
    module, attribute = COMMANDS[name]
    target = getattr(importlib.import_module(module), attribute)
    holder = typer.Typer(**_SETTINGS)
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name)
    else:
        holder.command(name)(target)
    holder.callback()(_holder_callback)  # a group even with one command
    group = typer.main.get_command(holder)
    assert isinstance(group, TyperGroup)
    return group.commands[name]


def _holder_callback() -> None:
    """Only makes the holder app a group."""


class LazyGroup(TyperGroup):
    """A command group whose commands are built on first use (see the module docstring)."""

    _built: dict[str, Command]

    @property
    def commands(self) -> MutableMapping[str, Command]:
        """Every command, built, in ``COMMANDS`` order: for help and the generated reference."""
        for name in COMMANDS:
            if name not in self._built:
                self._built[name] = _build(name)
        ordered = {name: self._built[name] for name in COMMANDS}
        ordered.update((name, command) for name, command in self._built.items())
        return ordered

    @commands.setter
    def commands(self, value: MutableMapping[str, Command]) -> None:
        self._built = dict(value)

    def add_command(self, cmd: Command, name: str | None = None) -> None:
        name = name or cmd.name
        if name is None:
            raise TypeError("Command has no name.")
        self._built[name] = cmd

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in self._built and cmd_name in COMMANDS:
            self._built[cmd_name] = _build(cmd_name)
        return self._built.get(cmd_name)

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.commands)


app = typer.Typer(
    name="casewarden",
    help="Keeps child support case information where it belongs.",
    cls=LazyGroup,
    **_SETTINGS,
)


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
    # First, before any file is written: the database, its log, secrets, exports.
    restrict_umask()
    if ctx.invoked_subcommand in WITHOUT_CONTEXT:
        return
    from casewarden.cli.context import CliContext

    if not isinstance(ctx.obj, CliContext):
        ctx.obj = CliContext(config_file=config)
    elif config is not None:
        ctx.obj.config_file = config
    ctx.call_on_close(ctx.obj.close)


def main() -> None:
    """Console-script entry point."""
    app()
