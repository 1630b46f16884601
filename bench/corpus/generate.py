"""Generate the labelled corpus of agency-page comments (seeded, reproducible).

    python bench/corpus/generate.py                      # writes bench/corpus/comments.jsonl
    python bench/corpus/generate.py --cli 20000 OUT      # unlabelled {"id","text"} lines

Each record: ``id``, ``split`` ("dev" for tuning; "heldout" and "heldout2", written apart,
their errors inspected after scoring; "heldout3" and "heldout4", written blind by a second
writer who had not seen the engine, each scored once as written, then its errors inspected;
"heldout5", written blind the same way; "heldout6", written blind by a fourth writer;
"heldout7", written blind by a fifth writer — see ``docs/benchmarks.md``),
``kind``, ``lang`` ("en", "es", "mixed"), ``text``, ``entities`` (``type``, ``start``,
``end``, Python string offsets), ``action``, ``categories``, ``case_specific`` and
``template`` (the template's index, so failures can be traced to their shape).

Noise is applied segment by segment so entity spans stay exact: lower-casing, dropped
punctuation, a letter swap in an ordinary word, an emoji, extra "!!!", and (for criticism)
ALL CAPS. Identical texts are generated only once.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fillers
import templates_dev
import templates_heldout
import templates_heldout2
import templates_heldout3
import templates_heldout4
import templates_heldout5
import templates_heldout6
import templates_heldout7

OUT = Path(__file__).resolve().parent / "comments.jsonl"
SEED = 20251121
PER_TEMPLATE = {
    "dev": 7,
    "heldout": 6,
    "heldout2": 6,
    "heldout3": 6,
    "heldout4": 6,
    "heldout5": 6,
    "heldout6": 6,
    "heldout7": 6,
}

ENTITY_SLOTS = {
    "SSN": "US_SSN",
    "SSN_DASH": "US_SSN",
    "ITIN": "US_SSN",
    "PHONE": "PHONE_NUMBER",
    "CASE": "CASE_NUMBER",
    "DOB": "DATE_OF_BIRTH",
    "DOB_ES": "DATE_OF_BIRTH",
    "ADDR": "STREET_ADDRESS",
    "ADDR_FULL": "STREET_ADDRESS",
    "CALLE": "STREET_ADDRESS",
    "EMAIL": "EMAIL_ADDRESS",
    "NAME": "PERSON",
    "FIRST": "PERSON",
    "LAST": "PERSON",
    "BANK": "BANK_ACCOUNT",
    "ROUTING": "ROUTING_NUMBER",
    "CARD": "CREDIT_CARD",
    "DL": "DRIVER_LICENSE",
    "IP": "IP_ADDRESS",
    "COND": "MEDICAL",
    "COND_ES": "MEDICAL",
}
VERBATIM = "_verbatim"
_SLOT = re.compile(r"\{(=[A-Z_]+:[^}]+|[A-Z_]+?)([0-9]?)\}")


def _value(slot: str, v: fillers.Values) -> str:
    r = v.rng
    match slot:
        case "SSN":
            return v.ssn()
        case "SSN_DASH":
            return v.ssn("dash")
        case "ITIN":
            return v.itin()
        case "PHONE":
            return v.phone()
        case "CASE":
            return v.case_number()
        case "DOB":
            return v.dob()
        case "DOB_ES":
            return v.dob(spanish=True)
        case "ADDR":
            return v.address(full=False)
        case "ADDR_FULL":
            return v.address(full=True)
        case "CALLE":
            return v.calle()
        case "EMAIL":
            return v.email()
        case "NAME":
            return v.full_name()
        case "FIRST":
            return v.first()
        case "LAST":
            return v.choice(v.pools.last)
        case "BANK":
            return v.bank()
        case "ROUTING":
            return v.routing()
        case "CARD":
            return v.card()
        case "DL":
            return v.dl()
        case "IP":
            return v.ip()
        case "COND":
            return v.condition()
        case "COND_ES":
            return v.condition(spanish=True)
        case "EMPLOYER":
            return v.employer()
        case "EMPLOYER_ES":
            return v.employer(spanish=True)
        case "CITY":
            return v.city()
        case "FAR":
            return v.far()
        case "MONEY":
            return v.money()
        case "SMALL_MONEY":
            return v.small_money()
        case "AGENCY_PHONE":
            return v.choice(fillers.AGENCY_PHONES)
        case "AGENCY_ADDR":
            return v.choice(fillers.AGENCY_ADDRESSES)
        case "AGENCY_EMAIL":
            return fillers.AGENCY_EMAIL
        case "OFFICIAL":
            return v.choice(fillers.OFFICIALS)
        case "TITLED_OFFICIAL":
            title, name = r.choice(fillers.OFFICIAL_TITLES)
            return f"{title} {name}"
        case "STAFF_FIRST":
            return v.choice(fillers.STAFF_FIRST)
        case "EVENT_DATE":
            return v.event_date()
        case "WEEKDAY":
            return v.weekday()
        case "YEARS":
            return v.years()
        case "N":
            return v.n()
        case "CURSE":
            return v.curse()
        case "CURSE_ES":
            return v.curse(spanish=True)
    raise KeyError(slot)


def _segments(text: str, v: fillers.Values) -> list[tuple[str, str | None]]:
    """Split a template into (text, entity type or None) segments with values filled in."""
    out: list[tuple[str, str | None]] = []
    cursor = 0
    for match in _SLOT.finditer(text):
        out.append((text[cursor : match.start()], None))
        slot = match.group(1)
        if slot.startswith("="):
            kind, literal = slot[1:].split(":", 1)
            out.append((literal, kind))
        else:
            # Filled values that are not entities (agency phone, official...) are kept
            # verbatim: noise must not turn the agency's number into someone else's.
            out.append((_value(slot, v), ENTITY_SLOTS.get(slot, VERBATIM)))
        cursor = match.end()
    out.append((text[cursor:], None))
    return [s for s in out if s[0]]


def _typo(word_text: str, rng: random.Random) -> str:
    words = word_text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not candidates:
        return word_text
    i = rng.choice(candidates)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def _noise(
    segments: list[tuple[str, str | None]], kind: str, rng: random.Random
) -> list[tuple[str, str | None]]:
    lower = rng.random() < 0.22
    caps = kind == "criticism" and rng.random() < 0.12
    strip_punct = rng.random() < 0.15
    typo = rng.random() < 0.12
    out = []
    typo_done = False
    for text, label in segments:
        if label is None:  # template wording, not a filled value
            if strip_punct:
                text = re.sub(r"[.,;!?¿¡]", "", text)
            if typo and not typo_done and len(text) > 12:
                text = _typo(text, rng)
                typo_done = True
        if caps:
            text = text.upper()
        elif lower:
            text = text.lower()
        out.append((text, label))
    tail = rng.random()
    if tail < 0.15:
        out.append((" " + fillers.EMOJI[rng.randrange(len(fillers.EMOJI))], None))
    elif tail < 0.22 and kind in ("criticism", "criticism_profanity", "case_third", "pii"):
        out.append(("!!!", None))
    return out


def _record(
    split: str, index: int, template: tuple[str, str, dict[str, Any]], v: fillers.Values
) -> dict[str, Any]:
    kind, text, extra = template
    segments = _noise(_segments(text, v), kind, v.rng)
    parts: list[str] = []
    entities: list[dict[str, Any]] = []
    cursor = 0
    for value, label in segments:
        if label is not None and label != VERBATIM:
            entities.append({"type": label, "start": cursor, "end": cursor + len(value)})
        parts.append(value)
        cursor += len(value)
    body = "".join(parts)
    stripped = len(body) - len(body.lstrip())
    body = body.strip()
    for entity in entities:
        entity["start"] -= stripped
        entity["end"] -= stripped
    categories = set(extra.get("categories", []))
    for entity in entities:
        # A name alone is not a disclosure (DESIGN.md, "Names"): a template that hides a
        # name says why (case facts, a child's name) in its own categories.
        if entity["type"] == "MEDICAL":
            categories.add("case_details")
        elif entity["type"] != "PERSON":
            categories.add("pii")
    order = ["pii", "case_details", "profanity", "threat", "harassment", "scam"]
    action = extra.get("action") or ("hide" if categories else "allow")
    return {
        "split": split,
        "kind": kind,
        "lang": extra.get("lang", "en"),
        "text": body,
        "entities": entities,
        "action": action,
        "categories": [c for c in order if c in categories],
        "case_specific": bool(extra.get("case_specific", False)),
        "template": f"{split}:{index}",
    }


def generate(seed: int = SEED) -> list[dict[str, Any]]:
    """All labelled splits, de-duplicated, with stable ids."""
    records = []
    seen: set[str] = set()
    for split, templates, pools in (
        ("dev", templates_dev.TEMPLATES, fillers.DEV),
        ("heldout", templates_heldout.TEMPLATES, fillers.HELDOUT),
        ("heldout2", templates_heldout2.TEMPLATES, fillers.HELDOUT),
        ("heldout3", templates_heldout3.TEMPLATES, fillers.HELDOUT3),
        ("heldout4", templates_heldout4.TEMPLATES, fillers.HELDOUT4),
        ("heldout5", templates_heldout5.TEMPLATES, fillers.HELDOUT5),
        ("heldout6", templates_heldout6.TEMPLATES, fillers.HELDOUT6),
        ("heldout7", templates_heldout7.TEMPLATES, fillers.HELDOUT7),
    ):
        rng = random.Random(f"{seed}:{split}")
        values = fillers.Values(rng, pools)
        count = 0
        for index, template in enumerate(templates):
            has_slots = "{" in template[1]
            wanted = PER_TEMPLATE[split] if has_slots else 2
            attempts = 0
            made = 0
            while made < wanted and attempts < wanted * 6:
                attempts += 1
                record = _record(split, index, template, values)
                if record["text"] in seen:
                    continue
                seen.add(record["text"])
                count += 1
                record = {"id": f"{split}-{count:04d}", **record}
                records.append(record)
                made += 1
    return records


def generate_unlabelled(n: int, seed: int) -> list[dict[str, str]]:
    """``n`` comments for throughput runs (labels dropped), in the labelled corpus's mix.

    Templates are drawn with the weights ``generate`` gives them (a template with slots
    seven or six times as often as one without), so the throughput set has the same share
    of comments to hide as the labelled corpus, about three in five: far more than a real
    page, which makes the figure conservative. Short slot-free comments repeat, as they do
    on real pages; the engine keeps no cache, so repeats are not cheaper to scan.
    """
    rng = random.Random(f"{seed}:cli")
    templates: list[tuple[tuple[str, str, dict[str, Any]], fillers.Pools]] = []
    weights: list[int] = []
    for split, group, pools in (
        ("dev", templates_dev.TEMPLATES, fillers.DEV),
        ("heldout", templates_heldout.TEMPLATES, fillers.HELDOUT),
        ("heldout2", templates_heldout2.TEMPLATES, fillers.HELDOUT),
    ):
        for template in group:
            templates.append((template, pools))
            weights.append(PER_TEMPLATE[split] if "{" in template[1] else 2)
    out: list[dict[str, str]] = []
    for i in range(n):
        template, pools = rng.choices(templates, weights)[0]
        record = _record("cli", 0, template, fillers.Values(rng, pools))
        out.append({"id": f"c{i:06d}", "text": record["text"]})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--cli", type=int, metavar="N", help="write N unlabelled comments instead")
    parser.add_argument("out", nargs="?", type=Path, default=None)
    args = parser.parse_args()
    if args.cli:
        rows = generate_unlabelled(args.cli, args.seed)
        target = args.out or Path("cli_comments.jsonl")
    else:
        rows = generate(args.seed)
        target = args.out or OUT
    with target.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} records to {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
