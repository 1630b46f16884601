"""Whether the engine runs compiled, and the switch back to its Python sources.

When a C compiler is at hand, installing casewarden compiles the engine's hot modules with
mypyc (see ``setup.py``): the same code as C extension modules, about 1.5 times faster. The
build records a hash of each source it compiled (``_compiled.sha256``). Python imports an
extension module in preference to the source beside it, so a compiled module that no longer
matches its source would silently run old code; :func:`select` therefore checks every hash
before the engine's modules are imported, and when one differs (the engine was edited since
the install), when the compiled build is missing or partial, or when ``CASEWARDEN_PURE_PYTHON``
is set, it makes the whole engine load from source. Compiled and interpreted modules are never
mixed: the compiled ones call each other directly.

This module is never compiled, and is the first one ``casewarden.detect`` imports: importing
it selects the build (``COMPILED``).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from pathlib import Path
from types import ModuleType

PACKAGE = __name__.rpartition(".")[0]
HERE = Path(__file__).resolve().parent
MANIFEST = "_compiled.sha256"
LIBRARY = "_compiled__mypyc"


class SourceOnly(MetaPathFinder):
    """Finds the engine's modules as their ``.py`` sources, never as extension modules."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith(PACKAGE + "."):
            return None
        name = fullname.rpartition(".")[2]
        for directory in path or ():
            package = Path(directory, name)
            if (package / "__init__.py").is_file():
                return importlib.util.spec_from_file_location(
                    fullname, package / "__init__.py", submodule_search_locations=[str(package)]
                )
            module = Path(directory, name + ".py")
            if module.is_file():
                return importlib.util.spec_from_file_location(fullname, module)
        return None


def compiled_build_is_current(here: Path = HERE) -> bool:
    """Whether a complete compiled build is present and was built from the current sources."""
    if not any(here.glob(LIBRARY + ".*")):
        return False
    try:
        lines = (here / MANIFEST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    for line in lines:
        digest, _, relative = line.partition("  ")
        source = here / relative
        try:
            if hashlib.sha256(source.read_bytes()).hexdigest() != digest:
                return False
        except OSError:
            return False
        stem = source.with_suffix("")
        if not any(Path(str(stem) + suffix).is_file() for suffix in suffixes):
            return False
    return bool(lines)


def select() -> bool:
    """Use the compiled engine when it is current (True); otherwise make every engine module
    load from source (False)."""
    if not os.environ.get("CASEWARDEN_PURE_PYTHON") and compiled_build_is_current():
        return True
    if not any(isinstance(finder, SourceOnly) for finder in sys.meta_path):
        sys.meta_path.insert(0, SourceOnly())
    return False


#: Whether the compiled engine is in use (selected once, before any engine module loads).
COMPILED = select()
