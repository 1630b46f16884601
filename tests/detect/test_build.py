"""The compiled engine is used only when it was built from the current sources, and it
decides exactly what the Python sources decide."""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import casewarden.detect as detect
from casewarden.detect import _build

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _compiled_tree(root: Path, sources: dict[str, str]) -> None:
    """A fake compiled build: sources, one extension file per source, the group library and
    the manifest of source hashes."""
    lines = []
    for relative, body in sources.items():
        source = root / relative
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(body)
        Path(str(source.with_suffix("")) + SUFFIX).write_bytes(b"")
        lines.append(f"{hashlib.sha256(body.encode()).hexdigest()}  {relative}\n")
    (root / (_build.LIBRARY + SUFFIX)).write_bytes(b"")
    (root / _build.MANIFEST).write_text("".join(lines))


def test_a_build_from_the_current_sources_is_used(tmp_path: Path) -> None:
    _compiled_tree(tmp_path, {"engine.py": "x = 1\n", "recognizers/person.py": "y = 2\n"})
    assert _build.compiled_build_is_current(tmp_path)


def test_an_edited_source_makes_the_whole_build_stale(tmp_path: Path) -> None:
    _compiled_tree(tmp_path, {"engine.py": "x = 1\n", "recognizers/person.py": "y = 2\n"})
    (tmp_path / "recognizers" / "person.py").write_text("y = 3\n")
    assert not _build.compiled_build_is_current(tmp_path)


@pytest.mark.parametrize("missing", ["library", "extension", "manifest"])
def test_a_partial_build_is_not_used(tmp_path: Path, missing: str) -> None:
    _compiled_tree(tmp_path, {"engine.py": "x = 1\n"})
    victim = {
        "library": tmp_path / (_build.LIBRARY + SUFFIX),
        "extension": tmp_path / ("engine" + SUFFIX),
        "manifest": tmp_path / _build.MANIFEST,
    }[missing]
    victim.unlink()
    assert not _build.compiled_build_is_current(tmp_path)


def test_no_build_at_all_is_not_current(tmp_path: Path) -> None:
    (tmp_path / "engine.py").write_text("x = 1\n")
    assert not _build.compiled_build_is_current(tmp_path)


def test_the_source_finder_prefers_the_python_file(tmp_path: Path) -> None:
    (tmp_path / "engine.py").write_text("x = 1\n")
    (tmp_path / ("engine" + SUFFIX)).write_bytes(b"")
    (tmp_path / "recognizers").mkdir()
    (tmp_path / "recognizers" / "__init__.py").write_text("")
    finder = _build.SourceOnly()
    spec = finder.find_spec(f"{_build.PACKAGE}.engine", [str(tmp_path)])
    assert spec is not None
    assert spec.origin == str(tmp_path / "engine.py")
    package = finder.find_spec(f"{_build.PACKAGE}.recognizers", [str(tmp_path)])
    assert package is not None
    assert package.submodule_search_locations == [str(tmp_path / "recognizers")]
    assert finder.find_spec("json.decoder", [str(tmp_path)]) is None


TEXTS = [
    "My SSN is 536-22-4187 and my case number is 200046310260",
    "la mama de mi hija se llama Nevaeh Kowalski 😭",
    "the mother of my kids Marcus Lewis lives at 13623 Magnolia Ave",
    "pls call me +1 213 885 8843 about case 300080464153",
    "my account number is 406260708829 routing 287908909 why is my direct deposit not working",
    "Mi ex esposo trabaja en Amazon y debe $8,000",
    "this office is useless and corrupt, fix your system",
    "you guys are f*cking idiots",
    "DM me on WhatsApp and I can get your case closed for $200",
    "my son has autism and his dad wont pay",
]


def _results(env: dict[str, str]) -> list[dict[str, object]]:
    program = (
        "import json, sys\n"
        "from casewarden.detect import Detector\n"
        "detector = Detector()\n"
        "texts = json.loads(sys.stdin.read())\n"
        "print(json.dumps([detector.scan(t).to_dict(explain=True) for t in texts]))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", program],
        input=json.dumps(TEXTS),
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    results: list[dict[str, object]] = json.loads(completed.stdout)
    return results


@pytest.mark.skipif(not detect.COMPILED, reason="the engine is not compiled in this install")
def test_compiled_and_python_engines_decide_the_same() -> None:
    compiled = _results({**os.environ})
    python = _results({**os.environ, "CASEWARDEN_PURE_PYTHON": "1"})
    assert compiled == python
    assert detect.Detector().scan(TEXTS[0]).to_dict(explain=True) == compiled[0]
