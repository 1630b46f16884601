"""Write docs/cli.md from the CLI's own --help, so the reference cannot drift from the code."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Plain click help, not rich boxes: read before typer is imported.
os.environ["TYPER_USE_RICH"] = "0"

import click
import typer.main

from casewarden.cli import app

OUT = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found.extend(_walk(command.commands[name], [*path, name]))
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
        with click.Context(command, info_name=" ".join(path), terminal_width=100) as ctx:
            text = command.get_help(ctx)
        parts.append(f"## `{' '.join(path)}`\n\n```text\n{text.rstrip()}\n```\n")
    return "\n".join(parts)


def main() -> int:
    """Write the file; with --check, fail when it is out of date instead."""
    content = render()
    if "--check" in sys.argv:
        return 0 if OUT.exists() and OUT.read_text() == content else 1
    OUT.write_text(content)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
