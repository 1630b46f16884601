"""Moderation benchmark: sustained signed deliveries to a running server, time to hide.

    python bench/bench_moderation.py [--rate 200] [--seconds 30] [--hide-share 0.3]
                                     [--database-url postgresql+psycopg://...]

Starts, as separate processes on this machine: the fake Graph server
(``casewarden dev fake-graph``) and ``casewarden serve`` (worker inside, embedded SQLite
unless ``--database-url`` is given), registers a page, then sends signed Meta deliveries
(one comment each, ``--hide-share`` of them carrying protected information) at a fixed rate
from a pool of client threads. Each comment id's send time is compared with the time the
fake Graph server received its hide call. Prints throughput, webhook answer latency,
delivery-to-hide latency percentiles, and casewarden's CPU time per delivery (its processes
and their children, from /proc, over the sending and the wait for the last hides). On
PostgreSQL the run gets a schema of its own, dropped at exit. Timings are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from casewarden.crypto.keyring import generate_key
from casewarden.moderation.webhook import sign
from casewarden.platforms.fake_graph import free_port

PAGE_ID = "104723"
SECRET = "bench-app-secret-" + "s" * 24
SENSITIVE = [
    "please help, my SSN is 536-22-{n:04d}",
    "my case number is 2019-FL-{n:06d}, nobody answers",
    "mi hija nació el {d} de abril de 2015 y no recibo nada",
    "call me at (916) 555-{n:04d} about my case",
]
BENIGN = [
    "What are your office hours on Friday?",
    "This agency is useless and the wait times are ridiculous.",
    "How do I apply for services online?",
    "¿Dónde están sus oficinas?",
    "Thank you for the holiday hours update!",
]


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def wait_http(url: str, seconds: float = 30) -> None:
    """Wait until ``url`` answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not come up")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time so far of a process and its live descendants (the worker
    child `serve` starts on PostgreSQL). Linux /proc; None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return None
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) or 0.0 for child in children)


def delivery(comment_id: str, text: str) -> bytes:
    """A one-comment Meta delivery."""
    payload = {
        "object": "page",
        "entry": [
            {
                "id": PAGE_ID,
                "time": int(time.time()),
                "changes": [
                    {
                        "field": "feed",
                        "value": {
                            "item": "comment",
                            "verb": "add",
                            "comment_id": comment_id,
                            "post_id": f"{PAGE_ID}_1",
                            "parent_id": f"{PAGE_ID}_1",
                            "created_time": int(time.time()),
                            "message": text,
                            "from": {"id": "9001", "name": "A Visitor"},
                        },
                    }
                ],
            }
        ],
    }
    return json.dumps(payload).encode()


def main() -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=200.0, help="deliveries per second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--hide-share", type=float, default=0.3)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--separate-worker",
        action="store_true",
        help="run `casewarden worker` as its own process instead of inside `serve`",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="cw-bench-mod-"))
    graph_port, app_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWARDEN_")}
    env.update(
        {
            "CASEWARDEN_DATA_DIR": str(work / "var"),
            "CASEWARDEN_SECRET_KEY": "bench-secret-" + "k" * 40,
            "CASEWARDEN_ENCRYPTION_KEYS": generate_key("bench"),
            "CASEWARDEN_META_APP_SECRET": SECRET,
            "CASEWARDEN_META_VERIFY_TOKEN": "bench-verify-" + "v" * 24,
            "CASEWARDEN_META_GRAPH_URL": f"http://127.0.0.1:{graph_port}/v21.0",
            "CASEWARDEN_PLATFORM_ADAPTER": "meta",
            "CASEWARDEN_LOG_LEVEL": "WARNING",
            "CASEWARDEN_PORT": str(app_port),
        }
    )
    if args.database_url.startswith("postgresql"):
        # A schema of its own, dropped after: runs never meet an earlier run's rows.
        from pg_schema import own_schema

        with own_schema(args.database_url) as scoped:
            env["CASEWARDEN_DATABASE_URL"] = scoped
            return _serve_and_measure(args, env, work, graph_port, app_port)
    if args.database_url:
        env["CASEWARDEN_DATABASE_URL"] = args.database_url
    return _serve_and_measure(args, env, work, graph_port, app_port)


def _serve_and_measure(
    args: argparse.Namespace, env: dict[str, str], work: Path, graph_port: int, app_port: int
) -> int:
    """Start the fake Graph server and casewarden, register the page, run the load."""
    cli = [sys.executable, "-m", "casewarden"]
    log = (work / "bench.log").open("w")
    graph = subprocess.Popen(
        [*cli, "dev", "fake-graph", "--port", str(graph_port)], env=env, stdout=log, stderr=log
    )
    subprocess.run([*cli, "db", "upgrade"], env=env, check=True, stdout=log, stderr=log)
    subprocess.run(
        [
            *cli,
            "pages",
            "add",
            "--platform",
            "facebook",
            "--page-id",
            PAGE_ID,
            "--token",
            "EAAB" + "t" * 40,
        ],
        env=env,
        check=True,
        stdout=log,
        stderr=log,
    )
    serve_args = ["serve", "--no-migrate"] + (["--no-worker"] if args.separate_worker else [])
    server = subprocess.Popen([*cli, *serve_args], env=env, stdout=log, stderr=log)
    worker = (
        subprocess.Popen([*cli, "worker"], env=env, stdout=log, stderr=log)
        if args.separate_worker
        else None
    )
    try:
        wait_http(f"http://127.0.0.1:{graph_port}/_fake/calls")
        wait_http(f"http://127.0.0.1:{app_port}/healthz")
        return run(args, app_port, graph_port, [server.pid] + ([worker.pid] if worker else []))
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        server.terminate()
        graph.terminate()
        server.wait(timeout=30)
        graph.wait(timeout=30)
        log.close()


def warm_up(app_port: int, graph_port: int) -> None:
    """Send one delivery and wait for its hide: the worker is running before the clock starts."""
    body = delivery("warm-up", "my ssn is 536-22-4187")
    headers = {"content-type": "application/json", "x-hub-signature-256": sign(SECRET, body)}
    httpx.post(
        f"http://127.0.0.1:{app_port}/webhooks/meta", content=body, headers=headers, timeout=30
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        calls = httpx.get(f"http://127.0.0.1:{graph_port}/_fake/calls", timeout=30).json()
        if any(c["object_id"] == "warm-up" for c in calls):
            httpx.post(f"http://127.0.0.1:{graph_port}/_fake/reset", timeout=30)
            return
        time.sleep(0.1)
    raise SystemExit("the worker did not hide the warm-up comment")


def run(args: argparse.Namespace, app_port: int, graph_port: int, pids: list[int]) -> int:
    """Send the load, collect the timings, print the table."""
    warm_up(app_port, graph_port)
    rng = random.Random(11)
    total = int(args.rate * args.seconds)
    plan = []
    for n in range(total):
        if rng.random() < args.hide_share:
            text = rng.choice(SENSITIVE).format(n=n % 10_000, d=1 + n % 28)
            plan.append((f"c{n}", text, True))
        else:
            plan.append((f"c{n}", rng.choice(BENIGN), False))
    sent: dict[str, float] = {}
    answers: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    url = f"http://127.0.0.1:{app_port}/webhooks/meta"
    client = httpx.Client(timeout=10, limits=httpx.Limits(max_connections=args.clients))

    def send(item: tuple[str, str, bool]) -> None:
        comment_id, text, _ = item
        body = delivery(comment_id, text)
        headers = {"content-type": "application/json", "x-hub-signature-256": sign(SECRET, body)}
        started = time.time()
        response = client.post(url, content=body, headers=headers)
        finished = time.time()
        with lock:
            sent[comment_id] = started
            answers.append(finished - started)
            if response.status_code != 200:
                errors.append(response.status_code)

    cpu_before = [cpu_seconds(pid) for pid in pids]
    begin = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        for index, item in enumerate(plan):
            due = begin + index / args.rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, item)
    sending_seconds = time.monotonic() - begin
    expected = {comment_id for comment_id, _, hide in plan if hide}
    deadline = time.monotonic() + 60
    hides: dict[str, float] = {}
    while time.monotonic() < deadline:
        calls = httpx.get(f"http://127.0.0.1:{graph_port}/_fake/calls", timeout=30).json()
        hides = {c["object_id"]: c["at"] for c in calls if c["operation"] == "hide"}
        if expected <= set(hides):
            break
        time.sleep(0.5)
    client.close()
    cpu_after = [cpu_seconds(pid) for pid in pids]
    latencies = [hides[c] - sent[c] for c in expected if c in hides and c in sent]
    wrong = set(hides) - expected
    print(
        f"# moderation benchmark — {time.strftime('%Y-%m-%d')} — {platform.node()} "
        f"({os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{'PostgreSQL' if args.database_url else 'SQLite'})"
    )
    print("| measure | value |")
    print("| --- | --- |")
    offered = total / sending_seconds
    print(f"| deliveries sent | {total} in {sending_seconds:.1f} s ({offered:.0f}/s offered) |")
    print(f"| non-200 answers | {len(errors)} |")
    print(
        f"| webhook answer p50 / p99 | {statistics.median(answers) * 1000:.1f} ms / "
        f"{percentile(answers, 0.99) * 1000:.1f} ms |"
    )
    used = [
        after - before
        for before, after in zip(cpu_before, cpu_after, strict=True)
        if before is not None and after is not None
    ]
    if len(used) == len(pids):
        print(
            f"| casewarden CPU per delivery (serve{' + worker' if len(pids) > 1 else ''}, "
            f"with children) | {sum(used) / total * 1000:.2f} ms |"
        )
    received = len(set(hides) & expected)
    print(f"| hides expected / received / wrong | {len(expected)} / {received} / {len(wrong)} |")
    if latencies:
        print(f"| delivery → hide p50 | {statistics.median(latencies) * 1000:.0f} ms |")
        print(f"| delivery → hide p95 | {percentile(latencies, 0.95) * 1000:.0f} ms |")
        print(f"| delivery → hide p99 | {percentile(latencies, 0.99) * 1000:.0f} ms |")
        print(f"| delivery → hide max | {max(latencies) * 1000:.0f} ms |")
    ok = not errors and expected <= set(hides) and not wrong
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
