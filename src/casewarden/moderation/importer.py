"""Bringing a page's historic comments through the same pipeline as live deliveries.

Input is JSON Lines or CSV with at least ``id`` and ``text`` (or ``message``); optional
``post_id``, ``parent_id``, ``created_time``, ``author_id``, ``author_name``, ``page_id``
and ``platform``. Bad lines are reported by number and skipped; nothing else stops a run.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from casewarden.moderation.models import ItemKind, Verb
from casewarden.moderation.webhook import MAX_MESSAGE_CHARS, IncomingItem, _id, _time
from casewarden.platforms.interfaces import Platform

MAX_LINE_BYTES = 1_000_000


@dataclass
class ImportProblem:
    """A line that could not be used, and why (never its content)."""

    line: int
    reason: str


@dataclass
class ImportSummary:
    """What an import read, and (on a dry run) what the engine would do."""

    read: int = 0
    rejected: list[ImportProblem] = field(default_factory=list)
    actions: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    stored: int = 0
    duplicates: int = 0
    unknown_pages: int = 0


def _records(handle: IO[str], fmt: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    if fmt == "csv":
        reader = csv.DictReader(handle)
        for number, row in enumerate(reader, start=2):
            yield number, dict(row), None
        return
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_BYTES:
            yield number, None, "line too long"
            continue
        try:
            value = json.loads(line)
        except ValueError:
            yield number, None, "not JSON"
            continue
        if not isinstance(value, dict):
            yield number, None, "not a JSON object"
            continue
        yield number, value, None


def items(
    handle: IO[str],
    *,
    fmt: str,
    platform: Platform,
    page_id: str | None,
    summary: ImportSummary,
) -> Iterator[IncomingItem]:
    """Valid items from the file; problems are added to ``summary``."""
    for number, record, problem in _records(handle, fmt):
        if record is None:
            summary.rejected.append(ImportProblem(number, problem or "unreadable"))
            continue
        external_id = _id(record.get("id"))
        text = record.get("text", record.get("message"))
        owner = _id(record.get("page_id")) or page_id
        try:
            item_platform = Platform(record.get("platform") or platform)
        except ValueError:
            summary.rejected.append(ImportProblem(number, "unknown platform"))
            continue
        if external_id is None:
            summary.rejected.append(ImportProblem(number, "missing or bad id"))
            continue
        if not isinstance(text, str):
            summary.rejected.append(ImportProblem(number, "missing text"))
            continue
        if owner is None:
            summary.rejected.append(ImportProblem(number, "no page id (use --page-id)"))
            continue
        summary.read += 1
        parent = _id(record.get("parent_id")) or None
        post = _id(record.get("post_id")) or None
        yield IncomingItem(
            platform=item_platform,
            page_id=owner,
            external_id=external_id,
            kind=ItemKind.REPLY if parent and parent != post else ItemKind.COMMENT,
            verb=Verb.ADD,
            post_id=post,
            parent_id=parent,
            message=text[:MAX_MESSAGE_CHARS],
            author_id=_id(record.get("author_id")),
            author_name=str(record["author_name"])[:200] if record.get("author_name") else None,
            event_time=_time(record.get("created_time")),
        )


def chunks(values: Iterable[IncomingItem], size: int = 500) -> Iterator[list[IncomingItem]]:
    """Groups of ``size`` items (one transaction each)."""
    batch: list[IncomingItem] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
