"""The layers hold: no cycle between domain packages, and nothing in a domain imports upward.

The import graph is read from the source (every ``import`` statement, at module level and
inside functions, including ``TYPE_CHECKING`` blocks), so a deferred import cannot hide a
cycle that a fresh interpreter would only meet at run time.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

import casewarden

PACKAGE = Path(casewarden.__file__).parent

#: The business domains: each may import others, but never in a circle.
DOMAINS = frozenset(
    {
        "accounts",
        "agencies",
        "audit",
        "backup",
        "locate",
        "moderation",
        "monitoring",
        "outreach",
        "pages",
        "platforms",
        "policy",
        "privacy",
    }
)
#: Above the domains: the process wiring and the two faces. No domain imports them.
UPPER = frozenset({"process", "web", "cli"})
#: Below the domains, used by all: the engine, storage, keys, translations.
FOUNDATION = frozenset({"crypto", "db", "detect", "locale"})


@dataclass(frozen=True, slots=True)
class Edge:
    """One import of another casewarden package, and where it is written."""

    source: str
    target: str
    where: str


def _module_name(path: Path, package: Path) -> list[str]:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imported(node: ast.AST, module: list[str], *, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        # A package's own name is its __init__'s anchor; a module's anchor is its parent.
        anchor = module if is_package else module[:-1]
        base = anchor[: len(anchor) - node.level + 1]
        return [".".join([*base, *([node.module] if node.module else [])])]
    if node.module == "casewarden":
        return [f"casewarden.{alias.name}" for alias in node.names]
    return [node.module or ""]


def import_edges(package: Path = PACKAGE) -> list[Edge]:
    """Every import from one top-level casewarden package into another."""
    edges = []
    for path in sorted(package.rglob("*.py")):
        module = _module_name(path, package)
        if len(module) < 2:
            continue  # casewarden/__init__.py and top-level modules (config, errors, ...)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            for name in _imported(node, module, is_package=path.name == "__init__.py"):
                parts = name.split(".")
                if parts[0] == "casewarden" and len(parts) > 1 and parts[1] != module[1]:
                    where = f"{path.relative_to(package.parent)}:{getattr(node, 'lineno', 0)}"
                    edges.append(Edge(source=module[1], target=parts[1], where=where))
    return edges


def find_cycle(graph: Mapping[str, Iterable[str]]) -> list[str] | None:
    """A cycle in ``graph`` as the list of its nodes (first repeated last), or None."""
    state: dict[str, str] = {}  # "open" while on the path, "done" once fully explored
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)) is not None:
                return cycle
        path.pop()
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)) is not None:
            return cycle
    return None


@pytest.mark.parametrize(
    ("graph", "cycle"),
    [
        ({"a": ["b"], "b": ["c"], "c": []}, None),
        ({"a": ["b"], "b": ["a"]}, ["a", "b", "a"]),
        ({"a": ["b"], "b": ["c"], "c": ["b"]}, ["b", "c", "b"]),
        ({"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []}, None),
    ],
)
def test_find_cycle(graph: dict[str, list[str]], cycle: list[str] | None) -> None:
    assert find_cycle(graph) == cycle


def test_edges_count_imports_inside_functions_and_relative_ones(tmp_path: Path) -> None:
    root = tmp_path / "casewarden"
    (root / "moderation").mkdir(parents=True)
    (root / "moderation" / "__init__.py").write_text("from . import worker\n")
    (root / "moderation" / "worker.py").write_text(
        "def jobs():\n    from casewarden.outreach.private import send_pending\n"
    )
    (root / "moderation" / "cycle.py").write_text("from ..outreach import guard\n")
    edges = {(e.source, e.target, e.where) for e in import_edges(root)}
    assert edges == {
        ("moderation", "outreach", "casewarden/moderation/worker.py:2"),
        ("moderation", "outreach", "casewarden/moderation/cycle.py:1"),
    }


def test_every_package_has_a_layer() -> None:
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert packages <= DOMAINS | UPPER | FOUNDATION, "place new packages in a layer here"


def test_no_cycle_between_domains() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    seen: dict[tuple[str, str], str] = {}
    for edge in import_edges():
        if edge.source in DOMAINS and edge.target in DOMAINS:
            graph[edge.source].add(edge.target)
            seen.setdefault((edge.source, edge.target), edge.where)
    cycle = find_cycle(graph)
    where = [seen[pair] for pair in pairwise(cycle)] if cycle else []
    assert cycle is None, f"domain import cycle {' -> '.join(cycle or [])} at {where}"


def test_no_domain_imports_the_wiring_or_a_face() -> None:
    upward = [e for e in import_edges() if e.source in DOMAINS and e.target in UPPER]
    assert upward == []


def test_the_policy_engine_imports_the_audit_event_alone() -> None:
    # A fresh interpreter: the engine must not pull in the database-backed audit chain.
    code = (
        "import sys, casewarden.policy.engine;"
        "bad = [m for m in ('casewarden.audit.chain', 'casewarden.audit.models', 'sqlalchemy')"
        " if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
