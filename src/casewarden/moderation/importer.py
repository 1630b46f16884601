"""Bringing a page's historic comments through the same pipeline as live deliveries.

Input is JSON Lines or CSV (UTF-8, with or without a byte-order mark) with at least ``id``
and ``text`` (or ``message``); optional ``post_id``, ``parent_id``, ``created_time``,
``author_id``, ``author_name``, ``page_id`` and ``platform``. A bad line — not UTF-8, not
JSON, a CSV row with a stray or unclosed quote, a field over the limit, a missing id — is
reported by number and skipped; the rows around it are read. Lone surrogates escaped in JSON
are replaced by U+FFFD, as the webhook does.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from casewarden.moderation.models import ItemKind, Verb
from casewarden.moderation.webhook import (
    MAX_MESSAGE_CHARS,
    IncomingItem,
    _id,
    _time,
    clean_text,
)
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


# What ``open(..., errors="surrogateescape")`` makes of bytes that are not UTF-8.
_UNDECODABLE = re.compile("[\udc80-\udcff]")
#: The longest CSV field read (a comment is capped far below; the csv module's own default
#: limit is 131,072 characters).
MAX_FIELD_CHARS = 200_000


def open_for_import(path: Path) -> IO[str]:
    """``path`` as text for :func:`items`: UTF-8 with or without a byte-order mark (Excel
    writes one), and bytes that are not UTF-8 kept as markers so each line can be refused
    on its own rather than ending the run."""
    return path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")


def _undecodable(values: Iterable[object]) -> bool:
    return any(isinstance(v, str) and _UNDECODABLE.search(v) is not None for v in values)


def _csv_records(handle: IO[str]) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    # strict: a quote left open is an error at the end of the file, not every row after it
    # merged into one field; a stray quote inside a field is an error of its row.
    reader = csv.reader(handle, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error:
        yield 1, None, "the header row is not valid CSV"
        return
    if _undecodable(header):
        yield 1, None, "the header row is not valid UTF-8"
        return
    previous_end = reader.line_num
    while True:
        start = previous_end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            end = reader.line_num
            detail = str(exc).split(":")[0]
            if "field larger" in detail:
                yield start, None, f"a field is longer than {MAX_FIELD_CHARS:,} characters"
            elif end > start and "unexpected end of data" in detail:
                yield (
                    start,
                    None,
                    (
                        f"a quote opened on this line is never closed: lines {start} to {end} "
                        "were not read"
                    ),
                )
            else:
                yield start, None, f"not valid CSV ({detail})"
            previous_end = end
            continue
        previous_end = reader.line_num
        if not any(value.strip() for value in row):
            continue
        if _undecodable(row):
            yield start, None, "not valid UTF-8"
            continue
        if len(row) != len(header):
            yield start, None, f"{len(row)} fields where the header has {len(header)}"
            continue
        yield start, dict(zip(header, row, strict=True)), None


def _records(handle: IO[str], fmt: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    if fmt == "csv":
        previous = csv.field_size_limit()
        csv.field_size_limit(MAX_FIELD_CHARS)
        try:
            yield from _csv_records(handle)
        finally:
            csv.field_size_limit(previous)
        return
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_BYTES:
            yield number, None, "line too long"
            continue
        if _UNDECODABLE.search(line) is not None:
            yield number, None, "not valid UTF-8"
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
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
            message=clean_text(text[:MAX_MESSAGE_CHARS]),
            author_id=_id(record.get("author_id")),
            author_name=(
                clean_text(str(record["author_name"])[:200]) if record.get("author_name") else None
            ),
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
