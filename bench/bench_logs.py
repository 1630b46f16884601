"""Web log import: casewarden against GoAccess on the same generated combined log.

    .venv/bin/python bench/bench_logs.py [--lines N] [--keep FILE] [--postgres URL]

Generates a realistic nginx/Apache combined log (page views, assets, downloads,
errors, bots, IPv6, query strings, a few malformed lines), then in the same run:

* casewarden: ``import_log`` into a fresh, migrated SQLite database (and PostgreSQL
  when ``--postgres`` or ``CASEWARDEN_BENCH_POSTGRES_URL`` is given), in this process,
  one core; wall time and this process's CPU time;
* GoAccess (Debian package ``goaccess``), one process, writing its JSON report.

Prints one table with lines per second and the ratio to GoAccess. The figures go
into docs/benchmarks.md by hand ("Web log import").
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PAGES = [
    "/", "/services", "/privacy", "/comment-policy", "/forms", "/contact", "/privacy/review",
    "/privacy/my-visits", "/es/", "/es/services", "/es/forms", "/about/offices",
    "/about/offices/sacramento", "/news", "/faq", "/payments", "/payments/how-to-pay",
    "/employers", "/employers/income-withholding", "/parents/establishing-paternity",
]  # fmt: skip
ASSETS = [
    "/static/casewarden.css", "/static/portal.css", "/img/logo.png", "/img/banner.jpg",
    "/favicon.ico", "/js/site.js", "/fonts/body.woff2", "/robots.txt",
]  # fmt: skip
DOCUMENTS = [
    "/forms/application-for-services/download", "/forms/change-of-address/download",
    "/docs/FL-150.pdf", "/docs/income-and-expense.pdf", "/docs/handbook.docx",
]  # fmt: skip
REFERRERS = (
    ["-"] * 40
    + [f"https://www.{site}/" for site in ("google.com", "bing.com", "duckduckgo.com")] * 8
    + [f"https://www.lcsa.example/{page.lstrip('/')}" for page in PAGES] * 2
    + [f"https://site{n}.example.org/links?ref={n}" for n in range(150)]
)
BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{v}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/{w}.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS {i}_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/{i}.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android {a}; SM-S91{a}B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{v}.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:{f}.0) Gecko/20100101 Firefox/{f}.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.0.0",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "curl/8.{c}.0",
]


def _agents(rng: random.Random) -> list[str]:
    pool: set[str] = set()
    while len(pool) < 250:  # of ~300 possible combinations
        template = rng.choice(BROWSERS)
        pool.add(
            template.format(
                v=rng.randint(100, 131),
                w=rng.randint(14, 18),
                i=rng.randint(14, 18),
                a=rng.randint(10, 15),
                f=rng.randint(110, 132),
                c=rng.randint(0, 12),
            )
        )
    return sorted(pool)


def generate(path: Path, lines: int, seed: int = 7) -> None:
    """Write ``lines`` lines of combined log to ``path``."""
    rng = random.Random(seed)
    agents = _agents(rng)
    clients = [
        f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        for _ in range(20_000)
    ] + [f"2001:db8:{rng.randint(0, 65535):x}::{rng.randint(1, 65535):x}" for _ in range(1000)]
    moment = datetime(2026, 10, 1, 7, 0, tzinfo=UTC)
    step = timedelta(days=30) / lines
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for _ in range(lines):
            moment += step
            local = moment.astimezone(UTC) - timedelta(hours=7)
            stamp = local.strftime("%d/%b/%Y:%H:%M:%S -0700")
            if rng.random() < 0.001:
                out.write(
                    rng.choice(["garbage line", "", '1.2.3.4 - - [bad] "GET /" 200 1']) + "\n"
                )
                continue
            roll = rng.random()
            status, method = 200, "GET"
            if roll < 0.58:
                target = rng.choice(PAGES)
                if rng.random() < 0.1:
                    target += f"?q=term{rng.randint(1, 999)}&lang=es"
                status = rng.choice([200] * 9 + [304])
            elif roll < 0.85:
                target = rng.choice(ASSETS)
            elif roll < 0.91:
                target = rng.choice(DOCUMENTS)
            elif roll < 0.96:
                target, status = f"/missing/{rng.randint(1, 500)}", 404
            elif roll < 0.98:
                target, method, status = "/contact", "POST", 303
            else:
                target, status = rng.choice(PAGES), 500
            user = "-" if rng.random() < 0.99 else "frank"
            out.write(
                f'{rng.choice(clients)} - {user} [{stamp}] "{method} {target} HTTP/1.1" {status} '
                f'{rng.randint(200, 90_000)} "{rng.choice(REFERRERS)}" "{rng.choice(agents)}"\n'
            )


@dataclass
class Result:
    """One tool's run."""

    tool: str
    seconds: float
    cpu_seconds: float
    lines: int
    note: str = ""


def _timed(work: Callable[[], str]) -> tuple[float, float, str]:
    wall, cpu = time.perf_counter(), time.process_time()
    note = work()
    return time.perf_counter() - wall, time.process_time() - cpu, note


def run_casewarden(log: Path, lines: int, url: str, label: str) -> Result:
    """Import into a fresh database at ``url``; time only the import itself."""
    from casewarden.agencies.service import ensure_default_agency
    from casewarden.db.engine import build_engine, database_from_engine
    from casewarden.db.migrate import upgrade
    from casewarden.db.scope import Scope
    from casewarden.privacy import log_import
    from casewarden.privacy.models import VisitRecord

    database = database_from_engine(build_engine(url))
    upgrade(database)
    with database.transaction(Scope.system()) as session:
        agency_id = ensure_default_agency(session=session, code="bench", name="Bench").id
    log_import.clear_caches()

    def work() -> str:
        with database.transaction(Scope.system()) as session:
            report = log_import.import_log(
                session=session,
                path=log,
                agency_id=agency_id,
                raw_ip_hours=24,
                own_hosts=frozenset({"www.lcsa.example"}),
                force=True,
            )
        return f"{report.imported:,} kept, {report.skipped:,} skipped, {report.malformed} malformed"

    seconds, cpu, note = _timed(work)
    with database.transaction(Scope.system()) as session:
        from sqlalchemy import func, select

        stored = session.scalar(select(func.count()).select_from(VisitRecord)) or 0
    database.dispose()
    return Result(label, seconds, cpu, lines, f"{note}; {stored:,} rows stored")


def run_goaccess(log: Path, lines: int, workdir: Path) -> Result | None:
    """GoAccess on the same file, one process, JSON report (its fastest complete output)."""
    binary = shutil.which("goaccess")
    if binary is None:
        return None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [binary, str(log), "--log-format=COMBINED", "--no-progress", "--no-global-config",
         "-o", str(workdir / "goaccess.json")],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    version = subprocess.run(
        [binary, "--version"], capture_output=True, text=True, check=False
    ).stdout.split("\n", 1)[0]
    return Result("GoAccess", seconds, cpu, lines, version.strip())


def main() -> int:
    """Generate, run both, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="also keep the generated log here")
    parser.add_argument("--postgres", default=os.environ.get("CASEWARDEN_BENCH_POSTGRES_URL"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cw-bench-") as tmp:
        workdir = Path(tmp)
        log = workdir / "access.log"
        generate(log, args.lines)
        if args.keep:
            shutil.copyfile(log, args.keep)
        size_mb = log.stat().st_size / 1e6
        results = [
            run_casewarden(
                log, args.lines, f"sqlite:///{workdir / 'bench.db'}", "casewarden (SQLite)"
            )
        ]
        if args.postgres:
            results.append(_postgres(log, args.lines, args.postgres))
        goaccess = run_goaccess(log, args.lines, workdir)
        if goaccess:
            results.append(goaccess)

    print(f"\n{args.lines:,} combined-format lines ({size_mb:.0f} MB), one process each\n")
    columns = ("tool", "wall s", "CPU s", "lines/s", "lines/CPU-s", "vs GoAccess")
    widths = (24, 7, 6, 10, 11, 11)
    print(
        "| "
        + " | ".join(
            c.ljust(w) if n == 0 else c.rjust(w)
            for n, (c, w) in enumerate(zip(columns, widths, strict=True))
        )
        + " |"
    )
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    # Per CPU-second is the per-core figure: it does not move when the machine is shared.
    reference = goaccess.lines / goaccess.cpu_seconds if goaccess else None
    for result in results:
        per_cpu = result.lines / max(result.cpu_seconds, 1e-9)
        cells = (
            result.tool.ljust(24),
            f"{result.seconds:>7.2f}",
            f"{result.cpu_seconds:>6.2f}",
            f"{result.lines / result.seconds:>10,.0f}",
            f"{per_cpu:>11,.0f}",
            f"{per_cpu / reference:>10.2f}x" if reference else f"{'n/a':>11}",
        )
        print("| " + " | ".join(cells) + " |")
    print()
    for result in results:
        print(f"- {result.tool}: {result.note}")
    if goaccess is None:
        print("- GoAccess: not installed (apt-get install goaccess); no comparison")
    return 0


def _postgres(log: Path, lines: int, url: str) -> Result:
    """The casewarden run against PostgreSQL, in a schema of its own that is dropped after."""
    from pg_schema import own_schema

    with own_schema(url) as scoped:
        return run_casewarden(log, lines, scoped, "casewarden (PostgreSQL)")


if __name__ == "__main__":
    raise SystemExit(main())
