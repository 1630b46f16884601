"""Rebuild the list of frequent Spanish words shipped with the engine.

The name tagger proposes lower-case names ("mi ex brenda"); a lower-case word that is an
ordinary Spanish word ("pura feria", "tres dias", "gastos adicionales") names no one. The
words are the 15,000 most frequent Spanish words of ``wordfreq`` (Robyn Speer; its word
lists are CC BY-SA 4.0, built from Wikipedia, subtitles, news, books, the web, Twitter and
Reddit), folded (lower case, ASCII), minus every word that is also a given name in the
Census, modern or Spanish lists or a curated Hispanic surname: "rosa", "luz", "garcia"
stay names. Written one a line to ``data/names/spanish_words.txt``.

wordfreq is needed only here, never at run time or install (its wheel is 56 MB)::

    pip install wordfreq && python bench/tools/build_spanish_words.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

NAMES = Path(__file__).resolve().parents[2] / "src" / "casewarden" / "detect" / "data" / "names"
OUT = NAMES / "spanish_words.txt"
TOP = 15_000
NAME_LISTS = ("census_first_names.txt", "given_names_es.txt", "given_names_modern.txt",
              "surnames_es.txt")  # fmt: skip


def folded(word: str) -> str:
    """Lower case, accents removed (as the engine folds text)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def entries(name: str) -> set[str]:
    """A name list's folded entries."""
    lines = (NAMES / name).read_text(encoding="utf-8").splitlines()
    return {folded(line.strip()) for line in lines if line.strip() and not line.startswith("#")}


def main() -> None:
    """Write the list."""
    from importlib.metadata import version

    import wordfreq

    names: set[str] = set()
    for name in NAME_LISTS:
        names |= entries(name)
    words = {folded(w) for w in wordfreq.top_n_list("es", TOP)}
    kept = sorted(w for w in words if w.isalpha() and w.isascii() and w not in names)
    header = (
        f"# The {TOP:,} most frequent Spanish words of wordfreq {version('wordfreq')} (CC BY-SA\n"
        "# 4.0, Robyn Speer et al.), folded, minus given names and Hispanic surnames of the\n"
        "# other lists. Made by bench/tools/build_spanish_words.py; see data/README.md.\n"
    )
    OUT.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} words written to {OUT}")


if __name__ == "__main__":
    main()
