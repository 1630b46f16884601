"""Helpers the detection tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from casewarden.detect import EntityType, ScanResult


def spans(result: ScanResult, text: str) -> list[tuple[str, str]]:
    """(entity type, covered text) for every finding: how the tables state expectations."""
    return [(f.type.value, text[f.start : f.end]) for f in result.findings]


def has(result: ScanResult, text: str, kind: EntityType, value: str) -> bool:
    """Whether a finding of ``kind`` covers exactly ``value``."""
    return (kind.value, value) in spans(result, text)
