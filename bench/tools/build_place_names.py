"""Rebuild the lists of place names shipped with the engine.

A capitalised pair such as "Baldwin Park" or "Virginia Beach" is a given name and a surname
to the name gazetteers; the person recognizer sets such pairs aside when they are a place.
The places come from libphonenumber's geocoding data, as the ``phonenumbers`` package ships
it (Apache 2.0): the English description of every North American prefix is "City, ST".
Only names of two or more words are kept (a one-word place is not a name pair); they are
written folded (lower case, ASCII), one a line, to ``data/names/us_places.txt``.

The same data gives every California place, one word or more ("fresno", "san jose"),
written with the state's 58 counties to ``data/names/california_places.txt``: a place is not
a person, and the name tagger's finds are checked against it. Its region names give the
world's countries in English and Spanish, written with the US states to
``data/names/countries.txt``.

Usage::

    python bench/tools/build_place_names.py
"""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from pathlib import Path

OUT = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "casewarden"
    / "detect"
    / "data"
    / "names"
    / "us_places.txt"
)
HEADER = (
    '# US places of two words or more ("baldwin park", "virginia beach"), from\n'
    "# libphonenumber's geocoding data as shipped by the phonenumbers package (Apache 2.0).\n"
    "# Built by bench/tools/build_place_names.py; folded, one a line.\n"
)


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).lower()


CALIFORNIA = OUT.with_name("california_places.txt")
CALIFORNIA_HEADER = (
    '# California places ("fresno", "san jose"), from libphonenumber\'s geocoding data as\n'
    "# shipped by the phonenumbers package (Apache 2.0).\n"
    "# Built by bench/tools/build_place_names.py; folded, one a line.\n"
)


def places(*, state: str | None = None) -> list[str]:
    """Every multi-word "City" of a "City, ST" description of a +1 prefix, folded; with
    ``state``, every city of that state, one word or more."""
    import phonenumbers.geodata as geodata

    found: set[str] = set()
    for module in pkgutil.iter_modules(geodata.__path__):
        if not module.name.startswith("data"):
            continue
        data = importlib.import_module(f"phonenumbers.geodata.{module.name}").data
        for prefix, names in data.items():
            description = names.get("en", "") if prefix.startswith("1") else ""
            city, _, code = description.rpartition(", ")
            if len(code) != 2 or (state is None and " " not in city):
                continue
            if state is not None and code != state:
                continue
            words = _fold(city).replace(".", "").split()
            if all(w.replace("-", "").replace("'", "").isalpha() for w in words):
                found.add(" ".join(words))
    return sorted(found)


# California's 58 counties (a county is named without "County" as often as with it: "Amador
# case 23FL00412"). A fixed public list; libphonenumber names cities only.
COUNTIES = (
    "alameda", "alpine", "amador", "butte", "calaveras", "colusa", "contra costa", "del norte",
    "el dorado", "fresno", "glenn", "humboldt", "imperial", "inyo", "kern", "kings", "lake",
    "lassen", "los angeles", "madera", "marin", "mariposa", "mendocino", "merced", "modoc",
    "mono", "monterey", "napa", "nevada", "orange", "placer", "plumas", "riverside",
    "sacramento", "san benito", "san bernardino", "san diego", "san francisco", "san joaquin",
    "san luis obispo", "san mateo", "santa barbara", "santa clara", "santa cruz", "shasta",
    "sierra", "siskiyou", "solano", "sonoma", "stanislaus", "sutter", "tehama", "trinity",
    "tulare", "tuolumne", "ventura", "yolo", "yuba",
)  # fmt: skip


# The fifty states and the District of Columbia, in English and Spanish where the name differs
# ("he moved to Oklahoma", "se fue a Nuevo México"). A fixed public list.
US_STATES = (
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
    "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
    "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire",
    "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota",
    "tennessee", "texas", "utah", "vermont", "virginia", "washington", "west virginia",
    "wisconsin", "wyoming", "district of columbia", "carolina del norte", "carolina del sur",
    "dakota del norte", "dakota del sur", "hawai", "luisiana", "misisipi", "nueva jersey",
    "nueva york", "nuevo mexico", "pensilvania", "virginia occidental", "tejas",
)  # fmt: skip


def countries() -> list[str]:
    """Every country and territory's name in English and Spanish, folded ("saudi arabia",
    "arabia saudita"), from libphonenumber's region names."""
    from phonenumbers.geodata.locale import LOCALE_DATA

    found: set[str] = set()
    for names in LOCALE_DATA.values():
        for language in ("en", "es"):
            name = names.get(language, "")
            while name.startswith("*"):  # "*aa": the same as another language's entry
                name = names.get(name[1:], "")
            words = _fold(name).replace(".", "").replace(",", "").split()
            if words and all(w.replace("-", "").replace("'", "").isalpha() for w in words):
                found.add(" ".join(words))
    return sorted(found)


COUNTRIES = OUT.with_name("countries.txt")
COUNTRIES_HEADER = (
    "# Countries and territories in English and Spanish, from libphonenumber's region names as\n"
    "# shipped by the phonenumbers package (Apache 2.0), and the US states (a public list, in\n"
    "# the tool): a country or a state is not a person.\n"
    "# Built by bench/tools/build_place_names.py; folded, one a line.\n"
)


def main() -> None:
    names = places()
    OUT.write_text(HEADER + "\n".join(names) + "\n", encoding="ascii")
    print(f"wrote {len(names)} places to {OUT}")
    california = sorted(set(places(state="CA")) | set(COUNTIES))
    CALIFORNIA.write_text(CALIFORNIA_HEADER + "\n".join(california) + "\n", encoding="ascii")
    print(f"wrote {len(california)} California places to {CALIFORNIA}")
    world = sorted(set(countries()) | set(US_STATES))
    COUNTRIES.write_text(COUNTRIES_HEADER + "\n".join(world) + "\n", encoding="ascii")
    print(f"wrote {len(world)} countries and states to {COUNTRIES}")


if __name__ == "__main__":
    main()
