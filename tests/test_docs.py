"""Documentation stays in step with the code: the generated CLI reference, the files named."""

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


#: An inline code span naming a file (it has an extension) or a folder (it ends in ``/``).
PATH_SPAN = re.compile(r"^\w[\w.*-]*(?:/[\w.*-]+)*(?:\.\w+|/)$")
FENCED = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def stale_paths(markdown: str, root: Path = ROOT) -> list[str]:
    """Paths in ``markdown``'s inline code that name nothing in the tree.

    A path is read below ``src/casewarden/`` when it says so or starts with one of its
    packages or modules (``process/runtime.py``), from the repository's root when it starts
    with a folder there (``tests/…``); others are relative to a folder the text names
    (``unit/…`` under tests/) and are not checked. ``module.py::name`` checks the module.
    """
    package = root / "src" / "casewarden"
    stale = []
    for span in re.findall(r"`([^`\n]+)`", FENCED.sub("", markdown)):
        path = span.split("::")[0]
        if not PATH_SPAN.match(path) or "/" not in path.rstrip("/"):
            continue
        for prefix in ("src/casewarden/", "casewarden/"):
            if path.startswith(prefix):
                base, path = package, path.removeprefix(prefix)
                break
        else:
            first = path.split("/")[0]
            if (package / first).exists():
                base = package
            elif (root / first).is_dir():
                base = root
            else:
                continue
        if not any(base.glob(path.rstrip("/"))):
            stale.append(span)
    return stale


def test_stale_paths_are_found(tmp_path: Path) -> None:
    (tmp_path / "src" / "casewarden" / "process").mkdir(parents=True)
    (tmp_path / "src" / "casewarden" / "process" / "runtime.py").touch()
    (tmp_path / "src" / "casewarden" / "cli").mkdir()
    (tmp_path / "src" / "casewarden" / "cli" / "locate_cmd.py").touch()
    (tmp_path / "src" / "casewarden" / "moderation").mkdir()
    (tmp_path / "tests").mkdir()
    text = "\n".join(
        [
            "`process/runtime.py` `src/casewarden/cli/locate_cmd.py` `cli/*_cmd.py`",
            "`process/runtime.py::ProcessRuntime` `casewarden/process/` `/console/locate`",
            "`unit/db/test_x.py` `a/b` `https://example.org/x.py`",
            "`moderation/runtime.py` `process/gone.py` `cli/evidence_cmd.py` `tests/gone.py`",
            "`src/casewarden/gone/x.py` `casewarden/web/`",
            "```sh\ncat process/old.py\n```",
        ]
    )
    assert stale_paths(text, tmp_path) == [
        "moderation/runtime.py",
        "process/gone.py",
        "cli/evidence_cmd.py",
        "tests/gone.py",
        "src/casewarden/gone/x.py",
        "casewarden/web/",
    ]


def test_paths_named_in_the_docs_exist() -> None:
    stale = {
        page.name: found
        for page in sorted((ROOT / "docs").glob("*.md"))
        if (found := stale_paths(page.read_text()))
    }
    assert stale == {}, f"docs name files that are not in the tree: {stale}"
