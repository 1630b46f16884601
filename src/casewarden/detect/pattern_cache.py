"""The engine's compiled regexes and parsed data files, kept between runs the way Python
keeps bytecode.

Compiling the engine's two hundred regexes is a fifth of every ``casewarden scan``
start-up (about 75 ms): Python's regex compiler parses and assembles each pattern in
Python code, every run, and keeps nothing between runs (``re`` caches only in memory, and
a pickled pattern is compiled again when it is loaded). No library keeps it either, so this
module does, in the smallest way: it keeps what the compiler hands to ``_sre.compile`` (the
pattern's code and group tables) in a marshal file in the package's ``__pycache__``, next to
the bytecode, and hands it to ``_sre.compile`` again in the next run.

The engine's two TOML data files (``lexicon.toml``, ``rules.toml``) are kept in the same file
for the same reason: ``tomllib`` parses in Python too, another tenth of the start-up. Each is
kept as what ``tomllib.loads`` returned, keyed by the file's whole text, so an edited file is
parsed afresh.

Why this is safe:

- The file is keyed by the interpreter's version and the regex engine's magic number and
  code size; any other interpreter ignores it. Each entry is keyed by the pattern's source.
- Anything unexpected (a missing or unreadable file, a foreign format, an entry the engine
  rejects) falls back to ``re.compile``; the cache can only make a start faster.
- It is written where bytecode is, and only when Python writes bytecode (or by the
  install's explicit warm-up), with the same trust: whoever can write there can change the
  code itself. A test compiles every cached entry and compares it with ``re.compile``.
"""

from __future__ import annotations

import contextlib
import importlib
import marshal
import os
import re
import sys
import threading
import tomllib
from pathlib import Path
from typing import Any

try:  # CPython's regex engine (private modules, no type stubs); others compile every time
    _sre: Any = importlib.import_module("_sre")
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
    _ENGINE: tuple[int, ...] | None = (
        sys.hexversion,
        _sre.MAGIC,
        _sre.CODESIZE,
        2,  # this file's layout
    )
except (ImportError, AttributeError):  # pragma: no cover - not CPython
    _ENGINE = None

# What ``_sre.compile`` takes after the source: flags, code, groups, groupindex, indexgroup.
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_FILE = f"regexes.{sys.implementation.cache_tag}.marshal"
# Far more than the engine's patterns (about 300, with the lexicon's phrase groups): a file
# that grew past it holds patterns of older versions of the rules.
_MAX_ENTRIES = 2000


class PatternCache:
    """Compiled patterns by source, loaded from and saved to one file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._loaded = False
        self._stored: dict[str, Entry] = {}  # from the file
        self._used: dict[str, Entry] = {}  # what this process compiled: what a save keeps
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._stored_tables: dict[str, dict[str, Any]] = {}  # TOML text -> parsed, from the file
        self._used_tables: dict[str, dict[str, Any]] = {}
        self.misses = 0

    def compile(self, source: str) -> re.Pattern[str]:
        """``re.compile(source)``, from the file when it has the pattern."""
        pattern = self._compiled.get(source)
        if pattern is not None:
            return pattern
        with self._lock:
            if not self._loaded:
                self._load()
            entry = self._stored.get(source)
            pattern = _from_entry(source, entry) if entry is not None else None
            if pattern is None:
                self.misses += 1
                pattern, entry = _compile(source)
            if entry is not None:
                self._used[source] = entry
            self._compiled[source] = pattern
            return pattern

    def toml(self, text: str) -> dict[str, Any]:
        """``tomllib.loads(text)``, from the file when it has this text (the result is shared:
        callers read it and build their own structures, never change it)."""
        with self._lock:
            if not self._loaded:
                self._load()
            table = self._used_tables.get(text)
            if table is None:
                table = self._stored_tables.get(text)
                if not isinstance(table, dict):
                    self.misses += 1
                    table = tomllib.loads(text)
                self._used_tables[text] = table
            return table

    def _load(self) -> None:
        self._loaded = True
        if self.path is None or _ENGINE is None:
            return
        try:
            # Same trust as the bytecode beside it (see the module's docstring).
            data: Any = marshal.loads(self.path.read_bytes())  # noqa: S302
        except (OSError, ValueError, EOFError, TypeError):
            return
        if isinstance(data, tuple) and len(data) == 3 and data[0] == _ENGINE:
            entries, tables = data[1], data[2]
            if isinstance(entries, dict) and isinstance(tables, dict):
                self._stored = entries
                self._stored_tables = tables

    def save(self, *, force: bool = False) -> bool:
        """Write the patterns this process compiled, if any was missing from the file.

        Only when Python writes bytecode (``force`` overrides, for the install's warm-up).
        Returns whether the file was written; a file that cannot be written is left alone.
        """
        if self.path is None or _ENGINE is None or not (self._used or self._used_tables):
            return False
        if not force and sys.dont_write_bytecode:
            return False
        with self._lock:
            if self.misses == 0:
                return False
            # The file's other patterns stay (compiled by scans this process did not do),
            # unless they have piled up: then only this process's are kept.
            kept = {**self._stored, **self._used}
            if len(kept) > _MAX_ENTRIES:
                kept = dict(self._used)
            # This process's data files, so an edited file's older text is dropped; the file's
            # own when this process parsed none (a detector built after another one).
            tables = dict(self._used_tables or self._stored_tables)
            try:
                payload = marshal.dumps((_ENGINE, kept, tables))
            except ValueError:  # a TOML date or time: marshal has no such type
                # The patterns are still worth keeping; such a data file is parsed each run.
                tables = {}
                payload = marshal.dumps((_ENGINE, kept, tables))
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(payload)
            os.replace(temporary, self.path)  # readers see the old file or the new one
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            return False
        with self._lock:
            # The file now has them: the next detector built in this process writes nothing.
            self._stored = kept
            self._stored_tables = tables
            self.misses = 0
        return True


def _compile(source: str) -> tuple[re.Pattern[str], Entry | None]:
    """Compile as ``re._compiler.compile`` does, keeping what it gives ``_sre.compile``."""
    if _ENGINE is None:  # pragma: no cover - not CPython
        return re.compile(source), None
    parsed = _parser.parse(source, 0)
    # Plain ints: the opcodes are an int subclass, which marshal does not write.
    code = [int(op) for op in _compiler._code(parsed, 0)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry: Entry = (
        parsed.state.flags,
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    pattern: re.Pattern[str] = _sre.compile(source, *entry)
    return pattern, entry


def _from_entry(source: str, entry: Entry) -> re.Pattern[str] | None:
    try:
        pattern: re.Pattern[str] = _sre.compile(source, *entry)
    except (TypeError, ValueError, RuntimeError, OverflowError):
        return None  # not what this engine accepts: compiled afresh instead
    return pattern


_cache: PatternCache | None = None


def pattern_cache() -> PatternCache:
    """The process's cache (its file beside this module's bytecode)."""
    global _cache
    if _cache is None:
        _cache = PatternCache(Path(__file__).resolve().parent / "__pycache__" / _FILE)
    return _cache


def regex(source: str) -> re.Pattern[str]:
    """``re.compile(source)`` for the engine's own patterns, through the cache."""
    return pattern_cache().compile(source)


def parsed_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)`` for the engine's own data files, through the cache (read it,
    never change it)."""
    return pattern_cache().toml(text)


def warm() -> int:
    """Build a detector, scan the lexicon, and write the cache (the install's step)."""
    from casewarden.detect.engine import Detector
    from casewarden.detect.lexicon import lexicon_data

    detector = Detector()
    # A lexicon group's regex is compiled the first time a comment holds its words: each
    # term, scanned alone and after a possessive (the gates of kinship and facts ask for
    # one), compiles most of them.
    terms = [t for section in lexicon_data().values() for ts in section.values() for t in ts]
    terms += [w for rule in detector.rules.recognizers for w in rule.context]
    for term in terms:
        detector.scan(term)
        detector.scan(f"my {term} and his {term} 12")
    cache = pattern_cache()
    written = cache.save(force=True)
    print(f"regex cache: {len(cache._used)} patterns, {'written' if written else 'up to date'}")
    return 0
