"""Triage at scale: ``ihl triage`` on N synthetic imported records (default 10,000).

    .venv/bin/python bench/triage_bench.py            # 10,000 records
    .venv/bin/python bench/triage_bench.py --n 1000   # fewer

Builds N seeded synthetic records in the Airwars shape (random dates, places, belligerents, strike
types, local times, casualty figures, "No Warning" tags, some with the belligerent's own assessment),
imports them with ``engine.importers.airwars`` into one JSONL file (as ``ihl import … -o x.jsonl``
does), then times ``engine.triage.run`` on that file with ``--jobs`` workers (default 1) — reading, validating and
triaging every record — and prints the figures. No third-party record is used.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import compare, triage  # noqa: E402
from engine.importers import airwars  # noqa: E402
from engine.importers.common import write  # noqa: E402

BELLIGERENTS = ["Test Coalition", "Test Air Force", "Test Army", "Test Militia"]
STRIKES = ["Airstrike", "Artillery", "Drone Strike", "Airstrike and/or Artillery", "Ground operation"]
TIMES = ["morning", "evening", "afternoon", "around_dawn", "during_the_night", "10:30:00", None]
GRADES = ["Confirmed", "Fair", "Weak", "Contested", "Discounted"]


def record(i: int, rng: random.Random) -> dict:
    low = rng.randint(0, 12)
    tags = ["No Warning"] if rng.random() < 0.2 else []
    narrative = ""
    if rng.random() < 0.1:
        narrative = (f"{rng.choice(BELLIGERENTS)} position on incident\n\nNon credible / Unsubstantiated\n\n"
                     "Reason for non-credible assessment\n\nNo Coalition strikes were conducted in the geographical area\n")
    return {
        "incident_code": f"SY{i:05d}", "incident_date": f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "location": f"Village {rng.randint(1, 500)}", "country": "Syria",
        "latitude": rng.uniform(32, 37), "longitude": rng.uniform(35, 42),
        "alleged_belligerent": rng.choice(BELLIGERENTS), "strike_type": rng.choice(STRIKES),
        "civilian_deaths_min": low, "civilian_deaths_max": low + rng.randint(0, 5),
        "assessment": rng.choice(GRADES), "narrative": narrative,
        "sources": [{"url": f"https://news.example.org/{i}/{k}", "platform_original": "Website"} for k in range(rng.randint(1, 4))],
        "victims": [{"name_original": "never read", "age_group_original": rng.choice(["child", "adult"]),
                     "status_original": "killed"} for _ in range(rng.randint(0, 3))],
        "legacy_incident_fields": {"التوقيت المحلي — الأصل": rng.choice(TIMES), "ملاحظات تصنيفية — الأصل": ", ".join(tags)},
    }


def _cpu() -> float:
    """CPU seconds (user + system) of this process and its finished workers: a figure the other load on
    a shared machine does not inflate the way it inflates wall time."""
    me = os.times()
    return me.user + me.system + me.children_user + me.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for triage")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        imported = [airwars.convert(record(i, rng), f"synthetic-{i}.json") for i in range(args.n)]
        path = Path(tmp) / "records.jsonl"
        write(imported, path)
        import_s = time.perf_counter() - started
        started, cpu_before = time.perf_counter(), _cpu()
        rows = triage.run([path], jobs=args.jobs)
        triage_s, triage_cpu = time.perf_counter() - started, _cpu() - cpu_before
    bad = sum(1 for r in rows if r.problems)
    patterns = len({k for k in compare._MEMO if k[0] == "decisive"})  # in this process only: 0 when run in a worker
    print(f"records: {args.n:,} (imported {sum(1 for r in imported if r.data):,}, bad in triage {bad})")
    print(f"import (convert + validate + write JSONL): {import_s:.1f} s")
    print(f"triage (read + validate + triage, {args.jobs} worker(s)): {triage_s:.1f} s wall = {args.n / triage_s:,.0f} records/s; "
          f"CPU {triage_cpu:.1f} s (this process and its workers); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"top incident: {rows[0].incident} decided {len(rows[0].decided)}, one fact away {len(rows[0].one_fact_away)}"
          + (f" (patterns seen in this process: {patterns})" if patterns else ""))


if __name__ == "__main__":
    main()
