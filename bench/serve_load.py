"""Load test of ``ihl serve`` on this machine only (127.0.0.1): many assessments from concurrent clients.

Starts ``ihl serve`` as its own process on a free port of 127.0.0.1, sends ``--requests`` POST
/assess requests (the example incident files, in turn) from ``--clients`` threads, and reports
throughput and latency (p50, p99, max). Then checks that nothing was lost — every request answered
200 with the findings of the incident it sent — and, after stopping the server (SIGTERM), that none
of its worker processes is left behind. Bounded: it gives up after ``--limit`` seconds.

    python bench/serve_load.py --requests 2000 --clients 20 --workers 2

Prints one JSON object; exits 1 if a request was lost or failed, or a worker outlived the server.
Not a test: speed is measured here, never asserted in the suite.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anything else: this is a load test of the local machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    """The direct child processes of ``pid`` (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=float, default=1800.0, help="seconds before giving up")
    args = parser.parse_args()

    files = sorted((ROOT / "examples").rglob("*.yaml"))
    bodies = [(f.read_bytes(), f) for f in files]
    token = secrets.token_urlsafe(24)
    port = _free_port()
    env = os.environ | {"IHL_TOKEN": token}
    log = tempfile.TemporaryFile()  # the server's log (a pipe nobody reads would fill and stop it)
    server = subprocess.Popen([sys.executable, "-c", "from engine.cli import main; main()", "serve", "--host", HOST,
                               "--port", str(port), "--workers", str(args.workers), "--waiting", str(args.clients * 2)],
                              env=env, stdout=subprocess.DEVNULL, stderr=log)
    started = time.monotonic()
    while True:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() - started > 120:
            log.seek(0)
            print(log.read().decode(), file=sys.stderr)
            return 1
        time.sleep(0.2)
    workers = _children(server.pid)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/yaml"}
    expected = {f: yaml.safe_load(body)["incident"]["id"] for body, f in bodies}  # what each must come back with

    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    counter = iter(range(args.requests))
    deadline = time.monotonic() + args.limit

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=args.limit)
        for n in counter:
            if time.monotonic() > deadline:
                with lock:
                    failures.append(f"request {n}: not sent, over the time limit")
                continue
            body, f = bodies[n % len(bodies)]
            t = time.perf_counter()
            try:
                connection.request("POST", "/assess", body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=args.limit)
                with lock:
                    failures.append(f"request {n}: {type(exc).__name__}: {exc}")
                continue
            elapsed = time.perf_counter() - t
            ok = response.status == 200 and {a["incident_id"] for a in json.loads(data)} == {expected[f]}
            with lock:
                latencies.append(elapsed)
                if not ok:
                    failures.append(f"request {n} ({f.name}): HTTP {response.status} {data[:200]!r}")

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    time.sleep(0.5)
    left = [pid for pid in workers if _alive(pid)]
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1) if ordered else float("nan")

    report = {
        "requests": args.requests, "clients": args.clients, "workers": args.workers, "files": len(bodies),
        "answered": len(latencies), "ok": len(latencies) - sum(1 for f in failures if "HTTP" in f),
        "failures": failures[:10], "failure_count": len(failures),
        "wall_s": round(wall, 1), "throughput_per_s": round(len(latencies) / wall, 1),
        "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": round(max(ordered) * 1000, 1) if ordered else None,
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1) if ordered else None,
        "workers_seen": len(workers), "workers_left": left, "server_exit": server.returncode,
        "load_average": os.getloadavg(), "cpus": os.cpu_count(), "python": sys.version.split()[0],
    }
    print(json.dumps(report, indent=2))
    return 1 if failures or left else 0


if __name__ == "__main__":
    sys.exit(main())
