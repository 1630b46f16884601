"""``casewarden scan`` as it would start if the package and CLI imported lazily.

Today ``casewarden/__init__.py`` imports the settings (pydantic) and ``casewarden/cli/
__init__.py`` imports every command module (SQLAlchemy, Alembic, FastAPI pieces) before any
command runs: about 0.4 s that ``casewarden scan`` never uses. Those files are outside the
detection branch, so this script measures the difference instead of changing them: it
registers empty package objects for ``casewarden`` and ``casewarden.cli`` (no ``__init__``
runs) and then runs the very same ``scan`` command. Used by ``bench_detect.py`` only.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path


def _bare_package(name: str, root: Path) -> None:
    module = types.ModuleType(name)
    module.__path__ = [str(root.joinpath(*name.split(".")[1:]))]
    sys.modules[name] = module


def main() -> None:
    spec = importlib.util.find_spec("casewarden")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("casewarden is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    _bare_package("casewarden", root)
    _bare_package("casewarden.cli", root)
    import typer

    from casewarden.cli.scan_cmd import scan

    app = typer.Typer(add_completion=False)
    app.command()(scan)
    app()


if __name__ == "__main__":
    main()
