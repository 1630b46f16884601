"""Documentation that is generated from the code stays in step with it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
import typer.main
from typer.core import TyperGroup

from casewarden.cli import app

if TYPE_CHECKING:
    from typer._click import Command

ROOT = Path(__file__).resolve().parent.parent


def test_cli_reference_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_cli_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, f"docs/cli.md is stale: run `make docs`\n{result.stdout}"


def _sections(reference: str) -> dict[str, str]:
    """docs/cli.md's sections by command path (``casewarden db upgrade``)."""
    parts = re.split(r"^## `([^`]+)`$", reference, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _every_command(command: Command, path: str) -> list[tuple[str, Command]]:
    """The command and every visible command under it, walked through click's own API."""
    found = [(path, command)]
    if isinstance(command, TyperGroup):
        with typer.Context(command, info_name=path) as ctx:
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                if not sub.hidden:
                    found.extend(_every_command(sub, f"{path} {name}"))
    return found


def test_cli_reference_has_every_command_and_option() -> None:
    sections = _sections((ROOT / "docs" / "cli.md").read_text())
    root = typer.main.get_command(app)
    commands = _every_command(root, "casewarden")
    assert "casewarden db upgrade" in dict(commands)  # subcommands are walked, not just groups
    assert sorted(sections) == sorted(path for path, _ in commands)
    for path, command in commands:
        for param in command.params:
            if getattr(param, "hidden", False):
                continue
            for flag in (*param.opts, *param.secondary_opts):
                if flag.startswith("-"):
                    assert flag in sections[path], f"{path}: {flag} missing from docs/cli.md"


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme
    assert "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
