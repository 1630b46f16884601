"""Build hook: compiles the detection engine with mypyc when it can; pure Python otherwise.

Everything else about the package is declared in pyproject.toml. The engine
(``src/casewarden/detect``) is plain, fully typed Python; mypyc (part of mypy, a build
requirement installed from its wheel) turns its hot modules into C extension modules that
run the same code about 1.5 times faster (docs/benchmarks.md). The compiled build is an
accelerator, never a requirement:

- without mypyc or a C compiler, or with ``CASEWARDEN_PURE_PYTHON=1`` at build time, the
  package installs as pure Python and behaves identically;
- a failed compile leaves no extension module behind (all or nothing);
- the build records a hash of every compiled source (``_compiled.sha256``); at import,
  ``casewarden.detect`` uses the compiled modules only when every source still matches, so
  an edited engine runs as the Python it now is until the next install recompiles it.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
ENGINE = ROOT / "src" / "casewarden" / "detect"
# Modules that run once per detector or not at all while scanning stay interpreted, and so do
# the package __init__ files (casewarden.detect's decides whether the compiled modules are
# current) and the training package (scikit-learn and SciPy, imported only to train).
INTERPRETED = {
    "__init__.py",
    "_build.py",
    "config.py",
    "errors.py",
    "published_policy.py",
    "redact.py",
    "pattern_cache.py",
    "registry.py",
    "rules.py",
}
MANIFEST = "_compiled.sha256"
GROUP = "casewarden.detect._compiled"


def compiled_sources() -> list[Path]:
    """The engine modules mypyc compiles."""
    return sorted(
        path
        for path in ENGINE.rglob("*.py")
        if path.name not in INTERPRETED
        and not {"data", "training"} & set(path.relative_to(ENGINE).parts)
    )


def manifest() -> str:
    """``sha256  path`` for each compiled source, paths relative to the engine package."""
    lines = []
    for path in compiled_sources():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(ENGINE).as_posix()}\n")
    return "".join(lines)


class OptionalBuildExt(build_ext):
    """Build every engine extension or none, then record the sources they were built from."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no C compiler, no Python headers...
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            print(f"casewarden: engine not compiled ({exc}); it runs as pure Python")
            return
        targets = [Path(self.build_lib) / "casewarden" / "detect"]
        if self.inplace:
            targets.append(ENGINE)
        for target in targets:
            target.mkdir(parents=True, exist_ok=True)
            (target / MANIFEST).write_text(manifest(), encoding="utf-8")


def ext_modules() -> list[object]:
    if os.environ.get("CASEWARDEN_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    # A minimal mypy configuration: the project's own (pyproject.toml) loads the pydantic
    # plugin, which the isolated build environment does not have; third-party modules the
    # engine imports (phonenumbers, usaddress) are typed Any here.
    config = Path(tempfile.mkdtemp()) / "mypy.ini"
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    config.write_text(
        f"[mypy]\npython_version = {version}\nignore_missing_imports = True\n"
        "follow_imports = silent\n"
    )
    sources = [str(path.relative_to(ROOT)) for path in compiled_sources()]
    try:
        # opt_level 1: as fast as 3 on this code (measured), and compiles sooner.
        return list(
            mypycify(
                ["--config-file", str(config), *sources],
                opt_level="1",
                group_name=GROUP,
                target_dir=str(ROOT / "build" / "mypyc"),
            )
        )
    except (Exception, SystemExit) as exc:  # a type error or unsupported construct
        print(f"casewarden: engine not compiled ({exc}); it runs as pure Python", file=sys.stderr)
        return []


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
