"""The commands docs/operations.md tells an operator to run exist, with the options it gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
import typer.main

from casewarden.cli import app

DOC = Path(__file__).resolve().parent.parent / "docs" / "operations.md"
_COMMAND = r"casewarden ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)?)((?: --[a-z-]+(?: [^ `-][^ `]*)?)*)"
#: In a code block a command starts its line; in prose it is quoted with backticks.
_IN_BLOCK = re.compile(r"^\s*" + _COMMAND)
_IN_PROSE = re.compile(r"`" + _COMMAND)


def _mentioned() -> list[tuple[str, tuple[str, ...]]]:
    found, in_block = set(), False
    # Prose quotes may wrap over a line break: join each paragraph line to the next.
    lines = DOC.read_text().splitlines()
    for number, line in enumerate(lines):
        if line.strip().startswith("```"):
            in_block = not in_block
            continue
        if in_block:
            matches = _IN_BLOCK.findall(line)
        else:
            following = lines[number + 1].strip() if number + 1 < len(lines) else ""
            matches = [
                m for m in _IN_PROSE.findall(f"{line} {following}") if f"`casewarden {m[0]}" in line
            ]
        for words, options in matches:
            found.add((words, tuple(re.findall(r"--[a-z-]+", options))))
    return sorted(found)


@pytest.mark.parametrize(("words", "options"), _mentioned())
def test_every_documented_command_exists(words: str, options: tuple[str, ...]) -> None:
    command = typer.main.get_command(app)
    for word in words.split():
        if not hasattr(command, "get_command"):
            break  # the second word was an argument
        found = command.get_command(typer.Context(command), word)
        assert found is not None, f"casewarden {words}: no command {word!r}"
        command = found
    known = {name for param in command.params for name in (*param.opts, *param.secondary_opts)}
    assert set(options) <= known, f"casewarden {words}: unknown {set(options) - known}"
