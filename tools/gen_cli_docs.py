"""Write docs/cli.md from the CLI's own --help, so the reference cannot drift from the code."""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# Plain click help, not rich boxes: read before typer is imported.
os.environ["TYPER_USE_RICH"] = "0"

import typer
import typer.main
from typer.core import TyperGroup

from casewarden.cli import app

if TYPE_CHECKING:
    from typer._click import Command

OUT = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _walk(command: Command, path: list[str]) -> list[tuple[list[str], Command]]:
    """The command and, depth first, every command under it. Typer carries its own copy of
    click, so groups are recognised as Typer's, not ``click.Group``."""
    found = [(path, command)]
    if isinstance(command, TyperGroup):
        with typer.Context(command, info_name=path[-1]) as ctx:
            names = command.list_commands(ctx)
            for name in names:
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    found.extend(_walk(sub, [*path, name]))
    return found


def render() -> str:
    """The whole reference as Markdown."""
    root = typer.main.get_command(app)
    parts = [
        "# Command-line reference\n",
        "Generated from `--help` by `tools/gen_cli_docs.py`; do not edit by hand.\n",
        "Exit codes: 0 success; 1 the command ran and failed (refused, not found, broken "
        "chain, rejected input); 2 usage error; 3 configuration or database unavailable.\n",
    ]
    for path, command in _walk(root, ["casewarden"]):
        with typer.Context(command, info_name=" ".join(path), terminal_width=100) as ctx:
            text = command.get_help(ctx)
        parts.append(f"## `{' '.join(path)}`\n\n```text\n{text.rstrip()}\n```\n")
    return "\n".join(parts)


def main() -> int:
    """Write the file; with --check, fail (printing the difference) when it is out of date."""
    content = render()
    if "--check" in sys.argv:
        current = OUT.read_text() if OUT.exists() else ""
        if current == content:
            return 0
        diff = difflib.unified_diff(
            current.splitlines(keepends=True),
            content.splitlines(keepends=True),
            fromfile="docs/cli.md",
            tofile="generated",
        )
        sys.stdout.writelines(diff)
        return 1
    OUT.write_text(content)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
