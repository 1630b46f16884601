"""The compiled-regex cache: same patterns as re.compile, or re.compile itself."""

from __future__ import annotations

import marshal
import re
import sys
import tomllib
from pathlib import Path

import pytest

from casewarden.detect import Detector
from casewarden.detect import pattern_cache as module
from casewarden.detect.lexicon import lexicon_data
from casewarden.detect.pattern_cache import PatternCache
from casewarden.detect.rules import default_rules, read_data_file

SOURCES = [
    r"[0-9]{3}-[0-9]{2}-[0-9]{4}",
    r"(?P<area>[0-9]{3})\)?[ .-]?(?P<rest>[0-9]{4})",
    r"c(?<![a-z]c)(?:ase|aso)(?![a-z])",
    r"(?i)señor\s+\w+",
    r"(?:a|b)+?(?=c)",
]


def _warm(path: Path) -> PatternCache:
    cache = PatternCache(path)
    for source in SOURCES:
        cache.compile(source)
    assert cache.save(force=True) is True
    return cache


@pytest.mark.parametrize("source", SOURCES)
def test_a_pattern_from_the_file_is_the_pattern_re_compiles(tmp_path: Path, source: str) -> None:
    path = tmp_path / "regexes.marshal"
    _warm(path)
    again = PatternCache(path)
    pattern = again.compile(source)
    assert again.misses == 0  # it came from the file
    assert pattern == re.compile(source)  # same source, flags and engine code
    assert pattern.groupindex == re.compile(source).groupindex


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal at all",
        # another interpreter's file, with an entry this one would accept
        marshal.dumps(((0, 0, 0, 1), {SOURCES[0]: module._compile(SOURCES[0])[1]})),
        marshal.dumps(["a", "list"]),
        marshal.dumps((None, None)),
        # the layout before the data files were kept: patterns only
        marshal.dumps((module._ENGINE, {SOURCES[0]: module._compile(SOURCES[0])[1]})),
    ],
)
def test_a_foreign_or_damaged_file_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "regexes.marshal"
    path.write_bytes(content)
    cache = PatternCache(path)
    assert cache.compile(SOURCES[0]) == re.compile(SOURCES[0])
    assert cache.misses == 1


def test_an_entry_the_engine_rejects_is_compiled_afresh(tmp_path: Path) -> None:
    path = tmp_path / "regexes.marshal"
    _warm(path)
    engine, entries, tables = marshal.loads(path.read_bytes())  # noqa: S302 - the test's own
    flags, code, groups, groupindex, indexgroup = entries[SOURCES[0]]
    entries[SOURCES[0]] = (flags, [255, *code[1:]], groups, groupindex, indexgroup)  # bad op
    path.write_bytes(marshal.dumps((engine, entries, tables)))
    cache = PatternCache(path)
    assert cache.compile(SOURCES[0]) == re.compile(SOURCES[0])
    assert cache.misses == 1


def test_nothing_is_written_when_python_writes_no_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = tmp_path / "regexes.marshal"
    cache = PatternCache(path)
    cache.compile(SOURCES[0])
    assert cache.save() is False
    assert not path.exists()
    assert cache.save(force=True) is True  # the install's warm-up writes it anyway
    assert path.exists()


def test_a_saved_file_is_not_written_again_by_the_same_process(tmp_path: Path) -> None:
    path = tmp_path / "regexes.marshal"
    cache = _warm(path)
    assert cache.save(force=True) is False  # nothing new since: every detector build saves
    cache.compile(r"x[0-9]+y")
    assert cache.save(force=True) is True  # a new pattern is written
    assert PatternCache(path).compile(SOURCES[0]) == re.compile(SOURCES[0])  # old ones kept


def test_an_unwritable_place_is_left_alone(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = PatternCache(blocker / "sub" / "regexes.marshal")  # its parent is a file
    cache.compile(SOURCES[0])
    assert cache.save(force=True) is False


def test_every_pattern_of_the_engine_is_kept_as_re_compiles_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "regexes.marshal"
    monkeypatch.setattr(module, "_cache", PatternCache(path))
    Detector()  # module-level patterns were compiled at import; the detector's go through
    module.pattern_cache().save(force=True)
    _engine, entries, _tables = marshal.loads(path.read_bytes())  # noqa: S302 - the test's own
    assert len(entries) > 20
    again = PatternCache(path)
    for source in entries:
        assert again.compile(source) == re.compile(source), source
    assert again.misses == 0


# -- the engine's parsed data files ---------------------------------------------------------

TOML = 'title = "x"\n[person]\nkinship = ["my son", "mi hija"]\nscore = 0.5\n'


def test_a_data_file_from_the_file_is_what_tomllib_parses(tmp_path: Path) -> None:
    path = tmp_path / "regexes.marshal"
    cache = PatternCache(path)
    assert cache.toml(TOML) == tomllib.loads(TOML)
    assert cache.misses == 1
    assert cache.save(force=True) is True
    again = PatternCache(path)
    assert again.toml(TOML) == tomllib.loads(TOML)
    assert again.misses == 0  # it came from the file


def test_an_edited_data_file_is_parsed_afresh_and_the_old_text_dropped(tmp_path: Path) -> None:
    path = tmp_path / "regexes.marshal"
    first = PatternCache(path)
    first.toml(TOML)
    first.save(force=True)
    edited = TOML.replace("0.5", "0.75")
    second = PatternCache(path)
    assert second.toml(edited)["person"]["score"] == 0.75
    assert second.misses == 1
    assert second.save(force=True) is True
    _engine, _entries, tables = marshal.loads(path.read_bytes())  # noqa: S302 - the test's own
    assert list(tables) == [edited]


def test_a_damaged_data_entry_is_parsed_afresh(tmp_path: Path) -> None:
    path = tmp_path / "regexes.marshal"
    path.write_bytes(marshal.dumps((module._ENGINE, {}, {TOML: ["not", "a", "table"]})))
    cache = PatternCache(path)
    assert cache.toml(TOML) == tomllib.loads(TOML)
    assert cache.misses == 1


def test_a_malformed_data_file_still_raises_the_toml_error(tmp_path: Path) -> None:
    cache = PatternCache(tmp_path / "regexes.marshal")
    with pytest.raises(tomllib.TOMLDecodeError):
        cache.toml("[person\nkinship = ")
    assert cache.save(force=True) is False  # nothing parsed, nothing to keep


def test_the_engines_data_files_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "regexes.marshal"
    monkeypatch.setattr(module, "_cache", PatternCache(path))
    lexicon_data.cache_clear()
    default_rules.cache_clear()
    try:
        Detector()
        module.pattern_cache().save(force=True)
    finally:
        lexicon_data.cache_clear()
        default_rules.cache_clear()
    _engine, _entries, tables = marshal.loads(path.read_bytes())  # noqa: S302 - the test's own
    texts = {read_data_file("lexicon.toml"), read_data_file("rules.toml")}
    assert set(tables) == texts
    for text in texts:
        assert tables[text] == tomllib.loads(text)


def test_a_process_that_parsed_no_data_file_keeps_the_files_own(tmp_path: Path) -> None:
    path = tmp_path / "regexes.marshal"
    first = PatternCache(path)
    first.toml(TOML)
    first.save(force=True)
    later = PatternCache(path)
    later.compile(r"z[0-9]+z")  # a new pattern, and no data file read in this process
    assert later.save(force=True) is True
    assert PatternCache(path).toml(TOML) == tomllib.loads(TOML)
    _engine, _entries, tables = marshal.loads(path.read_bytes())  # noqa: S302 - the test's own
    assert list(tables) == [TOML]


def test_a_data_file_marshal_cannot_keep_leaves_the_patterns_kept(tmp_path: Path) -> None:
    path = tmp_path / "regexes.marshal"
    dated = "when = 2026-11-21\n"  # a TOML date: marshal has no such type
    cache = PatternCache(path)
    cache.compile(SOURCES[0])
    assert cache.toml(dated) == tomllib.loads(dated)
    assert cache.save(force=True) is True
    again = PatternCache(path)
    assert again.compile(SOURCES[0]) == re.compile(SOURCES[0])
    assert again.misses == 0  # the pattern was kept
    assert again.toml(dated) == tomllib.loads(dated)
    assert again.misses == 1  # the data file was not: parsed afresh
