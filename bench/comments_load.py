"""Load on the comments gate: ``byline comments serve`` (Isso behind the gate, under waitress) takes
a bounded burst of readers on 127.0.0.1, and every comment lands where it was sent.

    .venv/bin/python bench/comments_load.py                        # 2,000 requests, 50 at a time
    .venv/bin/python bench/comments_load.py --requests 200 --concurrency 10

The same request plan runs twice in one run, each against a fresh Isso database:

- **waitress**: the real command, ``byline comments serve --threads N`` (the product);
- **werkzeug** (baseline): the same app from ``byline.comments.wsgi:create_app`` under Werkzeug's
  development server, which ``byline comments serve`` ran before.

The plan, fixed by ``--seed``: 60% new comments on open threads, 20% on closed threads, 5% on
threads the build never made, 15% reads of an open thread's comments. Every new comment carries
its thread and a serial number in its text. Checked after each run, in Isso's SQLite database:
no answer is a 5xx or a dropped connection; every comment on a closed or unmade thread was
refused (403) and none is stored; every accepted comment (202) is stored exactly once, in the
thread it was sent to, and each open thread holds exactly as many comments as it accepted.
The script exits 1 if any check fails. Printed: requests per second, latency percentiles, the
ratio of waitress to the baseline, and the load average at start and end (the machine is shared).
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SITE = "http://127.0.0.1:9"  # the blog's origin as Isso knows it; never contacted (titles are sent)
REQUEST_TIMEOUT = 60  # seconds for one request: a bounded run even if the server stalls
START_TIMEOUT = 60

from byline.comments.manifest import Thread, write_manifest  # noqa: E402

BASELINE = """
import sys
from werkzeug.serving import run_simple
from byline.comments.wsgi import create_app
run_simple("127.0.0.1", int(sys.argv[3]), create_app(sys.argv[1], sys.argv[2]), threaded=True)
"""


@dataclass(frozen=True)
class Request:
    serial: int
    kind: str  # "open", "closed", "unmade" (new comments) or "read"
    uri: str


@dataclass(frozen=True)
class Answer:
    request: Request
    status: int  # 0: no answer (connection dropped or timed out)
    seconds: float
    body: bytes


def plan(count: int, open_threads: int, closed_threads: int, seed: int) -> list[Request]:
    rng = random.Random(seed)
    kinds = rng.choices(["open", "closed", "unmade", "read"], weights=[60, 20, 5, 15], k=count)
    requests = []
    for serial, kind in enumerate(kinds):
        if kind in ("open", "read"):
            uri = f"/blog/open-{rng.randrange(open_threads)}/"
        elif kind == "closed":
            uri = f"/blog/closed-{rng.randrange(closed_threads)}/"
        else:
            uri = f"/blog/never-made-{serial}/"
        requests.append(Request(serial, kind, uri))
    return requests


def write_site(folder: Path, port: int, open_threads: int, closed_threads: int) -> tuple[Path, Path]:
    manifest = folder / "threads.json"
    threads = [Thread(f"/blog/open-{n}/", f"{SITE}/blog/open-{n}/", f"Open {n}", "isso", dt.date(2026, 11, 1), None, False)
               for n in range(open_threads)]
    threads += [Thread(f"/blog/closed-{n}/", f"{SITE}/blog/closed-{n}/", f"Closed {n}", "isso", dt.date(2020, 1, 1),
                       dt.date(2020, 2, 1), True) for n in range(closed_threads)]
    write_manifest(manifest, threads, dt.date(2026, 12, 1))
    config = folder / "isso.cfg"
    config.write_text(f"""[general]
dbpath = {folder / "comments.db"}
host = {SITE}
notify = stdout

[server]
listen = http://127.0.0.1:{port}

[moderation]
enabled = true

[guard]
enabled = true
ratelimit = 1000000
direct-reply = 1000000
reply-to-self = false
""", encoding="utf-8")
    return config, manifest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command: list[str], port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    stop(process)
    raise SystemExit(f"the server did not listen on port {port} within {START_TIMEOUT} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM by pid, then SIGKILL if it lingers."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


def send(port: int, request: Request) -> Answer:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        if request.kind == "read":
            connection.request("GET", f"/?uri={request.uri}")
        else:
            body = json.dumps({"text": f"load {request.serial} on {request.uri}", "title": request.uri, "author": "Load"})
            connection.request("POST", f"/new?uri={request.uri}", body=body,
                               headers={"Content-Type": "application/json", "Origin": SITE})
        answer = connection.getresponse()
        data = answer.read()
        status = answer.status
    except (OSError, http.client.HTTPException):
        status, data = 0, b""
    finally:
        connection.close()
    return Answer(request, status, time.perf_counter() - started, data)


def run(name: str, command: list[str], port: int, folder: Path, requests: list[Request], concurrency: int) -> dict[str, object]:
    process = start(command, port, folder / f"{name}.log")
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            answers = list(pool.map(lambda r: send(port, r), requests))
        wall = time.perf_counter() - started
    finally:
        stop(process)
    problems = check(answers, folder / "comments.db")
    latencies = sorted(a.seconds for a in answers)
    return {
        "server": name,
        "requests": len(answers),
        "seconds": round(wall, 2),
        "per_second": round(len(answers) / wall, 1),
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 1),
        "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)], 1),
        "max_ms": round(1000 * latencies[-1], 1),
        "statuses": dict(sorted(Counter(f"{a.request.kind} {a.status}" for a in answers).items())),
        "accepted": sum(1 for a in answers if a.request.kind == "open" and a.status == 202),
        "problems": problems,
    }


def check(answers: list[Answer], database: Path) -> list[str]:
    """Everything that went wrong, from the answers and Isso's database."""
    problems = []
    for answer in answers:
        kind, status = answer.request.kind, answer.status
        if status == 0 or status >= 500:
            problems.append(f"request {answer.request.serial} ({kind} {answer.request.uri}): {status or 'no answer'}")
        elif kind in ("closed", "unmade") and status != 403:
            problems.append(f"request {answer.request.serial}: a comment on a {kind} thread got {status}, not 403")
        elif kind == "open" and status != 202:  # moderation is on: accepted means 202
            problems.append(f"request {answer.request.serial}: a comment on an open thread got {status}, not 202")
        elif kind == "read" and status not in (200, 404):  # 404: no comment there yet
            problems.append(f"request {answer.request.serial}: a read got {status}")
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        stored = db.execute("SELECT threads.uri, comments.text FROM comments JOIN threads ON comments.tid = threads.id").fetchall()
    sent = {f"load {a.request.serial} on {a.request.uri}": a.request.uri for a in answers if a.request.kind == "open" and a.status == 202}
    texts = Counter(text for _, text in stored)
    for text, times in texts.items():
        if times > 1:
            problems.append(f"stored {times} times: {text!r}")
    for uri, text in stored:
        if text not in sent:
            problems.append(f"stored but never accepted: {text!r} in {uri}")
        elif sent[text] != uri:
            problems.append(f"misplaced: {text!r} stored in {uri}")
    lost = set(sent) - set(texts)
    problems += [f"lost: {text!r}" for text in sorted(lost)]
    per_thread_sent = Counter(sent.values())
    per_thread_stored = Counter(uri for uri, _ in stored)
    if per_thread_sent != per_thread_stored:
        problems.append(f"per-thread counts differ: sent {dict(per_thread_sent)}, stored {dict(per_thread_stored)}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--threads", type=int, default=4, help="waitress threads (byline comments serve --threads)")
    parser.add_argument("--open-threads", type=int, default=40)
    parser.add_argument("--closed-threads", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-baseline", action="store_true", help="skip the Werkzeug development server run")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    if not (1 <= args.concurrency <= 200 and 1 <= args.requests <= 20000):
        parser.error("keep the load bounded: 1-200 at a time, 1-20,000 requests")
    requests = plan(args.requests, args.open_threads, args.closed_threads, args.seed)
    print(f"load average at start: {os.getloadavg()[0]:.2f}; {args.requests} requests, {args.concurrency} at a time, "
          f"{args.open_threads} open and {args.closed_threads} closed threads, 127.0.0.1 only")
    results = []
    with tempfile.TemporaryDirectory(prefix="byline-load-") as temp:
        servers = ["waitress"] + ([] if args.no_baseline else ["werkzeug"])
        for name in servers:
            folder = Path(temp) / name
            folder.mkdir()
            port = free_port()
            config, manifest = write_site(folder, port, args.open_threads, args.closed_threads)
            if name == "waitress":
                command = [sys.executable, "-m", "byline.cli", "comments", "serve", "--isso-config", str(config),
                           "--manifest", str(manifest), "--threads", str(args.threads)]
            else:
                command = [sys.executable, "-c", BASELINE, str(config), str(manifest), str(port)]
            result = run(name, command, port, folder, requests, args.concurrency)
            results.append(result)
            print(f"\n{name}: {result['requests']} requests in {result['seconds']} s = {result['per_second']}/s; "
                  f"latency p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms")
            print(f"  answers: {result['statuses']}")
            print(f"  {result['accepted']} comments accepted, each found once in its own thread: "
                  f"{'yes' if not result['problems'] else 'NO'}")
            for problem in result["problems"][:20]:
                print(f"  PROBLEM: {problem}")
    if len(results) == 2:
        ours, base = results
        print(f"\nwaitress / werkzeug: throughput x{ours['per_second'] / base['per_second']:.2f}, "
              f"p95 latency x{ours['p95_ms'] / base['p95_ms']:.2f}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    failed = [r["server"] for r in results if r["problems"]]
    print("\nverdict: " + ("every check passed" if not failed else f"FAILED on {', '.join(failed)}"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
